"""Minutes to read a post, from its words: shown on every post and summed on list pages."""

from __future__ import annotations

import html
import math
import re
from functools import lru_cache

DEFAULT_WORDS_PER_MINUTE = 230

# Comments, then tags (attribute values may hold ">" inside quotes), written as an
# unrolled loop so the engine does not try an alternation at every character.
_MARKUP = re.compile(r"<!--.*?-->|<[^>\"']*(?:(?:\"[^\"]*\"|'[^']*')[^>\"']*)*>", re.DOTALL)
# A character reference, as `html.unescape` finds them (the same pattern).
_CHARACTER_REFERENCE = re.compile(r"&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)")
_BEYOND_LATIN1 = re.compile(r"[^\x00-\xff]")
# In a text of kinds (`_kind`), a run that starts with other characters and has a letter
# or digit in it: a word such as "(see" or "'twas".
_WORD_AFTER_PUNCTUATION = re.compile(rb" \.+a")


def _kind(char: str) -> str:
    """ " " for a space, "a" for a letter or digit, "." for anything else."""
    return " " if char.isspace() else "a" if char.isalnum() else "."


# `bytes.translate` table: each Latin-1 character's kind.
_LATIN1_KINDS = "".join(_kind(chr(code)) for code in range(256)).encode("ascii")


def count_words(fragment: str) -> int:
    """Words in the text nodes of an HTML fragment: `<p>one</p><p>two</p>` is two.

    A word is a run of non-space characters with a letter or digit in it. The text
    without markup is turned into its kinds of character, a byte each, so the words are
    the runs that start with a letter, which `bytes.count` finds, plus the few that
    start with punctuation. This runs on every post of every full build: an HTML parser,
    or regular expressions over the text itself, cost three to thirty times as much.
    """
    text = " " + _MARKUP.sub(" ", fragment)
    if "&" in text:
        text = _CHARACTER_REFERENCE.sub(_reference_kinds, text)
    try:
        latin1 = text.encode("latin-1")
    except UnicodeEncodeError:  # curly quotes typed as such, say
        latin1 = _BEYOND_LATIN1.sub(lambda char: _kind(char[0]), text).encode("latin-1")
    kinds = latin1.translate(_LATIN1_KINDS)
    return kinds.count(b" a") + len(_WORD_AFTER_PUNCTUATION.findall(kinds))


def _reference_kinds(reference: re.Match) -> str:
    return _decoded_kinds(reference[0])


@lru_cache(maxsize=1024)
def _decoded_kinds(reference: str) -> str:
    """The kinds of what a reference decodes to: decoding `&rsquo;` itself would leave
    characters beyond Latin-1 for the slower path."""
    return "".join(map(_kind, html.unescape(reference)))


def minutes(fragment: str, words_per_minute: int = DEFAULT_WORDS_PER_MINUTE) -> int:
    """Whole minutes, rounded up; at least 1 so no post reads as "0 min"."""
    return minutes_for(count_words(fragment), words_per_minute)


def minutes_for(words: int, words_per_minute: int) -> int:
    return max(1, math.ceil(words / words_per_minute))


# The reader's metadata carries each post's count, so Pelican's content cache keeps it.
WORD_COUNT = "reading_lists_word_count"
_COUNTING_READERS: dict[type, type] = {}


def counting_reader(reader_class: type) -> type:
    """`reader_class`, but counting the words of what it reads into the metadata.

    Counting as a file is read, not as a post is used, means a rebuild with the content
    cache on (either layer) counts only the posts that changed.
    """
    if reader_class not in _COUNTING_READERS:

        class WordCountingReader(reader_class):
            def read(self, source_path):
                content, metadata = super().read(source_path)
                return content, {**metadata, WORD_COUNT: count_words(content or "")}

        WordCountingReader.__name__ = f"WordCounting{reader_class.__name__}"
        WordCountingReader.__qualname__ = WordCountingReader.__name__
        _COUNTING_READERS[reader_class] = WordCountingReader
    return _COUNTING_READERS[reader_class]


def count_words_when_read(readers) -> None:
    """`readers_init`: wrap every enabled reader (Markdown, reST, HTML, a plugin's)."""
    for extension, reader_class in readers.reader_classes.items():
        if reader_class and reader_class not in _COUNTING_READERS.values():
            readers.reader_classes[extension] = counting_reader(reader_class)


def attach_reading_time(article_generator) -> None:
    """Set `reading_time` on every article: published, hidden, draft and translations.

    The words were counted when the post was read (`count_words_when_read`); a post made
    some other way (by another plugin) is counted here, from `_content`, the HTML before
    Pelican rewrites intra-site links: `content` would resolve (and memoize) links to
    pages that are not read yet at this point.
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
            words = article.metadata.get(WORD_COUNT)
            if words is None:
                words = count_words(article._content or "")
            article.reading_time = minutes_for(words, words_per_minute)
