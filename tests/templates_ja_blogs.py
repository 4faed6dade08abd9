"""Held-out pages, Japanese blog services: はてなブログ, note, Zenn, Qiita, livedoor Blog,
Ameba, and an old tDiary-style diary in EUC-JP. Our own text; expectations written before
running."""

from __future__ import annotations

from tests.templates import Template, doc, meta, og, paras

HTTP = "Rustで小さなHTTPサーバを書いてみた"
HTTP_LEAD = (
    "週末の練習として、標準ライブラリだけを使ってRustで小さなHTTPサーバを書いてみました。"
    "思っていたよりも短いコードで動くものができたので、手順と引っかかった点をまとめておきます。"
)
HATENA = doc(
    lang="ja",
    head=f"<title>{HTTP} - サンプル開発日記</title>"
    + og("og:title", f"{HTTP} - サンプル開発日記")
    + og("og:site_name", "サンプル開発日記")
    + og("og:description", HTTP_LEAD[:100]),
    body=f"""<div id="globalheader-container"><iframe src="https://blog.hatena.ne.jp/-/globalheader"></iframe></div>
<div id="container"><div id="container-inner"><header id="blog-title"><div id="blog-title-inner"><div id="blog-title-content">
<h1 id="title"><a href="https://sample-dev.hatenablog.com/">サンプル開発日記</a></h1>
<h2 id="blog-description">日々の開発メモ</h2></div></div></header>
<div id="content"><div id="content-inner"><div id="wrapper"><div id="main"><div id="main-inner">
<article class="entry hentry test-hentry js-entry-article date-first autopagerize_page_element chars-800 words-100 mode-html entry-odd">
<div class="entry-inner"><header class="entry-header"><div class="date entry-date first">
<a href="https://sample-dev.hatenablog.com/archive/2026/03/03"><time datetime="2026-03-03T03:00:00Z">2026-03-03</time></a></div>
<h1 class="entry-title"><a href="https://sample-dev.hatenablog.com/entry/2026/03/03/120000" class="entry-title-link bookmark">{HTTP}</a></h1>
<div class="entry-categories categories"><a href="/archive/category/Rust" class="entry-category-link category-Rust">Rust</a></div></header>
<div class="entry-content hatenablog-entry">
{paras(HTTP_LEAD, "TcpListenerで接続を受けて、リクエストの1行目だけを読んでパスを取り出す、というところから始めました。")}
<h3 id="ひっかかった点">ひっかかった点</h3>{paras("ブラウザは同じ接続で複数のリクエストを送ってくることがあるので、最初は2回目以降が読めずに固まりました。")}
</div><footer class="entry-footer"><p class="entry-footer-section track-inview-by-gtm"><span class="author vcard">sample-dev</span>
<a href="#" class="entry-see-more">12:00</a></p><div class="social-buttons"><a class="hatena-bookmark-button" href="#">はてなブックマーク</a></div></footer>
</div></article></div></div></div></div></div></div></div>""",
)

BAKERY = "会社を辞めて地方でパン屋を始めた一年間のこと"
BAKERY_LEAD = (
    "去年の春、十年勤めた会社を辞めて、祖母の住んでいた町で小さなパン屋を始めました。"
    "開店から一年がたったので、うまくいったことと、いかなかったことを正直に書いておこうと思います。"
)
NOTE = doc(
    lang="ja",
    head=f"<title>{BAKERY}｜佐藤みなみ</title>"
    + og("og:title", f"{BAKERY}｜佐藤みなみ")
    + og("og:site_name", "note（ノート）")
    + meta("description", BAKERY_LEAD[:90]),
    body=f"""<div id="__nuxt"><header class="o-globalHeader"><a href="/" aria-label="note"><svg></svg></a>
<a href="/search">検索</a><a href="/login">ログイン</a><a href="/signup">会員登録</a></header>
<main class="o-noteContent"><div class="o-noteContentHeader"><h1 class="o-noteContentHeader__title">{BAKERY}</h1>
<div class="o-noteContentHeader__info"><a href="/sample_writer" class="o-noteContentHeader__name">佐藤みなみ</a>
<div class="o-noteContentHeader__date"><time datetime="2026-03-03T09:00:00+09:00">2026年3月3日 09:00</time></div></div></div>
<div class="note-common-styles__textnote-body" data-name="body">
<p name="a1b2" id="a1b2">{BAKERY_LEAD}</p>
<p name="c3d4" id="c3d4">いちばん大きかったのは、朝の時間の使い方が変わったことです。毎朝四時に起きて生地を仕込む生活にも、三か月ほどで慣れました。</p>
<h3 name="e5f6" id="e5f6">お客さんのこと</h3><p name="g7h8" id="g7h8">最初の一か月は、近所の方がほとんどでした。</p></div>
<div class="o-noteLikeV3"><button>スキ</button><span>128</span></div></main></div>""",
)

STATES = "TypeScriptの型で状態遷移を表現する"
STATES_LEAD = (
    "画面やワークフローの状態をstringやbooleanの組み合わせで持っていると、ありえない組み合わせが"
    "いつの間にか生まれてしまいます。この記事では、判別可能なユニオン型を使って、ありえない状態を"
    "そもそも書けないようにする方法を紹介します。"
)
ZENN = doc(
    lang="ja",
    head=f"<title>{STATES}</title>" + og("og:title", STATES) + og("og:site_name", "Zenn"),
    body=f"""<header class="Header_container"><a href="/" aria-label="Zenn"><img src="/logo.svg" alt="Zenn"></a>
<a href="/enter">Log in</a></header>
<article class="View_container"><header class="ArticleHeader_header"><div class="ArticleHeader_emoji"><span class="Emoji">🧩</span></div>
<h1 class="ArticleHeader_title">{STATES}</h1><div class="ArticleHeader_meta"><span>2026/03/03に公開</span></div>
<div class="ArticleHeader_topics"><a href="/topics/typescript">TypeScript</a><a href="/topics/design">設計</a></div></header>
<div class="View_main"><section class="View_content"><aside class="TableOfContents"><div>目次</div>
<ul><li><a href="#はじめに">はじめに</a></li><li><a href="#判別可能なユニオン型">判別可能なユニオン型</a></li></ul></aside>
<div class="znc BodyContent_anchorToHeadings">
{paras(STATES_LEAD, "たとえば読み込み中フラグとエラーメッセージを別々の変数で持つと、読み込み中なのにエラーが出ている、という状態が表現できてしまいます。")}
<h2 id="判別可能なユニオン型">判別可能なユニオン型</h2>{paras("状態ごとに型を分け、共通のプロパティで区別します。")}
</div></section></div></article>""",
)

ACTIONS = "GitHub Actionsのキャッシュでビルドを3倍速くした話"
ACTIONS_LEAD = (
    "社内のモノレポでは、プルリクエストごとのCIに毎回15分ほどかかっていました。依存関係のキャッシュと"
    "ビルド成果物のキャッシュを見直したところ、5分程度まで短くなったので、やったことをまとめます。"
)
QIITA = doc(
    lang="ja",
    head=f"<title>{ACTIONS} #GitHubActions - Qiita</title>"
    + og("og:title", f"{ACTIONS} - Qiita")
    + meta("twitter:title", f"{ACTIONS} - Qiita")
    + og("og:description", "この記事はサンプル Advent Calendar 2025 の3日目の記事です。"),
    body=f"""<div id="GlobalHeader"><a href="/" aria-label="Qiita"><svg></svg></a><a href="/login">ログイン</a></div>
<main><div class="p-items_wrapper"><article>
<div class="style-tags"><a href="/tags/githubactions">GitHubActions</a><a href="/tags/ci">CI</a></div>
<h1 class="style-title">{ACTIONS}</h1>
<div class="style-meta"><span>投稿日 2026年03月03日</span></div>
<section class="it-MdContent"><div id="personal-public-article-body"><div class="mdContent-inner">
<h2 data-sourcepos="1:1-1:15"><span id="はじめに" class="fragment"></span><a href="#%E3%81%AF"><i class="fa fa-link"></i></a>はじめに</h2>
{
        paras(
            "この記事は<a href='https://qiita.com/advent-calendar/2025/sample'>サンプル Advent Calendar 2025</a> の3日目の記事です。",
            ACTIONS_LEAD,
        )
    }
<h2 data-sourcepos="6:1-6:20">依存関係のキャッシュ</h2>{
        paras("まず、actions/cacheのキーにロックファイルのハッシュを入れました。")
    }
</div></div></section></article></div></main>""",
)

LENS = "古いレンズをミラーレスで使ってみた"
LENS_LEAD = "押し入れから父が使っていた古い50mmのレンズが出てきたので、マウントアダプターを買ってミラーレスカメラで試してみました。"
LIVEDOOR = doc(
    lang="ja",
    head=f"<title>{LENS} : カメラと散歩</title>"
    + og("og:title", f"{LENS} : カメラと散歩")
    + og("og:site_name", "カメラと散歩")
    + og("og:description", LENS_LEAD),
    body=f"""<div id="container"><header id="blog-header"><h1 class="blog-title"><a href="http://sample-camera.blog.jp/">カメラと散歩</a></h1>
<p class="blog-description">休日に撮った写真と、古いカメラの話。</p></header>
<div id="content"><div id="main"><article class="article"><header class="article-header">
<p class="article-date"><time datetime="2026-03-03T20:00:00+09:00" pubdate="pubdate">2026年03月03日</time></p>
<h1 class="article-title" itemprop="name"><a href="http://sample-camera.blog.jp/archives/12345678.html">{LENS}</a></h1></header>
<div class="article-body entry-content"><div class="article-body-inner" itemprop="articleBody">{LENS_LEAD}<br /><br />
<a href="https://livedoor.blogimg.jp/sample/imgs/a.jpg" target="_blank"><img src="https://livedoor.blogimg.jp/sample/imgs/a-s.jpg" alt="lens" class="pict" /></a><br /><br />
結論から言うと、ピントの山はつかみにくいものの、柔らかい写りがとても気に入りました。絞り開放だと周辺が少し暗くなりますが、それも味だと思います。<br /><br />
次は、同じレンズで夜の街を撮ってみる予定です。</div></div>
<footer class="article-footer"><p class="article-category">カテゴリ：<a href="#">カメラ</a></p><p><a href="#comments">コメント(0)</a></p></footer>
</article></div></div></div>""",
)

MEALPREP = "週末の作り置き5品"
MEALPREP_LEAD = "今週末は、平日の夕ごはんを楽にするために作り置きを5品作りました。どれも30分以内でできるものばかりです。"
AMEBA = doc(
    lang="ja",
    head=f"<title>{MEALPREP} | 山田はなのおうちごはん</title>"
    + og("og:title", MEALPREP)
    + og("og:site_name", "山田はなのおうちごはん")
    + og("og:description", "こんにちは！" + MEALPREP_LEAD[:60]),
    body=f"""<div id="ambHeader"><a href="https://www.ameba.jp/" aria-label="Ameba"><img alt="Ameba" src="/a.svg"></a><a href="/login">ログイン</a></div>
<div class="skin-blogHeader"><h1 class="skin-blogTitle"><a href="https://ameblo.jp/sample-kitchen/">山田はなのおうちごはん</a></h1></div>
<main class="skin-blogMain"><article class="skin-entry" data-uranus-component="entryItem">
<div class="skin-entryHead"><h2 class="skin-entryTitle" data-uranus-component="entryItemTitle"><a href="https://ameblo.jp/sample-kitchen/entry-12800000000.html">{MEALPREP}</a></h2>
<p class="skin-entryPubdate"><time datetime="2026-03-03">2026-03-03 18:00:00</time></p>
<p class="skin-entryThemes">テーマ：<a href="#">作り置き</a></p></div>
<div class="skin-entryBody" id="entryBody" data-uranus-component="entryBody">
<div>こんにちは！</div><div><br></div><div>{MEALPREP_LEAD}</div><div><br></div>
<div><img src="/m.jpg" alt="" width="400"></div><div><br></div>
<div>まずは定番のきんぴらごぼう。ごぼうとにんじんを細切りにして、ごま油で炒めるだけです。</div></div>
<div class="skin-entryFooter"><a href="#">いいね！</a><a href="#">コメント</a><a href="#">リブログ</a></div>
</article></main>""",
)

THINKPAD = "古いThinkPadにLinuxを入れ直した"
THINKPAD_LEAD = (
    "家で眠っていた十年前のThinkPadに、軽めのLinuxディストリビューションを入れ直した。"
    "メモリを8GBに増やしたので、ブラウザで調べ物をするくらいなら十分に使える。"
)
DIARY = f"""<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01//EN">
<html lang="ja-JP"><head>
<meta http-equiv="Content-Type" content="text/html; charset=EUC-JP">
<title>サンプルの日記(2026-03-03)</title></head>
<body><div class="adminmenu"><span class="adminmenu"><a href="./">最新</a></span>
<span class="adminmenu"><a href="./update.rb">追記</a></span></div>
<h1>サンプルの日記</h1>
<div class="day"><h2><span class="date"><a href="./?date=20260303">2026-03-03</a></span> <span class="nyear">[<a href="./?date=0303">長年日記</a>]</span></h2>
<div class="body"><div class="section"><h3><a name="p01" href="./?date=20260303#p01">_</a> {THINKPAD}</h3>
<p>{THINKPAD_LEAD}</p><p>ただしバッテリーはもう30分ほどしかもたない。交換用を探してみたが、純正品はもう売っていないようだ。</p>
</div></div><div class="comment"><div class="caption">本日のツッコミ(全1件)</div></div></div>
<div class="footer">tDiary</div></body></html>
"""

PAGES = [
    Template(
        "はてなブログ: blog-title h1, entry-title h1 linking the entry",
        "https://sample-dev.hatenablog.com/entry/2026/03/03/120000",
        HATENA,
        HTTP,
        HTTP_LEAD,
    ),
    Template(
        "note: author after ｜ in every title form",
        "https://note.com/sample_writer/n/n1a2b3c4d5e6f",
        NOTE,
        BAKERY,
        BAKERY_LEAD,
    ),
    Template(
        "Zenn: emoji, topics, table of contents aside",
        "https://zenn.dev/sample/articles/3f2a9c1d8e7b6a",
        ZENN,
        STATES,
        STATES_LEAD,
    ),
    Template(
        "Qiita: #tag in <title>, はじめに heading, Advent Calendar note before the lead",
        "https://qiita.com/sample_user/items/0a1b2c3d4e5f6a7b8c9d",
        QIITA,
        ACTIONS,
        ACTIONS_LEAD,
    ),
    Template(
        "livedoor Blog: ' : ' before the blog name, text split by <br>",
        "http://sample-camera.blog.jp/archives/12345678.html",
        LIVEDOOR,
        LENS,
        LENS_LEAD,
    ),
    Template(
        "Ameba: h2 entry title, greeting line, <div> lines",
        "https://ameblo.jp/sample-kitchen/entry-12800000000.html",
        AMEBA,
        MEALPREP,
        MEALPREP_LEAD,
    ),
    Template(
        "tDiary-style diary in EUC-JP: <title> only the diary's name and date",
        "http://diary.sample.example.jp/?date=20260303",
        DIARY,
        THINKPAD,
        THINKPAD_LEAD,
        charset="euc_jp",
        known_miss=(
            "the h1 (the diary's name) agrees with <title> less its date; nothing in the "
            "markup says the h3 below is the entry's own title"
        ),
        header="text/html; charset=EUC-JP",
    ),
]
