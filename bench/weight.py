"""What a reader downloads for one post: its HTML plus the CSS and JS it references."""

from __future__ import annotations

import gzip
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

from bench.measure import BenchError

SHARE_SCRIPT_MARK = "share_with/"


@dataclass(frozen=True)
class PageWeight:
    page: str
    html: int
    parts: dict[str, int]
    assets: dict[str, int]
    share_script: str
    share_script_gzip: int

    @property
    def total(self) -> int:
        return self.html + sum(self.assets.values())


def heaviest_post(output: Path, slugs: list[str], siteurl: str) -> PageWeight:
    """The weight of the largest post page: the target holds for every post if it holds here."""
    pages = [output / slug / "index.html" for slug in slugs]
    missing = [page for page in pages if not page.is_file()]
    if missing:
        raise BenchError(f"{missing[0]}: post page missing from the build output")
    return page_weight(max(pages, key=lambda page: page.stat().st_size), output, siteurl)


def page_weight(page: Path, output: Path, siteurl: str) -> PageWeight:
    soup = BeautifulSoup(page.read_bytes(), "lxml")
    urls = [link["href"] for link in soup.select('link[rel~="stylesheet"][href]')]
    urls += [script["src"] for script in soup.select("script[src]")]
    assets = {url: _local_file(url, output, siteurl, page).stat().st_size for url in urls}
    share_scripts = [url for url in urls if SHARE_SCRIPT_MARK in url and url.endswith(".js")]
    if not share_scripts:
        raise BenchError(f"{page}: no share_with script referenced; is the plugin on?")
    script = _local_file(share_scripts[0], output, siteurl, page)
    return PageWeight(
        page=str(page.relative_to(output)),
        html=page.stat().st_size,
        parts=html_parts(soup),
        assets=assets,
        share_script=share_scripts[0],
        share_script_gzip=len(gzip.compress(script.read_bytes(), compresslevel=9)),
    )


def html_parts(soup: BeautifulSoup) -> dict[str, int]:
    """Approximate bytes of `<head>` and of each block in `<main>`: who owns the weight."""
    parts = {"head": _size(soup.head)} if soup.head else {}
    main = soup.find("main")
    for block in main.find_all(recursive=False) if main else []:
        label = "main > " + ".".join([block.name, *block.get("class", [])])
        parts[label] = parts.get(label, 0) + _size(block)
    svgs = soup.find_all("svg")
    parts[f"svg (all {len(svgs)} inline, anywhere)"] = sum(map(_size, svgs))
    return parts


def _size(element) -> int:
    return len(str(element).encode())


def _local_file(url: str, output: Path, siteurl: str, page: Path) -> Path:
    """The built file a reference on `page` resolves to; it must be on our own site."""
    site = urlsplit(siteurl)
    page_url = f"{siteurl.rstrip('/')}/{page.relative_to(output).as_posix()}"
    parts = urlsplit(urljoin(page_url, url))
    if parts.netloc != site.netloc:
        raise BenchError(f"{page}: references {url} on another host")
    path = output / parts.path.removeprefix(site.path).lstrip("/")
    if not path.is_file():
        raise BenchError(f"{page}: references {url}, which is not in {output}")
    return path
