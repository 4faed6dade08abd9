"""Held-out pages, Japanese tech and news sites: ASCII.jp-, GIGAZINE-, ギズモード-, ZDNET- and
ITmedia-like templates, a paywalled trade paper (teaser and body), broadcaster and newspaper
pages with datelines, a PR TIMES-like release, a Shift_JIS page built of tables. Our own
text; expectations written before running."""

from __future__ import annotations

from tests.templates import Template, doc, meta, og, paras

MINI = "小型PC「Sample Mini 5」を試す　静音性と拡張性を両立"
MINI_LEAD = (
    "手のひらに載るほどの小型PCは、ここ数年ですっかり定番のジャンルになった。今回試した「Sample Mini 5」は、"
    "最新のモバイル向けCPUを積みながら、ファンの音をほとんど感じさせない点が特徴だ。"
)
ASCII_LIKE = doc(
    lang="ja",
    head=f"<title>{MINI} (1/3) - SAMPLE.jp</title>"
    + og("og:title", MINI)
    + og("og:site_name", "SAMPLE.jp")
    + meta("description", MINI_LEAD[:80]),
    body=f"""<header id="header"><div class="logo"><a href="/"><img src="/logo.png" alt="SAMPLE.jp"></a></div>
<ul class="gnav"><li><a href="/pc/">PC</a></li><li><a href="/mobile/">モバイル</a></li></ul></header>
<div id="contents"><div class="article"><div class="artheader"><p class="rubric">レビュー</p><h1>{MINI}</h1></div>
<div class="artdata"><p class="date">2026年03月03日 11時00分更新</p><p class="author">文● 田中健 編集●SAMPLE</p></div>
<div class="sns"><a href="#">ポスト</a><a href="#">シェア</a></div>
<div id="contents_detail">{paras(MINI_LEAD, "本体サイズは幅約12cm、奥行き約11cmで、厚みは4cmほど。背面にはUSB端子が4つ並ぶ。")}
<div class="pager"><a href="#">1</a><a href="#">2</a><a href="#">3</a><a href="#">次へ</a></div></div></div></div>""",
)

JELLY = "深海8000mで撮影された新種のクラゲの映像が公開される"
JELLY_LEAD = "海洋研究機関の調査チームが、水深約8000mの海溝で撮影した新種とみられるクラゲの映像を公開しました。"
ZINE = doc(
    lang="ja",
    head=f"<title>{JELLY} - SAMPLEZINE</title>"
    + og("og:title", JELLY)
    + meta("description", JELLY_LEAD),
    body=f"""<div id="header"><a href="/"><img src="/logo.png" alt="SAMPLEZINE"></a></div>
<div id="maincol"><div class="card"><time class="yeartime" datetime="2026-03-03T10:00:00+09:00">2026年03月03日 10時00分</time>
<span class="cate"><a href="/news/C8/">サイエンス</a></span>
<h1 class="title"><span itemprop="headline">{JELLY}</span></h1>
<div class="cntimage"><p class="preface">{JELLY_LEAD}<br /><br /><a href="/img/1.jpg"><img src="/img/1-s.jpg" alt="" /></a><br /><br />
<a href="https://ocean.example.org/news/deep-jelly">Deep sea footage - Sample Ocean Institute</a><br />https://ocean.example.org/news/deep-jelly<br /><br />
調査チームによると、このクラゲは傘の直径が約5cmで、赤い触手を持っているとのこと。これまでに知られている種とは形が異なるため、新種である可能性が高いとしています。</p></div></div></div>""",
)

KEYBOARD = "折りたたむとスマホより小さいキーボード、意外と打ちやすい"
KEYBOARD_LEAD = (
    "出張のたびに薄いキーボードを探してきましたが、今回ついに「これだ」と思えるものに出会いました。"
    "三つ折りにすると、手元のスマホよりひと回り小さくなります。"
)
GIZMO = doc(
    lang="ja",
    head=f"<title>{KEYBOARD} | ギズモード・サンプル</title>"
    + og("og:title", KEYBOARD)
    + og("og:site_name", "ギズモード・サンプル"),
    body=f"""<header class="l-header"><a href="/" class="l-header__logo"><img src="/logo.svg" alt="ギズモード・サンプル"></a></header>
<main><article class="p-article"><div class="p-article__header"><p class="p-article__category"><a href="/review/">レビュー</a></p>
<h1 class="p-article__title">{KEYBOARD}</h1>
<div class="p-article__meta"><span class="p-article__author"><a href="/author/yamamoto/">山本圭</a></span><time>2026.03.03 19:00</time></div></div>
<figure class="p-article__eyecatch"><img src="/k.jpg" alt=""><figcaption>Image: 山本圭</figcaption></figure>
<div class="p-article__body">{paras(KEYBOARD_LEAD, "キーピッチは約18mmで、ノートPCのキーボードとほとんど変わりません。打鍵感は浅めですが、慣れると速く打てます。")}
<p><strong>あわせて読みたい：</strong></p><ul><li><a href="#">持ち歩けるトラックボール、3つ試してみた</a></li></ul>
<p>Source: <a href="#">Sample Store</a></p></div></article></main>""",
)

AGENTS = "国内企業の半数がAIエージェントを試験導入--サンプル調査"
AGENTS_LEAD = (
    "サンプルリサーチは3月2日、国内の従業員1000人以上の企業を対象に実施した生成AIの活用状況に関する"
    "調査結果を発表した。AIエージェントを試験的に導入している企業は全体の49％に上った。"
)
ZD_LIKE = doc(
    lang="ja",
    head=f"<title>{AGENTS} - ZDNET Sample</title>"
    + og("og:title", AGENTS)
    + og("og:site_name", "ZDNET Sample"),
    body=f"""<header><a href="/" class="logo">ZDNET Sample</a><nav><a href="/news/">ニュース</a><a href="/special/">特集</a></nav></header>
<main><div class="article-header"><h1>{AGENTS}</h1><p class="article-meta">河野亮 (編集部)　2026-03-03 07:30</p></div>
<div class="promo"><a href="/newsletter/">ZDNET Sample 記事を毎朝メールでまとめ読み（登録無料）</a></div>
<div class="article-body">{paras(AGENTS_LEAD, "調査は2月に実施し、512社から回答を得た。本格導入に至った企業は12％にとどまり、多くは特定の部署で効果を確かめている段階だという。")}</div></main>""",
)

K8S = "Kubernetesのコストを可視化する"
K8S_SERIES = "クラウドネイティブ運用入門（3）"
K8S_LEAD = (
    "本連載では、クラウドネイティブなシステムを運用する上で押さえておきたい考え方とツールを紹介している。"
    "第3回となる今回は、Kubernetesクラスタのコストをチームやアプリケーションごとに可視化する方法を取り上げる。"
)
ITMEDIA_LIKE = doc(
    lang="ja",
    head=f"<title>{K8S}：{K8S_SERIES} - ITサンプル</title>"
    + og("og:title", f"{K8S}：{K8S_SERIES}")
    + og("og:site_name", "ITサンプル")
    + meta("description", "Kubernetesクラスタの費用を、チームやアプリごとに把握するには。"),
    body=f"""<div id="masthead"><a href="/"><img alt="ITサンプル" src="/logo.gif"></a></div>
<div id="cmsTitle"><h1 class="title"><span class="title__maintext">{K8S}</span><i class="title__delimiter">：</i><span class="title__subtitle">{K8S_SERIES}</span></h1></div>
<div id="cmsAbstract"><h2>Kubernetesクラスタの費用を、チームやアプリごとに把握するには。オープンソースのツールを使った可視化の方法を紹介する。</h2></div>
<div id="cmsByline"><div id="byline"><b>［山田太郎，ITサンプル］</b></div></div>
<div id="cmsDate"><div class="arDate">2026年03月03日 05時00分 公開</div></div>
<div id="cmsBody"><div class="inner">{paras(K8S_LEAD, "クラウドの請求書はクラスタ単位で届くが、それだけではどのチームがどれだけ使っているのかが分からない。")}</div></div>""",
)

WAREHOUSE = "物流倉庫の自動化、投資回収は3年が目安に"
WAREHOUSE_DESCRIPTION = (
    "物流各社が倉庫の自動化投資を加速している。自動搬送ロボットや仕分けシステムの導入で、"
    "投資の回収期間は3年程度が目安になりつつある。"
)
WAREHOUSE_LEAD = "大手物流会社のサンプルロジは2026年3月3日、埼玉県の物流センターに自動搬送ロボット200台を導入したと発表した。"
PAYWALL_NOTE = "この記事は有料会員限定です。次ページでログインまたはお申し込みください。"


def trade_paper(body: str) -> str:
    return doc(
        lang="ja",
        head=f"<title>{WAREHOUSE} | 日経サンプルテック</title>"
        + og("og:title", WAREHOUSE)
        + og("og:site_name", "日経サンプルテック")
        + meta("description", WAREHOUSE_DESCRIPTION),
        body=f"""<header><a href="/"><img alt="日経サンプルテック" src="/l.svg"></a><a href="/login">ログイン</a></header>
<main><article><h1 class="p-article_title">{WAREHOUSE}</h1>
<p class="p-article_lead">人手不足を背景に、物流各社が倉庫の自動化投資を加速している。</p>
<div class="p-article_info"><span class="p-article_author">小林真</span> 日経サンプルテック <time>2026.03.03</time></div>
<div class="p-article_body">{body}<div class="p-article_paywall"><p>{PAYWALL_NOTE}</p><a href="/login">ログイン</a><a href="/entry">お申し込み</a></div></div>
</article></main>""",
    )


TEASER_WITH_BODY = trade_paper(f"<p>{WAREHOUSE_LEAD}</p>")
TEASER_ONLY = trade_paper("")

TRAIN = "東北新幹線 午前中に運転再開へ 架線トラブル"
TRAIN_LEAD = (
    "3日朝、東北新幹線の一部区間で架線のトラブルが見つかり、上下線で運転を見合わせています。"
    "鉄道会社は午前中の運転再開を目指して復旧作業を進めています。"
)
BROADCASTER = doc(
    lang="ja",
    head=f"<title>{TRAIN} | サンプル放送ニュース</title>"
    + og("og:title", f"{TRAIN} | サンプル放送ニュース")
    + og("og:site_name", "サンプル放送ニュース")
    + meta("description", TRAIN_LEAD),
    body=f"""<header><h1 class="logo"><a href="/"><img src="/logo.svg" alt="サンプル放送ニュース"></a></h1>
<nav><a href="/news/cat01.html">社会</a><a href="/news/cat05.html">経済</a></nav></header>
<main><article class="module module--detail"><header class="content--header">
<h1 class="content--title"><span>{TRAIN}</span></h1>
<p class="content--date"><time datetime="2026-03-03T08:12">2026年3月3日 8時12分</time></p>
<ul class="content--tags"><li><a href="#">交通</a></li></ul></header>
<div class="content--detail-body"><div class="content--summary">{TRAIN_LEAD}</div>
<div class="content--detail-more"><div class="body-text"><p>鉄道会社によりますと、3日午前6時ごろ、駅の構内で架線が垂れ下がっているのを点検中の作業員が見つけました。</p></div></div></div>
</article></main>""",
)

CHIPS = "米、対中半導体規制を一部緩和　研究用途に限り"
CHIPS_LEAD = (
    "【ワシントン＝山田太郎】米商務省は2日、中国向けの先端半導体の輸出規制について、"
    "大学や研究機関の研究用途に限って一部を緩和すると発表した。"
)
NEWSPAPER = doc(
    lang="ja",
    head=f"<title>{CHIPS}：サンプル新聞デジタル</title>"
    + og("og:title", f"{CHIPS}：サンプル新聞デジタル")
    + og("og:site_name", "サンプル新聞デジタル")
    + meta("description", CHIPS_LEAD[14:]),
    body=f"""<header class="l-header"><a href="/"><img alt="サンプル新聞デジタル" src="/logo.svg"></a></header>
<main><div class="xYz12"><h1>{CHIPS}</h1><div class="aB3cd"><span class="eF4gh"><a href="#">ワシントン＝山田太郎</a></span>
<time datetime="2026-03-03T10:00">2026年3月3日 10時00分</time></div></div>
<figure><img src="/w.jpg" alt=""><figcaption>写真・図版 ホワイトハウス＝ワシントン、山田太郎撮影</figcaption></figure>
<div class="nfyQp">{paras(CHIPS_LEAD, "対象となるのは、米国の大学と共同研究を行う機関などで、個別の審査を経て輸出を認める。")}
<div class="ij5kl"><p>この記事は有料記事です。残り800文字</p><a href="/login">ログインして続きを読む</a></div></div></main>""",
)

SOUP = "サンプル食品、規格外野菜を使った冷凍スープを発売"
SOUP_LEAD = (
    "株式会社サンプル食品（本社：東京都中央区、代表取締役：鈴木一郎）は、形や大きさが規格に合わず出荷できない"
    "野菜を使った冷凍スープ「まるごとベジスープ」を、2026年3月10日より発売します。"
)
RELEASE = doc(
    lang="ja",
    head=f"<title>{SOUP}｜株式会社サンプル食品のプレスリリース</title>"
    + og("og:title", f"{SOUP}｜株式会社サンプル食品のプレスリリース")
    + og("og:site_name", "プレスリリース・サンプル"),
    body=f"""<header><a href="/"><img alt="プレスリリース・サンプル" src="/l.svg"></a></header>
<main><article class="release"><h1 class="release-title">{SOUP}</h1>
<h2 class="release-subtitle">～農家と連携し、年間20トンの食品ロス削減を目指す～</h2>
<div class="release-company"><a href="/company/99999">株式会社サンプル食品</a></div><time>2026年3月3日 10時00分</time>
<div class="r-head">{SOUP_LEAD}</div>
<div class="rich-text">{paras("「まるごとベジスープ」は、契約農家から規格外の野菜を買い取り、皮ごと煮込んで作る冷凍スープです。")}</div>
</article></main>""",
)

CONCERT = "春の定期演奏会の日程が決まりました"
CONCERT_LEAD = "今年の春の定期演奏会は、4月19日（日）に市民会館大ホールで開催します。開場は13時30分、開演は14時です。"
SHIFT_JIS = f"""<html><head>
<meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">
<title>{CONCERT} - サンプル市民吹奏楽団</title></head>
<body bgcolor="#ffffff"><center><table width="760" border="0" cellpadding="0" cellspacing="0">
<tr><td class="head"><a href="../index.html"><img src="../img/title.gif" alt="サンプル市民吹奏楽団" border="0"></a></td></tr>
<tr><td><a href="../index.html">トップ</a> ｜ <a href="index.html">お知らせ</a> ｜ <a href="../join.html">団員募集</a></td></tr>
<tr><td><font size="+1"><b>{CONCERT}</b></font><br>2026年3月3日<br><br>
{CONCERT_LEAD}<br><br>
入場は無料ですが、整理券が必要です。整理券は3月20日から市内の楽器店と市民会館の窓口で配布します。<br><br>
皆さまのご来場をお待ちしております。</td></tr>
<tr><td align="center"><font size="-1">Copyright (C) サンプル市民吹奏楽団</font></td></tr></table></center></body></html>
"""

PAGES = [
    Template(
        "ASCII.jp-like: page marker in <title>, 文● byline, ideographic space",
        "https://ascii.example.jp/elem/000/004/123/4123456/",
        ASCII_LIKE,
        MINI,
        MINI_LEAD,
    ),
    Template(
        "GIGAZINE-like: one preface paragraph split by <br>, link lines",
        "https://gigazine.example/news/20260303-deep-sea-jelly/",
        ZINE,
        JELLY,
        JELLY_LEAD,
    ),
    Template(
        "ギズモード-like: category, credit caption, related box",
        "https://www.gizmodo.example.jp/2026/03/foldable-keyboard.html",
        GIZMO,
        KEYBOARD,
        KEYBOARD_LEAD,
    ),
    Template(
        "ZDNET-like: '--' in the headline, byline with date, newsletter promo",
        "https://japan.zdnet.example/article/35230000/",
        ZD_LIKE,
        AGENTS,
        AGENTS_LEAD,
    ),
    Template(
        "ITmedia-like: series after '：', abstract h2, bracketed byline",
        "https://www.itsample.example.jp/ait/articles/2603/03/news012.html",
        ITMEDIA_LIKE,
        K8S,
        K8S_LEAD,
        titles=(f"{K8S}：{K8S_SERIES}",),
    ),
    Template(
        "trade paper: dek, then one paragraph before the paywall",
        "https://xtech.sample-nikkei.example/atcl/nxt/news/24/01234/",
        TEASER_WITH_BODY,
        WAREHOUSE,
        WAREHOUSE_LEAD,
    ),
    Template(
        "trade paper: the body wholly behind the paywall",
        "https://xtech.sample-nikkei.example/atcl/nxt/news/24/01235/",
        TEASER_ONLY,
        WAREHOUSE,
        WAREHOUSE_DESCRIPTION,
    ),
    Template(
        "broadcaster: logo h1, summary block as the first paragraph",
        "https://www3.samplebroadcast.example.jp/news/html/20260303/k10014000000000.html",
        BROADCASTER,
        TRAIN,
        TRAIN_LEAD,
    ),
    Template(
        "newspaper: hashed classes, photo caption, 【dateline】 in the paragraph",
        "https://www.sample-shimbun.example/articles/ASV3300000000.html",
        NEWSPAPER,
        CHIPS,
        CHIPS_LEAD,
    ),
    Template(
        "PR TIMES-like: company's press release suffix, 〜subtitle〜, r-head lead",
        "https://prtimes.example.jp/main/html/rd/p/000000012.000099999.html",
        RELEASE,
        SOUP,
        SOUP_LEAD,
    ),
    Template(
        "Shift_JIS table layout, headline in <font><b>, no charset header",
        "http://www.sample-band.example.ne.jp/news/2026/0303.html",
        SHIFT_JIS,
        CONCERT,
        CONCERT_LEAD,
        charset="cp932",
        header="text/html",
    ),
]
