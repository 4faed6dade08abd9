"""The fitted decisions on pages we write: the label among the names a page gives itself,
the lead past a teaser, a notice or a disclaimer, and the weights file as the code reads it."""

from __future__ import annotations

import json

from drafter.extract.article import extract_article
from drafter.extract.scoring import WEIGHTS_FILE, Model, best_index, models
from tests.samples import EN_LEAD, html

URL = "https://www.sample-news.example/2026/11/sample.html"
HED = "Sample 2.0 ships with a new query planner"
SECOND = (
    "The release also adds support for vector search, which the maintainers say was the "
    "most requested feature of the past two years."
)


def test_a_score_is_a_dot_product() -> None:
    model = Model(bias=-1.0, weights={"a": 2.0, "b": -0.5}, threshold=0.5)
    assert model.score({"a": 1.0, "b": 2.0, "unknown": 9.0}) == -1.0 + 2.0 - 1.0
    assert "a +2.0" in model.why({"a": 1.0, "b": 2.0})
    assert best_index([0.1, 0.7, 0.7]) == 1
    assert best_index([]) is None


def test_the_weights_file_holds_every_decision_it_is_read_for() -> None:
    data = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    assert set(data["models"]) >= {"label", "lead"}
    for name, model in models().items():
        assert model.weights, name
        assert all(isinstance(value, float) for value in model.weights.values())


def _page(body: str, *, title: str, head: str = "") -> bytes:
    return html(title=title, head=head, body=body).encode()


def test_the_label_is_the_name_the_page_gives_itself_not_its_tagline() -> None:
    head = (
        '<meta property="og:site_name" content="Sample News – the daily paper of Sampletown">'
        '<link rel="alternate" type="application/rss+xml" title="Sample News » Feed" href="/f">'
    )
    body = f"<article><h1>{HED}</h1><p>{EN_LEAD}</p></article>"
    got = extract_article(_page(body, title=f"{HED} | Sample News", head=head), URL, {})
    assert got.source == "Sample News"
    assert got.source_from and "og_site_name" in got.source_from


def test_a_page_that_names_nothing_is_labelled_by_its_host() -> None:
    body = f"<article><h1>{HED}</h1><p>{EN_LEAD}</p></article>"
    got = extract_article(_page(body, title=HED), "https://www.phoronix.example/a", {})
    assert got.source == "Phoronix"


def test_an_address_is_no_label() -> None:
    body = f"<article><h1>{HED}</h1><p>{EN_LEAD}</p></article>"
    got = extract_article(_page(body, title=HED), "http://192.0.2.7/a", {})
    assert got.source is None


def test_the_lead_passes_over_a_notice_that_speaks_to_the_reader() -> None:
    notice = "You have full access to this article via your institution."
    body = f"<article><h1>{HED}</h1><p>{notice}</p><div><p>{EN_LEAD}</p><p>{SECOND}</p></div>"
    got = extract_article(_page(body, title=HED), URL, {})
    assert got.lead == EN_LEAD
    assert got.lead_from and "fitted score" in got.lead_from
