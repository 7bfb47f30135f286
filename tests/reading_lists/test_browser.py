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


def test_progress_marked_on_a_list_shows_on_the_index_home_and_posts(site, browser_context):
    context, watch = browser_context
    page = context.new_page()
    page.goto(f"{site.url}/{LIST}")
    checkboxes = page.get_by_role("checkbox")
    total = checkboxes.count()
    checkboxes.nth(0).check()
    checkboxes.nth(1).check()
    first_post = parse_html(site.page(LIST)).select_one("ol.reading-list a")["href"]

    page.goto(f"{site.url}/reading-lists/")
    card = page.locator(".reading-lists__list", has=page.locator(f'a[href$="/{LIST}"]'))
    assert card.locator("[data-reading-list-read]").inner_text() == f" · 2 of {total} read"
    others = page.locator("[data-reading-list-read]:not([data-reading-list-read=start-here])")
    assert others.count() > 0 and not any(others.nth(i).is_visible() for i in range(others.count()))

    page.goto(f"{site.url}/")
    featured = page.locator(".start-here .reading-list-featured [data-reading-list-read]")
    assert featured.inner_text() == f" · 2 of {total} read"

    page.goto(first_post)
    place = page.locator(".reading-list-nav .card > p", has=page.locator(f'a[href$="/{LIST}"]'))
    assert place.inner_text().endswith(f"of {total} · 2 of {total} read")
    page.reload()
    assert place.locator("[data-reading-list-read]").is_visible()
    save_screenshot(page, "post-progress-and-read-next")
    watch.assert_clean()


def test_a_list_offers_the_next_unread_read_and_starting_over(site, browser_context):
    context, watch = browser_context
    titles = [
        " ".join(heading.get_text().split())
        for heading in parse_html(site.page(LIST)).select("ol.reading-list h2")
    ]
    page = context.new_page()
    page.goto(f"{site.url}/{LIST}")
    next_unread = page.get_by_role("link", name="Next unread:")
    start_over = page.get_by_role("button", name="Start over")
    assert not next_unread.is_visible() and not start_over.is_visible(), "nothing read yet"

    page.get_by_role("checkbox").nth(0).check()
    assert next_unread.inner_text() == f"Next unread: {titles[1]}"
    page.get_by_role("checkbox").nth(1).check()
    page.reload()
    assert next_unread.inner_text() == f"Next unread: {titles[2]}"

    start_over.focus()
    page.keyboard.press("Enter")
    progress = page.locator("[data-reading-list-progress]")
    assert progress.inner_text() == f"0 of {len(titles)} read"
    assert progress.evaluate("el => el === document.activeElement")
    assert not any(box.is_checked() for box in page.get_by_role("checkbox").all())
    page.reload()
    assert progress.inner_text() == f"0 of {len(titles)} read"
    watch.assert_clean()
