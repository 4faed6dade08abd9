"""draft_episode(): bookmarks → fetch → extract → render → write, the one call the CLI makes."""

from __future__ import annotations

import os
from collections.abc import AsyncIterable, AsyncIterator, Callable, Coroutine, Mapping, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from drafter.config import CacheMode, Settings
from drafter.draft.edits import comparable_url, insert_sections, section_urls
from drafter.draft.episodes import (
    check_episode_folder,
    covered_urls,
    episode_lock,
    episode_path,
    is_hugo_site,
    replace_draft,
)
from drafter.draft.refill import fill_in, read_marks
from drafter.draft.render import Episode, render_episode, render_sections
from drafter.draft.skeletons import load_archetype
from drafter.errors import (
    DraftExistsError,
    DraftMissingError,
    InputError,
    NothingFetchedError,
    WriteError,
)
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
from drafter.files import describe_os_error, read_no_follow, write_atomic
from drafter.models import Article, Bookmark, FetchResult, LeftMark

if TYPE_CHECKING:
    import httpx

    from drafter.fetch.deadline import RunDeadline

# asyncio is imported where a run needs it: a re-run served wholly from the page cache
# never starts an event loop (nor imports one, with ssl behind it).


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
    # ... and the episode each of those is in (this one, for "already in this draft").
    left_out_episodes: dict[str, int] = field(default_factory=dict)
    # add: the still-marked failed articles fetched again (normalised URLs), and of those
    # the ones whose section was filled in.
    retried: list[str] = field(default_factory=list)
    filled_in: list[str] = field(default_factory=list)
    # add: the failure marks it cannot fill in (changed or continued by the host), with why.
    left_marks: list[LeftMark] = field(default_factory=list)

    @property
    def failed_again(self) -> list[Article]:
        return [article for article in self.failed if article.url in self.retried]

    @property
    def failed(self) -> list[Article]:
        return [article for article in self.articles if not article.ok]


def zone(name: str) -> ZoneInfo:
    """The named time zone, or an InputError naming it."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise InputError(f"unknown time zone '{name}'") from exc


def parse_date(text: str, timezone: str, option: str = "--date") -> datetime:
    """An ISO 8601 date or date-time, shown in `timezone` (a naive one is taken as local there);
    `option` names where it was given, for the error."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError as exc:
        raise InputError(
            f"{option} '{text}' is not an ISO 8601 date (e.g. 2020-10-17T15:20:18+09:00)"
        ) from exc
    tz = zone(timezone)
    if moment.tzinfo is None:
        return moment.replace(tzinfo=tz)
    return moment.astimezone(tz)


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
    """Which bookmarks to draft: not already in this draft (add), not in another episode;
    with add, the articles to fetch again always."""
    settings = request.settings
    present: set[str] = set()
    if request.add and path is not None:
        present = set(section_urls(read_draft(path)))
    retrying = set(report.retried)
    covered = (
        {}
        if request.allow_repeats
        else covered_urls(request.site, settings.section, request.number)
    )

    def keep(bookmark: Bookmark) -> bool:
        if bookmark.url in retrying:
            return True
        compared = comparable_url(bookmark.url)  # as the draft wrote it: without a password
        if compared in present:
            report.left_out.append((bookmark, "already in this draft"))
            report.left_out_episodes[bookmark.url] = request.number
            return False
        if compared in covered:
            episode = covered[compared]
            report.left_out.append(
                (bookmark, f"already in episode {episode} (--allow-repeats keeps it)")
            )
            report.left_out_episodes[bookmark.url] = episode
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
    their sections are inserted after its last section; the articles it still marks as
    failed are fetched again and, when they read, their marks filled in (draft.refill); no
    other byte of it changes."""
    settings = request.settings
    path = (
        None
        if request.to_stdout
        else (request.out or episode_path(request.site, settings.section, request.number))
    )
    if path is not None and request.out is None:
        check_episode_folder(path)
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

    # The episode's lock is kept in the site (.drafter/locks); outside one, --out's draft
    # is the only thing written.
    locking = path is not None and (request.out is None or is_hugo_site(request.site))
    with episode_lock(request.site, settings.section, request.number) if locking else nullcontext():
        bookmarks = request.bookmarks
        if request.add and path is not None:
            fillable, report.left_marks = read_marks(read_draft(path))
            report.retried = list(dict.fromkeys(section.url for section in fillable))
            bookmarks = _with_retries(report.retried, bookmarks)
        keep = _keep_filter(request, path, report)
        report.articles = gather_articles(
            bookmarks,
            settings,
            on_article=on_article,
            transport=transport,
            keep=keep,
            cache=request.cache,
        )
        if not report.articles:
            if request.add or report.left_out:
                return report  # nothing new: the draft stays exactly as it was
            raise InputError("no usable URL to draft")
        if not any(article.ok for article in report.articles):
            what = "so the draft was not changed" if request.add else "so no draft was written"
            raise NothingFetchedError(
                f"every article failed, {what}",
                report.articles,
                report.retried,
                report.left_out,
                report.left_marks,
            )
        if request.add and path is not None:
            current = read_draft(path)  # again: the host may have saved while we fetched
            retried = set(report.retried)
            report.markdown, report.filled_in = fill_in(
                current, {a.url: a for a in report.articles if a.url in retried}
            )
            new = [article for article in report.articles if article.url not in retried]
            if new:
                sections = render_sections(new, template=template, site_templates=site_templates)
                report.markdown = insert_sections(report.markdown, sections)
            if report.markdown != current:
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
            report.backup = replace_draft(
                request.site, path, report.markdown, request.number, datetime.now()
            )
        else:
            write_atomic(path, report.markdown, replace=request.force)
    return report


def _with_retries(retried: list[str], bookmarks: BookmarkSource) -> BookmarkSource:
    """The failed articles to fetch again first, then the new bookmarks (still a list when
    they are one, so the worker pool is sized to the pages)."""
    again = [Bookmark(url=url) for url in retried]
    if isinstance(bookmarks, Sequence):
        return [*again, *bookmarks]

    async def chained() -> AsyncIterator[Bookmark]:
        for bookmark in again:
            yield bookmark
        async for bookmark in bookmarks:
            yield bookmark

    return chained()


def read_draft(path: Path) -> str:
    """The text of an existing draft (never through a symbolic link), or a clear error."""
    try:
        return read_no_follow(path).decode("utf-8")
    except OSError as exc:
        raise WriteError(f"cannot read the draft {path}: {describe_os_error(exc)}") from exc
    except UnicodeDecodeError as exc:
        raise WriteError(f"cannot read the draft {path}: {exc}") from exc


def _exists_message(path: Path) -> str:
    return (
        f"{path} already exists; use drafter add to append articles to it, or --force to "
        "replace it (the old draft is kept as a backup)"
    )
