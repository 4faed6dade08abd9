"""HTML made safe to parse: nesting flattened beyond a depth no real page reaches.

lexbor's tree building (selectolax) is quadratic in nesting depth: a 1 MB page of 200,000
nested `<div>`s takes minutes, a 5 MB one over an hour. So every HTML string that a parser
will see (a fetched page, an HTML bookmark file) goes through `flatten_nesting` first: one
linear scan of the tags that counts depth as start tags open and end tags close, and drops
the tags that would open deeper than MAX_NESTING (and the end tags that close them). The
text inside them stays; only the pathological structure goes.

The count is an estimate (no implied end tags, a `<div>` inside a script counts too), and
errs high, so a parser never nests deeper than the scan allows.
"""

from __future__ import annotations

import re

MAX_NESTING = 512  # real pages stay under 100; lexbor parses 512 levels in microseconds

# Start or end tag: `</?name ...>`. `[^>]*` keeps the scan linear.
_TAG = re.compile(r"<(/?)([A-Za-z][^\s/>]*)[^>]*>")
# Tags that open no level: elements that never hold children, and those whose end tag may be
# left out (old pages leave thousands of `<p>` and `<li>` open), which the parser closes when
# the next one starts, so they cannot nest without a counted element between them.
_FLAT = frozenset(
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
        "param", "source", "track", "wbr", "keygen", "command", "basefont", "frame",
        "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody",
        "tfoot", "colgroup",
    }
)  # fmt: skip


def _too_deep(html: str, limit: int) -> bool:
    """Whether the tag count ever goes deeper than `limit` (the cheap first pass)."""
    if html.count("<") <= limit:
        return False
    depth = 0
    for match in _TAG.finditer(html):
        if match.group(2).lower() in _FLAT:
            continue
        if match.group(1):
            depth = max(depth - 1, 0)
        elif not match.group(0).endswith("/>"):
            depth += 1
            if depth > limit:
                return True
    return False


def flatten_nesting(html: str, limit: int = MAX_NESTING) -> str:
    """`html` with every tag that would nest deeper than `limit` removed, its text kept;
    the same string when nothing is that deep (almost always)."""
    if not _too_deep(html, limit):
        return html
    kept: list[str] = []
    depth = 0
    last = 0
    for match in _TAG.finditer(html):
        if match.group(2).lower() in _FLAT:
            continue
        if match.group(1):
            drop = depth > limit
            depth = max(depth - 1, 0)
        elif match.group(0).endswith("/>"):
            continue
        else:
            depth += 1
            drop = depth > limit
        if drop:
            kept.append(html[last : match.start()])
            last = match.end()
    kept.append(html[last:])
    return "".join(kept)
