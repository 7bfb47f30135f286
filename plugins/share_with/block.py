"""The share block under every post, rendered from its template once per build.

Including `share_with/share_block.html` under each of thousands of posts ran the same
Jinja loop over the same targets every time, to print the same markup around a few
values: the post's prompt and its links' URLs, titles and texts. So the template is
rendered once with a marker where each of those values goes, and a post's block is that
skeleton with its own values put in: the same bytes in a fraction of the time.

Only for the plugin's own template, which prints those values and never tests them; a
theme's copy may do anything with a post, so the theme includes it under each post as
usual. Not under RELATIVE_URLS either, where SITEURL differs from page to page.
"""

from __future__ import annotations

import re
import string
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from markupsafe import Markup, escape

from .links import ShareLink, ShareLinks

OWN_TEMPLATE = Path(__file__).resolve().parent / "templates" / "share_with" / "share_block.html"
# Private-use characters: escaping leaves them alone, and no template or value holds them.
MARKER = "\ue000{}\ue001"
MARKERS = re.compile("\ue000([0-9]+)\ue001")
PROMPT, TITLE, TEXT = "prompt", "title", "text"


class ShareBlock:
    """`ShareBlock(template, context, share_links)(article)`: the post's block, as Markup.

    The skeleton holds the links' URL templates too, their literal parts escaped and a
    marker for each placeholder, so a post costs one set of placeholder values (each
    escaped once) and one join, not a URL, a link and a loop turn for each target. The
    links' name, label, prefix, icon and action are the same for every post: the
    skeleton is rendered with their real values, so the template's tests on them hold.
    """

    def __init__(self, template: Any, context: dict, share_links: ShareLinks):
        self._share_links = share_links
        meanings: list[Any] = []

        def marker(meaning: Any) -> Markup:
            meanings.append(meaning)
            return Markup(MARKER.format(len(meanings) - 1))

        title = marker(TITLE)
        links = []
        for number, target in enumerate(share_links.targets):
            name, label, prefix, icon, action = share_links.html_constants[target.name]
            url = Markup("").join(
                escape(literal) + (marker((number, field)) if field is not None else "")
                for literal, field, _, _ in string.Formatter().parse(target.url)
            )
            text = marker((number, TEXT))
            links.append(ShareLink(name, label, prefix, url, icon, action, title, text))
        post = SimpleNamespace(share_prompt=marker(PROMPT), share_links=links)
        pieces = MARKERS.split(template.render({**context, "article": post}))
        self._texts = pieces[0::2]
        self._slots = [meanings[int(number)] for number in pieces[1::2]]

    def __call__(self, article: Any) -> Markup:
        title, per_target = self._share_links.values(article)
        escaped: dict[int, dict[str, str]] = {}  # per distinct set of values (one per URL)
        out = [self._texts[0]]
        for slot, text in zip(self._slots, self._texts[1:], strict=True):
            if slot == PROMPT:
                value = escape(article.share_prompt)
            elif slot == TITLE:
                value = escape(title)
            else:
                number, field = slot
                encoded, shared_text = per_target[number]
                if field == TEXT:
                    value = escape(shared_text)
                else:
                    known = escaped.get(id(encoded))
                    if known is None:
                        known = escaped[id(encoded)] = {
                            name: escape(value) for name, value in encoded.items()
                        }
                    value = known[field]
            out += (value, text)
        return Markup("".join(out))


def share_block(generator: Any, share_links: ShareLinks) -> ShareBlock | None:
    """The block for posts of `generator`, or None where the theme must include the template:
    a theme's own copy, RELATIVE_URLS, or a URL template with a format spec or conversion."""
    if generator.settings["RELATIVE_URLS"]:
        return None
    if any(
        spec or conversion
        for target in share_links.targets
        for _, _, spec, conversion in string.Formatter().parse(target.url)
    ):
        return None
    template = generator.get_template("share_with/share_block")
    if Path(template.filename).resolve() != OWN_TEMPLATE:
        return None
    return ShareBlock(template, generator.context, share_links)
