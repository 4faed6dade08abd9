"""The headline as a person would copy it: the text the page's candidates agree on.

Candidates are the page's headings (h1s, then h2s and h3s: a logo h1 can stand above the
article's own) and its title forms (og:title, twitter:title, JSON-LD headline, <title>). A
heading that a title form repeats with nothing around it but decoration (see
decoration.py) is the headline; a title form that only names the site is none. A ``:`` or
``-`` that a heading shows stays, whatever it looks like.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from drafter.extract.decoration import (
    SEPARATOR,
    Cut,
    NotTheHeadline,
    never_headline,
    side_cuts,
    strip_firm,
)
from drafter.extract.forms import page_lines, shown_part
from drafter.extract.names import ShownNames, brand_keys, is_site_name
from drafter.extract.sites import name_key, title_regexes
from drafter.profiles import SiteProfile

# "[News] Headline": a section tag some sites put before the <title> headline.
_SECTION_TAG = re.compile(r"^\s*\[(news|press release|press|release|update|info|blog)\]\s*", re.I)
_SPACES = re.compile(r"[ \t\r\n\f\v]+")


def clean_text(text: str) -> str:
    """Collapse ASCII whitespace runs (keep ideographic spaces, they are typography)."""
    return _SPACES.sub(" ", text.replace("\u00a0", " ")).strip(" \u3000")


def _apply_profile(title: str, profile: SiteProfile | None) -> str:
    if profile is None:
        return title
    for pattern in title_regexes(profile):
        title = pattern.sub("", title)
    return title


def head_title(tree: LexborHTMLParser) -> str | None:
    """The document's own ``<title>`` (not an inline SVG's)."""
    node = tree.css_first("head title") or tree.css_first("title")
    return clean_text(node.text()) if node is not None else None


@dataclass(frozen=True)
class Headline:
    """The headline, the candidate it came from, what was cut, and the heading showing it."""

    text: str | None
    source: str | None  # "h1", "og:title", "title tag", "profile" …
    cuts: tuple[Cut, ...] = ()  # each piece cut, with what it read as
    removed: tuple[tuple[str, str], ...] = ()  # (text as it stood in the title, reasons)
    node: LexborNode | None = None  # the page's heading for it, where the lead starts

    @property
    def provenance(self) -> str | None:
        """``h1, cut " | Example Corp" (site name)``: the winner and what was cut."""
        if self.source is None or not self.removed:
            return self.source
        cut = ", ".join(f'"{text}" ({reasons})' for text, reasons in self.removed)
        return f"{self.source}, cut {cut}"


_HEADING_LIMIT = 12  # of each level: a headline is among the page's first headings
_MAX_HEADING_CHARS = 300
_MAX_CANDIDATE_CHARS = 600  # a longer "title" is no headline; it is not compared either


@dataclass(frozen=True)
class _Candidate:
    """A title form: where it came from, its text, and its ``name_key`` with positions."""

    source: str
    text: str
    key: str
    positions: tuple[int, ...]  # index in `text` of each character of `key`

    @classmethod
    def of(cls, source: str, text: str) -> _Candidate:
        keys: list[str] = []
        positions: list[int] = []
        for index, char in enumerate(text):
            for key_char in _char_key(char):
                keys.append(key_char)
                positions.append(index)
        return cls(source, text, "".join(keys), tuple(positions))


@cache
def _char_key(char: str) -> str:
    """``name_key`` of one character (cached: titles repeat their characters)."""
    return name_key(char)


_PERMALINK = "#¶§🔗 \u3000"  # a heading's own anchor link is not part of its text


def _heading_text(node: LexborNode) -> str:
    """The heading's text, a line break in it read as a space ("Part one<br>Part two")."""
    if node.css_first("br") is None:
        return node.text() or ""
    parts = []
    for child in node.traverse(include_text=True):
        if child.tag == "-text":
            parts.append(child.text_content or "")
        elif child.tag == "br":
            parts.append(" ")
    return "".join(parts)


def _headings(tree: LexborHTMLParser, tag: str) -> list[tuple[str, str, LexborNode]]:
    """(tag, text, node) of the page's first headings of one level, in document order."""
    found: list[tuple[str, str, LexborNode]] = []
    for node in tree.css(tag)[:_HEADING_LIMIT]:
        text = clean_text(_heading_text(node)).strip(_PERMALINK)
        if len(name_key(text)) >= 2 and len(text) <= _MAX_HEADING_CHARS:
            found.append((tag, text, node))
    return found


class _Page:
    """The page's title forms and headings, each read when first needed: most pages agree
    on their first h1 and og:title, and never need the rest."""

    def __init__(
        self,
        tree: LexborHTMLParser,
        forms: list[tuple[str, str]],
        brands: tuple[str, ...],
        host: str,
    ) -> None:
        self.tree = tree
        self.forms = forms
        self.brands = brands
        self.host = host
        self._candidates: list[_Candidate] = []
        self._order: list[tuple[str, int]] | None = None  # (key, id) of h1-h3, document order
        self._headings: dict[str, list[tuple[str, str, LexborNode]]] = {}
        self.rejected: set[str] = set()  # keys of headings that are never a headline

    def candidates(self) -> Iterator[_Candidate]:
        for index, (source, text) in enumerate(self.forms):
            if index == len(self._candidates):
                self._candidates.append(_Candidate.of(source, text))
            yield self._candidates[index]

    def headings(self, tag: str) -> list[tuple[str, str, LexborNode]]:
        """The level's headings, less those that only name the site (a logo)."""
        if tag not in self._headings:
            kept = []
            for heading in _headings(self.tree, tag):
                if never_headline(heading[1]):
                    self.rejected.add(name_key(heading[1]))
                elif not is_site_name(heading[1], self.brands, self.host):
                    kept.append(heading)
            self._headings[tag] = kept
        return self._headings[tag]

    def all_headings(self) -> list[tuple[str, str, LexborNode]]:
        return [heading for tag in _HEADING_TAGS for heading in self.headings(tag)]

    def placer(self, heading: LexborNode) -> Callable[[str], str | None]:
        """A function telling whether the page shows a text (by key) as a heading "earlier"
        or "later" than `heading`, in document order; read from the page when first asked."""

        def placed(key: str) -> str | None:
            if self._order is None:
                nodes = self.tree.css("h1, h2, h3")[: 3 * _HEADING_LIMIT]
                self._order = [(name_key(node.text() or ""), node.mem_id) for node in nodes]
            ids = [mem_id for _, mem_id in self._order]
            here = ids.index(heading.mem_id) if heading.mem_id in ids else -1
            for index, (other, mem_id) in enumerate(self._order):
                if other == key and mem_id != heading.mem_id and here >= 0:
                    return "earlier" if index < here else "later"
            return None

        return placed


_HEADING_TAGS = ("h1", "h2", "h3")


def _shared_span(heading: str, candidate: _Candidate) -> tuple[int, int] | None:
    """Where the candidate holds the heading's text (compared as ``name_key``s), widened
    over the quotes and brackets the heading itself begins or ends with."""
    heading_key = name_key(heading)
    at = candidate.key.find(heading_key) if len(heading_key) >= 2 else -1
    if at < 0:
        return None
    start = candidate.positions[at]
    end = candidate.positions[at + len(heading_key) - 1] + 1
    marks = [index for index, char in enumerate(heading) if _char_key(char)]
    lead_in, tail = heading[: marks[0]], heading[marks[-1] + 1 :]
    if lead_in and candidate.text[:start].endswith(lead_in):
        start -= len(lead_in)
    if tail and candidate.text[end:].startswith(tail):
        end += len(tail)
    return start, end


@dataclass(frozen=True)
class _Agreement:
    cuts: tuple[Cut, ...]
    removed: tuple[tuple[str, str], ...]


def _agreement(
    heading: str,
    candidate: _Candidate,
    span: tuple[int, int],
    brands: tuple[str, ...],
    placed: Callable[[str], str | None],
) -> _Agreement | None:
    """What the candidate carries around `heading` (at `span`), when all of it reads as
    decoration; None when it does not, and the two do not share the headline."""
    cuts: list[Cut] = []
    removed: list[tuple[str, str]] = []
    for side, before in ((candidate.text[: span[0]], True), (candidate.text[span[1] :], False)):
        side_cut = side_cuts(
            side,
            brands,
            vouched=True,
            before=before,
            headline_chars=len(heading),
            placed=placed,
            heading=True,
        )
        if side_cut is None:
            return None
        if side_cut:
            cuts.extend(side_cut)
            reasons = ", ".join(dict.fromkeys(cut.reason for cut in side_cut))
            removed.append((side.strip(), reasons))
    return _Agreement(tuple(cuts), tuple(removed))


def _shortened(heading: str, candidate: _Candidate, brands: tuple[str, ...]) -> bool:
    """The candidate, without its decoration, is a shorter form of the heading (an SEO
    title): the heading shows the whole headline."""
    core, _ = strip_firm(candidate.text, brands)
    core_key, heading_key = name_key(core), name_key(heading)
    return len(core_key) * 2 >= len(heading_key) and core_key in heading_key


def _title_forms(
    tree: LexborHTMLParser,
    meta: Mapping[str, str],
    headline_ld: str | None,
    profile: SiteProfile | None,
) -> list[tuple[str, str]]:
    """(source, text) of the page's title forms, most deliberate first."""
    found = [(key, meta.get(key)) for key in ("og:title", "twitter:title")]
    found.append(("json-ld headline", clean_text(headline_ld) if headline_ld else None))
    found.append(("title tag", head_title(tree)))
    return [
        (source, _apply_profile(text, profile))
        for source, text in found
        if text and len(text) <= _MAX_CANDIDATE_CHARS
    ]


def pick_title(
    tree: LexborHTMLParser,
    meta: Mapping[str, str],
    profile: SiteProfile | None,
    url: str,
    shown: ShownNames,
    headline_ld: str | None = None,
) -> Headline:
    """The headline by agreement: the first heading that a title form repeats with only
    decoration around it (or in a shorter form); else the first title form that is more
    than a name, less what its words say is decoration; else the first heading."""
    site_names = [meta["og:site_name"]] if meta.get("og:site_name") else []
    host = urlsplit(url).hostname or ""
    brands = brand_keys(profile, site_names, host) + shown.keys()
    if profile is not None:
        for selector in profile.title_selectors:
            node = tree.css_first(selector)
            text = _apply_profile(clean_text(node.text()), profile) if node is not None else ""
            if name_key(text):
                return Headline(text, "profile", node=node)
    page = _Page(tree, _title_forms(tree, meta, headline_ld, profile), brands, host)
    agreed = _agreed_heading(page) or _agreed_line(page)
    if agreed is not None:
        return agreed
    headings = page.all_headings()
    for candidate in page.candidates():
        text, cuts = strip_firm(candidate.text, brands)
        text = _SECTION_TAG.sub("", text).strip(" \u3000")
        if _names_rejected(text, page.rejected):  # "JVNDB-2018-013542 - JVN iPedia"
            continue
        if not is_site_name(text, brands, host) and not never_headline(text):
            removed = tuple((cut.text.strip(), cut.reason) for cut in cuts)
            node = _showing(headings, text)
            return Headline(text, candidate.source, tuple(cuts), removed, node)
    if headings:
        tag, text, node = headings[0]
        return Headline(text, tag, node=node)
    return Headline(None, None)


def _names_rejected(text: str, rejected: set[str]) -> bool:
    """A title form whose first piece is a heading rejected as never a headline."""
    first = SEPARATOR.split(text, maxsplit=1)[0]
    return bool(rejected) and name_key(first) in rejected


def _agreed_heading(page: _Page) -> Headline | None:
    """The first heading (h1s, then h2s, then h3s) that a title form agrees with."""
    for tag in _HEADING_TAGS:
        for _, text, node in page.headings(tag):
            placed = page.placer(node)
            for candidate in page.candidates():
                span = _shared_span(text, candidate)
                try:
                    agreed = (
                        _agreement(text, candidate, span, page.brands, placed)
                        if span is not None
                        else None
                    )
                except NotTheHeadline:
                    break  # a later heading is the headline: try the next heading
                if agreed is not None:
                    return Headline(text, tag, agreed.cuts, agreed.removed, node)
                if _shortened(text, candidate, page.brands):
                    badge_free = _badge_free(node, text, candidate, page.brands, placed)
                    if badge_free is not None:
                        return Headline(badge_free[0], f"{tag} less {badge_free[1]!r}", node=node)
                    return Headline(text, f"{tag} ({candidate.source} shortened)", node=node)
    return None


def _badge_free(
    node: LexborNode,
    text: str,
    candidate: _Candidate,
    brands: tuple[str, ...],
    placed: Callable[[str], str | None],
) -> tuple[str, str] | None:
    """(the heading's text less an element set at its end or start, that element's text),
    when the title form agrees with the rest: a badge ("…を発売<span>NEW</span>") set
    inside the heading, that the title shows the headline without."""
    parts = [child for child in node.iter(include_text=True) if clean_text(child.text() or "")]
    if len(parts) < 2:
        return None
    for edge, at_end in ((parts[-1], True), (parts[0], False)):
        badge = clean_text(edge.text() or "")
        if edge.tag == "-text" or len(badge) * 3 > len(text):  # a badge is short
            continue
        rest = text.removesuffix(badge) if at_end else text.removeprefix(badge)
        rest = rest.strip(" \u3000")
        span = _shared_span(rest, candidate) if rest != text else None
        try:
            if span is not None and _agreement(rest, candidate, span, brands, placed):
                return rest, badge
        except NotTheHeadline:
            return None
    return None


def _agreed_line(page: _Page) -> Headline | None:
    """Where no heading agrees: a part of a title form the page shows as a line."""
    lines = page_lines(page.tree)
    for candidate in page.candidates():
        shown = shown_part(candidate.text, lines, page.brands)
        if shown is not None and not never_headline(shown.text):  # the page's own line
            reasons = ", ".join(dict.fromkeys(cut.reason for cut in shown.cuts))
            removed = ((shown.cut_text, reasons),)
            source = f"{candidate.source} (a line of the page)"
            return Headline(shown.text, source, shown.cuts, removed, shown.node)
    return None


def _showing(headings: list[tuple[str, str, LexborNode]], title: str) -> LexborNode | None:
    """The heading that shows the title, if one does."""
    title_key = name_key(title)
    for _, text, node in headings:
        if name_key(text) == title_key:
            return node
    return None
