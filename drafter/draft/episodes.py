"""Where an episode lives, and writing it without ever losing the host's work.

Writes are atomic (a temporary file in the same folder, fsynced, then renamed or linked
into place), an existing draft is only replaced with force and after a backup outside
`content/` (anything left in a Hugo page bundle would be published with the page), and a
lock keeps two runs (a cron job and a person) from writing the same episode at once.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from drafter.config import EPISODE_MAX, HUGO_CONFIG_DIR, HUGO_CONFIG_FILES
from drafter.draft.edits import linked_urls
from drafter.errors import LockedError, WriteError
from drafter.files import describe_os_error, read_no_follow, refuse_symlink, write_atomic

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


_EPISODE_NUMBER = re.compile(f"[0-9]{{1,{len(str(EPISODE_MAX))}}}")


def parse_episode_number(text: str) -> int | None:
    """An episode number from ASCII digits, 1 to EPISODE_MAX, else None. str.isdigit and
    int() accept "²" (then fail) and other scripts' digits, and a 5,000-digit number."""
    if not _EPISODE_NUMBER.fullmatch(text):
        return None
    number = int(text)
    return number if 1 <= number <= EPISODE_MAX else None


def episode_path(site: Path, section: str, number: int) -> Path:
    """content/<section>/<number>/index.md: a Hugo page bundle."""
    return site / "content" / section / str(number) / "index.md"


def check_episode_folder(path: Path) -> None:
    """Refuse an episode folder that is a symbolic link: the draft (and what `add` reads
    back into it) would live wherever the link points, outside the site."""
    refuse_symlink(path.parent, "the episode folder")


def state_folder(site: Path, name: str) -> Path:
    """<site>/.drafter/<name>, refused when either is a symbolic link (it would put backups
    or locks wherever the link points)."""
    refuse_symlink(site / STATE_DIR, "drafter's state folder")
    refuse_symlink(site / STATE_DIR / name, "drafter's state folder")
    return site / STATE_DIR / name


def backup_draft(site: Path, path: Path, number: int, now: datetime) -> Path:
    """Copy the current draft to <site>/.drafter/backups/<n>-<timestamp>.md, with the draft's
    own mode; return where. A draft that is a symbolic link is refused, not followed."""
    backups = state_folder(site, "backups")
    stamp = now.strftime("%Y%m%d-%H%M%S")
    target = backups / f"{number}-{stamp}.md"
    suffix = 1
    while target.exists():
        suffix += 1
        target = backups / f"{number}-{stamp}-{suffix}.md"
    try:
        current = read_no_follow(path)
        mode = path.lstat().st_mode & 0o7777
    except OSError as exc:
        raise WriteError(f"cannot read {path} to back it up: {describe_os_error(exc)}") from exc
    write_atomic(target, current, replace=False, mode=mode)
    return target


def replace_draft(site: Path, path: Path, markdown: str, number: int, now: datetime) -> Path:
    """Back the current draft up, then write `markdown` over it; return the backup. When the
    write fails, the old draft is still in place and its copy is removed again: on a full
    disk it is only clutter, and one more at every try."""
    backup = backup_draft(site, path, number, now)
    try:
        write_atomic(path, markdown, replace=True)
    except BaseException:
        _discard_backup(backup, path)
        raise
    return backup


def _discard_backup(backup: Path, path: Path) -> None:
    """Remove `backup` if the draft at `path` still holds the very same bytes."""
    with contextlib.suppress(OSError):
        if read_no_follow(path) == read_no_follow(backup):
            backup.unlink()


@contextlib.contextmanager
def episode_lock(site: Path, section: str, number: int) -> Iterator[None]:
    """Hold an exclusive lock on one episode for the length of a run, or raise LockedError."""
    locks = state_folder(site, "locks")
    lock = locks / f"{section}-{number}.lock"
    try:
        locks.mkdir(parents=True, exist_ok=True)
        fd = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise WriteError(
                f"the lock {lock} is a symbolic link; drafter does not follow it"
            ) from exc
        # A read-only site cannot be written anyway; the write will say so clearly.
        yield
        return
    handle = os.fdopen(fd, "r+b")
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


_TITLE_NUMBER = re.compile(r"^title\s*[:=]\s*[\"']?#([0-9]+)", re.MULTILINE)


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
        if (number := parse_episode_number(stem)) is not None:
            pages[number] = page
            continue
        with contextlib.suppress(OSError, UnicodeDecodeError):
            head = read_no_follow(page).decode("utf-8")[:4096]
            match = _TITLE_NUMBER.search(head)
            if match and (number := parse_episode_number(match.group(1))) is not None:
                pages.setdefault(number, page)
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
            for url in linked_urls(read_no_follow(page).decode("utf-8")):
                covered[url] = other
    return covered
