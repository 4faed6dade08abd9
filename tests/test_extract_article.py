"""extract_article over small pages written for the purpose, each beside what it must give."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from drafter.extract.article import extract_article
from tests.samples import EN_LEAD, JA_LEAD, html, og


@dataclass(frozen=True)
class Case:
    name: str
    page: str
    url: str
    title: str | None
    lead: str | None  # the lead must start with this
    label: str | None
    encoding: str = "utf-8"
    headers: dict[str, str] = field(default_factory=dict)


ARTICLE = f"<article><h1>見出し</h1><p>{JA_LEAD}</p><p>二段落目の本文です。</p></article>"

CASES = [
    Case(
        "publickey: suffix, dateline outside the paragraph",
        html(
            title="AWS、新サービスを発表。サーバレスで動く - Publickey",
            body="<div id='maincol'><div class='entrybody'>2024年3月4日<br>"
            f"<p>{JA_LEAD}</p></div></div>",
        ),
        "https://www.publickey1.jp/blog/24/aws.html",
        "AWS、新サービスを発表。サーバレスで動く",
        JA_LEAD,
        "Publickey",
    ),
    Case(
        "shift_jis page declared in meta",
        html(
            title="新サービスの提供開始｜日経クロステック（xTECH）",
            charset="Shift_JIS",
            body=ARTICLE,
        ),
        "https://xtech.nikkei.com/atcl/nxt/news/24/00001/",
        "新サービスの提供開始",
        JA_LEAD,
        "日経XTECH",
        encoding="cp932",
    ),
    Case(
        "euc-jp page declared in the header only",
        html(title="新サービスの提供開始", charset=None, body=ARTICLE),
        "https://example.jp/news/1",
        "新サービスの提供開始",
        JA_LEAD,
        "Example",
        encoding="euc_jp",
        headers={"content-type": "text/html; charset=EUC-JP"},
    ),
    Case(
        "iso-2022-jp page",
        html(title="新サービスの提供開始", charset="ISO-2022-JP", body=ARTICLE),
        "https://example.jp/news/2",
        "新サービスの提供開始",
        JA_LEAD,
        "Example",
        encoding="iso2022_jp",
    ),
    Case(
        "meta says Shift_JIS, header says nothing, bytes are UTF-8",
        html(title="新サービスの提供開始", charset="Shift_JIS", body=ARTICLE),
        "https://www.example.co.jp/news/3",
        "新サービスの提供開始",
        JA_LEAD,
        "Example",
        headers={"content-type": "text/html"},
    ),
    Case(
        "header says Shift_JIS, meta says UTF-8, bytes are UTF-8",
        html(title="新サービスの提供開始", body=ARTICLE),
        "https://www.example.co.jp/news/4",
        "新サービスの提供開始",
        JA_LEAD,
        "Example",
        headers={"content-type": "text/html; charset=Shift_JIS"},
    ),
    Case(
        "no declaration anywhere",
        html(title="新サービスの提供開始", charset=None, body=ARTICLE),
        "https://example.net/a",
        "新サービスの提供開始",
        JA_LEAD,
        "Example",
    ),
    Case(
        "numeric references and name=/value= og tags (saved-fixture form)",
        html(
            title="x",
            head='<meta name="og:title" value="&#x65B0;&#x6A5F;&#x80FD;&#x306E;&#x767A;&#x8868;">'
            '<meta name="og:site_name" value="&#x30B5;&#x30F3;&#x30D7;&#x30EB;">',
            body="<article><p>&#x65B0;&#x6A5F;&#x80FD;&#x3092;&#x767A;&#x8868;&#x3057;&#x307E;"
            "&#x3057;&#x305F;&#x3002;&#x8A73;&#x7D30;&#x306F;&#x672C;&#x6587;&#x3092;&#x3054;"
            "&#x89A7;&#x304F;&#x3060;&#x3055;&#x3044;&#x3002;</p></article>",
        ),
        "https://blog.example.org/post",
        "新機能の発表",
        "新機能を発表しました。詳細は本文をご覧ください。",
        "サンプル",
    ),
    Case(
        "a headline with ':' and '-' keeps them; only the site name goes",
        html(
            title="ignored",
            head=og("og:title", "Rust 2.0: what's new - and what's gone | Example News")
            + og("og:site_name", "Example News"),
            body=f"<article><p>{EN_LEAD}</p></article>",
        ),
        "https://www.example-news.com/rust-2",
        "Rust 2.0: what's new - and what's gone",
        EN_LEAD,
        "Example News",
    ),
    Case(
        "a site prefix goes, a colon in the headline stays",
        html(
            title="Example Blog: Leader spotlight: Jane Doe",
            body=f"<main><h1>Leader spotlight: Jane Doe</h1><p>{EN_LEAD}</p></main>",
        ),
        "https://blog.example.com/jane",
        "Leader spotlight: Jane Doe",
        EN_LEAD,
        "Example Blog",
    ),
    Case(
        "bylines, datelines, captions and share rows are skipped",
        html(
            title="Sample 2.0 ships - Example",
            body="<article><p>By Jane Doe</p><p>March 3, 2024 10:15 am</p>"
            "<p>Photo: Sample Corp</p><p>Click to enlarge</p><p>Share this article</p>"
            f"<p>{EN_LEAD}</p></article>",
        ),
        "https://example.com/sample-2",
        "Sample 2.0 ships",
        EN_LEAD,
        "Example",
    ),
    Case(
        "japanese furniture: 拡大画像表示, 写真：, 原文へのリンク, the headline repeated",
        html(
            title="新サービスの提供開始",
            body="<article><p>新サービスの提供開始</p><p>原文(投稿日：2024/03/01)へのリンク</p>"
            "<p>写真：サンプル社提供</p><p>拡大画像表示</p>"
            f"<p>2024年3月4日 12:00</p><p>{JA_LEAD}</p></article>",
        ),
        "https://example.jp/news/5",
        "新サービスの提供開始",
        JA_LEAD,
        "Example",
    ),
    Case(
        "a site description in the sidebar is not the lead",
        html(
            title="Sample 2.0 ships",
            head=og("og:site_name", "Sample Weekly"),
            body="<header><p>Sample Weekly is a newsletter about databases and the people "
            "who build them, sent every Friday.</p></header>"
            f"<main><article><h1>Sample 2.0 ships</h1><p>{EN_LEAD}</p><p>{EN_LEAD}</p>"
            "</article></main><aside><p>Sample Weekly is a newsletter about databases and "
            "the people who build them, sent every Friday.</p></aside>",
        ),
        "https://sample-weekly.example/2",
        "Sample 2.0 ships",
        EN_LEAD,
        "Sample Weekly",
    ),
    Case(
        "paywall teaser: the description stands in",
        html(
            title="有料記事の見出し",
            head=f'<meta name="description" content="{JA_LEAD}">',
            body="<article><p>この記事は会員限定です。続きを読むにはログインしてください。</p>"
            "<p>ログイン</p></article>",
        ),
        "https://news.example.jp/paid/1",
        "有料記事の見出し",
        JA_LEAD,
        "Example",
    ),
    Case(
        "syndication: Yahoo! News labels by the provider it credits",
        html(
            title="ITmediaの記事の見出し（ITmedia NEWS） - Yahoo!ニュース",
            head=og("og:title", "ITmediaの記事の見出し（ITmedia NEWS） - Yahoo!ニュース")
            + og("og:site_name", "Yahoo!ニュース"),
            body=f"<div class='article_body'><p>{JA_LEAD}</p></div>",
        ),
        "https://news.yahoo.co.jp/articles/abc123",
        "ITmediaの記事の見出し",
        JA_LEAD,
        "ITmedia",
    ),
    Case(
        "syndication: an unknown provider is named as credited",
        html(
            title="見出し（共同通信） - Yahoo!ニュース",
            body=f"<p class='ynDetailText'>{JA_LEAD}<br><br>次の段落。</p>",
        ),
        "https://headlines.yahoo.co.jp/hl?a=1",
        "見出し",
        JA_LEAD,
        "共同通信",
    ),
    Case(
        "infoq: the translation note before the lead is skipped",
        html(
            title="Google ChromeのNever-Slow Mode",
            head=og("og:site_name", "InfoQ"),
            body="<div class='article__data'><p>原文(投稿日：2019/02/16)へのリンク</p>"
            f"<p>{JA_LEAD}</p></div>",
        ),
        "https://www.infoq.com/jp/news/2019/02/chrome/",
        "Google ChromeのNever-Slow Mode",
        JA_LEAD,
        "InfoQ",
    ),
    Case(
        "aws blog: no label, the AWS suffix goes",
        html(
            title="Amazon S3 の新機能 | Amazon Web Services ブログ",
            head=og("og:site_name", "Amazon Web Services"),
            body=f"<section property='articleBody'><p>{JA_LEAD}</p></section>",
        ),
        "https://aws.amazon.com/jp/blogs/news/s3-new/",
        "Amazon S3 の新機能",
        JA_LEAD,
        None,
    ),
    Case(
        "aws what's new in English",
        html(
            title="Amazon EC2 adds new instances - AWS",
            head=og("og:title", "Amazon EC2 adds new instances - AWS"),
            body=f"<div id='aws-page-content'><main><p>{EN_LEAD}</p></main></div>",
        ),
        "https://aws.amazon.com/about-aws/whats-new/2024/03/ec2/",
        "Amazon EC2 adds new instances",
        EN_LEAD,
        None,
    ),
    Case(
        "cloud watch: byline-ish caption dropped, suffix goes",
        html(
            title="新サービスの提供開始 - クラウド Watch",
            head=og("og:site_name", "クラウド Watch"),
            body="<div class='main-contents'><div class='image-frame'><p>写真1</p></div>"
            f"<p>{JA_LEAD}</p></div>",
        ),
        "https://cloud.watch.impress.co.jp/docs/news/1.html",
        "新サービスの提供開始",
        JA_LEAD,
        "クラウドWatch",
    ),
    Case(
        "itmedia: byline and abstract are not the lead",
        html(
            title="新サービスの提供開始 - ITmedia NEWS",
            body="<div id='cmsAbstract'><h2>要約の見出しです。</h2></div>"
            "<div id='cmsBody'><div class='inner'><p id='byline'>［山田太郎，ITmedia］</p>"
            f"<p>　{JA_LEAD}</p></div></div>",
        ),
        "https://www.itmedia.co.jp/news/articles/2403/04/news001.html",
        "新サービスの提供開始",
        JA_LEAD,
        "ITmedia",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_extract(case: Case) -> None:
    body = case.page.encode(case.encoding)
    got = extract_article(body, case.url, case.headers)
    assert got.blocked is None
    assert got.title == case.title
    assert got.source == case.label
    if case.lead is None:
        assert got.lead is None
    else:
        assert got.lead is not None and got.lead.startswith(case.lead), got.lead
    assert got.charset and got.charset_from
    assert "\ufffd" not in (got.title or "") + (got.lead or "")


def test_provenance_is_recorded() -> None:
    page = html(title="t", head=og("og:title", "見出し"), body=ARTICLE, charset="Shift_JIS")
    page = page.encode("cp932")
    got = extract_article(page, "https://example.jp/x", {"content-type": "text/html"})
    assert (got.title_from, got.lead_from) == ("h1", "first paragraph after the headline")
    assert got.charset_from == "meta"
