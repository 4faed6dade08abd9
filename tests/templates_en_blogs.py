"""Held-out pages, English blogs and docs: WordPress (block and classic themes, Yoast,
Jetpack), Ghost's Casper, Medium, Substack, Blogger, Hugo PaperMod, Jekyll minima, vendor
blogs, Docusaurus and MkDocs Material. Our own text; expectations written before running."""

from __future__ import annotations

from tests.templates import Template, doc, ld, meta, nav, og, paras, site_footer

SOIL = "Cheap soil sensors told us more than the weather station did"
SOIL_LEAD = (
    "Last spring we pushed twelve capacitive soil sensors into the beds along the east fence, "
    "each one wired to a board that cost less than a sandwich. We expected noise. What we got "
    "was the clearest picture yet of how unevenly the plot drains after rain."
)
WP_BLOCK = doc(
    head=f"<title>{SOIL} &#8211; Allotment Notes</title>"
    + og("og:title", f"{SOIL} - Allotment Notes")
    + og("og:site_name", "Allotment Notes")
    + og("og:type", "article")
    + meta("description", SOIL_LEAD[:150])
    + ld(
        {
            "@context": "https://schema.org",
            "@graph": [
                {"@type": "Article", "headline": SOIL, "author": {"name": "Sam Rivers"}},
                {"@type": "WebPage", "name": f"{SOIL} - Allotment Notes"},
            ],
        }
    ),
    body=f"""<header class="wp-block-template-part"><div class="wp-block-group">
<p class="wp-block-site-title"><a href="https://notes.example-garden.org/" rel="home">Allotment Notes</a></p>
<p class="wp-block-site-tagline">Growing things badly since 2019</p>{nav("Blog", "About", "Plots")}
</div></header>
<main class="wp-block-group"><div class="wp-block-group">
<h1 class="wp-block-post-title">{SOIL}</h1>
<div class="wp-block-template-part"><div class="wp-block-group"><p>Written by</p>
<div class="wp-block-post-author-name"><a href="/author/sam/">Sam Rivers</a></div><p>in</p>
<div class="taxonomy-category wp-block-post-terms"><a href="/category/sensors/">Sensors</a></div></div></div>
<div class="wp-block-post-date"><time datetime="2026-03-03T09:12:00+00:00">March 3, 2026</time></div>
<div class="entry-content wp-block-post-content">
{
        paras(
            SOIL_LEAD,
            "The sensors report every ten minutes over a cheap radio link to a laptop in the shed. "
            "After a storm in May the beds nearest the path stayed waterlogged for four days while "
            "the raised beds were dry again by the next evening.",
            "None of this showed up in the weather station's rainfall totals, which is the point.",
        )
    }
<div class="sharedaddy sd-sharing-enabled"><div class="robots-nocontent sd-block sd-social">
<h3 class="sd-title">Share this:</h3><ul><li><a href="?share=facebook">Facebook</a></li>
<li><a href="?share=x">X</a></li></ul></div></div>
<div id="jp-relatedposts" class="jp-relatedposts"><h3 class="jp-relatedposts-headline"><em>Related</em></h3></div>
</div></div></main>
{site_footer("Proudly powered by WordPress")}""",
)

CRANES = "Eastbay port orders six electric cranes to cut diesel use"
CRANES_LEAD = (
    "The harbour board approved a contract on Tuesday for six battery-electric ship-to-shore "
    "cranes, replacing diesel units that have worked the container terminal since the late "
    "1990s. Delivery of the first two is planned for next spring."
)
WP_CLASSIC = doc(
    head=f"<title>{CRANES} &#8211; Port Watchers</title>",
    body=f"""<header id="site-header" class="header-footer-group"><div class="header-inner section-inner">
<div class="header-titles"><div class="site-title faux-heading"><a href="https://www.portwatchers.example/">Port Watchers</a></div>
<div class="site-description">Ships, cranes and the people who move them</div></div>{
        nav("News", "Shipping", "About")
    }</div></header>
<main id="site-content"><article class="post-2211 post type-post status-publish hentry" id="post-2211">
<header class="entry-header has-text-align-center header-footer-group"><div class="entry-header-inner section-inner medium">
<div class="entry-categories"><span class="screen-reader-text">Categories</span>
<div class="entry-categories-inner"><a href="/category/shipping/" rel="category tag">Shipping</a></div></div>
<h1 class="entry-title">{CRANES}</h1>
<div class="post-meta-wrapper post-meta-single post-meta-single-top"><ul class="post-meta">
<li class="post-author meta-wrapper"><span class="meta-text">By <a href="/author/lee/">Lee Tran</a></span></li>
<li class="post-date meta-wrapper"><span class="meta-text"><a href="/2026/02/cranes/">February 27, 2026</a></span></li>
<li class="post-comment-link meta-wrapper"><span class="meta-text"><a href="#comments">2 Comments</a></span></li>
</ul></div></div></header>
<div class="post-inner thin"><div class="entry-content">
{
        paras(
            CRANES_LEAD,
            "The board said the new cranes would cut the terminal's diesel consumption by about a "
            "third. They will draw power from the grid connection installed for ships at berth.",
            "Dock workers' representatives said they supported the change but wanted training "
            "agreed before the first crane arrives.",
        )
    }
</div></div></article></main>
{site_footer("© 2026 Port Watchers. Powered by WordPress.")}""",
)

SYNC = "What we learned building offline-first sync for a field app"
SYNC_LEAD = (
    "Our inspectors spend most of their day in basements, plant rooms and lift shafts, where a "
    "phone signal is a rumour. When we rebuilt the inspection app last year, making it work "
    "without a connection was the first requirement and the one we underestimated most."
)
GHOST = doc(
    head=f"<title>{SYNC}</title>"
    + og("og:site_name", "Field Notes")
    + og("og:title", SYNC)
    + og("og:description", "Conflict resolution turned out to be the easy part.")
    + meta("twitter:title", SYNC)
    + ld({"@context": "https://schema.org", "@type": "Article", "headline": SYNC}),
    body=f"""<header id="gh-head" class="gh-head outer"><div class="gh-head-inner inner">
<div class="gh-head-brand"><a class="gh-head-logo" href="https://field-notes.example.com">Field Notes</a></div>
<nav class="gh-head-menu"><ul class="nav"><li class="nav-home"><a href="https://field-notes.example.com/">Home</a></li>
<li><a href="/tag/engineering/">Engineering</a></li></ul></nav></div></header>
<main id="site-main" class="site-main"><article class="article post tag-engineering">
<header class="article-header gh-canvas">
<div class="article-tag post-card-tags"><span class="post-card-primary-tag"><a href="/tag/engineering/">Engineering</a></span></div>
<h1 class="article-title">{SYNC}</h1>
<p class="article-excerpt">Conflict resolution turned out to be the easy part. Knowing when the device was really offline was not.</p>
<div class="article-byline"><section class="article-byline-content"><ul class="author-list">
<li class="author-list-item"><a href="/author/priya/" class="author-avatar"><img class="author-profile-image" src="/p.jpg" alt="Priya Natarajan"></a></li></ul>
<div class="article-byline-meta"><h4 class="author-name"><a href="/author/priya/">Priya Natarajan</a></h4>
<div class="byline-meta-content"><time class="byline-meta-date" datetime="2026-03-02">Mar 2, 2026</time>
<span class="byline-reading-time"><span class="bull">&bull;</span> 7 min read</span></div></div></section></div>
<figure class="article-image"><img src="/tablet.jpg" alt=""><figcaption>The inspection app on a rugged tablet</figcaption></figure>
</header>
<section class="gh-content gh-canvas">
{
        paras(
            SYNC_LEAD,
            "We started with the textbook approach: a local database, a queue of changes, and a sync "
            "job that runs when the network comes back. The trouble is that the network rarely comes "
            "back cleanly.",
        )
    }
<h2 id="flaky">Flaky is worse than offline</h2>
{
        paras(
            "A phone with one bar of signal reports that it is online, then times out on every request."
        )
    }
</section></article>
<aside class="read-more-wrap outer"><div class="read-more inner"><h3>Read more</h3></div></aside></main>
<footer class="site-footer outer"><div class="inner">Field Notes © 2026 · Published with Ghost</div></footer>""",
)

FLAGS = "Scaling feature flags to a billion checks a day"
FLAGS_LEAD = (
    "Two years ago our feature-flag service answered about four million checks a day. Today it "
    "answers more than a billion, and the part that made that possible was a small in-process "
    "cache that one of us tried to delete in our first week."
)
MEDIUM = doc(
    head=f"<title>{FLAGS} | by Tomás Ortega | Example Engineering | Medium</title>"
    + og("og:title", FLAGS)
    + og("og:site_name", "Medium")
    + meta("twitter:title", FLAGS)
    + meta("description", FLAGS_LEAD[:140]),
    body=f"""<div id="root"><div class="a b c"><div class="d e">
<nav class="f g"><a href="/" aria-label="Homepage"><svg></svg></a><a href="/search">Search</a>
<a href="/m/signin">Sign in</a></nav></div>
<article><div class="h"><section><div class="i j"><div class="k l">
<h1 id="6b1e" class="pw-post-title gr gs gt">{FLAGS}</h1>
<h2 id="9d0c" class="pw-subtitle-paragraph hb gu">How a cache we almost deleted became the most important part of the system</h2>
<div class="hx hy"><div class="speechify-ignore"><div class="ab"><a href="/@tomas" rel="noopener"><img alt="Tomás Ortega" src="/t.png"></a></div>
<div class="ab"><span class="bf b"><a href="/@tomas">Tomás Ortega</a></span><span> · </span><span><a href="/@tomas/follow">Follow</a></span></div>
<div class="ab"><span>Published in</span> <a href="/example-eng">Example Engineering</a></div>
<div class="ab"><span data-testid="storyReadTime">8 min read</span><span>·</span><span data-testid="storyPublishDate">Mar 2, 2026</span></div>
<div class="ab"><button aria-label="clap">412</button><button>Listen</button><button>Share</button></div></div></div>
<figure class="mx my"><img alt="" src="/flags.jpg"><figcaption class="nj">Photo by a colleague</figcaption></figure>
<p id="4c2a" class="pw-post-body-paragraph nk nl">{FLAGS_LEAD}</p>
<p id="77f1" class="pw-post-body-paragraph nk nl">This post is about that cache: why it exists, how it stays correct when a flag changes, and what it costs us in memory on every server.</p>
<h2 id="a9e0" class="ok ol">The first version</h2>
<p id="0b3d" class="pw-post-body-paragraph nk nl">The first version of the service was a thin HTTP API in front of a database table.</p>
</div></div></section></div></article></div></div>""",
)

QUEUE = "The grid queue problem"
QUEUE_DEK = "Why thousands of finished solar projects are waiting for a plug"
QUEUE_LEAD = (
    "There is a spreadsheet, published every quarter by the regional grid operator, that lists "
    "every power project waiting for permission to connect. The latest edition runs to more "
    "than eleven thousand rows, and most of them are solar farms that could be built within a year."
)
SUBSTACK = doc(
    head=f"<title>{QUEUE} - by Hana Kim - Low Voltage</title>"
    + og("og:title", QUEUE)
    + og("og:description", QUEUE_DEK)
    + meta("description", QUEUE_DEK)
    + ld(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": QUEUE,
            "description": QUEUE_DEK,
        }
    ),
    body=f"""<div class="main-menu"><div class="topbar-content"><h1 class="navbar-title">
<a class="navbar-title-link" href="https://lowvoltage.substack.com">Low Voltage</a></h1>
<button>Subscribe</button><button>Sign in</button></div></div>
<div class="single-post-container"><div class="container"><div class="single-post">
<article class="typography newsletter-post post"><div class="post-header">
<h1 dir="auto" class="post-title published">{QUEUE}</h1>
<h3 dir="auto" class="subtitle">{QUEUE_DEK}</h3>
<div class="post-meta"><div class="profile-hover-card-target"><a href="https://substack.com/@hanakim">Hana Kim</a></div>
<div class="post-date">Mar 03, 2026</div></div>
<div class="post-ufi"><a class="like-button" href="#">42</a><a class="post-ufi-button" href="#">5</a><a href="#">Share</a></div></div>
<div class="available-content"><div dir="auto" class="body markup">
{
        paras(
            QUEUE_LEAD,
            "Each row is a promise of electricity that is not flowing. The reason is not money or "
            "permits or supply chains. It is a study, or rather a queue of studies, that each project "
            "must pass before a wire can be run to it.",
        )
    }
<div class="subscription-widget-wrap"><p>Thanks for reading Low Voltage! Subscribe for free to receive new posts and support my work.</p>
<form><input type="email"><button>Subscribe</button></form></div>
{
        paras(
            "The operator studies projects in batches, and a single withdrawal can send a whole batch back to the start."
        )
    }
</div></div></article></div></div></div>""",
)

MAKE = "Why I still use make in 2026"
MAKE_LEAD = (
    "Every few months somebody tells me that make is obsolete, and every few months I open a "
    "new project and type the same four-line Makefile. This post is my attempt to explain why, "
    "without pretending the tool has no flaws."
)
BLOGGER = doc(
    head=f"<title>The Quiet Compiler: {MAKE}</title>"
    + og("og:title", MAKE)
    + og("og:description", MAKE_LEAD[:120]),
    body=f"""<div class="content-outer"><header><div class="header-outer"><div class="region-inner header-inner">
<div class="section" id="header"><div class="widget Header" id="Header1"><div id="header-inner">
<div class="titlewrapper"><h1 class="title"><a href="https://quietcompiler.blogspot.com/">The Quiet Compiler</a></h1></div>
<div class="descriptionwrapper"><p class="description"><span>Notes on build systems and other unfashionable tools</span></p></div>
</div></div></div></div></div></header>
<div class="main-outer"><div class="main-inner"><div class="column-center-inner"><div class="main section" id="main">
<div class="widget Blog" id="Blog1"><div class="blog-posts hfeed">
<div class="date-outer"><h2 class="date-header"><span>Tuesday, March 3, 2026</span></h2>
<div class="date-posts"><div class="post-outer"><div class="post hentry uncustomized-post-template">
<a name="7203841"></a><h3 class="post-title entry-title">{MAKE}</h3>
<div class="post-header"><div class="post-header-line-1"></div></div>
<div class="post-body entry-content" id="post-body-7203841">{MAKE_LEAD}<br /><br />The short
version: make is everywhere, it starts instantly, and it does one thing, running commands when
files are older than other files. Everything else I need I can build on top of that.<br /><br />
<b>What it is bad at</b><br />Recursive builds, anything involving spaces in file names, and
error messages a newcomer can read.<br /><div style="clear: both;"></div></div>
<div class="post-footer"><div class="post-footer-line post-footer-line-1">
<span class="post-author vcard">Posted by <span class="fn">R. Okafor</span></span>
<span class="post-timestamp">at <a class="timestamp-link" href="#">9:14 PM</a></span>
<span class="post-comment-link"><a href="#comments">3 comments</a></span></div>
<div class="post-share-buttons"><a href="#">Email This</a><a href="#">BlogThis!</a><a href="#">Share to X</a></div></div>
</div></div></div></div></div></div></div></div></div></div></div>""",
)

SQLITE = "Running SQLite in production, two years on"
SQLITE_DESCRIPTION = "What went well, what broke, and what I would do again."
SQLITE_LEAD = (
    "Two years ago I moved a small invoicing service from a managed Postgres instance to a "
    "single SQLite file on the application server. I promised myself I would write down what "
    "happened, good and bad, once the novelty wore off."
)
HUGO = doc(
    head=f"<title>{SQLITE} | Julien Moreau</title>"
    + og("og:title", SQLITE)
    + og("og:description", SQLITE_DESCRIPTION)
    + meta("description", SQLITE_DESCRIPTION)
    + ld(
        {
            "@context": "https://schema.org",
            "@type": "BlogPosting",
            "headline": SQLITE,
            "name": SQLITE,
            "description": SQLITE_DESCRIPTION,
        }
    ),
    body=f"""<header class="header"><nav class="nav"><div class="logo">
<a href="https://jmoreau.example.dev/" accesskey="h" title="Julien Moreau (Alt + H)">Julien Moreau</a></div>
<ul id="menu"><li><a href="/posts/"><span>Posts</span></a></li><li><a href="/tags/"><span>Tags</span></a></li></ul></nav></header>
<main class="main"><article class="post-single"><header class="post-header">
<div class="breadcrumbs"><a href="https://jmoreau.example.dev/">Home</a>&nbsp;»&nbsp;<a href="https://jmoreau.example.dev/posts/">Posts</a></div>
<h1 class="post-title entry-hint-parent">{SQLITE}</h1>
<div class="post-description">{SQLITE_DESCRIPTION}</div>
<div class="post-meta"><span title="2026-02-20 00:00:00 +0000 UTC">February 20, 2026</span>&nbsp;·&nbsp;6 min&nbsp;·&nbsp;Julien Moreau</div>
</header>
<div class="toc"><details><summary accesskey="c"><span class="details">Table of Contents</span></summary>
<div class="inner"><ul><li><a href="#why-sqlite">Why SQLite</a></li><li><a href="#backups">Backups</a></li></ul></div></details></div>
<div class="post-content">
{
        paras(
            SQLITE_LEAD,
            "The service handles a few thousand requests an hour, almost all of them reads. It had "
            "been running on the smallest database plan our provider sells, and that plan cost more "
            "than the server itself.",
        )
    }
<h2 id="why-sqlite">Why SQLite</h2>
{paras("Because the data fit in memory twice over, and because I was tired of connection pools.")}
</div><footer class="post-footer"><ul class="post-tags"><li><a href="/tags/sqlite/">sqlite</a></li></ul></footer>
</article></main>""",
)

CORES = "Reading core dumps without a debugger"
CORES_LEAD = (
    "A core dump is just a snapshot of a process’s memory with a small header in front, and "
    "you can learn a surprising amount from one with nothing more than a hex viewer and some "
    "patience."
)
JEKYLL = doc(
    head=f"<title>{CORES} | Aiko’s notebook</title>"
    + og("og:title", CORES)
    + og("og:site_name", "Aiko’s notebook")
    + meta("description", CORES_LEAD[:160])
    + ld({"@context": "https://schema.org", "@type": "BlogPosting", "headline": CORES}),
    body=f"""<header class="site-header" role="banner"><div class="wrapper">
<a class="site-title" rel="author" href="/">Aiko’s notebook</a>
<nav class="site-nav"><a class="page-link" href="/about/">About</a></nav></div></header>
<main class="page-content" aria-label="Content"><div class="wrapper">
<article class="post h-entry" itemscope itemtype="http://schema.org/BlogPosting">
<header class="post-header"><h1 class="post-title p-name" itemprop="name headline">{CORES}</h1>
<p class="post-meta"><time class="dt-published" datetime="2026-01-18T10:00:00+09:00" itemprop="datePublished">Jan 18, 2026</time></p></header>
<div class="post-content e-content" itemprop="articleBody">
{
        paras(
            CORES_LEAD,
            "On Linux the file is an ELF file like any other. Its program headers say which parts of "
            "the address space were saved and where they sit in the file.",
            "Once you can find the stack, the rest is arithmetic.",
        )
    }
</div><a class="u-url" href="/2026/01/18/reading-core-dumps.html" hidden></a></article></div></main>
<footer class="site-footer h-card"><div class="wrapper"><h2 class="footer-heading">Aiko’s notebook</h2></div></footer>""",
)

PAGES = [
    Template(
        "WordPress block theme, Yoast graph, Jetpack share row",
        "https://notes.example-garden.org/2026/03/soil-sensors/",
        WP_BLOCK,
        SOIL,
        SOIL_LEAD,
    ),
    Template(
        "WordPress Twenty Twenty, <title> only, meta list in the header",
        "https://www.portwatchers.example/2026/02/cranes/",
        WP_CLASSIC,
        CRANES,
        CRANES_LEAD,
    ),
    Template(
        "Ghost Casper: excerpt, byline and feature image in the header",
        "https://field-notes.example.com/offline-first-sync/",
        GHOST,
        SYNC,
        SYNC_LEAD,
    ),
    Template(
        "Medium: h2 subtitle, author row, caption",
        "https://medium.com/example-eng/scaling-feature-flags-3f9c2a1b7d4e",
        MEDIUM,
        FLAGS,
        FLAGS_LEAD,
    ),
    Template(
        "Substack: logo h1, h3 subtitle the description repeats",
        "https://lowvoltage.substack.com/p/the-grid-queue-problem",
        SUBSTACK,
        QUEUE,
        QUEUE_LEAD,
    ),
    Template(
        "Blogger: blog-name h1, date h2, post h3, text split by <br>",
        "https://quietcompiler.blogspot.com/2026/03/why-i-still-use-make.html",
        BLOGGER,
        MAKE,
        MAKE_LEAD,
    ),
    Template(
        "Hugo PaperMod: breadcrumbs, description under the title, table of contents",
        "https://jmoreau.example.dev/posts/sqlite-in-production/",
        HUGO,
        SQLITE,
        SQLITE_LEAD,
    ),
    Template(
        "Jekyll minima with jekyll-seo-tag",
        "https://aiko.example.io/2026/01/18/reading-core-dumps.html",
        JEKYLL,
        CORES,
        CORES_LEAD,
    ),
]
