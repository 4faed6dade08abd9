"""Held-out pages, English news: a wire story with data-testid parts, a broadcaster's
data-component blocks, a headline only in JSON-LD, a logo h1 among many h1s, a shortened
og:title, a byline glued before the lead, related and gallery lines, AMP, a date in the
title. Our own text; expectations written before running."""

from __future__ import annotations

from tests.templates import Template, doc, ld, meta, nav, og, paras, site_footer

REFINERS = "Asian refiners cut runs as margins slump to two-year low"
REFINERS_LEAD = (
    "SINGAPORE, March 3 (Sample Wire) - Several Asian refiners are cutting processing rates "
    "this month as margins for diesel and gasoline slid to their lowest in two years, according "
    "to trade sources and company statements."
)
WIRE = doc(
    head=f"<title>{REFINERS} | Sample Wire</title>"
    + og("og:title", REFINERS)
    + og("og:site_name", "Sample Wire")
    + meta("description", REFINERS_LEAD[37:190]),
    body=f"""<header class="site-header"><a href="/" aria-label="Sample Wire home"><svg><title>Sample Wire</title></svg></a>
{nav("World", "Business", "Markets")}</header>
<main id="main-content"><article class="article"><header class="article-header">
<div data-testid="Breadcrumb"><a href="/business/">Business</a><a href="/business/energy/">Energy</a></div>
<h1 data-testid="Heading">{REFINERS}</h1>
<div data-testid="AuthorByline">By <a href="/authors/kenji-ito/">Kenji Ito</a> and <a href="/authors/laura-benett/">Laura Benett</a></div>
<time data-testid="DateLineText" datetime="2026-03-03T07:41:00Z">March 3, 2026 7:41 AM UTC<span>Updated 2 hours ago</span></time></header>
<figure><img src="/refinery.jpg" alt="A refinery"><figcaption>A refinery at dusk in an undated file photo. SAMPLE WIRE/File Photo</figcaption></figure>
<div data-testid="ArticleBody" class="article-body">
<div data-testid="paragraph-0" class="text__paragraph">{REFINERS_LEAD}</div>
<div data-testid="paragraph-1" class="text__paragraph">Refiners in South Korea and Taiwan have reduced runs by between 5% and 10%, two sources with knowledge of the plans said, declining to be named because they were not authorised to speak to media.</div>
<div data-testid="paragraph-2" class="text__paragraph">Reporting by Kenji Ito and Laura Benett; Editing by Sam Holt</div></div>
<div class="trust"><a href="/principles">Our Standards: The Sample Wire Trust Principles.</a></div>
</article></main>{site_footer("© 2026 Sample Wire. All rights reserved.")}""",
)

BEES = "Bees learn to count to five, study suggests"
BEES_LEAD = (
    "Bumblebees can be trained to tell apart groups of up to five objects, according to "
    "researchers who spent two summers rewarding them with sugar water."
)
BROADCASTER = doc(
    head=f"<title>{BEES} - Sample News</title>"
    + og("og:title", BEES)
    + og("og:site_name", "Sample News")
    + meta("description", BEES_LEAD),
    body=f"""<header role="banner"><a href="/" class="logo"><svg><title>Sample</title></svg></a>{nav("Home", "News", "Sport")}</header>
<main id="main-content"><article>
<header data-component="headline-block"><h1 id="main-heading" tabindex="-1">{BEES}</h1></header>
<div data-component="byline-block"><div><span>By Amara Osei</span><span>Science correspondent</span></div></div>
<figure data-component="image-block"><img src="/bee.jpg" alt="A bumblebee"><figcaption>Bees were shown cards with different numbers of dots</figcaption></figure>
<div data-component="text-block"><p><b>{BEES_LEAD}</b></p></div>
<div data-component="text-block"><p>The insects learned to pick the card with the right number of dots even when the dots changed size and colour, the team reports in a journal paper published on Tuesday.</p></div>
<div data-component="links-block"><ul><li><a href="/news/science-1">Why are bees disappearing?</a></li></ul></div>
</article></main>{site_footer("Copyright 2026 Sample. The Sample is not responsible for the content of external sites.")}""",
)

LIBRARY = "Library extends weekend hours after petition"
LIBRARY_LEAD = (
    "The county library will open its main branch on Sunday afternoons from April, after more "
    "than two thousand residents signed a petition asking for longer weekend hours."
)
LD_ONLY = doc(
    head="<title>The Valley Herald</title>"
    + ld(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": LIBRARY,
            "datePublished": "2026-03-02",
            "author": {"@type": "Person", "name": "Rosa Delgado"},
        }
    ),
    body=f"""<div class="masthead"><a href="/"><img alt="The Valley Herald" src="/logo.gif"></a></div>
<div class="nav"><a href="/local">Local</a> <a href="/sports">Sports</a> <a href="/opinion">Opinion</a></div>
<div class="story"><div class="story-title">{LIBRARY}</div>
<div class="story-meta">By Rosa Delgado · March 2, 2026</div>
<div class="story-body">{
        paras(
            LIBRARY_LEAD,
            "The branch will open from 1pm to 5pm on Sundays for a trial period of six months, the "
            "library board decided at its meeting on Thursday. Staff will work the extra hours on a "
            "voluntary basis, paid at the weekend rate.",
            "Board members said they would look at visitor numbers in the autumn before deciding whether to keep the hours.",
        )
    }</div></div>
<div class="footer">© 2026 The Valley Herald</div>""",
)

INKLINE = "Inkline X2 review: the basics, done right"
INKLINE_LEAD = (
    "The Inkline X2 is not the thinnest e-reader you can buy, nor the cheapest, but after three "
    "weeks of carrying it everywhere it is the one I would recommend to most people who simply "
    "want to read."
)
MANY_H1 = doc(
    head=f"<title>{INKLINE} | Riverside Tech</title>"
    + og("og:title", INKLINE)
    + og("og:site_name", "Riverside Tech"),
    body=f"""<header><h1 class="site-logo"><a href="/"><img src="/logo.png" alt="Riverside Tech"></a></h1>{
        nav("Reviews", "News", "Deals")
    }</header>
<div class="layout"><main><article class="review">
<p class="kicker">Review</p><h1>{INKLINE}</h1>
<p class="byline">By Ola Nordmann · March 1, 2026</p>
<div class="rating" aria-label="Rating">4 out of 5</div>
<div class="verdict"><ul class="pros"><li>Even, warm front light</li><li>Physical page buttons</li></ul>
<ul class="cons"><li>Slow to wake from sleep</li></ul></div>
<div class="review-body">{
        paras(
            INKLINE_LEAD,
            "Its screen is the same size as last year's model, but the front light is more even, and "
            "the page-turn buttons that were removed two generations ago are back.",
        )
    }</div>
</article></main>
<aside class="sidebar"><h1>Most read</h1><ol><li><a href="/a">Five cheap keyboards, tested</a></li></ol>
<h1>Newsletter</h1><p>Get our reviews in your inbox every Friday.</p></aside></div>""",
)

FARES = "City transit to cap weekly fares at $25, with free transfers from July"
FARES_LEAD = (
    "The regional transit board voted 7-2 on Tuesday to cap what riders pay for bus and train "
    "trips at $25 a week, a change officials said would mostly help people who cannot afford a "
    "monthly pass up front."
)
SHORT_OG = doc(
    head="<title>City transit to cap weekly fares at $25 | Metro Ledger</title>"
    + og("og:title", "City transit to cap weekly fares at $25")
    + og("og:site_name", "Metro Ledger")
    + meta(
        "description",
        "Riders who pay per trip will never spend more than $25 a week under the plan approved Tuesday.",
    ),
    body=f"""<header><a href="/" class="brand">Metro Ledger</a>{
        nav("City", "Region", "Business")
    }</header>
<main><article><h1 class="headline">{FARES}</h1>
<p class="dek">Riders who pay per trip will never spend more than $25 a week under the plan approved Tuesday.</p>
<p class="byline">By Noor Haddad</p><p class="timestamp">March 3, 2026 at 6:05 p.m.</p>
{
        paras(
            FARES_LEAD,
            "Under the plan, trips beyond the cap in a given week will be free. Transfers between bus "
            "and rail within ninety minutes will also be free from July 1.",
        )
    }
</article></main>""",
)

FIBER = "Fiber reaches the north end"
FIBER_LEAD = (
    "After eighteen months of trenching, the last houses on the north end were connected to the "
    "co-op's fiber network on Friday, finishing the build the members voted for in 2024."
)
GLUED_BYLINE = doc(
    head=f"<title>{FIBER} | Smalltown Net Co-op</title>",
    body=f"""<div id="top"><a href="/"><img src="/coop.png" alt="Smalltown Net Co-op"></a></div>
<div id="content"><h2 class="title">{FIBER}</h2>
<div class="post"><p><em>Posted by Gail Simmons on March 1, 2026</em><br>{FIBER_LEAD}</p>
{
        paras(
            "Members on the north end can book their installation through the office. There is no "
            "charge for the connection itself, only for the first month of service.",
            "Thanks to everyone who put up with the road works.",
        )
    }</div></div>""",
)

PIER = "Historic pier reopens after storm repairs"
PIER_LEAD = (
    "The town's Victorian pier reopened to walkers on Saturday, fourteen months after winter "
    "storms tore away a section of its deck and forced engineers to close it."
)
RELATED_LINES = doc(
    head=f"<title>{PIER} - The Coastal Post</title>" + og("og:title", PIER),
    body=f"""<header><a href="/">The Coastal Post</a>{nav("News", "Sport", "What's on")}</header>
<main><article><h1>{PIER}</h1><div class="byline">By Tom Reyes</div>
<p><strong>RELATED:</strong> <a href="/news/2025/01/storm-damage">Storm damage: what the council plans to fix first</a></p>
<p><a href="/gallery/pier">PHOTOS: The pier, before and after</a></p>
{
        paras(
            PIER_LEAD,
            "About three hundred people queued at the gates before the ribbon was cut. The repairs "
            "cost £2.1 million, most of it paid by a government coastal fund.",
        )
    }
</article></main>""",
)

MEALS = "Free school meals expand to all primary pupils"
MEALS_LEAD = (
    "Every primary school pupil in the region will be offered a free hot lunch from September, "
    "the council confirmed on Monday, extending a scheme that until now covered only the "
    "youngest three year groups."
)
AMP = doc(
    attrs=" ⚡",
    head=f'<script async src="https://cdn.ampproject.org/v0.js"></script>'
    f'<link rel="canonical" href="https://www.northgazette.example/2026/03/03/school-meals">'
    f"<title>{MEALS} | North Gazette</title><style amp-custom>body{{margin:0}}</style>"
    + ld(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": MEALS,
            "publisher": {"@type": "Organization", "name": "North Gazette"},
        }
    ),
    body=f"""<header class="amp-header"><a href="/"><amp-img src="/logo.png" width="120" height="30" alt="North Gazette"></amp-img></a>
<button on="tap:menu.toggle">Menu</button></header>
<amp-sidebar id="menu" layout="nodisplay"><ul><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li></ul></amp-sidebar>
<article><h1 class="amp-title">{MEALS}</h1>
<div class="amp-byline"><span class="author">By Callum Reid</span> <time datetime="2026-03-03">3 March 2026</time></div>
<amp-img src="/meals.jpg" width="800" height="450" layout="responsive" alt="Pupils at lunch"></amp-img>
<p class="amp-caption">Pupils at a primary school in the region. Photo: North Gazette</p>
<div class="amp-article-body"><amp-ad width="300" height="250" type="doubleclick" data-slot="/1/news"></amp-ad>
{
        paras(
            MEALS_LEAD,
            "The council said the expansion would cost about £9 million a year and would be paid for "
            "from its education budget.",
        )
    }
<amp-social-share type="twitter"></amp-social-share><amp-social-share type="email"></amp-social-share></div>
</article>""",
)

LANES = "Council approves new bike lanes on Main Street"
LANES_LEAD = (
    "Main Street will get protected bike lanes in both directions by the end of the summer after "
    "the town council approved the plan 5-2 on Monday night, ending a debate that ran for most "
    "of last year."
)
DATE_TITLE = doc(
    head=f"<title>2026-03-03: {LANES} - Townsville Today</title>"
    + og("og:title", f"{LANES} (March 3, 2026)"),
    body=f"""<header><a href="/">Townsville Today</a>{nav("Local", "Schools", "Events")}</header>
<main><article><h1>{LANES}</h1><p class="meta">March 3, 2026 · Local</p>
{
        paras(
            LANES_LEAD,
            "Parking on the east side of the street will be removed between Oak and Fifth to make room "
            "for the lanes. Businesses there will get two loading zones.",
        )
    }</article></main>""",
)

PAGES = [
    Template(
        "wire story: data-testid parts, caption, dateline in the paragraph",
        "https://www.samplewire.example/business/energy/refiners-cut-runs-2026-03-03/",
        WIRE,
        REFINERS,
        REFINERS_LEAD,
    ),
    Template(
        "broadcaster: data-component blocks, bold intro paragraph",
        "https://www.samplebroadcast.example/news/science-12345678",
        BROADCASTER,
        BEES,
        BEES_LEAD,
    ),
    Template(
        "headline only in JSON-LD, <title> the paper's name",
        "https://www.valleyherald.example/story/8812",
        LD_ONLY,
        LIBRARY,
        LIBRARY_LEAD,
    ),
    Template(
        "logo h1, article h1, sidebar h1s; kicker, rating and verdict lists",
        "https://www.riverside-tech.example/reviews/inkline-x2",
        MANY_H1,
        INKLINE,
        INKLINE_LEAD,
    ),
    Template(
        "og:title shortened, dek, byline and timestamp paragraphs",
        "https://www.metroledger.example/2026/03/03/city/transit-fare-cap",
        SHORT_OG,
        FARES,
        FARES_LEAD,
    ),
    Template(
        "old CMS: h2 headline, 'Posted by' glued before the lead by <br>",
        "https://www.smalltownnet.example/blog/fiber-reaches-north-end",
        GLUED_BYLINE,
        FIBER,
        FIBER_LEAD,
    ),
    Template(
        "RELATED and PHOTOS link lines before the lead",
        "https://www.coastalpost.example/news/2026/03/pier-reopens",
        RELATED_LINES,
        PIER,
        PIER_LEAD,
    ),
    Template(
        "AMP page: amp-img logo, caption paragraph, amp-ad",
        "https://www.northgazette.example/amp/2026/03/03/school-meals",
        AMP,
        MEALS,
        MEALS_LEAD,
    ),
    Template(
        "a date before the headline in <title>, after it in og:title",
        "https://www.townsvilletoday.example/2026/03/03/bike-lanes",
        DATE_TITLE,
        LANES,
        LANES_LEAD,
    ),
]
