"""The page cache: hits, stale re-validation, --offline, --refresh, a corrupt or locked file.

In-process runs go through `collect_articles` with an httpx.MockTransport; end-to-end runs use
the real CLI against the loopback server. XDG_CACHE_HOME points into tmp_path (conftest).
"""

from __future__ import annotations

import asyncio
import email.utils
import hashlib
import logging
import sqlite3
import time
from contextlib import closing
from dataclasses import replace

import httpx
import pytest

from drafter import gathering
from drafter.config import CacheMode, Settings
from drafter.extract import parallel as extracting
from drafter.fetch import cache as cache_module
from drafter.fetch.cache import PageCache, cache_file, extraction_key, extractor_fingerprint
from drafter.fetch.pages import OFFLINE_MISS, UNREADABLE, Page, PageSource
from drafter.models import Article, Bookmark, Extracted, FetchResult
from tests.samples import EN_PARAGRAPHS, JA_PARAGRAPHS, article_html

URL = "http://news.example/2026/chaos-mesh"
TITLE = "Chaos Meshがバージョン1.0に到達"
HTML = article_html(TITLE, JA_PARAGRAPHS, site_name="Tech News").encode()
ETAG = '"v1"'
MODIFIED = email.utils.formatdate(time.time() - 86400, usegmt=True)


class Origin:
    """A MockTransport handler that counts requests and honours conditional GETs."""

    def __init__(self, body: bytes = HTML, *, etag: str | None = ETAG, modified: bool = True):
        self.body = body
        self.etag = etag
        self.modified = MODIFIED if modified else None
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        headers = {"content-type": "text/html; charset=utf-8"}
        if self.etag:
            headers["etag"] = self.etag
        if self.modified:
            headers["last-modified"] = self.modified
        matches = self.etag is not None and request.headers.get("if-none-match") == self.etag
        unchanged = self.modified is not None and (
            request.headers.get("if-modified-since") == self.modified
        )
        if matches or (unchanged and "if-none-match" not in request.headers):
            return httpx.Response(304, headers=headers)
        return httpx.Response(200, headers=headers, stream=httpx.ByteStream(self.body))


def collect(
    origin: Origin,
    *,
    cache: CacheMode = "use",
    settings: Settings | None = None,
    urls: tuple[str, ...] = (URL,),
) -> list[Article]:
    bookmarks = [Bookmark(url=url) for url in urls]
    return asyncio.run(
        gathering.collect_articles(
            bookmarks,
            settings or Settings(),
            transport=httpx.MockTransport(origin),
            cache=cache,
        )
    )


@pytest.fixture
def extractions(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every URL the pipeline extracted, in this process: no worker pool, so pages are
    extracted in threads here, where the spy can see them."""
    seen: list[str] = []
    monkeypatch.setattr(extracting, "pool_size", lambda articles: 0)
    real = extracting.extract_page

    def counting(body: bytes, url: str, headers: dict[str, str], **limits: int) -> Extracted:
        seen.append(url)
        return real(body, url, headers, **limits)

    monkeypatch.setattr(extracting, "extract_page", counting)
    return seen


def stored_rows() -> list[tuple[str, str, bytes, float]]:
    with closing(sqlite3.connect(cache_file())) as db, db:
        return db.execute("SELECT url, digest, body, stored_at FROM pages").fetchall()


def test_a_warm_run_repeats_neither_the_network_nor_the_parsing(extractions: list[str]) -> None:
    origin = Origin()
    first = collect(origin)
    second = collect(origin)
    assert first[0].ok and first[0].title == TITLE
    assert second[0].provenance == {**first[0].provenance, "cache": "cache"}
    assert replace(second[0], elapsed=0.0, provenance={}) == replace(
        first[0], elapsed=0.0, provenance={}
    )
    assert len(origin.requests) == 1
    assert extractions == [URL]  # parsed once, on the cold run
    [(url, digest, body, _)] = stored_rows()
    assert (url, body) == (URL, HTML)
    assert digest == hashlib.sha256(HTML).hexdigest()


def test_a_stale_page_is_revalidated_and_a_304_keeps_the_stored_copy(
    extractions: list[str],
) -> None:
    origin = Origin()
    collect(origin)
    [(_, _, _, stored_at)] = stored_rows()
    stale = Settings(cache_days=1e-9)  # every cached page is already stale
    articles = collect(origin, settings=stale)
    assert articles[0].ok and articles[0].title == TITLE
    assert len(origin.requests) == 2
    assert origin.requests[1].headers["if-none-match"] == ETAG
    assert origin.requests[1].headers["if-modified-since"] == MODIFIED
    assert extractions == [URL]  # same bytes: the stored extraction still holds
    [(_, _, body, revalidated_at)] = stored_rows()
    assert body == HTML and revalidated_at > stored_at  # fresh again for another window


def test_last_modified_alone_is_enough_to_revalidate() -> None:
    origin = Origin(etag=None)
    collect(origin)
    collect(origin, settings=Settings(cache_days=1e-9))
    assert "if-none-match" not in origin.requests[1].headers
    assert origin.requests[1].headers["if-modified-since"] == MODIFIED


def test_a_changed_page_replaces_the_stored_one_and_is_parsed_again(
    extractions: list[str],
) -> None:
    origin = Origin()
    collect(origin)
    changed = article_html("Chaos Mesh 2.0が登場", JA_PARAGRAPHS[1:], site_name="Tech News")
    origin.body, origin.etag = changed.encode(), '"v2"'
    articles = collect(origin, settings=Settings(cache_days=1e-9))
    assert articles[0].title == "Chaos Mesh 2.0が登場"
    assert extractions == [URL, URL]
    [(_, _, body, _)] = stored_rows()
    assert body == changed.encode()


def test_offline_uses_only_the_cache_however_old() -> None:
    origin = Origin()
    other = "http://news.example/never-fetched"
    collect(origin)
    articles = collect(
        origin, cache="offline", settings=Settings(cache_days=1e-9), urls=(URL, other)
    )
    assert len(origin.requests) == 1  # nothing asked of the network, not even re-validation
    assert articles[0].ok and articles[0].title == TITLE
    assert not articles[1].ok and articles[1].error == OFFLINE_MISS


def test_refresh_fetches_again_and_updates_the_cache(extractions: list[str]) -> None:
    origin = Origin()
    collect(origin)
    origin.body = article_html("Refreshed title", EN_PARAGRAPHS, site_name="InfoWorld").encode()
    articles = collect(origin, cache="refresh")
    assert articles[0].title == "Refreshed title"
    assert len(origin.requests) == 2
    assert "if-none-match" not in origin.requests[1].headers  # unconditional
    assert extractions == [URL, URL]
    assert stored_rows()[0][2] == origin.body  # the next plain run sees the new page
    assert collect(origin)[0].title == "Refreshed title"
    assert len(origin.requests) == 2


def test_off_neither_reads_nor_writes_the_cache() -> None:
    origin = Origin()
    collect(origin, cache="off")
    collect(origin, cache="off")
    assert len(origin.requests) == 2
    assert not cache_file().exists()


def test_a_corrupt_cache_file_degrades_to_fetching_with_one_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    path = cache_file()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"this is not an SQLite database, it is a text file\n" * 100)
    origin = Origin()
    with caplog.at_level(logging.WARNING, logger="drafter.fetch.cache"):
        articles = collect(origin, urls=(URL, URL + "?page=2"))
    assert all(article.ok for article in articles)
    assert len(origin.requests) == 2
    warnings = [record for record in caplog.records if record.name == "drafter.fetch.cache"]
    assert len(warnings) == 1 and "unusable" in warnings[0].getMessage()
    assert path.read_bytes().startswith(b"this is not an SQLite")  # left for `cache clear`


def test_a_locked_cache_degrades_instead_of_waiting_forever(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    collect(Origin())  # create it
    monkeypatch.setattr(cache_module, "BUSY_TIMEOUT", 0.05)
    holder = sqlite3.connect(cache_file(), isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        origin = Origin()
        with caplog.at_level(logging.WARNING, logger="drafter.fetch.cache"):
            articles = collect(origin, cache="refresh")
    finally:
        holder.close()
    assert articles[0].ok and len(origin.requests) == 1
    assert any("unusable" in record.getMessage() for record in caplog.records)


def test_a_write_that_fails_stops_the_writing_not_the_reading(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A full disk or a lock held too long: the pages already stored are still read."""
    monkeypatch.setattr(cache_module, "BUSY_TIMEOUT", 0.05)
    cache = PageCache(cache_file())
    first = FetchResult(url=URL, final_url=URL, status=200, body=HTML)
    assert cache.store_page(URL, first, "d1")
    holder = sqlite3.connect(cache_file(), isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")  # in WAL mode: blocks writers, never readers
        with caplog.at_level(logging.WARNING, logger="drafter.fetch.cache"):
            second = FetchResult(url=URL + "2", final_url=URL + "2", status=200, body=HTML)
            assert not cache.store_page(URL + "2", second, "d2")
            assert not cache.store_page(URL + "3", second, "d3")  # not tried again
            stored = cache.page(URL, with_body=True)
    finally:
        holder.close()
        cache.close()
    assert stored is not None and stored.body == HTML
    assert cache.unwritable is not None and cache.broken is None
    warnings = [record for record in caplog.records if record.name == "drafter.fetch.cache"]
    assert len(warnings) == 1 and "unusable" in warnings[0].getMessage()


def test_a_stored_extraction_comes_back_equal() -> None:
    cache = PageCache(cache_file())
    extracted = Extracted(
        title=TITLE, source="Tech News", lead="リード", title_from="og:title", charset="utf-8"
    )
    cache.store_extraction("k", extracted)
    assert cache.extraction("k") == extracted
    assert cache.extraction("missing") is None
    cache.close()


def test_the_extraction_key_covers_everything_extraction_reads() -> None:
    fetched = FetchResult(url=URL, final_url=URL, headers={"content-type": "text/html"})
    fingerprint = extractor_fingerprint()
    key = extraction_key(fetched, "d1", fingerprint, (200, 400))
    other_url = FetchResult(url=URL, final_url=URL + "x", headers=fetched.headers)
    other_charset = FetchResult(
        url=URL, final_url=URL, headers={"content-type": "text/html; charset=EUC-JP"}
    )
    assert (
        len(
            {
                key,
                extraction_key(fetched, "d2", fingerprint, (200, 400)),
                extraction_key(fetched, "d1", fingerprint + "!", (200, 400)),
                extraction_key(fetched, "d1", fingerprint, (100, 400)),
                extraction_key(other_url, "d1", fingerprint, (200, 400)),
                extraction_key(other_charset, "d1", fingerprint, (200, 400)),
            }
        )
        == 6
    )
    assert extraction_key(fetched, "d1", fingerprint, (200, 400)) == key
    assert fingerprint.startswith(cache_module.EXTRACTOR_VERSION)


def test_a_spilled_page_is_read_back_from_the_cache() -> None:
    async def run() -> FetchResult:
        async def fetch(url: str, headers: object) -> FetchResult:
            return FetchResult(url=url, final_url=url, status=200, body=HTML)

        source = PageSource(PageCache(cache_file()), fetch)
        fetched_page = await source.page(URL)
        spilled = fetched_page.spilled()
        assert spilled.fetched.body is None
        result = await source.with_body(spilled)
        source.close()
        return result.fetched

    result = asyncio.run(run())
    assert result.body == HTML and result.error is None


@pytest.mark.parametrize("mode", ["use", "offline"])
def test_a_parked_page_the_cache_lost_is_fetched_again(mode: CacheMode) -> None:
    """Cleared, unreadable, or replaced by another run while the page waited its turn: it
    was fetched fine once, so it is fetched again (only --offline cannot)."""
    asked: list[str] = []
    newer = HTML + b"<!-- edited since -->"

    async def fetch(url: str, headers: object) -> FetchResult:
        asked.append(url)
        return FetchResult(
            url=url, final_url=url, status=200, body=HTML if len(asked) < 2 else newer
        )

    async def run() -> Page:
        cache = PageCache(cache_file())
        source = PageSource(cache, fetch)
        spilled = (await source.page(URL)).spilled()
        cache.clear()
        source.mode = mode
        loaded = await source.with_body(spilled)
        source.close()
        return loaded

    loaded = asyncio.run(run())
    if mode == "offline":
        assert asked == [URL]
        assert loaded.fetched.error == UNREADABLE and loaded.origin == "failed"
    else:
        assert asked == [URL, URL]
        assert loaded.fetched.body == newer and loaded.fetched.error is None
        assert loaded.digest == hashlib.sha256(newer).hexdigest()  # its extraction's key
