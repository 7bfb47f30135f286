"""Inline SVG icons for share targets, decorative: the link text carries the name."""

from __future__ import annotations

import functools
import re
from pathlib import Path

from markupsafe import Markup

ICONS = Path(__file__).parent / "icons"
FALLBACK = "generic"
_SVG_OPEN = re.compile(r"^\s*<svg\b")


def decorate(svg: str) -> Markup:
    """Hide an icon from assistive technology and size it, whatever its source."""
    if not _SVG_OPEN.match(svg):
        raise ValueError("an icon must be a single <svg> element")
    attributes = (
        ' aria-hidden="true" focusable="false" class="share-with__icon" width="20" height="20"'
    )
    return Markup(_SVG_OPEN.sub("<svg" + attributes, svg.strip(), count=1))


@functools.cache
def icon(name: str) -> Markup:
    """The bundled icon for a target name, or the generic share icon."""
    path = ICONS / f"{name}.svg"
    if not path.exists():
        path = ICONS / f"{FALLBACK}.svg"
    return decorate(path.read_text(encoding="utf-8"))
