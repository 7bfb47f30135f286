"""The places a post can be sent: data only, so a new target is a few lines here.

`url` is a template of the placeholders in PLACEHOLDERS (README.md, "URL templates"), all
percent-encoded but RAW_PLACEHOLDERS. `action` marks the two targets the script enhances:
"copy" (a link to the post that copies itself) and "share" (the native share sheet, a
button shown only where `navigator.share` exists). `prefix` is visually hidden text that
completes the accessible name ("Share on" + "Reddit"). A site adds its own targets with
SHARE_WITH_EXTRA_TARGETS (the same fields, as dicts).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Target:
    name: str
    label: str
    url: str
    prefix: str = "Share on"
    action: str | None = None
    icon: str | None = None  # SVG markup; built-in targets use icons/<name>.svg


CATALOGUE: tuple[Target, ...] = (
    Target("native", "Share…", "{raw_url}", prefix="", action="share"),
    Target("email", "Email it to them", "mailto:?subject={subject}&body={body}", prefix=""),
    Target("copy", "Copy link", "{raw_url}", prefix="", action="copy"),
    Target("linkedin", "LinkedIn", "https://www.linkedin.com/sharing/share-offsite/?url={url}"),
    Target("bluesky", "Bluesky", "https://bsky.app/intent/compose?text={post}"),
    Target("fediverse", "Mastodon", "{fediverse_page}?text={post}#share-{slug}"),
    Target("threads", "Threads", "https://www.threads.com/intent/post?text={title}&url={url}"),
    Target("x", "X", "https://x.com/intent/post?text={title}&url={url}"),
    Target("facebook", "Facebook", "https://www.facebook.com/sharer/sharer.php?u={url}"),
    Target("reddit", "Reddit", "https://www.reddit.com/submit?url={url}&title={title}"),
    Target(
        "hackernews", "Hacker News", "https://news.ycombinator.com/submitlink?u={url}&t={title}"
    ),
    Target("whatsapp", "WhatsApp", "https://wa.me/?text={post}", prefix="Send with"),
    Target(
        "telegram", "Telegram", "https://t.me/share/url?url={url}&text={title}", prefix="Send with"
    ),
    Target("sms", "Text message", "sms:?body={post}", prefix="Send as"),
    # Available, not shown by default: add their names to SHARE_WITH_TARGETS.
    Target("buffer", "Buffer", "https://buffer.com/add?url={url}&text={title}"),
    Target(
        "flipboard",
        "Flipboard",
        "https://share.flipboard.com/bookmarklet/popout?v=2&url={url}&title={title}",
    ),
    Target(
        "hatena",
        "Hatena Bookmark",
        "https://b.hatena.ne.jp/add?mode=confirm&url={url}&title={title}",
    ),
    Target(
        "instapaper",
        "Instapaper",
        "https://www.instapaper.com/hello2?url={url}&title={title}",
        prefix="Save to",
    ),
    Target(
        "line", "LINE", "https://social-plugins.line.me/lineit/share?url={url}", prefix="Send with"
    ),
    Target("odnoklassniki", "Odnoklassniki", "https://connect.ok.ru/offer?url={url}&title={title}"),
    Target(
        "pinterest",
        "Pinterest",
        "https://pinterest.com/pin/create/button/?url={url}&media={image}&description={title}",
    ),
    Target(
        "tumblr",
        "Tumblr",
        "https://www.tumblr.com/widgets/share/tool?canonicalUrl={url}&title={title}&caption={summary}",
    ),
    Target("viber", "Viber", "viber://forward?text={post}", prefix="Send with"),
    Target("vk", "VK", "https://vk.com/share.php?url={url}&title={title}"),
    Target("weibo", "Weibo", "https://service.weibo.com/share/share.php?url={url}&title={title}"),
    Target("xing", "XING", "https://www.xing.com/spi/shares/new?url={url}"),
)

PLACEHOLDERS = frozenset(
    {
        "url",
        "raw_url",
        "title",
        "summary",
        "slug",
        "image",
        "post",
        "subject",
        "body",
        "fediverse_page",
    }
)
RAW_PLACEHOLDERS = frozenset({"raw_url", "fediverse_page"})
ACTIONS = frozenset({"copy", "share"})
