"""The two structures an HTML parser grows while it builds a tree, as a model follows them.

The stack of open elements (its depth is what lexbor's cost grows with, squared) and the
list of active formatting elements (what the parser re-opens, copy after copy, in each new
paragraph). A model element is its name and namespace; an active formatting element also
remembers where it is open, so that "re-open the ones no longer open" can be told.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from drafter.markup.elements import BOUNDARIES, MARKERS, MODES, SCOPE, SPECIAL


@dataclass(frozen=True)
class Bounds:
    """How much structure a parser may be handed."""

    nesting: int  # open elements at once
    formatting: int  # active formatting elements after the last marker
    reopened: int  # copies of formatting elements the parser may make in all
    elements: int  # start tags


@dataclass
class Edits:
    """What to change in the page, in page order: tags to drop, end tags to insert."""

    drops: list[tuple[int, int]] = field(default_factory=list)
    inserts: list[tuple[int, str]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.drops or self.inserts)


class Entry:
    """An active formatting element: its tag and attributes, and where it is open."""

    __slots__ = ("attributes", "index", "name", "serial")

    def __init__(self, name: str, attributes: str, index: int, serial: int) -> None:
        self.name, self.attributes, self.index, self.serial = name, attributes, index, serial


class OpenElements:
    """The parser's stack of open elements and list of active formatting elements, with the
    operations the tree-building rules (drafter.markup.treebuilding) move them by."""

    def __init__(self, bounds: Bounds) -> None:
        self.bounds = bounds
        self.names: list[str] = []
        self.spaces: list[str] = []  # "" for HTML, "svg" or "math"
        self.serials: list[int] = []
        self.positions: dict[str, list[int]] = {}  # HTML elements: name → stack indexes
        self.scopes: list[int] = []  # indexes of elements that end a scope
        self.specials: list[int] = []
        self.stoppers: list[int] = []  # specials but address, div, p: where <li> stops
        self.modes: list[int] = []
        self.integrations: list[int] = []  # SVG and MathML elements that hold HTML
        self.active: list[Entry | None] = []  # None is a marker
        self.serial = 0
        self.elements = 0
        self.reopened = 0
        self.exhausted = False  # every formatting start tag is dropped from here on
        self.frameset = False  # a <frameset> replaced the body: nothing is raw text
        self.frameset_ok = True  # the standard's flag: a <frameset> would replace the body
        self.head = True  # no body content yet
        self.form = False  # the parser's form element pointer is set
        self.columns: set[int] = set()  # templates (stack indexes) that took a <col> first
        self.dropped: dict[str, int] = {}  # start tags dropped, whose end tags go too
        self.popped: list[str] = []  # what the tag being read has closed
        self.deepest = 0
        self.edits = Edits()
        for name in ("html", "body"):  # what the parser holds before the first tag
            self._push(name)

    # --- the stack ------------------------------------------------------------------------

    def _push(
        self, name: str, space: str = "", *, boundary: bool = False, holds_html: bool = False
    ) -> int:
        index = len(self.names)
        self.names.append(name)
        self.spaces.append(space)
        self.serial += 1
        self.serials.append(self.serial)
        if space:
            if holds_html:
                self.integrations.append(index)
            if boundary:
                self.scopes.append(index)
                self.specials.append(index)
                self.stoppers.append(index)
        else:
            self.positions.setdefault(name, []).append(index)
            if name in SCOPE:
                self.scopes.append(index)
            if name in SPECIAL:
                self.specials.append(index)
                if name not in {"address", "div", "p"}:
                    self.stoppers.append(index)
            if name in MODES:
                self.modes.append(index)
        self.deepest = max(self.deepest, index + 1)
        return index

    def _pop_to(self, index: int) -> None:
        """Pop the element at `index` and every one above it."""
        names = self.names
        while len(names) > index:
            top = len(names) - 1
            name = names.pop()
            self.popped.append(name)
            space = self.spaces.pop()
            self.serials.pop()
            for indexes in (self.scopes, self.specials, self.stoppers, self.modes):
                if indexes and indexes[-1] == top:
                    indexes.pop()
            if space:
                if self.integrations and self.integrations[-1] == top:
                    self.integrations.pop()
            else:
                self.positions[name].pop()
                if name in MARKERS:
                    self._clear_to_marker()
                self.columns.discard(top)

    def _top(self, name: str) -> int:
        """The stack index of the topmost HTML element `name`; -1 if none is open."""
        indexes = self.positions.get(name)
        return indexes[-1] if indexes else -1

    def _top_of(self, names: frozenset[str]) -> int:
        return max(self._top(name) for name in names)

    def _in_scope(self, index: int, *extra: str) -> bool:
        """Whether the element at `index` is open and no scope-ending element stands above
        it (the standard's scopes, with `extra` as further ends: "button", or "ol", "ul")."""
        above = self.scopes[-1] if self.scopes else -1
        for name in extra:
            above = max(above, self._top(name))
        return index >= 0 and index >= above

    def _at(self, name: str) -> bool:
        """Whether the current element is the HTML element `name`."""
        return self.names[-1] == name and not self.spaces[-1]

    def _remove(self, index: int) -> None:
        """Take the element at `index` out of the middle of the stack (the adoption agency
        does), those above it moving down one place."""

        def moved(indexes: list[int]) -> list[int]:
            return [i - (i > index) for i in indexes if i != index]

        name = self.names.pop(index)
        space = self.spaces.pop(index)
        del self.serials[index]
        if not space:
            self.positions[name].remove(index)
        for key, indexes in self.positions.items():
            if indexes and indexes[-1] > index:
                self.positions[key] = moved(indexes)
        self.scopes, self.specials = moved(self.scopes), moved(self.specials)
        self.stoppers, self.modes = moved(self.stoppers), moved(self.modes)
        self.integrations = moved(self.integrations)
        self.columns = {i - (i > index) for i in self.columns if i != index}
        for entry in self.active:
            if entry is not None and entry.index > index:
                entry.index -= 1

    def _pop_top(self) -> None:
        self._pop_to(len(self.names) - 1)

    def _in_foreign(self) -> bool:
        """Whether tags are now read as SVG or MathML."""
        top = len(self.names) - 1
        return bool(self.spaces[top]) and not (self.integrations and self.integrations[-1] == top)

    # --- active formatting elements -------------------------------------------------------

    def _clear_to_marker(self) -> None:
        active = self.active
        while active:
            if active.pop() is None:
                break

    def _after_marker(self) -> list[int]:
        """Indexes into `active` after the last marker, the last first."""
        found = []
        for at in range(len(self.active) - 1, -1, -1):
            if self.active[at] is None:
                break
            found.append(at)
        return found

    def _is_open(self, entry: Entry) -> bool:
        return entry.index < len(self.names) and self.serials[entry.index] == entry.serial

    def _last_entry(self, name: str) -> int:
        if not self.active:
            return -1
        for at in self._after_marker():
            entry = self.active[at]
            if entry is not None and entry.name == name:
                return at
        return -1

    def _reconstruct(self, position: int) -> None:
        """Re-open the active formatting elements that are no longer open, as the parser does
        before text and most start tags; past the budget, close them at `position` instead."""
        active = self.active
        if not active:
            return
        last = active[-1]
        if last is None or self._is_open(last):
            return
        first = len(active) - 1
        while first > 0:
            entry = active[first - 1]
            if entry is None or self._is_open(entry):
                break
            first -= 1
        count = len(active) - first
        if self.reopened + count > self.bounds.reopened:
            self._shield(position)
            return
        self.reopened += count
        for entry in active[first:]:
            assert entry is not None
            entry.index = self._push(entry.name)
            entry.serial = self.serial

    def _shield(self, position: int) -> None:
        """Past the budget: a <marquee> inserted at `position` (after end tags for the SVG or
        MathML it would otherwise join), whose marker stops the parser from re-opening
        anything active before it (until the marquee closes, when this happens again); no
        formatting start tag is kept from here on."""
        self.exhausted = True
        before = len(self.popped)
        while self._in_foreign():
            self._pop_top()
        closing = "".join(f"</{name}>" for name in self.popped[before:])
        self.edits.inserts.append((position, closing + "<marquee>"))
        self._push("marquee")
        self.active.append(None)

    def _drop(self, name: str, start: int, end: int) -> None:
        """Drop a start tag, and the next end tag of its name with it. What the tag closed on
        its way in (the model has closed it: an open <p>, ended SVG) is closed by end tags in
        its place, so that the parser does as the model did."""
        self.edits.drops.append((start, end))
        self.dropped[name] = self.dropped.get(name, 0) + 1
        if self.popped:
            self.edits.inserts.append((start, "".join(f"</{done}>" for done in self.popped)))

    def _open_element(
        self,
        name: str,
        start: int,
        end: int,
        space: str = "",
        *,
        tag: str = "",
        always: bool = False,
        holds_html: bool = False,
    ) -> bool:
        """Push a start tag's element, or drop the tag (`tag`, when the element is one it
        implies) when the bounds say so; `always` for a raw-text element, whose text would
        otherwise be read as markup; `holds_html`: an SVG or MathML element that does."""
        bounds = self.bounds
        if not always and (len(self.names) >= bounds.nesting or self.elements >= bounds.elements):
            self._drop(tag or name, start, end)
            return False
        self.elements += 1
        boundary = name in BOUNDARIES[space] if space else False
        self._push(name, space, boundary=boundary, holds_html=holds_html)
        return True
