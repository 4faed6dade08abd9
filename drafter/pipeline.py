"""draft_episode(): bookmarks → fetch → extract → render → write, the one call the CLI makes."""

from __future__ import annotations

import asyncio
import functools
import multiprocessing
import os
from collections.abc import AsyncIterable, AsyncIterator, Callable, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from drafter.cache import PageCache, cache_file
from drafter.config import CacheMode, Settings
from drafter.drafts import insert_sections, section_urls
from drafter.episodes import (
    backup_draft,
    covered_urls,
    episode_lock,
    episode_path,
    write_atomic,
)
from drafter.errors import (
    DraftExistsError,
    DraftMissingError,
    InputError,
    NothingFetchedError,
    WriteError,
)
from drafter.models import Article, Bookmark, Extracted, FetchResult
from drafter.pages import Network, PageSource
from drafter.render import Episode, render_episode, render_sections
from drafter.skeletons import load_archetype
from drafter.urls import host_of
from drafter.workers import extract_page, ready, start_worker

if TYPE_CHECKING:
    import httpx

    from drafter.browser import Rendered

OnArticle = Callable[[Article], None]
BookmarkSource = Sequence[Bookmark] | AsyncIterable[Bookmark]


@dataclass(frozen=True)
class DraftRequest:
    """One `drafter new`: which episode, from which bookmarks, written where."""

    number: int
    bookmarks: BookmarkSource
    site: Path
    settings: Settings = field(default_factory=Settings)
    out: Path | None = None  # None: <site>/content/<section>/<number>/index.md
    to_stdout: bool = False  # render only; the caller prints `DraftReport.markdown`
    force: bool = False
    title: str | None = None  # None: the settings' title pattern
    date: datetime | None = None  # None: now, in the settings' timezone
    template: Path | None = None  # None: the site's templates/, then the built-in one
    add: bool = False  # append to the existing draft instead of writing a new one
    allow_repeats: bool = False  # keep articles that an earlier episode already covered
    cache: CacheMode = "use"  # the page cache: "use", "refresh", "offline" or "off"


@dataclass
class DraftReport:
    """What a run did, for the summary and for --json."""

    number: int
    path: Path | None
    articles: list[Article] = field(default_factory=list)
    markdown: str = ""
    backup: Path | None = None
    # Bookmarks left out, with why: already in this draft, or covered by another episode.
    left_out: list[tuple[Bookmark, str]] = field(default_factory=list)

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


def extraction_pool(articles: int) -> Executor | None:
    """A process pool when there is enough work to use more than one core, its workers
    started at once so that they are ready by the time the first page arrives."""
    workers = min(os.cpu_count() or 1, articles)
    if workers < 2:
        return None
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["drafter.extract", "drafter.workers"])
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


def _shut_down(starting: asyncio.Task[Executor | None]) -> None:
    if not starting.cancelled() and starting.exception() is None:
        pool = starting.result()
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)


async def _extract(
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
    try:
        return await asyncio.get_running_loop().run_in_executor(executor, job)
    except BrokenProcessPool:  # a worker died (out of memory, killed): extract here instead
        return await asyncio.to_thread(job)


async def _each(bookmarks: BookmarkSource) -> AsyncIterator[Bookmark]:
    if isinstance(bookmarks, AsyncIterable):
        async for bookmark in bookmarks:
            yield bookmark
    else:
        for bookmark in bookmarks:
            yield bookmark


async def collect_articles(
    bookmarks: BookmarkSource,
    settings: Settings,
    *,
    on_article: OnArticle | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
    keep: Callable[[Bookmark], bool] | None = None,
    cache: CacheMode = "use",
) -> list[Article]:
    """Fetch and extract every bookmark (a list, or a stream that is still being pasted:
    fetching starts as each one arrives), through the page cache as `cache` says; the
    articles come back in bookmark order."""
    order: list[Bookmark] = []
    done: dict[str, Article] = {}
    to_render: list[Bookmark] = []
    network = Network(settings.fetch, transport)
    pages = PageSource(
        PageCache(cache_file()) if cache != "off" else None,
        network.fetch,
        mode=cache,
        max_age_days=settings.cache_days,
        lead_max=(settings.lead_max_ja, settings.lead_max_en),
        variant=repr(settings.profiles) if settings.profiles else "",
    )
    # Size the pool by the pages still to parse: a warm re-run starts no worker at all.
    expected = (
        sum(pages.needs_work(bookmark.url) for bookmark in bookmarks)
        if isinstance(bookmarks, Sequence)
        else os.cpu_count() or 1
    )
    # The workers start in a thread: the forkserver imports the extractor while the event
    # loop is already fetching (starting them is a blocking call of a second or so).
    starting = asyncio.create_task(asyncio.to_thread(extraction_pool, expected))
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
                fetched = pages.with_body(page)
                extracted = await _extract(await starting, fetched, settings)
            if extracted is not None:
                pages.keep_extraction(page, extracted)
        article = article_from(bookmark, fetched, extracted)
        if page.origin in ("cache", "revalidated"):  # -v and --json say where it came from
            article = replace(article, provenance={**article.provenance, "cache": page.origin})
        if host_label := settings.label_for(host_of(article.final_url or article.url)):
            article = replace(article, source=host_label)
        done[article.url] = article
        if wants_render(settings.render, fetched, extracted):
            to_render.append(bookmark)  # reported once the browser has had its go
        elif on_article is not None:
            on_article(article)

    try:
        async with asyncio.TaskGroup() as group:
            async for bookmark in _each(bookmarks):
                if bookmark.url in done:
                    continue
                if keep is not None and not keep(bookmark):
                    continue
                order.append(bookmark)
                done.setdefault(bookmark.url, Article(url=bookmark.url, error="not fetched"))
                group.create_task(finish(bookmark))
        if to_render:
            await render_articles(to_render, done, settings, await starting, on_article)
    finally:
        await network.aclose()
        pages.close()
        if starting.done():
            _shut_down(starting)
        else:  # interrupted while the workers were starting
            starting.add_done_callback(_shut_down)
    # Keep bookmark order: the episode is recorded in this order.
    return [done[bookmark.url] for bookmark in order]


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
    from drafter.browser import BrowserUnavailable, render_all  # noqa: PLC0415 (start-up)

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


def _templates(request: DraftRequest) -> tuple[Path | None, Path | None]:
    """The template file to use (flag, then drafter.toml) and the site's templates/ folder."""
    template = request.template
    if template is None and request.settings.template:
        template = request.site / request.settings.template
    site_templates = request.site / "templates"
    return template, site_templates if site_templates.is_dir() else None


def _keep_filter(
    request: DraftRequest, path: Path | None, report: DraftReport
) -> Callable[[Bookmark], bool]:
    """Which bookmarks to draft: not already in this draft (add), not in another episode."""
    settings = request.settings
    present: set[str] = set()
    if request.add and path is not None:
        present = set(section_urls(read_draft(path)))
    covered = (
        {}
        if request.allow_repeats
        else covered_urls(request.site, settings.section, request.number)
    )

    def keep(bookmark: Bookmark) -> bool:
        if bookmark.url in present:
            report.left_out.append((bookmark, "already in this draft"))
            return False
        if bookmark.url in covered:
            episode = covered[bookmark.url]
            report.left_out.append(
                (bookmark, f"already in episode {episode} (--allow-repeats keeps it)")
            )
            return False
        return True

    return keep


def draft_episode(
    request: DraftRequest,
    *,
    on_article: OnArticle | None = None,
    transport: httpx.AsyncBaseTransport | None = None,
) -> DraftReport:
    """Fetch, extract and render every bookmark, then write the draft (or return it).

    With `request.add`, only the articles not yet in the existing draft are fetched, and
    their sections are inserted after its last section; no other byte of it changes."""
    settings = request.settings
    path = (
        None
        if request.to_stdout
        else (request.out or episode_path(request.site, settings.section, request.number))
    )
    if request.add and (path is None or not path.is_file()):
        raise DraftMissingError(
            f"there is no draft at {path} to add to; write one first with drafter new"
        )
    if path is not None and path.exists() and not request.force and not request.add:
        raise DraftExistsError(_exists_message(path))
    title = request.title or settings.title_pattern.format(number=request.number)
    date = request.date or datetime.now(zone(settings.timezone))
    template, site_templates = _templates(request)
    archetype = (
        load_archetype(request.site, settings.section) if settings.skeleton == "archetype" else None
    )
    report = DraftReport(number=request.number, path=path)

    with episode_lock(request.site, settings.section, request.number) if path else nullcontext():
        keep = _keep_filter(request, path, report)
        report.articles = asyncio.run(
            collect_articles(
                request.bookmarks,
                settings,
                on_article=on_article,
                transport=transport,
                keep=keep,
                cache=request.cache,
            )
        )
        if not report.articles:
            if request.add or report.left_out:
                return report  # nothing new: the draft stays exactly as it was
            raise InputError("no usable URL to draft")
        if not any(article.ok for article in report.articles):
            raise NothingFetchedError(
                "every article failed, so no draft was written", articles=report.articles
            )
        if request.add and path is not None:
            current = read_draft(path)  # again: the host may have saved while we fetched
            sections = render_sections(
                report.articles, template=template, site_templates=site_templates
            )
            report.markdown = insert_sections(current, sections)
            write_atomic(path, report.markdown, replace=True)
            return report
        report.markdown = render_episode(
            Episode(request.number, title, date, report.articles),
            template=template,
            site_templates=site_templates,
            skeleton=settings.skeleton if archetype is None else "academic",
            archetype=archetype,
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


def read_draft(path: Path) -> str:
    """The text of an existing draft, or a clear error."""
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise WriteError(f"cannot read the draft {path}: {exc}") from exc


def _exists_message(path: Path) -> str:
    return (
        f"{path} already exists; use drafter add to append articles to it, or --force to "
        "replace it (the old draft is kept as a backup)"
    )
