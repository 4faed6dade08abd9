"""The week drafter is made for, through the real CLI: Friday `new --next --archive` with a
site down, Saturday `add --latest`, the next Friday again; the bookmarks file is left with
only the lines not yet in a draft (issue 20)."""

from __future__ import annotations

import re
from pathlib import Path

from drafter.bookmarks.archive import done_path
from drafter.draft.render import FAILURE_MARKER
from tests.conftest import run_drafter
from tests.samples import EN_PARAGRAPHS, article_html
from tests.server import LocalServer, page


def serve(server: LocalServer, name: str) -> str:
    server.routes[f"/{name}"] = page(article_html(f"Headline {name}", EN_PARAGRAPHS))
    return server.url(f"/{name}")


def down(server: LocalServer, name: str) -> str:
    server.routes[f"/{name}"] = page("busy", status=503, content_type="text/plain")
    return server.url(f"/{name}")


def test_friday_saturday_friday_leaves_only_the_lines_not_yet_drafted(
    server: LocalServer, site: Path
) -> None:
    talk = site / "content" / "talk"
    (talk / "28").mkdir(parents=True)
    (talk / "28" / "index.md").write_text('---\ntitle: "#28"\n---\n', encoding="utf-8")
    bookmarks = site / "bookmarks.txt"
    a, slow = serve(server, "a"), down(server, "slow")
    bookmarks.write_text(f"# 今週\n{a} 面白い\n{slow} 後で読む（落ちてる）\n", encoding="utf-8")

    friday = run_drafter("new", "--next", "bookmarks.txt", "--archive", "--quiet", cwd=site)
    assert friday.returncode == 3, friday.stderr
    draft = talk / "29" / "index.md"
    assert FAILURE_MARKER in draft.read_text(encoding="utf-8")
    assert bookmarks.read_text(encoding="utf-8") == "# 今週\n"  # the failed one is in the draft

    serve(server, "slow")  # the site is back on Saturday
    saturday = run_drafter("add", "--latest", "--quiet", cwd=site)
    assert saturday.returncode == 0, saturday.stderr
    assert FAILURE_MARKER not in draft.read_text(encoding="utf-8")

    # During the week: new bookmarks, one site down again, and /a bookmarked a second time;
    # plus a line an older drafter left behind (its article is in episode 29 already).
    b, later = serve(server, "b"), down(server, "later")
    week = f"{slow} 後で読む（落ちてる）\n# 今週\n{b}\n{later}\n{a} また見た\nftp://x.example/f\n"
    bookmarks.write_text(week, encoding="utf-8")
    next_friday = run_drafter("new", "--next", "bookmarks.txt", "--archive", cwd=site)
    assert next_friday.returncode == 3, next_friday.stderr
    assert "archived 4 bookmark lines" in next_friday.stderr
    assert bookmarks.read_text(encoding="utf-8") == "# 今週\nftp://x.example/f\n"
    assert (talk / "30" / "index.md").is_file()

    done = done_path(bookmarks).read_text(encoding="utf-8")
    blocks = re.split(r"^# ", done, flags=re.MULTILINE)[1:]
    assert [block.splitlines()[0].split(",")[0] for block in blocks] == [
        "episode 29",
        "episode 30",
        "already in episode 29",
    ]
    assert blocks[1].splitlines()[1:] == [b, later]
    assert blocks[2].splitlines()[1:] == [f"{slow} 後で読む（落ちてる）", f"{a} また見た"]

    # The Friday after: nothing left to draft, and nothing reported again.
    again = run_drafter("new", "--next", "bookmarks.txt", "--archive", cwd=site)
    assert again.returncode == 2 and "already in episode" not in again.stderr
