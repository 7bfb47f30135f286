"""What broke a build, as `file:line: message`, for the terminal and the browser overlay.

Pelican reports a broken post by logging an error (which the preview, like `make
html`, treats as fatal) that names the file but not the line; Jinja's errors and
Python's carry a line; our plugins' errors list problems already written as
`path:line: message`. The line of a post's problem is the metadata line whose key or
value the error names, or else the first line.
"""

from __future__ import annotations

import logging
import re
import traceback
from dataclasses import asdict, dataclass
from pathlib import Path

TEMPLATE_SUFFIXES = (".html", ".xml", ".txt", ".j2")
WHERE = re.compile(r"^(?P<file>[^\s:][^:\n]*?):(?P<line>\d+): ?(?P<message>.*)$", re.DOTALL)
FATAL_LOG = "Warning or error encountered"  # what Pelican raises after a fatal log


@dataclass(frozen=True)
class Problem:
    file: str | None
    line: int | None
    message: str

    def __str__(self) -> str:
        where = ":".join(str(part) for part in (self.file, self.line) if part)
        return f"{where}: {self.message}" if where else self.message

    def as_dict(self) -> dict:
        return asdict(self)


class LogProblems(logging.Handler):
    """Keeps the warnings and errors logged during a build."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def problems_of(
    error: BaseException | None, records: list[logging.LogRecord], content: Path
) -> list[Problem]:
    """The problems behind a failed build: each warning or error logged, then the
    exception unless it only says that one was logged."""
    found = [problem for record in records for problem in _from_record(record, content)]
    if error is not None and not (isinstance(error, RuntimeError) and str(error) == FATAL_LOG):
        found += _from_exception(error, content)
    found = [Problem(_shown(p.file), p.line, p.message) for p in found]
    return list(dict.fromkeys(found)) or [Problem(None, None, "the build failed")]


def _shown(file: str | None) -> str | None:
    """A path as the author would type it: relative to the working folder if inside."""
    if file is None or not Path(file).is_absolute():
        return file
    try:
        return Path(file).relative_to(Path.cwd()).as_posix()
    except ValueError:
        return file


def _from_record(record: logging.LogRecord, content: Path) -> list[Problem]:
    message = record.getMessage()
    error = record.exc_info[1] if record.exc_info else None
    if error is not None:
        located = _from_exception(error, content)
        if located and located[0].file:
            return [Problem(p.file, p.line, f"{message}: {p.message}") for p in located]
        message = f"{message}: {_describe(error)}"
    source = _named_source(record, content)
    if source is not None:
        return [Problem(str(source), _metadata_line(source, message), message)]
    return [Problem(None, None, message)]


def _from_exception(error: BaseException, content: Path) -> list[Problem]:
    listed = getattr(error, "problems", None)
    if isinstance(listed, list) and listed:
        return [_parse_where(str(problem)) for problem in listed]
    filename, line = getattr(error, "filename", None), getattr(error, "lineno", None)
    if filename and line:  # Jinja's syntax errors, Python's (pelicanconf.py)
        return [Problem(str(filename), int(line), _describe(error))]
    mark = getattr(error, "problem_mark", None)
    if mark is not None:  # YAML
        return [Problem(mark.name, mark.line + 1, _describe(error))]
    frame = _last_template_frame(error)
    if frame is not None:  # an error while a template renders
        return [Problem(frame.filename, frame.lineno, _describe(error))]
    return [Problem(None, None, _describe(error))]


def _parse_where(text: str) -> Problem:
    match = WHERE.match(text)
    if match is None:
        return Problem(None, None, text)
    return Problem(match["file"], int(match["line"]), match["message"])


def _describe(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"


def _last_template_frame(error: BaseException):
    """Jinja rewrites tracebacks so that template lines appear as frames."""
    frames = traceback.extract_tb(error.__traceback__)
    templates = [frame for frame in frames if frame.filename.endswith(TEMPLATE_SUFFIXES)]
    return templates[-1] if templates else None


def _named_source(record: logging.LogRecord, content: Path) -> Path | None:
    """The content file a log message is about ("Could not process posts/x.md")."""
    args = record.args if isinstance(record.args, tuple) else (record.args,)
    for value in (*args, *re.findall(r"[\w./-]+\.\w+", record.getMessage())):
        if isinstance(value, str | Path):
            candidate = content / value
            if candidate.is_file():
                return candidate
    return None


def _metadata_line(source: Path, message: str) -> int:
    """The header line whose value or key the message names; else line 1."""
    lowered = message.lower()
    try:
        lines = source.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return 1
    header = []
    for number, text in enumerate(lines, start=1):
        if not text.strip():
            break
        key, _, value = text.partition(":")
        header.append((number, key.strip().lower(), value.strip().lower()))
    for number, _, value in header:
        if value and value in lowered:
            return number
    for number, key, _ in header:
        if key and re.search(rf"\b{re.escape(key)}\b", lowered):
            return number
    return 1
