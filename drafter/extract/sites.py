"""Per-site profiles, as data: which label a site gets, how its headline and lead read.

Adding a site is adding one ``SiteProfile`` to ``PROFILES``. Hosts match exactly or as a
subdomain suffix, the longest match winning (``cloud.watch.impress.co.jp`` before
``watch.impress.co.jp``). Selectors are CSS for selectolax's lexbor parser; every list is
tried in order and may match nothing, in which case the generic rules take over.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache


@dataclass(frozen=True)
class SiteProfile:
    """How drafter reads one site."""

    name: str  # an identifier for logs and tests
    hosts: tuple[str, ...]
    label: str | None  # shown as （label） after the headline; None: no label (AWS's own pages)
    aliases: tuple[str, ...] = ()  # other names the site uses in titles, og:site_name, credits
    title_patterns: tuple[str, ...] = ()  # regexes cut from the headline (suffixes, prefixes)
    title_selectors: tuple[str, ...] = ()
    lead_selectors: tuple[str, ...] = ()  # containers holding the article's paragraphs
    drop_selectors: tuple[str, ...] = ()  # never quoted: captions, bylines, boxes in the body
    syndicates: bool = False  # carries other publishers' articles; label by the provider
    credit_selectors: tuple[str, ...] = ()  # where a syndicating page names the provider

    @property
    def names(self) -> tuple[str, ...]:
        """Every spelling of the site's name, the label first."""
        return ((self.label,) if self.label else ()) + self.aliases


def _impress(sub: str, label: str, *aliases: str) -> SiteProfile:
    """Impress Watch sites share one CMS: same body containers, same title suffixes."""
    return SiteProfile(
        name=f"impress-{sub}",
        hosts=(f"{sub}.watch.impress.co.jp",) if sub != "www" else ("www.watch.impress.co.jp",),
        label=label,
        aliases=aliases,
        lead_selectors=("div.main-contents", "div.mainContents", "article .contents"),
        drop_selectors=(".image-frame", ".caption", "figcaption", ".photo-caption", ".credit"),
    )


PROFILES: tuple[SiteProfile, ...] = (
    SiteProfile(
        name="publickey",
        hosts=("publickey1.jp",),
        label="Publickey",
        title_patterns=(r"\s+-\s+Publickey\s*$",),
        lead_selectors=("div.entrybody", "#maincol"),
    ),
    SiteProfile(
        name="infoq",
        hosts=("infoq.com",),
        label="InfoQ",
        aliases=("InfoQ Japan",),
        lead_selectors=("div.article__data", "div.article__content"),
        drop_selectors=(".article__author", ".author-section-full", ".related__group"),
    ),
    SiteProfile(
        name="aws",
        hosts=("aws.amazon.com",),
        label=None,
        aliases=("Amazon Web Services", "AWS", "Amazon Web Services ブログ", "AWS News Blog"),
        title_patterns=(r"\s*[|｜]\s*(Amazon Web Services|AWS)\b.*$",),
        lead_selectors=(
            "section[property='articleBody']",
            "section.blog-post-content",
            "div.blog-post-content",
            "#aws-page-content main",
        ),
        drop_selectors=(".blog-post-meta", "footer"),
    ),
    SiteProfile(
        name="nikkei-xtech",
        hosts=("xtech.nikkei.com",),
        label="日経XTECH",
        aliases=("日経クロステック（xTECH）", "日経クロステック", "日経xTECH", "日経 xTECH"),
        title_patterns=(r"\s*[｜|:：]\s*日経(クロステック|xTECH|XTECH).*$",),
        lead_selectors=("div.p-article_body", "div.article-body", "#kiji", "article"),
        drop_selectors=(".p-article_caption", ".caption", "figcaption", ".p-article_author"),
    ),
    _impress("cloud", "クラウドWatch", "クラウド Watch"),
    _impress("pc", "PC Watch"),
    _impress("internet", "INTERNET Watch"),
    _impress("k-tai", "ケータイ Watch"),
    _impress("av", "AV Watch"),
    _impress("game", "GAME Watch"),
    _impress("dc", "デジカメ Watch"),
    _impress("car", "Car Watch"),
    _impress("forest", "窓の杜"),
    _impress("akiba-pc", "AKIBA PC Hotline!"),
    _impress("kaden", "家電 Watch"),
    _impress("www", "Impress Watch"),
    SiteProfile(
        name="itmedia",
        hosts=("itmedia.co.jp",),
        label="ITmedia",
        aliases=(
            "ITmedia NEWS",
            "ITmedia エンタープライズ",
            "ITmedia ビジネスオンライン",
            "ITmedia Mobile",
            "ITmedia PC USER",
            "ITmedia AI＋",
            "ITmedia",
        ),
        title_patterns=(r"\s+-\s+ITmedia\b.*$",),
        lead_selectors=("#cmsBody .inner", "#cmsBody"),
        drop_selectors=("#byline", "#cmsByline", ".ctx", "#cmsAbstract", ".cmsBodyRelated"),
    ),
    SiteProfile(
        name="atmarkit",
        hosts=("atmarkit.itmedia.co.jp",),
        label="＠IT",
        aliases=("@IT",),
        lead_selectors=("#cmsBody .inner", "#cmsBody"),
        drop_selectors=("#byline", "#cmsByline", "#cmsAbstract"),
    ),
    SiteProfile(
        name="yahoo-news",
        hosts=("news.yahoo.co.jp", "headlines.yahoo.co.jp"),
        label="Yahoo!ニュース",
        aliases=("Yahoo!ニュース", "Yahoo! JAPAN ニュース"),
        title_patterns=(r"\s*[-－|｜]\s*Yahoo!ニュース\s*$",),
        lead_selectors=(
            "p.ynDetailText",
            "div.article_body",
            "div[class*='articleBody']",
            ".highLightSearchTarget",
        ),
        syndicates=True,
        credit_selectors=(".ynDetailHeading .source", "a[data-ual-gotocontent]", ".source"),
    ),
    SiteProfile(
        name="qiita",
        hosts=("qiita.com",),
        label="Qiita",
        lead_selectors=("section.it-MdContent", "#personal-public-article-body"),
    ),
    SiteProfile(
        name="cnet-japan",
        hosts=("japan.cnet.com",),
        label="CNET Japan",
        lead_selectors=("div.article_body",),
        drop_selectors=(".article_body_caption", ".caption"),
    ),
    SiteProfile(
        name="mynavi",
        hosts=("news.mynavi.jp",),
        label="マイナビニュース",
        aliases=("TECH+（テックプラス）", "TECH+", "マイナビニュース"),
        lead_selectors=("#js-articleBody", "div.article-body"),
        drop_selectors=(".article-image", ".photo_table", "figcaption"),
    ),
    SiteProfile(
        name="wired-jp",
        hosts=("wired.jp",),
        label="WIRED.jp",
        lead_selectors=("div.body__inner-container", "article .body"),
    ),
    SiteProfile(
        name="engadget-jp",
        hosts=("japanese.engadget.com",),
        label="Engadget 日本版",
        aliases=("Engadget Japanese", "Engadget JP"),
        lead_selectors=("div.article-text", "#page_body"),
        drop_selectors=(".gallery", "[class*='slideshow']"),
    ),
    SiteProfile(
        name="scan-netsecurity",
        hosts=("scan.netsecurity.ne.jp",),
        label="ScanNetSecurity",
        # The body is filled in by script; the summary paragraph is the lead as printed.
        lead_selectors=("p.arti-summary", "article.arti-body"),
    ),
    SiteProfile(
        name="iij-techlog",
        hosts=("techlog.iij.ad.jp",),
        label="IIJ てくろぐ",
        aliases=("てくろぐ",),
        lead_selectors=("div.entry-content",),
    ),
    SiteProfile(
        name="elecom",
        hosts=("elecom.co.jp",),
        label="エレコム",
        title_patterns=(r"^\s*\[(News|ニュース)\]\s*",),
    ),
    SiteProfile(
        name="codezine",
        hosts=("codezine.jp",),
        label="CodeZine",
        aliases=("CodeZine（コードジン）",),
        lead_selectors=("div.topSection", "#article_body_block"),
    ),
    SiteProfile(
        name="thinkit",
        hosts=("thinkit.co.jp",),
        label="Think IT",
        aliases=("Think IT（シンクイット）",),
        lead_selectors=("div.field-name-body", "article.node"),
    ),
    SiteProfile(
        name="moongift", hosts=("moongift.jp",), label="MOONGIFT", lead_selectors=("div.post_body",)
    ),
    SiteProfile(
        name="phpspot",
        hosts=("phpspot.org",),
        label="phpspot開発日誌",
        lead_selectors=("div.entrybody",),
    ),
    SiteProfile(
        name="auone",
        hosts=("article.auone.jp",),
        label="au Webポータル",
        lead_selectors=("div.article__container",),
    ),
    SiteProfile(
        name="mainichi",
        hosts=("mainichi.jp",),
        label="毎日新聞",
        lead_selectors=("#articledetail-body", "section.articledetail-body"),
    ),
    SiteProfile(
        name="techcrunch",
        hosts=("techcrunch.com",),
        label="TechCrunch",
        lead_selectors=("div.entry-content", "div.article-content"),
    ),
    SiteProfile(
        name="theverge",
        hosts=("theverge.com",),
        label="The Verge",
        lead_selectors=("div.duet--article--article-body-component-container", "#content"),
    ),
    SiteProfile(
        name="engadget",
        hosts=("engadget.com",),
        label="Engadget",
        lead_selectors=("#page_body", "div.caas-body"),
    ),
    SiteProfile(
        name="github-blog",
        hosts=("github.blog",),
        label="The GitHub Blog",
        lead_selectors=("div.post__content",),
    ),
    SiteProfile(name="v8", hosts=("v8.dev",), label="V8 blog", aliases=("V8",)),
    SiteProfile(
        name="stackoverflow-blog",
        hosts=("stackoverflow.blog",),
        label="Stack Overflow Blog",
        lead_selectors=("div.m-post-content",),
    ),
    SiteProfile(
        name="google-blog",
        hosts=("blog.google",),
        label="Google Blog",
        aliases=("The Keyword", "Google"),
        lead_selectors=("div.uni-blog-article-container .rich-text",),
    ),
    SiteProfile(name="phoronix", hosts=("phoronix.com",), label="Phoronix"),
    SiteProfile(name="hackernoon", hosts=("hackernoon.com",), label="HackerNoon"),
    SiteProfile(
        name="lemire",
        hosts=("lemire.me",),
        label="Daniel Lemire's blog",
        lead_selectors=("div.entry-content",),
    ),
    SiteProfile(
        name="venturebeat",
        hosts=("venturebeat.com",),
        label="VentureBeat",
        lead_selectors=("div.article-content",),
    ),
    SiteProfile(
        name="restofworld",
        hosts=("restofworld.org",),
        label="Rest of World",
        lead_selectors=("div.post-content",),
    ),
)


def normalise_host(host: str) -> str:
    """Lower-case, without port, trailing dot or ``www.``-insensitive quirks."""
    host = host.strip().lower().rstrip(".")
    if host.startswith("[") or host.count(":") > 1:
        return host
    return host.split(":", 1)[0]


@cache
def _by_host() -> dict[str, SiteProfile]:
    return {host: profile for profile in PROFILES for host in profile.hosts}


def profile_for(host: str, extra: Sequence[SiteProfile] = ()) -> SiteProfile | None:
    """The profile for a host, matched exactly or as a subdomain (longest host wins);
    `extra` (the site's own, from drafter.toml) comes before the built-in ones."""
    host = normalise_host(host)
    for table in ({h: p for p in extra for h in p.hosts}, _by_host()):
        candidate = host
        while candidate:
            if candidate in table:
                return table[candidate]
            _, _, candidate = candidate.partition(".")
    return None


def name_key(name: str) -> str:
    """A site name reduced for comparison: NFKC, case-folded, no spaces or punctuation."""
    text = unicodedata.normalize("NFKC", name).casefold()
    return "".join(ch for ch in text if ch.isalnum())


def profile_for_provider(provider: str) -> SiteProfile | None:
    """The profile whose label or alias names a syndicated article's provider."""
    key = name_key(provider)
    if not key:
        return None
    for profile in PROFILES:
        if profile.syndicates:
            continue
        for name in profile.names:
            if key == name_key(name):
                return profile
    return None


@cache
def title_regexes(profile: SiteProfile) -> tuple[re.Pattern[str], ...]:
    """The profile's title patterns, compiled once."""
    return tuple(re.compile(pattern) for pattern in profile.title_patterns)
