"""Running extraction for a run: the worker pool, one page's call, and joining what it read
into the Article a section shows."""

from __future__ import annotations

import asyncio
import functools
import os
from concurrent.futures import Executor
from dataclasses import replace

from drafter.config import Settings
from drafter.extract.worker import extract_page, ready, start_worker
from drafter.models import Article, Bookmark, Extracted, FetchResult
from drafter.urls import host_of


def article_from(bookmark: Bookmark, fetched: FetchResult, extracted: Extracted | None) -> Article:
    """Join a bookmark, its fetch and its extraction into the section the draft shows."""
    base = Article(
        url=bookmark.url, note=bookmark.note, final_url=fetched.final_url, elapsed=fetched.elapsed
    )
    if fetched.error is not None or extracted is None:
        return replace(base, error=fetched.error or "not fetched")
    provenance = {
        "title_from": extracted.title_from,
        "lead_from": extracted.lead_from,
        "charset": extracted.charset,
        "charset_from": extracted.charset_from,
        "blocked": extracted.blocked,
    }
    if extracted.blocked:
        return replace(base, error=f"blocked page ({extracted.blocked})", provenance=provenance)
    error = None
    if not extracted.title and not extracted.lead:
        error = "no article text found on the page"
    elif not extracted.lead:
        error = "no lead paragraph found"
    return replace(
        base,
        title=extracted.title,
        source=extracted.source,
        lead=extracted.lead,
        error=error,
        provenance=provenance,
    )


def labelled(article: Article, settings: Settings) -> Article:
    """The article with the label drafter.toml gives its host, if it gives one."""
    if host_label := settings.label_for(host_of(article.final_url or article.url)):
        return replace(article, source=host_label)
    return article


def pool_size(articles: int) -> int:
    """Worker processes worth starting for this many pages; under 2, none."""
    workers = min(os.cpu_count() or 1, articles)
    return workers if workers >= 2 else 0


async def start_pool(articles: int) -> Executor | None:
    """The pool for a run, started in a thread (a blocking second or so, while the event
    loop already fetches), or None at once when there is too little work for one."""
    if not pool_size(articles):
        return None
    return await asyncio.to_thread(extraction_pool, articles)


def extraction_pool(articles: int) -> Executor | None:
    """A process pool when there is enough work to use more than one core, its workers
    started at once so that they are ready by the time the first page arrives."""
    workers = pool_size(articles)
    if not workers:
        return None
    # Imported here: a warm re-run, served from the cache, starts no pool.
    import multiprocessing  # noqa: PLC0415
    from concurrent.futures import ProcessPoolExecutor  # noqa: PLC0415
    from concurrent.futures.process import BrokenProcessPool  # noqa: PLC0415

    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["drafter.extract.article", "drafter.extract.worker"])
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=start_worker,
        initargs=(os.getpid(),),
    )
    try:
        for _ in range(workers):  # one no-op each: every worker starts now, not on demand
            pool.submit(ready)
    except (OSError, BrokenProcessPool):  # no processes to be had: extract in threads
        pool.shutdown(wait=False, cancel_futures=True)
        return None
    return pool


def shut_down_pool(starting: asyncio.Task[Executor | None]) -> None:
    if not starting.cancelled() and starting.exception() is None:
        pool = starting.result()
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)


async def extract(
    executor: Executor | None, fetched: FetchResult, settings: Settings
) -> Extracted | None:
    if not fetched.ok or fetched.body is None:
        return None
    job = functools.partial(
        extract_page,
        fetched.body,
        fetched.final_url or fetched.url,
        fetched.headers,
        lead_max_ja=settings.lead_max_ja,
        lead_max_en=settings.lead_max_en,
        profiles=settings.profiles,
    )
    if executor is None:
        return await asyncio.to_thread(job)
    from concurrent.futures.process import BrokenProcessPool  # noqa: PLC0415 (a pool is running)

    try:
        return await asyncio.get_running_loop().run_in_executor(executor, job)
    except BrokenProcessPool:  # a worker died (out of memory, killed): extract here instead
        return await asyncio.to_thread(job)
