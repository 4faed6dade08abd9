"""How the tokenizer finds tags: one expression for them, comments and bogus comments, and
where the text of a script ends (its escapes, as the standard reads them).
"""

from __future__ import annotations

import re

from drafter.markup.elements import RAW_TEXT

SPACE = r"\t\n\f\r "
# Attributes as the tokenizer reads them: a quoted value may hold ">" and "</div>". Possessive,
# so that a tag without its ">" costs one scan, not a backtracking search.
ATTRIBUTES = (
    rf"(?:[{SPACE}]++|/(?!>)|[^{SPACE}/>][^{SPACE}/>=]*+"
    rf"(?:[{SPACE}]*+=[{SPACE}]*+(?:\"[^\"]*+\"|'[^']*+'|[^{SPACE}>]*+))?)*+"
)
TOKEN = re.compile(
    r"<(?:"
    r"!--(?:-?>|.*?--!?>)"  # a comment, ended as the tokenizer ends one
    rf"|(/?)([A-Za-z][^{SPACE}/>]*)({ATTRIBUTES})(/?)>"  # a start or end tag
    r"|!--"  # a comment that never ends: the rest of the page is its text
    r"|[A-Za-z]"  # a tag that never ends: the rest of the page is inside it
    r"|!\[CDATA\["  # text in SVG and MathML; elsewhere a bogus comment
    r"|[!?][^>]*+>?|/[^A-Za-z>][^>]*+>?|/>"  # doctype, bogus comments, `</>`
    r")",
    re.DOTALL,
)
CDATA_END = re.compile(r"\]\]>")
BOGUS_END = re.compile(r">")
RAW_END = {name: re.compile(rf"</{name}(?=[{SPACE}/>])", re.IGNORECASE) for name in RAW_TEXT}
# Inside <script>: "<!--" escapes, "<script" inside that escapes twice (the standard's states).
SCRIPT_TOKEN = re.compile(rf"<!--|-->|<(/?)script(?=[{SPACE}/>])", re.IGNORECASE)


def script_end(html: str, start: int) -> int:
    """Where the `</script` that ends a script's text begins, or -1 when none does."""
    state = 0  # 0: script data, 1: escaped ("<!--"), 2: escaped twice ("<!--<script")
    position = start
    while match := SCRIPT_TOKEN.search(html, position):
        found = match.group(0)
        position = match.end()
        if found == "<!--":
            state = state or 1
            position = match.start() + 2  # "<!-->" ends at once: its dashes count
        elif found == "-->":
            state = 0
        elif match.group(1):  # </script
            if state == 2:
                state = 1
            else:
                return match.start()
        elif state == 1:  # <script
            state = 2
    return -1
