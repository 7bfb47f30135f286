"""The script and styles readers download: the readable sources, compacted at build time."""

from __future__ import annotations

import gzip

import pytest
from pelican.plugins.share_with.assets import SOURCES, compact

SOURCE_FILES = sorted(SOURCES.iterdir())


def test_comments_indentation_and_blank_lines_go_and_nothing_else():
    source = """/* A header comment
   over two lines. */
(function () {
  "use strict";

  // A whole-line comment.
  var url = "https://example.org/a//b"; // a trailing one stays
  var pattern = /^a*\\/*$/;
  /* a short one */ var after = 1;
})();
"""
    assert compact(source) == (
        "(function () {\n"
        '"use strict";\n'
        'var url = "https://example.org/a//b"; // a trailing one stays\n'
        "var pattern = /^a*\\/*$/;\n"
        "var after = 1;\n"
        "})();\n"
    )


@pytest.mark.parametrize("source", SOURCE_FILES, ids=lambda path: path.name)
def test_every_kept_line_is_a_line_of_the_source(source):
    text = source.read_text(encoding="utf-8")
    lines = {line.strip() for line in text.splitlines()}
    compacted = compact(text)
    assert compacted.count("/*") == 0 and len(compacted) < len(text)
    for line in compacted.splitlines():
        assert line in lines, line
    if source.suffix == ".css":
        assert compacted.count("{") == text.count("{") and compacted.count("}") == text.count("}")


@pytest.mark.parametrize("name", ["share.js", "fediverse.js"])
def test_scripts_stay_small(name):
    compacted = compact((SOURCES / name).read_text(encoding="utf-8")).encode()
    assert len(gzip.compress(compacted, 9)) < 1500, "the target is well under 2 KB gzipped"
    assert len(compacted) < 3000
