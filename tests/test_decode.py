"""decode_html: which charset wins when header, <meta> and bytes disagree."""

from __future__ import annotations

import codecs

import pytest

from drafter.decode import codecs_for, decode_html, header_charset, meta_charset

HEADLINE = "クラウド①で「ＡＩ」を使う～新サービス"  # cp932-only ① and ～ on purpose


def page(charset_meta: str | None, text: str = HEADLINE) -> str:
    meta = f'<meta charset="{charset_meta}">' if charset_meta else ""
    return f"<html><head>{meta}<title>{text}</title></head><body><p>{text}</p></body></html>"


def http_equiv(label: str) -> str:
    return f'<meta http-equiv="Content-Type" content="text/html; charset={label}">'


@pytest.mark.parametrize(
    ("body", "content_type", "charset", "origin"),
    [
        # Each declaration honoured when the bytes agree.
        (page("utf-8").encode("utf-8"), "text/html; charset=utf-8", "utf-8", "header"),
        (page("Shift_JIS").encode("cp932"), None, "cp932", "meta"),
        (page(None).encode("cp932"), "text/html; charset=Shift_JIS", "cp932", "header"),
        (page(None).encode("cp932"), "text/html; charset=x-sjis", "cp932", "header"),
        (page("EUC-JP", "日本語の記事です").encode("euc_jp"), None, "euc_jp", "meta"),
        (
            page(None, "日本語の記事です").encode("iso2022_jp"),
            "text/html; charset=ISO-2022-JP",
            "iso2022_jp",
            "header",
        ),
        # A byte-order mark beats everything, even a lying header.
        (codecs.BOM_UTF8 + page("Shift_JIS").encode(), "text/html; charset=EUC-JP", "utf-8", "bom"),
        # Lies: the page says Shift_JIS (or EUC-JP) but the bytes are UTF-8.
        (page("Shift_JIS").encode("utf-8"), None, "utf-8", "detected"),
        (page("EUC-JP").encode("utf-8"), "text/html; charset=EUC-JP", "utf-8", "detected"),
        # Header and meta disagree: the one the bytes obey wins.
        (page("utf-8").encode("cp932"), "text/html; charset=Shift_JIS", "cp932", "header"),
        (page("Shift_JIS").encode("cp932"), "text/html; charset=utf-8", "cp932", "meta"),
        (page("utf-8").encode("utf-8"), "text/html; charset=Shift_JIS", "utf-8", "detected"),
        # No declaration at all.
        (page(None).encode("utf-8"), None, "utf-8", "detected"),
        (page(None, "plain ascii page").encode(), "text/html", "utf-8", "default"),
        # ISO-2022-JP is 7-bit: found by its escape sequences even when undeclared.
        (page(None, "日本語の記事です").encode("iso2022_jp"), None, "iso2022_jp", "detected"),
    ],
)
def test_charset_choice(body: bytes, content_type: str | None, charset: str, origin: str) -> None:
    text, got_charset, got_origin = decode_html(body, content_type)
    assert (got_charset, got_origin) == (charset, origin)
    assert "\ufffd" not in text
    assert "<title>" in text


@pytest.mark.parametrize(
    ("codec", "sample"),
    [("cp932", HEADLINE), ("euc_jp", "日本語の記事です"), ("utf-8", HEADLINE)],
)
def test_text_survives_round_trip(codec: str, sample: str) -> None:
    body = page(None, sample * 20).encode(codec)
    text, _, _ = decode_html(body, None)
    assert sample in text


def test_undeclared_shift_jis_is_detected() -> None:
    body = page(None, "日本語のニュース記事の本文です。" * 30).encode("cp932")
    text, charset, origin = decode_html(body, "text/html")
    assert origin == "detected"
    assert "日本語のニュース記事の本文です。" in text
    assert charset in {"cp932", "shift_jis", "shift_jis_2004", "shift_jisx0213"}


def test_numeric_references_stay_for_the_parser() -> None:
    body = b"<html><head><meta charset=utf-8></head><body><p>&#x30A4;&#12531;</p></body></html>"
    text, charset, origin = decode_html(body, None)
    assert (charset, origin) == ("utf-8", "meta")
    assert "&#x30A4;" in text


@pytest.mark.parametrize(
    "body",
    [b"", b"\xff\xfe\xfd\x80\x81" * 50, bytes(range(256)) * 4, b"\x1b$B\x1b(B\xff"],
)
def test_garbage_never_raises(body: bytes) -> None:
    text, charset, origin = decode_html(body, "text/html; charset=no-such-charset")
    assert isinstance(text, str)
    assert charset
    assert origin in {"bom", "header", "meta", "detected", "default"}


def test_meta_prescan_reads_http_equiv_and_stops_after_4kb() -> None:
    assert meta_charset(http_equiv("EUC-JP").encode()) == "EUC-JP"
    assert meta_charset(b"<meta charset='x-sjis'>") == "x-sjis"
    late = b"<!--" + b"x" * 5000 + b"--><meta charset=euc-jp>"
    assert meta_charset(late) is None


def test_header_charset_and_aliases() -> None:
    assert header_charset('text/html; charset="Shift_JIS"') == "Shift_JIS"
    assert header_charset("text/html") is None
    assert codecs_for("SJIS")[0] == "cp932"
    assert codecs_for("EUC-JP") == ("euc_jp", "euc_jis_2004")
    assert codecs_for("iso-8859-1") == ("windows-1252",)
    assert codecs_for("bogus-charset") == ()


@pytest.mark.parametrize(
    "label", ["utf-7", "UTF7", "unicode-1-1-utf-7", "hz-gb-2312", "iso-2022-kr"]
)
def test_labels_browsers_refuse_are_unknown(label: str) -> None:
    assert codecs_for(label) == ()
    body = b"<html><head><title>a +ADw-b+AD4- c</title></head></html>"
    text, charset, _ = decode_html(body, f"text/html; charset={label}")
    assert "+ADw-b+AD4-" in text and charset != "utf-7"
