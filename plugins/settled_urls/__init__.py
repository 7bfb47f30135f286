"""settled_urls: work out each post's and page's URL once, not each time it is read.

`article.url` and `article.save_as` are properties: every read copies the post's
metadata, resolves its source path against PATH and formats ARTICLE_URL again. A theme
reads them about twenty times per post in a build (its own page, the index, category,
tag and archive lists, feeds, links between posts), and those reads cost Pelican more
than any of our plugins does per post. Once every generator has its content, nothing
changes what a URL is made of, so each is fixed then through Pelican's own overrides,
`override_url` and `override_save_as` (what a post's `URL:` and `Save_as:` metadata
set): the same URLs, each worked out once.

Static files are left alone: an `{attach}` link moves a file while pages are written.
"""

from __future__ import annotations

from itertools import chain

from pelican import signals
from pelican.generators import ArticlesGenerator, PagesGenerator

# What each generator holds its contents in, published or not.
CONTENT_LISTS = {
    ArticlesGenerator: (
        "articles",
        "translations",
        "hidden_articles",
        "hidden_translations",
        "drafts",
        "drafts_translations",
    ),
    PagesGenerator: (
        "pages",
        "translations",
        "hidden_pages",
        "hidden_translations",
        "draft_pages",
        "draft_translations",
    ),
}


def contents_of(generator):
    names = next(
        (names for kind, names in CONTENT_LISTS.items() if isinstance(generator, kind)), ()
    )
    return chain.from_iterable(getattr(generator, name, ()) for name in names)


def settle_urls(generators) -> None:
    """Fix every post's and page's URL and output path as they are now."""
    for generator in generators:
        for content in contents_of(generator):
            content.override_url = content.url
            content.override_save_as = content.save_as


def register() -> None:
    signals.all_generators_finalized.connect(settle_urls)
