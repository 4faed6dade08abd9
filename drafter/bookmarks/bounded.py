"""HTML bookmark sources read under the bounds fetched pages have: a deadline, a memory ceiling.

A browser's export, a page of links, a feed whose items hold HTML: their markup is a
stranger's as much as a web page's, and was parsed in the drafter process itself, with no
bound (a 161 KB list of links took 7.2 GB; 110,000 `<div></i>` took 80 s). Beyond a few
tags, such a source is now parsed in a child process (`python -m drafter.bookmarks.bounded
FORMAT NAME MEBIBYTES`, the bytes on its standard input, the entries back as JSON on its
standard output) that takes the parsers' memory ceiling (drafter.memory; more for a big
file, 3 MB per MB of it) and is stopped at the deadline: the extraction deadline, and a
second per MB, since a 7 MB export takes some 4 s to read. drafter.markup bounds the markup
first there, as it does for pages. A source of so few tags that no markup can cost much
is read in the drafter process, as before (the child costs a Python start, ~0.2 s).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from drafter.bookmarks.common import Entry, Source, source_error
from drafter.config import DEFAULT_EXTRACT_TIMEOUT
from drafter.errors import InputError
from drafter.memory import PARSER_DATA_LIMIT_MIB, limit_memory, peak_rss_kib

# Formats whose parsers read HTML (a feed's item may hold it).
BOUNDED_FORMATS = frozenset({"netscape", "html", "feed"})
# So few tags that even the worst markup stays small (drafter.markup's own threshold).
FEW_TAGS = 256
SECONDS_PER_MB = 1.0
MIB_PER_MB = 3  # memory beyond the ceiling a big source may take, per MB of it


def deadline_for(size: int, base: float = DEFAULT_EXTRACT_TIMEOUT) -> float:
    """Seconds a source of `size` bytes may take to read."""
    return base + SECONDS_PER_MB * size / 1_000_000


def needs_bounds(format_name: str, data: bytes) -> bool:
    """Whether the source is read in a child process: HTML, and more than a few tags."""
    return format_name in BOUNDED_FORMATS and data.count(b"<") > FEW_TAGS


def parse_bounded(format_name: str, data: bytes, name: str, label: str, deadline: float) -> Source:
    """The source parsed in a child process under the deadline and the memory ceiling; an
    InputError naming the source when it overran either, or could not be read."""
    mebibytes = PARSER_DATA_LIMIT_MIB + MIB_PER_MB * len(data) // 1_000_000
    command = [sys.executable, "-m", "drafter.bookmarks.bounded", format_name, name]
    try:
        done = subprocess.run(
            [*command, str(mebibytes)],
            input=data,
            capture_output=True,
            timeout=deadline,
            env=_child_environment(),
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise source_error(name, label, f"reading it took longer than {deadline:g}s") from exc
    except OSError as exc:
        raise source_error(name, label, f"could not start a reader ({exc})") from exc
    try:
        answer = json.loads(done.stdout)
    except ValueError:
        answer = {"error": f"its reader stopped ({_how_it_ended(done.returncode)})"}
    if "source" in answer:
        return _source_from_json(answer["source"])
    if "memory" in answer:
        raise source_error(name, label, f"reading it needs more than {mebibytes} MB of memory")
    if "message" in answer:  # the parser's own error, which names the source
        raise InputError(answer["message"])
    raise source_error(name, label, answer["error"])


def _child_environment() -> dict[str, str]:
    """The child imports this drafter, wherever it was imported from."""
    root = str(Path(__file__).resolve().parents[2])
    path = os.environ.get("PYTHONPATH", "")
    return {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (root, path) if p)}


def _how_it_ended(returncode: int) -> str:
    return f"signal {-returncode}" if returncode < 0 else f"exit status {returncode}"


def _source_to_json(source: Source) -> dict[str, Any]:
    return {
        "format": source.format,
        "grouping": source.grouping,
        "folders": [list(folder) for folder in source.folders],
        "entries": [
            {
                "url": entry.url,
                "note": entry.note,
                "line": entry.line,
                "title": entry.title,
                "folder": list(entry.folder),
                "tags": list(entry.tags),
                "added": entry.added.isoformat() if entry.added else None,
            }
            for entry in source.entries
        ],
    }


def _source_from_json(data: dict[str, Any]) -> Source:
    return Source(
        format=data["format"],
        grouping=data["grouping"],
        folders=[tuple(folder) for folder in data["folders"]],
        entries=[
            Entry(
                url=item["url"],
                note=item["note"],
                line=item["line"],
                title=item["title"],
                folder=tuple(item["folder"]),
                tags=tuple(item["tags"]),
                added=datetime.fromisoformat(item["added"]) if item["added"] else None,
            )
            for item in data["entries"]
        ],
    )


def _parse(format_name: str, data: bytes, name: str) -> Source:
    # The parsers load only in the child (and in the drafter process for a small source).
    from drafter.bookmarks.exports import parse_netscape  # noqa: PLC0415
    from drafter.bookmarks.feeds import parse_feed  # noqa: PLC0415
    from drafter.bookmarks.links import parse_html  # noqa: PLC0415

    parsers = {"netscape": parse_netscape, "html": parse_html, "feed": parse_feed}
    return parsers[format_name](data, name)


def main(argv: list[str]) -> int:
    """The child: take the ceiling, parse standard input, answer in JSON on standard output."""
    format_name, name, mebibytes = argv
    ceiling_kib = limit_memory(int(mebibytes))
    answer: dict[str, Any]
    try:
        answer = {"source": _source_to_json(_parse(format_name, sys.stdin.buffer.read(), name))}
    except InputError as exc:
        answer = {"message": str(exc)}
    except MemoryError:
        answer = {"memory": True}
    except Exception as exc:  # lexbor's failed allocation, or a parser's own failure
        answer = {"error": f"it could not be read ({type(exc).__name__}: {exc})"}
    if ceiling_kib and peak_rss_kib() >= ceiling_kib and "source" not in answer:
        answer = {"memory": True}
    sys.stdout.write(json.dumps(answer))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
