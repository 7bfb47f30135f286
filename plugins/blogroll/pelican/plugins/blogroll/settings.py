"""The blogroll's settings: defaults in one place, checked once, named in every error.

The build and `python -m pelican.plugins.blogroll` both read Pelican-style settings (BLOGROLL_*)
and turn them into one frozen object, so a typo or a negative timeout fails early
with the name of the setting rather than deep inside a refresh.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

MIB = 1024 * 1024

# Each number setting: its default and the least value it takes. A float least value
# makes it a number of seconds, an int one a whole number; a default of None is allowed.
NUMBERS: dict[str, tuple[float | None, float]] = {
    "BLOGROLL_REFRESH_TTL": (None, 0.0),
    "BLOGROLL_CONCURRENCY": (64, 1),
    "BLOGROLL_PER_HOST": (2, 1),
    "BLOGROLL_CONNECT_TIMEOUT": (5.0, 0.001),
    "BLOGROLL_READ_TIMEOUT": (10.0, 0.001),
    "BLOGROLL_REQUEST_TIMEOUT": (30.0, 0.001),
    "BLOGROLL_DEADLINE": (90.0, 0.001),
    "BLOGROLL_MAX_BYTES": (4 * MIB, 1),
    "BLOGROLL_MAX_REDIRECTS": (5, 0),
    "BLOGROLL_RETRY_AFTER_WAIT": (30.0, 0.0),
    "BLOGROLL_RETRY_AFTER_MAX": (24 * 60 * 60.0, 0.0),
    "BLOGROLL_PARSE_CPU_SECONDS": (10, 1),
    "BLOGROLL_PARSE_MEMORY_MB": (512, 128),
    "BLOGROLL_ENTRIES_PER_BLOG": (20, 1),
    "BLOGROLL_MAX_AGE_DAYS": (90, 1),
    "BLOGROLL_SUMMARY_WORDS": (40, 1),
    "BLOGROLL_NETWORK_PER_PAGE": (20, 1),
    "BLOGROLL_FEED_ENTRIES": (50, 1),
    "BLOGROLL_WIDGET_ENTRIES": (3, 1),
}
DEFAULTS: dict[str, object] = {
    "BLOGROLL_FILE": "blogroll.yml",
    "BLOGROLL_DATA_PATH": "data/blogroll",
    "BLOGROLL_USER_AGENT": None,
} | {name: default for name, (default, _) in NUMBERS.items()}


class SettingsError(ValueError):
    """A BLOGROLL_* setting has a value the plugin cannot use."""


@dataclass(frozen=True)
class Limits:
    """How much one refresh may ask of the network and of each server: all that
    `fetch` needs of the settings."""

    concurrency: int
    per_host: int
    connect_timeout: float
    read_timeout: float
    request_timeout: float
    deadline: float
    max_bytes: int
    max_redirects: int
    retry_after_wait: float
    retry_after_max: float
    user_agent: str


@dataclass(frozen=True)
class BlogrollSettings(Limits):
    """Validated BLOGROLL_* values, with paths resolved."""

    source: Path
    data_path: Path
    refresh_ttl: float | None
    parse_cpu_seconds: int
    parse_memory_mb: int
    entries_per_blog: int
    max_age_days: int
    summary_words: int
    network_per_page: int
    feed_entries: int
    widget_entries: int

    @classmethod
    def from_settings(cls, settings: Mapping[str, object]) -> BlogrollSettings:
        """Read BLOGROLL_* from Pelican settings (defaults for the missing ones)."""
        values = {key: settings.get(key, default) for key, default in DEFAULTS.items()}
        numbers = {
            name.removeprefix("BLOGROLL_").lower(): _number(name, values[name], *limits)
            for name, limits in NUMBERS.items()
        }
        return cls(
            source=Path(str(settings.get("PATH") or "content")) / _path(values, "BLOGROLL_FILE"),
            data_path=Path(_path(values, "BLOGROLL_DATA_PATH")).absolute(),
            user_agent=_user_agent(values["BLOGROLL_USER_AGENT"], settings),
            **numbers,
        )


def _path(values: Mapping[str, object], name: str) -> str:
    value = values[name]
    if not isinstance(value, str | Path) or not str(value).strip():
        raise SettingsError(f"{name} must be a non-empty path, not {value!r}")
    return str(value)


def _number(name: str, value: object, default: float | None, least: float) -> float | None:
    if value is None and default is None:
        return None
    seconds = isinstance(least, float)
    kinds = (int, float) if seconds else int
    if isinstance(value, bool) or not isinstance(value, kinds) or value < least:
        kind = "a number of seconds" if seconds else "a whole number"
        raise SettingsError(f"{name} must be {kind} >= {least:g}, not {value!r}")
    return float(value) if seconds else value


def _user_agent(value: object, settings: Mapping[str, object]) -> str:
    """Say who is asking, and where to read about it, in plain ASCII as HTTP requires.

    A local preview address means nothing to the servers we ask, so it is left out.
    """
    if value is None:
        site = str(settings.get("SITEURL") or "").rstrip("/")
        public = urlsplit(site).hostname not in {None, "localhost", "127.0.0.1", "::1"}
        value = "blogroll-refresh/1.0 (feed reader" + (f"; +{site}/blogroll/)" if public else ")")
    if not isinstance(value, str) or not value.isascii() or not value.isprintable():
        raise SettingsError(f"BLOGROLL_USER_AGENT must be printable ASCII, not {value!r}")
    return value
