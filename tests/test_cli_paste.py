"""Interactive paste through a real pseudo-terminal: acknowledgements, finishing, Ctrl-C."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pexpect
import pytest

from drafter.cli.paste import PROMPT
from tests.samples import EN_PARAGRAPHS, article_html
from tests.server import LocalServer, page, silent


def spawn(site: Path, *args: str) -> pexpect.spawn:
    env = dict(os.environ, COLUMNS="200", TERM="dumb")
    return pexpect.spawn(
        sys.executable,
        ["-m", "drafter", *args],
        cwd=str(site),
        env=env,
        encoding="utf-8",
        timeout=30,
        dimensions=(40, 200),
    )


def test_pasting_urls_at_a_terminal(server: LocalServer, site: Path) -> None:
    for name in ("a", "b", "c"):
        server.routes[f"/{name}"] = page(article_html(f"Pasted {name}", EN_PARAGRAPHS))
    child = spawn(site, "new", "28")
    child.expect_exact(PROMPT)
    # Two on one line, the words between them kept with the first, as in a bookmarks file.
    child.sendline(f"{server.url('/a')} worth a segment {server.url('/b')}")
    child.expect_exact(f"✓ {server.url('/a')}  note: worth a segment")
    child.expect_exact(f"✓ {server.url('/b')}")
    child.sendline("javascript:alert(1)")
    child.expect_exact("✗ javascript:alert(1): unsupported scheme")
    child.sendline(server.url("/a#again"))
    child.expect_exact("(already pasted)")
    child.sendline(f"[C]({server.url('/c')})")
    child.expect_exact(f"✓ {server.url('/c')}")
    child.sendline("")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    draft = (site / "content" / "talk" / "28" / "index.md").read_text(encoding="utf-8")
    headings = [line for line in draft.splitlines() if line.startswith("## ")]
    assert headings == [
        f"## [Pasted a（Example Media）]({server.url('/a')})",
        f"## [Pasted b（Example Media）]({server.url('/b')})",
        f"## [Pasted c（Example Media）]({server.url('/c')})",
    ]
    section_a = draft.split(f"## [Pasted a（Example Media）]({server.url('/a')})", 1)[1].split(
        "\n## ", 1
    )[0]
    assert "\n* worth a segment\n" in section_a


def test_fetching_starts_while_pasting(server: LocalServer, site: Path) -> None:
    server.routes["/a"] = page(article_html("Early bird", EN_PARAGRAPHS))
    child = spawn(site, "new", "28", "-v")
    child.expect_exact(PROMPT)
    child.sendline(server.url("/a"))
    # The -v line for the article arrives before the host has finished pasting.
    child.expect_exact("Early bird")
    assert server.hits.get("/a") == 1
    child.sendline("")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


@pytest.mark.parametrize("when", ["while pasting", "while fetching"])
def test_ctrl_c_writes_nothing(server: LocalServer, site: Path, when: str) -> None:
    server.routes["/slow"] = silent()
    child = spawn(site, "new", "28")
    child.expect_exact(PROMPT)
    child.sendline(server.url("/slow"))
    child.expect_exact("✓")
    if when == "while fetching":
        child.sendline("")
        child.expect_exact("finishing")
    child.sendintr()
    child.expect_exact("interrupted: nothing was written")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert "Traceback" not in (child.before or "")
    assert not (site / "content").exists()
