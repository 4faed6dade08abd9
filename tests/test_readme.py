"""The README cannot drift from the CLI: every command and option it has is documented; it stays
short, and links every page of docs/."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from drafter.cli.app import app
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")
DOCS = REPO / "docs"
README_MAX_LINES = 350
COMMANDS = ["new", "add", "next", "config", "template", "check", "init"]


def options_of(command: str) -> set[str]:
    result = CliRunner().invoke(app, [command, "--help"], env={"COLUMNS": "240"})
    assert result.exit_code == 0, result.output
    return set(re.findall(r"(?<![\w-])--[a-z][a-z-]+", result.output)) - {"--help"}


@pytest.mark.parametrize("command", COMMANDS)
def test_every_option_is_in_the_readme(command: str) -> None:
    assert f"drafter {command}" in README
    missing = sorted(option for option in options_of(command) if f"`{option}" not in README)
    assert not missing, f"drafter {command}: not in the README: {missing}"


def test_quick_start_commands_are_the_ones_ci_runs() -> None:
    check = (REPO / "scripts" / "check").read_text(encoding="utf-8")
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    test_command = re.search(r"python -m pytest[^\n`]*", README)
    assert test_command is not None and test_command.group(0) in check
    assert "pip install -e '.[test]'" in README
    assert "-e '.[test" in ci and "scripts/check" in ci and test_command.group(0) in ci


def test_the_readme_is_read_in_one_sitting() -> None:
    lines = README.count("\n") + (not README.endswith("\n"))
    assert lines <= README_MAX_LINES, f"README.md is {lines} lines, over {README_MAX_LINES}"


def test_the_readme_links_every_docs_page_and_each_exists() -> None:
    linked = set(re.findall(r"\]\((docs/[^)#\s]+\.md)(?:#[^)]*)?\)", README))
    pages = {f"docs/{page.name}" for page in DOCS.glob("*.md")}
    assert linked, "the README links no docs/ page"
    assert not linked - pages, f"the README links pages that do not exist: {sorted(linked - pages)}"
    assert not pages - linked, f"docs/ pages the README does not link: {sorted(pages - linked)}"


def test_links_between_docs_pages_resolve() -> None:
    for page in DOCS.glob("*.md"):
        text = page.read_text(encoding="utf-8")
        for target in re.findall(r"\]\(([^)#\s:]+\.md)(?:#[^)]*)?\)", text):
            assert (page.parent / target).resolve().is_file(), f"{page.name}: {target}"
