"""The headline as a person would copy it: candidates from the page, site names cut off.

A suffix or prefix is cut only when it names the site (its profile names, og:site_name or
the host's brand), so a ``:`` or ``-`` inside the headline itself is never cut.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from selectolax.lexbor import LexborHTMLParser

from drafter.extract.sites import name_key, normalise_host, title_regexes
from drafter.profiles import SiteProfile

# Separators between a headline and the site name, widest first (never a bare space).
_SEPARATOR = re.compile(r"\s+[-|–—·»/~]\s+|\s*[|｜－：／〜]\s*|\s*::?\s*|\s*--?\s*|\s+ー\s+")
_PAGE_MARKER = re.compile(
    r"\s*(?:[（(]\s*\d+\s*/\s*\d+\s*[)）]|[|｜-]?\s*\d+\s*ページ目|\(page \d+\))\s*$", re.I
)
# "[News] Headline": a section tag some sites put before the <title> headline.
_SECTION_TAG = re.compile(r"^\s*\[(news|press release|press|release|update|info|blog)\]\s*", re.I)
_SPACES = re.compile(r"[ \t\r\n\f\v]+")
_GENERIC_HOST_LABELS = frozenset({"www", "m", "news", "blog", "blogs", "jp", "en", "ja"})
_SECOND_LEVEL = frozenset({"co", "ne", "or", "ac", "ad", "go", "ed", "gr", "lg", "com", "org"})
_MAX_BRAND_LEN = 48


def clean_text(text: str) -> str:
    """Collapse ASCII whitespace runs (keep ideographic spaces, they are typography)."""
    return _SPACES.sub(" ", text.replace("\u00a0", " ")).strip(" \u3000")


def host_brand(host: str) -> str | None:
    """The registrable name of a host: ``www.publickey1.jp`` → ``publickey1``."""
    labels = [part for part in normalise_host(host).split(".") if part]
    if len(labels) < 2:
        return None
    index = -3 if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL else -2
    brand = labels[index]
    return None if brand in _GENERIC_HOST_LABELS else brand


def brand_keys(profile: SiteProfile | None, site_name: str | None, host: str) -> tuple[str, ...]:
    """Every name the site goes by, reduced with ``name_key``."""
    names: list[str] = list(profile.names) if profile else []
    if site_name:
        names.append(site_name)
        names.extend(_SEPARATOR.split(site_name))
    keys = {name_key(name) for name in names}
    brand = host_brand(host)
    if brand:
        keys.add(name_key(brand))
    return tuple(key for key in keys if len(key) >= 2)


def _names_site(segment: str, brands: Iterable[str]) -> bool:
    key = name_key(segment)
    if not key or len(segment) > _MAX_BRAND_LEN:
        return False
    for brand in brands:
        if key == brand:
            return True
        # "Stack Overflow Blog" names stackoverflow.blog; a long tail is a sentence, not a name.
        if len(brand) >= 4 and key.startswith(brand) and len(key) - len(brand) <= 10:
            return True
        if len(key) >= 4 and brand.startswith(key) and len(brand) - len(key) <= 3:
            return True
    return False


def strip_site_name(title: str, brands: tuple[str, ...]) -> str:
    """Cut site-name suffixes and prefixes (repeatedly), keeping the headline whole."""
    title = clean_text(title)
    changed = True
    while changed and title:
        changed = False
        matches = list(_SEPARATOR.finditer(title))
        if not matches:
            break
        last = matches[-1]
        head, tail = title[: last.start()], title[last.end() :]
        if len(name_key(head)) >= 2 and _names_site(tail, brands):
            title, changed = head.strip(" \u3000"), True
            continue
        first = matches[0]
        head, tail = title[: first.start()], title[first.end() :]
        if len(name_key(tail)) >= 2 and _names_site(head, brands):
            title, changed = tail.strip(" \u3000"), True
    title = _SECTION_TAG.sub("", title)
    return _PAGE_MARKER.sub("", title).strip(" \u3000")


def _apply_profile(title: str, profile: SiteProfile | None) -> str:
    if profile is None:
        return title
    for pattern in title_regexes(profile):
        title = pattern.sub("", title)
    return title


def head_title(tree: LexborHTMLParser) -> str | None:
    """The document's own ``<title>`` (not an inline SVG's)."""
    node = tree.css_first("head title") or tree.css_first("title")
    return clean_text(node.text()) if node is not None else None


def pick_title(
    tree: LexborHTMLParser,
    meta: Mapping[str, str],
    profile: SiteProfile | None,
    host: str,
) -> tuple[str | None, str | None]:
    """The headline and where it came from: profile, og:title, h1 or title tag."""
    brands = brand_keys(profile, meta.get("og:site_name"), host)

    def finish(raw: str | None) -> str | None:
        if not raw:
            return None
        text = strip_site_name(_apply_profile(clean_text(raw), profile), brands)
        if not text or name_key(text) in brands or not name_key(text):
            return None
        return text

    if profile is not None:
        for selector in profile.title_selectors:
            node = tree.css_first(selector)
            found = finish(node.text() if node is not None else None)
            if found:
                return found, "profile"
    for key in ("og:title", "twitter:title"):
        found = finish(meta.get(key))
        if found:
            return found, key
    in_title = head_title(tree)
    headings = [clean_text(node.text()) for node in tree.css("h1")[:5]]
    if in_title:
        title_key = name_key(in_title)
        for heading in headings:
            key = name_key(heading)
            if len(key) >= 4 and key in title_key:
                found = finish(heading)
                if found:
                    return found, "h1"
        found = finish(in_title)
        if found:
            return found, "title tag"
    for heading in headings:
        found = finish(heading)
        if found:
            return found, "h1"
    return None, None
