"""What to send, from what was sent: new posts, changes, dropped links, deleted posts."""

from __future__ import annotations

from pelican.plugins.conversation.links import Post
from pelican.plugins.conversation.outbox import (
    ACCEPTED,
    CHANGED,
    DELETED,
    FAILED,
    NEW_LINK,
    NEW_POST,
    NO_ENDPOINT,
    REFUSED,
    REMOVED,
    RETRY,
    Answer,
    plan,
    record,
)

SOURCE = "https://givefirst.example/a-post/"
A, B, C = "https://a.example/1", "https://b.example/2", "https://c.example/3"


def post(*targets: str, digest: str = "d1", source: str = SOURCE) -> Post:
    return Post(source, tuple(targets), (), digest)


def pairs(jobs) -> list[tuple[str, str]]:
    return [(job.target, job.why) for job in jobs]


def answers(source: str = SOURCE, **results: str) -> list[Answer]:
    targets = {"A": A, "B": B, "C": C}
    return [Answer(source, targets[name], result) for name, result in results.items()]


def after(posts: list[Post], sent: dict, **results: str) -> dict:
    """The record after sending what `plan` asks, each target answering `results`."""
    return record(posts, sent, answers(**results))


def test_a_new_post_is_sent_to_every_outside_link():
    assert pairs(plan([post(A, B)], {})) == [(A, NEW_POST), (B, NEW_POST)]


def test_nothing_is_sent_again_when_nothing_changed():
    sent = after([post(A, B, C)], {}, A=ACCEPTED, B=NO_ENDPOINT, C=REFUSED)
    assert plan([post(A, B, C)], sent) == []


def test_a_failed_send_is_tried_again_and_then_not():
    sent = after([post(A, B)], {}, A=ACCEPTED, B=FAILED)
    assert pairs(plan([post(A, B)], sent)) == [(B, RETRY)]
    sent = after([post(A, B)], sent, B=ACCEPTED)
    assert plan([post(A, B)], sent) == []


def test_a_changed_post_is_sent_again_to_every_target_and_to_a_dropped_link():
    sent = after([post(A, B)], {}, A=ACCEPTED, B=ACCEPTED)
    changed = post(A, C, digest="d2")
    assert pairs(plan([changed], sent)) == [(A, CHANGED), (C, CHANGED), (B, REMOVED)]
    sent = after([changed], sent, A=ACCEPTED, C=ACCEPTED, B=ACCEPTED)
    assert set(sent[SOURCE]["targets"]) == {A, C}, "the dropped link has heard: forgotten"
    assert plan([changed], sent) == []


def test_a_dropped_link_that_never_took_a_mention_is_not_told():
    sent = after([post(A, B)], {}, A=ACCEPTED, B=NO_ENDPOINT)
    assert pairs(plan([post(A, digest="d2")], sent)) == [(A, CHANGED)]


def test_telling_a_dropped_link_is_retried_until_it_hears():
    sent = after([post(A, B)], {}, A=ACCEPTED, B=ACCEPTED)
    changed = post(A, digest="d2")
    sent = after([changed], sent, A=ACCEPTED, B=FAILED)
    assert sent[SOURCE]["targets"][B] == {
        "result": FAILED,
        "detail": "",
        "endpoint": None,
        "linked": False,
    }
    assert pairs(plan([changed], sent)) == [(B, REMOVED)]
    sent = after([changed], sent, B=ACCEPTED)
    assert plan([changed], sent) == []


def test_a_deleted_post_tells_every_target_that_took_a_mention():
    sent = after([post(A, B, C)], {}, A=ACCEPTED, B=NO_ENDPOINT, C=ACCEPTED)
    assert pairs(plan([], sent)) == [(A, DELETED), (C, DELETED)]
    sent = after([], sent, A=ACCEPTED, C=FAILED)
    assert pairs(plan([], sent)) == [(C, DELETED)], "the failed one is told again"
    sent = after([], sent, C=ACCEPTED)
    assert sent == {}, "a deleted post is forgotten once every target has heard"


def test_a_new_link_in_an_unchanged_record_is_sent():
    """A run cut short leaves a link without an answer: it goes out next time."""
    sent = record([post(A, B)], {}, answers(A=ACCEPTED))
    assert pairs(plan([post(A, B)], sent)) == [(B, NEW_LINK)]


def test_a_post_published_again_after_deletion_is_new():
    sent = after([post(A)], {}, A=ACCEPTED)
    sent = after([], sent, A=FAILED)
    assert pairs(plan([post(A, digest="d3")], sent)) == [(A, NEW_POST)]
