"""Extraction over the held-out template pages (tests/templates_*.py): pages modelled on
widespread templates that are not in ../shared/corpus, each with the headline and lead a
reader would copy. Read as an unknown site's (the generic rules) and as users get it."""

from __future__ import annotations

import pytest

from drafter.extract.article import extract_article
from tests import (
    templates_en_blogs,
    templates_en_docs,
    templates_en_news,
    templates_ja_blogs,
    templates_ja_news,
    templates_more,
)
from tests.templates import Template, lead_ok, normalise, title_ok

TEMPLATES: list[Template] = [
    *templates_en_blogs.PAGES,
    *templates_en_docs.PAGES,
    *templates_en_news.PAGES,
    *templates_ja_blogs.PAGES,
    *templates_ja_news.PAGES,
    *templates_more.PAGES,
]


def test_the_set_is_large_and_named_uniquely() -> None:
    assert len(TEMPLATES) >= 30
    assert len({template.name for template in TEMPLATES}) == len(TEMPLATES)


READ = [
    pytest.param(
        template,
        id=template.name,
        marks=[pytest.mark.xfail(strict=True, reason=template.known_miss)]
        if template.known_miss
        else [],
    )
    for template in TEMPLATES
]


@pytest.mark.parametrize("use_profiles", [True, False], ids=["profiles on", "profiles off"])
@pytest.mark.parametrize("template", READ)
def test_headline_and_lead(template: Template, use_profiles: bool) -> None:
    got = extract_article(
        template.body(), template.url, {"content-type": template.header}, use_profiles=use_profiles
    )
    assert title_ok(got.title, template), f"{got.title!r} ({got.title_from})"
    assert lead_ok(got.lead, template), f"{got.lead!r} ({got.lead_from})"


@pytest.mark.parametrize("template", TEMPLATES, ids=[template.name for template in TEMPLATES])
def test_no_mojibake(template: Template) -> None:
    got = extract_article(template.body(), template.url, {"content-type": template.header})
    text = normalise(got.title) + normalise(got.lead)
    assert "\ufffd" not in text
