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
        # Exact tracking names only; the rest of the raw query byte for byte.
        (
            "https://e.com/g?_gallery=1&_ga=2.1&utm_sourcex=3",
            "https://e.com/g?_gallery=1&utm_sourcex=3",
        ),
        ("https://e.com/s?q=%82%A0&fbclid=x", "https://e.com/s?q=%82%A0"),
        ("https://e.com/s?q=a+b&c=%7e", "https://e.com/s?q=a+b&c=%7e"),
        # A single-page app's route is a page; an ordinary fragment is a place on one.
        ("https://e.com/app#/post/1", "https://e.com/app#/post/1"),
        ("https://e.com/app#!/post/2", "https://e.com/app#!/post/2"),
        ("https://e.com/a#section-2", "https://e.com/a"),
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
    assert redact_url("https://e.com/a?x=1&token=t0k&API_KEY=k#f") == "https://e.com/a?x=1#f"
    assert redact_url("https://e.com/a?access_token=t0k") == "https://e.com/a"
    assert redact_text("see https://e.com/a?sig=s1g&x=1, and https://e.com/?token=t.") == (
        "see https://e.com/a?x=1, and https://e.com/."
    )


def test_markdown_url_stays_one_link() -> None:
    assert markdown_safe_url("https://e.com/a b(c)<d>") == "https://e.com/a%20b%28c%29%3Cd%3E"
    assert markdown_safe_url("https://e.com/ニュース") == "https://e.com/ニュース"
