"""What machines read of a list: an Atom feed, so a reader can follow a path from their
feed reader, and the schema.org `ItemList` its page embeds, so search engines see the order."""

from __future__ import annotations

from feedgenerator import Atom1Feed
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup

from .resolve import Entry, ResolvedList


def atom_feed(reading_list: ResolvedList, *, sitename: str, siteurl: str) -> Atom1Feed:
    """Entries in list order; our posts link to the post, outside reads to their URL.

    An entry's id is its anchor on the list page, so reordering the list keeps ids.
    """
    feed = Atom1Feed(
        title=f"{sitename}: {reading_list.title}",
        link=reading_list.url,
        feed_url=reading_list.feed_url,
        description=reading_list.summary or "",
        subtitle=reading_list.summary,
        feed_guid=reading_list.feed_url,
    )
    total = len(reading_list.entries)
    for entry in reading_list.entries:
        date = entry.article.date if entry.article else reading_list.updated
        feed.add_item(
            title=entry.title,
            link=entry.url,
            unique_id=f"{reading_list.url}#{entry.anchor}",
            description=_description(entry, reading_list, total),
            author_name=str(entry.article.author) if entry.article else entry.author,
            author_link=siteurl + "/" if entry.article else None,
            pubdate=date,
            updateddate=getattr(entry.article, "modified", None) or date,
            categories=[entry.kind] if entry.kind else (),
        )
    return feed


def _description(entry: Entry, reading_list: ResolvedList, total: int) -> str:
    """HTML summary: what the read is, why it is on the list, where it sits in it."""
    if entry.article is not None:
        parts = [
            Markup(entry.article.summary),
            Markup("<p>Our post, {} min read.</p>").format(entry.reading_time),
        ]
    else:
        by = f" by {entry.author}" if entry.author else ""
        parts = [Markup("<p>{}{}, on {}.</p>").format(entry.kind.capitalize(), by, entry.host)]
    if entry.note:
        parts.append(Markup("<p>Why it is here: {}</p>").format(entry.note))
    parts.append(Markup("<p>{} of {} in {}.</p>").format(entry.position, total, reading_list.title))
    return str(Markup("").join(parts))


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
