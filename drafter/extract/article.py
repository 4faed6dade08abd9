"""Extraction: page bytes → headline, lead and label, with where each came from.

Pure and process-pool friendly: ``extract_article`` is a module-level function that never
raises. The page is decoded once (``decode_html``) and parsed once by selectolax. The
headline is read by agreement between the page's title forms and its headings (title.py);
the lead, in document order down from the heading that shows the headline (body.py). Only
where no heading shows it does the fallback run: a paragraph the meta description vouches
for, else trafilatura on the tree selectolax has already cleaned (scripts, styles,
navigation, sidebars, footers gone), else the description. A site's profile gives its label
and syndication; lead selectors in a site's own profile (drafter.toml) still come first.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from itertools import chain, islice
from typing import Any
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from drafter.decode import decode_html
from drafter.extract.body import blocks_after, first_paragraph, furniture_reason
from drafter.extract.decoration import TRAILING_PAGE_MARKER, Cut, strip_firm
from drafter.extract.fallback import fallback_lead
from drafter.extract.forms import json_ld_headline, json_ld_publishers, read_json_ld
from drafter.extract.label import LabelCandidate, choose_label, label_candidates
from drafter.extract.lead import (
    Block,
    cut_lead,
    is_japanese,
    node_blocks,
    pick,
    tidy,
)
from drafter.extract.lead_choice import MAX_CANDIDATES, choose_lead, lead_candidates
from drafter.extract.names import shown_names
from drafter.extract.scoring import model
from drafter.extract.sites import name_key, profile_for, profile_for_provider
from drafter.extract.title import Headline, clean_text, head_title, pick_title
from drafter.extract.walls import blocked_reason
from drafter.markup import flatten_nesting
from drafter.models import Extracted
from drafter.profiles import SiteProfile

_META_KEYS = frozenset(
    {
        "og:title",
        "twitter:title",
        "og:site_name",
        "og:description",
        "twitter:description",
        "description",
        "application-name",
        "apple-mobile-web-app-title",
        "twitter:site",
    }
)
# "（CNET Japan）" or "(ITmedia NEWS)" right after a syndicated headline.
_PROVIDER_SUFFIX = re.compile(r"\s*[（(]\s*([^（）()]{2,40}?)\s*[）)]\s*$")


def read_meta(tree: LexborHTMLParser) -> dict[str, str]:
    """The page's og:/twitter:/description metadata, first value of each, cleaned.

    Accepts the usual ``property=``/``content=`` and the ``name=``/``value=`` form some
    saving tools write.
    """
    meta: dict[str, str] = {}
    for node in tree.css("meta"):
        attrs = node.attributes
        key = (attrs.get("property") or attrs.get("name") or "").strip().lower()
        if key not in _META_KEYS or key in meta:
            continue
        value = attrs.get("content") or attrs.get("value")
        if value and value.strip():
            meta[key] = clean_text(value)
    return meta


def _provider(
    tree: LexborHTMLParser,
    title: str | None,
    meta: Mapping[str, str],
    profile: SiteProfile,
    cuts: tuple[Cut, ...],
) -> str | None:
    """The original publisher a syndicating page credits, or None."""
    for cut in cuts:
        if cut.reason == "credit":
            return cut.text.strip("（()） ")
    for raw in (title, meta.get("og:description"), meta.get("twitter:description")):
        if raw:
            match = _PROVIDER_SUFFIX.search(raw)
            if match:
                return match.group(1).strip()
    for selector in profile.credit_selectors:
        node = tree.css_first(selector)
        text = clean_text(node.text()) if node is not None else ""
        if 2 <= len(text) <= 40:
            return text
    return None


def _label(
    tree: LexborHTMLParser,
    title: str | None,
    meta: Mapping[str, str],
    profile: SiteProfile | None,
    candidates: list[LabelCandidate],
    cuts: tuple[Cut, ...] = (),
) -> tuple[str | None, str | None, str | None]:
    """(label, where it came from, title without a provider credit): the profile's label
    or the provider a syndicating page credits (what the markup cannot tell), else the
    best-scoring of the names the page gives itself."""
    if profile is None:
        chosen = choose_label(candidates, model("label"))
        return chosen.text, chosen.provenance, title
    if not profile.syndicates:
        return profile.label, "profile", title
    provider = _provider(tree, title, meta, profile, cuts)
    if provider is None:
        return profile.label, "profile", title
    if title:
        title = _PROVIDER_SUFFIX.sub("", title).strip() or title
    known = profile_for_provider(provider)
    return (known.label if known is not None else provider), "credited provider", title


def _profile_blocks(tree: LexborHTMLParser, profile: SiteProfile) -> list[Block]:
    blocks: list[Block] = []
    for selector in profile.lead_selectors:
        for node in tree.css(selector):
            blocks.extend(node_blocks(node))
    return blocks


def _description(meta: Mapping[str, str], title: str | None, brands: str | None) -> str | None:
    for key in ("og:description", "description", "twitter:description"):
        text = tidy(meta.get(key, ""))
        if (
            text
            and name_key(text) != name_key(brands or "")
            and name_key(text) != name_key(title or "")
        ):
            return text
    return None


_SCORED_BLOCKS = 36  # blocks after the headline the fitted lead reads (30, and what follows)


def _holds(node: LexborNode, inner: LexborNode) -> bool:
    """Whether `inner` is `node` or inside it."""
    current: LexborNode | None = inner
    while current is not None:
        if current.mem_id == node.mem_id:
            return True
        current = current.parent
    return False


def _lead(
    *,
    url: str,
    tree: LexborHTMLParser,
    profile: SiteProfile | None,
    title: str | None,
    meta: Mapping[str, str],
    anchor: LexborNode | None = None,
    trace: dict[str, Any] | None = None,
) -> tuple[str | None, str | None]:
    """The lead text (uncut) and where it came from."""
    profile_blocks: list[Block] = []
    if profile is not None:
        for selector in profile.drop_selectors:
            for node in tree.css(selector):
                if anchor is None or not _holds(node, anchor):  # the walk starts there
                    node.decompose()
        profile_blocks = _profile_blocks(tree, profile)
        found = pick(profile_blocks, title, strict=True)
        if found:
            return found, "profile"
    description = _description(meta, title, meta.get("og:site_name"))
    if anchor is not None:  # before any node is removed: the walk passes over them itself
        walk = blocks_after(anchor)
        blocks = list(islice(walk, _SCORED_BLOCKS))  # the rules read on only as they need
        # the rules' reading of the first blocks, shared by the rules and the fitted lead
        reasons = [furniture_reason(block, title) for block in blocks[:MAX_CANDIDATES]]
        walked = first_paragraph(chain(blocks, walk), title, reasons)
        if description and "paywall" in walked.skipped and not walked.body_found:
            # the body is not there to read: the publisher's summary of it stands in
            # (before a standfirst, which only introduces the body)
            return description, "description (the article is behind a paywall)"
        rules_index = next(
            (i for i, block in enumerate(blocks) if walked.text and block.text == walked.text),
            None,
        )
        candidates = lead_candidates(blocks, reasons, description, rules_index)
        if trace is not None:
            trace["lead"] = candidates
        chosen = choose_lead(candidates, model("lead"))
        if chosen is not None and chosen.index == rules_index:  # the fit and the rules agree
            return chosen.text, walked.provenance
        if chosen is not None:
            return chosen.text, (
                f"first paragraph after the headline, block {chosen.index + 1} by its fitted "
                f"score ({chosen.why})"
            )
        if walked.text:
            return walked.text, walked.provenance
    return fallback_lead(url, tree, title, description, profile_blocks)


def _without_page_marker(headline: Headline) -> Headline:
    """The headline without a page marker at its end: every page of a multi-page article
    has the same headline."""
    if headline.text and (marker := TRAILING_PAGE_MARKER.search(headline.text)):
        text = headline.text[: marker.start()].rstrip(" \u3000")
        if len(name_key(text)) >= 2:
            removed = (*headline.removed, (marker.group().strip(), "page marker"))
            return replace(headline, text=text, removed=removed)
    return headline


def extract_article(
    body: bytes,
    url: str,
    headers: Mapping[str, str],
    *,
    lead_max_ja: int = 200,
    lead_max_en: int = 400,
    profiles: tuple[SiteProfile, ...] = (),
    use_profiles: bool = True,
    trace: dict[str, Any] | None = None,
) -> Extracted:
    """Read headline, lead and label from one fetched page. Never raises. `profiles` are
    the site's own (drafter.toml), consulted before the built-in ones; `use_profiles=False`
    reads every page as an unknown site's (the generic rules alone, as bench/extraction.py
    measures them). `trace`, when given, receives each decision's candidates with their
    features (what bench/fit.py fits the weights on)."""
    try:
        return _extract(body, url, headers, lead_max_ja, lead_max_en, profiles, use_profiles, trace)
    except Exception:  # garbage in must give an empty result, not a crash
        return Extracted(title=None, source=None, lead=None)


def _extract(
    body: bytes,
    url: str,
    headers: Mapping[str, str],
    lead_max_ja: int,
    lead_max_en: int,
    profiles: tuple[SiteProfile, ...],
    use_profiles: bool,
    trace: dict[str, Any] | None = None,
) -> Extracted:
    host = urlsplit(url).hostname or ""
    profile = profile_for(host, profiles) if use_profiles else None
    if not body:
        return Extracted(title=None, source=profile.label if profile else None, lead=None)
    content_type = headers.get("content-type")
    html, charset, charset_from = decode_html(body, content_type)
    html = flatten_nesting(html)  # before any parser: their cost grows with depth squared
    tree = LexborHTMLParser(html)
    json_ld = read_json_ld(tree)  # before scripts are stripped; parsed once for both
    headline_ld = json_ld_headline(json_ld)
    publishers = json_ld_publishers(json_ld)
    tree.strip_tags(["script", "style", "noscript", "template"])
    meta = read_meta(tree)
    provenance = {"charset": charset, "charset_from": charset_from}

    blocked = blocked_reason(tree, html, url, head_title(tree))
    if blocked:
        label = profile.label if profile else None
        return Extracted(title=None, source=label, lead=None, blocked=blocked, **provenance)

    shown = shown_names(tree, url)  # read once: the headline's decoration, the label's candidates
    headline = _without_page_marker(pick_title(tree, meta, profile, url, shown, headline_ld))
    title, title_from = headline.text, headline.provenance
    candidates = (  # a profile's label needs none (a trace still records them, for the fit)
        label_candidates(tree, url, shown, meta, head_title(tree), title, publishers)
        if profile is None or trace is not None
        else []
    )
    if trace is not None:
        trace["label"] = candidates
    label, label_from, title = _label(tree, title, meta, profile, candidates, headline.cuts)
    if title and label and profile is not None and profile.syndicates:
        title = strip_firm(title, (name_key(label),))[0] or title
    lead, lead_from = _lead(
        url=url,
        tree=tree,
        profile=profile,
        title=title,
        meta=meta,
        anchor=headline.node,
        trace=trace,
    )
    if lead:
        lead = cut_lead(lead, lead_max_ja if is_japanese(lead) else lead_max_en)
    return Extracted(
        title=title,
        source=label,
        lead=lead or None,
        title_from=title_from,
        lead_from=lead_from if lead else None,
        source_from=label_from if label else None,
        **provenance,
    )
