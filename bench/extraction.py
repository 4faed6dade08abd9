"""Measure drafter's extraction against plain trafilatura on a folder of saved pages.

    .venv/bin/python bench/extraction.py [--manifest PATH] [--json] [--pages]

Each manifest entry names a saved page, its URL and the reference title and lead (see
/work/shared/corpus/README.md). Every page is extracted as if fetched from its URL, with
the Content-Type header a server would send. Figures per site and in total: titles right,
leads right, mojibake, median and p95 milliseconds per page, for drafter and for
``trafilatura.bare_extraction`` on the same pages in the same run.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from drafter.extract.article import extract_article
from drafter.extract.sites import profile_for

DEFAULT_MANIFEST = Path("/work/shared/corpus/manifest.json")
LEAD_PREFIX = 40
# UTF-8 read as Latin-1/cp1252 ("ã\x81", "Ã©"), or as cp932 (runs of half-width katakana).
_MOJIBAKE = re.compile(r"[ÃÂâã][\x80-\xbf\u0152-\u0178\u2018-\u203a]|[ｦ-ﾟ]{3,}|[縺繧繝]{2,}")


def normalise(text: str | None) -> str:
    """NFKC, whitespace collapsed: the form both sides are compared in."""
    return " ".join(unicodedata.normalize("NFKC", text or "").split())


def is_mojibake(*texts: str | None) -> bool:
    """U+FFFD, or the typical traces of Japanese decoded with the wrong codec."""
    return any(t and ("\ufffd" in t or _MOJIBAKE.search(t)) for t in texts)


def title_ok(got: str | None, entry: dict[str, Any]) -> bool:
    wanted = [entry["title"], *entry.get("title_alternatives", [])]
    return bool(got) and normalise(got) in {normalise(w) for w in wanted}


def lead_ok(got: str | None, entry: dict[str, Any]) -> bool:
    wanted = normalise(entry["lead"])[:LEAD_PREFIX]
    return bool(got) and normalise(got).startswith(wanted)


def expected_label(entry: dict[str, Any]) -> str | None:
    """The manifest's site name without its parenthetical ("InfoQ (Japan)" → "InfoQ")."""
    if "label" in entry:
        return entry["label"]  # type: ignore[no-any-return]
    return re.sub(r"\s*\(.*\)\s*$", "", entry["site"]).strip() or None


def content_type(entry: dict[str, Any]) -> str:
    if entry.get("encoding") and entry.get("header_charset") is not False:
        return f"text/html; charset={entry['encoding']}"
    return "text/html"


@dataclass
class Score:
    pages: int = 0
    titles: int = 0
    leads: int = 0
    mojibake: int = 0
    ms: list[float] = field(default_factory=list)

    def add(self, title: bool, lead: bool, garbled: bool, ms: float) -> None:
        self.pages += 1
        self.titles += title
        self.leads += lead
        self.mojibake += garbled
        self.ms.append(ms)

    def figures(self) -> dict[str, Any]:
        ordered = sorted(self.ms)
        p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))] if ordered else 0
        return {
            "pages": self.pages,
            "title_pct": round(100 * self.titles / self.pages, 1) if self.pages else 0.0,
            "lead_pct": round(100 * self.leads / self.pages, 1) if self.pages else 0.0,
            "mojibake": self.mojibake,
            "median_ms": round(statistics.median(ordered), 1) if ordered else 0.0,
            "p95_ms": round(p95, 1),
        }


def run_trafilatura(body: bytes, url: str, header: str) -> tuple[str | None, str | None]:
    """Plain trafilatura, given the same decoded text drafter gets."""
    import trafilatura

    from drafter.decode import decode_html

    html = decode_html(body, header)[0]
    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True)
    if doc is None:
        return None, None
    text = (doc.text or "").strip()
    return doc.title, (text.split("\n", 1)[0].strip() if text else None)


def timed(call: Callable[[], Any]) -> tuple[Any, float]:
    start = time.perf_counter()
    result = call()
    return result, (time.perf_counter() - start) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--manifest", type=Path, default=DEFAULT_MANIFEST)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--pages", action="store_true", help="print one line per page")
    args = parser.parse_args(argv)

    entries = json.loads(args.manifest.read_text(encoding="utf-8"))
    folder = args.manifest.parent
    ours: dict[str, Score] = {}
    theirs: dict[str, Score] = {}
    total_ours, total_theirs = Score(), Score()
    labels: list[dict[str, Any]] = []
    pages: list[dict[str, Any]] = []

    # Warm both up (imports, lazy tables) so that the first page is not charged for them.
    first = entries[0]
    warm = (folder / first["file"]).read_bytes()
    extract_article(warm, first["url"], {"content-type": content_type(first)})
    run_trafilatura(warm, first["url"], content_type(first))

    for entry in entries:
        body = (folder / entry["file"]).read_bytes()
        header = content_type(entry)
        got, ms = timed(
            lambda b=body, e=entry, h=header: extract_article(b, e["url"], {"content-type": h})
        )
        (t_title, t_lead), t_ms = timed(
            lambda b=body, e=entry, h=header: run_trafilatura(b, e["url"], h)
        )
        site = entry["site"]
        row = (
            title_ok(got.title, entry),
            lead_ok(got.lead, entry),
            is_mojibake(got.title, got.lead),
            ms,
        )
        base = (
            title_ok(t_title, entry),
            lead_ok(t_lead, entry),
            is_mojibake(t_title, t_lead),
            t_ms,
        )
        for table, total, figures in ((ours, total_ours, row), (theirs, total_theirs, base)):
            table.setdefault(site, Score()).add(*figures)
            total.add(*figures)
        profile = profile_for(urlsplit(entry["url"]).hostname or "")
        if profile is not None:
            want = expected_label(entry)
            if profile.syndicates:  # the provider is named in the page; the notes say which
                right = bool(got.source) and got.source in entry.get("notes", "")
            else:
                right = got.source == want
            labels.append(
                {"file": entry["file"], "label": got.source, "expected": want, "ok": right}
            )
        pages.append(
            {
                "file": entry["file"],
                "title_ok": row[0],
                "lead_ok": row[1],
                "mojibake": row[2],
                "title": got.title,
                "lead": got.lead,
                "source": got.source,
                "title_from": got.title_from,
                "lead_from": got.lead_from,
                "charset": got.charset,
                "charset_from": got.charset_from,
                "blocked": got.blocked,
            }
        )

    report = {
        "drafter": {
            "total": total_ours.figures(),
            "sites": {s: v.figures() for s, v in ours.items()},
        },
        "trafilatura": {
            "total": total_theirs.figures(),
            "sites": {s: v.figures() for s, v in theirs.items()},
        },
        "labels": {
            "checked": len(labels),
            "right": sum(x["ok"] for x in labels),
            "wrong": [x for x in labels if not x["ok"]],
        },
    }
    if args.pages:
        report["pages"] = pages
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return 0
    _print_table(report, ours, theirs)
    if args.pages:
        for page in pages:
            marks = ("T" if page["title_ok"] else "-") + ("L" if page["lead_ok"] else "-")
            print(
                f"{marks} {page['file']:32} {page['title_from']}/{page['lead_from']} "
                f"[{page['source']}] {page['title']!r} | {(page['lead'] or '')[:60]!r}"
            )
    return 0


def _print_table(report: dict[str, Any], ours: dict[str, Score], theirs: dict[str, Score]) -> None:
    head = f"{'site':32} {'pages':>5} | {'title':>6} {'lead':>6} {'moji':>4} {'med ms':>7}"
    print(f"{head} {'p95 ms':>7} | {'traf title':>10} {'lead':>6} {'moji':>4} {'med ms':>7}")
    rows = [(site, ours[site].figures(), theirs[site].figures()) for site in ours]
    rows.append(("TOTAL", report["drafter"]["total"], report["trafilatura"]["total"]))
    for site, a, b in rows:
        print(
            f"{site[:32]:32} {a['pages']:5} | {a['title_pct']:6} {a['lead_pct']:6} "
            f"{a['mojibake']:4} {a['median_ms']:7} {a['p95_ms']:7} | {b['title_pct']:10} "
            f"{b['lead_pct']:6} {b['mojibake']:4} {b['median_ms']:7}"
        )
    lab = report["labels"]
    print(f"labels right on profiled sites: {lab['right']}/{lab['checked']}")
    for wrong in lab["wrong"]:
        print(f"  {wrong['file']}: got {wrong['label']!r}, expected {wrong['expected']!r}")


if __name__ == "__main__":
    raise SystemExit(main())
