"""template_cache: environments that share the cache compile a template once."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from jinja2 import Environment, FileSystemLoader
from template_cache import MemoryBytecodeCache, share_compiled_templates


@pytest.fixture
def compiles(monkeypatch) -> list[str]:
    """Names of the templates Jinja compiles from source."""
    compiled: list[str] = []
    original = Environment.compile

    def counting(self, source, name=None, filename=None, raw=False, defer_init=False):
        compiled.append(name)
        return original(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(Environment, "compile", counting)
    monkeypatch.setattr("template_cache.SHARED", MemoryBytecodeCache())
    return compiled


def generator(folder) -> SimpleNamespace:
    """What the generator_init signal hands the plugin: a generator with its environment."""
    one = SimpleNamespace(env=Environment(loader=FileSystemLoader(str(folder))))
    share_compiled_templates(one)
    return one


def test_generators_compile_a_shared_template_once(tmp_path, compiles):
    (tmp_path / "base.html").write_text("<p>{{ greeting }}</p>")
    first, second, third = (generator(tmp_path) for _ in range(3))

    rendered = [
        g.env.get_template("base.html").render(greeting="hi") for g in (first, second, third)
    ]

    assert rendered == ["<p>hi</p>"] * 3
    assert compiles == ["base.html"]


def test_an_edited_template_is_compiled_again(tmp_path, compiles):
    template = tmp_path / "base.html"
    template.write_text("<p>old</p>")
    assert generator(tmp_path).env.get_template("base.html").render() == "<p>old</p>"

    template.write_text("<p>new</p>")

    assert generator(tmp_path).env.get_template("base.html").render() == "<p>new</p>"
    assert compiles == ["base.html", "base.html"]
