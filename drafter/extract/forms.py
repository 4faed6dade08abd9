"""Where a page states its headline besides its headings and meta tags: its JSON-LD, and a
line of its own in the body.

Old table layouts set the headline in ``<font><b>``, some CMSs in a styled ``<div>``. Where
no heading agrees with a title form, a part of that title form (cut at a separator) that
the page shows as one whole line vouches for itself as a heading would: the rest of the
title is cut when it reads as decoration (decoration.side_cuts, as for a heading).
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass

from selectolax.lexbor import LexborHTMLParser, LexborNode

from drafter.extract.decoration import SEPARATOR, Cut, side_cuts
from drafter.extract.sites import name_key

_LINE_NODES = 2000  # text nodes read: a headline stands near the top of the page
_MIN_KEY = 4  # a shorter line is a label, not a headline
_MAX_LINE = 300


@dataclass(frozen=True)
class ShownLine:
    """The part of a title form the page shows as a line, its node, and what was cut."""

    text: str
    node: LexborNode
    cuts: tuple[Cut, ...]
    cut_text: str  # the title's text around the part, as it stood


def page_lines(tree: LexborHTMLParser) -> dict[str, LexborNode]:
    """``name_key`` of each short text node of the body → the element holding it (the
    first one), read up to a bound."""
    lines: dict[str, LexborNode] = {}
    body = tree.body
    if body is None:
        return lines
    for count, node in enumerate(body.traverse(include_text=True)):
        if count >= _LINE_NODES:
            break
        if node.tag != "-text":
            continue
        text = (node.text_content or "").strip()
        if _MIN_KEY <= len(text) <= _MAX_LINE and node.parent is not None:
            lines.setdefault(name_key(text), node.parent)
    return lines


def shown_part(
    title: str, lines: dict[str, LexborNode], brands: tuple[str, ...]
) -> ShownLine | None:
    """The part of `title` before or after a separator that the page shows as a line, when
    the rest of the title reads as decoration; else None."""
    for match in SEPARATOR.finditer(title):
        for keep, side, before in (
            (title[: match.start()], title[match.start() :], False),
            (title[match.end() :], title[: match.end()], True),
        ):
            key = name_key(keep)
            node = lines.get(key) if len(key) >= _MIN_KEY else None
            if node is None:
                continue
            cuts = side_cuts(side, brands, vouched=True, before=before, headline_chars=len(keep))
            if cuts:
                return ShownLine(keep.strip(" \u3000"), node, tuple(cuts), side.strip())
    return None


_LD_MAX_CHARS = 200_000  # a JSON-LD block larger than this is not parsed for a headline
_LD_MAX_DEPTH = 4


def read_json_ld(tree: LexborHTMLParser) -> list[object]:
    """The page's JSON-LD blocks, each parsed once (the first ten, none over _LD_MAX_CHARS,
    a block that is not JSON skipped). Read before scripts are stripped from the tree."""
    documents: list[object] = []
    for node in tree.css("script[type='application/ld+json']")[:10]:
        text = node.text() or ""
        if len(text) > _LD_MAX_CHARS or ("headline" not in text and "name" not in text):
            continue  # too large to parse, or nothing drafter reads in it
        try:
            documents.append(json.loads(text))
        except ValueError:
            continue
    return documents


def json_ld_headline(documents: list[object]) -> str | None:
    """The ``headline`` of the page's JSON-LD (the first found), HTML-unescaped once: some
    CMSs escape it twice (``&quot;``)."""
    for data in documents:
        found = _find_headline(data, _LD_MAX_DEPTH)
        if found:
            return html.unescape(found)
    return None


def _find_headline(data: object, depth: int) -> str | None:
    if isinstance(data, dict):
        value = data.get("headline")
        if isinstance(value, str) and value.strip():
            return value
        children: list[object] = list(data.values())
    elif isinstance(data, list):
        children = list(data)
    else:
        return None
    if depth == 0:
        return None
    for child in children:
        found = _find_headline(child, depth - 1)
        if found:
            return found
    return None


_PUBLISHER_TYPES = frozenset({"organization", "newsmediaorganization", "website", "corporation"})


def json_ld_publishers(documents: list[object]) -> tuple[str, ...]:
    """The names the page's JSON-LD gives its publisher (``publisher.name``, an
    Organization's or WebSite's ``name``), in the order found."""
    names: list[str] = []
    for data in documents:
        _collect_publishers(data, _LD_MAX_DEPTH, names)
    return tuple(dict.fromkeys(html.unescape(name).strip() for name in names if name.strip()))


def _collect_publishers(data: object, depth: int, names: list[str]) -> None:
    if isinstance(data, dict):
        publisher = data.get("publisher")
        for item in publisher if isinstance(publisher, list) else [publisher]:
            if isinstance(item, dict) and isinstance(item.get("name"), str):
                names.append(item["name"])
        kind = data.get("@type")
        kinds = kind if isinstance(kind, list) else [kind]
        named = isinstance(data.get("name"), str)
        if named and any(isinstance(k, str) and k.lower() in _PUBLISHER_TYPES for k in kinds):
            names.append(data["name"])
        children: list[object] = list(data.values())
    elif isinstance(data, list):
        children = list(data)
    else:
        return
    if depth > 0:
        for child in children:
            _collect_publishers(child, depth - 1, names)
