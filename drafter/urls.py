"""URL normalisation, redaction and the scheme policy, shared by every stage."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

FETCHABLE_SCHEMES = frozenset({"http", "https"})

# Query parameters that only say where a click came from; dropping them lets the same
# article bookmarked from two newsletters collapse into one section.
TRACKING_PARAMS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "yclid",
        "msclkid",
        "twclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "_hsenc",
        "_hsmi",
        "mkt_tok",
        "ocid",
        "cmpid",
        "ref_src",
        "ref_url",
        "spm",
        "si",
    }
)
TRACKING_PREFIXES = ("utm_", "__twitter", "_ga", "hmsr", "itm_")

_DEFAULT_PORTS = {"http": 80, "https": 443}


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in TRACKING_PARAMS or lowered.startswith(TRACKING_PREFIXES)


def normalise_url(url: str) -> str:
    """Canonical form for comparing bookmarks: scheme and host lower-cased, default port,
    fragment and tracking parameters dropped, an empty path written as "/"."""
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if host.endswith("."):
        host = host[:-1]
    netloc = host
    if ":" in host:  # an IPv6 literal keeps its brackets
        netloc = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        port = None
    if port is not None and port != _DEFAULT_PORTS.get(scheme):
        netloc = f"{netloc}:{port}"
    if parts.username is not None:
        userinfo = parts.username + (f":{parts.password}" if parts.password is not None else "")
        netloc = f"{userinfo}@{netloc}"
    query = parts.query
    if query:
        pairs = parse_qsl(query, keep_blank_values=True)
        kept = [(k, v) for k, v in pairs if not _is_tracking(k)]
        if len(kept) != len(pairs):
            query = urlencode(kept, doseq=True)
    return urlunsplit((scheme, netloc, parts.path or "/", query, ""))


def url_scheme(url: str) -> str:
    """The scheme of a URL, lower-cased ("" when it has none)."""
    match = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", url)
    return match.group(1).lower() if match else ""


def redact_url(url: str) -> str:
    """The URL with any user:password@ removed, for messages, logs, reports and the draft."""
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. a broken IPv6 literal: redact by pattern instead
        return redact_text(url)
    if parts.username is None and parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)[-1]
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


# Up to the last "@" before the path: a password may itself hold an "@".
_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/\s?#]*@")


def redact_text(text: str) -> str:
    """Any message with user:password@ removed from the URLs it quotes."""
    return _USERINFO.sub(r"\1", text)


def host_of(url: str) -> str:
    """The lower-cased host name of a URL ("" when it has none)."""
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def markdown_safe_url(url: str) -> str:
    """Percent-encode what would end or break a Markdown link destination.

    Spaces, parentheses, angle and curly brackets ("{{<" would open a Hugo shortcode),
    quotes, backslashes and control characters are encoded; everything else (including
    non-ASCII paths) is left as the host bookmarked it. An "&" that would read as an HTML
    entity ("&lt;", "&#60;") is backslash-escaped: Markdown decodes entities in links.
    """
    return _ENTITY_START.sub(r"\\&", _UNSAFE.sub(_percent_encode, url))


_UNSAFE = re.compile(r"[\s()<>{}\"\\\x00-\x1f\x7f]")
_ENTITY_START = re.compile(r"&(?=#?\w+;)")


def _percent_encode(match: re.Match[str]) -> str:
    return "".join(f"%{byte:02X}" for byte in match.group(0).encode("utf-8"))
