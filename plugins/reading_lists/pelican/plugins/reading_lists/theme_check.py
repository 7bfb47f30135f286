"""Say once per build when the theme never shows our partial, and the line that would
(see givefirst_kit.templates)."""

from __future__ import annotations

import logging

from givefirst_kit.templates import theme_includes
from pelican.generators import ArticlesGenerator

logger = logging.getLogger(__name__)

PARTIAL = "reading_lists/article_nav.html"


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
