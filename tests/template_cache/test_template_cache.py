"""template_cache: environments that share the cache compile a template once, and a
build with Pelican's content cache on leaves the code for the next build."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest
from jinja2 import Environment, FileSystemLoader
from pelican.plugins import template_cache
from pelican.plugins.template_cache import TemplateCodeCache, share_compiled_templates

from tests.support import build_site


@pytest.fixture
def compiles(monkeypatch) -> list[str]:
    """Names of the templates Jinja compiles from source."""
    compiled: list[str] = []
    original = Environment.compile

    def counting(self, source, name=None, filename=None, raw=False, defer_init=False):
        compiled.append(name)
        return original(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(Environment, "compile", counting)
    monkeypatch.setattr("pelican.plugins.template_cache.SHARED", TemplateCodeCache())
    return compiled


def generator(folder, **options) -> SimpleNamespace:
    """What the generator_init signal hands the plugin: a generator with its environment."""
    one = SimpleNamespace(env=Environment(loader=FileSystemLoader(str(folder)), **options))
    share_compiled_templates(one)
    return one


def next_build(cache_folder: Path, *, load: bool = True, save: bool = True) -> None:
    """A new process: nothing in memory, the folder of the build before."""
    template_cache.SHARED = TemplateCodeCache()
    template_cache.use_cache_folder(
        SimpleNamespace(
            settings={
                "CACHE_PATH": str(cache_folder),
                "LOAD_CONTENT_CACHE": load,
                "CACHE_CONTENT": save,
            }
        )
    )


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


def test_the_next_build_loads_the_code_instead_of_compiling(tmp_path, compiles):
    (tmp_path / "base.html").write_text("<p>{{ greeting }}</p>")
    next_build(tmp_path / "cache")
    assert generator(tmp_path).env.get_template("base.html").render(greeting="hi") == "<p>hi</p>"

    next_build(tmp_path / "cache")
    rendered = generator(tmp_path).env.get_template("base.html").render(greeting="hello")

    assert rendered == "<p>hello</p>"
    assert compiles == ["base.html"]


def test_a_template_edited_between_builds_is_compiled_again(tmp_path, compiles):
    template = tmp_path / "base.html"
    template.write_text("<p>old</p>")
    next_build(tmp_path / "cache")
    generator(tmp_path).env.get_template("base.html").render()

    template.write_text("<p>new</p>")
    next_build(tmp_path / "cache")

    assert generator(tmp_path).env.get_template("base.html").render() == "<p>new</p>"
    assert compiles == ["base.html", "base.html"]


def test_other_environment_options_get_code_of_their_own(tmp_path, compiles):
    """trim_blocks changes the compiled code, not the source: the cache must not mix them."""
    (tmp_path / "base.html").write_text("{% if true %}\nyes{% endif %}")
    next_build(tmp_path / "cache")
    assert generator(tmp_path).env.get_template("base.html").render() == "\nyes"

    next_build(tmp_path / "cache")

    assert generator(tmp_path, trim_blocks=True).env.get_template("base.html").render() == "yes"
    assert generator(tmp_path).env.get_template("base.html").render() == "\nyes"
    assert compiles == ["base.html", "base.html"]


def test_without_the_content_cache_nothing_is_saved_or_loaded(tmp_path, compiles):
    (tmp_path / "base.html").write_text("<p>hi</p>")
    next_build(tmp_path / "cache", save=False)
    generator(tmp_path).env.get_template("base.html").render()
    assert not (tmp_path / "cache").exists()

    next_build(tmp_path / "cache")
    generator(tmp_path).env.get_template("base.html").render()
    next_build(tmp_path / "cache", load=False)  # pelican --ignore-cache
    generator(tmp_path).env.get_template("base.html").render()

    assert compiles == ["base.html"] * 3


def test_a_cache_that_cannot_be_written_costs_speed_not_the_build(tmp_path, compiles):
    (tmp_path / "base.html").write_text("<p>hi</p>")
    (tmp_path / "cache").write_text("a file where the folder would go")
    next_build(tmp_path / "cache")

    assert generator(tmp_path).env.get_template("base.html").render() == "<p>hi</p>"


def test_a_site_rebuilt_from_cached_code_is_the_same_site(tmp_path):
    """The real site, built twice with one cache: the second compiles nothing (no cache
    file is rewritten) and writes the same pages."""
    cache = tmp_path / "cache"
    build_site(tmp_path / "first", siteurl="http://127.0.0.1:8000", cache=cache)
    cached = {path: path.stat().st_mtime_ns for path in (cache / "templates").iterdir()}
    assert len(cached) > 20, "every template the build used"

    build_site(tmp_path / "second", siteurl="http://127.0.0.1:8000", cache=cache)

    assert {path: path.stat().st_mtime_ns for path in (cache / "templates").iterdir()} == cached
    first, second = (
        {
            path.relative_to(tmp_path / build): path.read_bytes()
            for path in (tmp_path / build).rglob("*.html")
        }
        for build in ("first", "second")
    )
    assert first.keys() == second.keys()
    assert first == second
