"""What each source format is called, and the sniff that tells a feed: no parser imports,
so detecting a plain-text bookmarks file costs nothing of the XML or HTML machinery."""

from __future__ import annotations

import re

NETSCAPE_LABEL = "Netscape bookmark file"
CHROME_LABEL = "Chrome bookmarks JSON"
PLACES_LABEL = "Firefox places.sqlite"
RSS_LABEL = "RSS feed"
RDF_LABEL = "RSS 1.0 (RDF) feed"
ATOM_LABEL = "Atom feed"

# The first element after the XML declaration, comments and a DOCTYPE names the feed's kind.
FEED_ROOT = re.compile(
    rb"\A(?:\xef\xbb\xbf)?(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>)*"
    rb"<(?:[A-Za-z_][\w.-]*:)?(rss|RDF|feed)[\s>/]",
    re.DOTALL,
)
_LABELS = {b"rss": RSS_LABEL, b"RDF": RDF_LABEL, b"feed": ATOM_LABEL}


def feed_label(data: bytes) -> str | None:
    """ "RSS feed", "RSS 1.0 (RDF) feed" or "Atom feed" from the root element; None if none."""
    match = FEED_ROOT.match(data[:65536])
    return _LABELS[match.group(1)] if match else None
