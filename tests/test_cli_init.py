"""`drafter init` through the real CLI: a commented drafter.toml, .drafter/ ignored, and the
weekly jobs (cron, systemd, GitHub Actions) filled in for the site, each file read back with a
real parser; nothing replaced without --force; refused outside a site (issue 20)."""

from __future__ import annotations

import configparser
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from drafter.config import CONFIG_KEYS, Settings, load_settings
from tests.conftest import REPO, run_drafter

ALL_JOBS = ("--cron", "--systemd", "--github-actions")


def fake_drafter(tmp_path: Path) -> Path:
    """A `drafter` on PATH that records its arguments and exits 3 (a draft, some failed)."""
    folder = tmp_path / "bin"
    folder.mkdir(exist_ok=True)
    program = folder / "drafter"
    program.write_text(
        f"#!{sys.executable}\nimport os, sys\n"
        "call = ' '.join([os.getcwd(), *sys.argv[1:]])\n"
        "open(os.environ['DRAFTER_CALLS'], 'a').write(call + '\\n')\n"
        "sys.exit(3)\n",
        encoding="utf-8",
    )
    program.chmod(0o755)
    return program


def init(site: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    program = fake_drafter(tmp_path)
    env = {
        "PATH": f"{program.parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    return run_drafter("init", *args, cwd=site, env=env)


def units(tmp_path: Path) -> dict[str, configparser.ConfigParser]:
    parsed = {}
    for path in sorted((tmp_path / "config" / "systemd" / "user").iterdir()):
        unit = configparser.ConfigParser(interpolation=None, strict=True)
        unit.optionxform = str  # type: ignore[assignment,method-assign]  # keys as systemd reads them
        unit.read_string(path.read_text(encoding="utf-8"), source=str(path))
        parsed[path.name] = unit
    return parsed


def uncommented(text: str, *, tables: bool) -> str:
    """drafter.toml with every `# key = value` line switched on (and the tables' too)."""
    head, _, tail = text.partition("# [labels]")
    on = re.sub(r"^# (\w+ = )", r"\1", head, flags=re.MULTILINE)
    if tables:
        tail = re.sub(r'^# (?=\[|"|\w+ = )', "", "# [labels]" + tail, flags=re.MULTILINE)
    return on + (tail if tables else "")


def test_init_in_an_empty_hugo_site_writes_every_file_filled_in(site: Path, tmp_path: Path) -> None:
    result = init(site, tmp_path, *ALL_JOBS)
    assert result.returncode == 0, result.stderr
    drafter = tmp_path / "bin" / "drafter"

    # drafter.toml: valid TOML; every key there at its default, commented out.
    text = (site / "drafter.toml").read_text(encoding="utf-8")
    assert tomllib.loads(text) == {}
    for key in CONFIG_KEYS:
        assert re.search(rf"^# (\[{{0,2}}{key}\]{{0,2}}|{key} (=|is not set))", text, re.M), key
    switched_on = tmp_path / "on.toml"
    switched_on.write_text(uncommented(text, tables=False), encoding="utf-8")
    assert load_settings(site, config_file=switched_on)[0] == Settings()
    switched_on.write_text(uncommented(text, tables=True), encoding="utf-8")
    assert load_settings(site, config_file=switched_on)[0].profiles[0].label == "Example News"
    assert ".drafter/" in (site / ".gitignore").read_text(encoding="utf-8").splitlines()

    # cron: in the site's time zone, and each line runs as cron's shell would run it.
    crontab = (site / ".drafter" / "crontab").read_text(encoding="utf-8")
    assert "\nCRON_TZ=Asia/Tokyo\n" in crontab
    jobs = [line for line in crontab.splitlines() if line and not line.startswith(("#", "CRON"))]
    schedules = [line.split(None, 5)[:5] for line in jobs]
    assert schedules == [["0", "18", "*", "*", "5"], ["0", "8", "*", "*", "6"]]
    calls = tmp_path / "calls.txt"
    for line in jobs:
        command = line.split(None, 5)[5]
        assert f"cd {site} && {drafter} " in command
        ran = subprocess.run(["sh", "-c", command], env={"DRAFTER_CALLS": str(calls)}, check=False)
        assert ran.returncode == 0  # exit 3, some articles failed, is no failure
    assert calls.read_text(encoding="utf-8").splitlines() == [
        f"{site} new --next bookmarks.txt --archive --quiet",
        f"{site} add --latest --quiet",
    ]

    # systemd: a service and a timer for each job, in the site's time zone.
    parsed = units(tmp_path)
    name = f"drafter-{site.name}"
    assert sorted(parsed) == sorted(
        f"{name}{job}.{kind}" for job in ("", "-retry") for kind in ("service", "timer")
    )
    service = parsed[f"{name}.service"]["Service"]
    assert service["WorkingDirectory"] == str(site)
    assert service["ExecStart"] == f"{drafter} new --next bookmarks.txt --archive --quiet"
    assert (service["Type"], service["SuccessExitStatus"]) == ("oneshot", "3")
    assert (
        parsed[f"{name}-retry.service"]["Service"]["ExecStart"] == f"{drafter} add --latest --quiet"
    )
    for job, when in (
        ("", "Fri *-*-* 18:00:00 Asia/Tokyo"),
        ("-retry", "Sat *-*-* 08:00:00 Asia/Tokyo"),
    ):
        timer = parsed[f"{name}{job}.timer"]
        assert timer["Timer"]["OnCalendar"] == when
        assert timer["Install"]["WantedBy"] == "timers.target"
        if shutil.which("systemd-analyze"):
            check = subprocess.run(
                ["systemd-analyze", "calendar", when], capture_output=True, check=False
            )
            assert check.returncode == 0, check.stderr
    assert f"systemctl --user enable --now {name}.timer {name}-retry.timer" in result.stderr
    assert 'loginctl enable-linger "$USER"' in result.stderr

    # GitHub Actions: pipx's drafter, the secret and no fallback, no lock committed, no push hidden.
    workflows = site / ".github" / "workflows"
    draft_text = (workflows / "drafter.yml").read_text(encoding="utf-8")
    assert_workflow_is_sound(draft_text, (workflows / "drafter-check.yml").read_text("utf-8"))


def assert_workflow_is_sound(draft_text: str, check_text: str) -> None:
    """What the recipes promise, read from the workflows as GitHub would read them."""
    draft = yaml.safe_load(draft_text)
    check = yaml.safe_load(check_text)
    on = draft[True]  # YAML 1.1 reads the key `on` as true, as PyYAML does
    crons = [entry["cron"] for entry in on["schedule"]]
    assert crons == ["0 9 * * 5", "0 23 * * 5"]  # Friday 18:00 and Saturday 08:00 in Japan
    assert draft["jobs"]["draft"]["if"] == f"github.event.schedule != '{crons[1]}'"
    assert draft["jobs"]["retry"]["if"] == f"github.event.schedule == '{crons[1]}'"
    assert "github.token" not in draft_text and "|| true" not in draft_text
    for workflow in (draft, check):
        for job in workflow["jobs"].values():
            runs = [step.get("run", "") for step in job["steps"]]
            installs = [
                index for index, run in enumerate(runs) if run == "pipx install episode-drafter"
            ]
            uses_drafter = [index for index, run in enumerate(runs) if run.startswith("drafter ")]
            assert installs and uses_drafter and installs[0] < uses_drafter[0]
    draft_steps = draft["jobs"]["draft"]["steps"]
    opens = next(
        i for i, step in enumerate(draft_steps) if "create-pull-request" in step.get("uses", "")
    )
    assert any(step.get("run") == "rm -rf .drafter" for step in draft_steps[:opens])
    assert draft_steps[opens]["with"]["token"] == "${{ secrets.DRAFTER_TOKEN }}"
    push = draft["jobs"]["retry"]["steps"][-1]["run"]
    assert "git add -- content/talk\n" in push and "commit -a" not in push
    assert push.rstrip().endswith("git push")
    for job in draft["jobs"].values():  # no secret: stop at once, saying so
        gate = job["steps"][0]
        assert gate["env"] == {"DRAFTER_TOKEN": "${{ secrets.DRAFTER_TOKEN }}"}
        stopped = subprocess.run(
            ["bash", "-c", gate["run"]],
            env={"DRAFTER_TOKEN": ""},
            capture_output=True,
            text=True,
            check=False,
        )
        assert stopped.returncode == 1 and "::error::set the repository secret" in stopped.stdout
    assert check[True]["pull_request"]["paths"] == ["content/**"]


def test_init_replaces_nothing_without_force(site: Path, tmp_path: Path) -> None:
    (site / ".gitignore").write_text("public/\n/.drafter\n", encoding="utf-8")
    (site / "drafter.toml").write_text('section = "episode"\n', encoding="utf-8")
    first = init(site, tmp_path, *ALL_JOBS)
    assert first.returncode == 0, first.stderr
    assert f"kept {site / 'drafter.toml'}: it is already there" in first.stderr
    assert (site / "drafter.toml").read_text(encoding="utf-8") == 'section = "episode"\n'
    assert (site / ".gitignore").read_text(encoding="utf-8") == "public/\n/.drafter\n"
    # The jobs follow the site's own settings: its section is what the retries commit.
    assert "git add -- content/episode\n" in (site / ".github/workflows/drafter.yml").read_text()
    written = {
        p: p.read_bytes()
        for p in [*site.rglob("*"), *tmp_path.joinpath("config").rglob("*")]
        if p.is_file()
    }

    again = init(site, tmp_path, *ALL_JOBS)
    assert again.returncode == 0, again.stderr
    assert (
        again.stderr.count("it is already there") == 8
    )  # drafter.toml, crontab, 4 units, 2 workflows
    assert {p: p.read_bytes() for p in written} == written

    forced = init(site, tmp_path, "--force")
    assert forced.returncode == 0, forced.stderr
    (backup,) = (site / ".drafter" / "backups").iterdir()
    assert backup.read_text(encoding="utf-8") == 'section = "episode"\n'
    assert tomllib.loads((site / "drafter.toml").read_text(encoding="utf-8")) == {}


def test_init_works_in_the_example_site(tmp_path: Path) -> None:
    example = tmp_path / "example"
    shutil.copytree(REPO / "example", example)
    result = init(example / "content", tmp_path, "--github-actions")  # found upwards
    assert result.returncode == 0, result.stderr
    assert (example / "drafter.toml").is_file() and (example / ".gitignore").is_file()
    shown = run_drafter("config", cwd=example)
    assert shown.returncode == 0 and f"# settings file: {example / 'drafter.toml'}" in shown.stdout
    assert "  # drafter.toml\n" not in shown.stdout  # all commented out: every setting a default
    assert not (example / "content" / "drafter.toml").exists()


def test_init_outside_a_site_writes_nothing(tmp_path: Path) -> None:
    folder = tmp_path / "not-a-site"
    folder.mkdir()
    result = init(folder, tmp_path, *ALL_JOBS)
    assert result.returncode == 2
    assert "no Hugo site found" in result.stderr and "--site DIR" in result.stderr
    assert list(folder.iterdir()) == []
    assert not (tmp_path / "config").exists()


README = (REPO / "README.md").read_text(encoding="utf-8")
# The README's Scheduled runs section says what each job does; the files themselves, as init
# writes them, are on the page it links.
RECIPES = (REPO / "docs" / "scheduled-runs.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("kind", ["yaml", "toml", "ini"])
def test_the_readme_recipe_blocks_parse(kind: str) -> None:
    # drafter.toml blocks: the README's few keys and docs/configuration.md's every one
    configuration = (REPO / "docs" / "configuration.md").read_text(encoding="utf-8")
    text = RECIPES if kind != "toml" else README + configuration
    blocks = re.findall(rf"^```{kind}\n(.*?)^```", text, re.M | re.S)
    assert blocks, kind
    for block in blocks:
        if kind == "yaml":
            assert isinstance(yaml.safe_load(block), dict)
        elif kind == "toml":
            tomllib.loads(block)
        else:
            unit = configparser.ConfigParser(interpolation=None, strict=True)
            unit.read_string(block)
            assert unit.sections()


def test_the_readme_recipes_are_what_init_writes() -> None:
    from drafter.cli.init_files import (
        Jobs,
        actions_workflow,
        check_workflow,
        crontab,
        systemd_units,
    )

    home = Path("/home/you/blog")
    jobs = Jobs(home, "/home/you/.local/bin/drafter", "bookmarks.txt", "Asia/Tokyo", "talk")
    units = systemd_units(jobs)
    for text in (
        crontab(jobs, home / ".drafter" / "crontab"),
        units["drafter-blog.service"],
        units["drafter-blog.timer"],
        actions_workflow(jobs),
        check_workflow(),
    ):
        assert f"\n{text}```\n" in RECIPES, text.splitlines()[0]
    draft, check = re.findall(r"^```yaml\n(.*?)^```", RECIPES, re.M | re.S)
    assert_workflow_is_sound(draft, check)
    assert ".venv/bin/drafter" not in RECIPES and "pip install git+" not in RECIPES
    scheduled = README.split("### Scheduled runs", 1)[1].split("\n### ", 1)[0]
    assert "(docs/scheduled-runs.md)" in scheduled
    assert ".venv/bin/drafter" not in README and "pip install git+" not in README
