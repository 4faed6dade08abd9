"""The links of an episode page, read as CommonMark (and so Hugo) reads them.

What a page said reaches the draft as escaped text: a title holding "](http://10.0.0.1/)"
is written `\\](http://10.0.0.1/)`, which no renderer shows as a link, so neither may
`drafter check` fetch it. Here a link is what CommonMark makes one:

- an inline link or image, `[text](destination "title")`, its brackets matched as the spec's
  delimiter stack matches them (a link inside a link's text makes the outer one text);
- an autolink, `<scheme:…>`.

Never a link: a backslash-escaped character, anything inside a code span (`` `…` ``) or raw
HTML (`<a href=…>`, a comment), anything in a fenced code block, and anything in a `>` quote
block, where drafter writes what a page said (the lead, a failure's reason) and where the
host quotes others. Reference links (`[text][label]`) and indented code blocks are not read:
the first are not drafter's, and the second leave their links to be fetched (which the
address policy holds like any other link no bookmark named).
"""

from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass

from drafter.draft.edits import body_start

_FENCE_OPEN = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
_FENCE_CLOSE = re.compile(r"^ {0,3}(?P<fence>`{3,}|~{3,})[ \t]*$")
_QUOTE = re.compile(r"^ {0,3}(?:(?:[*+-]|\d{1,9}[.)])[ \t]{1,4})*>")  # in a list item too
_ATX_HEADING = re.compile(r"^ {0,3}(?P<level>#{1,6})(?:[ \t]+|$)")
_LIST_ITEM = re.compile(r"^ {0,3}(?:[*+-]|\d{1,9}[.)])(?:[ \t]|$)")
_SETEXT_UNDERLINE = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")
_THEMATIC_BREAK = re.compile(r"^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_ESCAPABLE = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_AUTOLINK = re.compile(r"<(?P<uri>[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^\x00-\x20\x7f<>]*)>")
_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_EMAIL_AUTOLINK = re.compile(
    rf"<(?P<address>[A-Za-z0-9.!#$%&'*+/=?^_`{{|}}~-]+@{_LABEL}(?:\.{_LABEL})*)>"
)
_ATTRIBUTE = r"""(?:\s+[A-Za-z_:][A-Za-z0-9_.:-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?)"""
_RAW_HTML = re.compile(
    rf"<[A-Za-z][A-Za-z0-9-]*{_ATTRIBUTE}*\s*/?>"  # an open tag
    r"|</[A-Za-z][A-Za-z0-9-]*\s*>"  # a closing tag
    r"|<!-->|<!--->|<!--.*?-->"  # a comment
    r"|<\?.*?\?>|<![A-Za-z][^>]*>|<!\[CDATA\[.*?\]\]>",  # instruction, declaration, CDATA
    re.DOTALL,
)
_LINK_WHITESPACE = re.compile(r"[ \t]*(?:\n[ \t]*)?")
_BACKTICKS = re.compile(r"`+")
# Backslash escapes and entity references, decoded in one pass as CommonMark does.
_DESTINATION_ESCAPE = re.compile(
    r"\\(?P<escaped>[!-/:-@\[-`{-~])|(?P<entity>&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|"
    r"[A-Za-z][A-Za-z0-9]{1,31});)"
)
_PAREN_DEPTH = 32  # CommonMark's limit on nested parentheses in a bare destination


@dataclass(frozen=True)
class MarkdownLink:
    """One link of the page: its 1-based line, its destination as CommonMark decodes it, and
    the level of the `#` heading it opens (2 for `## [title](url)`), else 0."""

    line: int
    destination: str
    opens_heading: int = 0


@dataclass
class _Opener:
    """A `[` or `![` not yet closed: where, which, and whether it may still open a link."""

    offset: int
    image: bool
    active: bool = True


def _decode(destination: str) -> str:
    def one(match: re.Match[str]) -> str:
        escaped = match.group("escaped")
        return escaped if escaped is not None else html.unescape(match.group("entity"))

    return _DESTINATION_ESCAPE.sub(one, destination)


class _CodeSpans:
    """Where each code span of one block ends: every backtick run is found once, so a block
    of many unclosed runs is read in n log n, not n²."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.runs: dict[int, list[int]] = {}  # a run's length → where runs that long start
        for run in _BACKTICKS.finditer(text):
            self.runs.setdefault(len(run.group()), []).append(run.start())

    def after(self, start: int) -> int:
        """Past the code span opening at `start`, or past its backticks when no run of the
        same length closes it (then they are text)."""
        run = _BACKTICKS.match(self.text, start)
        length = run.end() - start if run else 1
        starts = self.runs.get(length, [])
        following = bisect.bisect_right(starts, start)
        if following < len(starts):
            return starts[following] + length
        return start + length


def _space_after(text: str, index: int) -> int:
    """Past the spaces, tabs and at most one line break at `index`."""
    space = _LINK_WHITESPACE.match(text, index)
    return space.end() if space else index


def _bracketed_destination(text: str, start: int) -> tuple[str, int] | None:
    """`<…>` at `start` (escapes allowed, no line break, no unescaped `<`)."""
    index = start + 1
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text) and text[index + 1] in _ESCAPABLE:
            index += 2
        elif char == ">":
            return text[start + 1 : index], index + 1
        elif char in "<\n":
            return None
        else:
            index += 1
    return None


def _bare_destination(text: str, start: int) -> tuple[str, int] | None:
    """A destination without brackets: no space or control character, parentheses balanced."""
    index, depth = start, 0
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text) and text[index + 1] in _ESCAPABLE:
            index += 2
            continue
        if char <= " " or char == "\x7f":
            break
        if char == "(":
            depth += 1
            if depth > _PAREN_DEPTH:
                return None
        elif char == ")":
            if depth == 0:
                break
            depth -= 1
        index += 1
    if index == start or depth:
        return None
    return text[start:index], index


def _after_title(text: str, start: int) -> int | None:
    """Past a link title ("…", '…' or (…)) at `start`, or None when there is none."""
    closing = {'"': '"', "'": "'", "(": ")"}.get(text[start : start + 1])
    if closing is None:
        return None
    index = start + 1
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text):
            index += 2
            continue
        if char == closing:
            return index + 1
        if char == "(" and closing == ")":
            return None
        index += 1
    return None


def _inline_destination(text: str, start: int) -> tuple[str, int] | None:
    """`(destination "title")` right after a link's `]` at `start`: the destination as
    written and the offset past the `)`, or None when there is no inline link there."""
    if not text.startswith("(", start):
        return None
    index = _space_after(text, start + 1)
    if text.startswith(")", index):
        return "", index + 1
    found = (
        _bracketed_destination(text, index)
        if text.startswith("<", index)
        else _bare_destination(text, index)
    )
    if found is None:
        return None
    destination, index = found
    spaced = _space_after(text, index)
    if spaced > index and (past := _after_title(text, spaced)) is not None:
        index = _space_after(text, past)
    else:
        index = spaced
    if not text.startswith(")", index):
        return None
    return destination, index + 1


def inline_links(text: str) -> list[tuple[int, str]]:
    """(offset, destination) of each link and autolink in one block's inline text (a
    paragraph, a list item's line, a heading's text), in order of where each opens."""
    found: list[tuple[int, str]] = []
    openers: list[_Opener] = []
    deactivated = 0  # openers[:deactivated] were made text by a link that followed them
    code_spans = _CodeSpans(text)
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\\":  # an escaped punctuation character is only text
            escaped = index + 1 < len(text) and text[index + 1] in _ESCAPABLE
            index += 2 if escaped else 1
        elif char == "`":
            index = code_spans.after(index)
        elif char == "<":
            if autolink := _AUTOLINK.match(text, index):
                found.append((index, autolink.group("uri")))
            elif autolink := _EMAIL_AUTOLINK.match(text, index):
                found.append((index, "mailto:" + autolink.group("address")))
            matched = autolink or _RAW_HTML.match(text, index)
            index = matched.end() if matched else index + 1
        elif char == "[" or (char == "!" and text.startswith("[", index + 1)):
            openers.append(_Opener(index, image=char == "!"))
            index += 1 if char == "[" else 2
        elif char == "]" and openers:
            opener = openers.pop()
            deactivated = min(deactivated, len(openers))
            link = _inline_destination(text, index + 1) if opener.active else None
            if link is None:
                index += 1
                continue
            destination, index = link
            found.append((opener.offset, _decode(destination)))
            if not opener.image:  # a link cannot hold a link: the [ before it are text now
                for earlier in openers[deactivated:]:
                    earlier.active = earlier.image
                deactivated = len(openers)
        else:
            index += 1
    return sorted(found)


def _blocks(body: str, first_line: int) -> list[tuple[int, str, int]]:
    """(first line, inline text, heading level or 0) of each block links may be in: the
    paragraphs, list items and headings outside code blocks and quotes."""
    blocks: list[tuple[int, str, int]] = []
    paragraph: list[str] = []
    paragraph_line = 0
    fence: str | None = None  # the fence of the code block we are in
    quoted = False  # a quote's paragraph is open: a plain line continues it (lazily)

    def close() -> None:
        if paragraph:
            blocks.append((paragraph_line, "\n".join(paragraph), 0))
            paragraph.clear()

    for number, line in enumerate(body.split("\n"), start=first_line):
        if fence is not None:  # closed by a run of its character, at least as long
            closing = _FENCE_CLOSE.match(line)
            if closing and closing.group("fence").startswith(fence):
                fence = None
            continue
        opening = _FENCE_OPEN.match(line)
        if opening and not (opening.group("fence")[0] == "`" and "`" in opening.group("info")):
            close()
            fence, quoted = opening.group("fence"), False
            continue
        if not line.strip():
            close()
            quoted = False
            continue
        if quote := _QUOTE.match(line):
            close()
            quoted = bool(line[quote.end() :].strip(" \t>"))
            continue
        heading = _ATX_HEADING.match(line)
        # A thematic break, or a setext underline, ends the paragraph above it.
        ends = _THEMATIC_BREAK.match(line) or (paragraph and _SETEXT_UNDERLINE.match(line))
        if quoted and not (heading or ends or _LIST_ITEM.match(line)):
            continue  # a lazy continuation of the quote's paragraph
        quoted = False
        if heading:
            close()
            blocks.append((number, line[heading.end() :], len(heading.group("level"))))
        elif ends:
            close()
        elif _LIST_ITEM.match(line) or not paragraph:
            close()
            paragraph_line = number
            paragraph.append(line)
        else:
            paragraph.append(line)
    close()
    return blocks


def markdown_links(text: str) -> list[MarkdownLink]:
    """Every link of the page's body (after its front matter), in page order."""
    start = body_start(text)
    links = []
    for first_line, inline, level in _blocks(text[start:], text.count("\n", 0, start) + 1):
        heading_text = len(inline) - len(inline.lstrip(" \t"))  # where a heading's text starts
        line, counted = first_line, 0
        for offset, destination in inline_links(inline):
            line += inline.count("\n", counted, offset)
            counted = offset
            opens = level if offset == heading_text and inline[offset] == "[" else 0
            links.append(MarkdownLink(line, destination, opens))
    return links
