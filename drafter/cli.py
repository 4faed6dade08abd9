"""The command line: arguments → a request → one library call; people's text on stderr.

Imports nothing heavy at module level, so `drafter --help` starts at once.
"""

from __future__ import annotations

import json
import signal
import sys
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from drafter import __version__
from drafter.cli_cache import (
    OfflineOption,
    RefreshOption,
    cache_app,
    cache_mode,
    show_cache_warnings,
)
from drafter.config import SKELETONS
from drafter.errors import DrafterError, InputError, NothingFetchedError

if TYPE_CHECKING:
    from drafter.bookmarks import ParsedBookmarks
    from drafter.config import Settings
    from drafter.models import Article
    from drafter.pipeline import BookmarkSource, DraftReport, DraftRequest

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_PARTIAL = 3
EXIT_INTERRUPTED = 130

app = typer.Typer(
    name="drafter",
    help="Turn a week of bookmarked articles into a draft podcast episode page for Hugo.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain help: rich's help renderer imports ~0.15 s of modules (rich.markdown, markdown_it)
    # on every --help and usage error, more than the rest of the start-up together.
    rich_markup_mode=None,
)
app.add_typer(cache_app, name="cache")


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _fail(exc: DrafterError) -> NoReturn:
    _say(f"error: {exc}")
    raise typer.Exit(exc.exit_code)


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
    """Turn a week of bookmarked articles into a draft podcast episode page for Hugo."""


# Options shared by `new` and `add`.
SiteOption = Annotated[
    Path | None,
    typer.Option(
        help="The Hugo site root. Default: the nearest folder upwards with a Hugo config."
    ),
]
JsonOption = Annotated[
    bool, typer.Option("--json", help="Print a machine-readable report on standard output.")
]
QuietOption = Annotated[
    bool, typer.Option("--quiet", "-q", help="No progress bar or summary; errors still shown.")
]
VerboseOption = Annotated[
    bool, typer.Option("--verbose", "-v", help="One line per article: status, time, URL, title.")
]
ConcurrencyOption = Annotated[
    int | None, typer.Option(min=1, max=256, help="Pages fetched at once. [default: 8]")
]
PerHostOption = Annotated[
    int | None,
    typer.Option(min=1, max=64, help="Pages fetched at once from one host. [default: 2]"),
]
TimeoutOption = Annotated[
    float | None,
    typer.Option(min=0.1, help="Seconds one article may take, retries included. [default: 30]"),
]
FolderOption = Annotated[
    str | None, typer.Option(help="Only this bookmark folder (browser exports), e.g. 'Podcast'.")
]
SinceOption = Annotated[
    str | None, typer.Option(help="Only bookmarks added on or after this ISO date, where recorded.")
]
RepeatsOption = Annotated[
    bool,
    typer.Option("--allow-repeats", help="Keep articles an earlier episode already covered."),
]
ArchiveOption = Annotated[
    bool,
    typer.Option(
        "--archive", help="Move the bookmarks drafted from a text file to FILE.done afterwards."
    ),
]
EditOption = Annotated[
    bool, typer.Option("--edit", help="Open the draft in $VISUAL / $EDITOR when written.")
]
TemplateOption = Annotated[
    Path | None,
    typer.Option(help="A Jinja2 template replacing the built-in one (see drafter template)."),
]
ConfigOption = Annotated[
    Path | None,
    typer.Option("--config", help="A drafter.toml to use instead of <site>/drafter.toml."),
]


class RenderMode(StrEnum):
    """When to load a page in a browser (see the README's "Rendering JavaScript pages")."""

    auto = "auto"
    always = "always"
    never = "never"


RenderOption = Annotated[
    RenderMode | None,
    typer.Option(
        help="Load pages in a browser: auto (only pages whose HTML gave no title or lead), "
        "always, never. [default: auto]"
    ),
]
BrowserOption = Annotated[
    str | None,
    typer.Option(
        envvar="DRAFTER_BROWSER",
        help="The Chromium to render pages with. [default: chromium on PATH]",
    ),
]


@dataclass
class _Source:
    """Bookmarks as read from SOURCE: a list, or a live stream when pasting."""

    bookmarks: BookmarkSource
    parsed: ParsedBookmarks | None = None
    text_file: Path | None = None  # a plain-text file, the only kind --archive may change
    snapshot: str = ""  # its text as read, so --archive can tell if it changed meanwhile
    pasting: bool = False


def _read_sources(
    sources: list[str],
    settings: Settings,
    *,
    folder: str | None,
    since: str | None,
    urls_are_articles: bool,
) -> _Source:
    """Every SOURCE (files, -, URLs; none: stdin or interactive paste) as one bookmark list."""
    from drafter.bookmarks import ParsedBookmarks
    from drafter.inputs import read_one_source

    since_date = _parse_since(since, settings)
    if not sources and sys.stdin is not None and sys.stdin.isatty():
        from drafter.paste import pasted_bookmarks

        return _Source(pasted_bookmarks(sys.stdin, _say), pasting=True)
    merged: list[Any] = []
    skipped: list[Any] = []
    seen: set[str] = set()
    text_file: Path | None = None
    snapshot = ""
    for source in sources or ["-"]:
        read = read_one_source(
            source, settings, folder=folder, since=since_date, urls_are_articles=urls_are_articles
        )
        if read.text_file is not None and len(sources) == 1:
            text_file, snapshot = read.text_file, read.snapshot
        for skip in read.parsed.skipped:
            _say(
                f"warning: {read.name}: line {skip.line}: {skip.reason}; skipped: {skip.text[:80]}"
            )
        skipped += read.parsed.skipped
        for bookmark in read.parsed.bookmarks:
            if bookmark.url not in seen:
                seen.add(bookmark.url)
                merged.append(bookmark)
    if not merged:
        names = ", ".join("standard input" if s == "-" else s for s in sources or ["-"])
        raise InputError(f"no usable URL in {names}")
    parsed = ParsedBookmarks(merged, skipped)
    return _Source(merged, parsed=parsed, text_file=text_file, snapshot=snapshot)


def _parse_since(since: str | None, settings: Settings) -> datetime | None:
    if since is None:
        return None
    from drafter.pipeline import parse_date

    try:
        return parse_date(since, settings.timezone)
    except InputError as exc:
        raise InputError(str(exc).replace("--date", "--since")) from exc


class _Progress:
    """A rich progress bar on stderr (only on a terminal), plus -v lines per article."""

    def __init__(self, total: int | None, *, show_bar: bool, verbose: bool) -> None:
        self.verbose = verbose
        self._bar = None
        if show_bar:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

            self._bar = Progress(
                TextColumn("fetching"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.description}"),
                console=Console(stderr=True),
                transient=True,
            )
            self._task = self._bar.add_task("", total=total)
            self._bar.start()

    def __call__(self, article: Article) -> None:
        from drafter.report import article_line

        if self._bar is not None:
            self._bar.update(self._task, advance=1, description=article.url[:60])
        if self.verbose:
            if self._bar is not None:
                self._bar.console.print(article_line(article), markup=False, highlight=False)
            else:
                _say(article_line(article))

    def stop(self) -> None:
        if self._bar is not None:
            self._bar.stop()
            self._bar = None


def _raise_interrupt(signum: int, frame: FrameType | None) -> None:
    # SIGTERM as Ctrl-C: inside asyncio.run that cancels the tasks, so each closes what it
    # opened (the browser, its profile); a KeyboardInterrupt raised here would skip that.
    if callable(signal.getsignal(signal.SIGINT)):
        signal.raise_signal(signal.SIGINT)
    else:  # SIGINT ignored (started in the background by a shell): stop all the same
        raise KeyboardInterrupt


def _settings(
    site: Path, config: Path | None, flags: dict[str, object]
) -> tuple[Settings, dict[str, str]]:
    from drafter.config import load_settings

    return load_settings(site, flags, config_file=config)


def _check_render(settings: Settings) -> None:
    """A render mode we know, and a browser that exists when one is named."""
    import shutil

    from drafter.config import RENDER_MODES

    if settings.render not in RENDER_MODES:
        raise InputError(
            f"render must be one of {', '.join(RENDER_MODES)}, not {settings.render!r}"
        )
    if settings.browser and shutil.which(str(Path(settings.browser).expanduser())) is None:
        raise InputError(f"--browser / DRAFTER_BROWSER: no executable at {settings.browser}")


def _site_root(site: Path | None) -> Path:
    from drafter.episodes import find_site

    if site is not None:
        if not site.is_dir():
            raise InputError(f"--site {site} is not a folder")
        return site.resolve()
    return find_site(Path.cwd())


def _open_editor(path: Path) -> None:
    import os
    import shlex
    import subprocess

    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor:
        _say("warning: --edit: neither VISUAL nor EDITOR is set")
        return
    try:
        subprocess.run([*shlex.split(editor), str(path)], check=False)
    except OSError as exc:
        _say(f"warning: --edit: cannot start {editor}: {exc}")


def _run(
    *,
    command: str,
    number: int,
    sources: list[str],
    site: Path | None,
    config: Path | None,
    flags: dict[str, object],
    request_args: dict[str, Any],
    as_json: bool,
    quiet: bool,
    verbose: bool,
    folder: str | None,
    since: str | None,
    archive: bool,
    edit: bool,
    date_text: str | None = None,
) -> NoReturn:
    """What `new` and `add` share: read, draft, report, exit with the documented code."""
    signal.signal(signal.SIGTERM, _raise_interrupt)
    show_cache_warnings()
    from drafter.pipeline import DraftRequest, draft_episode, parse_date
    from drafter.report import render_warning, report_json, summary_lines

    progress: _Progress | None = None
    target: Path | None = None  # where the draft goes, to say truly what an interrupt left
    before: tuple[int, int] | None = None
    try:
        site_root = _site_root(site)
        settings, _origins = _settings(site_root, config, flags)
        _check_render(settings)
        source = _read_sources(
            sources, settings, folder=folder, since=since, urls_are_articles=command == "add"
        )
        if date_text is not None:
            request_args["date"] = parse_date(date_text, settings.timezone)
        if archive and source.text_file is None:
            raise InputError("--archive needs one plain-text bookmarks file as SOURCE")
        request = DraftRequest(
            number=number,
            bookmarks=source.bookmarks,
            site=site_root,
            settings=settings,
            add=command == "add",
            **request_args,
        )
        total = None if source.pasting else len(source.parsed.bookmarks if source.parsed else [])
        show_bar = not quiet and not source.pasting and sys.stderr.isatty()
        progress = _Progress(total, show_bar=show_bar, verbose=verbose or source.pasting)
        target = _draft_target(request)
        before = _file_stamp(target)
        report = draft_episode(request, on_article=progress)
        progress.stop()
    except NothingFetchedError as exc:
        if progress:
            progress.stop()
        if warning := render_warning(exc.articles):
            _say(warning)
        if not quiet:
            for line in summary_lines(exc.articles, None)[1:]:
                _say(line)
        if as_json:
            print(json.dumps(report_json(number, None, exc.articles), ensure_ascii=False, indent=2))
        _fail(exc)
    except DrafterError as exc:
        if progress:
            progress.stop()
        _fail(exc)
    except KeyboardInterrupt:
        if progress:
            progress.stop()
        if target is not None and _file_stamp(target) not in (None, before):
            # The signal came after the atomic rename: the new draft is there, and whole.
            _say(f"interrupted after the draft was written to {target}")
        else:
            _say("interrupted: nothing was written")
        raise typer.Exit(EXIT_INTERRUPTED) from None

    _finish(command, number, source, request.to_stdout, report, as_json, quiet, archive, edit)


def _draft_target(request: DraftRequest) -> Path | None:
    from drafter.episodes import episode_path

    if request.to_stdout:
        return None
    return request.out or episode_path(request.site, request.settings.section, request.number)


def _file_stamp(path: Path | None) -> tuple[int, int] | None:
    """(inode, mtime) of a file, or None: an atomic write always changes the inode."""
    try:
        stat = path.stat() if path is not None else None
    except OSError:
        return None
    return (stat.st_ino, stat.st_mtime_ns) if stat is not None else None


def _finish(
    command: str,
    number: int,
    source: _Source,
    to_stdout: bool,
    report: DraftReport,
    as_json: bool,
    quiet: bool,
    archive: bool,
    edit: bool,
) -> NoReturn:
    """Print the draft or report, the summary; archive and edit; exit with the right code."""
    from drafter.report import render_warning, report_json, summary_lines

    for bookmark, reason in report.left_out:
        _say(f"warning: {bookmark.url}: {reason}; skipped")
    if to_stdout:
        sys.stdout.write(report.markdown)
        sys.stdout.flush()
    if as_json:
        skipped = source.parsed.skipped if source.parsed else []
        data = report_json(
            number, report.path, report.articles, backup=report.backup, skipped=skipped
        )
        data["left_out"] = [{"url": b.url, "reason": why} for b, why in report.left_out]
        print(json.dumps(data, ensure_ascii=False, indent=2))
    if report.backup is not None:
        _say(f"the previous draft is kept at {report.backup}")
    if warning := render_warning(report.articles):
        _say(warning)
    if not report.articles:
        what = "nothing new to add" if command == "add" else "nothing to draft"
        _say(f"{what}: every bookmark was left out")
        raise typer.Exit(EXIT_OK if command == "add" else EXIT_FAILED)
    if not quiet:
        for line in summary_lines(report.articles, report.path):
            _say(line)
    if archive and source.text_file is not None:
        _archive(source, report, number)
    if edit and report.path is not None:
        _open_editor(report.path)
    raise typer.Exit(EXIT_PARTIAL if report.failed else EXIT_OK)


def _archive(source: _Source, report: DraftReport, number: int) -> None:
    from drafter.archive import archive_lines, done_path

    assert source.text_file is not None and source.parsed is not None
    drafted = {article.url for article in report.articles if article.ok}
    used = {b.line for b in source.parsed.bookmarks if b.url in drafted and b.line}
    try:
        moved = archive_lines(source.text_file, source.snapshot, used, number, datetime.now())
    except DrafterError as exc:
        _say(f"warning: --archive: {exc}")
        return
    plural = "s" if moved != 1 else ""
    _say(f"archived {moved} bookmark line{plural} to {done_path(source.text_file)}")


def _episode_number(number: str | None, next_: bool, sources: list[str], site: Path | None) -> int:
    """NUMBER, or with --next the number after the site's highest episode."""
    if next_:
        if number is not None:
            sources.insert(0, number)  # `new --next FILE`: the first word was the source
        from drafter.config import load_settings
        from drafter.episodes import next_number

        root = _site_root(site)
        return next_number(root, load_settings(root)[0].section)
    if number is None:
        raise typer.BadParameter("give the episode NUMBER, or --next", param_hint="NUMBER")
    if not number.isdigit() or int(number) < 1:
        raise typer.BadParameter(
            f"'{number}' is not an episode number (a positive integer)", param_hint="NUMBER"
        )
    return int(number)


@app.command()
def new(
    number: Annotated[
        str | None, typer.Argument(help="The episode number, e.g. 28 (or use --next).")
    ] = None,
    sources: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[SOURCE]...",
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
            help="Write here instead of content/talk/NUMBER/index.md; - prints the draft."
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace an existing draft, keeping a backup.")
    ] = False,
    title: Annotated[
        str | None, typer.Option(help="Title. Default: '#NUMBER Coming Soon'.")
    ] = None,
    date: Annotated[
        str | None, typer.Option(help="ISO 8601 date. Default: now, in Asia/Tokyo.")
    ] = None,
    skeleton: Annotated[
        str | None,
        typer.Option(help=f"Front matter: {', '.join(SKELETONS)}. [default: academic]"),
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
    render: RenderOption = None,
    browser: BrowserOption = None,
    refresh: RefreshOption = False,
    offline: OfflineOption = False,
) -> None:
    """Draft episode NUMBER from bookmarks: content/talk/NUMBER/index.md."""
    if as_json and out == "-":
        raise typer.BadParameter("--json cannot be combined with --out - (both use stdout)")
    if skeleton is not None and skeleton not in SKELETONS:
        raise typer.BadParameter(f"choose one of {', '.join(SKELETONS)}", param_hint="--skeleton")
    source_list = list(sources or [])
    try:
        episode = _episode_number(number, next_, source_list, site)
    except DrafterError as exc:
        _fail(exc)
    _run(
        command="new",
        number=episode,
        sources=source_list,
        site=site,
        config=config,
        flags={
            "concurrency": concurrency,
            "per_host": per_host,
            "timeout": timeout,
            "skeleton": skeleton,
            "render": render.value if render else None,
            "browser": browser,
        },
        request_args={
            "out": Path(out) if out and out != "-" else None,
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


@app.command()
def add(
    number: Annotated[int, typer.Argument(min=1, help="The episode whose draft to add to.")],
    sources: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[SOURCE]...",
            help="Article URLs, bookmark files, or -. None: paste at a terminal, else stdin.",
        ),
    ] = None,
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
    render: RenderOption = None,
    browser: BrowserOption = None,
    refresh: RefreshOption = False,
    offline: OfflineOption = False,
) -> None:
    """Append articles not yet in episode NUMBER's draft; every other byte stays as it is."""
    _run(
        command="add",
        number=number,
        sources=list(sources or []),
        site=site,
        config=config,
        flags={
            "concurrency": concurrency,
            "per_host": per_host,
            "timeout": timeout,
            "render": render.value if render else None,
            "browser": browser,
        },
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
    )


@app.command("next")
def next_episode(site: SiteOption = None, config: ConfigOption = None) -> None:
    """Print the next episode number: one more than the highest in content/talk/."""
    from drafter.episodes import next_number

    try:
        root = _site_root(site)
        settings, _ = _settings(root, config, {})
    except DrafterError as exc:
        _fail(exc)
    print(next_number(root, settings.section))


@app.command("config")
def show_config(
    site: SiteOption = None, config: ConfigOption = None, as_json: JsonOption = False
) -> None:
    """Print the effective settings and where each came from (default, file or flag)."""
    from drafter.config import settings_table

    try:
        root = _site_root(site)
        settings, origins = _settings(root, config, {})
    except DrafterError as exc:
        _fail(exc)
    table = settings_table(settings)
    if as_json:
        data = {
            key: {"value": value, "from": origins.get(key, "default")}
            for key, value in table.items()
        }
        print(json.dumps({"site": str(root), "settings": data}, ensure_ascii=False, indent=2))
        return
    print(f"# site: {root}")
    for key, value in table.items():
        shown = json.dumps(value, ensure_ascii=False)
        print(f"{key} = {shown}  # {origins.get(key, 'default')}")


@app.command("template")
def show_template(
    skeleton: Annotated[
        str | None, typer.Option(help="Print this built-in front matter skeleton instead.")
    ] = None,
) -> None:
    """Print the built-in template, to copy into your site's templates/ folder and change."""
    from drafter.render import TEMPLATE_NAME, builtin_templates_dir

    if skeleton is not None and skeleton not in SKELETONS[:2]:
        raise typer.BadParameter(
            f"choose one of {', '.join(SKELETONS[:2])}", param_hint="--skeleton"
        )
    name = f"skeletons/{skeleton}.md.j2" if skeleton else TEMPLATE_NAME
    sys.stdout.write((builtin_templates_dir() / name).read_text(encoding="utf-8"))


def main() -> None:
    """Console-script entry point."""
    app()
