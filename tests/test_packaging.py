"""The built wheel carries the templates, the license and its own name: install it in a fresh
venv and draft from it; the sdist carries the license, changelog and example site too."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.samples import EN_PARAGRAPHS, article_html
from tests.server import LocalServer, page

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sdist and the wheel, built once for this module, offline."""
    folder = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--sdist", "--wheel", "--no-isolation",
         "-o", str(folder), str(REPO)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    return folder


def test_wheel_is_episode_drafter_with_the_drafter_command(dist: Path) -> None:
    (wheel,) = dist.glob("*.whl")
    assert wheel.name.startswith("episode_drafter-0.1.0-")
    archive = zipfile.ZipFile(wheel)
    info = "episode_drafter-0.1.0.dist-info"
    metadata = archive.read(f"{info}/METADATA").decode()
    assert "\nName: episode-drafter\n" in metadata
    assert "\nLicense-Expression: MIT\n" in metadata
    entry_points = archive.read(f"{info}/entry_points.txt").decode()
    assert "[console_scripts]\ndrafter = drafter.cli:main" in entry_points
    license_text = archive.read(f"{info}/licenses/LICENSE").decode()
    assert "Copyright (c) 2026 the drafter authors" in license_text


def test_sdist_ships_license_changelog_and_example_site(dist: Path) -> None:
    (sdist,) = dist.glob("episode_drafter-*.tar.gz")
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert {"LICENSE", "CHANGELOG.md", "README.md", "bookmarks.txt"} <= names
    assert {"example/hugo.toml", "example/content/talk/27/index.md"} <= names


def test_wheel_installs_and_drafts(
    tmp_path: Path, dist: Path, server: LocalServer, site: Path
) -> None:
    (wheel,) = dist.glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "drafter/templates/episode.md.j2" in names
    assert "drafter/templates/skeletons/academic.md.j2" in names
    assert "drafter/py.typed" in names
    assert "drafter/extract/sites.toml" in names  # the built-in site profiles

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet",
         "--no-deps", "--no-index", str(wheel)],
        check=True, timeout=300,
    )  # fmt: skip
    # Dependencies come from the test environment's site-packages (no network here); its
    # editable install of drafter is a .pth file, which PYTHONPATH does not read, so
    # `drafter` can only resolve to the wheel just installed.
    env = dict(os.environ, PYTHONPATH=sysconfig.get_paths()["purelib"])
    where = subprocess.run(
        [str(python), "-c", "import drafter.draft.render as r; print(r.builtin_templates_dir())"],
        env=env, cwd=tmp_path, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert where.stdout.strip().startswith(str(venv))

    server.routes["/a"] = page(article_html("From the wheel", EN_PARAGRAPHS, site_name="Wire"))
    (site / "w.txt").write_text(server.url("/a"), encoding="utf-8")
    result = subprocess.run(
        [str(venv / "bin" / "drafter"), "new", "12", "w.txt"],
        env=env, cwd=site, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    draft = (site / "content" / "talk" / "12" / "index.md").read_text(encoding="utf-8")
    assert draft.startswith("---\n# Documentation: https://sourcethemes.com/academic/")
    assert f"## [From the wheel（Wire）]({server.url('/a')})" in draft
