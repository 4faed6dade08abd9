"""Issue 19, items 2 to 4: memory and time stay bounded whatever a page or a bookmarks file
holds. The real CLI against a loopback server, on the pages the issue names; bench/
hostile_memory.py prints what each costs (peak memory of the process tree, seconds).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from drafter.draft.render import FAILURE_MARKER
from drafter.memory import PARSER_DATA_LIMIT_MIB
from tests.conftest import run_drafter
from tests.samples import EN_LEAD, html
from tests.server import LocalServer, page
from tests.test_faults import (
    GOOD_PAGE,
    GOOD_TITLE,
    draft_path,
    no_traceback,
    run_week,
    section_of,
)

HEADLINE = "Hostile pages still read"
# 500 distinct formatting elements left open, which the parser re-opens in each of 40,000
# paragraphs (2 to 5 GB in a worker before the deadline stopped it).
FORMATTING = "<p>" + "".join(f"<b id={n}>" for n in range(500)) + "<p>x" * 40_000
# End tags that close nothing, which the pre-scan counted as closing: 110,000 levels deep.
STRAY_END_TAGS = "<div></i>" * 110_000


def hostile_page(body: str) -> str:
    return html(title=HEADLINE, body=f"<h1>{HEADLINE}</h1><p>{EN_LEAD}</p>{body}")


def assert_read(site: Path, url: str) -> None:
    """The article's heading shows its headline, and its section its lead."""
    draft = draft_path(site).read_text(encoding="utf-8")
    section = section_of(draft, url)
    assert FAILURE_MARKER not in section, section
    assert f"{HEADLINE}]({url})" in draft
    assert EN_LEAD[:40] in section, section


@pytest.mark.parametrize(
    "body", [FORMATTING, STRAY_END_TAGS], ids=["formatting re-opened", "stray end tags"]
)
def test_a_hostile_page_is_read_rather_than_lost(
    server: LocalServer, site: Path, body: str
) -> None:
    server.routes["/hostile"] = page(hostile_page(body))
    server.routes["/good"] = page(GOOD_PAGE)
    urls = [server.url("/hostile"), server.url("/good")]
    result, _ = run_week(site, urls, deadline="30")
    assert result.returncode == 0, result.stderr
    assert_read(site, urls[0])
    assert GOOD_TITLE in draft_path(site).read_text(encoding="utf-8")


_GREEDY = """
import os
_path = os.environ.get("DRAFTER_TEST_GREEDY")
if _path:
    import drafter.extract.article as _article
    _extract = _article.extract_article
    def _greedy(body, url, headers, **options):
        if url.endswith(_path):
            bytearray(1 << 31)  # 2 GB, as a parser that builds without end would take
        return _extract(body, url, headers, **options)
    _article.extract_article = _greedy
"""


@pytest.fixture
def greedy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """The path whose extraction takes 2 GB, in the CLI's processes (Python imports
    `sitecustomize` at start-up: in the CLI and in every worker)."""
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(_GREEDY, encoding="utf-8")
    path = os.environ.get("PYTHONPATH", "")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(p for p in (str(hooks), path) if p))
    monkeypatch.setenv("DRAFTER_TEST_GREEDY", "/greedy")
    return "/greedy"


def test_a_page_past_the_memory_ceiling_fails_alone_and_says_so(
    server: LocalServer, site: Path, greedy: str
) -> None:
    server.routes[greedy] = page(GOOD_PAGE.replace(GOOD_TITLE, "Never read"))
    server.routes["/good"] = page(GOOD_PAGE)
    server.routes["/good2"] = page(GOOD_PAGE.replace(GOOD_TITLE, "Second headline"))
    urls = [server.url(greedy), server.url("/good"), server.url("/good2")]
    result, _ = run_week(site, urls, deadline="30")
    assert result.returncode == 3, result.stderr
    draft = draft_path(site).read_text(encoding="utf-8")
    failed = section_of(draft, urls[0])
    assert FAILURE_MARKER in failed, failed
    assert f"needs more memory than extraction may use ({PARSER_DATA_LIMIT_MIB} MB)" in failed
    assert GOOD_TITLE in draft and "Second headline" in draft


# --- bookmark sources (item 3) ----------------------------------------------------------------


def link_list(url: str, body: str) -> str:
    """A page of links, as a host might save one, with `body` after its one link."""
    return f"<html><body><ul><li><a href='{url}'>Good</a> the note</li></ul>{body}</body></html>"


def feed(url: str, description: str) -> str:
    """An RSS feed whose one item's description holds `description` as HTML."""
    item = (
        f"<item><title>Good</title><link>{url}</link>"
        f"<description><![CDATA[{description}]]></description></item>"
    )
    return f"<?xml version='1.0'?><rss version='2.0'><channel>{item}</channel></rss>"


@pytest.mark.parametrize(
    "body", [FORMATTING, STRAY_END_TAGS], ids=["formatting re-opened", "stray end tags"]
)
def test_a_hostile_page_of_links_is_read(server: LocalServer, site: Path, body: str) -> None:
    """Both were parsed in the drafter process: 7.2 GB and 64 s, 80 to 120 s."""
    server.routes["/good"] = page(GOOD_PAGE)
    links = site / "links.html"
    links.write_text(link_list(server.url("/good"), body), encoding="utf-8")
    result = run_drafter("new", "28", str(links), "--timeout", "30", cwd=site, timeout=60)
    no_traceback(result)
    assert result.returncode == 0, result.stderr
    assert GOOD_TITLE in draft_path(site).read_text(encoding="utf-8")


def test_a_feed_whose_items_hold_hostile_html_is_read(server: LocalServer, site: Path) -> None:
    """Its descriptions were parsed in the drafter process: 7.2 GB and 71 s."""
    server.routes["/good"] = page(GOOD_PAGE)
    server.routes["/feed"] = page(
        feed(server.url("/good"), FORMATTING), content_type="application/rss+xml"
    )
    result = run_drafter("new", "28", server.url("/feed"), "--timeout", "30", cwd=site, timeout=60)
    no_traceback(result)
    assert result.returncode == 0, result.stderr
    assert GOOD_TITLE in draft_path(site).read_text(encoding="utf-8")


_STUCK = """
import os
_how = os.environ.get("DRAFTER_TEST_STUCK_LINKS")
if _how:
    import time
    import drafter.bookmarks.links as _links
    _parse = _links.parse_html
    def _stuck(data, name):
        if _how == "time":
            time.sleep(3600)
        else:
            bytearray(1 << 31)  # 2 GB, as a parser that builds without end would take
        return _parse(data, name)
    _links.parse_html = _stuck
"""


@pytest.fixture
def stuck(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading a page of links never ends, or takes 2 GB, in every process of the CLI."""
    hooks = tmp_path / "hooks"
    hooks.mkdir()
    (hooks / "sitecustomize.py").write_text(_STUCK, encoding="utf-8")
    path = os.environ.get("PYTHONPATH", "")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(p for p in (str(hooks), path) if p))


@pytest.mark.usefixtures("stuck")
@pytest.mark.parametrize(
    ("how", "said"),
    [("time", "reading it took longer than"), ("memory", "reading it needs more than")],
)
def test_reading_bookmarks_is_bounded_in_time_and_memory(
    server: LocalServer, site: Path, monkeypatch: pytest.MonkeyPatch, how: str, said: str
) -> None:
    monkeypatch.setenv("DRAFTER_TEST_STUCK_LINKS", how)
    links = site / "links.html"
    many = "".join(f"<li><a href='{server.url(f'/{n}')}'>{n}</a></li>" for n in range(300))
    links.write_text(f"<html><body><ul>{many}</ul></body></html>", encoding="utf-8")
    result = run_drafter("new", "28", str(links), "--timeout", "3", cwd=site, timeout=60)
    no_traceback(result)
    assert result.returncode == 2, result.stderr
    assert f"links.html: HTML page: {said}" in result.stderr
    assert not draft_path(site).exists()
