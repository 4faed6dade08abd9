"""The browser step end to end: the real CLI renders JavaScript pages with a real Chromium
(skipping, saying so, without one), keeps to the per-article deadline, goes through the proxy,
and closes the browser when interrupted."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from drafter.draft.render import FAILURE_MARKER
from tests.conftest import run_drafter
from tests.server import LocalServer, page, silent
from tests.test_fetch_browser import JS_LEAD, JS_PAGE, JS_TITLE, STATIC_PAGE, needs_browser

# --- end to end through the CLI ---------------------------------------------------------------


def _serve(server: LocalServer) -> Path:
    server.routes["/js"] = page(JS_PAGE)
    server.routes["/static"] = page(STATIC_PAGE)
    return server.url("/js")


def test_without_a_browser_drafter_still_drafts_and_says_so_once(
    server: LocalServer, site: Path, tmp_path: Path
) -> None:
    _serve(server)
    server.routes["/js2"] = page(JS_PAGE)
    (site / "b.txt").write_text(
        "\n".join(server.url(p) for p in ("/js", "/static", "/js2")) + "\n", encoding="utf-8"
    )
    empty = tmp_path / "empty-path"
    empty.mkdir()
    result = run_drafter("new", "5", "b.txt", "--out", "-", cwd=site, env={"PATH": str(empty)})
    assert result.returncode == 3, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "rendering" in line]
    assert warnings == [
        "warning: rendering was unavailable for 2 articles: no Chromium found "
        "(install Debian's chromium, or give --browser / DRAFTER_BROWSER)"
    ]
    assert result.stdout.count(FAILURE_MARKER) == 2
    assert "静的な記事の見出し" in result.stdout


def test_a_browser_that_does_not_exist_is_a_usage_error(site: Path) -> None:
    (site / "b.txt").write_text("https://example.com/\n", encoding="utf-8")
    result = run_drafter("new", "5", "b.txt", "--browser", "/nowhere/chromium", cwd=site)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "error: --browser / DRAFTER_BROWSER: no executable at /nowhere/chromium"
    ]
    assert not (site / "content").exists()


@needs_browser
def test_render_never_leaves_the_javascript_page_failed(server: LocalServer, site: Path) -> None:
    js_url = _serve(server)
    (site / "b.txt").write_text(js_url + "\n", encoding="utf-8")
    result = run_drafter("new", "5", "b.txt", "--render", "never", "--out", "-", cwd=site)
    assert result.returncode == 1, result.stderr
    assert "every article failed" in result.stderr
    assert f"failed: {js_url} — " in result.stderr  # no text, or "needs JavaScript"
    assert "render" not in result.stderr  # no browser was started, nor missed
    assert server.hits["/js"] == 1


@needs_browser
def test_render_auto_reads_the_javascript_page_and_only_that(
    server: LocalServer, site: Path
) -> None:
    js_url = _serve(server)
    (site / "b.txt").write_text(f"{js_url}\n{server.url('/static')}\n", encoding="utf-8")
    never = run_drafter("new", "5", "b.txt", "--render", "never", "--out", "-", cwd=site)
    assert never.returncode == 3, never.stderr
    assert f"> {FAILURE_MARKER}" in never.stdout
    assert JS_TITLE not in never.stdout
    assert "rendered" not in never.stderr

    before = dict(server.hits)
    result = run_drafter("new", "5", "b.txt", "--json", cwd=site)
    assert result.returncode == 0, result.stderr
    draft = (site / "content" / "talk" / "5" / "index.md").read_text(encoding="utf-8")
    assert f"## [{JS_TITLE}]({js_url})" in draft
    assert f"> {JS_LEAD}" in draft
    assert FAILURE_MARKER not in draft
    report = json.loads(result.stdout)
    by_url = {article["url"]: article for article in report["articles"]}
    assert by_url[js_url]["rendered"] is True
    assert by_url[js_url]["provenance"]["render"].startswith("rendered in ")
    assert by_url[server.url("/static")]["rendered"] is False
    assert "1 rendered in a browser" in result.stderr
    assert f"  rendered: {js_url}" in result.stderr
    # Only the JavaScript page was asked for again, by the browser (however fetching cached).
    fetched_static = server.hits["/static"] - before["/static"]
    assert server.hits["/js"] - before["/js"] == fetched_static + 1


@needs_browser
def test_render_always_renders_even_good_pages(server: LocalServer, site: Path) -> None:
    _serve(server)
    (site / "b.txt").write_text(server.url("/static") + "\n", encoding="utf-8")
    result = run_drafter("new", "5", "b.txt", "--render", "always", "--json", cwd=site)
    assert result.returncode == 0, result.stderr
    [article] = json.loads(result.stdout)["articles"]
    assert article["rendered"] is True
    assert article["title"] == "静的な記事の見出し"
    assert server.hits["/static"] == 2


@needs_browser
def test_a_page_that_never_loads_meets_the_per_article_deadline(
    server: LocalServer, site: Path
) -> None:
    server.routes["/hangs"] = page('<html><body><script src="/silent"></script></body></html>')
    server.routes["/silent"] = silent(60)
    _serve(server)
    (site / "b.txt").write_text(f"{server.url('/hangs')}\n{server.url('/js')}\n", encoding="utf-8")
    started = time.monotonic()
    result = run_drafter("new", "5", "b.txt", "--timeout", "3", "--json", cwd=site)
    assert time.monotonic() - started < 30
    assert result.returncode == 3, result.stderr
    hangs, js = json.loads(result.stdout)["articles"]
    assert hangs["ok"] is False
    assert hangs["provenance"]["render"] == (
        "failed: took longer than 3s in the browser (the per-article limit)"
    )
    assert js["ok"] is True and js["title"] == JS_TITLE  # the other page was not held up


@needs_browser
def test_the_browser_goes_through_the_proxy(server: LocalServer, site: Path) -> None:
    # The loopback server is the proxy: it sees absolute URLs of a host that does not exist.
    url = "http://news.example.test/js"
    server.routes[url] = page(JS_PAGE)
    (site / "b.txt").write_text(url + "\n", encoding="utf-8")
    proxy = server.url("")
    result = run_drafter(
        "new", "5", "b.txt", "--json", cwd=site, env={"HTTP_PROXY": proxy, "HTTPS_PROXY": proxy}
    )
    assert result.returncode == 0, result.stderr
    [article] = json.loads(result.stdout)["articles"]
    assert (article["title"], article["rendered"]) == (JS_TITLE, True)
    assert server.hits[url] == 2  # once for httpx, once for the browser


def _chromium_pids(marker: str) -> list[int]:
    """Processes whose command line mentions `marker` (our temporary folder)."""
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        if marker.encode() in cmdline:
            pids.append(int(entry.name))
    return pids


@needs_browser
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_interrupted_while_rendering_the_browser_is_closed(
    server: LocalServer, site: Path, tmp_path: Path, signum: signal.Signals
) -> None:
    server.routes["/hangs"] = page('<html><body><script src="/silent"></script></body></html>')
    server.routes["/silent"] = silent(60)
    (site / "b.txt").write_text(server.url("/hangs") + "\n", encoding="utf-8")
    scratch = tmp_path / "scratch"  # the browser's profile lands here, so we can find it
    scratch.mkdir()
    env = {**os.environ, "TMPDIR": str(scratch), "COLUMNS": "200"}
    with subprocess.Popen(
        [sys.executable, "-m", "drafter", "new", "5", "b.txt", "--timeout", "60"],
        cwd=site,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    ) as child:
        try:
            deadline = time.monotonic() + 30
            while not server.hits.get("/silent") and time.monotonic() < deadline:
                time.sleep(0.05)
            assert server.hits.get("/silent"), "the browser never asked for the page's script"
            assert _chromium_pids(str(scratch)), "no browser process found while rendering"
            child.send_signal(signum)
            _, stderr = child.communicate(timeout=20)
        finally:
            if child.poll() is None:
                child.kill()
    assert child.returncode == 130, stderr.decode()
    assert "interrupted: nothing was written" in stderr.decode()
    assert "Traceback" not in stderr.decode()
    deadline = time.monotonic() + 5
    while _chromium_pids(str(scratch)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _chromium_pids(str(scratch)) == []
    assert list(scratch.iterdir()) == []  # the throw-away profile is gone too


# A browser that cannot trust the proxy's CA, without a Chromium: the real trust step (with no
# certutil on PATH) and the real Browser.render, over a stand-in for Playwright's page that
# fails as Chromium does on a certificate it does not trust.
UNTRUSTED_BROWSER = """
import contextlib, os, sys, tempfile
from pathlib import Path

from playwright.async_api import Error as PlaywrightError

import drafter.fetch.browser as browser
import drafter.fetch.chromium as chromium


class Page:
    url = "about:blank"

    async def goto(self, url, wait_until):
        raise PlaywrightError(f"Page.goto: net::ERR_CERT_AUTHORITY_INVALID at {url}")

    async def close(self):
        pass


class Context:
    async def new_page(self):
        return Page()


@contextlib.asynccontextmanager
async def open_browser(settings):
    with tempfile.TemporaryDirectory() as home:
        problem = chromium.trusting_home(Path(home), Path(os.environ["SSL_CERT_FILE"]))
        yield browser.Browser(Context(), timeout=settings.fetch.timeout, ca_problem=problem)


browser.open_browser = open_browser
from drafter.cli.app import main

sys.argv = ["drafter", *sys.argv[1:]]
main()
"""


def test_a_render_that_falls_back_says_why_on_stderr(
    server: LocalServer, site: Path, tmp_path: Path
) -> None:
    """Issue 20: `--render always` behind a proxy whose CA the browser cannot trust keeps the
    page as fetched, and says why where the host reads, not only in --json."""
    pytest.importorskip("playwright")
    import certifi

    _serve(server)
    (site / "b.txt").write_text(server.url("/static") + "\n", encoding="utf-8")
    empty = tmp_path / "empty-path"  # no certutil on PATH
    empty.mkdir()
    env = {**os.environ, "PATH": str(empty), "SSL_CERT_FILE": certifi.where(), "COLUMNS": "200"}
    result = subprocess.run(
        [sys.executable, "-c", UNTRUSTED_BROWSER, "new", "5", "b.txt", "--render", "always"],
        cwd=site, env=env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    (warning,) = [line for line in result.stderr.splitlines() if "browser" in line]
    assert warning.startswith(
        "warning: the browser could not render 1 article, so its page as fetched was used: "
        "browser: net::ERR_CERT_AUTHORITY_INVALID"
    )
    assert "certutil (Debian's libnss3-tools) is missing" in warning
    assert "静的な記事の見出し" in (site / "content/talk/5/index.md").read_text(encoding="utf-8")
