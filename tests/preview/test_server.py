"""What the preview serves: its own folder, the site's 404 page, the reload script only
in the preview, and build problems as events."""

from __future__ import annotations

import pytest

from tests.preview.running import copy_site, running_preview
from tests.support import build_site

GOOD_DATE = "Date: 2026-01-12 09:00"
BAD_DATE = "Date: 2026-13-45 99:00"
RELOAD_TAG = '<script src="/__preview/reload.js" defer></script>'


@pytest.fixture(scope="module")
def watching(tmp_path_factory):
    root = tmp_path_factory.mktemp("watching")
    site = copy_site(root / "site")
    with running_preview(root / "preview", site) as preview:
        yield site, preview, root


def test_unknown_urls_get_the_sites_404_page(watching):
    _, preview, _ = watching
    response = preview.get("/no-such-post/")
    assert response.status == 404
    assert "We couldn’t find that page" in response.text


def test_html_gets_the_reload_script_once_and_files_on_disk_never(watching):
    _, preview, _ = watching
    assert preview.get("/").text.count(RELOAD_TAG) == 1
    assert preview.get("/__preview/reload.js").status == 200
    on_disk = [path for path in preview.output.rglob("*") if path.is_file()]
    assert on_disk and not [path for path in on_disk if b"__preview" in path.read_bytes()]


def test_links_keep_the_previews_port_while_another_build_runs(watching, tmp_path):
    site, preview, _ = watching
    build_site(
        tmp_path / "output",
        siteurl="http://127.0.0.1:8000",
        content=site.content,
        settings_file=str(site.settings),
    )
    home = preview.get("/").text
    assert f'href="{preview.url}/archives/"' in home
    assert "127.0.0.1:8000" not in home


def test_a_broken_post_is_reported_with_file_and_line_and_the_last_site_stays(watching):
    site, preview, _ = watching
    post = site.content / "share-like-a-friend.md"
    good = post.read_text(encoding="utf-8")
    before = preview.get("/share-like-a-friend/").text
    seen = len(preview.events)
    post.write_text(good.replace(GOOD_DATE, BAD_DATE), encoding="utf-8")
    try:
        problems = preview.wait_for_event("problems", after=seen)
        assert any(
            problem["file"].endswith("share-like-a-friend.md")
            and problem["line"] == 2
            and "not a valid date" in problem["message"]
            for problem in problems
        ), problems
        assert "share-like-a-friend.md:2: Could not process" in preview.log()
        assert preview.get("/share-like-a-friend/").text == before
    finally:
        post.write_text(good, encoding="utf-8")
    preview.wait_for_event("fixed", after=seen)


def test_make_serve_builds_once_and_serves_without_the_script(tmp_path):
    site = copy_site(tmp_path / "site")
    with running_preview(tmp_path / "preview", site, watch=False) as preview:
        home = preview.get("/")
        assert home.status == 200 and "__preview" not in home.text
        assert preview.get("/__preview/reload.js").status == 404
        assert preview.get("/__preview/events").status == 404


def test_broken_settings_stay_reported_until_fixed(tmp_path):
    """A post saved while pelicanconf.py is broken does not hide the problem."""
    site = copy_site(tmp_path / "site")
    with running_preview(tmp_path / "preview", site) as preview:
        good = site.settings.read_text(encoding="utf-8")
        seen = len(preview.events)
        site.settings.write_text(good + "\nTHEME = (\n", encoding="utf-8")
        problems = preview.wait_for_event("problems", after=seen)
        assert any(problem["file"].endswith("pelicanconf.py") for problem in problems), problems
        seen = len(preview.events)
        post = site.content / "share-like-a-friend.md"
        post.write_text(post.read_text(encoding="utf-8") + "\nStill broken.\n", encoding="utf-8")
        preview.wait_for_event("problems", after=seen)
        assert not [name for name, _ in preview.events[seen:] if name == "fixed"]
        site.settings.write_text(good, encoding="utf-8")
        preview.wait_for_event("fixed", after=seen)
        preview.wait_for_text("/share-like-a-friend/", "Still broken.")
