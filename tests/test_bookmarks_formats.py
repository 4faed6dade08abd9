"""Bookmark sources: detection, folders, dates, notes and errors, over small files we write."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from drafter.bookmarks.formats import detect_format, read_feed, read_source
from drafter.errors import InputError

JST = timezone(timedelta(hours=9))
CHROME_EPOCH_OFFSET = 11_644_473_600  # seconds from 1601-01-01 to 1970-01-01


def unix(year: int, month: int, day: int) -> int:
    return int(datetime(year, month, day, tzinfo=UTC).timestamp())


def urls(data: bytes, **options: object) -> list[str]:
    return [bookmark.url for bookmark in read_source(data, "src", **options).bookmarks]  # type: ignore[arg-type]


JUL9, JUL1, JUN1 = unix(2025, 7, 9), unix(2025, 7, 1), unix(2025, 6, 1)
NETSCAPE = f"""<!DOCTYPE NETSCAPE-Bookmark-file-1>
<!-- This is an automatically generated file. -->
<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8">
<TITLE>Bookmarks</TITLE>
<H1>Bookmarks</H1>
<DL><p>
  <DT><H3 ADD_DATE="1700000000" PERSONAL_TOOLBAR_FOLDER="true">Bookmarks bar</H3>
  <DL><p>
    <DT><H3>Podcast</H3>
    <DD>folder description, not a note
    <DL><p>
      <DT><H3>Week 28</H3>
      <DL><p>
        <DT><A HREF="https://example.com/new?utm_source=x" ADD_DATE="{JUL9}" TAGS="ai,x">New</A>
        <DD>ホストのコメント &amp; more
        <DT><A HREF="javascript:alert(1)" ADD_DATE="{JUL9}">Bookmarklet</A>
        <DT><A HREF="https://example.com/old" ADD_DATE="{JUN1}">Old</A>
      </DL><p>
      <DT><H3>Week 27</H3>
      <DL><p>
        <DT><A HREF="https://EXAMPLE.com/new#top" ADD_DATE="{JUL1}">Same again</A>
      </DL><p>
    </DL><p>
  </DL><p>
  <DT><A HREF="https://example.org/undated">No date</A>
</DL><p>
""".encode()


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


def chrome_document() -> dict[str, object]:
    def chrome_time(seconds: int) -> str:
        return str((seconds + CHROME_EPOCH_OFFSET) * 1_000_000)

    def link(name: str, url: str, seconds: int | None) -> dict[str, object]:
        return {
            "type": "url",
            "name": name,
            "url": url,
            "date_added": chrome_time(seconds) if seconds else "0",
        }

    podcast = {
        "type": "folder",
        "name": "Podcast",
        "children": [
            link("A", "https://a.example/1?fbclid=zz", unix(2025, 7, 8)),
            {"type": "folder", "name": "Later", "children": [link("B", "https://b.example/", 0)]},
            link("Settings", "chrome://settings/", unix(2025, 7, 8)),
        ],
    }
    return {
        "checksum": "0",
        "roots": {
            "bookmark_bar": {"type": "folder", "name": "Bookmarks bar", "children": [podcast]},
            "other": {
                "type": "folder",
                "name": "Other bookmarks",
                "children": [
                    link("Old", "https://c.example/", unix(2025, 6, 1)),
                    link("Again", "https://a.example/1", unix(2025, 7, 9)),
                ],
            },
            "synced": {"type": "folder", "name": "Mobile bookmarks", "children": []},
        },
        "version": 1,
    }


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


PLACES_SCHEMA = """
CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url LONGVARCHAR, title LONGVARCHAR,
  rev_host LONGVARCHAR, visit_count INTEGER DEFAULT 0, hidden INTEGER DEFAULT 0 NOT NULL,
  typed INTEGER DEFAULT 0 NOT NULL, frecency INTEGER DEFAULT -1 NOT NULL,
  last_visit_date INTEGER, guid TEXT, foreign_count INTEGER DEFAULT 0 NOT NULL,
  url_hash INTEGER DEFAULT 0 NOT NULL, description TEXT);
CREATE TABLE moz_bookmarks (id INTEGER PRIMARY KEY, type INTEGER, fk INTEGER DEFAULT NULL,
  parent INTEGER, position INTEGER, title LONGVARCHAR, keyword_id INTEGER, folder_type TEXT,
  dateAdded INTEGER, lastModified INTEGER, guid TEXT,
  syncStatus INTEGER NOT NULL DEFAULT 0, syncChangeCounter INTEGER NOT NULL DEFAULT 1);
"""


def fill_places(connection: sqlite3.Connection) -> None:
    connection.executescript(PLACES_SCHEMA)
    places = [
        (1, "https://news.example/a"),
        (2, "https://news.example/b"),
        (3, "javascript:void(0)"),
        (4, "https://news.example/old"),
    ]
    connection.executemany("INSERT INTO moz_places (id, url) VALUES (?, ?)", places)
    july, june = unix(2025, 7, 8) * 1_000_000, unix(2025, 6, 1) * 1_000_000
    rows = [  # id, type, fk, parent, position, title, dateAdded, guid
        (1, 2, None, 0, 0, "", 0, "root________"),
        (2, 2, None, 1, 0, "menu", 0, "menu________"),
        (3, 2, None, 1, 1, "toolbar", 0, "toolbar_____"),
        (4, 2, None, 1, 2, "tags", 0, "tags________"),
        (5, 2, None, 1, 3, "unfiled", 0, "unfiled_____"),
        (6, 2, None, 1, 4, "mobile", 0, "mobile______"),
        (10, 2, None, 3, 0, "Podcast", july, "podcastfoldr"),
        # Positions, not ids, give the order: b comes first.
        (11, 1, 1, 10, 2, "A", july, "bookmarkaaaa"),
        (12, 1, 2, 10, 0, "B", july, "bookmarkbbbb"),
        (13, 3, None, 10, 1, "", july, "separator123"),
        (14, 1, 3, 10, 3, "Bookmarklet", july, "bookmarkletx"),
        (15, 1, 4, 5, 0, "Old", june, "bookmarkoldx"),
        (20, 2, None, 4, 0, "news", july, "tagfoldernew"),
        (21, 1, 1, 20, 0, None, july, "tagentryaaaa"),
    ]
    connection.executemany(
        "INSERT INTO moz_bookmarks (id, type, fk, parent, position, title, dateAdded, guid)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    connection.commit()


def test_places_sqlite_tree_order_folders_and_tags_excluded(tmp_path: Path) -> None:
    path = tmp_path / "places.sqlite"
    with sqlite3.connect(path) as connection:
        fill_places(connection)
    connection.close()
    parsed = read_source(path.read_bytes(), str(path), path=path)
    assert parsed.format == "firefox-places"
    assert [b.url for b in parsed.bookmarks] == [
        "https://news.example/b",
        "https://news.example/a",
        "https://news.example/old",
    ]
    assert parsed.duplicates == 0  # the tag folder's copy of A is not a bookmark
    assert [s.reason for s in parsed.skipped] == [
        "unsupported scheme 'javascript:' (only http and https)"
    ]
    assert "Bookmarks Toolbar/Podcast:" in parsed.skipped[0].text
    assert urls(path.read_bytes(), folder="bookmarks toolbar/podcast", path=path) == [
        "https://news.example/b",
        "https://news.example/a",
    ]
    since = datetime(2025, 7, 1, tzinfo=UTC)
    # Without a path (e.g. from stdin) the bytes themselves are copied and read.
    assert urls(path.read_bytes(), since=since) == [
        "https://news.example/b",
        "https://news.example/a",
    ]
    with pytest.raises(InputError, match="'Other Bookmarks'"):
        read_source(path.read_bytes(), "places.sqlite", folder="Nope", path=path)


def test_places_sqlite_read_from_a_copy_while_firefox_holds_it(tmp_path: Path) -> None:
    path = tmp_path / "places.sqlite"
    firefox = sqlite3.connect(path)
    try:
        firefox.execute("PRAGMA locking_mode=EXCLUSIVE")
        firefox.execute("PRAGMA journal_mode=WAL")
        fill_places(firefox)
        firefox.execute("INSERT INTO moz_places (id, url) VALUES (9, 'https://news.example/fresh')")
        firefox.execute(
            "INSERT INTO moz_bookmarks (id, type, fk, parent, position, title, dateAdded, guid)"
            " VALUES (30, 1, 9, 2, 0, 'Fresh', 0, 'freshbookmrk')"
        )
        firefox.commit()
        assert (tmp_path / "places.sqlite-wal").stat().st_size > 0
        parsed = read_source(path.read_bytes(), "places.sqlite", path=path)
        assert parsed.bookmarks[0].url == "https://news.example/fresh"  # only in the WAL
        assert len(parsed.bookmarks) == 4
    finally:
        firefox.close()


def test_sqlite_that_is_not_firefox(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE notes (id INTEGER)")
    connection.close()
    with pytest.raises(
        InputError, match=r"not a Firefox places\.sqlite \(no moz_bookmarks table\)"
    ):
        read_source(path.read_bytes(), "other.db", path=path)
    damaged = b"SQLite format 3\x00" + b"\xff" * 200
    with pytest.raises(InputError, match=r"^x: Firefox places\.sqlite: cannot read it as SQLite"):
        read_source(damaged, "x")


HATENA = """<?xml version="1.0" encoding="{encoding}"?>
<rdf:RDF xmlns="http://purl.org/rss/1.0/"
  xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:hatena="http://www.hatena.ne.jp/info/xmlns#" xml:lang="ja">
<channel rdf:about="https://b.hatena.ne.jp/podhost/bookmark">
  <title>podhostのブックマーク</title>
  <link>https://b.hatena.ne.jp/podhost/bookmark</link>
  <description>podhostのブックマーク</description>
  <items><rdf:Seq>
    <rdf:li rdf:resource="https://example.jp/ai?utm_source=hatena"/>
  </rdf:Seq></items>
</channel>
<item rdf:about="https://example.jp/ai?utm_source=hatena">
  <title>生成AIの新モデル</title>
  <link>https://example.jp/ai?utm_source=hatena</link>
  <description>[podcast]これは 番組で話したい</description>
  <dc:date>2025-07-10T21:15:00+09:00</dc:date>
  <dc:subject>podcast</dc:subject>
  <dc:subject>AI</dc:subject>
  <hatena:bookmarkcount>42</hatena:bookmarkcount>
</item>
<item rdf:about="https://example.jp/about-only">
  <title>リンクなし</title>
  <description></description>
  <dc:date>2025-07-08T09:00:00+09:00</dc:date>
  <dc:subject>podcast</dc:subject>
</item>
<item rdf:about="ftp://example.jp/file">
  <title>FTP</title>
  <link>ftp://example.jp/file</link>
  <dc:date>2025-07-08T09:00:00+09:00</dc:date>
</item>
<item rdf:about="https://example.jp/old">
  <title>古い記事</title>
  <link>https://example.jp/old</link>
  <description>先月の</description>
  <dc:date>2025-06-20T09:00:00+09:00</dc:date>
  <dc:subject>security</dc:subject>
</item>
</rdf:RDF>
"""


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


ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>My links</title>
  <entry>
    <title>Entry one</title>
    <link rel="replies" href="https://comments.example/1"/>
    <link rel="alternate" type="text/html" href="https://atom.example/one"/>
    <summary type="html">&lt;p&gt;Worth &lt;b&gt;a segment&lt;/b&gt;&lt;/p&gt;</summary>
    <published>2025-07-09T10:00:00Z</published>
    <category term="podcast"/>
  </entry>
  <entry>
    <title>Entry two</title>
    <link href="https://atom.example/two"/>
    <updated>2025-06-01T10:00:00Z</updated>
  </entry>
</feed>
"""

RSS2 = b"""<?xml version="1.0"?>
<!-- saved from a reader -->
<rss version="2.0"><channel><title>t</title>
<item><title>One</title><link>https://rss.example/1</link>
  <description>note one</description><pubDate>Wed, 09 Jul 2025 10:00:00 +0000</pubDate></item>
<item><title>Two</title><guid>https://rss.example/2</guid>
  <pubDate>Sun, 01 Jun 2025 10:00:00 GMT</pubDate></item>
</channel></rss>
"""


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


MARKDOWN = """# Podcast

Links for this week, in order:

## Week 28
- [New model](https://md.example/a?utm_medium=x) 番組で話す
1. [Paper](https://md.example/b) — read the abstract
- [ ] [Mail me](mailto:host@example.com)

```
- [not a link](https://md.example/in-code)
```

## Week 27
* <https://md.example/c>
- [Again](https://md.example/a)
""".encode()


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


HTML_PAGE = """<!doctype html><html><head><meta charset="utf-8">
<base href="https://page.example/links/"></head><body>
<nav><a href="#main">skip</a> <a href="/">Home</a></nav>
<ul>
  <li><a href="https://h.example/1">First</a> — 来週も話す <ul><li>nested aside</li></ul></li>
  <li><p><a href="article/2?gclid=1">Second <b>bold</b></a></p></li>
  <li><a href="mailto:x@example.com">mail</a></li>
</ul>
</body></html>
""".encode()


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


def test_read_feed_refuses_what_is_not_a_feed() -> None:
    with pytest.raises(
        InputError,
        match=r"^https://x\.example/: not an RSS or Atom feed \(it looks like HTML page\)$",
    ):
        read_feed(HTML_PAGE, "https://x.example/")


def test_ambiguous_folder_asks_for_more_of_the_path() -> None:
    data = b"# A\n## Week\n- [x](https://x.example/)\n# B\n## Week\n- [y](https://y.example/)\n"
    with pytest.raises(InputError, match=r"folder 'week' matches 2 folders: 'A/Week', 'B/Week'"):
        read_source(data, "links.md", folder="week")
    assert urls(data, folder="b/week") == ["https://y.example/"]


def test_netscape_without_bookmarks_is_an_error() -> None:
    empty = b"<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<TITLE>Bookmarks</TITLE>\n<H1>Bookmarks</H1>\n"
    with pytest.raises(InputError, match=r"^b\.html: Netscape bookmark file: no <DT><A HREF>"):
        read_source(empty, "b.html")


def test_feed_bytes_that_do_not_match_the_declared_encoding() -> None:
    data = HATENA.format(encoding="Shift_JIS").encode("utf-8")  # says Shift_JIS, is UTF-8
    data = data.replace("番組".encode(), b"\x81\x20")  # a lead byte with no valid trail
    with pytest.raises(InputError, match=r"RSS 1\.0 \(RDF\) feed: not valid Shift_JIS \(byte \d+"):
        read_source(data, "feed.rdf")


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
