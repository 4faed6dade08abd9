"""Nothing a stranger writes can break out of its place in the draft.

Property-based: hypothesis feeds arbitrary text (weighted towards Markdown, YAML, HTML and
Hugo syntax) into every field that reaches the page (the episode title, each article's
title, label, lead, URL, failure reason and the host's note), renders the episode, then
reads it back twice: the front matter with a YAML parser, the body with a CommonMark
parser (markdown-it-py; Hugo's goldmark follows the same spec). Each field must come back
as exactly the text it was, in exactly the place it was put.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import unquote
from zoneinfo import ZoneInfo

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from drafter.draft.render import FAILURE_MARKER, Episode, one_line, render_episode
from drafter.models import Article
from drafter.urls import redact_url

WHEN = datetime(2020, 10, 17, 15, 20, 18, tzinfo=ZoneInfo("Asia/Tokyo"))
COMMONMARK = MarkdownIt("commonmark", {"html": True})  # raw HTML on, so we would see it

# Fragments that mean something to Markdown, YAML, HTML, Hugo or a line-based reader.
NASTY = [
    "\n", "\r\n", "\r", "\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x00", "\ufeff", "\t",
    "---", "+++", "...", "## ", "# ", "#", "> ", ">", "- ", "* ", "+ ", "1. ", "2) ", "===",
    "    ", "```", "~~~", "<script>alert(1)</script>", "<!--", "-->", "<iframe src=x>", "<",
    "&lt;", "&#60;", "&#x3C;", "&amp;", "&", "{{<", ">}}", "{{%", "%}}", "{{", "}}",
    "[", "]", "(", ")", "](", "](https://evil.example)", "![x](y)", "<https://evil.example>",
    "\\", "`", "*", "_", "|", "~", "!", '"', "'", ":", ": ", "key: value", "%", "%20", "%2",
    "@", "?", "#frag", "　", "（", "）", "「見出し」", "日本語",
]  # fmt: skip
CHUNK = st.one_of(st.text(max_size=6), st.sampled_from(NASTY))
FIELD = st.lists(CHUNK, max_size=8).map("".join)
HOST = st.sampled_from(["example.com", "127.0.0.1:8080", "news.example.co.jp", "[::1]:8443"])
PASSWORD = st.text(alphabet="abcXYZ019:@!$&'()*+,;=%-._~", min_size=1, max_size=12)
CREDENTIALS = st.one_of(st.just(""), PASSWORD.map(lambda password: f"user:{password}@"))
URL_TAIL = st.lists(CHUNK, max_size=8).map("".join)


@st.composite
def urls(draw: st.DrawFn) -> str:
    """An http(s) URL whose path, query and fragment hold anything at all."""
    scheme = draw(st.sampled_from(["http", "https"]))
    return f"{scheme}://{draw(CREDENTIALS)}{draw(HOST)}/{draw(URL_TAIL)}"


@st.composite
def articles(draw: st.DrawFn) -> Article:
    failed = draw(st.booleans())
    return Article(
        url=draw(urls()),
        title=draw(st.one_of(st.none(), FIELD)),
        source=draw(st.one_of(st.none(), FIELD)),
        lead=None if failed else draw(st.one_of(st.none(), FIELD)),
        note=draw(st.one_of(st.none(), FIELD)),
        error=draw(FIELD.filter(bool)) if failed else None,
    )


EPISODES = st.builds(
    lambda title, items: Episode(28, title, WHEN, items),
    st.one_of(FIELD, st.text()),
    st.lists(articles(), max_size=4),
)
PROPERTY = settings(
    max_examples=150,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def split_page(page: str) -> tuple[dict[str, Any], str]:
    """(the front matter, parsed as YAML; the body after it)."""
    assert page.startswith("---\n")
    end = page.index("\n---\n", 4)
    meta = yaml.safe_load(page[4:end])
    assert isinstance(meta, dict)
    return meta, page[end + len("\n---\n") :]


@dataclass
class Section:
    heading: Token
    quote: list[Token]
    bullet: list[Token]


def inline_text(tokens: list[Token]) -> str:
    """The plain text a reader sees in a run of inline tokens."""
    return "".join(token.content for token in tokens if token.type in ("text", "code_inline"))


def every_token(tokens: list[Token]) -> list[Token]:
    found: list[Token] = []
    for token in tokens:
        found.append(token)
        found.extend(every_token(token.children or []))
    return found


def read_body(body: str) -> list[Section]:
    """Parse the body: `# Show Note`, then heading, quote, bullet list per article. Any other
    block (a stray heading, a rule, raw HTML, a code block) fails the test."""
    tokens = COMMONMARK.parse(body)
    assert not [t for t in every_token(tokens) if t.type in ("html_block", "html_inline")]
    top = [index for index, token in enumerate(tokens) if token.level == 0 and token.nesting >= 0]
    shape = [tokens[index].type + tokens[index].tag for index in top]
    assert shape[:1] == ["heading_openh1"]
    assert tokens[top[0] + 1].content == "Show Note"
    rest = shape[1:]
    assert rest == ["heading_openh2", "blockquote_openblockquote", "bullet_list_openul"] * (
        len(rest) // 3
    ), shape
    sections = []
    for start in range(1, len(top), 3):
        heading = tokens[top[start] + 1]
        quote_at, list_at = top[start + 1], top[start + 2]
        quote = [t for t in tokens[quote_at:list_at] if t.type == "inline"]
        end = top[start + 3] if start + 3 < len(top) else len(tokens)
        bullet = [t for t in tokens[list_at:end] if t.type == "inline"]
        assert len(quote) <= 1 and len(bullet) <= 1  # one paragraph at most, one item
        assert [t.type for t in tokens[list_at:end]].count("list_item_open") == 1
        sections.append(Section(heading, quote, bullet))
    return sections


def link_of(heading: Token) -> tuple[str, str]:
    """(link text, href) of a section heading, which must be exactly one link, nothing else."""
    children = heading.children or []
    assert children and children[0].type == "link_open" and children[-1].type == "link_close"
    assert [child.type for child in children].count("link_open") == 1
    href = children[0].attrs["href"]
    assert isinstance(href, str)
    return inline_text(children[1:-1]), href


def expected_heading_text(article: Article) -> str:
    if article.title:
        text = one_line(article.title)
        return text + (f"（{one_line(article.source)}）" if article.source else "")
    return one_line(redact_url(article.url))


def paragraph(tokens: list[Token]) -> str:
    return inline_text(tokens[0].children or []) if tokens else ""


@PROPERTY
@given(EPISODES)
def test_every_field_stays_in_its_place(episode: Episode) -> None:
    page = render_episode(episode)
    meta, body = split_page(page)
    assert meta["title"] == episode.title  # the front matter parses and holds the title

    # Raw-text promises, which hold whatever renderer reads the page.
    lines = body.splitlines()
    assert sum(line.startswith("## ") for line in lines) == len(episode.articles)
    assert not [line for line in lines if line.strip() in ("---", "+++")]
    assert "{{<" not in body and "{{%" not in body  # no Hugo shortcode can start

    sections = read_body(body)
    assert len(sections) == len(episode.articles)
    for article, section in zip(episode.articles, sections, strict=True):
        text, href = link_of(section.heading)
        assert text == expected_heading_text(article)
        assert unquote(href) == unquote(redact_url(article.url))
        if article.error:
            shown = f"{FAILURE_MARKER}: {one_line(article.error)}".strip()
            assert paragraph(section.quote) == shown
        else:
            assert paragraph(section.quote) == one_line(article.lead)
        assert paragraph(section.bullet) == one_line(article.note)


@PROPERTY
@given(st.lists(urls(), min_size=1, max_size=3))
def test_urls_stay_one_working_link(links: list[str]) -> None:
    """Spaces, brackets and parentheses in a URL: one `](` per heading, the URL intact."""
    page = render_episode(Episode(1, "t", WHEN, [Article(url=url, title="T") for url in links]))
    headings = [line for line in page.splitlines() if line.startswith("## ")]
    assert len(headings) == len(links)
    for url, line in zip(links, headings, strict=True):
        assert line.startswith("## [T](") and line.endswith(")")
        destination = line[len("## [T](") : -1]
        assert "](" not in destination
        assert not any(char.isspace() or char in "()<>" for char in destination)
        # Markdown's backslash escapes apply in a destination ("\\&lt;" keeps "&lt;" literal).
        unescaped = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", destination)
        assert unquote(unescaped) == unquote(redact_url(url))
        assert "user:" not in destination  # no credentials in a published link


def test_credentials_never_reach_the_page() -> None:
    article = Article(url="https://alice:hunter2@example.com/private?q=1", title=None)
    failed = Article(url="http://bob:p@ss@example.com/x", error="HTTP 404 Not Found")
    page = render_episode(Episode(1, "t", WHEN, [article, failed]))
    assert "hunter2" not in page and "alice" not in page
    assert "p@ss" not in page and "bob" not in page and "ss@" not in page
    assert "](https://example.com/private?q=1)" in page
    assert "## [http://example.com/x](http://example.com/x)" in page
