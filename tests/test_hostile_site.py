"""Templates, paths and files (issue 12): a template cannot reach Python, a section cannot
lead out of content/, a planted symbolic link is refused rather than followed, and a
title cannot make an episode claim a link it does not have.

The real CLI, real symbolic links, a loopback server.
"""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from drafter.draft.episodes import STATE_DIR
from tests.conftest import run_drafter
from tests.server import LocalServer, page
from tests.test_faults import GOOD_PAGE, GOOD_TITLE, draft_path, headings, no_traceback

SECRET = "API_KEY=hunter2\n"


@pytest.fixture
def week(server: LocalServer, site: Path) -> Path:
    server.routes["/a"] = page(GOOD_PAGE)
    bookmarks = site / "week.txt"
    bookmarks.write_text(server.url("/a") + "\n", encoding="utf-8")
    return bookmarks


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    """A folder outside the site, where nothing may ever be written."""
    folder = tmp_path / "outside"
    folder.mkdir()
    return folder


def everything_under(folder: Path) -> list[str]:
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*"))


# --- templates and the section -------------------------------------------------------------


@pytest.mark.parametrize(
    "escape",
    [
        "{{ lipsum.__globals__.os.name }}",
        "{{ cycler.__init__.__globals__.os.name }}",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    ],
)
def test_a_template_cannot_reach_python(site: Path, week: Path, escape: str) -> None:
    (site / "templates").mkdir()
    (site / "templates" / "episode.md.j2").write_text(
        "{{ front_matter }}\n" + escape + "\n{% block sections %}{% endblock %}\n",
        encoding="utf-8",
    )
    result = run_drafter("new", "28", "week.txt", cwd=site)
    no_traceback(result)
    assert result.returncode == 2, result.stderr
    assert "error: template error" in result.stderr and "unsafe" in result.stderr
    assert not draft_path(site).exists()


@pytest.mark.parametrize(
    "section", ["../../escaped", "ABSOLUTE", "a/b", "a\\b", "..", ".", "", "x\n"]
)
def test_section_is_one_plain_folder_name(
    site: Path, week: Path, tmp_path: Path, section: str
) -> None:
    if section == "ABSOLUTE":
        section = str(tmp_path / "escaped")
    (site / "drafter.toml").write_text(f"section = {section!r}\n".replace("'", '"'), "utf-8")
    result = run_drafter("new", "28", "week.txt", cwd=site)
    no_traceback(result)
    assert result.returncode == 2, result.stderr
    assert "section must be one folder name under content/" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "escaped").exists() and not (site / "content").exists()


# --- symbolic links ----------------------------------------------------------------------------


def plant_draft_link(site: Path, outside: Path) -> Path:
    """content/talk/28/index.md → a private file outside the site."""
    secret = outside / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    draft = draft_path(site)
    draft.parent.mkdir(parents=True)
    draft.symlink_to(secret)
    return secret


def no_secret_in_site(site: Path) -> None:
    for path in site.rglob("*"):
        if path.is_file() and not path.is_symlink():
            assert "hunter2" not in path.read_text(encoding="utf-8", errors="replace"), path


def test_add_refuses_a_planted_draft_link(site: Path, week: Path, outside: Path) -> None:
    secret = plant_draft_link(site, outside)
    result = run_drafter("add", "28", "week.txt", cwd=site)
    no_traceback(result)
    assert result.returncode == 1, result.stderr
    assert "symbolic link" in result.stderr
    assert draft_path(site).is_symlink() and secret.read_text(encoding="utf-8") == SECRET
    no_secret_in_site(site)


def test_force_refuses_to_back_up_a_planted_draft_link(
    site: Path, week: Path, outside: Path
) -> None:
    plant_draft_link(site, outside)
    result = run_drafter("new", "28", "week.txt", "--force", cwd=site)
    no_traceback(result)
    assert result.returncode == 1, result.stderr
    assert "symbolic link" in result.stderr
    no_secret_in_site(site)


def test_a_backup_keeps_the_drafts_own_mode(site: Path, week: Path) -> None:
    assert run_drafter("new", "28", "week.txt", cwd=site).returncode == 0
    draft_path(site).chmod(0o600)  # the host keeps unpublished notes private
    result = run_drafter("new", "28", "week.txt", "--force", cwd=site)
    assert result.returncode == 0, result.stderr
    (backup,) = (site / STATE_DIR / "backups").iterdir()
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600


@pytest.mark.parametrize(
    "planted",
    ["content/talk/28", STATE_DIR, f"{STATE_DIR}/locks", f"{STATE_DIR}/locks/talk-28.lock"],
)
def test_a_symlinked_folder_or_lock_is_refused(
    site: Path, week: Path, outside: Path, planted: str
) -> None:
    link = site / planted
    link.parent.mkdir(parents=True, exist_ok=True)
    target = outside / "target"
    if not planted.endswith(".lock"):
        target.mkdir()
    link.symlink_to(target)
    result = run_drafter("new", "28", "week.txt", cwd=site)
    no_traceback(result)
    assert result.returncode == 1, result.stderr
    assert "symbolic link" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert everything_under(outside) == (["target"] if not planted.endswith(".lock") else [])


# --- what an episode covers --------------------------------------------------------------------


def test_a_title_quoting_a_link_covers_nothing(server: LocalServer, site: Path) -> None:
    victim = server.url("/victim")
    server.routes["/bait"] = page(GOOD_PAGE.replace(GOOD_TITLE, f"Nice]({victim})"))
    server.routes["/victim"] = page(GOOD_PAGE.replace(GOOD_TITLE, "The real story"))
    (site / "bait.txt").write_text(server.url("/bait") + "\n", encoding="utf-8")
    assert run_drafter("new", "27", "bait.txt", cwd=site).returncode == 0
    assert victim in draft_path(site, 27).read_text(encoding="utf-8")  # quoted in the title
    (site / "week.txt").write_text(victim + "\n", encoding="utf-8")
    result = run_drafter("new", "28", "week.txt", cwd=site)
    assert result.returncode == 0, result.stderr
    assert "already in episode" not in result.stderr
    assert headings(draft_path(site).read_text(encoding="utf-8")) == [
        f"## [The real story（Site）]({victim})"
    ]
