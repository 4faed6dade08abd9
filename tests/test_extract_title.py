"""The headline by agreement, over small pages written for each rule: what the page's title
forms and headings share is the headline, and what they do not share is cut only when it
reads as a site or section name, a date, a credit, a label or a sub-headline."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from drafter.extract.article import extract_article
from tests.samples import EN_LEAD, JA_LEAD, html, og

JA_HED = "指紋でサインインできるマウスを発売"
EN_HED = "Sample 2.0 ships with a new query planner"


@dataclass(frozen=True)
class Case:
    name: str
    page: str
    title: str
    title_from: str  # the provenance, exactly
    url: str = "https://www.example.co.jp/news/1.html"


def page(
    *, title: str | None = None, head: str = "", heading: str = "", lead: str = JA_LEAD
) -> str:
    return html(title=title, head=head, body=f"<article>{heading}<p>{lead}</p></article>")


CASES = [
    Case(
        "a company name after a bar: not the site's known name, but it names a company",
        page(head=og("og:title", f"{JA_HED}。 | サンプル株式会社"), heading=f"<h1>{JA_HED}</h1>"),
        JA_HED,
        'h1, cut "。 | サンプル株式会社" (site name)',
    ),
    Case(
        "a blog's name before a bar, the h2 showing the headline without it",
        page(
            title=f"Jane's Notes | {EN_HED}",
            heading=f"<h2>{EN_HED}</h2>",
            lead=EN_LEAD,
        ),
        EN_HED,
        'h2, cut "Jane\'s Notes |" (site name)',
        "https://jane.example.net/2026/sample",
    ),
    Case(
        "a bullet before the site's name",
        page(title=f"{EN_HED} • The Example", heading=f"<h1>{EN_HED}</h1>", lead=EN_LEAD),
        EN_HED,
        'h1, cut "• The Example" (site name)',
        "https://www.theexample.com/2026/sample",
    ),
    Case(
        "a section trail: section, then author",
        page(title=f"{EN_HED} | Code | Jane Doe", heading=f"<h2>{EN_HED}</h2>", lead=EN_LEAD),
        EN_HED,
        'h2, cut "| Code | Jane Doe" (section name, site name)',
        "https://jane.example.net/code/sample",
    ),
    Case(
        "section names after full-width colons",
        page(title=f"{JA_HED}：経済：ニュース", heading=f"<h1>{JA_HED}</h1>"),
        JA_HED,
        'h1, cut "：経済：ニュース" (section name, site name)',
    ),
    Case(
        "a date in brackets and the site's name (og:site_name)",
        page(
            head=og("og:title", f"{JA_HED}（2020年2月15日）｜サンプルニュース")
            + og("og:site_name", "サンプルニュース"),
            heading=f"<h1>{JA_HED}</h1>",
        ),
        JA_HED,
        'h1, cut "（2020年2月15日）｜サンプルニュース" (date, site name)',
    ),
    Case(
        "a date after a bar is cut even with no heading to vouch",
        page(title=f"{JA_HED} | 2020/02/15"),
        JA_HED,
        'title tag, cut "| 2020/02/15" (date)',
    ),
    Case(
        "a photo credit in brackets",
        page(title=f"{EN_HED} (Photo: Sample Corp)", heading=f"<h1>{EN_HED}</h1>", lead=EN_LEAD),
        EN_HED,
        'h1, cut "(Photo: Sample Corp)" (credit)',
    ),
    Case(
        "a series label in lenticular brackets",
        page(
            head=og("og:title", f"【山田太郎の不定期コラム】 {JA_HED}"),
            heading=f"<p class='corner'>山田太郎の不定期コラム</p><h1>{JA_HED}</h1>",
        ),
        JA_HED,
        'h1, cut "【山田太郎の不定期コラム】" (label)',
    ),
    Case(
        "a sub-headline the title joins on is one the page shows as a heading",
        page(
            head=og("og:title", f"{JA_HED}／価格は税込5,980円、3月上旬に出荷"),
            heading=f"<h1>{JA_HED}</h1><h2>価格は税込5,980円、3月上旬に出荷</h2>",
        ),
        JA_HED,
        'h1, cut "／価格は税込5,980円、3月上旬に出荷" (sub-headline)',
    ),
    Case(
        "a <title> that only names the site: the h2 under the logo h1 is the headline",
        page(
            title="NPO日本サンプル協会",
            heading=f"<h1><img alt='logo'>NPO日本サンプル協会</h1><h2>{JA_HED}</h2>",
        ),
        JA_HED,
        "h2",
    ),
    Case(
        "a logo h1 above the article's own h1",
        page(
            title=f"{EN_HED} - Sample Weekly",
            head=og("og:site_name", "Sample Weekly"),
            heading=f"<h1>Sample Weekly</h1><h1>{EN_HED}</h1>",
            lead=EN_LEAD,
        ),
        EN_HED,
        'h1, cut "- Sample Weekly" (site name)',
    ),
    Case(
        "a book's name in a menu-bar heading above the chapter's own h1",
        page(
            title="Build Cache - The Sample Book",
            heading="<div id='menu-bar'><h1 class='menu-title'>The Sample Book</h1></div>"
            "<main><h1 id='build-cache'><a href='#build-cache'>Build Cache</a></h1></main>",
            lead=EN_LEAD,
        ),
        "Build Cache",
        'h1, cut "- The Sample Book" (site name)',
        "https://doc.example.org/book/build-cache.html",
    ),
    Case(
        "a masthead h1 the title names after the section's h2 (with its permalink)",
        page(
            title="Util | Sample v20 Documentation",
            heading="<h1>Sample v20 documentation</h1><h2>Util<a href='#util'>#</a></h2>",
            lead=EN_LEAD,
        ),
        "Util",
        'h2, cut "| Sample v20 Documentation" (site name)',
        "https://docs.example.org/api/util.html",
    ),
    Case(
        "a heading that is a link to the site's home page names the site",
        page(
            title=f"{EN_HED} · Jane Doe's Notebook",
            heading="<h1><a href='/'>Jane Doe's Notebook</a></h1>" + f"<h2>{EN_HED}</h2>",
            lead=EN_LEAD,
        ),
        EN_HED,
        'h2, cut "· Jane Doe\'s Notebook" (site name)',
        "https://jane.example.net/posts/sample",
    ),
    Case(
        "a line break inside the heading reads as a space",
        page(
            head=og("og:title", "Sample 2.0 ships | Example News"),
            heading="<h1>Sample 2.0<br>ships</h1>",
            lead=EN_LEAD,
        ),
        "Sample 2.0 ships",
        'h1, cut "| Example News" (site name)',
        "https://www.example-news.com/sample",
    ),
    Case(
        "no heading vouches, but the page's link home names the site",
        page(title=f"{EN_HED} | Jane's Notebook", heading="<a href='/'>Jane's Notebook</a>"),
        EN_HED,
        'title tag, cut "| Jane\'s Notebook" (site name)',
        "https://janedoe.example.dev/posts/sample",
    ),
    Case(
        "no heading vouches, but the alt text of the logo linking home names the site",
        page(
            title=f"{JA_HED} - サンプル通信",
            heading="<a href='https://news.example.jp/'>"
            "<img src='logo.png' alt='サンプル通信'></a>",
        ),
        JA_HED,
        'title tag, cut "- サンプル通信" (site name)',
        "https://news.example.jp/articles/1",
    ),
    Case(
        "a shortened og:title: the h1 shows the whole headline",
        page(
            head=og("og:title", "Sample 2.0 ships with a new query"),
            heading=f"<h1>{EN_HED}</h1>",
            lead=EN_LEAD,
        ),
        EN_HED,
        "h1 (og:title shortened)",
    ),
    Case(
        "a ':' and a '-' the heading shows stay",
        page(
            head=og("og:title", "Rust 2.0: what's new - and what's gone | Example News"),
            heading="<h1>Rust 2.0: what's new - and what's gone</h1>",
            lead=EN_LEAD,
        ),
        "Rust 2.0: what's new - and what's gone",
        'h1, cut "| Example News" (site name)',
        "https://www.example-news.com/rust-2",
    ),
    Case(
        "a kicker heading is not the headline: what is left of the title is no name",
        page(
            head=og("og:title", "Review: the Sample phone gets almost everything right"),
            heading="<h1>Review</h1>",
            lead=EN_LEAD,
        ),
        "Review: the Sample phone gets almost everything right",
        "og:title",
    ),
    Case(
        "<title> and h1 are the host's name and one word more: a club's name, not the headline",
        page(
            title="Lakeside Astronomy Club",
            heading="<h1>Lakeside Astronomy Club</h1><h2>Comet night moved to the 14th</h2>",
            lead=EN_LEAD,
        ),
        "Comet night moved to the 14th",
        "h2",
        "http://www.lakeside-astronomy.example/news/comet.html",
    ),
    Case(
        "a headline that begins with the host's name says more than a word after it",
        page(head=og("og:title", "Sample raises $40M"), heading="<h1>Sample raises $40M</h1>"),
        "Sample raises $40M",
        "h1",
        "https://www.sample.com/news/funding",
    ),
    Case(
        "no heading: the page shows the headline as a bold line, the band's name after it goes",
        html(
            title=f"{JA_HED} - サンプル市民吹奏楽団",
            body=f"<table><tr><td><font size='+1'><b>{JA_HED}</b></font><br>{JA_LEAD}</td></tr>"
            "</table>",
        ),
        JA_HED,
        'title tag (a line of the page), cut "- サンプル市民吹奏楽団" (site name)',
    ),
    Case(
        "no heading: a line showing a short part of the title leaves the title whole",
        html(
            title="Sample 2.0: what's new in the query planner",
            body=f"<div><b>Sample 2.0</b></div><p>{EN_LEAD}</p>",
        ),
        "Sample 2.0: what's new in the query planner",
        "title tag",
    ),
    Case(
        "a badge set inside the heading, that the title shows the headline without",
        page(
            title=f"{JA_HED} | ニュース | サンプル株式会社",
            heading=f"<h2>{JA_HED}<span class='icon'>NEW</span></h2>",
        ),
        JA_HED,
        "h2 less 'NEW'",
    ),
    Case(
        "a shortened title, the heading's rest plain text: the heading is the headline",
        page(
            head=og("og:title", "City to cap weekly fares at $25"),
            heading="<h1>City to cap weekly fares at $25, with <em>free</em> transfers</h1>",
            lead=EN_LEAD,
        ),
        "City to cap weekly fares at $25, with free transfers",
        "h1 (og:title shortened)",
    ),
    Case(
        "nothing vouches: a short prefix before a colon stays",
        page(head=og("og:title", "Weekly notes: the Sample phone gets a new camera")),
        "Weekly notes: the Sample phone gets a new camera",
        "og:title",
    ),
    Case(
        "the JSON-LD headline agrees with the h1 where the <title> only names the site",
        page(
            title="Sample Weekly",
            head='<script type="application/ld+json">{"@graph": [{"@type": "NewsArticle", '
            f'"headline": "{EN_HED} &amp; more"}}]}}</script>',  # escaped twice: in HTML, in JSON
            heading=f"<h1>{EN_HED} &amp; more</h1>",
            lead=EN_LEAD,
        ),
        f"{EN_HED} & more",
        "h1",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_headline(case: Case) -> None:
    got = extract_article(case.page.encode(), case.url, {})
    assert (got.title, got.title_from) == (case.title, case.title_from)


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_the_profiles_do_not_decide_it(case: Case) -> None:
    """None of these sites has a profile: the generic rules read them, on or off."""
    on = extract_article(case.page.encode(), case.url, {})
    off = extract_article(case.page.encode(), case.url, {}, use_profiles=False)
    assert (on.title, on.title_from) == (off.title, off.title_from)


def test_a_syndicated_page_credits_its_provider_from_what_the_title_cut() -> None:
    """Yahoo!ニュース (a profile that syndicates) labels by the credit the headline lost."""
    hed = "見出しの記事"
    body = page(
        head=og("og:title", f"{hed}（サンプル通信） - Yahoo!ニュース"),
        heading=f"<h1>{hed}</h1>",
    )
    got = extract_article(body.encode(), "https://news.yahoo.co.jp/articles/abc", {})
    assert (got.title, got.source) == (hed, "サンプル通信")
