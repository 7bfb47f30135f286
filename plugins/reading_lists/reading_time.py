"""Minutes to read a post, from its words: shown on every post and summed on list pages."""

from __future__ import annotations

import math
from html.parser import HTMLParser

DEFAULT_WORDS_PER_MINUTE = 230


class _WordCounter(HTMLParser):
    """Counts words in text nodes only, so `<p>one</p><p>two</p>` is two words.

    A word is a run of non-space characters with a letter or digit in it: dashes and
    bullets on their own do not count.
    """

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.words = 0

    def handle_data(self, data: str) -> None:
        self.words += sum(1 for token in data.split() if any(c.isalnum() for c in token))


def count_words(html: str) -> int:
    counter = _WordCounter()
    counter.feed(html)
    counter.close()
    return counter.words


def minutes(html: str, words_per_minute: int = DEFAULT_WORDS_PER_MINUTE) -> int:
    """Whole minutes, rounded up; at least 1 so no post reads as "0 min"."""
    return max(1, math.ceil(count_words(html) / words_per_minute))


def attach_reading_time(article_generator) -> None:
    """Set `reading_time` on every article: published, hidden, draft and translations.

    Reads `_content`, the HTML before Pelican rewrites intra-site links: `content` would
    resolve (and memoize) links to pages that are not read yet at this point.
    """
    words_per_minute = article_generator.settings["READING_LISTS_WORDS_PER_MINUTE"]
    for group in (
        "articles",
        "translations",
        "hidden_articles",
        "hidden_translations",
        "drafts",
        "drafts_translations",
    ):
        for article in getattr(article_generator, group, ()):
            article.reading_time = minutes(article._content or "", words_per_minute)
