"""--archive: move the bookmarks that went into a draft from a text file to <file>.done.

Crash-safe by order: the lines are first appended to `.done` (written whole, atomically),
and only then removed from the source (also atomically). A stop between the two steps
leaves the lines in both files, never in neither; no line that was not used is removed.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from pathlib import Path

from drafter.errors import WriteError
from drafter.files import write_atomic


def done_path(source: Path) -> Path:
    """bookmarks.txt → bookmarks.txt.done"""
    return source.with_name(source.name + ".done")


def archive_lines(
    source: Path, snapshot: str, used: Collection[int], number: int, now: datetime
) -> int:
    """Move the 1-based `used` lines of `source` to its .done file; return how many moved.

    `snapshot` is the text the bookmarks were read from: if the file changed since (the host
    edited it during the run), nothing is moved, since the line numbers no longer hold."""
    try:
        current = source.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise WriteError(f"cannot archive bookmarks: cannot read {source}: {exc}") from exc
    if current != snapshot:
        raise WriteError(f"{source} changed during the run; nothing was archived")
    lines = current.splitlines(keepends=True)
    moved = [line for index, line in enumerate(lines, start=1) if index in used]
    if not moved:
        return 0
    kept = [line for index, line in enumerate(lines, start=1) if index not in used]
    if kept and lines[0].startswith("\ufeff") and not kept[0].startswith("\ufeff"):
        kept[0] = "\ufeff" + kept[0]  # the BOM belongs to the file, not to its first line
    target = done_path(source)
    try:
        previous = target.read_text(encoding="utf-8") if target.exists() else ""
    except (OSError, UnicodeDecodeError) as exc:
        raise WriteError(f"cannot archive bookmarks: cannot read {target}: {exc}") from exc
    if previous and not previous.endswith("\n"):
        previous += "\n"
    block = [f"# episode {number}, drafted {now.isoformat(timespec='seconds')}\n"]
    block += [line.removeprefix("\ufeff").rstrip("\r\n") + "\n" for line in moved]
    write_atomic(target, previous + "".join(block), replace=True)
    write_atomic(source, "".join(kept), replace=True)
    return len(moved)
