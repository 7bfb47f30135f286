"""Settings: defaults, and checks that fail the build early with a message saying what to fix."""

from __future__ import annotations

import re
import string
import xml.etree.ElementTree as ElementTree
from collections.abc import Mapping, MutableMapping
from typing import Any

from .targets import ACTIONS, CATALOGUE, PLACEHOLDERS, Target

DEFAULTS: dict[str, Any] = {
    "SHARE_WITH_TARGETS": [
        "native",
        "email",
        "copy",
        "linkedin",
        "bluesky",
        "fediverse",
        "threads",
        "x",
        "facebook",
        "reddit",
        "hackernews",
        "whatsapp",
        "telegram",
        "sms",
    ],
    "SHARE_WITH_PRIMARY": ["email", "copy", "native"],
    "SHARE_WITH_EXTRA_TARGETS": [],
    "SHARE_WITH_PROMPT": "Know {audience}? Send this to them.",
    "SHARE_WITH_GENERAL_PROMPT": "Know someone who would find this useful? Send it to them.",
    "SHARE_WITH_AUDIENCE_PHRASES": {},
    "SHARE_WITH_NOTE": "I thought of you when I read this, and I think you will find it useful.",
    "SHARE_WITH_EMAIL_SUBJECT": "{title}",
    "SHARE_WITH_EMAIL_BODY": "{note}\n\n{title}\n{summary}\n\n{url}",
    "SHARE_WITH_POST_TEXT": "{title} {url}",
    "SHARE_WITH_SUMMARY_LENGTH": 200,
    "SHARE_WITH_UTM": False,
    "SHARE_WITH_FEDIVERSE_URL": "share/fediverse/",
    "SHARE_WITH_FEDIVERSE_SAVE_AS": "share/fediverse/index.html",
    "SHARE_WITH_ICONS_SAVE_AS": "share/icons.svg",
    "SHARE_WITH_FEDIVERSE_CREATOR": "",
    "SHARE_WITH_INTRODUCE_URL": "introduce/",
    "SHARE_WITH_INTRODUCE_SAVE_AS": "introduce/index.html",
    "SHARE_WITH_PREVIEW_CARDS": True,
}

# One person first: a few actions in view, the rest behind "More ways to share".
MAX_PRIMARY = 3
SVG_NAMESPACE = "{http://www.w3.org/2000/svg}"
# A fediverse account as Mastodon prints it: @user@server.example.
HOST_LABEL = r"[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?"
FEDIVERSE_ACCOUNT = re.compile(
    rf"@[a-z0-9_]+([.-][a-z0-9_]+)*@{HOST_LABEL}(\.{HOST_LABEL})+", re.IGNORECASE
)
DEFAULT_UTM = {"utm_source": "{target}", "utm_medium": "share", "utm_campaign": "share_with"}
TEXT_FIELDS = frozenset({"title", "summary", "url", "site"})
# Which placeholders each wording setting may use, and which it must use.
TEMPLATE_FIELDS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "SHARE_WITH_PROMPT": (frozenset({"audience"}), frozenset({"audience"})),
    "SHARE_WITH_GENERAL_PROMPT": (frozenset(), frozenset()),
    "SHARE_WITH_NOTE": (frozenset({"title", "site"}), frozenset()),
    "SHARE_WITH_EMAIL_SUBJECT": (TEXT_FIELDS | {"note"}, frozenset()),
    "SHARE_WITH_EMAIL_BODY": (TEXT_FIELDS | {"note"}, frozenset({"url"})),
    "SHARE_WITH_POST_TEXT": (TEXT_FIELDS | {"note"}, frozenset({"url"})),
}


class ShareWithError(Exception):
    """A share_with setting or a post's share metadata that cannot be used as written."""


def setting(settings: Mapping[str, Any], name: str) -> Any:
    return settings.get(name, DEFAULTS[name])


def placeholders(template: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(template) if field is not None}


def check_template(where: str, template: Any, allowed: frozenset[str], required=frozenset()):
    if not isinstance(template, str):
        raise ShareWithError(f"{where} must be a string, not {type(template).__name__}.")
    try:
        used = placeholders(template)
    except ValueError as error:
        raise ShareWithError(
            f"{where}: {error} in {template!r}. Write a literal brace as {{{{ or }}}}."
        ) from None
    unknown = used - allowed
    if unknown:
        raise ShareWithError(
            f"{where}: unknown placeholder {{{sorted(unknown)[0]}}} in {template!r}. "
            f"Use only: {', '.join('{' + name + '}' for name in sorted(allowed)) or 'none'}."
        )
    missing = required - used
    if missing:
        raise ShareWithError(f"{where}: {template!r} must contain {{{sorted(missing)[0]}}}.")


def check_icon(where: str, icon: Any) -> None:
    """An icon becomes a <symbol> of the sprite: it must be one well-formed <svg> element."""
    if not isinstance(icon, str) or not icon.lstrip().startswith("<svg"):
        raise ShareWithError(f"{where} must be SVG markup starting with <svg.")
    try:
        drawing = ElementTree.fromstring(icon)
    except ElementTree.ParseError as error:
        raise ShareWithError(
            f"{where} is not well-formed XML ({error}). Paste the whole <svg>...</svg> "
            "element as in an .svg file, with every tag closed and attributes quoted."
        ) from None
    if drawing.tag not in ("svg", f"{SVG_NAMESPACE}svg"):
        raise ShareWithError(f"{where} must be an SVG <svg> element, not {drawing.tag!r}.")


def extra_target(index: int, entry: Any) -> Target:
    where = f"SHARE_WITH_EXTRA_TARGETS item {index}"
    keys = {"name", "label", "url", "prefix", "icon", "action"}
    if not isinstance(entry, Mapping) or not {"name", "label", "url"} <= entry.keys():
        raise ShareWithError(
            f"{where}: expected a dict with at least 'name', 'label' and 'url', got {entry!r}."
        )
    if entry.keys() - keys:
        raise ShareWithError(
            f"{where}: unknown key {sorted(entry.keys() - keys)[0]!r}; use {sorted(keys)}."
        )
    name = entry["name"]
    if not isinstance(name, str) or not name.replace("_", "").replace("-", "").isalnum():
        raise ShareWithError(f"{where}: name {name!r} must be letters, digits, '-' or '_'.")
    check_template(f"{where} ({name}) url", entry["url"], PLACEHOLDERS)
    if entry.get("action") not in (None, *ACTIONS):
        raise ShareWithError(f"{where} ({name}): action must be one of {sorted(ACTIONS)}.")
    icon = entry.get("icon")
    if icon is not None:
        check_icon(f"{where} ({name}) icon", icon)
    return Target(
        name=name,
        label=str(entry["label"]),
        url=entry["url"],
        prefix=str(entry.get("prefix", "Share on")),
        action=entry.get("action"),
        icon=icon,
    )


def available_targets(settings: Mapping[str, Any]) -> dict[str, Target]:
    """The built-in catalogue plus the site's own targets (which may replace built-ins)."""
    extra = setting(settings, "SHARE_WITH_EXTRA_TARGETS")
    if not isinstance(extra, list | tuple):
        raise ShareWithError("SHARE_WITH_EXTRA_TARGETS must be a list of dicts.")
    targets = {target.name: target for target in CATALOGUE}
    for index, entry in enumerate(extra, start=1):
        target = extra_target(index, entry)
        targets[target.name] = target
    return targets


def selected_targets(settings: Mapping[str, Any]) -> list[Target]:
    """The targets to show, in order, from SHARE_WITH_TARGETS."""
    names = setting(settings, "SHARE_WITH_TARGETS")
    if isinstance(names, str) or not isinstance(names, list | tuple):
        raise ShareWithError(
            f"SHARE_WITH_TARGETS must be a list of target names, got {names!r}. "
            'Example: SHARE_WITH_TARGETS = ["email", "copy", "linkedin"]'
        )
    targets = available_targets(settings)
    selected: list[Target] = []
    for index, name in enumerate(names, start=1):
        if name not in targets:
            raise ShareWithError(
                f"SHARE_WITH_TARGETS item {index}: unknown target {name!r}. "
                f"Known targets: {', '.join(sorted(targets))}. "
                "Fix the name, or describe the target in SHARE_WITH_EXTRA_TARGETS."
            )
        if targets[name] in selected:
            raise ShareWithError(f"SHARE_WITH_TARGETS item {index}: {name!r} is listed twice.")
        selected.append(targets[name])
    return selected


def primary_targets(settings: Mapping[str, Any]) -> list[str]:
    """The selected targets shown first, in SHARE_WITH_PRIMARY order; the other selected
    targets go under "More ways to share". A primary name the site did not select is left
    out, so a short SHARE_WITH_TARGETS needs no second setting."""
    names = setting(settings, "SHARE_WITH_PRIMARY")
    if isinstance(names, str) or not isinstance(names, list | tuple) or len(names) > MAX_PRIMARY:
        raise ShareWithError(
            f"SHARE_WITH_PRIMARY must be a list of at most {MAX_PRIMARY} target names, "
            f'got {names!r}. Example: SHARE_WITH_PRIMARY = ["email", "copy", "native"]'
        )
    known = available_targets(settings)
    for name in names:
        if name not in known:
            raise ShareWithError(
                f"SHARE_WITH_PRIMARY: unknown target {name!r}. "
                f"Known targets: {', '.join(sorted(known))}."
            )
    selected = {target.name for target in selected_targets(settings)}
    primary = [name for name in names if name in selected]
    if not primary:
        raise ShareWithError(
            "None of SHARE_WITH_PRIMARY is in SHARE_WITH_TARGETS: the block would show no "
            'action before "More ways to share". Name one of your targets in SHARE_WITH_PRIMARY.'
        )
    return primary


def utm_parameters(settings: Mapping[str, Any]) -> dict[str, str]:
    """UTM tags to add to shared URLs: none unless SHARE_WITH_UTM asks for them."""
    utm = setting(settings, "SHARE_WITH_UTM")
    if utm is True:
        return dict(DEFAULT_UTM)
    if not utm:
        return {}
    if not isinstance(utm, Mapping) or not all(
        isinstance(key, str) and isinstance(value, str) for key, value in utm.items()
    ):
        raise ShareWithError(
            "SHARE_WITH_UTM must be False, True, or a dict of query parameters such as "
            '{"utm_source": "{target}", "utm_medium": "share"}.'
        )
    for key, value in utm.items():
        check_template(f"SHARE_WITH_UTM[{key!r}]", value, frozenset({"target"}))
    return dict(utm)


def preview_cards(settings: Mapping[str, Any]) -> bool:
    """Whether posts without `image:` get a preview card of their own."""
    wanted = setting(settings, "SHARE_WITH_PREVIEW_CARDS")
    if not isinstance(wanted, bool):
        raise ShareWithError(
            f"SHARE_WITH_PREVIEW_CARDS must be True or False; got {wanted!r}. With False, a "
            "post without `image:` shows DEFAULT_SOCIAL_IMAGE."
        )
    return wanted


def validate(settings: Mapping[str, Any]) -> None:
    """Check every share_with setting; raise ShareWithError naming the first problem."""
    siteurl = settings.get("SITEURL") or ""
    if not re.match(r"https?://[^/]", siteurl):
        raise ShareWithError(
            f"SITEURL must be absolute, like 'https://example.org', for shared links to work "
            f"outside the site; got {siteurl!r}. Set it in pelicanconf.py or publishconf.py."
        )
    selected_targets(settings)
    primary_targets(settings)
    utm_parameters(settings)
    preview_cards(settings)
    for name, (allowed, required) in TEMPLATE_FIELDS.items():
        check_template(name, setting(settings, name), allowed, required)
    length = setting(settings, "SHARE_WITH_SUMMARY_LENGTH")
    if not isinstance(length, int) or isinstance(length, bool) or length < 20:
        raise ShareWithError(
            f"SHARE_WITH_SUMMARY_LENGTH must be a whole number of characters, at least 20; "
            f"got {length!r}."
        )
    phrases = setting(settings, "SHARE_WITH_AUDIENCE_PHRASES")
    if not isinstance(phrases, Mapping) or not all(
        isinstance(key, str) and isinstance(value, str) for key, value in phrases.items()
    ):
        raise ShareWithError(
            "SHARE_WITH_AUDIENCE_PHRASES must map an audience to the phrase for one of them, "
            'e.g. {"staff": "a member of staff"}.'
        )
    for name, example in (
        ("SHARE_WITH_FEDIVERSE_URL", "share/fediverse/"),
        ("SHARE_WITH_FEDIVERSE_SAVE_AS", "share/fediverse/index.html"),
        ("SHARE_WITH_ICONS_SAVE_AS", "share/icons.svg"),
        ("SHARE_WITH_INTRODUCE_URL", "introduce/"),
    ):
        if not isinstance(setting(settings, name), str) or not setting(settings, name):
            raise ShareWithError(f"{name} must be a non-empty path such as {example!r}.")
    if not isinstance(setting(settings, "SHARE_WITH_INTRODUCE_SAVE_AS"), str):
        raise ShareWithError(
            "SHARE_WITH_INTRODUCE_SAVE_AS must be a path such as 'introduce/index.html', "
            "or '' for no introduction page."
        )
    fediverse_creator(settings)


def fediverse_creator(settings: Mapping[str, Any]) -> str:
    """SHARE_WITH_FEDIVERSE_CREATOR checked: "" (no meta tag) or an account, @user@server."""
    account = setting(settings, "SHARE_WITH_FEDIVERSE_CREATOR")
    if account == "":
        return ""
    if not isinstance(account, str) or not FEDIVERSE_ACCOUNT.fullmatch(account.strip()):
        raise ShareWithError(
            f"SHARE_WITH_FEDIVERSE_CREATOR must be the author's fediverse account written "
            f"@user@server, like '@ada@example.social' (or '' for none); got {account!r}."
        )
    return account.strip()


def apply_defaults(settings: MutableMapping[str, Any]) -> None:
    for name, value in DEFAULTS.items():
        settings.setdefault(name, value)
