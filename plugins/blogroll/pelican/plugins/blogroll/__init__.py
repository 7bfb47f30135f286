"""Blogroll: the blogs we read, what they published lately, and a way to join in there.

Feeds are fetched by `python -m pelican.plugins.blogroll refresh` (`make feeds`) into a cache; the
build reads only that cache. See README.md for settings.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .generator import BlogrollGenerator

HERE = Path(__file__).resolve().parent


def add_static_files(pelican) -> None:
    from givefirst_kit.static import add_static

    add_static(pelican.settings, HERE / "static")


def add_templates(generator) -> None:
    """Let every generator find our partials; the theme's own copies win."""
    from jinja2 import FileSystemLoader

    generator.env.loader.loaders.append(FileSystemLoader(str(HERE / "templates")))


def check_theme(generators) -> None:
    """Say once per build when there is a blogroll but posts cannot show its widget."""
    from givefirst_kit.templates import warn_unless_included
    from pelican.generators import ArticlesGenerator

    for generator in generators:
        if isinstance(generator, ArticlesGenerator) and "blogroll" in generator.context:
            warn_unless_included(
                generator.env,
                "blogroll",
                "blogroll/widget.html",
                'posts do not show "From our network"',
            )


def get_generators(_pelican) -> type[BlogrollGenerator]:
    from .generator import BlogrollGenerator

    return BlogrollGenerator


def register() -> None:
    # Pelican and the generator are imported here, not at the top: the refresh's parser
    # processes import this package and need neither.
    from pelican import signals

    signals.initialized.connect(add_static_files)
    signals.generator_init.connect(add_templates)
    signals.get_generators.connect(get_generators)
    signals.all_generators_finalized.connect(check_theme)
