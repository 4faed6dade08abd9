"""What `drafter new` and `drafter add` share once their arguments are read: the sources,
the progress display, the library call, the summary and the exit code.

Imports nothing heavy at module level (the CLI imports this module on every command).
"""

from __future__ import annotations

import json
import signal
import sys
from datetime import datetime
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any, NoReturn

import typer

from drafter.cli.cache_commands import show_cache_warnings
from drafter.cli.console import (
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_PARTIAL,
    Progress,
    fail,
    say,
)
from drafter.cli.inputs import Source, check_render, load_run_settings, read_sources, site_root
from drafter.errors import DrafterError, InputError, NothingFetchedError

if TYPE_CHECKING:
    from drafter.config import Settings
    from drafter.models import Bookmark
    from drafter.pipeline import DraftReport, DraftRequest


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


def raise_interrupt(signum: int, frame: FrameType | None) -> None:
    # SIGTERM as Ctrl-C: inside asyncio.run that cancels the tasks, so each closes what it
    # opened (the browser, its profile); a KeyboardInterrupt raised here would skip that.
    if callable(signal.getsignal(signal.SIGINT)):
        signal.raise_signal(signal.SIGINT)
    else:  # SIGINT ignored (started in the background by a shell): stop all the same
        raise KeyboardInterrupt


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
