"""Help that helps, through the real CLI: --help and `drafter config` fit 100 columns without
cut words, one placeholder style, NUMBER errors about the number, shell completion, and
`drafter config` as TOML whose every key docs/configuration.md documents."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
import typer.main

from drafter.cli.app import app
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def help_pages() -> list[list[str]]:
    """`drafter`, then every command and sub-command, as the words that reach its --help."""
    pages: list[list[str]] = [[]]

    def walk(group: Any, words: list[str]) -> None:
        for name, command in group.commands.items():
            pages.append([*words, name])
            if hasattr(command, "commands"):
                walk(command, [*words, name])

    walk(typer.main.get_command(app), [])
    return pages


HELP_PAGES = help_pages()
SHORT_HELP = {  # the first line of each command's docstring, as `drafter --help` must show it
    "new": "Draft episode NUMBER from bookmarks.",
    "add": "Add articles to episode NUMBER's draft.",
    "check": "Check episode NUMBER's page before publishing.",
    "next": "Print the next episode number.",
    "config": "Print the settings in effect.",
    "template": "Print the built-in template.",
    "cache": "Show or clear the page cache.",
    "init": "Set up drafter in a Hugo site.",
}


def drafter(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The real CLI at a 100-column terminal."""
    full_env = {**os.environ, "COLUMNS": "100", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "drafter", *args],
        cwd=cwd, env=full_env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip


def assert_fits_100_columns(text: str) -> None:
    for line in text.splitlines():
        assert len(line) <= 100, f"{len(line)} columns: {line!r}"
        assert not line.rstrip().endswith("..."), f"cut short: {line!r}"


@pytest.mark.parametrize("words", HELP_PAGES, ids=lambda words: " ".join(words) or "drafter")
def test_help_fits_100_columns_with_plain_placeholders(words: list[str], tmp_path: Path) -> None:
    result = drafter(*words, "--help", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert_fits_100_columns(result.stdout)
    # One placeholder style: NUMBER, [SOURCE]…, PATH, N; never <str>, {number} or [number].
    assert not re.search(r"<[a-z ]+>|\{\w+\}|\[number\]|\bnumber\b\s{2}", result.stdout), (
        result.stdout
    )


@pytest.mark.parametrize("group", [[], ["cache"]], ids=["drafter", "cache"])
def test_command_list_shows_whole_first_lines(group: list[str], tmp_path: Path) -> None:
    result = drafter(*group, "--help", cwd=tmp_path)
    listed = result.stdout.split("Commands:\n", 1)[1]
    rows = dict(re.findall(r"^  (\w+)\s+(.+)$", listed, re.MULTILINE))
    for name, description in rows.items():
        if name in SHORT_HELP:
            assert description == SHORT_HELP[name]
        assert description.endswith("."), f"{name}: {description!r}"
    if not group:
        assert set(SHORT_HELP) <= set(rows)


@pytest.mark.parametrize(
    "words",
    [["new", "-1", "b.txt"], ["add", "-1", "b.txt"], ["new", "0"], ["new", "x"], ["add", "²"]],
)
def test_a_bad_number_is_a_usage_error_about_the_number(words: list[str], tmp_path: Path) -> None:
    result = drafter(*words, cwd=tmp_path)
    assert result.returncode == 2
    assert f"NUMBER: '{words[1]}' is not an episode number" in result.stderr
    assert "No such option" not in result.stderr and "Traceback" not in result.stderr


def test_an_unknown_option_is_still_refused(tmp_path: Path) -> None:
    result = drafter("new", "28", "b.txt", "--bogus", cwd=tmp_path)
    assert result.returncode == 2
    assert "--bogus: not an option of this command" in result.stderr
    assert not (tmp_path / "content").exists()


def test_shell_completion_is_shown_installed_and_completes(tmp_path: Path) -> None:
    shown = drafter("--show-completion", "bash", cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    variable = re.search(r"(_\w+_COMPLETE)=complete_bash", shown.stdout)
    assert variable is not None, shown.stdout
    completed = drafter(
        cwd=tmp_path,
        env={variable.group(1): "complete_bash", "COMP_WORDS": "drafter ne", "COMP_CWORD": "1"},
    )
    assert completed.stdout.split() == ["new", "next"]
    home = tmp_path / "home"
    home.mkdir()
    installed = drafter("--install-completion", "bash", cwd=tmp_path, env={"HOME": str(home)})
    assert installed.returncode == 0, installed.stderr
    (script,) = (home / ".bash_completions").iterdir()
    assert f"source '{script}'" in (home / ".bashrc").read_text(encoding="utf-8")
    assert "`drafter --install-completion`" in README


def config_lines_of(result: subprocess.CompletedProcess[str]) -> dict[str, str]:
    """`key = value  # origin` lines by key (comment lines left out)."""
    assert result.returncode == 0, result.stderr
    return {
        line.split(" = ", 1)[0]: line
        for line in result.stdout.splitlines()
        if not line.startswith("#")
    }


def test_config_says_no_file_was_found_and_fits(site: Path) -> None:
    result = drafter("config", cwd=site)
    assert_fits_100_columns(result.stdout)
    head = result.stdout.splitlines()[:2]
    assert head == [
        f"# site: {site}",
        "# settings file: no drafter.toml in the site; all are defaults",
    ]
    lines = config_lines_of(result)
    assert lines["cache_days"] == "cache_days = 7  # default"
    assert lines["timeout"] == "timeout = 30  # default"
    assert lines["title_pattern"] == 'title_pattern = "#{number} Coming Soon"  # default'
    assert "# browser is not set" in result.stdout
    as_json = json.loads(drafter("config", "--json", cwd=site).stdout)
    assert as_json["config_file"] is None
    assert as_json["settings"]["cache_days"] == {"value": 7.0, "from": "default"}


def test_config_prints_toml_that_reads_back_the_same(site: Path, tmp_path: Path) -> None:
    (site / "drafter.toml").write_text(
        'cache_days = 3.5\ntitle_pattern = "第{number}回 \\"週刊\\"\\t\\\\"\nretries = 0\n'
        '[labels]\n"news.example.jp" = "Example News"\n',
        encoding="utf-8",
    )
    first = drafter("config", cwd=site)
    assert f"# settings file: {site / 'drafter.toml'}" in first.stdout
    as_json = json.loads(drafter("config", "--json", cwd=site).stdout)
    assert as_json["config_file"] == str(site / "drafter.toml")
    lines = config_lines_of(first)
    assert lines["cache_days"] == "cache_days = 3.5  # drafter.toml"
    assert lines["retries"] == "retries = 0  # drafter.toml"
    assert lines["labels"] == 'labels = { "news.example.jp" = "Example News" }  # drafter.toml'
    # The whole output is TOML; written as another site's drafter.toml it means the same.
    other = tmp_path / "other"
    other.mkdir()
    (other / "hugo.toml").write_text("", encoding="utf-8")
    (other / "drafter.toml").write_text(first.stdout, encoding="utf-8")
    assert tomllib.loads(first.stdout)["title_pattern"] == '第{number}回 "週刊"\t\\'
    again = config_lines_of(drafter("config", cwd=other))
    assert {key: line.split("  # ")[0] for key, line in again.items()} == {
        key: line.split("  # ")[0] for key, line in lines.items()
    }


def test_every_key_config_prints_is_documented(site: Path) -> None:
    result = drafter("config", cwd=site)
    keys = re.findall(r"^(?:# )?(\w+)(?: = | is not set|: )", result.stdout, re.MULTILINE)
    keys = [key for key in keys if key not in ("site", "settings")]
    assert len(keys) >= 20
    # the README shows a few keys; docs/configuration.md, which it links, shows every one
    configuration = (REPO / "docs" / "configuration.md").read_text(encoding="utf-8")
    assert "(docs/configuration.md)" in README
    toml_block = configuration.split("```toml\n", 1)[1].split("```", 1)[0]
    missing = [key for key in keys if not re.search(rf"^\[{{0,2}}{key}\b", toml_block, re.M)]
    assert not missing, f"drafter config prints keys docs/configuration.md does not show: {missing}"
