"""Site profiles: host matching, labels, and the table's own consistency."""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import replace
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from drafter.config import load_settings
from drafter.errors import InputError
from drafter.extract.sites import (
    SITES_FILE,
    builtin_profiles,
    name_key,
    profile_for,
    profile_for_provider,
)
from drafter.profiles import profiles_from_tables
from tests.conftest import run_drafter

PROFILES = builtin_profiles()


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


def test_builtin_file_is_read_by_the_drafter_toml_loader(tmp_path: Path) -> None:
    """sites.toml is checked by the schema users' [[profiles]] go through: a bad built-in
    entry fails here, and any entry copied into a site's drafter.toml reads the same."""
    table = tomllib.loads(SITES_FILE.read_text(encoding="utf-8"))
    assert set(table) == {"profiles"}
    assert len(profiles_from_tables(table["profiles"], "sites.toml")) == len(PROFILES)
    for index, entry in enumerate(table["profiles"]):
        (tmp_path / "drafter.toml").write_text(
            "[[profiles]]\n" + "".join(f"{k} = {toml_value(v)}\n" for k, v in entry.items()),
            encoding="utf-8",
        )
        settings, _ = load_settings(tmp_path)
        (own,) = settings.profiles
        assert replace(own, origin="sites.toml") == PROFILES[index]


def toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"hosts": ["a.example"], "lable": "A"}, "profiles[0]: unknown key 'lable'"),
        ({"label": "A"}, "profiles[0]: hosts is required"),
        ({"hosts": ["a.example"], "title_patterns": ["(unclosed"]}, "bad pattern"),
        ({"hosts": "a.example"}, "hosts must be a list of strings"),
    ],
)
def test_a_bad_entry_is_an_error_naming_it(entry: dict[str, object], message: str) -> None:
    with pytest.raises(InputError, match=re.escape(message)):
        profiles_from_tables([entry], "sites.toml")


def test_config_profiles_lists_the_sites_own_first(tmp_path: Path) -> None:
    (tmp_path / "hugo.toml").write_text('title = "x"\n', encoding="utf-8")
    (tmp_path / "drafter.toml").write_text(
        '[[profiles]]\nname = "pk-own"\nhosts = ["publickey1.jp"]\nlabel = "PK"\n',
        encoding="utf-8",
    )
    result = run_drafter("config", "--profiles", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stdout.splitlines() if not line.startswith("#")]
    assert lines[0].startswith("pk-own: publickey1.jp → PK  # ")
    assert lines[0].endswith("drafter.toml")
    builtin = next(line for line in lines if line.startswith("publickey:"))
    assert "# built-in; your own profile takes publickey1.jp" in builtin
    assert len(lines) == len(PROFILES) + 1
    data = json.loads(run_drafter("config", "--profiles", "--json", cwd=tmp_path).stdout)
    assert [row["name"] for row in data["profiles"]][:2] == ["pk-own", "publickey"]
    assert data["profiles"][1]["overridden_for"] == ["publickey1.jp"]
