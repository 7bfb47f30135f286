"""Fixtures shared by every test package: the built site, its server, the browser."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.support import (
    CHROMIUM,
    CHROMIUM_ARGS,
    build_site,
    free_port,
    index_site,
    is_local,
    serve_directory,
)


@dataclass
class BuiltSite:
    """The real site, built once per test worker and served where its SITEURL says."""

    output: Path
    url: str
    log: str
    search_log: str = ""

    def page(self, relative: str) -> Path:
        """Path of the built file for a site-relative URL such as 'about/'."""
        path = self.output / relative.lstrip("/")
        return path / "index.html" if relative.endswith("/") or not relative else path


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Iterator[BuiltSite]:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    output = tmp_path_factory.mktemp("site") / "output"
    log = build_site(output, siteurl=url)
    search_log = index_site(output)
    with serve_directory(output, port=port):
        yield BuiltSite(output=output, url=url, log=log, search_log=search_log)


@pytest.fixture(scope="session")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make test`, which installs Debian's chromium")
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@dataclass
class PageWatch:
    """What a page did that a reader would not want: errors and outside requests."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    outside_requests: list[str] = field(default_factory=list)
    failed_responses: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        assert self.outside_requests == [], "requests left 127.0.0.1"
        assert self.failed_responses == [], "responses with an error status"
        assert self.page_errors == [], "uncaught script errors"
        assert self.console_errors == [], "console errors"


@pytest.fixture
def browser_context(browser, request):
    """A fresh context (clipboard allowed) whose pages are watched; yields (context, watch).

    Outside requests are aborted and recorded, so a leak fails the test instead of
    waiting on a network this machine does not have.
    """
    options = getattr(request, "param", {}) or {}
    context = browser.new_context(
        permissions=["clipboard-read", "clipboard-write"],
        bypass_csp=options.get("bypass_csp", False),
        java_script_enabled=options.get("javascript", True),
    )
    watch = PageWatch()

    def route(route_obj):
        if is_local(route_obj.request.url):
            route_obj.continue_()
        else:
            watch.outside_requests.append(route_obj.request.url)
            route_obj.abort()

    context.route("**/*", route)

    def on_page(page):
        page.on(
            "console",
            lambda message: message.type == "error" and watch.console_errors.append(message.text),
        )
        page.on("pageerror", lambda error: watch.page_errors.append(str(error)))
        page.on(
            "response",
            lambda response: (
                response.status >= 400
                and watch.failed_responses.append(f"{response.status} {response.url}")
            ),
        )

    context.on("page", on_page)
    yield context, watch
    context.close()
