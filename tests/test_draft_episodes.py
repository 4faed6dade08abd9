from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

import pytest

from drafter.draft.episodes import (
    backup_draft,
    episode_lock,
    episode_path,
    find_site,
)
from drafter.errors import DraftExistsError, LockedError, WriteError
from drafter.files import write_atomic


@pytest.mark.parametrize("marker", ["hugo.toml", "config.yaml", "config/_default"])
def test_find_site_walks_up_to_a_hugo_config(tmp_path: Path, marker: str) -> None:
    site = tmp_path / "site"
    target = site / marker
    if marker.endswith("_default"):
        target.mkdir(parents=True)
    else:
        site.mkdir()
        target.write_text("", encoding="utf-8")
    deep = site / "content" / "talk"
    deep.mkdir(parents=True)
    assert find_site(deep) == site.resolve()


def test_find_site_defaults_to_the_start(tmp_path: Path) -> None:
    assert find_site(tmp_path) == tmp_path.resolve()


def test_write_atomic_never_clobbers_without_replace(tmp_path: Path) -> None:
    path = episode_path(tmp_path, "talk", 28)
    write_atomic(path, "first", replace=False)
    with pytest.raises(DraftExistsError):
        write_atomic(path, "second", replace=False)
    assert path.read_text(encoding="utf-8") == "first"
    write_atomic(path, "third", replace=True)
    assert path.read_text(encoding="utf-8") == "third"
    assert [p.name for p in path.parent.iterdir()] == ["index.md"]  # no temporary left


def test_write_errors_are_clear(tmp_path: Path) -> None:
    blocker = tmp_path / "content"
    blocker.write_text("a file where a folder should be", encoding="utf-8")
    with pytest.raises(WriteError, match="in the way"):
        write_atomic(episode_path(tmp_path, "talk", 1), "x", replace=False)


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores folder permissions")
def test_read_only_folder(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(WriteError, match="permission denied"):
            write_atomic(folder / "index.md", "x", replace=False)
    finally:
        folder.chmod(0o700)


def test_backup_keeps_every_byte(tmp_path: Path) -> None:
    draft = tmp_path / "content" / "talk" / "3" / "index.md"
    draft.parent.mkdir(parents=True)
    draft.write_bytes(b"host notes \xff not even utf-8")
    now = datetime(2026, 11, 27, 12, 0, 0)
    first = backup_draft(tmp_path, draft, 3, now)
    second = backup_draft(tmp_path, draft, 3, now)
    assert first != second
    assert first.read_bytes() == second.read_bytes() == draft.read_bytes()
    assert "content" not in first.relative_to(tmp_path).parts


def test_lock_is_exclusive(tmp_path: Path) -> None:
    with episode_lock(tmp_path, "talk", 28):
        with (
            pytest.raises(LockedError, match="another drafter run"),
            episode_lock(tmp_path, "talk", 28),
        ):
            pass
        with episode_lock(tmp_path, "talk", 29):
            pass
    with episode_lock(tmp_path, "talk", 28):
        pass
