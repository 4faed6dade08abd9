"""The HTML standard's categories of elements, as the tree-building rules name them.

Written as words (`names("h1 h2 h3")`), lower case, HTML's names; SVG and MathML elements
only where the rules single them out (BOUNDARIES).
"""

from __future__ import annotations

import re


def names(*lines: str) -> frozenset[str]:
    """A set of tag names, written as words."""
    return frozenset(" ".join(lines).split())


HEADINGS = names("h1 h2 h3 h4 h5 h6")
VOID = names(
    "area base br col embed hr img input link meta param source track wbr keygen basefont",
    "bgsound frame image",
)
FORMATTING = names("a b big code em font i nobr s small strike strong tt u")
SPECIAL = HEADINGS | names(
    "address applet area article aside base basefont bgsound blockquote body br button",
    "caption center col colgroup dd details dir div dl dt embed fieldset figcaption figure",
    "footer form frame frameset head header hgroup hr html iframe img input keygen li link",
    "listing main marquee menu meta nav noembed noframes noscript object ol p param",
    "plaintext pre script search section select source style summary table tbody td",
    "template textarea tfoot th thead title tr track ul wbr xmp",
)
# Where "has an element in scope" stops looking. `select` is not in the standard's list, but
# lexbor does not let an end tag close an element outside an open <select>.
SCOPE = names("applet caption html table td th marquee object template select")
# SVG and MathML elements that end scopes and are special; all but <annotation-xml> hold
# HTML again (that one only when its encoding says HTML).
BOUNDARIES = {
    "svg": names("foreignobject desc title"),
    "math": names("mi mo mn ms mtext annotation-xml"),
}
P_CLOSERS = HEADINGS | names(
    "address article aside blockquote center details dialog dir div dl fieldset figcaption",
    "figure footer header hgroup main menu nav ol p search section summary ul pre listing",
    "form plaintext hr xmp li dd dt",
)
# End tags the standard closes by scope (the rest stop at the first special element).
SCOPED_END = HEADINGS | names(
    "address article aside blockquote button center details dialog dir div dl fieldset",
    "figcaption figure footer header hgroup listing main menu nav ol pre search section",
    "summary ul applet marquee object dd dt li",
)
MARKERS = names("applet object marquee template td th caption")
TABLE_PARTS = names("caption col colgroup tbody td tfoot th thead tr")
SECTIONS = names("tbody thead tfoot")
CELLS = names("td th")
# Stack elements that decide how table markup is read: the topmost one is the mode.
MODES = names("td th tr tbody thead tfoot caption colgroup table template")
# Modes in which a <table> ends the open table (in a cell or a caption it nests).
TABLE_CONTEXT = names("table tbody thead tfoot tr colgroup")
# Where a table's own end tags stop looking (the standard's table scope).
TABLE_SCOPE = names("table template")
# Start tags that do not re-open the active formatting elements first.
NO_RECONSTRUCT = (
    (P_CLOSERS - {"xmp"})
    | TABLE_PARTS
    | names(
        "html head body frameset table param source track textarea iframe noembed noframes",
        "script style template title base basefont bgsound link meta frame rb rp rt rtc",
    )
)
RAW_TEXT = names("script style textarea title xmp iframe noembed noframes")
# What a page's head holds; what a <noscript> in it may (with scripting off, as lexbor
# parses): anything else ends the head, and that <noscript>.
HEAD = names(
    "base basefont bgsound link meta title noscript noframes style script template html head"
)
NOSCRIPT_IN_HEAD = names("basefont bgsound link meta noframes style html head")
# What the parser reads once a <frameset> has replaced the body (the rest it ignores).
FRAMESET = names("frameset frame noframes")
# Tags the parser reads only for their attributes, or not at all, in a page's body.
IGNORED = names("html head body frame")
OPTIONS = names("option optgroup")
# Start tags after which a <frameset> no longer replaces the body (the standard's list).
NOT_FRAMESET = names(
    "pre listing li dd dt button applet marquee object table area br embed img keygen wbr",
    "input hr textarea xmp iframe select",
)
ENDS_SELECT = names("select input")  # (lexbor: not <keygen>, <textarea>)
RUBY = names("rb rp rt rtc")
# What "generate implied end tags" pops.
IMPLIED_ENDS = names("dd dt li optgroup option p rb rp rt rtc")
LIST_ITEMS = {"li": names("li"), "dd": names("dd dt"), "dt": names("dd dt")}
# HTML start tags that end SVG or MathML (a <font> only with color, face or size).
BREAKOUT = HEADINGS | names(
    "b big blockquote body br center code dd div dl dt em embed head hr i img li listing",
    "menu meta nobr ol p pre ruby s small span strong strike sub sup table tt u ul var",
)
FONT_BREAKOUT = re.compile(r"(?:^|[\s/])(?:color|face|size)\s*(?:=|[\s/]|$)", re.IGNORECASE)
HTML_ANNOTATION = re.compile(
    r"""encoding\s*=\s*["']?\s*(?:text/html|application/xhtml\+xml)\s*["'\s/]""", re.I
)
