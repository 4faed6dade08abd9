"""Feeds of bookmarks: RSS 2.0, RSS 1.0 (RDF) and Atom, Hatena Bookmark's user feed above all.

`https://b.hatena.ne.jp/<user>/rss` is RSS 1.0: each `<item rdf:about=URL>` has `<link>`,
`<description>` (the user's comment, which becomes the bookmark's note), `<dc:date>` and
one `<dc:subject>` per tag. Tags stand in for folders: `folder="podcast"` picks a tag.
XML is parsed with defusedxml: no DTD entities, no external references.
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element, ParseError
from xml.parsers.expat import ErrorString

from defusedxml import ElementTree as SafeElementTree
from defusedxml.common import DefusedXmlException
from selectolax.lexbor import LexborHTMLParser

from drafter.bookmarks.common import Entry, Source, clean_text, source_error, text_time
from drafter.bookmarks.labels import feed_label
from drafter.decode import codecs_for
from drafter.markup import flatten_nesting

_TAG_PREFIX = re.compile(r"\A\[([^\]]+)\]")
_DECLARED_ENCODING = re.compile(
    rb"""\A(?:\xef\xbb\xbf)?<\?xml[^>]*?\bencoding\s*=\s*["']([^"']+)["']"""
)
# What expat reads itself; anything else (EUC-JP, Shift_JIS, ...) is decoded here first.
_EXPAT_ENCODINGS = frozenset(
    {"utf-8", "utf8", "utf-16", "us-ascii", "ascii", "iso-8859-1", "latin-1"}
)


def _as_expat_input(data: bytes, name: str, label: str) -> bytes:
    """The feed re-encoded as UTF-8 when it declares a multi-byte encoding expat lacks."""
    declared = _DECLARED_ENCODING.match(data)
    if declared is None:
        return data
    encoding = declared.group(1).decode("ascii", "replace")
    if encoding.lower() in _EXPAT_ENCODINGS:
        return data
    codecs = codecs_for(encoding)
    if not codecs:
        raise source_error(name, label, f"unknown encoding {encoding!r} in its XML declaration")
    for codec in codecs:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as exc:
            failure = exc
            continue
        start, end = declared.span(1)
        utf8 = text.encode("utf-8")
        # The declaration is ASCII, so its offsets are the same in the UTF-8 bytes.
        return utf8[:start] + b"UTF-8" + utf8[end:]
    raise source_error(
        name, label, f"not valid {encoding} (byte {failure.start} cannot be read)"
    ) from failure


def _local(tag: str) -> str:
    """An element's name without its namespace: "{http://purl.org/dc/...}date" → "date"."""
    return tag.rsplit("}", 1)[-1]


def _children(element: Element, name: str) -> list[Element]:
    return [child for child in element if _local(child.tag) == name]


def _text(element: Element, name: str) -> str | None:
    for child in _children(element, name):
        text = "".join(child.itertext()).strip()
        if text:
            return text
    return None


def _plain(text: str | None, kind: str | None = None) -> str | None:
    """Feed text as one plain line; HTML (RSS 2.0 descriptions, Atom type="html") flattened."""
    if text is None:
        return None
    if kind in {"html", "xhtml"} or (kind is None and "<" in text and ">" in text):
        body = LexborHTMLParser(flatten_nesting(text)).body
        text = body.text(separator=" ") if body is not None else text
    return clean_text(text)


def _hatena_note(comment: str | None, tags: tuple[str, ...]) -> str | None:
    """The comment without the "[tag]" prefixes Hatena may leave in it."""
    note = comment or ""
    wanted = {tag.casefold() for tag in tags}
    while (match := _TAG_PREFIX.match(note)) and match.group(1).casefold() in wanted:
        note = note[match.end() :].lstrip()
    return note or None


def _rdf_entries(root: Element) -> list[Entry]:
    entries = []
    for item in _children(root, "item"):
        about = next((v for k, v in item.attrib.items() if _local(k) == "about"), None)
        tags = tuple(
            text for child in _children(item, "subject") if (text := (child.text or "").strip())
        )
        entries.append(
            Entry(
                url=_text(item, "link") or about or "",
                note=_hatena_note(_plain(_text(item, "description")), tags),
                title=_plain(_text(item, "title")) or "",
                tags=tags,
                added=text_time(_text(item, "date")),
            )
        )
    return entries


def _rss_entries(root: Element) -> list[Entry]:
    entries = []
    for channel in _children(root, "channel"):
        for item in _children(channel, "item"):
            url = _text(item, "link")
            if url is None:
                guids = _children(item, "guid")
                if guids and guids[0].get("isPermaLink", "true").lower() != "false":
                    url = (guids[0].text or "").strip()
            tags = tuple(
                text
                for child in [*_children(item, "category"), *_children(item, "subject")]
                if (text := (child.text or "").strip())
            )
            entries.append(
                Entry(
                    url=url or "",
                    note=_plain(_text(item, "description")),
                    title=_plain(_text(item, "title")) or "",
                    tags=tags,
                    added=text_time(_text(item, "pubDate") or _text(item, "date")),
                )
            )
    return entries


def _atom_link(entry: Element) -> str:
    links = _children(entry, "link")
    for link in links:
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return link.get("href", "").strip()
    return (links[0].get("href", "") if links else "").strip()


def _atom_entries(root: Element) -> list[Entry]:
    entries = []
    for entry in _children(root, "entry"):
        summaries = _children(entry, "summary") or _children(entry, "content")
        note = None
        if summaries:
            note = _plain("".join(summaries[0].itertext()), summaries[0].get("type", "text"))
        titles = _children(entry, "title")
        entries.append(
            Entry(
                url=_atom_link(entry),
                note=note,
                title=(_plain("".join(titles[0].itertext()), "text") or "") if titles else "",
                tags=tuple(
                    c.get("term", "") for c in _children(entry, "category") if c.get("term")
                ),
                added=text_time(_text(entry, "published") or _text(entry, "updated")),
            )
        )
    return entries


def parse_feed(data: bytes, name: str) -> Source:
    """An RSS 2.0, RSS 1.0 (RDF) or Atom feed → one entry per item, tags as folders."""
    label = feed_label(data) or "feed"
    try:
        root = SafeElementTree.fromstring(_as_expat_input(data, name, label))
    except ParseError as exc:
        line, column = exc.position
        raise source_error(
            name, label, f"XML error at line {line} column {column + 1}: {ErrorString(exc.code)}"
        ) from exc
    except DefusedXmlException as exc:
        raise source_error(
            name, label, "refused: it declares XML entities or external references"
        ) from exc
    kind = _local(root.tag)
    if kind == "RDF":
        entries = _rdf_entries(root)
    elif kind == "rss":
        entries = _rss_entries(root)
    elif kind == "feed":
        entries = _atom_entries(root)
    else:
        raise source_error(name, "XML file", f"not an RSS or Atom feed (its root is <{kind}>)")
    return Source("feed", entries, grouping="tag")
