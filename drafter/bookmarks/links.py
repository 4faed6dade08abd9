"""Lists of links written by hand: a Markdown list, or an HTML page of `<a href>` links.

Markdown: `- [title](url) comment` makes a bookmark whose note is the comment (the link's
own text is the page's title, not the host's words); headings are the folders, so
`folder="Podcast/Week 28"` picks the links under `# Podcast` → `## Week 28`. Lines without
a link (prose, code blocks) are not bookmarks and are not reported.
HTML: every `<a href>`; its note is the text after the link in the same `<li>`.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

from selectolax.lexbor import LexborHTMLParser, LexborNode

from drafter.bookmarks.common import Entry, Source, clean_text, unix_time
from drafter.bookmarks.text import decode_bookmarks, split_line
from drafter.decode import decode_html
from drafter.markup import flatten_nesting
from drafter.urls import FETCHABLE_SCHEMES, url_scheme

_HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")
_LIST_MARKER = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+(?:\[[ xX]\]\s+)?")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]]+\]:\s*<?([^\s>]+)>?")
# A Markdown link to anything with a scheme, to report the ones that are not http(s).
_ANY_LINK = re.compile(r"\[[^\]]*\]\(\s*<?([A-Za-z][A-Za-z0-9+.-]*:[^)\s>]*)")
_NOTE_EDGES = " \t-–—:：|｜>"
_LISTS = frozenset({"ul", "ol"})


def parse_markdown(data: bytes, name: str) -> Source:
    """A Markdown list of links → entries, with the headings above each link as its folder."""
    text = decode_bookmarks(data, name)
    source = Source("markdown")
    headings: list[tuple[int, str]] = []
    fence: str | None = None
    for number, raw in enumerate(text.removeprefix("\ufeff").splitlines(), start=1):
        if fence is not None:
            if raw.strip().startswith(fence):
                fence = None
            continue
        if fence_match := _FENCE.match(raw):
            fence = fence_match.group(1)
            continue
        if heading := _HEADING.match(raw):
            level = len(heading.group(1))
            while headings and headings[-1][0] >= level:
                headings.pop()
            headings.append((level, clean_text(heading.group(2).strip("*_ ")) or ""))
            source.folders.append(tuple(title for _, title in headings))
            continue
        folder = tuple(title for _, title in headings)
        if reference := _REFERENCE.match(raw):
            source.entries.append(Entry(url=reference.group(1), line=number, folder=folder))
            continue
        body = _LIST_MARKER.sub("", raw, count=1)
        if found := split_line(body):
            url, note = found
            source.entries.append(Entry(url=url, note=note, line=number, folder=folder))
        elif other := _ANY_LINK.search(body):  # e.g. [x](mailto:...): reported as skipped
            source.entries.append(Entry(url=other.group(1), line=number, folder=folder))
    return source


def _inside(node: LexborNode, anchor: LexborNode, item: LexborNode) -> bool:
    """Whether a text node is part of the link itself or of a nested list in the item."""
    parent = node.parent
    while parent is not None and parent.mem_id != item.mem_id:
        if parent.mem_id == anchor.mem_id or parent.tag in _LISTS:
            return True
        parent = parent.parent
    return False


def _note_after(anchor: LexborNode) -> str | None:
    """The words after a link in its own list item: `<li><a>title</a> — note</li>`."""
    item = anchor.parent
    while item is not None and item.tag != "li":
        if item.tag in _LISTS or item.tag in {"body", "html"}:
            return None
        item = item.parent
    if item is None:
        return None
    parts: list[str] = []
    after = False
    for node in item.traverse(include_text=True):
        if node.mem_id == anchor.mem_id:
            after = True
        elif after and node.tag == "-text" and not _inside(node, anchor, item):
            parts.append(node.text(deep=False))
    note = clean_text("".join(parts))
    return note.strip(_NOTE_EDGES) or None if note else None


def parse_html(data: bytes, name: str) -> Source:
    """An HTML page or list of links → one entry per `<a href>`, relative links resolved
    against `<base href>` or the page's own URL when `name` is one."""
    text, _charset, _charset_from = decode_html(data, None)
    tree = LexborHTMLParser(flatten_nesting(text))
    base = name if url_scheme(name) in FETCHABLE_SCHEMES else ""
    if (base_node := tree.css_first("base[href]")) is not None:
        base = urljoin(base, (base_node.attributes.get("href") or "").strip())
    source = Source("html", grouping="")
    for anchor in tree.css("a[href]"):
        attributes = anchor.attributes
        href = (attributes.get("href") or "").strip()
        if not href or href.startswith("#"):
            continue  # a link within the page, not to an article
        url = urljoin(base, href) if base and not url_scheme(href) else href
        tags = attributes.get("tags") or ""
        source.entries.append(
            Entry(
                url=url,
                note=_note_after(anchor),
                title=clean_text(anchor.text(deep=True)) or "",
                tags=tuple(tag.strip() for tag in tags.split(",") if tag.strip()),
                added=unix_time(attributes.get("add_date") or attributes.get("time_added")),
            )
        )
    return source
