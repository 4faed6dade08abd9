from __future__ import annotations

from pathlib import Path

import pytest

from drafter.bookmarks.sources import read_one_source
from drafter.bookmarks.text import decode_bookmarks, parse_bookmarks, parse_pasted_line
from drafter.config import Settings
from drafter.errors import InputError


def urls(text: str) -> list[str]:
    return [bookmark.url for bookmark in parse_bookmarks(text).bookmarks]


@pytest.mark.parametrize(
    ("line", "url", "note"),
    [
        (
            "https://www.publickey1.jp/blog/20/a.html",
            "https://www.publickey1.jp/blog/20/a.html",
            None,
        ),
        ("<https://example.com/a>", "https://example.com/a", None),
        ("[A title](https://example.com/a) my words", "https://example.com/a", "my words"),
        ("https://example.com/a  面白い。来週話す", "https://example.com/a", "面白い。来週話す"),
        ("- https://example.com/a - worth a look", "https://example.com/a", "worth a look"),
        ("見て https://example.com/a。", "https://example.com/a", "見て"),
        ("(see https://example.com/a)", "https://example.com/a", "see"),
        (
            "[Wiki](https://en.wikipedia.org/wiki/Rust_(language)) ok",
            "https://en.wikipedia.org/wiki/Rust_(language)",
            "ok",
        ),
        (
            "https://en.wikipedia.org/wiki/Rust_(language)",
            "https://en.wikipedia.org/wiki/Rust_(language)",
            None,
        ),
        # The note is the host's own writing: kept whole, whatever it ends in (issue 20).
        (
            "https://a.example/x  日経の記事（リンク切れ想定）",
            "https://a.example/x",
            "日経の記事（リンク切れ想定）",
        ),
        ("https://a.example/x (後で読む)", "https://a.example/x", "(後で読む)"),
        ("https://a.example/x 本の話。", "https://a.example/x", "本の話。"),
        ("https://a.example/x 「Kudu」", "https://a.example/x", "「Kudu」"),
        ("https://a.example/x. 本の話。", "https://a.example/x", "本の話。"),
        ("「https://a.example/x」 メモ（後で）", "https://a.example/x", "メモ（後で）"),
        ("(https://a.example/x see)", "https://a.example/x", "see"),
        ('"https://a.example/x" note', "https://a.example/x", "note"),
        ("1. https://a.example/x 本の話。", "https://a.example/x", "本の話。"),
    ],
)
def test_a_line_gives_its_first_url_and_the_hosts_words(
    line: str, url: str, note: str | None
) -> None:
    parsed = parse_bookmarks(line)
    assert [(b.url, b.note) for b in parsed.bookmarks] == [(url, note)]


def test_normalising_collapses_duplicates_and_keeps_order() -> None:
    text = "\n".join(
        [
            "https://B.example/x?utm_source=a&id=1#top",
            "https://a.example/",
            "HTTPS://b.example:443/x?id=1&fbclid=zz",
            "https://b.example/x?id=1&gclid=1",
            "https://a.example",
        ]
    )
    parsed = parse_bookmarks(text)
    assert [b.url for b in parsed.bookmarks] == ["https://b.example/x?id=1", "https://a.example/"]
    assert parsed.duplicates == 3
    assert [b.line for b in parsed.bookmarks] == [1, 2]


def test_comments_blank_lines_bom_and_crlf() -> None:
    text = decode_bookmarks(
        b"\xef\xbb\xbf# week\r\n\r\nhttps://example.com/a\r\n  # indented\r\n", "f"
    )
    parsed = parse_bookmarks(text)
    assert urls(text) == ["https://example.com/a"] and parsed.skipped == []
    assert parsed.bookmarks[0].line == 3


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("javascript:alert(1)", "unsupported scheme 'javascript:'"),
        ("file:///etc/passwd", "unsupported scheme 'file:'"),
        ("data:text/html,<b>x</b>", "unsupported scheme 'data:'"),
        ("ftp://example.com/file", "unsupported scheme 'ftp:'"),
        ("just some words", "no http(s) URL"),
    ],
)
def test_unusable_lines_are_reported_with_their_number(line: str, reason: str) -> None:
    parsed = parse_bookmarks(f"https://example.com/\n{line}\n")
    assert len(parsed.bookmarks) == 1
    assert [(s.line, reason in s.reason) for s in parsed.skipped] == [(2, True)]


def test_a_file_that_is_not_text_is_an_input_error(tmp_path: Path) -> None:
    binary = tmp_path / "b.bin"
    binary.write_bytes(b"\x00\x01\x02https://example.com/")
    with pytest.raises(InputError, match="not a text file"):
        read_one_source(str(binary), Settings())
    latin = tmp_path / "l.txt"
    latin.write_bytes("https://example.com/ caf\xe9".encode("latin-1"))
    with pytest.raises(InputError, match="not UTF-8"):
        read_one_source(str(latin), Settings())
    with pytest.raises(InputError, match="is a folder"):
        read_one_source(str(tmp_path), Settings())


def test_a_hundred_thousand_lines_parse_quickly_enough() -> None:
    text = "\n".join(f"https://example.com/{i % 500}?utm_medium=x" for i in range(100_000))
    parsed = parse_bookmarks(text)
    assert len(parsed.bookmarks) == 500 and parsed.duplicates == 99_500


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "https://a.example/1 worth a segment https://b.example/2",
            [("https://a.example/1", "worth a segment"), ("https://b.example/2", None)],
        ),
        (
            "必聴: https://a.example/1 — 前半 https://b.example/2 後半で",
            [("https://a.example/1", "必聴 前半"), ("https://b.example/2", "後半で")],
        ),
        (
            "[Title](https://a.example/x) https://b.example/y",
            [("https://a.example/x", None), ("https://b.example/y", None)],
        ),
        ("<https://a.example/q>", [("https://a.example/q", None)]),
        (
            "https://a.example/1 メモ（後で） (https://b.example/2 「Kudu」)",
            [("https://a.example/1", "メモ（後で）"), ("https://b.example/2", "「Kudu」")],
        ),
    ],
)
def test_pasted_words_between_urls_are_the_notes_of_the_url_before(
    line: str, expected: list[tuple[str, str | None]]
) -> None:
    found, rejected = parse_pasted_line(line, 1)
    assert [(bookmark.url, bookmark.note) for bookmark in found] == expected
    assert rejected == []


def test_pasted_other_schemes_are_rejected_not_taken_as_notes() -> None:
    found, rejected = parse_pasted_line("https://a.example/1 see ftp://b.example/f", 3)
    assert [(bookmark.url, bookmark.note) for bookmark in found] == [("https://a.example/1", "see")]
    assert [(skip.line, skip.text) for skip in rejected] == [(3, "ftp://b.example/f")]
    assert "unsupported scheme 'ftp:'" in rejected[0].reason
    _, only_words = parse_pasted_line("just some words", 4)
    assert [skip.reason for skip in only_words] == ["no http(s) URL on this line"]
