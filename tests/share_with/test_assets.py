"""The script and styles readers download, as written in `static/share_with/`."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

SOURCES = Path(__file__).resolve().parents[2] / (
    "plugins/share_with/pelican/plugins/share_with/static/share_with"
)


@pytest.mark.parametrize("name", ["share.js", "fediverse.js"])
def test_scripts_stay_small(name):
    script = (SOURCES / name).read_bytes()
    assert len(gzip.compress(script, 9)) < 1500, "the target is well under 2 KB gzipped"


def test_what_every_post_page_loads_stays_small():
    """Every post page loads the share script and the block's styles: the page with its
    CSS and JS stays under 30 KB (the bench measures the whole)."""
    assert len((SOURCES / "share.js").read_bytes()) < 3000
    assert len((SOURCES / "share_block.css").read_bytes()) < 2000
