"""Finding the sections a draft still marks as failed, and filling them in place."""

from __future__ import annotations

from drafter.draft.refill import failed_sections, fill_in, read_marks
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


def test_marks_the_host_changed_are_not_filled_and_say_why() -> None:
    shapes = {
        f"## [{A}]({A})\n\n{MARK}\n> the host went on writing\n": "a quote of yours continues it",
        f"## [{A}]({A})\n\n{MARK}\nand a line of theirs\n": "a quote of yours continues it",
        f"## [{A}]({A})\n\n> their quote\n{MARK}\n": "it is inside a quote of yours",
        f"## [{A}]({A})\n\n> {FAILURE_MARKER} (edited)\n": "the mark was changed",
        f"## 見出しだけ\n\n{MARK}\n": "the heading above it links no article",
        f"{MARK}\n": "it is under no article heading",
        f"## [{A}]({A})\n\n{MARK}\n\n{MARK}\n": "its section holds another failure mark",
    }
    for shape, reason in shapes.items():
        fillable, left = read_marks("# Show Note\n\n" + shape)
        assert [mark.reason for mark in left][-1:] == [reason], shape
        assert len(fillable) == (1 if "another" in reason else 0), shape
    # In the front matter it is not a section either.
    assert read_marks(f"---\nx: |\n  ## [{A}]({A})\n\n  {MARK}\n---\n") == ([], [])
    # Nor in a fenced code block.
    assert read_marks(f"# Show Note\n\n## [{A}]({A})\n\n```\n{MARK}\n```\n") == ([], [])


def test_the_hosts_lines_above_the_mark_stay_where_they_are() -> None:
    """A note written between the heading and the mark: the mark is still drafter's."""
    notes = "* 後で読む（リンク切れ？）\n\nstill a paragraph of theirs\n"
    text = f"# Show Note\n\n## [{A}]({A})\n\n{notes}{MARK}\n\n* \n"
    (section,) = failed_sections(text)
    assert section.line == 3
    filled, urls = fill_in(text, {A: read()})
    assert urls == [A]
    heading = f"## [Title \\[1\\]（Wire）]({A})"
    assert filled == f"# Show Note\n\n{heading}\n\n{notes}> \\# Not a heading.\n\n* \n"
    # No blank line between heading and mark, a list item of theirs just below: still theirs.
    tight = f"## [{A}]({A})\n{MARK}\n* mine\n"
    assert fill_in(tight, {A: read()})[0] == f"{heading}\n> \\# Not a heading.\n* mine\n"


def test_a_heading_the_host_extended_is_kept_and_the_mark_filled() -> None:
    text = f"# Show Note\n\n## [{A}]({A}) 要チェック\n\n{MARK}\n"
    filled, urls = fill_in(text, {A: read()})
    assert urls == [A]
    assert filled == f"# Show Note\n\n## [{A}]({A}) 要チェック\n\n> \\# Not a heading.\n"


def test_an_article_that_failed_again_leaves_the_text_as_it_was() -> None:
    text = f"# Show Note\n\n## [{A}]({A})\n\n{MARK}\n\n* note\n"
    failed = Article(url=A, error="HTTP 503 Service Unavailable")
    assert fill_in(text, {A: failed}) == (text, [])
    assert fill_in(text, {}) == (text, [])
