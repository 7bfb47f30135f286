"""The corpus as a Hugo site: the same Markdown, front matter in Hugo's format, and a
few plain layouts (post, lists of five, tags, categories), so that `hugo server` has
about the pages to write that Pelican has."""

from __future__ import annotations

from pathlib import Path

import yaml

CONFIG = """\
baseURL = "http://127.0.0.1/"
title = "Give First"
paginate = 5
disableKinds = ["RSS"]
[permalinks]
posts = "/:slug/"
[taxonomies]
tag = "tags"
category = "categories"
"""
LAYOUTS = {
    "_default/baseof.html": (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        "<title>{{ .Title }} · {{ .Site.Title }}</title></head><body>"
        '<header><a href="{{ .Site.BaseURL }}">{{ .Site.Title }}</a></header>'
        '<main>{{ block "main" . }}{{ end }}</main></body></html>\n'
    ),
    "_default/single.html": (
        '{{ define "main" }}<article><h1>{{ .Title }}</h1>'
        '<p><time>{{ .Date.Format "2 January 2006" }}</time> · {{ .ReadingTime }} min read</p>'
        "<p>{{ .Summary }}</p>{{ .Content }}<p>Tags: {{ range .Params.tags }}"
        '<a href="{{ "tags/" | relURL }}{{ . | urlize }}/">{{ . }}</a> {{ end }}</p>'
        "</article>{{ end }}\n"
    ),
    "_default/list.html": (
        '{{ define "main" }}<h1>{{ .Title }}</h1>{{ range .Paginator.Pages }}'
        '<article><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>'
        "<p>{{ .Summary }}</p></article>{{ end }}"
        '{{ with .Paginator.Next }}<a href="{{ .URL }}">Older</a>{{ end }}{{ end }}\n'
    ),
    "_default/terms.html": (
        '{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Data.Terms.Alphabetical }}'
        '<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>'
        "{{ end }}</ul>{{ end }}\n"
    ),
    "index.html": (
        '{{ define "main" }}{{ range (.Paginate (where .Site.RegularPages "Type" "posts")).Pages }}'
        '<article><h2><a href="{{ .RelPermalink }}">{{ .Title }}</a></h2>'
        "<p>{{ .Summary }}</p></article>{{ end }}{{ end }}\n"
    ),
}


def write_hugo_site(content: Path, site: Path) -> dict[Path, Path]:
    """A Hugo site at `site` from the Pelican posts under `content/posts`; returns each
    Pelican post's path with its Hugo copy's, so an edit can be made to both alike."""
    (site / "content" / "posts").mkdir(parents=True)
    (site / "hugo.toml").write_text(CONFIG, encoding="utf-8")
    for name, text in LAYOUTS.items():
        path = site / "layouts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    copies = {}
    for post in sorted((content / "posts").glob("*.md")):
        copy = site / "content" / "posts" / post.name
        copy.write_text(hugo_post(post.read_text(encoding="utf-8")), encoding="utf-8")
        copies[post] = copy
    return copies


def hugo_post(pelican_text: str) -> str:
    """Pelican's `Key: value` header as YAML front matter; the Markdown unchanged."""
    header, _, body = pelican_text.partition("\n\n")
    meta = dict(line.split(": ", 1) for line in header.splitlines())
    front = {
        "title": meta["Title"],
        "date": meta["Date"].replace(" ", "T") + ":00",
        "slug": meta["Slug"],
        "summary": meta["Summary"],
        "categories": [meta["Category"]],
        "tags": [tag.strip() for tag in meta["Tags"].split(",")],
    }
    return "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n\n" + body
