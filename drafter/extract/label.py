"""The label: the publication's short name, chosen among the names a page gives itself.

Candidates come from every place a page names its publication (og:site_name,
application-name, JSON-LD publisher, the pieces of ``<title>``, its logo's alt text, its links
home, its chrome headings, its feed's title, its copyright line, its host). The same name
from several places is one candidate, and each is described by features that say what
it is and how it reads (where it came from, how many places agree, whether it is the host's
name, how many words, whether it reads as a tagline, a URL or the headline); the fitted
``label`` model (scoring.py) scores each, and the best wins.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser

from drafter.extract.decoration import SEPARATOR
from drafter.extract.names import ShownNames, host_brand
from drafter.extract.scoring import Model, best_index
from drafter.extract.sites import name_key, normalise_host

SOURCES = (
    "og_site_name",
    "application_name",
    "ld_publisher",
    "title_last",
    "title_first",
    "title_whole",
    "home_link",
    "logo_alt",
    "chrome_heading",
    "feed_title",
    "copyright",
    "twitter_site",
    "host",
)
_MAX_NAME = 80  # characters: longer is a sentence, not a name
_LEGAL = re.compile(
    r"(?:特定非営利活動|一般社団|公益社団|一般財団|公益財団|特許業務|社会福祉|独立行政|学校|医療)法人|"
    r"株式会社|有限会社|合同会社|[（(]株[)）]|㈱|"
    r",?\s+\b(?:inc|ltd|llc|corp|gmbh|ag|plc|s\.?a|co\.?,?\s*ltd)\b\.?$",
    re.I,
)
_BRACKETED = re.compile(r"[（(]([^（）()]{2,30})[)）]\s*$")
_FEED_WORDS = re.compile(
    r"\s*(?:[»›|:\-–—]\s*)?(?:comments?\s+)?(?:feed|rss|atom|rss\s*2\.0)\b.*$", re.I
)
_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*,?\s*([^.|,;©\n]{2,60})", re.I
)
_FOOTER_CHARS = 20_000  # of a footer's text searched for its copyright line
_RIGHTS = re.compile(r"\s*(?:all rights reserved|alle rechte vorbehalten).*$", re.I)
_URL_FORM = re.compile(r"://|^www\.|\.(?:com|net|org|de|jp|co|uk|in|io)(?:/|$)", re.I)
_JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
_ADDRESS = re.compile(r"[\d.]+|.*:.*")  # an IP address names no publication
_NAME_WORDS = 6
_LOGO = re.compile(r"\blogo\b|ロゴ", re.I)


@dataclass
class LabelCandidate:
    """One name (all the places that give it), with its features once described."""

    text: str
    key: str
    sources: set[str] = field(default_factory=set)
    whole: bool = False  # some place gives it as it stands, not as a piece of something
    pieces: set[str] = field(default_factory=set)  # "first", "last", "short form": how cut
    features: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class LabelChoice:
    text: str | None
    provenance: str | None


def _pieces(text: str) -> list[str]:
    return [piece.strip(" \u3000") for piece in SEPARATOR.split(text) if piece.strip(" \u3000")]


def _variants(text: str) -> Iterable[tuple[str, str]]:
    """The text as it stands ("whole") and the shorter names inside it: its first and last
    piece at a separator, without a legal form, a bracketed short form."""
    text = " ".join(text.split())
    if not text or len(text) > _MAX_NAME * 3:
        return
    if len(text) <= _MAX_NAME:
        yield text, "whole"
    pieces = _pieces(text)
    if len(pieces) > 1:
        yield pieces[0], "first"
        yield pieces[-1], "last"
    if ", " in text and len(text.split()) <= _NAME_WORDS:  # "Lublin, Super Express"
        yield text.rsplit(", ", 1)[1], "after comma"
    for piece in (text, *pieces[:1]):
        stripped = _LEGAL.sub("", piece).strip(" \u3000,")
        if stripped and stripped != piece:
            yield stripped, "without legal form"
        bracketed = _BRACKETED.search(piece)
        if bracketed:
            yield bracketed.group(1).strip(), "short form"


def _raw_names(
    tree: LexborHTMLParser,
    url: str,
    shown: ShownNames,
    meta: Mapping[str, str],
    title_tag: str | None,
    headline: str | None,
    publishers: Iterable[str],
) -> list[tuple[str, str]]:
    """(source, text) for every place the page names itself."""
    found: list[tuple[str, str]] = []
    for key, source in (
        ("og:site_name", "og_site_name"),
        ("application-name", "application_name"),
        ("apple-mobile-web-app-title", "application_name"),
        ("twitter:site", "twitter_site"),
    ):
        if meta.get(key):
            found.append((source, meta[key].lstrip("@")))
    found.extend(("ld_publisher", name) for name in publishers)
    if title_tag:
        headline_key = name_key(headline or "")
        pieces = _pieces(title_tag)
        # the pieces of the headline itself ("Leader spotlight: Jane Doe") name nothing
        outside = [
            piece for piece in pieces if not headline_key or name_key(piece) not in headline_key
        ]
        if len(pieces) > 1 and outside:
            found.append(("title_first", outside[0]))
            found.append(("title_last", outside[-1]))
        elif len(pieces) == 1 and outside:
            found.append(("title_whole", title_tag))
    for logo, text in shown.home:
        found.append(
            ("logo_alt", _LOGO.sub("", text).strip(" -|")) if logo else ("home_link", text)
        )
    for node in tree.css("header img[alt], img[class*='logo'][alt], [class*='logo'] img[alt]")[:6]:
        alt = node.attributes.get("alt") or ""
        if alt.strip():
            found.append(("logo_alt", _LOGO.sub("", alt).strip(" -|")))
    found.extend(("chrome_heading", text) for text in shown.chrome)
    for node in tree.css("link[rel='alternate'][title]")[:4]:
        kind = (node.attributes.get("type") or "").lower()
        if "rss" in kind or "atom" in kind:
            found.append(("feed_title", _FEED_WORDS.sub("", node.attributes.get("title") or "")))
    for node in tree.css("footer, [class*='copyright'], [id*='copyright']")[:3]:
        match = _COPYRIGHT.search((node.text() or "")[:_FOOTER_CHARS])
        if match:
            found.append(("copyright", _RIGHTS.sub("", match.group(1)).strip()))
    host = urlsplit(url).hostname or ""
    brand = None if _ADDRESS.fullmatch(host) else host_brand(host)
    if brand:
        found.append(("host", brand))
    return [(source, text) for source, text in found if text and text.strip()]


def label_candidates(
    tree: LexborHTMLParser,
    url: str,
    shown: ShownNames,
    meta: Mapping[str, str],
    title_tag: str | None,
    headline: str | None,
    publishers: Iterable[str] = (),
) -> list[LabelCandidate]:
    """Every name the page gives itself, one candidate a name, each with its features."""
    raw = _raw_names(tree, url, shown, meta, title_tag, headline, publishers)
    candidates: dict[str, LabelCandidate] = {}
    for source, text in raw:
        for variant, how in _variants(text):
            key = name_key(variant)
            if not key:
                continue
            candidate = candidates.setdefault(key, LabelCandidate(variant, key))
            candidate.sources.add(source)
            candidate.whole = candidate.whole or how == "whole"
            candidate.pieces.add(how)
            if candidate.text.islower() and not variant.islower():
                candidate.text = variant  # "tmz" from the host, "TMZ" from the page
    host = normalise_host(urlsplit(url).hostname or "")
    raw_keys = [name_key(text) for _, text in raw]
    for candidate in candidates.values():
        candidate.features = _features(candidate, host, headline, raw_keys)
    return list(candidates.values())


def _features(
    candidate: LabelCandidate, host: str, headline: str | None, raw_keys: list[str]
) -> dict[str, float]:
    key, text = candidate.key, candidate.text
    features = {f"from_{source}": 1.0 for source in candidate.sources}
    places = candidate.sources - {"host"}
    features["places"] = min(len(places), 5) / 5
    features["agrees"] = float(len(places) >= 2)
    features["piece_only"] = float(not candidate.whole)
    features["first_piece"] = float("first" in candidate.pieces)
    features["last_piece"] = float("last" in candidate.pieces)
    features["legal_form"] = float(bool(_LEGAL.search(text)))
    features["without_legal_form"] = float("without legal form" in candidate.pieces)
    features["short_form"] = float("short form" in candidate.pieces)
    features["after_comma"] = float("after comma" in candidate.pieces)
    features["within_others"] = min(sum(key in raw for raw in raw_keys), 6) / 6
    brand = name_key(host_brand(host) or "")
    domain = name_key(host.removeprefix("www."))
    features["is_host"] = float(key in {brand, domain})
    initials = "".join(word[0] for word in text.split() if word[:1].isalnum()).casefold()
    features["initials_host"] = float(len(initials) >= 2 and initials == brand)
    features["has_host"] = float(len(brand) >= 3 and brand in key and key not in {brand, domain})
    features["in_host"] = float(len(key) >= 3 and key in domain and key not in {brand, domain})
    words = text.split()
    features["words"] = min(len(words), 10) / 10
    features["many_words"] = float(len(words) > 4)
    features["short"] = float(len(key) <= 2)
    features["long"] = float(len(text) > 40)
    features["url_form"] = float(bool(_URL_FORM.search(text)))
    features["all_caps"] = float(text.isupper() and len(key) > 3)
    features["japanese"] = float(bool(_JAPANESE.search(text)))
    latin = [word for word in words if word[:1].isalpha() and word[:1].isascii()]
    lower = sum(word[:1].islower() for word in latin)
    features["lower_words"] = lower / len(latin) if latin else 0.0
    features["sentence"] = float(bool(re.search(r"[.!?。！？]\s|[,、]", text)))
    headline_key = name_key(headline or "")
    features["is_headline"] = float(
        bool(headline_key) and (key == headline_key or (len(key) >= 12 and key in headline_key))
    )
    features["in_headline"] = float(len(key) >= 3 and key in headline_key)
    features["digits"] = float(any(ch.isdigit() for ch in key))
    return features


def choose_label(candidates: list[LabelCandidate], model: Model) -> LabelChoice:
    """The best-scoring candidate, with what made it win."""
    scores = [model.score(candidate.features) for candidate in candidates]
    index = best_index(scores)
    if index is None:
        return LabelChoice(None, None)
    winner = candidates[index]
    text = winner.text
    if winner.sources == {"host"} and text.islower():
        text = text.capitalize()
    places = "+".join(sorted(winner.sources))
    return LabelChoice(text, f"{places} ({model.why(winner.features)})")
