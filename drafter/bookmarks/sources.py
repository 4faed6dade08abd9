"""SOURCE arguments → bookmarks: a file (any format drafter reads), `-`, or a URL.

The format is detected from the content, never the name (drafter.bookmarks.formats). A URL is
fetched once: a feed (a Hatena Bookmark user feed, say) gives its entries; any other page
is itself the one article to draft.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from drafter.bookmarks.formats import detect_format, read_source
from drafter.bookmarks.text import ParsedBookmarks, decode_bookmarks, parse_bookmarks
from drafter.config import Settings
from drafter.errors import InputError
from drafter.models import Bookmark
from drafter.urls import FETCHABLE_SCHEMES, normalise_url, redact_url, url_scheme

MAX_SOURCE_BYTES = 64 * 1024 * 1024  # a bookmarks source larger than this is not bookmarks


@dataclass(frozen=True)
class ReadSource:
    """One SOURCE, parsed, with what --archive needs when it is a plain-text file."""

    name: str
    parsed: ParsedBookmarks
    text_file: Path | None = None
    snapshot: str = ""


def _read_bytes(source: str) -> tuple[bytes, str, Path | None]:
    if source == "-":
        if sys.stdin is None:
            raise InputError("no bookmarks: give a file, or pipe URLs on standard input")
        return sys.stdin.buffer.read(MAX_SOURCE_BYTES + 1), "standard input", None
    path = Path(source)
    try:
        with path.open("rb") as handle:
            return handle.read(MAX_SOURCE_BYTES + 1), source, path
    except IsADirectoryError as exc:
        raise InputError(f"{source} is a folder, not a bookmarks file") from exc
    except FileNotFoundError as exc:
        raise InputError(f"{source} does not exist") from exc
    except OSError as exc:
        raise InputError(f"cannot read {source}: {exc.strerror or exc}") from exc


def read_one_source(
    source: str,
    settings: Settings,
    *,
    folder: str | None = None,
    since: datetime | None = None,
    urls_are_articles: bool = False,
    fetch_url: Callable[[str], bytes | None] = lambda url: None,
) -> ReadSource:
    """Parse one SOURCE argument into bookmarks, with errors that name it.

    A SOURCE URL is read with `fetch_url` (the fetch stage's, passed in by the caller so this
    stage never imports it): a feed gives its entries; None or any other page is an article."""
    if url_scheme(source) in FETCHABLE_SCHEMES:
        article = ParsedBookmarks([Bookmark(url=normalise_url(source))], [])
        if urls_are_articles:
            return ReadSource(redact_url(source), article)
        data = fetch_url(source)
        if data is None or detect_format(data) != "feed":
            return ReadSource(redact_url(source), article)
        deadline = _deadline(data, settings)
        feed = read_source(data, source, folder=folder, since=since, deadline=deadline)
        return ReadSource(redact_url(source), feed)
    if "://" in source[:20] and url_scheme(source):
        raise InputError(f"{source}: only http and https sources can be fetched")
    data, name, path = _read_bytes(source)
    if len(data) > MAX_SOURCE_BYTES:
        raise InputError(
            f"{name} is larger than {MAX_SOURCE_BYTES // 2**20} MB: not a bookmarks file"
        )
    kind = detect_format(data)
    if kind == "text":
        text = decode_bookmarks(data, name)
        if folder is not None:
            raise InputError(f"--folder needs a browser export; {name} is a plain list of URLs")
        parsed = parse_bookmarks(text)
        snapshot = data.decode("utf-8") if path is not None else ""
        return ReadSource(name, parsed, text_file=path, snapshot=snapshot)
    deadline = _deadline(data, settings)
    return ReadSource(
        name, read_source(data, name, folder=folder, since=since, path=path, deadline=deadline)
    )


def _deadline(data: bytes, settings: Settings) -> float:
    """Seconds reading the source may take: the extraction deadline, and more for a big one."""
    from drafter.bookmarks.bounded import deadline_for  # noqa: PLC0415
    from drafter.extract.parallel import extraction_deadline  # noqa: PLC0415

    return deadline_for(len(data), extraction_deadline(settings))
