"""Firefox's `places.sqlite`: moz_bookmarks (the tree) joined with moz_places (the URLs).

Firefox keeps the database open and locked, and recent writes sit in `places.sqlite-wal`,
so the file and its WAL are copied to a temporary folder and the copy is opened read-only.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from drafter.bookmarks.common import Entry, Source, source_error, unix_time
from drafter.bookmarks.labels import PLACES_LABEL as LABEL

# Firefox keeps URLs under 64K characters and titles under 4K: one value over 1 MiB, or
# 32 Mi characters in all, is a crafted file, refused before it takes the memory.
VALUE_MAX = 1 << 20
TOTAL_MAX = 32 << 20

# moz_bookmarks.type
_BOOKMARK = 1
_FOLDER = 2

# The fixed folders under the root, by guid, with the names Firefox shows for them.
_ROOT_NAMES = {
    "menu________": "Bookmarks Menu",
    "toolbar_____": "Bookmarks Toolbar",
    "unfiled_____": "Other Bookmarks",
    "mobile______": "Mobile Bookmarks",
}
# Tags are stored as folders holding a second copy of each tagged bookmark: not folders.
_TAGS_GUID = "tags________"

_QUERY = """
    SELECT b.id, b.type, b.parent, b.position, b.title, b.dateAdded, b.guid, p.url
    FROM moz_bookmarks AS b LEFT JOIN moz_places AS p ON p.id = b.fk
"""  # sorted in Python: an ORDER BY would compute every row's values before the first


@dataclass(frozen=True)
class _Row:
    id: int
    type: int
    parent: int
    title: str
    added: int | None
    guid: str
    url: str | None


def _prtime(value: int | None) -> datetime | None:
    """moz_bookmarks.dateAdded: microseconds since the Unix epoch; None when missing."""
    return unix_time(value / 1_000_000) if isinstance(value, int) and value > 0 else None


def _copy_database(data: bytes, path: Path | None, folder: Path) -> Path:
    """The database (and its WAL, when there is one) copied into `folder`."""
    copy = folder / "places.sqlite"
    if path is None:
        copy.write_bytes(data)
        return copy
    shutil.copyfile(path, copy)
    wal = path.with_name(path.name + "-wal")
    if wal.is_file():
        shutil.copyfile(wal, folder / "places.sqlite-wal")
    return copy


def _bounded_rows(connection: sqlite3.Connection, name: str) -> list[_Row]:
    """Every bookmark row, refusing a file whose values add up to more than TOTAL_MAX."""
    rows: list[tuple[int, int, _Row]] = []
    total = 0
    for id_, type_, parent, position, title, added, guid, url in connection.execute(_QUERY):
        row = _Row(
            int(id_),
            int(type_ or 0),
            int(parent or 0),
            str(title or ""),
            added,
            str(guid or ""),
            url if isinstance(url, str) else None,
        )
        total += len(row.title) + len(row.guid) + len(row.url or "")
        if total > TOTAL_MAX:
            raise source_error(name, LABEL, "more bookmark text than any browser profile holds")
        rows.append((row.parent, position if isinstance(position, int) else 0, row))
    rows.sort(key=lambda item: (item[0], item[1], item[2].id))  # Firefox's own order
    return [row for _, _, row in rows]


def _read_rows(database: Path, name: str) -> list[_Row]:
    try:
        connection = sqlite3.connect(f"{database.as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise source_error(name, LABEL, f"cannot open the copy ({exc})") from exc
    # A crafted file can compute values (generated columns) far bigger than itself: no
    # value may exceed what Firefox ever stores, nor all of them together a sane total.
    connection.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, VALUE_MAX)
    try:
        tables = {
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        for table in ("moz_bookmarks", "moz_places"):
            if table not in tables:
                raise source_error(
                    name, "SQLite database", f"not a Firefox places.sqlite (no {table} table)"
                )
        return _bounded_rows(connection, name)
    except sqlite3.DataError as exc:
        raise source_error(name, LABEL, f"a value is larger than Firefox keeps ({exc})") from exc
    except sqlite3.DatabaseError as exc:
        raise source_error(name, LABEL, f"cannot read it as SQLite ({exc})") from exc
    finally:
        connection.close()


def _build(rows: list[_Row]) -> Source:
    """Walk the tree from the root in Firefox's own order (parent, then position)."""
    children: dict[int, list[_Row]] = defaultdict(list)
    ids = {row.id for row in rows}
    for row in rows:
        children[row.parent].append(row)
    source = Source("firefox-places")
    roots = [row for row in rows if row.parent not in ids or row.parent == row.id]
    stack: list[tuple[list[_Row], int, tuple[str, ...]]] = []
    seen: set[int] = set()
    for root in roots:
        seen.add(root.id)
        stack.append((children[root.id], 0, ()))
        while stack:
            siblings, index, path = stack.pop()
            if index >= len(siblings):
                continue
            stack.append((siblings, index + 1, path))
            row = siblings[index]
            if row.id in seen:  # a damaged tree must not loop
                continue
            seen.add(row.id)
            if row.type == _BOOKMARK and row.url is not None:
                source.entries.append(
                    Entry(url=row.url, title=row.title, folder=path, added=_prtime(row.added))
                )
            elif row.type == _FOLDER and row.guid != _TAGS_GUID:
                child_path = (*path, _ROOT_NAMES.get(row.guid) or row.title)
                source.folders.append(child_path)
                stack.append((children[row.id], 0, child_path))
    return source


def parse_places(data: bytes, name: str, path: Path | None = None) -> Source:
    """A Firefox places.sqlite (read from a copy) → entries with folder paths and dates."""
    with tempfile.TemporaryDirectory(prefix="drafter-places-") as temporary:
        try:
            database = _copy_database(data, path, Path(temporary))
        except OSError as exc:
            raise source_error(name, LABEL, f"cannot copy it ({exc.strerror or exc})") from exc
        rows = _read_rows(database, name)
    return _build(rows)
