"""The lead in document order: the first prose paragraph after the headline.

A reader's eye goes from the headline down. What it passes before the article's first
paragraph is furniture, and markup usually says so: a standfirst (dek) under the headline,
the byline and date, a caption, a gallery or share row, a pull-quote heading, the labels of
a table. The walk starts at the heading that shows the headline and yields blocks in the
order a reader meets them, each tagged with what the markup says it is; ``first_paragraph``
takes the first that reads as the article's own prose.

A paragraph that a byline or dateline follows before any other prose is the standfirst: an
article's header runs headline, standfirst, byline, and then the body starts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache

from selectolax.lexbor import LexborNode

from drafter.extract.lead import (
    BLOCK_TAGS,
    HEADINGS,
    SKIP_TAGS,
    Block,
    is_prose,
    junk_reason,
    looks_like_title,
    tidy,
)

# Elements whose text is never a paragraph of the article: the fallback's (lead.py), with
# headings (this walk reads a heading only to stop or to skip it) and without <header> (it
# holds the headline and its dek) and <time> (a date inside a paragraph is its text).
_SKIP_TAGS = (SKIP_TAGS | HEADINGS) - {"header", "time"}
# The blocks the walk enters: the fallback's (lead.py), less what this walk reads apart (a
# heading is read as one, <address> is a byline) and with the article's own <header>, which
# the fallback skips as page chrome but which here holds the headline and its dek.
_BLOCK_TAGS = (BLOCK_TAGS - HEADINGS - {"address"}) | {"header"}
_KIND_BY_TAG = {  # a <dd> is left a paragraph: pages built of definition lists hold prose there
    "li": "list",
    "dt": "label",
    "th": "label",
    "blockquote": "quote",
    "pre": "code",
}
# Class or id words that name furniture. Distinctive words match inside a longer name
# ("articleByline"), short common ones only as a whole word ("post-meta", not "metadata").
_FURNITURE_INSIDE = re.compile(
    r"byline|caption|breadcrumb|gallery|slideshow|carousel|newsletter|disclaimer|dateline|"
    r"timestamp|pullquote|pull-quote|share-?bar|sharing|social|advert|sponsor|related|"
    r"comment|sidebar|widget|tooltip|toolbar|read-?time|author",
    re.I,
)
_FURNITURE_WORD = re.compile(
    r"(?:^|[\s_-])(?:date|time|meta|share|tags?|credit|credits|ad|ads|promo|toc|rating|"
    r"listen|player|sns|label|category|categories|posted|photo|image|img|figure|video)"
    r"(?:$|[\s_-])",
    re.I,
)
# Inline furniture: dropped from the middle of a paragraph too (not "tag" or "author": an
# inline link of that class can be a word of the sentence).
_INLINE_FURNITURE = re.compile(
    r"byline|caption|gallery|slideshow|carousel|pullquote|pull-quote|photo-?credit|"
    r"image-?credit|share",
    re.I,
)
# Not "summary", "abstract" or "description": schema.org's speakable-summary and microdata
# description mark the lead itself on many sites (a dek still goes: a byline follows it).
_STANDFIRST_INSIDE = re.compile(
    r"standfirst|subtitle|sub-title|subhead|sub-head|strapline|excerpt|teaser|tldr|tl-dr|dek",
    re.I,
)
_STANDFIRST_WORD = re.compile(r"(?:^|[\s_-])(?:deck|kicker|sub)(?:$|[\s_-])", re.I)
# An article's header by class, where it is not a <header> element.
_HEADER_CLASS = re.compile(r"(?:entry|post|article|content|story|page)[-_]?header", re.I)
_META_LINE_CHARS = 120  # a byline or dateline line is short
_FURNITURE_MAX_CHARS = 2000  # a "byline" box holding more text than this is the article
_CLASS_CHECKS = 50  # furniture elements measured per walk: hostile pages stay cheap
_MAX_BLOCKS = 400  # blocks read after the headline before giving up
_MAX_DEPTH = 64  # nesting read block by block; deeper, an element's text is one line


# Furniture that a paragraph may begin with, in an element of its own ("<b>文＝…</b>本文").
_GLUED = {"byline", "dateline", "caption", "share", "related"}
# A pull quote set in bold at a paragraph's start: a whole quotation, the prose after it.
_BOLD = frozenset({"b", "strong"})
_QUOTED = re.compile(r"^(?:「[^「」]+」|『[^『』]+』|“[^“”]+”|\"[^\"]+\")$")


# Elements that hold a paragraph's text, not paragraphs: a block's siblings are counted in
# the container above them.
_LEAF_BLOCKS = frozenset(
    {"p", "li", "dd", "dt", "td", "th", "blockquote", "pre", "span", "a", "b", "strong", "em",
     "i", "font", "small", "u"}
)  # fmt: skip


@dataclass
class _Walk:
    """State shared by one walk: how many furniture elements were measured, how deep the
    walk is in nested blocks."""

    checks: int = 0
    depth: int = 0


# Where markup names what an element is: class, id and microdata (itemprop="author"), and
# the data attributes whose own name says they name a part, as React and CMS components
# do: data-component="byline-block", data-testid, data-qa, data-<anything>-name or
# -component (data-gu-name="standfirst", data-md-component="sidebar").
_NAMING_ATTRIBUTES = frozenset({"class", "id", "itemprop"})
_MAX_NAMES = 1000  # characters of one attribute read
_NAMING_DATA = re.compile(r"data-(?:[a-z0-9]+-)*(?:component|testid|test-id|qa|name|module)")
# ARIA roles of what is not the article: navigation, sidebars, the page's footer, search.
_FURNITURE_ROLES = frozenset({"navigation", "complementary", "contentinfo", "search"})


def _classes(node: LexborNode) -> str:
    """What the element's naming attributes say, joined (each read up to a bound: a
    megabyte-long class attribute names nothing more than its start does)."""
    return " ".join(
        value[:_MAX_NAMES]
        for name, value in node.attributes.items()
        if value and (name in _NAMING_ATTRIBUTES or _names_a_part(name))
    )


@cache
def _names_a_part(attribute: str) -> bool:
    return attribute.startswith("data-") and _NAMING_DATA.fullmatch(attribute) is not None


def _marked_as(node: LexborNode, walk: _Walk) -> str | None:
    """ "furniture" or "standfirst" when the element's class or id says so."""
    if node.attributes.get("role") in _FURNITURE_ROLES:
        return "furniture"
    names = _classes(node)
    if not names:
        return None
    if _STANDFIRST_INSIDE.search(names) or _STANDFIRST_WORD.search(names):
        return "standfirst"
    if _FURNITURE_INSIDE.search(names) or _FURNITURE_WORD.search(names):
        if walk.checks >= _CLASS_CHECKS:
            return "furniture"
        walk.checks += 1
        if len(node.text(deep=True) or "") <= _FURNITURE_MAX_CHARS:
            return "furniture"
    return None


def _blocks_from(
    first: LexborNode | None, kind: str, role: str | None, walk: _Walk
) -> Iterator[Block]:
    """Blocks of `first` and its following siblings (and their descendants), in order."""
    line = _Line(kind, role)
    line.parent, line.classes = _holder(first)
    child = first
    while child is not None:
        tag = child.tag or ""
        if tag == "-text":
            line.add(child.text_content or "", linked=False)
        elif tag == "br":
            yield from line.flush()
        elif tag == "form" and child.css_first("p") is not None:
            yield from line.flush()  # a form wrapping the page (ASP.NET): its content counts
            yield from _blocks_from(child.child, kind, role, walk)
        elif tag in _SKIP_TAGS:
            if tag[0] == "h" and line.empty:
                yield Block(tidy(child.text() or ""), "heading", role)
        elif tag == "address":  # the article's author, as HTML means it: a byline
            yield from line.flush()
            yield Block("byline", "furniture", role)
        elif tag in _BLOCK_TAGS:
            yield from line.flush()
            marked = _marked_as(child, walk)
            if marked == "furniture":
                yield Block(_classes(child), "furniture", role)
            elif walk.depth >= _MAX_DEPTH:  # hostile nesting: no recursion past this
                yield Block(tidy(child.text() or ""), kind, marked or role)
            else:
                walk.depth += 1
                child_kind = _KIND_BY_TAG.get(tag, kind)
                yield from _blocks_from(child.child, child_kind, marked or role, walk)
                walk.depth -= 1
        elif _INLINE_FURNITURE.search(names := _classes(child)):
            pass  # a gallery link, caption or credit set inside the paragraph
        else:
            text = child.text(deep=True, separator="") or ""
            if line.empty and junk_reason(tidy(text)) in _GLUED:
                yield Block(tidy(text), "p", role)  # a byline set in the paragraph's start
            elif line.empty and tag in _BOLD and _QUOTED.match(tidy(text)) and child.next:
                yield Block(tidy(text), "quote", role)  # a pull quote set bold before it
            elif tag == "a":
                line.add(text, linked=True)
            else:
                line.add(text, linked=False, links=_link_text(child))
                line.dated = line.dated or tag == "time" or _names_byline(names)
        child = child.next
    yield from line.flush()


@dataclass
class _Line:
    """Inline text gathered until a line break or block ends it."""

    kind: str
    role: str | None
    parts: list[str] = field(default_factory=list)
    linked: int = 0  # characters inside links
    empty: bool = True  # no text but whitespace yet
    dated: bool = False  # holds a <time>, or an element named author, byline, date …
    parent: int = 0
    classes: str = ""

    def add(self, text: str, *, linked: bool, links: str = "") -> None:
        self.parts.append(text)
        self.linked += len(text.strip()) if linked else len(links)
        self.empty = self.empty and not text.strip()

    def flush(self) -> Iterator[Block]:
        """The gathered line as a block (a link line when it is nearly all link text)."""
        text = tidy("".join(self.parts))
        self.parts, linked, self.linked, self.empty = [], self.linked, 0, True
        dated, self.dated = self.dated, False
        if not text:
            return
        if dated and len(text) <= _META_LINE_CHARS and not is_prose(text):
            # "Jane Doe · <time>March 3</time>": a line whose markup names its author or
            # date, and that is no sentence, is the article's byline
            yield Block("byline", "furniture", self.role)
        elif self.kind == "p" and linked * 10 >= len(text.replace(" ", "")) * 8:
            yield Block(text, "link", self.role, self.parent, self.classes)
        else:
            yield Block(text, self.kind, self.role, self.parent, self.classes)


def _holder(first: LexborNode | None) -> tuple[int, str]:
    """Which container holds the blocks that start at `first` (above the paragraph's own
    element), and the class and id words of both: what the fitted lead reads as context."""
    element = first.parent if first is not None else None
    if element is None:
        return 0, ""
    holder: LexborNode | None = element
    while holder is not None and holder.tag in _LEAF_BLOCKS:
        holder = holder.parent
    names = _classes(element)[:200]
    if holder is None:
        return element.mem_id, names
    if holder is not element:
        names += " " + _classes(holder)[:200]
    return holder.mem_id, names


def _link_text(node: LexborNode) -> str:
    """The text of the links inside an inline element (a <span> wrapping an <a>)."""
    if node.child is None:
        return ""
    return "".join((link.text() or "").strip() for link in node.css("a"))


def blocks_within(node: LexborNode) -> Iterator[Block]:
    """Every block inside `node`, in document order."""
    return _blocks_from(node.child, "p", None, _Walk())


def _is_header(node: LexborNode) -> bool:
    return node.tag == "header" or bool(_HEADER_CLASS.search(_classes(node)))


_CONTAINERS = frozenset({"article", "main", "body", "html"})


def blocks_after(anchor: LexborNode) -> Iterator[Block]:
    """Every block after `anchor` in document order, up to the end of the ``<article>`` or
    ``<main>`` holding it (else of the body): past it are other stories. Blocks still inside
    the headline's own header (``<header>``, or a div named so) have the role "header": what
    an article's header holds besides its headline is a standfirst, a byline, a date."""
    walk = _Walk()
    path: list[LexborNode] = []  # the anchor and its ancestors inside its container
    node: LexborNode | None = anchor
    while node is not None and node.tag not in _CONTAINERS:
        path.append(node)
        node = node.parent
    header_depth = max((i for i, n in enumerate(path) if i > 0 and _is_header(n)), default=0)
    for depth, current in enumerate(path):
        role = "header" if depth < header_depth else None
        yield from _blocks_from(current.next, "p", role, walk)


@dataclass
class Lead:
    """The lead paragraph and what the walk passed over to reach it."""

    text: str | None
    skipped: list[str] = field(default_factory=list)
    body_found: bool = True  # False: no body paragraph, `text` is the standfirst (or None)

    @property
    def provenance(self) -> str:
        passed = list(dict.fromkeys(self.skipped))
        return "first paragraph after the headline" + (
            f", skipped {', '.join(passed)}" if passed else ""
        )


_HEADER_LINES = {"byline", "dateline"}
_UNREMARKABLE = {"heading", "short line", "title", "list", "empty", "furniture", "link line"}


def first_paragraph(
    blocks: Iterator[Block], title: str | None, reasons: Sequence[str | None] = ()
) -> Lead:
    """The first block that reads as the article's prose; a prose block that a byline or
    dateline follows before the next prose is a standfirst and is passed over. `reasons`:
    `furniture_reason` of the first blocks, where the caller has read them already."""
    lead = Lead(None)
    held: Block | None = None  # prose found, waiting to see whether a byline follows it
    standfirst: str | None = None
    for count, block in enumerate(blocks):
        if count >= _MAX_BLOCKS:
            break
        reason = reasons[count] if count < len(reasons) else furniture_reason(block, title)
        if held is not None and reason == "heading":
            break  # a new section: what came before it was the body's first paragraph
        if reason is not None:
            if held is not None and reason in _HEADER_LINES:
                lead.skipped.append("standfirst")
                standfirst, held = standfirst or held.text, None
            if reason not in _UNREMARKABLE:
                lead.skipped.append(reason)
            continue
        if held is not None:
            break
        held = block
    if held is not None:
        lead.text = held.text
    else:
        lead.body_found = False
    if held is None and standfirst is not None:  # no body after it: the only paragraph there is
        lead.text = standfirst
        lead.skipped = [reason for reason in lead.skipped if reason != "standfirst"]
    return lead


def furniture_reason(block: Block, title: str | None) -> str | None:
    """Why a block is not the lead (None: it is prose that could be)."""
    if block.kind == "furniture":
        return "byline" if _names_byline(block.text) else "furniture"
    if block.kind == "heading":
        return "heading"
    if block.kind == "quote":
        return "pull quote"
    reason = junk_reason(block.text)
    if reason is not None:
        return reason
    if not is_prose(block.text):
        return "label" if block.kind == "label" else "short line"
    if block.role in {"standfirst", "header"}:
        return "standfirst"
    if block.kind != "p" or looks_like_title(block.text, title):
        return {"list": "list", "code": "code", "link": "link line"}.get(block.kind, "title")
    return None


_BYLINE_NAMES = re.compile(
    r"byline|author|dateline|timestamp|pubdate|(?:^|[\s_-])(?:date|time|posted)(?:$|[\s_-])", re.I
)


def _names_byline(names: str) -> bool:
    return bool(_BYLINE_NAMES.search(names))
