"""--archive: move the bookmarks that are in a draft from a text file to <file>.done: those
this run drafted (failed ones too: their sections are in the draft, and `drafter add` fills
them in), and those it left out because a draft already holds them.

Crash-safe by order: the lines are first appended to `.done` (written whole, atomically),
and only then removed from the source (also atomically). A stop between the two steps
leaves the lines in both files, never in neither; no line that was not used is removed.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import datetime
from pathlib import Path

from drafter.errors import WriteError
from drafter.files import write_atomic


def done_path(source: Path) -> Path:
    """bookmarks.txt → bookmarks.txt.done"""
    return source.with_name(source.name + ".done")


def archive_lines(
    source: Path,
    snapshot: str,
    used: Collection[int],
    number: int,
    now: datetime,
    earlier: Mapping[int, int] | None = None,
) -> int:
    """Move the 1-based `used` lines of `source` (drafted in episode `number`) and the
    `earlier` ones (line → the episode that already holds it) to its .done file, each under
    a line naming its episode; return how many moved.

    `snapshot` is the text the bookmarks were read from: if the file changed since (the host
    edited it during the run), nothing is moved, since the line numbers no longer hold."""
    try:
        current = source.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise WriteError(f"cannot archive bookmarks: cannot read {source}: {exc}") from exc
    if current != snapshot:
        raise WriteError(f"{source} changed during the run; nothing was archived")
    lines = current.splitlines(keepends=True)
    episodes = {line: episode for line, episode in (earlier or {}).items() if line not in used}
    leaving = set(used) | set(episodes)
    moved = [line for index, line in enumerate(lines, start=1) if index in leaving]
    if not moved:
        return 0
    kept = [line for index, line in enumerate(lines, start=1) if index not in leaving]
    if kept and lines[0].startswith("\ufeff") and not kept[0].startswith("\ufeff"):
        kept[0] = "\ufeff" + kept[0]  # the BOM belongs to the file, not to its first line
    target = done_path(source)
    try:
        previous = target.read_text(encoding="utf-8") if target.exists() else ""
    except (OSError, UnicodeDecodeError) as exc:
        raise WriteError(f"cannot archive bookmarks: cannot read {target}: {exc}") from exc
    if previous and not previous.endswith("\n"):
        previous += "\n"
    stamp = now.isoformat(timespec="seconds")
    block: list[str] = []
    drafted = [line for index, line in enumerate(lines, start=1) if index in used]
    if drafted:
        block += [f"# episode {number}, drafted {stamp}\n", *map(_as_done, drafted)]
    for episode in sorted(set(episodes.values())):
        held = [line for index, line in enumerate(lines, start=1) if episodes.get(index) == episode]
        block += [f"# already in episode {episode}, archived {stamp}\n", *map(_as_done, held)]
    write_atomic(target, previous + "".join(block), replace=True)
    write_atomic(source, "".join(kept), replace=True)
    return len(moved)


def _as_done(line: str) -> str:
    return line.removeprefix("\ufeff").rstrip("\r\n") + "\n"
