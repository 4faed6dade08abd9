"""drafter add fills in, in place, the articles a draft still marks as failed (issue 13)."""

from __future__ import annotations

import json
from pathlib import Path

from drafter.draft.render import FAILURE_MARKER
from tests.conftest import run_drafter
from tests.samples import EN_PARAGRAPHS, article_html
from tests.server import LocalServer, page

GONE = "HTTP 404 Not Found"


def article(server: LocalServer, name: str) -> None:
    server.routes[f"/{name}"] = page(
        article_html(f"Headline {name}", EN_PARAGRAPHS, site_name="Wire")
    )


def down(server: LocalServer, name: str) -> None:
    server.routes[f"/{name}"] = page("<h1>gone</h1>", status=404)


def mark(url: str) -> str:
    """The heading and mark drafter writes for a page that answered 404."""
    return f"## [{url}]({url})\n\n> {FAILURE_MARKER}: {GONE}"


def filled(url: str, name: str) -> str:
    return f"## [Headline {name}（Wire）]({url})\n\n> {EN_PARAGRAPHS[0]}"


def draft_with_two_failures(server: LocalServer, site: Path) -> tuple[Path, list[str]]:
    """Episode 28 with /ok read and /a and /b failed; the host has edited it since."""
    article(server, "ok")
    down(server, "a")
    down(server, "b")
    ok, a, b = (server.url(f"/{name}") for name in ("ok", "a", "b"))
    (site / "week.txt").write_text(f"{ok}\n{a} 面白そう\n{b}\n", encoding="utf-8")
    result = run_drafter("new", "28", "week.txt", cwd=site)
    assert result.returncode == 3, result.stderr
    draft = site / "content" / "talk" / "28" / "index.md"
    text = draft.read_text(encoding="utf-8")
    assert mark(a) in text and mark(b) in text
    # The host's week: notes under the failed /a, a new title, a closing section without
    # a final newline.
    a_notes = "* 面白そう\n"
    assert text.count(a_notes) == 1
    edited = (
        text.replace('title: "#28 Coming Soon"', 'title: "#28 障害の週"').replace(
            a_notes, "* 面白そう\n  - サイトが落ちていた、後で読む\n* 二つ目のメモ\n"
        )
        + "\n\n# 感想\n\nまとめ。"
    )
    draft.write_bytes(edited.encode("utf-8"))
    return draft, [ok, a, b]


def test_add_fills_in_both_failures_and_changes_nothing_else(
    server: LocalServer, site: Path
) -> None:
    draft, (_ok, a, b) = draft_with_two_failures(server, site)
    edited = draft.read_bytes()
    article(server, "a")
    article(server, "b")  # the server has recovered

    # No SOURCE and an empty standard input: only the retries.
    result = run_drafter("add", "28", "--json", cwd=site, stdin=b"")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["filled_in"] == [a, b]
    assert report["failed_again"] == []
    assert "filled in 2 of the 2 articles marked as failed" in result.stderr
    expected = (
        edited.decode("utf-8")
        .replace(mark(a), filled(a, "a"), 1)
        .replace(mark(b), filled(b, "b"), 1)
        .encode("utf-8")
    )
    after = draft.read_bytes()
    assert after == expected  # byte for byte: only the two marks changed
    assert "  - サイトが落ちていた、後で読む\n* 二つ目のメモ\n" in after.decode("utf-8")

    again = run_drafter("add", "28", cwd=site, stdin=b"")
    assert again.returncode == 0 and "nothing to add" in again.stderr
    assert draft.read_bytes() == after


def test_a_failure_that_stays_keeps_its_mark_and_exits_3(server: LocalServer, site: Path) -> None:
    draft, (_ok, a, b) = draft_with_two_failures(server, site)
    edited = draft.read_text(encoding="utf-8")
    article(server, "a")  # /b is still down
    article(server, "new")
    new = server.url("/new")
    result = run_drafter("add", "28", new, "--json", cwd=site)
    assert result.returncode == 3, result.stderr
    report = json.loads(result.stdout)
    assert report["filled_in"] == [a]
    assert report["failed_again"] == [{"url": b, "error": GONE}]
    assert f"failed again: {b} — {GONE}" in result.stderr
    after = draft.read_text(encoding="utf-8")
    assert mark(b) in after  # untouched
    added = f"\n\n{filled(new, 'new')}\n\n* \n"
    assert added in after and after.index(added) < after.index("# 感想")
    assert after.replace(added, "", 1) == edited.replace(mark(a), filled(a, "a"), 1)


def test_sections_the_host_edited_are_never_touched(server: LocalServer, site: Path) -> None:
    draft, (_ok, a, b) = draft_with_two_failures(server, site)
    text = draft.read_text(encoding="utf-8")
    # /a: the host continued the mark's quote; /b: the host rewrote the mark itself.
    edited = text.replace(mark(a), mark(a) + "\n> 自分で要約を書く", 1).replace(
        mark(b), f"## [{b}]({b})\n\n> 手で書いた引用", 1
    )
    draft.write_text(edited, encoding="utf-8")
    article(server, "a")
    article(server, "b")
    hits = dict(server.hits)
    result = run_drafter("add", "28", "--json", cwd=site, stdin=b"")
    assert result.returncode == 0, result.stderr
    assert "nothing to add" in result.stderr
    assert draft.read_text(encoding="utf-8") == edited
    assert server.hits == hits  # not even fetched


def test_add_latest_retries_the_latest_draft_without_reading_stdin(
    server: LocalServer, site: Path
) -> None:
    draft, (_ok, a, b) = draft_with_two_failures(server, site)
    earlier = site / "content" / "talk" / "27" / "index.md"
    earlier.parent.mkdir(parents=True)
    earlier.write_text(f'---\ntitle: "#27"\n---\n\n{mark(server.url("/old"))}\n', "utf-8")
    before = draft.read_bytes()
    article(server, "pasted")

    still_down = run_drafter(
        "add", "--latest", "--json", cwd=site, stdin=server.url("/pasted").encode()
    )
    assert still_down.returncode == 1, still_down.stderr  # every article failed again
    assert "the draft was not changed" in still_down.stderr
    report = json.loads(still_down.stdout)
    assert {item["url"] for item in report["failed_again"]} == {a, b}
    assert draft.read_bytes() == before
    assert "/pasted" not in server.hits and "/old" not in server.hits

    article(server, "a")
    article(server, "b")
    result = run_drafter("add", "--latest", "--quiet", cwd=site)
    assert result.returncode == 0, result.stderr
    assert FAILURE_MARKER not in draft.read_text(encoding="utf-8")
    assert earlier.read_text(encoding="utf-8").count(FAILURE_MARKER) == 1
    nothing = run_drafter("add", "--latest", cwd=site)
    assert nothing.returncode == 0, nothing.stderr
    assert nothing.stderr.strip() == (
        f"nothing to add to episode 28 ({draft}): no new URL, and no failure mark in it"
    )

    # With a SOURCE, --latest adds it as `add 28 SOURCE` would.
    pasted = server.url("/pasted")
    added = run_drafter("add", "--latest", pasted, cwd=site)
    assert added.returncode == 0, added.stderr
    assert f"## [Headline pasted（Wire）]({pasted})" in draft.read_text(encoding="utf-8")


def test_add_needs_a_number_or_latest(site: Path) -> None:
    missing = run_drafter("add", cwd=site, stdin=b"")
    assert missing.returncode == 2 and "--latest" in missing.stderr
    none_yet = run_drafter("add", "--latest", cwd=site)
    assert none_yet.returncode == 1 and "there is no episode" in none_yet.stderr


def test_what_add_skipped_is_still_said_when_the_retries_fail_again(
    server: LocalServer, site: Path
) -> None:
    draft, (ok, _a, b) = draft_with_two_failures(server, site)
    before = draft.read_bytes()
    result = run_drafter("add", "28", ok, "--json", cwd=site)  # /a and /b are still down
    assert result.returncode == 1, result.stderr
    assert "the draft was not changed" in result.stderr
    assert f"warning: {ok}: already in this draft; skipped" in result.stderr
    report = json.loads(result.stdout)
    assert report["left_out"] == [{"url": ok, "reason": "already in this draft"}]
    assert {item["url"] for item in report["failed_again"]} >= {b}
    assert draft.read_bytes() == before


def test_a_hosts_line_above_the_mark_is_kept_and_the_mark_filled(
    server: LocalServer, site: Path
) -> None:
    draft, (_ok, a, b) = draft_with_two_failures(server, site)
    text = draft.read_text(encoding="utf-8")
    # /a: the host wrote a line between the heading and drafter's mark, which is unchanged;
    # /b: the host went on writing in the mark's quote, so it is theirs.
    heading_a, mark_a = mark(a).split("\n\n")
    edited = text.replace(mark(a), f"{heading_a}\n\nリンク切れ？後で確認（土曜）\n{mark_a}", 1)
    edited = edited.replace(mark(b), mark(b) + "\nサイトが落ちている", 1)
    draft.write_text(edited, encoding="utf-8")
    article(server, "a")
    article(server, "b")
    fetched_b = server.hits["/b"]

    result = run_drafter("add", "--latest", "--json", cwd=site)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["filled_in"] == [a]
    line_b = edited[: edited.index(mark(b))].count("\n") + 3  # the mark's line
    assert report["not_filled"] == [
        {"line": line_b, "url": b, "reason": "a quote of yours continues it"}
    ]
    assert f"{draft}:{line_b}: drafter's failure mark of {b} was not filled in" in result.stderr
    filled_a = filled(a, "a").split("\n\n")
    expected = edited.replace(
        f"{heading_a}\n\nリンク切れ？後で確認（土曜）\n{mark_a}",
        f"{filled_a[0]}\n\nリンク切れ？後で確認（土曜）\n{filled_a[1]}",
        1,
    )
    assert draft.read_text(encoding="utf-8") == expected
    assert server.hits["/b"] == fetched_b  # a mark that is the host's is not fetched
