"""The schema.org `ItemList` a list page embeds, so search engines see the order."""

from __future__ import annotations

from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup

from .resolve import ResolvedList


def item_list(reading_list: ResolvedList) -> Markup:
    """JSON-LD for a `<script type="application/ld+json">` block.

    `htmlsafe_json_dumps` is `json.dumps` with `<`, `>`, `&` and `'` escaped, so no
    title or note can close the script element early.
    """
    data = {
        "@context": "https://schema.org",
        "@type": "ItemList",
        "name": reading_list.title,
        "url": reading_list.url,
        "numberOfItems": len(reading_list.entries),
        "itemListOrder": "https://schema.org/ItemListOrderAscending",
        "itemListElement": [
            {"@type": "ListItem", "position": entry.position, "name": entry.title, "url": entry.url}
            for entry in reading_list.entries
        ],
    }
    if reading_list.summary:
        data["description"] = reading_list.summary
    return htmlsafe_json_dumps(data)
