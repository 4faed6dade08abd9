"""Whether a page's links still answer and where they lead, through httpx.MockTransport."""

from __future__ import annotations

import httpx

from drafter.config import Settings
from drafter.fetch.link_status import LinkStatus, link_statuses

PAGE = b"<html><body><p>hello</p></body></html>"


def respond(status: int, body: bytes = b"", **headers: str) -> httpx.Response:
    # A streamed body, as a server sends it: the fetcher reads it raw.
    return httpx.Response(status, stream=httpx.ByteStream(body), headers=headers)


def handler(request: httpx.Request) -> httpx.Response:
    url = str(request.url)
    if url == "http://a.example/x":
        return respond(301, location="https://www.a.example/x/")
    if url == "http://c.example/old":
        return respond(302, location="https://d.example/new")
    if url == "https://b.example/paper.pdf":
        return respond(200, b"%PDF-1.7 ...", **{"content-type": "application/pdf"})
    if url == "https://e.example/gone":
        return respond(410, b"gone")
    return respond(200, PAGE, **{"content-type": "text/html"})


def test_dead_moved_and_tidied_links() -> None:
    urls = [
        "http://a.example/x",
        "https://b.example/paper.pdf",
        "http://c.example/old",
        "https://e.example/gone",
    ]
    statuses = link_statuses(urls, Settings(), transport=httpx.MockTransport(handler))
    assert statuses == [
        LinkStatus("http://a.example/x"),  # only https, www. and a slash: the same page
        LinkStatus("https://b.example/paper.pdf"),  # answers, though not with HTML
        LinkStatus("http://c.example/old", moved_to="https://d.example/new"),
        LinkStatus("https://e.example/gone", error="HTTP 410 Gone"),
    ]


def test_a_fresh_page_in_the_cache_is_not_asked_again() -> None:
    asked: list[str] = []

    def counting(request: httpx.Request) -> httpx.Response:
        asked.append(str(request.url))
        return handler(request)

    transport = httpx.MockTransport(counting)
    url = "http://c.example/old"
    first = link_statuses([url], Settings(), transport=transport)
    again = link_statuses([url], Settings(), transport=transport)
    assert first == again == [LinkStatus(url, moved_to="https://d.example/new")]
    assert asked == [url, "https://d.example/new"]  # the second check came from the cache
    assert link_statuses([], Settings()) == []
