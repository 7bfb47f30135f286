"""Reading time from words: counted in text only, rounded up, set on every kind of article."""

from __future__ import annotations

from html import escape
from html.entities import codepoint2name
from html.parser import HTMLParser

import hypothesis
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pelican import signals
from pelican.contents import Article
from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.plugins.reading_lists import reading_time
from pelican.plugins.reading_lists.reading_time import (
    WORD_COUNT,
    attach_reading_time,
    count_words,
    count_words_when_read,
    counting_reader,
    minutes,
)
from pelican.readers import MarkdownReader, Readers


@pytest.mark.parametrize(
    ("html", "words"),
    [
        ("<p>one</p><p>two</p>", 2),
        ("<ul><li>a</li><li>b</li></ul>three<br>four", 4),
        ('<p>A <a href="https://example.org/a-very-long-url">link</a> here.</p>', 3),
        ("<p>Q&amp;A, caf&eacute; &mdash; done &middot; 2026</p>", 4),
        ("<!-- a comment of six words here --><p>seen</p>", 1),
        ("&mdash; first, - - - _ __ then*", 2),
        ("", 0),
    ],
)
def test_count_words_counts_text_not_markup(html, words):
    assert count_words(html) == words


CHARACTERS = st.sampled_from(list(" \n\t\u00a0\u2028ab1_-—•&.,é٣\u0301<>’ÿ\x1f"))


def words_in(text: str) -> int:
    return sum(any(c.isalnum() for c in token) for token in text.split())


@hypothesis.settings(max_examples=300, deadline=None)
@given(st.text(alphabet=CHARACTERS, max_size=40))
def test_a_word_is_a_run_of_non_space_with_a_letter_or_digit_in_it(text):
    assert count_words(escape(text)) == words_in(text)


def as_reference(char: str, how: str) -> str:
    """`char` written as is (escaped) or as a character reference, where HTML allows one."""
    if char == "\x1f":  # a control character: a reference to it stands for nothing
        return char
    name = codepoint2name.get(ord(char))
    if how == "named" and name:
        return f"&{name};"
    return {"decimal": f"&#{ord(char)};", "hex": f"&#x{ord(char):X};"}.get(how, escape(char))


@hypothesis.settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(CHARACTERS, st.sampled_from(["as is", "decimal", "hex", "named"]))))
def test_a_character_reference_counts_as_the_character_it_stands_for(pieces):
    """`&nbsp;` parts words, `caf&eacute;` is one, `&mdash;` on its own is none."""
    fragment = "".join(as_reference(char, how) for char, how in pieces)
    assert count_words(fragment) == words_in("".join(char for char, _ in pieces))


@pytest.mark.parametrize(
    ("words", "per_minute", "expected"),
    [
        (0, 230, 1),
        (1, 230, 1),
        (230, 230, 1),
        (231, 230, 2),
        (460, 230, 2),
        (461, 230, 3),
        (300, 100, 3),
    ],
)
def test_minutes_round_up_and_never_show_zero(words, per_minute, expected):
    assert minutes(words, per_minute) == expected


GROUPS = (
    "articles",
    "translations",
    "hidden_articles",
    "hidden_translations",
    "drafts",
    "drafts_translations",
)


def generator(kind, settings, tmp_path, **lists):
    made = kind(
        context=dict(settings, generated_content={}, static_content={}),
        settings=settings,
        path=str(tmp_path),
        theme=settings["THEME"],
        output_path=str(tmp_path / "output"),
    )
    for name, contents in lists.items():
        setattr(made, name, contents)
    return made


def test_every_article_group_gets_a_reading_time_and_pages_none(make_article, settings, tmp_path):
    settings["READING_LISTS_WORDS_PER_MINUTE"] = 100
    groups = {name: [make_article(f"{name}-post", words=250)] for name in GROUPS}
    for [article] in groups.values():
        del article.reading_time
    page = make_article("a-page", words=250)
    del page.reading_time

    attach_reading_time(
        [
            generator(ArticlesGenerator, settings, tmp_path, **groups),
            generator(PagesGenerator, settings, tmp_path, pages=[page]),
        ]
    )

    assert {name: article.reading_time for name, [article] in groups.items()} == dict.fromkeys(
        groups, 3
    )
    assert not hasattr(page, "reading_time")


def test_a_count_in_the_metadata_is_trusted(make_article, settings, tmp_path):
    """Posts read through a counting reader carry their count; it is not redone."""
    article = make_article("cached-post", words=10)
    article.metadata[WORD_COUNT] = 1000  # as if the reader had counted 1000 words

    attach_reading_time([generator(ArticlesGenerator, settings, tmp_path, articles=[article])])

    assert article.reading_time == 5


def test_readers_count_words_as_they_read_and_the_content_cache_keeps_the_count(
    tmp_path, settings, monkeypatch
):
    """Pelican's own readers and reader-layer cache: a second read of an unchanged post
    comes from the cache with its count, and nothing is counted again."""
    post = tmp_path / "post.md"
    post.write_text("Title: Post\nDate: 2026-01-01\n\nOne *two* three [four](x).\n")
    settings.update(CACHE_PATH=str(tmp_path / "cache"), CACHE_CONTENT=True, LOAD_CONTENT_CACHE=True)
    counted = []
    monkeypatch.setattr(reading_time, "count_words", lambda html: counted.append(html) or 4)
    signals.readers_init.connect(count_words_when_read)
    try:
        first = Readers(settings, cache_name="ArticlesGenerator-Readers")
        article = first.read_file(str(tmp_path), "post.md", content_class=Article)
        first.save_cache()
        again = Readers(settings, cache_name="ArticlesGenerator-Readers").read_file(
            str(tmp_path), "post.md", content_class=Article
        )
    finally:
        signals.readers_init.disconnect(count_words_when_read)

    assert article.metadata[WORD_COUNT] == again.metadata[WORD_COUNT] == 4
    assert len(counted) == 1


def test_the_counting_reader_counts_what_the_real_reader_returns(tmp_path, settings):
    post = tmp_path / "post.md"
    post.write_text("Title: Post\n\n# Heading words\n\nOne *two* three [four](x).\n")
    content, metadata = counting_reader(MarkdownReader)(settings).read(str(post))
    assert metadata[WORD_COUNT] == count_words(content) == 6


class _Text(HTMLParser):
    """The reference: a real HTML parser's text nodes, entities decoded."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def words_by_the_book(fragment: str) -> int:
    """Slow and plain: whitespace-separated runs of text with a letter or digit in them."""
    parser = _Text()
    parser.feed(fragment)
    parser.close()
    text = " ".join(parser.parts)
    return sum(any(char.isalnum() for char in run) for run in text.split())


TEXT = st.text(
    alphabet=[*"ab1 _-—·.,'\"\t\n", "\xa0", "\u2028", "\x1c", "é", "\u0301", "日", "👩"],
    max_size=40,
)
MARKUP = st.sampled_from(
    [
        *("<p>", "</p>", "<br>", '<a href="x>y">', "<em class='a>b'>", "</em>", "<!-- c -->"),
        *("&amp;", "&mdash;", "&nbsp;", "&#8217;", "&eacute;"),
    ]
)


@given(st.lists(st.one_of(TEXT, MARKUP), max_size=12))
def test_count_words_agrees_with_an_html_parser(parts):
    fragment = "".join(parts)
    assert count_words(fragment) == words_by_the_book(fragment)
