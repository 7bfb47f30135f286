"""The plugins as published: built like `make dist`, installed offline into a fresh venv.

So a template, stylesheet or icon left out of a distribution fails here, not for a
blogger. The fresh environment gets the built wheels and, from the wheelhouse that
`make wheelhouse` fills at set-up, Pelican and the plugins' dependencies: nothing else.
"""

from __future__ import annotations

import ast
import json
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from email.message import Message
from email.parser import Parser
from importlib.metadata import packages_distributions, requires
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from tests.packaging.conftest import PLUGIN_PAGES, PLUGINS, POST_PARTIALS, build_small_site
from tests.support import ROOT, parse_html

# One worker builds the distributions and the environment, once.
pytestmark = pytest.mark.xdist_group("packaging")

WHEELHOUSE = ROOT / ".cache" / "wheelhouse"


def package_folder(plugin: str) -> Path:
    return ROOT / "plugins" / plugin / "pelican" / "plugins" / plugin


def run(*command, **options) -> subprocess.CompletedProcess:
    result = subprocess.run(
        [str(part) for part in command], capture_output=True, text=True, timeout=600, **options
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


@pytest.fixture(scope="module")
def dists(tmp_path_factory) -> Path:
    """Each plugin's sdist, and its wheel built from that sdist, as `make dist` builds them.

    From a copy, so that setuptools' egg-info lands there and not in plugins/.
    """
    folder = tmp_path_factory.mktemp("dist")
    for plugin in PLUGINS:
        source = folder / "source" / plugin
        shutil.copytree(
            ROOT / "plugins" / plugin,
            source,
            ignore=shutil.ignore_patterns("__pycache__", "*.egg-info", "build"),
        )
        run(sys.executable, "-m", "build", "--quiet", "--no-isolation", "-o", folder, source)
    return folder


@pytest.fixture(scope="module")
def fresh_python(dists, tmp_path_factory) -> Path:
    """A new virtual environment with the built plugins installed from files, offline."""
    if not (WHEELHOUSE / ".filled").exists():
        pytest.fail(f"{WHEELHOUSE} is missing: run `make test`, which runs `make wheelhouse`")
    venv = tmp_path_factory.mktemp("fresh") / "venv"
    run(sys.executable, "-m", "venv", venv)
    python = venv / "bin" / "python"
    names = [f"pelican-{plugin.replace('_', '-')}" for plugin in PLUGINS]
    pip = [python, "-m", "pip", "install", "--quiet", "--no-index"]
    shared = tmp_path_factory.mktemp("kit")  # what several plugins depend on: givefirst-kit
    source = shared / "source"
    shutil.copytree(ROOT / "plugins" / "kit", source, ignore=shutil.ignore_patterns("*.egg-info"))
    run(sys.executable, "-m", "build", "--quiet", "--no-isolation", "-o", shared, source)
    run(*pip, "--find-links", dists, "--find-links", shared, "--find-links", WHEELHOUSE, *names)
    return python


def wheel(dists: Path, plugin: str) -> Path:
    (found,) = dists.glob(f"pelican_{plugin}-*-py3-none-any.whl")
    return found


def wheel_files(dists: Path, plugin: str) -> tuple[set[str], Message]:
    """The files in the plugin's wheel, and its METADATA."""
    with zipfile.ZipFile(wheel(dists, plugin)) as archive:
        names = {name for name in archive.namelist() if not name.endswith("/")}
        (metadata,) = [name for name in names if name.endswith(".dist-info/METADATA")]
        return names, Parser().parsestr(archive.read(metadata).decode())


def test_each_plugin_builds_a_wheel_and_an_sdist_that_twine_passes(dists):
    built = sorted(path.name for path in dists.glob("*.*"))
    assert len(built) == 2 * len(PLUGINS)
    for plugin in PLUGINS:
        assert wheel(dists, plugin).name in built
        assert any(
            name.startswith(f"pelican_{plugin}-") and name.endswith(".tar.gz") for name in built
        )
    result = run(sys.executable, "-m", "twine", "check", "--strict", *sorted(dists.glob("*.*")))
    assert result.stdout.count("PASSED") == len(built)


@pytest.mark.parametrize("plugin", PLUGINS)
def test_an_sdist_carries_the_readme_and_what_it_shows(dists, plugin):
    (sdist,) = dists.glob(f"pelican_{plugin}-*.tar.gz")
    with tarfile.open(sdist) as archive:
        packed = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    readme = (ROOT / "plugins" / plugin / "README.md").read_text(encoding="utf-8")
    linked = set(re.findall(r"\]\(([^):#]+)\)", readme))  # relative links and images
    assert {"README.md", "CHANGELOG.md", "LICENSE", "pyproject.toml", *linked} <= packed


@pytest.mark.parametrize("plugin", PLUGINS)
def test_a_wheel_carries_every_file_of_its_package(dists, plugin):
    packed, metadata = wheel_files(dists, plugin)
    folder = package_folder(plugin)
    files = {
        path.relative_to(folder.parents[2]).as_posix()
        for path in folder.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }
    assert files <= packed, f"left out: {sorted(files - packed)}"
    assert not [name for name in packed if "__pycache__" in name or name.startswith("tests/")]
    assert metadata["Name"] == f"pelican-{plugin.replace('_', '-')}"
    assert metadata["License-Expression"] == "MIT"


def third_party_imports(plugin: str) -> set[str]:
    """Distributions the plugin's modules import, other than the standard library."""
    names = set()
    for path in package_folder(plugin).rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0:
                names.add(node.module)
    # `pelican` is a namespace our plugins share with Pelican: it is always a dependency,
    # and another of our plugins is imported by its namespace name.
    plugins = {name.split(".")[2] for name in names if name.startswith("pelican.plugins.")}
    modules = {name.split(".")[0] for name in names}
    modules -= {*sys.stdlib_module_names, "__future__", "pelican"}
    distributions = packages_distributions()
    return {
        "pelican",
        *(canonicalize_name(f"pelican-{other}") for other in plugins - {plugin}),
        *(canonicalize_name(distributions[module][0]) for module in modules),
    }


def with_what_it_requires(name: str) -> set[str]:
    """The distribution and everything it pulls in, as installed here (extras left out)."""
    found, pending = set(), [name]
    while pending:
        distribution = canonicalize_name(pending.pop())
        if distribution not in found:
            found.add(distribution)
            for line in requires(distribution) or []:
                requirement = Requirement(line)
                if not requirement.marker or requirement.marker.evaluate({"extra": ""}):
                    pending.append(requirement.name)
    return found


@pytest.mark.parametrize("plugin", PLUGINS)
def test_a_plugin_depends_on_what_it_imports_and_no_more(dists, plugin):
    """What comes with Pelican anyway (Jinja, MarkupSafe, feedgenerator) need not be declared."""
    _, metadata = wheel_files(dists, plugin)
    declared = {
        canonicalize_name(Requirement(line).name) for line in metadata.get_all("Requires-Dist")
    }
    imported = third_party_imports(plugin)
    assert declared - {"pelican"} <= imported, "declared but never imported"
    assert imported - declared <= with_what_it_requires("pelican"), "imported but not declared"


def test_the_wheels_install_alone_and_build_the_small_site(fresh_python, tmp_path):
    installed = json.loads(run(fresh_python, "-m", "pip", "list", "--format", "json").stdout)
    names = {canonicalize_name(package["name"]) for package in installed}
    assert {f"pelican-{plugin.replace('_', '-')}" for plugin in PLUGINS} <= names
    assert "give-first" not in names, "only what the plugins need"
    where = run(fresh_python, "-c", "import pelican.plugins.share_with as m; print(m.__file__)")
    assert where.stdout.startswith(str(fresh_python.parents[1])), "not our editable install"

    built = build_small_site(fresh_python, tmp_path)
    assert built.returncode == 0, built.log
    post = parse_html(built.page("give-before-you-ask.html"))
    for selector, stylesheet in POST_PARTIALS.items():
        assert post.select_one(selector), selector
        assert (built.output / "theme" / stylesheet).is_file(), stylesheet
    for page, title, stylesheet in PLUGIN_PAGES:
        assert parse_html(built.page(page)).title.get_text().startswith(title)
        assert (built.output / "theme" / stylesheet).is_file(), stylesheet
    assert (built.output / "share" / "icons.svg").is_file()
