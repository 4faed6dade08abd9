"""What the pre-scan (drafter.markup.flatten_nesting) costs on real pages, beside the parse.

    .venv/bin/python bench/prescan.py [--manifest PATH ...] [--repeat N] [--json]

Every page of the corpus lists (by default manifest.json and unseen.json, as
bench/extraction.py reads; add wide.json with --manifest) is decoded as extraction decodes
it, then timed N times (the fastest run counts: the machine is shared): the pre-scan, lexbor's
parse of the result, and the share of pages the fast path takes (drafter.markup.fastpath),
the rest going to the model. Milliseconds per page, mean and median. It runs against any
checkout of drafter (`PYTHONPATH=../main python bench/prescan.py` for the code before).
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

if "PYTHONPATH" not in __import__("os").environ:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from selectolax.lexbor import LexborHTMLParser

from drafter.decode import decode_html
from drafter.markup import flatten_nesting

try:  # the fast path and its bounds (absent before issue 19: then not counted)
    from drafter.markup import BOUNDS, plainly_nested
except ImportError:
    BOUNDS = plainly_nested = None

CORPUS = Path("/work/shared/corpus")
DEFAULT_MANIFESTS = (CORPUS / "manifest.json", CORPUS / "unseen.json")


def read_pages(manifests: list[Path]) -> list[str]:
    pages = []
    for manifest in manifests:
        for entry in json.loads(manifest.read_text(encoding="utf-8")):
            data = (manifest.parent / entry["file"]).read_bytes()
            if entry["file"].endswith(".gz"):
                data = gzip.decompress(data)
            pages.append(decode_html(data, None)[0])
    return pages


def fastest_ms(call: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        best = min(best, time.perf_counter() - started)
    return best * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--manifest", type=Path, action="append", help="a manifest to read")
    parser.add_argument("--repeat", type=int, default=5, help="runs per page (the fastest counts)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    pages = read_pages(args.manifest or list(DEFAULT_MANIFESTS))
    prescan = [fastest_ms(lambda p=page: flatten_nesting(p), args.repeat) for page in pages]
    parse = [fastest_ms(lambda p=page: LexborHTMLParser(p), args.repeat) for page in pages]
    fast = sum(plainly_nested(page, BOUNDS) for page in pages) if plainly_nested else 0
    figures = {
        "pages": len(pages),
        "fast_path": fast,
        "prescan_ms_mean": round(statistics.mean(prescan), 3),
        "prescan_ms_median": round(statistics.median(prescan), 3),
        "parse_ms_mean": round(statistics.mean(parse), 3),
        "parse_ms_median": round(statistics.median(parse), 3),
    }
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        print(f"pages {figures['pages']}, fast path {fast} ({100 * fast / len(pages):.0f}%)")
        print(
            f"pre-scan   {figures['prescan_ms_mean']:.3f} ms/page mean, "
            f"{figures['prescan_ms_median']:.3f} median"
        )
        print(
            f"lexbor     {figures['parse_ms_mean']:.3f} ms/page mean, "
            f"{figures['parse_ms_median']:.3f} median (the parse, for scale)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
