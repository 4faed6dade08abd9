"""Filling in, in place, the articles a draft still marks as failed.

drafter writes a failed article as its heading `## [URL](URL)`, a blank line and the one-line
mark `> ⚠️ drafter could not read this article: <reason>`. The mark is drafter's as long as
its line is unchanged and stands on its own: not inside a quote of the host's (a `>` line
just above it) and not continued by one (a `>` or paragraph line just below it). Such a
mark is filled in wherever it stands under its article's heading, the host's lines between
them kept where they are; the heading is rewritten with the article's title while it is
still one link and nothing more, as drafter wrote it. Every other byte stays as it is. A mark
that cannot be filled (changed, continued, inside a quote, under no article heading) is
reported with why, so the host can finish it by hand.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from drafter.draft.edits import body_start, section_urls
from drafter.draft.render import FAILURE_MARKER, quote_block, section_heading
from drafter.models import Article, LeftMark

_MARK_LINE = re.compile("> " + re.escape(FAILURE_MARKER) + r": [^\n]*")
_ARTICLE_HEADING = re.compile(r"##[ \t]")  # drafter's sections: level 2
_TOP_HEADING = re.compile(r"#[ \t]")  # `# 感想`: no article's section goes on past it
_DRAFTERS_HEADING = re.compile(r"##[ \t]+\[[^\n]*\]\([^)\s]+\)")  # nothing after the link
_QUOTE = re.compile(r"[ \t]{0,3}>")
_FENCE = re.compile(r"[ \t]{0,3}(```|~~~)")
# A line that starts a block of its own, so it does not continue the quote above it.
_NEW_BLOCK = re.compile(r"[ \t]{0,3}(?:[*+-]|\d{1,9}[.)])(?:[ \t]|$)|#{1,6}(?:[ \t]|$)|```|~~~")


@dataclass(frozen=True)
class FailedSection:
    """A mark still drafter's: where its section is, and the article to fetch again."""

    url: str  # normalised, as drafting compares URLs
    start: int  # offset of the heading line
    end: int  # offset just past the mark line's text (its newline is not included)
    line: int  # 1-based line number of the heading
    heading_end: int  # offset just past the heading line's text
    mark_start: int  # offset of the mark line
    drafters_heading: bool  # the heading is still one link, as drafter wrote it: rewritten too


@dataclass
class _Line:
    number: int
    start: int
    text: str


def _body_lines(text: str) -> list[_Line]:
    """The body's lines with their offsets, fenced code blocks left out."""
    lines = []
    offset = body_start(text)
    number = text.count("\n", 0, offset) + 1
    fenced = False
    for line in text[offset:].split("\n"):
        if _FENCE.match(line):
            fenced = not fenced
        elif not fenced:
            lines.append(_Line(number, offset, line))
        offset += len(line) + 1
        number += 1
    return lines


def read_marks(text: str) -> tuple[list[FailedSection], list[LeftMark]]:
    """The draft's failure marks: those drafter can fill in, and those it cannot, with why."""
    fillable: list[FailedSection] = []
    left: list[LeftMark] = []
    lines = _body_lines(text)
    heading: _Line | None = None
    marked: set[int] = set()  # headings whose section already has a mark
    for index, line in enumerate(lines):
        if _TOP_HEADING.match(line.text):
            heading = None
        elif _ARTICLE_HEADING.match(line.text):
            heading = line
        if FAILURE_MARKER not in line.text:
            continue
        urls = section_urls(heading.text) if heading is not None else []
        url = urls[0] if urls else None
        above = lines[index - 1].text if index > 0 else ""
        below = lines[index + 1].text if index + 1 < len(lines) else ""
        reason = None
        if not _MARK_LINE.fullmatch(line.text):
            reason = "the mark was changed"
        elif _QUOTE.match(above):
            reason = "it is inside a quote of yours"
        elif below.strip() and (_QUOTE.match(below) or not _NEW_BLOCK.match(below)):
            reason = "a quote of yours continues it"
        elif heading is None:
            reason = "it is under no article heading"
        elif url is None:
            reason = "the heading above it links no article"
        elif heading.number in marked:
            reason = "its section holds another failure mark"
        if reason is not None:
            left.append(LeftMark(line.number, url, reason))
            continue
        assert heading is not None and url is not None
        marked.add(heading.number)
        fillable.append(
            FailedSection(
                url=url,
                start=heading.start,
                end=line.start + len(line.text),
                line=heading.number,
                heading_end=heading.start + len(heading.text),
                mark_start=line.start,
                drafters_heading=_DRAFTERS_HEADING.fullmatch(heading.text) is not None,
            )
        )
    return fillable, left


def failed_sections(text: str) -> list[FailedSection]:
    """Every failure mark of the draft that is still drafter's to fill in."""
    return read_marks(text)[0]


def fill_in(text: str, fetched: Mapping[str, Article]) -> tuple[str, list[str]]:
    """The draft with every mark whose article now reads (`fetched`, by normalised URL)
    replaced by the article's quote (and a heading still drafter's by its title), and the
    URLs filled in. Marks are found again in `text`, so one the host edited since they were
    listed is left alone."""
    pieces: list[str] = []
    filled: list[str] = []
    position = 0
    for section in failed_sections(text):
        article = fetched.get(section.url)
        if article is None or not article.ok:
            continue
        heading = (
            section_heading(article)
            if section.drafters_heading
            else text[section.start : section.heading_end]
        )
        pieces += [
            text[position : section.start],
            heading,
            text[section.heading_end : section.mark_start],  # the host's lines, as they are
            quote_block(article.lead),
        ]
        position = section.end
        if section.url not in filled:
            filled.append(section.url)
    pieces.append(text[position:])
    return "".join(pieces), filled
