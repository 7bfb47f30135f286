"""The conversation under each post, as plain data for the templates.

Reads only files: the emailed replies in `content/replies/`, and what `make feeds` and
`make mentions` stored in the data folder. Received mentions are matched to posts by
path, so the replies to the public post show in a local preview too. Deny list and
hide switch are applied here, so changing them needs a rebuild, not a refresh.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import quote, urlsplit

from givefirst_kit.text import plain_text
from markupsafe import Markup, escape
from pelican.plugins.blogroll.config import is_web_url
from pelican.utils import strftime

from .replies import ConversationError
from .settings import ConversationSettings

# How each kind of response is listed after the replies, in this order.
REACTIONS = (
    ("like", "Liked by", "p-like"),
    ("repost", "Reposted by", "p-repost"),
    ("bookmark", "Bookmarked by", "p-bookmark"),
    ("mention", "Mentioned by", "p-mention"),
)
WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Response:
    """One reply, like, repost, bookmark or mention; every string escaped `Markup`."""

    id: Markup
    author: Markup
    author_url: Markup | None
    initials: Markup
    url: Markup | None  # their post; None for a reply sent by email
    link: Markup | None  # where their name leads: their site, or for a mention their post
    date_iso: str | None
    date_label: str
    html: Markup
    by_email: bool


@dataclass(frozen=True)
class Reactions:
    label: str
    property: str  # the microformats2 property of the post they are to
    people: list[Response]


@dataclass(frozen=True)
class ReplyContext:
    """The post one of ours replies to (`In_reply_to:`)."""

    url: Markup
    title: Markup  # its title on that blog, or its address until `make mentions` reads it


@dataclass
class Conversation:
    """Everything under one post: `article.conversation`."""

    replies: list[Response] = field(default_factory=list)
    reactions: list[Reactions] = field(default_factory=list)
    email_url: str | None = None
    endpoint: str | None = None
    target: str = ""

    @property
    def count(self) -> int:
        return len(self.replies)

    @property
    def stylesheet(self) -> str | None:
        """The stylesheet under `theme/` the partial links, when there is more to style than
        a line of text: a post with no responses and no form stays as light as it was."""
        if self.replies or self.reactions or self.endpoint:
            return "conversation/conversation.css"
        return None

    @property
    def count_label(self) -> str:
        """The count in words ("1 reply", "3 replies"), as the old blog showed comments."""
        return f"{self.count} {'reply' if self.count == 1 else 'replies'}"


class Site:
    """What the build knows of the conversation, ready to hand each post its own."""

    def __init__(
        self,
        options: ConversationSettings,
        settings: dict,
        *,
        received: list[dict],
        emailed: dict[str, list[dict]],
        titles: dict[str, str],
    ):
        self.options = options
        self.siteurl = str(settings["SITEURL"]).rstrip("/")
        self.site_path = urlsplit(self.siteurl).path  # a post's path is this, "/", its URL
        self.date_format = settings.get("DEFAULT_DATE_FORMAT", "%Y-%m-%d")
        self.emailed = emailed
        self.titles = titles
        self.received: dict[str, list[dict]] = {}
        for mention in received:
            if isinstance(mention, dict) and self._shown(mention):
                self.received.setdefault(_path_key(mention.get("target", "")), []).append(mention)

    def conversation(self, article) -> Conversation:
        target = f"{self.siteurl}/{article.url}"
        mentions = self.received.get(_path_key(f"{self.site_path}/{article.url}"), [])
        emailed = [reply for reply in self.emailed.get(article.slug, []) if self._shown(reply)]
        replies = [m for m in mentions if m.get("kind") == "reply"] + emailed
        replies.sort(key=lambda reply: _moment(reply.get("published")))
        reactions = [
            Reactions(label, mf2, people)
            for kind, label, mf2 in REACTIONS
            if (people := [self._response(m) for m in mentions if m.get("kind") == kind])
        ]
        return Conversation(
            replies=[self._response(reply) for reply in replies],
            reactions=reactions,
            email_url=self._email_url(article),
            endpoint=self.options.endpoint,
            target=target,
        )

    def reply_context(self, article) -> ReplyContext | None:
        """The `In_reply_to:` of a post, checked: a bad one fails the build, naming the file."""
        url = article.metadata.get("in_reply_to")
        if url is None:
            return None
        if not is_web_url(url):
            raise ConversationError(
                [
                    f"{article.source_path}: In_reply_to: {url!r} is not an http(s) address; "
                    "write the full address (https://...) of the post this one replies to."
                ]
            )
        parts = urlsplit(url)
        title = self.titles.get(url) or f"{parts.hostname}{parts.path.rstrip('/')}"
        return ReplyContext(url=escape(url), title=escape(title))

    def _shown(self, mention: dict) -> bool:
        """Not hidden (by its address or id in CONVERSATION_HIDE), not from a denied domain."""
        if mention.get("url") in self.options.hidden or mention.get("id") in self.options.hidden:
            return False
        hosts = [
            (urlsplit(address).hostname or "")
            for address in (mention.get("url"), mention.get("author_url"))
            if isinstance(address, str)
        ]
        return not any(
            host == domain or host.endswith("." + domain)
            for host in hosts
            for domain in self.options.deny_domains
        )

    def _response(self, mention: dict) -> Response:
        author = str(mention.get("author") or "Someone")
        published = mention.get("published")
        when = _parse(published)
        return Response(
            id=escape(str(mention.get("id", ""))),
            author=escape(author),
            author_url=_link(mention.get("author_url")),
            initials=escape(_initials(author)),
            url=_link(mention.get("url")),
            link=_link(mention.get("url") if mention.get("kind") == "mention" else None)
            or _link(mention.get("author_url"))
            or _link(mention.get("url")),
            date_iso=published if when else None,
            date_label=strftime(when, self.date_format) if when else "",
            html=Markup(mention.get("html") or ""),  # allowlisted when it was stored
            by_email=mention.get("via") == "email",
        )

    def _email_url(self, article) -> str | None:
        if not self.options.email:
            return None
        subject = quote(f"Re: {plain_text(article.title)}", safe="")
        return f"mailto:{self.options.email}?subject={subject}"


def _path_key(path: str) -> str:
    """`/a/b/`, `/a/b` and `/a/b/index.html` are the same page."""
    return path.removesuffix("index.html").rstrip("/")


def _link(url: object) -> Markup | None:
    return escape(url) if isinstance(url, str) and is_web_url(url) else None


def _parse(value: object) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _moment(published: object) -> datetime:
    """For date order: a date or time without a zone counts as UTC; an unknown one, last."""
    when = _parse(published) or datetime.max
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def _initials(name: str) -> str:
    """What stands in for a photo (none is loaded from other hosts): "Dana Whitfield" → "DW"."""
    words = WORD.findall(name)
    if not words:
        return "?"
    return (words[0][0] + (words[-1][0] if len(words) > 1 else "")).upper()
