"""A model of how an HTML parser builds its tree, to bound what a page makes it build.

An HTML5 parser (lexbor, behind selectolax) keeps a stack of open elements and a list of
active formatting elements, and some markup makes either grow without end:

- nesting: every start tag that nothing closes goes one level deeper, and lexbor's cost grows
  with depth squared (200,000 nested `<div>`s take minutes). An end tag counts only when it
  closes something: a stray `</i>` closes nothing, so `<div></i>` x 110,000 is 110,000 deep.
- re-opened formatting: a `<b>` whose end tag never comes stays active, and the parser
  re-opens a copy of every active one in each new paragraph. 500 distinct `<b id=N>` before
  40,000 `<p>x` make 20 million elements, gigabytes of memory.

`TreeModel.scan` reads the tags as the parser's tokenizer does (quoted attributes, comments,
script and other raw text, CDATA in SVG and MathML) and follows the tree-building rules that
move those two structures (implied end tags, scopes, tables, foreign content, the adoption
agency, Noah's Ark, markers, reconstruction). It returns the edits that keep both within
`Bounds`: start tags that would open deeper than `nesting`, formatting start tags beyond
`formatting` active ones, every start tag past `elements`, dropped (their text stays), with
the end tags that would close them; and once `reopened` copies have been made, a `<marquee>`
whose marker stops the parser re-opening what came before it, and no formatting start tag
kept after it.

Where the model cannot tell what the parser does, it assumes the larger tree: it never pops
an element the parser might keep open, nor forgets an active formatting element the parser
might re-open. Where lexbor departs from the standard (a `<select>` holds any element, and
ends scopes), the model follows lexbor. tests/test_markup_model.py compares the two on
random tag soup.
"""

from __future__ import annotations

from drafter.markup.elements import (
    BOUNDARIES,
    BREAKOUT,
    CELLS,
    ENDS_SELECT,
    FONT_BREAKOUT,
    FORMATTING,
    FRAMESET,
    HEAD,
    HEADINGS,
    HTML_ANNOTATION,
    IGNORED,
    IMPLIED_ENDS,
    LIST_ITEMS,
    MARKERS,
    NO_RECONSTRUCT,
    NOSCRIPT_IN_HEAD,
    NOT_FRAMESET,
    OPTIONS,
    P_CLOSERS,
    RAW_TEXT,
    RUBY,
    SCOPED_END,
    SECTIONS,
    TABLE_CONTEXT,
    TABLE_PARTS,
    TABLE_SCOPE,
    VOID,
)
from drafter.markup.formatting import FormattingElements
from drafter.markup.openelements import Edits
from drafter.markup.tokens import BOGUS_END, CDATA_END, RAW_END, TOKEN, script_end


class TreeModel(FormattingElements):
    """The tree-building rules, as far as they move the stack and the list; `scan` returns
    the edits that keep both within the bounds."""

    # --- HTML tags ------------------------------------------------------------------------

    def _close_p(self) -> None:
        index = self._top("p")
        if index >= 0 and self._in_scope(index, "button"):
            self._pop_to(index)

    def _end_other(self, name: str) -> None:
        """An end tag the standard has no rule of its own for: it closes the topmost element of
        its name unless a special element stands above that one."""
        index = self._top(name)
        if index >= 0 and (not self.specials or self.specials[-1] <= index):
            self._pop_to(index)

    def _text(self, html: str, start: int, end: int) -> None:
        """Text between tags: the parser re-opens formatting first; text that is not white
        space ends a column group and lets no <frameset> replace the body."""
        if (self.frameset_ok or self._at("colgroup")) and html[start:end].strip():
            self.frameset_ok = False
            if self._at("colgroup"):
                self._pop_top()
            if self.head:
                self._leave_head()
        if self.active and not self._in_foreign():
            self._reconstruct(start)

    def _leave_head(self) -> None:
        """What starts the body ends the head, and a <noscript> in it (the model's stack holds
        a body from the start: the head's elements are few, and close by themselves)."""
        self.head = False
        if self._at("noscript"):
            self._pop_top()

    def _start_table_part(self, name: str, start: int, end: int) -> None:
        """caption, colgroup, col, tbody, thead, tfoot, tr, td, th: what the open table makes
        of them (outside a table the parser ignores them)."""
        while self.modes:
            at = self.modes[-1]
            mode = self.names[at]
            if mode in CELLS or mode == "caption":
                self._pop_to(at)  # the cell or caption ends; the tag is read again
            elif mode == "tr":
                if name not in CELLS:
                    self._pop_to(at)
                    continue
                self._pop_to(at + 1)
                if self._open_element(name, start, end):
                    self.active.append(None)
                return
            elif mode == "colgroup":
                if name == "col":
                    return
                self._pop_to(at)
            elif mode in SECTIONS:
                if name not in {"tr", "td", "th"}:
                    self._pop_to(at)
                    continue
                self._pop_to(at + 1)
                if not self._open_element("tr", start, end, tag=name) or name == "tr":
                    return  # the tr itself, or the one its cell implies
            elif mode == "table":
                self._pop_to(at + 1)
                implied = {"tr": "tbody", "td": "tbody", "th": "tbody", "col": "colgroup"}
                if name in implied:
                    if not self._open_element(implied[name], start, end, tag=name):
                        return
                    continue
                if self._open_element(name, start, end) and name == "caption":
                    self.active.append(None)
                return
            else:  # template: the parser reads them in a mode of its own
                if name == "col":
                    if self._at("template"):  # it reads columns only, from here on
                        self.columns.add(len(self.names) - 1)
                    return
                if self._open_element(name, start, end) and name in MARKERS:
                    self.active.append(None)
                return

    def _end_table_part(self, name: str) -> None:
        if name == "colgroup":
            if self._at(name):
                self._pop_top()
            return
        index = self._top_of(SECTIONS) if name in SECTIONS else self._top(name)
        above = self._top("template") if name == "table" else self._top_of(TABLE_SCOPE)
        if index >= 0 and index > above:
            self._pop_to(index)

    def _start_tag(self, name: str, attributes: str, closed: bool, start: int, end: int) -> bool:
        """Follow an HTML start tag; whether it opened raw text (a script, a <style>...)."""
        if self.frameset and name not in FRAMESET:
            return False  # a frameset replaced the body: the parser ignores the rest
        if self.columns and len(self.names) - 1 in self.columns and name not in {"col", "template"}:
            return False  # a template of columns ignores anything else
        if self.head and (
            name not in HEAD or (self._at("noscript") and name not in NOSCRIPT_IN_HEAD)
        ):
            self._leave_head()
        if (
            self.names[-1] == "colgroup"
            and self._at("colgroup")
            and name not in {"col", "template"}
        ):
            self._pop_top()  # anything else ends a column group
        if name in FORMATTING:
            self._start_formatting(name, attributes, start, end)
            return False
        if name in TABLE_PARTS:
            self._start_table_part(name, start, end)
            return False
        if name == "body":
            self.frameset_ok = False  # a <body> says the page has one: no <frameset>
        if name in IGNORED or (name == "form" and self.form):
            return False  # a form inside a form is ignored too
        if name in ENDS_SELECT and self._in_scope(select := self._top("select")):
            self._pop_to(select)  # and a select inside a select is ignored
            if name == "select":
                return False
        if name in P_CLOSERS:
            self._start_block(name)
        elif name == "table" and self._table_context():
            self._pop_to(self._top("table"))  # a table in a table ends the first
        elif name == "button" and self._in_scope(self._top("button")):
            self._pop_to(self._top("button"))
        elif self._ends_top(name):
            self._pop_top()
        if name not in NO_RECONSTRUCT:
            self._reconstruct(start)
        if name in VOID:
            self.frameset_ok = self.frameset_ok and name not in NOT_FRAMESET
            return False
        if name in {"svg", "math"}:
            if not closed:
                self._open_element(name, start, end, name)
            return False
        if name == "frameset" and (
            not (self.frameset or self.frameset_ok) or self._top("template") >= 0
        ):
            return False  # ignored, as the parser does once the body has content, or in a template
        raw = name in RAW_TEXT and (not self.frameset or name == "noframes")
        if not self._open_element(name, start, end, always=raw):
            return False
        self.frameset = self.frameset or name == "frameset"
        self.frameset_ok = self.frameset_ok and name not in NOT_FRAMESET
        self.form = self.form or name == "form"
        if name in MARKERS:
            self.active.append(None)
        return raw

    def _table_context(self) -> bool:
        """Whether the open table is read as a table (not in one of its cells)."""
        table = self._top("table")
        return table >= 0 and bool(self.modes) and self.names[self.modes[-1]] in TABLE_CONTEXT

    def _ends_top(self, name: str) -> bool:
        """Whether the start tag ends the current element: an <option> or <optgroup> an open
        option, ruby text the open ruby text (only inside a <ruby>)."""
        if name in OPTIONS:
            return self._at("option")
        if name not in RUBY or not self._in_scope(self._top("ruby")):
            return False
        while (top := self.names[-1]) in IMPLIED_ENDS and not self.spaces[-1]:
            if top == "rtc" and name in {"rp", "rt"}:
                break
            self._pop_top()
        return False

    def _start_block(self, name: str) -> None:
        """The elements that end an open <p> (<li>, <dd>, <dt> and headings their own kind
        first)."""
        if name in LIST_ITEMS:
            index = self._top_of(LIST_ITEMS[name])
            if index >= 0 and (not self.stoppers or self.stoppers[-1] <= index):
                self._pop_to(index)
        self._close_p()
        if name in HEADINGS and self.names[-1] in HEADINGS and not self.spaces[-1]:
            self._pop_top()

    def _end_tag(self, name: str, position: int) -> None:
        if self.frameset and name != "frameset":
            return
        if name in FORMATTING:
            self._end_formatting(name, position)
        elif name == "p":
            index = self._top("p")
            if self._in_scope(index, "button"):
                self._pop_to(index)
        elif name == "li":
            index = self._top("li")
            if self._in_scope(index, "ol", "ul"):
                self._pop_to(index)
        elif name in HEADINGS or name in SCOPED_END:
            index = self._top_of(HEADINGS) if name in HEADINGS else self._top(name)
            if self._in_scope(index):
                self._pop_to(index)
        elif name in TABLE_PARTS or name == "table":
            self._end_table_part(name)
        elif name == "head":
            if self.head:
                self._leave_head()
        elif name == "form":
            self.form = False
            if self.names[-1] == "form" and not self.spaces[-1]:
                self._pop_top()
            # else the parser takes it out of the middle of the stack: assume it stays
        elif name == "template":
            index = self._top(name)
            if index >= 0:
                self._pop_to(index)
        elif name == "select":
            index = self._top(name)
            if self._in_scope(index):
                self._pop_to(index)
        elif name == "br":  # read as <br>
            self.frameset_ok = False
            if self.active:
                self._reconstruct(position)
        elif name not in IGNORED:
            self._end_other(name)

    # --- SVG and MathML -------------------------------------------------------------------

    def _foreign_start(
        self, name: str, attributes: str, closed: bool, start: int, end: int
    ) -> bool:
        """A start tag inside SVG or MathML; False when it ends them and is read as HTML."""
        if name in BREAKOUT or (name == "font" and FONT_BREAKOUT.search(attributes)):
            while self._in_foreign():
                self._pop_top()
            return False
        # In the namespace of the element it is in (a <math> in SVG is an SVG element), but for
        # an <svg> in MathML's <annotation-xml>.
        space = self.spaces[-1]
        if name == "svg" and self.names[-1] == "annotation-xml":
            space = "svg"
        if not closed:
            holds_html = (name in BOUNDARIES[space] and name != "annotation-xml") or bool(
                name == "annotation-xml" and HTML_ANNOTATION.search(attributes + " ")
            )
            self._open_element(name, start, end, space, holds_html=holds_html)
        return True

    def _foreign_end(self, name: str) -> bool:
        """An end tag when an SVG or MathML element is the current one (even one that holds
        HTML); False when it is read as HTML (</p> and </br> end SVG and MathML first)."""
        if name in {"p", "br"} and self._in_foreign():
            while self._in_foreign():
                self._pop_top()
            return False
        for index in range(len(self.names) - 1, -1, -1):
            if not self.spaces[index]:
                return False
            if self.names[index] == name:
                self._pop_to(index)
                return True
        return False

    # --- the scan -------------------------------------------------------------------------

    def scan(self, html: str) -> Edits:
        """Follow every tag of `html`; the edits that keep the parser within the bounds."""
        position = 0
        while position >= 0:
            position = self._scan_from(html, position)
        return self.edits

    def _scan_from(self, html: str, position: int) -> int:
        """Follow the tags from `position` until the text of a script, a raw-text element or
        CDATA: where its end is, to go on from; -1 at the end of the page."""
        names, spaces, dropped = self.names, self.spaces, self.dropped
        for match in TOKEN.finditer(html, position):
            start, end = match.span()
            if start > position and (self.active or self.frameset_ok or names[-1] == "colgroup"):
                self._text(html, position, start)
            position = end
            slash, tag, attributes, closed = match.group(1, 2, 3, 4)
            self.popped.clear()
            if tag is None:
                other = match.group(0)
                if other == "<![CDATA[":
                    ending = CDATA_END if spaces[-1] else BOGUS_END  # (the tokenizer's test)
                    found = ending.search(html, end)
                    return found.end() if found else -1
                if other == "<!--" or other[1:2].isalpha():
                    return -1  # the rest of the page is a comment, or inside a tag
                continue
            name = tag.lower()
            if slash:
                if dropped.get(name):  # it ends an element whose start tag went
                    dropped[name] -= 1
                    self.edits.drops.append((start, end))
                elif not (spaces[-1] and self._foreign_end(name)):
                    self._end_tag(name, start)
                continue
            foreign = spaces[-1] and self._in_foreign()
            if foreign and self._foreign_start(name, attributes, bool(closed), start, end):
                continue
            if self._start_tag(name, attributes, bool(closed), start, end):  # raw text
                if name == "script":
                    return script_end(html, end)
                found = RAW_END[name].search(html, end)
                return found.start() if found else -1
            if name == "plaintext":
                return -1  # the rest of the page is its text
        return -1
