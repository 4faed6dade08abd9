"""HTML made safe to parse: the structure a parser would build without bound taken out.

Every HTML string that a parser will see (a fetched page, an HTML bookmark file, a feed's
HTML) goes through `flatten_nesting` first. A model of the parser (treebuilding.py over
openelements.py) follows the tags as the parser would and bounds what it would build:
nesting deeper than MAX_NESTING (lexbor's cost grows with depth squared: 200,000 nested
`<div>`s take minutes), more than MAX_FORMATTING formatting elements active at once and
MAX_REOPENED copies of them in all (500 unclosed `<b id=N>` before 40,000 `<p>x` make 20
million elements, gigabytes), more than MAX_ELEMENTS start tags. The tags that would pass a
bound are dropped, their text kept; pages within every bound (almost all) come back as the
same string. Most pages close what they open, in order: for them a fast path (fastpath.py)
proves the bounds in one pass, and the model is not run.
"""

from __future__ import annotations

from drafter.markup.fastpath import plainly_nested
from drafter.markup.openelements import Bounds, Edits
from drafter.markup.treebuilding import TreeModel

MAX_NESTING = 512  # real pages stay under 100; lexbor parses 512 levels in microseconds
MAX_FORMATTING = 24  # active formatting elements: real pages hold a handful at most
MAX_REOPENED = 50_000  # copies of formatting elements: ~18 MB of lexbor's elements
MAX_ELEMENTS = 250_000  # start tags: ~90 MB of lexbor's elements; real pages hold < 20,000
BOUNDS = Bounds(MAX_NESTING, MAX_FORMATTING, MAX_REOPENED, MAX_ELEMENTS)
# So few tags that even the worst markup stays small: no formatting element is re-opened
# more than 128 x 128 times, and nothing nests deeper than there are tags.
_FEW_TAGS = 256
_JOINS = frozenset("<!/?-")  # what a "<" may become a tag or comment with


def flatten_nesting(html: str, bounds: Bounds = BOUNDS) -> str:
    """`html` with every tag that would take a parser past `bounds` removed, its text kept;
    the same string when nothing does (almost always)."""
    if html.count("<") <= min(_FEW_TAGS, bounds.nesting) or plainly_nested(html, bounds):
        return html
    edits = TreeModel(bounds).scan(html)
    return _applied(html, edits) if edits else html


def _applied(html: str, edits: Edits) -> str:
    """`html` with the drops and inserts made, in page order (an insert before a drop at the
    same place). A dropped tag right after "<", "</", "<!-" leaves a space, so that what
    follows it cannot become a tag or a comment of its own."""
    changes = sorted(
        [(at, 0, at, text) for at, text in edits.inserts]
        + [
            (start, 1, end, " " if html[start - 1 : start] in _JOINS else "")
            for start, end in edits.drops
        ]
    )
    kept: list[str] = []
    last = 0
    for start, _order, end, text in changes:
        if start < last:  # a drop inside one already made
            continue
        kept.append(html[last:start])
        kept.append(text)
        last = end
    kept.append(html[last:])
    return "".join(kept)
