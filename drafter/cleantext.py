"""Cleaning a stranger's text before drafter shows it: on a terminal, or in a draft.

A page title can hold escape sequences (set the window title, clear the screen, rewrite
what a line seems to say) and invisible format controls (a right-to-left override makes
"txt.exe" read "exe.txt"). `strip_controls` cleans everything drafter prints, and the
headings and quotes of the draft.
"""

from __future__ import annotations

import re

# Whole escape sequences first, so no parameters are left behind: OSC, DCS, SOS, PM and
# APC strings up to their terminator (BEL or ST), CSI sequences, then two-byte escapes.
_ESCAPE_SEQUENCE = re.compile(
    r"(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|\x1b[ -/]*[0-~]?"
)
# C0 controls but tab and newline, DEL, and C1 controls.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Invisible format controls: bidi embeddings, overrides and isolates, marks, the zero-width
# space (the joiners stay: emoji and Persian need them), the soft hyphen, word joiners and
# invisible operators, the BOM, interlinear annotation marks, and the Unicode tag characters.
_INVISIBLE = re.compile(
    "[\u00ad\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb"
    "\U000e0000-\U000e007f]"
)


def strip_controls(text: str) -> str:
    """The text without escape sequences, control characters (tab and newline kept) or
    invisible format controls: what a reader sees is what it holds."""
    return _INVISIBLE.sub("", _CONTROL.sub("", _ESCAPE_SEQUENCE.sub("", text)))


def cap_title(title: str, limit: int) -> str:
    """A title within `limit` characters, cut at a space when there is one, marked "…"."""
    if len(title) <= limit:
        return title
    space = title.rfind(" ", limit // 2, limit)
    cut = space if space > 0 else limit - 1
    return title[:cut].rstrip(" ,;:-") + "…"
