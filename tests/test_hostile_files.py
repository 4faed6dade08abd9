"""URLs and input files (issue 12): normalisation keeps different pages apart, crafted
bookmark files and arguments end in one error line with bounded memory, and a charset
browsers refuse is not honoured.

The real CLI on files we craft, and a loopback server.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from tests.samples import EN_PARAGRAPHS, article_html
from tests.server import LocalServer, page
from tests.test_faults import GOOD_PAGE, GOOD_TITLE, draft_path, headings, no_traceback, run_week

PEAK_BOUND_MB = 300  # main's code took ~2 GB on the 200 MB column


def run_measured(*args: str, cwd: Path) -> tuple[subprocess.CompletedProcess[str], float]:
    """The real CLI in a child, and the child's peak resident memory in MB."""
    probe = (
        "import resource, subprocess, sys\n"
        "done = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "sys.stdout.write(done.stdout)\n"
        "sys.stderr.write(done.stderr)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\n"
        "sys.exit(done.returncode)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe, sys.executable, "-m", "drafter", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    *lines, peak_kb = result.stderr.rstrip("\n").split("\n")
    stderr = "\n".join(lines)
    return subprocess.CompletedProcess(result.args, result.returncode, result.stdout, stderr), (
        int(peak_kb) / 1024
    )


# --- normalisation -----------------------------------------------------------------------------


def test_different_pages_stay_different(server: LocalServer, site: Path) -> None:
    """`_gallery` is not the tracking `_ga`; Shift_JIS query bytes are not re-encoded; an SPA's
    `#/` and `#!` routes are pages, while `#section` and utm_source are not."""
    paths = {
        "/g?_gallery=1": "Gallery one",
        "/g?_gallery=2": "Gallery two",
        "/s?q=%82%A0": "Shift_JIS a",
        "/s?q=%82%A2": "Shift_JIS i",
        "/app": "App shell",
    }
    for path, title in paths.items():
        server.routes[path] = page(GOOD_PAGE.replace(GOOD_TITLE, title))
    lines = [
        server.url("/g?_gallery=1&_ga=2.1234"),
        server.url("/g?_gallery=2"),
        server.url("/s?q=%82%A0&utm_source=news"),
        server.url("/s?q=%82%A2"),
        server.url("/s?q=%82%A2#comments"),  # the same page as the line above
        server.url("/app#/post/1"),
        server.url("/app#!/post/2"),
    ]
    result, _ = run_week(site, lines)
    assert result.returncode == 0, result.stderr
    links = [line.split("](")[1] for line in headings(draft_path(site).read_text("utf-8"))]
    assert links == [
        server.url("/g?_gallery=1)"),
        server.url("/g?_gallery=2)"),
        server.url("/s?q=%82%A0)"),
        server.url("/s?q=%82%A2)"),
        server.url("/app#/post/1)"),
        server.url("/app#!/post/2)"),
    ]
    assert "%EF%BF%BD" not in draft_path(site).read_text("utf-8")


# --- crafted bookmark files --------------------------------------------------------------------


def crafted_places(path: Path, value_size: int, rows: int) -> None:
    """A small places.sqlite whose URL column is computed: `value_size` characters a row."""
    with closing(sqlite3.connect(path)) as db, db:
        db.executescript(
            f"""
            CREATE TABLE moz_places (id INTEGER PRIMARY KEY, u TEXT,
                url TEXT GENERATED ALWAYS AS (u || printf('%.*c', {value_size}, 'x')) VIRTUAL);
            CREATE TABLE moz_bookmarks (id INTEGER PRIMARY KEY, type INTEGER, fk INTEGER,
                parent INTEGER, position INTEGER, title TEXT, dateAdded INTEGER, guid TEXT);
            INSERT INTO moz_bookmarks VALUES (1, 2, NULL, 0, 0, '', 0, 'root________');
            INSERT INTO moz_bookmarks VALUES (2, 2, NULL, 1, 0, 'Menu', 0, 'menu________');
            """
        )
        for index in range(rows):
            db.execute("INSERT INTO moz_places (id, u) VALUES (?, 'https://e.example/')", (index,))
            db.execute(
                "INSERT INTO moz_bookmarks VALUES (?, 1, ?, 2, ?, 't', 0, 'g')",
                (index + 10, index, index),
            )


@pytest.mark.parametrize(
    ("value_size", "rows"), [(200_000_000, 3), (1_000_000, 500)], ids=["200MB-column", "many"]
)
def test_a_places_file_cannot_compute_gigabytes(
    site: Path, tmp_path: Path, value_size: int, rows: int
) -> None:
    places = tmp_path / "places.sqlite"
    crafted_places(places, value_size, rows)
    assert places.stat().st_size < 64 * 1024
    result, peak = run_measured("new", "28", str(places), cwd=site)
    no_traceback(result)
    assert result.returncode == 2, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert peak < PEAK_BOUND_MB, f"{peak:.0f} MB"


def test_a_deeply_nested_chrome_file_is_one_error_line(site: Path) -> None:
    depth = 100_000
    nested = '{"type": "folder", "children": [' * depth + "]}" * depth
    (site / "Bookmarks").write_text('{"roots": {"bookmark_bar": ' + nested + "}}", "utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "drafter", "new", "28", "Bookmarks"],
        cwd=site,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    no_traceback(result)
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "error: Bookmarks: Chrome bookmarks JSON: nested too deeply to be a bookmarks file"
    )


@pytest.mark.parametrize("command", ["new", "add"])
@pytest.mark.parametrize("number", ["²", "9" * 5000, "١٢", "0", "1000000"])
def test_an_odd_number_is_a_usage_error(site: Path, command: str, number: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "drafter", command, number, "week.txt"],
        cwd=site,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    no_traceback(result)
    assert result.returncode == 2
    (error,) = [line for line in result.stderr.splitlines() if "rror" in line]
    assert error.startswith("Error: Invalid value for NUMBER:") and len(error) < 120


def test_an_odd_episode_folder_name_is_not_a_number(site: Path) -> None:
    for name in ("²", "9" * 5000, "12"):
        (site / "content" / "talk" / name[:200]).mkdir(parents=True)
        (site / "content" / "talk" / name[:200] / "index.md").write_text("---\n---\n", "utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "drafter", "next"],
        cwd=site,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    no_traceback(result)
    assert (result.returncode, result.stdout) == (0, "13\n")


# --- charsets ----------------------------------------------------------------------------------


@pytest.mark.parametrize("declared", ["header", "meta"])
def test_utf7_is_not_honoured(server: LocalServer, site: Path, declared: str) -> None:
    title = "Plain +ADw-b+AD4-bold+ADw-/b+AD4- title"  # UTF-7 for "<b>bold</b>"
    meta = "utf-7" if declared == "meta" else None
    html = article_html(title, EN_PARAGRAPHS, site_name="Site", meta_charset=meta)
    content_type = "text/html; charset=utf-7" if declared == "header" else "text/html"
    body = html.encode("ascii", "ignore")  # a UTF-7 page is ASCII bytes
    server.routes["/u7"] = page(body, content_type=content_type)
    result, _ = run_week(site, [server.url("/u7")], "--json")
    assert result.returncode == 0, result.stderr
    (article,) = json.loads(result.stdout)["articles"]
    assert article["title"] == title
    assert article["provenance"]["charset"] != "utf-7"
    assert "<b>" not in draft_path(site).read_text(encoding="utf-8")
