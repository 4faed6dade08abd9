"""The command line: typer commands over one library call each (see drafter.pipeline).

`main` is the console script. It answers `drafter --version` before typer and the command
tree are imported (a tenth of a second of imports, for one line of text).
"""

import sys


def answered_at_once(args: list[str]) -> bool:
    """Print the version for `--version` alone, without importing typer; False otherwise."""
    if args != ["--version"]:
        return False
    from drafter import __version__

    print(f"drafter {__version__}")
    return True


def main() -> None:
    """Console-script entry point: `--version` at once, everything else through typer."""
    if answered_at_once(sys.argv[1:]):
        return
    from drafter.cli.app import main as run_app

    run_app()
