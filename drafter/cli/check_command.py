"""`drafter check [NUMBER]`: list what would embarrass the host once the episode is out.

One line per finding on standard output, `path:LINE: message` (editors and CI read that
form; a finding about the whole site, not a place on the page, is the message alone), or
the same findings as --json (`line` null for those); exit 0 when there are none, 1 when
there are some, 2 for a usage error. Imports nothing heavy at module level, as the rest of the CLI.
"""

import json
import shutil
import sys
from pathlib import Path
from typing import Annotated

import typer

from drafter.cli.console import EXIT_INTERRUPTED, fail, say
from drafter.cli.inputs import load_run_settings, site_root
from drafter.cli.options import (
    ConcurrencyOption,
    ConfigOption,
    JsonOption,
    PerHostOption,
    SiteOption,
    TimeoutOption,
    checked_number,
    refuse_unknown_options,
)
from drafter.errors import DrafterError, InputError

EXIT_FOUND = 1


def _shown(path: Path) -> str:
    """The page's path as the host would type it: relative to here when it is below."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def check(
    number: Annotated[
        str | None,
        typer.Argument(metavar="[NUMBER]", help="The episode to check. Default: the latest one."),
    ] = None,
    site: SiteOption = None,
    config: ConfigOption = None,
    as_json: JsonOption = False,
    offline: Annotated[
        bool, typer.Option("--offline", help="Do not fetch the page's links to see they answer.")
    ] = False,
    hugo: Annotated[
        bool,
        typer.Option(
            "--hugo", help="Also build the site with hugo on PATH, in a temporary folder."
        ),
    ] = False,
    concurrency: ConcurrencyOption = None,
    per_host: PerHostOption = None,
    timeout: TimeoutOption = None,
) -> None:
    """Check episode NUMBER's page before publishing.

    Placeholder title, front matter, failure marks, empty bullets and quotes, dead or moved
    links, repeats of earlier episodes, and with --hugo Hugo's errors for the page.
    """
    from drafter.check import CheckRequest, check_episode

    refuse_unknown_options([number or ""])
    episode = None if number is None else checked_number(number)
    try:
        hugo_path = shutil.which("hugo") if hugo else None
        if hugo and hugo_path is None:
            raise InputError("--hugo: there is no hugo on PATH")
        root = site_root(site)
        flags: dict[str, object] = {
            "concurrency": concurrency,
            "per_host": per_host,
            "timeout": timeout,
        }
        settings, _ = load_run_settings(root, config, flags)
        request = CheckRequest(root, settings, episode, links=not offline, hugo=hugo_path)
        report = check_episode(request)
    except DrafterError as exc:
        fail(exc)
    except KeyboardInterrupt:
        say("interrupted")
        raise typer.Exit(EXIT_INTERRUPTED) from None
    shown = _shown(report.path)
    if as_json:
        data = {
            "episode": report.number,
            "path": str(report.path),
            "findings": [
                {"line": f.line, "kind": f.kind, "message": f.message} for f in report.findings
            ],
        }
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        for finding in report.findings:
            where = f"{shown}:{finding.line}: " if finding.line is not None else ""
            print(f"{where}{finding.message}")
    sys.stdout.flush()
    count = len(report.findings)
    if not count:
        say(f"episode {report.number}: nothing found in {shown}")
        raise typer.Exit(0)
    say(f"episode {report.number}: {count} problem{'s' if count != 1 else ''} in {shown}")
    raise typer.Exit(EXIT_FOUND)
