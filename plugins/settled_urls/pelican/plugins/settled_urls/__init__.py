"""settled_urls: work out each post's and page's URL once, not each time it is read.

`article.url` and `article.save_as` are properties: every read copies the post's
metadata, resolves its source path against PATH and formats ARTICLE_URL again. A theme
reads them about twenty times per post in a build. Once every generator has its
content, nothing changes what a URL is made of, so each is fixed then through Pelican's
own overrides, `override_url` and `override_save_as` (what a post's `URL:` and
`Save_as:` metadata set): the same URLs, each worked out once. See README.md.

Static files are left alone: an `{attach}` link moves a file while pages are written.
"""

from __future__ import annotations

from givefirst_kit.content import contents
from pelican import signals


def settle_urls(generators) -> None:
    """Fix every post's and page's URL and output path as they are now."""
    for generator in generators:
        for content in contents(generator):
            content.override_url = content.url
            content.override_save_as = content.save_as


def register() -> None:
    signals.all_generators_finalized.connect(settle_urls)
