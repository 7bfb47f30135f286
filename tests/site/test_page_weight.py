"""What a reader downloads for a post: its HTML with the CSS and JS it links, images aside."""

from __future__ import annotations

from bench.report import PAGE_LIMIT
from bench.weight import page_weight
from tests.site.test_pages import POSTS, read_metadata


def test_every_post_page_stays_under_the_budget(site):
    heavy = {}
    for source in POSTS:
        page = site.page(f"{read_metadata(source)['slug']}/")
        weight = page_weight(page, site.output, site.url)
        if weight.total >= PAGE_LIMIT:
            heavy[weight.page] = weight.total
    assert heavy == {}


def test_search_assets_load_only_where_search_runs(site):
    """Pagefind's files are fetched by search.js on a search; no post links them."""
    for source in POSTS:
        page = site.page(f"{read_metadata(source)['slug']}/")
        text = page.read_text(encoding="utf-8")
        assert "/pagefind/" not in text and "search.js" not in text, page
