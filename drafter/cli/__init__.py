"""The command line: typer commands over one library call each (see drafter.pipeline)."""
