"""Small article pages we write ourselves, shaped like the sites our hosts read."""

from __future__ import annotations


def article_html(
    title: str,
    paragraphs: list[str],
    *,
    site_name: str | None = None,
    title_tag: str | None = None,
    meta_charset: str | None = "utf-8",
    description: str | None = None,
) -> str:
    """A news-article page: <title> with a site suffix, og tags, nav, byline, body, footer."""
    metas = [f'<meta charset="{meta_charset}">'] if meta_charset else []
    metas.append(f'<meta property="og:title" content="{title}">')
    if site_name:
        metas.append(f'<meta property="og:site_name" content="{site_name}">')
    if description:
        metas.append(f'<meta name="description" content="{description}">')
    body = "\n".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    shown_title = title_tag or (f"{title} - {site_name}" if site_name else title)
    return f"""<!DOCTYPE html>
<html lang="ja"><head>
{chr(10).join(metas)}
<title>{shown_title}</title>
</head><body>
<header><nav>
<a href="/">ホーム</a> <a href="/news">ニュース</a> <a href="/about">会社概要</a>
</nav></header>
<main><article>
<h1>{title}</h1>
<div class="byline">2026年11月20日 10:00 記者 山田太郎</div>
{body}
</article></main>
<footer><p>Copyright 2026 Example Media. All rights reserved.</p></footer>
</body></html>
"""


JA_PARAGRAPHS = [
    "米インテルは4月2日、容量1ペタバイトのSSDを1Uサーバに搭載できる新製品を発表しました。"
    "データセンター向けの大容量ストレージとして、年内に出荷される予定です。",
    "新製品はQLC方式のNANDフラッシュを採用し、従来のHDDに比べて消費電力を大きく減らせるとしています。"
    "同社はクラウド事業者を中心に採用を見込んでいます。",
    "価格は明らかにされていませんが、容量あたりの単価は従来製品より下がる見通しです。",
]

EN_PARAGRAPHS = [
    "Amazon Web Services announced on Tuesday that its container service now supports a new "
    "family of machine-learning inference instances, cutting the cost of serving models.",
    "The instances use custom chips designed in-house and are available in several regions "
    "starting today, the company said in a blog post.",
]


JA_LEAD = (
    "株式会社サンプルは3月4日、新しいクラウドサービス「Sample Cloud」の提供を開始したと発表した。"
)
EN_LEAD = (
    "Sample Corp released version 2.0 of its open source database on Tuesday, adding a new "
    "query planner and support for vector search."
)


def html(
    *,
    head: str = "",
    body: str,
    title: str | None = None,
    charset: str | None = "utf-8",
) -> str:
    """A bare page around `body`, for tests that write their own markup."""
    meta = f'<meta charset="{charset}">' if charset else ""
    title_tag = f"<title>{title}</title>" if title is not None else ""
    return f"<!doctype html><html><head>{meta}{title_tag}{head}</head><body>{body}</body></html>"


def og(prop: str, value: str) -> str:
    """An Open Graph meta tag."""
    return f'<meta property="{prop}" content="{value}">'
