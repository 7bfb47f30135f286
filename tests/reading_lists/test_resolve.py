"""Resolving lists against posts: order, positions, reading time, neighbours, bad slugs."""

from __future__ import annotations

import logging
import math
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pelican.plugins.reading_lists.load import OutsideRead, PostItem, ReadingList, ReadingListError
from pelican.plugins.reading_lists.resolve import memberships, resolve

from .conftest import SITEURL

BOOK = OutsideRead(
    title="Give and Take",
    url="https://en.wikipedia.org/wiki/Adam_Grant",
    kind="book",
    author="Adam Grant",
    note="Why givers do well.",
    line=9,
)


def reading_list(tmp_path: Path, slug: str, *items, title: str = "Start here") -> ReadingList:
    source = tmp_path / f"{slug}.yml"
    source.write_text("# stands in for the YAML file\n")
    return ReadingList(slug=slug, title=title, items=tuple(items), source=source)


def test_entries_keep_list_order_with_positions_and_absolute_urls(tmp_path, make_article, settings):
    first, second = make_article("first-post"), make_article("second-post")
    lists = [
        reading_list(tmp_path, "start-here", PostItem("second-post"), BOOK, PostItem("first-post"))
    ]

    [resolved] = resolve(lists, articles=[first, second], drafts=[], settings=settings)

    assert [(entry.position, entry.title, entry.url) for entry in resolved.entries] == [
        (1, second.title, f"{SITEURL}/second-post/"),
        (2, BOOK.title, BOOK.url),
        (3, first.title, f"{SITEURL}/first-post/"),
    ]
    assert resolved.url == f"{SITEURL}/reading-lists/start-here/"
    assert resolved.feed_url == f"{SITEURL}/feeds/reading-lists/start-here.atom.xml"
    assert resolved.entries[1].host == "en.wikipedia.org"
    assert resolved.entries[1].article is None
    assert [entry.article for entry in resolved.posts] == [second, first]


@pytest.mark.parametrize("words", [1, 229, 230, 231, 1000])
def test_reading_time_is_words_over_230_rounded_up(tmp_path, make_article, settings, words):
    article = make_article("post", words=words)
    lists = [reading_list(tmp_path, "start-here", PostItem("post"))]

    [resolved] = resolve(lists, articles=[article], drafts=[], settings=settings)

    assert resolved.entries[0].reading_time == math.ceil(words / 230)


def test_total_reading_time_is_the_sum_of_the_posts_shown(tmp_path, make_article, settings):
    posts = [
        make_article("a", words=300),
        make_article("b", words=700),
        make_article("c", words=50),
    ]
    lists = [
        reading_list(tmp_path, "start-here", PostItem("a"), BOOK, PostItem("b"), PostItem("c"))
    ]

    [resolved] = resolve(lists, articles=posts, drafts=[], settings=settings)

    assert resolved.reading_time == sum(math.ceil(words / 230) for words in (300, 700, 50))


def test_unknown_slug_names_file_item_slug_and_closest_slugs(tmp_path, make_article, settings):
    articles = [
        make_article(slug) for slug in ("the-biggest-networking-mistake", "share-like-a-friend")
    ]
    item = PostItem("the-bigest-networking-mistake", line=7)
    lists = [reading_list(tmp_path, "start-here", BOOK, item)]

    with pytest.raises(ReadingListError) as caught:
        resolve(lists, articles=articles, drafts=[], settings=settings)

    assert caught.value.problems == [
        f"{tmp_path / 'start-here.yml'}:7: item 2: no published post has the slug "
        "'the-bigest-networking-mistake'; closest existing slugs: "
        "the-biggest-networking-mistake. A post's slug is its `Slug:` metadata, or its "
        "file name."
    ]


def test_unknown_slug_with_nothing_close_says_so(tmp_path, make_article, settings):
    lists = [reading_list(tmp_path, "start-here", PostItem("zzz", line=4))]

    with pytest.raises(ReadingListError) as caught:
        resolve(lists, articles=[make_article("share-like-a-friend")], drafts=[], settings=settings)

    [problem] = caught.value.problems
    assert (
        "item 1: no published post has the slug 'zzz'; no published post has a similar slug."
        in problem
    )


def test_every_unknown_slug_in_every_list_is_reported(tmp_path, make_article, settings):
    lists = [
        reading_list(tmp_path, "one", PostItem("missing-a", line=3)),
        reading_list(tmp_path, "two", PostItem("missing-b", line=5), PostItem("missing-c", line=6)),
    ]

    with pytest.raises(ReadingListError) as caught:
        resolve(lists, articles=[make_article("real")], drafts=[], settings=settings)

    assert [problem.split(": item")[0] for problem in caught.value.problems] == [
        f"{tmp_path / 'one.yml'}:3",
        f"{tmp_path / 'two.yml'}:5",
        f"{tmp_path / 'two.yml'}:6",
    ]


def test_draft_is_reported_and_left_out(tmp_path, make_article, settings, caplog):
    published, draft = make_article("published"), make_article("not-yet", status="draft")
    lists = [
        reading_list(tmp_path, "start-here", PostItem("not-yet", line=4), PostItem("published"))
    ]

    with caplog.at_level(logging.WARNING, logger="reading_lists"):
        [resolved] = resolve(lists, articles=[published], drafts=[draft], settings=settings)

    assert [(entry.position, entry.article) for entry in resolved.entries] == [(1, published)]
    [record] = caplog.records
    assert record.levelno == logging.WARNING
    assert record.getMessage() == (
        f"{tmp_path / 'start-here.yml'}:4: item 1: the post 'not-yet' is a draft, so it is left "
        "out of the list 'Start here' until it is published (set its `Status:` to published, "
        "or remove the item)."
    )


def test_outside_reads_with_the_same_title_get_their_own_anchor(tmp_path, settings):
    talk = OutsideRead(title="Give and Take", url="https://example.org/talk", kind="talk", note="n")
    lists = [reading_list(tmp_path, "start-here", BOOK, talk)]

    [resolved] = resolve(lists, articles=[], drafts=[], settings=settings)

    anchors = [entry.anchor for entry in resolved.entries]
    assert anchors[0] == "read-give-and-take"
    assert len(set(anchors)) == 2


def test_list_date_is_its_newest_post(tmp_path, make_article, settings):
    older, newer = make_article("older", day=3), make_article("newer", day=20)
    lists = [reading_list(tmp_path, "start-here", PostItem("newer"), PostItem("older"))]

    [resolved] = resolve(lists, articles=[older, newer], drafts=[], settings=settings)

    assert resolved.updated == newer.date


def test_list_of_outside_reads_only_is_dated_by_its_file(tmp_path, settings):
    lists = [reading_list(tmp_path, "books", BOOK)]
    stamp = datetime(2025, 6, 1, 12, 0, tzinfo=UTC).timestamp()
    os.utime(lists[0].source, (stamp, stamp))

    [resolved] = resolve(lists, articles=[], drafts=[], settings=settings)

    assert resolved.updated.timestamp() == stamp


def test_memberships_give_place_total_and_neighbours_in_every_list(
    tmp_path, make_article, settings
):
    posts = {slug: make_article(slug) for slug in ("intro", "middle", "last")}
    lists = [
        reading_list(tmp_path, "start-here", PostItem("intro"), BOOK, PostItem("middle")),
        reading_list(
            tmp_path, "job-hunting", PostItem("middle"), PostItem("last"), title="Job hunting"
        ),
    ]
    resolved = resolve(lists, articles=posts.values(), drafts=[], settings=settings)

    places = memberships(resolved)

    assert places["middle"] == [
        {
            "slug": "start-here",
            "title": "Start here",
            "url": f"{SITEURL}/reading-lists/start-here/",
            "position": 3,
            "total": 3,
            "previous": {
                "title": BOOK.title,
                "url": BOOK.url,
                "kind": "book",
                "author": "Adam Grant",
            },
            "next": None,
        },
        {
            "slug": "job-hunting",
            "title": "Job hunting",
            "url": f"{SITEURL}/reading-lists/job-hunting/",
            "position": 1,
            "total": 2,
            "previous": None,
            "next": {
                "title": posts["last"].title,
                "url": f"{SITEURL}/last/",
                "kind": None,
                "author": None,
            },
        },
    ]
    assert places["intro"][0]["next"]["title"] == BOOK.title
    assert set(places) == {"intro", "middle", "last"}


def test_feed_setting_none_means_no_feed_url(tmp_path, settings):
    settings["READING_LISTS_FEED_ATOM"] = None

    [resolved] = resolve(
        [reading_list(tmp_path, "books", BOOK)], articles=[], drafts=[], settings=settings
    )

    assert resolved.feed_url is None
