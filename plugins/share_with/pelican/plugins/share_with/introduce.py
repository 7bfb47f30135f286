"""Our own introduction page: drafts a double opt-in introduction between two people.

Nothing is per reader at build time: the page carries three email templates with
placeholders in square brackets (ask A, ask B, then introduce them to each other once
both said yes), each also as a `mailto:` link, so that without JavaScript a reader copies
them and fills in the names. `introduce.js` fills the same templates in from the form,
in the browser; nothing is sent to us or stored.
"""

from __future__ import annotations

from typing import NamedTuple

from givefirst_kit.text import plain_text
from pelican.generators import Generator

from .links import percent
from .settings import ShareWithError, setting

NAME_A = "[Name A]"
NAME_B = "[Name B]"
REASON = "[Why they should meet]"
POST_TITLE = "[Post title]"
POST_URL = "[Post address]"

ASK = (
    "Hi {you},\n\n"
    "I would like to introduce you to {other}. {reason}\n\n"
    "Some background you may like: {post_title}, {post_url}\n\n"
    "Would you like me to introduce you? There is no obligation: if the time is wrong, "
    "or it is not for you, just say so. I will tell {other} it did not work out this time, "
    "with no reason needed: I have not given {other} your details."
)
INTRODUCTION = (
    "{a}, meet {b}. {b}, meet {a}.\n\n"
    "{reason}\n\n"
    "Some background you may like: {post_title}, {post_url}\n\n"
    "Thank you both for saying yes. I will leave it to you to find a time, "
    "and step back from here."
)


class Draft(NamedTuple):
    """One email with placeholders: shown to copy, and as a mailto: link."""

    key: str  # "a", "b" or "both": which address(es) the script puts in To
    heading: str
    to: str
    subject: str
    body: str

    @property
    def mailto(self) -> str:
        """RFC 6068: UTF-8, percent-encoded, CRLF line breaks, no address yet."""
        body = self.body.replace("\n", "\r\n")
        return f"mailto:?subject={percent(self.subject)}&body={percent(body)}"


def drafts() -> list[Draft]:
    """The three emails of a double opt-in introduction, in the order they are sent."""
    common = {"reason": REASON, "post_title": POST_TITLE, "post_url": POST_URL}
    return [
        Draft(
            "a",
            f"1. Ask {NAME_A}",
            NAME_A,
            f"Would you like to meet {NAME_B}?",
            ASK.format(you=NAME_A, other=NAME_B, **common),
        ),
        Draft(
            "b",
            f"2. Ask {NAME_B}",
            NAME_B,
            f"Would you like to meet {NAME_A}?",
            ASK.format(you=NAME_B, other=NAME_A, **common),
        ),
        Draft(
            "both",
            "3. Once both said yes, introduce them",
            f"{NAME_A} and {NAME_B}",
            f"{NAME_A}, meet {NAME_B}",
            INTRODUCTION.format(a=NAME_A, b=NAME_B, **common),
        ),
    ]


class ContextPost(NamedTuple):
    title: str  # plain text
    url: str


def wanted(settings) -> bool:
    """An empty SHARE_WITH_INTRODUCE_SAVE_AS turns the page off."""
    return bool(setting(settings, "SHARE_WITH_INTRODUCE_SAVE_AS"))


def link_to_page(content) -> None:
    """Make a post's link to the page from the site's root, `[words](/introduce/)`,
    absolute, as every link of the site is (feeds need it). Written that way, the post
    still builds without the plugin; Pelican's own `{filename}` links reach only content."""
    text = getattr(content, "_content", None)
    settings = content.settings
    root_link = f'href="/{setting(settings, "SHARE_WITH_INTRODUCE_URL")}"'
    if not text or root_link not in text:
        return
    if not wanted(settings):
        raise ShareWithError(
            f"{content.source_path}: links to the introduction page ({root_link}), but "
            "SHARE_WITH_INTRODUCE_SAVE_AS is empty, so there is no such page. Remove the link "
            "or set SHARE_WITH_INTRODUCE_SAVE_AS."
        )
    url = f"{settings['SITEURL']}/{setting(settings, 'SHARE_WITH_INTRODUCE_URL')}"
    content._content = text.replace(root_link, f'href="{url}"')


class IntroducePage(Generator):
    """Writes SHARE_WITH_INTRODUCE_SAVE_AS from `share_with/introduce.html`, lists it in
    the sitemap, and gives templates `share_with_introduce_url` to link it."""

    def generate_context(self):
        url = setting(self.settings, "SHARE_WITH_INTRODUCE_URL")
        self.context["SITEMAP_EXTRA_URLS"] = [*self.context.get("SITEMAP_EXTRA_URLS", []), url]
        self.context["share_with_introduce_url"] = f"{self.settings['SITEURL']}/{url}"

    def generate_output(self, writer):
        siteurl = self.settings["SITEURL"]
        posts = [
            ContextPost(plain_text(article.title), f"{siteurl}/{article.url}")
            for article in self.context.get("articles", ())
        ]
        writer.write_file(
            setting(self.settings, "SHARE_WITH_INTRODUCE_SAVE_AS"),
            self.get_template("share_with/introduce"),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            url=setting(self.settings, "SHARE_WITH_INTRODUCE_URL"),
            introduce_drafts=drafts(),
            introduce_posts=posts,
            introduce_placeholders=[NAME_A, NAME_B, REASON, POST_TITLE, POST_URL],
        )
