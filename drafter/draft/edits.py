"""Reading a draft the host may have edited: which articles it holds, where new ones go.

`drafter add` must change no byte the host wrote, so everything here only reads text and
returns offsets; the one write is an insertion at `insertion_offset`.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

from drafter.urls import normalise_url

# A section heading's link destination: ## [text](destination)
_HEADING_LINK = re.compile(r"^##[ \t]+\[.*\]\((?P<url>[^)\s]+)\)", re.MULTILINE)
# Any Markdown link destination, for finding repeats across episodes.
_ANY_LINK = re.compile(r"\]\((?P<url>https?://[^)\s]+)\)")
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


def _comparable(url: str) -> str:
    decoded = _OUR_ESCAPES.sub(lambda m: unquote(m.group(0)), url)
    try:
        return normalise_url(decoded)
    except ValueError:
        return decoded


def section_urls(text: str) -> list[str]:
    """The normalised URLs of the draft's article headings, in order."""
    body = text[body_start(text) :]
    return [_comparable(match.group("url")) for match in _HEADING_LINK.finditer(body)]


def linked_urls(text: str) -> set[str]:
    """Every http(s) link in a page's body, normalised: what an episode already covered."""
    body = text[body_start(text) :]
    return {_comparable(match.group("url")) for match in _ANY_LINK.finditer(body)}


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
