"""Bookmark sources, told apart by their content (never their name), → ParsedBookmarks.

    text            one URL a line (drafter.bookmarks.text.parse_bookmarks)
    netscape        the bookmark HTML every browser, Pocket and Raindrop export
    chrome-json     Chrome/Edge/Brave's `Bookmarks` file
    firefox-places  Firefox's places.sqlite, read from a copy
    feed            RSS 2.0, RSS 1.0 (RDF, Hatena Bookmark) or Atom
    markdown        `- [title](url) comment` lists, headings as folders
    html            any page of `<a href>` links

`folder` picks one folder (a tag, for feeds); `since` keeps what was added on or after it
where the source records dates. Only http(s) URLs are kept, normalised, repeats dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.bookmarks.labels import (
    CHROME_LABEL,
    FEED_ROOT,
    NETSCAPE_LABEL,
    PLACES_LABEL,
    feed_label,
)
from drafter.bookmarks.text import ParsedBookmarks, decode_bookmarks, parse_bookmarks
from drafter.errors import InputError

if TYPE_CHECKING:
    from drafter.bookmarks.common import Source

FORMATS = ("text", "netscape", "chrome-json", "firefox-places", "feed", "markdown", "html")

# How much of the start of a source detection looks at.
SNIFF_BYTES = 65536

_SQLITE_MAGIC = b"SQLite format 3\x00"
_NETSCAPE_DOCTYPE = re.compile(rb"<!DOCTYPE\s+NETSCAPE-Bookmark-file", re.IGNORECASE)
_NETSCAPE_ITEM = re.compile(rb"<DT>\s*<(?:A\s[^>]*HREF|H3)", re.IGNORECASE)
_HTML_START = re.compile(rb"\A\s*(?:<!--.*?-->\s*)*<(?:!DOCTYPE\s+html|html|head|body)\b", re.I)
_HTML_LINK = re.compile(rb"<a\s[^>]*href\s*=", re.IGNORECASE)
_MARKDOWN_LINK = re.compile(rb"\[[^\]\n]*\]\(\s*<?https?://", re.IGNORECASE)
_BARE_LINE = re.compile(rb"^\s*<?https?://", re.IGNORECASE | re.MULTILINE)

_LABELS = {
    "text": "plain-text bookmarks",
    "netscape": NETSCAPE_LABEL,
    "chrome-json": CHROME_LABEL,
    "firefox-places": PLACES_LABEL,
    "markdown": "Markdown list",
    "html": "HTML page",
}


def detect_format(data: bytes) -> str:
    """What a source is, from its bytes: one of FORMATS ("text" when nothing else fits)."""
    if data.startswith(_SQLITE_MAGIC):
        return "firefox-places"
    head = data[:SNIFF_BYTES].removeprefix(b"\xef\xbb\xbf")
    stripped = head.lstrip()
    if stripped.startswith(b"{") and b'"roots"' in data:
        return "chrome-json"
    if _NETSCAPE_DOCTYPE.search(head[:4096]):
        return "netscape"
    if FEED_ROOT.match(head):
        return "feed"
    if _NETSCAPE_ITEM.search(head) and b"<dl" in head.lower():
        return "netscape"
    if _HTML_START.match(head) or _HTML_LINK.search(head):
        return "html"
    # Markdown when its links outnumber the lines that are a bare URL, as a text file's are.
    markdown_links = len(_MARKDOWN_LINK.findall(head))
    if markdown_links and markdown_links >= len(_BARE_LINE.findall(head)):
        return "markdown"
    return "text"


def format_label(format_name: str, data: bytes = b"") -> str:
    """How messages name a format: "Chrome bookmarks JSON", "Atom feed", ..."""
    if format_name == "feed":
        return feed_label(data) or "feed"
    return _LABELS.get(format_name, format_name)


def _read_text(
    data: bytes, name: str, folder: str | None, since: datetime | None
) -> ParsedBookmarks:
    if folder is not None:
        raise InputError(
            f"{name}: plain-text bookmarks have no folders, so folder {folder!r} cannot be picked"
        )
    parsed = parse_bookmarks(decode_bookmarks(data, name))
    # Text records no dates: under `since` every bookmark is kept and counted as undated.
    return replace(parsed, format="text", undated=len(parsed.bookmarks) if since else 0)


def read_source(
    data: bytes,
    name: str,
    *,
    folder: str | None = None,
    since: datetime | None = None,
    path: Path | None = None,
    deadline: float | None = None,
) -> ParsedBookmarks:
    """Detect the format from the bytes (path is given when the source is a file, for
    places.sqlite copy) and parse; HTML (an export, a page of links, a feed's items) under a
    deadline (seconds; by default drafter.bookmarks.bounded's) and a memory ceiling."""
    format_name = detect_format(data)
    if format_name == "text":
        return _read_text(data, name, folder, since)
    # The parsers (XML, HTML, SQLite) load only for a source that needs one.
    from drafter.bookmarks.common import finish  # noqa: PLC0415
    from drafter.bookmarks.exports import parse_chrome, parse_netscape  # noqa: PLC0415
    from drafter.bookmarks.feeds import parse_feed  # noqa: PLC0415
    from drafter.bookmarks.firefox import parse_places  # noqa: PLC0415
    from drafter.bookmarks.links import parse_html, parse_markdown  # noqa: PLC0415

    parsers: dict[str, Callable[[bytes, str], Source]] = {
        "netscape": parse_netscape,
        "chrome-json": parse_chrome,
        "firefox-places": lambda raw, source_name: parse_places(raw, source_name, path),
        "feed": parse_feed,
        "markdown": parse_markdown,
        "html": parse_html,
    }
    label = format_label(format_name, data)
    source = _parsed(format_name, parsers[format_name], data, name, label, deadline)
    return finish(source, name, label, folder=folder, since=since)


def _parsed(
    format_name: str,
    parser: Callable[[bytes, str], Source],
    data: bytes,
    name: str,
    label: str,
    deadline: float | None,
) -> Source:
    """`parser` on the source, in a bounded child process when it is HTML of any size."""
    from drafter.bookmarks.bounded import deadline_for, needs_bounds, parse_bounded  # noqa: PLC0415

    if not needs_bounds(format_name, data):
        return parser(data, name)
    if deadline is None:
        deadline = deadline_for(len(data))
    return parse_bounded(format_name, data, name, label, deadline)


def read_feed(
    data: bytes,
    name: str,
    *,
    folder: str | None = None,
    since: datetime | None = None,
    deadline: float | None = None,
) -> ParsedBookmarks:
    """Fetched bytes of a feed URL → ParsedBookmarks; an InputError when they are not a feed."""
    format_name = detect_format(data)
    if format_name != "feed":
        raise InputError(
            f"{name}: not an RSS or Atom feed (it looks like {format_label(format_name)})"
        )
    from drafter.bookmarks.common import finish  # noqa: PLC0415
    from drafter.bookmarks.feeds import parse_feed  # noqa: PLC0415

    label = format_label("feed", data)
    source = _parsed("feed", parse_feed, data, name, label, deadline)
    return finish(source, name, label, folder=folder, since=since)


__all__ = ["FORMATS", "detect_format", "format_label", "read_feed", "read_source"]
