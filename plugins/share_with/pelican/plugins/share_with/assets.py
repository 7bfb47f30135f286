"""What share_with serves besides pages: its script and styles, and the icon sprite.

The sources in `static/share_with/` keep their comments and indentation for whoever
maintains them; readers download them without. Written at build time into
`<THEME_STATIC_DIR>/share_with/`, where the theme and the templates link them.
"""

from __future__ import annotations

from pathlib import Path

from pelican.generators import Generator

from .icons import sprite
from .settings import selected_targets, setting

SOURCES = Path(__file__).parent / "static" / "share_with"


def compact(source: str) -> str:
    """The source without comment lines, indentation and blank lines.

    Only comments that start a line go (`/* ... */` blocks, `// ...` lines), so strings
    and regular expressions are never touched, and every line break stays, so JavaScript's
    automatic semicolons mean what they meant. Our sources have no multi-line strings.
    """
    kept = []
    in_comment = False
    for line in source.splitlines():
        line = line.strip()
        if not in_comment and line.startswith("/*"):
            in_comment, line = True, line[2:]
        if in_comment:
            if "*/" not in line:
                continue
            in_comment, line = False, line.split("*/", 1)[1].strip()
        if line and not line.startswith("//"):
            kept.append(line)
    return "\n".join(kept) + "\n"


class ShareAssets(Generator):
    """Writes the compacted script and styles, and SHARE_WITH_ICONS_SAVE_AS."""

    def generate_output(self, writer):
        output = Path(self.output_path)
        folder = output / self.settings["THEME_STATIC_DIR"] / "share_with"
        folder.mkdir(parents=True, exist_ok=True)
        for source in sorted(SOURCES.iterdir()):
            (folder / source.name).write_text(
                compact(source.read_text(encoding="utf-8")), encoding="utf-8"
            )
        icons = output / setting(self.settings, "SHARE_WITH_ICONS_SAVE_AS")
        icons.parent.mkdir(parents=True, exist_ok=True)
        icons.write_text(sprite(selected_targets(self.settings)), encoding="utf-8")
