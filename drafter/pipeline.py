"""draft_episode(): bookmarks → fetch → extract → render → write, the one call the CLI makes."""

from __future__ import annotations

import asyncio
import functools
import multiprocessing
import os
import signal
from collections.abc import Callable, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import httpx

from drafter.browser import BrowserUnavailable, Rendered, render_all
from drafter.config import Settings
from drafter.episodes import backup_draft, episode_lock, episode_path, write_atomic
from drafter.errors import DraftExistsError, InputError, NothingFetchedError
from drafter.extract import extract_article
from drafter.fetch import Fetcher, build_client
from drafter.models import Article, Bookmark, Extracted, FetchResult
from drafter.render import Episode, render_episode
from drafter.urls import host_of

OnArticle = Callable[[Article], None]


@dataclass(frozen=True)
class DraftRequest:
    """One `drafter new`: which episode, from which bookmarks, written where."""

    number: int
    bookmarks: Sequence[Bookmark]
    site: Path
    settings: Settings = field(default_factory=Settings)
    out: Path | None = None  # None: <site>/content/<section>/<number>/index.md
    to_stdout: bool = False  # render only; the caller prints `DraftReport.markdown`
    force: bool = False
    title: str | None = None  # None: the settings' title pattern
    date: datetime | None = None  # None: now, in the settings' timezone
    template: Path | None = None


@dataclass
class DraftReport:
    """What a run did, for the summary and for --json."""

    number: int
    path: Path | None
    articles: list[Article] = field(default_factory=list)
    markdown: str = ""
    backup: Path | None = None

    @property
    def failed(self) -> list[Article]:
        return [article for article in self.articles if not article.ok]


def zone(name: str) -> ZoneInfo:
    """The named time zone, or an InputError naming it."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise InputError(f"unknown time zone '{name}'") from exc


def parse_date(text: str, timezone: str) -> datetime:
    """An ISO 8601 date or date-time, shown in `timezone` (a naive one is taken as local there)."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError as exc:
        raise InputError(
            f"--date '{text}' is not an ISO 8601 date (e.g. 2020-10-17T15:20:18+09:00)"
        ) from exc
    tz = zone(timezone)
    if moment.tzinfo is None:
        return moment.replace(tzinfo=tz)
    return moment.astimezone(tz)


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


def _ignore_sigint() -> None:
    # Ctrl-C is the parent's to handle; a worker printing its own traceback helps nobody.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def extraction_pool(articles: int) -> Executor | None:
    """A process pool when there is enough work to use more than one core."""
    workers = min(os.cpu_count() or 1, articles)
    if workers < 2:
        return None
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["drafter.extract"])
    return ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_ignore_sigint)


async def _extract(
    executor: Executor | None, fetched: FetchResult, settings: Settings
) -> Extracted | None:
    if not fetched.ok or fetched.body is None:
        return None
    job = functools.partial(
        extract_article,
        fetched.body,
        fetched.final_url or fetched.url,
        fetched.headers,
        lead_max_ja=settings.lead_max_ja,
        lead_max_en=settings.lead_max_en,
    )
    if executor is None:
        return await asyncio.to_thread(job)
    try:
        return await asyncio.get_running_loop().run_in_executor(executor, job)
    except BrokenProcessPool:  # a worker died (out of memory, killed): extract here instead
        return await asyncio.to_thread(job)


async def collect_articles(
    bookmarks: Sequence[Bookmark],
    settings: Settings,
    *,
    on_article: OnArticle | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
) -> list[Article]:
    """Fetch and extract every bookmark; the articles come back in bookmark order."""
    by_url = {bookmark.url: bookmark for bookmark in bookmarks}
    done: dict[str, Article] = {}
    to_render: list[Bookmark] = []
    executor = extraction_pool(len(bookmarks))

    async def finish(fetched: FetchResult) -> None:
        extracted = await _extract(executor, fetched, settings)
        article = article_from(by_url[fetched.url], fetched, extracted)
        done[article.url] = article
        if wants_render(settings.render, fetched, extracted):
            to_render.append(by_url[fetched.url])  # reported once the browser has had its go
        elif on_article is not None:
            on_article(article)

    try:
        async with build_client(settings.fetch, transport) as client:
            fetcher = Fetcher(client, settings.fetch)
            async with asyncio.TaskGroup() as group:
                async for fetched in fetcher.fetch_all(list(by_url)):
                    group.create_task(finish(fetched))
        if to_render:
            await render_articles(to_render, done, settings, executor, on_article)
    finally:
        if executor is not None:
            executor.shutdown(wait=False, cancel_futures=True)
    # Keep bookmark order: the episode is recorded in this order.
    return [done[bookmark.url] for bookmark in bookmarks]


def wants_render(mode: str, fetched: FetchResult, extracted: Extracted | None) -> bool:
    """Whether a page goes to the browser: every page with `always`; with `auto` the pages
    whose static HTML gave no title or no lead (not fetch errors such as a 404)."""
    if mode == "always":
        return True
    if mode != "auto" or extracted is None:
        return False
    return bool(extracted.blocked) or not extracted.title or not extracted.lead


def _with_render(article: Article, how: str) -> Article:
    return replace(article, provenance={**article.provenance, "render": how})


async def _from_rendered(
    page: Rendered,
    bookmark: Bookmark,
    static: Article,
    settings: Settings,
    executor: Executor | None,
) -> Article:
    """The article as the browser showed it, when that says more than the static one."""
    if page.error is not None or page.html is None:
        return _with_render(static, f"failed: {page.error}")
    fetched = FetchResult(
        url=bookmark.url,
        final_url=page.final_url,
        status=200,
        headers={"content-type": "text/html; charset=utf-8"},  # page.content() is text
        body=page.html.encode("utf-8"),
        elapsed=static.elapsed + page.elapsed,
    )
    article = article_from(bookmark, fetched, await _extract(executor, fetched, settings))
    if host_label := settings.label_for(host_of(article.final_url or article.url)):
        article = replace(article, source=host_label)

    def score(one: Article) -> tuple[bool, bool, bool]:
        return one.ok, one.lead is not None, one.title is not None

    if score(article) < score(static):
        return _with_render(static, "rendered, but no better than the static page")
    return replace(_with_render(article, f"rendered in {page.elapsed:.1f}s"), rendered=True)


async def render_articles(
    bookmarks: Sequence[Bookmark],
    done: dict[str, Article],
    settings: Settings,
    executor: Executor | None,
    on_article: OnArticle | None = None,
) -> None:
    """Render these pages in one browser and extract them again, updating `done`; without a
    browser, each says why in its provenance and keeps what static HTML gave."""
    waiting = {bookmark.url: bookmark for bookmark in bookmarks}
    try:
        async for page in render_all(list(waiting), settings):
            bookmark = waiting.pop(page.url)
            done[page.url] = await _from_rendered(
                page, bookmark, done[page.url], settings, executor
            )
            if on_article is not None:
                on_article(done[page.url])
    except BrowserUnavailable as exc:
        for url in waiting:
            done[url] = _with_render(done[url], f"unavailable: {exc}")
            if on_article is not None:
                on_article(done[url])


def draft_episode(
    request: DraftRequest,
    *,
    on_article: OnArticle | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
) -> DraftReport:
    """Fetch, extract and render every bookmark, then write the draft (or return it)."""
    settings = request.settings
    path = (
        None
        if request.to_stdout
        else (request.out or episode_path(request.site, settings.section, request.number))
    )
    if path is not None and path.exists() and not request.force:
        raise DraftExistsError(_exists_message(path))
    title = request.title or settings.title_pattern.format(number=request.number)
    date = request.date or datetime.now(zone(settings.timezone))
    report = DraftReport(number=request.number, path=path)

    with episode_lock(request.site, settings.section, request.number) if path else nullcontext():
        report.articles = asyncio.run(
            collect_articles(
                request.bookmarks, settings, on_article=on_article, transport=transport
            )
        )
        if request.bookmarks and not any(article.ok for article in report.articles):
            raise NothingFetchedError(
                "every article failed, so no draft was written", articles=report.articles
            )
        report.markdown = render_episode(
            Episode(request.number, title, date, report.articles), template=request.template
        )
        if path is None:
            return report
        exists = path.exists()
        if exists and not request.force:  # it appeared while we were fetching
            raise DraftExistsError(_exists_message(path))
        if exists:
            report.backup = backup_draft(request.site, path, request.number, datetime.now())
        write_atomic(path, report.markdown, replace=request.force)
    return report


def _exists_message(path: Path) -> str:
    return f"{path} already exists; use --force to replace it (the old draft is kept as a backup)"
