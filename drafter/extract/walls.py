"""Pages that stand between the reader and the article: bot challenges, consent walls,
JavaScript-only shells and login pages. Their text must never be quoted as a lead.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser

_CHALLENGE_TITLES = re.compile(
    r"^(just a moment|attention required|please wait|one moment, please|checking your browser|"
    r"ddos-guard|access denied|robot check|are you a robot|security check|"
    r"pardon our interruption|verify you are human|human verification)",
    re.I,
)
_CHALLENGE_MARKERS = (
    "cf-browser-verification",
    "cf_chl_",
    "cf-challenge",
    "checking your browser before accessing",
    "_incapsula_resource",
    "px-captcha",
    "captcha-delivery.com",
    "geo.captcha-delivery",
    "enable javascript and cookies to continue",
)
_CONSENT_HOSTS = re.compile(r"^(consent|guce|privacy|cmp)\.")
_CONSENT_TEXT = re.compile(
    r"before you continue to|we value your privacy|consent to (the use of )?cookies|"
    r"cookie(s)? (settings|consent)|同意(する|して続行)|プライバシー設定",
    re.I,
)
_JS_TEXT = re.compile(
    r"enable javascript|javascript (is|must be) (disabled|enabled|required)|"
    r"you need to enable javascript|requires javascript|"
    r"javascriptを有効|javascript.{0,10}(有効|オン)にして",
    re.I,
)
_LOGIN_PATH = re.compile(
    r"/(login|log-in|signin|sign-in|sign_in|auth|sso|oauth|account/login|users/sign_in|"
    r"accounts/login|member/login)(/|\.|$)",
    re.I,
)
_LOGIN_HOST = re.compile(r"^(login|accounts?|auth|sso|id|signin)\.")
_LOGIN_TITLE = re.compile(r"ログイン|log ?in|sign ?in", re.I)
_THIN_TEXT = 600  # characters of visible text below which a page is a shell, not an article


def _visible_text(tree: LexborHTMLParser) -> str:
    """The body's text; the caller has already stripped scripts and styles from the tree."""
    body = tree.body
    return " ".join((body.text(separator=" ") if body is not None else "").split())


def blocked_reason(tree: LexborHTMLParser, html: str, url: str, title: str | None) -> str | None:
    """Why the page is a wall rather than the article, or None.

    ``tree`` should already be stripped of scripts and styles; ``html`` is the raw text,
    where challenge scripts leave their markers.
    """
    title = (title or "").strip()
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if len(title) <= 40 and _CHALLENGE_TITLES.search(title):
        return "bot challenge"
    if _CONSENT_HOSTS.search(host):
        return "consent wall"
    if _LOGIN_HOST.search(host) or _LOGIN_PATH.search(parts.path):
        return "login page"
    # The costlier checks only for small pages: a real article is rarely this short.
    if len(html) > 150_000:
        return None
    text = _visible_text(tree)
    if len(text) >= _THIN_TEXT:
        return None
    # Protection scripts also ride along on real articles: they count only on a thin page.
    lowered = html.lower()
    if any(marker in lowered for marker in _CHALLENGE_MARKERS):
        return "bot challenge"
    if _CONSENT_TEXT.search(text) or _CONSENT_TEXT.search(title):
        return "consent wall"
    if tree.css_first("input[type='password']") is not None and _LOGIN_TITLE.search(
        title + " " + text[:200]
    ):
        return "login page"
    if _JS_TEXT.search(text) or not text:
        return "needs JavaScript"
    return None
