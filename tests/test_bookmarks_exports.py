"""Browser bookmark exports: Netscape HTML (Chrome, Firefox, Edge, Safari, Pocket) and Chrome's
Bookmarks JSON, with folders, dates and notes."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from drafter.bookmarks.formats import read_source
from drafter.errors import InputError
from tests.samples import JST, JUL9, JUN1, NETSCAPE, chrome_document, urls


def test_netscape_reads_folders_dates_notes_and_skips() -> None:
    parsed = read_source(NETSCAPE, "bookmarks.html")
    assert parsed.format == "netscape"
    assert [(b.url, b.note, b.line) for b in parsed.bookmarks] == [
        ("https://example.com/new", "ホストのコメント & more", 14),
        ("https://example.com/old", None, 17),
        ("https://example.org/undated", None, 25),
    ]
    assert parsed.duplicates == 1
    [skipped] = parsed.skipped
    assert skipped.line == 16
    assert "Bookmarks bar/Podcast/Week 28:" in skipped.text
    assert skipped.reason == "unsupported scheme 'javascript:' (only http and https)"


@pytest.mark.parametrize(
    ("folder", "expected"),
    [
        ("week 28", ["https://example.com/new", "https://example.com/old"]),
        ("Podcast/Week 27", ["https://example.com/new"]),
        ("podcast", ["https://example.com/new", "https://example.com/old"]),
        ("Bookmarks bar", ["https://example.com/new", "https://example.com/old"]),
    ],
)
def test_netscape_folder_picks_a_subtree(folder: str, expected: list[str]) -> None:
    assert urls(NETSCAPE, folder=folder) == expected


def test_unknown_folder_lists_the_folders_that_exist() -> None:
    with pytest.raises(InputError) as caught:
        read_source(NETSCAPE, "bookmarks.html", folder="Week 29")
    message = str(caught.value)
    assert "no folder 'Week 29' in this Netscape bookmark file" in message
    assert "'Bookmarks bar/Podcast/Week 28'" in message
    assert "'Bookmarks bar/Podcast/Week 27'" in message


def test_since_keeps_newer_and_undated_and_counts_them() -> None:
    parsed = read_source(NETSCAPE, "b.html", since=datetime(2025, 7, 7, tzinfo=JST))
    assert [b.url for b in parsed.bookmarks] == [
        "https://example.com/new",
        "https://example.org/undated",
    ]
    assert parsed.older == 2  # June's, and Week 27's copy of the new one (2025-07-01)
    assert parsed.undated == 1
    assert parsed.duplicates == 0  # the older copy was left out, so nothing repeats


def test_naive_since_is_local_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "UTC")
    import time

    time.tzset()
    try:
        cut = datetime(2025, 7, 9, 0, 0, 1)  # one second after the newest bookmark's ADD_DATE
        assert urls(NETSCAPE, since=cut) == ["https://example.org/undated"]
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_chrome_json_in_tree_order_with_dates_and_skips() -> None:
    data = json.dumps(chrome_document(), indent=3).encode()
    parsed = read_source(data, "Bookmarks")
    assert parsed.format == "chrome-json"
    assert [b.url for b in parsed.bookmarks] == [
        "https://a.example/1",
        "https://b.example/",
        "https://c.example/",
    ]
    assert parsed.duplicates == 1
    assert [s.reason for s in parsed.skipped] == [
        "unsupported scheme 'chrome:' (only http and https)"
    ]
    assert urls(data, folder="podcast") == ["https://a.example/1", "https://b.example/"]
    newer = read_source(data, "Bookmarks", since=datetime(2025, 7, 1, tzinfo=UTC))
    assert [b.url for b in newer.bookmarks] == ["https://a.example/1", "https://b.example/"]
    assert (newer.undated, newer.older) == (1, 1)


def test_chrome_json_syntax_error_names_line_and_column() -> None:
    data = b'{\n  "roots": {\n    "bookmark_bar": {"children": [] "x": 1}\n  }\n}\n'
    with pytest.raises(
        InputError,
        match=r"^Bookmarks: Chrome bookmarks JSON: line 3 column 37: Expecting ',' delimiter$",
    ):
        read_source(data, "Bookmarks")


def test_chrome_json_wrong_shape_names_the_place() -> None:
    data = json.dumps({"roots": {"other": {"type": "folder", "children": [3]}}}).encode()
    with pytest.raises(InputError, match=r"roots\.other\.children\[0\] is not an object"):
        read_source(data, "Bookmarks")


def test_ambiguous_folder_asks_for_more_of_the_path() -> None:
    data = b"# A\n## Week\n- [x](https://x.example/)\n# B\n## Week\n- [y](https://y.example/)\n"
    with pytest.raises(InputError, match=r"folder 'week' matches 2 folders: 'A/Week', 'B/Week'"):
        read_source(data, "links.md", folder="week")
    assert urls(data, folder="b/week") == ["https://y.example/"]


def test_netscape_without_bookmarks_is_an_error() -> None:
    empty = b"<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<TITLE>Bookmarks</TITLE>\n<H1>Bookmarks</H1>\n"
    with pytest.raises(InputError, match=r"^b\.html: Netscape bookmark file: no <DT><A HREF>"):
        read_source(empty, "b.html")


def test_html_export_dates_pocket_style() -> None:
    page = (
        f"<!DOCTYPE html><html><body><h1>Unread</h1><ul>"
        f'<li><a href="https://p.example/new" time_added="{JUL9}" tags="podcast">New</a></li>'
        f'<li><a href="https://p.example/old" time_added="{JUN1}">Old</a></li>'
        f'<li><a href="https://p.example/none">None</a></li></ul></body></html>'
    ).encode()
    parsed = read_source(page, "ril_export.html", since=datetime(2025, 7, 1, tzinfo=UTC))
    assert [b.url for b in parsed.bookmarks] == ["https://p.example/new", "https://p.example/none"]
    assert (parsed.older, parsed.undated) == (1, 1)


def test_chrome_json_without_roots_object() -> None:
    with pytest.raises(InputError, match=r'Chrome bookmarks JSON: no "roots" object at the top'):
        read_source(b'{"roots": ["not", "an", "object"]}', "Bookmarks")
