"""What is printed, stored and written (issue 12): a page's escape sequences never reach the
terminal, invisible controls never reach the draft, credentials are never shown or stored,
and a title cannot grow without bound.

The real CLI, a loopback server, and a real pseudo-terminal where the terminal is the point.
"""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import sys
from contextlib import closing
from pathlib import Path

import pexpect
import pytest

from drafter.cli.paste import PROMPT
from drafter.config import TITLE_MAX
from tests.conftest import run_drafter
from tests.samples import EN_PARAGRAPHS, article_html
from tests.server import LocalServer, page
from tests.test_faults import GOOD_PAGE, GOOD_TITLE, draft_path, headings, run_week

# Set the window title, clear the screen, a C1 CSI (red), and a right-to-left override.
HOSTILE_TITLE = "Calm \x1b]0;pwned\x07title \x1b[2J\x1b[31mred\x9b0m \u202eevil\u2066x\u2069"
SEQUENCES = ("\x1b]0;", "\x1b[2J", "\x1b[31m", "\x9b", "\u202e", "\u2066", "\u2069")
SECRETS = ("s3cret", "tok3n", "alice")


def hostile_page() -> str:
    lead = EN_PARAGRAPHS[0].replace("The", "The \u202e\u200e\u2067", 1)
    return article_html(HOSTILE_TITLE, [lead, *EN_PARAGRAPHS[1:]], site_name="Site")


def spawn(site: Path, *args: str) -> pexpect.spawn:
    env = dict(os.environ, COLUMNS="200", TERM="xterm")
    return pexpect.spawn(
        sys.executable,
        ["-m", "drafter", *args],
        cwd=str(site),
        env=env,
        encoding="utf-8",
        codec_errors="replace",
        timeout=30,
        dimensions=(40, 200),
    )


def terminal_output(child: pexpect.spawn) -> str:
    child.expect(pexpect.EOF)
    child.close()
    return str(child.before or "")


def test_a_pages_escape_sequences_never_reach_the_terminal_with_v(
    server: LocalServer, site: Path
) -> None:
    server.routes["/evil"] = page(hostile_page())
    (site / "week.txt").write_text(server.url("/evil") + "\n", encoding="utf-8")
    child = spawn(site, "new", "28", "week.txt", "-v")  # stderr is a terminal: the bar is on
    shown = terminal_output(child)
    assert child.exitstatus == 0, shown
    assert "Calm" in shown and "pwned" not in shown, shown
    for sequence in SEQUENCES:
        assert sequence not in shown, repr(sequence)


def test_a_url_that_looks_like_markup_does_not_break_the_bar(
    server: LocalServer, site: Path
) -> None:
    server.routes["/a[/x]"] = server.routes["/a%5B/x%5D"] = page(GOOD_PAGE)
    (site / "week.txt").write_text(server.url("/a[/x]") + "\n", encoding="utf-8")
    child = spawn(site, "new", "28", "week.txt")  # the bar shows each URL as it is done
    shown = terminal_output(child)
    assert "Traceback" not in shown and "MarkupError" not in shown, shown
    assert child.exitstatus == 0, shown
    assert draft_path(site).exists()


def test_paste_mode_echoes_no_escape_sequence_and_no_password(
    server: LocalServer, site: Path
) -> None:
    server.routes["/evil?x=1&token=tok3n"] = page(hostile_page())
    host = f"127.0.0.1:{server.port}"
    child = spawn(site, "new", "28")
    child.expect_exact(PROMPT)
    child.sendline(f"http://alice:s3cret@{host}/evil?x=1&token=tok3n")
    child.expect_exact(f"✓ http://{host}/evil?x=1")
    child.expect_exact("Calm")  # the -v line of paste mode
    child.sendline("")
    shown = str(child.before or "") + terminal_output(child)
    assert child.exitstatus == 0, shown
    for text in (*SEQUENCES, *SECRETS, "pwned"):
        assert text not in shown, repr(text)


def test_headings_and_quotes_carry_no_invisible_controls(server: LocalServer, site: Path) -> None:
    server.routes["/evil"] = page(hostile_page())
    result, _ = run_week(site, [server.url("/evil")], "--json")
    assert result.returncode == 0, result.stderr
    draft = draft_path(site).read_text(encoding="utf-8")
    for sequence in (*SEQUENCES, "\u200e", "\u2067", "\x1b", "\x07"):
        assert sequence not in draft, repr(sequence)
    assert headings(draft) == [f"## [Calm title red evilx（Site）]({server.url('/evil')})"]
    assert "> The The first paragraph" not in draft
    report = json.loads(result.stdout)["articles"][0]
    assert "\u202e" not in report["title"] and "\u202e" not in report["lead"]


@pytest.mark.parametrize("words", [68, 200_000], ids=["550-chars", "1.6-MB"])
def test_a_long_title_is_capped(server: LocalServer, site: Path, words: int) -> None:
    huge = " ".join(["Endless"] * words)
    server.routes["/huge"] = page(article_html(huge, EN_PARAGRAPHS))
    result, _ = run_week(site, [server.url("/huge")], "--json")
    assert result.returncode == 0, result.stderr
    (heading,) = headings(draft_path(site).read_text(encoding="utf-8"))
    text = heading.removeprefix("## [").split("](")[0].removesuffix("（Example Media）")
    assert len(text) <= TITLE_MAX
    (article,) = json.loads(result.stdout)["articles"]
    assert article["title"] is None or len(article["title"]) <= TITLE_MAX
    if words < 100:  # a title extraction takes: cut at a word, marked
        assert text.startswith("Endless Endless") and text.endswith("…")


# --- credentials ---------------------------------------------------------------------------


def earlier_episode(site: Path, url: str) -> None:
    """Episode 27, as drafter wrote it: the link without the credentials."""
    earlier = draft_path(site, 27)
    earlier.parent.mkdir(parents=True)
    earlier.write_text(f'---\ntitle: "#27"\n---\n\n## [Old]({url})\n', encoding="utf-8")


def test_the_repeat_warning_and_left_out_show_no_credentials(
    server: LocalServer, site: Path
) -> None:
    server.routes["/a"] = server.routes["/a?token=tok3n"] = page(GOOD_PAGE)
    server.routes["/b"] = page(GOOD_PAGE.replace(GOOD_TITLE, "Fresh"))
    earlier_episode(site, server.url("/a"))
    host = f"127.0.0.1:{server.port}"
    secret_a = f"http://alice:s3cret@{host}/a?token=tok3n"
    result, _ = run_week(site, [secret_a, server.url("/b")], "--json")
    assert result.returncode == 0, result.stderr
    assert f"warning: {server.url('/a')}: already in episode 27" in result.stderr
    left_out = json.loads(result.stdout)["left_out"]
    assert left_out == [
        {"url": server.url("/a"), "reason": "already in episode 27 (--allow-repeats keeps it)"}
    ]
    assert server.hits.get("/a?token=tok3n") is None  # recognised, so not fetched again
    for secret in SECRETS:
        assert secret not in result.stderr and secret not in result.stdout


def test_add_recognises_its_own_redacted_link(server: LocalServer, site: Path) -> None:
    server.routes["/a?x=1&token=tok3n"] = page(GOOD_PAGE)
    host = f"127.0.0.1:{server.port}"
    (site / "week.txt").write_text(
        f"http://alice:s3cret@{host}/a?x=1&token=tok3n\n", encoding="utf-8"
    )
    assert run_drafter("new", "28", "week.txt", cwd=site).returncode == 0
    draft = draft_path(site).read_text(encoding="utf-8")
    assert headings(draft) == [f"## [{GOOD_TITLE}（Site）]({server.url('/a?x=1')})"]
    again = run_drafter("add", "28", "week.txt", cwd=site)
    assert again.returncode == 0, again.stderr
    assert "nothing new to add" in again.stderr
    assert draft_path(site).read_text(encoding="utf-8") == draft  # no duplicate section
    for secret in SECRETS:
        assert secret not in draft and secret not in again.stderr


def cache_dir() -> Path:
    return Path(os.environ["XDG_CACHE_HOME"]) / "drafter"


def test_the_page_cache_holds_no_credential_or_cookie(server: LocalServer, site: Path) -> None:
    cookie = {"Set-Cookie": "session=c00kie-value; HttpOnly"}
    server.routes["/a?token=tok3n"] = page(GOOD_PAGE, headers=cookie)
    host = f"127.0.0.1:{server.port}"
    result, _ = run_week(site, [f"http://alice:s3cret@{host}/a?token=tok3n"])
    assert result.returncode == 0, result.stderr
    files = [path for path in cache_dir().iterdir() if path.name.startswith("pages.sqlite3")]
    stored = b"".join(path.read_bytes() for path in files)
    assert GOOD_TITLE.encode() in stored  # the page is there ...
    for secret in (*SECRETS, "c00kie", "set-cookie"):
        assert secret.encode() not in stored.lower(), secret  # ... nothing private is
    with closing(sqlite3.connect(cache_dir() / "pages.sqlite3")) as db, db:
        assert db.execute("SELECT url FROM pages").fetchall() == [(server.url("/a"),)]
    assert stat.S_IMODE(cache_dir().stat().st_mode) == 0o700
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name
    rerun = run_drafter("new", "29", "bookmarks.txt", "--offline", "--allow-repeats", cwd=site)
    assert rerun.returncode == 0, rerun.stderr  # the redacted key still finds the page
    assert GOOD_TITLE in draft_path(site, 29).read_text(encoding="utf-8")
