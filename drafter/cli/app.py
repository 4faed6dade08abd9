"""The command line: typer only. Arguments → one call of run.run_draft (new, add) or a
small library call (next, config, template); people's text on stderr.

Imports nothing heavy at module level, so `drafter --help` starts at once. No `from
__future__ import annotations` in the CLI modules: typer would then evaluate every option's
annotation from its string at each start (about 30 ms of `drafter --help`).
"""

import json
import sys
from typing import Annotated

import typer

from drafter import __version__
from drafter.cli.cache_commands import cache_app
from drafter.cli.check_command import check
from drafter.cli.console import fail
from drafter.cli.draft_commands import add, new
from drafter.cli.init_command import init
from drafter.cli.inputs import load_run_settings, site_root
from drafter.cli.options import (
    NUMBER_COMMAND,
    ConfigOption,
    JsonOption,
    PlainUsage,
    SiteOption,
)
from drafter.config import SKELETONS, Settings
from drafter.errors import DrafterError

app = typer.Typer(
    name="drafter",
    help="Draft a podcast episode page for Hugo from a week of bookmarks.",
    no_args_is_help=True,
    subcommand_metavar="COMMAND [ARGS]…",
    pretty_exceptions_enable=False,
    # Plain help: rich's help renderer imports ~0.15 s of modules (rich.markdown, markdown_it)
    # on every --help and usage error, more than the rest of the start-up together.
    rich_markup_mode=None,
)
app.add_typer(cache_app, name="cache")


def _version(value: bool) -> None:
    if value:
        print(f"drafter {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    """Draft a podcast episode page for Hugo from a week of bookmarks.

    drafter fetches every bookmarked article, reads its headline, source and lead, and writes
    the show notes into the site's content/talk/NUMBER/index.md.
    """


# In the week's order: new and add (drafter.cli.draft_commands), then check; `-1` is an error
# about the number.
app.command(cls=PlainUsage, context_settings=NUMBER_COMMAND)(new)
app.command(cls=PlainUsage, context_settings=NUMBER_COMMAND)(add)
app.command("check", cls=PlainUsage, context_settings=NUMBER_COMMAND)(check)
app.command("init")(init)  # once, when a site starts using drafter


@app.command("next")
def next_episode(site: SiteOption = None, config: ConfigOption = None) -> None:
    """Print the next episode number.

    One more than the highest episode in content/talk/ (1 for the first).
    """
    from drafter.draft.episodes import next_number

    try:
        root = site_root(site)
        settings, _ = load_run_settings(root, config, {})
    except DrafterError as exc:
        fail(exc)
    print(next_number(root, settings.section))


@app.command("config")
def show_config(
    site: SiteOption = None,
    config: ConfigOption = None,
    as_json: JsonOption = False,
    profiles: Annotated[
        bool, typer.Option("--profiles", help="Print the site profiles in effect instead.")
    ] = False,
) -> None:
    """Print the settings in effect.

    Each as you would write it in drafter.toml, with where it came from: default or file.
    """
    from drafter.cli.settings_view import config_lines
    from drafter.config import CONFIG_FILE, settings_table
    from drafter.draft.episodes import is_hugo_site

    try:
        root = site_root(site)
        settings, origins = load_run_settings(root, config, {})
    except DrafterError as exc:
        fail(exc)
    if profiles:
        print_profiles(settings, as_json=as_json)
        return
    config_file = config or root / CONFIG_FILE
    if as_json:
        table = settings_table(settings)
        data = {
            key: {"value": value, "from": origins.get(key, "default")}
            for key, value in table.items()
        }
        found = str(config_file) if config_file.is_file() else None
        report = {"site": str(root), "config_file": found, "settings": data}
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return
    lines = config_lines(
        settings, origins, site=root, site_found=is_hugo_site(root), config_file=config_file
    )
    print("\n".join(lines))


def print_profiles(settings: Settings, *, as_json: bool) -> None:
    """The profiles in the order drafter consults them, one line each, or as JSON."""
    from drafter.extract.sites import SITES_FILE, effective_profiles

    rows = effective_profiles(settings.profiles)
    if as_json:
        data = {"builtin_file": str(SITES_FILE), "profiles": rows}
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return
    print(f"# in the order drafter consults them; built-in: {SITES_FILE}")
    for row in rows:
        label = row["label"] or "(no label)"
        taken = row.get("overridden_for")
        note = f"; your own profile takes {', '.join(taken)}" if taken else ""
        print(f"{row['name']}: {', '.join(row['hosts'])} → {label}  # {row['from']}{note}")


@app.command("template")
def show_template(
    skeleton: Annotated[
        str | None,
        typer.Option(metavar="NAME", help="Print this built-in front matter skeleton instead."),
    ] = None,
) -> None:
    """Print the built-in template.

    Copy it into your site's templates/ folder and change it there.
    """
    from drafter.draft.render import TEMPLATE_NAME, builtin_templates_dir

    if skeleton is not None and skeleton not in SKELETONS[:2]:
        raise typer.BadParameter(
            f"choose one of {', '.join(SKELETONS[:2])}", param_hint="--skeleton"
        )
    name = f"skeletons/{skeleton}.md.j2" if skeleton else TEMPLATE_NAME
    sys.stdout.write((builtin_templates_dir() / name).read_text(encoding="utf-8"))


def main() -> None:
    """Console-script entry point."""
    app()
