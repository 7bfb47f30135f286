"""HTTP for feeds: many at once, politely, within hard limits. Bytes in, bytes out; no parsing.

Every request is bounded four ways: connect and read timeouts, a total time per
response, one deadline for the whole refresh, and a size cap applied while the
body streams in (after gzip is undone, so a compressed bomb is cut too).
Redirects are followed by hand to count them, spot loops and tell a permanent
move from a temporary one. Only `refresh` (and the conversation plugin's refresh and
Webmention sending, which share these limits) import this module; the build never does.
"""

from __future__ import annotations

import asyncio
import socket
import ssl
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import aiohttp
import certifi

from .config import is_web_url
from .settings import MIB, Limits

REDIRECTS = {301, 302, 303, 307, 308}
PERMANENT_REDIRECTS = {301, 308}
# Short on purpose: it goes out with every request, and a refresh of unchanged feeds is
# mostly request headers and 304s.
ACCEPT = "application/atom+xml,application/rss+xml,application/feed+json,*/*;q=0.8"


@dataclass
class Fetched:
    """What one request brought back (after redirects): status, validators and the body."""

    url: str
    final_url: str
    status: int | None = None
    body: bytes = b""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None
    moved_to: str | None = None
    retry_after: float | None = None
    error: str | None = None
    links: tuple[str, ...] = ()  # every Link header, in order (Webmention discovery)
    location: str = ""  # where a redirect points


class Fetcher:
    """The HTTP session shared by one refresh: `async with Fetcher(limits) as fetcher`.

    aiohttp rather than a pure-Python client: its HTTP parser and gzip are in C, so a
    request costs a fraction of a millisecond of CPU, and a refresh of hundreds of blogs
    waits on the network, not on the processor it shares with the parsers.
    """

    def __init__(
        self, limits: Limits, *, socket_factory: Callable[[tuple], socket.socket] | None = None
    ):
        """`socket_factory` sees every address before it is connected to (and may refuse it)."""
        self.limits = limits
        self._socket_factory = socket_factory
        self._slots = asyncio.Semaphore(limits.concurrency)
        self._host_slots: dict[str, asyncio.Semaphore] = {}
        self._session: aiohttp.ClientSession | None = None
        self.deadline_at = 0.0

    async def __aenter__(self) -> Fetcher:
        limits = self.limits
        # No limits in the connector: the request slots (`_slots`, `_host`) bound the
        # requests, and are taken outside the per-request timeout, so that a request
        # waiting its turn is not timed out; the connector would queue it inside.
        connector = aiohttp.TCPConnector(
            limit=0,
            limit_per_host=0,
            ssl=ssl.create_default_context(cafile=certifi.where()),
            socket_factory=self._socket_factory,
        )
        self._session = aiohttp.ClientSession(
            connector=connector,
            headers={"User-Agent": limits.user_agent, "Accept": ACCEPT},
            timeout=aiohttp.ClientTimeout(
                total=None, sock_connect=limits.connect_timeout, sock_read=limits.read_timeout
            ),
            trust_env=True,  # HTTP(S)_PROXY and NO_PROXY, as every other tool on the machine
        )
        self.deadline_at = asyncio.get_running_loop().time() + limits.deadline
        return self

    async def __aexit__(self, *exc_info) -> None:
        if self._session is not None:
            await self._session.close()

    async def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: str = ACCEPT,
    ) -> Fetched:
        """GET `url`; conditional when validators are given. Never raises for network trouble."""
        validators = {"If-None-Match": etag, "If-Modified-Since": last_modified}
        # From the cache, which a hand edit may have left unusable as a header.
        headers = {"Accept": accept} | {k: v for k, v in validators.items() if _header_safe(v)}
        try:
            async with asyncio.timeout_at(self.deadline_at):
                result = await self._follow(url, headers)
                if self._should_wait(result, asyncio.get_running_loop().time()):
                    await asyncio.sleep(result.retry_after or 0)
                    result = await self._follow(url, headers)
                return result
        except TimeoutError:
            deadline = self.limits.deadline
            return Fetched(url, url, error=f"refresh deadline reached ({deadline:g} s)")

    async def post(self, url: str, form: Mapping[str, str]) -> Fetched:
        """POST `form` once, urlencoded, following no redirect: how a Webmention is sent."""
        try:
            async with asyncio.timeout_at(self.deadline_at):
                return await self._request(url, {}, form)
        except TimeoutError:
            return Fetched(url, url, error=f"deadline reached ({self.limits.deadline:g} s)")

    def _should_wait(self, result: Fetched, now: float) -> bool:
        """Honour a short Retry-After once, within this run; longer ones wait for the next."""
        wait = result.retry_after
        return (
            result.status in {429, 503}
            and wait is not None
            and wait <= self.limits.retry_after_wait
            and now + wait < self.deadline_at
        )

    async def _follow(self, url: str, headers: dict[str, str]) -> Fetched:
        visited = [url]
        moved_to = None
        still_permanent = True
        for _ in range(self.limits.max_redirects + 1):
            hop = replace(await self._request(visited[-1], headers), url=url, moved_to=moved_to)
            if hop.error or hop.status not in REDIRECTS:
                return hop
            location = hop.location.strip()
            target = _redirect_target(hop.final_url, location)
            if not is_web_url(target):
                return replace(
                    hop, error=f"HTTP {hop.status} redirect to an unusable address {location!r}"
                )
            if target in visited:
                return replace(hop, error="redirect loop: " + " → ".join([*visited, target]))
            still_permanent = still_permanent and hop.status in PERMANENT_REDIRECTS
            if still_permanent:
                moved_to = target
            visited.append(target)
        return Fetched(
            url,
            visited[-1],
            moved_to=moved_to,
            error=f"more than {self.limits.max_redirects} redirects: " + " → ".join(visited),
        )

    async def _request(
        self, url: str, headers: dict[str, str], form: Mapping[str, str] | None = None
    ) -> Fetched:
        limits = self.limits
        assert self._session is not None, "use Fetcher as `async with Fetcher(limits)`"
        method = "GET" if form is None else "POST"
        try:
            async with self._host(url), self._slots:
                async with asyncio.timeout(limits.request_timeout):
                    async with self._session.request(
                        method, url, headers=headers, data=form, allow_redirects=False
                    ) as response:
                        body, error = b"", None
                        if response.status == 200:
                            body, error = await self._read_capped(response)
                        return self._answer(url, response, body, error)
        except aiohttp.ConnectionTimeoutError:
            error = f"could not connect within {limits.connect_timeout:g} s"
        except aiohttp.SocketTimeoutError:
            error = f"the server went silent for {limits.read_timeout:g} s"
        except TimeoutError:
            error = f"no complete answer within {limits.request_timeout:g} s"
        except aiohttp.ClientConnectorError as problem:
            error = f"could not connect: {problem}"
        except aiohttp.ClientPayloadError as problem:
            error = _payload_error(problem)
        except (aiohttp.ServerDisconnectedError, aiohttp.ClientResponseError) as problem:
            error = f"broken HTTP response: {_message(problem)}"
        except aiohttp.InvalidURL as problem:
            error = f"unusable address: {problem}"
        except aiohttp.ClientError as problem:
            error = f"{type(problem).__name__}: {problem}"
        return Fetched(url, url, error=error)

    def _answer(
        self, url: str, response: aiohttp.ClientResponse, body: bytes, error: str | None
    ) -> Fetched:
        headers = response.headers
        # Validators only if they can be sent back as headers.
        return Fetched(
            url=url,
            final_url=url,
            status=response.status,
            body=body,
            content_type=headers.get("content-type", ""),
            etag=_header_safe(headers.get("etag")),
            last_modified=_header_safe(headers.get("last-modified")),
            retry_after=retry_after_seconds(
                headers.get("retry-after"), self.limits.retry_after_max
            ),
            error=error,
            links=tuple(headers.getall("link", ())),
            location=headers.get("location", ""),
        )

    def _host(self, url: str) -> asyncio.Semaphore:
        """At most `per_host` requests at a time to one server (scheme, host and port)."""
        return self._host_slots.setdefault(_origin(url), asyncio.Semaphore(self.limits.per_host))

    async def _read_capped(self, response: aiohttp.ClientResponse) -> tuple[bytes, str | None]:
        """The body, gzip undone as it streams in (in bounded pieces), cut at the size cap."""
        cap = self.limits.max_bytes
        too_large = f"response larger than {_size(cap)} (BLOGROLL_MAX_BYTES): stopped reading"
        if (response.content_length or 0) > cap:
            return b"", too_large
        chunks, size = [], 0
        async for chunk in response.content.iter_any():
            size += len(chunk)
            if size > cap:
                return b"", too_large
            chunks.append(chunk)
        return b"".join(chunks), None


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.lower()}"


def _redirect_target(current: str, location: str) -> str:
    """Where a Location header points, or "" when it is no address at all."""
    try:
        return urljoin(current, location) if location else ""
    except ValueError:  # e.g. an unclosed IPv6 bracket
        return ""


def _payload_error(problem: aiohttp.ClientPayloadError) -> str:
    if isinstance(problem.__cause__, aiohttp.http_exceptions.ContentEncodingError):
        return "the compressed response could not be decoded"
    return f"broken HTTP response: {_message(problem.__cause__ or problem)}"


def _message(problem: BaseException) -> str:
    """aiohttp's own words for what broke, on one short line (they fit in a report table)."""
    text = getattr(problem, "message", "") or str(problem) or type(problem).__name__
    return " ".join(str(text).split())[:200]


def retry_after_seconds(
    value: str | None, longest: float, now: datetime | None = None
) -> float | None:
    """Retry-After as seconds from now, at most `longest`: a number of seconds or an HTTP
    date. None for anything else; never an exception, whatever the server sent."""
    value = (value or "").strip()
    try:
        if value.isascii() and value.isdigit():
            return float(min(int(value), longest))  # int: too many digits raise ValueError
        when = parsedate_to_datetime(value)
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        seconds = (when - (now or datetime.now(UTC))).total_seconds()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return min(max(0.0, seconds), longest)


def _header_safe(value: str | None) -> str | None:
    """`value` if it can be sent back as a header (an ETag, a Last-Modified), else None."""
    safe = value and len(value) <= 1024 and value.isascii() and value.isprintable()
    return value if safe else None


def _size(count: int) -> str:
    for unit, size in (("MiB", MIB), ("KiB", 1024)):
        if count >= size:
            return f"{count / size:.4g} {unit}"
    return f"{count} bytes"
