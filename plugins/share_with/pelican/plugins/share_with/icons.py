"""The share icons, as one SVG sprite made from the selected targets.

Each post then refers to an icon with `<svg><use href=".../icons.svg#name"/></svg>`:
a few bytes instead of the drawing, one file the browser caches across pages, still
drawn in `currentColor` so icons follow the link colour and dark mode.
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from collections.abc import Iterable
from pathlib import Path

from pelican.generators import Generator

from .settings import SVG_NAMESPACE, selected_targets, setting
from .targets import Target

ICONS = Path(__file__).parent / "icons"


def bundled_icon(name: str) -> str:
    """The icon shipped for a target name, or the generic share icon."""
    path = ICONS / f"{name}.svg"
    if not path.exists():
        path = ICONS / "generic.svg"
    return path.read_text(encoding="utf-8")


def symbol(name: str, svg: str) -> str:
    """One icon's `<svg>` markup (checked by `settings.check_icon`) as `<symbol id=name>`."""
    drawing = ElementTree.fromstring(svg)
    for element in drawing.iter():
        element.tag = element.tag.removeprefix(SVG_NAMESPACE)
    drawing.tag = "symbol"
    for size in ("width", "height"):  # the stylesheet sizes icons, not the drawing
        drawing.attrib.pop(size, None)
    drawing.set("id", name)
    return ElementTree.tostring(drawing, encoding="unicode")


def sprite(targets: Iterable[Target]) -> str:
    """The sprite document: a symbol per target, with the target's name as its id."""
    symbols = "\n".join(
        symbol(target.name, target.icon or bundled_icon(target.name)) for target in targets
    )
    return f'<svg xmlns="http://www.w3.org/2000/svg">\n{symbols}\n</svg>\n'


class IconSprite(Generator):
    """Writes the sprite to SHARE_WITH_ICONS_SAVE_AS."""

    def generate_output(self, writer):
        path = Path(self.output_path) / setting(self.settings, "SHARE_WITH_ICONS_SAVE_AS")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(sprite(selected_targets(self.settings)), encoding="utf-8")
