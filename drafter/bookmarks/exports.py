"""Browser exports: the Netscape bookmark HTML file and Chrome's `Bookmarks` JSON.

The Netscape file (Chrome, Firefox, Edge, Safari, Pocket, Raindrop) is a stream of tags
rather than a tree: `<DT><H3>` names a folder, the `<DL>` after it holds the folder's
contents, `<DT><A HREF ADD_DATE>` is a bookmark and a `<DD>` right after it is its note.
It is read as that stream (html.parser keeps line numbers for the skipped-line report).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from html.parser import HTMLParser
from typing import Any

from drafter.bookmarks.common import Entry, Source, chrome_time, clean_text, source_error, unix_time
from drafter.bookmarks.labels import CHROME_LABEL, NETSCAPE_LABEL
from drafter.decode import decode_html
from drafter.markup import flatten_nesting


class _NetscapeReader(HTMLParser):
    """Turns the tag stream into entries, keeping the folder path as a stack."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.entries: list[Entry] = []
        self.folders: list[tuple[str, ...]] = []
        self._path: list[str] = []
        self._opened: list[bool] = []  # per open <DL>: did it open a named folder?
        self._pending_folder: str | None = None
        self._capture: str | None = None  # "h3", "a" or "dd" while reading its text
        self._text: list[str] = []
        self._link: dict[str, str | None] = {}
        self._link_line = 0
        self._last: str | None = None  # "a" or "h3": what a following <DD> describes

    def _end_capture(self) -> None:
        capture, self._capture = self._capture, None
        text = clean_text("".join(self._text)) or ""
        self._text = []
        if capture == "h3":
            self._pending_folder = text
            self._last = "h3"
        elif capture == "a":
            link = self._link
            self.entries.append(
                Entry(
                    url=(link.get("href") or "").strip(),
                    line=self._link_line,
                    title=text,
                    folder=tuple(self._path),
                    tags=tuple(
                        tag.strip() for tag in (link.get("tags") or "").split(",") if tag.strip()
                    ),
                    added=unix_time(link.get("add_date") or link.get("time_added")),
                )
            )
            self._last = "a"
        elif capture == "dd" and text and self._last == "a":
            self.entries[-1] = replace(self.entries[-1], note=text)
            self._last = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"b", "i", "em", "strong", "br", "span", "code"} and self._capture:
            return  # inline markup inside a title or note
        self._end_capture()
        if tag == "h3":
            self._capture = "h3"
        elif tag == "a":
            self._capture = "a"
            self._link = dict(attrs)
            self._link_line = self.getpos()[0]
        elif tag == "dd":
            self._capture = "dd"
        elif tag == "dt":
            self._last = None
        elif tag == "dl":
            if self._pending_folder is not None:
                self._path.append(self._pending_folder)
                self.folders.append(tuple(self._path))
            self._opened.append(self._pending_folder is not None)
            self._pending_folder = None

    def handle_endtag(self, tag: str) -> None:
        if tag in {"h3", "a"} and self._capture == tag:
            self._end_capture()
        elif tag == "dl":
            self._end_capture()
            if self._opened and self._opened.pop():
                self._path.pop()

    def handle_data(self, data: str) -> None:
        if self._capture:
            self._text.append(data)

    def close(self) -> None:
        super().close()
        self._end_capture()


def parse_netscape(data: bytes, name: str) -> Source:
    """A Netscape bookmark HTML export → entries with folder paths, ADD_DATE and <DD> notes."""
    text, _charset, _charset_from = decode_html(data, None)
    reader = _NetscapeReader()
    reader.feed(flatten_nesting(text))
    reader.close()
    if not reader.entries and not reader.folders:
        raise source_error(name, NETSCAPE_LABEL, "no <DT><A HREF> bookmarks and no folders in it")
    return Source("netscape", reader.entries, reader.folders)


def _chrome_children(node: dict[str, Any], where: str, name: str) -> list[dict[str, Any]]:
    children = node.get("children", [])
    if not isinstance(children, list):
        raise source_error(name, CHROME_LABEL, f"{where}.children is not a list")
    for index, child in enumerate(children):
        if not isinstance(child, dict):
            raise source_error(name, CHROME_LABEL, f"{where}.children[{index}] is not an object")
    return children


def _walk_chrome(
    root: dict[str, Any], path: tuple[str, ...], where: str, name: str, source: Source
) -> None:
    """Depth first, in the order Chrome shows them; a stack, so deep trees cannot recurse."""
    Level = tuple[Iterator[tuple[int, dict[str, Any]]], tuple[str, ...], str]
    stack: list[Level] = [(enumerate(_chrome_children(root, where, name)), path, where)]
    while stack:
        children, node_path, node_where = stack[-1]
        step = next(children, None)
        if step is None:
            stack.pop()
            continue
        index, child = step
        title = str(child.get("name") or "")
        if child.get("type") == "url":
            url = child.get("url")
            source.entries.append(
                Entry(
                    url=url if isinstance(url, str) else "",
                    title=title,
                    folder=node_path,
                    added=chrome_time(child.get("date_added")),
                )
            )
        elif child.get("type") == "folder" or "children" in child:
            child_path = (*node_path, title)
            child_where = f"{node_where}.children[{index}]"
            source.folders.append(child_path)
            grandchildren = _chrome_children(child, child_where, name)
            stack.append((enumerate(grandchildren), child_path, child_where))


def parse_chrome(data: bytes, name: str) -> Source:
    """A Chrome/Edge/Brave `Bookmarks` file → entries under bookmark_bar, other and synced."""
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise source_error(name, CHROME_LABEL, f"not UTF-8 (byte {exc.start})") from exc
    except json.JSONDecodeError as exc:
        raise source_error(
            name, CHROME_LABEL, f"line {exc.lineno} column {exc.colno}: {exc.msg}"
        ) from exc
    except RecursionError as exc:  # the parser recurses per level: no browser nests this deep
        raise source_error(name, CHROME_LABEL, "nested too deeply to be a bookmarks file") from exc
    roots = document.get("roots") if isinstance(document, dict) else None
    if not isinstance(roots, dict):
        raise source_error(name, CHROME_LABEL, 'no "roots" object at the top')
    source = Source("chrome-json")
    for key, root in roots.items():
        if not isinstance(root, dict) or not ("children" in root or root.get("type") == "folder"):
            continue  # e.g. sync metadata kept beside the roots
        root_path = (str(root.get("name") or key),)
        source.folders.append(root_path)
        _walk_chrome(root, root_path, f"roots.{key}", name, source)
    return source
