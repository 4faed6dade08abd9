"""The command line: arguments → a request → one library call; people's text on stderr.

Imports nothing heavy at module level, so `drafter --help` starts at once.
"""

from __future__ import annotations

import json
import signal
import sys
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from drafter import __version__
from drafter.config import (
    DEFAULT_CONCURRENCY,
    DEFAULT_PER_HOST,
    DEFAULT_TIMEOUT,
    FetchSettings,
    Settings,
)
from drafter.errors import DrafterError, InputError, NothingFetchedError

if TYPE_CHECKING:
    from drafter.bookmarks import ParsedBookmarks
    from drafter.models import Article
    from drafter.pipeline import DraftReport

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_PARTIAL = 3
EXIT_INTERRUPTED = 130

app = typer.Typer(
    name="drafter",
    help="Turn a week of bookmarked articles into a draft podcast episode page for Hugo.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _fail(exc: DrafterError) -> NoReturn:
    _say(f"error: {exc}")
    raise typer.Exit(exc.exit_code)


def _version(value: bool) -> None:
    if value:
        print(f"drafter {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    """Turn a week of bookmarked articles into a draft podcast episode page for Hugo."""


def _read_source(source: str | None) -> ParsedBookmarks:
    from drafter.bookmarks import decode_bookmarks, parse_bookmarks, read_bookmarks_file

    if source is None or source == "-":
        if sys.stdin is None:
            raise InputError("no bookmarks: give a file, or pipe URLs on standard input")
        if sys.stdin.isatty():
            _say("Paste URLs, one per line; finish with Ctrl-D.")
        return parse_bookmarks(decode_bookmarks(sys.stdin.buffer.read(), "standard input"))
    return read_bookmarks_file(Path(source))


class _Progress:
    """A rich progress bar on stderr (only on a terminal), plus -v lines per article."""

    def __init__(self, total: int, *, show_bar: bool, verbose: bool) -> None:
        self.verbose = verbose
        self._bar = None
        if show_bar:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            self._bar = Progress(
                TextColumn("fetching"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.description}"),
                console=Console(stderr=True),
                transient=True,
            )
            self._task = self._bar.add_task("", total=total)
            self._bar.start()

    def __call__(self, article: Article) -> None:
        from drafter.report import article_line

        if self._bar is not None:
            self._bar.update(self._task, advance=1, description=article.url[:60])
        if self.verbose:
            if self._bar is not None:
                self._bar.console.print(article_line(article), markup=False, highlight=False)
            else:
                _say(article_line(article))

    def stop(self) -> None:
        if self._bar is not None:
            self._bar.stop()


def _raise_interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


@app.command()
def new(
    number: Annotated[int, typer.Argument(min=1, help="The episode number, e.g. 28.")],
    source: Annotated[
        str | None,
        typer.Argument(help="A bookmarks file, or - for standard input (the default)."),
    ] = None,
    site: Annotated[
        Path | None,
        typer.Option(
            help="The Hugo site root. Default: the nearest folder upwards with a Hugo config."
        ),
    ] = None,
    out: Annotated[
        str | None,
        typer.Option(
            help="Write here instead of content/talk/NUMBER/index.md; - prints the draft."
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace an existing draft, keeping a backup.")
    ] = False,
    title: Annotated[
        str | None, typer.Option(help="Title. Default: '#NUMBER Coming Soon'.")
    ] = None,
    date: Annotated[
        str | None, typer.Option(help="ISO 8601 date. Default: now, in Asia/Tokyo.")
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print a machine-readable report on standard output.")
    ] = False,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bar or summary; errors still shown.")
    ] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="One line per article as it finishes.")
    ] = False,
    concurrency: Annotated[
        int, typer.Option(min=1, max=256, help="Pages fetched at once.")
    ] = DEFAULT_CONCURRENCY,
    per_host: Annotated[
        int, typer.Option(min=1, max=64, help="Pages fetched at once from one host.")
    ] = DEFAULT_PER_HOST,
    timeout: Annotated[
        float,
        typer.Option(min=0.1, help="Seconds one article may take, retries included."),
    ] = DEFAULT_TIMEOUT,
) -> None:
    """Draft episode NUMBER from a bookmarks file: content/talk/NUMBER/index.md."""
    if as_json and out == "-":
        raise typer.BadParameter("--json cannot be combined with --out - (both use stdout)")
    signal.signal(signal.SIGTERM, _raise_interrupt)
    from drafter.episodes import find_site
    from drafter.pipeline import DraftRequest, draft_episode, parse_date
    from drafter.report import report_json, summary_lines

    settings = Settings(
        fetch=FetchSettings(concurrency=concurrency, per_host=per_host, timeout=timeout)
    )
    progress: _Progress | None = None
    report: DraftReport | None = None
    try:
        parsed = _read_source(source)
        for skipped in parsed.skipped:
            _say(f"warning: line {skipped.line}: {skipped.reason}; skipped: {skipped.text[:80]}")
        if not parsed.bookmarks:
            name = "standard input" if source in (None, "-") else source
            raise InputError(f"no usable URL in {name}")
        site_root = site.resolve() if site else find_site(Path.cwd())
        request = DraftRequest(
            number=number,
            bookmarks=parsed.bookmarks,
            site=site_root,
            settings=settings,
            out=Path(out) if out and out != "-" else None,
            to_stdout=out == "-",
            force=force,
            title=title,
            date=parse_date(date, settings.timezone) if date else None,
        )
        progress = _Progress(
            len(parsed.bookmarks), show_bar=not quiet and sys.stderr.isatty(), verbose=verbose
        )
        report = draft_episode(request, on_article=progress)
    except NothingFetchedError as exc:
        if progress:
            progress.stop()
        if not quiet:
            for line in summary_lines(exc.articles, None)[1:]:
                _say(line)
        if as_json:
            print(json.dumps(report_json(number, None, exc.articles), ensure_ascii=False, indent=2))
        _fail(exc)
    except DrafterError as exc:
        if progress:
            progress.stop()
        _fail(exc)
    except KeyboardInterrupt:
        if progress:
            progress.stop()
        _say("interrupted: nothing was written")
        raise typer.Exit(EXIT_INTERRUPTED) from None
    progress.stop()

    if request.to_stdout:
        sys.stdout.write(report.markdown)
        sys.stdout.flush()
    if as_json:
        data = report_json(
            number, report.path, report.articles, backup=report.backup, skipped=parsed.skipped
        )
        print(json.dumps(data, ensure_ascii=False, indent=2))
    if report.backup is not None:
        _say(f"the previous draft is kept at {report.backup}")
    if not quiet:
        for line in summary_lines(report.articles, report.path):
            _say(line)
    raise typer.Exit(EXIT_PARTIAL if report.failed else EXIT_OK)


def main() -> None:
    """Console-script entry point."""
    app()
