"""RSS and Atom feeds as bookmark sources: Hatena Bookmark comments as notes, tags as folders,
errors that name the line, entities refused."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from drafter.bookmarks.formats import detect_format, read_feed, read_source
from drafter.errors import InputError
from tests.samples import ATOM, HATENA, HTML_PAGE, JST, RSS2, urls


@pytest.mark.parametrize("encoding", ["UTF-8", "EUC-JP", "Shift_JIS"])
def test_hatena_feed_comment_becomes_the_note(encoding: str) -> None:
    data = HATENA.format(encoding=encoding).encode(encoding)
    parsed = read_source(data, "https://b.hatena.ne.jp/podhost/rss")
    assert parsed.format == "feed"
    assert [(b.url, b.note) for b in parsed.bookmarks] == [
        ("https://example.jp/ai", "これは 番組で話したい"),
        ("https://example.jp/about-only", None),
        ("https://example.jp/old", "先月の"),
    ]
    assert [s.reason for s in parsed.skipped] == ["unsupported scheme 'ftp:' (only http and https)"]


def test_hatena_feed_since_and_tag_as_folder() -> None:
    data = HATENA.format(encoding="UTF-8").encode()
    since = datetime(2025, 7, 7, tzinfo=JST)
    assert urls(data, since=since) == ["https://example.jp/ai", "https://example.jp/about-only"]
    assert urls(data, folder="PODCAST") == [
        "https://example.jp/ai",
        "https://example.jp/about-only",
    ]
    with pytest.raises(InputError, match=r"no tag 'video' .* its tags are: 'AI', 'podcast'"):
        read_source(data, "feed", folder="video")
    fed = read_feed(data, "u", since=since)
    assert [b.url for b in fed.bookmarks] == [
        "https://example.jp/ai",
        "https://example.jp/about-only",
    ]


def test_atom_and_rss2_feeds() -> None:
    atom = read_source(ATOM, "atom.xml")
    assert [(b.url, b.note) for b in atom.bookmarks] == [
        ("https://atom.example/one", "Worth a segment"),
        ("https://atom.example/two", None),
    ]
    since = datetime(2025, 7, 1, tzinfo=UTC)
    assert urls(ATOM, since=since) == ["https://atom.example/one"]
    rss = read_source(RSS2, "rss.xml")
    assert [(b.url, b.note) for b in rss.bookmarks] == [
        ("https://rss.example/1", "note one"),
        ("https://rss.example/2", None),
    ]
    assert urls(RSS2, since=since) == ["https://rss.example/1"]


def test_feed_xml_error_names_the_line() -> None:
    broken = RSS2.replace(b"</title><link>https://rss.example/1", b"</titel><link>x")
    with pytest.raises(
        InputError, match=r"^rss\.xml: RSS feed: XML error at line 4 column \d+: mismatched tag$"
    ):
        read_source(broken, "rss.xml")


def test_feed_with_entities_is_refused() -> None:
    laughs = (
        b'<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY lol "lol">\n'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\n]>\n'
        b"<rss><channel><item><link>https://x.example/&lol2;</link></item></channel></rss>\n"
    )
    assert detect_format(laughs) == "feed"
    with pytest.raises(InputError, match="RSS feed: refused: it declares XML entities"):
        read_source(laughs, "evil.xml")


def test_read_feed_refuses_what_is_not_a_feed() -> None:
    with pytest.raises(
        InputError,
        match=r"^https://x\.example/: not an RSS or Atom feed \(it looks like HTML page\)$",
    ):
        read_feed(HTML_PAGE, "https://x.example/")


def test_feed_bytes_that_do_not_match_the_declared_encoding() -> None:
    data = HATENA.format(encoding="Shift_JIS").encode("utf-8")  # says Shift_JIS, is UTF-8
    data = data.replace("番組".encode(), b"\x81\x20")  # a lead byte with no valid trail
    with pytest.raises(InputError, match=r"RSS 1\.0 \(RDF\) feed: not valid Shift_JIS \(byte \d+"):
        read_source(data, "feed.rdf")
