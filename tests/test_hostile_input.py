"""Hostile input and the URL policy: bookmarks files that are binary, empty, enormous, hold
no usable URL or mix schemes; credentials in URLs, which are used but never shown.

Same shape as tests/test_faults.py: the real CLI, a loopback server, the exit code, the
draft and the summary checked, never a traceback.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from drafter.draft.render import FAILURE_MARKER
from tests.conftest import run_drafter
from tests.server import LocalServer, page, redirect
from tests.test_faults import (
    GOOD_PAGE,
    GOOD_TITLE,
    RUN_BOUND,
    draft_path,
    headings,
    no_traceback,
    run_week,
    section_of,
)


@pytest.fixture
def good(server: LocalServer) -> str:
    server.routes["/good"] = page(GOOD_PAGE)
    return server.url("/good")


# --- the bookmarks file is hostile -----------------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x7fELF\x02\x01\x01\x00\x00\x00" + bytes(range(256)) * 4, "not a text file"),
        (b"", "no usable URL"),
        (b"\n\n   \n# only comments\n", "no usable URL"),
        (
            b"see you next week\nwww.example.com/no-scheme\nhttp://\nhttps:///nohost\n",
            "no usable URL",
        ),
        (
            b"javascript:alert(1)\nfile:///etc/passwd\nftp://ftp.example/x\nmailto:a@b.c\n",
            "no usable URL",
        ),
    ],
    ids=["binary", "empty", "blank-and-comments", "no-valid-url", "only-other-schemes"],
)
def test_bookmarks_without_a_usable_url_are_a_usage_error(
    site: Path, content: bytes, message: str
) -> None:
    (site / "bookmarks.txt").write_bytes(content)
    result = run_drafter("new", "28", "bookmarks.txt", cwd=site)
    no_traceback(result)
    assert result.returncode == 2
    assert f"error: {message}" in result.stderr or message in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("error: ")
    assert not draft_path(site).exists()


def test_mixed_schemes_fetch_only_http_and_https(
    server: LocalServer, site: Path, good: str
) -> None:
    tls = f"https://127.0.0.1:{server.port}/good"  # plain HTTP answers: the TLS handshake fails
    lines = [
        good,
        "ftp://ftp.example/pub/notes.txt",
        "file:///etc/passwd",
        "javascript:alert(document.cookie)",
        "mailto:host@example.com",
        "data:text/html,<script>alert(1)</script>",
        tls,
    ]
    result, elapsed = run_week(site, lines)
    assert elapsed < RUN_BOUND
    assert result.returncode == 3, result.stderr
    for line, scheme in [(2, "ftp"), (3, "file"), (4, "javascript"), (5, "mailto"), (6, "data")]:
        assert f"line {line}: unsupported scheme '{scheme}:'" in result.stderr
    draft = draft_path(site).read_text(encoding="utf-8")
    assert len(headings(draft)) == 2
    assert "passwd" not in draft and "alert" not in draft
    assert FAILURE_MARKER in section_of(draft, tls)
    assert server.hits == {"/good": 1}  # the https attempt never got as far as a request


def test_an_enormous_bookmarks_file(server: LocalServer, site: Path) -> None:
    """100k lines, nearly all duplicates of three pages, a few notes and junk lines."""
    urls = []
    for name in ("one", "two", "three"):
        server.routes[f"/{name}"] = page(GOOD_PAGE.replace(GOOD_TITLE, f"Page {name}"))
        urls.append(server.url(f"/{name}"))
    lines = []
    for index in range(100_000):
        if index % 10_000 == 5:
            lines.append(f"just some words on line {index + 1}")
        elif index % 7 == 0:
            lines.append(f"# comment {index}")
        else:
            lines.append(f"{urls[index % 3]}?utm_source=feed{index}#frag{index}")
    result, elapsed = run_week(site, lines)
    assert elapsed < RUN_BOUND * 2
    assert result.returncode == 0, result.stderr[-2000:]
    draft = draft_path(site).read_text(encoding="utf-8")
    assert [line.split("](")[0] for line in headings(draft)] == [
        f"## [Page {name}（Site）" for name in ("two", "three", "one")
    ]
    assert server.hits == {"/one": 1, "/two": 1, "/three": 1}
    assert result.stderr.count("no http(s) URL on this line") == 10


# --- URL policy: credentials stay secret ----------------------------------------------


def test_credentials_in_urls_are_never_printed_or_written(server: LocalServer, site: Path) -> None:
    host = f"127.0.0.1:{server.port}"
    server.routes["/a"] = page(GOOD_PAGE)
    server.routes["/to-creds"] = redirect(f"http://eve:tok3n@{host}/a?via=redirect")
    server.routes["/a?via=redirect"] = page(GOOD_PAGE.replace(GOOD_TITLE, "Via redirect"))
    lines = [
        f"http://alice:s3cret@{host}/a",
        f"http://bob:hunter2@{host}/missing",
        f"http://{host}/to-creds",
        "ftp://carol:pw0rd@files.example/x",
    ]
    result, _ = run_week(site, lines, "--json", "-v")
    assert result.returncode == 3, result.stderr
    draft = draft_path(site).read_text(encoding="utf-8")
    assert f"]({server.url('/a')})" in draft  # the link works, without the password
    assert "line 4: unsupported scheme 'ftp:'" in result.stderr
    report = json.loads(result.stdout)
    assert report["articles"][2]["final_url"] == server.url("/a?via=redirect")
    for secret in ("s3cret", "hunter2", "pw0rd", "tok3n", "alice", "bob:", "eve:", "carol"):
        assert secret not in result.stderr, result.stderr
        assert secret not in result.stdout
        assert secret not in draft
