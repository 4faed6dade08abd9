"""The real saved pages in ../shared/corpus: extraction quality stays at its targets.

Reads the pages where they are (they belong to their publishers) and skips without them.
The scoring is bench/extraction.py's, so the test and the benchmark cannot drift apart.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

import drafter.extract.article
from drafter.extract.article import extract_article
from drafter.extract.sites import profile_for
from drafter.models import Extracted

CORPUS = Path(__file__).parents[2] / "shared" / "corpus"
MANIFEST = CORPUS / "manifest.json"
TITLE_TARGET = 0.97
LEAD_TARGET = 0.90
ANCHORED = "paragraph the description repeats"

pytestmark = pytest.mark.skipif(not MANIFEST.exists(), reason="no shared corpus here")
# The benchmark's scoring, shared so that the two cannot drift (absent from an sdist).
_bench = pytest.importorskip("bench.extraction")
content_type = _bench.content_type
expected_label = _bench.expected_label
is_mojibake = _bench.is_mojibake
lead_ok = _bench.lead_ok
title_ok = _bench.title_ok


@pytest.fixture(scope="module")
def results() -> list[tuple[dict[str, Any], Extracted]]:
    entries = json.loads(MANIFEST.read_text(encoding="utf-8"))
    return [
        (
            entry,
            extract_article(
                (CORPUS / entry["file"]).read_bytes(),
                entry["url"],
                {"content-type": content_type(entry)},
            ),
        )
        for entry in entries
    ]


def test_no_mojibake(results: list[tuple[dict[str, Any], Extracted]]) -> None:
    garbled = [e["file"] for e, got in results if is_mojibake(got.title, got.lead)]
    assert garbled == []


def test_titles(results: list[tuple[dict[str, Any], Extracted]]) -> None:
    wrong = [(e["file"], got.title) for e, got in results if not title_ok(got.title, e)]
    assert 1 - len(wrong) / len(results) >= TITLE_TARGET, wrong


def test_leads(results: list[tuple[dict[str, Any], Extracted]]) -> None:
    wrong = [(e["file"], got.lead) for e, got in results if not lead_ok(got.lead, e)]
    assert 1 - len(wrong) / len(results) >= LEAD_TARGET, wrong


def test_labels_on_profiled_sites(results: list[tuple[dict[str, Any], Extracted]]) -> None:
    wrong = []
    for entry, got in results:
        profile = profile_for(urlsplit(entry["url"]).hostname or "")
        if profile is None:
            continue
        if profile.syndicates:
            right = bool(got.source) and got.source in entry.get("notes", "")
        else:
            right = got.source == expected_label(entry)
        if not right:
            wrong.append((entry["file"], got.source))
    assert wrong == []


def test_nothing_blocked(results: list[tuple[dict[str, Any], Extracted]]) -> None:
    assert [e["file"] for e, got in results if got.blocked] == []


# drafter's savings for sites without a profile, taken off one at a time: the shortcut that
# takes the paragraph the description repeats, then reading only the article container,
# then precision mode.
PATHS = ("drafter", "no shortcut", "whole page", "balanced mode")


@dataclass
class Generic:
    """Every page read as an unknown site's (no profile), along each of PATHS."""

    read: dict[str, dict[str, Extracted]] = field(default_factory=dict)  # file → path → got
    scoped: int = 0  # pages on drafter's path with an article container trafilatura read

    def leads(self, path: str) -> dict[str, str | None]:
        return {file: got[path].lead for file, got in self.read.items()}


@pytest.fixture(scope="module")
def generic() -> Generic:
    entries = json.loads(MANIFEST.read_text(encoding="utf-8"))
    found = Generic()
    trafilatura = drafter.extract.article.trafilatura
    precise = trafilatura.bare_extraction
    scope = drafter.extract.article._article_scope

    def balanced(*args: Any, **kwargs: Any) -> Any:
        return precise(*args, **{**kwargs, "favor_precision": False})

    def counted(tree: Any) -> str | None:
        html = scope(tree)
        found.scoped += html is not None
        return html

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(drafter.extract.article, "profile_for", lambda host, extra=(): None)
        patch.setattr(drafter.extract.article, "_article_scope", counted)
        for path in PATHS:
            if path == "no shortcut":
                patch.setattr(drafter.extract.article, "_anchored_lead", lambda *args: None)
                patch.setattr(drafter.extract.article, "_article_scope", scope)
            if path == "whole page":
                patch.setattr(drafter.extract.article, "_article_scope", lambda tree: None)
            if path == "balanced mode":
                patch.setattr(trafilatura, "bare_extraction", balanced)
            for entry in entries:
                body = (CORPUS / entry["file"]).read_bytes()
                headers = {"content-type": content_type(entry)}
                got = extract_article(body, entry["url"], headers)
                found.read.setdefault(entry["file"], {})[path] = got
    return found


def test_unknown_sites_get_their_leads(generic: Generic) -> None:
    entries = json.loads(MANIFEST.read_text(encoding="utf-8"))
    leads = generic.leads("drafter")
    wrong = [e["file"] for e in entries if not lead_ok(leads[e["file"]], e)]
    assert 1 - len(wrong) / len(entries) >= LEAD_TARGET, wrong


def test_the_shortcut_changes_no_lead(generic: Generic) -> None:
    taken = [file for file, got in generic.read.items() if got["drafter"].lead_from == ANCHORED]
    assert generic.leads("drafter") == generic.leads("no shortcut")
    assert len(taken) >= 5, taken  # it is taken on real pages, not only on made-up ones


def test_reading_the_article_container_changes_no_lead(generic: Generic) -> None:
    assert generic.leads("no shortcut") == generic.leads("whole page")
    assert generic.scoped >= 5  # real pages have such a container


def test_precision_mode_loses_no_lead(generic: Generic) -> None:
    """trafilatura runs with favor_precision (cheaper on news pages): every lead its default
    mode gets right, drafter still gets right."""
    entries = json.loads(MANIFEST.read_text(encoding="utf-8"))
    precise, default = generic.leads("whole page"), generic.leads("balanced mode")
    lost = [
        e["file"]
        for e in entries
        if lead_ok(default[e["file"]], e) and not lead_ok(precise[e["file"]], e)
    ]
    assert lost == []
