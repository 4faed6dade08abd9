"""Firefox's places.sqlite: tree order, folders, tags left out, read from a copy."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import pytest

from drafter.bookmarks.formats import read_source
from drafter.errors import InputError
from tests.samples import fill_places, urls


def test_places_sqlite_tree_order_folders_and_tags_excluded(tmp_path: Path) -> None:
    path = tmp_path / "places.sqlite"
    with closing(sqlite3.connect(path)) as connection, connection:
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
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.execute("CREATE TABLE notes (id INTEGER)")
    connection.close()
    with pytest.raises(
        InputError, match=r"not a Firefox places\.sqlite \(no moz_bookmarks table\)"
    ):
        read_source(path.read_bytes(), "other.db", path=path)
    damaged = b"SQLite format 3\x00" + b"\xff" * 200
    with pytest.raises(InputError, match=r"^x: Firefox places\.sqlite: cannot read it as SQLite"):
        read_source(damaged, "x")
