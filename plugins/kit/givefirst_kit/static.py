"""How a plugin ships its static files and the stylesheet of its pages."""

from __future__ import annotations

from pathlib import Path


def add_static(settings: dict, folder: Path, stylesheet: str | None = None) -> None:
    """`initialized`: have Pelican copy `folder` with the theme's static files, so
    `static/<plugin>/x.css` is served at `<THEME_STATIC_DIR>/<plugin>/x.css`, and add
    `stylesheet` (such a path) to THEME_PLUGIN_STYLESHEETS, which every page but posts
    links (docs/CONTRACT.md)."""
    if str(folder) not in settings["THEME_STATIC_PATHS"]:
        settings["THEME_STATIC_PATHS"] = [*settings["THEME_STATIC_PATHS"], str(folder)]
    stylesheets = settings.get("THEME_PLUGIN_STYLESHEETS", [])
    if stylesheet and stylesheet not in stylesheets:
        settings["THEME_PLUGIN_STYLESHEETS"] = [*stylesheets, stylesheet]
