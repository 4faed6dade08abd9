"""Reading a draft the host may have edited: which articles it holds, where new ones go.

`drafter add` must change no byte the host wrote, so everything here only reads text and
returns offsets; the one write is an insertion at `insertion_offset`.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from drafter.urls import FETCHABLE_SCHEMES, normalise_url, redact_url, url_scheme

# A heading that starts with a link: ## [text](destination)
_LINK_HEADING = re.compile(r"^(?P<level>#{1,6})[ \t]+\[", re.MULTILINE)
# A link destination as CommonMark reads it: <bracketed>, or bare with balanced parentheses.
_DESTINATION = re.compile(
    r"\((?:<(?P<bracketed>[^<>\n]*)>|(?P<bare>(?:[^()\s<>\\]|\\.|\([^()\s]*\))+))[ \t)]"
)
_BACKSLASH_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_HEADING = re.compile(r"^(#{1,6})[ \t]", re.MULTILINE)
# Only the characters markdown_safe_url encodes are decoded back: anything else the site
# itself percent-encoded stays as it was, so the URL still compares equal.
_OUR_ESCAPES = re.compile(r"%(20|22|28|29|3C|3E|5C|0[0-9A-F]|1[0-9A-F]|7F)", re.IGNORECASE)


def body_start(text: str) -> int:
    """Offset just past the front matter (--- or +++ fenced), or 0 when there is none."""
    for fence in ("---", "+++"):
        if text.startswith(fence + "\n"):
            end = text.find("\n" + fence + "\n", len(fence))
            if end != -1:
                return end + len(fence) + 2
            if text.endswith("\n" + fence):
                return len(text)
    return 0


def comparable_url(url: str) -> str:
    """The form a draft's link and a bookmark are compared in: our escapes undone, the
    credentials a draft never carries removed, normalised."""
    decoded = _OUR_ESCAPES.sub(lambda m: unquote(m.group(0)), url)
    try:
        return normalise_url(redact_url(decoded))
    except ValueError:
        return decoded


def _link_end(text: str, start: int) -> int | None:
    """Offset of the `]` closing the link text that starts at `start`, read as CommonMark
    reads it: an escaped bracket is text (a title "Nice\\](https://x/)" stays text), brackets
    nest; None when the line ends first."""
    depth = 1
    index = start
    while index < len(text) and text[index] != "\n":
        char = text[index]
        if char == "\\":
            index += 2
            continue
        if char == "[":
            depth += 1
        elif char == "]":
            depth -= 1
            if depth == 0:
                return index
        index += 1
    return None


def _heading_links(text: str, level: int | None) -> list[str]:
    """The destination of each heading's own link (headings of `level`, or all)."""
    body = text[body_start(text) :]
    found = []
    for heading in _LINK_HEADING.finditer(body):
        if level is not None and len(heading.group("level")) != level:
            continue
        end = _link_end(body, heading.end())
        if end is None:
            continue
        destination = _DESTINATION.match(body, end + 1)
        if destination is not None:
            url = destination.group("bracketed") or destination.group("bare")
            found.append(_BACKSLASH_ESCAPE.sub(r"\1", url))
    return found


def section_urls(text: str) -> list[str]:
    """The normalised URLs of the draft's article headings, in order."""
    return [comparable_url(url) for url in _heading_links(text, 2)]


def linked_urls(text: str) -> set[str]:
    """The http(s) link of each heading, normalised: what an episode already covered. Only
    a heading's real destination counts: a title quoting "](https://…)" covers nothing."""
    urls = (comparable_url(url) for url in _heading_links(text, None))
    return {url for url in urls if url_scheme(url) in FETCHABLE_SCHEMES}


def insertion_offset(text: str) -> int:
    """Where new article sections go: after the last `## ` section (it ends at the next
    top-level `# ` heading or the end of the file), else at the end of the show notes."""
    start = body_start(text)
    headings = [(m.start(), len(m.group(1))) for m in _HEADING.finditer(text, start)]
    last_article = max((pos for pos, level in headings if level == 2), default=None)
    if last_article is None:
        show_note = next((pos for pos, level in headings if level == 1), None)
        if show_note is None:
            return len(text)
        last_article = show_note
    following = [pos for pos, level in headings if pos > last_article and level == 1]
    offset = following[0] if following else len(text)
    # Step back over blank lines, so they stay between the new sections and what follows.
    while offset > start + 1 and text[offset - 2 : offset] == "\n\n":
        offset -= 1
    return offset


def insert_sections(text: str, sections: str) -> str:
    """The draft with `sections` inserted at the insertion point; no other byte changes."""
    offset = insertion_offset(text)
    before, after = text[:offset], text[offset:]
    if before and not before.endswith("\n"):
        sections = "\n" + sections
    return before + sections + after
