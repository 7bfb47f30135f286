"""Share data for a page that is not a post, such as a reading list, built as a post's is.

Pelican gives the theme `article.share_links` for posts only. For any other page, a
template calls the Jinja global `share_with_page(...)` and includes the share block with
the result as `article`: the same targets, prompt and markup, from the same code.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from .audience import share_prompt
from .links import ShareLink, ShareLinks, primary_first
from .settings import primary_targets, setting


@dataclass(frozen=True)
class PageToShare:
    """What `ShareLinks` reads of a post, for another page."""

    title: str
    url: str  # site-relative, like a post's `url`
    slug: str
    summary: str = ""
    metadata: Mapping[str, Any] = field(default_factory=dict)


class SharedPage(NamedTuple):
    """What the share block reads of `article`."""

    share_links: list[ShareLink]
    share_more: list[ShareLink]
    share_prompt: str


def prompt_for(audience: Any, settings: Mapping[str, Any]) -> str:
    """The sentence above the links: who to send it to, from an `audience` value."""
    return share_prompt(
        audience,
        setting(settings, "SHARE_WITH_PROMPT"),
        setting(settings, "SHARE_WITH_GENERAL_PROMPT"),
        setting(settings, "SHARE_WITH_AUDIENCE_PHRASES"),
    )


class PageSharer:
    """The Jinja global `share_with_page`: settings read once, on the first call."""

    def __init__(self, settings: Mapping[str, Any]):
        self.settings = settings
        self.share_links: ShareLinks | None = None

    def __call__(
        self, *, title: str, url: str, slug: str, summary: str = "", audience: Any = None
    ) -> SharedPage:
        if self.share_links is None:
            self.share_links = ShareLinks(self.settings, html=True)
        links = self.share_links(PageToShare(title, url, slug, summary or ""))
        shown, more = primary_first(links, primary_targets(self.settings))
        return SharedPage(shown, more, prompt_for(audience, self.settings))
