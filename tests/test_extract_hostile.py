"""Hostile markup still extracts quickly: deep nesting, 100,000 inline elements, megabyte
attributes and paragraphs, thousands of headings, lines and links. Each page is timed with
a bound far above what it takes (0.05-2.5 s on a loaded 2-core machine), so a page that
goes quadratic fails while a slow machine does not."""

from __future__ import annotations

import time

import pytest

import drafter.extract.fallback
from drafter.extract.article import extract_article
from drafter.extract.lead import Block, pick
from tests.samples import EN_LEAD, html

HED = "Sample 2.0 ships with a new query planner"
URL = "https://news.example.org/2026/11/sample.html"
BOUND_SECONDS = 5.0  # 100,000 spans take 1.6-2.5 s on a loaded 2-core machine; quadratic, minutes


def page(body: str, title: str = f"{HED} | Example") -> bytes:
    return html(title=title, body=body).encode()


HOSTILE = {
    "20,000 nested divs": page(
        f"<article><h1>{HED}</h1>" + "<div>" * 20_000 + f"<p>{EN_LEAD}</p>" + "</div>" * 20_000
    ),
    "100,000 spans in one paragraph": page(
        f"<article><h1>{HED}</h1><p>" + "<span>w </span>" * 100_000 + "end.</p></article>"
    ),
    "100,000 spans before a headline no heading shows": page(
        "<div>" + "<span>x</span>" * 100_000 + f"</div><b>{HED}</b><p>{EN_LEAD}</p>"
    ),
    "megabyte class and data attributes": page(
        f"<article><h1>{HED}</h1><div class='{'a' * 1_000_000}' "
        f"data-x-name='{'byline ' * 150_000}'><p>{EN_LEAD}</p></div></article>"
    ),
    "megabyte links home": page(
        f"<a href='/{'a' * 1_000_000}'>x</a><h1><a href='/?{'q' * 1_000_000}'>{HED}</a></h1>"
        f"<p>{EN_LEAD}</p>"
    ),
    "a megabyte-long paragraph": page(f"<article><h1>{HED}</h1><p>{'word ' * 200_000}.</p>"),
    "a megabyte-long paragraph, no heading": page(f"<p>{'word ' * 200_000}.</p>"),
    "10,000 h1s": page("".join(f"<h1>Heading {i}</h1>" for i in range(10_000)) + f"<h1>{HED}</h1>"),
    "10,000 h1s linking home": page(
        "".join(f"<h1><a href='/'>N{i}</a></h1>" for i in range(10_000))
    ),
    "10,000 dated lines": page(
        f"<article><h1>{HED}</h1>" + "<div><time>2026</time> x</div>" * 10_000 + "</article>"
    ),
    "50,000 lines, no heading": page(
        "<br>".join(f"line {i}" for i in range(50_000)) + f"<b>{HED}</b><p>{EN_LEAD}</p>"
    ),
    "a title of 190 separators": page(f"<b>{HED}</b><p>{EN_LEAD}</p>", HED + " | a" * 190),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_markup_extracts_within_the_bound(name: str) -> None:
    start = time.perf_counter()
    got = extract_article(HOSTILE[name], URL, {})
    elapsed = time.perf_counter() - start
    assert elapsed < BOUND_SECONDS, f"{name}: {elapsed:.2f}s"
    assert got.title is None or "\ufffd" not in got.title


@pytest.mark.parametrize(
    "name", ["20,000 nested divs", "megabyte class and data attributes", "megabyte links home"]
)
def test_hostile_markup_keeps_headline_and_lead(name: str) -> None:
    got = extract_article(HOSTILE[name], URL, {})
    assert (got.title, got.lead) == (HED, EN_LEAD)


def test_pick_reads_a_bounded_number_of_blocks() -> None:
    blocks = [Block("x", "p")] * 5_000 + [Block(EN_LEAD, "p")]
    assert pick(iter(blocks), HED, strict=True) is None
    assert pick(iter(blocks[-10:]), HED, strict=True) == EN_LEAD


def test_trafilatura_is_not_run_on_a_page_of_too_many_elements(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[str] = []
    monkeypatch.setattr(
        drafter.extract.fallback.trafilatura,
        "bare_extraction",
        lambda html, **_: calls.append(html),
    )
    extract_article(page("<div>" + "<span>x</span>" * 20_000 + f"</div><p>{EN_LEAD}</p>"), URL, {})
    assert calls == []
    extract_article(page("<div>" + "<span>x</span>" * 2_000 + "</div><p>Short.</p>"), URL, {})
    assert len(calls) >= 1
