"""Say once per build when the theme never shows our partial, and the line that would
(see givefirst_kit.templates)."""

from __future__ import annotations

import logging

from givefirst_kit.templates import theme_includes
from pelican.generators import ArticlesGenerator

logger = logging.getLogger(__name__)

PARTIAL = "share_with/share_block.html"


def check_theme(generators) -> None:
    """Warn once when there are posts but the theme's article.html cannot show their share block."""
    for generator in generators:
        if not isinstance(generator, ArticlesGenerator) or not generator.articles:
            continue
        if not theme_includes(generator.env, "article.html", PARTIAL):
            logger.warning(
                "share_with: the theme's article.html never includes %s, so posts show no "
                "share block. "
                'Add {%% include "%s" %%} after the post body.',
                PARTIAL,
                PARTIAL,
            )
