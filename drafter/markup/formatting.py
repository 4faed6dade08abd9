"""The active formatting elements of the tree model: opening one (within the bound, Noah's
Ark) and ending one (the adoption agency), as far as they move the stack and the list."""

from __future__ import annotations

from drafter.markup.openelements import Entry, OpenElements


class FormattingElements(OpenElements):
    """The rules for `<b>`, `<i>`, `<a>`, `<font>`… that TreeModel (treebuilding.py) follows."""

    def _end_other(self, name: str) -> None:
        """The rule for an end tag of any other element (TreeModel's)."""
        raise NotImplementedError

    def _start_formatting(self, name: str, attributes: str, start: int, end: int) -> None:
        ended = self._last_entry(name) if name in {"a", "nobr"} else -1
        after = self._after_marker()
        if self.exhausted or len(after) - (ended >= 0) >= self.bounds.formatting:
            self._drop(name, start, end)
            return
        if ended >= 0:  # the adoption agency ends the open one first
            entry = self.active[ended]
            assert entry is not None
            if not self._is_open(entry):
                del self.active[ended]
            elif self._in_scope(entry.index):
                self._adopt(ended, start)
            # else the parser takes it out of the stack's middle: the model keeps it, listed
        self._reconstruct(start)
        key = attributes.strip()
        same = [
            at
            for at in self._after_marker()
            if (entry := self.active[at]) is not None and entry.name == name
            and entry.attributes == key
        ]  # fmt: skip
        if len(same) >= 3:  # Noah's Ark: three alike at most; the earliest goes
            del self.active[same[-1]]
        if self._open_element(name, start, end):
            self.active.append(Entry(name, key, len(self.names) - 1, self.serial))

    def _end_formatting(self, name: str, position: int) -> None:
        """The adoption agency, as far as the stack's depth and the list's length go (its
        copies past the budget: a shield at `position`)."""
        at = self._last_entry(name)
        if at < 0:
            self._end_other(name)
            return
        entry = self.active[at]
        assert entry is not None
        if not self._is_open(entry):
            del self.active[at]
            return
        if not self._in_scope(entry.index):
            return  # the parser ignores it, and the element stays active
        self._adopt(at, position)

    def _adopt(self, at: int, position: int) -> None:
        """The adoption agency on the open active formatting element at `at`. With no special
        element above it, it closes, with all above it. With some, the parser moves it below
        each in turn, dropping the plain elements between from the stack (and copying it, and
        up to three formatting elements between), then closes it with all above the last of
        them; past eight such moves it stops, its copy still active. The model does the same,
        keeps the formatting elements between (the parser keeps copies of the first three),
        and counts the copies against the budget."""
        entry = self.active[at]
        assert entry is not None
        above = [index for index in self.specials if index > entry.index]
        if not above:
            del self.active[at]
            self._pop_to(entry.index)
            return
        kept = set(above) | {e.index for e in self.active if e is not None and self._is_open(e)}
        if len(above) >= 8:  # the parser stops after eight: its copy stays, open and active,
            last = above[7]  # after the eighth special element (the model keeps it in place)
        else:
            del self.active[at]
            last = above[-1]
            self._pop_to(last + 1)
            kept.discard(entry.index)
        for index in range(last - 1, entry.index - 1, -1):
            if index not in kept:
                self._remove(index)
        self.reopened += 4 * min(8, len(above))
        if self.reopened > self.bounds.reopened and not self.exhausted:
            self._shield(position)
