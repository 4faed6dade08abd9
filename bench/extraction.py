"""Measure drafter's extraction against plain trafilatura on folders of saved pages.

    .venv/bin/python bench/extraction.py [--manifest PATH ...] [--json] [--pages]

Each manifest entry names a saved page, its URL and the reference title and lead (see
/work/shared/corpus/README.md); by default both lists there (manifest.json, the pages drafter
was developed on, and unseen.json, pages from sites it was never tuned on). Every page is
extracted as if fetched from its URL, with the Content-Type header a server would send, three
ways in the same run: drafter with its site profiles (as a user gets it), drafter with the
profiles off (the generic rules alone, so that nobody mistakes a profile for a rule), and
``trafilatura.bare_extraction``. Figures per site, per list and in total: titles right, leads
right, mojibake, median and p95 milliseconds per page.
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
from drafter.models import Extracted

CORPUS = Path("/work/shared/corpus")
DEFAULT_MANIFESTS = (CORPUS / "manifest.json", CORPUS / "unseen.json")
MODES = ("profiles on", "profiles off", "trafilatura")
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


@dataclass
class Tally:
    """Scores of one mode: per site, per list and in total."""

    sites: dict[str, Score] = field(default_factory=dict)
    lists: dict[str, Score] = field(default_factory=dict)
    total: Score = field(default_factory=Score)

    def add(self, site: str, listed: str, row: tuple[bool, bool, bool, float]) -> None:
        for score in (
            self.sites.setdefault(site, Score()),
            self.lists.setdefault(listed, Score()),
            self.total,
        ):
            score.add(*row)

    def figures(self) -> dict[str, Any]:
        return {
            "total": self.total.figures(),
            "lists": {name: score.figures() for name, score in self.lists.items()},
            "sites": {name: score.figures() for name, score in self.sites.items()},
        }


def read_entries(manifests: list[Path]) -> list[tuple[str, Path, dict[str, Any]]]:
    """(list name, folder, entry) for every page of the manifests, in order."""
    found = []
    for manifest in manifests:
        for entry in json.loads(manifest.read_text(encoding="utf-8")):
            found.append((manifest.name, manifest.parent, entry))
    return found


def drafter_row(got: Extracted, entry: dict[str, Any], ms: float) -> tuple[bool, bool, bool, float]:
    return (
        title_ok(got.title, entry),
        lead_ok(got.lead, entry),
        is_mojibake(got.title, got.lead),
        ms,
    )


def label_check(entry: dict[str, Any], got: Extracted) -> dict[str, Any] | None:
    """Whether a profiled site's page got its label; None for a site without a profile."""
    profile = profile_for(urlsplit(entry["url"]).hostname or "")
    if profile is None:
        return None
    want = expected_label(entry)
    if profile.syndicates:  # the provider is named in the page; the notes say which
        right = bool(got.source) and got.source in entry.get("notes", "")
    else:
        right = got.source == want
    return {"file": entry["file"], "label": got.source, "expected": want, "ok": right}


def page_line(entry: dict[str, Any], on: Extracted, off: Extracted) -> dict[str, Any]:
    return {
        "file": entry["file"],
        "title_ok": title_ok(on.title, entry),
        "lead_ok": lead_ok(on.lead, entry),
        "title_ok_profiles_off": title_ok(off.title, entry),
        "lead_ok_profiles_off": lead_ok(off.lead, entry),
        "mojibake": is_mojibake(on.title, on.lead),
        "title": on.title,
        "lead": on.lead,
        "source": on.source,
        "title_from": on.title_from,
        "lead_from": on.lead_from,
        "charset": on.charset,
        "charset_from": on.charset_from,
        "blocked": on.blocked,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--manifest",
        type=Path,
        action="append",
        help="a manifest to read (repeatable); default: both lists in " + str(CORPUS),
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--pages", action="store_true", help="print one line per page")
    args = parser.parse_args(argv)

    entries = read_entries(args.manifest or list(DEFAULT_MANIFESTS))
    tallies = {mode: Tally() for mode in MODES}
    labels: list[dict[str, Any]] = []
    pages: list[dict[str, Any]] = []

    # Warm everything up (imports, lazy tables) so that the first page is not charged for it.
    _, folder, first = entries[0]
    warm = (folder / first["file"]).read_bytes()
    extract_article(warm, first["url"], {"content-type": content_type(first)})
    run_trafilatura(warm, first["url"], content_type(first))

    for listed, folder, entry in entries:
        body = (folder / entry["file"]).read_bytes()
        headers = {"content-type": content_type(entry)}
        url = entry["url"]
        on, on_ms = timed(lambda: extract_article(body, url, headers))  # noqa: B023
        off, off_ms = timed(lambda: extract_article(body, url, headers, use_profiles=False))  # noqa: B023
        (t_title, t_lead), t_ms = timed(
            lambda: run_trafilatura(body, url, headers["content-type"])  # noqa: B023
        )
        base = (
            title_ok(t_title, entry),
            lead_ok(t_lead, entry),
            is_mojibake(t_title, t_lead),
            t_ms,
        )
        site = entry["site"]
        tallies["profiles on"].add(site, listed, drafter_row(on, entry, on_ms))
        tallies["profiles off"].add(site, listed, drafter_row(off, entry, off_ms))
        tallies["trafilatura"].add(site, listed, base)
        if (checked := label_check(entry, on)) is not None:
            labels.append(checked)
        pages.append(page_line(entry, on, off))

    report: dict[str, Any] = {mode: tally.figures() for mode, tally in tallies.items()}
    report["labels"] = {
        "checked": len(labels),
        "right": sum(x["ok"] for x in labels),
        "wrong": [x for x in labels if not x["ok"]],
    }
    if args.pages:
        report["pages"] = pages
    if args.json:
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return 0
    _print_table(tallies, report["labels"])
    if args.pages:
        for page in pages:
            marks = "".join(
                "TL"[i] if page[key] else "-" for i, key in enumerate(("title_ok", "lead_ok"))
            )
            off = "".join(
                "TL"[i] if page[key] else "-"
                for i, key in enumerate(("title_ok_profiles_off", "lead_ok_profiles_off"))
            )
            print(
                f"{marks} {off} {page['file']:32} [{page['source']}] {page['title']!r}\n"
                f"      title: {page['title_from']}\n      lead: {page['lead_from']}: "
                f"{(page['lead'] or '')[:60]!r}"
            )
    return 0


def _cells(figures: dict[str, Any], *, moji: bool, p95: bool) -> str:
    cells = f"{figures['title_pct']:6} {figures['lead_pct']:6}"
    if moji:
        cells += f" {figures['mojibake']:4}"
    cells += f" {figures['median_ms']:6}"
    if p95:
        cells += f" {figures['p95_ms']:6}"
    return cells


def _print_table(tallies: dict[str, Tally], labels: dict[str, Any]) -> None:
    on, off, traf = (tallies[mode] for mode in MODES)
    print(
        f"{'':30} {'':>5} | {'profiles on':^33} | {'profiles off':^20} | {'plain trafilatura':^25}"
    )
    print(
        f"{'site':30} {'pages':>5} | {'title':>6} {'lead':>6} {'moji':>4} {'med ms':>6} "
        f"{'p95 ms':>6} | {'title':>6} {'lead':>6} {'med ms':>6} | {'title':>6} {'lead':>6} "
        f"{'moji':>4} {'med ms':>6}"
    )
    rows = [(site, on.sites[site], off.sites[site], traf.sites[site]) for site in on.sites]
    rows += [
        (f"TOTAL {name}", on.lists[name], off.lists[name], traf.lists[name]) for name in on.lists
    ]
    rows.append(("TOTAL", on.total, off.total, traf.total))
    for name, a, b, c in rows:
        fa, fb, fc = a.figures(), b.figures(), c.figures()
        print(
            f"{name[:30]:30} {fa['pages']:5} | {_cells(fa, moji=True, p95=True)} | "
            f"{_cells(fb, moji=False, p95=False)} | {_cells(fc, moji=True, p95=False)}"
        )
    print(f"labels right on profiled sites (profiles on): {labels['right']}/{labels['checked']}")
    for wrong in labels["wrong"]:
        print(f"  {wrong['file']}: got {wrong['label']!r}, expected {wrong['expected']!r}")


if __name__ == "__main__":
    raise SystemExit(main())
