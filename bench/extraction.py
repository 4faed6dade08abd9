"""Measure drafter's extraction against plain trafilatura on the corpus of real pages.

    .venv/bin/python bench/extraction.py [--list wide.json ...] [--json] [--pages]
    .venv/bin/python bench/extraction.py --baseline /path/to/an/older/checkout

Every page of ../shared/corpus (manifest.json, unseen.json, wide.json; see its README) is
extracted as if fetched from its URL, with the Content-Type header a server would send,
three ways in the same run: drafter with its site profiles (as a user gets it), drafter
with the profiles off (the generic reading alone, so that nobody mistakes a profile for a
rule), and ``trafilatura.bare_extraction``. Figures per list, for the Japanese pages, and in
total: headlines, leads and labels right, mojibake, median and p95 milliseconds per page.

These are in-sample figures for the fitted decisions: the weights were fitted on these
pages. The figure that counts, leave-site-out, is bench/fit.py's.

``--baseline DIR`` times the same pages through another checkout's drafter (imported in a
child process, one page after the other, in this same run) and prints both medians and
their ratio.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.corpus import (
    LISTS,
    Page,
    is_mojibake,
    label_ok,
    lead_ok,
    read_pages,
    title_ok,
)
from drafter.extract.article import extract_article
from drafter.models import Extracted

MODES = ("profiles on", "profiles off", "trafilatura")


@dataclass
class Score:
    pages: int = 0
    titles: int = 0
    leads: int = 0
    labels: int = 0
    mojibake: int = 0
    ms: list[float] = field(default_factory=list)

    def add(self, row: tuple[bool, bool, bool, bool, float]) -> None:
        title, lead, label, garbled, ms = row
        self.pages += 1
        self.titles += title
        self.leads += lead
        self.labels += label
        self.mojibake += garbled
        self.ms.append(ms)

    def figures(self) -> dict[str, Any]:
        ordered = sorted(self.ms)
        p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))] if ordered else 0

        def pct(n: int) -> float:
            return round(100 * n / self.pages, 1) if self.pages else 0.0

        return {
            "pages": self.pages,
            "title_pct": pct(self.titles),
            "lead_pct": pct(self.leads),
            "label_pct": pct(self.labels),
            "mojibake": self.mojibake,
            "median_ms": round(statistics.median(ordered), 2) if ordered else 0.0,
            "p95_ms": round(p95, 1),
        }


def run_trafilatura(body: bytes, url: str, header: str) -> Extracted:
    """Plain trafilatura, given the same decoded text drafter gets."""
    import trafilatura

    from drafter.decode import decode_html

    html = decode_html(body, header)[0]
    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True)
    if doc is None:
        return Extracted(title=None, source=None, lead=None)
    text = (doc.text or "").strip()
    lead = text.split("\n", 1)[0].strip() if text else None
    return Extracted(title=doc.title, source=doc.sitename, lead=lead)


def timed(call: Callable[[], Extracted]) -> tuple[Extracted, float]:
    start = time.perf_counter()
    result = call()
    return result, (time.perf_counter() - start) * 1000


def judged(page: Page, got: Extracted, ms: float) -> tuple[bool, bool, bool, bool, float]:
    entry = page.entry
    return (
        title_ok(got.title, entry),
        lead_ok(got.lead, entry),
        label_ok(got.source, entry),
        is_mojibake(got.title, got.lead, got.source),
        ms,
    )


def groups_of(page: Page) -> list[str]:
    found = ["TOTAL", page.listed]
    if page.lang == "ja":
        found.append("Japanese")
    return found


def baseline_medians(checkout: Path, pages: list[Page]) -> float:
    """The median ms per page of another checkout's drafter (profiles on), in a child."""
    script = f"""
import json, sys, time, statistics
sys.path.insert(0, {str(checkout)!r}); sys.path.insert(1, {str(Path(__file__).parents[1])!r})
from bench.corpus import read_pages
from drafter.extract.article import extract_article
wanted = set(json.loads(sys.stdin.read()))
pages = [p for p in read_pages() if p.file in wanted]
extract_article(pages[0].body(), pages[0].url, pages[0].headers())
ms = []
for p in pages:
    body, headers = p.body(), p.headers()
    t = time.perf_counter(); extract_article(body, p.url, headers)
    ms.append((time.perf_counter() - t) * 1000)
print(statistics.median(ms))
"""
    done = subprocess.run(
        [sys.executable, "-c", script],
        input=json.dumps([page.file for page in pages]),
        capture_output=True,
        text=True,
        check=True,
    )
    return float(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--list", action="append", help="a list to read (default: all three)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--pages", action="store_true", help="print one line per page")
    parser.add_argument("--baseline", type=Path, help="another checkout to time beside this one")
    args = parser.parse_args(argv)

    pages = read_pages(tuple(args.list or LISTS))
    tallies: dict[str, dict[str, Score]] = {mode: {} for mode in MODES}
    lines: list[dict[str, Any]] = []

    # Warm everything up (imports, lazy tables) so that the first page is not charged for it.
    first = pages[0]
    extract_article(first.body(), first.url, first.headers())
    run_trafilatura(first.body(), first.url, first.headers()["content-type"])

    for page in pages:
        body, headers, url = page.body(), page.headers(), page.url
        on, on_ms = timed(lambda: extract_article(body, url, headers))  # noqa: B023
        off, off_ms = timed(
            lambda: extract_article(body, url, headers, use_profiles=False)  # noqa: B023
        )
        plain, plain_ms = timed(
            lambda: run_trafilatura(body, url, headers["content-type"])  # noqa: B023
        )
        for mode, got, ms in (
            ("profiles on", on, on_ms),
            ("profiles off", off, off_ms),
            ("trafilatura", plain, plain_ms),
        ):
            for group in groups_of(page):
                tallies[mode].setdefault(group, Score()).add(judged(page, got, ms))
        if args.pages:
            lines.append(page_line(page, on))

    report = {
        mode: {group: score.figures() for group, score in groups.items()}
        for mode, groups in tallies.items()
    }
    if args.baseline:
        before = baseline_medians(args.baseline, pages)
        now = report["profiles on"]["TOTAL"]["median_ms"]
        report["baseline"] = {"checkout": str(args.baseline), "median_ms": round(before, 2)}
        report["baseline"]["ratio"] = round(now / before, 2) if before else None
    if args.pages:
        report["pages"] = lines
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return 0
    print_table(report)
    for line in lines:
        print(
            f"{line['marks']} {line['file']:36} [{line['source']}] {line['title']!r}\n"
            f"      title: {line['title_from']}\n      label: {line['source_from']}\n"
            f"      lead: {line['lead_from']}: {(line['lead'] or '')[:60]!r}"
        )
    return 0


def page_line(page: Page, got: Extracted) -> dict[str, Any]:
    entry = page.entry
    marks = "".join(
        mark if ok else "-"
        for mark, ok in (
            ("T", title_ok(got.title, entry)),
            ("L", lead_ok(got.lead, entry)),
            ("S", label_ok(got.source, entry)),
        )
    )
    return {
        "file": page.file,
        "marks": marks,
        "title": got.title,
        "lead": got.lead,
        "source": got.source,
        "title_from": got.title_from,
        "lead_from": got.lead_from,
        "source_from": got.source_from,
    }


def print_table(report: dict[str, Any]) -> None:
    print(
        f"{'':16} {'':>5} | {'drafter, profiles on':^34} | {'profiles off':^20} | "
        f"{'plain trafilatura':^26}"
    )
    print(
        f"{'pages':16} {'n':>5} | {'head':>5} {'lead':>5} {'label':>5} {'moji':>4} "
        f"{'med ms':>6} {'p95':>5} | {'head':>5} {'lead':>5} {'label':>5} {'':>2} | "
        f"{'head':>5} {'lead':>5} {'label':>5} {'med ms':>6}"
    )
    on, off, plain = (report[mode] for mode in MODES)
    for group in on:
        a, b, c = on[group], off[group], plain[group]
        print(
            f"{group:16} {a['pages']:5} | {a['title_pct']:5} {a['lead_pct']:5} "
            f"{a['label_pct']:5} {a['mojibake']:4} {a['median_ms']:6} {a['p95_ms']:5} | "
            f"{b['title_pct']:5} {b['lead_pct']:5} {b['label_pct']:5} {'':>2} | "
            f"{c['title_pct']:5} {c['lead_pct']:5} {c['label_pct']:5} {c['median_ms']:6}"
        )
    if "baseline" in report:
        base = report["baseline"]
        print(
            f"median ms per page (profiles on): {on['TOTAL']['median_ms']} now, "
            f"{base['median_ms']} in {base['checkout']} (ratio {base['ratio']})"
        )
    print("in-sample for the fitted decisions; leave-site-out figures: bench/fit.py")


if __name__ == "__main__":
    raise SystemExit(main())
