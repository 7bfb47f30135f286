"""settled_urls: every post and page keeps the URL Pelican gives it, worked out once."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from pelican.contents import Article, Content, Page, Static
from pelican.generators import ArticlesGenerator, PagesGenerator, StaticGenerator
from pelican.plugins.settled_urls import settle_urls
from pelican.settings import DEFAULT_CONFIG, read_settings

from tests.support import ROOT, build_site

DATE = datetime.datetime(2026, 3, 4)


@pytest.fixture
def settings(tmp_path):
    return read_settings(
        str(ROOT / "pelicanconf.py"),
        override={
            "PATH": str(tmp_path),
            "PLUGINS": [],
            "DEFAULT_LANG": "en",
            "ARTICLE_LANG_URL": "{lang}/{slug}/",
            "ARTICLE_LANG_SAVE_AS": "{lang}/{slug}/index.html",
            "DRAFT_URL": "drafts/{slug}/",
            "DRAFT_SAVE_AS": "drafts/{slug}/index.html",
        },
    )


def generator(kind, settings, **lists):
    made = kind(
        context={**DEFAULT_CONFIG, **settings},
        settings=settings,
        path=settings["PATH"],
        theme=str(ROOT / "theme"),
        output_path=str(Path(settings["PATH"]) / "output"),
    )
    for name, contents in lists.items():
        setattr(made, name, contents)
    return made


def post(settings, slug, **metadata) -> Article:
    return Article(
        "<p>Text</p>",
        metadata={"title": slug.title(), "slug": slug, "date": DATE, **metadata},
        settings=settings,
        source_path=str(Path(settings["PATH"]) / f"{slug}.md"),
    )


@pytest.fixture
def formats(monkeypatch) -> list[str]:
    """The source path of each content whose URL Pelican works out from its settings."""
    worked_out: list[str] = []
    original = Content.url_format

    def counting(self):
        worked_out.append(self.source_path)
        return original.fget(self)

    monkeypatch.setattr(Content, "url_format", property(counting))
    return worked_out


def test_every_kind_of_post_and_page_keeps_its_url_worked_out_once(settings, formats):
    published = post(settings, "first")
    own_url = post(settings, "moved", url="elsewhere/moved.html", save_as="elsewhere/moved.html")
    translation = post(settings, "first", lang="fr")
    hidden = post(settings, "hidden", status="hidden")
    draft = post(settings, "draft", status="draft")
    page = Page(
        "<p>About</p>",
        metadata={"title": "About", "slug": "about"},
        settings=settings,
        source_path=str(Path(settings["PATH"]) / "pages" / "about.md"),
    )
    contents = [published, own_url, translation, hidden, draft, page]
    before = [(content.url, content.save_as) for content in contents]

    settle_urls(
        [
            generator(
                ArticlesGenerator,
                settings,
                articles=[published, own_url],
                translations=[translation],
                hidden_articles=[hidden],
                drafts=[draft],
            ),
            generator(PagesGenerator, settings, pages=[page]),
        ]
    )

    formats.clear()
    assert [(content.url, content.save_as) for content in contents] == before
    assert formats == []
    assert before == [
        ("first/", "first/index.html"),
        ("elsewhere/moved.html", "elsewhere/moved.html"),
        ("fr/first/", "fr/first/index.html"),
        ("hidden/", "hidden/index.html"),
        ("drafts/draft/", "drafts/draft/index.html"),
        ("about/", "about/index.html"),
    ]


def test_once_settled_a_url_is_read_without_being_worked_out_again(settings, formats):
    posts = [post(settings, slug) for slug in ("one", "two", "three")]
    settle_urls([generator(ArticlesGenerator, settings, articles=posts)])
    assert len(formats) == 6, "each post's URL and path, once"

    for _ in range(20):
        urls = [(one.url, one.save_as) for one in posts]

    assert urls == [(f"{slug}/", f"{slug}/index.html") for slug in ("one", "two", "three")]
    assert len(formats) == 6


def test_static_files_are_left_to_move_with_attach_links(settings):
    """An `{attach}` link moves a file while pages are written: its URL must stay live."""
    image = Static(
        "",
        metadata={"title": "photo"},
        settings=settings,
        source_path=str(Path(settings["PATH"]) / "images" / "photo.png"),
    )
    statics = generator(StaticGenerator, settings, staticfiles=[image])

    settle_urls([statics])

    assert not hasattr(image, "override_url")
    image.attach_to(post(settings, "first"))
    assert image.url == "first/images/photo.png"


def test_the_real_site_is_the_same_with_settled_urls(tmp_path):
    """Every file of the real site, built with all our plugins and again without this
    one, is byte for byte the same."""
    with_plugin = tmp_path / "with"
    without = tmp_path / "without"
    build_site(with_plugin, siteurl="http://127.0.0.1:8000")
    build_site(
        without,
        siteurl="http://127.0.0.1:8000",
        extra_settings={
            "PLUGINS": [
                name
                for name in read_settings(str(ROOT / "pelicanconf.py"))["PLUGINS"]
                if name != "pelican.plugins.settled_urls"
            ]
        },
    )

    files = {
        build: {
            path.relative_to(folder): path.read_bytes()
            for path in folder.rglob("*")
            if path.is_file()
        }
        for build, folder in (("with", with_plugin), ("without", without))
    }
    assert len(files["with"]) > 50
    assert files["with"].keys() == files["without"].keys()
    assert files["with"] == files["without"]
