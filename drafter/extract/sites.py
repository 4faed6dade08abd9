"""Per-site profiles, as data: which label a site gets, how its headline and lead read.

Adding a site is adding one ``[[profiles]]`` table to sites.toml beside this module (the
schema is drafter/profiles.py). Hosts match exactly or as a
subdomain suffix, the longest match winning (``cloud.watch.impress.co.jp`` before
``watch.impress.co.jp``). Selectors are CSS for selectolax's lexbor parser; every list is
tried in order and may match nothing, in which case the generic rules take over.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import NotRequired, TypedDict

from drafter.profiles import SiteProfile, profiles_from_tables

SITES_FILE = Path(__file__).with_name("sites.toml")


@cache
def builtin_profiles() -> tuple[SiteProfile, ...]:
    """The built-in profiles, read once from sites.toml (a test checks the file is valid)."""
    import tomllib  # noqa: PLC0415 - only extraction reads it, never `drafter --help`

    table = tomllib.loads(SITES_FILE.read_text(encoding="utf-8"))
    return tuple(profiles_from_tables(table.get("profiles", []), "sites.toml"))


def normalise_host(host: str) -> str:
    """Lower-case, without port, trailing dot or ``www.``-insensitive quirks."""
    host = host.strip().lower().rstrip(".")
    if host.startswith("[") or host.count(":") > 1:
        return host
    return host.split(":", 1)[0]


@cache
def _by_host() -> dict[str, SiteProfile]:
    return {host: profile for profile in builtin_profiles() for host in profile.hosts}


def profile_for(host: str, extra: Sequence[SiteProfile] = ()) -> SiteProfile | None:
    """The profile for a host, matched exactly or as a subdomain (longest host wins);
    `extra` (the site's own, from drafter.toml) comes before the built-in ones."""
    host = normalise_host(host)
    for table in ({h: p for p in extra for h in p.hosts}, _by_host()):
        candidate = host
        while candidate:
            if candidate in table:
                return table[candidate]
            _, _, candidate = candidate.partition(".")
    return None


ProfileRow = TypedDict(
    "ProfileRow",
    {"name": str, "hosts": list[str], "label": str, "from": str,
     "overridden_for": NotRequired[list[str]]},
)  # fmt: skip


def effective_profiles(extra: Sequence[SiteProfile] = ()) -> list[ProfileRow]:
    """Every profile in the order consulted (the site's own first), with where it came from
    and, for a built-in one, the hosts a site's profile takes over (`drafter config --profiles`)."""
    own_hosts = {host for profile in extra for host in profile.hosts}
    rows: list[ProfileRow] = []
    for profile in (*extra, *builtin_profiles()):
        row: ProfileRow = {
            "name": profile.name,
            "hosts": list(profile.hosts),
            "label": profile.label or "",
            "from": "built-in" if profile.origin == "sites.toml" else profile.origin,
        }
        if profile.origin == "sites.toml":
            taken = [host for host in profile.hosts if host in own_hosts]
            if taken:
                row["overridden_for"] = taken
        rows.append(row)
    return rows


def name_key(name: str) -> str:
    """A site name reduced for comparison: NFKC, case-folded, no spaces or punctuation."""
    text = unicodedata.normalize("NFKC", name).casefold()
    return "".join(filter(str.isalnum, text))


def profile_for_provider(provider: str) -> SiteProfile | None:
    """The profile whose label or alias names a syndicated article's provider."""
    key = name_key(provider)
    if not key:
        return None
    for profile in builtin_profiles():
        if profile.syndicates:
            continue
        for name in profile.names:
            if key == name_key(name):
                return profile
    return None


@cache
def title_regexes(profile: SiteProfile) -> tuple[re.Pattern[str], ...]:
    """The profile's title patterns, compiled once."""
    return tuple(re.compile(pattern) for pattern in profile.title_patterns)
