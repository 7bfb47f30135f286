"""Say once per build when the theme never shows our partial, and the line that would.

A theme shows a plugin's partial only by including it, so a theme made before the plugin
builds fine and quietly leaves it out. Read from the templates themselves: article.html and
every template it extends, includes or imports. A name built at render time
(`{% include name ~ ".html" %}`) may be ours, so it counts as an include.
"""

from __future__ import annotations

import logging

from jinja2 import TemplateNotFound, meta
from pelican.generators import ArticlesGenerator

logger = logging.getLogger(__name__)

PARTIAL = "reading_lists/article_nav.html"


def theme_includes(env, template: str, partial: str) -> bool:
    """Whether `template`, or any template it reaches, may include `partial`."""
    seen, pending = set(), [template]
    while pending:
        name = pending.pop()
        if name in seen:
            continue
        seen.add(name)
        try:
            source = env.loader.get_source(env, name)[0]
        except TemplateNotFound:
            continue
        for referenced in meta.find_referenced_templates(env.parse(source)):
            if referenced is None or referenced == partial:
                return True
            pending.append(referenced)
    return False


def check_theme(generators) -> None:
    """Warn once when a post is in a reading list but the theme's article.html cannot show it."""
    for generator in generators:
        if not isinstance(generator, ArticlesGenerator) or not any(
            getattr(post, "reading_lists", None) for post in generator.articles
        ):
            continue
        if not theme_includes(generator.env, "article.html", PARTIAL):
            logger.warning(
                "reading_lists: the theme's article.html never includes %s, so posts do not "
                "show their place in their reading lists. "
                'Add {%% include "%s" %%} after the post body.',
                PARTIAL,
                PARTIAL,
            )
