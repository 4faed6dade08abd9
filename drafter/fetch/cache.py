"""The page cache: fetched pages and their extractions, kept between runs in one SQLite file.

A page is stored per normalised URL (raw bytes, headers, final URL, when it was fetched); a
fresh page is used as is, a stale one is re-validated with If-None-Match / If-Modified-Since
(a 304 keeps the stored body). What extraction made of a page is stored beside it, keyed by
the body's hash, the URL and headers extraction reads, the lead limits and EXTRACTOR_VERSION,
so a warm re-run repeats neither the network nor the parsing.

The standard library's sqlite3, not hishel: drafter needs its own key (the bookmark's
normalised URL, not the request), a freshness window set by the host rather than by the
server's Cache-Control, an offline mode that fails per article, and a second table for
extractions in the same transaction scope; an HTTP-semantics cache would fight all four.

The cache never ends a run: a corrupt, locked or unwritable file gives one warning (logged
to "drafter.fetch.cache") and the run goes on without it. A write that fails (a full disk, a
lock held too long) stops only the writing: what the file already holds is still read, since
pages parked in it for their turn at an extractor are fetched nowhere else. Each write is one
transaction, so an interrupted run leaves whole entries or none.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import logging
import os
import sqlite3
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import platformdirs

from drafter import __version__
from drafter.models import Extracted, FetchResult
from drafter.urls import redact_url

# Bump when extraction changes what it returns for the same page. The fingerprint of the
# extraction modules' source is mixed in as well, so a development checkout never reuses
# results of code that has since changed.
EXTRACTOR_VERSION = f"{__version__}/1"
# What extraction reads: every file of drafter/extract/ (rules and site profiles) and these.
_EXTRACTION_SHARED = ("decode.py", "models.py", "profiles.py")
DB_NAME = "pages.sqlite3"
SCHEMA_VERSION = 1
BUSY_TIMEOUT = 5.0  # seconds to wait for another run's write before giving up on the cache
KEEP_SECONDS = 90 * 24 * 3600.0  # entries neither fetched nor re-validated this long are pruned

_SCHEMA = """
CREATE TABLE IF NOT EXISTS pages (
    url TEXT PRIMARY KEY,
    final_url TEXT NOT NULL,
    status INTEGER NOT NULL,
    stored_at REAL NOT NULL,
    digest TEXT NOT NULL,
    headers TEXT NOT NULL,
    body BLOB NOT NULL  -- last: a row's small columns are read without its overflow pages
);
CREATE TABLE IF NOT EXISTS extractions (
    key TEXT PRIMARY KEY,
    result TEXT NOT NULL,
    stored_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS pages_by_age ON pages (stored_at);
CREATE INDEX IF NOT EXISTS extractions_by_age ON extractions (stored_at);
"""

log = logging.getLogger(__name__)
T = TypeVar("T")


def default_cache_dir() -> Path:
    """The user's cache directory for drafter ($XDG_CACHE_HOME/drafter on Linux)."""
    return platformdirs.user_cache_path("drafter", appauthor=False)


def cache_file(folder: Path | None = None) -> Path:
    """The cache database in `folder` (default: the user's cache directory)."""
    return (folder or default_cache_dir()) / DB_NAME


def extractor_fingerprint() -> str:
    """EXTRACTOR_VERSION plus a hash of the extraction modules' source (read, not imported)."""
    digest = hashlib.sha256(EXTRACTOR_VERSION.encode())
    package = Path(__file__).resolve().parents[1]
    extract_dir = package / "extract"
    names = sorted(
        [
            f"extract/{p.name}"
            for p in extract_dir.glob("*")
            if p.suffix in {".py", ".toml", ".json"}
        ]
    )
    for name in [*names, *_EXTRACTION_SHARED]:
        try:
            digest.update(name.encode() + (package / name).read_bytes())
        except OSError:  # an install without sources: the version constant alone decides
            digest.update(name.encode())
    return f"{EXTRACTOR_VERSION}+{digest.hexdigest()[:16]}"


@dataclass(frozen=True)
class CachedPage:
    """One stored page; `body` is None until asked for (a warm hit may never need it)."""

    url: str
    final_url: str
    status: int
    headers: dict[str, str]
    digest: str
    stored_at: float
    body: bytes | None = None

    def is_fresh(self, max_age: float, now: float | None = None) -> bool:
        return ((now if now is not None else time.time()) - self.stored_at) < max_age

    def validators(self) -> dict[str, str]:
        """Request headers asking the server whether this copy is still current."""
        asked: dict[str, str] = {}
        if etag := self.headers.get("etag"):
            asked["If-None-Match"] = etag
        if modified := self.headers.get("last-modified"):
            asked["If-Modified-Since"] = modified
        return asked

    def as_fetched(self) -> FetchResult:
        return FetchResult(
            url=self.url,
            final_url=self.final_url,
            status=self.status,
            headers=self.headers,
            body=self.body,
        )


@dataclass(frozen=True)
class CacheInfo:
    """What `drafter cache info` shows."""

    path: Path
    pages: int
    extractions: int
    size: int  # bytes on disk, write-ahead log included


def cache_key(url: str) -> str:
    """The key a page is stored under: the bookmark's URL without its credentials, so the
    file never holds a password (two bookmarks differing only in one share an entry)."""
    return redact_url(url)


# Headers that carry a session: never written to disk.
_PRIVATE_HEADERS = frozenset({"set-cookie", "set-cookie2", "cookie", "authorization"})


def storable_headers(headers: Mapping[str, str]) -> dict[str, str]:
    """The response headers worth keeping, without cookies or credentials."""
    return {name: value for name, value in headers.items() if name.lower() not in _PRIVATE_HEADERS}


def _private_file(path: Path) -> None:
    """Make the cache's folder 0700 and its file 0600 before SQLite opens it: it holds
    pages fetched with the host's credentials."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if path.parent.stat().st_mode & 0o077:
        path.parent.chmod(0o700)
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600))
    if path.stat().st_mode & 0o077:
        path.chmod(0o600)


def body_digest(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def extraction_key(
    page: CachedPage | FetchResult, digest: str, fingerprint: str, lead_max: tuple[int, int]
) -> str:
    """Everything extraction's result depends on, hashed: the bytes, the URL, the charset."""
    parts = {
        "digest": digest,
        "url": redact_url(page.final_url or page.url),
        "content_type": page.headers.get("content-type", ""),
        "extractor": fingerprint,
        "lead_max": list(lead_max),
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


class PageCache:
    """The cache file; every method degrades to "no cache" on a database error."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.broken: str | None = None  # why nothing is read or written any more
        self.unwritable: str | None = None  # why nothing is written any more (reads go on)
        self._db: sqlite3.Connection | None = None

    def _connect(self) -> sqlite3.Connection:
        if self._db is None:
            _private_file(self.path)
            db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT, isolation_level=None)
            try:
                db.execute("PRAGMA journal_mode=WAL")
                # No fsync: it is a cache. A killed run loses nothing (WAL); an OS crash may
                # leave the file unusable, which is then warned about and cleared by hand.
                db.execute("PRAGMA synchronous=OFF")
                version = db.execute("PRAGMA user_version").fetchone()[0]
                if version not in (0, SCHEMA_VERSION):
                    raise sqlite3.DatabaseError(f"unknown cache schema version {version}")
                with db:
                    db.executescript(_SCHEMA)
                    db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
            except BaseException:
                db.close()
                raise
            self._db = db
        return self._db

    def _guard(
        self, action: Callable[[sqlite3.Connection], T], default: T, *, writes: bool = False
    ) -> T:
        """Run `action` on the database; on a database or file error, warn once and stop:
        everything, or only the writing when `action` writes into a file that opened fine
        (a full disk, a lock held too long: what the file holds can still be read)."""
        if self.broken is not None or (writes and self.unwritable is not None):
            return default
        try:
            db = self._connect()
        except (sqlite3.Error, OSError) as exc:
            self._give_up(exc)
            return default
        try:
            return action(db)
        except (sqlite3.Error, OSError) as exc:
            if not writes:
                self._give_up(exc)
            elif self.unwritable is None:
                self.unwritable = _reason(exc)
                self._warn(self.unwritable, "running on without storing pages in it")
            return default

    def _give_up(self, exc: BaseException) -> None:
        """Neither read nor write the file again in this run."""
        self.broken = _reason(exc)
        if self.unwritable is None:  # one warning a run
            self._warn(self.broken, "running without it")
        self.close()

    def _warn(self, reason: str, going_on: str) -> None:
        log.warning(
            "the page cache %s is unusable (%s); %s (`drafter cache clear` starts a new one)",
            self.path,
            reason,
            going_on,
        )

    def page(self, url: str, *, with_body: bool = False) -> CachedPage | None:
        """The stored page for a normalised URL, or None."""
        columns = "url, final_url, status, stored_at, digest, headers" + (
            ", body" if with_body else ""
        )

        def read(db: sqlite3.Connection) -> CachedPage | None:
            key = cache_key(url)
            row = db.execute(f"SELECT {columns} FROM pages WHERE url = ?", (key,)).fetchone()  # noqa: S608
            if row is None:
                return None
            body = bytes(row[6]) if with_body else None
            return CachedPage(row[0], row[1], row[2], json.loads(row[5]), row[4], row[3], body)

        return self._guard(read, None)

    def store_page(self, url: str, fetched: FetchResult, digest: str) -> bool:
        """Keep a freshly fetched page under the bookmark's URL (one transaction); stored?"""
        if fetched.body is None:
            return False
        row = (
            cache_key(url),
            redact_url(fetched.final_url or fetched.url),
            fetched.status or 200,
            time.time(),
            digest,
            json.dumps(storable_headers(fetched.headers)),
            fetched.body,
        )

        def write(db: sqlite3.Connection) -> bool:
            with db:
                db.execute("INSERT OR REPLACE INTO pages VALUES (?, ?, ?, ?, ?, ?, ?)", row)
            return True

        return self._guard(write, False, writes=True)

    def revalidated(self, page: CachedPage, headers: Mapping[str, str]) -> CachedPage:
        """The server said 304: the stored copy is current again, with its updated headers."""
        merged = storable_headers({**page.headers, **_refreshable(headers)})
        now = time.time()

        def write(db: sqlite3.Connection) -> None:
            with db:
                db.execute(
                    "UPDATE pages SET headers = ?, stored_at = ? WHERE url = ?",
                    (json.dumps(merged), now, page.url),
                )

        self._guard(write, None, writes=True)
        return dataclasses.replace(page, headers=merged, stored_at=now)

    def extraction(self, key: str) -> Extracted | None:
        """A stored extraction result, or None (also when it no longer fits `Extracted`)."""

        def read(db: sqlite3.Connection) -> Extracted | None:
            row = db.execute("SELECT result FROM extractions WHERE key = ?", (key,)).fetchone()
            if row is None:
                return None
            try:
                return Extracted(**json.loads(row[0]))
            except (TypeError, ValueError):
                return None

        return self._guard(read, None)

    def store_extraction(self, key: str, extracted: Extracted) -> None:
        result = json.dumps(dataclasses.asdict(extracted), ensure_ascii=False)

        def write(db: sqlite3.Connection) -> None:
            with db:
                db.execute(
                    "INSERT OR REPLACE INTO extractions VALUES (?, ?, ?)",
                    (key, result, time.time()),
                )

        self._guard(write, None, writes=True)

    def prune(self, keep: float = KEEP_SECONDS) -> None:
        """Forget entries not fetched or re-validated for `keep` seconds."""
        cutoff = time.time() - keep

        def write(db: sqlite3.Connection) -> None:
            with db:
                db.execute("DELETE FROM pages WHERE stored_at < ?", (cutoff,))
                db.execute("DELETE FROM extractions WHERE stored_at < ?", (cutoff,))

        self._guard(write, None, writes=True)

    def info(self) -> CacheInfo:
        """Path, entry counts and size; raises sqlite3.Error for a file that is not a cache."""
        if not self.path.exists():
            return CacheInfo(self.path, 0, 0, 0)
        db = self._connect()
        pages = db.execute("SELECT count(*) FROM pages").fetchone()[0]
        extractions = db.execute("SELECT count(*) FROM extractions").fetchone()[0]
        return CacheInfo(self.path, pages, extractions, self.size())

    def size(self) -> int:
        return sum(path.stat().st_size for path in self.files() if path.exists())

    def files(self) -> list[Path]:
        return [self.path, *(self.path.with_name(self.path.name + s) for s in ("-wal", "-shm"))]

    def clear(self) -> int:
        """Delete the cache files (works on a corrupt file too); the bytes freed."""
        self.close()
        freed = self.size()
        for path in self.files():
            path.unlink(missing_ok=True)
        return freed

    def close(self) -> None:
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
            self._db = None


def _reason(exc: BaseException) -> str:
    return str(exc) or type(exc).__name__


def _refreshable(headers: Mapping[str, str]) -> dict[str, str]:
    """The headers a 304 may update (RFC 9111 §4.3.4), never the body's own framing."""
    keep = ("etag", "last-modified", "date", "expires", "cache-control")
    return {name: value for name, value in headers.items() if name in keep}
