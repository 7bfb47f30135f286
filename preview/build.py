"""Full builds in this process, as `make html` makes them, with the writer reordered.

Each build is `Pelican.run()` itself. Two of Pelican's signals let the preview in:
`get_writer` hands Pelican the preview's writer, and `all_generators_finalized` keeps
the generators (posts, pages and the plugins' data) for the fast path to render from
until the next build. The writer's pages are written at `finalized`, most wanted first.
Afterwards, files that this build did not make (a renamed post's old page, a tag no
post has any more) are removed, so the folder ends as a clean build's would.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from pelican import Pelican
from pelican.contents import Content
from pelican.plugins import signals
from pelican.settings import read_settings

from preview.writer import PreviewWriter

CLOCK_MARGIN_NS = 50_000_000


@dataclass
class Site:
    """What the last build worked out: its generators and the context they share."""

    pelican: Pelican
    generators: list

    @property
    def context(self) -> dict:
        return self.generators[0].context

    @property
    def settings(self) -> dict:
        return self.pelican.settings


@dataclass
class Outcome:
    """Files a build changed, and how long it took."""

    changed: set[Path] = field(default_factory=set)
    removed: set[Path] = field(default_factory=set)
    seconds: float = 0.0


def load_settings(settings_file: Path, overrides: dict) -> dict:
    """pelicanconf.py read afresh (a change to it takes effect), with the preview's own
    output folder, cache and SITEURL on top."""
    os.environ["SITEURL"] = overrides["SITEURL"]  # what pelicanconf.py derives from it too
    return read_settings(str(settings_file), override=overrides)


class Builder:
    """Owns the Pelican object; runs full builds and keeps the last one's `Site`."""

    def __init__(self, settings_file: Path, overrides: dict, superseded: Callable[[], bool]):
        self.settings_file = settings_file
        self.overrides = overrides
        self.superseded = superseded
        self.site: Site | None = None
        self._first: set[str] = set()
        self._writer: PreviewWriter | None = None
        self._building = False
        self.pelican = Pelican(load_settings(settings_file, overrides))
        signals.get_writer.connect(self._writer_class, weak=False)
        signals.all_generators_finalized.connect(self._keep_generators, weak=False)
        signals.finalized.connect(self._write_pages, weak=False)

    @property
    def settings(self) -> dict:
        return self.pelican.settings

    @property
    def output(self) -> Path:
        return Path(self.settings["OUTPUT_PATH"])

    def reload_settings(self) -> None:
        """pelicanconf.py changed: a new Pelican object, plugins and all, as `-r` does."""
        self.pelican = Pelican(load_settings(self.settings_file, self.overrides))
        self.site = None

    def build(self, first: Iterable[str] = ()) -> Outcome:
        """One full build; pages of the contents at `first` (paths relative to PATH),
        then the pages listing them, are written before the rest.

        Raises Superseded (from the writer) when a newer save is waiting, and whatever
        Pelican raises on a broken site; either way the kept `site` is the newest whose
        context was complete, and files already written stay.
        """
        started = time.perf_counter()
        start_ns = time.time_ns()
        self._first = set(first)
        forget_rendered_contents()
        self._building = True
        try:
            self.pelican.run()
        finally:
            self._building = False
        writer = self._writer
        removed = remove_stale(self.output, start_ns, writer.produced | static_outputs(self.site))
        return Outcome(writer.changed, removed, time.perf_counter() - started)

    def _writer_class(self, _pelican) -> type[PreviewWriter]:
        builder = self

        class BuildWriter(PreviewWriter):
            def __init__(self, output_path, settings=None):
                super().__init__(
                    output_path, settings, first=builder._first, superseded=builder.superseded
                )
                builder._writer = self

        return BuildWriter

    def _keep_generators(self, generators) -> None:
        """A full build's generators; not the fast path's, which sends the signal too."""
        if self._building:
            self.site = Site(self.pelican, generators)

    def _write_pages(self, _pelican) -> None:
        self._writer.flush()


def forget_rendered_contents() -> None:
    """Pelican memoizes each post's HTML for the life of the process, keyed by the post
    object; a build makes new objects, so the old ones would never be freed."""
    Content.get_content.cache.clear()
    Content.get_summary.cache.clear()


def static_outputs(site: Site) -> set[Path]:
    """Static files the build kept as they were (copied only when newer)."""
    output = Path(site.settings["OUTPUT_PATH"])
    return {output / static.save_as for static in site.context.get("staticfiles", ())}


def remove_stale(output: Path, start_ns: int, produced: set[Path]) -> set[Path]:
    """Remove what the build neither wrote nor vouched for, and folders left empty.

    A file written or copied during the build has a newer change time than its start
    (less a margin: file times come from a coarser clock); one the writer left alone
    because its text was the same is in `produced`.
    """
    before = start_ns - CLOCK_MARGIN_NS
    removed = set()
    for folder, _, names in os.walk(output, topdown=False):
        for name in names:
            path = Path(folder, name)
            if path not in produced and path.lstat().st_ctime_ns < before:
                path.unlink()
                removed.add(path)
        if folder != str(output) and not os.listdir(folder):
            os.rmdir(folder)
    return removed
