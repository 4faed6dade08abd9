"""Reading a page's links as CommonMark does, checked against markdown-it-py (a CommonMark
parser, as Hugo's goldmark is): the same links, and never one a page's text only spells."""

from __future__ import annotations

import time

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from drafter.draft.markdown_links import MarkdownLink, inline_links, markdown_links
from drafter.draft.render import Episode, render_episode
from drafter.models import Article
from drafter.urls import markdown_safe_url, redact_url
from tests.test_injection import EPISODES, PROPERTY, WHEN

COMMONMARK = MarkdownIt("commonmark", {"html": True})
COMMONMARK.validateLink = lambda url: True  # type: ignore[method-assign]  # keep every link


def commonmark_links(text: str) -> list[str] | None:
    """The destinations markdown-it finds outside quotes, normalised as it does; None when
    the page uses what drafter does not read (reference links, indented code, HTML blocks)."""
    env: dict[str, object] = {}
    tokens = COMMONMARK.parse(text, env)
    if env.get("references") or any(t.type in ("code_block", "html_block") for t in tokens):
        return None
    found: list[str] = []

    def walk(children: list[Token]) -> None:
        for token in children:
            if token.type == "link_open":
                found.append(str(token.attrGet("href")))
            elif token.type == "image":
                found.append(str(token.attrGet("src")))
            walk(token.children or [])

    quoted = 0
    for token in tokens:
        quoted += {"blockquote_open": 1, "blockquote_close": -1}.get(token.type, 0)
        if token.type == "inline" and not quoted:
            walk(token.children or [])
    return found


def ours(text: str) -> list[str]:
    return [COMMONMARK.normalizeLink(link.destination) for link in markdown_links(text)]


INLINE = [
    # (text, the destinations in it)
    (r"Nice\](http://10.0.0.1/) [a](http://b.example/)", ["http://b.example/"]),
    (r"\[x](http://no/) \<http://no/\> [y\](http://no/)", []),
    ("[a [b](http://in/) c](http://out/)", ["http://in/"]),  # a link cannot hold a link
    ("![a [b](http://in/)](http://img/)", ["http://img/", "http://in/"]),  # an image can
    ("`<http://code/>` [`]`](http://yes/) [a`](http://no/)`", ["http://yes/"]),
    ("``[a](http://no/)`` ` `` ` [b](http://yes/)", ["http://yes/"]),
    ("`[a](http://yes/)", ["http://yes/"]),  # an unclosed backtick is text
    ("<http://auto.example/?a=1&b=2> <mailto:x@y> <a@b.example> <no auto>", None),
    ("<a href='](http://no/)'> <!-- [x](http://no/) --> [z](http://yes/)", ["http://yes/"]),
    ('[t](<http://a.example/b c> "title") [u](http://x/(1)(2) (paren))', None),
    ("[e](http://a.example/?a\\&b&amp;c) [f](http://a.example/\\(\\))", None),
    ("[multi\nline](\nhttp://a.example/\n'title\nmore')", None),
    ("[no](http://a.example/ x) [sp] (http://no/) [x](http://a b)", []),
    ("[a](http://one/)[b](http://two/) [](http://empty/) [c]()", None),
    ("*[a](http://em/)* **[b](http://strong/)** _c_", None),
]


@pytest.mark.parametrize(("text", "expected"), INLINE)
def test_inline_links_as_commonmark_reads_them(text: str, expected: list[str] | None) -> None:
    found = ours(text)
    assert found == commonmark_links(text)
    if expected is not None:
        assert found == expected


PAGE = """\
---
title: "#28 ## [x](http://front.example/)"
---

# Show Note

## [Title \\](http://10.0.0.1/) \\<http://127.0.0.1/\\>（Site）](https://a.example/1)

> Lead <http://169.254.169.254/latest/> [x](http://quote.example/)
lazily continued [y](http://lazy.example/)

* [note](https://b.example/) and `<http://code.example/>`
* ## [in a list: no article heading](https://c.example/)

### [Level three](https://d.example/) [second](https://e.example/)

```
[fenced](http://fence.example/)
~~~
[still fenced](http://fence.example/2)
```

~~~~
[tilde](http://fence.example/3)
~~~~

Para [g](https://g.example/
) ![i](https://i.example/i.png)
"""


def test_a_page_s_links_by_line_and_heading() -> None:
    assert markdown_links(PAGE) == [
        MarkdownLink(7, "https://a.example/1", opens_heading=2),
        MarkdownLink(12, "https://b.example/"),
        MarkdownLink(13, "https://c.example/"),
        MarkdownLink(15, "https://d.example/", opens_heading=3),
        MarkdownLink(15, "https://e.example/"),
        MarkdownLink(27, "https://g.example/"),
        MarkdownLink(28, "https://i.example/i.png"),
    ]
    body = PAGE.split("---\n", 2)[2]
    assert ours(PAGE) == commonmark_links(body)


@pytest.mark.parametrize(
    "text",
    [
        "> a\n[x](http://lazy/)\n",  # a lazy continuation line is still the quote
        "> a\n\n[x](http://after/)\n",
        ">\n[x](http://after-empty-quote/)\n",  # an empty quote line has no paragraph open
        "> a\n# [x](http://heading/)\n",
        "> a\n* [x](http://item/)\n",
        "* a `code\n* b` [x](http://item/)\n",  # each item is its own paragraph
        "a `code\nb` [x](http://no/)\n",  # a paragraph's code span goes over lines
        "```x`y\n[x](http://not-a-fence/)\n",  # a backtick fence's info has no backtick
        "````\n```\n[x](http://still-fenced/)\n````\n[y](http://after/)\n",
    ],
)
def test_blocks_as_commonmark_reads_them(text: str) -> None:
    assert ours(text) == commonmark_links(text)


INLINE_PIECES = st.sampled_from(
    [
        "[", "]", "![", "(", ")", "`", "``", "\\", "\\[", "\\]", "\\`", "<", ">", "<>",
        "http://a.example/x", "<http://b.example/>", "(http://c.example/)", "](http://d.example/)",
        " ", "\n", '"t"', "'", "&amp;", "&lt;", "&#91;", "<span>", "</span>", "<!-- c -->",
        "<a href=\"](http://e.example/)\">", "*", "_", "x", "words", "（", "日本",
    ]
)  # fmt: skip


@PROPERTY
@given(st.lists(INLINE_PIECES, max_size=24).map("".join))
def test_any_inline_text_gives_the_links_commonmark_gives(text: str) -> None:
    text = "p " + text  # a paragraph, whatever the pieces start with
    expected = commonmark_links(text)
    assume(expected is not None)
    tokens = COMMONMARK.parse(text)
    assume([t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"])
    assert ours(text) == expected


BLOCK_PIECES = st.sampled_from(
    ["\n", "\n\n", "\n> ", "\n>", "\n* ", "\n1. ", "\n# ", "\n## ", "\n```\n", "\n~~~\n",
     "\n  ", "\n---\n", "\n===\n"]
)  # fmt: skip


@PROPERTY
@given(st.lists(st.one_of(INLINE_PIECES, BLOCK_PIECES), max_size=24).map("".join))
def test_any_page_gives_the_links_commonmark_gives_outside_quotes(text: str) -> None:
    expected = commonmark_links("p " + text)
    assume(expected is not None)
    assert ours("p " + text) == expected


@PROPERTY
@given(EPISODES)
def test_a_drafted_page_links_only_its_bookmarks(episode: Episode) -> None:
    """Whatever the pages said (titles, labels, leads, failures, notes), the only links
    of the draft are the headings' own: the bookmarks."""
    page = render_episode(episode)
    expected = [markdown_safe_url(redact_url(article.url)) for article in episode.articles]
    links = markdown_links(page)
    assert [link.opens_heading for link in links] == [2] * len(episode.articles)
    assert [link.destination for link in links] == [url.replace("\\&", "&") for url in expected]


def test_hostile_titles_stay_text_in_a_drafted_heading() -> None:
    title = "](http://169.254.169.254/latest/meta-data/) [x](http://10.0.0.1/) <http://127.0.0.1/>"
    page = render_episode(
        Episode(28, "t", WHEN, [Article(url="https://a.example/", title=title, lead=title)])
    )
    assert [link.destination for link in markdown_links(page)] == ["https://a.example/"]


def test_pathological_text_reads_in_linear_time() -> None:
    """Each about 0.1 s here; read in quadratic time, each would take a minute."""
    started = time.monotonic()
    texts = ("`" * 20000, "` `` ``` " * 5000, "[" * 20000, "[a](x)" * 5000 + "]" * 5000)
    for text in (*texts, "[](" * 5000, '[](a "' * 5000, "[](<" * 5000):
        inline_links(text)
    assert time.monotonic() - started < 3
