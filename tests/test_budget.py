"""Every run ends within its budget: deep nesting, an extraction that never ends, a retry
behind hanging pages. The real CLI against a loopback server, timed.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from drafter.draft.render import FAILURE_MARKER
from drafter.fetch.addresses import TEST_PUBLIC_VARIABLE
from drafter.markup import MAX_NESTING, flatten_nesting
from tests.conftest import run_drafter
from tests.server import Handler, LocalServer, drip, page, redirect, sequence, silent, slow
from tests.test_faults import (
    GOOD_PAGE,
    GOOD_TITLE,
    draft_path,
    no_traceback,
    run_week,
    section_of,
)
from tests.test_fetch_browser import needs_browser

DEEP = 200_000  # nested <div>s: a 1 MB page that took lexbor minutes to parse


def deep_page(levels: int = DEEP) -> str:
    return (
        "<html><head><title>Deep but readable</title></head><body>"
        + "<div>" * levels
        + "<p>The text at the bottom of the well is still read.</p>"
        + "</div>" * levels
        + "</body></html>"
    )


def test_flatten_keeps_shallow_pages_and_text() -> None:
    shallow = "<div><p>one</p><br><img src=x></div>"
    assert flatten_nesting(shallow) is shallow
    unclosed = "<ul>" + "<li><p>item" * 3000 + "</ul>"  # legal HTML, and not deep at all
    assert flatten_nesting(unclosed) is unclosed
    flat = flatten_nesting(deep_page(MAX_NESTING + 50))
    assert flat.count("<div>") == MAX_NESTING - 2  # html and body hold two levels
    assert flat.count("<div>") == flat.count("</div>")
    assert "bottom of the well" in flat


def test_a_deeply_nested_page_is_read_in_seconds(server: LocalServer, site: Path) -> None:
    server.routes["/deep"] = page(deep_page())
    server.routes["/good"] = page(GOOD_PAGE)
    started = time.monotonic()
    result, _ = run_week(site, [server.url("/deep"), server.url("/good")], deadline="5")
    elapsed = time.monotonic() - started
    assert elapsed < 20, f"took {elapsed:.1f}s"
    draft = draft_path(site).read_text(encoding="utf-8")
    assert "Deep but readable" in draft
    assert GOOD_TITLE in draft
    no_traceback(result)


def test_a_deeply_nested_bookmarks_file_imports_in_seconds(server: LocalServer, site: Path) -> None:
    server.routes["/good"] = page(GOOD_PAGE)
    links = site / "links.html"
    levels = 100_000  # quadratic: some 20 s before the pre-scan
    links.write_text(
        f'<html><body><a href="{server.url("/good")}">Good</a>'
        + "<div>" * levels
        + "x"
        + "</div>" * levels
        + "</body></html>",
        encoding="utf-8",
    )
    started = time.monotonic()
    result = run_drafter("new", "28", str(links), "--timeout", "5", cwd=site, timeout=60)
    elapsed = time.monotonic() - started
    no_traceback(result)
    assert result.returncode == 0, result.stderr
    assert elapsed < 8, f"took {elapsed:.1f}s"
    assert GOOD_TITLE in draft_path(site).read_text(encoding="utf-8")


# No page is slow enough any more: extraction is bounded on hostile markup (the 4.5 MB page
# of 120,000 paragraphs this test used took 33 to 37 s before, 1.4 s after), so the child
# processes load a hook that makes the extraction of one URL never end, as a parser bug
# would. Python imports `sitecustomize` at start-up, in the CLI and in every worker.
_NEVER_ENDING = """
import os, time
_path = os.environ.get("DRAFTER_TEST_NEVER_ENDING")
if _path:
    import drafter.extract.article as _article
    _extract = _article.extract_article
    def _never_ending(body, url, headers, **options):
        if url.endswith(_path):
            time.sleep(3600)
        return _extract(body, url, headers, **options)
    _article.extract_article = _never_ending
"""


@pytest.fixture
def never_ending(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """The path whose extraction never ends in the CLI's processes."""
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(_NEVER_ENDING, encoding="utf-8")
    path = os.environ.get("PYTHONPATH", "")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(p for p in (str(hooks), path) if p))
    monkeypatch.setenv("DRAFTER_TEST_NEVER_ENDING", "/slow")
    return "/slow"


def test_an_extraction_past_its_deadline_is_stopped_and_marked(
    server: LocalServer, site: Path, never_ending: str
) -> None:
    server.routes[never_ending] = page(GOOD_PAGE.replace(GOOD_TITLE, "Never read"))
    server.routes["/good"] = page(GOOD_PAGE)
    server.routes["/good2"] = page(GOOD_PAGE.replace(GOOD_TITLE, "Second headline"))
    urls = [server.url(never_ending), server.url("/good"), server.url("/good2")]
    started = time.monotonic()
    result, _ = run_week(site, urls, deadline="2")  # extraction may run 3 s (the floor)
    elapsed = time.monotonic() - started
    assert result.returncode == 3, result.stderr
    assert elapsed < 15, f"took {elapsed:.1f}s"
    draft = draft_path(site).read_text(encoding="utf-8")
    slow = section_of(draft, urls[0])
    assert FAILURE_MARKER in slow and "extraction took too long" in slow, slow
    assert GOOD_TITLE in draft and "Second headline" in draft
    no_traceback(result)


def test_the_run_deadline_stops_what_is_left_and_writes_the_draft(
    server: LocalServer, site: Path, never_ending: str
) -> None:
    """Two pages that drip a byte a second (only --timeout would end them: a minute here)
    and one whose extraction never ends (its own deadline is 10 s): --deadline 6 ends the
    run, marks those three, and drafts the two good pages."""
    server.routes.update(
        {
            "/drip1": drip(),
            "/drip2": drip(),
            never_ending: page(GOOD_PAGE.replace(GOOD_TITLE, "Never read")),
            "/good": page(GOOD_PAGE),
            "/good2": page(GOOD_PAGE.replace(GOOD_TITLE, "Second headline")),
        }
    )
    hung = [server.url("/drip1"), server.url("/drip2"), server.url(never_ending)]
    urls = [*hung, server.url("/good"), server.url("/good2")]
    limit = 6
    started = time.monotonic()
    # run_week's `deadline` is --timeout, the limit of one article: a minute, to show the
    # run's own bound at work. Every page at once (--per-host 8): none waits behind the drips.
    result, _ = run_week(
        site, urls, "--deadline", str(limit), "--per-host", "8", "--json", deadline="60"
    )
    elapsed = time.monotonic() - started
    no_traceback(result)
    assert result.returncode == 3, result.stderr
    assert elapsed < 30, f"took {elapsed:.1f}s"  # half of one article's --timeout
    reason = f"stopped at the run's deadline ({limit}s, --deadline)"
    draft = draft_path(site).read_text(encoding="utf-8")
    for url in hung:
        section = section_of(draft, url)
        assert FAILURE_MARKER in section and reason in section, section
    assert GOOD_TITLE in draft and "Second headline" in draft
    assert f"failed: {reason} — 3 articles" in result.stderr  # the summary
    errors = {a["url"]: a["error"] for a in json.loads(result.stdout)["articles"]}
    assert errors == {**dict.fromkeys(hung, reason), urls[3]: None, urls[4]: None}


def too_many(then: Handler | None = None) -> Handler:
    """429 with `Retry-After: 1`: once and then `then`, or for ever without it."""
    busy = page("slow down", status=429, content_type="text/plain", headers={"Retry-After": "1"})
    return sequence(busy, then) if then is not None else busy


def test_a_retry_keeps_its_place_behind_hanging_pages(server: LocalServer, site: Path) -> None:
    """Two connections per host: the retried page must not wait behind the two that hang."""
    server.routes.update(
        {"/limited": too_many(page(GOOD_PAGE)), "/hang1": silent(), "/hang2": silent()}
    )
    urls = [server.url("/limited"), server.url("/hang1"), server.url("/hang2")]
    started = time.monotonic()
    result, _ = run_week(site, urls, deadline="5")
    elapsed = time.monotonic() - started
    assert result.returncode == 3, result.stderr
    assert FAILURE_MARKER not in section_of(draft_path(site).read_text(encoding="utf-8"), urls[0])
    assert server.hits["/limited"] == 2
    assert elapsed < 5 + 5, f"took {elapsed:.1f}s"


def test_a_retried_failure_names_its_cause(server: LocalServer, site: Path) -> None:
    server.routes.update(
        {"/limited": too_many(), "/good": page(GOOD_PAGE), "/hang1": silent(), "/hang2": silent()}
    )
    urls = [server.url(path) for path in ("/limited", "/hang1", "/hang2", "/good")]
    result, _ = run_week(site, urls, deadline="5")
    assert result.returncode == 3, result.stderr
    limited = section_of(draft_path(site).read_text(encoding="utf-8"), urls[0])
    assert "HTTP 429 Too Many Requests (after 2 retries)" in limited, limited
    assert "took longer" not in limited


HUGE_TEXT_SCRIPT = (
    '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Loading</title></head>'
    '<body><div id="app"></div><script>document.getElementById("app").textContent ='
    ' "word ".repeat(16000000);</script></body></html>'
)  # 80 MB of text, built by a 300-byte page


def test_a_run_over_hostile_pages_ends_within_its_budget(
    server: LocalServer, site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The issue's closing run: deep nesting, a 429 beside hanging pages, a redirect from a
    "public" host to an internal one, a script that builds 80 MB of text, and a good page."""
    monkeypatch.setenv(TEST_PUBLIC_VARIABLE, "127.0.0.2")
    public = LocalServer(host="127.0.0.2").start()
    try:
        server.routes.update(
            {
                "/deep": page(deep_page()),
                "/limited": too_many(page(GOOD_PAGE)),
                "/hang1": silent(),
                "/hang2": silent(),
                "/internal": page(GOOD_PAGE.replace(GOOD_TITLE, "Internal only")),
            }
        )
        public.routes.update(
            {
                "/good": page(GOOD_PAGE),
                "/to-internal": redirect(server.url("/internal")),
                "/huge-script": page(HUGE_TEXT_SCRIPT),
            }
        )
        urls = [
            server.url("/deep"),
            server.url("/limited"),
            server.url("/hang1"),
            server.url("/hang2"),
            public.url("/huge-script"),
            public.url("/to-internal"),
            public.url("/good"),
        ]
        # 8 s: the deep page's pre-scan follows the parser's tree building tag by tag (about
        # 3.3 s for its 400,000 tags, idle), beside a browser rendering on the other core
        timeout = 8
        started = time.monotonic()
        result, _ = run_week(site, urls, deadline=str(timeout))
        elapsed = time.monotonic() - started
    finally:
        public.stop()
    no_traceback(result)
    assert result.returncode == 3, result.stderr
    # The budget: --timeout per article, the browser's start and render included (they get
    # what the fetch left of it); the rest is start-up and tear-down. (A page queued behind
    # its host's two hanging pages would start its own --timeout only when a slot frees: that
    # is politeness, not a hostile page's doing, so the script page is on a host of its own.)
    assert elapsed < timeout + 6, f"took {elapsed:.1f}s"
    draft = draft_path(site).read_text(encoding="utf-8")
    assert "Deep but readable" in draft and "Internal only" not in draft
    assert FAILURE_MARKER not in section_of(draft, urls[1])  # the 429'd page, retried in time
    assert "non-public address" in section_of(draft, urls[5])
    assert server.hits.get("/internal", 0) == 0


@needs_browser
def test_the_browser_gets_what_is_left_of_the_articles_limit(
    server: LocalServer, site: Path
) -> None:
    """A JavaScript page whose answer took 3.5 s of a 4 s limit, and whose script never
    loads: too little is left to render, so the browser is neither waited for nor given a
    fresh 4 s (before: 3.5 s + the browser's start + 4 s + its close, about 10 s)."""
    shell = '<html><body><div id="app"></div><script src="/never"></script></body></html>'
    server.routes.update({"/shell": slow(3.5, page(shell)), "/never": silent(60)})
    timeout = 4
    started = time.monotonic()
    result, _ = run_week(site, [server.url("/shell")], "--json", deadline=str(timeout))
    elapsed = time.monotonic() - started
    assert result.returncode == 1, result.stderr  # its one article failed: nothing written
    assert elapsed < timeout + 3, f"took {elapsed:.1f}s"
