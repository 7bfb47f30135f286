"""The share block's skeleton: the same bytes as the template rendered under each post."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jinja2 import Environment, FileSystemLoader
from pelican.plugins.share_with.block import OWN_TEMPLATE, ShareBlock, share_block
from pelican.plugins.share_with.links import PostShareLinks, ShareLinks
from pelican.plugins.share_with.settings import apply_defaults

from tests.share_with.helpers import FakeArticle, make_settings
from tests.support import build_site, parse_html

TEMPLATES = OWN_TEMPLATE.parent.parent
EVERY_PLACEHOLDER = {
    "name": "everything",
    "label": "Everything & more",
    "url": "https://all.example/?u={url}&r={raw_url}&t={title}&s={summary}&p={post}"
    "&subject={subject}&b={body}&i={image}&f={fediverse_page}&slug={slug}&{{x}}",
}
SETTINGS = {
    "default targets": {},
    "UTM tags and every placeholder": {
        "SHARE_WITH_UTM": True,
        "SHARE_WITH_EXTRA_TARGETS": [EVERY_PLACEHOLDER],
        "SHARE_WITH_TARGETS": ["native", "copy", "email", "everything", "fediverse", "x"],
    },
}
# Jinja as Pelican sets it up: no autoescaping, blocks trimmed.
ENVIRONMENT = Environment(
    loader=FileSystemLoader(str(TEMPLATES)), trim_blocks=True, lstrip_blocks=True
)
TEMPLATE = ENVIRONMENT.get_template("share_with/share_block.html")
CONTEXT = {"SITEURL": "https://givefirst.example", "THEME_STATIC_DIR": "theme"}
# Text heavy in what HTML and URLs treat specially, then anything else.
NASTY = st.sampled_from(list("<>&\"'%#?=+/ \n\t\u00a0"))
TEXT = st.text(st.one_of(NASTY, st.characters(exclude_categories=["Cs"])), max_size=60)


def site_settings(name: str) -> dict:
    values = make_settings(**SETTINGS[name])
    apply_defaults(values)
    return values


@pytest.mark.parametrize("name", SETTINGS)
@settings(max_examples=60, deadline=None)
@given(title=TEXT, summary=TEXT, note=TEXT, prompt=TEXT, slug=st.from_regex(r"[a-z0-9-]{1,30}"))
def test_the_skeleton_gives_the_templates_bytes(name, title, summary, note, prompt, slug):
    share_links = ShareLinks(site_settings(name))
    article = FakeArticle(title=title, slug=slug, summary=summary)
    if note:
        article.metadata["share_note"] = note
    article.share_links = PostShareLinks(share_links, article)
    article.share_prompt = prompt
    expected = TEMPLATE.render({**CONTEXT, "article": article})
    assert ShareBlock(TEMPLATE, CONTEXT, share_links)(article) == expected


class Generator:
    """What `share_block` asks of Pelican's articles generator."""

    def __init__(self, template_folder: Path, **overrides):
        self.settings = {**site_settings("default targets"), "RELATIVE_URLS": False, **overrides}
        self.context = dict(CONTEXT)
        loader = FileSystemLoader([str(template_folder), str(TEMPLATES)])
        self.env = Environment(loader=loader, trim_blocks=True, lstrip_blocks=True)

    def get_template(self, name: str):
        return self.env.get_template(name + ".html")


def test_a_theme_copy_relative_urls_or_a_format_spec_get_the_template_itself(tmp_path):
    share_links = ShareLinks(site_settings("default targets"))
    assert isinstance(share_block(Generator(tmp_path), share_links), ShareBlock)
    assert share_block(Generator(tmp_path, RELATIVE_URLS=True), share_links) is None
    spec = {**EVERY_PLACEHOLDER, "url": "https://x.example/?t={title!r}"}
    odd = ShareLinks(
        make_settings(SHARE_WITH_EXTRA_TARGETS=[spec], SHARE_WITH_TARGETS=["everything"])
    )
    assert share_block(Generator(tmp_path), odd) is None
    (tmp_path / "share_with").mkdir()
    (tmp_path / "share_with" / "share_block.html").write_text("{{ article.title }}")
    assert share_block(Generator(tmp_path), share_links) is None


def test_a_themes_own_share_block_is_rendered_for_each_post(tmp_path):
    """A theme's copy may use anything of a post: it is included under each post."""
    overrides = tmp_path / "templates" / "share_with"
    overrides.mkdir(parents=True)
    (overrides / "share_block.html").write_text(
        '<aside class="share-with"><p class="mine">{{ article.title }}: '
        "{{ article.share_links|length }} ways</p></aside>\n"
    )
    content = tmp_path / "content"
    content.mkdir()
    for number in (1, 2):
        (content / f"post-{number}.md").write_text(
            dedent(f"""\
                Title: Post number {number}
                Date: 2026-01-0{number} 10:00

                Body.
            """)
        )
    output = tmp_path / "output"
    build_site(
        output,
        siteurl="https://share.example",
        content=content,
        extra_settings={
            "PLUGINS": ["pelican.plugins.share_with"],
            "THEME_TEMPLATES_OVERRIDES": [str(tmp_path / "templates")],
        },
    )
    targets = len(site_settings("default targets")["SHARE_WITH_TARGETS"])
    for number in (1, 2):
        page = parse_html(output / f"post-number-{number}" / "index.html")
        assert page.select_one(".mine").text == f"Post number {number}: {targets} ways"
