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

DEFAULTS: dict[str, object] = {
    "BLOGROLL_FILE": "blogroll.yml",
    "BLOGROLL_DATA_PATH": "data/blogroll",
    "BLOGROLL_REFRESH_TTL": None,
    "BLOGROLL_CONCURRENCY": 64,
    "BLOGROLL_PER_HOST": 2,
    "BLOGROLL_CONNECT_TIMEOUT": 5.0,
    "BLOGROLL_READ_TIMEOUT": 10.0,
    "BLOGROLL_REQUEST_TIMEOUT": 30.0,
    "BLOGROLL_DEADLINE": 90.0,
    "BLOGROLL_MAX_BYTES": 4 * MIB,
    "BLOGROLL_MAX_REDIRECTS": 5,
    "BLOGROLL_RETRY_AFTER_WAIT": 30.0,
    "BLOGROLL_RETRY_AFTER_MAX": 24 * 60 * 60.0,
    "BLOGROLL_PARSE_CPU_SECONDS": 10,
    "BLOGROLL_PARSE_MEMORY_MB": 512,
    "BLOGROLL_USER_AGENT": None,
    "BLOGROLL_ENTRIES_PER_BLOG": 20,
    "BLOGROLL_MAX_AGE_DAYS": 90,
    "BLOGROLL_SUMMARY_WORDS": 40,
    "BLOGROLL_NETWORK_PER_PAGE": 20,
    "BLOGROLL_FEED_ENTRIES": 50,
    "BLOGROLL_WIDGET_ENTRIES": 3,
}


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
        content = Path(str(settings.get("PATH") or "content"))
        return cls(
            source=content / _text(values, "BLOGROLL_FILE"),
            data_path=Path(_text(values, "BLOGROLL_DATA_PATH")).absolute(),
            refresh_ttl=None
            if values["BLOGROLL_REFRESH_TTL"] is None
            else _seconds(values, "BLOGROLL_REFRESH_TTL", minimum=0),
            concurrency=_count(values, "BLOGROLL_CONCURRENCY"),
            per_host=_count(values, "BLOGROLL_PER_HOST"),
            connect_timeout=_seconds(values, "BLOGROLL_CONNECT_TIMEOUT"),
            read_timeout=_seconds(values, "BLOGROLL_READ_TIMEOUT"),
            request_timeout=_seconds(values, "BLOGROLL_REQUEST_TIMEOUT"),
            deadline=_seconds(values, "BLOGROLL_DEADLINE"),
            max_bytes=_count(values, "BLOGROLL_MAX_BYTES"),
            max_redirects=_count(values, "BLOGROLL_MAX_REDIRECTS", minimum=0),
            retry_after_wait=_seconds(values, "BLOGROLL_RETRY_AFTER_WAIT", minimum=0),
            retry_after_max=_seconds(values, "BLOGROLL_RETRY_AFTER_MAX", minimum=0),
            parse_cpu_seconds=_count(values, "BLOGROLL_PARSE_CPU_SECONDS"),
            parse_memory_mb=_count(values, "BLOGROLL_PARSE_MEMORY_MB", minimum=128),
            user_agent=_user_agent(values["BLOGROLL_USER_AGENT"], settings),
            entries_per_blog=_count(values, "BLOGROLL_ENTRIES_PER_BLOG"),
            max_age_days=_count(values, "BLOGROLL_MAX_AGE_DAYS"),
            summary_words=_count(values, "BLOGROLL_SUMMARY_WORDS"),
            network_per_page=_count(values, "BLOGROLL_NETWORK_PER_PAGE"),
            feed_entries=_count(values, "BLOGROLL_FEED_ENTRIES"),
            widget_entries=_count(values, "BLOGROLL_WIDGET_ENTRIES"),
        )


def _text(values: Mapping[str, object], name: str) -> str:
    value = values[name]
    if not isinstance(value, str | Path) or not str(value).strip():
        raise SettingsError(f"{name} must be a non-empty path, not {value!r}")
    return str(value)


def _count(values: Mapping[str, object], name: str, minimum: int = 1) -> int:
    value = values[name]
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise SettingsError(f"{name} must be a whole number >= {minimum}, not {value!r}")
    return value


def _seconds(values: Mapping[str, object], name: str, minimum: float = 0.001) -> float:
    value = values[name]
    if isinstance(value, bool) or not isinstance(value, int | float) or value < minimum:
        raise SettingsError(f"{name} must be a number of seconds >= {minimum}, not {value!r}")
    return float(value)


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
