"""What a command reads before its library call: the site, its settings, and every SOURCE
as one bookmark list.

Imports nothing heavy at module level (the CLI imports this module on every command).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drafter.cli.console import say
from drafter.errors import InputError

if TYPE_CHECKING:
    from drafter.bookmarks.text import ParsedBookmarks
    from drafter.config import Settings
    from drafter.gathering import BookmarkSource


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


def _fetch_source(url: str, settings: Settings) -> bytes | None:
    from drafter.fetch.client import fetch_source_bytes  # httpx only when a SOURCE is a URL

    return fetch_source_bytes(url, settings.fetch)


def parse_since(since: str | None, settings: Settings) -> datetime | None:
    if since is None:
        return None
    from drafter.pipeline import parse_date

    return parse_date(since, settings.timezone, "--since")


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
