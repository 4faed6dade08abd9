"""A newcomer's first run through the real CLI: no network, no Hugo site, the example site,
--out at a folder, and a summary that groups identical failures."""

from __future__ import annotations

import json
import shutil
import socket
from pathlib import Path

from drafter.bookmarks.text import parse_bookmarks
from drafter.draft.episodes import covered_urls
from tests.conftest import REPO, run_drafter
from tests.samples import EN_PARAGRAPHS, article_html
from tests.server import LocalServer, page

README_EXITS = (REPO / "README.md").read_text(encoding="utf-8").split("### Exit codes", 1)[1]
NO_NETWORK = (
    "error: no network: none of {hosts} hosts could be reached — check the connection, "
    "HTTPS_PROXY, or use --offline for cached pages"
)


def refused_port() -> int:
    """A loopback port nothing listens on: bound, then closed again."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def unreachable_week(tmp_path: Path) -> Path:
    """Five bookmarks on three hosts, none reachable: two names under the reserved .invalid
    top-level domain (they never resolve and send nothing) and a refused loopback port."""
    port = refused_port()
    bookmarks = tmp_path / "week.txt"
    lines = [
        "https://news.invalid/a",
        "https://news.invalid/b",
        "https://blog.invalid/c",
        f"http://127.0.0.1:{port}/d",
        f"http://127.0.0.1:{port}/e",
    ]
    bookmarks.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return bookmarks


def test_no_network_is_said_in_one_line_and_nothing_is_written(tmp_path: Path, site: Path) -> None:
    bookmarks = unreachable_week(tmp_path)
    result = run_drafter("new", "28", str(bookmarks), "--timeout", "10", cwd=site)
    assert result.returncode == 1, result.stderr
    lines = result.stderr.rstrip().splitlines()
    assert lines[-1] == NO_NETWORK.format(hosts=3)
    failures = lines[:-1]
    # One line per reason, not one per article: the .invalid names, then the refused port.
    assert len(failures) == 2, result.stderr
    assert failures[0].startswith("  failed: could not connect: ")
    assert failures[0].endswith(" — 3 articles")
    assert failures[1].startswith("  failed: could not connect: ")
    assert failures[1].endswith(" — 2 articles")
    assert "every article failed" not in result.stderr
    assert not (site / "content").exists()


def test_no_network_stays_per_article_with_verbose_and_json(tmp_path: Path, site: Path) -> None:
    bookmarks = unreachable_week(tmp_path)
    result = run_drafter("new", "28", str(bookmarks), "-v", "--json", "--timeout", "10", cwd=site)
    assert result.returncode == 1, result.stderr
    urls = [line.strip() for line in bookmarks.read_text(encoding="utf-8").splitlines()]
    fail_lines = [line for line in result.stderr.splitlines() if line.startswith("FAIL")]
    assert len(fail_lines) == 5
    assert all(any(url in line for line in fail_lines) for url in urls)
    report = json.loads(result.stdout)
    assert [article["url"] for article in report["articles"]] == urls
    assert all(article["error"].startswith("could not connect") for article in report["articles"])
    assert result.stderr.strip().splitlines()[-1] == NO_NETWORK.format(hosts=3)
    assert not (site / "content").exists()


def test_one_dead_host_is_not_called_no_network(tmp_path: Path, site: Path) -> None:
    bookmarks = tmp_path / "week.txt"
    bookmarks.write_text("https://gone.invalid/a\nhttps://gone.invalid/b\n", encoding="utf-8")
    result = run_drafter("new", "28", str(bookmarks), "--timeout", "10", cwd=site)
    assert result.returncode == 1, result.stderr
    assert "no network" not in result.stderr
    assert "error: every article failed, so no draft was written" in result.stderr
    assert " — 2 articles" in result.stderr


def test_summary_groups_identical_failures(server: LocalServer, site: Path) -> None:
    server.routes["/good"] = page(article_html("Still here", EN_PARAGRAPHS))
    lines = [server.url("/good"), *(server.url(f"/gone/{n}") for n in range(3))]
    lines.append(server.url("/teapot"))
    server.routes["/teapot"] = page("<p>short and stout</p>", status=418)
    (site / "week.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_drafter("new", "28", "week.txt", cwd=site)
    assert result.returncode == 3, result.stderr
    summary = [line for line in result.stderr.splitlines() if line.startswith("  failed: ")]
    assert summary == [
        "  failed: HTTP 404 Not Found — 3 articles",
        f"  failed: {server.url('/teapot')} — HTTP 418 I'm a Teapot",
    ]
    assert "no network" not in result.stderr


def test_outside_a_site_drafting_is_a_usage_error_and_writes_nothing(
    server: LocalServer, tmp_path: Path
) -> None:
    """No Hugo config here or above and no --site: a draft under ./content of some folder is
    no use, so drafter refuses before reading or fetching anything (issue 20)."""
    server.routes["/a"] = page(article_html("Somewhere", EN_PARAGRAPHS))
    folder = tmp_path / "not-a-site"
    folder.mkdir()
    (folder / "week.txt").write_text(server.url("/a") + "\n", encoding="utf-8")
    for words in (["new", "28", "week.txt"], ["new", "--next", "week.txt"], ["add", "28"]):
        result = run_drafter(*words, "--archive", cwd=folder, stdin=b"")
        assert result.returncode == 2, result.stderr
        (line,) = result.stderr.strip().splitlines()
        assert line.startswith(f"error: no Hugo site found in {folder} or above it: ")
        assert "--site DIR" in line and ("--out PATH" in line) == (words[0] == "new")
    latest = run_drafter("add", "--latest", cwd=folder)
    assert latest.returncode == 2 and "--site DIR" in latest.stderr
    assert sorted(path.name for path in folder.iterdir()) == ["week.txt"]  # nothing written
    assert server.hits == {}


def test_outside_a_site_out_says_where_and_only_it_is_written(
    server: LocalServer, tmp_path: Path
) -> None:
    server.routes["/a"] = page(article_html("Somewhere", EN_PARAGRAPHS))
    folder = tmp_path / "not-a-site"
    folder.mkdir()
    (folder / "week.txt").write_text(server.url("/a") + "\n", encoding="utf-8")
    result = run_drafter("new", "28", "week.txt", "--out", "draft.md", cwd=folder)
    assert result.returncode == 0, result.stderr
    assert sorted(path.name for path in folder.iterdir()) == ["draft.md", "week.txt"]
    assert "## [Somewhere" in (folder / "draft.md").read_text(encoding="utf-8")


def test_a_found_or_named_site_or_out_is_not_warned_about(
    server: LocalServer, site: Path, tmp_path: Path
) -> None:
    for name in ("a", "b", "c"):
        server.routes[f"/{name}"] = page(article_html(f"Somewhere {name}", EN_PARAGRAPHS))
        (site / f"{name}.txt").write_text(server.url(f"/{name}") + "\n", encoding="utf-8")
    inside = site / "content"
    inside.mkdir()
    found = run_drafter("new", "28", "../a.txt", cwd=inside)  # the site is found upwards
    named = run_drafter("new", "29", str(site / "b.txt"), "--site", str(site), cwd=tmp_path)
    printed = run_drafter("new", "30", str(site / "c.txt"), "--out", "-", cwd=tmp_path)
    for result in (found, named, printed):
        assert result.returncode == 0, result.stderr
        assert "no Hugo site found" not in result.stderr


def test_out_at_a_folder_is_refused_before_fetching(server: LocalServer, site: Path) -> None:
    server.routes["/a"] = page(article_html("Never fetched", EN_PARAGRAPHS))
    (site / "week.txt").write_text(server.url("/a") + "\n", encoding="utf-8")
    (site / "drafts").mkdir()
    result = run_drafter("new", "28", "week.txt", "--out", "drafts", cwd=site)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "error: --out drafts is a folder; give the file to write, e.g. --out drafts/index.md"
    ]
    assert server.hits == {}
    assert list((site / "drafts").iterdir()) == []


def test_the_quick_start_drafts_into_the_example_site(server: LocalServer, tmp_path: Path) -> None:
    example = tmp_path / "example"
    shutil.copytree(REPO / "example", example)
    server.routes["/a"] = page(article_html("A new week", EN_PARAGRAPHS, site_name="Wire"))
    (tmp_path / "bookmarks.txt").write_text(server.url("/a") + "  my note\n", encoding="utf-8")
    assert run_drafter("next", "--site", "example", cwd=tmp_path).stdout == "28\n"
    result = run_drafter("new", "28", "bookmarks.txt", "--site", "example", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "no Hugo site found" not in result.stderr
    draft = (example / "content" / "talk" / "28" / "index.md").read_text(encoding="utf-8")
    assert f"## [A new week（Wire）]({server.url('/a')})" in draft
    assert "* my note" in draft


def test_the_sample_bookmarks_are_not_repeats_of_the_example_episode() -> None:
    """Else the quick start would leave every sample bookmark out as already covered."""
    covered = covered_urls(REPO / "example", "talk", 28)
    assert len(set(covered.values())) == 1 and len(covered) >= 3  # episode 27's links
    sample = parse_bookmarks((REPO / "bookmarks.txt").read_text(encoding="utf-8")).bookmarks
    assert len(sample) == 9
    assert not {bookmark.url for bookmark in sample} & set(covered)


def test_every_bookmark_left_out_is_exit_1_as_the_readme_says(tmp_path: Path) -> None:
    example = tmp_path / "example"
    shutil.copytree(REPO / "example", example)
    covered = sorted(covered_urls(example, "talk", 28))[:2]  # episode 27's own links
    (tmp_path / "week.txt").write_text("\n".join(covered) + "\n", encoding="utf-8")
    result = run_drafter("new", "28", "week.txt", "--site", "example", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert result.stderr.rstrip().splitlines()[-1] == (
        "nothing to draft: every bookmark was left out"
    )
    assert result.stderr.count("already in episode 27") == 2
    assert not (example / "content" / "talk" / "28").exists()
    exit_codes = README_EXITS.split("| 2 |", 1)[0].split("| 1 |", 1)[1]
    assert "every bookmark was left out" in exit_codes
