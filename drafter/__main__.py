"""`python -m drafter`."""

from drafter.cli.app import main

main()
