"""Pages where no heading shows the headline (it stands in a styled <div>), so the lead
cannot be read from it down: when the meta description repeats the container's first prose
paragraph, that paragraph is the lead and trafilatura is not run; otherwise it is, and the
result is the same as without the shortcut."""

from __future__ import annotations

import pytest

import drafter.extract.fallback
from drafter.extract.article import extract_article
from drafter.profiles import SiteProfile
from tests.conftest import TrafilaturaReads

LEAD = (
    "株式会社サンプルは3月4日、新しいクラウドサービス「Sample Cloud」の提供を開始したと"
    "発表した。国内の三つの地域で利用でき、料金は従量制となる。"
)
SUMMARY = "編集部がまとめた、この記事とは別の言葉で書いた要約の文章です。"
# Long enough to read as a lead itself, so that taking it instead of LEAD would be possible.
SECOND = (
    "同社によると、既存の顧客は追加の費用なしで新しいサービスに移行でき、移行の手順も"
    "管理画面から数分で終わるという。"
)
# A site-wide blurb above the article: its description, cut mid-word, repeats the blurb.
BLURB = (
    "This newsletter covers the week in cloud computing, open source and developer tools, "
    "with links to the original announcements and our own short commentary on each one."
)
EN_LEAD = (
    "Sample Corp released version 2.0 of its open source database on Tuesday, adding a new "
    "query planner, support for vector search and a faster storage engine for large tables."
)
URL = "https://news.example.org/2026/11/article.html"
VOUCHED = "first paragraph, the description repeating it"


def page(body: str, description: str | None) -> bytes:
    meta = f'<meta name="description" content="{description}">' if description else ""
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>見出し | Example</title>{meta}"
        f"</head><body><nav><p>ナビゲーションの文章です。ここはメニューです。</p></nav>"
        f"<article><div class='hed'>見出し</div>{body}</article>"
        "<footer><p>Copyright Example. All rights reserved.</p></footer></body></html>"
    ).encode()


def without_shortcut(body: bytes, monkeypatch: pytest.MonkeyPatch) -> str | None:
    with monkeypatch.context() as patch:
        patch.setattr(drafter.extract.fallback, "_vouched_paragraph", lambda *args: None)
        return extract_article(body, URL, {}).lead


@pytest.mark.parametrize(
    "description",
    [LEAD, LEAD[:60] + "…", EN_LEAD[:95] + "."],
    ids=["whole", "cut with an ellipsis", "english, cut at a full stop"],
)
def test_a_repeated_first_paragraph_is_the_lead_without_trafilatura(
    description: str, trafilatura_reads: TrafilaturaReads, monkeypatch: pytest.MonkeyPatch
) -> None:
    lead = EN_LEAD if description.startswith("Sample") else LEAD
    body = page(f"<p class='byline'>文：山田太郎</p><p>{lead}</p><p>{SECOND}</p>", description)
    got = extract_article(body, URL, {})
    assert (got.lead, got.lead_from) == (lead, VOUCHED)
    assert trafilatura_reads.urls == []
    assert without_shortcut(body, monkeypatch) == got.lead
    assert trafilatura_reads.urls == [URL]  # the full path runs it, and agrees


@pytest.mark.parametrize(
    ("body", "description"),
    [
        (f"<p>{LEAD}</p><p>{SECOND}</p>", SUMMARY),
        # The description repeats the second paragraph: the first one is still the lead.
        (f"<p>{LEAD}</p><p>{SECOND}</p>", SECOND),
        # Cut mid-sentence, the description is no summary: trafilatura decides.
        (f"<p>{LEAD}</p>", LEAD[:20]),
        (f"<p>{LEAD}</p>", None),
    ],
    ids=["another summary", "repeats a later paragraph", "not prose", "no description"],
)
def test_otherwise_trafilatura_reads_the_page(
    body: str,
    description: str | None,
    trafilatura_reads: TrafilaturaReads,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    html = page(body, description)
    got = extract_article(html, URL, {})
    assert trafilatura_reads.urls == [URL]
    assert got.lead == LEAD
    assert got.lead_from != VOUCHED
    assert without_shortcut(html, monkeypatch) == got.lead


def test_a_blurb_before_the_article_is_not_taken(
    trafilatura_reads: TrafilaturaReads, monkeypatch: pytest.MonkeyPatch
) -> None:
    html = page(f"<p>{EN_LEAD}</p>", BLURB[:110]).replace(
        b"<article>", f"<div class='intro'><p>{BLURB}</p></div><article>".encode()
    )
    got = extract_article(html, URL, {})
    assert got.lead == EN_LEAD
    assert trafilatura_reads.urls == [URL]
    assert without_shortcut(html, monkeypatch) == got.lead


def test_a_site_profile_still_comes_first(trafilatura_reads: TrafilaturaReads) -> None:
    """Lead selectors a site gives in its drafter.toml are its own say: they come first."""
    own = SiteProfile(
        name="own", hosts=("news.example.org",), label="Example", lead_selectors=("div.entry",)
    )
    body = (
        "<!doctype html><html><head><meta charset='utf-8'><title>見出し - Example</title>"
        f"<meta name='description' content='{SECOND}'></head><body><p>{SECOND}</p>"
        f"<div class='entry'><p>{LEAD}</p></div></body></html>"
    ).encode()
    got = extract_article(body, URL, {}, profiles=(own,))
    assert (got.lead, got.lead_from) == (LEAD, "profile")
    assert trafilatura_reads.urls == []
    assert extract_article(body, URL, {}).lead == SECOND  # without it, the vouched paragraph
