"""The fast path: pages that close what they open, in order, need no model.

One pass of a regular expression (findall: C) finds the tags as the tokenizer would, reading
scripts, raw text, comments and SVG or MathML each as one piece; a light loop over them
checks that every element is closed by its own end tag (end tags that close nothing, and a
few misnestings whose outcome is plain, are followed as the parser follows them) within a
quarter of the nesting bound and within the formatting bounds. Anything else goes to the
model (drafter.markup.treebuilding), which follows every rule, one tag at a time.
"""

from __future__ import annotations

import re

from drafter.markup.elements import FORMATTING, HEADINGS, SCOPE, SCOPED_END, SPECIAL, names
from drafter.markup.openelements import Bounds

_S = r"\t\n\f\r "
_END = rf"(?=[{_S}/>])"  # a tag name ends here
# A tag's attributes as the tokenizer reads them: a quote opens a value only after "=", and
# the value may hold ">" and "<". Possessive, and never failing, so that no page makes the
# expression backtrack or try again at every "<".
_ATTRIBUTES = (  # (unrolled: a run of names, then each value and the run after it)
    rf"""[^=>]*+(?:=(?:"[^"]*+"?|[{_S}]*+(?:"[^"]*+"?|'[^']*+'?|[^{_S}>]*+))[^=>]*+)*+"""
)
# Attributes, then "/>" that closes a tag: out of a quoted value, or an unquoted one, which
# may end in "/" (`href=a/>` does not close its tag).
_BEFORE_SLASH = rf"""(?:[^=>/]++|=[{_S}]*+(?:"[^"]*+"?|'[^']*+'?|[^{_S}>]*+)|/(?!>))*+"""
_SELF_CLOSING = _BEFORE_SLASH + "/>"
_RAW = "style|xmp|iframe|noembed|noframes|textarea|title"
_SCREEN = re.compile(
    r"<(?:"
    rf"(/?(?!(?:script|svg|math|{_RAW}){_END})[A-Za-z][^{_S}/>]*+){_ATTRIBUTES}>?"  # a tag
    rf"|((svg|math){_END}(?:{_SELF_CLOSING}|>?(?:[^<]++|<(?!/?(?i:\3){_END})"  # SVG or
    rf"|<(?i:\3){_END}(?:{_SELF_CLOSING}|(?:[^<]++|<(?!/?(?i:\3){_END}))*+"  # MathML
    rf"(?:</(?i:\3){_END}[^>]*+>?)?))*+))"  # read whole (one more of its kind inside it)
    rf"|script{_END}{_ATTRIBUTES}>?(?:[^<]++|<(?!/(?i:script){_END}|!--)"  # a script, and
    rf"|<!--(?:[^<-]++|-(?!->)|<(?!/?(?i:script){_END}))*+"  # a "<script" that the
    rf"(?:-->|(<(?i:script){_END}))?)*+"  # tokenizer would read as escaping its end tag
    rf"|({_RAW}){_END}{_ATTRIBUTES}>?(?:[^<]++|<(?!/(?i:\5){_END}))*+"  # raw text
    r"|!--(?:-?>|(?:[^-]++|-(?!-!?>))*+(?:--!?>)?)"  # a comment
    r"|[!?][^>]*+>?|/(?![A-Za-z])[^>]*+>?"  # doctype, bogus comments
    r")"
)
# SVG or MathML that may hold HTML (a tag that ends them, an element that holds HTML, a
# <title> or <desc> with markup in it): the fast path does not follow those.
_FOREIGN_HTML = re.compile(
    rf"<(?:b|big|blockquote|body|br|center|code|dd|div|dl|dt|em|embed|h[1-6]|head|hr|i|img"
    rf"|li|listing|menu|meta|nobr|ol|p|pre|ruby|s|small|span|strong|strike|sub|sup|table|tt"
    rf"|u|ul|var|font|foreignobject|mi|mo|mn|ms|mtext|annotation-xml){_END}"
    rf"|<(title|desc){_END}[^>]*+>[^<]*+<(?!/\1[{_S}]*+>)",
    re.IGNORECASE,
)
# The tags in SVG or MathML: comments and CDATA (which hold none), or a tag, its name and
# whether it closes itself ("/>" out of a quoted or an unquoted value).
_FOREIGN_TAG = re.compile(
    rf"<(?:!--(?:[^-]++|-(?!->))*+(?:-->)?|!\[CDATA\[(?:[^\]]++|\](?!\]>))*+(?:\]\]>)?"
    rf"|(/?)([A-Za-z][^{_S}/>]*+)(?:{_BEFORE_SLASH}(/)>|{_ATTRIBUTES}>?))"
)
_VOID = names(
    "area base br col embed hr img input link meta param source track wbr keygen basefont",
    "bgsound frame image html head body",
)
# Read whole by the expression above when written in lower case; in capitals, their text is
# read as markup, which the parser does not. (A <frameset> may make the parser ignore the
# tags that start raw text: only the model follows that.)
_WHOLE = names("script svg math frameset", _RAW.replace("|", " "))
# Elements whose end tags pages leave out, and the parser closes when the next one starts
# (<optgroup>, ruby's <rt> and <rp> too, but only inside a <select> or <ruby>: counted).
_IMPLIED = names("p li dd dt option")
# Start tags that may close a formatting element without its end tag (ending a <p>, a list
# item, a table's row), after which the parser re-opens it.
_REOPENING = names(
    "address article aside blockquote center details dialog dir div dl fieldset figcaption",
    "figure footer header hgroup main menu nav ol search section summary ul pre listing",
    "form plaintext hr xmp h1 h2 h3 h4 h5 h6 table caption col colgroup tbody td tfoot th",
    "thead tr button select input keygen textarea",
)
# End tags that close their element when no scope's end stands above it (a heading's, any
# heading).
_SCOPED_BLOCKS = SCOPED_END - _IMPLIED - names("applet marquee object")
# How the loop below reads each tag.
_PLAIN, _SKIP, _WHOLE_KIND, _IMPLIED_KIND, _REOPENER, _FORMATTING, _REOPENING_FORMATTING = range(7)
_KINDS = (
    dict.fromkeys(_REOPENING, _REOPENER)
    | dict.fromkeys(FORMATTING, _FORMATTING)
    | dict.fromkeys(("a", "nobr"), _REOPENING_FORMATTING)
    | dict.fromkeys(_IMPLIED, _IMPLIED_KIND)
    | dict.fromkeys(_VOID, _SKIP)
    | dict.fromkeys(_WHOLE, _WHOLE_KIND)
)


# Each tag as written (lower or upper case, start or end) → its name, kind and whether it
# ends: one lookup for the tags pages use most; the rest go through _tag_info.
_COMMON = names(
    "span label time abbr cite q sub sup mark picture video audio canvas data ins del var",
    "samp kbd dfn bdi bdo slot noscript object",
)
_TAGS = {
    form: (name, kind, form[0] == "/")
    for name, kind in (_KINDS | dict.fromkeys(_COMMON, _PLAIN)).items()
    for form in (name, name.upper(), f"/{name}", f"/{name.upper()}")
}


def _tag_info(tag: str) -> tuple[str, int, bool]:
    end = tag[0] == "/"
    name = (tag[1:] if end else tag).lower()
    return name, _KINDS.get(name, _PLAIN), end


def plainly_nested(html: str, bounds: Bounds) -> bool:
    """Whether every element of `html` that the parser counts is closed by its own end tag,
    in order, within a quarter of the nesting bound and the other bounds: then the parser
    builds the tree as written (plus an implied <tbody>, <p> or <li> a level), re-opens no
    formatting element more often than the tags that could make it do so, and nothing needs
    changing. False for anything else (a stray or missing end tag, a script the tokenizer
    may read past its end tag, SVG or MathML that holds HTML), which the model then reads."""
    tokens = _SCREEN.findall(html)
    if len(tokens) > bounds.elements:
        return False
    stack: list[str] = []
    push, pop, tags = stack.append, stack.pop, _TAGS
    formatting = reopened = stranded = 0
    deepest = bounds.nesting // 4
    for tag, foreign, _space, escaped, _raw in tokens:
        if stranded:  # left active by a misnested end tag: each tag may re-open them once
            reopened += stranded
        if tag:
            name, kind, end = tags.get(tag) or _tag_info(tag)
            if not end:
                if kind >= _REOPENER:
                    if kind != _FORMATTING:
                        reopened += formatting
                    if kind >= _FORMATTING:
                        formatting += 1
                        if formatting + stranded > bounds.formatting:
                            return False
                elif kind:
                    if kind == _WHOLE_KIND:
                        return False
                    if kind == _IMPLIED_KIND:
                        reopened += formatting
                    continue
                push(name)
                if len(stack) > deepest:
                    return False
            elif _PLAIN < kind <= _IMPLIED_KIND:
                if kind == _IMPLIED_KIND:
                    reopened += formatting
            elif stack and stack[-1] == name:
                pop()
                if kind >= _FORMATTING:
                    formatting -= 1
            elif name in stack or name in HEADINGS:
                misnested = _end_misnested(stack, name, kind)
                if misnested is None:
                    return False
                formatting -= sum(misnested)
                stranded += misnested[1]
            # else it closes nothing: the parser ignores it, and so do we
        elif escaped or (foreign and not _plain_foreign(foreign, bounds)):
            return False
    return reopened <= bounds.reopened


def _plain_foreign(element: str, bounds: Bounds) -> bool:
    """Whether an SVG or MathML element (its markup as the expression read it, from after its
    "<") holds no HTML (see _FOREIGN_HTML), nests no deeper than half the nesting bound, and
    is still open where the expression stopped: the end tag there is its own, not that of
    one of its kind inside it."""
    if _FOREIGN_HTML.search(element):
        return False
    outer = "svg" if element[:3].lower() == "svg" else "math"
    stack: list[str] = []
    deepest = bounds.nesting // 2
    for slash, tag, closed in _FOREIGN_TAG.findall("<" + element):
        name = tag.lower()
        if not name or closed:
            continue
        if not slash:
            stack.append(name)
            if len(stack) > deepest:
                return False
        elif name in stack:  # the parser closes the nearest of that name, and all above it
            del stack[len(stack) - 1 - stack[::-1].index(name) :]
    return not stack or (stack[0] == outer and outer not in stack[1:])


def _end_misnested(stack: list[str], name: str, kind: int) -> tuple[int, int] | None:
    """An end tag whose element is not the current one, read as the parser reads it: the
    formatting elements it closed (its own: 0 or 1), and those it popped but left active (to
    be re-opened); None when only the model can tell (the adoption agency copying, or what an
    unseen <p> above it would change)."""
    if name in HEADINGS:  # any heading closes the nearest one
        name = next((element for element in reversed(stack) if element in HEADINGS), "")
        if not name:
            return 0, 0  # none open: ignored
    index = len(stack) - 1 - stack[::-1].index(name)
    above = stack[index + 1 :]
    if any(element in SCOPE for element in above) and (
        kind >= _FORMATTING or name in _SCOPED_BLOCKS
    ):
        return 0, 0  # not in scope: ignored
    if kind >= _FORMATTING:
        if any(element in SPECIAL or element in FORMATTING for element in above):
            return None  # the adoption agency copies, or leaves one active
        del stack[index:]
        return 1, 0
    if name not in _SCOPED_BLOCKS:
        # Any other end tag stops at a special element; with none seen above, one the fast
        # path does not follow (an implied <p>) might stand there.
        return (0, 0) if any(element in SPECIAL for element in above) else None
    del stack[index:]
    return 0, sum(element in FORMATTING for element in above)
