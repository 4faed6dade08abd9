"""What every bookmark source shares: raw entries, the folder and date filters, normalising.

Each format's parser turns bytes into a `Source` (entries in the source's own order, with
the folder path, tags and date the source recorded); `finish()` then applies `folder` and
`since`, keeps only http(s) URLs, normalises them and drops repeats, in order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

from drafter.bookmarks.text import ParsedBookmarks
from drafter.errors import InputError
from drafter.models import Bookmark, SkippedLine
from drafter.urls import FETCHABLE_SCHEMES, normalise_url, redact_url, url_scheme

# How many folder names an "unknown folder" message lists before saying how many more.
LISTED_FOLDERS = 30

_UNIX_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_WINDOWS_EPOCH = datetime(1601, 1, 1, tzinfo=UTC)  # Chrome's clock starts here
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Entry:
    """One link as the source recorded it, before any filtering or normalising."""

    url: str
    note: str | None = None
    line: int = 0  # 1-based line in the source, 0 when the format has no lines
    title: str = ""
    folder: tuple[str, ...] = ()  # folder path from the top, e.g. ("Bookmarks bar", "Podcast")
    tags: tuple[str, ...] = ()
    added: datetime | None = None  # timezone-aware, or None when the source gave no date


@dataclass
class Source:
    """What a format's parser read: the entries and the folders (or tags) that exist."""

    format: str
    entries: list[Entry] = field(default_factory=list)
    folders: list[tuple[str, ...]] = field(default_factory=list)
    grouping: str = "folder"  # "folder", "tag" (feeds: --folder picks a tag), or "" for none


def source_error(name: str, label: str, detail: str) -> InputError:
    """An InputError naming the source, its format and the place: "x: RSS feed: line 3: ..."."""
    return InputError(f"{name}: {label}: {detail}")


def clean_text(text: str | None) -> str | None:
    """Whitespace collapsed to single spaces; None when nothing is left."""
    if text is None:
        return None
    collapsed = _SPACES.sub(" ", text).strip()
    return collapsed or None


def unix_time(value: str | int | float | None) -> datetime | None:
    """A Unix timestamp (seconds; milliseconds and microseconds are recognised) or None."""
    try:
        number = float(str(value).strip())
    except (TypeError, ValueError):
        return None
    if number <= 0:
        return None
    if number > 1e14:  # microseconds
        number /= 1e6
    elif number > 1e11:  # milliseconds
        number /= 1e3
    try:
        return _UNIX_EPOCH + timedelta(seconds=number)
    except OverflowError:
        return None


def chrome_time(value: str | int | None) -> datetime | None:
    """Chrome's `date_added`: microseconds since 1601-01-01 UTC, as a string; None for 0."""
    try:
        micros = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    if micros <= 0:
        return None
    try:
        return _WINDOWS_EPOCH + timedelta(microseconds=micros)
    except OverflowError:
        return None


def text_time(value: str | None) -> datetime | None:
    """A feed date: ISO 8601 / W3C-DTF (dc:date, Atom) or RFC 822 (RSS pubDate); else None."""
    text = (value or "").strip()
    if not text:
        return None
    parsed: datetime | None
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        try:
            parsed = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    if parsed is None:
        return None
    # A date without an offset is read as UTC, as feeds mostly mean it.
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=UTC)


def _casefolded(path: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(part.strip().casefold() for part in path)


def _folder_list(folders: list[str]) -> str:
    shown = ", ".join(repr(folder) for folder in folders[:LISTED_FOLDERS])
    if len(folders) > LISTED_FOLDERS:
        shown += f" and {len(folders) - LISTED_FOLDERS} more"
    return shown


def select_folder(source: Source, name: str, label: str, folder: str) -> list[Entry]:
    """The entries in the named folder (and its sub-folders), or an InputError."""
    wanted = tuple(part.strip().casefold() for part in folder.split("/") if part.strip())
    if not wanted:
        raise InputError(f"{name}: the folder name is empty")
    if not source.grouping:
        raise InputError(f"{name}: a {label} has no folders, so folder {folder!r} cannot be picked")
    if source.grouping == "tag":
        tags = sorted({tag for entry in source.entries for tag in entry.tags}, key=str.casefold)
        chosen = "/".join(wanted)
        if chosen not in {tag.casefold() for tag in tags}:
            listed = _folder_list(tags) if tags else "none"
            raise InputError(f"{name}: no tag {folder!r} in this {label}; its tags are: {listed}")
        return [e for e in source.entries if chosen in {tag.casefold() for tag in e.tags}]
    # "Week 28" picks any folder whose path ends so; "Podcast/Week 28" narrows it down.
    matches = list(
        dict.fromkeys(
            path
            for path in source.folders
            if len(path) >= len(wanted) and _casefolded(path[-len(wanted) :]) == wanted
        )
    )
    if not matches:
        existing = list(dict.fromkeys("/".join(path) for path in source.folders))
        listed = _folder_list(existing) if existing else "none"
        raise InputError(f"{name}: no folder {folder!r} in this {label}; its folders are: {listed}")
    if len(matches) > 1:
        listed = _folder_list(["/".join(path) for path in matches])
        raise InputError(
            f"{name}: folder {folder!r} matches {len(matches)} folders: {listed}; "
            "give more of its path, e.g. 'Parent/Folder'"
        )
    chosen_path = matches[0]
    return [e for e in source.entries if e.folder[: len(chosen_path)] == chosen_path]


def _describe(entry: Entry) -> str:
    """How a skipped entry is shown: its folder, title and URL (credentials removed)."""
    where = "/".join(entry.folder) + ":" if entry.folder else ""
    parts = [where, entry.title, redact_url(entry.url)]
    return " ".join(part for part in parts if part)[:200]


def _unusable(url: str) -> str | None:
    """Why a URL cannot be fetched, or None when it can."""
    scheme = url_scheme(url)
    if not scheme:
        return "not an absolute http(s) URL"
    if scheme not in FETCHABLE_SCHEMES:
        return f"unsupported scheme '{scheme}:' (only http and https)"
    return None


def as_aware(moment: datetime) -> datetime:
    """A naive datetime is read as local time, as a person typing a date means it."""
    return moment if moment.tzinfo is not None else moment.astimezone()


def finish(
    source: Source,
    name: str,
    label: str,
    *,
    folder: str | None = None,
    since: datetime | None = None,
) -> ParsedBookmarks:
    """Apply `folder` and `since`, keep http(s) URLs normalised and de-duplicated, in order."""
    entries = source.entries
    if folder is not None:
        entries = select_folder(source, name, label, folder)
    bookmarks: list[Bookmark] = []
    skipped: list[SkippedLine] = []
    seen: set[str] = set()
    duplicates = undated = older = 0
    cutoff = as_aware(since) if since is not None else None
    for entry in entries:
        url = entry.url.strip()
        reason = _unusable(url)
        if reason is not None:
            skipped.append(SkippedLine(entry.line, _describe(entry), reason))
            continue
        if cutoff is not None and entry.added is not None and entry.added < cutoff:
            older += 1
            continue
        try:
            normalised = normalise_url(url)
        except ValueError as exc:
            skipped.append(SkippedLine(entry.line, _describe(entry), f"malformed URL ({exc})"))
            continue
        if not normalised.split("://", 1)[1].split("/", 1)[0]:
            skipped.append(SkippedLine(entry.line, _describe(entry), "URL has no host"))
            continue
        if normalised in seen:
            duplicates += 1
            continue
        seen.add(normalised)
        if cutoff is not None and entry.added is None:
            undated += 1
        bookmarks.append(Bookmark(url=normalised, note=clean_text(entry.note), line=entry.line))
    return ParsedBookmarks(
        bookmarks, skipped, duplicates, format=source.format, undated=undated, older=older
    )
