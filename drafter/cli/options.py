"""Options and arguments that `drafter new`, `add` and `check` share, declared once."""

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from typer.core import TyperCommand

from drafter.cleantext import strip_controls

# The command's usage line names its arguments plainly (NUMBER, [SOURCE]…), as --help does.
NUMBER_METAVAR = "NUMBER"
SOURCES_METAVAR = "[SOURCE]…"
# Accept `-1` as NUMBER (so it is an error about the number, not "No such option"); the
# options a command does not know are then refused by refuse_unknown_options.
NUMBER_COMMAND = {"ignore_unknown_options": True}


class PlainUsage(TyperCommand):
    """Usage lines with a required argument written NUMBER, not typer's {NUMBER}."""

    def collect_usage_pieces(self, ctx: typer.Context) -> list[str]:  # type: ignore[override]
        pieces: list[str] = super().collect_usage_pieces(ctx)
        return [piece.removeprefix("{").removesuffix("}") for piece in pieces]


def refuse_unknown_options(words: list[str]) -> None:
    """NUMBER_COMMAND lets unknown options through as arguments: refuse them here."""
    for word in words:
        if word.startswith("-") and word != "-" and not word[1:].isdigit():
            raise typer.BadParameter("not an option of this command", param_hint=word)


# Options shared by `new` and `add`, and by `check` where it reads a site or fetches.
SiteOption = Annotated[
    Path | None,
    typer.Option(
        metavar="DIR",
        help="The Hugo site root. Default: the nearest folder upwards with a Hugo config.",
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
    int | None,
    typer.Option(min=1, max=256, metavar="N", help="Pages fetched at once. [default: 8]"),
]
PerHostOption = Annotated[
    int | None,
    typer.Option(
        min=1, max=64, metavar="N", help="Pages fetched at once from one host. [default: 2]"
    ),
]
TimeoutOption = Annotated[
    float | None,
    typer.Option(
        min=0.1,
        metavar="SECONDS",
        help="Seconds one article may take, retries included. [default: 30]",
    ),
]
DeadlineOption = Annotated[
    float | None,
    typer.Option(
        min=0,
        metavar="SECONDS",
        help="Seconds the whole run may take; what is not done then is marked failed and "
        "the draft is written. 0: no bound. [default: 600]",
    ),
]
FolderOption = Annotated[
    str | None,
    typer.Option(
        metavar="NAME", help="Only this bookmark folder (browser exports), e.g. 'Podcast'."
    ),
]
SinceOption = Annotated[
    str | None,
    typer.Option(
        metavar="DATE", help="Only bookmarks added on or after this ISO date, where recorded."
    ),
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
    typer.Option(
        metavar="PATH", help="A Jinja2 template replacing the built-in one (see drafter template)."
    ),
]
ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config", metavar="PATH", help="A drafter.toml to use instead of the one in the site."
    ),
]


class RenderMode(StrEnum):
    """When to load a page in a browser (see the README's "Rendering JavaScript pages")."""

    auto = "auto"
    always = "always"
    never = "never"


RenderOption = Annotated[
    RenderMode | None,
    typer.Option(
        metavar="MODE",
        help="Load pages in a browser: auto (only pages whose HTML gave no title or lead), "
        "always, never. [default: auto]",
    ),
]
BrowserOption = Annotated[
    str | None,
    typer.Option(
        envvar="DRAFTER_BROWSER",
        metavar="PATH",
        help="The Chromium to render pages with. [default: chromium on PATH]",
    ),
]


def checked_number(text: str) -> int:
    """NUMBER as typed: ASCII digits, 1 to EPISODE_MAX, else a usage error (never a
    ValueError from int())."""
    from drafter.config import EPISODE_MAX
    from drafter.draft.episodes import parse_episode_number

    number = parse_episode_number(text)
    if number is None:
        shown = strip_controls(text if len(text) <= 20 else text[:20] + "…")
        raise typer.BadParameter(
            f"'{shown}' is not an episode number (1 to {EPISODE_MAX}, in digits 0-9)",
            param_hint=NUMBER_METAVAR,
        )
    return number
