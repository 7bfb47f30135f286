"""`python -m pelican.plugins.conversation`: the two steps that use the network.

- `refresh` (`make feeds`): fetch the received mentions (WEBMENTION_RECEIVED).
- `send` (`make mentions`): send Webmentions for the published site in output/;
  `--dry-run` lists them without sending anything.
- `check-output`: exit 0 when output/ holds a build for the public SITEURL (the Makefile
  builds one first otherwise).

Run from the repository root; settings come from pelicanconf.py (refresh) or
publishconf.py (send, check-output), or `--settings`.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from .links import NotPublished, published_posts
from .outbox import ACCEPTED, FAILED, NO_ENDPOINT, REFUSED, Answer
from .received import refresh
from .replies import ConversationError
from .send import Run, send
from .settings import ConversationSettings, SettingsError, limits
from .store import StoreError

STYLES = {ACCEPTED: "green", NO_ENDPOINT: "cyan", REFUSED: "yellow", FAILED: "red"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m pelican.plugins.conversation", description=__doc__
    )
    commands = parser.add_subparsers(dest="command", required=True)
    refresh_parser = commands.add_parser("refresh", help="fetch the received mentions")
    send_parser = commands.add_parser("send", help="send Webmentions for the published site")
    send_parser.add_argument("--dry-run", action="store_true", help="list, send nothing")
    check_parser = commands.add_parser("check-output", help="is output/ the public build?")
    refresh_parser.add_argument("--settings", type=Path, default=Path("pelicanconf.py"))
    for command in (send_parser, check_parser):
        command.add_argument("--settings", type=Path, default=Path("publishconf.py"))
        command.add_argument("--output", type=Path, help="the built site (default OUTPUT_PATH)")
    args = parser.parse_args(argv)
    out, err = Console(), Console(stderr=True)
    try:
        settings = _read_settings(args.settings)
        options = ConversationSettings.from_settings(settings)
        if args.command == "refresh":
            return _refresh(options, limits(settings), out)
        output = args.output or Path(str(settings.get("OUTPUT_PATH") or "output"))
        if args.command == "check-output":
            published_posts(output, options.siteurl)
            return 0
        return _send(output, options, settings, out, dry_run=args.dry_run)
    except NotPublished as problem:
        err.print(f"conversation: {escape(str(problem))}", highlight=False)
        return 3
    except (SettingsError, StoreError, ConversationError, OSError) as problem:
        err.print(f"[red]conversation:[/red] {escape(str(problem))}", highlight=False)
        return 1


def _read_settings(path: Path) -> dict:
    if not path.exists():
        raise SettingsError(f"{path} not found; run from the repository root")
    from pelican.settings import read_settings

    return read_settings(str(path))


def _refresh(options: ConversationSettings, request_limits, out: Console) -> int:
    started = time.monotonic()
    outcome = refresh(options, request_limits)
    table = Table(title="Received mentions")
    for column in ("Feed", "Status", "Held", "Time", "Detail"):
        table.add_column(column, overflow="fold")
    held = ", ".join(f"{count} {kind}" for kind, count in sorted(outcome.kinds.items()))
    table.add_row(
        escape(outcome.feed or "-"),
        outcome.status,
        held or "none",
        f"{time.monotonic() - started:.2f} s",
        escape(outcome.detail),
    )
    out.print(table)
    return 0


def _send(output: Path, options, settings: dict, out: Console, *, dry_run: bool) -> int:
    started = time.monotonic()
    run = send(output, options, limits(settings), dry_run=dry_run)
    if not run.jobs:
        links = len({target for post in run.posts for target in post.targets})
        out.print(
            f"Webmentions: nothing to send; {len(run.posts)} posts link to {links} outside "
            "pages, none new or changed since they were last sent for.",
            highlight=False,
        )
        return 0
    if dry_run:
        out.print(_dry_run_table(run, options.siteurl))
        out.print(f"Webmentions: {len(run.jobs)} would be sent (dry run: nothing was sent).")
        return 0
    out.print(_answers_table(run, options.siteurl))
    out.print(summary(run.answers, time.monotonic() - started), highlight=False)
    return 0


def _dry_run_table(run: Run, siteurl: str) -> Table:
    table = Table(title="Webmentions that would be sent")
    for column in ("Post", "Target", "Why"):
        table.add_column(column, overflow="fold")
    for job in run.jobs:
        table.add_row(escape(_short(job.source, siteurl)), escape(job.target), job.why)
    return table


def _answers_table(run: Run, siteurl: str) -> Table:
    why = {(job.source, job.target): job.why for job in run.jobs}
    table = Table(title="Webmentions sent")
    for column in ("Post", "Target", "Why", "Answer", "Detail"):
        table.add_column(column, overflow="fold")
    for answer in run.answers:
        style = STYLES[answer.result]
        table.add_row(
            escape(_short(answer.source, siteurl)),
            escape(answer.target),
            why[answer.source, answer.target],
            f"[{style}]{answer.result}[/{style}]",
            escape(_detail(answer)),
        )
    return table


def _detail(answer: Answer) -> str:
    return f"{answer.detail} from {answer.endpoint}" if answer.endpoint else answer.detail


def _short(source: str, siteurl: str) -> str:
    return source.removeprefix(siteurl) or "/"


def summary(answers: list[Answer], seconds: float) -> str:
    counts = Counter(answer.result for answer in answers)
    parts = [f"{counts[result]} {result}" for result in STYLES if counts[result]]
    targets = "1 target" if len(answers) == 1 else f"{len(answers)} targets"
    return f"Webmentions: {targets} in {seconds:.2f} s: {', '.join(parts)}"
