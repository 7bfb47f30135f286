"""Pelican's writer, reordered: what the author is looking at is written first.

Generators hand every page to the writer as they go (posts, then archives, tags and
categories, then the plugins' pages). This writer only notes each call, and renders
them when the build asks, most wanted first, so that after an edit the post and the
pages that list it are on disk within a second or two of the build writing anything,
not after the thousands of other pages. Between pages it asks whether a newer save is
waiting, and gives way to it.

Each file is replaced in one step (written beside it, then renamed), so the preview
server never sends half a page; a file whose text did not change is left alone, and
the writer says which files did change, for the browser tabs showing them.
"""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path

from pelican.contents import Content
from pelican.writers import FileOverwriteFailedError, Writer

OWN_PAGE, LISTS_IT, OTHER_LIST, OTHER_PAGE = range(4)


class Superseded(Exception):
    """A newer save is waiting: stop writing this build's pages."""


class PreviewWriter(Writer):
    """Defers `write_file` and `write_feed` until `flush`, then writes by priority.

    `first` holds the source paths (relative to PATH) of the contents that changed.
    """

    def __init__(
        self,
        output_path: str,
        settings: dict | None = None,
        *,
        first: Iterable[str] = (),
        superseded: Callable[[], bool] = lambda: False,
    ):
        super().__init__(output_path, settings=settings)
        self.first = set(first)
        self.superseded = superseded
        self.pending: list[tuple[int, int, Callable[[], object]]] = []
        self.produced: set[Path] = set()
        self.changed: set[Path] = set()

    def write_file(self, name, template, context, *args, **kwargs):
        if name:
            priority = self._file_priority(kwargs)
            self._defer(priority, super().write_file, name, template, context, *args, **kwargs)

    def write_feed(self, elements, context, *args, **kwargs):
        listed = elements[: self.settings.get("FEED_MAX_ITEMS")]
        priority = LISTS_IT if self._mentions(listed) else OTHER_LIST
        self._defer(priority, super().write_feed, elements, context, *args, **kwargs)

    def flush(self) -> None:
        """Write every page noted so far, most wanted first; raise Superseded when told."""
        self.pending.sort(key=lambda job: job[:2], reverse=True)  # the first at the end
        while self.pending:
            if self.superseded():
                raise Superseded
            *_, job = self.pending.pop()
            job()

    def _defer(self, priority: int, call, *args, **kwargs) -> None:
        self.pending.append((priority, len(self.pending), partial(call, *args, **kwargs)))

    def _file_priority(self, kwargs: dict) -> int:
        own = kwargs.get("article") or kwargs.get("page")
        if isinstance(own, Content):
            return OWN_PAGE if own.relative_source_path in self.first else OTHER_PAGE
        listed = kwargs.get("articles") or kwargs.get("dates") or ()
        return LISTS_IT if self._mentions(listed) else OTHER_LIST

    def _mentions(self, contents) -> bool:
        return bool(self.first) and any(
            getattr(content, "relative_source_path", None) in self.first for content in contents
        )

    def _open_w(self, filename, encoding, override=False):
        """Pelican's rule on writing a file twice, then a file that lands whole on close."""
        if filename in self._overridden_files:
            if override:
                raise FileOverwriteFailedError(
                    f'Failed to overwrite "{filename}" a second time (was previously overwritten)'
                )
            return io.StringIO()
        if filename in self._written_files and not override:
            raise FileOverwriteFailedError(
                f'Failed to overwrite "{filename}" as Pelican has already written to it '
                "previously (set `override=True` if intended)"
            )
        if override:
            self._overridden_files.add(filename)
        self._written_files.add(filename)
        path = Path(filename)
        self.produced.add(path)
        return _WholeFile(path, encoding, on_change=self.changed.add)


class _WholeFile(io.StringIO):
    """Text that replaces `path` atomically when closed, and only if it differs."""

    def __init__(self, path: Path, encoding: str, on_change: Callable[[Path], None]):
        super().__init__()
        self.path, self.encoding_name, self.on_change = path, encoding, on_change

    def close(self) -> None:
        if not self.closed:
            data = self.getvalue().encode(self.encoding_name)
            if replace_if_changed(self.path, data):
                self.on_change(self.path)
        super().close()


def replace_if_changed(path: Path, data: bytes) -> bool:
    """Write `data` to `path` in one step unless it already holds exactly that."""
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".preview-")
    try:
        with os.fdopen(handle, "wb") as output:
            output.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return True
