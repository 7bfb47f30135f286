"""News of builds for the open browser tabs: which pages changed, what is broken.

The builder publishes; each tab's event stream (server-sent events) waits for what
comes after the last event it sent. A tab that connects while the site is broken is
told so at once.
"""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass

KEPT = 64  # events kept for streams that are a little behind


@dataclass(frozen=True)
class Event:
    number: int
    name: str
    data: object


class Events:
    def __init__(self) -> None:
        self._lock = threading.Condition()
        self._recent: deque[Event] = deque(maxlen=KEPT)
        self._number = 0
        self.problems: list[dict] = []

    @property
    def last(self) -> int:
        with self._lock:
            return self._number

    def publish(self, name: str, data: object) -> None:
        with self._lock:
            self._number += 1
            self._recent.append(Event(self._number, name, data))
            self._lock.notify_all()

    def changed(self, pages: list[str], moved: dict[str, str] | None = None) -> None:
        """Tabs showing one of `pages` (URL paths; "*" for all) reload; those at a key
        of `moved` go to its value."""
        self.publish("changed", {"pages": pages, "moved": moved or {}})

    def built(self, seconds: float, files: int) -> None:
        """A full build finished: the folder is now what a clean build would make."""
        self.publish("built", {"seconds": round(seconds, 3), "files": files})

    def broken(self, problems: list[dict]) -> None:
        self.problems = problems
        self.publish("problems", problems)

    def fixed(self) -> None:
        if self.problems:
            self.problems = []
            self.publish("fixed", {})

    def after(self, number: int, timeout: float) -> list[Event]:
        """Events published after `number`, waiting up to `timeout` for the first."""
        with self._lock:
            self._lock.wait_for(lambda: self._number > number, timeout)
            return [event for event in self._recent if event.number > number]
