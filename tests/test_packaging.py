"""The built wheel carries the templates: install it in a fresh venv and draft from it."""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.samples import EN_PARAGRAPHS, article_html
from tests.server import LocalServer, page

pytestmark = pytest.mark.slow


def test_wheel_installs_and_drafts(tmp_path: Path, server: LocalServer, site: Path) -> None:
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "-o", str(dist), str(REPO)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (wheel,) = dist.glob("drafter-*.whl")
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
