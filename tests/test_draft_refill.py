"""Finding the sections a draft still marks as failed, and filling them in place."""

from __future__ import annotations

from drafter.draft.refill import failed_sections, fill_in
from drafter.draft.render import FAILURE_MARKER
from drafter.models import Article

MARK = f"> {FAILURE_MARKER}: HTTP 503 Service Unavailable"
A = "https://a.example/x"


def read(url: str = A) -> Article:
    return Article(url=url, title="Title [1]", source="Wire", lead="# Not a heading.")


def test_a_mark_at_the_end_of_the_file_is_found_and_filled() -> None:
    text = f"---\ntitle: t\n---\n\n# Show Note\n\n## [{A}]({A})\n\n{MARK}"
    (section,) = failed_sections(text)
    assert section.url == A and section.line == 7
    filled, urls = fill_in(text, {A: read()})
    assert urls == [A]
    assert filled.endswith(f"## [Title \\[1\\]（Wire）]({A})\n\n> \\# Not a heading.")  # escaped


def test_only_sections_in_drafter_shape_are_found() -> None:
    shapes = [
        f"## [{A}]({A})\n\n{MARK}\n> the host went on writing\n",  # the quote continued
        f"## [{A}]({A})\n{MARK}\n",  # no blank line: not drafter's shape
        f"## [{A}]({A}) mine\n\n{MARK}\n",  # the heading was extended
        f"## [{A}]({A})\n\n> {FAILURE_MARKER} (edited)\n",  # the mark was changed
    ]
    for shape in shapes:
        assert failed_sections("# Show Note\n\n" + shape) == [], shape
    # In the front matter it is not a section either.
    assert failed_sections(f"---\nx: |\n  ## [{A}]({A})\n\n  {MARK}\n---\n") == []


def test_an_article_that_failed_again_leaves_the_text_as_it_was() -> None:
    text = f"# Show Note\n\n## [{A}]({A})\n\n{MARK}\n\n* note\n"
    failed = Article(url=A, error="HTTP 503 Service Unavailable")
    assert fill_in(text, {A: failed}) == (text, [])
    assert fill_in(text, {}) == (text, [])
