"""Send Webmentions for the published site: plan, discover, POST, remember.

Every request goes through the blogroll's HTTP client, with its limits (timeouts, size
cap, requests per server), and, unless WEBMENTION_ALLOW_PRIVATE, only to public
addresses. Each target's page is fetched once per run however many posts link to it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, replace
from http import HTTPStatus
from pathlib import Path
from urllib.parse import urlsplit

from pelican.plugins.blogroll.fetch import Fetched, Fetcher
from pelican.plugins.blogroll.sanitize import TITLE_CHARACTERS, plain_text
from pelican.plugins.blogroll.settings import Limits

from . import discover, store
from .addresses import public_socket, refusal
from .links import NotPublished, Post, published_posts
from .microformats import page_title
from .outbox import ACCEPTED, FAILED, NO_ENDPOINT, REFUSED, Answer, Job, plan, record
from .settings import ConversationSettings

TRY_AGAIN = {408, 425, 429}  # 4xx answers that mean "later", not "no"
# A target is a page: ask for its HTML, where endpoints are, not the feed the blogroll wants.
HTML = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"


@dataclass
class Run:
    """What one `send` did: the posts read, the jobs planned and, unless a dry run, their
    answers."""

    posts: list[Post]
    jobs: list[Job]
    answers: list[Answer]


def send(
    output: Path,
    options: ConversationSettings,
    limits: Limits,
    *,
    dry_run: bool = False,
    on_done: Callable[[Answer], None] | None = None,
) -> Run:
    """Send what the published site in `output` owes; raises NotPublished for a preview."""
    if not options.allow_private and not _public_site(options.siteurl):
        raise NotPublished(
            f"SITEURL is {options.siteurl or 'not set'}, not a public address: Webmentions "
            "are sent only from the public site (publishconf.py, or SITEURL=https://...)"
        )
    posts = published_posts(output, options.siteurl)
    sent = store.read(options.data_path, store.SENT).get("posts", {})
    jobs = plan(posts, sent)
    if dry_run or not jobs:
        return Run(posts, jobs, [])
    replies_to = {target for post in posts for target in post.replies_to}
    answers = asyncio.run(_send_all(jobs, limits, options.allow_private, replies_to, on_done))
    store.write(options.data_path, store.SENT, {"posts": record(posts, sent, answers)})
    titles = store.read(options.data_path, store.CONTEXTS).get("titles", {})
    titles |= {answer.target: answer.title for answer in answers if answer.title}
    store.write(options.data_path, store.CONTEXTS, {"titles": titles})
    return Run(posts, jobs, answers)


def _public_site(siteurl: str) -> bool:
    return bool(urlsplit(siteurl).hostname) and refusal(siteurl) is None


async def _send_all(
    jobs: list[Job],
    limits: Limits,
    allow_private: bool,
    replies_to: set[str],
    on_done: Callable[[Answer], None] | None,
) -> list[Answer]:
    factory = None if allow_private else public_socket
    async with Fetcher(limits, socket_factory=factory) as fetcher:
        pages: dict[str, asyncio.Task[Fetched]] = {}

        async def one(job: Job) -> Answer:
            refused = None if allow_private else refusal(job.target)
            if refused:
                return _done(Answer(job.source, job.target, REFUSED, refused), on_done)
            if job.target not in pages:
                pages[job.target] = asyncio.ensure_future(fetcher.get(job.target, accept=HTML))
            answer = await _notify(fetcher, job, await pages[job.target], allow_private)
            if job.target in replies_to:
                answer = _with_title(answer, pages[job.target].result())
            return _done(answer, on_done)

        return await asyncio.gather(*(one(job) for job in jobs))


def _done(answer: Answer, on_done: Callable[[Answer], None] | None) -> Answer:
    if on_done:
        on_done(answer)
    return answer


async def _notify(fetcher: Fetcher, job: Job, page: Fetched, allow_private: bool) -> Answer:
    """Find the endpoint in `page` (the target, fetched) and send `job` to it."""
    found = discover.endpoint(page.final_url, page.links, page.body, page.content_type)
    refused = None if found is None or allow_private else refusal(found)
    if refused:
        return Answer(job.source, job.target, REFUSED, f"its endpoint {found}: {refused}")
    if found is None:
        if page.error:
            return Answer(job.source, job.target, FAILED, page.error)
        if page.status != 200:
            result = FAILED if _try_again(page.status) else NO_ENDPOINT
            return Answer(job.source, job.target, result, f"the target answered {_http(page)}")
        return Answer(job.source, job.target, NO_ENDPOINT, "the target advertises no endpoint")
    answer = await fetcher.post(found, {"source": job.source, "target": job.target})
    if answer.error:
        return Answer(job.source, job.target, FAILED, answer.error, found)
    status = answer.status or 0
    if 200 <= status < 300:
        return Answer(job.source, job.target, ACCEPTED, _http(answer), found)
    result = FAILED if _try_again(status) else REFUSED
    return Answer(job.source, job.target, result, _http(answer), found)


def _with_title(answer: Answer, page: Fetched) -> Answer:
    if page.status != 200 or not page.body:
        return answer
    title = plain_text(page_title(page.body), is_html=False, limit=TITLE_CHARACTERS)
    return replace(answer, title=title)


def _try_again(status: int | None) -> bool:
    return status is None or status >= 500 or status in TRY_AGAIN


def _http(fetched: Fetched) -> str:
    try:
        phrase = HTTPStatus(fetched.status).phrase
    except ValueError:
        phrase = ""
    return f"HTTP {fetched.status} {phrase}".rstrip()
