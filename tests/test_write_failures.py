"""Never lose the host's work when the disk says no: full, read-only, or a file in the way.

Tests run as root, where chmod stops nothing, and mounting a tiny tmpfs needs privileges CI
does not have; so the failing write is injected where the operating system would report
it (os.fsync, mkstemp, link, rename) with the errno it would use. Each ends in a clear
error (exit 1 through the CLI), the old draft byte for byte as it was, and no temporary file.
"""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from drafter.errors import WriteError
from drafter.models import Bookmark
from drafter.pipeline import DraftRequest, draft_episode
from tests.conftest import run_drafter
from tests.samples import EN_PARAGRAPHS, article_html
from tests.server import LocalServer, page

GOOD_PAGE = article_html("Good headline", EN_PARAGRAPHS, site_name="Site")
OLD_DRAFT = b"---\ntitle: mine\n---\n\n# Show Note\n\nnotes the host wrote by hand\n"


def draft_of(site: Path) -> Path:
    return site / "content" / "talk" / "28" / "index.md"


def with_old_draft(site: Path) -> Path:
    draft = draft_of(site)
    draft.parent.mkdir(parents=True)
    draft.write_bytes(OLD_DRAFT)
    return draft


def draft(site: Path, url: str, *, force: bool) -> None:
    """One in-process run of the pipeline against the loopback server."""
    request = DraftRequest(
        number=28, bookmarks=[Bookmark(url=url)], site=site, force=force, cache="off"
    )
    draft_episode(request)


def temp_files(site: Path) -> list[Path]:
    return sorted(site.rglob(".drafter-*.tmp"))


def failing_fsync(
    folder_name: str, code: int, real: Callable[[int], None] = os.fsync
) -> Callable[[int], None]:
    """os.fsync that fails with `code` for drafter's temporary files in `folder_name`."""

    def fsync(fd: int) -> None:
        target = Path(f"/proc/self/fd/{fd}").readlink()
        if target.name.startswith(".drafter-") and target.parent.name == folder_name:
            raise OSError(code, os.strerror(code))
        real(fd)

    return fsync


@pytest.fixture
def served(server: LocalServer) -> str:
    server.routes["/a"] = page(GOOD_PAGE)
    return server.url("/a")


def test_a_full_disk_keeps_the_old_draft(
    site: Path, served: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = with_old_draft(site)
    monkeypatch.setattr(os, "fsync", failing_fsync("28", errno.ENOSPC))
    with pytest.raises(WriteError, match=r"cannot write .*index\.md: the disk is full"):
        draft(site, served, force=True)
    assert old.read_bytes() == OLD_DRAFT
    assert temp_files(site) == []
    assert list(site.rglob("28-*.md")) == []  # the draft is still there: no copy left behind


def test_a_full_disk_while_backing_up_keeps_the_old_draft(
    site: Path, served: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = with_old_draft(site)
    monkeypatch.setattr(os, "fsync", failing_fsync("backups", errno.ENOSPC))
    with pytest.raises(WriteError, match=r"backups/28-.*: the disk is full"):
        draft(site, served, force=True)
    assert old.read_bytes() == OLD_DRAFT
    assert temp_files(site) == []
    assert list(site.rglob("28-*.md")) == []  # no half a backup


@pytest.mark.parametrize("code", [errno.EROFS, errno.EACCES])
def test_a_read_only_folder_is_a_clear_error(
    site: Path, served: str, monkeypatch: pytest.MonkeyPatch, code: int
) -> None:
    def mkstemp(*args: object, **kwargs: object) -> tuple[int, str]:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    with pytest.raises(WriteError, match=r"cannot write .*index\.md: permission denied"):
        draft(site, served, force=False)
    assert not draft_of(site).exists()


@pytest.mark.parametrize("force", [False, True])
def test_a_refused_rename_keeps_the_old_draft(
    site: Path, served: str, monkeypatch: pytest.MonkeyPatch, force: bool
) -> None:
    """The temporary file is written, then putting it in place fails (EROFS)."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    old = with_old_draft(site) if force else None
    if force:
        real_replace = Path.replace

        def replace(self: Path, target: str | os.PathLike[str]) -> Path:
            if Path(target).name == "index.md":
                refuse()
            return real_replace(self, target)

        monkeypatch.setattr(Path, "replace", replace)
    else:
        monkeypatch.setattr(os, "link", refuse)  # the os module drafter.files uses
    with pytest.raises(WriteError, match="permission denied"):
        draft(site, served, force=force)
    assert temp_files(site) == []
    if old is not None:
        assert old.read_bytes() == OLD_DRAFT
    else:
        assert not draft_of(site).exists()


# --- through the CLI: a file where a folder should be, and a full disk -------------------


@pytest.fixture
def bookmarks(served: str, site: Path) -> Path:
    path = site / "bookmarks.txt"
    path.write_text(served + "\n", encoding="utf-8")
    return path


def assert_clear_failure(result: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    last = result.stderr.strip().splitlines()[-1]
    assert last.startswith("error: ")
    for needle in needles:
        assert needle in last, last


def test_a_file_where_the_section_folder_should_be(site: Path, bookmarks: Path) -> None:
    (site / "content").mkdir()
    (site / "content" / "talk").write_text("not a folder", encoding="utf-8")
    result = run_drafter("new", "28", str(bookmarks), cwd=site)
    assert_clear_failure(result, "a file is in the way where a folder should be")
    assert (site / "content" / "talk").read_text(encoding="utf-8") == "not a folder"
    assert temp_files(site) == []


def test_a_folder_where_the_draft_should_be(site: Path, bookmarks: Path) -> None:
    draft_of(site).mkdir(parents=True)
    (draft_of(site) / "keep.txt").write_text("mine", encoding="utf-8")
    for args in ([], ["--force"]):
        result = run_drafter("new", "28", str(bookmarks), *args, cwd=site)
        assert_clear_failure(result, str(draft_of(site)))
    assert (draft_of(site) / "keep.txt").read_text(encoding="utf-8") == "mine"
    assert temp_files(site) == []


def test_drafters_own_folder_blocked_by_a_file(site: Path, bookmarks: Path) -> None:
    """With --force the old draft must be backed up first; when it cannot be, it stays."""
    old = with_old_draft(site)
    (site / ".drafter").write_text("in the way", encoding="utf-8")
    result = run_drafter("new", "28", str(bookmarks), "--force", cwd=site)
    assert_clear_failure(result, "in the way")
    assert old.read_bytes() == OLD_DRAFT
    assert temp_files(site) == []


# The CLI with drafter's temporary files failing to reach the disk: all of them, or only
# those in the folder FULL_FOLDER names (the disk fills after the backup was written).
FULL_DISK = """
import errno, os, sys
from pathlib import Path

real_fsync = os.fsync
full_folder = os.environ.get("FULL_FOLDER")


def fsync(fd: int) -> None:
    target = Path(os.readlink(f"/proc/self/fd/{fd}"))
    if target.name.startswith(".drafter-") and full_folder in (None, target.parent.name):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    real_fsync(fd)


os.fsync = fsync
from drafter.cli.app import main

sys.argv = ["drafter", *sys.argv[1:]]
main()
"""


def run_on_full_disk(
    site: Path, *args: str, folder: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **({"FULL_FOLDER": folder} if folder else {})}
    return subprocess.run(
        [sys.executable, "-c", FULL_DISK, *args],
        cwd=site,
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )


def test_a_full_disk_through_the_cli(site: Path, bookmarks: Path) -> None:
    old = with_old_draft(site)
    result = run_on_full_disk(site, "new", "28", str(bookmarks), "--force")
    assert_clear_failure(result, "the disk is full")
    assert old.read_bytes() == OLD_DRAFT
    assert temp_files(site) == []


def test_force_on_a_full_disk_leaves_no_backup_behind(site: Path, bookmarks: Path) -> None:
    """The backup was written, then the draft could not be: the old draft is still in place,
    so its copy is only clutter on a full disk (and one more at every try)."""
    old = with_old_draft(site)
    result = run_on_full_disk(site, "new", "28", str(bookmarks), "--force", folder="28")
    assert_clear_failure(result, "index.md: the disk is full")
    assert "previous draft is kept" not in result.stderr
    assert old.read_bytes() == OLD_DRAFT
    assert list(site.rglob("28-*.md")) == []
    assert temp_files(site) == []


def test_new_on_a_full_disk_leaves_no_empty_episode_folder(site: Path, bookmarks: Path) -> None:
    (site / "content").mkdir()  # the host's; drafter made talk/ and talk/28/ itself
    result = run_on_full_disk(site, "new", "28", str(bookmarks))
    assert_clear_failure(result, "index.md: the disk is full")
    assert list((site / "content").iterdir()) == []
