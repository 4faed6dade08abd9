"""The host's notes reach the draft whole, through the real CLI: a note is their own
writing, so only the URL loses the punctuation around it (issue 20)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_drafter
from tests.samples import EN_PARAGRAPHS, article_html
from tests.server import LocalServer, page

NOTES = ["日経の記事（リンク切れ想定）", "(後で読む)", "本の話。", "「Kudu」"]


def serve(server: LocalServer, count: int) -> list[str]:
    for number in range(count):
        server.routes[f"/{number}"] = page(article_html(f"Headline {number}", EN_PARAGRAPHS))
    return [server.url(f"/{number}") for number in range(count)]


@pytest.mark.parametrize(
    ("name", "line"),
    [
        ("week.txt", "{url}  {note}"),
        ("week.txt", "{url}. {note}"),  # a full stop glued to the URL is not the URL's
        ("week.md", "- [Title]({url}) {note}"),
        ("week.md", "* <{url}> — {note}"),
    ],
)
def test_a_note_ending_in_a_bracket_quote_or_full_stop_reaches_the_draft_whole(
    server: LocalServer, site: Path, name: str, line: str
) -> None:
    urls = serve(server, len(NOTES))
    lines = [line.format(url=url, note=note) for url, note in zip(urls, NOTES, strict=True)]
    (site / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_drafter("new", "28", name, "--out", "-", cwd=site)
    assert result.returncode == 0, result.stderr
    for url, note in zip(urls, NOTES, strict=True):
        section = result.stdout.split(f"]({url})", 1)[1].split("\n## ", 1)[0]
        assert f"\n* {note}\n" in section, section
