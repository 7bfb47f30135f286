"""follow: what the follow page lists, every feed and the ways to subscribe (see README.md)."""

from __future__ import annotations

from pathlib import Path

from givefirst_kit.static import add_static
from jinja2 import FileSystemLoader
from pelican import signals
from pelican.generators import PagesGenerator

from .feeds import follow

HERE = Path(__file__).resolve().parent
DEFAULTS = {
    "FOLLOW_PAGE": "follow",
    # Each reader's own address for subscribing to a feed; `{url}` is the feed's.
    "FOLLOW_READERS": {
        "Feedly": "https://feedly.com/i/subscription/feed/{url}",
        "Inoreader": "https://www.inoreader.com/feed/{url}",
        "NewsBlur": "https://www.newsblur.com/?url={url}",
        "Feedbin": "https://feedbin.com/?subscribe={url}",
        "The Old Reader": "https://theoldreader.com/feeds/subscribe?url={url}",
    },
    "FOLLOW_FEDIVERSE": None,
}


def add_settings_and_assets(pelican) -> None:
    """Defaults first; then our static folder, whose stylesheet the partial links."""
    settings = pelican.settings
    for name, value in DEFAULTS.items():
        settings.setdefault(name, value)
    add_static(settings, HERE / "static")


def add_template_loader(generator) -> None:
    """After the theme's loaders, so `theme/templates/follow/*` overrides ours."""
    generator.env.loader.loaders.append(FileSystemLoader(str(HERE / "templates")))


def attach_to_page(generators) -> None:
    """Once every generator has its content: the categories, lists and blogroll are known."""
    for generator in generators:
        if isinstance(generator, PagesGenerator):
            settings = generator.settings
            for page in [*generator.pages, *generator.hidden_pages]:
                if page.slug == settings["FOLLOW_PAGE"]:
                    page.follow = follow(settings, generator.context)


def register() -> None:
    signals.initialized.connect(add_settings_and_assets)
    signals.generator_init.connect(add_template_loader)
    signals.all_generators_finalized.connect(attach_to_page)
