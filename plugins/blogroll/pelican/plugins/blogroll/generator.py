"""The Pelican generator: reads the list and the cache, writes the blogroll's pages and files."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from pelican.generators import Generator

from . import render
from .autorefresh import refresh_if_older
from .cache import Cache
from .config import load_blogs
from .settings import BlogrollSettings

logger = logging.getLogger(__name__)


class BlogrollGenerator(Generator):
    """Adds `blogroll` to the shared context, then writes /blogroll/, /network/, the feed
    and the OPML list. Without a blogroll file it does nothing, and the theme hides it."""

    def generate_context(self) -> None:
        self.blogroll = None
        self.options = BlogrollSettings.from_settings(self.settings)
        if not self.options.source.exists():
            logger.info("blogroll: no %s; no blogroll pages", self.options.source)
            return
        self.blogs = load_blogs(self.options.source)
        refresh_if_older(self.options, self.settings)
        data = Cache(self.options.data_path)
        self.states = {blog.key: data.load(blog.key) for blog in self.blogs}
        self.site = render.Site.from_settings(self.settings)
        self.blogroll = render.build(self.blogs, self.states, self.options, self.site)
        if not self.blogroll.entries:
            # Printed, not logged: Pelican hides INFO unless asked, and `make html` builds
            # with --fatal warnings, where a blogroll not yet fetched must not fail a build.
            print(
                f"blogroll: no entries in {self.options.data_path} yet; run `make feeds` to "
                f"fetch the {len(self.blogs)} blogs of {self.options.source}",
                file=sys.stderr,
            )
        self.context["blogroll"] = self.blogroll

    def generate_output(self, writer) -> None:
        if self.blogroll is None:
            return
        relative = self.settings["RELATIVE_URLS"]
        writer.write_file(
            render.BLOGROLL_PATH + "index.html",
            self.get_template("blogroll/blogroll"),
            self.context,
            relative_urls=relative,
            page_name="blogroll",
        )
        network = self.get_template("blogroll/network")
        for page in self.blogroll.pages:
            writer.write_file(
                page.save_as, network, self.context, relative_urls=relative, network_page=page
            )
        feed = render.atom_feed(self.blogroll, self.site, self.options.feed_entries)
        self._write(render.FEED_PATH, feed)
        opml = render.opml(self.blogs, self.states, self.site, self.blogroll.updated)
        self._write(render.OPML_PATH, opml)

    def _write(self, relative_path: str, text: str) -> None:
        path = Path(self.output_path) / relative_path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        logger.info('Writing "%s"', path)
