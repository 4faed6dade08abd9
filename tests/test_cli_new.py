"""End to end: the real CLI in a child process against a real HTTP server on loopback."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from drafter.draft.render import FAILURE_MARKER
from tests.conftest import SHARED, run_drafter
from tests.samples import EN_PARAGRAPHS, JA_PARAGRAPHS, article_html
from tests.server import LocalServer, fail_first, page, redirect, silent

DATE = "2020-10-17T15:20:18+09:00"
REFERENCE = SHARED / "reference" / "episode-27.md"


def front_matter(text: str) -> str:
    assert text.startswith("---\n")
    return text[: text.index("\n---\n", 4) + 5]


def headings(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("## ")]


def serve_week(server: LocalServer) -> list[str]:
    """A week's bookmarks: three good pages in three encodings and five that fail."""
    utf8 = article_html(
        "Kubernetesの新機能「Chaos Mesh」がバージョン1.0に到達",
        JA_PARAGRAPHS,
        site_name="Tech News",
    )
    sjis = article_html(
        "日本マイクロソフト、DX支援プロジェクトをスタート",
        JA_PARAGRAPHS[1:],
        site_name="クラウド速報",
        meta_charset="Shift_JIS",
    ).encode("cp932")
    eucjp = article_html(
        "政府共通基盤がクラウドで稼働",
        JA_PARAGRAPHS[2:] + JA_PARAGRAPHS[:1],
        site_name="日経テスト",
        meta_charset=None,
    ).encode("euc_jp")
    english = article_html(
        "Amazon ECS supports Inf1 instances", EN_PARAGRAPHS, site_name="InfoWorld"
    )
    server.routes.update(
        {
            "/utf8": page(utf8),
            "/sjis": page(sjis, content_type="text/html"),  # charset only in <meta>
            "/eucjp": page(eucjp, content_type="text/html; charset=EUC-JP"),  # only in header
            "/moved": redirect("/english"),
            "/english": page(english, gzip_body=True),
            "/flaky": fail_first(1, page(utf8.replace("Chaos Mesh", "Flaky Mesh"))),
            "/missing": page("<h1>Not Found</h1>", status=404),
            "/paper.pdf": page(b"%PDF-1.7 ...", content_type="application/pdf"),
            "/silent": silent(),
        }
    )
    return [
        server.url("/utf8") + "  カオスエンジニアリング、本番で試したい",
        server.url("/sjis"),
        f"[政府共通基盤]({server.url('/eucjp')})",
        server.url("/moved") + "?utm_source=newsletter",
        server.url("/flaky"),
        server.url("/missing"),
        server.url("/paper.pdf"),
        server.url("/silent"),
    ]


@pytest.fixture
def week(server: LocalServer, site: Path) -> Path:
    lines = ["# week 28", "", *serve_week(server), "not a url at all", ""]
    bookmarks = site / "bookmarks.txt"
    bookmarks.write_text("\r\n".join(lines), encoding="utf-8-sig")
    return bookmarks


def test_new_writes_a_complete_draft(week: Path, site: Path, server: LocalServer) -> None:
    result = run_drafter(
        "new", "28", str(week), "--date", DATE, "--timeout", "3", "--json", cwd=site
    )
    assert result.returncode == 3, result.stderr
    draft_path = site / "content" / "talk" / "28" / "index.md"
    draft = draft_path.read_text(encoding="utf-8")

    # The front matter parses and says what it should.
    meta = yaml.safe_load(front_matter(draft).strip("-\n"))
    assert meta["title"] == "#28 Coming Soon"
    assert meta["date"].isoformat() == DATE
    assert meta["publishDate"].isoformat() == DATE
    assert f"#date_end: {DATE}\n" in draft
    if REFERENCE.exists():  # line for line, byte for byte, but the title
        reference = front_matter(REFERENCE.read_text(encoding="utf-8"))
        assert front_matter(draft) == reference.replace("#27 Coming Soon", "#28 Coming Soon")

    assert "\n---\n\n# Show Note\n\n\n## " in draft
    found = headings(draft)
    assert len(found) == 8  # one section per unique URL, in bookmark order
    first = "Kubernetesの新機能「Chaos Mesh」がバージョン1.0に到達（Tech News）"
    assert found[0] == f"## [{first}]({server.url('/utf8')})"
    assert found[1].startswith(
        "## [日本マイクロソフト、DX支援プロジェクトをスタート（クラウド速報）]("
    )
    assert found[2].startswith("## [政府共通基盤がクラウドで稼働（日経テスト）](")
    # The link is the bookmark after normalising, not the redirect target.
    assert (
        found[3] == f"## [Amazon ECS supports Inf1 instances（InfoWorld）]({server.url('/moved')})"
    )
    assert "Flaky Mesh" in found[4]
    # Leads are the first paragraphs, quoted, decoded without mojibake.
    assert "> 米インテルは4月2日、容量1ペタバイトのSSDを" in draft
    assert "> 新製品はQLC方式のNANDフラッシュを採用し" in draft
    assert "> 価格は明らかにされていませんが" in draft
    assert "> Amazon Web Services announced on Tuesday" in draft
    assert "\ufffd" not in draft
    assert "* カオスエンジニアリング、本番で試したい\n" in draft
    # Failures keep their section, linked, with a visible marker and the reason.
    for path, reason in [
        ("/missing", "HTTP 404"),
        ("/paper.pdf", "not an HTML page (application/pdf)"),
        ("/silent", "3s"),
    ]:
        section = draft.split(f"]({server.url(path)})", 1)[1].split("\n## ", 1)[0]
        assert FAILURE_MARKER in section and reason in section

    report = json.loads(result.stdout)
    assert report["episode"] == 28
    assert Path(report["path"]) == draft_path
    assert [a["ok"] for a in report["articles"]] == [True] * 5 + [False] * 3
    moved = report["articles"][3]
    assert moved["url"] == server.url("/moved")
    assert moved["final_url"] == server.url("/english")
    assert moved["title"] == "Amazon ECS supports Inf1 instances"
    assert moved["source"] == "InfoWorld"
    assert report["articles"][5]["error"].startswith("HTTP 404")
    assert server.hits["/flaky"] == 2  # 503 then retried
    assert "line 11: no http(s) URL" in result.stderr  # the line that is not a URL
    assert "8 articles, 3 failed" in result.stderr


def test_second_run_refuses_and_force_keeps_a_backup(server: LocalServer, site: Path) -> None:
    server.routes["/a"] = page(article_html("First headline", EN_PARAGRAPHS, site_name="Site"))
    bookmarks = site / "b.txt"
    bookmarks.write_text(server.url("/a") + "\n", encoding="utf-8")
    assert run_drafter("new", "28", str(bookmarks), cwd=site).returncode == 0
    draft = site / "content" / "talk" / "28" / "index.md"
    edited = draft.read_bytes() + b"\n* my own notes\n"
    draft.write_bytes(edited)

    again = run_drafter("new", "28", str(bookmarks), cwd=site)
    assert again.returncode == 1
    assert "--force" in again.stderr and "Traceback" not in again.stderr
    assert draft.read_bytes() == edited

    forced = run_drafter("new", "28", str(bookmarks), "--force", cwd=site)
    assert forced.returncode == 0, forced.stderr
    backups = list((site / ".drafter" / "backups").glob("28-*.md"))
    assert len(backups) == 1 and backups[0].read_bytes() == edited
    assert str(backups[0].name) in forced.stderr
    assert b"my own notes" not in draft.read_bytes()
    assert not list((site / "content").rglob("*.md.*")) and len(list(draft.parent.iterdir())) == 1


def test_out_dash_prints_and_writes_nothing(server: LocalServer, site: Path) -> None:
    server.routes["/a"] = page(article_html("Printed headline", EN_PARAGRAPHS))
    result = run_drafter(
        "new",
        "7",
        "-",
        "--out",
        "-",
        "--title",
        'Say "hi"\n---',
        cwd=site,
        stdin=(server.url("/a") + "\n").encode(),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("---\n")
    assert yaml.safe_load(front_matter(result.stdout).strip("-\n"))["title"] == 'Say "hi"\n---'
    assert "## [Printed headline（Example Media）](" in result.stdout
    assert not (site / "content").exists()


def test_out_path_and_site_found_from_a_subfolder(server: LocalServer, site: Path) -> None:
    server.routes["/a"] = page(article_html("Somewhere else", EN_PARAGRAPHS))
    deep = site / "content" / "notes"
    deep.mkdir(parents=True)
    (deep / "b.txt").write_text(server.url("/a"), encoding="utf-8")
    result = run_drafter("new", "3", "b.txt", cwd=deep)
    assert result.returncode == 0, result.stderr
    assert (site / "content" / "talk" / "3" / "index.md").exists()
    other = site / "elsewhere.md"
    assert run_drafter("new", "3", "b.txt", "--out", str(other), cwd=deep).returncode == 0
    assert "Somewhere else" in other.read_text(encoding="utf-8")


def test_every_article_failing_writes_nothing(server: LocalServer, site: Path) -> None:
    bookmarks = site / "b.txt"
    bookmarks.write_text(server.url("/gone") + "\n" + server.url("/also-gone"), encoding="utf-8")
    result = run_drafter("new", "9", str(bookmarks), "--json", cwd=site)
    assert result.returncode == 1
    assert "every article failed" in result.stderr and "HTTP 404" in result.stderr
    assert json.loads(result.stdout)["path"] is None
    assert not (site / "content").exists()


@pytest.mark.parametrize(
    ("args", "content", "message"),
    [
        (["new", "0", "b.txt"], b"https://example.com/\n", "number"),
        (["new", "abc", "b.txt"], b"https://example.com/\n", "number"),
        (["new", "1", "b.txt", "--json", "--out", "-"], b"https://example.com/\n", "--json"),
        (
            ["new", "1", "b.txt"],
            b"# nothing\n\njavascript:alert(1)\nfile:///etc/passwd\n",
            "no usable URL",
        ),
        (["new", "1", "b.txt"], b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a text file"),
        (["new", "1", "b.txt"], b"https://example.com/\xff\xfe\n", "not UTF-8"),
        (["new", "1", "missing.txt"], None, "does not exist"),
        (["new", "1", "b.txt", "--date", "next friday"], b"https://example.com/\n", "ISO 8601"),
        (
            ["new", "1", "b.txt", "--since", "last week"],
            b"https://example.com/\n",
            "--since 'last week' is not an ISO 8601 date",
        ),
    ],
)
def test_bad_input_is_a_usage_error(
    site: Path, args: list[str], content: bytes | None, message: str
) -> None:
    if content is not None:
        (site / "b.txt").write_bytes(content)
    result = run_drafter(*args, cwd=site)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert not (site / "content").exists()


def test_skipped_lines_are_warnings_and_exit_zero(server: LocalServer, site: Path) -> None:
    server.routes["/a"] = page(article_html("Only one", EN_PARAGRAPHS))
    bookmarks = site / "b.txt"
    bookmarks.write_text(f"javascript:void(0)\n{server.url('/a')}\n{server.url('/a#x')}\n")
    result = run_drafter("new", "4", str(bookmarks), "-q", cwd=site)
    assert result.returncode == 0
    assert re.search(r"line 1: unsupported scheme 'javascript:'", result.stderr)
    assert "drafted" not in result.stderr  # --quiet: no summary
    assert len(headings((site / "content/talk/4/index.md").read_text(encoding="utf-8"))) == 1


def test_proxy_variables_are_honoured(server: LocalServer, site: Path) -> None:
    """Real host names, reached only through HTTP_PROXY: the profiles' labels apply."""
    publickey = "http://www.publickey1.jp/blog/26/chaos_mesh.html"
    server.routes[publickey] = page(
        article_html(
            "KubernetesのPodをわざと落とす「Chaos Mesh」が1.0に",
            JA_PARAGRAPHS,
            site_name="Publickey",
            title_tag="KubernetesのPodをわざと落とす「Chaos Mesh」が1.0に － Publickey",
        )
    )
    bookmarks = site / "b.txt"
    bookmarks.write_text(publickey + "\n", encoding="utf-8")
    result = run_drafter(
        "new", "5", str(bookmarks), cwd=site, env={"HTTP_PROXY": f"http://127.0.0.1:{server.port}"}
    )
    assert result.returncode == 0, result.stderr
    assert server.hits[publickey] == 1
    draft = (site / "content/talk/5/index.md").read_text(encoding="utf-8")
    assert (
        f"## [KubernetesのPodをわざと落とす「Chaos Mesh」が1.0に（Publickey）]({publickey})"
        in draft
    )


def test_verbose_lines_say_where_each_part_came_from(server: LocalServer, site: Path) -> None:
    server.routes["/a"] = page(article_html("Provenance", EN_PARAGRAPHS, site_name="Wire"))
    (site / "b.txt").write_text(server.url("/a") + "\n" + server.url("/gone"), encoding="utf-8")
    result = run_drafter("new", "4", "b.txt", "-v", cwd=site)
    assert result.returncode == 3
    line = next(x for x in result.stderr.splitlines() if x.startswith("ok "))
    assert server.url("/a") in line and "Provenance" in line
    assert "title: h1" in line and "lead: " in line and "charset: utf-8 (header)" in line
    assert any(x.startswith("FAIL") and "HTTP 404" in x for x in result.stderr.splitlines())


def test_a_number_and_next_or_latest_do_not_go_together(site: Path) -> None:
    (site / "week.txt").write_text("https://example.com/a\n", encoding="utf-8")
    for words, option in (
        (["new", "33", "--next", "week.txt"], "--next"),
        (["add", "29", "--latest"], "--latest"),
    ):
        result = run_drafter(*words, cwd=site, stdin=b"")
        assert result.returncode == 2, result.stderr
        assert f"give the episode number or {option}, not both" in result.stderr
        assert "does not exist" not in result.stderr
    assert not (site / "content").exists()
