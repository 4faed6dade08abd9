"""`python -m drafter`."""

from drafter.cli.app import app

# Named as the installed command, so usage lines and shell completion say `drafter`.
app(prog_name="drafter")
