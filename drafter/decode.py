"""Bytes → text for HTML pages whose declared charset may lie.

The order: a byte-order mark wins; then the HTTP header's charset and the page's own
``<meta>`` charset, each only if the bytes really decode with it; then UTF-8; then
charset-normalizer's guess; and last a replace-decode so that nothing ever raises.
Japanese pages often declare Shift_JIS while serving UTF-8 (or the reverse), so a
declaration is a hint to verify, not an order.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

PRESCAN_BYTES = 4096

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# WHATWG labels → Python codecs, plus the Japanese fallbacks to try when the first fails.
_ALIASES: dict[str, tuple[str, ...]] = {
    "shift_jis": ("cp932", "shift_jis_2004"),
    "shift-jis": ("cp932", "shift_jis_2004"),
    "sjis": ("cp932", "shift_jis_2004"),
    "x-sjis": ("cp932", "shift_jis_2004"),
    "ms_kanji": ("cp932",),
    "csshiftjis": ("cp932",),
    "windows-31j": ("cp932",),
    "cp932": ("cp932", "shift_jis_2004"),
    "euc-jp": ("euc_jp", "euc_jis_2004"),
    "euc_jp": ("euc_jp", "euc_jis_2004"),
    "x-euc-jp": ("euc_jp", "euc_jis_2004"),
    "eucjp": ("euc_jp", "euc_jis_2004"),
    "cseucpkdfmtjapanese": ("euc_jp", "euc_jis_2004"),
    "iso-2022-jp": ("iso2022_jp", "iso2022_jp_ext", "iso2022_jp_2004"),
    "csiso2022jp": ("iso2022_jp", "iso2022_jp_ext"),
    "utf8": ("utf-8",),
    "utf-8": ("utf-8",),
    "unicode-1-1-utf-8": ("utf-8",),
    # A <meta> cannot really say UTF-16 (the prescan itself read ASCII): browsers use UTF-8.
    "utf-16": ("utf-8",),
    "utf-16le": ("utf-8",),
    "utf-16be": ("utf-8",),
    "iso-8859-1": ("windows-1252",),
    "latin1": ("windows-1252",),
    "latin-1": ("windows-1252",),
    "us-ascii": ("windows-1252",),
    "ascii": ("windows-1252",),
}

# Encodings browsers refuse to honour (the WHATWG Encoding Standard has no UTF-7, and maps
# these ISO-2022/HZ variants to "replacement"): their ASCII bytes spell other characters, so
# `+ADw-script+AD4-` would read as markup no other tool sees. Treated as an unknown label.
REFUSED_CODECS = frozenset({"utf-7", "hz", "iso2022_kr"})

_CHARSET_PARAM = re.compile(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9_.:+-]+)""", re.I)
_META_TAG = re.compile(rb"<meta\b[^>]*>", re.I)
_ISO2022_ESCAPES = (b"\x1b$B", b"\x1b$@", b"\x1b(J", b"\x1b$(D")


def codecs_for(label: str | None) -> tuple[str, ...]:
    """Python codecs to try, in order, for a charset label; empty when unknown."""
    if not label:
        return ()
    key = label.strip().strip("\"'").lower()
    if key in _ALIASES:
        return _ALIASES[key]
    try:
        name = codecs.lookup(key).name
    except LookupError:
        return ()
    return () if name in REFUSED_CODECS else (name,)


def header_charset(content_type: str | None) -> str | None:
    """The charset parameter of a Content-Type header value, if any."""
    if not content_type:
        return None
    match = _CHARSET_PARAM.search(content_type.encode("latin-1", "replace"))
    return match.group(1).decode("ascii") if match else None


def meta_charset(body: bytes) -> str | None:
    """The charset a page declares in a ``<meta>`` tag within its first few KB."""
    head = body[:PRESCAN_BYTES]
    for tag in _META_TAG.finditer(head):
        match = _CHARSET_PARAM.search(tag.group(0))
        if match:
            return match.group(1).decode("ascii")
    return None


def _strict(body: bytes, codec: str) -> str | None:
    try:
        return body.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


_KANA = re.compile(r"[\u3041-\u3096\u30a1-\u30fa]")
_JAPANESE_CODECS = ("cp932", "euc_jp", "euc_jis_2004", "shift_jis_2004")


def _japanese(body: bytes) -> tuple[str, str] | None:
    """A Japanese codec that decodes the bytes strictly into text with plenty of kana.

    Kana are the tell: the same bytes read as GBK or Big5 give kanji-like noise, not kana.
    """
    best: tuple[float, str, str] | None = None
    for codec in _JAPANESE_CODECS:
        text = _strict(body, codec)
        if text is None:
            continue
        wide = sum(1 for ch in text if ord(ch) > 0x7F)
        share = len(_KANA.findall(text)) / wide if wide else 0.0
        if share >= 0.1 and (best is None or share > best[0]):
            best = (share, text, codec)
    return (best[1], best[2]) if best else None


def _detected(body: bytes) -> tuple[str, str] | None:
    try:
        best = from_bytes(body[:200_000]).best()
    except Exception:  # detection is best effort and must never raise
        return None
    if best is None or not best.encoding:
        return None
    for codec in codecs_for(best.encoding) or (best.encoding,):
        text = _strict(body, codec)
        if text is not None:
            return text, codec
    return None


def decode_html(body: bytes, content_type: str | None) -> tuple[str, str, str]:
    """Decode page bytes: (text, charset name, where the charset came from). Never raises."""
    for bom, codec in _BOMS:
        if body.startswith(bom):
            text = body.decode(codec, errors="replace")
            return text, "utf-8" if codec == "utf-8-sig" else codec, "bom"

    declared: list[tuple[str, str]] = []
    for label, origin in ((header_charset(content_type), "header"), (meta_charset(body), "meta")):
        declared.extend((codec, origin) for codec in codecs_for(label))

    if body.isascii():
        if any(esc in body for esc in _ISO2022_ESCAPES):
            for codec, origin in [*declared, ("iso2022_jp", "detected")]:
                if codec.startswith("iso2022"):
                    jis_text = _strict(body, codec)
                    if jis_text is not None:
                        return jis_text, codec, origin
        if declared:
            codec, origin = declared[0]
            declared_text = _strict(body, codec)
            if declared_text is not None:
                return declared_text, codec, origin
        return body.decode("ascii"), "utf-8", "default"

    utf8_text = _strict(body, "utf-8")
    for codec, origin in declared:
        decoded = _strict(body, codec)
        if decoded is None:
            continue
        if codec != "utf-8" and utf8_text is not None:
            # Real Shift_JIS/EUC/Latin text is practically never valid multi-byte UTF-8,
            # while pages labelled one thing and saved as UTF-8 are common.
            return utf8_text, "utf-8", "detected"
        return decoded, codec, origin
    if utf8_text is not None:
        return utf8_text, "utf-8", "detected"
    guess = _japanese(body) or _detected(body)
    if guess is not None:
        return guess[0], guess[1], "detected"
    codec = declared[0][0] if declared else "utf-8"
    return body.decode(codec, errors="replace"), codec, "default"
