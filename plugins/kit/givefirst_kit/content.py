"""Every post and page a generator holds: Pelican keeps no single list of them."""

from __future__ import annotations

from pelican.contents import Article, Page


def contents(generator) -> list[Article | Page]:
    """Each post or page in any list `generator` holds, once: published, hidden, drafts and
    the translations of each, and those a plugin's own generator keeps.

    Pelican's generators keep them in lists of different names (`drafts`, `draft_pages`),
    and some lists (`dates`) hold them again.
    """
    found: dict[int, Article | Page] = {}
    for value in vars(generator).values():
        if isinstance(value, list):
            found.update((id(item), item) for item in value if isinstance(item, Article | Page))
    return list(found.values())
