"""Our own fediverse share page: Mastodon and friends have no single host to link to.

The page asks for the reader's server once (the script keeps it in localStorage)
and forwards to `https://<server>/share?text=...`, with no third-party redirector.
It says which post is being shared: the link's `title`, linked back to the post's
address in the text, and only to an address on this site. Without JavaScript it
explains the steps and offers each post's text to copy, reached through the
`#share-<slug>` fragment of the post's fediverse link.
"""

from __future__ import annotations

from typing import NamedTuple

from pelican.generators import Generator

from .settings import selected_targets, setting


class SharedPost(NamedTuple):
    anchor: str  # the fragment of the post's fediverse link: "share-<slug>"
    title: str
    text: str  # what to post: SHARE_WITH_POST_TEXT
    url: str  # the post's own address, to go back to it


def wanted(settings) -> bool:
    return any(target.name == "fediverse" for target in selected_targets(settings))


class FediverseSharePage(Generator):
    """Writes SHARE_WITH_FEDIVERSE_SAVE_AS from the `share_with/fediverse.html` template,
    with the posts `attach_share_data` put in the context."""

    def generate_output(self, writer):
        writer.write_file(
            setting(self.settings, "SHARE_WITH_FEDIVERSE_SAVE_AS"),
            self.get_template("share_with/fediverse"),
            self.context,
            relative_urls=self.settings["RELATIVE_URLS"],
            url=setting(self.settings, "SHARE_WITH_FEDIVERSE_URL"),
        )
