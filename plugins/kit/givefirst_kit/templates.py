"""Whether a theme shows a plugin's partial: read from the templates themselves.

A theme shows a plugin's partial only by including it, so a theme made before the plugin
builds fine and quietly leaves it out. Each plugin with a partial warns once per build
when `article.html`, and every template it extends, includes or imports, never names it.
A name built at render time (`{% include name ~ ".html" %}`) may be the partial, so it
counts as an include.
"""

from __future__ import annotations

import functools
import logging

from jinja2 import TemplateNotFound, meta

logger = logging.getLogger(__name__)


@functools.lru_cache(maxsize=16)
def references(env, name: str) -> tuple[str | None, ...]:
    """What `name` extends, includes or imports (None: a name built at render time).
    Parsed once per build, however many plugins ask."""
    try:
        source = env.loader.get_source(env, name)[0]
    except TemplateNotFound:
        return ()
    return tuple(meta.find_referenced_templates(env.parse(source)))


def theme_includes(env, template: str, partial: str) -> bool:
    """Whether `template`, or any template it reaches, may include `partial`."""
    seen, pending = set(), [template]
    while pending:
        name = pending.pop()
        if name in seen:
            continue
        seen.add(name)
        for referenced in references(env, name):
            if referenced is None or referenced == partial:
                return True
            pending.append(referenced)
    return False


def warn_unless_included(env, plugin: str, partial: str, so: str) -> None:
    """Log the one warning a plugin gives when the theme's article.html cannot show `partial`.

    `so` says what readers miss: "posts show no share block".
    """
    if not theme_includes(env, "article.html", partial):
        logger.warning(
            '%s: the theme\'s article.html never includes %s, so %s. Add {%% include "%s" %%} '
            "after the post body.",
            plugin,
            partial,
            so,
            partial,
        )
