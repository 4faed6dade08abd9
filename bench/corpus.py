"""The shared corpus of real pages, read where it lies, and how a result is judged against it.

One module for the benchmark, the fit script and the corpus tests, so that the three judge a
page the same way. Pages stay in ../shared/corpus (they belong to their publishers); a file
ending in ``.gz`` holds the page's bytes gzip-compressed.
"""

from __future__ import annotations

import gzip
import json
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
LISTS = ("manifest.json", "unseen.json", "wide.json")
LEAD_PREFIX = 40
# UTF-8 read as Latin-1/cp1252 ("ã\x81", "Ã©"), or as cp932 (runs of half-width katakana).
_MOJIBAKE = re.compile(r"[ÃÂâã][\x80-\xbf\u0152-\u0178\u2018-\u203a]|[ｦ-ﾟ]{3,}|[縺繧繝]{2,}")


@dataclass(frozen=True)
class Page:
    """One saved page of the corpus and what a person reads on it."""

    listed: str  # the list it is in: manifest.json, unseen.json or wide.json
    entry: dict[str, Any]

    @property
    def file(self) -> str:
        return str(self.entry["file"])

    @property
    def url(self) -> str:
        return str(self.entry["url"])

    @property
    def lang(self) -> str:
        return str(self.entry.get("lang") or "")

    @property
    def site(self) -> str:
        """The group a leave-site-out fold keeps together: the registrable host."""
        host = (urlsplit(self.url).hostname or "").lower()
        parts = host.removeprefix("www.").split(".")
        if len(parts) >= 3 and parts[-2] in {"co", "ne", "or", "ac", "go", "com", "org"}:
            return ".".join(parts[-3:])
        return ".".join(parts[-2:])

    def body(self) -> bytes:
        data = (CORPUS / self.file).read_bytes()
        return gzip.decompress(data) if self.file.endswith(".gz") else data

    def headers(self) -> dict[str, str]:
        """The Content-Type a server would send for the page."""
        entry = self.entry
        if entry.get("encoding") and entry.get("header_charset") is not False:
            return {"content-type": f"text/html; charset={entry['encoding']}"}
        return {"content-type": "text/html"}


def available() -> bool:
    return all((CORPUS / name).exists() for name in LISTS)


def read_pages(lists: tuple[str, ...] = LISTS) -> list[Page]:
    """Every page of the lists, in order."""
    pages: list[Page] = []
    for name in lists:
        for entry in json.loads((CORPUS / name).read_text(encoding="utf-8")):
            pages.append(Page(name, entry))
    return pages


def normalise(text: str | None) -> str:
    """NFKC, whitespace collapsed: the form both sides are compared in."""
    return " ".join(unicodedata.normalize("NFKC", text or "").split())


def label_key(text: str | None) -> str:
    """A label without case, width, spaces or punctuation (as the corpus compares them)."""
    folded = unicodedata.normalize("NFKC", text or "").casefold()
    return "".join(ch for ch in folded if ch.isalnum())


def is_mojibake(*texts: str | None) -> bool:
    """U+FFFD, or the typical traces of Japanese decoded with the wrong codec."""
    return any(t and ("\ufffd" in t or _MOJIBAKE.search(t)) for t in texts)


def title_ok(got: str | None, entry: dict[str, Any]) -> bool:
    wanted = [entry["title"], *entry.get("title_alternatives", [])]
    return bool(got) and normalise(got) in {normalise(w) for w in wanted}


def lead_ok(got: str | None, entry: dict[str, Any]) -> bool:
    wanted = normalise(entry["lead"])[:LEAD_PREFIX]
    return bool(got) and normalise(got).startswith(wanted)


def label_ok(got: str | None, entry: dict[str, Any]) -> bool:
    """The label as a host writes it, or one of its alternatives; "" wants no label."""
    wanted = [entry.get("label", ""), *entry.get("label_alternatives", [])]
    return label_key(got) in {label_key(w) for w in wanted}
