"""What `drafter check` finds by reading an episode page: the problems that would embarrass
the host once it is published, each with its 1-based line number.

Only reading here: the links' answers come from fetching (drafter.fetch.link_status) and
Hugo's errors from a build (drafter.draft.hugo); drafter.check joins them.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass

from drafter.draft.edits import body_start, section_urls
from drafter.draft.markdown_links import markdown_links
from drafter.draft.render import FAILURE_MARKER, one_line
from drafter.urls import FETCHABLE_SCHEMES, normalise_url, url_scheme

_BULLET_EMPTY = re.compile(r"^[ \t]*[*+-][ \t]*$")
_QUOTE = re.compile(r"^[ \t]{0,3}>(?P<rest>.*)$")
_FENCE = re.compile(r"^[ \t]{0,3}(```|~~~)")
_TITLE_LINE = re.compile(r"^title[ \t]*[:=]", re.MULTILINE)
# A line that reads as a key of its own (`event:`), inside a quoted value: it ran on.
_SWALLOWED_KEY = re.compile(r"\n[ \t]*[\w.-]+:(?=[ \t]|\n)")
ARTICLE_HEADING = 2  # the level of drafter's `## [title](bookmark)` headings


@dataclass(frozen=True)
class PageLink:
    """A link `check` fetches: the line it is first on, its normalised URL, and whether it
    is an article heading's own link (the host's bookmark), fetched wherever it is; any
    other link must lead to a public address."""

    line: int
    url: str
    bookmarked: bool


@dataclass(frozen=True)
class Finding:
    """One problem on the page: where, what kind (a stable name for --json), and what. A
    finding about the site rather than a place on the page (Hugo's, when it does not name
    the page) has no line."""

    line: int | None
    kind: str
    message: str


def placeholder_title(pattern: str) -> re.Pattern[str]:
    """The settings' title pattern (`#{number} Coming Soon`) as a regex for any number."""
    escaped = re.escape(pattern).replace(re.escape("{number}"), r"\d+")
    return re.compile(escaped)


def _front_matter(text: str) -> tuple[str, str, int] | None:
    """(fence, the front matter's text, the line its text starts on), or None."""
    end = body_start(text)
    if end == 0:
        return None
    fence = text[:3]
    inner = text[4:end].removesuffix(f"{fence}\n").removesuffix(fence)
    return fence, inner, 2  # the line after the opening fence


def _parse_front_matter(fence: str, inner: str, first_line: int) -> tuple[object, Finding | None]:
    """The front matter as data, or a finding saying where it does not parse."""
    if fence == "+++":
        try:
            return tomllib.loads(inner), None
        except tomllib.TOMLDecodeError as exc:
            where = re.search(r"line (\d+)", str(exc))
            line = first_line + int(where.group(1)) - 1 if where else first_line
            return None, Finding(line, "front_matter", f"front matter is not valid TOML: {exc}")
    import yaml  # noqa: PLC0415 (only `drafter check` needs it)

    try:
        return yaml.safe_load(inner), None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        opened = _unclosed_quote(inner, exc)
        if opened is not None:
            line = first_line + opened
            problem = f"the quote opened on line {line} is not closed on that line ({problem})"
        else:
            line = first_line + mark.line if mark is not None else first_line
        return None, Finding(line, "front_matter", f"front matter is not valid YAML: {problem}")


def _unclosed_quote(inner: str, exc: Exception) -> int | None:
    """The 0-based line of a quoted value that ran on past its line into the error, or None.

    `title: "#28 収録` makes YAML read on to the next `"` (or the end), and it reports the
    problem there, dozens of lines below the host's mistake; front matter values are one
    line, so a quote that spans lines before a parse error is the mistake."""
    import yaml  # noqa: PLC0415 (only `drafter check` needs it)

    problem = getattr(exc, "problem_mark", None)
    try:
        for token in yaml.scan(inner):
            start, end = token.start_mark, token.end_mark
            if problem is None or end.index > problem.index:
                break
            quoted = isinstance(token, yaml.ScalarToken) and token.style in ('"', "'")
            if quoted and _SWALLOWED_KEY.search(inner, start.index, end.index):
                return int(start.line)  # the first: what follows it is read askew
    except yaml.YAMLError:
        pass
    context = getattr(exc, "context_mark", None)
    if getattr(exc, "context", None) == "while scanning a quoted scalar" and context is not None:
        return int(context.line)  # it ran on to the end of the front matter
    return None


def front_matter_findings(text: str, placeholder: re.Pattern[str]) -> list[Finding]:
    """A front matter that does not parse, or a title still the placeholder."""
    found = _front_matter(text)
    if found is None:
        if text.startswith(("---\n", "+++\n")):
            return [Finding(1, "front_matter", "the front matter is never closed")]
        return [Finding(1, "front_matter", "the page has no front matter (--- or +++ fenced)")]
    fence, inner, first_line = found
    data, problem = _parse_front_matter(fence, inner, first_line)
    if problem is not None:
        return [problem]
    if not isinstance(data, dict):
        return [Finding(first_line, "front_matter", "the front matter is not a mapping of keys")]
    title = data.get("title")
    title_at = _TITLE_LINE.search(inner)
    line = first_line + inner.count("\n", 0, title_at.start()) if title_at else first_line
    if not isinstance(title, str) or not title.strip():
        return [Finding(line, "title", "the title is missing or empty")]
    if placeholder.fullmatch(title.strip()):
        return [Finding(line, "title", f"the title is still the placeholder: {one_line(title)}")]
    return []


def body_lines(text: str) -> list[tuple[int, str]]:
    """(line number, line) of the body outside fenced code blocks."""
    start = body_start(text)
    first = text.count("\n", 0, start) + 1
    lines = []
    fenced = False
    for number, line in enumerate(text[start:].split("\n"), start=first):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if not fenced:
            lines.append((number, line))
    return lines


def body_findings(text: str) -> list[Finding]:
    """drafter's failure marks, empty bullets, and quotes with nothing in them."""
    found = []
    quote: list[tuple[int, str]] = []

    def end_quote() -> None:
        if quote and not any(rest.strip(" \t>") for _, rest in quote):
            found.append(Finding(quote[0][0], "empty_quote", "the quote is empty"))
        quote.clear()

    for number, line in body_lines(text):
        if FAILURE_MARKER in line:
            reason = line[line.index(FAILURE_MARKER) + len(FAILURE_MARKER) :].lstrip(": ")
            message = f"drafter's failure mark is still here: {one_line(reason) or '(no reason)'}"
            found.append(Finding(number, "failure_mark", message))
        if _BULLET_EMPTY.match(line):
            found.append(Finding(number, "empty_bullet", "the bullet is empty"))
        if match := _QUOTE.match(line):
            quote.append((number, match.group("rest")))
        else:
            end_quote()
    end_quote()
    return found


def page_links(text: str) -> list[PageLink]:
    """Each http(s) link of the body as CommonMark reads it (drafter.draft.markdown_links:
    never escaped text, a code span or a quote), first occurrence only, in page order."""
    found: dict[str, PageLink] = {}
    for link in markdown_links(text):
        if url_scheme(link.destination) not in FETCHABLE_SCHEMES:
            continue
        try:
            url = normalise_url(link.destination)
        except ValueError:
            continue
        bookmarked = link.opens_heading == ARTICLE_HEADING
        if url not in found:
            found[url] = PageLink(link.line, url, bookmarked)
        elif bookmarked:  # linked again in the notes first: still the host's bookmark
            found[url] = PageLink(found[url].line, url, bookmarked)
    return list(found.values())


def repeat_findings(text: str, covered: dict[str, int]) -> list[Finding]:
    """Articles an earlier episode already links to (the rule drafting leaves them out by)."""
    found = []
    for number, line in body_lines(text):
        for url in section_urls(line):
            if url in covered:
                found.append(
                    Finding(number, "repeat", f"episode {covered[url]} already covered {url}")
                )
    return found
