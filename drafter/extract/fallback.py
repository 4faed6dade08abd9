"""The lead where the walk down from the headline cannot start or finds nothing.

A paragraph the meta description vouches for, else trafilatura on the tree selectolax has
already cleaned (scripts, styles, navigation, sidebars, footers gone; only the one article
container when the page has one), else the body's own blocks, else the description.
"""

from __future__ import annotations

from typing import Any

import trafilatura
from selectolax.lexbor import LexborHTMLParser, LexborNode

from drafter.extract.body import Lead, blocks_within, first_paragraph
from drafter.extract.lead import Block, is_japanese, is_prose, node_blocks, pick
from drafter.extract.lead import tree_blocks as _tree_blocks

# Generic containers of an article's body, tried when trafilatura finds nothing.
_BODY_SELECTORS = (
    "[itemprop='articleBody']",
    "article .entry-content",
    ".entry-content",
    ".post-content",
    ".article-body",
    ".article_body",
    "#article-body",
    "article",
    "main",
    "#content",
    "body",
)
_DROP_ALWAYS = "script, style, noscript, template, nav, aside, footer, iframe, svg"

# trafilatura's cheapest call for a lead: the body text alone, no metadata, no fallbacks.
# bench/draft_speed.py measures its ideal with the same options.
LEAD_ONLY: dict[str, Any] = {
    "fast": True,
    "with_metadata": False,
    "include_comments": False,
    "include_tables": False,
    "include_images": False,
    "include_links": False,
}


# trafilatura's time grows with the element count (0.5-1 s for 10,000 and 2.5-3 s for
# 100,000 on this shared machine); past this many elements the bounded DOM readers below
# stand in for it. Real article pages, navigation and sidebars removed, hold a few
# thousand (the corpus at most about 2,000).
_TRAFILATURA_MAX_ELEMENTS = 10_000


def _trafilatura_blocks(html: str, url: str) -> list[Block]:
    # Precision: a lead needs the article's first paragraph, not all of its text; the
    # balanced default re-extracts pages whose article is a small part of the page (most
    # news pages), which costs about a third more and, on the corpus, finds no other lead.
    if html.count("<") - html.count("</") > _TRAFILATURA_MAX_ELEMENTS:  # opening tags
        return []
    try:
        document = trafilatura.bare_extraction(html, url=url, **LEAD_ONLY, favor_precision=True)
    except Exception:  # a third-party parser failing is "no lead", not an error
        return []
    return list(_tree_blocks(getattr(document, "body", None)))


def _drop_forms(tree: LexborHTMLParser) -> None:
    """Remove search boxes and login forms, but keep what a form wraps when it is the page:
    ASP.NET pages put the whole body in one `<form id="aspnetForm">`."""
    for node in tree.css("form"):
        if node.css_first("p") is None:
            node.decompose()
        else:
            node.unwrap()


def _article_scope(tree: LexborHTMLParser) -> str | None:
    """The page's one article container, as a document of its own, when it has exactly one
    `<article>` (else one `<main>`) and the headline is inside it; None otherwise.

    trafilatura's time grows with the page, and a news page is mostly other stories' cards,
    rankings and links around one article: reading only the container it would find the
    lead in anyway is several times cheaper (on the corpus read as unknown sites, 15 of 30
    pages have such a container, and no lead changes).
    """
    for selector in ("article", "main"):
        nodes = tree.css(selector)
        if len(nodes) == 1:
            if nodes[0].css_first("h1") is None:
                return None
            return f"<html><body>{nodes[0].html}</body></html>"
    return None


def _dom_blocks(tree: LexborHTMLParser) -> list[Block]:
    for selector in _BODY_SELECTORS:
        node = tree.css_first(selector)
        if node is not None:
            return list(node_blocks(node))
    return []


_MATCH_PREFIX = 30  # characters of the description a page paragraph must begin with


def _description_stem(description: str) -> str | None:
    """The description without its closing dots, when long enough to recognise a page
    paragraph by; None for a short tagline."""
    stem = description.rstrip(".…。 ")
    return stem if len(stem) >= 15 else None


def _container(tree: LexborHTMLParser) -> LexborNode | None:
    """The page's one ``<article>`` (else one ``<main>``), else its body."""
    for selector in ("article", "main"):
        nodes = tree.css(selector)
        if len(nodes) == 1:
            return nodes[0]
    return tree.body


def _vouched_paragraph(tree: LexborHTMLParser, description: str, title: str | None) -> Lead | None:
    """Where no heading shows the headline, the container's first paragraph in document
    order, when the description repeats it: two signals that agree, so trafilatura (most of
    a page's extraction time) need not run."""
    stem = _description_stem(description)
    container = _container(tree)
    if stem is None or container is None:
        return None
    lead = first_paragraph(blocks_within(container), title)
    text = lead.text or ""
    if text.startswith(stem[:_MATCH_PREFIX]) and len(text) >= len(stem) and _reads_as_lead(text):
        return lead
    return None


def _unmerged(tree: LexborHTMLParser, found: str) -> str:
    """The first page paragraph inside `found`, when the extractor merged several blocks
    (trafilatura's fallback can join a headline, a byline and every paragraph into one)."""
    body = tree.body
    if body is None:
        return found
    for block in node_blocks(body):
        text = block.text
        shorter = len(text) < len(found) - 10
        if block.kind == "p" and shorter and text in found and _reads_as_lead(text):
            return text
    return found


def _reads_as_lead(text: str) -> bool:
    """Prose long enough to be a lead rather than a standalone subtitle."""
    if not is_prose(text):
        return False
    return len(text) >= 40 if is_japanese(text) else len(text.split()) >= 25


def fallback_lead(
    url: str,
    tree: LexborHTMLParser,
    title: str | None,
    description: str | None,
    profile_blocks: list[Block],
) -> tuple[str | None, str | None]:
    """The lead where no heading shows the headline (or the walk found nothing): a
    paragraph the description vouches for, else trafilatura on the cleaned tree (the one
    article container first), else the DOM's body blocks, else the description."""
    for node in tree.css(_DROP_ALWAYS):
        node.decompose()
    _drop_forms(tree)
    summary = description if description and is_prose(description) else None
    if summary:
        vouched = _vouched_paragraph(tree, summary, title)
        if vouched is not None:
            return vouched.text, "first paragraph, the description repeating it"
    scope = _article_scope(tree)
    body_blocks = _trafilatura_blocks(scope or tree.html or "", url)
    found = pick(body_blocks, title, strict=True)
    if scope and not found:  # nothing in the container after all: the whole page, then
        body_blocks = _trafilatura_blocks(tree.html or "", url)
        found = pick(body_blocks, title, strict=True)
    if found:
        return _unmerged(tree, found), "body paragraph"
    dom_blocks = _dom_blocks(tree)
    found = pick(dom_blocks, title, strict=True)
    if found:
        return found, "page paragraph"
    if summary:
        return summary, "description"
    for blocks in (profile_blocks, body_blocks, dom_blocks):
        found = pick(blocks, title, strict=False)
        if found:
            return found, "body line"
    if description:
        return description, "description"
    return None, None
