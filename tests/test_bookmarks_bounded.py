"""HTML bookmark sources beyond a few tags are read in a child process under a deadline and a
memory ceiling (issue 19): what comes back is what the parser in the drafter process reads."""

from __future__ import annotations

import pytest

from drafter.bookmarks.bounded import FEW_TAGS, deadline_for, needs_bounds, parse_bounded
from drafter.bookmarks.exports import parse_netscape
from drafter.bookmarks.feeds import parse_feed
from drafter.bookmarks.formats import read_source
from drafter.bookmarks.links import parse_html
from drafter.errors import InputError
from tests.samples import NETSCAPE

# The sample export, with enough padding after it to be read by the child.
PADDED = NETSCAPE + b"<!-- -->" * (FEW_TAGS + 1)
LINKS = (
    "<ul>"
    + "".join(
        f"<li><a href='https://example.com/{n}' tags='a,b'>Link {n}</a> note {n}"
        for n in range(200)
    )
    + "</ul>"
).encode()
FEED = (
    "<?xml version='1.0'?><rss version='2.0'><channel>"
    + "".join(
        f"<item><title>Item {n}</title><link>https://example.com/{n}</link>"
        f"<description>&lt;b&gt;note&lt;/b&gt; {n}</description>"
        f"<pubDate>Wed, 09 Jul 2025 10:00:00 +0900</pubDate><category>t{n % 3}</category></item>"
        for n in range(300)
    )
    + "</channel></rss>"
).encode()


@pytest.mark.parametrize(
    ("format_name", "data", "parser"),
    [("netscape", PADDED, parse_netscape), ("html", LINKS, parse_html), ("feed", FEED, parse_feed)],
)
def test_the_child_reads_what_the_drafter_process_reads(
    format_name: str, data: bytes, parser: object
) -> None:
    assert needs_bounds(format_name, data)
    bounded = parse_bounded(format_name, data, "source", "label", deadline_for(len(data)))
    assert bounded == parser(data, "source")  # type: ignore[operator]


def test_a_small_or_plain_source_is_read_in_the_drafter_process() -> None:
    assert not needs_bounds("netscape", NETSCAPE)
    assert not needs_bounds("markdown", b"- [x](https://example.com/)\n" * 1_000)
    assert not needs_bounds("chrome-json", b"<" * 10_000)


def test_a_parsers_own_error_comes_back_as_it_was() -> None:
    empty = b"<!DOCTYPE NETSCAPE-Bookmark-file-1>" + b"<p>" * (FEW_TAGS + 1)
    with pytest.raises(InputError, match=r"b\.html: Netscape bookmark file: no <DT><A HREF>"):
        read_source(empty, "b.html")


def test_the_deadline_grows_with_the_source() -> None:
    assert deadline_for(0, 10.0) == 10.0
    assert deadline_for(7_000_000, 10.0) == 17.0
