"""A preview session: the first build, then for each batch of saves the fast path
and a full build to catch up, with news for the terminal and the browser tabs."""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from preview.build import Builder, Outcome
from preview.events import Events
from preview.problems import LogProblems, problems_of
from preview.quick import Rewritten, rewrite
from preview.watch import Watcher
from preview.writer import Superseded

# More saved posts than this at once (a `git checkout`, say) go straight to a full build.
MOST_FAST = 10


class BuildFailed(Exception):
    """The site did not build; the problems have been reported."""


class Session:
    def __init__(self, builder: Builder, events: Events | None, watcher: Watcher | None):
        self.builder = builder
        self.events = events
        self.watcher = watcher
        self.log = LogProblems()
        logging.getLogger().addHandler(self.log)
        # Sources changed since the last full build that finished (relative to PATH).
        self.unbuilt: set[str] = set()
        # pelicanconf.py failed to load: every build until it loads would use old settings.
        self.settings_failed = False

    @property
    def content(self) -> Path:
        return Path(self.builder.settings["PATH"])

    def first_build(self) -> bool:
        """Build everything; True if the site built."""
        say("building the site")
        return self._full_build()

    def watch(self) -> None:
        """Rebuild after every batch of saves, for as long as the process runs."""
        while True:
            self.rebuild(self.watcher.take())

    def rebuild(self, changed: set[str]) -> None:
        settings_file = str(self.builder.settings_file.resolve())
        sources = {self._relative(path) for path in changed}
        say("changed: " + ", ".join(sorted(map(shown, changed))))
        if settings_file in changed or self.settings_failed:
            name = Path(settings_file).name
            if settings_file in changed:
                say(f"{name} changed: new settings, so a full build")
            else:
                say(f"{name} did not load last time; trying it again first")
            try:
                with self._reporting():
                    self.builder.reload_settings()
            except BuildFailed:
                self.settings_failed = True
                return
            self.settings_failed = False
        elif None in sources:
            say("not a post or page: a full build")
        elif len(sources) > MOST_FAST:
            say(f"{len(sources)} files at once: a full build")
        elif self.builder.site is not None and not self._fast_path(sources):
            return  # a saved post is broken: the full build would fail the same way
        self.unbuilt |= sources - {None}
        self._full_build(reload_all=any(map(self._is_asset, changed)))

    def _fast_path(self, sources: Iterable[str]) -> bool:
        """Write the saved posts' own pages now; False if one is broken."""
        rewritten: list[Rewritten] = []
        started = time.perf_counter()
        for source in sorted(sources):
            if not (self.content / source).is_file():
                say(f"{source}: removed, or not a file: a full build")
                continue
            try:
                with self._reporting():
                    done = rewrite(self.builder.site, source)
            except BuildFailed:
                return False
            if done is None:
                say(f"{source}: the fast path cannot show this; a full build")
            else:
                rewritten.append(done)
        if rewritten:
            took = time.perf_counter() - started
            written = [
                f"/{done.url}" + ("" if done.changed else " (unchanged)") for done in rewritten
            ]
            say(f"written first: {', '.join(written)} in {took:.2f} s; now the rest")
            pages = [f"/{done.url}" for done in rewritten if done.changed]
            moved = {
                f"/{done.old_url}": f"/{done.url}"
                for done in rewritten
                if done.old_url and done.old_url != done.url
            }
            if pages or moved:
                self._notify(pages, moved)
        return True

    def _full_build(self, reload_all: bool = False) -> bool:
        try:
            with self._reporting():
                outcome = self.builder.build(first=self.unbuilt)
        except Superseded:
            say("a newer save: starting again from it")
            return False
        except BuildFailed:
            return False
        self.unbuilt.clear()
        self._report(outcome, reload_all)
        return True

    def _report(self, outcome: Outcome, reload_all: bool) -> None:
        output = self.builder.output
        pages = sorted(page_of(output, path) for path in outcome.changed | outcome.removed)
        if reload_all:
            pages = ["*"]
        say(
            f"built in {outcome.seconds:.1f} s: {len(outcome.changed)} files changed, "
            f"{len(outcome.removed)} removed"
        )
        if self.events is not None:
            self.events.fixed()
            if pages:
                self.events.changed(pages)
            self.events.built(outcome.seconds, len(outcome.changed) + len(outcome.removed))

    def _notify(self, pages: list[str], moved: dict[str, str] | None = None) -> None:
        if self.events is not None:
            self.events.changed(pages, moved)

    @contextlib.contextmanager
    def _reporting(self) -> Iterator[None]:
        """Turn what breaks a build into problems: in the terminal, in the tabs, and
        raised as BuildFailed. Superseded passes through."""
        self.log.records.clear()
        try:
            yield
        except Superseded:
            raise
        except Exception as error:
            problems = problems_of(error, self.log.records, self.content)
            say("the site did not build; still serving the last good version:")
            for problem in problems:
                say(f"  {problem}")
            if self.events is not None:
                self.events.broken([problem.as_dict() for problem in problems])
            raise BuildFailed("\n".join(map(str, problems))) from error

    def _is_asset(self, path: str) -> bool:
        """A stylesheet, script or image of the theme: every page may show it."""
        theme = Path(self.builder.settings["THEME"]).resolve()
        suffixes = tuple(self.builder.settings["TEMPLATE_EXTENSIONS"])
        return Path(path).is_relative_to(theme) and not path.endswith(suffixes)

    def _relative(self, path: str) -> str | None:
        """`path` relative to PATH, or None if it is outside (theme, settings)."""
        try:
            return Path(path).relative_to(self.content).as_posix()
        except ValueError:
            return None


def page_of(output: Path, file: Path) -> str:
    """The URL path a browser shows for an output file: `/slug/` for slug/index.html."""
    return "/" + file.relative_to(output).as_posix().removesuffix("index.html")


def shown(path: str) -> str:
    """`path` as the author would type it: relative to the working folder if inside."""
    try:
        return Path(path).relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path


def say(message: str) -> None:
    print(f"[preview] {message}", flush=True)
