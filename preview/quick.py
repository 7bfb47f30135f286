"""The fast path: one saved post or page on screen in a fraction of a second.

A full build of thousands of posts works out the whole site again before it writes a
page. Here the saved file alone is re-read with the last build's readers; the
per-post plugin work (reading time, share links, social image, settled URL) is done by
sending Pelican's own signals for a generator that holds only that post; and its page
is rendered with the last build's templates and context. What only a whole build works
out (which reading lists hold the post, say) is carried over from the post's previous
version. The full build that follows puts everything right, pages that list the post
included.
"""

from __future__ import annotations

import copy
import logging
import posixpath
from dataclasses import dataclass, field
from pathlib import Path

from pelican.contents import Article, Content, Page, SkipStub
from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.plugins import signals

from preview.build import Site
from preview.writer import PreviewWriter

logger = logging.getLogger(__name__)

# Which of a generator's lists holds a content of each status.
ARTICLE_LISTS = {"published": "articles", "hidden": "hidden_articles", "draft": "drafts"}
PAGE_LISTS = {"published": "pages", "hidden": "hidden_pages", "draft": "draft_pages"}


@dataclass
class Rewritten:
    """The page written for one source file, and where it was before if it moved."""

    url: str
    old_url: str | None
    changed: set[Path] = field(default_factory=set)


def owner(site: Site, relative: str) -> ArticlesGenerator | PagesGenerator | None:
    """The generator that reads `relative` (a path under PATH), as a full build would."""
    for generator in site.generators:
        if isinstance(generator, ArticlesGenerator):
            paths, exclude = "ARTICLE_PATHS", "ARTICLE_EXCLUDES"
        elif isinstance(generator, PagesGenerator):
            paths, exclude = "PAGE_PATHS", "PAGE_EXCLUDES"
        else:
            continue
        settings = generator.settings
        found = generator.get_files(settings[paths], exclude=settings[exclude])
        if relative in {posixpath.normpath(path) for path in found}:  # "./a.md" is "a.md"
            return generator
    return None


def rewrite(site: Site, relative: str) -> Rewritten | None:
    """Re-read `relative` and write its page; None when only a full build can show it
    (not a post or page, a translation, or skipped). Pelican's errors propagate."""
    generator = owner(site, relative)
    if generator is None:
        return None
    is_article = isinstance(generator, ArticlesGenerator)
    lists = ARTICLE_LISTS if is_article else PAGE_LISTS
    old = site.context["generated_content"].get(relative)
    if old is not None and not any(old in getattr(generator, name) for name in lists.values()):
        return None  # a translation: its place depends on the others
    try:
        new = read(generator, relative, is_article)
    except Exception:
        logger.exception("Could not process %s", relative)  # as the generator says it
        raise
    if isinstance(new, SkipStub) or not new.is_valid() or new.status not in lists:
        return None
    work_out_alone(generator, new, lists[new.status], is_article)
    if old is not None:
        carry_over(old, new)
    replace(site, generator, relative, old, new)
    writer = PreviewWriter(site.settings["OUTPUT_PATH"], site.settings)
    write_page(generator, writer, new, is_article)
    writer.flush()
    return Rewritten(new.url, old.url if old is not None else None, writer.changed)


def read(generator, relative: str, is_article: bool) -> Content:
    if is_article:
        kind, preread, context = Article, "article_generator_preread", "article_generator_context"
    else:
        kind, preread, context = Page, "page_generator_preread", "page_generator_context"
    return generator.readers.read_file(
        base_path=generator.path,
        path=relative,
        content_class=kind,
        context=generator.context,
        preread_signal=getattr(signals, preread),
        preread_sender=generator,
        context_signal=getattr(signals, context),
        context_sender=generator,
    )


def work_out_alone(generator, content: Content, list_name: str, is_article: bool) -> None:
    """Send the signals a build sends once its contents are read, for a copy of
    `generator` that holds `content` alone, so that plugins do their per-post work on
    it and on nothing else."""
    alone = copy.copy(generator)
    for name, value in vars(generator).items():
        if isinstance(value, list) and any(isinstance(item, Content) for item in value):
            setattr(alone, name, [])
    setattr(alone, list_name, [content])
    if is_article:
        signals.article_generator_pretaxonomy.send(alone)
        signals.article_generator_finalized.send(alone)
    else:
        signals.page_generator_finalized.send(alone)
    signals.all_generators_finalized.send([alone])
    content.refresh_metadata_intersite_links()


def carry_over(old: Content, new: Content) -> None:
    """What whole-site work gave the previous version (its reading lists, say), unless
    it came from metadata the author has since removed (or a date derived from it)."""
    from_metadata = {key.lower() for key in old.metadata}
    for name, value in vars(old).items():
        if name in from_metadata or name.startswith("locale_") or hasattr(new, name):
            continue
        setattr(new, name, value)


def replace(site: Site, generator, relative: str, old: Content | None, new: Content) -> None:
    """Put `new` where `old` was, so links to it and the next fast path find it."""
    site.context["generated_content"][relative] = new
    if old is None:
        return
    for value in vars(generator).values():
        if isinstance(value, list):
            value[:] = [new if item is old else item for item in value]


def write_page(generator, writer: PreviewWriter, content: Content, is_article: bool) -> None:
    """The call the generator makes for this content in a full build."""
    settings = generator.settings
    template = generator.get_template(content.template)
    common = {
        "override_output": hasattr(content, "override_save_as"),
        "url": content.url,
        "relative_urls": settings["RELATIVE_URLS"],
    }
    if not is_article:
        signals.page_generator_write_page.send(generator, content=content)
        writer.write_file(content.save_as, template, generator.context, page=content, **common)
    elif content.status == "draft":
        writer.write_file(
            content.save_as,
            template,
            generator.context,
            article=content,
            category=content.category,
            blog=True,
            all_articles=generator.articles,
            **common,
        )
    else:
        signals.article_generator_write_article.send(generator, content=content)
        writer.write_file(
            content.save_as,
            template,
            generator.context,
            article=content,
            category=getattr(content, "category", None),
            blog=True,
            **common,
        )
