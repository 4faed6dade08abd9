"""Fetching units, through httpx.MockTransport: retries, caps, content types, the deadline."""

from __future__ import annotations

import asyncio
import gzip
import zlib

import httpx
import pytest

from drafter.config import FetchSettings
from drafter.fetch.client import FEED_TYPES, Fetcher, build_client
from drafter.models import FetchResult

HTML = b"<html><head><title>t</title></head><body><p>hello</p></body></html>"


def fetch(handler: object, url: str = "https://example.com/a", **settings: object) -> FetchResult:
    config = FetchSettings(**settings)  # type: ignore[arg-type]

    async def run() -> FetchResult:
        transport = httpx.MockTransport(handler)  # type: ignore[arg-type]
        async with build_client(config, transport) as client:
            return await Fetcher(client, config).fetch(url)

    return asyncio.run(run())


def respond(status: int, body: bytes, headers: dict[str, str]) -> httpx.Response:
    # A streamed body, as a server sends it: the fetcher reads it raw, in bounded steps.
    return httpx.Response(status, stream=httpx.ByteStream(body), headers=headers)


def html(status: int = 200, body: bytes = HTML, **headers: str) -> httpx.Response:
    return respond(status, body, {"content-type": "text/html", **headers})


def test_ok_records_final_url_and_headers() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/a":
            return httpx.Response(301, headers={"location": "/b"})
        assert request.headers["user-agent"].startswith("episode-drafter/")
        assert request.headers["accept-language"].startswith("ja")
        return html(**{"content-type": "text/html; charset=utf-8"})

    result = fetch(handler)
    assert result.ok and result.body == HTML and result.status == 200
    assert result.final_url == "https://example.com/b"
    assert result.headers["content-type"] == "text/html; charset=utf-8"


def test_retries_5xx_then_succeeds_honouring_retry_after() -> None:
    calls: list[int] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        if len(calls) < 3:
            return httpx.Response(503, headers={"retry-after": "0"})
        return html()

    assert fetch(handler).ok and len(calls) == 3


def test_gives_up_after_the_retries() -> None:
    calls: list[int] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        return httpx.Response(429, headers={"retry-after": "0"})

    result = fetch(handler, retries=2)
    assert result.error == "HTTP 429 Too Many Requests (after 2 retries)" and len(calls) == 3


def test_retry_after_longer_than_the_deadline_fails_at_once() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(503, headers={"retry-after": "3600"})

    result = fetch(handler, timeout=2.0, retry_after_cap=3600.0)
    assert result.error is not None and "no time left to retry" in result.error
    assert result.elapsed < 1.0


@pytest.mark.parametrize("status", [404, 410, 403])
def test_client_errors_are_not_retried(status: int) -> None:
    calls: list[int] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        return html(status)

    result = fetch(handler)
    assert result.error is not None and result.error.startswith(f"HTTP {status}")
    assert len(calls) == 1


@pytest.mark.parametrize(
    ("content_type", "body", "reason"),
    [
        ("application/pdf", b"%PDF-1.4", "not an HTML page (application/pdf)"),
        ("image/png", b"\x89PNG....", "not an HTML page (image/png)"),
        ("text/html", b"%PDF-1.4 lying header", "not an HTML page (a PDF document)"),
        ("", b"\x89PNG\r\n", "not an HTML page (a PNG image)"),
        ("text/html", b"   ", "empty response"),
    ],
)
def test_only_html_is_accepted(content_type: str, body: bytes, reason: str) -> None:
    result = fetch(lambda request: respond(200, body, {"content-type": content_type}))
    assert result.error is not None and result.error.startswith(reason)


def test_body_over_the_cap_is_cut() -> None:
    result = fetch(lambda request: html(body=b"<p>" + b"x" * 50_000), max_bytes=10_000)
    assert result.error is not None and "larger than" in result.error


def test_gzip_bomb_is_cut_without_inflating() -> None:
    bomb = gzip.compress(b"<p>" + b"\0" * 50_000_000)
    assert len(bomb) < 100_000

    def handler(request: httpx.Request) -> httpx.Response:
        return html(body=bomb, **{"content-encoding": "gzip"})

    result = fetch(handler, max_bytes=1_000_000)
    assert result.error is not None and "larger than" in result.error


def test_gzip_and_deflate_bodies_are_decoded() -> None:
    for encoding, data in (("gzip", gzip.compress(HTML)), ("deflate", zlib.compress(HTML))):
        result = fetch(lambda request, d=data, e=encoding: html(body=d, **{"content-encoding": e}))
        assert result.body == HTML


def test_redirect_loop_is_bounded() -> None:
    result = fetch(lambda request: httpx.Response(302, headers={"location": "/a"}), max_redirects=5)
    assert result.error == "too many redirects (more than 5)"


def test_a_redirect_to_an_unreadable_url_is_refused_at_once() -> None:
    """httpx cannot parse the Location (an octal address, a broken port): no retry."""
    for location in ("http://0177.0.0.1/", "http://[::1"):
        calls: list[str] = []

        def handler(
            request: httpx.Request, location: str = location, calls: list[str] = calls
        ) -> httpx.Response:
            calls.append(str(request.url))
            return httpx.Response(302, headers={"location": location})

        result = fetch(handler, retries=2)
        assert result.error is not None
        assert result.error.startswith("refused a redirect to an invalid URL"), result.error
        assert calls == ["https://example.com/a"]


def test_connection_errors_are_retried_and_reported() -> None:
    calls: list[int] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(1)
        raise httpx.ConnectError("connection refused")

    result = fetch(handler, retries=1)
    assert (
        result.error == "could not connect: connection refused (after 1 retry)" and len(calls) == 2
    )


def test_credentials_never_appear_in_errors() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError(f"cannot reach {request.url}")

    result = fetch(handler, url="https://bob:hunter2@example.com/a", retries=0)
    assert result.error is not None and "hunter2" not in result.error and "bob" not in result.error


def test_one_result_per_url_within_the_limits() -> None:
    active = {"now": 0, "most": 0, "per_host": 0}

    async def handler(request: httpx.Request) -> httpx.Response:
        active["now"] += 1
        active["most"] = max(active["most"], active["now"])
        await asyncio.sleep(0.02)
        active["now"] -= 1
        return html()

    config = FetchSettings(concurrency=3, per_host=2)
    urls = [f"https://h{i % 4}.example/{i}" for i in range(12)]

    async def run() -> list[FetchResult]:
        async with build_client(config, httpx.MockTransport(handler)) as client:
            fetcher = Fetcher(client, config)
            return list(await asyncio.gather(*(fetcher.fetch(url) for url in urls)))

    results = asyncio.run(run())
    assert sorted(r.url for r in results) == sorted(urls)
    assert all(r.ok for r in results)
    assert active["most"] <= 3


def test_an_unexpected_error_stays_the_articles_failure() -> None:
    # A body already read in memory cannot be streamed again: httpx raises StreamConsumed,
    # which is not an HTTPError. The run must go on; this article fails with the reason.
    def handler(request: httpx.Request) -> httpx.Response:
        response = httpx.Response(200, content=HTML, headers={"content-type": "text/html"})
        response.read()
        return response

    result = fetch(handler)
    assert result.error is not None and "StreamConsumed" in result.error


def test_feeds_are_accepted_only_when_asked_for() -> None:
    feed = b'<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>'

    def handler(request: httpx.Request) -> httpx.Response:
        return respond(200, feed, {"content-type": "application/rss+xml"})

    assert fetch(handler).error == "not an HTML page (application/rss+xml)"
    config = FetchSettings()

    async def as_feed() -> FetchResult:
        async with build_client(config, httpx.MockTransport(handler)) as client:
            return await Fetcher(client, config, FEED_TYPES).fetch("https://example.com/rss")

    assert asyncio.run(as_feed()).body == feed


@pytest.mark.parametrize(
    ("error", "unreachable"),
    [
        (httpx.ConnectError("[Errno -2] Name or service not known"), True),
        (httpx.ConnectTimeout("timed out"), True),
        (httpx.ReadTimeout("timed out"), False),
        (httpx.RemoteProtocolError("peer closed"), False),
    ],
)
def test_errors_before_the_host_answers_count_as_unreachable(
    error: Exception, unreachable: bool
) -> None:
    """What the summary's "no network" line rests on: Article.unreachable reads these."""
    from drafter.models import Article

    def handler(request: httpx.Request) -> httpx.Response:
        raise error

    result = fetch(handler, retries=0)
    assert result.error is not None
    assert Article(url=result.url, error=result.error).unreachable is unreachable
