"""The 23 endpoint discovery tests of webmention.rocks, each reproduced on a local server.

Each test page advertises its endpoint the way webmention.rocks/test/N does (HTTP Link
headers, `<link>` and `<a>` tags, comments, escaped HTML, redirects) and answers a
POST only at the right endpoint; the wrong endpoints it also advertises record what
reaches them. One built post links to all 23 pages, and `send` does the rest, exactly
as `make mentions` would: so each case checks discovery and the POST that follows.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

import pytest
from pelican.plugins.conversation.outbox import ACCEPTED
from pelican.plugins.conversation.send import send

from tests.conversation.helpers import (
    PUBLIC,
    build_public,
    in_thread,
    options_and_limits,
    write_post,
)
from tests.conversation.webserver import WebServer

LAYOUT = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Webmention Rocks!</title>
  <link href="/assets/style.css" rel="stylesheet">
  {link_tag}
</head>
<body>
<div class="post-container h-entry">
  <h1 class="p-name"><a href="/test/{number}">Discovery Test #{number}</a></h1>
  <div class="e-content">{description}</div>
  <a href="/test/{number}" class="u-url">Published</a>
</div>
</body>
</html>
"""


@dataclass(frozen=True)
class Case:
    number: int
    name: str
    headers: tuple[tuple[str, str], ...] = ()
    link_tag: str = ""
    description: str = ""
    endpoint: str = "/test/{n}/webmention"  # where the one POST must arrive
    target: str = "/test/{n}"

    @property
    def label(self) -> str:
        return f"{self.number:02d} {self.name}"


def cases(base: str, token: str) -> list[Case]:
    """webmention.rocks' discovery tests, with its address replaced by the local server's."""
    return [
        Case(1, "HTTP Link header, unquoted rel, relative URL",
             headers=(("Link", "</test/1/webmention>; rel=webmention"),)),
        Case(2, "HTTP Link header, unquoted rel, absolute URL",
             headers=(("Link", f"<{base}/test/2/webmention>; rel=webmention"),)),
        Case(3, "HTML <link> tag, relative URL",
             link_tag='<link rel="webmention" href="/test/3/webmention">'),
        Case(4, "HTML <link> tag, absolute URL",
             link_tag=f'<link href="{base}/test/4/webmention" rel="webmention">'),
        Case(5, "HTML <a> tag, relative URL",
             description='This post advertises its <a rel="webmention" '
             'href="/test/5/webmention">Webmention endpoint</a> in the body.'),
        Case(6, "HTML <a> tag, absolute URL",
             description=f'This post advertises its <a href="{base}/test/6/webmention" '
             'rel="webmention">Webmention endpoint</a> in the body.'),
        Case(7, "HTTP Link header with strange casing",
             headers=(("LinK", f"<{base}/test/7/webmention>; rel=webmention"),)),
        Case(8, "HTTP Link header, quoted rel",
             headers=(("Link", f'<{base}/test/8/webmention>; rel="webmention"'),)),
        Case(9, "Multiple rel values on a <link> tag",
             link_tag=f'<link rel="webmention somethingelse" href="{base}/test/9/webmention">'),
        Case(10, "Multiple rel values on a Link header",
             headers=(("Link", f'<{base}/test/10/webmention>; rel="webmention somethingelse"'),)),
        Case(11, "Multiple Webmention endpoints advertised: Link, <link>, <a>",
             headers=(("Link", '</test/11/webmention>; rel="webmention"'),),
             link_tag='<link rel="webmention" href="/test/11/webmention/error">',
             description='Also an <a href="/test/11/webmention/error" rel="webmention">'
             "&lt;a&gt; tag</a>; only the Link header's endpoint may get it."),
        Case(12, "Checking for exact match of rel=webmention",
             link_tag='<link rel="not-webmention" href="/test/12/webmention/error">',
             description='There is also a <a href="/test/12/webmention" rel="webmention">'
             "correct endpoint</a>."),
        Case(13, "False endpoint inside an HTML comment",
             description='An HTML comment <!-- <a href="/test/13/webmention/error" '
             'rel="webmention"></a> --> holds a false endpoint. The <a href="/test/13/'
             'webmention" rel="webmention">correct endpoint</a> follows.'),
        Case(14, "False endpoint in escaped HTML",
             description='Sample code: <code>&lt;a href="/test/14/webmention/error" '
             'rel="webmention"&gt;&lt;/a&gt;</code>. The <a href="/test/14/webmention" '
             'rel="webmention">correct endpoint</a> follows.'),
        Case(15, "Webmention href is an empty string",
             link_tag='<link rel="webmention" href="">', endpoint="/test/15"),
        Case(16, "Multiple Webmention endpoints advertised: <a>, <link>",
             description='First an <a href="/test/16/webmention" rel="webmention">&lt;a&gt; '
             'tag</a>, then <link rel="webmention" href="/test/16/webmention/error">.'),
        Case(17, "Multiple Webmention endpoints advertised: <link>, <a>",
             description='First <link rel="webmention" href="/test/17/webmention">, then an '
             '<a href="/test/17/webmention/error" rel="webmention">&lt;a&gt; tag</a>.'),
        Case(18, "Multiple HTTP Link headers",
             headers=(("Link", f'<{base}/test/18/webmention/error>; rel="other"'),
                      ("Link", f'<{base}/test/18/webmention>; rel="webmention"'))),
        Case(19, "Single HTTP Link header with multiple values",
             headers=(("Link", f'<{base}/test/19/webmention/error>; rel="other", '
                       f'<{base}/test/19/webmention>; rel="webmention"'),)),
        Case(20, "Link tag with no href attribute",
             description='A <link rel="webmention"> without href, to skip; then the <a '
             'href="/test/20/webmention" rel="webmention">endpoint</a>.'),
        Case(21, "Webmention endpoint has query string parameters",
             link_tag='<link rel="webmention" href="/test/21/webmention?query=yes">',
             endpoint="/test/21/webmention?query=yes"),
        Case(22, "Webmention endpoint is relative to the path",
             link_tag='<link rel="webmention" href="22/webmention">'),
        Case(23, "Webmention target is a redirect and the endpoint is relative",
             link_tag=f'<link rel="webmention" href="webmention-endpoint/{token}">',
             endpoint=f"/test/23/page/webmention-endpoint/{token}",
             target="/test/23/page"),
    ]  # fmt: skip


def serve(web: WebServer, case: Case, token: str) -> None:
    """The test page, its endpoint (which accepts) and its false endpoints (which record)."""
    n = case.number
    page = LAYOUT.format(
        link_tag=case.link_tag, number=n, description=case.description or f"Test #{n}."
    )
    if n == 23:  # the page itself is behind a redirect, to an address of this run
        web.redirect("/test/23/page", f"/test/23/page/{token}")
        web.page(f"/test/23/page/{token}", page)
    else:
        web.page(f"/test/{n}", page, headers=list(case.headers))
    web.receiver(case.endpoint.format(n=n).split("?")[0])
    web.receiver(f"/test/{n}/webmention/error", status=400)


@pytest.fixture(scope="module")
def rocks(tmp_path_factory):
    """All 23 pages served, one post linking to each, and one `send` of that post."""
    web = WebServer()
    token = secrets.token_hex(4)
    all_cases = cases(web.base, token)
    for case in all_cases:
        serve(web, case, token)
    folder = tmp_path_factory.mktemp("rocks")
    links = "\n".join(
        f"- [{case.name}]({web.url(case.target.format(n=case.number))})" for case in all_cases
    )
    write_post(folder / "content", "webmention-rocks", f"Replies to each test:\n\n{links}\n")
    build_public(folder / "content", folder / "output", folder / "data")
    options, limits = options_and_limits(folder / "data")
    run = in_thread(send, folder / "output", options, limits)
    yield web, all_cases, run
    web.close()


def test_the_post_links_to_all_23_test_pages(rocks):
    web, all_cases, run = rocks
    assert [job.target for job in run.jobs] == [
        web.url(case.target.format(n=case.number)) for case in all_cases
    ]
    assert {job.source for job in run.jobs} == {f"{PUBLIC}/webmention-rocks/"}


@pytest.mark.parametrize("number", range(1, 24))
def test_webmention_rocks_discovery(rocks, number):
    web, all_cases, run = rocks
    case = all_cases[number - 1]
    target = web.url(case.target.format(n=number))
    endpoint = case.endpoint.format(n=number)
    answer = next(answer for answer in run.answers if answer.target == target)
    assert (answer.result, answer.endpoint) == (ACCEPTED, web.url(endpoint)), case.label

    sent = [post for post in web.posts() if post.path == endpoint]
    assert len(sent) == 1, f"{case.label}: one POST at {endpoint}"
    assert sent[0].content_type == "application/x-www-form-urlencoded"
    # Exactly source and target in the body; a query string stays in the address (#21).
    assert sent[0].form == {"source": [f"{PUBLIC}/webmention-rocks/"], "target": [target]}
    own = [
        post.path
        for post in web.posts()
        if post.path == f"/test/{number}" or post.path.startswith(f"/test/{number}/")
    ]
    assert own == [endpoint], f"{case.label}: nothing sent to the false endpoints"
