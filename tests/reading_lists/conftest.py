"""Real Pelican articles and settings for the plugin's in-process stages."""

from __future__ import annotations

import copy
from datetime import datetime

import pytest
from pelican.contents import Article
from pelican.plugins.reading_lists import DEFAULTS
from pelican.plugins.reading_lists.reading_time import count_words, minutes
from pelican.settings import DEFAULT_CONFIG

SITEURL = "https://givefirst.example"


@pytest.fixture
def settings() -> dict:
    return {
        **copy.deepcopy(DEFAULT_CONFIG),
        **DEFAULTS,
        "SITEURL": SITEURL,
        "FEED_DOMAIN": SITEURL,
        "SITENAME": "Give First",
        "ARTICLE_URL": "{slug}/",
        "ARTICLE_SAVE_AS": "{slug}/index.html",
    }


@pytest.fixture
def make_article(settings):
    """An Article with `words` words of body, its reading time set as the plugin sets it."""

    def make(slug: str, *, words: int = 460, status: str = "published", day: int = 1) -> Article:
        article = Article(
            "<p>" + " ".join(["word"] * words) + "</p>",
            metadata={
                "title": slug.replace("-", " ").capitalize(),
                "slug": slug,
                "summary": f"<p>About {slug}.</p>",
                "date": datetime(2026, 1, day, 9, 0),
                "status": status,
            },
            settings=settings,
        )
        words_per_minute = settings["READING_LISTS_WORDS_PER_MINUTE"]
        article.reading_time = minutes(count_words(article.content), words_per_minute)
        return article

    return make
