"""The page cache end to end: the real CLI against the loopback server (warm re-runs,
--offline, --refresh, re-validation, a corrupt file, a killed run, workers that exit)."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import closing
from http.server import BaseHTTPRequestHandler
from pathlib import Path

from drafter.fetch import cache as cache_module
from drafter.fetch.cache import cache_file
from drafter.fetch.pages import OFFLINE_MISS
from tests.conftest import run_drafter
from tests.samples import EN_PARAGRAPHS, article_html
from tests.server import LocalServer, page, silent
from tests.test_fetch_cache import HTML, TITLE

# --- end to end: the real CLI against the loopback server ------------------------------------


def conditional(body: bytes, etag: str) -> Callable[[BaseHTTPRequestHandler], None]:
    """A handler that answers 304 to a matching If-None-Match, and records what it was asked."""
    full = page(body, headers={"ETag": etag})

    def handle(request: BaseHTTPRequestHandler) -> None:
        asked = request.headers.get("If-None-Match")
        request.server.asked.append(asked)  # type: ignore[attr-defined]
        if asked == etag:
            request.send_response(304)
            request.send_header("ETag", etag)
            request.send_header("Content-Length", "0")
            request.end_headers()
            return
        full(request)

    return handle


def write_bookmarks(site: Path, urls: list[str]) -> Path:
    path = site / "bookmarks.txt"
    path.write_text("\n".join(urls) + "\n", encoding="utf-8")
    return path


def test_cli_warm_rerun_offline_refresh_info_and_clear(server: LocalServer, site: Path) -> None:
    server.httpd.asked = []  # type: ignore[attr-defined]
    english = article_html("Amazon ECS supports Inf1", EN_PARAGRAPHS, site_name="InfoWorld")
    server.routes.update(
        {"/ja": conditional(HTML, '"ja1"'), "/en": page(english, headers={"ETag": '"en1"'})}
    )
    bookmarks = write_bookmarks(site, [server.url("/ja"), server.url("/en")])

    cold = run_drafter("new", "28", str(bookmarks), "--json", cwd=site)
    assert cold.returncode == 0, cold.stderr
    warm = run_drafter("new", "29", str(bookmarks), "--allow-repeats", "--json", "-v", cwd=site)
    assert warm.returncode == 0, warm.stderr
    assert warm.stderr.count("cached]") == 2  # -v says where each article came from
    assert server.hits == {"/ja": 1, "/en": 1}  # the warm run asked nothing of the server
    cold_articles = json.loads(cold.stdout)["articles"]
    warm_articles = json.loads(warm.stdout)["articles"]
    assert [a["title"] for a in warm_articles] == [a["title"] for a in cold_articles]
    assert warm_articles[0]["title"] == TITLE
    episode_28 = (site / "content/talk/28/index.md").read_text(encoding="utf-8")
    episode_29 = (site / "content/talk/29/index.md").read_text(encoding="utf-8")
    assert episode_28.split("# Show Note")[1] == episode_29.split("# Show Note")[1]

    info = run_drafter("cache", "info", "--json", cwd=site)
    figures = json.loads(info.stdout)
    assert (figures["pages"], figures["extractions"]) == (2, 2)
    assert figures["bytes"] > len(HTML) and Path(figures["path"]).is_file()

    refreshed = run_drafter(
        "new", "30", str(bookmarks), "--allow-repeats", "--refresh", "-q", cwd=site
    )
    assert refreshed.returncode == 0, refreshed.stderr
    assert server.hits == {"/ja": 2, "/en": 2}
    assert server.httpd.asked == [None, None]  # type: ignore[attr-defined]  # unconditional

    both = run_drafter(
        "new", "31", str(bookmarks), "--allow-repeats", "--refresh", "--offline", cwd=site
    )
    assert both.returncode == 2 and "exclude each other" in both.stderr

    cleared = run_drafter("cache", "clear", cwd=site)
    assert cleared.returncode == 0 and "cleared" in cleared.stderr
    assert json.loads(run_drafter("cache", "info", "--json", cwd=site).stdout)["pages"] == 0
    offline = run_drafter("new", "31", str(bookmarks), "--allow-repeats", "--offline", cwd=site)
    assert offline.returncode == 1
    assert OFFLINE_MISS in offline.stderr and "Traceback" not in offline.stderr
    assert server.hits == {"/ja": 2, "/en": 2}


def test_cli_stale_page_is_revalidated_with_its_etag(server: LocalServer, site: Path) -> None:
    server.httpd.asked = []  # type: ignore[attr-defined]
    server.routes["/ja"] = conditional(HTML, '"ja1"')
    bookmarks = write_bookmarks(site, [server.url("/ja")])
    assert run_drafter("new", "28", str(bookmarks), "-q", cwd=site).returncode == 0
    (site / "drafter.toml").write_text("cache_days = 0.000001\n", encoding="utf-8")
    time.sleep(0.2)  # older than the window (0.09 s) by now
    result = run_drafter("new", "29", str(bookmarks), "--allow-repeats", "--json", cwd=site)
    assert result.returncode == 0, result.stderr
    assert server.httpd.asked == [None, '"ja1"']  # type: ignore[attr-defined]
    assert json.loads(result.stdout)["articles"][0]["title"] == TITLE


def test_cli_corrupt_cache_warns_once_and_still_drafts(server: LocalServer, site: Path) -> None:
    server.routes["/ja"] = page(HTML)
    server.routes["/ja2"] = page(HTML + b"<!-- 2 -->")
    bookmarks = write_bookmarks(site, [server.url("/ja"), server.url("/ja2")])
    path = Path(os.environ["XDG_CACHE_HOME"]) / "drafter" / cache_module.DB_NAME
    path.parent.mkdir(parents=True)
    path.write_bytes(os.urandom(8192))
    result = run_drafter("new", "28", str(bookmarks), cwd=site)
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("warning: the page cache") == 1
    assert "Traceback" not in result.stderr
    info = run_drafter("cache", "info", cwd=site)
    assert info.returncode == 1 and info.stderr.startswith("error: the page cache")
    assert run_drafter("cache", "clear", cwd=site).returncode == 0
    assert (
        run_drafter("new", "29", str(bookmarks), "--allow-repeats", "-q", cwd=site).returncode == 0
    )
    assert json.loads(run_drafter("cache", "info", "--json", cwd=site).stdout)["pages"] == 2


def test_a_killed_run_leaves_only_whole_entries(server: LocalServer, site: Path) -> None:
    server.routes.update({f"/p{n}": page(HTML + str(n).encode()) for n in range(3)})
    server.routes["/hang"] = silent(60)
    urls = [server.url(f"/p{n}") for n in range(3)] + [server.url("/hang")]
    bookmarks = write_bookmarks(site, urls)
    child = subprocess.Popen(
        [sys.executable, "-m", "drafter", "new", "28", str(bookmarks), "-q"],
        cwd=site,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: the kill takes its workers too
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if cache_file().exists():
                try:
                    with closing(sqlite3.connect(cache_file())) as db, db:
                        if db.execute("SELECT count(*) FROM extractions").fetchone()[0] >= 3:
                            break
                except sqlite3.OperationalError:
                    pass  # the schema is being created
            time.sleep(0.05)
        os.killpg(child.pid, signal.SIGKILL)
    finally:
        child.wait(timeout=10)
    with closing(sqlite3.connect(cache_file())) as db, db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = db.execute("SELECT url, digest, body FROM pages").fetchall()
    assert sorted(url for url, _, _ in rows) == sorted(urls[:3])
    assert all(hashlib.sha256(body).hexdigest() == digest for _, digest, body in rows)
    warm = run_drafter("new", "29", str(bookmarks), "--allow-repeats", "--offline", "-q", cwd=site)
    assert warm.returncode == 3  # three from the cache, the hanging one not cached


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_workers_exit_when_drafter_is_killed(tmp_path: Path) -> None:
    """A `kill -9` of drafter alone must not leave its extraction workers behind for ever."""
    script = (
        "import os, signal, sys\n"
        "from drafter.extract.parallel import extraction_pool\n"
        "pool = extraction_pool(2)\n"
        "assert pool is not None\n"
        "print(' '.join(str(pid) for pid in pool.pids), flush=True)\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    )
    try:
        assert child.stdout is not None
        workers = [int(pid) for pid in child.stdout.readline().split()]
        assert len(workers) == 2
        # Not reaped yet: drafter is a zombie now, which must count as gone.
        deadline = time.monotonic() + 20
        while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(_alive(pid) for pid in workers)
    finally:
        child.kill()
        child.communicate(timeout=30)
    assert child.returncode == -signal.SIGKILL


# --- a full cache disk: no article lost -------------------------------------------------------

# The real CLI with the cache folder's disk filling up mid-run. Mounting a small tmpfs needs
# privileges CI does not have, so the child limits the size of any file it writes
# (RLIMIT_FSIZE, with SIGXFSZ ignored: a write past it fails as on a full disk, and SQLite
# reports SQLITE_FULL); the draft stays well under the limit. One core, so one extractor:
# the pages fetched meanwhile wait their turn with their bodies parked in the cache.
FULL_CACHE_DISK = """
import os, resource, signal, sys

os.cpu_count = lambda: 1
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
limit = int(os.environ["FILE_SIZE_LIMIT"])
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.getrlimit(resource.RLIMIT_FSIZE)[1]))
from drafter.cli.app import main

sys.argv = ["drafter", *sys.argv[1:]]
main()
"""
CACHE_DISK_BYTES = 200_000
FULL_DISK_ARTICLES = 80


def test_a_full_cache_disk_loses_no_article(server: LocalServer, site: Path) -> None:
    padding = "<!-- " + "x" * 6000 + " -->"  # about 8 KB a page: the disk fills a third in
    urls = []
    for n in range(FULL_DISK_ARTICLES):
        html = article_html(f"Full disk article {n}", EN_PARAGRAPHS, site_name="Site")
        server.routes[f"/full/{n}"] = page(html.replace("</body>", padding + "</body>"))
        urls.append(server.url(f"/full/{n}"))
    bookmarks = write_bookmarks(site, urls)
    result = subprocess.run(
        [sys.executable, "-c", FULL_CACHE_DISK, "new", "28", str(bookmarks), "--json"],
        cwd=site,
        capture_output=True,
        text=True,
        env={**os.environ, "FILE_SIZE_LIMIT": str(CACHE_DISK_BYTES)},
        timeout=120,
        check=False,
    )
    assert "Traceback" not in result.stderr, result.stderr
    assert result.stderr.count("warning: the page cache") == 1, result.stderr  # it did fill
    failed = [a for a in json.loads(result.stdout)["articles"] if not a["ok"]]
    assert failed == [], result.stderr
    assert result.returncode == 0, result.stderr
    draft = (site / "content/talk/28/index.md").read_text(encoding="utf-8")
    assert all(f"Full disk article {n}" in draft for n in range(FULL_DISK_ARTICLES))
