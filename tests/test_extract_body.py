"""The lead in document order, over small pages written for each rule: the first prose
paragraph after the headline, passing over what markup or text says is not the body."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from selectolax.lexbor import LexborHTMLParser

from drafter.extract.article import extract_article
from drafter.extract.body import blocks_after, first_paragraph
from drafter.profiles import SiteProfile
from tests.samples import EN_LEAD, JA_LEAD, html

HED = "Sample 2.0 ships"
DEK = "The database's second major release is its fastest yet, and its smallest."
SECOND = (
    "The release also brings a new storage engine, which the company says halves the disk "
    "space that large tables take."
)
WALKED = "first paragraph after the headline"
URL = "https://news.example.org/2026/11/sample.html"


def page(article: str, *, description: str | None = None, after: str = "") -> bytes:
    """`article` follows the headline's h1 unless it holds the h1 itself."""
    head = f'<meta name="description" content="{description}">' if description else ""
    headline = "" if "<h1>" in article else f"<h1>{HED}</h1>"
    body = f"<article>{headline}{article}</article>{after}"
    return html(title=f"{HED} | Example", head=head, body=body).encode()


@dataclass(frozen=True)
class Case:
    name: str
    article: str
    lead: str
    skipped: str = ""  # ", skipped …" in the provenance, as it must read
    description: str | None = None


CASES = [
    Case("the first paragraph", f"<p>{EN_LEAD}</p><p>{SECOND}</p>", EN_LEAD),
    Case(
        "a standfirst by its class",
        f"<p class='article-dek'>{DEK}</p><p>{EN_LEAD}</p>",
        EN_LEAD,
        ", skipped standfirst",
    ),
    Case(
        "a standfirst in the headline's own header, repeated by the description",
        f"<header><h1>{HED}</h1><p>{DEK}</p></header><p>{EN_LEAD}</p><p>{SECOND}</p>",
        EN_LEAD,
        ", skipped standfirst",
        DEK,
    ),
    Case(
        "prose that a byline follows is a standfirst",
        f"<p>{DEK} It is out today.</p><p>By Jane Doe</p><p>{EN_LEAD}</p>",
        EN_LEAD,
        ", skipped standfirst, byline",
    ),
    Case(
        "a byline by its class, and a dateline",
        f"<div class='post-byline'>Jane Doe</div><p>March 3, 2026</p><p>{EN_LEAD}</p>",
        EN_LEAD,
        ", skipped byline, dateline",
    ),
    Case(
        "'Posted by' in the first paragraph of the body",
        f"<div class='post-body'><p>Posted by Jane Doe, Engineer</p><p>{EN_LEAD}</p></div>",
        EN_LEAD,
        ", skipped byline",
    ),
    Case(
        "a 文＝ byline set in bold at the paragraph's start",
        f"<p><b>文＝山田太郎</b>{JA_LEAD}</p>",
        JA_LEAD,
        ", skipped byline",
    ),
    Case(
        "a figure and its caption, a credit glued into the paragraph",
        f"<figure><img src='a.jpg'><figcaption>The Sample 2.0 console.</figcaption></figure>"
        f"<p><span><img src='b.jpg'><span>© Provided by Sample Corp</span></span>{EN_LEAD}</p>",
        EN_LEAD,
        ", skipped caption",
    ),
    Case(
        "a photo box whose caption is a paragraph of its own",
        "<div class='article-photo'><img src='a.jpg'><p>The Sample 2.0 console on show in "
        f"Tokyo on Tuesday, where the company unveiled it.</p></div><p>{EN_LEAD}</p>",
        EN_LEAD,
    ),
    Case(
        "a gallery line of links, and a gallery link inside the paragraph",
        "<p><a href='/g'>See all 12 photos of the Sample 2.0 launch</a></p>"
        f"<p>{EN_LEAD} <a class='gallery-link' href='/g'>Gallery</a></p>",
        EN_LEAD,
    ),
    Case(
        "a pull-quote heading and a blockquote before the body",
        "<h2>“It is the fastest release we have ever shipped,” the company said.</h2>"
        f"<blockquote><p>{DEK}</p></blockquote><p>{EN_LEAD}</p>",
        EN_LEAD,
        ", skipped pull quote",
    ),
    Case(
        "a table's label cell is not prose; its prose cell is",
        f"<table><tr><th>概要</th><td>{JA_LEAD}</td></tr><tr><th>影響</th><td>なし</td></tr>"
        "</table>",
        JA_LEAD,
        ", skipped label",
    ),
    Case(
        "the description repeats the dek: it does not make the dek the lead",
        f"<div class='subtitle'>{DEK}</div><p>{EN_LEAD}</p>",
        EN_LEAD,
        ", skipped standfirst",
        DEK,
    ),
    Case(
        "a new section ends the search: the next section's byline is not this paragraph's",
        f"<p>{EN_LEAD}</p><h2>Another story</h2><p>By Jane Doe</p><p>{SECOND}</p>",
        EN_LEAD,
    ),
    Case(
        "a writer's disclaimer above the entries",
        "<p>この日記の内容は個人の意見であり、所属する組織とは一切関係ありません。</p>"
        f"<h2>2026-03-04</h2><p>{JA_LEAD}</p>",
        JA_LEAD,
        ", skipped disclaimer",
    ),
    Case(
        "a standfirst and a byline named by data attributes, the author in <address>",
        f"<div data-gu-name='standfirst'><p>{DEK}</p></div>"
        "<address><a rel='author' href='/jane'>Jane Doe</a></address>"
        f"<div data-component='text-block'><p>{EN_LEAD}</p></div>",
        EN_LEAD,
        ", skipped standfirst, byline",
    ),
    Case(
        "a standfirst named by any data attribute that names parts (data-qa)",
        f"<p data-qa='article-subheadline'>{DEK}</p><p>{EN_LEAD}</p>",
        EN_LEAD,
        ", skipped standfirst",
    ),
    Case(
        "a data attribute that holds a URL names nothing",
        f"<div data-src='/img/author-byline-photo.jpg'><p>{EN_LEAD}</p></div>",
        EN_LEAD,
    ),
    Case(
        "a sidebar by its ARIA role",
        f"<div role='complementary'><p>{DEK} Read our newsletter every Friday.</p></div>"
        f"<p>{EN_LEAD}</p>",
        EN_LEAD,
    ),
    Case(
        "a disclosure widget's label is not glued to the text it opens",
        f"<details open><summary>Expand description</summary><p>{EN_LEAD}</p></details>",
        EN_LEAD,
    ),
    Case(
        "an editor's note before the body",
        f"<p><em>Editor's note: this story was updated with the company's comment.</em></p>"
        f"<p>{EN_LEAD}</p>",
        EN_LEAD,
        ", skipped editor's note",
    ),
    Case(
        "a note that the story belongs to a series",
        "<p><em>This story is part of Sample Week, our series on databases and the people who "
        f"build them.</em></p><p>{EN_LEAD}</p>",
        EN_LEAD,
        ", skipped editor's note",
    ),
    Case(
        "a note that the post is a day of an Advent Calendar",
        f"<p>この記事はサンプル Advent Calendar 2025 の3日目の記事です。</p><p>{JA_LEAD}</p>",
        JA_LEAD,
        ", skipped editor's note",
    ),
    Case(
        "a note that the post is an Advent Calendar entry, in English",
        "<p>This post is day 12 of the Sample Advent Calendar, a post a day until Christmas."
        f"</p><p>{EN_LEAD}</p>",
        EN_LEAD,
        ", skipped editor's note",
    ),
    Case(
        "a pull quote set bold at the start of the first paragraph",
        f"<p><strong>「これまでで最速のリリースだ」</strong>{JA_LEAD}</p>",
        JA_LEAD,
        ", skipped pull quote",
    ),
    Case(
        "one paragraph and a dateline after it: it is the lead after all",
        f"<p>{EN_LEAD}</p><p>2026年3月4日 10:00</p>",
        EN_LEAD,
        ", skipped dateline",
    ),
    Case(
        "a byline told by its markup (an element named author, a <time>), the dek above it",
        f"<p>{DEK}</p><div class='info'><span class='info-author'>Jane Doe</span> Example "
        f"News <time>2026.03.03</time></div><p>{EN_LEAD}</p>",
        EN_LEAD,
        ", skipped standfirst, byline",
    ),
    Case(
        "a <time> inside a sentence leaves the paragraph prose",
        f"<p>{EN_LEAD} It ships on <time>March 3</time>.</p>",
        f"{EN_LEAD} It ships on March 3.",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_lead_in_document_order(case: Case) -> None:
    got = extract_article(page(case.article, description=case.description), URL, {})
    assert got.lead == case.lead
    assert got.lead_from == WALKED + case.skipped


def test_the_walk_ends_with_the_article() -> None:
    """Past the article are other stories: a paywalled article's teaser box is not followed
    into the next story's summary; the description stands in."""
    article = f"<p class='standfirst'>{DEK}</p><p>Subscribe to continue reading.</p>"
    after = f"<section><h2>More stories</h2><p>{SECOND}</p></section>"
    got = extract_article(page(article, description=EN_LEAD, after=after), URL, {})
    assert (got.lead, got.lead_from) == (EN_LEAD, "description (the article is behind a paywall)")


def test_a_dek_then_a_byline_then_the_paywall_takes_the_description() -> None:
    """The body is not there: the publisher's summary of it stands in, not the dek."""
    article = f"<p>{DEK}</p><p>By Jane Doe</p><p>この記事は有料会員限定です。</p>"
    got = extract_article(page(article, description=EN_LEAD), URL, {})
    assert (got.lead, got.lead_from) == (EN_LEAD, "description (the article is behind a paywall)")


def test_a_dek_and_a_byline_with_no_paywall_keep_the_dek() -> None:
    """Nothing says the body is missing: the only paragraph there is is the lead."""
    got = extract_article(page(f"<p>{DEK}</p><p>By Jane Doe</p>", description=EN_LEAD), URL, {})
    assert got.lead == DEK


def test_a_javascript_shell_takes_the_description() -> None:
    got = extract_article(page("<div id='app'></div>", description=EN_LEAD), URL, {})
    assert (got.lead, got.lead_from) == (EN_LEAD, "description")


def test_the_walk_is_bounded_on_a_hostile_page() -> None:
    """Thousands of furniture boxes and lines after the headline: the walk reads a bounded
    number of blocks and measures a bounded number of boxes, then gives up."""
    boxes = "<div class='meta'>" + "<span>x</span>" * 50 + "</div>"
    body = f"<article><h1>{HED}</h1>{boxes * 3000}{'<p>short</p>' * 3000}<p>{EN_LEAD}</p></article>"
    tree = LexborHTMLParser(html(title=HED, body=body))
    heading = tree.css_first("h1")
    assert heading is not None
    lead = first_paragraph(blocks_after(heading), HED)
    assert lead.text is None  # the lead past the bound is not reached


@pytest.mark.parametrize(
    "inside",
    [
        "<div>" * 5000 + f"<p>{EN_LEAD}</p>" + "</div>" * 5000,  # past Python's recursion limit
        "<p>" + "<span> </span>" * 20000 + f"{EN_LEAD}</p>",  # a line built of many pieces
    ],
    ids=["deep nesting", "many inline elements"],
)
def test_hostile_markup_keeps_headline_and_lead(inside: str) -> None:
    got = extract_article(page(inside), URL, {})
    assert (got.title, got.lead) == (HED, EN_LEAD)


def test_hostile_nesting_on_the_fallback_path() -> None:
    """No heading shows the headline: the fallback's own block reader is bounded too."""
    nested = "<div>" * 5000 + f"<p>{EN_LEAD}</p>" + "</div>" * 5000
    body = f"<main><div class='hed'>{HED}</div>{nested}</main>"
    got = extract_article(html(title=f"{HED} | Example", body=body).encode(), URL, {})
    assert (got.title, got.lead) == (HED, EN_LEAD)


def test_a_profile_never_drops_the_heading_the_walk_starts_from() -> None:
    """A site's drop selectors that hold the headline's heading leave it in place."""
    own = SiteProfile(
        name="own", hosts=("news.example.org",), label="Example", drop_selectors=("header",)
    )
    article = f"<header><h1>{HED}</h1><p>{DEK}</p></header><p>{EN_LEAD}</p>"
    got = extract_article(page(article), URL, {}, profiles=(own,))
    assert (got.title, got.lead, got.source) == (HED, EN_LEAD, "Example")
