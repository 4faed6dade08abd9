"""draft_episode(): bookmarks → fetch → extract → render → write, the one call the CLI makes."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING
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
from drafter.files import describe_os_error, read_no_follow, write_atomic
from drafter.gathering import BookmarkSource, OnArticle, gather_articles
from drafter.models import Article, Bookmark, LeftMark

if TYPE_CHECKING:
    import httpx


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
