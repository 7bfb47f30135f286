"""Conversation: replies under our posts, and Webmentions to the blogs we write about.

The build side (this module): once the posts are read, each gets `article.conversation`
(replies, likes and reposts, the ways to reply) and, when it says `In_reply_to:`,
`article.reply_context`; every page gets `conversation` (the Webmention endpoint to
advertise). It reads only files. The network side is `python -m pelican.plugins.conversation`:
`refresh` (`make feeds`) fetches received mentions, `send` (`make mentions`) notifies the
blogs our published posts link to. See README.md.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from givefirst_kit.content import contents
from givefirst_kit.static import add_static
from givefirst_kit.templates import warn_unless_included
from jinja2 import FileSystemLoader
from pelican import signals
from pelican.contents import Article
from pelican.generators import ArticlesGenerator

from . import store
from .render import Site
from .replies import ConversationError, load
from .settings import DEFAULTS, ConversationSettings

__all__ = ["ConversationError", "register"]

HERE = Path(__file__).resolve().parent


def configure(pelican) -> None:
    """Defaults and checks before anything is read; our static folder for the theme."""
    settings = pelican.settings
    for key, value in DEFAULTS.items():
        settings.setdefault(key, value)
    ConversationSettings.from_settings(settings)
    add_static(settings, HERE / "static")


def add_templates(generator) -> None:
    """After the theme's loaders, so `theme/templates/conversation/*` overrides ours."""
    generator.env.loader.loaders.append(FileSystemLoader(str(HERE / "templates")))


def attach(generators) -> None:
    """Once every generator has its content, and settled_urls each post its URL."""
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            attach_to_posts(generator)


def attach_to_posts(generator) -> None:
    """Give every post its conversation, and every page the endpoint to advertise."""
    options = ConversationSettings.from_settings(generator.settings)
    articles = [post for post in contents(generator) if isinstance(post, Article)]
    site = Site(
        options,
        generator.settings,
        received=store.read(options.data_path, store.RECEIVED).get("mentions", []),
        emailed=load(
            options.replies_path,
            {article.slug for article in articles},
            words=options.reply_words,
        ),
        titles=store.read(options.data_path, store.CONTEXTS).get("titles", {}),
    )
    problems = []
    for article in articles:
        article.conversation = site.conversation(article)
        try:
            article.reply_context = site.reply_context(article)
        except ConversationError as error:
            problems += error.problems
    if problems:
        raise ConversationError(problems)
    endpoint = options.endpoint
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(endpoint)) if endpoint else None
    generator.context["conversation"] = {"endpoint": endpoint, "form_origin": origin}
    if articles:
        warn_unless_included(
            generator.env,
            "conversation",
            "conversation/conversation.html",
            "posts show no replies and no way to reply",
        )


def register() -> None:
    signals.initialized.connect(configure)
    signals.generator_init.connect(add_templates)
    signals.all_generators_finalized.connect(attach)
