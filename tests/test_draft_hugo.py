"""check --hugo's build, with small fake `hugo` programs: what is kept from their output."""

from __future__ import annotations

import sys
from pathlib import Path

from drafter.draft.hugo import hugo_findings


def fake_hugo(folder: Path, body: str) -> str:
    program = folder / "hugo"
    program.write_text(f"#!{sys.executable}\nimport sys, time\n{body}\n", encoding="utf-8")
    program.chmod(0o755)
    return str(program)


def page_of(site: Path) -> Path:
    page = site / "content" / "talk" / "28" / "index.md"
    page.parent.mkdir(parents=True)
    page.write_text("---\ntitle: x\n---\n", encoding="utf-8")
    return page


def test_a_build_that_fails_elsewhere_is_one_finding(site: Path, tmp_path: Path) -> None:
    hugo = fake_hugo(
        tmp_path,
        "print('WARN deprecated thing')\n"
        "print('Error: error building site: layouts/index.html:3: bad', file=sys.stderr)\n"
        "sys.exit(255)",
    )
    (finding,) = hugo_findings(hugo, site, page_of(site))
    assert finding.line == 1 and finding.kind == "hugo"
    assert finding.message.startswith("hugo could not build the site (exit 255): Error:")


def test_a_clean_build_with_warnings_finds_nothing(site: Path, tmp_path: Path) -> None:
    hugo = fake_hugo(tmp_path, "print('WARN content/talk/28/index.md: no layout')")
    assert hugo_findings(hugo, site, page_of(site)) == []


def test_a_hugo_that_hangs_or_cannot_start(site: Path, tmp_path: Path) -> None:
    page = page_of(site)
    hanging = fake_hugo(tmp_path, "time.sleep(30)")
    (finding,) = hugo_findings(hanging, site, page, timeout=0.5)
    assert finding.message == "hugo did not finish building within 0.5s"
    (missing,) = hugo_findings(str(tmp_path / "no-such-hugo"), site, page)
    assert missing.message.startswith("cannot run ")
