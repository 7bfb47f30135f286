"""The blogroll list: validation with precise errors, the shipped list, OPML import."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pelican.plugins.blogroll.config import BlogrollConfigError, blog_key, load_blogs
from pelican.plugins.blogroll.opml import OpmlError, import_opml, read_outlines

from tests.support import ROOT

SHIPPED = ROOT / "content" / "blogroll.yml"


def write(tmp_path: Path, text: str, name: str = "blogroll.yml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems_in(path: Path) -> list[str]:
    with pytest.raises(BlogrollConfigError) as raised:
        load_blogs(path)
    return raised.value.problems


def test_reads_every_field(tmp_path):
    path = write(
        tmp_path,
        "blogs:\n"
        "  - name: '  Example   Blog '\n"
        "    url: https://example.org/blog/\n"
        "    feed: https://example.org/feed.xml\n"
        "    tags: [careers, community, careers]\n"
        "    why: One line\n      on two.\n"
        "  - name: Minimal\n"
        "    url: http://minimal.example/\n",
    )
    first, second = load_blogs(path)
    assert (first.name, first.feed, first.tags, first.why) == (
        "Example Blog",
        "https://example.org/feed.xml",
        ("careers", "community"),
        "One line on two.",
    )
    assert first.key == "example-org-blog"
    assert (second.feed, second.tags, second.why) == (None, (), "")


@pytest.mark.parametrize(
    ("fields", "line", "expected"),
    [
        ("url: https://a.example/", 6, "blog 2: field `name` is required"),
        ("name: A", 6, "blog 2 ('A'): field `url` is required"),
        ("name: A|url: ftp://a.example/", 7, "field `url` must be a full http(s) address"),
        ("name: A|url: a.example", 7, "not 'a.example'"),
        ("name: A|url: https://a.example:99999/", 7, "field `url` must be a full http(s)"),
        ("name: A|url: https://a.example/|feed: javascript:x", 8, "`feed` must be a full http(s)"),
        ("name: A|url: https://a.example/|tags: careers", 8, "field `tags` must be a list"),
        ("name: A|url: https://a.example/|why: [1]", 8, "field `why` must be one line"),
        ("name: A|url: https://a.example/|feeds: x", 8, "unknown field(s) feeds; allowed:"),
        ("name: 42|url: https://a.example/", 6, "field `name` must be text"),
        ("name: A|name: B|url: https://a.example/", 7, "blog 2: field `name` given twice"),
    ],
)
def test_each_problem_names_file_line_blog_and_field(tmp_path, fields, line, expected):
    item = "".join(f"    {field}\n" for field in fields.split("|"))
    text = "# list\nblogs:\n  - name: Fine\n    url: https://fine.example/\n  -\n" + item
    (problem,) = problems_in(write(tmp_path, text))
    assert problem.startswith(f"{tmp_path / 'blogroll.yml'}:{line}: blog 2"), problem
    assert expected in problem


def test_reports_every_problem_at_once(tmp_path):
    path = write(
        tmp_path,
        "blogs:\n  - name: A\n  - url: https://b.example/\n  - name: C\n    url: nope\n",
    )
    assert [p.split(": ", 1)[0] for p in problems_in(path)] == [
        f"{path}:2",
        f"{path}:3",
        f"{path}:5",
    ]


@pytest.mark.parametrize(
    ("second", "same"),
    [
        ("name: Other\n    url: https://www.a.example/", "site address"),
        ("name: a\n    url: https://other.example/", "name"),
        ("name: Other\n    url: https://other.example/\n    feed: https://a.example/feed", "feed"),
    ],
)
def test_refuses_the_same_blog_twice(tmp_path, second, same):
    path = write(
        tmp_path,
        "blogs:\n  - name: A\n    url: https://a.example/\n    feed: https://a.example/feed\n"
        f"  - {second}\n",
    )
    (problem,) = problems_in(path)
    assert f"{path}:5: blog 2" in problem
    assert f"has the same {same} as blog 1 ('A')" in problem


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("blogs:\n  - name: A\n    why: a: b\n", ":3: not valid YAML"),
        ("- name: A\n", ":1: expected a mapping with `blogs:`"),
        ("blog:\n  - name: A\n", "unknown top-level key(s) blog"),
        ("blogs: https://a.example/\n", ":1: `blogs:` must be a list"),
        ("", "expected a mapping"),
        ("blogs:\n  - name: A\nblogs:\n  - name: B\n", ":3: `blogs:` given twice"),
    ],
)
def test_file_level_problems(tmp_path, text, expected):
    path = write(tmp_path, text)
    (problem,) = problems_in(path)
    assert problem.startswith(str(path)) and expected in problem


def test_empty_list_is_allowed(tmp_path):
    assert load_blogs(write(tmp_path, "blogs:\n")) == []


def test_blog_keys_are_stable_slugs():
    assert blog_key("https://www.Example.org/Blog/") == "example-org-blog"
    assert blog_key("https://world.hey.com/jason") == "world-hey-com-jason"
    assert blog_key("http://127.0.0.1:8080/site/") == "127-0-0-1-8080-site"


def test_shipped_list_has_ten_real_blogs_with_reasons():
    blogs = load_blogs(SHIPPED)
    assert len(blogs) >= 10
    assert all(blog.why and blog.tags for blog in blogs)
    assert all(blog.url.startswith(("https://", "http://")) for blog in blogs)
    assert len({blog.key for blog in blogs}) == len(blogs)


# --- OPML import ----------------------------------------------------------------------

OPML = """<?xml version="1.0" encoding="utf-8"?>
<opml version="2.0">
  <head><title>My reader</title></head>
  <body>
    <outline text="Careers">
      <outline text="Career Blog" type="rss" xmlUrl="https://career.example/feed"
               htmlUrl="https://career.example/" description="Good on interviews."
               category="/jobs/advice,hiring"/>
      <outline text="Broken" type="rss" xmlUrl="ftp://broken.example/feed"/>
    </outline>
    <outline title="No Site" type="rss" xmlUrl="https://nosite.example/feeds/all.xml"/>
    <outline text="Already Here" type="rss" xmlUrl="https://a.example/feed"
             htmlUrl="https://a.example/"/>
  </body>
</opml>
"""


def test_reads_outlines_with_folders_as_tags(tmp_path):
    outlines = read_outlines(write(tmp_path, OPML, "subs.opml"))
    career = outlines[0].as_item()
    assert career == {
        "name": "Career Blog",
        "url": "https://career.example/",
        "feed": "https://career.example/feed",
        "tags": ["careers", "jobs", "advice", "hiring"],
        "why": "Good on interviews.",
    }
    assert outlines[0].line == 6
    assert outlines[2].as_item()["url"] == "https://nosite.example/"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<opml><body><outline", ":1: not well-formed XML"),
        ("<rss><channel/></rss>", "not an OPML file"),
        (
            '<?xml version="1.0"?>\n<!DOCTYPE opml [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
            "<opml><body/></opml>",
            ":2: OPML with a DOCTYPE is refused",
        ),
    ],
)
def test_bad_opml_is_refused_with_its_line(tmp_path, text, expected):
    with pytest.raises(OpmlError, match=expected):
        read_outlines(write(tmp_path, text, "bad.opml"))


def test_import_appends_new_blogs_and_keeps_comments(tmp_path):
    blogroll = write(
        tmp_path,
        "# Our list, with a comment worth keeping.\nblogs:\n"
        "    - name: A\n      url: https://a.example/\n      feed: https://a.example/feed\n",
    )
    opml = write(tmp_path, OPML, "subs.opml")
    report = import_opml(opml, blogroll)
    assert [blog.name for blog in report.added] == ["Career Blog", "No Site"]
    assert report.already_listed == ["Already Here"]
    (skipped,) = report.skipped
    assert skipped.startswith(f"{opml}:9: outline 2 ('Broken')")
    text = blogroll.read_text(encoding="utf-8")
    assert text.startswith("# Our list, with a comment worth keeping.\n")
    assert [blog.name for blog in load_blogs(blogroll)] == ["A", "Career Blog", "No Site"]
    again = import_opml(opml, blogroll)
    assert again.added == [] and len(again.already_listed) == 3
    assert blogroll.read_text(encoding="utf-8") == text


def test_import_creates_the_list_when_missing(tmp_path):
    blogroll = tmp_path / "blogroll.yml"
    import_opml(write(tmp_path, OPML, "subs.opml"), blogroll)
    assert len(load_blogs(blogroll)) == 3


def test_import_refuses_when_the_list_is_not_last(tmp_path):
    blogroll = write(tmp_path, "blogs:\n  - name: A\n    url: https://a.example/\nextra: 1\n")
    with pytest.raises(BlogrollConfigError):
        import_opml(write(tmp_path, OPML, "subs.opml"), blogroll)
    assert "Career" not in blogroll.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["blogroll.yml", "subs.opml"]


def test_import_command(tmp_path):
    blogroll = write(tmp_path, "blogs:\n")
    settings = write(tmp_path, f"PATH = {str(tmp_path)!r}\n", "conf.py")
    opml = write(tmp_path, OPML, "s.opml")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pelican.plugins.blogroll",
            "import-opml",
            str(opml),
            "--settings",
            str(settings),
        ],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "3 added" in result.stdout and "1 skipped" in result.stdout
    assert len(load_blogs(blogroll)) == 3
