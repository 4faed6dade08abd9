"""Which format a SOURCE is, from its content, never its name."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from drafter.bookmarks.formats import detect_format, read_source
from drafter.errors import InputError
from tests.samples import ATOM, HATENA, HTML_PAGE, MARKDOWN, NETSCAPE, RSS2


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"https://a.example/\n# comment\nhttps://b.example/ note\n", "text"),
        (b"https://a.example/\nhttps://b.example/\n- [x](https://c.example/)\n", "text"),
        (b"\xef\xbb\xbf- [x](https://c.example/) y\n", "markdown"),
        (b"read <https://a.example/> later\n", "text"),
        (NETSCAPE, "netscape"),
        (b"<DL><p>\n<DT><A HREF='https://a.example/'>a</A>\n</DL>", "netscape"),
        (b'\n  {"checksum": "1", "roots": {}}', "chrome-json"),
        (b'{"other": "json"}', "text"),
        (b"SQLite format 3\x00rest", "firefox-places"),
        (HATENA.format(encoding="UTF-8").encode(), "feed"),
        (ATOM, "feed"),
        (RSS2, "feed"),
        (b'<?xml version="1.0"?><html><body><a href="x">x</a></body></html>', "html"),
        (HTML_PAGE, "html"),
        (MARKDOWN, "markdown"),
    ],
)
def test_detect_format_from_content(data: bytes, expected: str) -> None:
    assert detect_format(data) == expected


def test_text_source_keeps_parse_bookmarks_behaviour() -> None:
    data = b"https://a.example/?utm_source=x good one\nftp://b.example/\nhttps://a.example/\n"
    parsed = read_source(data, "bookmarks.txt", since=datetime(2025, 1, 1, tzinfo=UTC))
    assert parsed.format == "text"
    assert [(b.url, b.note, b.line) for b in parsed.bookmarks] == [
        ("https://a.example/", "good one", 1)
    ]
    assert (parsed.duplicates, parsed.undated, parsed.older) == (1, 1, 0)
    assert parsed.skipped[0].line == 2
    with pytest.raises(InputError, match="plain-text bookmarks have no folders"):
        read_source(data, "bookmarks.txt", folder="Podcast")
