"""What the CLI shows people on stderr (a line, an error, the progress bar) and the exit
codes it ends with.

Imports nothing heavy at module level (the CLI imports this module on every command).
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, NoReturn

import typer

from drafter.cleantext import strip_controls
from drafter.errors import DrafterError

if TYPE_CHECKING:
    from drafter.models import Article

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
