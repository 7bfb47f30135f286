"""Run `python -m preview` on a copy of the site, and watch it as an author would.

Nothing here waits a fixed time: each wait polls until the served page (or the output
folder) shows what was saved, under a generous outer timeout, so a loaded machine
makes a test slower, not red.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tests.support import ROOT, TEST_BUILD_SETTINGS, free_port

PATIENCE = 120  # seconds: how long a wait may take on a loaded machine before it fails


@dataclass
class SiteCopy:
    """pelicanconf.py, theme/ and content/ copied, so a test may edit any of them."""

    root: Path

    @property
    def settings(self) -> Path:
        return self.root / "pelicanconf.py"

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def theme(self) -> Path:
        return self.root / "theme"


def copy_site(destination: Path, content: Path = ROOT / "content") -> SiteCopy:
    destination.mkdir(parents=True, exist_ok=True)
    shutil.copy(ROOT / "pelicanconf.py", destination / "pelicanconf.py")
    shutil.copytree(ROOT / "theme", destination / "theme")
    shutil.copytree(content, destination / "content")
    return SiteCopy(destination)


@dataclass
class Response:
    status: int
    text: str


@dataclass
class RunningPreview:
    process: subprocess.Popen
    url: str
    output: Path
    log_file: Path
    events: list[tuple[str, dict]] = field(default_factory=list)

    def log(self) -> str:
        return self.log_file.read_text(encoding="utf-8", errors="replace")

    def get(self, path: str) -> Response:
        try:
            with urllib.request.urlopen(self.url + path, timeout=30) as response:
                return Response(response.status, response.read().decode("utf-8"))
        except urllib.error.HTTPError as error:
            return Response(error.code, error.read().decode("utf-8"))

    def wait_until(self, check: Callable[[], object], what: str, patience: float = PATIENCE):
        """Poll `check` until it returns something true; fail naming `what` and the log."""
        deadline = time.monotonic() + patience
        while True:
            result = check()
            if result:
                return result
            if self.process.poll() is not None:
                raise AssertionError(f"the preview exited while waiting for {what}:\n{self.log()}")
            if time.monotonic() > deadline:
                raise AssertionError(f"gave up waiting for {what}; preview log:\n{self.log()}")
            time.sleep(0.05)

    def wait_for_text(self, path: str, text: str) -> Response:
        return self.wait_until(
            lambda: (
                (response := self.get(path)).status == 200 and text in response.text and response
            ),
            f"{text!r} at {path}",
        )

    def wait_for_status(self, path: str, status: int) -> Response:
        return self.wait_until(
            lambda: (response := self.get(path)).status == status and response,
            f"status {status} at {path}",
        )

    def wait_for_event(self, name: str, after: int = 0) -> dict:
        """The data of the first `name` event from the stream, counting from `after`."""
        found = self.wait_until(
            lambda: [data for kind, data in self.events[after:] if kind == name],
            f"a {name!r} event",
        )
        return found[0]


@contextmanager
def running_preview(
    folder: Path, site: SiteCopy, *, watch: bool = True, extra: dict | None = None
) -> Iterator[RunningPreview]:
    """The preview on a free port, its first build done; its event stream recorded."""
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "preview",
        "--port",
        str(port),
        "--settings",
        str(site.settings),
        "--content",
        str(site.content),
        "--folder",
        str(folder),
    ]
    if not watch:
        command.append("--no-watch")
    settings = {**TEST_BUILD_SETTINGS, **(extra or {})}  # as the clean builds it is compared with
    command += ["-e", *(f"{key}={json.dumps(value)}" for key, value in settings.items())]
    log_file = folder.parent / f"{folder.name}.log"
    with log_file.open("wb") as log:
        process = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    preview = RunningPreview(process, f"http://127.0.0.1:{port}", folder / "output", log_file)
    try:
        preview.wait_until(lambda: "[preview] built in" in preview.log(), "the first build")
        if watch:
            threading.Thread(target=_record_events, args=(preview,), daemon=True).start()
            preview.wait_for_event("hello")
        yield preview
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _record_events(preview: RunningPreview) -> None:
    """Server-sent events, parsed into (name, data) pairs as they arrive."""
    name = None
    try:
        with urllib.request.urlopen(preview.url + "/__preview/events", timeout=600) as stream:
            for raw in stream:
                line = raw.decode("utf-8").rstrip("\n")
                if line.startswith("event: "):
                    name = line.removeprefix("event: ")
                elif line.startswith("data: ") and name:
                    preview.events.append((name, json.loads(line.removeprefix("data: "))))
    except OSError:
        pass  # the preview stopped


def differences(built: Path, clean: Path) -> list[str]:
    """Files only in one folder, or whose bytes differ."""

    def files(folder: Path) -> dict[str, Path]:
        return {
            path.relative_to(folder).as_posix(): path
            for path in folder.rglob("*")
            if path.is_file()
        }

    ours, theirs = files(built), files(clean)
    found = [f"only in the preview: {name}" for name in sorted(ours.keys() - theirs.keys())]
    found += [f"missing from the preview: {name}" for name in sorted(theirs.keys() - ours.keys())]
    found += [
        f"differs: {name}"
        for name in sorted(ours.keys() & theirs.keys())
        if ours[name].read_bytes() != theirs[name].read_bytes()
    ]
    return found
