"""Held-out pages, a second round written after the first fixes (expectations again set
down before running): a GitLab-style engineering blog with an escaped ampersand, an AWS
What's New item, a Sphinx/Read the Docs page, a Cocoon-themed Japanese WordPress blog with
a share row and table of contents, a Japanese news page with a gallery link before the
lead, an 【独自】 label in a business paper's title, a NEW badge inside the h1."""

from __future__ import annotations

from tests.templates import Template, doc, ld, meta, nav, og, paras, site_footer

CI = "Q&A: how we cut our CI minutes by 40%"
CI_LEAD = (
    "Our monorepo's pipelines used to run every job on every merge request, whether or not "
    "the change could affect it. Over one quarter we made the pipeline aware of what changed, "
    "and the minutes we spend on CI fell by 40%."
)
GITLAB_LIKE = doc(
    head="<title>Q&amp;A: how we cut our CI minutes by 40% | Sample Lab</title>"
    + og("og:title", "Q&amp;A: how we cut our CI minutes by 40%")
    + og("og:site_name", "Sample Lab")
    + meta("description", CI_LEAD[:150]),
    body=f"""<header class="site-nav"><a href="/" class="logo" aria-label="Sample Lab home"><svg></svg></a>
{nav("Platform", "Pricing", "Blog")}</header>
<main><div class="blog-hero"><div class="breadcrumb"><a href="/blog/">Blog</a> / <a href="/blog/engineering/">Engineering</a></div>
<h1 class="blog-hero__title">Q&amp;A: how we cut our CI minutes by 40%</h1>
<div class="blog-hero__meta"><span>Published on: March 3, 2026</span><span>7 min read</span></div>
<div class="blog-author"><img src="/a.png" alt=""><a href="/blog/authors/ines/">Inês Carvalho</a></div>
<ul class="blog-tags"><li><a href="/blog/tags/ci/">CI/CD</a></li><li><a href="/blog/tags/performance/">performance</a></li></ul></div>
<div class="blog-body">{
        paras(
            CI_LEAD,
            "We answer the questions we were asked most often inside the company: what we "
            "changed, what broke along the way, and what we would do differently.",
        )
    }
<h2>What counts as a change?</h2>{paras("The first rule was simple: documentation changes skip the test jobs.")}</div></main>
{site_footer("© 2026 Sample Lab Inc.")}""",
)

AWS_ITEM = "Amazon Sample Queue now supports message filtering by attribute"
AWS_LEAD = (
    "Amazon Sample Queue now lets consumers receive only the messages whose attributes match "
    "a filter policy, so applications no longer need to read and discard messages they do not "
    "process."
)
AWS_WHATS_NEW = doc(
    head=f"<title>{AWS_ITEM} - AWS</title>"
    + og("og:title", f"{AWS_ITEM} - AWS")
    + meta("description", AWS_LEAD[:150]),
    body=f"""<div id="aws-page-header"><a href="https://aws.amazon.com/?nc2=h_lg" class="lb-logo"><img alt="Amazon Web Services" src="/l.png"></a>
{nav("Products", "Solutions", "Pricing", "Documentation")}</div>
<main id="aws-page-content-main"><div class="lb-grid"><div class="lb-breadcrumbs"><a href="/new/">What's New</a></div>
<div class="wn-title"><h1>{AWS_ITEM}</h1></div><div class="wn-date">Posted On: Mar 3, 2026</div>
<div class="wn-body">{
        paras(
            AWS_LEAD,
            "Filter policies are set per subscription and can match on exact values, "
            "prefixes and numeric ranges. Filtering is available in all commercial regions "
            "at no additional cost.",
        )
    }</div></div></main>
<div id="aws-page-footer"><p>© 2026, Amazon Web Services, Inc. or its affiliates.</p></div>""",
)

CONFIG = "Configuration"
CONFIG_LEAD = (
    "Sample reads its settings from a file named sample.toml in the project's root, then from "
    "environment variables, and finally from the command line, each overriding the one "
    "before it."
)
SPHINX = doc(
    head=f"<title>{CONFIG} — Sample 2.0 documentation</title>",
    body=f"""<div class="wy-grid-for-nav"><nav data-toggle="wy-nav-shift" class="wy-nav-side"><div class="wy-side-scroll">
<div class="wy-side-nav-search"><a href="index.html" class="icon icon-home">Sample</a>
<div role="search"><form id="rtd-search-form" class="wy-form"><input type="text" name="q" placeholder="Search docs"></form></div></div>
<div class="wy-menu wy-menu-vertical" role="navigation" aria-label="Navigation menu"><ul class="current">
<li class="toctree-l1"><a class="reference internal" href="install.html">Installation</a></li>
<li class="toctree-l1 current"><a class="current reference internal" href="#">{CONFIG}</a></li></ul></div></div></nav>
<section data-toggle="wy-nav-shift" class="wy-nav-content-wrap"><div class="wy-nav-content"><div class="rst-content">
<div role="navigation" aria-label="Page navigation"><ul class="wy-breadcrumbs"><li><a href="index.html" class="icon icon-home"></a> &raquo;</li>
<li>{CONFIG}</li><li class="wy-breadcrumbs-aside"><a href="https://github.com/sample/sample/blob/main/docs/config.rst">Edit on GitHub</a></li></ul><hr/></div>
<div role="main" class="document" itemscope="itemscope" itemtype="http://schema.org/Article"><div itemprop="articleBody">
<section id="configuration"><h1>{CONFIG}<a class="headerlink" href="#configuration" title="Permalink to this heading">¶</a></h1>
{paras(CONFIG_LEAD)}
<section id="the-file"><h2>The file<a class="headerlink" href="#the-file" title="Permalink to this heading">¶</a></h2>
{paras("Every key is optional.")}</section></section></div></div>
<footer><p>&#169; Copyright 2026, the Sample authors.</p></footer></div></div></section></div>""",
)

NAS = "自宅のNASを10年ぶりに買い替えた話"
NAS_LEAD = (
    "10年使ってきた2ベイのNASが、とうとう起動しなくなりました。データは無事だったので、"
    "これを機に4ベイのモデルへ買い替えることにしました。"
)
COCOON = doc(
    lang="ja",
    head=f"<title>{NAS} | ガジェット備忘録</title>"
    + og("og:title", NAS)
    + og("og:site_name", "ガジェット備忘録")
    + ld({"@context": "https://schema.org", "@type": "BlogPosting", "headline": NAS}),
    body=f"""<div id="container" class="container"><div id="header-container" class="header-container">
<div class="header-in wrap"><div class="logo logo-header logo-text"><a href="https://gadget-memo.example.jp/" class="site-name site-name-text-link" itemprop="url">
<span class="site-name-text" itemprop="name about">ガジェット備忘録</span></a></div></div></div>
<nav id="navi" class="navi"><ul class="menu-top"><li><a href="/category/pc/">PC</a></li><li><a href="/category/camera/">カメラ</a></li></ul></nav>
<div id="content" class="content"><main id="main" class="main"><article id="post-812" class="article post-812 post type-post">
<header class="article-header entry-header"><h1 class="entry-title" itemprop="headline">{NAS}</h1>
<div class="eye-catch-wrap"><figure class="eye-catch"><img src="/nas.jpg" alt=""><span class="cat-label">PC</span></figure></div>
<div class="sns-share ss-col-6 ss-high-and-low-lc bc-brand-color sbc-hide ss-top"><div class="sns-share-message">シェアする</div>
<div class="sns-share-buttons sns-buttons"><a href="#" class="share-button twitter-button">X</a><a href="#" class="share-button hatebu-button">B!</a><a href="#" class="share-button line-button">LINE</a></div></div>
<div class="date-tags"><span class="post-date"><span class="far fa-clock"></span><time class="entry-date date published" datetime="2026-03-03">2026.03.03</time></span></div></header>
<div class="entry-content cf" itemprop="mainEntityOfPage">{paras(NAS_LEAD)}
<div id="toc" class="toc tnt-number toc-center"><input type="checkbox" class="toc-checkbox" id="toc-checkbox-1"><label class="toc-title" for="toc-checkbox-1">目次</label>
<div class="toc-content"><ol class="toc-list"><li><a href="#toc1">選んだモデル</a></li><li><a href="#toc2">移行の手順</a></li></ol></div></div>
<h2><span id="toc1">選んだモデル</span></h2>{paras("候補は3機種ありましたが、静音性を重視して最終的にサンプル社の4ベイモデルにしました。")}</div>
</article></main></div></div>""",
)

STATION = "築100年の駅舎、改修終え一般公開へ"
STATION_LEAD = (
    "大正時代に建てられた木造の駅舎の改修工事が終わり、3月20日から一般に公開されることになった。"
    "市によると、当時の柱や梁をできるだけ残しながら耐震補強を施したという。"
)
GALLERY_FIRST = doc(
    lang="ja",
    head=f"<title>{STATION} : サンプルニュース</title>"
    + og("og:title", STATION)
    + og("og:site_name", "サンプルニュース"),
    body=f"""<header><a href="/"><img alt="サンプルニュース" src="/l.png"></a>{nav("社会", "経済", "地域")}</header>
<main><article class="article"><h1>{STATION}</h1><p class="article-date">2026年03月03日12時00分</p>
<p><a href="/gallery/20260303-station">【画像】改修を終えた駅舎の内部（全8枚）</a></p>
{paras(STATION_LEAD, "駅舎は1923年に建てられ、2000年代に新駅舎ができてからは使われていなかった。")}
<div class="related"><p>関連記事</p><ul><li><a href="#">旧駅舎の保存へ募金始まる</a></li></ul></div></article></main>""",
)

PLANT = "サンプル化学、九州に新工場　投資額は500億円"
PLANT_LEAD = (
    "サンプル化学は九州に半導体材料の新工場を建設する方針を固めた。投資額は約500億円で、"
    "2028年の稼働を目指す。"
)
BUSINESS_PAPER = doc(
    lang="ja",
    head=f"<title>【独自】{PLANT}：日経サンプルビジネス</title>"
    + og("og:title", f"【独自】{PLANT}")
    + og("og:site_name", "日経サンプルビジネス"),
    body=f"""<header><a href="/"><img alt="日経サンプルビジネス" src="/l.svg"></a></header>
<main><article><div class="article-header"><p class="article-label"><span>独自</span></p><h1>{PLANT}</h1>
<p class="article-author">山口翔太</p><time>2026年3月3日 6:00</time></div>
<div class="article-body">{
        paras(PLANT_LEAD, "関係者によると、新工場では先端半導体の製造に使う高純度の薬液を生産する。")
    }</div></article></main>""",
)

BADGE = "春の新作バッグ3型を発売"
BADGE_LEAD = (
    "株式会社サンプル雑貨は、軽くて丈夫なナイロン素材を使った春の新作バッグ3型を、"
    "3月5日から全国の直営店とオンラインストアで発売します。"
)
NEW_BADGE = doc(
    lang="ja",
    head=f"<title>{BADGE} | ニュース | 株式会社サンプル雑貨</title>",
    body=f"""<header><h1 class="logo"><a href="/"><img src="/logo.png" alt="株式会社サンプル雑貨"></a></h1>{nav("製品", "ニュース", "会社情報")}</header>
<main><div class="news-detail"><p class="news-date">2026.03.03</p>
<h2 class="news-title">{BADGE}<span class="icon-new">NEW</span></h2>
<div class="news-body">{
        paras(BADGE_LEAD, "いずれもA4サイズの書類が入る大きさで、価格は4,400円から6,600円（税込）です。")
    }</div></div></main>""",
)

PAGES = [
    Template(
        "engineering blog: Q&amp;A in the headline, 'Published on' meta, author and tags",
        "https://about.samplelab.example/blog/2026/03/03/ci-minutes/",
        GITLAB_LIKE,
        CI,
        CI_LEAD,
    ),
    Template(
        "AWS What's New item: wn-title, 'Posted On' date",
        "https://aws.amazon.com/about-aws/whats-new/2026/03/amazon-sample-queue-filtering/",
        AWS_WHATS_NEW,
        AWS_ITEM,
        AWS_LEAD,
    ),
    Template(
        "Sphinx Read the Docs theme: '—' before the docs' name, ¶ permalink, Edit on GitHub",
        "https://sample.readthedocs.example/en/latest/config.html",
        SPHINX,
        CONFIG,
        CONFIG_LEAD,
    ),
    Template(
        "WordPress Cocoon theme: share row and date in the header, table of contents after",
        "https://gadget-memo.example.jp/nas-replacement/",
        COCOON,
        NAS,
        NAS_LEAD,
    ),
    Template(
        "Japanese news: 【画像】 gallery link line before the lead, related box after",
        "https://news.sample.example.jp/articles/20260303-station",
        GALLERY_FIRST,
        STATION,
        STATION_LEAD,
    ),
    Template(
        "business paper: 【独自】 label in og:title and <title>, set apart above the h1",
        "https://business.sample-nikkei.example/atcl/gen/19/00001/030300123/",
        BUSINESS_PAPER,
        PLANT,
        PLANT_LEAD,
    ),
    Template(
        "company news: logo h1, NEW badge inside the h2 headline, section trail in <title>",
        "https://www.sample-zakka.example.co.jp/news/2026/0303.html",
        NEW_BADGE,
        BADGE,
        BADGE_LEAD,
    ),
]
