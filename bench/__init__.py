"""`make bench`: Give First's build and refresh speed against vanilla Pelican."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLUGINS = str(ROOT / "plugins")
