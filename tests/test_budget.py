"""Every run ends within its budget: deep nesting, an extraction that never ends, a retry
behind hanging pages. The real CLI against a loopback server, timed.
"""

from __future__ import annotations

import time
from pathlib import Path

from drafter.draft.render import FAILURE_MARKER
from drafter.markup import MAX_NESTING, flatten_nesting
from tests.conftest import run_drafter
from tests.server import LocalServer, page, sequence, silent
from tests.test_faults import (
    GOOD_PAGE,
    GOOD_TITLE,
    draft_path,
    no_traceback,
    run_week,
    section_of,
)

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


def test_a_deeply_nested_bookmarks_file_imports_in_seconds(
    server: LocalServer, site: Path
) -> None:
    server.routes["/good"] = page(GOOD_PAGE)
    links = site / "links.html"
    levels = 60_000
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
    assert elapsed < 10, f"took {elapsed:.1f}s"
    assert GOOD_TITLE in draft_path(site).read_text(encoding="utf-8")
