"""Templates compiled once and kept in the user's cache: the same draft from the kept code,
an edited template compiled again, and a cache that cannot be read or written ends nothing."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from drafter.draft import render
from drafter.draft.compiled import user_template_dir
from drafter.models import Article

WHEN = datetime(2020, 10, 17, 15, 20, 18, tzinfo=ZoneInfo("Asia/Tokyo"))
ARTICLE = Article(url="https://e.com/a", title="Chaos Meshが1.0に", source="P", lead="ツール。")


def draft(site_templates: Path | None = None) -> str:
    render.build_environment.cache_clear()  # compiled or loaded again, as a new run does
    episode = render.Episode(28, "#28", WHEN, [ARTICLE])
    return render.render_episode(episode, site_templates=site_templates)


def test_a_second_run_renders_the_same_draft_from_the_kept_code() -> None:
    first = draft()
    kept = sorted(user_template_dir().glob("*.jinja"))
    assert len(kept) == 2  # the episode template and its front matter skeleton
    stamps = [path.stat().st_mtime_ns for path in kept]
    assert draft() == first
    assert [path.stat().st_mtime_ns for path in kept] == stamps  # read, not written again
    assert user_template_dir().stat().st_mode & 0o077 == 0


def test_an_edited_site_template_is_compiled_again(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    template = templates / "episode.md.j2"
    template.write_text("{{ front_matter }}one {{ articles | length }}\n", encoding="utf-8")
    assert draft(templates).endswith("one 1\n")
    template.write_text("{{ front_matter }}two {{ articles | length }}\n", encoding="utf-8")
    assert draft(templates).endswith("two 1\n")


def test_a_corrupt_entry_is_compiled_again() -> None:
    first = draft()
    for path in user_template_dir().glob("*.jinja"):
        path.write_bytes(b"not jinja bytecode")
    assert draft() == first


def test_a_cache_folder_that_cannot_be_made_ends_nothing() -> None:
    user_template_dir().parent.mkdir(parents=True, exist_ok=True)
    user_template_dir().write_text("a file where the folder would be", encoding="utf-8")
    assert "Chaos Meshが1.0に" in draft()
