"""share_with: "Share this with someone who'd benefit" under every post.

Connects Pelican's signals to the stages in this package: settings are checked when
Pelican starts, each post's social image is measured once articles are read, and its
share links and audience prompt are attached once every generator has its content
(so summaries can resolve links to any page). The theme renders
`share_with/share_block.html` when `article.share_links` is set (from a skeleton rendered
once per build, `block.py`, unless the theme has its own copy); two small generators
write the script, styles and icon sprite, and the fediverse page.
"""

from __future__ import annotations

from itertools import chain
from pathlib import Path

from jinja2 import FileSystemLoader
from pelican import signals
from pelican.generators import ArticlesGenerator

from .assets import ShareAssets
from .audience import share_prompt
from .block import share_block
from .fediverse import FediverseSharePage, wanted
from .links import PostShareLinks, ShareLinks
from .settings import ShareWithError, apply_defaults, setting, validate
from .social_image import default_image, own_image
from .theme_check import check_theme

__all__ = ["ShareWithError", "register"]

ROOT = Path(__file__).parent
OPT_OUT = {"no", "false", "off", "0", "none"}


def configure(pelican) -> None:
    """Check the settings before anything is read, so a mistake stops the build at once.

    No stylesheet for every page: the block links `share_with/share_block.css` itself,
    and the fediverse page its own.
    """
    validate(pelican.settings)
    apply_defaults(pelican.settings)


def add_templates(generator) -> None:
    """Let every generator find our partials; the theme's own copies still come first."""
    generator.env.loader.loaders.append(FileSystemLoader(str(ROOT / "templates")))


def add_generators(pelican):
    if wanted(pelican.settings):
        return ShareAssets, FediverseSharePage
    return (ShareAssets,)


def every_article(generator: ArticlesGenerator):
    return chain(
        generator.articles,
        generator.translations,
        generator.hidden_articles,
        generator.hidden_translations,
        generator.drafts,
        generator.drafts_translations,
    )


def measure_images(generator: ArticlesGenerator) -> None:
    """Measure each post's own image and have the static generator copy it."""
    content_path = Path(generator.path)
    for article in every_article(generator):
        image = own_image(article, content_path)
        if image:
            generator.context["static_links"].add(image["path"])
        article.social_image = image


def attach_share_data(generators) -> None:
    """Give every post its share links, its audience prompt and its social image."""
    for generator in generators:
        if not isinstance(generator, ArticlesGenerator):
            continue
        settings = generator.settings
        siteurl = settings["SITEURL"].rstrip("/")
        static_urls = {
            static.relative_source_path: static.url
            for static in generator.context.get("staticfiles", ())
        }
        fallback = default_image(settings)
        share_links = ShareLinks(settings)
        prompts: dict[str, str] = {}
        for article in every_article(generator):
            image = getattr(article, "social_image", None)
            if image:
                if image["path"] not in static_urls:
                    raise ShareWithError(
                        f"{article.source_path}: image: {image['path']!r} was not copied to the "
                        "output; check STATIC_EXCLUDES and STATIC_EXCLUDE_SOURCES."
                    )
                article.social_image = {**image, "url": f"{siteurl}/{static_urls[image['path']]}"}
            else:
                article.social_image = fallback
            opted_out = str(article.metadata.get("share", "")).strip().lower() in OPT_OUT
            article.share_links = [] if opted_out else PostShareLinks(share_links, article)
            audience = article.metadata.get("audience")
            key = repr(audience)  # audiences repeat across posts: one sentence each
            if key not in prompts:
                prompts[key] = share_prompt(
                    audience,
                    setting(settings, "SHARE_WITH_PROMPT"),
                    setting(settings, "SHARE_WITH_GENERAL_PROMPT"),
                    setting(settings, "SHARE_WITH_AUDIENCE_PHRASES"),
                )
            article.share_prompt = prompts[key]
        block = share_block(generator, share_links)
        if block is not None:
            generator.context.setdefault("rendered_partials", {})["share_with/share_block"] = block


def register() -> None:
    signals.initialized.connect(configure)
    signals.generator_init.connect(add_templates)
    signals.get_generators.connect(add_generators)
    signals.article_generator_finalized.connect(measure_images)
    signals.all_generators_finalized.connect(attach_share_data)
    signals.all_generators_finalized.connect(check_theme)
