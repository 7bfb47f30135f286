"""The data folder (`data/conversation/`): one JSON file per kind of data, each replaced
atomically with the blogroll's writer.

It is tracked, not a cache: `received.json` is what the last good refresh received,
`sent.json` what was sent from which post (so a post is only sent for again when it
changes), `contexts.json` the titles of the posts ours reply to. The build reads these
files and never the network.
"""

from __future__ import annotations

import json
from pathlib import Path

from pelican.plugins.blogroll.cache import write_json

FORMAT_VERSION = 1
RECEIVED = "received.json"
SENT = "sent.json"
CONTEXTS = "contexts.json"


class StoreError(ValueError):
    """A data file cannot be read; the message names it and says what to do."""


def read(folder: Path, name: str) -> dict:
    """The data in `folder/name` without its version, {} when there is no such file yet.

    A file that is there but unreadable (a merge conflict, a hand edit) stops the step
    rather than being taken as empty: a sender that forgot what it sent would send it all.
    """
    path = folder / name
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as problem:
        raise StoreError(
            f"{path}: cannot be read ({problem}); restore it with `git checkout {path}`, "
            "or delete it to start afresh"
        ) from None
    if not isinstance(data, dict) or data.get("version") != FORMAT_VERSION:
        raise StoreError(
            f"{path}: not a version {FORMAT_VERSION} conversation file; restore it with "
            f"`git checkout {path}`, or delete it to start afresh"
        )
    return {key: value for key, value in data.items() if key != "version"}


def write(folder: Path, name: str, data: dict) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    write_json(folder / name, {"version": FORMAT_VERSION, **data})
