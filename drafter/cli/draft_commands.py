"""`drafter new` and `drafter add`: their arguments read and checked, then one call of
run.run_draft. Registered on the app in app.py, in the week's order.

No `from __future__ import annotations` (see app.py): typer reads these annotations at start.
"""

from pathlib import Path
from typing import Annotated

import typer

from drafter.cli.cache_commands import (
    OfflineOption,
    RefreshOption,
    cache_mode,
)
from drafter.cli.console import fail
from drafter.cli.inputs import drafting_site, load_run_settings, site_root
from drafter.cli.options import (
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
from drafter.config import SKELETONS
from drafter.errors import DrafterError, InputError


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
