"""Writing a file all at once: a temporary file in the same folder, fsynced, then renamed
(or hard-linked, when nothing may be replaced) into place, so a reader never sees half of it.
Shared by the draft and the bookmarks archive."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from drafter.errors import DraftExistsError, WriteError


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _new_file_mode(replacing: Path) -> int:
    """The mode the file would have had: the replaced file's, else 0666 less the umask."""
    with contextlib.suppress(OSError):
        return replacing.stat().st_mode & 0o7777
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o666 & ~umask


def _write_temp(folder: Path, data: bytes, mode: int) -> Path:
    """A fsynced temporary file in `folder`, ready to be renamed into place."""
    fd, name = tempfile.mkstemp(prefix=".drafter-", suffix=".tmp", dir=folder)
    try:
        os.fchmod(fd, mode)  # mkstemp makes 0600; the draft should read like any other page
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)


def describe_os_error(exc: OSError) -> str:
    """An OS error as a person reads it (\"the disk is full\"), for a one-line message."""
    if exc.errno == errno.ENOSPC:
        return "the disk is full"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "permission denied"
    if exc.errno == errno.ENOTDIR:
        return "a file is in the way where a folder should be"
    if exc.errno == errno.ELOOP:
        return "it is a symbolic link, which drafter does not follow"
    return exc.strerror or str(exc)


def read_no_follow(path: Path) -> bytes:
    """A file's bytes, refusing (OSError ELOOP) when `path` itself is a symbolic link: a
    link planted where a draft belongs must not carry another file into the site."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    with os.fdopen(fd, "rb") as handle:
        return handle.read()


def refuse_symlink(path: Path, what: str) -> None:
    """A WriteError when `path` is a symbolic link: drafter writes only where it looks."""
    if path.is_symlink():
        raise WriteError(f"{what} {path} is a symbolic link; drafter does not write through links")


def _make_folders(folder: Path) -> list[Path]:
    """Create `folder` and whichever of its parents are missing; the ones this call created,
    deepest first (so a failed write can take them away again)."""
    created: list[Path] = []
    try:
        missing: list[Path] = []
        current = folder
        while not current.exists() and current != current.parent:
            missing.append(current)
            current = current.parent
        for each in reversed(missing):
            try:
                each.mkdir()
            except FileExistsError:
                if not each.is_dir():
                    raise
                continue  # another process made it meanwhile: theirs, not ours
            created.insert(0, each)
    except FileExistsError as exc:
        _remove_folders(created)
        raise WriteError(f"cannot create {folder}: a file of that name is in the way") from exc
    except OSError as exc:
        _remove_folders(created)
        raise WriteError(f"cannot create {folder}: {describe_os_error(exc)}") from exc
    return created


def _remove_folders(folders: list[Path]) -> None:
    """Remove these folders, deepest first, each only while it is empty."""
    for folder in folders:
        try:
            folder.rmdir()
        except OSError:
            return  # something is in it now (or it is gone): leave it and its parents


def write_atomic(
    path: Path, content: str | bytes, *, replace: bool, mode: int | None = None
) -> None:
    """Write `content` to `path` all at once. Without `replace`, an existing file is an error.
    `mode` defaults to the replaced file's, else 0666 less the umask. When the write fails,
    the folders it created for the file are removed again: nothing written, nothing made."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    if path.is_dir():
        raise WriteError(f"cannot write {path}: a folder of that name is in the way")
    created = _make_folders(path.parent)
    try:
        _write_in_place(path, data, replace=replace, mode=mode)
    except BaseException:
        _remove_folders(created)
        raise


def _write_in_place(path: Path, data: bytes, *, replace: bool, mode: int | None) -> None:
    """The temporary file, then renamed or linked to `path`; never one left behind."""
    try:
        temp = _write_temp(path.parent, data, _new_file_mode(path) if mode is None else mode)
    except OSError as exc:
        raise WriteError(f"cannot write {path}: {describe_os_error(exc)}") from exc
    try:
        if replace:
            temp.replace(path)
        else:
            # link() refuses to overwrite: the draft appears whole, and only if it was absent.
            os.link(temp, path)
    except FileExistsError as exc:
        raise DraftExistsError(f"{path} already exists") from exc
    except OSError as exc:
        raise WriteError(f"cannot write {path}: {describe_os_error(exc)}") from exc
    finally:
        temp.unlink(missing_ok=True)
    _fsync_dir(path.parent)
