"""What a piece of a title reads as: by its words (no heading needed), or by its shape (only
when a heading vouches that the headline goes without it)."""

from __future__ import annotations

import pytest

from drafter.extract.decoration import (
    firm_reason,
    is_date,
    side_cuts,
    split_pieces,
    strip_firm,
)
from drafter.extract.sites import name_key

BRANDS = (name_key("Example News"), name_key("example"), name_key("example.com"))


@pytest.mark.parametrize(
    ("piece", "reason"),
    [
        ("Example News", "site name"),
        ("EXAMPLE.COM", "site name"),
        ("Example News Blog", "site name"),  # begins with a name of the site
        ("サンプル株式会社", "site name"),
        ("Sample Holdings Inc.", "site name"),
        ("（2020年2月15日）", "date"),
        ("2020/02/15", "date"),
        ("March 26, 2015", "date"),
        ("(2/3)", "page marker"),
        ("(写真：共同)", "credit"),
        ("(Photo: Sample Corp)", "credit"),
        ("Code", None),  # a section's name is told by its shape only
        ("阪南大学", None),
        ("what's new - and what's gone", None),
        ("【西川和久の不定期コラム】", None),
    ],
)
def test_firm_reason(piece: str, reason: str | None) -> None:
    assert firm_reason(piece, BRANDS) == reason


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("2月15日（土）7時0分", True),
        ("2020年2月", True),
        ("2019 in Kansai", False),
        ("v2.0", False),
    ],
)
def test_is_date(text: str, date: bool) -> None:
    assert is_date(text) is date


def test_split_pieces_sets_brackets_apart() -> None:
    assert split_pieces("【特集】本文の一部（写真：共同）| Code") == [
        "【特集】",
        "本文の一部",
        "（写真：共同）",
        "Code",
    ]


HEADLINE = "Sample 2.0 ships with a new query planner"


@pytest.mark.parametrize(
    ("side", "before", "vouched", "reasons"),
    [
        (" | Code | Jane Doe", False, True, ["section name", "site name"]),
        ("Jane's Notes | ", True, True, ["site name"]),
        ("【コラム】", True, True, ["label"]),
        (" (Sample Wire)", False, True, ["credit"]),
        # the same shapes, nobody vouching: nothing is cut
        (" | Code | Jane Doe", False, False, None),
        ("【コラム】", True, False, None),
        # a sentence is never a name, vouched or not
        (": the planner is twice as fast. Upgrade now", False, True, None),
        # a "name" as long as the headline is the headline
        (" | A name every bit as long as the headline is", False, True, None),
        ("。 ", False, True, []),  # punctuation alone: nothing to cut
        (" ▶ Jane's Notes", False, True, ["site name"]),  # a symbol before the name
    ],
)
def test_side_cuts(side: str, before: bool, vouched: bool, reasons: list[str] | None) -> None:
    cuts = side_cuts(side, BRANDS, vouched=vouched, before=before, headline_chars=len(HEADLINE))
    assert (None if cuts is None else [cut.reason for cut in cuts]) == reasons


@pytest.mark.parametrize(
    ("title", "kept"),
    [
        (
            "Rust 2.0: what's new - and what's gone | Example News",
            "Rust 2.0: what's new - and what's gone",
        ),
        ("Example News: Rust 2.0 ships", "Rust 2.0 ships"),
        ("見出し（2020年2月15日）｜Example News", "見出し"),
        ("見出し（阪南大学）", "見出し（阪南大学）"),  # a name in brackets that is no credit stays
        ("見出し | Code | Jane Doe", "見出し | Code | Jane Doe"),  # shapes alone: kept
        # a trail that the site's name ends: its sections go with it, across bars only
        ("Headline text here | Politics | Example News", "Headline text here"),
        ("Example News | Politics | Headline text here", "Headline text here"),
        ("Headline text here - Politics - Example News", "Headline text here - Politics"),
        ("Apple | Samsung showdown heats up", "Apple | Samsung showdown heats up"),
        # before a colon, only the site's own name goes: a company's begins a headline
        (
            "Sample Holdings Inc.: record quarter, again",
            "Sample Holdings Inc.: record quarter, again",
        ),
        ("Example News: Rust 2.0 ships", "Rust 2.0 ships"),
        # any spaced symbol separates, whichever a site picked
        ("Headline text here ✩ Example News", "Headline text here"),
        ("Headline text here ◆ Example News", "Headline text here"),
        ("Example News ♪ Headline text here", "Headline text here"),
        ("Headline text here ❖ Example News", "Headline text here"),
        ("Rust ★5 review", "Rust ★5 review"),  # unspaced: part of the headline
    ],
)
def test_strip_firm_keeps_what_its_words_do_not_condemn(title: str, kept: str) -> None:
    assert strip_firm(title, BRANDS)[0] == kept


@pytest.mark.parametrize(
    ("side", "before", "heading", "reasons"),
    [
        # a short headline before its docs' name: the name may be the longer, after it
        (" — Sample 2.0 documentation", False, True, ["site name"]),
        # before the headline a longer "name" is a kicker's headline, not decoration
        ("Sample 2.0 documentation — ", True, True, None),
        # a line of the page vouches less than a heading: the guard stays
        (" — Sample 2.0 documentation", False, False, None),
    ],
)
def test_a_name_after_a_short_headline(
    side: str, before: bool, heading: bool, reasons: list[str] | None
) -> None:
    cuts = side_cuts(
        side,
        BRANDS,
        vouched=True,
        before=before,
        headline_chars=len("Configuration"),
        heading=heading,
    )
    assert (None if cuts is None else [cut.reason for cut in cuts]) == reasons
