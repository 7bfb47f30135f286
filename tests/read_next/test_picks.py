"""The choosing on its own, with stand-in posts: ties, neighbours, the per-subject window."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from pelican.plugins.read_next.picks import related, start_here, subjects

SITEURL = "https://example.org"


@dataclass(eq=False)
class Tag:
    slug: str


@dataclass(eq=False)
class Post:
    slug: str
    day: int
    tags: list = field(default_factory=list)
    audience: str = ""
    metadata: dict = field(default_factory=dict)
    reading_lists: list = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"<em>{self.slug}</em>"

    @property
    def url(self) -> str:
        return f"{self.slug}/"

    @property
    def date(self) -> datetime:
        return datetime(2026, 1, 1) + timedelta(days=self.day)


def post(slug, day, tags=(), audience="", **extra):
    return Post(slug, day, [Tag(tag) for tag in tags], audience, **extra)


def slugs(picks) -> list[str]:
    return [pick.url.removeprefix(SITEURL + "/").strip("/") for pick in picks]


def test_subjects_are_tags_and_each_audience_named():
    found = subjects(post("a", 1, ["habits"], " Job  Seekers, introverts ,"))
    assert found == {"tag:habits", "audience:job seekers", "audience:introverts"}


def test_more_shared_subjects_first_then_newer():
    reader = post("reader", 0, ["a", "b"], "students")
    both = post("both", 1, ["a", "b"])
    old_one = post("old-one", 2, ["a"])
    new_one = post("new-one", 3, [], "students")
    nothing = post("nothing", 4, ["z"])
    picks = related(
        [reader, both, old_one, new_one, nothing],
        [reader],
        siteurl=SITEURL,
        count=3,
        per_subject=50,
    )
    assert slugs(picks[reader]) == ["both", "new-one", "old-one"]
    assert picks[reader][0].title == "both", "titles are plain text"


def test_list_neighbours_and_the_post_itself_are_never_suggested():
    near = post("near", 5, ["a"])
    reader = post("reader", 1, ["a"])
    reader.reading_lists = [
        {"previous": {"url": f"{SITEURL}/near/", "kind": None}, "next": None},
        {"previous": None, "next": {"url": "https://books.example/near/", "kind": "book"}},
    ]
    other = post("other", 2, ["a"])
    picks = related([reader, near, other], [reader], siteurl=SITEURL, count=3, per_subject=50)
    assert slugs(picks[reader]) == ["other"]


def test_only_the_newest_posts_of_each_subject_are_weighed():
    reader = post("reader", 0, ["a"])
    posts = [reader] + [post(f"p{day}", day, ["a"]) for day in range(1, 10)]
    picks = related(posts, [reader], siteurl=SITEURL, count=5, per_subject=3)
    assert slugs(picks[reader]) == ["p9", "p8", "p7"]


def test_start_here_puts_featured_posts_before_the_most_listed():
    featured = post("featured", 1, metadata={"featured": "true"})
    in_three = post("in-three", 2, reading_lists=[{}, {}, {}])
    in_one = post("in-one", 3, reading_lists=[{}])
    unlisted = post("unlisted", 4)
    picks = start_here([unlisted, in_one, in_three, featured], siteurl=SITEURL, count=5)
    assert slugs(picks) == ["featured", "in-three", "in-one"]
    assert [pick.featured for pick in picks] == [True, False, False]
    assert [pick.lists for pick in picks] == [0, 3, 1]
