"""share_with: "Share this with someone who'd benefit" under every post.

Connects Pelican's signals to the stages in this package: settings are checked when
Pelican starts, each post's social image is measured once articles are read, and its
share links and audience prompt are attached once every generator has its content
(so summaries can resolve links to any page). The theme includes
`share_with/share_block.html` when `article.share_links` is set; small generators
write the icon sprite, the preview cards, the fediverse page and the introduction page.
"""

from __future__ import annotations

from pathlib import Path

from givefirst_kit.content import contents
from givefirst_kit.static import add_static
from givefirst_kit.templates import warn_unless_included
from jinja2 import FileSystemLoader
from pelican import signals
from pelican.generators import ArticlesGenerator

from .fediverse import FediverseSharePage, SharedPost
from .fediverse import wanted as fediverse_wanted
from .icons import IconSprite
from .introduce import IntroducePage, link_to_page
from .introduce import wanted as introduce_wanted
from .links import ShareLinks, primary_first
from .page_share import PageSharer, prompt_for
from .preview_card import PreviewCards, card_image, card_text
from .settings import (
    ShareWithError,
    apply_defaults,
    fediverse_creator,
    preview_cards,
    primary_targets,
    validate,
)
from .social_image import default_image, own_image

__all__ = ["ShareWithError", "register"]

HERE = Path(__file__).parent
OPT_OUT = {"no", "false", "off", "0", "none"}


def configure(pelican) -> None:
    """Check the settings before anything is read, so a mistake stops the build at once.

    No stylesheet for every page: the block links `share_with/share_block.css` itself,
    and the fediverse page its own.
    """
    validate(pelican.settings)
    apply_defaults(pelican.settings)
    pelican.settings["SHARE_WITH_FEDIVERSE_CREATOR"] = fediverse_creator(pelican.settings)
    add_static(pelican.settings, HERE / "static")


def add_templates(generator) -> None:
    """Let every generator find our partials; the theme's own copies still come first.

    Any template may build share links for a page that is not a post with
    `share_with_page(...)` (see page_share.py).
    """
    generator.env.loader.loaders.append(FileSystemLoader(str(HERE / "templates")))
    generator.env.globals["share_with_page"] = PageSharer(generator.settings)


def add_generators(pelican):
    pages = [
        page
        for page, wanted in (
            (PreviewCards, preview_cards),
            (FediverseSharePage, fediverse_wanted),
            (IntroducePage, introduce_wanted),
        )
        if wanted(pelican.settings)
    ]
    return (IconSprite, *pages)


def measure_images(generator: ArticlesGenerator) -> None:
    """Measure each post's own image and have the static generator copy it."""
    content_path = Path(generator.path)
    for article in contents(generator):
        image = own_image(article, content_path)
        if image:
            generator.context["static_links"].add(image["path"])
        article.social_image = image


def attach_share_data(generators) -> None:
    """Give every post its share links (the first few, and more), its audience prompt and
    its social image (its own, else its preview card), and
    the fediverse page the text of each post that links to it."""
    for generator in generators:
        if not isinstance(generator, ArticlesGenerator):
            continue
        settings = generator.settings
        static_urls = {
            static.relative_source_path: static.url
            for static in generator.context.get("staticfiles", ())
        }
        fallback = default_image(settings)
        siteurl = settings["SITEURL"]
        cards = generator.context["share_with_cards"] = {} if preview_cards(settings) else None
        share_links = ShareLinks(settings, html=True)
        primary = primary_targets(settings)
        fediverse_posts: dict[str, SharedPost] = {}
        prompts: dict[str, str] = {}  # a site has a few audiences and many posts
        for article in contents(generator):
            image = getattr(article, "social_image", None)
            if image and image["path"] not in static_urls:
                raise ShareWithError(
                    f"{article.source_path}: image: {image['path']!r} was not copied to the "
                    "output; check STATIC_EXCLUDES and STATIC_EXCLUDE_SOURCES."
                )
            if image:
                image = {**image, "url": f"{share_links.siteurl}/{static_urls[image['path']]}"}
            elif cards is not None:
                text = card_text(article, settings)
                name = text.file_name
                cards[name] = text
                image = card_image(text, name, share_links.siteurl)
            article.social_image = image or fallback
            audience = article.metadata.get("audience")
            key = repr(audience)
            if key not in prompts:
                prompts[key] = prompt_for(audience, settings)
            article.share_prompt = prompts[key]
            if str(article.metadata.get("share", "")).strip().lower() in OPT_OUT:
                article.share_links = article.share_more = []
                continue
            links = share_links(article)
            article.share_links, article.share_more = primary_first(links, primary)
            for link in links:
                # Not a draft's: its title is not public yet. A translation shares the
                # anchor, and so the text, of the post it translates.
                if link.name == "fediverse" and article.status != "draft":
                    anchor = f"share-{article.slug}"
                    post = SharedPost(anchor, link.title, link.text, f"{siteurl}/{article.url}")
                    fediverse_posts.setdefault(anchor, post)
        generator.context["share_posts"] = list(fediverse_posts.values())
        if generator.articles:
            warn_unless_included(
                generator.env,
                "share_with",
                "share_with/share_block.html",
                "posts show no share block",
            )


def register() -> None:
    signals.initialized.connect(configure)
    signals.generator_init.connect(add_templates)
    signals.content_object_init.connect(link_to_page)
    signals.get_generators.connect(add_generators)
    signals.article_generator_finalized.connect(measure_images)
    signals.all_generators_finalized.connect(attach_share_data)
