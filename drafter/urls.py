"""URL normalisation, redaction and the scheme policy, shared by every stage."""

from __future__ import annotations

import re
from urllib.parse import unquote_plus, urlsplit, urlunsplit

FETCHABLE_SCHEMES = frozenset({"http", "https"})

# Query parameters that only say where a click came from; dropping them lets the same
# article bookmarked from two newsletters collapse into one section. Exact names only: a
# prefix would also strip a site's own parameters (`_ga` is not `_gallery`).
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
        "_ga",
        "_gl",
        "__twitter_impression",
        "hmsr",
        *(
            f"utm_{name}"
            for name in (
                "source",
                "medium",
                "campaign",
                "term",
                "content",
                "id",
                "name",
                "reader",
                "referrer",
                "brand",
                "social",
                "social-type",
                "cid",
                "pubreferrer",
                "swu",
                "viz_id",
                "source_platform",
                "creative_format",
                "marketing_tactic",
            )
        ),
        *(f"itm_{name}" for name in ("source", "medium", "campaign", "content", "term")),
    }
)
# Query parameters that carry a secret: never printed, stored or written into a draft. Names
# a site may also use for content (`session=12` of a conference) are left out on purpose.
SECRET_PARAMS = frozenset(
    {
        "access_token",
        "refresh_token",
        "id_token",
        "auth_token",
        "token",
        "api_key",
        "apikey",
        "api-key",
        "password",
        "passwd",
        "pwd",
        "secret",
        "client_secret",
        "sig",
        "signature",
        "sessionid",
        "session_id",
        "x-amz-credential",
        "x-amz-signature",
        "x-amz-security-token",
        "x-goog-credential",
        "x-goog-signature",
    }
)

_DEFAULT_PORTS = {"http": 80, "https": 443}


def _param_name(pair: str) -> str:
    """A raw `name=value` pair's name, decoded and lower-cased, for comparing."""
    return unquote_plus(pair.split("=", 1)[0]).lower()


def without_params(query: str, names: frozenset[str]) -> str:
    """The raw query string less the pairs named in `names`; every other byte as it was
    (decoding and re-encoding would turn a Shift_JIS `%82%A0` into U+FFFD)."""
    if not query:
        return query
    pairs = query.split("&")
    kept = [pair for pair in pairs if _param_name(pair) not in names]
    return query if len(kept) == len(pairs) else "&".join(kept)


def _kept_fragment(fragment: str) -> str:
    """A single-page app's route (`#/post/1`, `#!/post/1`) names a page; any other
    fragment is a place on one."""
    return fragment if fragment.startswith(("/", "!")) else ""


def normalise_url(url: str) -> str:
    """Canonical form for comparing bookmarks: scheme and host lower-cased, default port,
    tracking parameters and an in-page fragment dropped, an empty path written as "/"."""
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
    query = without_params(parts.query, TRACKING_PARAMS)
    return urlunsplit((scheme, netloc, parts.path or "/", query, _kept_fragment(parts.fragment)))


def url_scheme(url: str) -> str:
    """The scheme of a URL, lower-cased ("" when it has none)."""
    match = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", url)
    return match.group(1).lower() if match else ""


def redact_url(url: str) -> str:
    """The URL without user:password@ and without secret query parameters (`token=`,
    `api_key=`, ...), for messages, reports, the page cache and the draft."""
    try:
        parts = urlsplit(url)
    except ValueError:  # e.g. a broken IPv6 literal: redact by pattern instead
        return redact_text(url)
    query = without_params(parts.query, SECRET_PARAMS)
    if parts.username is None and parts.password is None and query == parts.query:
        return url
    netloc = parts.netloc.rsplit("@", 1)[-1]
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


# Up to the last "@" before the path: a password may itself hold an "@".
_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/\s?#]*@")
# A URL's query inside a message, up to what ends the URL.
_QUERY_IN_TEXT = re.compile(
    r"(?i)(\bhttps?://[^\s?#]*\?)([^\s#'\"<>]*?)(?=[.,;:!?)\]]*(?:[\s#'\"<>]|$))"
)


def redact_text(text: str) -> str:
    """Any message with user:password@ and secret query parameters removed from the URLs
    it quotes."""

    def drop_secrets(match: re.Match[str]) -> str:
        query = without_params(match.group(2), SECRET_PARAMS)
        return match.group(1) + query if query else match.group(1)[:-1]

    return _QUERY_IN_TEXT.sub(drop_secrets, _USERINFO.sub(r"\1", text))


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
