"""Mark as read in a real browser: checkboxes, progress, and memory across a reload."""

from __future__ import annotations

import pytest

from tests.support import parse_html, save_screenshot

pytestmark = pytest.mark.browser

LIST = "reading-lists/start-here/"


def test_marking_items_read_survives_a_reload(site, browser_context):
    context, watch = browser_context
    total = len(parse_html(site.page(LIST)).select("ol.reading-list > li"))
    page = context.new_page()
    page.goto(f"{site.url}/{LIST}")
    progress = page.locator("[data-reading-list-progress]")
    checkboxes = page.get_by_role("checkbox")

    assert checkboxes.count() == total
    assert progress.inner_text() == f"0 of {total} read"
    assert progress.get_attribute("aria-live") == "polite"

    checkboxes.nth(0).check()
    checkboxes.nth(2).focus()
    page.keyboard.press("Space")

    assert progress.inner_text() == f"2 of {total} read"
    page.reload()
    assert [checkboxes.nth(i).is_checked() for i in range(total)] == [
        i in (0, 2) for i in range(total)
    ]
    assert progress.inner_text() == f"2 of {total} read"
    assert page.locator("li.is-read").count() == 2

    checkboxes.nth(0).uncheck()
    assert progress.inner_text() == f"1 of {total} read"
    page.reload()
    assert progress.inner_text() == f"1 of {total} read"
    save_screenshot(page, "reading-list-progress")
    watch.assert_clean()


def test_each_checkbox_is_named_after_its_read(site, browser_context):
    context, watch = browser_context
    titles = [
        " ".join(heading.get_text().split())
        for heading in parse_html(site.page(LIST)).select("ol.reading-list h2")
    ]
    page = context.new_page()
    page.goto(f"{site.url}/{LIST}")

    for title in titles:
        assert page.get_by_role("checkbox", name=f"Mark as read: {title}", exact=True).count() == 1
    watch.assert_clean()


@pytest.mark.parametrize("browser_context", [{"javascript": False}], indirect=True)
def test_without_javascript_the_list_is_complete_without_checkboxes(site, browser_context):
    context, watch = browser_context
    items = parse_html(site.page(LIST)).select("ol.reading-list > li")
    page = context.new_page()
    page.goto(f"{site.url}/{LIST}")

    assert page.get_by_role("checkbox").count() == 0
    assert not page.locator("[data-reading-list-progress]").is_visible()
    assert page.locator("ol.reading-list > li").count() == len(items)
    assert page.locator("ol.reading-list h2 a").count() == len(items)
    watch.assert_clean()
