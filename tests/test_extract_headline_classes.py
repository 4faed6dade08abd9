"""Headlines the issue's unseen pages got wrong, as classes: a page marker kept, a skip link
or a bare identifier taken for the headline. Each on a page we write."""

from __future__ import annotations

import pytest

from drafter.extract.article import extract_article
from tests.samples import JA_PARAGRAPHS, html

LEAD = JA_PARAGRAPHS[0]
HED = "新型SSDを発表、容量1ペタバイト"
CASES = {
    "a page marker (1/3) in the heading and the title": (
        f"{HED} (1/3) - ITmedia NEWS",
        f"<article><h1>{HED} (1/3)</h1><p>{LEAD}</p></article>",
        HED,
    ),
    "a page marker （1/2 ページ）": (
        f"{HED}（1/2 ページ） - ITmedia NEWS",
        f"<article><h1>{HED}（1/2 ページ）</h1><p>{LEAD}</p></article>",
        HED,
    ),
    "a page marker (page 2 of 5) in English": (
        "Sample 2.0 ships (Page 2 of 5) | Example",
        f"<article><h1>Sample 2.0 ships (Page 2 of 5)</h1><p>{LEAD}</p></article>",
        "Sample 2.0 ships",
    ),
    "a skip link set as the first heading": (
        "Example",
        f"<h1>Skip to content</h1><main><h2>{HED}</h2><p>{LEAD}</p></main>",
        HED,
    ),
    "メインコンテンツ as a heading": (
        "Example",
        f"<h2>メインコンテンツ</h2><main><h1>{HED}</h1><p>{LEAD}</p></main>",
        HED,
    ),
    "an identifier heading above the headline, the title saying only it": (
        "JVNDB-2018-013542 - JVN iPedia",
        f"<h1>JVNDB-2018-013542</h1><h2>{HED}</h2><p>{LEAD}</p>",
        HED,
    ),
}


@pytest.mark.parametrize("name", CASES)
def test_the_headline_is_the_articles_own(name: str) -> None:
    title, body, expected = CASES[name]
    got = extract_article(html(title=title, body=body).encode(), "https://www.example.jp/a", {})
    assert got.title == expected
    assert got.lead == LEAD


def test_a_number_in_brackets_that_is_no_page_marker_stays() -> None:
    title = "Top 10 tools (2024)"
    body = f"<article><h1>{title}</h1><p>{LEAD}</p></article>"
    got = extract_article(html(title=title, body=body).encode(), "https://www.example.jp/a", {})
    assert got.title == title
