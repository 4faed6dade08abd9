"""The weekly workflow end to end: add, next, repeats, archive, edit, config, templates."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
import yaml

from drafter.bookmarks.archive import archive_lines, done_path
from drafter.errors import WriteError
from tests.conftest import run_drafter
from tests.samples import EN_PARAGRAPHS, JA_PARAGRAPHS, article_html
from tests.server import LocalServer, page


def serve(server: LocalServer, *names: str) -> list[str]:
    for name in names:
        server.routes[f"/{name}"] = page(
            article_html(f"Headline {name}", EN_PARAGRAPHS, site_name="Wire")
        )
    return [server.url(f"/{name}") for name in names]


def draft_of(site: Path, number: int, section: str = "talk") -> Path:
    return site / "content" / section / str(number) / "index.md"


def test_add_appends_new_articles_and_keeps_every_byte(server: LocalServer, site: Path) -> None:
    a, b, c = serve(server, "a", "b", "c")
    (site / "week.txt").write_text(f"{a}\n{b}\n", encoding="utf-8")
    assert run_drafter("new", "28", "week.txt", cwd=site).returncode == 0
    draft = draft_of(site, 28)
    text = draft.read_text(encoding="utf-8")
    # The host edits: front matter, a heading, the quote, notes, and a closing section.
    edited = (
        text.replace('title: "#28 Coming Soon"', 'title: "#28 クラウドの話"')
        .replace("Headline a（Wire）", "Headline a, retitled by hand")
        .replace("* \n", "* 面白かった\n  - 来週も追う\n", 1)
        + "\n\n# 感想\n\nまとめの一言。"  # no final newline, on purpose
    )
    draft.write_bytes(edited.encode("utf-8"))

    result = run_drafter("add", "28", b, c, "--json", cwd=site)
    assert result.returncode == 0, result.stderr
    after = draft.read_text(encoding="utf-8")
    report = json.loads(result.stdout)
    assert [article["url"] for article in report["articles"]] == [c]
    assert report["left_out"] == [{"url": b, "reason": "already in this draft"}]
    assert f"{b}: already in this draft" in result.stderr
    added = f"\n\n## [Headline c（Wire）]({c})\n\n> {EN_PARAGRAPHS[0]}\n\n* \n"
    assert added in after
    assert after.replace(added, "", 1) == edited  # nothing else changed, not one byte
    assert after.index(added) < after.index("# 感想")  # after the last article section

    again = run_drafter("add", "28", c, cwd=site)
    assert again.returncode == 0 and "nothing new to add" in again.stderr
    assert draft.read_text(encoding="utf-8") == after


def test_add_needs_a_draft_and_new_points_to_add(server: LocalServer, site: Path) -> None:
    (a,) = serve(server, "a")
    missing = run_drafter("add", "5", a, cwd=site)
    assert missing.returncode == 1 and "drafter new" in missing.stderr
    (site / "w.txt").write_text(a, encoding="utf-8")
    assert run_drafter("new", "5", "w.txt", cwd=site).returncode == 0
    exists = run_drafter("new", "5", "w.txt", cwd=site)
    assert exists.returncode == 1
    assert "drafter add" in exists.stderr and "--force" in exists.stderr


def test_next_number_from_folders_and_titles(server: LocalServer, site: Path) -> None:
    talk = site / "content" / "talk"
    (talk / "27").mkdir(parents=True)
    (talk / "27" / "index.md").write_text('---\ntitle: "#27 Coming Soon"\n---\n', encoding="utf-8")
    (talk / "special").mkdir()
    (talk / "special" / "index.md").write_text(
        '---\ntitle: "#30 公開収録"\n---\n', encoding="utf-8"
    )
    (talk / "_index.md").write_text("---\ntitle: Talks\n---\n", encoding="utf-8")
    result = run_drafter("next", cwd=site)
    assert result.returncode == 0 and result.stdout.strip() == "31"
    (a,) = serve(server, "a")
    (site / "w.txt").write_text(a, encoding="utf-8")
    assert run_drafter("new", "--next", "w.txt", cwd=site).returncode == 0
    assert draft_of(site, 31).exists()


def test_repeats_from_earlier_episodes_are_left_out(server: LocalServer, site: Path) -> None:
    a, b = serve(server, "a", "b")
    earlier = draft_of(site, 27)
    earlier.parent.mkdir(parents=True)
    earlier.write_text(f'---\ntitle: "#27"\n---\n\n## [Old]({a}?utm_source=x)\n', encoding="utf-8")
    (site / "w.txt").write_text(f"{a}\n{b}\n", encoding="utf-8")
    result = run_drafter("new", "28", "w.txt", cwd=site)
    assert result.returncode == 0
    assert f"{a}: already in episode 27" in result.stderr
    text = draft_of(site, 28).read_text(encoding="utf-8")
    assert "Headline a" not in text and "Headline b" in text
    kept = run_drafter("new", "29", "w.txt", "--allow-repeats", cwd=site)
    assert kept.returncode == 0 and "Headline a" in draft_of(site, 29).read_text(encoding="utf-8")


def test_archive_moves_every_line_in_the_draft(server: LocalServer, site: Path) -> None:
    a, b = serve(server, "a", "b")
    gone = server.url("/gone")
    source = site / "week.txt"
    original = f"# this week\n{a} 面白い\n\n{gone}\nftp://x.example/f\n{b}\n# keep me\n"
    source.write_text(original, encoding="utf-8")
    result = run_drafter("new", "28", "week.txt", "--archive", cwd=site)
    assert result.returncode == 3  # /gone is a 404: in the draft all the same, marked failed
    assert "archived 3 bookmark lines" in result.stderr
    kept = "# this week\n\nftp://x.example/f\n# keep me\n"  # never drafted: it stays
    assert source.read_text(encoding="utf-8") == kept
    done = done_path(source).read_text(encoding="utf-8")
    assert done.startswith("# episode 28, drafted ")
    assert done.splitlines()[1:] == [f"{a} 面白い", gone, b]


def test_archive_never_loses_a_line_when_interrupted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from datetime import datetime

    from drafter.bookmarks import archive

    source = tmp_path / "b.txt"
    text = "https://e.com/1\nhttps://e.com/2\nhttps://e.com/3\n"
    source.write_text(text, encoding="utf-8")
    real_write = archive.write_atomic
    calls: list[Path] = []

    def crash_on_second(path: Path, content: str | bytes, *, replace: bool) -> None:
        calls.append(path)
        if len(calls) == 2:
            raise KeyboardInterrupt  # the stop comes between copying out and removing
        real_write(path, content, replace=replace)

    monkeypatch.setattr(archive, "write_atomic", crash_on_second)
    with pytest.raises(KeyboardInterrupt):
        archive_lines(source, text, {1, 3}, 28, datetime(2026, 11, 27))
    kept = source.read_text(encoding="utf-8")
    done = done_path(source).read_text(encoding="utf-8")
    assert kept == text  # not one line removed from the source
    assert "https://e.com/1\n" in done and "https://e.com/3\n" in done
    monkeypatch.setattr(archive, "write_atomic", real_write)
    with pytest.raises(WriteError, match="changed during the run"):
        archive_lines(source, text + "https://e.com/4\n", {2}, 28, datetime(2026, 11, 27))
    assert source.read_text(encoding="utf-8") == text


def test_edit_opens_the_draft_in_the_editor(server: LocalServer, site: Path) -> None:
    (a,) = serve(server, "a")
    (site / "w.txt").write_text(a, encoding="utf-8")
    editor = site / "editor.py"
    editor.write_text(
        "import sys\nopen(sys.argv[1], 'a', encoding='utf-8').write('* from the editor\\n')\n",
        encoding="utf-8",
    )
    result = run_drafter(
        "new", "8", "w.txt", "--edit", cwd=site, env={"EDITOR": f"{sys.executable} {editor}"}
    )
    assert result.returncode == 0, result.stderr
    assert draft_of(site, 8).read_text(encoding="utf-8").endswith("* from the editor\n")


def test_config_file_and_its_precedence(server: LocalServer, site: Path) -> None:
    (a,) = serve(server, "a")
    (site / "drafter.toml").write_text(
        'section = "episode"\ntitle_pattern = "第{number}回"\nconcurrency = 3\n'
        'timezone = "UTC"\n[labels]\n"127.0.0.1" = "ループバック"\n',
        encoding="utf-8",
    )
    shown = run_drafter("config", "--json", cwd=site)
    assert shown.returncode == 0, shown.stderr
    settings = json.loads(shown.stdout)["settings"]
    assert settings["concurrency"] == {"value": 3, "from": str(site / "drafter.toml")}
    assert settings["per_host"] == {"value": 2, "from": "default"}
    (site / "w.txt").write_text(a, encoding="utf-8")
    result = run_drafter(
        "new", "4", "w.txt", "--date", "2026-11-27T06:00:00+09:00", "--concurrency", "5", cwd=site
    )
    assert result.returncode == 0, result.stderr
    text = draft_of(site, 4, "episode").read_text(encoding="utf-8")
    meta = yaml.safe_load(text.split("\n---\n", 1)[0].removeprefix("---\n"))
    assert meta["title"] == "第4回"
    assert "date: 2026-11-26T21:00:00+00:00\n" in text  # the file's time zone
    assert f"## [Headline a（ループバック）]({a})" in text


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("concurency = 3\n", "unknown key 'concurency'"),
        ("per_host = 0\n", "per_host must be greater than 0"),
        ("deadline = -5\n", "deadline must be 0 or more"),  # 0: no deadline
        ('timeout = "soon"\n', "timeout must be a number"),
        ("section = \n", "not valid TOML"),
        ('skeleton = "plain"\n', "skeleton must be one of"),
    ],
)
def test_a_bad_config_names_the_key_and_the_file(site: Path, content: str, message: str) -> None:
    (site / "drafter.toml").write_text(content, encoding="utf-8")
    (site / "w.txt").write_text("https://example.com/\n", encoding="utf-8")
    result = run_drafter("new", "1", "w.txt", cwd=site)
    assert result.returncode == 2
    assert message in result.stderr and "drafter.toml" in result.stderr
    assert "Traceback" not in result.stderr


def test_templates_site_flag_and_skeletons(server: LocalServer, site: Path) -> None:
    (a,) = serve(server, "a")
    (site / "w.txt").write_text(a, encoding="utf-8")
    builtin = run_drafter("template", cwd=site)
    assert builtin.returncode == 0 and "{% block sections %}" in builtin.stdout

    hugoblox = run_drafter(
        "new", "1", "w.txt", "--skeleton", "hugoblox-2026", "--out", "-", cwd=site
    )
    meta = yaml.safe_load(hugoblox.stdout.split("\n---\n", 1)[0].removeprefix("---\n"))
    assert "event_start" in meta and "event_name" in meta and "date" not in meta

    (site / "archetypes").mkdir()
    (site / "archetypes" / "talk.md").write_text(
        '---\n# our own archetype\ntitle: "{{ replace .Name "-" " " | title }}"\n'
        "date: {{ .Date }}\ndraft: true\n---\n",
        encoding="utf-8",
    )
    archetype = run_drafter(
        "new", "2", "w.txt", "--skeleton", "archetype", "--out", "-",
        "--date", "2026-11-27T10:00:00+09:00", cwd=site,
    )  # fmt: skip
    assert archetype.stdout.startswith(
        '---\n# our own archetype\ntitle: "#2 Coming Soon"\n'
        "date: 2026-11-27T10:00:00+09:00\ndraft: true\n---\n\n# Show Note\n"
    )

    (site / "templates").mkdir()
    (site / "templates" / "episode.md.j2").write_text(
        "{{ front_matter }}\n{% block sections %}{% for a in articles %}- {{ a.title }}\n"
        "{% endfor %}{% endblock %}",
        encoding="utf-8",
    )
    custom = run_drafter("new", "3", "w.txt", "--out", "-", cwd=site)
    assert custom.stdout.endswith("---\n\n- Headline a\n")
    flagged = site / "other.j2"
    flagged.write_text("only {{ number }}\n", encoding="utf-8")
    assert (
        run_drafter("new", "3", "w.txt", "--out", "-", "--template", str(flagged), cwd=site).stdout
        == "only 3\n"
    )


def test_sources_are_detected_by_content(server: LocalServer, site: Path) -> None:
    a, b, c = serve(server, "a", "b", "c")
    export = site / "bookmarks-export.txt"  # a Netscape export, whatever its name says
    export.write_text(
        '<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<META HTTP-EQUIV="Content-Type" '
        'CONTENT="text/html; charset=UTF-8">\n<TITLE>Bookmarks</TITLE>\n'
        "<H1>Bookmarks</H1>\n<DL><p>\n"
        f'<DT><H3>Podcast</H3>\n<DL><p>\n<DT><A HREF="{a}" ADD_DATE="1764000000">A</A>\n</DL><p>\n'
        f'<DT><A HREF="{b}" ADD_DATE="1764000000">B</A>\n</DL><p>\n',
        encoding="utf-8",
    )
    result = run_drafter("new", "6", str(export), "--folder", "podcast", "--out", "-", cwd=site)
    assert result.returncode == 0, result.stderr
    assert "Headline a" in result.stdout and "Headline b" not in result.stdout

    server.routes["/user/rss"] = page(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rdf:RDF xmlns="http://purl.org/rss/1.0/" '
        'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/">\n'
        '<channel rdf:about="https://b.hatena.ne.jp/user/"><title>user</title></channel>\n'
        f'<item rdf:about="{c}"><title>C</title><link>{c}</link>'
        "<description>これは番組で話したい</description>"
        "<dc:date>2026-11-25T10:00:00+09:00</dc:date></item>\n</rdf:RDF>\n",
        content_type="application/rss+xml; charset=utf-8",
    )
    feed = run_drafter("new", "7", server.url("/user/rss"), "--out", "-", cwd=site)
    assert feed.returncode == 0, feed.stderr
    assert "Headline c" in feed.stdout and "* これは番組で話したい\n" in feed.stdout


def test_japanese_article_via_add_with_a_url(server: LocalServer, site: Path) -> None:
    server.routes["/ja"] = page(
        article_html("国内クラウドの新リージョン", JA_PARAGRAPHS, site_name="IT速報")
    )
    (a,) = serve(server, "a")
    (site / "w.txt").write_text(a, encoding="utf-8")
    assert run_drafter("new", "9", "w.txt", cwd=site).returncode == 0
    result = run_drafter("add", "9", server.url("/ja"), cwd=site)
    assert result.returncode == 0, result.stderr
    assert "国内クラウドの新リージョン（IT速報）" in draft_of(site, 9).read_text(encoding="utf-8")


def test_site_profiles_from_the_config_file(server: LocalServer, site: Path) -> None:
    server.routes["/p"] = page(
        "<html><head><title>新サービス発表 ｜ 社内報</title></head><body>"
        "<p class='ad'>広告：今だけ半額キャンペーン実施中です。お見逃しなく。</p>"
        "<div class='summary'><p>当社は本日、クラウド上で動く新しい社内向けサービスを発表しました。"
        "来月から全社で利用できます。</p></div><p>そのほかの段落です。詳しくは後ほど。</p>"
        "</body></html>"
    )
    (site / "drafter.toml").write_text(
        "[[profiles]]\n"
        'hosts = ["127.0.0.1"]\nlabel = "社内報"\n'
        'title_patterns = ["\\\\s*｜\\\\s*社内報$"]\nlead_selectors = ["div.summary"]\n',
        encoding="utf-8",
    )
    (site / "w.txt").write_text(server.url("/p"), encoding="utf-8")
    result = run_drafter("new", "2", "w.txt", "--out", "-", cwd=site)
    assert result.returncode == 0, result.stderr
    assert f"## [新サービス発表（社内報）]({server.url('/p')})" in result.stdout
    assert "> 当社は本日、クラウド上で動く新しい社内向けサービスを発表しました。" in result.stdout

    (site / "drafter.toml").write_text('[[profiles]]\nlabel = "x"\n', encoding="utf-8")
    bad = run_drafter("new", "2", "w.txt", "--out", "-", cwd=site)
    assert bad.returncode == 2 and "profiles[0]: hosts is required" in bad.stderr
    (site / "drafter.toml").write_text(
        '[[profiles]]\nhosts = ["a.b"]\nleads = []\n', encoding="utf-8"
    )
    bad = run_drafter("new", "2", "w.txt", "--out", "-", cwd=site)
    assert bad.returncode == 2 and "unknown key 'leads'" in bad.stderr
