"""Where an episode lives, and writing it without ever losing the host's work.

Writes are atomic (a temporary file in the same folder, fsynced, then renamed or linked
into place), an existing draft is only replaced with force and after a backup outside
`content/` (anything left in a Hugo page bundle would be published with the page), and a
lock keeps two runs (a cron job and a person) from writing the same episode at once.
"""

from __future__ import annotations

import contextlib
import fcntl
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from drafter.config import HUGO_CONFIG_DIR, HUGO_CONFIG_FILES
from drafter.draft.edits import linked_urls
from drafter.errors import LockedError, WriteError
from drafter.files import describe_os_error, write_atomic

STATE_DIR = ".drafter"  # drafter's own folder at the site root: backups and locks


def is_hugo_site(folder: Path) -> bool:
    """Whether `folder` holds a Hugo config (a file, or config/_default/)."""
    if any((folder / name).is_file() for name in HUGO_CONFIG_FILES):
        return True
    return (folder / HUGO_CONFIG_DIR).is_dir()


def find_site(start: Path) -> Path:
    """The nearest folder from `start` upwards that holds a Hugo config, else `start`."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if is_hugo_site(folder):
            return folder
    return start


def episode_path(site: Path, section: str, number: int) -> Path:
    """content/<section>/<number>/index.md: a Hugo page bundle."""
    return site / "content" / section / str(number) / "index.md"


def backup_draft(site: Path, path: Path, number: int, now: datetime) -> Path:
    """Copy the current draft to <site>/.drafter/backups/<n>-<timestamp>.md; return where."""
    backups = site / STATE_DIR / "backups"
    stamp = now.strftime("%Y%m%d-%H%M%S")
    target = backups / f"{number}-{stamp}.md"
    suffix = 1
    while target.exists():
        suffix += 1
        target = backups / f"{number}-{stamp}-{suffix}.md"
    try:
        current = path.read_bytes()
    except OSError as exc:
        raise WriteError(f"cannot read {path} to back it up: {describe_os_error(exc)}") from exc
    write_atomic(target, current, replace=False)
    return target


@contextlib.contextmanager
def episode_lock(site: Path, section: str, number: int) -> Iterator[None]:
    """Hold an exclusive lock on one episode for the length of a run, or raise LockedError."""
    locks = site / STATE_DIR / "locks"
    try:
        locks.mkdir(parents=True, exist_ok=True)
        handle = (locks / f"{section}-{number}.lock").open("a+")
    except OSError:
        # A read-only site cannot be written anyway; the write will say so clearly.
        yield
        return
    with handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise LockedError(
                f"another drafter run is writing episode {number} right now; try again when it ends"
            ) from exc
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


_TITLE_NUMBER = re.compile(r"^title\s*[:=]\s*[\"']?#(\d+)", re.MULTILINE)


def episode_pages(site: Path, section: str) -> dict[int, Path]:
    """Every episode page under content/<section>/ by number: from the folder (or file) name,
    or from a `#N` at the start of its title."""
    root = site / "content" / section
    pages: dict[int, Path] = {}
    if not root.is_dir():
        return pages
    for entry in sorted(root.iterdir()):
        page = entry / "index.md" if entry.is_dir() else entry
        if page.suffix != ".md" or not page.is_file() or page.name == "_index.md":
            continue
        stem = entry.name if entry.is_dir() else entry.stem
        if stem.isdigit():
            pages[int(stem)] = page
            continue
        with contextlib.suppress(OSError, UnicodeDecodeError):
            head = page.read_text(encoding="utf-8")[:4096]
            if match := _TITLE_NUMBER.search(head):
                pages.setdefault(int(match.group(1)), page)
    return pages


def next_number(site: Path, section: str) -> int:
    """One more than the highest episode number in the site (1 for the first)."""
    return max(episode_pages(site, section), default=0) + 1


def covered_urls(site: Path, section: str, number: int) -> dict[str, int]:
    """Every URL linked from another episode's page, and the episode that has it (the
    earliest when several do)."""
    covered: dict[str, int] = {}
    for other, page in sorted(episode_pages(site, section).items(), reverse=True):
        if other == number:
            continue
        with contextlib.suppress(OSError, UnicodeDecodeError):
            for url in linked_urls(page.read_text(encoding="utf-8")):
                covered[url] = other
    return covered
