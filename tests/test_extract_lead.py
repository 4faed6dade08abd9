"""The lead's own rules: its length limits cut at a sentence end, and what is never a lead."""

from __future__ import annotations

import pytest

from drafter.extract.article import extract_article
from drafter.extract.lead import cut_lead, junk_reason
from tests.samples import EN_LEAD, JA_LEAD, html


def test_lead_limits_cut_at_a_sentence_end() -> None:
    long_ja = JA_LEAD * 5
    got = extract_article(
        html(title="t", body=f"<article><p>{long_ja}</p></article>").encode(),
        "https://example.jp/long",
        {},
    )
    assert got.lead is not None
    assert len(got.lead) <= 200 and got.lead.endswith("。")
    long_en = " ".join([EN_LEAD] * 5)
    got = extract_article(
        html(title="t", body=f"<article><p>{long_en}</p></article>").encode(),
        "https://example.com/long",
        {},
        lead_max_en=300,
    )
    assert got.lead is not None
    assert len(got.lead) <= 300 and got.lead.endswith(".")


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("短い。", 200, "短い。"),
        ("一文目です。二文目です。三文目です。", 13, "一文目です。二文目です。"),
        ("First one. Second one here.", 20, "First one."),
        ("No sentence end anywhere in this rather long line", 20, "No sentence end…"),
    ],
)
def test_cut_lead(text: str, limit: int, expected: str) -> None:
    assert cut_lead(text, limit) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("By Jane Doe", "byline"),
        ("文：山田太郎", "byline"),
        ("2024年3月4日 12:00 公開", "dateline"),
        ("Updated March 3, 2024 at 10:15 am", "dateline"),
        ("拡大画像表示", "caption"),
        ("トップ > ニュース > クラウド", "breadcrumb"),
        ("関連記事", "related"),
        ("This article was originally published on Example.", "original"),
        ("続きを読むには会員登録が必要です。", "paywall"),
        ("© Provided by Sample Corp", "caption"),
        ("この日記の内容は個人の意見であり、所属する組織とは一切関係ありません。", "disclaimer"),
        ("The views expressed here are my own.", "disclaimer"),
        ("Editor's note: this story was updated on Friday.", "editor's note"),
        ("【追記】価格を修正しました。", "editor's note"),
        ("This story is part of Sample Week, our series on databases.", "editor's note"),
        # a long paragraph that mentions logging in is the article's, not a paywall prompt
        ("地図のサービスを使うとき、あなたはアカウントにログインしてから検索します。" * 10, None),
        (JA_LEAD, None),
        (EN_LEAD, None),
    ],
)
def test_junk_reasons(text: str, reason: str | None) -> None:
    assert junk_reason(text) == reason
