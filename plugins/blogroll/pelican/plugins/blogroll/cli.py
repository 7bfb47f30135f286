"""`python -m pelican.plugins.blogroll`: refresh the feeds (`make feeds`), check a publish
build (`check-output`) or import OPML.

Run from the repository root; settings come from pelicanconf.py (or `--settings`).
Exit codes mean something to `make publish`: 0 when at least one feed answered, 1 when
none did (offline: the last good data is kept and published), 2 when the list or the
settings are wrong, or another refresh holds the data folder.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from datetime import datetime
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Column, Table

from .cache import GONE, Cache, RefreshRunning
from .check import problems
from .config import Blog, BlogrollConfigError, load_blogs
from .opml import OpmlError, import_opml
from .refresh import EMPTY, FAILED, UNCHANGED, UPDATED, WAITING, Outcome, refresh
from .settings import BlogrollSettings, SettingsError

OK, NONE_ANSWERED, UNUSABLE = 0, 1, 2

STATUS_STYLES = {
    UPDATED: "green",
    UNCHANGED: "cyan",
    EMPTY: "yellow",
    FAILED: "red",
    WAITING: "yellow",
    GONE: "red",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pelican.plugins.blogroll", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    refresh_parser = commands.add_parser("refresh", help="fetch every feed into the cache")
    refresh_parser.add_argument("--quiet", action="store_true", help="print one summary line")
    refresh_parser.add_argument(
        "--publishing", action="store_true", help="say so when publishing the last good data"
    )
    check_parser = commands.add_parser(
        "check-output", help="check a build: network pages there, no client error text"
    )
    check_parser.add_argument("--output", type=Path, default=Path("output"), help="the build")
    import_parser = commands.add_parser("import-opml", help="add an OPML file's blogs to the list")
    import_parser.add_argument("opml", type=Path, help="the OPML file to import")
    for command in (refresh_parser, import_parser, check_parser):
        source = command.add_mutually_exclusive_group()
        source.add_argument(
            "--settings", type=Path, default=Path("pelicanconf.py"), help="Pelican settings file"
        )
        source.add_argument(
            "--settings-json", help="settings as a JSON object (how the build passes them)"
        )
    args = parser.parse_args(argv)
    # Our messages are plain words, not code: no colouring of numbers and paths.
    out, err = Console(highlight=False), Console(stderr=True, highlight=False)
    try:
        settings = _settings(args)
        if args.command == "import-opml":
            return _import(args.opml, settings, out)
        if args.command == "check-output":
            return _check(args.output, settings, err)
        return _refresh(settings, out, err, quiet=args.quiet, publishing=args.publishing)
    except (BlogrollConfigError, SettingsError, OpmlError, RefreshRunning, OSError) as problem:
        err.print(f"[red]blogroll:[/red] {escape(str(problem))}")
        return UNUSABLE


def _settings(args: argparse.Namespace) -> BlogrollSettings:
    if args.settings_json:
        try:
            values = json.loads(args.settings_json)
        except ValueError as problem:
            raise SettingsError(f"--settings-json is not valid JSON: {problem}") from None
        if not isinstance(values, dict):
            raise SettingsError("--settings-json must be a JSON object of settings")
        return BlogrollSettings.from_settings(values)
    if not args.settings.exists():
        raise SettingsError(f"{args.settings} not found; run from the repository root")
    from pelican.settings import read_settings

    return BlogrollSettings.from_settings(read_settings(str(args.settings)))


def _refresh(
    settings: BlogrollSettings, out: Console, err: Console, *, quiet: bool, publishing: bool
) -> int:
    if not settings.source.exists():
        out.print(f"blogroll: no {settings.source}; nothing to refresh")
        return OK
    blogs = load_blogs(settings.source)
    started = time.monotonic()
    if quiet:
        outcomes = refresh(blogs, settings)
    else:
        outcomes = _refresh_showing_progress(blogs, settings, out, err)
    out.print(summary(outcomes, time.monotonic() - started))
    asked = [outcome for outcome in outcomes if outcome.status not in (GONE, WAITING)]
    if not asked or any(outcome.answered for outcome in outcomes):
        return OK
    # Feeds were asked and none answered: say what is kept.
    err.print(offline_line(blogs, settings, publishing))
    return NONE_ANSWERED


def _refresh_showing_progress(
    blogs: list[Blog], settings: BlogrollSettings, out: Console, err: Console
) -> list[Outcome]:
    """Refresh with a progress bar, then the table of outcomes and any moved feeds."""
    columns = (SpinnerColumn(), TextColumn("{task.description}"), BarColumn())
    progress = Progress(
        *columns, MofNCompleteColumn(), TimeElapsedColumn(), console=err, transient=True
    )
    with progress:
        task = progress.add_task("Refreshing feeds", total=len(blogs))

        def done(outcome: Outcome) -> None:
            progress.update(task, advance=1, description=f"Done: {outcome.blog.name}")

        outcomes = refresh(blogs, settings, on_done=done)
    out.print(report_table(outcomes))
    for outcome in outcomes:
        if outcome.moved_to:
            out.print(
                f"{outcome.blog.name}: feed moved permanently to {outcome.moved_to} "
                f"(update `feed:` in {settings.source.name})"
            )
    return outcomes


def offline_line(blogs: list[Blog], settings: BlogrollSettings, publishing: bool) -> str:
    data = Cache(settings.data_path)
    updated = [state.updated_at for blog in blogs if (state := data.load(blog.key))]
    newest = max((when for when in updated if when), default=None)
    if newest is None:
        return "no feed answered: are you offline? nothing was ever fetched, so no entries yet"
    verb = "publishing" if publishing else "keeping"
    day = datetime.fromisoformat(newest).strftime("%-d %b %Y")
    return f"no feed answered: are you offline? {verb} the last good entries from {day}"


def _check(output: Path, settings: BlogrollSettings, err: Console) -> int:
    found = problems(output, settings)
    for problem in found:
        err.print(f"[red]blogroll:[/red] {escape(problem)}")
    return NONE_ANSWERED if found else OK


def report_table(outcomes: list[Outcome]) -> Table:
    right = {"justify": "right"}
    columns = (Column("New", **right), Column("Time", **right), Column("Detail", overflow="fold"))
    table = Table("Blog", "Status", *columns, title="Blogroll refresh")
    for outcome in outcomes:
        style = STATUS_STYLES.get(outcome.status, "")
        table.add_row(
            escape(outcome.blog.name),
            f"[{style}]{outcome.status}[/{style}]",
            str(outcome.new_entries),
            f"{outcome.seconds:.2f} s",
            escape(outcome.detail),
        )
    return table


def summary(outcomes: list[Outcome], seconds: float) -> str:
    """One line: how long, what happened, and how many feeds cost only a 304."""
    counts = Counter(outcome.status for outcome in outcomes)
    not_modified = sum(outcome.not_modified for outcome in outcomes)
    parts = [f"{counts[status]} {status}" for status in STATUS_STYLES if counts[status]]
    return (
        f"{len(outcomes)} blogs in {seconds:.2f} s: {', '.join(parts) or 'nothing to do'}; "
        f"{not_modified} of {len(outcomes)} answered 304 Not Modified"
    )


def _import(opml: Path, settings: BlogrollSettings, out: Console) -> int:
    report = import_opml(opml, settings.source)
    for blog in report.added:
        out.print(f"added: {blog.name} ({blog.feed})")
    for name in report.already_listed:
        out.print(f"already listed: {name}")
    for problem in report.skipped:
        out.print(f"skipped: {problem}")
    out.print(
        f"{len(report.added)} added to {settings.source}, {len(report.already_listed)} already "
        f"listed, {len(report.skipped)} skipped"
    )
    return OK
