"""Say once per build when the theme never shows our partial, and the line that would
(see givefirst_kit.templates)."""

from __future__ import annotations

import logging

from givefirst_kit.templates import theme_includes
from pelican.generators import ArticlesGenerator

logger = logging.getLogger(__name__)

PARTIAL = "blogroll/widget.html"


def check_theme(generators) -> None:
    """Warn once when there is a blogroll but the theme's article.html cannot show its widget."""
    for generator in generators:
        if not isinstance(generator, ArticlesGenerator) or "blogroll" not in generator.context:
            continue
        if not theme_includes(generator.env, "article.html", PARTIAL):
            logger.warning(
                "blogroll: the theme's article.html never includes %s, so posts do not show "
                '"From our network". '
                'Add {%% include "%s" %%} after the post body.',
                PARTIAL,
                PARTIAL,
            )
