"""The names a site goes by: its profile's, its og:site_name, its host and domain, and the
headings its own chrome shows (a logo, a site title, a book's menu title). A piece of a title
that is one of these names is decoration, and a heading that is one is no headline."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from drafter.extract.decoration import SEPARATOR, names_organisation, reads_as_name
from drafter.extract.sites import name_key, normalise_host
from drafter.profiles import SiteProfile

_NAME_WORDS = 6  # a site's name is a few words
_GENERIC_HOST_LABELS = frozenset({"www", "m", "news", "blog", "blogs", "jp", "en", "ja"})
_SECOND_LEVEL = frozenset({"co", "ne", "or", "ac", "ad", "go", "ed", "gr", "lg", "com", "org"})
_CHROME_HEADINGS = 24  # of the page's first h1s and h2s


def host_brand(host: str) -> str | None:
    """The registrable name of a host: ``www.publickey1.jp`` → ``publickey1``."""
    labels = [part for part in normalise_host(host).split(".") if part]
    if len(labels) < 2:
        return None
    index = -3 if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL else -2
    brand = labels[index]
    return None if brand in _GENERIC_HOST_LABELS else brand


def brand_keys(
    profile: SiteProfile | None, site_names: Sequence[str], host: str
) -> tuple[str, ...]:
    """Every name the site goes by (its profile's, those its metadata gives, its host's),
    reduced with ``name_key``."""
    names: list[str] = list(profile.names) if profile else []
    for site_name in site_names:
        names.append(site_name)
        names.extend(SEPARATOR.split(site_name))
    keys = {name_key(name) for name in names}
    brand = host_brand(host)
    if brand:
        keys.add(name_key(brand))
        # the site's domain is a name it goes by too: "LWN.net", "Example.com"
        labels = normalise_host(host).split(".")
        keys.add(name_key("".join(labels[labels.index(brand) :])))
    return tuple(key for key in keys if len(key) >= 2)


# A heading set in the page's chrome: a logo, a brand, a menu or masthead title.
_CHROME = re.compile(
    r"logo|site-?(?:title|name|brand|header)|blog-?(?:title|name)|brand-?(?:logo|name|title)|"
    r"menu-?(?:title|bar)|masthead|navbar|nav-bar",
    re.I,
)
_CHROME_LEVELS = 4  # the heading and its nearest ancestors


@dataclass(frozen=True)
class ShownNames:
    """The names the page itself shows for its site, read once a page: its chrome headings
    and what its links home say (each with whether it is a logo's alt text)."""

    chrome: tuple[str, ...]
    home: tuple[tuple[bool, str], ...]

    def keys(self) -> tuple[str, ...]:
        """Each name reduced with ``name_key`` (a title piece that is one is decoration)."""
        found = [*self.chrome, *(text for _, text in self.home)]
        return tuple(key for key in map(name_key, found) if len(key) >= 2)


def shown_names(tree: LexborHTMLParser, url: str) -> ShownNames:
    return ShownNames(chrome_texts(tree, url), home_link_texts(tree, url))


_HOME_PATHS = frozenset({"", "/", "/index.html", "/index.htm", "/index.php"})


def is_home(href: str, url: str) -> bool:
    """Whether a link, read from the page at `url`, leads to its site's home page. A
    relative link is resolved first: "./" on /docs/install/ is that page, not the home."""
    href = href.strip()
    if not href or href.startswith("#"):
        return False
    target = urlsplit(urljoin(url, href))
    if target.query or target.fragment:
        return False
    return target.netloc == urlsplit(url).netloc and target.path in _HOME_PATHS


def _home_hrefs(url: str) -> list[str]:
    """The hrefs that lead home from `url`: root-relative, absolute, and the "../" chain
    (or "./") that climbs from the page's folder to the root."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    hrefs = ["/", "/index.html"]
    if _PLAIN_HOST.fullmatch(host):  # only a plain host name goes into a selector
        hrefs += [
            f"{scheme}//{host}{path}" for scheme in ("https:", "http:", "") for path in ("/", "")
        ]
    depth = max(parts.path.count("/") - 1, 0)
    climb = "../" * depth if depth <= _MAX_CLIMB else ""
    if climb or depth == 0:
        hrefs += [climb or "./", f"{climb}index.html"]
    return hrefs


def chrome_texts(tree: LexborHTMLParser, url: str) -> tuple[str, ...]:
    """The headings that sit in the page's chrome (class or id says logo, site or blog
    title, brand name, menu title, masthead, navbar; or the heading is one link to the
    site's home page): the page's own way of naming its site, or its book."""
    texts: list[str] = []
    for node in tree.css("h1, h2")[:_CHROME_HEADINGS]:  # a logo or masthead is an h1 or h2
        if _in_chrome(node) or _links_home(node, url):
            texts.append(" ".join((node.text() or "").split()))
    return tuple(texts)


_HOME_LINKS = 12  # of the page's first links to its home page
_MAX_LINK_NAME = 48
_MAX_CLIMB = 8  # folders a "../" chain is followed up
_PLAIN_HOST = re.compile(r"[a-z0-9.-]+")


def home_link_texts(tree: LexborHTMLParser, url: str) -> tuple[tuple[bool, str], ...]:
    """What the page's links to its home page say, each with whether it is a logo's alt
    text: "Example Blog", not "Read more"."""
    hrefs = _home_hrefs(url)
    selector = ", ".join(f"a[href='{href}']" for href in hrefs)
    found: list[tuple[bool, str]] = []
    for link in tree.css(selector)[:_HOME_LINKS]:
        text = " ".join((link.text() or "").split())
        logo = False
        if not text:
            image = link.css_first("img[alt]")
            text = (image.attributes.get("alt") or "").strip() if image is not None else ""
            logo = True
        if len(name_key(text)) >= 2 and len(text) <= _MAX_LINK_NAME:
            found.append((logo, text))
    return tuple(found)


def _in_chrome(node: LexborNode) -> bool:
    current: LexborNode | None = node
    for _ in range(_CHROME_LEVELS):
        if current is None or current.tag in {"article", "main", "body", "html"}:
            return False
        attrs = current.attributes
        if _CHROME.search(f"{attrs.get('class') or ''} {attrs.get('id') or ''}"):
            return True
        current = current.parent
    return False


def _links_home(node: LexborNode, url: str) -> bool:
    """The heading is one link, to the root of its own site."""
    link = node.css_first("a[href]")
    if link is None or name_key(link.text() or "") != name_key(node.text() or ""):
        return False
    return is_home(link.attributes.get("href") or "", url)


def is_site_name(text: str, brands: tuple[str, ...], host: str = "") -> bool:
    """The whole text is one of the site's names, or a company's, or its host's name and
    one word more: a logo heading, a <title> that only names the site."""
    key = name_key(text)
    return (
        not key
        or key in brands
        or (reads_as_name(text) and names_organisation(text))
        or _host_and_a_word(text, host)
    )


def _host_and_a_word(text: str, host: str) -> bool:
    """The text is the host's name and one word more: "Lakeside Astronomy Club" on
    lakeside-astronomy.example. Only the host's name counts (a home link saying "Home"
    does not make "Home Alone" a name), and a headline that begins with it says more
    than one word after it ("Sample raises $40M")."""
    words = text.split()
    if not host or not 2 <= len(words) <= _NAME_WORDS:
        return False
    name = name_key(" ".join(words[:-1]))
    return len(name) >= 4 and name in brand_keys(None, (), host)
