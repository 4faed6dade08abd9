"""`python -m drafter`."""

import sys

from drafter.cli import answered_at_once

if not answered_at_once(sys.argv[1:]):
    from drafter.cli.app import app

    # Named as the installed command, so usage lines and shell completion say `drafter`.
    app(prog_name="drafter")
