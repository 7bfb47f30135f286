"""HTTP for feeds: many at once, politely, within hard limits. Bytes in, bytes out; no parsing.

Every request is bounded four ways: connect and read timeouts, a total time per
response, one deadline for the whole refresh, and a size cap applied while the
body streams in (after gzip is undone, so a compressed bomb is cut too).
Redirects are followed by hand to count them, spot loops and tell a permanent
move from a temporary one. Only `refresh` imports this module; the build never does.
"""

from __future__ import annotations

import asyncio
import contextlib
import ssl
from collections.abc import AsyncIterator
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import certifi
import httpx

from .config import is_web_url
from .settings import MIB, BlogrollSettings

REDIRECTS = {301, 302, 303, 307, 308}
PERMANENT_REDIRECTS = {301, 308}
# Short on purpose: it goes out with every request, and a refresh of unchanged feeds is
# mostly request headers and 304s.
ACCEPT = "application/atom+xml,application/rss+xml,application/feed+json,*/*;q=0.8"


@dataclass(frozen=True)
class Limits:
    """How much one refresh may ask of the network and of each server (the defaults are
    the BLOGROLL_* settings' own, in `settings.DEFAULTS`)."""

    concurrency: int
    per_host: int
    connect_timeout: float
    read_timeout: float
    request_timeout: float
    deadline: float
    max_bytes: int
    max_redirects: int
    retry_after_max: float
    user_agent: str

    @classmethod
    def from_settings(cls, settings: BlogrollSettings) -> Limits:
        """The settings' values of the same names: every field here is one of theirs."""
        return cls(**{field.name: getattr(settings, field.name) for field in fields(cls)})


@dataclass
class Fetched:
    """What one GET brought back (after redirects): status, validators and the body."""

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


@dataclass
class _Hop:
    status: int | None
    headers: httpx.Headers
    body: bytes = b""
    error: str | None = None


class Fetcher:
    """HTTP clients shared by one refresh: `async with Fetcher(limits) as fetcher`.

    One small client per origin rather than one big one: httpcore scans every
    connection of a pool for every request it places, which grows with the square of
    the blogs followed; a pool of `per_host` connections keeps that constant. They
    share one TLS context (building one costs tens of milliseconds).
    """

    def __init__(self, limits: Limits):
        self.limits = limits
        self._slots = asyncio.Semaphore(limits.concurrency)
        self._host_slots: dict[str, asyncio.Semaphore] = {}
        self._clients: dict[str, httpx.AsyncClient] = {}
        self._tls: ssl.SSLContext | None = None
        self._deadline_at = 0.0

    async def __aenter__(self) -> Fetcher:
        self._tls = ssl.create_default_context(cafile=certifi.where())
        self._deadline_at = asyncio.get_running_loop().time() + self.limits.deadline
        return self

    async def __aexit__(self, *exc_info) -> None:
        await asyncio.gather(*(client.aclose() for client in self._clients.values()))

    def _client(self, origin: str) -> httpx.AsyncClient:
        client = self._clients.get(origin)
        if client is None:
            limits = self.limits
            client = self._clients[origin] = httpx.AsyncClient(
                timeout=httpx.Timeout(
                    connect=limits.connect_timeout,
                    read=limits.read_timeout,
                    write=limits.read_timeout,
                    pool=limits.request_timeout,
                ),
                limits=httpx.Limits(
                    max_connections=limits.per_host,
                    max_keepalive_connections=limits.per_host,
                ),
                headers={"User-Agent": limits.user_agent, "Accept": ACCEPT},
                follow_redirects=False,
                verify=self._tls,
            )
        return client

    async def get(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> Fetched:
        """GET `url`; conditional when validators are given. Never raises for network trouble."""
        loop = asyncio.get_running_loop()
        headers = {}
        if etag and _header_safe(etag):
            headers["If-None-Match"] = etag
        if last_modified and _header_safe(last_modified):
            headers["If-Modified-Since"] = last_modified
        try:
            async with asyncio.timeout_at(self._deadline_at):
                result = await self._follow(url, headers)
                if self._should_wait(result, loop.time()):
                    await asyncio.sleep(result.retry_after or 0)
                    result = await self._follow(url, headers)
        except TimeoutError:
            result = Fetched(
                url, url, error=f"refresh deadline reached ({self.limits.deadline:g} s)"
            )
        return result

    def _should_wait(self, result: Fetched, now: float) -> bool:
        """Honour a short Retry-After once, within this run; longer ones wait for the next."""
        wait = result.retry_after
        return (
            result.status in {429, 503}
            and wait is not None
            and wait <= self.limits.retry_after_max
            and now + wait < self._deadline_at
        )

    async def _follow(self, url: str, headers: dict[str, str]) -> Fetched:
        visited = [url]
        current = url
        moved_to = None
        still_permanent = True
        for _ in range(self.limits.max_redirects + 1):
            hop = await self._request(current, headers)
            if hop.error or hop.status not in REDIRECTS:
                return _result(url, current, hop, moved_to)
            location = hop.headers.get("location", "").strip()
            target = urljoin(current, location) if location else ""
            if not is_web_url(target):
                hop.error = f"HTTP {hop.status} redirect to an unusable address {location!r}"
                return _result(url, current, hop, moved_to)
            if target in visited:
                hop.error = "redirect loop: " + " → ".join([*visited, target])
                return _result(url, current, hop, moved_to)
            still_permanent = still_permanent and hop.status in PERMANENT_REDIRECTS
            if still_permanent:
                moved_to = target
            visited.append(target)
            current = target
        return Fetched(
            url,
            current,
            moved_to=moved_to,
            error=f"more than {self.limits.max_redirects} redirects: " + " → ".join(visited),
        )

    async def _request(self, url: str, headers: dict[str, str]) -> _Hop:
        limits = self.limits
        origin = _origin(url)
        try:
            async with self._host_slot(origin), self._slots:
                async with asyncio.timeout(limits.request_timeout):
                    client = self._client(origin)
                    async with client.stream("GET", url, headers=headers) as response:
                        if response.status_code != 200:
                            return _Hop(response.status_code, response.headers)
                        body, error = await self._read_capped(response)
                        return _Hop(response.status_code, response.headers, body, error)
        except TimeoutError:
            error = f"no complete answer within {limits.request_timeout:g} s"
        except httpx.ConnectTimeout:
            error = f"could not connect within {limits.connect_timeout:g} s"
        except httpx.ReadTimeout:
            error = f"the server went silent for {limits.read_timeout:g} s"
        except httpx.ConnectError as problem:
            error = f"could not connect: {problem}"
        except httpx.DecodingError:
            error = "the compressed response could not be decoded"
        except httpx.RemoteProtocolError as problem:
            error = f"broken HTTP response: {problem}"
        except httpx.InvalidURL as problem:  # httpx checks a redirect's Location itself
            error = f"unusable address: {problem}"
        except httpx.HTTPError as problem:
            error = f"{type(problem).__name__}: {problem}"
        return _Hop(None, httpx.Headers(), error=error)

    @contextlib.asynccontextmanager
    async def _host_slot(self, origin: str) -> AsyncIterator[None]:
        """At most `per_host` requests at a time to one server (scheme, host and port)."""
        slot = self._host_slots.setdefault(origin, asyncio.Semaphore(self.limits.per_host))
        async with slot:
            yield

    async def _read_capped(self, response: httpx.Response) -> tuple[bytes, str | None]:
        cap = self.limits.max_bytes
        too_large = f"response larger than {_size(cap)} (BLOGROLL_MAX_BYTES): stopped reading"
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > cap:
            return b"", too_large
        chunks, size = [], 0
        async for chunk in response.aiter_bytes():
            size += len(chunk)
            if size > cap:
                return b"", too_large
            chunks.append(chunk)
        return b"".join(chunks), None


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.lower()}"


def _result(url: str, final_url: str, hop: _Hop, moved_to: str | None) -> Fetched:
    headers = hop.headers
    return Fetched(
        url=url,
        final_url=final_url,
        status=hop.status,
        body=hop.body,
        content_type=headers.get("content-type", ""),
        etag=_validator(headers.get("etag")),
        last_modified=_validator(headers.get("last-modified")),
        moved_to=moved_to,
        retry_after=retry_after_seconds(headers.get("retry-after")),
        error=hop.error,
    )


def retry_after_seconds(value: str | None, now: datetime | None = None) -> float | None:
    """Retry-After as seconds from now: either a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def _validator(value: str | None) -> str | None:
    """Keep an ETag or Last-Modified only if it can be sent back as a header."""
    return value if value and _header_safe(value) else None


def _header_safe(value: str) -> bool:
    return len(value) <= 1024 and value.isascii() and value.isprintable()


def _size(count: int) -> str:
    for unit, size in (("MiB", MIB), ("KiB", 1024)):
        if count >= size:
            return f"{count / size:.4g} {unit}"
    return f"{count} bytes"
