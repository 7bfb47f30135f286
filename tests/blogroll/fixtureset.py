"""The whole fixture set behind real servers: every format, encoding, hostile and failing feed.

Four servers (four "hosts"), so per-host politeness and global concurrency both apply.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tests.blogroll import feedserver as respond
from tests.blogroll.feedserver import FeedServer

# blog name -> (server number, path, fixture file)
FORMATS = {
    "RSS 0.91": (0, "/rss091.xml", "rss091.xml"),
    "RSS 0.92": (0, "/rss092.xml", "rss092.xml"),
    "RSS 1.0": (0, "/rss10.rdf", "rss10.rdf"),
    "RSS 2.0": (0, "/rss20.xml", "rss20.xml"),
    "Atom 0.3": (1, "/atom03.xml", "atom03.xml"),
    "Atom 1.0": (1, "/atom10.xml", "atom10.xml"),
    "JSON Feed 1.1": (1, "/feed.json", "jsonfeed11.json"),
    "ISO-8859-1 declared": (1, "/latin1.xml", "iso-8859-1.xml"),
    "Windows-1252 undeclared": (2, "/cp1252.xml", "windows-1252.xml"),
    "UTF-16 with BOM": (2, "/utf16.xml", "utf-16-bom.xml"),
    "Malformed XML": (2, "/malformed.xml", "malformed.xml"),
    "Hostile RSS": (2, "/hostile-rss.xml", "hostile-rss.xml"),
    "Hostile Atom": (2, "/hostile-atom.xml", "hostile-atom.xml"),
    "Hostile JSON Feed": (2, "/hostile.json", "hostile.json"),
    "XXE": (3, "/xxe.xml", "xxe.xml"),
    "Billion laughs": (3, "/laughs.xml", "billion-laughs.xml"),
}
EXPECTED_FAILURES = {
    "Not a feed": "not a usable feed",
    "Server error": "HTTP 500 Internal Server Error",
    "Stalled": "the server went silent",
    "Endless body": "response larger than",
    "Huge body": "response larger than",
    "Redirect loop": "redirect loop",
}
GONE_BLOG, WAITING_BLOG, MOVED_BLOG, DISCOVERED_BLOG = (
    "Gone",
    "Rate limited",
    "Moved permanently",
    "Discovered from the site",
)


@dataclass
class FixtureSet:
    servers: list[FeedServer]
    blogs: list[dict] = field(default_factory=list)

    def add(self, name: str, server: int, path: str, responder, *, feed: bool = True) -> None:
        """A blog whose feed (or, with feed=False, whose site) `responder` serves."""
        url = self.servers[server].route(path, responder)
        if feed:
            site = self.servers[server].url(f"/site/{len(self.blogs)}/")
            self.blogs.append({"name": name, "url": site, "feed": url})
        else:
            self.blogs.append({"name": name, "url": url})

    def close(self) -> None:
        for server in self.servers:
            server.close()


def build() -> FixtureSet:
    fixtures = FixtureSet([FeedServer() for _ in range(4)])
    s = fixtures.servers
    for name, (number, path, file) in FORMATS.items():
        server = s[number]
        fixtures.add(name, number, path, respond.fixture(file, server=server))
    fixtures.add("Not a feed", 3, "/page.html", respond.fixture("not-a-feed.html"))
    fixtures.add("Server error", 3, "/500", respond.status(500))
    fixtures.add("Stalled", 3, "/stall", respond.stall())
    fixtures.add("Endless body", 3, "/endless", respond.endless())
    fixtures.add("Huge body", 3, "/huge", respond.huge(64 * 1024 * 1024))
    s[3].route("/loop-b", respond.redirect(302, "/loop-a"))
    fixtures.add("Redirect loop", 3, "/loop-a", respond.redirect(302, "/loop-b"))
    fixtures.add(GONE_BLOG, 3, "/gone", respond.status(410))
    fixtures.add(WAITING_BLOG, 3, "/busy", respond.status(429, {"Retry-After": "3600"}))
    s[1].route("/new-home.xml", respond.fixture("rss20.xml"))
    fixtures.add(MOVED_BLOG, 1, "/old-home.xml", respond.redirect(301, "/new-home.xml"))
    s[0].route("/blog/feed.atom", respond.fixture("atom10.xml"))
    s[0].route("/blog/comments/feed/", respond.fixture("rss092.xml"))
    fixtures.add(DISCOVERED_BLOG, 0, "/blog/", respond.fixture("site.html"), feed=False)
    return fixtures
