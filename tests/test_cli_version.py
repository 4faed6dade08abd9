"""`drafter --version`: answered before typer is imported, and the same line typer prints."""

from __future__ import annotations

import subprocess
import sys

from typer.testing import CliRunner

from drafter import __version__
from drafter.cli.app import app


def test_version_alone_is_answered_without_typer() -> None:
    probe = (
        "import sys\n"
        "from drafter.cli import answered_at_once\n"
        "assert answered_at_once(['--version'])\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('typer', 'drafter')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, check=True
    )
    lines = result.stdout.splitlines()
    assert lines[0] == f"drafter {__version__}"
    assert lines[1] == "['drafter', 'drafter.cli']"


def test_version_through_python_m_matches_the_typer_option() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "drafter", "--version"],
        capture_output=True, text=True, timeout=60, check=True,
    )  # fmt: skip
    through_typer = CliRunner().invoke(app, ["--version"])
    assert through_typer.exit_code == 0
    assert result.stdout == through_typer.stdout == f"drafter {__version__}\n"


def test_anything_else_goes_through_typer() -> None:
    from drafter.cli import answered_at_once

    assert not answered_at_once(["--version", "new"])
    assert not answered_at_once([])
