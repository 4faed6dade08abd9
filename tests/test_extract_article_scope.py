"""What trafilatura reads, on pages where no heading shows the headline (the <title> says
something else than the h1, so the lead cannot be read down from the headline): the page's
one article container (holding an h1) when it has one, the whole cleaned page otherwise,
and the whole page when the container holds no lead after all."""

from __future__ import annotations

import pytest

from drafter.extract.article import extract_article
from tests.conftest import TrafilaturaReads

LEAD = (
    "株式会社サンプルは3月4日、新しいクラウドサービス「Sample Cloud」の提供を開始したと"
    "発表した。国内の三つの地域で利用でき、料金は従量制となる。"
)
CARD = "<div class='card'><p>別の記事の見出しです。ランキング上位の記事です。</p></div>"
CARDS = CARD * 50
URL = "https://news.example.org/2026/11/article.html"


def page(body: str) -> bytes:
    return (
        "<!doctype html><html><head><meta charset='utf-8'><title>別の題の記事 | Example</title>"
        f"</head><body>{body}</body></html>"
    ).encode()


@pytest.mark.parametrize(
    "body",
    [
        f"<main><article><h1>見出し</h1><p>{LEAD}</p></article></main>{CARDS}",
        f"{CARDS}<main><h1>見出し</h1><p>{LEAD}</p>"
        "<article><p>関連記事の紹介文です。</p></article><article><p>別の紹介文。</p></article></main>",
    ],
    ids=["one article", "several articles, one main"],
)
def test_only_the_article_container_is_read(body: str, trafilatura_reads: TrafilaturaReads) -> None:
    got = extract_article(page(body), URL, {})
    assert got.lead == LEAD
    assert len(trafilatura_reads.calls) == 1
    assert "ランキング上位" not in trafilatura_reads.documents[0]


@pytest.mark.parametrize(
    "body",
    [
        f"<h1>見出し</h1><article><p>{LEAD}</p></article>{CARDS}",  # headline outside
        f"<h1>見出し</h1><p>{LEAD}</p>{CARDS}",  # no container at all
    ],
    ids=["article without the headline", "no article"],
)
def test_otherwise_the_whole_page_is_read(body: str, trafilatura_reads: TrafilaturaReads) -> None:
    got = extract_article(page(body), URL, {})
    assert got.lead == LEAD
    assert len(trafilatura_reads.calls) == 1
    assert "ランキング上位" in trafilatura_reads.documents[0]


def test_a_container_without_the_lead_falls_back_to_the_page(
    trafilatura_reads: TrafilaturaReads,
) -> None:
    body = f"<article><h1>見出し</h1><p>2026年11月27日</p></article><div><p>{LEAD}</p></div>"
    got = extract_article(page(body), URL, {})
    assert got.lead == LEAD
    assert len(trafilatura_reads.calls) == 2  # the container, then the page
    assert LEAD in trafilatura_reads.documents[1]


def test_a_page_inside_one_form_is_still_read(trafilatura_reads: TrafilaturaReads) -> None:
    """ASP.NET pages wrap the whole body in <form id="aspnetForm">; a search form is dropped."""
    body = (
        "<form action='/search'><input name='q'><button>検索</button></form>"
        "<form id='aspnetForm' method='post'><input type='hidden' name='__VIEWSTATE'>"
        f"<div id='main'><h1>見出し</h1><p>{LEAD}</p></div>{CARDS}</form>"
    )
    got = extract_article(page(body), URL, {})
    assert got.lead == LEAD
    assert LEAD in trafilatura_reads.documents[0]
    assert "検索" not in trafilatura_reads.documents[0]
