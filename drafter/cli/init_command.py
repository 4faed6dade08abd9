"""`drafter init`: set a Hugo site up for drafter. A commented drafter.toml (every setting at
its default), `.drafter/` in .gitignore, and on request the weekly jobs of the README's
recipes filled in for this site: a crontab, systemd user units, GitHub Actions workflows.

A file that is already there is kept, and drafter says so, unless --force: then the old one
is copied to .drafter/backups/ first. Imports nothing heavy at module level, as the rest of
the CLI; the files' text comes from drafter.cli.init_files.
"""

import os
import shutil
from datetime import datetime
from pathlib import Path
from typing import Annotated

import typer

from drafter.cli.console import fail, say
from drafter.cli.inputs import drafting_site, load_run_settings
from drafter.cli.options import SiteOption
from drafter.errors import DrafterError

IGNORED = ".drafter/"  # drafter's own folder at the site root: backups and locks
_IGNORE_FORMS = {".drafter", ".drafter/", "/.drafter", "/.drafter/", ".drafter/*", "/.drafter/*"}
PIPX_DRAFTER = Path("~/.local/bin/drafter")  # where `pipx install episode-drafter` puts it


def _drafter_executable() -> str:
    """The drafter cron and systemd run, by its full path: they do not read the shell's PATH."""
    found = shutil.which("drafter")
    if found is not None:
        return str(Path(found).absolute())
    installed = PIPX_DRAFTER.expanduser()
    say(
        f"note: drafter is not on PATH; the jobs run {installed}, where `pipx install "
        "episode-drafter` puts it"
    )
    return str(installed)


def _systemd_user_folder() -> Path:
    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config) / "systemd" / "user"


def _write(site: Path, path: Path, text: str, *, force: bool) -> bool:
    """Write one file; an existing one only with `force`, copied to .drafter/backups/ first.
    Whether it was written."""
    from drafter.draft.episodes import state_folder
    from drafter.files import read_no_follow, write_atomic

    if path.exists() or path.is_symlink():
        if not force:
            say(f"kept {path}: it is already there (--force replaces it, keeping a copy)")
            return False
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        backup = state_folder(site, "backups") / f"{path.name}-{stamp}"
        try:
            old = read_no_follow(path)
        except OSError as exc:
            raise DrafterError(f"cannot read {path} to keep a copy: {exc.strerror}") from exc
        write_atomic(backup, old, replace=False)
        say(f"the previous {path.name} is kept at {backup}")
    write_atomic(path, text, replace=force)
    say(f"wrote {path}")
    return True


def _ignore_state_folder(site: Path) -> None:
    """Add `.drafter/` to the site's .gitignore, unless it is there (a line added, never
    one changed)."""
    from drafter.files import write_atomic

    path = site / ".gitignore"
    try:
        current = path.read_text(encoding="utf-8") if path.exists() else ""
    except (OSError, UnicodeDecodeError) as exc:
        raise DrafterError(f"cannot read {path}: {exc}") from exc
    if {line.strip() for line in current.splitlines()} & _IGNORE_FORMS:
        say(f"{path} already leaves out {IGNORED}")
        return
    separator = "\n" if current and not current.endswith("\n") else ""
    addition = f"{separator}# drafter's backups and locks\n{IGNORED}\n"
    write_atomic(path, current + addition, replace=True)
    say(f"added {IGNORED} to {path}")


def init(
    site: SiteOption = None,
    cron: Annotated[
        bool, typer.Option("--cron", help="Write .drafter/crontab: the weekly jobs for cron.")
    ] = False,
    systemd: Annotated[
        bool,
        typer.Option("--systemd", help="Write systemd user units: a service and a timer per job."),
    ] = False,
    github_actions: Annotated[
        bool,
        typer.Option(
            "--github-actions", help="Write .github/workflows/drafter.yml and drafter-check.yml."
        ),
    ] = False,
    bookmarks: Annotated[
        str,
        typer.Option(metavar="FILE", help="The bookmarks file the jobs read, in the site."),
    ] = "bookmarks.txt",
    force: Annotated[
        bool, typer.Option("--force", help="Replace files that exist, keeping a copy.")
    ] = False,
) -> None:
    """Set up drafter in a Hugo site.

    A commented drafter.toml and .drafter/ in .gitignore; with --cron, --systemd or
    --github-actions, the weekly jobs for this site too. Never replaces a file without --force.
    """
    from drafter.cli.init_files import (
        Jobs,
        actions_workflow,
        check_workflow,
        crontab,
        drafter_toml,
        systemd_units,
        unit_name,
    )
    from drafter.config import CONFIG_FILE, Settings
    from drafter.draft.episodes import state_folder

    try:
        root = drafting_site(site, has_out=False)
        settings, _ = load_run_settings(root, None, {})
        _write(root, root / CONFIG_FILE, drafter_toml(Settings()), force=force)
        _ignore_state_folder(root)
        if not (cron or systemd or github_actions):
            return
        if not (root / bookmarks).is_file():
            say(f"note: there is no {bookmarks} in {root} yet; the jobs read it from there")
        jobs = Jobs(
            site=root,
            drafter=_drafter_executable() if cron or systemd else "drafter",
            bookmarks=bookmarks,
            timezone=settings.timezone,
            section=settings.section,
        )
        if cron:
            path = state_folder(root, "crontab")
            if _write(root, path, crontab(jobs, path), force=force):
                say(f"  add it to your crontab: (crontab -l 2>/dev/null; cat {path}) | crontab -")
        if systemd:
            folder = _systemd_user_folder()
            written = [
                _write(root, folder / name, text, force=force)
                for name, text in systemd_units(jobs).items()
            ]
            if any(written):
                name = unit_name(root)
                say("  turn the timers on, and let them run while you are logged out:")
                say("    systemctl --user daemon-reload")
                say(f"    systemctl --user enable --now {name}.timer {name}-retry.timer")
                say('    loginctl enable-linger "$USER"')
        if github_actions:
            workflows = root / ".github" / "workflows"
            written = [
                _write(root, workflows / "drafter.yml", actions_workflow(jobs), force=force),
                _write(root, workflows / "drafter-check.yml", check_workflow(), force=force),
            ]
            if any(written):
                say(
                    "  add the repository secret DRAFTER_TOKEN (a token with Contents and Pull "
                    "requests write access): see the top of drafter.yml"
                )
    except DrafterError as exc:
        fail(exc)
