"""`drafter cache info` / `drafter cache clear`, and the --refresh / --offline options.

Like cli.py, imports nothing heavy at module level: the cache module (and sqlite3) load
only when a cache command runs.
"""

import json
import logging
import sys
from typing import TYPE_CHECKING, Annotated

import typer

from drafter.cleantext import strip_controls

if TYPE_CHECKING:
    from drafter.config import CacheMode

cache_app = typer.Typer(
    name="cache",
    help="Show or clear the page cache.\n\n"
    "The cache makes re-runs instant: where it is, how big, and clearing it.",
    no_args_is_help=True,
    subcommand_metavar="COMMAND [ARGS]…",
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help, as the main app (see cli.py)
)

RefreshOption = Annotated[
    bool,
    typer.Option(
        "--refresh", help="Fetch every page again instead of using the page cache (updating it)."
    ),
]
OfflineOption = Annotated[
    bool,
    typer.Option(
        "--offline", help="Use only the page cache, however old; an uncached article fails."
    ),
]


def cache_mode(refresh: bool, offline: bool) -> "CacheMode":
    """The cache mode the two flags ask for; both at once is a usage error."""
    if refresh and offline:
        raise typer.BadParameter("--refresh and --offline exclude each other")
    if refresh:
        return "refresh"
    return "offline" if offline else "use"


class _WarningLine(logging.Handler):
    """Library warnings (an unusable cache) as one `warning: ...` line on stderr, written to
    sys.stderr as it is at that moment (tests swap it per run)."""

    def emit(self, record: logging.LogRecord) -> None:
        print(f"warning: {strip_controls(record.getMessage())}", file=sys.stderr, flush=True)


def show_cache_warnings() -> None:
    """Route the cache's and the browser's logged warnings to stderr in the CLI's own
    format (once)."""
    for name in ("drafter.fetch.cache", "drafter.fetch.browser"):
        logger = logging.getLogger(name)
        if not any(isinstance(handler, _WarningLine) for handler in logger.handlers):
            logger.addHandler(_WarningLine(logging.WARNING))
            logger.propagate = False


def _size(size: int) -> str:
    for unit in ("bytes", "KB", "MB"):
        if size < 1024 or unit == "MB":
            return f"{size} {unit}" if unit == "bytes" else f"{size:.1f} {unit}"
        size /= 1024  # type: ignore[assignment]
    raise AssertionError  # unreachable: the loop returns at MB


@cache_app.command("info")
def info(
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the figures as JSON on standard output.")
    ] = False,
) -> None:
    """Show where the page cache is and how big.

    Its path, how many pages and extractions it holds, and its size on disk."""
    import sqlite3

    from drafter.fetch.cache import PageCache, cache_file

    cache = PageCache(cache_file())
    try:
        figures = cache.info()
    except (sqlite3.Error, OSError) as exc:
        print(
            f"error: the page cache {cache.path} is unusable ({exc}); "
            "`drafter cache clear` removes it",
            file=sys.stderr,
        )
        raise typer.Exit(1) from None
    finally:
        cache.close()
    if as_json:
        data = {
            "path": str(figures.path),
            "pages": figures.pages,
            "extractions": figures.extractions,
            "bytes": figures.size,
        }
        print(json.dumps(data, indent=2))
        return
    print(f"path:        {figures.path}")
    print(f"pages:       {figures.pages}")
    print(f"extractions: {figures.extractions}")
    print(f"size:        {_size(figures.size)}")


@cache_app.command("clear")
def clear() -> None:
    """Delete the page cache.

    Also one that is corrupt; the next run fetches every page again."""
    from drafter.fetch.cache import PageCache, cache_file

    cache = PageCache(cache_file())
    try:
        freed = cache.clear()
    except OSError as exc:
        print(f"error: cannot delete {cache.path}: {exc.strerror or exc}", file=sys.stderr)
        raise typer.Exit(1) from None
    print(f"cleared {cache.path} ({_size(freed)} freed)", file=sys.stderr)
