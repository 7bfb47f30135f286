"""The conversation's settings (WEBMENTION_*, CONVERSATION_*): defaults in one place, checked
once, each mistake named by its setting before anything is read or sent.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from urllib.parse import urlsplit

from pelican.plugins.blogroll.config import is_web_url
from pelican.plugins.blogroll.settings import BlogrollSettings, Limits

DEFAULTS: dict[str, object] = {
    "WEBMENTION_ENDPOINT": None,
    "WEBMENTION_RECEIVED": None,
    "WEBMENTION_ALLOW_PRIVATE": False,
    "CONVERSATION_DATA_PATH": "data/conversation",
    "CONVERSATION_REPLIES_PATH": "replies",
    "CONVERSATION_EMAIL": None,
    "CONVERSATION_DENY_DOMAINS": [],
    "CONVERSATION_HIDE": [],
    "CONVERSATION_REPLY_WORDS": 250,
}


class SettingsError(ValueError):
    """A WEBMENTION_* or CONVERSATION_* setting has a value the plugin cannot use."""


@dataclass(frozen=True)
class ConversationSettings:
    """Validated settings, with paths resolved."""

    siteurl: str
    endpoint: str | None
    received: str | None
    allow_private: bool
    data_path: Path
    replies_path: Path
    email: str | None
    deny_domains: tuple[str, ...]
    hidden: frozenset[str]
    reply_words: int

    @classmethod
    def from_settings(cls, settings: Mapping[str, object]) -> ConversationSettings:
        values = {key: settings.get(key, default) for key, default in DEFAULTS.items()}
        content = Path(str(settings.get("PATH") or "content"))
        email = values["CONVERSATION_EMAIL"] or settings.get("CONTACT_EMAIL")
        if email is not None and (not isinstance(email, str) or "@" not in email):
            raise SettingsError(f"CONVERSATION_EMAIL must be an email address, not {email!r}")
        allow_private = values["WEBMENTION_ALLOW_PRIVATE"]
        if not isinstance(allow_private, bool):
            raise SettingsError(
                f"WEBMENTION_ALLOW_PRIVATE must be True or False, not {allow_private!r}"
            )
        return cls(
            siteurl=str(settings.get("SITEURL") or "").rstrip("/"),
            endpoint=_optional_url(values, "WEBMENTION_ENDPOINT"),
            received=_optional_url(values, "WEBMENTION_RECEIVED"),
            allow_private=allow_private,
            data_path=Path(_text(values, "CONVERSATION_DATA_PATH")).absolute(),
            replies_path=content / _text(values, "CONVERSATION_REPLIES_PATH"),
            email=email,
            deny_domains=tuple(
                domain.lower().strip(".")
                for domain in _strings(values, "CONVERSATION_DENY_DOMAINS")
            ),
            hidden=frozenset(_strings(values, "CONVERSATION_HIDE")),
            reply_words=_count(values, "CONVERSATION_REPLY_WORDS"),
        )


def limits(settings: Mapping[str, object]) -> Limits:
    """The blogroll's limits (BLOGROLL_* timeouts, size cap, concurrency per server), so one
    HTTP client asks the same of every server; only the user agent says who we are here."""
    blogroll = BlogrollSettings.from_settings(settings)
    shared = {field.name: getattr(blogroll, field.name) for field in fields(Limits)}
    site = str(settings.get("SITEURL") or "").rstrip("/")
    public = urlsplit(site).hostname not in {None, "localhost", "127.0.0.1", "::1"}
    agent = "pelican-conversation/1.0 (Webmention" + (f"; +{site}/)" if public else ")")
    return Limits(**{**shared, "user_agent": agent})


def _optional_url(values: Mapping[str, object], name: str) -> str | None:
    value = values[name]
    if value is None or value == "":
        return None
    if not is_web_url(value):
        raise SettingsError(f"{name} must be an http(s) address, or None, not {value!r}")
    return str(value)


def _text(values: Mapping[str, object], name: str) -> str:
    value = values[name]
    if not isinstance(value, str | Path) or not str(value).strip():
        raise SettingsError(f"{name} must be a non-empty path, not {value!r}")
    return str(value)


def _strings(values: Mapping[str, object], name: str) -> list[str]:
    value = values[name]
    if not isinstance(value, list | tuple) or not all(isinstance(item, str) for item in value):
        raise SettingsError(f"{name} must be a list of strings, not {value!r}")
    return [item.strip() for item in value if item.strip()]


def _count(values: Mapping[str, object], name: str) -> int:
    value = values[name]
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise SettingsError(f"{name} must be a whole number >= 1, not {value!r}")
    return value
