"""Minutes to read a post, from the words a reader sees in it: shown on every post and
summed on list pages."""

from __future__ import annotations

import html
import math
import re

from givefirst_kit.content import contents
from pelican.generators import ArticlesGenerator

# Comments, then tags (an attribute value may hold ">" inside its quotes).
MARKUP = re.compile(r"<!--.*?-->|<[^>\"']*(?:(?:\"[^\"]*\"|'[^']*')[^>\"']*)*>", re.DOTALL)
# A run of non-space characters with a letter or digit in it: "(see" and "'twas" are words.
WORD = re.compile(r"\S*[^\W_]\S*")
# The reader's metadata carries each post's count, so Pelican's content cache keeps it.
WORD_COUNT = "reading_lists_word_count"


def count_words(fragment: str) -> int:
    """Words in the text of an HTML fragment: `<p>one</p><p>two</p>` is two."""
    return len(WORD.findall(html.unescape(MARKUP.sub(" ", fragment))))


def minutes(words: int, words_per_minute: int) -> int:
    """Whole minutes, rounded up; at least 1 so no post reads as "0 min"."""
    return max(1, math.ceil(words / words_per_minute))


def counting_reader(reader_class: type) -> type:
    """`reader_class`, also counting the words of what it reads into the metadata."""

    class WordCountingReader(reader_class):
        def read(self, source_path):
            content, metadata = super().read(source_path)
            return content, {**metadata, WORD_COUNT: count_words(content or "")}

    return WordCountingReader


def count_words_when_read(readers) -> None:
    """`readers_init`: every enabled reader (Markdown, reST, HTML, a plugin's) counts words
    as it reads, so Pelican's content cache keeps the count and a rebuild counts only the
    posts that changed; counting all on every build costs it a fifth more (docs/benchmarks.md)."""
    for extension, reader_class in readers.reader_classes.items():
        if reader_class:
            readers.reader_classes[extension] = counting_reader(reader_class)


def attach_reading_time(generators) -> None:
    """`all_generators_finalized`: set `reading_time` on every post (published, hidden,
    draft, translation). A post no reader made (another plugin's) is counted here, in
    its `content`, which only now, with every page and file read, has its links."""
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            words_per_minute = generator.settings["READING_LISTS_WORDS_PER_MINUTE"]
            for article in contents(generator):
                words = article.metadata.get(WORD_COUNT)
                if words is None:
                    words = count_words(article.content)
                article.reading_time = minutes(words, words_per_minute)
