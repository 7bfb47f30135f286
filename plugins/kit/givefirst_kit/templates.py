"""Whether a theme shows a plugin's partial: read from the templates themselves.

A theme shows a plugin's partial only by including it, so a theme made before the plugin
builds fine and quietly leaves it out. Each plugin with a partial warns once per build
when `article.html`, and every template it extends, includes or imports, never names it.
A name built at render time (`{% include name ~ ".html" %}`) may be the partial, so it
counts as an include.
"""

from __future__ import annotations

import logging

from jinja2 import TemplateNotFound, meta


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


def warn_unless_article_includes(generators, partial: str, shows: str, wanted) -> None:
    """`all_generators_finalized`: warn once when `wanted(articles generator)` says a post
    has something for `partial` to show (`shows`) but the theme's article.html cannot."""
    from pelican.generators import ArticlesGenerator

    for generator in generators:
        if not isinstance(generator, ArticlesGenerator) or not wanted(generator):
            continue
        if not theme_includes(generator.env, "article.html", partial):
            logging.getLogger(__name__).warning(
                "%s: the theme's article.html never includes %s, so posts do not show %s. "
                'Add {%% include "%s" %%} after the post body.',
                partial.split("/")[0],
                partial,
                shows,
                partial,
            )
