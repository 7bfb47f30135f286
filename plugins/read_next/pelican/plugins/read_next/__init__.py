"""read_next: what to read after a post, and where a new reader should start (see README.md)."""

from __future__ import annotations

from pathlib import Path

from givefirst_kit.static import add_static
from givefirst_kit.templates import warn_unless_included
from jinja2 import FileSystemLoader
from pelican import signals
from pelican.generators import ArticlesGenerator

from . import picks

HERE = Path(__file__).resolve().parent
DEFAULTS = {
    "READ_NEXT_COUNT": 3,
    "READ_NEXT_PER_SUBJECT": 50,
    "READ_NEXT_START_HERE_COUNT": 5,
}


def add_settings_and_assets(pelican) -> None:
    """Defaults first; then our static folder, for the theme to link read_next.css."""
    settings = pelican.settings
    for name, value in DEFAULTS.items():
        settings.setdefault(name, value)
    add_static(settings, HERE / "static")


def add_template_loader(generator) -> None:
    """After the theme's loaders, so `theme/templates/read_next/*` overrides ours."""
    generator.env.loader.loaders.append(FileSystemLoader(str(HERE / "templates")))


def choose(generators) -> None:
    """Once every generator has its content, so each post's reading lists are known."""
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            settings = generator.settings
            articles = generator.articles
            chosen = picks.related(
                articles,
                [*articles, *generator.hidden_articles],
                siteurl=settings["SITEURL"],
                count=settings["READ_NEXT_COUNT"],
                per_subject=settings["READ_NEXT_PER_SUBJECT"],
            )
            for article, suggested in chosen.items():
                article.read_next = suggested
            if any(chosen.values()):
                warn_unless_included(
                    generator.env,
                    "read_next",
                    "read_next/read_next.html",
                    "posts suggest nothing to read next",
                )
            start_here = picks.start_here(
                articles, siteurl=settings["SITEURL"], count=settings["READ_NEXT_START_HERE_COUNT"]
            )
            if start_here:
                generator.context["start_here"] = start_here


def register() -> None:
    signals.initialized.connect(add_settings_and_assets)
    signals.generator_init.connect(add_template_loader)
    signals.all_generators_finalized.connect(choose)
