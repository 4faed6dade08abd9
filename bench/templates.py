"""drafter against plain trafilatura on the held-out template pages (tests/templates_*.py).

    .venv/bin/python bench/templates.py [--pages]

Pages modelled on widespread templates that are not in ../shared/corpus, each beside the
headline and lead a reader would copy. Figures: titles and leads right, drafter with its
profiles on and off, and ``trafilatura.bare_extraction`` as bench/extraction.py runs it;
median milliseconds per page. ``--pages`` prints every miss.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]

from extraction import run_trafilatura, timed  # noqa: E402 - a sibling script

from drafter.extract.article import extract_article  # noqa: E402
from tests.templates import Template, lead_ok, title_ok  # noqa: E402
from tests.test_extract_templates import TEMPLATES  # noqa: E402


def _run(template: Template, mode: str) -> tuple[str | None, str | None, float]:
    headers = {"content-type": template.header}
    if mode == "trafilatura":
        (title, lead), ms = timed(
            lambda: run_trafilatura(template.body(), template.url, template.header)
        )
        return title, lead, ms
    got, ms = timed(
        lambda: extract_article(template.body(), template.url, headers, use_profiles=mode == "on")
    )
    return got.title, got.lead, ms


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", action="store_true", help="print every miss")
    args = parser.parse_args(argv)
    print(f"{'mode':<14} {'pages':>5} {'titles':>7} {'leads':>7} {'median ms':>10}")
    for mode in ("on", "off", "trafilatura"):
        titles = leads = 0
        times: list[float] = []
        for template in TEMPLATES:
            title, lead, ms = _run(template, mode)
            times.append(ms)
            titles += title_ok(title, template)
            leads += lead_ok(lead, template)
            if args.pages and not (title_ok(title, template) and lead_ok(lead, template)):
                print(f"  [{mode}] {template.name}")
                print(f"      title {title!r}\n      lead  {(lead or '')[:90]!r}")
        count = len(TEMPLATES)
        name = {"on": "profiles on", "off": "profiles off"}.get(mode, mode)
        print(
            f"{name:<14} {count:>5} {100 * titles / count:>6.1f}% {100 * leads / count:>6.1f}%"
            f" {statistics.median(times):>10.1f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
