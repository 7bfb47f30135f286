"""The plugin's settings and their defaults (documented in README.md)."""

from __future__ import annotations

from .reading_time import DEFAULT_WORDS_PER_MINUTE

DEFAULTS = {
    "READING_LISTS_PATH": "reading-lists",
    "READING_LISTS_FEATURED": "start-here",
    "READING_LISTS_WORDS_PER_MINUTE": DEFAULT_WORDS_PER_MINUTE,
    "READING_LISTS_INDEX_URL": "reading-lists/",
    "READING_LISTS_INDEX_SAVE_AS": "reading-lists/index.html",
    "READING_LISTS_LIST_URL": "reading-lists/{slug}/",
    "READING_LISTS_LIST_SAVE_AS": "reading-lists/{slug}/index.html",
    "READING_LISTS_FEED_ATOM": "feeds/reading-lists/{slug}.atom.xml",
}


def apply_defaults(settings: dict) -> None:
    for name, value in DEFAULTS.items():
        settings.setdefault(name, value)


def absolute(base: str, path: str) -> str:
    """`path` under `base` (SITEURL or FEED_DOMAIN), with exactly one slash between."""
    return f"{base.rstrip('/')}/{path.lstrip('/')}"
