"""Site profiles as data: the schema of one `[[profiles]]` table and its loader.

One loader reads both the built-in profiles (drafter/extract/sites.toml) and a site's own
`[[profiles]]` in drafter.toml, so an entry copied from one to the other means the same, and
a bad entry gets the same error naming its key, index and file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from drafter.errors import InputError


@dataclass(frozen=True)
class SiteProfile:
    """How drafter reads one site."""

    name: str  # an identifier for logs and tests
    hosts: tuple[str, ...]
    label: str | None  # shown as （label） after the headline; None: no label (AWS's own pages)
    aliases: tuple[str, ...] = ()  # other names the site uses in titles, og:site_name, credits
    title_patterns: tuple[str, ...] = ()  # regexes cut from the headline (suffixes, prefixes)
    title_selectors: tuple[str, ...] = ()
    lead_selectors: tuple[str, ...] = ()  # containers holding the article's paragraphs
    drop_selectors: tuple[str, ...] = ()  # never quoted: captions, bylines, boxes in the body
    syndicates: bool = False  # carries other publishers' articles; label by the provider
    credit_selectors: tuple[str, ...] = ()  # where a syndicating page names the provider
    origin: str = "built-in"  # the file it was read from, for `drafter config --profiles`

    @property
    def names(self) -> tuple[str, ...]:
        """Every spelling of the site's name, the label first."""
        return ((self.label,) if self.label else ()) + self.aliases


_TEXT_KEYS = ("name", "label")
_LIST_KEYS = (
    "hosts", "aliases", "title_patterns", "title_selectors", "lead_selectors",
    "drop_selectors", "credit_selectors",
)  # fmt: skip
PROFILE_KEYS = (*_TEXT_KEYS, *_LIST_KEYS, "syndicates")


def profiles_from_tables(value: object, where: str) -> list[SiteProfile]:
    """[[profiles]] tables → SiteProfiles; a bad entry names its key, index and file."""
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise InputError(f"{where}: profiles must be [[profiles]] tables")
    return [_profile(table, f"{where}: profiles[{i}]", where) for i, table in enumerate(value)]


def _profile(table: dict[str, object], here: str, origin: str) -> SiteProfile:
    for key in table:
        if key not in PROFILE_KEYS:
            raise InputError(f"{here}: unknown key '{key}' (known keys: {', '.join(PROFILE_KEYS)})")
    if not table.get("hosts"):
        raise InputError(f'{here}: hosts is required, e.g. hosts = ["example.com"]')
    lists: dict[str, tuple[str, ...]] = {}
    for key in _LIST_KEYS:
        items = table.get(key, [])
        if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
            raise InputError(f"{here}: {key} must be a list of strings")
        lists[key] = tuple(item.lower() if key == "hosts" else item for item in items)
    for pattern in lists["title_patterns"]:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise InputError(f"{here}: title_patterns: bad pattern {pattern!r} ({exc})") from exc
    label = table.get("label", "")
    name = table.get("name", lists["hosts"][0])
    syndicates = table.get("syndicates", False)
    if not isinstance(label, str) or not isinstance(name, str):
        raise InputError(f'{here}: name and label must be strings (label = "" for none)')
    if not isinstance(syndicates, bool):
        raise InputError(f"{here}: syndicates must be true or false")
    return SiteProfile(
        name=name, label=label or None, syndicates=syndicates, origin=origin, **lists
    )
