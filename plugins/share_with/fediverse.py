"""Our own fediverse share page: Mastodon and friends have no single host to link to.

The page asks for the reader's server once (the script keeps it in localStorage)
and forwards to `https://<server>/share?text=...`, with no third-party redirector.
Without JavaScript it explains the steps and offers each post's text to copy,
reached through the `#share-<slug>` fragment of the post's fediverse link.
"""

from __future__ import annotations

from itertools import chain

from pelican.generators import Generator

from .links import share_texts
from .settings import selected_targets, setting

TARGET = "fediverse"


def wanted(settings) -> bool:
    return any(target.name == TARGET for target in selected_targets(settings))


class FediverseSharePage(Generator):
    """Writes SHARE_WITH_FEDIVERSE_SAVE_AS from the `share_with/fediverse.html` template."""

    def generate_output(self, writer):
        shared = chain(self.context.get("articles", ()), self.context.get("hidden_articles", ()))
        posts = [
            {
                "anchor": f"share-{article.slug}",
                "title": texts["title"],
                "text": texts["post"],
            }
            for article in shared
            if getattr(article, "share_links", None)
            for texts in [share_texts(article, self.settings, TARGET)]
        ]
        writer.write_file(
            setting(self.settings, "SHARE_WITH_FEDIVERSE_SAVE_AS"),
            self.get_template("share_with/fediverse"),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            url=setting(self.settings, "SHARE_WITH_FEDIVERSE_URL"),
            share_posts=posts,
        )
