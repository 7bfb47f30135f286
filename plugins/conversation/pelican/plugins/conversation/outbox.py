"""What was sent, and from it what to send now: Webmention's update and delete rules.

Pure: the posts as published and the record of earlier sends in, the jobs and the new
record out. A post is sent for when it is new; again, to every target, when it changed
(a link it dropped included, so that target hears of the update, W3C 3.1.3); and to its
old targets when it is deleted (3.1.4). A failed send is tried again next time; a post
that did not change is not sent for again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .links import Post

# What a target answered.
ACCEPTED = "accepted"  # the endpoint took it (2xx)
NO_ENDPOINT = "no endpoint"  # the target advertises none: nothing to send
REFUSED = "refused"  # the endpoint said no (4xx): not asked again until the post changes
FAILED = "failed"  # the network or the server failed: tried again next time

# Why a pair is sent.
NEW_POST, NEW_LINK, CHANGED, REMOVED, DELETED, RETRY = (
    "new post",
    "new link",
    "post changed",
    "link removed",
    "post deleted",
    "retry",
)


@dataclass(frozen=True)
class Job:
    source: str
    target: str
    why: str


@dataclass(frozen=True)
class Answer:
    """What sending `source` → `target` came to."""

    source: str
    target: str
    result: str
    detail: str = ""
    endpoint: str | None = None
    title: str = ""  # the target page's title, for a post that replies to it


def plan(posts: Iterable[Post], sent: dict) -> list[Job]:
    """The pairs to send now, in post order, given the record of what was sent."""
    jobs: list[Job] = []
    published = set()
    for post in posts:
        published.add(post.source)
        record = sent.get(post.source)
        if record is None or record.get("digest") is None:
            jobs += [Job(post.source, target, NEW_POST) for target in post.targets]
            continue
        earlier = record.get("targets", {})
        changed = record["digest"] != post.digest
        for target in post.targets:
            answer = earlier.get(target)
            if changed:
                jobs.append(Job(post.source, target, CHANGED))
            elif answer is None:
                jobs.append(Job(post.source, target, NEW_LINK))
            elif answer["result"] == FAILED:
                jobs.append(Job(post.source, target, RETRY))
        for target, answer in earlier.items():
            if target not in post.targets and _owes_notice(answer, changed):
                jobs.append(Job(post.source, target, REMOVED))
    for source, record in sent.items():
        if source not in published:
            deleted = record.get("digest") is None
            jobs += [
                Job(source, target, DELETED)
                for target, answer in record.get("targets", {}).items()
                if _owes_notice(answer, changed=not deleted)
            ]
    return jobs


def _owes_notice(answer: dict, changed: bool) -> bool:
    """A target no longer linked to hears of it if it took the mention when it was linked
    (as soon as the link goes), or if telling it failed (again, until it hears)."""
    still_linked = answer.get("linked", True)
    return (changed and still_linked and answer["result"] == ACCEPTED) or (
        not still_linked and answer["result"] == FAILED
    )


def record(posts: Iterable[Post], sent: dict, answers: Iterable[Answer]) -> dict:
    """The record after this run: each post's digest and each target's latest answer.

    A link dropped from a post, or a deleted post's links, stay on record only while
    telling them has failed, so they are told again next time.
    """
    by_pair = {(answer.source, answer.target): answer for answer in answers}
    updated: dict[str, dict] = {}
    published = {post.source: post for post in posts}
    for source in [*published, *(source for source in sent if source not in published)]:
        post = published.get(source)
        earlier = sent.get(source, {}).get("targets", {})
        targets: dict[str, dict] = {}
        for target in post.targets if post else ():
            answer = by_pair.get((source, target))
            entry = _entry(answer) if answer else earlier.get(target)
            if entry is not None:  # else never sent: a new link, next time
                targets[target] = entry
        for target, entry in earlier.items():
            if post and target in post.targets:
                continue
            answer = by_pair.get((source, target))
            if (answer and answer.result == FAILED) or (
                answer is None and not entry.get("linked", True) and entry["result"] == FAILED
            ):
                targets[target] = {**(_entry(answer) if answer else entry), "linked": False}
        if post is not None or targets:
            updated[source] = {"digest": post.digest if post else None, "targets": targets}
    return updated


def _entry(answer: Answer) -> dict:
    return {"result": answer.result, "detail": answer.detail, "endpoint": answer.endpoint}
