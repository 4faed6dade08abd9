from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import jinja2
import pytest
import yaml

from drafter.draft.render import (
    FAILURE_MARKER,
    Episode,
    escape_inline,
    render_episode,
    yaml_string,
)
from drafter.errors import InputError
from drafter.models import Article

WHEN = datetime(2020, 10, 17, 15, 20, 18, tzinfo=ZoneInfo("Asia/Tokyo"))


def render(*articles: Article, title: str = "#28 Coming Soon") -> str:
    return render_episode(Episode(28, title, WHEN, list(articles)))


def test_sections_follow_the_house_style() -> None:
    text = render(
        Article(
            url="https://www.publickey1.jp/a.html",
            title="Chaos Meshが1.0に",
            source="Publickey",
            lead="カオスエンジニアリングのツール。",
            note="試したい",
        ),
        Article(
            url="https://aws.amazon.com/jp/blogs/news/x/", title="SageMaker の値下げ", lead="GPU。"
        ),
    )
    body = text.split("\n---\n", 1)[1]
    assert body == (
        "\n# Show Note\n\n\n"
        "## [Chaos Meshが1.0に（Publickey）](https://www.publickey1.jp/a.html)\n\n"
        "> カオスエンジニアリングのツール。\n\n* 試したい\n\n\n"
        "## [SageMaker の値下げ](https://aws.amazon.com/jp/blogs/news/x/)\n\n"
        "> GPU。\n\n* \n"
    )


def test_a_failed_article_keeps_its_section_with_a_marker() -> None:
    text = render(Article(url="https://e.com/x", error="HTTP 404 Not Found"))
    assert "## [https://e.com/x](https://e.com/x)\n\n" in text
    assert f"> {FAILURE_MARKER}: HTTP 404 Not Found\n" in text


@pytest.mark.parametrize(
    "title",
    [
        '#28 "quoted" \\ back',
        "line\nbreak",
        "---",
        "a: b # c",
        "\u2028\x85\x00tab\t",
        "{{< shortcode >}}",
    ],
)
def test_any_title_is_valid_yaml(title: str) -> None:
    text = render(title=title)
    meta = yaml.safe_load(text.split("\n---\n", 1)[0].removeprefix("---\n"))
    assert meta["title"] == title.replace("\x00", "\x00")
    assert yaml_string(title).count("\n") == 0


def test_hostile_fields_cannot_escape_their_place() -> None:
    text = render(
        Article(
            url="https://e.com/a b)(c",
            title="x](https://evil.example) <script>alert(1)</script>\n## injected",
            source="S\n---",
            lead="line one\n\n## heading?\n> quote\n<iframe>{{< x >}}",
            note="\n# note heading",
        )
    )
    assert text.splitlines().count("---") == 2
    lines = text.split("\n---\n", 1)[1].splitlines()
    assert sum(line.startswith("## ") for line in lines) == 1
    assert sum(line.startswith("# ") for line in lines) == 1  # only "# Show Note"
    assert "<script>" not in text and "<iframe>" not in text and "{{<" not in text
    assert "(https://e.com/a%20b%29%28c)" in text


def test_escape_inline_escapes_markdown_punctuation() -> None:
    assert escape_inline("a*b_[c]`d`") == r"a\*b\_\[c\]\`d\`"
    assert escape_inline("AT&T &amp; co") == r"AT&T \&amp; co"


def test_a_template_typo_is_an_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.md.j2"
    bad.write_text("{{ articel }}", encoding="utf-8")
    with pytest.raises(InputError, match="template error"):
        render_episode(Episode(1, "t", WHEN, []), template=bad)
    with pytest.raises(InputError, match="cannot read template"):
        render_episode(Episode(1, "t", WHEN, []), template=tmp_path / "absent.j2")


def test_site_templates_come_first(tmp_path: Path) -> None:
    (tmp_path / "episode.md.j2").write_text("custom {{ number }} {{ title }}", encoding="utf-8")
    out = render_episode(Episode(5, "T", WHEN, []), site_templates=tmp_path)
    assert out == "custom 5 T"
    assert jinja2.__version__  # the environment is Jinja2's own
