"""Stand-ins for Pelican articles and settings, for the pure stages of share_with."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SITEURL = "https://givefirst.example"


@dataclass
class FakeArticle:
    """The attributes share_with reads from a Pelican Article, and nothing else."""

    title: str = "Grow roots before branches"
    slug: str = "grow-roots-before-branches"
    summary: str = "<p>Why a good network grows slowly.</p>"
    metadata: dict[str, Any] = field(default_factory=dict)
    source_path: str = "content/grow-roots-before-branches.md"
    social_image: dict[str, Any] | None = None

    @property
    def url(self) -> str:
        return f"{self.slug}/"


def make_settings(**overrides: Any) -> dict[str, Any]:
    return {"SITEURL": SITEURL, "SITENAME": "Give First", **overrides}
