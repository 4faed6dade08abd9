"""Never lose the host's work: interrupted runs and concurrent runs, with real processes.

Signals go to a real child (`subprocess.Popen` + `send_signal`, or `killpg` for a whole
process group as a terminal's Ctrl-C does, which reaches the extraction workers too). An
interrupted run exits 130 with one line, no traceback from any process, no partial draft and
no `.drafter-*.tmp` left behind. To interrupt at an exact moment of the write, the child
patches one function of its own so that it signals itself there; the signal is still real.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.samples import EN_PARAGRAPHS, article_html
from tests.server import LocalServer, page, silent, slow

DRAFT = Path("content") / "talk" / "28" / "index.md"
GOOD_PAGE = article_html("Good headline", EN_PARAGRAPHS, site_name="Site")


class Child:
    """A drafter process in its own process group; stderr collected line by line to EOF
    (which comes only when every process holding it, workers included, has gone)."""

    def __init__(self, args: list[str], cwd: Path) -> None:
        env = dict(os.environ, COLUMNS="200")
        self.process = subprocess.Popen(
            [sys.executable, *args],
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=env,
            start_new_session=True,
        )
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for raw in self.process.stderr:
            self.lines.append(raw.decode("utf-8", "replace").rstrip("\n"))

    @property
    def stderr(self) -> str:
        return "\n".join(self.lines)

    def wait_for(self, predicate: Callable[[], bool], timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate():
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.05)
        pytest.fail(f"the condition never held; stderr so far:\n{self.stderr}")

    def finish(self, timeout: float = 20) -> int:
        """Wait for the exit and for every process of the group to let go of stderr."""
        try:
            code = self.process.wait(timeout=timeout)
        finally:
            self._reader.join(timeout=timeout)
            self.kill_group()
        assert not self._reader.is_alive(), "a process of the group still holds stderr open"
        return code

    def kill_group(self) -> None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.process.pid, signal.SIGKILL)
        if self.process.poll() is None:
            self.process.wait(timeout=10)
        if self.process.stderr is not None:
            self.process.stderr.close()

    def group(self) -> list[int]:
        """The processes of the child's group: drafter, its forkserver and pool workers."""
        members = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                with contextlib.suppress(OSError, IndexError, ValueError):
                    fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                    if int(fields[2]) == self.process.pid:  # the process group id
                        members.append(int(entry.name))
        return members


@pytest.fixture
def children() -> Iterator[list[Child]]:
    started: list[Child] = []
    try:
        yield started
    finally:
        for child in started:
            child.kill_group()


def leftovers(site: Path) -> list[Path]:
    return sorted(site.rglob(".drafter-*.tmp"))


def assert_clean_interrupt(
    child: Child, code: int, message: str = "interrupted: nothing was written"
) -> None:
    assert code == 130, child.stderr
    for noise in ("Traceback", "Exception", "KeyboardInterrupt"):
        assert noise not in child.stderr, child.stderr
    said = [line for line in child.lines if not line.startswith(("ok", "FAIL", "warning"))]
    assert len(said) == 1 and said[0].startswith(message), child.stderr


@pytest.mark.parametrize("whole_group", [False, True], ids=["process", "group"])
@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_a_signal_while_fetching_leaves_nothing(
    server: LocalServer, site: Path, children: list[Child], signum: int, whole_group: bool
) -> None:
    """Two pages done (extracted, by pool workers when there are cores for them), a third
    page hanging: the signal arrives in the middle of the run."""
    server.routes.update({"/a": page(GOOD_PAGE), "/b": page(GOOD_PAGE), "/hang": silent()})
    urls = [server.url("/a"), server.url("/b"), server.url("/hang")]
    (site / "bookmarks.txt").write_text("\n".join(urls) + "\n", encoding="utf-8")
    child = Child(["-m", "drafter", "new", "28", "bookmarks.txt", "-v"], cwd=site)
    children.append(child)
    child.wait_for(
        lambda: (
            sum(line.startswith("ok") for line in child.lines) == 2
            and server.hits.get("/hang", 0) == 1
        )
    )
    if whole_group:  # as a terminal's Ctrl-C: every process of the group gets it
        # drafter, its forkserver and pool workers: the ones that must not spew tracebacks
        assert len(child.group()) >= 2
        os.killpg(child.process.pid, signum)
    else:
        child.process.send_signal(signum)
    started = time.monotonic()
    code = child.finish()
    assert time.monotonic() - started < 15
    assert_clean_interrupt(child, code)
    assert not (site / DRAFT).exists()
    assert leftovers(site) == []
    assert not list((site / ".drafter").glob("backups/*"))


# The child patches itself so that a real signal arrives at one exact moment of the write.
SIGNAL_AT = """
import os, signal, sys, time
from pathlib import Path

import drafter.files as files

where, signame, *args = sys.argv[1:]
signum = getattr(signal, signame)
real_fsync = os.fsync


def interrupt() -> None:
    os.kill(os.getpid(), signum)
    time.sleep(5)  # the handler raises here; never reached in full


def fsync(fd: int) -> None:
    target = Path(os.readlink(f"/proc/self/fd/{fd}"))
    inside = {"draft": "28", "backup": "backups"}.get(where)
    if target.name.startswith(".drafter-") and target.parent.name == inside:
        interrupt()  # the temporary file exists and holds data, not yet fsynced or renamed
    real_fsync(fd)


os.fsync = fsync
if where == "dir":  # after the draft is in place, while its folder is fsynced
    real_dir = files._fsync_dir

    def fsync_dir(folder: Path) -> None:
        if folder.name == "28":
            interrupt()
        real_dir(folder)

    files._fsync_dir = fsync_dir

from drafter.cli.app import main

sys.argv = ["drafter", *args]
main()
"""


@pytest.mark.parametrize(
    ("where", "signame", "force"),
    [
        ("draft", "SIGINT", False),
        ("draft", "SIGTERM", False),
        ("draft", "SIGINT", True),
        ("backup", "SIGINT", True),
        ("backup", "SIGTERM", True),
        ("dir", "SIGINT", False),
    ],
)
def test_a_signal_during_the_write_leaves_a_whole_file_or_none(
    server: LocalServer, site: Path, children: list[Child], where: str, signame: str, force: bool
) -> None:
    server.routes["/a"] = page(GOOD_PAGE)
    (site / "bookmarks.txt").write_text(server.url("/a") + "\n", encoding="utf-8")
    draft = site / DRAFT
    old = b"---\ntitle: mine\n---\n\n# Show Note\n\nthe host's own words\n"
    if force:
        draft.parent.mkdir(parents=True)
        draft.write_bytes(old)
    args = ["new", "28", "bookmarks.txt", *(["--force"] if force else [])]
    child = Child(["-c", SIGNAL_AT, where, signame, *args], cwd=site)
    children.append(child)
    code = child.finish()
    if where == "dir":  # the message tells the truth: this draft is there
        assert_clean_interrupt(child, code, f"interrupted after the draft was written to {draft}")
    else:
        assert_clean_interrupt(child, code)
    assert leftovers(site) == []
    if where == "dir":  # the draft was already in place: whole, never half
        assert "## [Good headline（Site）]" in draft.read_text(encoding="utf-8")
    elif force:
        assert draft.read_bytes() == old  # the host's draft, untouched
    else:
        assert not draft.exists()
    for backup in (site / ".drafter").glob("backups/*"):
        assert backup.read_bytes() == old  # a backup is whole or absent


def test_two_runs_on_one_episode(server: LocalServer, site: Path, children: list[Child]) -> None:
    """The first run holds the episode while a slow page loads; the second says so and
    leaves; the first finishes and writes a whole draft."""
    server.routes["/slow"] = slow(3.0, page(GOOD_PAGE.replace("Good headline", "Slow one")))
    server.routes["/fast"] = page(GOOD_PAGE.replace("Good headline", "Fast one"))
    (site / "first.txt").write_text(server.url("/slow") + "\n", encoding="utf-8")
    (site / "second.txt").write_text(server.url("/fast") + "\n", encoding="utf-8")
    first = Child(["-m", "drafter", "new", "28", "first.txt", "--timeout", "20"], cwd=site)
    children.append(first)
    first.wait_for(lambda: server.hits.get("/slow", 0) == 1)
    second = Child(["-m", "drafter", "new", "28", "second.txt", "--force"], cwd=site)
    children.append(second)
    assert second.finish() == 1
    assert "another drafter run is writing episode 28" in second.stderr
    assert "Traceback" not in second.stderr
    assert second.stderr.strip().startswith("error: ")
    assert first.finish() == 0, first.stderr
    text = (site / DRAFT).read_text(encoding="utf-8")
    assert "## [Slow one（Site）]" in text and "Fast one" not in text
    assert server.hits.get("/fast", 0) == 0  # the second run never fetched
    assert leftovers(site) == []


def test_ctrl_c_while_the_workers_start(
    server: LocalServer, site: Path, children: list[Child]
) -> None:
    """The whole group signalled while the forkserver is still importing the extractor:
    only drafter answers, with its one line; no process prints a traceback."""
    server.routes.update({"/a": page(GOOD_PAGE), "/hang": silent()})
    urls = [server.url("/a"), server.url("/hang")]
    (site / "bookmarks.txt").write_text("\n".join(urls) + "\n", encoding="utf-8")
    child = Child(["-m", "drafter", "new", "28", "bookmarks.txt"], cwd=site)
    children.append(child)

    def forkserver_started() -> bool:
        for pid in child.group():
            with contextlib.suppress(OSError):
                if b"forkserver" in Path(f"/proc/{pid}/cmdline").read_bytes():
                    return True
        return False

    child.wait_for(forkserver_started, timeout=30)
    os.killpg(child.process.pid, signal.SIGINT)
    assert_clean_interrupt(child, child.finish())
    assert not (site / DRAFT).exists()
