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

from pelican import signals
from pelican.contents import Article, Page


def contents_of(generator):
    """Every post and page `generator` holds, in any of its lists (published, hidden,
    drafts, translations; `dates` and the like hold them again, which does no harm).
    Pelican keeps no single list of them, and a plugin's generator may hold some too."""
    for value in vars(generator).values():
        if isinstance(value, list):
            yield from (item for item in value if isinstance(item, (Article, Page)))


def settle_urls(generators) -> None:
    """Fix every post's and page's URL and output path as they are now."""
    for generator in generators:
        for content in contents_of(generator):
            content.override_url = content.url
            content.override_save_as = content.save_as


def register() -> None:
    signals.all_generators_finalized.connect(settle_urls)
