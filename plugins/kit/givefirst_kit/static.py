"""How a plugin ships its static files."""

from __future__ import annotations

from pathlib import Path


def add_static(settings: dict, folder: Path) -> None:
    """`initialized`: have Pelican copy `folder` with the theme's static files, so
    `static/<plugin>/x.css` is served at `<THEME_STATIC_DIR>/<plugin>/x.css`, where the
    plugin's templates link it themselves (docs/CONTRACT.md)."""
    if str(folder) not in settings["THEME_STATIC_PATHS"]:
        settings["THEME_STATIC_PATHS"] = [*settings["THEME_STATIC_PATHS"], str(folder)]
