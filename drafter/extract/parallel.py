"""Running extraction for a run: the worker pool, one page's call, and joining what it read
into the Article a section shows."""

from __future__ import annotations

import functools
import os
from concurrent.futures import Executor
from dataclasses import replace
from typing import TYPE_CHECKING

from drafter.cleantext import cap_title, strip_controls
from drafter.config import DEFAULT_EXTRACT_TIMEOUT, EXTRACT_TIMEOUT_FLOOR, TITLE_MAX, Settings
from drafter.extract.worker import extract_page
from drafter.models import Article, Bookmark, Extracted, FetchResult
from drafter.urls import host_of

if TYPE_CHECKING:
    import asyncio

    from drafter.extract.pool import ExtractionPool


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
        "source_from": extracted.source_from,
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
        title=cap_title(strip_controls(extracted.title), TITLE_MAX) if extracted.title else None,
        source=strip_controls(extracted.source) if extracted.source else None,
        lead=strip_controls(extracted.lead) if extracted.lead else None,
        error=error,
        provenance=provenance,
    )


def labelled(article: Article, settings: Settings) -> Article:
    """The article with the label drafter.toml gives its host, if it gives one."""
    if host_label := settings.label_for(host_of(article.final_url or article.url)):
        return replace(article, source=host_label)
    return article


def pool_size(articles: int) -> int:
    """Worker processes worth starting for this many pages: one per core, at most one per
    page, and one even for a single page, so that every extraction runs under a deadline."""
    return min(os.cpu_count() or 1, articles) if articles > 0 else 0


def extraction_deadline(settings: Settings) -> float:
    """Seconds one page's extraction may run: the article's --timeout, within bounds."""
    return max(EXTRACT_TIMEOUT_FLOOR, min(settings.fetch.timeout, DEFAULT_EXTRACT_TIMEOUT))


async def start_pool(articles: int) -> ExtractionPool | None:
    """The pool for a run, started in a thread (a blocking second or so, while the event
    loop already fetches), or None at once when there is nothing to parse."""
    import asyncio  # noqa: PLC0415 (a warm re-run, served from the cache, imports none)

    if not pool_size(articles):
        return None
    return await asyncio.to_thread(extraction_pool, articles)


def extraction_pool(articles: int) -> ExtractionPool | None:
    """Worker processes for this many pages, started at once so that they are ready by the
    time the first page arrives; None when none can be started (then threads extract)."""
    workers = pool_size(articles)
    if not workers:
        return None
    # Imported here: a warm re-run, served from the cache, starts no pool.
    from drafter.extract.pool import ExtractionPool  # noqa: PLC0415

    try:
        return ExtractionPool(workers)
    except OSError:  # no processes to be had
        return None


def shut_down_pool(starting: asyncio.Task[ExtractionPool | None]) -> None:
    if not starting.cancelled() and starting.exception() is None:
        pool = starting.result()
        if pool is not None:
            pool.shutdown()


class ExtractionFailed(Exception):
    """The page was fetched but could not be read: too slow, or its worker died."""


async def extract(
    pool: ExtractionPool | Executor | None, fetched: FetchResult, settings: Settings
) -> Extracted | None:
    """What extraction reads from a fetched page (None when there is no body); raises
    ExtractionFailed when it overran its deadline or its worker died."""
    if not fetched.ok or fetched.body is None:
        return None
    import asyncio  # noqa: PLC0415 (see start_pool)

    job = functools.partial(
        extract_page,
        fetched.body,
        fetched.final_url or fetched.url,
        fetched.headers,
        lead_max_ja=settings.lead_max_ja,
        lead_max_en=settings.lead_max_en,
        profiles=settings.profiles,
    )
    if pool is None:
        return await asyncio.to_thread(job)
    if isinstance(pool, Executor):  # bench/executors.py compares other executors
        return await asyncio.get_running_loop().run_in_executor(pool, job)
    from drafter.extract.pool import (  # noqa: PLC0415 (a pool runs)
        ExtractionOutOfMemory,
        ExtractionTimeout,
        WorkerLost,
    )

    deadline = extraction_deadline(settings)
    try:
        extracted: Extracted = await pool.run(job, deadline)
    except ExtractionTimeout as exc:
        raise ExtractionFailed(f"extraction took too long (stopped after {deadline:g}s)") from exc
    except ExtractionOutOfMemory as exc:
        raise ExtractionFailed(f"extraction stopped: {exc}") from exc
    except WorkerLost as exc:
        raise ExtractionFailed(f"extraction failed: {exc}") from exc
    return extracted


async def read_page(
    pool: ExtractionPool | Executor | None, fetched: FetchResult, settings: Settings
) -> tuple[FetchResult, Extracted | None]:
    """The page and what extraction read from it; an extraction that failed (too slow, its
    worker died) becomes the page's error, so the article is marked with it."""
    try:
        return fetched, await extract(pool, fetched, settings)
    except ExtractionFailed as exc:
        return replace(fetched, error=str(exc)), None
