"""Site profiles: host matching, labels, and the table's own consistency."""

from __future__ import annotations

import re

import pytest
from selectolax.lexbor import LexborHTMLParser

from drafter.extract.sites import PROFILES, name_key, profile_for, profile_for_provider


@pytest.mark.parametrize(
    ("host", "label"),
    [
        ("www.publickey1.jp", "Publickey"),
        ("www.infoq.com", "InfoQ"),
        ("xtech.nikkei.com", "日経XTECH"),
        ("cloud.watch.impress.co.jp", "クラウドWatch"),
        ("pc.watch.impress.co.jp", "PC Watch"),
        ("internet.watch.impress.co.jp", "INTERNET Watch"),
        ("www.itmedia.co.jp", "ITmedia"),
        ("atmarkit.itmedia.co.jp", "＠IT"),
        ("qiita.com", "Qiita"),
        ("japan.cnet.com", "CNET Japan"),
        ("news.mynavi.jp", "マイナビニュース"),
        ("wired.jp", "WIRED.jp"),
        ("japanese.engadget.com", "Engadget 日本版"),
        ("www.engadget.com", "Engadget"),
        ("techcrunch.com", "TechCrunch"),
        ("www.theverge.com", "The Verge"),
        ("WWW.PUBLICKEY1.JP.", "Publickey"),  # case and trailing dot do not matter
        ("www.publickey1.jp:443", "Publickey"),
    ],
)
def test_label_by_host(host: str, label: str) -> None:
    profile = profile_for(host)
    assert profile is not None
    assert profile.label == label


def test_aws_pages_have_a_profile_but_no_label() -> None:
    for host in ("aws.amazon.com", "docs.aws.amazon.com"):
        profile = profile_for(host)
        assert profile is not None
        assert profile.label is None


@pytest.mark.parametrize(
    "host", ["example.com", "publickey1.jp.evil.example", "notpublickey1.jp", "", "localhost"]
)
def test_unknown_hosts_have_no_profile(host: str) -> None:
    assert profile_for(host) is None


def test_longest_host_wins() -> None:
    cloud = profile_for("cloud.watch.impress.co.jp")
    general = profile_for("www.watch.impress.co.jp")
    assert cloud is not None and general is not None
    assert cloud.label != general.label


def test_yahoo_syndicates_and_names_providers() -> None:
    yahoo = profile_for("news.yahoo.co.jp")
    assert yahoo is not None and yahoo.syndicates
    assert profile_for("headlines.yahoo.co.jp") is yahoo
    itmedia = profile_for_provider("ITmedia NEWS")
    assert itmedia is not None and itmedia.label == "ITmedia"
    cnet = profile_for_provider("CNET Japan")
    assert cnet is not None and cnet.label == "CNET Japan"
    assert profile_for_provider("共同通信") is None


def test_name_key_ignores_width_case_and_spaces() -> None:
    assert name_key("クラウド Watch") == name_key("クラウドWatch")
    assert name_key("ＩＴｍｅｄｉａ") == name_key("itmedia")


def test_table_is_consistent() -> None:
    hosts = [host for profile in PROFILES for host in profile.hosts]
    assert len(hosts) == len(set(hosts)), "a host belongs to one profile"
    names = [profile.name for profile in PROFILES]
    assert len(names) == len(set(names))
    parser = LexborHTMLParser("<html><body><p>x</p></body></html>")
    for profile in PROFILES:
        assert all(host == host.lower().strip() for host in profile.hosts)
        for pattern in profile.title_patterns:
            re.compile(pattern)
        for selector in (
            *profile.lead_selectors,
            *profile.drop_selectors,
            *profile.title_selectors,
            *profile.credit_selectors,
        ):
            parser.css(selector)  # raises on a selector lexbor cannot read
