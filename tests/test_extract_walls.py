"""Pages that are not the article (bot challenges, consent and login walls, JavaScript shells)
are marked blocked, never quoted; garbage bytes give empty fields, not an exception."""

from __future__ import annotations

import pytest

from drafter.extract.article import extract_article
from tests.samples import EN_LEAD, html


@pytest.mark.parametrize(
    ("page", "url", "reason"),
    [
        (
            html(title="Just a moment...", body="<div id='cf-wrapper'>Checking</div>"),
            "https://example.com/a",
            "bot challenge",
        ),
        (
            html(
                title="Attention Required! | Cloudflare", body="<p>Sorry, you have been blocked</p>"
            ),
            "https://example.com/b",
            "bot challenge",
        ),
        (
            html(title="Before you continue", body="<p>We value your privacy</p>"),
            "https://consent.example.com/?continue=x",
            "consent wall",
        ),
        (
            html(
                title="App",
                body="<noscript>You need to enable JavaScript to run this app.</noscript>"
                "<div id='root'></div>",
            ),
            "https://app.example.com/post/1",
            "needs JavaScript",
        ),
        (
            html(title="ログイン", body="<form><input type='password'></form>"),
            "https://example.jp/login?next=/article/1",
            "login page",
        ),
    ],
)
def test_walls_are_blocked_not_quoted(page: str, url: str, reason: str) -> None:
    got = extract_article(page.encode(), url, {})
    assert got.blocked == reason
    assert got.lead is None and got.title is None


def test_protection_scripts_on_a_real_article_are_not_a_wall() -> None:
    page = html(
        title="Access denied: how a bug locked users out of their accounts for a day",
        head="<script src='/cdn-cgi/challenge-platform/scripts/jsd/main.js'></script>",
        body=f"<article><p>{EN_LEAD}</p>"
        + f"<p>{EN_LEAD}</p>" * 6
        + "<div class='g-recaptcha'></div></article>",
    )
    got = extract_article(page.encode(), "https://example.com/auth-bug", {})
    assert got.blocked is None
    assert got.lead is not None and got.lead.startswith(EN_LEAD)


@pytest.mark.parametrize(
    "body",
    [b"", b"\x00\xff" * 100, b"<html", b"<<<>>>", "本文だけ".encode("utf-16"), b"%PDF-1.4 \x00"],
)
def test_garbage_gives_empty_fields(body: bytes) -> None:
    got = extract_article(body, "not a url", {"content-type": "garbage"})
    assert got.lead is None or isinstance(got.lead, str)
    assert got.source is None
