"""The browser renders strangers' JavaScript: it keeps its sandbox unless it cannot, reaches
only what the address policy allows, reads back only HTML within the size cap.

Real Chromium against loopback servers: 127.0.0.2 plays a public host
(DRAFTER_TEST_PUBLIC_ADDRESSES), 127.0.0.1 an internal one.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from drafter.fetch.addresses import TEST_PUBLIC_VARIABLE
from drafter.fetch.chromium import (
    BROWSER_DATA_LIMIT_MIB,
    NO_SANDBOX,
    NO_SANDBOX_WARNING,
    chromium_args,
    memory_capped,
)
from tests.conftest import run_drafter
from tests.samples import EN_PARAGRAPHS, article_html
from tests.server import LocalServer, page
from tests.test_fetch_browser import needs_browser

PUBLIC = "127.0.0.2"
SECRET_TITLE = "Internal admin console"
SECRET = article_html(SECRET_TITLE, EN_PARAGRAPHS, site_name="Intranet")


def script_page(script: str) -> str:
    """A page with no article of its own: only what its script does."""
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Loading</title></head>'
        f'<body><div id="app"></div><script>{script}</script></body></html>'
    )


@pytest.fixture
def public(monkeypatch: pytest.MonkeyPatch) -> Iterator[LocalServer]:
    monkeypatch.setenv(TEST_PUBLIC_VARIABLE, PUBLIC)
    running = LocalServer(host=PUBLIC).start()
    try:
        yield running
    finally:
        running.stop()


Articles = dict[str, dict[str, Any]]


def render(site: Path, urls: list[str]) -> tuple[subprocess.CompletedProcess[str], Articles]:
    (site / "b.txt").write_text("\n".join(urls) + "\n", encoding="utf-8")
    result = run_drafter(
        "new", "28", "b.txt", "--json", "--timeout", "15", cwd=site,
        env={TEST_PUBLIC_VARIABLE: PUBLIC},
    )  # fmt: skip
    assert "Traceback" not in result.stderr, result.stderr
    articles = {article["url"]: article for article in json.loads(result.stdout)["articles"]}
    return result, articles


def test_the_sandbox_is_dropped_only_for_root() -> None:
    assert NO_SANDBOX not in chromium_args(euid=1000)
    assert NO_SANDBOX in chromium_args(euid=0)
    assert any(arg.startswith("--js-flags=--max-old-space-size=") for arg in chromium_args(1000))


@needs_browser
def test_page_script_cannot_reach_internal_addresses(
    public: LocalServer, server: LocalServer, site: Path
) -> None:
    server.routes.update(
        {"/admin": page(SECRET), "/track.js": page("1", content_type="text/javascript")}
    )
    internal = server.url("/admin")
    public.routes.update(
        {
            "/navigates": page(script_page(f"location.href = {json.dumps(internal)};")),
            "/loads": page(
                script_page(
                    f"fetch({json.dumps(internal)}).catch(() => null);"
                    "const s = document.createElement('script');"
                    f"s.src = {json.dumps(server.url('/track.js'))};"
                    "document.head.appendChild(s);"
                    "document.getElementById('app').innerHTML ="
                    f" '<iframe src={internal}></iframe>';"
                )
            ),
        }
    )
    urls = [public.url("/navigates"), public.url("/loads")]
    result, articles = render(site, urls)
    assert SECRET_TITLE not in result.stdout
    assert server.hits == {}, server.hits  # not one request reached the internal server
    for url in urls:
        assert articles[url]["title"] != SECRET_TITLE
    if os.geteuid() == 0:
        assert result.stderr.count(NO_SANDBOX_WARNING) == 1, result.stderr


@needs_browser
def test_a_bookmark_on_an_internal_host_renders_with_its_own_requests(
    server: LocalServer, site: Path
) -> None:
    """The user's own bookmark on 127.0.0.1: its script may load from its own host."""
    server.routes.update(
        {
            "/article.html": page(SECRET),
            "/own": page(
                script_page(
                    "fetch('/article.html').then((r) => r.text()).then((t) => {"
                    " document.open(); document.write(t); document.close(); });"
                )
            ),
        }
    )
    _, articles = render(site, [server.url("/own")])
    assert articles[server.url("/own")]["title"] == SECRET_TITLE
    assert articles[server.url("/own")]["rendered"] is True


@needs_browser
def test_only_html_documents_are_read(server: LocalServer, site: Path) -> None:
    server.routes.update(
        {
            "/notes.txt": page("Private notes\n\n" + EN_PARAGRAPHS[0], content_type="text/plain"),
            "/to-text": page(script_page("location.href = '/notes.txt';")),
        }
    )
    _, articles = render(site, [server.url("/to-text")])
    article = articles[server.url("/to-text")]
    assert article["provenance"]["render"] == "failed: not an HTML page (text/plain)"
    assert not article.get("rendered")


@needs_browser
def test_a_page_that_writes_huge_text_is_cut_at_the_size_cap(
    server: LocalServer, site: Path
) -> None:
    """7.5 MB of text, over the 5 MB cap but within the renderer's memory: refused in the
    browser, not read back. (20 MB in one paragraph now meets the data limit first.)"""
    server.routes["/huge"] = page(
        script_page(
            "document.getElementById('app').innerHTML = '<article><h1>Huge</h1><p>' +"
            " 'word '.repeat(1500000) + '</p></article>';"
        )
    )
    _, articles = render(site, [server.url("/huge")])
    article = articles[server.url("/huge")]
    assert article["provenance"]["render"].startswith("failed: page larger than 5120 KB"), article


def test_the_browser_starts_under_a_data_limit(tmp_path: Path) -> None:
    """The launcher drafter gives Playwright sets RLIMIT_DATA, then runs the real program with
    every argument as given: here /bin/sh, asked for its own limit."""
    launcher = memory_capped("/bin/sh", tmp_path)
    shown = subprocess.run(
        [launcher, "-c", 'ulimit -d; printf "%s|" "$@"', "sh", "a b", "$HOME"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    limit, args = shown.stdout.split("\n", 1)
    assert int(limit) == BROWSER_DATA_LIMIT_MIB * 1024
    assert args == "a b|$HOME|"
