"""Held-out pages modelled on widespread page templates (WordPress, Ghost, Medium, Substack,
Blogger, Hugo, Jekyll, docs generators, Japanese blog services and news sites, wire and
broadcast news, press releases, AMP, legacy Shift_JIS/EUC-JP pages), none of them in
../shared/corpus. Every text is our own; each page stands beside the headline and lead a
reader would copy from it, written down before drafter was run on it.

The pages live in tests/templates_*.py; tests/test_extract_templates.py runs them and
bench/templates.py measures drafter against plain trafilatura on them.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass

LEAD_PREFIX = 40  # as bench/extraction.py: a lead is right when it begins with this much


@dataclass(frozen=True)
class Template:
    """One page, the headline and lead a reader would copy, and how it is served."""

    name: str
    url: str
    page: str
    title: str
    lead: str
    titles: tuple[str, ...] = ()  # other forms a reader could fairly copy
    charset: str = "utf-8"  # the bytes' encoding
    header: str = "text/html; charset=utf-8"  # the Content-Type a server sends
    known_miss: str = ""  # why drafter still reads it wrong, where no generic rule tells

    def body(self) -> bytes:
        return self.page.encode(self.charset)


def normalise(text: str | None) -> str:
    """NFKC, whitespace collapsed: the form both sides are compared in."""
    return " ".join(unicodedata.normalize("NFKC", text or "").split())


def title_ok(got: str | None, template: Template) -> bool:
    wanted = {normalise(title) for title in (template.title, *template.titles)}
    return bool(got) and normalise(got) in wanted


def lead_ok(got: str | None, template: Template) -> bool:
    return bool(got) and normalise(got).startswith(normalise(template.lead)[:LEAD_PREFIX])


def doc(*, head: str, body: str, lang: str = "en", charset: str = "utf-8", attrs: str = "") -> str:
    """A whole page: doctype, <head> with a charset declaration, <body>."""
    meta = f'<meta charset="{charset}">' if charset else ""
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"{attrs}>\n<head>\n{meta}\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"{head}\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def meta(name: str, content: str) -> str:
    return f'<meta name="{name}" content="{content}">'


def og(prop: str, content: str) -> str:
    return f'<meta property="{prop}" content="{content}">'


def ld(data: object) -> str:
    """A JSON-LD block."""
    text = json.dumps(data, ensure_ascii=False)
    return f'<script type="application/ld+json">{text}</script>'


def paras(*texts: str, attrs: str = "") -> str:
    return "\n".join(f"<p{attrs}>{text}</p>" for text in texts)


def nav(*labels: str) -> str:
    """A site menu, as most templates put one in the header."""
    links = "".join(f'<li><a href="/{label.lower()}/">{label}</a></li>' for label in labels)
    return f'<nav class="menu" aria-label="Main"><ul>{links}</ul></nav>'


def site_footer(text: str) -> str:
    links = '<ul><li><a href="/privacy">Privacy</a></li></ul>'
    return f'<footer class="site-footer"><p>{text}</p>{links}</footer>'
