"""The names a site gives itself on the page: links home are read as the page's URL
resolves them."""

from __future__ import annotations

import pytest

from drafter.extract.article import extract_article
from drafter.extract.names import is_home
from tests.samples import EN_LEAD, html

DOCS = "https://docs.example.org/guide/install/"


@pytest.mark.parametrize(
    ("href", "url", "home"),
    [
        ("/", DOCS, True),
        ("../../", DOCS, True),
        ("../../index.html", DOCS, True),
        ("https://docs.example.org", DOCS, True),
        ("./", DOCS, False),  # the page's own folder: this page, in a docs sidebar
        ("../", DOCS, False),  # the section's index
        ("./", "https://blog.example.org/", True),
        ("index.html", "https://blog.example.org/post.html", True),
        ("https://other.example.org/", DOCS, False),
        ("/?page=2", DOCS, False),
        ("#top", DOCS, False),
    ],
)
def test_a_link_leads_home_as_the_page_resolves_it(href: str, url: str, home: bool) -> None:
    assert is_home(href, url) is home


def test_a_docs_sidebar_link_to_the_page_itself_does_not_name_the_site() -> None:
    """MkDocs and Sphinx link the current page as "./": its text is the page's headline."""
    body = (
        '<nav><a href="../../">Example Tool</a><a href="./">Installation</a></nav>'
        f"<article><h1>Installation</h1><p>{EN_LEAD}</p>"
        "<h2>With a package manager</h2><p>Use the tap.</p></article>"
    )
    got = extract_article(html(title="Installation - Example Tool", body=body).encode(), DOCS, {})
    assert (got.title, got.lead) == ("Installation", EN_LEAD)


def test_a_home_link_saying_home_does_not_make_a_two_word_headline_a_name() -> None:
    """Only the host's own name and one word more reads as a name, not any name the page
    gives (a link home says "Home")."""
    body = f'<nav><a href="/">Home</a></nav><article><h1>Home Alone</h1><p>{EN_LEAD}</p></article>'
    page = html(title="Home Alone | Film Notes", body=body).encode()
    got = extract_article(page, "https://filmnotes.example.org/2026/home-alone", {})
    assert got.title == "Home Alone"
