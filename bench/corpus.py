"""Write a synthetic Give First site: posts, pages, reading lists and a blogroll.

Same seed, same corpus: vanilla and plugin builds read identical files, and runs on two
machines are comparable.
"""

from __future__ import annotations

import os
import random
import re
import textwrap
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import yaml

from bench import blogroll_data
from bench.prose import Prose, Style

CATEGORIES = [
    "Giving first",
    "Habits",
    "Conversations",
    "Helping",
    "Sharing",
    "Job hunting",
    "Communities",
    "Introductions",
]
TAGS = [
    "generosity",
    "relationships",
    "trust",
    "listening",
    "introductions",
    "online communities",
    "job hunting",
    "asking for help",
    "blogging",
    "writing",
    "mentoring",
    "meetups",
    "conferences",
    "follow-up",
    "thank-you notes",
    "remote work",
    "career change",
    "freelancing",
    "public speaking",
    "social media",
    "email",
    "coffee chats",
    "references",
    "side projects",
    "open source",
    "volunteering",
    "alumni",
    "small talk",
    "boundaries",
    "habits",
]
AUDIENCES = [
    "job seekers",
    "introverts",
    "new managers",
    "founders",
    "mentors",
    "students",
    "career changers",
    "freelancers",
    "community organisers",
    "people new in town",
    "anyone new to networking",
]
OUTSIDE_KINDS = ["book", "article", "talk", "podcast", "video"]
PAGES = ["about", "say-hello", "privacy", "colophon", "write-for-us"]
POST_WORDS = (600, 900)
FIRST_DATE = datetime(2014, 1, 6, 8, 0)


@dataclass(frozen=True)
class Corpus:
    content: Path
    posts: list[Path]
    blogroll_cache: Path


def write_corpus(
    root: Path, style: Style, *, posts: int, lists: int, feeds: int, entries: int, seed: int = 6
) -> Corpus:
    """A fresh site under `root/content` (and its blogroll cache under `root/blogroll-cache`)."""
    prose = Prose(style, random.Random(seed))
    content = root / "content"
    (content / "posts").mkdir(parents=True)
    titles = {}
    for number in range(1, posts + 1):
        heading = prose.heading()
        titles[f"{_slugify(heading)}-{number}"] = f"{heading} ({number})"
    slugs = list(titles)
    paths = [_write_post(content, prose, number, slugs, titles) for number in range(posts)]
    _write_pages(content, prose)
    _write_reading_lists(content / "reading-lists", prose, lists, slugs)
    cache = root / "blogroll-cache"
    blogroll_data.write(content, cache, prose, feeds=feeds, entries=entries)
    return Corpus(content=content, posts=paths, blogroll_cache=cache)


def edit_post(path: Path) -> None:
    """What an author does before a rebuild: add a sentence and save (mtime moves on)."""
    with path.open("a", encoding="utf-8") as file:
        file.write("\nOne more thought, added after a reader wrote in.\n")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))


def _slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _write_post(
    content: Path, prose: Prose, number: int, slugs: list[str], titles: dict[str, str]
) -> Path:
    rng = prose.rng
    slug = slugs[number]
    others = [other for other in rng.sample(slugs, min(len(slugs), 4)) if other != slug]
    others = others[: rng.randint(1, 3)]
    links = [f"[{titles[other].lower()}]({{filename}}/posts/{other}.md)" for other in others]
    date = FIRST_DATE + timedelta(days=number * 3650 / max(1, len(slugs)), hours=number % 9)
    meta = {
        "Title": titles[slug],
        "Date": date.strftime("%Y-%m-%d %H:%M"),
        "Category": rng.choice(CATEGORIES),
        "Tags": ", ".join(rng.sample(TAGS, rng.randint(2, 4))),
        "Slug": slug,
        "Author": "Give First",
        "Summary": prose.sentence(),
        "Audience": ", ".join(rng.sample(AUDIENCES, rng.randint(1, 3))),
    }
    if rng.random() < 0.1:
        meta["Modified"] = (date + timedelta(days=rng.randint(5, 400))).strftime("%Y-%m-%d")
    header = "".join(f"{key}: {value}\n" for key, value in meta.items())
    path = content / "posts" / f"{slug}.md"
    path.write_text(header + "\n" + prose.body(links, *POST_WORDS), encoding="utf-8")
    return path


def _write_pages(content: Path, prose: Prose) -> None:
    folder = content / "pages"
    folder.mkdir()
    for slug in PAGES:
        title = slug.replace("-", " ").capitalize()
        header = textwrap.dedent(
            f"""\
            Title: {title}
            Slug: {slug}
            Summary: {title}: what you need to know about Give First.

            """
        )
        (folder / f"{slug}.md").write_text(header + prose.body([], 300, 500), "utf-8")


def _write_reading_lists(folder: Path, prose: Prose, count: int, slugs: list[str]) -> None:
    """`count` lists in the reading_lists plugin's YAML format; the first is "start-here"."""
    rng = prose.rng
    folder.mkdir()
    for number in range(count):
        slug = "start-here" if number == 0 else f"path-{number}"
        items: list[dict] = [
            {"post": post, "note": prose.sentence()}
            for post in rng.sample(slugs, min(len(slugs), rng.randint(4, 9)))
        ]
        for read in range(rng.randint(0, 2)):
            kind = rng.choice(OUTSIDE_KINDS)
            items.insert(
                rng.randrange(len(items) + 1),
                {
                    "title": f"A {kind} on giving first, volume {number}.{read}",
                    "url": f"https://reads.example.org/{slug}/{read}",
                    "author": "A. N. Author",
                    "kind": kind,
                    "note": prose.sentence(),
                },
            )
        audience = rng.choice(AUDIENCES)
        data = {
            "title": "Start here" if number == 0 else f"A path for {audience}, {number}",
            "summary": prose.sentence(),
            "audience": audience,
            "items": items,
        }
        (folder / f"{slug}.yml").write_text(
            yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8"
        )
