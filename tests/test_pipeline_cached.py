"""A re-run served wholly from the page cache: no event loop, each row read once, the same
articles as the run that fetched them; anything else still goes through the event loop."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from typing import Any

import httpx
import pytest

from drafter import gathering
from drafter.config import Settings
from drafter.fetch.cache import PageCache
from drafter.models import Article, Bookmark
from tests.test_fetch_cache import Origin, extractions  # noqa: F401 (a fixture)

URLS = tuple(f"http://news.example/2026/{n}" for n in range(3))


def gather(origin: Origin, urls: tuple[str, ...] = URLS, **options: Any) -> list[Article]:
    return gathering.gather_articles(
        [Bookmark(url=url) for url in urls],
        Settings(),
        transport=httpx.MockTransport(origin),
        **options,
    )


def without_timing(articles: list[Article]) -> list[Article]:
    return [replace(article, elapsed=0.0, provenance={}) for article in articles]


def test_a_warm_list_is_read_without_an_event_loop(
    extractions: list[str],  # noqa: F811 (the fixture)
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    origin = Origin()
    first = gather(origin)
    assert all(article.ok for article in first)
    monkeypatch.setattr(asyncio, "run", _refuse)
    seen: list[str] = []
    second = gather(origin, on_article=lambda article: seen.append(article.url))
    assert without_timing(second) == without_timing(first)
    assert all(article.provenance["cache"] == "cache" for article in second)
    assert seen == list(URLS)
    assert len(origin.requests) == len(URLS)  # the first run's only


def _refuse(main: Any, **kwargs: Any) -> None:
    main.close()
    raise AssertionError("an event loop was started")


def test_a_warm_run_reads_each_row_once(
    extractions: list[str],  # noqa: F811 (the fixture)
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    gather(Origin())
    reads: list[str] = []
    for name in ("page", "extraction"):
        real = getattr(PageCache, name)

        def counting(self: PageCache, key: str, *args: Any, _real: Any = real, **kw: Any) -> Any:
            reads.append(key)
            return _real(self, key, *args, **kw)

        monkeypatch.setattr(PageCache, name, counting)
    gather(Origin())
    assert len(reads) == 2 * len(URLS)


def test_one_page_to_fetch_sends_the_whole_list_through_the_event_loop(
    extractions: list[str],  # noqa: F811 (the fixture)
) -> None:
    origin = Origin()
    gather(origin, URLS[:2])
    articles = gather(origin)
    assert [article.provenance.get("cache") for article in articles] == ["cache", "cache", None]
    assert len(origin.requests) == len(URLS)


def test_the_keep_filter_sees_each_url_once_in_bookmark_order(
    extractions: list[str],  # noqa: F811 (the fixture)
) -> None:
    gather(Origin())
    asked: list[str] = []

    def keep(bookmark: Bookmark) -> bool:
        asked.append(bookmark.url)
        return bookmark.url != URLS[1]

    articles = gather(Origin(), (URLS[0], URLS[1], URLS[0], URLS[2]), keep=keep)
    assert [article.url for article in articles] == [URLS[0], URLS[2]]
    assert asked == [URLS[0], URLS[1], URLS[2]]
