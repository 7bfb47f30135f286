"""`python -m preview`: build the site into the preview's own folder and serve it.

`make devserver` runs it watching (rebuild on save, browser tabs reload themselves);
`make serve` runs it with `--no-watch` (build once, serve).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import threading
from pathlib import Path

from pelican.log import init as init_logging

from preview.build import Builder
from preview.events import Events
from preview.server import PreviewServer
from preview.session import Session, say
from preview.watch import Watcher


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m preview", description=__doc__)
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--bind", default="127.0.0.1")
    parser.add_argument("--settings", type=Path, default=Path("pelicanconf.py"))
    parser.add_argument("--content", type=Path, default=Path("content"))
    parser.add_argument(
        "--folder",
        type=Path,
        help="the preview's own output and cache go here (default .cache/preview/PORT)",
    )
    parser.add_argument("--no-watch", action="store_true", help="build once and serve")
    parser.add_argument(
        "-e",
        "--extra-settings",
        nargs="*",
        default=[],
        metavar="KEY=JSON",
        help="settings on top of the settings file, as for pelican -e",
    )
    return parser.parse_args(argv)


def overrides_from(args: argparse.Namespace, folder: Path) -> dict:
    siteurl = f"http://{args.bind}:{args.port}"
    overrides = {
        "PATH": str(args.content.resolve()),
        "OUTPUT_PATH": str(folder / "output"),
        "CACHE_PATH": str(folder / "cache"),
        "SITEURL": siteurl,
        "FEED_DOMAIN": siteurl,
        "DELETE_OUTPUT_DIRECTORY": False,  # keep serving the last site while building
    }
    for item in args.extra_settings:
        key, _, value = item.partition("=")
        overrides[key] = json.loads(value)
    return overrides


def main(argv: list[str] | None = None) -> int:
    args = parse_arguments(argv)
    folder = (args.folder or Path(".cache/preview") / str(args.port)).resolve()
    (folder / "output").mkdir(parents=True, exist_ok=True)
    # As `make html`: a warning fails the build. Every repeat of a message is shown: an
    # author who breaks the same post twice must see it twice.
    init_logging(fatal="warnings", handler=None, logs_dedup_min_level=logging.DEBUG)
    events = None if args.no_watch else Events()
    try:
        server = PreviewServer((args.bind, args.port), folder / "output", events)
    except OSError as error:
        say(f"cannot serve on {args.bind}:{args.port} ({error.strerror}); try PORT=8001")
        return 1
    threading.Thread(target=server.serve_forever, daemon=True, name="preview-http").start()
    watcher: Watcher | None = None
    builder = Builder(
        args.settings.resolve(),
        overrides_from(args, folder),
        superseded=lambda: watcher is not None and watcher.pending(),
    )
    if not args.no_watch:
        settings = builder.settings
        watcher = Watcher(
            folders=[Path(settings["PATH"]), Path(settings["THEME"]).resolve()],
            files=[args.settings.resolve()],
            ignore=settings["IGNORE_FILES"],
        )
        watcher.start()  # before the first build: a save made during it is kept
    session = Session(builder, events, watcher)
    say(f"serving {server.url}/ from {folder / 'output'} (Ctrl-C to stop)")
    try:
        built = session.first_build()
        if watcher is None:
            if not built:
                return 1
            threading.Event().wait()
        session.watch()
    except KeyboardInterrupt:
        say("stopped")
    finally:
        server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
