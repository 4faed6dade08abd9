from __future__ import annotations

from pathlib import Path

import pytest

from drafter.draft.skeletons import fill_archetype, find_archetype, load_archetype
from drafter.errors import InputError


def test_the_sites_archetype_comes_before_a_themes(tmp_path: Path) -> None:
    assert find_archetype(tmp_path, "talk") is None
    theme = tmp_path / "themes" / "academic" / "archetypes" / "talk" / "index.md"
    theme.parent.mkdir(parents=True)
    theme.write_text("---\n---\n", encoding="utf-8")
    assert find_archetype(tmp_path, "talk") == theme
    own = tmp_path / "archetypes" / "talk.md"
    own.parent.mkdir()
    own.write_text("---\n---\n", encoding="utf-8")
    assert find_archetype(tmp_path, "talk") == own
    with pytest.raises(InputError, match="no archetype for 'event'"):
        load_archetype(tmp_path, "event")


def test_toml_archetypes_are_filled_and_quoted_as_toml() -> None:
    filled = fill_archetype(
        '+++\n# kept\ntitle = "{{ .Name }}"\ndate = {{ .Date }}\n+++\nbody\n', 'a "b"', "2020"
    )
    assert filled == '+++\n# kept\ntitle = "a \\"b\\""\ndate = 2020\n+++\n'
