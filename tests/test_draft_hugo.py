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
    assert finding.line is None and finding.kind == "hugo"  # not pinned to the page
    assert finding.message.startswith("hugo could not build the site (exit 255): Error:")


def test_a_clean_build_with_warnings_finds_nothing(site: Path, tmp_path: Path) -> None:
    hugo = fake_hugo(tmp_path, "print('WARN content/talk/28/index.md: no layout')")
    assert hugo_findings(hugo, site, page_of(site)) == []


def test_a_hugo_that_hangs_or_cannot_start(site: Path, tmp_path: Path) -> None:
    page = page_of(site)
    hanging = fake_hugo(tmp_path, "time.sleep(30)")
    (finding,) = hugo_findings(hanging, site, page, timeout=0.5)
    assert finding.message == "hugo did not finish building within 0.5s"
    assert finding.line is None
    (missing,) = hugo_findings(str(tmp_path / "no-such-hugo"), site, page)
    assert missing.message.startswith("cannot run ")


ACADEMIC_FAILURE = """\
WARN 2026/11/27 18:00:01 Page.URL is deprecated and will be removed in a future release. \
Use .Permalink or .RelPermalink. Re-run Hugo with the flag --panicOnWarning to get a better \
error message.
Start building sites …
ERROR 2026/11/27 18:00:02 render of "page" failed: "{site}/themes/academic/layouts/\
publication/single.html:14:10": execute of template failed: nil pointer evaluating .Params
Total in 812 ms
Error: Error building site: failed to render pages: render of "page" failed: execute of \
template failed
"""


def test_hugo_error_lines_are_reported_not_its_footer(site: Path, tmp_path: Path) -> None:
    """A theme page that fails on a real Academic v4.8 site: the ERROR line is the news."""
    output = ACADEMIC_FAILURE.format(site=site)
    hugo = fake_hugo(tmp_path, f"sys.stderr.write({output!r})\nsys.exit(255)")
    (finding,) = hugo_findings(hugo, site, page_of(site))
    assert finding.line is None
    assert finding.message.startswith("hugo could not build the site (exit 255): ERROR ")
    assert "publication/single.html:14:10" in finding.message
    assert "panicOnWarning" not in finding.message


def test_an_error_naming_the_page_is_pinned_to_its_line(site: Path, tmp_path: Path) -> None:
    named = (
        'print(\'ERROR render of "page" failed: "talk/28/index.md:9:3": shortcode\')\n'
        "print('ERROR 2020/10/17 15:20:18 content/talk/28/index.md: no line given')\n"
        "print('ERROR content/talk/280/index.md:4:1: another page')\n"
        "sys.exit(1)"
    )
    findings = hugo_findings(fake_hugo(tmp_path, named), site, page_of(site))
    assert [finding.line for finding in findings] == [9, 1]
