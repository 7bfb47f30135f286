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
    marker for each placeholder, so a post costs its few distinct values (each escaped
    once) and one join, not a URL, a link and a loop turn for each target. The links'
    name, label, prefix, icon and action are the same for every post: the skeleton is
    rendered with their real values, so the template's tests on them hold.
    """

    def __init__(self, template: Any, context: dict, share_links: ShareLinks):
        self._share_links = share_links
        meanings: list[Any] = []

        def marker(meaning: Any) -> Markup:
            meanings.append(meaning)
            return Markup(MARKER.format(len(meanings) - 1))

        title = marker(TITLE)
        links = []
        for target, group in zip(share_links.targets, share_links.group_of, strict=True):
            name, label, prefix, icon, action = share_links.html_constants[target.name]
            url = Markup("").join(
                escape(literal) + (marker((group, field)) if field is not None else "")
                for literal, field, _, _ in string.Formatter().parse(target.url)
            )
            text = marker((group, TEXT))
            links.append(ShareLink(name, label, prefix, url, icon, action, title, text))
        post = SimpleNamespace(share_prompt=marker(PROMPT), share_links=links)
        # The skeleton's text at even places; a post's values go in the odd ones.
        self._pieces = MARKERS.split(template.render({**context, "article": post}))
        slots = [meanings[int(number)] for number in self._pieces[1::2]]
        # What a post needs besides its prompt and title: each (group, field) once.
        self._group_values = list(
            dict.fromkeys(slot for slot in slots if slot not in (PROMPT, TITLE))
        )
        order = [PROMPT, TITLE, *self._group_values]
        self._slot_values = [order.index(slot) for slot in slots]

    def __call__(self, article: Any) -> Markup:
        title, per_group = self._share_links.values(article)
        values = [escape(article.share_prompt), escape(title)]
        for group, field in self._group_values:
            encoded, text = per_group[group]
            values.append(escape(text if field == TEXT else encoded[field]))
        block = self._pieces.copy()
        block[1::2] = [values[index] for index in self._slot_values]
        return Markup("".join(block))


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
