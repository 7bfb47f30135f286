"""Minutes to read a post, from its words: shown on every post and summed on list pages."""

from __future__ import annotations

import html
import math
import re

DEFAULT_WORDS_PER_MINUTE = 230

# Comments, then tags (attribute values may hold ">" inside quotes).
_MARKUP = re.compile(r"<!--.*?-->|<(?:[^>\"']|\"[^\"]*\"|'[^']*')*>", re.DOTALL)
# A word: a run of non-space characters with a letter or digit in it, so dashes and
# bullets on their own do not count.
_WORD = re.compile(r"\S*[^\W_]\S*")


def count_words(fragment: str) -> int:
    """Words in the text nodes of an HTML fragment: `<p>one</p><p>two</p>` is two.

    Regular expressions rather than an HTML parser: this runs on every post at every
    build, and a parser costs ten times as much for the same count.
    """
    text = html.unescape(_MARKUP.sub(" ", fragment))
    return len(_WORD.findall(text))


def minutes(fragment: str, words_per_minute: int = DEFAULT_WORDS_PER_MINUTE) -> int:
    """Whole minutes, rounded up; at least 1 so no post reads as "0 min"."""
    return minutes_for(count_words(fragment), words_per_minute)


def minutes_for(words: int, words_per_minute: int) -> int:
    return max(1, math.ceil(words / words_per_minute))


def attach_reading_time(article_generator) -> None:
    """Set `reading_time` on every article: published, hidden, draft and translations.

    Runs before Pelican saves its content cache: with `CONTENT_CACHING_LAYER = "generator"`
    each post's `word_count` is cached with the post and a rebuild counts only the posts
    that changed (the default "reader" layer caches text, so it counts again). Reads
    `_content`, the HTML before Pelican rewrites intra-site links: `content` would resolve
    (and memoize) links to pages that are not read yet at this point.
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
            words = getattr(article, "word_count", None)
            if words is None:
                words = article.word_count = count_words(article._content or "")
            article.reading_time = minutes_for(words, words_per_minute)
