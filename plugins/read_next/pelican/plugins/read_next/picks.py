"""Which of our posts to suggest: after a post (read next) and to a new reader (start here).

Pure functions over Pelican's articles; the plugin runs them once per build and hands
the templates plain `Pick`s.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from givefirst_kit.text import plain_text


@dataclass(frozen=True)
class Pick:
    """One suggested post: `title` and `audience` are plain text, `url` is absolute."""

    title: str
    url: str
    audience: str | None
    featured: bool = False
    lists: int = 0


def pick(article: Any, siteurl: str) -> Pick:
    return Pick(
        title=plain_text(article.title),
        url=f"{siteurl.rstrip('/')}/{article.url}",
        audience=getattr(article, "audience", None) or None,
        featured=is_featured(article),
        lists=len(getattr(article, "reading_lists", ())),
    )


def is_featured(article: Any) -> bool:
    """`Featured: true` (or yes, 1) in the post's metadata: the author's own pick."""
    return str(article.metadata.get("featured", "")).strip().lower() in {"true", "yes", "1"}


def subjects(article: Any) -> frozenset[str]:
    """What a post is about and whom it helps: its tags and each audience it names."""
    tags = {f"tag:{tag.slug}" for tag in getattr(article, "tags", ())}
    audience = getattr(article, "audience", None) or ""
    groups = {
        f"audience:{' '.join(part.split()).casefold()}"
        for part in audience.split(",")
        if part.strip()
    }
    return frozenset(tags | groups)


def neighbour_urls(article: Any) -> set[str]:
    """The posts just before and after this one in its reading lists: the list navigation
    above "read next" already offers them."""
    steps = (
        place[side]
        for place in getattr(article, "reading_lists", ())
        for side in ("previous", "next")
    )
    return {step["url"] for step in steps if step and step.get("kind") is None}


def related(
    articles: Sequence[Any],
    readers: Iterable[Any],
    *,
    siteurl: str,
    count: int,
    per_subject: int,
) -> dict[Any, tuple[Pick, ...]]:
    """For each of `readers`, up to `count` of `articles` sharing the most subjects.

    Ties go to the newer post. Only the newest `per_subject` posts of each subject are
    weighed, so a build of thousands of posts stays linear; below that many posts per
    tag or audience the choice is exact. Posts are counted by their rank, newest 0.
    """
    newest_first = sorted(articles, key=lambda article: article.date, reverse=True)
    by_subject: dict[str, list[int]] = defaultdict(list)
    subjects_of = {article: subjects(article) for article in newest_first}
    for rank, article in enumerate(newest_first):
        for subject in subjects_of[article]:
            by_subject[subject].append(rank)
    rank_of = {article: rank for rank, article in enumerate(newest_first)}
    picked: dict[int, Pick] = {}  # each post is suggested under many: made once
    picks = {}
    for reader in readers:
        shared = Counter()
        for subject in subjects_of.get(reader) or subjects(reader):
            shared.update(by_subject[subject][:per_subject])
        shared.pop(rank_of.get(reader), None)
        shown = neighbour_urls(reader)
        # By count, ties to the newer post: sorted by rank, then (stable) by count.
        ranked = sorted(sorted(shared), key=shared.__getitem__, reverse=True)
        chosen = []
        for rank in ranked:
            if rank not in picked:
                picked[rank] = pick(newest_first[rank], siteurl)
            if picked[rank].url not in shown:
                chosen.append(picked[rank])
                if len(chosen) == count:
                    break
        picks[reader] = tuple(chosen)
    return picks


def start_here(articles: Sequence[Any], *, siteurl: str, count: int) -> tuple[Pick, ...]:
    """The author's featured posts (newest first), then the posts in the most reading lists."""
    newest_first = sorted(articles, key=lambda article: article.date, reverse=True)
    featured = [article for article in newest_first if is_featured(article)]
    listed = sorted(
        (article for article in newest_first if getattr(article, "reading_lists", None)),
        key=lambda article: -len(article.reading_lists),
    )
    chosen = list(dict.fromkeys([*featured, *listed]))[:count]
    return tuple(pick(article, siteurl) for article in chosen)
