"""What a page's title carries besides its headline: site and section names, dates,
credits and labels, each recognised by how it reads.

A title is cut only where a separator (`` | ``, `` - ``, ``：`` …) or a bracket sets a piece
off, and only when that piece reads as decoration. How sure that reading must be depends on
who vouches for the rest: when a heading on the page shows the headline without the piece,
its shape is enough (a short name after ``|``, a bracket label); when nothing vouches, only
a piece that names the site, a company, or a date goes.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from drafter.extract.sites import name_key

# Symbols a site may set, spaced, between its name and the headline ("Headline ✩ Blog",
# "◆ Site"): geometric shapes, miscellaneous symbols and dingbats. A spaced symbol is no
# word of the headline, whichever one a site picked.
_SYMBOLS = "\u25a0-\u25ff\u2600-\u27bf"
# A separator between a headline and a name: spaced dashes/bars/symbols, full-width forms, colons.
SEPARATOR = re.compile(
    rf"\s+[-|–—·•»«›‹/~{_SYMBOLS}]\s+|\s*\|\|\s*|\s*[|｜－：／〜]\s*|\s*::?\s*|\s*--\s*|\s+ー\s+"
)
_OPEN = "（(【［[〔《〈「"
_CLOSE = "）)】］]〕》〉」"
_DATE = re.compile(
    r"^(?:\d{4}\s*[年/.\-]\s*\d{1,2}\s*[月/.\-]\s*\d{1,2}\s*日?"
    r"|\d{1,2}\s*月\s*\d{1,2}\s*日"
    r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?"
    r"(?:\s+\d{4})?"
    r"|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?\s+\d{4}"
    r"|\d{4}\s*年\s*\d{1,2}\s*月(?:号)?|\d{4}-\d{2}-\d{2}(?:T[\d:]+)?)"
    r"(?:\s*[（(]\s*[月火水木金土日]\s*[)）])?(?:\s*\d{1,2}\s*[:時]\s*\d{1,2}\s*分?)?$",
    re.I,
)
# A company or organisation: the part of a name that says so.
_ORGANISATION = re.compile(
    r"株式会社|有限会社|合同会社|[（(]株[)）]|㈱|協会|協議会|財団|機構|法人|連盟|組合|"
    r"\b(?:inc|ltd|llc|corp|corporation|gmbh|co|company|limited|plc|foundation)\b\.?",
    re.I,
)
_CREDIT = re.compile(
    r"^(?:写真|画像|撮影|提供|出典)|^(?:photo|photos|image|credit|source|via)\b|^(?:©|\(c\))|"
    r"\b(?:getty images|shutterstock|ap photo)\b",
    re.I,
)
_PAGE_MARKER = re.compile(
    r"^(?:[（(]\s*\d+\s*/\s*\d+\s*[)）]|\d+\s*ページ目|page \d+|\d+\s*/\s*\d+)$", re.I
)
# A sentence inside a piece means it is part of the headline, not a name.
_SENTENCE = re.compile(r"。|[.!?！？]\s+\S")
_MAX_NAME_CHARS = 48
_MAX_NAME_WORDS = 6
_MAX_SHAPE_CHARS = 32  # a name told by its shape alone is shorter than a firm one may be
_MAX_SHAPE_WORDS = 5


@dataclass(frozen=True)
class Cut:
    """A piece cut from a title, and what it read as."""

    text: str
    reason: str  # "site name", "section name", "date", "credit", "label", "sub-headline" …
    firm: bool = True  # read from its words; False: from its shape, a heading vouching


def _unbracketed(piece: str) -> tuple[str, bool]:
    """The piece without one pair of enclosing brackets, and whether it had them."""
    if len(piece) >= 2 and piece[0] in _OPEN and piece[-1] in _CLOSE:
        return piece[1:-1].strip(), True
    return piece, False


def is_date(text: str) -> bool:
    """A date (and perhaps a time) and nothing else."""
    inner, _ = _unbracketed(text.strip())
    return bool(_DATE.match(unicodedata.normalize("NFKC", inner).strip()))


def names_site(piece: str, brands: tuple[str, ...]) -> bool:
    """The piece is one of the site's names (or begins with one, "Stack Overflow Blog")."""
    key = name_key(piece)
    if not key or len(piece) > _MAX_NAME_CHARS:
        return False
    for brand in brands:
        if key == brand:
            return True
        if len(brand) >= 4 and key.startswith(brand) and len(key) - len(brand) <= 10:
            return True
        if len(key) >= 4 and brand.startswith(key) and len(brand) - len(key) <= 3:
            return True
    return False


def reads_as_name(piece: str) -> bool:
    """Short, without a sentence in it: the shape of a site, section or series name."""
    piece = piece.strip()
    if not name_key(piece) or len(piece) > _MAX_NAME_CHARS or _SENTENCE.search(piece):
        return False
    return len(piece.split()) <= _MAX_NAME_WORDS


def names_organisation(text: str) -> bool:
    """The text says it is a company or organisation (株式会社, 協会, Inc., Ltd. …)."""
    return bool(_ORGANISATION.search(text))


def firm_reason(piece: str, brands: tuple[str, ...]) -> str | None:
    """What the piece is, when its words alone say so (no heading needs to vouch)."""
    inner, bracketed = _unbracketed(piece.strip())
    if not name_key(inner):
        return None
    if is_date(inner):
        return "date"
    if _PAGE_MARKER.match(piece.strip()):
        return "page marker"
    if bracketed and _CREDIT.search(inner) and len(inner) <= _MAX_NAME_CHARS:
        return "credit"
    if names_site(inner, brands):
        return "site name"
    if reads_as_name(inner) and names_organisation(inner):
        return "site name"
    return None


def shape_reason(piece: str, *, before: bool, outer: bool) -> str | None:
    """What the piece reads as by its shape alone: trusted only when a heading vouches that
    the headline does not include it."""
    inner, bracketed = _unbracketed(piece.strip())
    if not reads_as_name(inner) or len(inner) > _MAX_SHAPE_CHARS:
        return None
    if len(inner.split()) > _MAX_SHAPE_WORDS:
        return None
    if bracketed:
        return "label" if before else "credit"
    return "site name" if outer else "section name"


def split_pieces(text: str) -> list[str]:
    """A title's side part cut at separators outside brackets, and brackets at a part's ends
    set apart."""
    pieces: list[str] = []
    for part in _split_outside_brackets(text):
        pieces.extend(_bracket_pieces(part.strip(" \u3000")))
    return [piece for piece in pieces if piece]


def _split_outside_brackets(text: str) -> list[str]:
    """`text` cut at each separator that no bracket encloses ("（写真：共同）" stays whole)."""
    depth, depths = 0, []
    for char in text:
        depth = max(0, depth + (char in _OPEN) - (char in _CLOSE))
        depths.append(depth)
    parts, start = [], 0
    for match in SEPARATOR.finditer(text):
        if depths[match.start()] == 0:
            parts.append(text[start : match.start()])
            start = match.end()
    parts.append(text[start:])
    return parts


def _bracket_pieces(part: str) -> list[str]:
    """``【label】Rest (credit)`` → ``【label】``, ``Rest``, ``(credit)``."""
    pieces: list[str] = []
    while part and part[0] in _OPEN and (end := _closing(part)) > 0:
        pieces.append(part[: end + 1])
        part = part[end + 1 :].strip(" \u3000")
    if part and part[-1] in _CLOSE and (start := _opening(part)) > 0:
        return [*pieces, part[:start].strip(" \u3000"), part[start:]]
    return [*pieces, part]


def _closing(text: str) -> int:
    """Index of the bracket closing the one that opens `text`, or -1."""
    closer = _CLOSE[_OPEN.index(text[0])]
    return text.find(closer, 1)


def _opening(text: str) -> int:
    """Index of the bracket opening the one that closes `text`, or -1."""
    opener = _OPEN[_CLOSE.index(text[-1])]
    return text.rfind(opener, 0, len(text) - 1)


_SIDE_PUNCTUATION = " \u3000|｜-–—·•»«›‹/~:：／〜ー。、,."
_SIDE_SYMBOL = re.compile(rf"^[{_SYMBOLS}\s]+|[{_SYMBOLS}\s]+$")


_NOWHERE: Callable[[str], str | None] = lambda key: None  # noqa: E731 - no heading to place


class NotTheHeadline(Exception):
    """A piece before the headline is a heading the page shows later: that one is the
    headline, and the heading matched is the site's (or book's) name above it."""


def side_cuts(
    side: str,
    brands: tuple[str, ...],
    *,
    vouched: bool,
    before: bool,
    headline_chars: int,
    placed: Callable[[str], str | None] = _NOWHERE,
    heading: bool = False,
) -> list[Cut] | None:
    """The cuts that take away all of `side` (the title's text before or after the headline),
    or None when some piece of it does not read as decoration. A piece told by its shape
    alone must be shorter than the headline: a longer "name" is the headline itself. Only
    where a `heading` vouches may the title's last piece, after the headline, be longer:
    that is where a site's name stands ("Configuration — Sample 2.0 documentation"), and
    a kicker stands before a headline, not after it.
    `placed(key)` says whether the page shows the piece as a heading "earlier" or "later"
    than the headline's, or None; raises NotTheHeadline as that class says."""
    core = _SIDE_SYMBOL.sub("", side.strip(_SIDE_PUNCTUATION)).strip(_SIDE_PUNCTUATION)
    if not name_key(core):
        return []
    reason = firm_reason(core, brands) or _heading_reason(
        placed(name_key(core)), before=before, outer=True
    )
    if reason is not None:
        return [Cut(core, reason)]
    pieces = [piece for piece in split_pieces(core) if name_key(piece)]
    cuts: list[Cut] = []
    for index, piece in enumerate(pieces):
        # the piece farthest from the headline is where a site name stands
        outer = index == (0 if before else len(pieces) - 1)
        reason, firm = (
            firm_reason(piece, brands)
            or _heading_reason(placed(name_key(piece)), before=before, outer=outer),
            True,
        )
        trailing_name = heading and not before and outer
        if reason is None and vouched and (len(piece) < headline_chars or trailing_name):
            reason, firm = shape_reason(piece, before=before, outer=outer), False
        if reason is None:
            return None
        cuts.append(Cut(piece, reason, firm))
    return cuts


def _heading_reason(place: str | None, *, before: bool, outer: bool) -> str | None:
    """What a piece is that the page also shows as a heading: above the headline, the
    masthead's or a section's name; below it and after it in the title, a sub-headline."""
    if place == "earlier":
        return "site name" if outer else "section name"
    if place == "later":
        if before:
            raise NotTheHeadline
        return "sub-headline"
    return None


def describe(cuts: list[Cut]) -> str:
    """``cut " | Example" (site name), "（2020年2月15日）" (date)`` for provenance."""
    return ", ".join(f'"{cut.text}" ({cut.reason})' for cut in cuts)


# Separators of a breadcrumb-like trail ("Headline | Section | Site"): once a firm name is
# cut across one, the short name next to it on that side is a section of the same trail.
_TRAIL = re.compile(r"[|｜»›]")
_COLON = re.compile(r"[:：]")


def strip_firm(title: str, brands: tuple[str, ...]) -> tuple[str, list[Cut]]:
    """The title without the pieces at its ends whose words say they are decoration, and
    the section names of a trail that such a piece ends."""
    cuts: list[Cut] = []
    trail = {"end": False, "start": False}
    while title:
        step = _firm_end(title, brands, trail)
        if step is None:
            break
        title, cut, side, separator = step
        trail[side] = bool(_TRAIL.search(separator))
        cuts.append(cut)
    return title, cuts


def _firm_end(
    title: str, brands: tuple[str, ...], trail: dict[str, bool]
) -> tuple[str, Cut, str, str] | None:
    """(the title less one decoration piece at its end or start, the cut, which side, the
    separator it was cut at), or None."""
    matches = list(SEPARATOR.finditer(title))
    if matches:
        for side, match in (("end", matches[-1]), ("start", matches[0])):
            keep, piece = (
                (title[: match.start()], title[match.end() :])
                if side == "end"
                else (title[match.end() :], title[: match.start()])
            )
            if len(name_key(keep)) < 2:
                continue
            reason = firm_reason(piece, brands)
            if side == "start" and _COLON.search(match.group()) and not names_site(piece, brands):
                reason = None  # "Apple Inc.: …", "2026: …" begin a headline; a site's name may
            if reason is None and trail[side] and _TRAIL.search(match.group()):
                short = len(piece) < len(keep) and len(piece.split()) <= 3
                reason = (
                    "section name"
                    if short and shape_reason(piece, before=False, outer=False)
                    else None
                )
            if reason:
                cut = title[match.start() :] if side == "end" else title[: match.end()]
                return keep.strip(" \u3000"), Cut(cut, reason), side, match.group()
    if title[-1] in _CLOSE:
        start = _opening(title)
        if start > 0 and len(name_key(title[:start])) >= 2:
            reason = firm_reason(title[start:], brands)
            if reason in {"date", "credit", "page marker"}:
                return title[:start].strip(" \u3000"), Cut(title[start:], reason), "end", ""
    return None


# A trailing page marker: " (1/3)", "（1/2 ページ）", "(page 2 of 5)", "2ページ目".
TRAILING_PAGE_MARKER = re.compile(
    r"\s*(?:[（(]\s*\d+\s*/\s*\d+\s*(?:ページ|page)?\s*[)）]|[（(]?\s*\d+\s*ページ目\s*[)）]?|"
    r"[（(]\s*page\s+\d+(?:\s+of\s+\d+)?\s*[)）])$",
    re.I,
)
# What a heading may hold that is never a headline: a skip link, an identifier on its own
# ("JVNDB-2018-013542", "CVE-2024-3094"), whatever the title forms say.
_SKIP_LINK = re.compile(
    r"^(?:skip to (?:the )?(?:main )?content|skip navigation|main content|"
    r"メインコンテンツ(?:へ|に)?(?:スキップ|移動)?|本文(?:へ|に)(?:スキップ|移動)?)$",
    re.I,
)
_IDENTIFIER = re.compile(r"[A-Z][A-Z0-9]*(?:[-_:][A-Z0-9]+)*[-_:]\d[A-Z0-9]*(?:[-_:][A-Z0-9]+)*")


def never_headline(text: str) -> bool:
    """A skip link or a bare identifier: no reader copies it as the headline."""
    text = text.strip()
    return bool(_SKIP_LINK.match(text) or _IDENTIFIER.fullmatch(text))
