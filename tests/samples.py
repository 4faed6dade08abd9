"""Small article pages we write ourselves, shaped like the sites our hosts read."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta, timezone

from drafter.bookmarks.formats import read_source


def article_html(
    title: str,
    paragraphs: list[str],
    *,
    site_name: str | None = None,
    title_tag: str | None = None,
    meta_charset: str | None = "utf-8",
    description: str | None = None,
) -> str:
    """A news-article page: <title> with a site suffix, og tags, nav, byline, body, footer."""
    metas = [f'<meta charset="{meta_charset}">'] if meta_charset else []
    metas.append(f'<meta property="og:title" content="{title}">')
    if site_name:
        metas.append(f'<meta property="og:site_name" content="{site_name}">')
    if description:
        metas.append(f'<meta name="description" content="{description}">')
    body = "\n".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    shown_title = title_tag or (f"{title} - {site_name}" if site_name else title)
    return f"""<!DOCTYPE html>
<html lang="ja"><head>
{chr(10).join(metas)}
<title>{shown_title}</title>
</head><body>
<header><nav>
<a href="/">ホーム</a> <a href="/news">ニュース</a> <a href="/about">会社概要</a>
</nav></header>
<main><article>
<h1>{title}</h1>
<div class="byline">2026年11月20日 10:00 記者 山田太郎</div>
{body}
</article></main>
<footer><p>Copyright 2026 Example Media. All rights reserved.</p></footer>
</body></html>
"""


JA_PARAGRAPHS = [
    "米インテルは4月2日、容量1ペタバイトのSSDを1Uサーバに搭載できる新製品を発表しました。"
    "データセンター向けの大容量ストレージとして、年内に出荷される予定です。",
    "新製品はQLC方式のNANDフラッシュを採用し、従来のHDDに比べて消費電力を大きく減らせるとしています。"
    "同社はクラウド事業者を中心に採用を見込んでいます。",
    "価格は明らかにされていませんが、容量あたりの単価は従来製品より下がる見通しです。",
]

EN_PARAGRAPHS = [
    "Amazon Web Services announced on Tuesday that its container service now supports a new "
    "family of machine-learning inference instances, cutting the cost of serving models.",
    "The instances use custom chips designed in-house and are available in several regions "
    "starting today, the company said in a blog post.",
]


JA_LEAD = (
    "株式会社サンプルは3月4日、新しいクラウドサービス「Sample Cloud」の提供を開始したと発表した。"
)
EN_LEAD = (
    "Sample Corp released version 2.0 of its open source database on Tuesday, adding a new "
    "query planner and support for vector search."
)


def html(
    *,
    head: str = "",
    body: str,
    title: str | None = None,
    charset: str | None = "utf-8",
) -> str:
    """A bare page around `body`, for tests that write their own markup."""
    meta = f'<meta charset="{charset}">' if charset else ""
    title_tag = f"<title>{title}</title>" if title is not None else ""
    return f"<!doctype html><html><head>{meta}{title_tag}{head}</head><body>{body}</body></html>"


def og(prop: str, value: str) -> str:
    """An Open Graph meta tag."""
    return f'<meta property="{prop}" content="{value}">'


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


RSS2 = b"""<?xml version="1.0"?>
<!-- saved from a reader -->
<rss version="2.0"><channel><title>t</title>
<item><title>One</title><link>https://rss.example/1</link>
  <description>note one</description><pubDate>Wed, 09 Jul 2025 10:00:00 +0000</pubDate></item>
<item><title>Two</title><guid>https://rss.example/2</guid>
  <pubDate>Sun, 01 Jun 2025 10:00:00 GMT</pubDate></item>
</channel></rss>
"""
