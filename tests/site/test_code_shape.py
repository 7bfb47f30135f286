"""The plugins stay readable: no function in their code runs over 60 lines (issue #21)."""

from __future__ import annotations

import ast
from pathlib import Path

PLUGINS = Path(__file__).resolve().parents[2] / "plugins"
LIMIT = 60


def plugin_sources() -> list[Path]:
    """Every Python file of the plugins and the kit, their own tests left out."""
    return sorted(
        path for path in PLUGINS.rglob("*.py") if "tests" not in path.relative_to(PLUGINS).parts
    )


def long_functions(path: Path, root: Path = PLUGINS) -> list[str]:
    """`file:function:length` for each function in `path` longer than LIMIT lines,
    counted from its `def` line to its last line."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    return [
        f"{path.relative_to(root)}:{node.name}:{node.end_lineno - node.lineno + 1}"
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno - node.lineno + 1 > LIMIT
    ]


def test_the_walk_reaches_every_plugin():
    reached = {path.relative_to(PLUGINS).parts[0] for path in plugin_sources()}
    assert {"blogroll", "kit", "reading_lists", "share_with", "template_cache"} <= reached


def test_a_long_function_is_named(tmp_path):
    body = "\n".join(f"        x{n} = {n}" for n in range(LIMIT))
    (tmp_path / "long.py").write_text(
        f"def short():\n    pass\n\n\nclass C:\n    def long(self):\n{body}\n", encoding="utf-8"
    )
    assert long_functions(tmp_path / "long.py", tmp_path) == [f"long.py:long:{LIMIT + 1}"]


def test_no_function_over_sixty_lines():
    offenders = [found for path in plugin_sources() for found in long_functions(path)]
    assert not offenders, "split these functions:\n" + "\n".join(offenders)
