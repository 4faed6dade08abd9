"""Fetching: one httpx AsyncClient, bounded concurrency, one FetchResult per URL, never raising."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import email.utils
import ssl
import time
import zlib
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit
from urllib.request import getproxies

import httpx

from drafter.config import FetchSettings
from drafter.fetch.addresses import CURRENT_ROUTE, RefusedAddress, Route, is_ip_literal
from drafter.fetch.pools import HostPools
from drafter.models import FetchResult
from drafter.urls import FETCHABLE_SCHEMES, host_of, redact_text, url_scheme

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
# A feed given as SOURCE (a Hatena Bookmark user feed, say) comes as XML, or as an HTML page.
FEED_TYPES = HTML_TYPES | {
    "application/rss+xml", "application/atom+xml", "application/rdf+xml",
    "application/xml", "text/xml",
}  # fmt: skip
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
BACKOFF_SECONDS = 0.5  # first retry waits this long, the next twice as long
IDLE_MAX = 64  # idle connections kept open for reuse, over all hosts

# Magic numbers of bodies that are certainly not HTML, whatever the header says.
_NOT_HTML_MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive"),
)


class _Retryable(Exception):
    """An attempt failed in a way another attempt may not; carries the delay to wait."""

    def __init__(self, message: str, delay: float | None = None) -> None:
        super().__init__(message)
        self.delay = delay


class _Failed(Exception):
    """An attempt failed for good."""


def _proxy_configured() -> bool:
    """Whether HTTP_PROXY, HTTPS_PROXY or ALL_PROXY (any case) is set, as httpx reads them
    (NO_PROXY=* turns them all off)."""
    proxies = getproxies()
    if proxies.get("no", "").strip() == "*":
        return False
    return any(scheme in proxies for scheme in ("http", "https", "all"))


def host_pools(settings: FetchSettings) -> HostPools:
    """One connection pool per host, each keeping its `per_host` connections for reuse, for
    as many hosts as IDLE_MAX connections allow (32 at 2 per host); one TLS context
    (SSL_CERT_FILE or SSL_CERT_DIR if set) for all of them."""
    tls = httpx.create_ssl_context(trust_env=True)
    limits = httpx.Limits(max_connections=None, max_keepalive_connections=settings.per_host)
    return HostPools(
        lambda: httpx.AsyncHTTPTransport(verify=tls, limits=limits),
        keep=max(1, IDLE_MAX // settings.per_host),
    )


def build_client(
    settings: FetchSettings, transport: httpx.AsyncBaseTransport | None = None
) -> httpx.AsyncClient:
    """The one client for a run; honours HTTP(S)_PROXY, NO_PROXY and SSL_CERT_FILE. Without
    a proxy, requests go through per-host pools (drafter.fetch.pools); with one, through httpx's
    own pool (httpx reads the proxy variables only when it makes the transport itself)."""
    proxied = _proxy_configured()
    hooks = address_hooks(direct=not proxied) if transport is None else {}
    if transport is None and not proxied:
        transport = host_pools(settings)
    return httpx.AsyncClient(
        event_hooks=hooks,
        follow_redirects=True,
        max_redirects=settings.max_redirects,
        timeout=httpx.Timeout(
            connect=settings.connect_timeout,
            read=settings.read_timeout,
            write=settings.read_timeout,
            pool=None,
        ),
        # Through a proxy (httpx's own pool): in flight, the Fetcher's semaphores; open, those
        # plus up to IDLE_MAX idle ones, so that a run over many hosts reuses connections
        # instead of closing each one to open the next (a handshake costs 1-3 round trips).
        limits=httpx.Limits(max_connections=None, max_keepalive_connections=IDLE_MAX),
        headers={
            "User-Agent": settings.user_agent,
            "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
            "Accept-Language": settings.accept_language,
            "Accept-Encoding": "gzip, deflate",
        },
        trust_env=True,
        transport=transport,
    )


def _peer_address(response: httpx.Response) -> str | None:
    """The IP address this response came from, as the socket says (None if unknown)."""
    stream = response.extensions.get("network_stream")
    address = stream.get_extra_info("server_addr") if stream is not None else None
    return str(address[0]) if isinstance(address, tuple) and address else None


def _location_host(response: httpx.Response) -> str | None:
    """The host a redirect names, read as text (None when it names none or is unreadable)."""
    try:
        return urlsplit(urljoin(str(response.url), response.headers["location"])).hostname
    except ValueError:
        return None


def address_hooks(*, direct: bool) -> dict[str, list[Any]]:
    """httpx event hooks that hold every fetch to the address policy (drafter.fetch.addresses)
    for the Route of the fetch running. A redirect's Location is read as text before httpx
    parses it, so an address it cannot parse (0177.0.0.1) is refused, not retried. Through a
    proxy, which resolves names and connects for us, only redirects to literal addresses and
    localhost can be checked."""

    async def before_request(request: httpx.Request) -> None:
        route = CURRENT_ROUTE.get()
        if route is None or route.bookmark_public is None:  # the bookmark's own request
            return
        if request.url.scheme not in FETCHABLE_SCHEMES:  # refused below, saying why
            return
        host = request.url.host
        if direct or host == "localhost" or is_ip_literal(host):
            await route.check_target(host, request.url.port)

    async def after_response(response: httpx.Response) -> None:
        route = CURRENT_ROUTE.get()
        if route is not None:
            peer = _peer_address(response) if direct else None
            route.check_peer(response.request.url.host, peer)
            if response.has_redirect_location:
                host = _location_host(response)
                if host:
                    route.check_location(host)

    return {"request": [before_request], "response": [after_response]}


def _retry_after(value: str | None, cap: float) -> float | None:
    """Seconds a Retry-After header asks for (seconds or an HTTP date), capped."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), cap)
    with contextlib.suppress(TypeError, ValueError):
        when = email.utils.parsedate_to_datetime(value)
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        return min(max((when - datetime.now(UTC)).total_seconds(), 0.0), cap)
    return None


def _decompressor(encoding: str) -> zlib._Decompress | None:
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return None
    if encoding in ("gzip", "x-gzip"):
        return zlib.decompressobj(16 + zlib.MAX_WBITS)
    if encoding == "deflate":
        return zlib.decompressobj(zlib.MAX_WBITS)
    raise _Failed(f"unsupported content encoding '{encoding}'")


async def _read_capped(response: httpx.Response, max_bytes: int) -> bytes:
    """The body, decompressed in bounded steps: a gzip bomb is cut at the cap, never inflated."""
    too_big = f"page larger than {max_bytes // 1024} KB (cut at the size cap)"
    decoder = _decompressor(response.headers.get("content-encoding", ""))
    parts: list[bytes] = []
    size = 0
    raw_size = 0
    async for chunk in response.aiter_raw():
        raw_size += len(chunk)
        if raw_size > max_bytes:
            raise _Failed(too_big)
        pending = chunk
        while pending:
            if decoder is None:
                out, pending = pending, b""
            else:
                try:
                    out = decoder.decompress(pending, max_bytes - size + 1)
                except zlib.error as exc:
                    raise _Failed(f"corrupt compressed body ({exc})") from exc
                pending = decoder.unconsumed_tail
            size += len(out)
            if size > max_bytes:
                raise _Failed(too_big)
            parts.append(out)
    return b"".join(parts)


def _sniff_not_html(body: bytes) -> str | None:
    head = body[:16].lstrip()
    for magic, what in _NOT_HTML_MAGIC:
        if head.startswith(magic):
            return what
    return None


async def _answer(
    response: httpx.Response,
    url: str,
    settings: FetchSettings,
    conditional: bool,
    accept: frozenset[str],
) -> FetchResult:
    """What one response gives: a FetchResult, or _Retryable / _Failed."""
    status = response.status_code
    if status == 304 and conditional:  # the caller's copy is current (conditional GET)
        return FetchResult(
            url=url,
            final_url=str(response.url),
            status=status,
            headers={k.lower(): v for k, v in response.headers.items()},
        )
    if status in RETRY_STATUSES:
        delay = _retry_after(response.headers.get("retry-after"), settings.retry_after_cap)
        raise _Retryable(f"HTTP {status} {response.reason_phrase}".strip(), delay)
    if status >= 400:
        raise _Failed(f"HTTP {status} {response.reason_phrase}".strip())
    mime = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if mime and mime not in accept:
        raise _Failed(f"not an HTML page ({mime})")
    body = await _read_capped(response, settings.max_bytes)
    if not body.strip():
        raise _Failed(f"empty response (HTTP {status})")
    if what := _sniff_not_html(body):
        raise _Failed(f"not an HTML page ({what})")
    return FetchResult(
        url=url,
        final_url=str(response.url),
        status=status,
        headers={k.lower(): v for k, v in response.headers.items()},
        body=body,
    )


async def _attempt(
    client: httpx.AsyncClient,
    url: str,
    settings: FetchSettings,
    headers: Mapping[str, str] | None = None,
    accept: frozenset[str] = HTML_TYPES,
    bookmarked: bool = True,
) -> FetchResult:
    """One GET: a FetchResult with a body (or a bodiless 304), or _Retryable / _Failed."""
    try:
        host = httpx.URL(url).host  # so a bad URL below can only have come from a redirect
    except httpx.InvalidURL as exc:
        raise _Failed(f"invalid URL: {exc}") from exc
    route = CURRENT_ROUTE.set(Route(host) if bookmarked else Route.unbookmarked(host))
    try:
        async with client.stream("GET", url, headers=headers) as response:
            return await _answer(response, url, settings, bool(headers), accept)
    except RefusedAddress as exc:
        raise _Failed(str(exc)) from exc
    except httpx.TooManyRedirects as exc:
        raise _Failed(f"too many redirects (more than {settings.max_redirects})") from exc
    except httpx.ConnectTimeout as exc:
        raise _Retryable("timed out connecting") from exc
    except httpx.ReadTimeout as exc:
        raise _Retryable(f"server went silent for {settings.read_timeout:g}s") from exc
    except httpx.ProxyError as exc:
        raise _Failed(f"proxy error: {exc}") from exc
    except httpx.ConnectError as exc:
        detail = str(exc)
        if isinstance(exc.__context__, ssl.SSLError) or "CERTIFICATE" in detail or "[SSL" in detail:
            raise _Failed(f"TLS error: {exc}") from exc
        raise _Retryable(f"could not connect: {str(exc) or type(exc).__name__}") from exc
    except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError) as exc:
        if isinstance(exc.__context__, httpx.InvalidURL):  # a Location httpx cannot parse
            raise _Failed(f"refused a redirect to an invalid URL ({exc.__context__})") from exc
        raise _Retryable(f"connection broken: {str(exc) or type(exc).__name__}") from exc
    except httpx.UnsupportedProtocol as exc:
        if url_scheme(url) not in FETCHABLE_SCHEMES:
            raise _Failed(f"not fetched: only http and https URLs are ({exc})") from exc
        raise _Failed(f"refused a redirect to a URL that is not http or https ({exc})") from exc
    except httpx.InvalidURL as exc:
        raise _Failed(f"refused a redirect to an invalid URL ({exc})") from exc
    except (httpx.HTTPError, httpx.StreamError) as exc:
        raise _Failed(f"{type(exc).__name__}: {exc}") from exc
    except (OSError, ValueError, RuntimeError) as exc:
        # Whatever else a transport or a stranger's server provokes stays this article's
        # failure: one bad URL never aborts the episode.
        raise _Failed(f"unexpected error: {type(exc).__name__}: {exc}") from exc
    finally:
        CURRENT_ROUTE.reset(route)


class Fetcher:
    """Fetches URLs with a global and a per-host limit, retries and a per-article deadline."""

    def __init__(
        self,
        client: httpx.AsyncClient,
        settings: FetchSettings,
        accept: frozenset[str] = HTML_TYPES,  # the media types a body may have
    ) -> None:
        self.client = client
        self.settings = settings
        self.accept = accept
        self._slots = asyncio.Semaphore(settings.concurrency)
        self._host_slots: dict[str, asyncio.Semaphore] = {}

    def _host_slot(self, url: str) -> asyncio.Semaphore:
        host = host_of(url)
        if host not in self._host_slots:
            self._host_slots[host] = asyncio.Semaphore(self.settings.per_host)
        return self._host_slots[host]

    async def fetch(
        self, url: str, headers: Mapping[str, str] | None = None, *, bookmarked: bool = True
    ) -> FetchResult:
        """Fetch one URL; every failure comes back as FetchResult.error.

        `headers` are added to the request (If-None-Match / If-Modified-Since from the page
        cache); a 304 answer then comes back with status 304 and no body. A URL no bookmark
        named (`bookmarked=False`: a link `check` read off a page) must be at a public
        address from its very first request (drafter.fetch.addresses)."""
        settings = self.settings
        loop = asyncio.get_running_loop()
        error = "not fetched"
        # A retry keeps its place: the slots are held through the wait, so a page retried
        # after a 429 does not queue again behind its host's other (maybe hanging) pages.
        async with self._host_slot(url), self._slots:
            started = time.monotonic()  # the deadline runs from the first connection
            deadline = loop.time() + settings.timeout
            for attempt in range(settings.retries + 1):
                try:
                    async with asyncio.timeout_at(deadline):
                        result = await _attempt(
                            self.client, url, settings, headers, self.accept, bookmarked
                        )
                    return dataclasses.replace(result, elapsed=time.monotonic() - started)
                except TimeoutError:
                    limit = f"took longer than {settings.timeout:g}s (the per-article limit)"
                    # After a 429 or a reset, that is the cause; the limit only ended the retry.
                    error = f"{error}, and the retry {limit}" if attempt else limit
                    break
                except _Failed as exc:
                    error = str(exc)
                    break
                except _Retryable as exc:
                    error = str(exc)
                    delay = exc.delay if exc.delay is not None else BACKOFF_SECONDS * 2**attempt
                if attempt == settings.retries:
                    if attempt:
                        error += f" (after {attempt} {'retry' if attempt == 1 else 'retries'})"
                    break
                if loop.time() + delay >= deadline:
                    error += " (no time left to retry)"
                    break
                await asyncio.sleep(delay)
        elapsed = time.monotonic() - started
        return FetchResult(url=url, error=redact_text(error), elapsed=elapsed)


def fetch_source_bytes(url: str, settings: FetchSettings) -> bytes | None:
    """The bytes at a SOURCE URL (HTML or XML), or None when it cannot be fetched (then it
    is an article): drafter's own fetcher, with its retries, deadline and size cap."""

    async def get() -> bytes | None:
        async with build_client(settings) as client:
            result = await Fetcher(client, settings, FEED_TYPES).fetch(url)
        return result.body if result.ok else None

    return asyncio.run(get())
