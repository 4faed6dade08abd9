"""What rendering a page in the browser costs, against fetching it: time and memory.

    .venv/bin/python bench/browser_cost.py [--pages N] [--corpus] [--json]

Pages are served from a loopback server, so the figures are drafter's own cost, not the
network's. For each set of pages the script measures, in one run:

- fetch + extract: `collect_articles` with `render="never"`, wall time per page;
- browser start: launching Chromium (and closing it) with nothing to render;
- render + extract: every page rendered in one browser, `DEFAULT_RENDER_PAGES` at once, wall
  time per page, the median and p95 of one page's render, and the extraction of the result;
- memory: the peak proportional set size (PSS) of the browser's processes while rendering.

Sets: synthetic pages whose article is written by JavaScript (as in tests/test_browser.py),
and with --corpus the 30 saved real pages of ../shared/corpus (their subresources point at
hosts this loopback run cannot reach; images, media and fonts are never loaded anyway).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from drafter.config import DEFAULT_RENDER_PAGES, Settings
from drafter.extract.article import extract_article
from drafter.fetch.browser import open_browser
from drafter.gathering import collect_articles
from drafter.models import Bookmark
from tests.server import LocalServer, page
from tests.test_fetch_browser import JS_PAGE

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def pss_kib(marker: str) -> int:
    """The summed PSS of every process whose command line mentions `marker`, in KiB."""
    total = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if marker.encode() not in (entry / "cmdline").read_bytes():
                continue
            for line in (entry / "smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total


class PeakMemory:
    """Samples the browser's PSS every 50 ms in a thread; `.peak` in KiB."""

    def __init__(self, marker: str) -> None:
        self.marker = marker
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, pss_kib(self.marker))
            self._stop.wait(0.05)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


async def measure(urls: list[str], settings: Settings, marker: str) -> dict[str, Any]:
    """Fetch+extract, browser start, and render+extract for these URLs."""
    bookmarks = [Bookmark(url=url) for url in urls]
    started = time.perf_counter()
    fetched = await collect_articles(bookmarks, settings)
    fetch_wall = time.perf_counter() - started

    async with open_browser(settings):  # warm-up: builds the SSL_CERT_FILE trust cache, once
        pass
    started = time.perf_counter()
    async with open_browser(settings):
        opened = time.perf_counter() - started
    start_and_close = time.perf_counter() - started

    with PeakMemory(marker) as memory:
        started = time.perf_counter()
        async with open_browser(settings) as browser:
            launched = time.perf_counter()
            pages = await asyncio.gather(*(browser.render(url) for url in urls))
            render_wall = time.perf_counter() - launched
    extract_ms = []
    readable = 0
    for rendered in pages:
        if rendered.html is None:
            continue
        begin = time.perf_counter()
        extracted = extract_article(
            rendered.html.encode("utf-8"),
            rendered.final_url or rendered.url,
            {"content-type": "text/html; charset=utf-8"},
        )
        extract_ms.append((time.perf_counter() - begin) * 1000)
        readable += bool(extracted.title and extracted.lead)
    each = sorted(rendered.elapsed * 1000 for rendered in pages)
    return {
        "pages": len(urls),
        "fetch_extract_ms_per_page": round(fetch_wall * 1000 / len(urls), 1),
        "static_title_and_lead": sum(bool(a.title and a.lead) for a in fetched),
        "browser_start_ms": round(opened * 1000),
        "browser_start_close_ms": round(start_and_close * 1000),
        "render_ms_per_page": round(render_wall * 1000 / len(urls), 1),
        "render_median_ms": round(statistics.median(each), 1),
        "render_p95_ms": round(each[min(len(each) - 1, int(len(each) * 0.95))], 1),
        "render_failures": sum(rendered.error is not None for rendered in pages),
        "rendered_extract_median_ms": round(statistics.median(extract_ms), 1)
        if extract_ms
        else None,
        "rendered_title_and_lead": readable,
        "browser_peak_pss_mib": round(memory.peak / 1024),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=20, help="synthetic pages (default 20)")
    parser.add_argument("--corpus", action="store_true", help="also the saved real pages")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()

    server = LocalServer().start()
    server.httpd.handle_error = lambda request, address: None  # type: ignore[method-assign]
    scratch = tempfile.mkdtemp(prefix="drafter-bench-render-")
    tempfile.tempdir = scratch  # the browser's profile lands here: how we find its processes
    try:
        sets: dict[str, list[str]] = {}
        for number in range(args.pages):
            server.routes[f"/js/{number}"] = page(JS_PAGE)
        sets["javascript pages"] = [server.url(f"/js/{n}") for n in range(args.pages)]
        if args.corpus:
            manifest = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
            for number, entry in enumerate(manifest):
                body = (CORPUS / entry["file"]).read_bytes()
                server.routes[f"/corpus/{number}"] = page(body, content_type="text/html")
            sets["saved real pages"] = [server.url(f"/corpus/{n}") for n in range(len(manifest))]
        settings = Settings(render="never")
        results = {
            name: asyncio.run(measure(urls, settings, scratch)) for name, urls in sets.items()
        }
    finally:
        server.stop()
        tempfile.tempdir = None
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print(f"{DEFAULT_RENDER_PAGES} pages at once; times in ms")
    for name, figures in results.items():
        print(f"\n{name}")
        for key, value in figures.items():
            print(f"  {key:28} {value}")


if __name__ == "__main__":
    main()
