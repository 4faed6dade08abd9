"""Held-out pages, English vendor blogs, docs and notices: a cloud vendor's blog with
author cards, a WordPress developer blog, Docusaurus, MkDocs Material, a security advisory
built as a table, a wire press release, a club site whose <title> is only its name. Our own
text; expectations written before running."""

from __future__ import annotations

from tests.templates import Template, doc, meta, nav, og, paras, site_footer

FAILOVER = "Cutting failover time for managed databases to under ten seconds"
FAILOVER_LEAD = (
    "When a primary database instance fails, every second until a replica takes over is a "
    "second of errors for your users. Over the past year we rebuilt the failover path for our "
    "managed database service, and today the median failover completes in under ten seconds."
)
CLOUD_BLOG = doc(
    head=f"<title>{FAILOVER} | Example Cloud Blog</title>"
    + og("og:title", FAILOVER)
    + og("og:site_name", "Example Cloud Blog")
    + meta("description", FAILOVER_LEAD[:155]),
    body=f"""<header class="site-header"><a href="/blog" class="logo"><img alt="Example Cloud Blog" src="/logo.svg"></a>
{nav("Products", "Solutions", "Pricing")}</header>
<nav aria-label="breadcrumb"><ol><li><a href="/blog/products/databases">Databases</a></li></ol></nav>
<article class="blog-article"><div class="article-header"><h1>{FAILOVER}</h1></div>
<div class="author-block"><div class="author"><img src="/a.jpg" alt=""><div><p class="author-name">Maria Lindqvist</p>
<p class="author-title">Product Manager, Example Cloud</p></div></div>
<div class="author"><img src="/b.jpg" alt=""><div><p class="author-name">Deepak Rao</p>
<p class="author-title">Software Engineer</p></div></div></div>
<div class="published-date">March 3, 2026</div>
<div class="rich-text">
{
        paras(
            FAILOVER_LEAD,
            "Most of the time went into three places: noticing the failure, agreeing that it was "
            "real, and moving the network address. Each of them needed a different fix.",
        )
    }
<h2>Detecting failure faster</h2>{paras("We replaced a fixed health-check interval with a lease.")}
</div></article>{site_footer("© 2026 Example Cloud")}""",
)

CACHE = "Announcing a preview of the shared build cache"
CACHE_LEAD = (
    "Today we are releasing a preview of the shared build cache, which lets every machine on a "
    "team reuse compilation results produced by any other. In our own repositories it has cut "
    "clean build times by more than half."
)
DEV_BLOG = doc(
    head=f"<title>{CACHE} - Example Developer Blogs</title>"
    + og("og:title", f"{CACHE} - Example Tooling Blog")
    + og("og:site_name", "Example Tooling Blog")
    + meta("description", CACHE_LEAD[:150]),
    body=f"""<header id="masthead" class="site-header"><div class="site-branding">
<a href="https://devblogs.example.com/" rel="home">Developer Blogs</a></div>{
        nav("Tooling", "Languages", "Cloud")
    }</header>
<div id="primary" class="content-area"><main id="main" class="site-main">
<article id="post-5512" class="post type-post hentry"><header class="entry-header">
<h1 class="entry-title">{CACHE}</h1>
<div class="entry-meta"><div class="author-info"><img src="/chen.jpg" alt="">
<span class="author-name"><a href="/author/chenwei/">Chen Wei</a></span></div>
<span class="posted-on">March 3rd, 2026</span><span class="reading-time">4 min read</span>
<div class="reactions"><span>0</span><span>1</span></div></div></header>
<div class="entry-content">
{
        paras(
            CACHE_LEAD,
            "The cache stores the outputs of each build step under a key computed from its inputs. "
            "When another machine needs the same step with the same inputs, it downloads the result "
            "instead of running the compiler.",
        )
    }
<h2>Getting started</h2>{
        paras(
            "Install the latest preview of the build tools and add one line to your project file."
        )
    }
</div></article></main></div>{site_footer("© Example Corporation 2026")}""",
)

RETRIES = "Retrying failed jobs"
RETRIES_LEAD = (
    "When a job handler throws an exception or times out, Example Queue does not drop the job. "
    "It schedules another attempt according to the retry policy of the job's queue, waiting a "
    "little longer each time."
)
DOCUSAURUS = doc(
    head=f"<title>{RETRIES} | Example Queue</title>"
    + og("og:title", f"{RETRIES} | Example Queue")
    + meta("description", RETRIES_LEAD[:150] + "…")
    + og("og:description", RETRIES_LEAD[:150] + "…"),
    body=f"""<div id="__docusaurus"><nav aria-label="Main" class="navbar navbar--fixed-top"><div class="navbar__inner">
<div class="navbar__items"><a class="navbar__brand" href="/"><div class="navbar__logo"><img src="/img/logo.svg" alt="Example Queue Logo"></div>
<b class="navbar__title text--truncate">Example Queue</b></a><a class="navbar__item navbar__link" href="/docs/intro">Docs</a>
<a class="navbar__item navbar__link" href="/blog">Blog</a></div></div></nav>
<div class="main-wrapper docsWrapper"><div class="docRoot">
<aside class="theme-doc-sidebar-container"><nav aria-label="Docs sidebar" class="menu thin-scrollbar"><ul class="theme-doc-sidebar-menu menu__list">
<li class="menu__list-item"><a class="menu__link" href="/docs/intro">Introduction</a></li>
<li class="menu__list-item"><a class="menu__link menu__link--active" href="/docs/guides/retries">Retrying failed jobs</a></li></ul></nav></aside>
<main class="docMainContainer"><div class="container padding-top--md padding-bottom--lg"><div class="row"><div class="col docItemCol">
<div class="docItemContainer"><article>
<nav class="theme-doc-breadcrumbs" aria-label="Breadcrumbs"><ul class="breadcrumbs">
<li class="breadcrumbs__item"><a class="breadcrumbs__link" href="/docs/guides">Guides</a></li>
<li class="breadcrumbs__item breadcrumbs__item--active"><span class="breadcrumbs__link">{
        RETRIES
    }</span></li></ul></nav>
<span class="theme-doc-version-badge badge badge--secondary">Version: 3.2</span>
<div class="theme-doc-markdown markdown"><header><h1>{RETRIES}</h1></header>
{
        paras(
            RETRIES_LEAD,
            "The default policy retries a job five times with exponential backoff, starting at one "
            "second. You can change it per queue or per job.",
        )
    }
<h2 class="anchor" id="policy">Choosing a policy<a href="#policy" class="hash-link" title="Direct link to heading">&#8203;</a></h2>
{paras("A policy has three settings: the number of attempts, the first delay and the factor.")}
</div></article>
<nav class="pagination-nav docusaurus-mt-lg" aria-label="Docs pages"><a class="pagination-nav__link" href="/docs/guides/queues">Previous Queues</a></nav>
</div></div></div></div></main></div></div>
<footer class="footer footer--dark"><div class="footer__copyright">Copyright © 2026 Example Queue contributors.</div></footer></div>""",
)

INSTALL = "Installation"
INSTALL_LEAD = (
    "Example CLI is a single static binary with no runtime dependencies. You can install it "
    "with a package manager, download a release archive, or build it from source if you "
    "already have a Go toolchain."
)
MKDOCS = doc(
    head=f"<title>{INSTALL} - Example CLI</title>"
    + '<link rel="canonical" href="https://example-cli.example.org/getting-started/installation/">',
    body=f"""<header class="md-header" data-md-component="header"><nav class="md-header__inner md-grid" aria-label="Header">
<a href=".." title="Example CLI" class="md-header__button md-logo" aria-label="Example CLI"><img src="../assets/logo.png" alt="logo"></a>
<div class="md-header__title" data-md-component="header-title"><div class="md-header__ellipsis">
<div class="md-header__topic"><span class="md-ellipsis">Example CLI</span></div>
<div class="md-header__topic" data-md-component="header-topic"><span class="md-ellipsis">{INSTALL}</span></div></div></div>
<form class="md-search__form" name="search"><input type="text" class="md-search__input" name="query" placeholder="Search"></form></nav></header>
<div class="md-container" data-md-component="container"><main class="md-main" data-md-component="main"><div class="md-main__inner md-grid">
<div class="md-sidebar md-sidebar--primary" data-md-component="sidebar" data-md-type="navigation"><div class="md-sidebar__scrollwrap">
<nav class="md-nav md-nav--primary" aria-label="Navigation"><ul class="md-nav__list"><li class="md-nav__item"><a href=".." class="md-nav__link">Home</a></li>
<li class="md-nav__item md-nav__item--active"><a href="./" class="md-nav__link md-nav__link--active">{INSTALL}</a></li></ul></nav></div></div>
<div class="md-content" data-md-component="content"><article class="md-content__inner md-typeset">
<a href="https://github.com/example/cli/edit/main/docs/getting-started/installation.md" title="Edit this page" class="md-content__button md-icon"><svg viewBox="0 0 24 24"><path d="M10"/></svg></a>
<h1 id="installation">{INSTALL}<a class="headerlink" href="#installation" title="Permanent link">&para;</a></h1>
{paras(INSTALL_LEAD)}
<div class="admonition note"><p class="admonition-title">Note</p><p>Windows users should use the zip archive; the installer script needs a POSIX shell.</p></div>
<h2 id="with-a-package-manager">With a package manager<a class="headerlink" href="#with-a-package-manager" title="Permanent link">&para;</a></h2>
{paras("On macOS and Linux, the tap gives you updates with the rest of your tools.")}
</article></div></div></main>
<footer class="md-footer"><div class="md-copyright">Made with Material for MkDocs</div></footer></div>""",
)

ADVISORY = "ESA-2026-004: Path traversal in Example File Server"
ADVISORY_LEAD = (
    "A path traversal flaw in the upload handler of Example File Server allows an authenticated "
    "user to write files outside the configured storage directory. Version 4.2.4 fixes the issue."
)
ADVISORY_PAGE = doc(
    head=f"<title>{ADVISORY} | Example Software Security</title>",
    body=f"""<div class="topbar"><a href="/" class="brand">Example Software Security</a>{
        nav("Advisories", "Report")
    }</div>
<main><h1>{ADVISORY}</h1>
<table class="advisory"><tbody>
<tr><th>Advisory ID</th><td>ESA-2026-004</td></tr><tr><th>Severity</th><td>High</td></tr>
<tr><th>CVE</th><td>CVE-2026-12345</td></tr><tr><th>Affected versions</th><td>4.0.0 to 4.2.3</td></tr>
<tr><th>Published</th><td>2026-03-03</td></tr>
<tr><th>Summary</th><td>{ADVISORY_LEAD}</td></tr></tbody></table>
<h2>Details</h2>{
        paras(
            "The handler joined the uploaded file name to the storage path without removing parent "
            "directory references. A user with upload rights could overwrite configuration files."
        )
    }
<h2>Credit</h2>{paras("Reported by an external researcher through our disclosure programme.")}
</main>""",
)

PLANT = "Example Robotics Opens Second Assembly Plant in Ohio"
PLANT_LEAD = (
    "COLUMBUS, Ohio, March 3, 2026 /PRWire/ -- Example Robotics, Inc. today announced the "
    "opening of its second assembly plant, a 200,000-square-foot facility that will build "
    "warehouse robots for customers in North America."
)
PRESS_RELEASE = doc(
    head=f"<title>{PLANT}</title>"
    + og("og:title", PLANT)
    + og("og:site_name", "PRWire")
    + meta("description", PLANT_LEAD[:160]),
    body=f"""<header class="header"><a href="/" class="logo"><img alt="PRWire" src="/l.svg"></a>{
        nav("News", "Journalists", "Send a release")
    }</header>
<main><div class="release"><header class="release-header"><h1>{PLANT}</h1>
<h2 class="subtitle">New facility to add 400 jobs by 2028</h2></header>
<div class="release-meta"><p class="mb-no">NEWS PROVIDED BY</p><p><a href="/news/example-robotics">Example Robotics, Inc.</a></p>
<p class="mb-no">Mar 03, 2026, 08:00 ET</p></div>
<div class="release-body">
{
        paras(
            PLANT_LEAD,
            "The plant, in a former distribution centre east of the city, will employ 150 people at "
            "opening and 400 by 2028, the company said.",
            "&quot;Our customers want robots built close to where they are used,&quot; said the company's chief executive.",
        )
    }
<p>SOURCE Example Robotics, Inc.</p></div></div></main>{site_footer("© 2026 PRWire")}""",
)

COMET = "Comet night moved to the 14th"
COMET_LEAD = (
    "Because of the forecast for the weekend, our public comet-watching evening at the north "
    "field has moved from Saturday the 7th to Saturday the 14th, same time, same place."
)
CLUB = doc(
    head="<title>Lakeside Astronomy Club</title>",
    body=f"""<div id="header"><h1>Lakeside Astronomy Club</h1></div>
<div id="menu"><a href="index.html">Home</a> | <a href="news.html">News</a> | <a href="join.html">Join</a></div>
<div id="main"><h2>{COMET}</h2><p class="date">Posted 2 March 2026</p>
{
        paras(
            COMET_LEAD,
            "Bring warm clothes and a red torch. Members will have three telescopes set up from 8pm, "
            "and the comet should be visible to the naked eye by half past nine if the sky is clear.",
        )
    }
<h2>Spring talks</h2>{paras("Our spring talks start in April in the village hall.")}</div>
<div id="footer">Lakeside Astronomy Club, registered charity.</div>""",
)

PAGES = [
    Template(
        "vendor blog: logo link, breadcrumb, author cards with job titles",
        "https://cloud.example.com/blog/products/databases/faster-failover",
        CLOUD_BLOG,
        FAILOVER,
        FAILOVER_LEAD,
    ),
    Template(
        "developer blog: og:title with another blog name, entry-meta",
        "https://devblogs.example.com/tooling/build-cache-preview/",
        DEV_BLOG,
        CACHE,
        CACHE_LEAD,
    ),
    Template(
        "Docusaurus docs: navbar title, breadcrumbs, version badge",
        "https://docs.example-queue.dev/docs/guides/retries",
        DOCUSAURUS,
        RETRIES,
        RETRIES_LEAD,
    ),
    Template(
        "MkDocs Material: no og tags, header topic, permalink ¶, admonition",
        "https://example-cli.example.org/getting-started/installation/",
        MKDOCS,
        INSTALL,
        INSTALL_LEAD,
    ),
    Template(
        "security advisory built as a table",
        "https://security.example-soft.com/advisories/ESA-2026-004",
        ADVISORY_PAGE,
        ADVISORY,
        ADVISORY_LEAD,
    ),
    Template(
        "press release: subtitle h2, 'news provided by', dateline in the paragraph",
        "https://www.prwire.example/news-releases/example-robotics-plant-302112345.html",
        PRESS_RELEASE,
        PLANT,
        PLANT_LEAD,
    ),
    Template(
        "<title> only the club's name, h1 the name, headline an h2",
        "http://www.lakeside-astronomy.example/news/comet.html",
        CLUB,
        COMET,
        COMET_LEAD,
    ),
]
