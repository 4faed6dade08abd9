from __future__ import annotations

import pytest

from drafter.urls import host_of, markdown_safe_url, normalise_url, redact_text, redact_url


@pytest.mark.parametrize(
    ("raw", "normal"),
    [
        ("HTTPS://Example.COM", "https://example.com/"),
        ("http://example.com:80/a#frag", "http://example.com/a"),
        ("https://example.com:8443/a", "https://example.com:8443/a"),
        ("https://example.com/a?utm_source=x&utm_campaign=y", "https://example.com/a"),
        ("https://example.com/a?b=2&fbclid=1&a=1", "https://example.com/a?b=2&a=1"),
        ("https://example.com/日本語/ページ", "https://example.com/日本語/ページ"),
        ("https://example.com/a?q=%E3%81%82", "https://example.com/a?q=%E3%81%82"),
    ],
)
def test_normalise(raw: str, normal: str) -> None:
    assert normalise_url(raw) == normal


def test_credentials_never_shown() -> None:
    assert redact_url("https://bob:pw@example.com/a") == "https://example.com/a"
    assert redact_text("failed: https://bob:pw@example.com/a, http://x@y.org") == (
        "failed: https://example.com/a, http://y.org"
    )
    assert host_of("https://bob:pw@Example.com:8080/") == "example.com"


def test_markdown_url_stays_one_link() -> None:
    assert markdown_safe_url("https://e.com/a b(c)<d>") == "https://e.com/a%20b%28c%29%3Cd%3E"
    assert markdown_safe_url("https://e.com/ニュース") == "https://e.com/ニュース"
