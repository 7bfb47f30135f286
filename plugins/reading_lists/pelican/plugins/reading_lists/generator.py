"""Pelican generator: lists in the context once the posts are read; pages and feeds out."""

from __future__ import annotations

from pathlib import Path

from pelican.generators import Generator
from pelican.utils import sanitised_join

from .feed import atom_feed, item_list
from .load import ReadingListError, load_lists
from .resolve import ResolvedList, memberships, resolve


class ReadingListsGenerator(Generator):
    """Runs after the articles and pages generators, so every post is known."""

    reading_lists: list[ResolvedList]

    def generate_context(self) -> None:
        lists = load_lists(Path(self.path) / self.settings["READING_LISTS_PATH"])
        articles = [*self.context["articles"], *self.context["hidden_articles"]]
        resolved = resolve(
            lists, articles=articles, drafts=self.context["drafts"], settings=self.settings
        )
        featured = self._featured(resolved)
        self.reading_lists = sorted(resolved, key=lambda item: (item is not featured, item.title))
        places = memberships(self.reading_lists)
        for article in articles:
            article.reading_lists = places.get(article.slug, [])
        if self.reading_lists:
            self.context["reading_lists"] = self.reading_lists
            self.context["reading_lists_featured"] = featured
            # The theme's sitemap lists these site-relative URLs after Pelican's own.
            self.context["SITEMAP_EXTRA_URLS"] = [
                *self.context.get("SITEMAP_EXTRA_URLS", []),
                self.settings["READING_LISTS_INDEX_URL"],
                *(reading_list.path for reading_list in self.reading_lists),
            ]

    def _featured(self, resolved: list[ResolvedList]) -> ResolvedList | None:
        slug = self.settings["READING_LISTS_FEATURED"]
        if not slug or not resolved:
            return None
        by_slug = {reading_list.slug: reading_list for reading_list in resolved}
        if slug not in by_slug:
            raise ReadingListError(
                [
                    f"READING_LISTS_FEATURED = {slug!r} names no reading list; set it to one "
                    f"of {', '.join(sorted(by_slug))}, or to None to feature none."
                ]
            )
        return by_slug[slug]

    def generate_output(self, writer) -> None:
        if not self.reading_lists:
            return
        relative_urls = self.settings["RELATIVE_URLS"]
        writer.write_file(
            self.settings["READING_LISTS_INDEX_SAVE_AS"],
            self.get_template("reading_lists/index"),
            self.context,
            relative_urls=relative_urls,
            url=self.settings["READING_LISTS_INDEX_URL"],
            page_name="reading_lists",
        )
        list_template = self.get_template("reading_lists/list")
        for reading_list in self.reading_lists:
            writer.write_file(
                self.settings["READING_LISTS_LIST_SAVE_AS"].format(slug=reading_list.slug),
                list_template,
                self.context,
                relative_urls=relative_urls,
                url=reading_list.path,
                page_name="reading_list",
                reading_list=reading_list,
                reading_list_json_ld=item_list(reading_list),
            )
            if reading_list.feed_url:
                self._write_feed(reading_list)

    def _write_feed(self, reading_list: ResolvedList) -> None:
        path = self.settings["READING_LISTS_FEED_ATOM"].format(slug=reading_list.slug)
        feed = atom_feed(
            reading_list, sitename=self.settings["SITENAME"], siteurl=self.settings["SITEURL"]
        )
        output = Path(sanitised_join(self.output_path, path))
        output.parent.mkdir(parents=True, exist_ok=True)
        with output.open("w", encoding="utf-8") as file:
            feed.write(file, "utf-8")
