"""What drafter hands the HTML parser (issue 19): whatever the markup, no deeper than the nesting
bound and no more re-opened formatting elements than the budget, with end tags counted only
where they close something; ordinary pages come back as the very same string."""

from __future__ import annotations

import gzip
import json

import pytest
from selectolax.lexbor import LexborHTMLParser

from drafter.decode import decode_html
from drafter.markup import (
    BOUNDS,
    MAX_ELEMENTS,
    MAX_FORMATTING,
    MAX_NESTING,
    MAX_REOPENED,
    flatten_nesting,
    plainly_nested,
)
from tests.conftest import SHARED
from tests.samples import EN_LEAD, article_html, html

CORPUS = SHARED / "corpus"
# The parser's tree may hold what the bounds do not count: html, head, body, an implied
# tbody or p a level, a void element at the bottom, the copies re-opened on the way down.
SLACK = 4 + MAX_FORMATTING


def tree_shape(page: str) -> tuple[int, int]:
    """The depth of the tree lexbor builds from `page`, and its number of elements."""
    deepest, elements = 0, 0
    stack = [(LexborHTMLParser(page).root, 1)]
    while stack:
        node, depth = stack.pop()
        if node is None or not (node.tag or "")[:1].isalpha():
            continue
        elements += 1
        deepest = max(deepest, depth)
        child = node.child
        while child is not None:
            stack.append((child, depth + 1))
            child = child.next
    return deepest, elements


HIDDEN_DEPTH = {
    "end tags that close nothing": "<div></i>" * 5_000,
    "end tags in quoted attributes": '<div title="</div>">' * 5_000,
    "end tags in comments": "<div><!--</div>-->" * 5_000,
    "end tags in scripts": "<div><script>'</div>'</script>" * 5_000,
    "end tags in a script's escaped text": "<div><script><!--<script></div></script>" * 3_000,
    "self-closing syntax, which HTML ignores": "<div/>" * 5_000,
    "self-closing SVG after its end": "<svg></svg><g/>" * 5_000,
    "a select that takes end tags": "<div><select></div></select>" * 5_000,
    "a form closed from the middle": "<form><ul></form>" * 5_000,
    "end tags in capitals in raw text": "<textarea></TEXTAREA><div>" * 5_000,
}


@pytest.mark.parametrize("name", HIDDEN_DEPTH)
def test_no_markup_hides_depth_from_the_bound(name: str) -> None:
    depth, _ = tree_shape(flatten_nesting(HIDDEN_DEPTH[name]))
    assert depth <= MAX_NESTING + SLACK, f"{name}: {depth} deep"


def test_formatting_elements_are_not_reopened_past_the_budget() -> None:
    """Issue 19's page: 500 distinct unclosed <b> before 40,000 paragraphs, 20 million
    elements as written."""
    page = "<p>" + "".join(f"<b id={n}>" for n in range(500)) + "<p>x" * 40_000
    flat = flatten_nesting(page)
    _, elements = tree_shape(flat)
    assert elements <= flat.count("<") + MAX_REOPENED + SLACK
    assert flat.count("<b ") <= MAX_FORMATTING
    assert flat.count("x") == 40_000  # the text stays


def test_copies_past_the_budget_stop_at_a_marker() -> None:
    page = "<p>" + "".join(f"<b id={n}>" for n in range(10)) + "<p>x" * 20_000
    flat = flatten_nesting(page)
    assert "<marquee>" in flat
    _, elements = tree_shape(flat)
    assert elements <= flat.count("<") + MAX_REOPENED + SLACK


def test_start_tags_past_the_element_bound_are_dropped() -> None:
    page = "<span>x</span>" * (MAX_ELEMENTS + 1_000)
    flat = flatten_nesting(page)
    assert flat.count("<span>") == MAX_ELEMENTS
    assert flat.count("x") == MAX_ELEMENTS + 1_000


def test_a_dropped_tag_does_not_join_what_surrounds_it_into_a_tag() -> None:
    page = "<div>" * (MAX_NESTING + 10) + "<<div>b id=1>x"
    flat = flatten_nesting(page)
    assert "<b" not in flat.replace("< b", "")
    assert tree_shape(flat)[0] <= MAX_NESTING + SLACK


ORDINARY = {
    "an article": article_html("Headline", [EN_LEAD, "More words."], site_name="Site"),
    "unclosed paragraphs and list items": html(
        body="<ul>" + "<li><p>item" * 3_000 + "</ul>" + "<p>x" * 2_000
    ),
    "icons in SVG": html(
        body="<a href='/'><svg viewBox='0 0 8 8'><title>Home</title><path d='M0 0h8v8z'/>"
        "<use href='#i'/></svg>Home</a>" * 300
    ),
    "old-style scripts": html(
        body="<script><!--\ndocument.write('<b>x</b>');\n//--></script><p>text</p>" * 300
    ),
    "a table, its cells left open": html(body="<table>" + "<tr><td><b>a</b><td>b" * 500),
    "a stray end tag": html(body="<div><p>text</p></span></div>" * 500),
}


@pytest.mark.parametrize("name", ORDINARY)
def test_ordinary_pages_come_back_as_the_same_string(name: str) -> None:
    assert flatten_nesting(ORDINARY[name]) is ORDINARY[name]


def test_ordinary_pages_take_the_fast_path() -> None:
    """All but the table: cells left open are for the model to follow (it changes nothing)."""
    fast = [name for name, page in ORDINARY.items() if plainly_nested(page, BOUNDS)]
    assert fast == [name for name in ORDINARY if not name.startswith("a table")]
    assert not plainly_nested("<p>x" + "<div>" * 200, BOUNDS)
    assert not plainly_nested(HIDDEN_DEPTH["end tags in quoted attributes"], BOUNDS)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="the development corpus is absent")
def test_real_pages_come_back_as_the_same_string() -> None:
    entries = [
        entry
        for manifest in ("manifest.json", "unseen.json", "wide.json")
        for entry in json.loads((CORPUS / manifest).read_text(encoding="utf-8"))
    ]
    changed, slow = [], []
    for entry in entries:
        data = (CORPUS / entry["file"]).read_bytes()
        if entry["file"].endswith(".gz"):
            data = gzip.decompress(data)
        page = decode_html(data, None)[0]
        if flatten_nesting(page) is not page:
            changed.append(entry["file"])
        if not plainly_nested(page, BOUNDS):
            slow.append(entry["file"])
    assert changed == []
    assert len(slow) <= len(entries) // 10, slow  # the fast path takes nine pages in ten
