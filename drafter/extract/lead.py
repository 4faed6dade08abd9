"""The lead: the article's first real prose paragraph, and how to cut it to length.

Text arrives as ``Block``s (one paragraph or ``<br>``-separated line each, with the kind of
element it came from), either from selectolax nodes or from trafilatura's body tree. The
rules here decide which block is prose and which is page furniture: bylines, datelines,
captions, breadcrumbs, share prompts, related links, "read the original" notes, paywalls.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import Any

from selectolax.lexbor import LexborNode

from drafter.extract.sites import name_key
from drafter.extract.title import clean_text


@dataclass(frozen=True)
class Block:
    """One candidate paragraph: its text and the kind of element it came from."""

    text: str
    kind: str  # "p" (paragraph or line), "heading", "list", "quote", "label", "furniture"
    role: str | None = None  # what the markup around it says: "standfirst", "header"
    parent: int = 0  # which element holds it (the walk's blocks): siblings share it
    classes: str = ""  # the class and id words of that element


SKIP_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "figure",
        "figcaption",
        "aside",
        "nav",
        "footer",
        "header",
        "form",
        "button",
        "select",
        "iframe",
        "svg",
        "summary",  # a <details> widget's label: "Expand description"
        "dialog",
        "video",
        "audio",
        "picture",
        "img",
        "time",
        "-comment",
    }
)
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "section",
        "article",
        "main",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "table",
        "tbody",
        "thead",
        "tr",
        "td",
        "th",
        "blockquote",
        "pre",
        "center",
        "hr",
        "details",
        "address",
        "fieldset",
        "hgroup",
        *HEADINGS,
    }
)
_KIND_BY_TAG = {"li": "list", "dt": "list", "dd": "list", "blockquote": "quote"}

_JA_CHAR = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff66-\uff9f]")
_SENTENCE_END = re.compile(r"[。！？!?]|\.(?:\s|$)|[.!?][\"”’)）]")
_PLACEHOLDER = re.compile(r"\{\{.*?\}\}|%[A-Za-z]+-\d+%")
_DATE_TOKEN = re.compile(
    r"\d{4}\s*[年/.\-]\s*\d{1,2}\s*[月/.\-]\s*\d{1,2}\s*日?|\d{1,2}\s*月\s*\d{1,2}\s*日"
    r"|\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?|[（(]\s*[月火水木金土日]\s*[)）]"
    r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?"
    r"(?:\s+\d{4})?|\b\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{4}"
    r"|\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|\b\d{4}\b|\b(?:utc|gmt|jst|[ecmp][sd]t)\b",
    re.I,
)
_DATE_WORDS = re.compile(
    r"公開日?|更新日?|掲載日?|配信日?|投稿日?|発表日?|日時|published|updated|posted|on|at|by|"
    r"last|modified|[|｜:：\-–—/,.・()（）\[\]［］]",
    re.I,
)
_JUNK_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (reason, re.compile(pattern, re.I))
    for reason, pattern in (
        ("byline", r"^(by|posted by|written by|text by|words by|story by|author:)\s+\S"),
        (
            "byline",
            r"^(文|文・写真|取材・文|写真・文|執筆|著者|記者|筆者|構成|翻訳|訳)"
            r"\s*[：:／/=＝]",
        ),
        ("byline", r"^[\[［【(（][^\]］】)）]{1,40}[，,、][^\]］】)）]{1,30}[\]］】)）]$"),
        ("byline", r"^[\[［【(（]?\S{1,20}(記者|編集部|特派員|通信員)[\]］】)）]?$"),
        (
            "caption",
            r"拡大画像表示|画像をクリック|クリックで拡大|クリックすると拡大|"
            r"click (to|for) (enlarge|larger|full)|tap to (enlarge|expand)",
        ),
        (
            "caption",
            r"^(写真|画像|図|表|出典|出所|資料|提供|image|photo|credit|source|"
            r"illustration|photograph)\s*[0-9０-９]*\s*[:：]",
        ),
        ("caption", r"(getty images|shutterstock|ap photo|reuters/|afp via|photo by|image credit)"),
        ("caption", r"^(©|\(c\)\s|copyright\b)|\bprovided by\b|\bcourtesy of\b"),
        (
            "disclaimer",
            r"個人の(意見|見解)|"
            r"(所属|勤務先).{0,20}(組織|団体|会社|企業).{0,20}(無関係|関係(は|が)?ありません)|"
            r"(views|opinions)( expressed)?( here| on this (site|blog))? are "
            r"(my|their|the author'?s?) own|"
            r"do(es)? not (necessarily )?(reflect|represent) the (views|opinions)",
        ),
        (
            "share",
            r"^(share|tweet|シェア|ツイート|この記事を(シェア|共有|ブックマーク)|follow us|"
            r"フォローする|はてなブックマーク|copy link|email this)\b",
        ),
        ("share", r"(sign up for|subscribe to) (our|the) .{0,30}newsletter"),
        (
            "related",
            r"^(関連記事|関連エントリ|関連リンク|関連情報|関連ニュース|あわせて読みたい|"
            r"こちらもおすすめ|おすすめ記事|related|read more|read next|see also|"
            r"more from|recommended|further reading|最新記事|人気記事)",
        ),
        (
            "original",
            r"原文.{0,30}(リンク|link)|^原文\s*[:：(（]|^元記事|^\s*source article|"
            r"read the original|originally (published|appeared)|"
            r"this (article|story|post) (was|is) (originally|first)|"
            r"本記事は.{0,60}(転載|翻訳|抄訳)|^(翻訳|抄訳)\s*[:：]",
        ),
        (
            "editor's note",
            r"^[\[［【(（](editor'?s'? note|update[sd]?|correction|追記|訂正|更新)[\]］】)）]|"
            r"^(editor'?s'? note|update[sd]?|correction|clarification|追記|訂正)\s*[:：]|"
            r"^this (story|article|post|piece|essay) is (part|one) of\b|"
            r"^(この|本)記事は.{0,40}(連載|シリーズ|特集)の|"
            # the occasion it was written for: a day of an Advent Calendar
            r"^(この|本)(記事|エントリ|投稿)は.{0,60}(advent ?calendar|アドベントカレンダー)|"
            r"^this (post|article|entry) is .{0,60}\badvent calendar\b",
        ),
        (
            "paywall",
            r"会員限定|有料会員|続きを読む|ログインして|ログインすると|"
            r"会員登録(する|して|が必要)|"
            r"subscribe (now )?to (continue|read|keep)|to continue reading|"
            r"sign in to (read|continue)|already a subscriber|この記事は(有料|会員)|"
            r"無料会員|購読者限定|subscribers only",
        ),
        ("marker", r"^(pr|広告|sponsored|advertisement|スポンサード ?リンク|ad)$"),
    )
)
_BREADCRUMB = re.compile(r"\s[>›»＞]\s|\s?[>›»＞]\s?")
_SHORT_FURNITURE = 120  # captions, share rows and bylines are short; a long line is prose
_PAYWALL_PROMPT = 300  # a paywall prompt is a few lines at most


_SAMPLE_CHARS = 2000  # a text's language and its furniture are told by its start


def is_japanese(text: str) -> bool:
    """True when enough of the text is kana or kanji to measure it in characters (read
    from its start: a megabyte-long paragraph is not counted through)."""
    text = text[:_SAMPLE_CHARS]
    letters = sum(1 for ch in text if ch.isalpha())
    return letters > 0 and len(_JA_CHAR.findall(text)) * 5 >= letters


def tidy(text: str) -> str:
    """Collapse whitespace and drop CMS placeholders (``%Slideshow-1%``, ``{{field}}``)."""
    return clean_text(_PLACEHOLDER.sub(" ", text))


def junk_reason(text: str) -> str | None:
    """Why a block is page furniture rather than article prose, or None."""
    stripped = text.strip()
    if not stripped:
        return "empty"
    length, lowered = len(stripped), stripped[:_SAMPLE_CHARS]  # notes are told at the start
    for reason, pattern in _JUNK_PATTERNS:
        if reason in {"caption", "share", "related", "byline", "marker", "disclaimer"} and (
            length > _SHORT_FURNITURE
        ):
            continue
        if reason == "paywall" and length > _PAYWALL_PROMPT:
            continue  # a long paragraph that mentions logging in is the article's own
        if pattern.search(lowered):
            return reason
    if length >= _SHORT_FURNITURE:
        return None  # breadcrumbs and datelines are short
    if len(_BREADCRUMB.findall(lowered)) >= 2:
        return "breadcrumb"
    if _DATE_TOKEN.search(lowered):
        rest = _DATE_WORDS.sub(" ", _DATE_TOKEN.sub(" ", lowered))
        if len(rest.replace(" ", "")) <= 6:
            return "dateline"
    return None


def is_prose(text: str) -> bool:
    """A sentence or more of running text (not a label, heading or list item)."""
    if _SENTENCE_END.search(text) is None:
        return False
    if is_japanese(text):
        return len(text) >= 15
    return len(text[:_SAMPLE_CHARS].split()) >= 8


def looks_like_title(text: str, title: str | None) -> bool:
    """The headline repeated in the body (or the body's copy of it with a series suffix)."""
    if not title:
        return False
    title_key = name_key(title)
    # a prefix whose key is already too long settles it without reading a long paragraph
    if len(name_key(text[: 2 * len(title) + 40])) > len(title_key) + 20:
        return False
    text_key = name_key(text)
    if not text_key or not title_key:
        return False
    if text_key in title_key:
        return True
    return title_key in text_key and len(text_key) <= len(title_key) + 20


_MAX_PICKED = 2000  # blocks read by `pick`


def pick(blocks: Iterable[Block], title: str | None, *, strict: bool) -> str | None:
    """The first block that reads as the lead; ``strict`` also demands sentences. Only
    the first blocks are read: a lead stands near the top, and a hostile page of 50,000
    lines is not judged line by line."""
    for block in islice(blocks, _MAX_PICKED):
        text = block.text
        if not text or junk_reason(text):
            continue
        if strict:
            if block.kind != "p" or not is_prose(text) or looks_like_title(text, title):
                continue
            return text
        if block.kind in {"p", "heading"} and len(name_key(text)) >= 10:
            return text
    return None


def cut_lead(text: str, limit: int) -> str:
    """The whole text within ``limit``, else up to the last sentence end (never mid-word)."""
    text = text.strip()
    if len(text) <= limit:
        return text
    window = text[: limit + 1]
    ends = [m.end() for m in re.finditer(r"[。！？](?:[」』）)])?|[.!?][\"”’)]?(?=\s)", window)]
    ends = [end for end in ends if end <= limit]
    if ends:
        return text[: ends[-1]].strip()
    if is_japanese(text):
        commas = [m.end() for m in re.finditer(r"[、，]", window) if m.end() <= limit]
        cut = commas[-1] if commas and commas[-1] >= limit // 2 else limit
        return text[:cut].rstrip("、， ") + "…"
    space = window.rfind(" ", 0, limit)
    cut = space if space > 0 else limit
    return text[:cut].rstrip(" ,;:-") + "…"


def _join(lines: list[str]) -> str:
    return tidy("".join(lines))


_MAX_DEPTH = 64  # nesting read block by block; deeper, an element's text is one block


def node_blocks(node: LexborNode, kind: str = "p", depth: int = 0) -> Iterator[Block]:
    """Blocks under a selectolax node: one per paragraph, split at ``<br>``."""
    if depth >= _MAX_DEPTH:  # hostile nesting: no recursion past this
        if text := tidy(node.text() or ""):
            yield Block(text, kind)
        return
    pending: list[str] = []
    child = node.child
    while child is not None:
        tag = child.tag or ""
        if tag == "-text":
            pending.append(child.text_content or "")
        elif tag == "br":
            if text := _join(pending):
                yield Block(text, kind)
            pending = []
        elif tag in SKIP_TAGS:
            pass
        elif tag in BLOCK_TAGS:
            if text := _join(pending):
                yield Block(text, kind)
            pending = []
            child_kind = "heading" if tag in HEADINGS else _KIND_BY_TAG.get(tag, kind)
            yield from node_blocks(child, child_kind, depth + 1)
        else:
            pending.append(child.text(deep=True, separator="") or "")
        child = child.next
    if text := _join(pending):
        yield Block(text, kind)


_TRAFILATURA_KINDS = {
    "p": "p",
    "head": "heading",
    "list": "list",
    "item": "list",
    "quote": "quote",
    "table": "list",
    "code": "list",
}


def tree_blocks(body: Any) -> Iterator[Block]:
    """Blocks from trafilatura's body tree (lxml), split at its ``<lb/>`` line breaks."""
    if body is None:
        return
    for element in body:
        kind = _TRAFILATURA_KINDS.get(str(element.tag), "p")
        lines: list[list[str]] = [[]]
        _collect(element, lines)
        for parts in lines:
            yield from _flush(parts, kind)


def _collect(element: Any, lines: list[list[str]]) -> None:
    """Text of an lxml element in document order, starting a new line at each ``<lb/>``."""
    lines[-1].append(element.text or "")
    for child in element:
        if child.tag == "lb":
            lines.append([])
        else:
            _collect(child, lines)
        lines[-1].append(child.tail or "")


def _flush(lines: list[str], kind: str) -> Iterator[Block]:
    text = tidy("".join(lines))
    if text:
        yield Block(text, kind)
