"""Minutes to read a post, from the words a reader sees in it: shown on every post and
summed on list pages."""

from __future__ import annotations

import html
import math
import re

from givefirst_kit.content import contents
from pelican.generators import ArticlesGenerator

DEFAULT_WORDS_PER_MINUTE = 230
# Comments, then tags (an attribute value may hold ">" inside its quotes).
MARKUP = re.compile(r"<!--.*?-->|<[^>\"']*(?:(?:\"[^\"]*\"|'[^']*')[^>\"']*)*>", re.DOTALL)
# A run of non-space characters with a letter or digit in it: "(see" and "'twas" are words.
WORD = re.compile(r"\S*[^\W_]\S*")


def count_words(fragment: str) -> int:
    """Words in the text of an HTML fragment: `<p>one</p><p>two</p>` is two."""
    return len(WORD.findall(html.unescape(MARKUP.sub(" ", fragment))))


def minutes(words: int, words_per_minute: int = DEFAULT_WORDS_PER_MINUTE) -> int:
    """Whole minutes, rounded up; at least 1 so no post reads as "0 min"."""
    return max(1, math.ceil(words / words_per_minute))


def attach_reading_time(generators) -> None:
    """`all_generators_finalized`: set `reading_time` on every post (published, hidden,
    draft, translation), counted in its `content`, which only now, with every page and
    file read, has the links it will have on its page."""
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            words_per_minute = generator.settings["READING_LISTS_WORDS_PER_MINUTE"]
            for article in contents(generator):
                article.reading_time = minutes(count_words(article.content), words_per_minute)
