"""The fault suite: the real CLI against servers that misbehave and pages that lie.

Every run ends one of three ways: a draft that marks each failed article with the reason
(exit 3), no draft and exit 1 when every article failed, or exit 2 when the input holds no
usable URL. Never a traceback, never a hang past the per-article deadline (`--timeout 2`),
and a body is cut at the size cap, not inflated into memory. Hostile bookmarks files and
the URL policy are in tests/test_hostile_input.py.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from drafter.draft.render import FAILURE_MARKER
from tests.conftest import run_drafter
from tests.samples import EN_PARAGRAPHS, JA_PARAGRAPHS, article_html
from tests.server import (
    BlackHole,
    Handler,
    LocalServer,
    drip,
    endless,
    fail_first,
    gzip_bomb,
    page,
    redirect,
    reset_mid_body,
    sequence,
    silent,
)

DEADLINE = "2"  # --timeout where a server hangs: seconds one article may take, retries included
RELAXED = "10"  # --timeout elsewhere, so a loaded machine cannot turn a fault into a timeout
RUN_BOUND = 20.0  # a whole run, however hostile, ends well within this
GOOD_TITLE = "Good headline"
GOOD_PAGE = article_html(GOOD_TITLE, EN_PARAGRAPHS, site_name="Site")
JS_SHELL = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Newsroom</title>
<script src="/static/app.js" defer></script></head>
<body><noscript>You need to enable JavaScript to run this app.</noscript>
<div id="root"></div></body></html>
"""


def draft_path(site: Path, number: int = 28) -> Path:
    return site / "content" / "talk" / str(number) / "index.md"


def section_of(draft: str, url: str) -> str:
    """The section whose heading links to `url`, up to the next heading."""
    marker = f"]({url})\n"
    assert marker in draft, f"no section links to {url}"
    return draft.split(marker, 1)[1].split("\n## ", 1)[0]


def headings(draft: str) -> list[str]:
    return [line for line in draft.splitlines() if line.startswith("## ")]


def no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr, result.stderr
    assert "Traceback" not in result.stdout


def run_week(
    site: Path, lines: list[str], *extra: str, deadline: str = RELAXED
) -> tuple[subprocess.CompletedProcess[str], float]:
    """Write the bookmarks, run `drafter new 28` on them, return the result and its duration."""
    bookmarks = site / "bookmarks.txt"
    bookmarks.write_text("\n".join(lines) + "\n", encoding="utf-8")
    started = time.monotonic()
    result = run_drafter(
        "new", "28", str(bookmarks), "--timeout", deadline, *extra, cwd=site, timeout=60
    )
    elapsed = time.monotonic() - started
    no_traceback(result)
    return result, elapsed


def assert_marked(
    site: Path,
    result: subprocess.CompletedProcess[str],
    good_url: str,
    bad_url: str,
    reason: str,
) -> str:
    """Exit 3, the good article drafted, the bad one marked with `reason`, and the summary."""
    assert result.returncode == 3, result.stderr
    draft = draft_path(site).read_text(encoding="utf-8")
    assert len(headings(draft)) == 2
    good = section_of(draft, good_url)
    assert FAILURE_MARKER not in good and "> Amazon Web Services announced" in good
    bad = section_of(draft, bad_url)
    assert FAILURE_MARKER in bad, bad
    assert reason in bad, bad
    assert "2 articles, 1 failed" in result.stderr
    assert re.search(rf"failed: {re.escape(bad_url)} — .*{re.escape(reason)}", result.stderr), (
        result.stderr
    )
    return bad


@pytest.fixture
def good(server: LocalServer) -> str:
    server.routes["/good"] = page(GOOD_PAGE)
    return server.url("/good")


@pytest.fixture
def black_hole() -> Iterator[BlackHole]:
    hole = BlackHole()
    try:
        yield hole
    finally:
        hole.close()


# --- the network misbehaves ------------------------------------------------------------


def chain(server: LocalServer, prefix: str, hops: int, end: str) -> str:
    """`hops` redirects in a row, the last to `end`; returns the first URL."""
    for index in range(hops):
        target = f"{prefix}{index + 1}" if index + 1 < hops else end
        server.routes[f"{prefix}{index}"] = redirect(target)
    return server.url(f"{prefix}0")


NETWORK_FAULTS: list[tuple[str, Handler, str]] = [
    ("silent", silent(), "took longer than 2s (the per-article limit)"),
    ("drip", drip(interval=1.0), "took longer than 2s (the per-article limit)"),
    ("reset", reset_mid_body(), "connection broken"),
    ("missing", page("<h1>Not Found</h1>", status=404), "HTTP 404 Not Found"),
    ("gone", page("<h1>Gone</h1>", status=410), "HTTP 410 Gone"),
    ("forbidden", page("<h1>Forbidden</h1>", status=403), "HTTP 403 Forbidden"),
    (
        "throttled",
        page("slow down", status=429, content_type="text/plain", headers={"Retry-After": "3600"}),
        "HTTP 429 Too Many Requests (no time left to retry)",
    ),
    ("huge", endless(), "page larger than 5120 KB (cut at the size cap)"),
    (
        "pdf",
        page(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", content_type="application/pdf"),
        "not an HTML page (application/pdf)",
    ),
    (
        "pdf-as-html",
        page(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"),
        "not an HTML page (a PDF document)",
    ),
    (
        "png",
        page(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", content_type="image/png"),
        "not an HTML page (image/png)",
    ),
    ("png-as-html", page(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "not an HTML page (a PNG image)"),
    ("empty", page(b""), "empty response (HTTP 200)"),
    ("js-shell", page(JS_SHELL), "blocked page (needs JavaScript)"),
    ("to-ftp", redirect("ftp://files.example/episode.html"), "not http or https"),
    ("to-file", redirect("file:///etc/passwd"), "not http or https"),
    ("to-js", redirect("javascript:alert(1)"), "refused a redirect to an invalid URL"),
]


@pytest.mark.parametrize(
    ("name", "handler", "reason"), NETWORK_FAULTS, ids=[case[0] for case in NETWORK_FAULTS]
)
def test_a_misbehaving_server_is_marked_in_the_draft(
    server: LocalServer, site: Path, good: str, name: str, handler: Handler, reason: str
) -> None:
    server.routes[f"/{name}"] = handler
    bad = server.url(f"/{name}")
    hangs = "took longer than" in reason
    result, elapsed = run_week(site, [good, bad], deadline=DEADLINE if hangs else RELAXED)
    assert elapsed < RUN_BOUND
    section = assert_marked(site, result, good, bad, reason)
    # Nothing a stranger's server sent is quoted as if it were the article.
    assert "\n> " + FAILURE_MARKER in section
    assert "enable JavaScript" not in section and "slow down" not in section


def test_a_server_that_accepts_and_never_answers(
    black_hole: BlackHole, site: Path, good: str
) -> None:
    """The kernel completes the handshake; nobody ever reads the request."""
    bad = black_hole.url("/never")
    result, elapsed = run_week(site, [good, bad], deadline=DEADLINE)
    assert elapsed < RUN_BOUND
    assert_marked(site, result, good, bad, "took longer than 2s (the per-article limit)")


def test_resets_are_retried_and_status_errors_are_not(
    server: LocalServer, site: Path, good: str
) -> None:
    server.routes.update(
        {"/reset": reset_mid_body(), "/missing": page("no", status=404, content_type="text/plain")}
    )
    result, _ = run_week(site, [good, server.url("/reset"), server.url("/missing")], "-v")
    assert result.returncode == 3
    assert server.hits["/reset"] >= 2  # a broken connection may heal
    assert server.hits["/missing"] == 1  # a 404 will not
    assert "3 articles, 2 failed" in result.stderr


def test_redirect_loop_and_chain_over_the_limit(server: LocalServer, site: Path, good: str) -> None:
    server.routes["/loop-a"] = redirect("/loop-b")
    server.routes["/loop-b"] = redirect("/loop-a")
    server.routes["/target"] = page(GOOD_PAGE.replace(GOOD_TITLE, "Reached after three hops"))
    over = chain(server, "/long/", 11, "/target")  # one more than the limit of 10
    within = chain(server, "/short/", 3, "/target")
    loop = server.url("/loop-a")
    result, elapsed = run_week(site, [good, loop, over, within])
    assert elapsed < RUN_BOUND
    assert result.returncode == 3
    draft = draft_path(site).read_text(encoding="utf-8")
    for url in (loop, over):
        section = section_of(draft, url)
        assert FAILURE_MARKER in section and "too many redirects (more than 10)" in section
    assert FAILURE_MARKER not in section_of(draft, within)
    assert f"## [Reached after three hops（Site）]({within})" in draft
    assert server.hits["/loop-a"] + server.hits["/loop-b"] <= 12  # bounded, not endless
    assert server.hits["/target"] == 1  # only through the short chain
    assert "4 articles, 2 failed" in result.stderr


def test_retry_after_and_a_503_that_recovers(server: LocalServer, site: Path) -> None:
    busy = page("busy", status=429, content_type="text/plain", headers={"Retry-After": "1"})
    server.routes["/throttled"] = sequence(busy, page(GOOD_PAGE.replace(GOOD_TITLE, "After 429")))
    server.routes["/flaky"] = fail_first(1, page(GOOD_PAGE.replace(GOOD_TITLE, "After 503")))
    result, elapsed = run_week(site, [server.url("/throttled"), server.url("/flaky")])
    assert elapsed < RUN_BOUND
    assert result.returncode == 0, result.stderr
    draft = draft_path(site).read_text(encoding="utf-8")
    assert "## [After 429（Site）]" in draft and "## [After 503（Site）]" in draft
    assert FAILURE_MARKER not in draft
    assert server.hits["/throttled"] == 2 and server.hits["/flaky"] == 2
    assert "2 articles" in result.stderr and "failed" not in result.stderr


def test_every_article_failing_writes_no_draft(
    server: LocalServer, site: Path, black_hole: BlackHole
) -> None:
    server.routes["/gone"] = page("<h1>Gone</h1>", status=410)
    server.routes["/shell"] = page(JS_SHELL)
    lines = [server.url("/gone"), server.url("/shell"), black_hole.url("/x")]
    result, elapsed = run_week(site, lines, "--json", deadline=DEADLINE)
    assert elapsed < RUN_BOUND
    assert result.returncode == 1
    assert "every article failed" in result.stderr
    assert "HTTP 410 Gone" in result.stderr and "needs JavaScript" in result.stderr
    assert not draft_path(site).exists()
    assert not list(site.rglob(".drafter-*.tmp"))


# --- memory stays bounded --------------------------------------------------------------

BOMB_MIB = 1024  # inflated size; about 1 MB on the wire


def _largest_rss_kib(pid: int) -> int:
    """The largest resident set (KiB) of `pid` and every process below it, read from /proc."""
    largest, stack = 0, [pid]
    while stack:
        current = stack.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text(encoding="utf-8")
            children = Path(f"/proc/{current}/task/{current}/children").read_text()
        except OSError:  # gone meanwhile
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                largest = max(largest, int(line.split()[1]))
        stack.extend(int(child) for child in children.split())
    return largest


def run_measured(site: Path, *args: str) -> tuple[int, str, int]:
    """Run the CLI in a child, returning (exit code, stderr, the largest RSS in MiB that any
    process of its tree reached, sampled every 10 ms). Sampled, not ru_maxrss: a child that
    the test process starts inherits its high-water mark across exec (Linux keeps the larger
    of the two), and a pytest worker that has read the corpus is itself a few hundred MiB."""
    out, err = site / "stdout.txt", site / "stderr.txt"
    with out.open("wb") as stdout, err.open("wb") as stderr:
        child = subprocess.Popen(
            [sys.executable, "-m", "drafter", *args], cwd=site, stdout=stdout, stderr=stderr
        )
    peak = 0
    deadline = time.monotonic() + 60
    while child.poll() is None:
        if time.monotonic() > deadline:
            child.kill()
        peak = max(peak, _largest_rss_kib(child.pid))
        time.sleep(0.01)
    return child.returncode, err.read_text(encoding="utf-8"), peak // 1024


def test_a_gzip_bomb_is_cut_at_the_size_cap(server: LocalServer, site: Path, good: str) -> None:
    server.routes["/bomb"] = gzip_bomb(BOMB_MIB)
    bad = server.url("/bomb")
    (site / "bookmarks.txt").write_text(f"{good}\n{bad}\n", encoding="utf-8")
    code, stderr, peak_mib = run_measured(site, "new", "28", "bookmarks.txt", "--timeout", "10")
    assert "Traceback" not in stderr
    assert code == 3, stderr
    section = section_of(draft_path(site).read_text(encoding="utf-8"), bad)
    assert FAILURE_MARKER in section and "page larger than 5120 KB" in section
    # Measured: about 52 MiB for a plain run, 62 MiB with the bomb; a fifth of the bomb is
    # room enough for the interpreter and anything it grows, and far from inflating it.
    assert peak_mib < BOMB_MIB // 5, f"peak RSS {peak_mib} MiB"


# --- bytes that lie about themselves ---------------------------------------------------

JA_TITLE = "日本語の見出しが正しく読めること"


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        # Declared UTF-8 (header and meta), served as Shift_JIS.
        (article_html(JA_TITLE, JA_PARAGRAPHS).encode("cp932"), "text/html; charset=utf-8"),
        # The header says Shift_JIS, the meta tag says UTF-8, the bytes are UTF-8.
        (article_html(JA_TITLE, JA_PARAGRAPHS).encode("utf-8"), "text/html; charset=Shift_JIS"),
        # The header says UTF-8, the meta tag says Shift_JIS, the bytes are Shift_JIS.
        (
            article_html(JA_TITLE, JA_PARAGRAPHS, meta_charset="Shift_JIS").encode("cp932"),
            "text/html; charset=utf-8",
        ),
        # UTF-8 as declared, but with bytes that are invalid in it after the lead.
        (
            article_html(JA_TITLE, [*JA_PARAGRAPHS[:2], "壊れた\udcff行"]).encode(
                "utf-8", "surrogateescape"
            ),
            "text/html; charset=utf-8",
        ),
    ],
    ids=["declared-utf8-is-sjis", "header-sjis-meta-utf8", "header-utf8-meta-sjis", "bad-bytes"],
)
def test_a_lying_charset_still_reads(
    server: LocalServer, site: Path, good: str, body: bytes, content_type: str
) -> None:
    server.routes["/ja"] = page(body, content_type=content_type)
    result, _ = run_week(site, [good, server.url("/ja")])
    assert result.returncode == 0, result.stderr
    draft = draft_path(site).read_bytes().decode("utf-8")  # the draft is always valid UTF-8
    section = section_of(draft, server.url("/ja"))
    assert draft.count(f"## [{JA_TITLE}（Example Media）](") == 1
    assert "> 米インテルは4月2日、容量1ペタバイトのSSD" in section
    assert "\ufffd" not in section
