"""What `drafter new` and `drafter add` share once their arguments are read: the sources,
the progress display, the library call, the summary and the exit code.

Imports nothing heavy at module level (the CLI imports this module on every command).
"""

from __future__ import annotations

import json
import signal
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any, NoReturn

import typer

from drafter.cleantext import strip_controls
from drafter.cli.cache_commands import show_cache_warnings
from drafter.errors import DrafterError, InputError, NothingFetchedError

if TYPE_CHECKING:
    from drafter.bookmarks.text import ParsedBookmarks
    from drafter.config import Settings
    from drafter.gathering import BookmarkSource
    from drafter.models import Article, Bookmark
    from drafter.pipeline import DraftReport, DraftRequest

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_PARTIAL = 3
EXIT_INTERRUPTED = 130


def say(message: str) -> None:
    """A line for people on stderr; a page's escape sequences never reach the terminal."""
    print(strip_controls(message), file=sys.stderr, flush=True)


def fail(exc: DrafterError) -> NoReturn:
    say(f"error: {exc}")
    raise typer.Exit(exc.exit_code)


@dataclass
class Source:
    """Bookmarks as read from SOURCE: a list, or a live stream when pasting."""

    bookmarks: BookmarkSource
    parsed: ParsedBookmarks | None = None
    text_file: Path | None = None  # a plain-text file, the only kind --archive may change
    snapshot: str = ""  # its text as read, so --archive can tell if it changed meanwhile
    pasting: bool = False


def read_sources(
    sources: list[str],
    settings: Settings,
    *,
    folder: str | None,
    since: str | None,
    urls_are_articles: bool,
    adding: bool = False,
) -> Source:
    """Every SOURCE (files, -, URLs; none: stdin or interactive paste) as one bookmark list.

    `adding` (drafter add, which also retries the draft's failed articles): no usable URL is
    not an error."""
    from drafter.bookmarks.sources import read_one_source
    from drafter.bookmarks.text import ParsedBookmarks

    since_date = parse_since(since, settings)
    if not sources and sys.stdin is not None and sys.stdin.isatty():
        from drafter.cli.paste import pasted_bookmarks

        return Source(pasted_bookmarks(sys.stdin, say), pasting=True)
    merged: list[Any] = []
    skipped: list[Any] = []
    seen: set[str] = set()
    text_file: Path | None = None
    snapshot = ""
    for source in sources or ["-"]:
        read = read_one_source(
            source,
            settings,
            folder=folder,
            since=since_date,
            urls_are_articles=urls_are_articles,
            fetch_url=lambda url: _fetch_source(url, settings),
        )
        if read.text_file is not None and len(sources) == 1:
            text_file, snapshot = read.text_file, read.snapshot
        for skip in read.parsed.skipped:
            say(f"warning: {read.name}: line {skip.line}: {skip.reason}; skipped: {skip.text[:80]}")
        skipped += read.parsed.skipped
        for bookmark in read.parsed.bookmarks:
            if bookmark.url not in seen:
                seen.add(bookmark.url)
                merged.append(bookmark)
    if not merged and not adding:
        names = ", ".join("standard input" if s == "-" else s for s in sources or ["-"])
        raise InputError(f"no usable URL in {names}")
    parsed = ParsedBookmarks(merged, skipped)
    return Source(merged, parsed=parsed, text_file=text_file, snapshot=snapshot)


def _command_sources(
    command: str,
    sources: list[str],
    settings: Settings,
    folder: str | None,
    since: str | None,
    retry_only: bool,
) -> Source:
    """The bookmarks of `new` or `add`; none for `add --latest` without SOURCE, which
    only retries the draft's failed articles and never reads standard input."""
    if retry_only:
        from drafter.bookmarks.text import ParsedBookmarks

        return Source([], parsed=ParsedBookmarks([], []))
    adding = command == "add"
    return read_sources(
        sources, settings, folder=folder, since=since, urls_are_articles=adding, adding=adding
    )


def _fetch_source(url: str, settings: Settings) -> bytes | None:
    from drafter.fetch.client import fetch_source_bytes  # httpx only when a SOURCE is a URL

    return fetch_source_bytes(url, settings.fetch)


def parse_since(since: str | None, settings: Settings) -> datetime | None:
    if since is None:
        return None
    from drafter.pipeline import parse_date

    return parse_date(since, settings.timezone, "--since")


class Progress:
    """A rich progress bar on stderr (only on a terminal), plus -v lines per article."""

    def __init__(self, total: int | None, *, show_bar: bool, verbose: bool) -> None:
        self.verbose = verbose
        self._bar = None
        if show_bar:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            self._bar = Progress(
                TextColumn("fetching"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.description}", markup=False),  # a URL may hold "[/x]"
                console=Console(stderr=True),
                transient=True,
            )
            self._task = self._bar.add_task("", total=total)
            self._bar.start()

    def __call__(self, article: Article) -> None:
        from drafter.cli.report import article_line
        from drafter.urls import redact_url

        if self._bar is not None:
            shown = strip_controls(redact_url(article.url))[:60]
            self._bar.update(self._task, advance=1, description=shown)
        if self.verbose:
            if self._bar is not None:
                line = strip_controls(article_line(article))
                self._bar.console.print(line, markup=False, highlight=False)
            else:
                say(article_line(article))

    def stop(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None


def raise_interrupt(signum: int, frame: FrameType | None) -> None:
    # SIGTERM as Ctrl-C: inside asyncio.run that cancels the tasks, so each closes what it
    # opened (the browser, its profile); a KeyboardInterrupt raised here would skip that.
    if callable(signal.getsignal(signal.SIGINT)):
        signal.raise_signal(signal.SIGINT)
    else:  # SIGINT ignored (started in the background by a shell): stop all the same
        raise KeyboardInterrupt


def load_run_settings(
    site: Path, config: Path | None, flags: dict[str, object]
) -> tuple[Settings, dict[str, str]]:
    from drafter.config import load_settings

    return load_settings(site, flags, config_file=config)


def check_render(settings: Settings) -> None:
    """A render mode we know, and a browser that exists when one is named."""
    import shutil

    from drafter.config import RENDER_MODES

    if settings.render not in RENDER_MODES:
        raise InputError(
            f"render must be one of {', '.join(RENDER_MODES)}, not {settings.render!r}"
        )
    if settings.browser and shutil.which(str(Path(settings.browser).expanduser())) is None:
        raise InputError(f"--browser / DRAFTER_BROWSER: no executable at {settings.browser}")


def site_root(site: Path | None) -> Path:
    from drafter.draft.episodes import find_site

    if site is not None:
        if not site.is_dir():
            raise InputError(f"--site {site} is not a folder")
        return site.resolve()
    return find_site(Path.cwd())


def drafting_site(site: Path | None, out: str | None = None, *, has_out: bool = True) -> Path:
    """The site a draft goes into. With no Hugo config here or above and no --site, only
    --out may say where to write (`has_out`: the command has it); else a usage error, and
    nothing is written: a draft under ./content of some folder is no use to anyone."""
    from drafter.draft.episodes import is_hugo_site

    root = site_root(site)
    if site is None and out is None and not is_hugo_site(root):
        elsewhere = ", or --out PATH to write the draft elsewhere" if has_out else ""
        raise InputError(
            f"no Hugo site found in {root} or above it: give the site's folder with "
            f"--site DIR{elsewhere}"
        )
    return root


def nothing_fetched_error(exc: NothingFetchedError) -> DrafterError:
    """What to end with when every article failed: "no network" when not one of the hosts
    could be reached, else the error as it is."""
    from drafter.cli.report import no_network_message

    message = no_network_message(exc.articles)
    return DrafterError(message) if message else exc


def open_editor(path: Path) -> None:
    import os
    import shlex
    import subprocess

    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor:
        say("warning: --edit: neither VISUAL nor EDITOR is set")
        return
    try:
        subprocess.run([*shlex.split(editor), str(path)], check=False)
    except OSError as exc:
        say(f"warning: --edit: cannot start {editor}: {exc}")


def run_draft(
    *,
    command: str,
    number: int,
    sources: list[str],
    site: Path | None,
    config: Path | None,
    flags: dict[str, object],
    request_args: dict[str, Any],
    as_json: bool,
    quiet: bool,
    verbose: bool,
    folder: str | None,
    since: str | None,
    archive: bool,
    edit: bool,
    date_text: str | None = None,
    retry_only: bool = False,
) -> NoReturn:
    """What `new` and `add` share: read, draft, report, exit with the documented code."""
    signal.signal(signal.SIGTERM, raise_interrupt)
    show_cache_warnings()
    from drafter.pipeline import DraftRequest, draft_episode, parse_date

    progress: Progress | None = None
    target: Path | None = None  # where the draft goes, to say truly what an interrupt left
    before: tuple[int, int] | None = None
    try:
        root = site_root(site)
        settings, _origins = load_run_settings(root, config, flags)
        check_render(settings)
        source = _command_sources(command, sources, settings, folder, since, retry_only)
        if date_text is not None:
            request_args["date"] = parse_date(date_text, settings.timezone)
        if archive and source.text_file is None:
            raise InputError("--archive needs one plain-text bookmarks file as SOURCE")
        request = DraftRequest(
            number=number,
            bookmarks=source.bookmarks,
            site=root,
            settings=settings,
            add=command == "add",
            **request_args,
        )
        total = None if source.pasting else len(source.parsed.bookmarks if source.parsed else [])
        show_bar = not quiet and not source.pasting and sys.stderr.isatty()
        progress = Progress(total, show_bar=show_bar, verbose=verbose or source.pasting)
        target = draft_target(request)
        before = file_stamp(target)
        report = draft_episode(request, on_article=progress)
        progress.stop()
    except NothingFetchedError as exc:
        if progress:
            progress.stop()
        nothing_fetched(exc, command, number, draft_target(request), quiet=quiet, as_json=as_json)
    except DrafterError as exc:
        if progress:
            progress.stop()
        fail(exc)
    except KeyboardInterrupt:
        if progress:
            progress.stop()
        if target is not None and file_stamp(target) not in (None, before):
            # The signal came after the atomic rename: the new draft is there, and whole.
            say(f"interrupted after the draft was written to {target}")
        else:
            say("interrupted: nothing was written")
        raise typer.Exit(EXIT_INTERRUPTED) from None

    finish(command, number, source, request.to_stdout, report, as_json, quiet, archive, edit)


def say_left_out(left_out: list[tuple[Bookmark, str]]) -> None:
    """A warning per bookmark left out (already in this draft, or in another episode)."""
    from drafter.urls import redact_url

    for bookmark, reason in left_out:
        say(f"warning: {redact_url(bookmark.url)}: {reason}; skipped")


def nothing_fetched(
    exc: NothingFetchedError,
    command: str,
    number: int,
    path: Path | None,
    *,
    quiet: bool,
    as_json: bool,
) -> NoReturn:
    """Every article failed: say which and why, and what was left out, then exit 1 (nothing
    was written)."""
    from drafter.cli.report import (
        left_mark_lines,
        left_marks_json,
        left_out_json,
        render_failure_warning,
        render_warning,
        report_json,
        retry_json,
        summary_lines,
    )

    say_left_out(exc.left_out)
    for line in left_mark_lines(exc.left_marks, path):
        say(line)
    for warning in (render_warning(exc.articles), render_failure_warning(exc.articles)):
        if warning:
            say(warning)
    if not quiet:
        for line in summary_lines(exc.articles, None)[1:]:
            say(line)
    if as_json:
        data = report_json(number, None, exc.articles)
        data["left_out"] = left_out_json(exc.left_out)
        if command == "add":
            data.update(filled_in=[], failed_again=retry_json(exc.articles, exc.retried))
            data["not_filled"] = left_marks_json(exc.left_marks)
        print(json.dumps(data, ensure_ascii=False, indent=2))
    fail(nothing_fetched_error(exc))


def draft_target(request: DraftRequest) -> Path | None:
    from drafter.draft.episodes import episode_path

    if request.to_stdout:
        return None
    return request.out or episode_path(request.site, request.settings.section, request.number)


def file_stamp(path: Path | None) -> tuple[int, int] | None:
    """(inode, mtime) of a file, or None: an atomic write always changes the inode."""
    try:
        stat = path.stat() if path is not None else None
    except OSError:
        return None
    return (stat.st_ino, stat.st_mtime_ns) if stat is not None else None


def finish(
    command: str,
    number: int,
    source: Source,
    to_stdout: bool,
    report: DraftReport,
    as_json: bool,
    quiet: bool,
    archive: bool,
    edit: bool,
) -> NoReturn:
    """Print the draft or report, the summary; archive and edit; exit with the right code."""
    from drafter.cli.report import (
        left_mark_lines,
        left_marks_json,
        left_out_json,
        render_failure_warning,
        render_warning,
        report_json,
        retry_json,
        retry_lines,
        summary_lines,
    )
    from drafter.urls import redact_url

    say_left_out(report.left_out)
    for line in left_mark_lines(report.left_marks, report.path):
        say(line)
    if to_stdout:
        sys.stdout.write(report.markdown)
        sys.stdout.flush()
    if as_json:
        skipped = source.parsed.skipped if source.parsed else []
        data = report_json(
            number, report.path, report.articles, backup=report.backup, skipped=skipped
        )
        data["left_out"] = left_out_json(report.left_out)
        if command == "add":
            data["filled_in"] = [redact_url(url) for url in report.filled_in]
            data["failed_again"] = retry_json(report.failed, report.retried)
            data["not_filled"] = left_marks_json(report.left_marks)
        print(json.dumps(data, ensure_ascii=False, indent=2))
    if report.backup is not None:
        say(f"the previous draft is kept at {report.backup}")
    for warning in (render_warning(report.articles), render_failure_warning(report.articles)):
        if warning:
            say(warning)
    if not report.articles:
        episode = f"episode {number} ({report.path})" if report.path else f"episode {number}"
        if command == "add" and not report.left_out:
            marks = "drafter can fill in" if report.left_marks else "in it"
            say(f"nothing to add to {episode}: no new URL, and no failure mark {marks}")
            raise typer.Exit(EXIT_OK)
        what = f"nothing new to add to {episode}" if command == "add" else "nothing to draft"
        say(f"{what}: every bookmark was left out")
        if archive and source.text_file is not None:  # they are in drafts: move them all the same
            archive_drafted(source, report, number)
        raise typer.Exit(EXIT_OK if command == "add" else EXIT_FAILED)
    if not quiet:
        # add: the new articles' summary, then the retried ones' (each listed once).
        new = [article for article in report.articles if article.url not in report.retried]
        for line in summary_lines(new, report.path) if new else []:
            say(line)
        where = None if new else report.path
        for line in retry_lines(report.filled_in, report.failed_again, where):
            say(line)
    if archive and source.text_file is not None:
        archive_drafted(source, report, number)
    if edit and report.path is not None:
        open_editor(report.path)
    raise typer.Exit(EXIT_PARTIAL if report.failed else EXIT_OK)


def archive_drafted(source: Source, report: DraftReport, number: int) -> None:
    """--archive: move every line whose article is in a draft, this one or an earlier one
    (a failed article's too: its section is in the draft, for `drafter add` to fill in)."""
    from drafter.bookmarks.archive import archive_lines, done_path

    assert source.text_file is not None and source.parsed is not None
    drafted = {article.url for article in report.articles}
    bookmarks = [b for b in source.parsed.bookmarks if b.line]
    used = {b.line for b in bookmarks if b.url in drafted}
    held = report.left_out_episodes
    earlier = {b.line: held[b.url] for b in bookmarks if b.url in held}
    try:
        moved = archive_lines(
            source.text_file, source.snapshot, used, number, datetime.now(), earlier
        )
    except DrafterError as exc:
        say(f"warning: --archive: {exc}")
        return
    plural = "s" if moved != 1 else ""
    say(f"archived {moved} bookmark line{plural} to {done_path(source.text_file)}")
