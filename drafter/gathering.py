"""gather_articles(): every bookmark fetched, extracted and, when its static HTML says too
little, rendered, through the page cache; the articles in bookmark order, one per URL."""

from __future__ import annotations

import os
from collections.abc import AsyncIterable, AsyncIterator, Callable, Coroutine, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from drafter.config import CacheMode, Settings
from drafter.extract.parallel import (
    article_from,
    labelled,
    read_page,
    shut_down_pool,
    start_pool,
)
from drafter.fetch.cache import PageCache, cache_file
from drafter.fetch.javascript import Renderer, wants_render
from drafter.fetch.pages import Network, Page, PageSource
from drafter.models import Article, Bookmark, FetchResult

if TYPE_CHECKING:
    import httpx

    from drafter.fetch.deadline import RunDeadline

# asyncio is imported where a run needs it: a re-run served wholly from the page cache
# never starts an event loop (nor imports one, with ssl behind it).


OnArticle = Callable[[Article], None]
BookmarkSource = Sequence[Bookmark] | AsyncIterable[Bookmark]


async def _each(bookmarks: BookmarkSource) -> AsyncIterator[Bookmark]:
    if isinstance(bookmarks, AsyncIterable):
        async for bookmark in bookmarks:
            yield bookmark
    else:
        for bookmark in bookmarks:
            yield bookmark


async def _start_each(
    bookmarks: BookmarkSource,
    keep: Callable[[Bookmark], bool] | None,
    order: list[Bookmark],
    done: dict[str, Article],
    deadline: RunDeadline,
    finish: Callable[[Bookmark], Coroutine[Any, Any, None]],
) -> None:
    """`finish` each bookmark `keep` keeps, once a URL, in `order`, within the deadline."""
    import asyncio  # noqa: PLC0415 (see the note at the top)

    async with deadline.bound(), asyncio.TaskGroup() as group:
        async for bookmark in _each(bookmarks):
            if bookmark.url in done:
                continue
            if keep is not None and not keep(bookmark):
                continue
            order.append(bookmark)
            done.setdefault(bookmark.url, Article(url=bookmark.url, error="not fetched"))
            group.create_task(deadline.watch(bookmark, finish(bookmark)))
        deadline.start()  # counted once every bookmark is in (a paste takes its time)


async def collect_articles(
    bookmarks: BookmarkSource,
    settings: Settings,
    *,
    on_article: OnArticle | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
    keep: Callable[[Bookmark], bool] | None = None,
    cache: CacheMode = "use",
    pages: PageSource | None = None,
) -> list[Article]:
    """Fetch and extract every bookmark (a list, or a stream that is still being pasted:
    fetching starts as each one arrives), through the page cache as `cache` says (or
    `pages`, opened by `gather_articles`); the articles come back in bookmark order."""
    import asyncio  # noqa: PLC0415 (see the note at the top)

    from drafter.fetch.deadline import RunDeadline  # noqa: PLC0415 (asyncio)

    order: list[Bookmark] = []
    done: dict[str, Article] = {}
    deadline = RunDeadline(settings.deadline)
    renderer = Renderer(settings)  # imports asyncio: made only here
    network = Network(settings.fetch, transport)
    pages = pages or _page_source(settings, cache)
    pages.fetch = network.fetch  # the network opens with the first page that needs it
    # Size the pool by the pages still to parse: a warm re-run starts no worker at all.
    expected = (
        sum(pages.needs_work(bookmark.url) for bookmark in bookmarks)
        if isinstance(bookmarks, Sequence)
        else os.cpu_count() or 1
    )
    # The workers start in a thread: the forkserver imports the extractor while the event
    # loop is already fetching (starting them is a blocking call of a second or so).
    starting = asyncio.create_task(start_pool(expected))
    # Pages at the extractors at once; the others wait with their bodies left in the cache,
    # so memory does not grow with the number of pages fetched ahead of the parsing.
    extracting = asyncio.Semaphore(2 * (os.cpu_count() or 1))

    async def finish(bookmark: Bookmark) -> None:
        page = await pages.page(bookmark.url)
        fetched, extracted = page.fetched, pages.extraction(page)
        if extracted is None and page.digest is not None:
            if extracting.locked():
                page = page.spilled()
                fetched = page.fetched
            async with extracting:
                # Read back from the cache (rarely fetched again: the slot waits for it then).
                page = await pages.with_body(page)
                fetched, extracted = await read_page(await starting, page.fetched, settings)
            if extracted is not None:
                pages.keep_extraction(page, extracted)
        article = labelled(article_from(bookmark, fetched, extracted), settings)
        if page.origin in ("cache", "revalidated"):  # -v and --json say where it came from
            article = replace(article, provenance={**article.provenance, "cache": page.origin})
        if wants_render(settings.render, fetched, extracted):  # reported after the browser's go
            deadline.reading(article)
            article = await renderer.article(bookmark, article, await starting)
        done[article.url] = article
        if on_article is not None:
            on_article(article)

    try:
        await _start_each(bookmarks, keep, order, done, deadline, finish)
        if deadline.passed:
            await asyncio.wait([starting])  # so that its workers are shut down below
        for article in deadline.cut_off():  # none unless it passed
            done[article.url] = article
            if on_article is not None:
                on_article(article)
    finally:
        await renderer.aclose()
        await network.aclose()
        pages.close()
        if starting.done():
            shut_down_pool(starting)
        else:  # interrupted while the workers were starting
            starting.add_done_callback(shut_down_pool)
    # Keep bookmark order: the episode is recorded in this order.
    return [done[bookmark.url] for bookmark in order]


def _page_source(settings: Settings, cache: CacheMode) -> PageSource:
    """The run's pages, through the page cache as `cache` says; `fetch` set by the caller."""
    return PageSource(
        PageCache(cache_file()) if cache != "off" else None,
        _no_network,
        mode=cache,
        max_age_days=settings.cache_days,
        lead_max=(settings.lead_max_ja, settings.lead_max_en),
        variant=repr(settings.profiles) if settings.profiles else "",
    )


async def _no_network(url: str, headers: Mapping[str, str]) -> FetchResult:
    raise AssertionError(f"{url} fetched before the run's network was opened")


def gather_articles(
    bookmarks: BookmarkSource,
    settings: Settings,
    *,
    on_article: OnArticle | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
    keep: Callable[[Bookmark], bool] | None = None,
    cache: CacheMode = "use",
) -> list[Article]:
    """`collect_articles` run to its end; a list whose every page the cache holds with its
    extraction (nothing to fetch, parse or render) is read without an event loop."""
    pages = _page_source(settings, cache)
    if isinstance(bookmarks, Sequence):
        bookmarks, keep = _kept(bookmarks, keep), None
        ready = [pages.ready(bookmark.url) for bookmark in bookmarks]
        found = [page for page in ready if page is not None and page.extracted is not None]
        if len(found) == len(ready) and not any(
            wants_render(settings.render, page.fetched, page.extracted) for page in found
        ):
            try:
                return [
                    _cached_article(b, p, settings, on_article)
                    for b, p in zip(bookmarks, found, strict=True)
                ]
            finally:
                pages.close()
    import asyncio  # noqa: PLC0415 (see the note at the top)

    return asyncio.run(
        collect_articles(
            bookmarks,
            settings,
            on_article=on_article,
            transport=transport,
            keep=keep,
            cache=cache,
            pages=pages,
        )
    )


def _kept(bookmarks: Sequence[Bookmark], keep: Callable[[Bookmark], bool] | None) -> list[Bookmark]:
    """The bookmarks `keep` keeps, once a URL, as `_start_each` takes them."""
    kept: dict[str, Bookmark] = {}
    for bookmark in bookmarks:
        if bookmark.url not in kept and (keep is None or keep(bookmark)):
            kept[bookmark.url] = bookmark
    return list(kept.values())


def _cached_article(
    bookmark: Bookmark, page: Page, settings: Settings, on_article: OnArticle | None
) -> Article:
    """The article of a page the cache holds with its extraction, as `finish` makes it."""
    article = labelled(article_from(bookmark, page.fetched, page.extracted), settings)
    article = replace(article, provenance={**article.provenance, "cache": page.origin})
    if on_article is not None:
        on_article(article)
    return article
