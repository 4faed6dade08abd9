"""The command line: typer only. Arguments → one call of run.run_draft (new, add) or a
small library call (next, config, template); people's text on stderr.

Imports nothing heavy at module level, so `drafter --help` starts at once. No `from
__future__ import annotations` in the CLI modules: typer would then evaluate every option's
annotation from its string at each start (about 30 ms of `drafter --help`).
"""

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from drafter import __version__
from drafter.cli.cache_commands import (
    OfflineOption,
    RefreshOption,
    cache_app,
    cache_mode,
)
from drafter.cli.check_command import check
from drafter.cli.console import fail
from drafter.cli.init_command import init
from drafter.cli.inputs import drafting_site, load_run_settings, site_root
from drafter.cli.options import (
    NUMBER_COMMAND,
    NUMBER_METAVAR,
    SOURCES_METAVAR,
    ArchiveOption,
    BrowserOption,
    ConcurrencyOption,
    ConfigOption,
    DeadlineOption,
    EditOption,
    FolderOption,
    JsonOption,
    PerHostOption,
    PlainUsage,
    QuietOption,
    RenderMode,
    RenderOption,
    RepeatsOption,
    SinceOption,
    SiteOption,
    TemplateOption,
    TimeoutOption,
    VerboseOption,
    checked_number,
    refuse_unknown_options,
)
from drafter.cli.run import run_draft
from drafter.config import SKELETONS, Settings
from drafter.errors import DrafterError, InputError

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


def _out_path(out: str | None) -> Path | None:
    """--out as a path (None for none or -); a folder is refused before anything is fetched."""
    if out is None or out == "-":
        return None
    path = Path(out)
    if path.is_dir():
        raise InputError(
            f"--out {out} is a folder; give the file to write, e.g. --out {path / 'index.md'}"
        )
    return path


def _episode_number(
    number: str | None,
    next_: bool,
    sources: list[str],
    site: Path | None,
    other: str = "--next",
) -> int:
    """NUMBER, or with --next the number after the site's highest episode; `other` names
    the option that may stand for NUMBER, for the error."""
    if next_:
        if number is not None:
            _refuse_number_with(number, "--next")
            sources.insert(0, number)  # `new --next FILE`: the first word was the source
        from drafter.config import load_settings
        from drafter.draft.episodes import next_number

        root = site_root(site)
        return next_number(root, load_settings(root)[0].section)
    if number is None:
        raise typer.BadParameter(f"give the episode NUMBER, or {other}", param_hint=NUMBER_METAVAR)
    return checked_number(number)


def _refuse_number_with(word: str, option: str) -> None:
    """`new 33 --next FILE`: digits where a SOURCE may stand are the episode number (unless a
    file has that name), which `option` picks itself: say so, not "33 does not exist"."""
    if word.isascii() and word.isdigit() and not Path(word).exists():
        raise typer.BadParameter(
            f"give the episode number or {option}, not both ({word} and {option})",
            param_hint=NUMBER_METAVAR,
        )


def _fetch_flags(
    concurrency: int | None,
    per_host: int | None,
    timeout: float | None,
    deadline: float | None,
    render: RenderMode | None,
    browser: str | None,
) -> dict[str, object]:
    """The settings flags `new` and `add` share; None leaves drafter.toml or the default."""
    return {
        "concurrency": concurrency,
        "per_host": per_host,
        "timeout": timeout,
        "deadline": deadline,
        "render": render.value if render else None,
        "browser": browser,
    }


@app.command(cls=PlainUsage, context_settings=NUMBER_COMMAND)
def new(
    number: Annotated[
        str | None,
        typer.Argument(metavar=NUMBER_METAVAR, help="The episode number, e.g. 28 (or use --next)."),
    ] = None,
    sources: Annotated[
        list[str] | None,
        typer.Argument(
            metavar=SOURCES_METAVAR,
            help="Bookmarks: a file (text, browser export, feed), a feed URL, or - for stdin. "
            "None: paste at a terminal, else read stdin.",
        ),
    ] = None,
    next_: Annotated[
        bool, typer.Option("--next", help="Use the number after the highest existing episode.")
    ] = False,
    site: SiteOption = None,
    out: Annotated[
        str | None,
        typer.Option(
            metavar="PATH",
            help="Write here instead of content/talk/NUMBER/index.md; - prints the draft.",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace an existing draft, keeping a backup.")
    ] = False,
    title: Annotated[
        str | None, typer.Option(metavar="TEXT", help="Title. Default: '#NUMBER Coming Soon'.")
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(metavar="DATE", help="ISO 8601 date. Default: now, in Asia/Tokyo."),
    ] = None,
    skeleton: Annotated[
        str | None,
        typer.Option(
            metavar="NAME", help=f"Front matter: {', '.join(SKELETONS)}. [default: academic]"
        ),
    ] = None,
    template: TemplateOption = None,
    config: ConfigOption = None,
    folder: FolderOption = None,
    since: SinceOption = None,
    allow_repeats: RepeatsOption = False,
    archive: ArchiveOption = False,
    edit: EditOption = False,
    as_json: JsonOption = False,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
    concurrency: ConcurrencyOption = None,
    per_host: PerHostOption = None,
    timeout: TimeoutOption = None,
    deadline: DeadlineOption = None,
    render: RenderOption = None,
    browser: BrowserOption = None,
    refresh: RefreshOption = False,
    offline: OfflineOption = False,
) -> None:
    """Draft episode NUMBER from bookmarks.

    The draft goes to content/talk/NUMBER/index.md in the Hugo site.
    """
    refuse_unknown_options([number or "", *(sources or [])])
    if as_json and out == "-":
        raise typer.BadParameter("--json cannot be combined with --out - (both use stdout)")
    if skeleton is not None and skeleton not in SKELETONS:
        raise typer.BadParameter(f"choose one of {', '.join(SKELETONS)}", param_hint="--skeleton")
    source_list = list(sources or [])
    try:
        episode = _episode_number(number, next_, source_list, site)
        drafting_site(site, out)
        out_path = _out_path(out)
    except DrafterError as exc:
        fail(exc)
    run_draft(
        command="new",
        number=episode,
        sources=source_list,
        site=site,
        config=config,
        flags={
            **_fetch_flags(concurrency, per_host, timeout, deadline, render, browser),
            "skeleton": skeleton,
        },
        request_args={
            "out": out_path,
            "to_stdout": out == "-",
            "force": force,
            "title": title,
            "template": template,
            "allow_repeats": allow_repeats,
            "cache": cache_mode(refresh, offline),
        },
        as_json=as_json,
        quiet=quiet,
        verbose=verbose,
        folder=folder,
        since=since,
        archive=archive,
        edit=edit,
        date_text=date,
    )


@app.command(cls=PlainUsage, context_settings=NUMBER_COMMAND)
def add(
    number: Annotated[
        str | None,
        typer.Argument(
            metavar=NUMBER_METAVAR, help="The episode whose draft to add to (or --latest)."
        ),
    ] = None,
    sources: Annotated[
        list[str] | None,
        typer.Argument(
            metavar=SOURCES_METAVAR,
            help="Article URLs, bookmark files, or -. None: paste at a terminal, else stdin "
            "(with --latest: only retry).",
        ),
    ] = None,
    latest: Annotated[
        bool,
        typer.Option(
            "--latest",
            help="The highest existing episode; without SOURCE, only retry its failed articles.",
        ),
    ] = False,
    site: SiteOption = None,
    template: TemplateOption = None,
    config: ConfigOption = None,
    folder: FolderOption = None,
    since: SinceOption = None,
    allow_repeats: RepeatsOption = False,
    archive: ArchiveOption = False,
    edit: EditOption = False,
    as_json: JsonOption = False,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
    concurrency: ConcurrencyOption = None,
    per_host: PerHostOption = None,
    timeout: TimeoutOption = None,
    deadline: DeadlineOption = None,
    render: RenderOption = None,
    browser: BrowserOption = None,
    refresh: RefreshOption = False,
    offline: OfflineOption = False,
) -> None:
    """Add articles to episode NUMBER's draft.

    Only articles not yet in it are fetched, and those drafter marked as failed are fetched
    again and filled in; every other byte of the draft stays as it is.
    """
    refuse_unknown_options([number or "", *(sources or [])])
    source_list = list(sources or [])
    try:
        if latest:
            if number is not None:
                _refuse_number_with(number, "--latest")
                source_list.insert(0, number)  # `add --latest URL`: the first word was a source
            drafting_site(site, has_out=False)
            episode = _latest_episode(site, config)
        else:
            episode = _episode_number(number, False, source_list, site, other="--latest")
            drafting_site(site, has_out=False)
    except DrafterError as exc:
        fail(exc)
    run_draft(
        command="add",
        number=episode,
        sources=source_list,
        site=site,
        config=config,
        flags=_fetch_flags(concurrency, per_host, timeout, deadline, render, browser),
        request_args={
            "template": template,
            "allow_repeats": allow_repeats,
            "cache": cache_mode(refresh, offline),
        },
        as_json=as_json,
        quiet=quiet,
        verbose=verbose,
        folder=folder,
        since=since,
        archive=archive,
        edit=edit,
        retry_only=latest and not source_list,
    )


# Listed after new and add, in the week's order; `check -1` is an error about the number.
app.command("check", cls=PlainUsage, context_settings=NUMBER_COMMAND)(check)
app.command("init")(init)  # once, when a site starts using drafter


def _latest_episode(site: Path | None, config: Path | None) -> int:
    """The highest episode number in the site (its draft is content/<section>/N/index.md)."""
    from drafter.draft.episodes import episode_pages
    from drafter.errors import DraftMissingError

    root = site_root(site)
    section = load_run_settings(root, config, {})[0].section
    pages = episode_pages(root, section)
    if not pages:
        raise DraftMissingError(f"--latest: there is no episode in {root / 'content' / section}")
    return max(pages)


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
