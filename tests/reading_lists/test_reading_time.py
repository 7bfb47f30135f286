"""Reading time from words: counted in text only, rounded up, set on every kind of article."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from reading_lists.reading_time import attach_reading_time, count_words, minutes


@pytest.mark.parametrize(
    ("html", "words"),
    [
        ("<p>one</p><p>two</p>", 2),
        ("<ul><li>a</li><li>b</li></ul>three<br>four", 4),
        ('<p>A <a href="https://example.org/a-very-long-url">link</a> here.</p>', 3),
        ("<p>Q&amp;A, caf&eacute; &mdash; done &middot; 2026</p>", 4),
        ("<!-- a comment of six words here --><p>seen</p>", 1),
        ("", 0),
    ],
)
def test_count_words_counts_text_not_markup(html, words):
    assert count_words(html) == words


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
    assert minutes("<p>" + "word " * words + "</p>", per_minute) == expected


def test_every_article_group_gets_a_reading_time(make_article, settings):
    settings["READING_LISTS_WORDS_PER_MINUTE"] = 100
    groups = {
        name: [make_article(f"{name}-post", words=250)]
        for name in (
            "articles",
            "translations",
            "hidden_articles",
            "hidden_translations",
            "drafts",
            "drafts_translations",
        )
    }
    for [article] in groups.values():
        del article.reading_time

    attach_reading_time(SimpleNamespace(settings=settings, **groups))

    assert {name: article.reading_time for name, [article] in groups.items()} == dict.fromkeys(
        groups, 3
    )


def test_a_post_from_the_content_cache_is_not_counted_again(make_article, settings):
    """Pelican's content cache keeps `word_count`; a rebuild trusts it for unchanged posts."""
    article = make_article("cached-post", words=10)
    assert article.word_count == 10
    article.word_count = 1000  # as if the cached copy had been counted at 1000 words

    attach_reading_time(SimpleNamespace(settings=settings, articles=[article]))

    assert article.reading_time == 5
