"""Bookmarks text → list[Bookmark]: one URL a line, normalised, de-duplicated in order."""

from __future__ import annotations

import re
from dataclasses import dataclass

from drafter.errors import InputError
from drafter.models import Bookmark, SkippedLine
from drafter.urls import FETCHABLE_SCHEMES, normalise_url, redact_text, url_scheme

_ANGLE_URL = re.compile(r"<(https?://[^>\s]+)>", re.IGNORECASE)
_MARKDOWN_LINK = re.compile(r"\[(?P<text>[^\]]*)\]\((?P<url>https?://)", re.IGNORECASE)
_BARE_URL = re.compile(r"https?://[^\s<>\"]+", re.IGNORECASE)
_OTHER_SCHEME = re.compile(r"(?<![\w+.-])([A-Za-z][A-Za-z0-9+.-]{1,20}):(?!\d)\S")
# Punctuation that ends a sentence around a URL rather than belonging to it.
_TRAILING = ".,;:!?'\"、。，．）」』】"
# What may open around a URL glued to it: `(https://…)`, `「https://…」`, `"https://…"`.
_OPENING = "(（「『【\"'"
_PAIRS = {"(": ")", "（": "）", "「": "」", "『": "』", "【": "】", '"': '"', "'": "'"}
_NOTE_SEPARATORS = " \t-–—:：|｜>"
_LIST_BULLET = re.compile(r"^(?:[*+-]|\d{1,9}[.)])[ \t]+")


@dataclass(frozen=True)
class ParsedBookmarks:
    """The usable bookmarks, in order, and the lines that were skipped with why."""

    bookmarks: list[Bookmark]
    skipped: list[SkippedLine]
    duplicates: int = 0
    format: str = "text"  # what drafter.bookmarks.formats.detect_format found
    undated: int = 0  # kept under a `since` filter because the source gave no date
    older: int = 0  # left out because they were added before `since`


def decode_bookmarks(data: bytes, name: str) -> str:
    """Bytes of a bookmarks file as text, or an InputError when they are not UTF-8 text."""
    if b"\x00" in data[:65536]:
        raise InputError(f"{name} is not a text file (it holds NUL bytes); give one URL per line")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name} is not UTF-8 text (byte {exc.start} cannot be read); save it as UTF-8"
        ) from exc


def _closing_paren(text: str, start: int) -> int:
    """Index of the ")" closing a Markdown link destination that starts at `start`."""
    depth = 0
    for index in range(start, len(text)):
        char = text[index]
        if char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                return index
            depth -= 1
        elif char.isspace():
            return index
    return len(text)


def _trim_bare_url(url: str) -> str:
    """Drop sentence punctuation and unbalanced closing brackets glued to a bare URL."""
    while url:
        last = url[-1]
        if last in _TRAILING or (last == ")" and url.count("(") < url.count(")")):
            url = url[:-1]
        else:
            break
    return url


def _first_url(line: str) -> tuple[int, str, int] | None:
    """(start, URL, end) of the first http(s) URL construct on a line: <url>, a Markdown
    link (its text included), or a bare URL; None when there is none."""
    candidates: list[tuple[int, str, int]] = []  # (start, url, end of the construct)
    if angle := _ANGLE_URL.search(line):
        candidates.append((angle.start(), angle.group(1), angle.end()))
    if link := _MARKDOWN_LINK.search(line):
        url_start = link.start("url")
        close = _closing_paren(line, url_start)
        end = close + 1 if close < len(line) and line[close] == ")" else close
        candidates.append((link.start(), line[url_start:close], end))
    if bare := _BARE_URL.search(line):
        trimmed = _trim_bare_url(bare.group(0))
        candidates.append((bare.start(), trimmed, bare.start() + len(trimmed)))
    return min(candidates, key=lambda c: c[0]) if candidates else None


def _strip_separators(text: str) -> str:
    return text.strip().strip(_NOTE_SEPARATORS).strip()


def _words_before(text: str) -> tuple[str, str]:
    """The host's words before a URL (a list bullet is not theirs), and the brackets or
    quotes glued to the URL's left, which are not theirs either."""
    words = _LIST_BULLET.sub("", text.lstrip(), count=1)
    kept = words.rstrip(_OPENING)
    return _strip_separators(kept), words[len(kept) :]


def _words_after(text: str) -> tuple[str, str]:
    """The host's words after a URL, kept whole (a note may end in `）`, `」` or `。`), and
    the punctuation glued to the URL's right: `https://….` and `(https://…)` end there."""
    kept = text.lstrip(_TRAILING + ")")
    return _strip_separators(kept), text[: len(text) - len(kept)]


def _wrapped(text: str, opening: str, *, reverse: bool = False) -> bool:
    """Whether `text` starts with `opening` (ends with its partner, `reverse`) and nothing in
    it closes (opens) that again."""
    closing = _PAIRS[opening]
    if reverse:
        text, opening, closing = text[::-1], closing, opening
    if not text.startswith(opening):
        return False
    if opening == closing:  # a quote
        return text.count(opening) % 2 == 1
    depth = 0
    for char in text:
        depth += (char == opening) - (char == closing)
        if depth == 0:
            return False
    return True


def _unwrapped(before: str, after: str, opened: str, closed: str) -> tuple[str, str]:
    """Without a bracket that wraps the URL and the words together: `(see https://…)` and
    `(https://… see)` are "see"; a note's own `（…）` and `「…」` stay."""
    if before[:1] in _PAIRS and _PAIRS[before[0]] in closed and _wrapped(before, before[0]):
        before = _strip_separators(before[1:])
    for opening in opened:
        if after.endswith(_PAIRS[opening]) and _wrapped(after, opening, reverse=True):
            after = _strip_separators(after[:-1])
            break
    return before, after


def _note(line: str, start: int, end: int, *, first: bool = True) -> str:
    """The host's words around the URL at line[start:end]: before it (unless not `first`:
    the words between two pasted URLs belong to the one before) and after it."""
    before, opened = _words_before(line[:start])
    after, closed = _words_after(line[end:])
    before = before if first else ""
    before, after = _unwrapped(before, after, opened, closed)
    return " ".join(part for part in (before, after) if part)


def split_line(line: str) -> tuple[str, str] | None:
    """The first http(s) URL on a line and the host's words around it, or None."""
    found = _first_url(line)
    if found is None:
        return None
    start, url, end = found
    return url, _note(line, start, end)


def _skip_reason(line: str) -> str:
    scheme_match = _OTHER_SCHEME.search(line)
    if scheme_match and scheme_match.group(1).lower() not in FETCHABLE_SCHEMES:
        return f"unsupported scheme '{scheme_match.group(1).lower()}:' (only http and https)"
    return "no http(s) URL on this line"


def parse_bookmarks(text: str) -> ParsedBookmarks:
    """Parse bookmarks text: blank lines and # comments skipped, one bookmark per URL line."""
    bookmarks: list[Bookmark] = []
    skipped: list[SkippedLine] = []
    seen: set[str] = set()
    duplicates = 0
    for number, raw in enumerate(text.removeprefix("\ufeff").splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        shown = redact_text(line)[:200]  # warnings and --json never carry a password
        found = split_line(line)
        if found is None:
            skipped.append(SkippedLine(number, shown, _skip_reason(line)))
            continue
        url, note = found
        if url_scheme(url) not in FETCHABLE_SCHEMES:
            skipped.append(SkippedLine(number, shown, _skip_reason(line)))
            continue
        try:
            normalised = normalise_url(url)
        except ValueError as exc:
            skipped.append(SkippedLine(number, shown, f"malformed URL ({exc})"))
            continue
        if not normalised.split("://", 1)[1].split("/", 1)[0]:
            skipped.append(SkippedLine(number, shown, "URL has no host"))
            continue
        if normalised in seen:
            duplicates += 1
            continue
        seen.add(normalised)
        bookmarks.append(Bookmark(url=normalised, note=note or None, line=number))
    return ParsedBookmarks(bookmarks, skipped, duplicates)


def _urls_on(line: str) -> list[tuple[int, str, int]]:
    """Every http(s) URL construct on a line, in order, as (start, URL, end)."""
    found: list[tuple[int, str, int]] = []
    position = 0
    while (hit := _first_url(line[position:])) is not None:
        start, url, end = hit
        found.append((position + start, url, position + end))
        position += max(end, 1)
    return found


def _note_words(text: str, number: int, rejected: list[SkippedLine]) -> list[str]:
    """The host's words between two pasted URLs; a word in another scheme is rejected."""
    words = []
    for word in text.split():
        if _OTHER_SCHEME.match(word):
            rejected.append(SkippedLine(number, word[:200], _skip_reason(word)))
        else:
            words.append(word)
    return words


def parse_pasted_line(line: str, number: int) -> tuple[list[Bookmark], list[SkippedLine]]:
    """Every http(s) URL on one pasted line (a host may paste several at once). The words
    after a URL, up to the next one, are its note, as in a bookmarks file; words before the
    first URL belong to it too."""
    found: list[Bookmark] = []
    rejected: list[SkippedLine] = []
    urls = _urls_on(line)
    if not urls:
        _note_words(line, number, rejected)
    for index, (start, url, end) in enumerate(urls):
        following = urls[index + 1][0] if index + 1 < len(urls) else len(line)
        upto = line[:following]
        if index + 1 < len(urls):  # not what opens glued to the next URL: `note (https://…)`
            upto = upto[: max(len(upto.rstrip(_OPENING)), end)]
        note = _note(upto, start, end, first=index == 0)
        words = _note_words(note, number, rejected)
        try:
            normalised = normalise_url(url)
        except ValueError as exc:
            rejected.append(SkippedLine(number, url[:200], f"malformed URL ({exc})"))
            continue
        found.append(Bookmark(url=normalised, note=" ".join(words) or None, line=number))
    if not found and not rejected and line.strip():
        rejected.append(SkippedLine(number, line.strip()[:200], _skip_reason(line)))
    return found, rejected
