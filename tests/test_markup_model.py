"""The model of the parser (drafter.markup.treebuilding) against the parser itself, lexbor.

Random tag soup, small bounds: whatever the markup, the tree lexbor builds from what
flatten_nesting hands it stays within them, and the fast path never passes a page the model
would change. Then the pages a fuzzer found the model wrong on, each repeated: the model
never thinks a page shallower than lexbor builds it (but for a void element at the bottom).
"""

from __future__ import annotations

import random

import pytest

from drafter.markup import flatten_nesting, plainly_nested
from drafter.markup.elements import names
from drafter.markup.openelements import Bounds
from drafter.markup.treebuilding import TreeModel
from tests.test_markup import tree_shape

SMALL = Bounds(nesting=24, formatting=4, reopened=60, elements=2_000)
UNBOUNDED = Bounds(nesting=10**6, formatting=10**6, reopened=10**9, elements=10**9)
NAMES = sorted(
    names(
        "div span p li ul b i a font em nobr table tr td th tbody caption colgroup col select",
        "option optgroup svg math g path foreignObject desc title mi mtext annotation-xml",
        "object template form button h1 h2 dd dt textarea script style noscript iframe xmp br",
        "img hr input label x-el rb rt ruby frameset body head marquee",
    )
)
ATTRIBUTES = ("", " id=7", ' title="a>b"', ' title="</div>"', " x'>", " a=b/", " color=red")
TEXT = ("x", " ", "<!--", "-->", "<!-- <div> -->", "<![CDATA[</div>]]>", "<", "</ >", "<?x>")


def tag_soup(seed: int) -> str:
    rng = random.Random(seed)
    parts: list[str] = []
    for _ in range(rng.randrange(5, 40)):
        block = []
        for _ in range(rng.randrange(1, 5)):
            name = rng.choice(NAMES)
            name = name.upper() if rng.random() < 0.1 else name
            roll = rng.random()
            if roll < 0.45:
                close = rng.choice(("", "", "/"))
                block.append(f"<{name}{rng.choice(ATTRIBUTES)}{close}>")
            elif roll < 0.8:
                block.append(f"</{name}>")
            else:
                block.append(rng.choice(TEXT))
        parts.extend(block * rng.choice((1, 2, 5, 20, 40)))
    return "".join(parts)


@pytest.mark.parametrize("batch", range(4))
def test_what_the_parser_is_handed_stays_within_the_bounds(batch: int) -> None:
    for seed in range(batch * 50, batch * 50 + 50):
        soup = tag_soup(seed)
        flat = flatten_nesting(soup, SMALL)
        depth, elements = tree_shape(flat)
        assert depth <= SMALL.nesting + SMALL.formatting + 6, (seed, depth)
        assert elements <= flat.count("<") + SMALL.reopened + 40, (seed, elements)
        if plainly_nested(soup, SMALL):
            assert not TreeModel(SMALL).scan(soup), seed


FOUND = [
    "<math></p><desc/>",  # </p> ends MathML
    "<rt/>",  # ruby text nests outside a <ruby>
    "<frameset>",  # a frameset in a frameset
    "<select><applet></select><rb/>",  # not in scope: ignored
    "<select><select><rt></select>",  # a select in a select ends it
    "<dl><math><annotation-xml></DL><annotation-xml>",  # ends a scope, whatever its encoding
    "<select><input/><annotation-xml/>",  # <input> ends a select
    "<form><ul></form>",  # the form pointer is cleared, the form stays
    "<script><!--<!--><script></script><path>",  # the escape ends at the second "<!--"
    "<math><svg><title><xmp><iframe>",  # an <svg> in MathML is MathML: no raw text
    "<math><colgroup>x<colgroup>",  # a column group in MathML is no column group
    "<select><textarea></textarea><dl>",  # lexbor keeps the select open
    "<p><frameset>",  # a frameset in a frameset, even after a paragraph
    "<noscript><rt><path></noscript>",  # in the head, the first <rt> ends the <noscript>
    "<math><mtext id=1/><![CDATA[<title>]]><pre>",  # CDATA in MathML, even in <mtext>
    "<body/><frameset/><applet>",  # after a <body>, a <frameset> is ignored
    "<template><col><style></template><mi>",  # a template of columns ignores a <style>
    "</br><frameset><marquee>",  # </br> is a <br>: no <frameset> after it
    "<nobr><nobr><nobr></nobr><desc></nobr><desc>",  # a <nobr> ends the open one
    "<i id=1/><h2><svg></i><label/><label/>",  # the adoption agency closes the SVG
    "<nobr><h1></nobr><desc/></nobr><desc/>",  # ... and ends the element it copied
    "<em><ol></em><foreignObject></em><foreignObject>",  # ... and those between
    "<nobr/>" + "<ul>" * 8 + "<rb><nobr><h2>",  # ... and stops after eight moves
    "<template><frameset></template><font/>",  # a frameset in a template is ignored
]


@pytest.mark.parametrize("soup", FOUND)
def test_the_model_is_never_shallower_than_the_parser(soup: str) -> None:
    page = soup * 30
    model = TreeModel(UNBOUNDED)
    model.scan(page)
    depth, _ = tree_shape(page)
    assert model.deepest + 1 >= depth, (model.deepest, depth)


def test_a_start_tag_past_a_bound_closes_what_it_would_have_closed() -> None:
    """A dropped tag that ended SVG (the model has left it) leaves end tags in its place."""
    page = "<b id=1><em><b id=2><em><math id=3/><b id=4>" + "<xmp>" * 30
    assert tree_shape(flatten_nesting(page, SMALL))[0] <= SMALL.nesting + SMALL.formatting + 6
