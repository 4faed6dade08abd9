"""Markdown and HTML lists of links as bookmark sources: headings as folders, notes from the
list item, relative links resolved."""

from __future__ import annotations

import pytest

from drafter.bookmarks.formats import detect_format, read_source
from drafter.errors import InputError
from tests.samples import HTML_PAGE, MARKDOWN, urls


def test_markdown_list_with_headings_as_folders() -> None:
    parsed = read_source(MARKDOWN, "links.md")
    assert parsed.format == "markdown"
    assert [(b.url, b.note, b.line) for b in parsed.bookmarks] == [
        ("https://md.example/a", "番組で話す", 6),
        ("https://md.example/b", "read the abstract", 7),
        ("https://md.example/c", None, 15),
    ]
    assert parsed.duplicates == 1
    assert [(s.line, s.reason) for s in parsed.skipped] == [
        (8, "unsupported scheme 'mailto:' (only http and https)")
    ]
    assert urls(MARKDOWN, folder="week 27") == ["https://md.example/c", "https://md.example/a"]
    assert urls(MARKDOWN, folder="Podcast/Week 28") == [
        "https://md.example/a",
        "https://md.example/b",
    ]


def test_html_links_with_notes_from_their_list_item() -> None:
    parsed = read_source(HTML_PAGE, "page.html")
    assert parsed.format == "html"
    assert [(b.url, b.note) for b in parsed.bookmarks] == [
        ("https://page.example/", None),
        ("https://h.example/1", "来週も話す"),
        ("https://page.example/links/article/2", None),
    ]
    assert [s.reason for s in parsed.skipped] == [
        "unsupported scheme 'mailto:' (only http and https)"
    ]
    with pytest.raises(InputError, match="a HTML page has no folders"):
        read_source(HTML_PAGE, "page.html", folder="x")


def test_html_relative_links_resolve_against_the_page_url() -> None:
    page = b'<ul><li><a href="/post/1">One</a> why</li><li><a href="rel">Two</a></li></ul>'
    assert detect_format(page) == "html"
    local = read_source(page, "page.html")
    assert local.bookmarks == []
    assert [s.reason for s in local.skipped] == ["not an absolute http(s) URL"] * 2
    assert [b.url for b in read_source(page, "https://blog.example/list/").bookmarks] == [
        "https://blog.example/post/1",
        "https://blog.example/list/rel",
    ]


def test_a_markdown_note_is_kept_whole() -> None:
    listed = (
        "- [日経](https://md.example/a) 日経の記事（リンク切れ想定）\n"
        "- [本](https://md.example/b) — 本の話。\n"
        "* https://md.example/c (後で読む)\n"
        "1. [Kudu](https://md.example/d): 「Kudu」\n"
    ).encode()
    parsed = read_source(listed, "links.md")
    assert [b.note for b in parsed.bookmarks] == [
        "日経の記事（リンク切れ想定）",
        "本の話。",
        "(後で読む)",
        "「Kudu」",
    ]
