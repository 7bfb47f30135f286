"""Reading lists: curated paths through our posts and outside reads (see README.md)."""

from __future__ import annotations

from pathlib import Path

from givefirst_kit.static import add_static
from givefirst_kit.templates import warn_unless_included
from jinja2 import FileSystemLoader
from pelican import signals
from pelican.generators import ArticlesGenerator

from .generator import ReadingListsGenerator
from .reading_time import attach_reading_time, count_words_when_read

HERE = Path(__file__).resolve().parent
# The plugin's settings, documented in README.md.
DEFAULTS = {
    "READING_LISTS_PATH": "reading-lists",
    "READING_LISTS_FEATURED": "start-here",
    "READING_LISTS_WORDS_PER_MINUTE": 230,
    "READING_LISTS_INDEX_URL": "reading-lists/",
    "READING_LISTS_INDEX_SAVE_AS": "reading-lists/index.html",
    "READING_LISTS_LIST_URL": "reading-lists/{slug}/",
    "READING_LISTS_LIST_SAVE_AS": "reading-lists/{slug}/index.html",
    "READING_LISTS_FEED_ATOM": "feeds/reading-lists/{slug}.atom.xml",
}


def add_settings_and_assets(pelican) -> None:
    """Defaults first; then our static folder, whose styles our templates link themselves."""
    for name, value in DEFAULTS.items():
        pelican.settings.setdefault(name, value)
    add_static(pelican.settings, HERE / "static")


def add_template_loader(generator) -> None:
    """After the theme's loaders, so `theme/templates/reading_lists/*` overrides ours."""
    generator.env.loader.loaders.append(FileSystemLoader(str(HERE / "templates")))


def check_theme(generators) -> None:
    """Say once per build when a post is in a reading list but the theme cannot show it."""
    for generator in generators:
        if isinstance(generator, ArticlesGenerator) and any(
            getattr(post, "reading_lists", None) for post in generator.articles
        ):
            warn_unless_included(
                generator.env,
                "reading_lists",
                "reading_lists/article_nav.html",
                "posts do not show their place in their reading lists",
            )


def get_generators(pelican) -> type[ReadingListsGenerator]:
    return ReadingListsGenerator


def register() -> None:
    signals.initialized.connect(add_settings_and_assets)
    signals.generator_init.connect(add_template_loader)
    signals.get_generators.connect(get_generators)
    signals.readers_init.connect(count_words_when_read)
    signals.all_generators_finalized.connect(attach_reading_time)
    signals.all_generators_finalized.connect(check_theme)
