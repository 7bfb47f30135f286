"""Every post and page a generator holds, in whichever of its lists, once each."""

from __future__ import annotations

from types import SimpleNamespace

from givefirst_kit.content import contents
from pelican.contents import Article, Page, Static
from pelican.settings import DEFAULT_CONFIG


def content(kind, slug):
    return kind("<p>x</p>", metadata={"title": slug, "slug": slug}, settings=DEFAULT_CONFIG)


def test_every_list_counts_once_and_nothing_else_does():
    published, translation, hidden, draft = (
        content(Article, slug) for slug in ("a", "a-fr", "b", "c")
    )
    page, static = content(Page, "about"), content(Static, "image")
    generator = SimpleNamespace(
        articles=[published],
        translations=[translation],
        hidden_articles=[hidden],
        drafts=[draft],
        dates=[published, hidden],  # Pelican's lists that hold posts again
        draft_pages=[page],
        staticfiles=[static],
        categories=[("category", [published])],
        settings={"ARTICLE_URL": "{slug}/"},
    )
    assert contents(generator) == [published, translation, hidden, draft, page]
