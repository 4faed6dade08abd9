"""What drafter check reads off a page, line by line, without fetching anything."""

from __future__ import annotations

from drafter.draft.findings import (
    PageLink,
    body_findings,
    front_matter_findings,
    page_links,
    placeholder_title,
    repeat_findings,
)

PLACEHOLDER = placeholder_title("#{number} Coming Soon")


def kinds(findings: list) -> list[tuple[str, int]]:  # type: ignore[type-arg]
    return [(finding.kind, finding.line) for finding in findings]


def test_the_placeholder_of_any_number_and_a_bad_front_matter() -> None:
    assert kinds(front_matter_findings('---\ntitle: "#27 Coming Soon"\n---\n', PLACEHOLDER)) == [
        ("title", 2)
    ]
    assert front_matter_findings('---\ntitle: "#27 収録"\n---\n', PLACEHOLDER) == []
    toml = '+++\ndate = 2026-11-27\ntitle = "#3 Coming Soon"\n+++\n'
    assert kinds(front_matter_findings(toml, PLACEHOLDER)) == [("title", 3)]
    broken = "---\nfoo: 1\ntitle: a: b\n---\n"
    (finding,) = front_matter_findings(broken, PLACEHOLDER)
    assert finding.kind == "front_matter" and finding.line == 3
    assert kinds(front_matter_findings("---\ntitle: x\n", PLACEHOLDER)) == [("front_matter", 1)]
    assert kinds(front_matter_findings("---\n- a\n---\n", PLACEHOLDER)) == [("front_matter", 2)]
    assert kinds(front_matter_findings("---\ndate: 1\n---\n", PLACEHOLDER)) == [("title", 2)]


def test_an_unclosed_quote_is_found_where_it_opens() -> None:
    runaway = '---\ntitle: x\nsummary: "half\nevent: e\nlocation: ""\ndate: 1\n---\n'
    assert kinds(front_matter_findings(runaway, PLACEHOLDER)) == [("front_matter", 3)]
    to_the_end = "---\ntitle: 'it''s\nsummary: x\n---\n"
    assert kinds(front_matter_findings(to_the_end, PLACEHOLDER)) == [("front_matter", 2)]
    # A quoted value on two lines is YAML: an error after it is reported where it is.
    folded = '---\ntitle: "a\n  b"\nx: [\n---\n'
    (finding,) = front_matter_findings(folded, PLACEHOLDER)
    assert finding.line == 5 and "quote" not in finding.message


def test_a_quote_of_several_paragraphs_is_not_empty() -> None:
    text = "---\ntitle: t\n---\n> one\n>\n> two\n\n> \n>\n\n- \n+ x\n"
    assert kinds(body_findings(text)) == [("empty_quote", 8), ("empty_bullet", 11)]


def test_links_and_repeats_by_line() -> None:
    text = (
        "---\ntitle: t\n---\n## [A](https://a.example/1?utm_source=x)\n\n"
        "* [b](https://b.example/) [a](https://a.example/1)\n"
    )
    assert page_links(text) == [
        PageLink(4, "https://a.example/1", bookmarked=True),  # an article heading's own link
        PageLink(6, "https://b.example/", bookmarked=False),
    ]
    found = repeat_findings(text, {"https://a.example/1": 12, "https://b.example/": 3})
    assert kinds(found) == [("repeat", 4)]  # only article headings count, as when drafting
    assert found[0].message == "episode 12 already covered https://a.example/1"
