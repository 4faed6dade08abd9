"""Filling in, in place, the articles a draft still marks as failed.

A failed article's section is drafter's heading, a blank line and the one-line mark
`> ⚠️ drafter could not read this article: <reason>`, followed by a blank line (or the end
of the file). Only a section still exactly in that shape is drafter's to rewrite, and only
its heading and mark are replaced: the host's bullets under it, and every other byte of
the draft, stay as they are. A mark the host changed, continued or removed is the host's.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from drafter.draft.edits import body_start, section_urls
from drafter.draft.render import FAILURE_MARKER, quote_block, section_heading
from drafter.models import Article

# The heading line, a blank line, the mark line; then a blank line or the end of the file.
_MARKED_SECTION = re.compile(
    r"^(?P<heading>##[ \t]+\[[^\n]*\]\([^)\s]+\))\n\n> "
    + re.escape(FAILURE_MARKER)
    + r": [^\n]*(?=\n[ \t]*\n|\n?\Z)",
    re.MULTILINE,
)


@dataclass(frozen=True)
class FailedSection:
    """A section still marked as failed: where it is, and the article to fetch again."""

    url: str  # normalised, as drafting compares URLs
    start: int  # offset of the heading line
    end: int  # offset just past the mark line's text (its newline is not included)
    line: int  # 1-based line number of the heading


def failed_sections(text: str) -> list[FailedSection]:
    """Every section of the draft's body still in the shape drafter wrote for a failure."""
    found = []
    for match in _MARKED_SECTION.finditer(text, body_start(text)):
        urls = section_urls(match.group("heading"))
        if urls:
            line = text.count("\n", 0, match.start()) + 1
            found.append(FailedSection(urls[0], match.start(), match.end(), line))
    return found


def filled_section(article: Article) -> str:
    """What replaces a mark: the heading and the quote, as the built-in template writes them."""
    return f"{section_heading(article)}\n\n{quote_block(article.lead)}"


def fill_in(text: str, fetched: Mapping[str, Article]) -> tuple[str, list[str]]:
    """The draft with every still-marked section whose article now reads (`fetched`, by
    normalised URL) filled in, and the URLs filled in. Sections are found again in `text`,
    so one the host edited since they were listed is left alone."""
    pieces: list[str] = []
    filled: list[str] = []
    position = 0
    for section in failed_sections(text):
        article = fetched.get(section.url)
        if article is None or not article.ok:
            continue
        pieces += [text[position : section.start], filled_section(article)]
        position = section.end
        if section.url not in filled:
            filled.append(section.url)
    pieces.append(text[position:])
    return "".join(pieces), filled
