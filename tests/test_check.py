"""drafter check: every kind of problem on a crafted episode, nothing on a clean one (issue 13)."""

from __future__ import annotations

import json
import os
import shutil
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler
from pathlib import Path

from drafter.draft.render import FAILURE_MARKER
from tests.conftest import REPO, run_drafter
from tests.samples import EN_PARAGRAPHS, article_html
from tests.server import Handler, LocalServer, page, redirect

CRAFTED = """\
---
title: "#28 Coming Soon"
date: 2026-11-27T18:00:00+09:00
---

# Show Note


## [Fine（Wire）]({ok})

> A lead.

*\x20
* a note

## [Gone]({gone})

> {marker}: HTTP 503 Service Unavailable

* about [the moved page]({moved})

## [Old news]({old})

>
>\x20

* written by hand

```
*\x20
>\x20
```
"""


def article(server: LocalServer, name: str) -> None:
    server.routes[f"/{name}"] = page(article_html(f"Headline {name}", EN_PARAGRAPHS))


def line_of(text: str, needle: str) -> int:
    """1-based number of the first line holding `needle`."""
    return text[: text.index(needle)].count("\n") + 1


def crafted_site(
    server: LocalServer, public: LocalServer, site: Path
) -> tuple[Path, str, dict[str, str]]:
    """The headings on `server` (127.0.0.1: bookmarks are fetched wherever they are), the
    notes' link on `public` (a link no bookmark named must be at a public address)."""
    for name in ("ok", "old"):
        article(server, name)
    article(public, "elsewhere")
    server.routes["/gone"] = page("<h1>gone</h1>", status=404)
    public.routes["/moved"] = redirect(public.url("/elsewhere"), status=301)
    urls = {name: server.url(f"/{name}") for name in ("ok", "gone", "old")}
    urls["moved"] = public.url("/moved")
    earlier = site / "content" / "talk" / "27" / "index.md"
    earlier.parent.mkdir(parents=True)
    earlier.write_text(f'---\ntitle: "#27 Done"\n---\n\n## [Old]({urls["old"]})\n', "utf-8")
    path = site / "content" / "talk" / "28" / "index.md"
    path.parent.mkdir(parents=True)
    text = CRAFTED.format(marker=FAILURE_MARKER, **urls)
    path.write_text(text, encoding="utf-8")
    return path, text, urls


def test_check_finds_each_kind_of_problem(
    server: LocalServer, public: LocalServer, site: Path
) -> None:
    path, text, urls = crafted_site(server, public, site)
    result = run_drafter("check", "--json", cwd=site)  # the latest episode: 28
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)
    assert report["episode"] == 28 and report["path"] == str(path)
    found = {(item["kind"], item["line"]) for item in report["findings"]}
    assert found == {
        ("title", 2),
        ("empty_bullet", line_of(text, "* \n* a note")),
        ("failure_mark", line_of(text, FAILURE_MARKER)),
        ("dead_link", line_of(text, "## [Gone]")),
        ("redirect", line_of(text, "the moved page")),
        ("repeat", line_of(text, "## [Old news]")),
        ("empty_quote", line_of(text, ">\n> \n")),
    }  # and nothing from inside the code block
    messages = {item["kind"]: item["message"] for item in report["findings"]}
    assert messages["title"] == "the title is still the placeholder: #28 Coming Soon"
    assert messages["repeat"] == f"episode 27 already covered {urls['old']}"
    assert messages["dead_link"] == f"{urls['gone']} does not answer: HTTP 404 Not Found"
    assert messages["redirect"] == f"{urls['moved']} now redirects to {public.url('/elsewhere')}"
    assert "episode 28: 7 problems" in result.stderr

    hits = dict(server.hits), dict(public.hits)
    lines = run_drafter("check", "28", "--offline", cwd=site)
    assert lines.returncode == 1
    shown = str(Path("content", "talk", "28", "index.md"))
    assert f"{shown}:2: the title is still the placeholder: #28 Coming Soon\n" in lines.stdout
    assert len(lines.stdout.splitlines()) == 5  # --offline: no link is fetched
    assert (server.hits, public.hits) == hits


def test_check_reports_front_matter_that_is_not_yaml(site: Path) -> None:
    path = site / "content" / "talk" / "29" / "index.md"
    path.parent.mkdir(parents=True)
    path.write_text('---\ntitle: "#29 収録\ndate: 2026-11-27\n---\n\n# Show Note\n', "utf-8")
    result = run_drafter("check", "29", "--offline", cwd=site)
    assert result.returncode == 1
    (line,) = result.stdout.splitlines()
    assert line.startswith(str(Path("content", "talk", "29", "index.md")) + ":")
    assert "front matter is not valid YAML" in line


def test_check_reports_hugo_errors_for_the_page(site: Path, tmp_path: Path) -> None:
    path = site / "content" / "talk" / "30" / "index.md"
    path.parent.mkdir(parents=True)
    path.write_text('---\ntitle: "#30 Fine"\n---\n\n# Show Note\n\n{{< nope >}}\n', "utf-8")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    args_file = tmp_path / "hugo-args.json"
    fake = bin_dir / "hugo"
    fake.write_text(
        f"#!{sys.executable}\n"
        "import json, sys\n"
        f"json.dump(sys.argv[1:], open({str(args_file)!r}, 'w'))\n"
        "source = sys.argv[sys.argv.index('--source') + 1]\n"
        "print('Start building sites …')\n"
        "print(f'\\x1b[31mERROR\\x1b[0m render of \"page\" failed: '\n"
        "      f'\"{source}/content/talk/30/index.md:7:1\": template for shortcode \"nope\" "
        "not found', file=sys.stderr)\n"
        "print('ERROR something else in content/talk/31/index.md:2:1', file=sys.stderr)\n"
        "sys.exit(1)\n",
        encoding="utf-8",
    )
    fake.chmod(0o755)
    env = {"PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    result = run_drafter("check", "--offline", "--hugo", "--json", cwd=site, env=env)
    assert result.returncode == 1, result.stderr
    (finding,) = json.loads(result.stdout)["findings"]
    assert finding["kind"] == "hugo" and finding["line"] == 7
    assert 'shortcode "nope" not found' in finding["message"]
    assert "\x1b" not in finding["message"]
    args = json.loads(args_file.read_text(encoding="utf-8"))
    destination = Path(args[args.index("--destination") + 1])
    assert args[args.index("--source") + 1] == str(site)
    assert site not in destination.parents  # the site's own public/ is never written
    assert not destination.parent.exists()  # the temporary folder is gone

    no_hugo = run_drafter("check", "--hugo", cwd=site, env={"PATH": str(tmp_path / "none")})
    assert no_hugo.returncode == 2 and "no hugo on PATH" in no_hugo.stderr


def test_check_finds_nothing_in_a_clean_draft(server: LocalServer, site: Path) -> None:
    for name in ("a", "b"):
        article(server, name)
    (site / "w.txt").write_text(f"{server.url('/a')}\n{server.url('/b')}\n", encoding="utf-8")
    assert run_drafter("new", "31", "w.txt", cwd=site).returncode == 0
    draft = site / "content" / "talk" / "31" / "index.md"
    fresh = run_drafter("check", cwd=site)
    assert fresh.returncode == 1  # as drafted: the placeholder title and two empty bullets
    assert len(fresh.stdout.splitlines()) == 3
    text = draft.read_text(encoding="utf-8")
    draft.write_text(
        text.replace("#31 Coming Soon", "#31 クラウドの週").replace("* \n", "* 話したこと\n"),
        encoding="utf-8",
    )
    clean = run_drafter("check", "31", "--json", cwd=site)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert json.loads(clean.stdout)["findings"] == []
    assert "nothing found" in clean.stderr


def test_check_usage_errors(site: Path) -> None:
    assert run_drafter("check", cwd=site).returncode == 2  # no episode at all
    missing = run_drafter("check", "99", cwd=site)
    assert missing.returncode == 2 and "there is no episode 99" in missing.stderr
    assert run_drafter("check", "abc", cwd=site).returncode == 2
    assert run_drafter("check", "0", cwd=site).returncode == 2
    for odd in ("²", "9" * 5000, "-1"):  # as new and add read NUMBER: one short line, no traceback
        result = run_drafter("check", odd, cwd=site)
        assert result.returncode == 2 and "Traceback" not in result.stderr
        (error,) = [line for line in result.stderr.splitlines() if line.startswith("Error")]
        assert "is not an episode number" in error and len(error) < 120


def test_check_finds_nothing_in_the_shipped_example(tmp_path: Path) -> None:
    example = tmp_path / "example"
    shutil.copytree(REPO / "example", example)
    result = run_drafter("check", "--offline", "--json", "--site", "example", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    report = json.loads(result.stdout)
    assert report["episode"] == 27 and report["findings"] == []
    # The same page with a bullet emptied is found, so the clean result means something.
    page = example / "content" / "talk" / "27" / "index.md"
    text = page.read_text(encoding="utf-8")
    note = "* 新しく入ったメンバーに"
    page.write_text(text.replace(note, "* \n" + note), encoding="utf-8")
    emptied = run_drafter("check", "--offline", "--site", "example", cwd=tmp_path)
    assert emptied.returncode == 1 and "the bullet is empty" in emptied.stdout


def test_check_never_reads_through_a_symlink(site: Path, tmp_path: Path) -> None:
    """A planted content/talk/5/index.md → a private file is refused, not quoted back."""
    secret = tmp_path / "secret.md"
    secret.write_text("---\ntitle: \"#5 Coming Soon\"\n---\n\n* \n", encoding="utf-8")
    folder = site / "content" / "talk" / "5"
    folder.mkdir(parents=True)
    (folder / "index.md").symlink_to(secret)
    result = run_drafter("check", "5", "--offline", cwd=site)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "cannot read" in result.stderr and "Traceback" not in result.stderr
    assert "bullet is empty" not in result.stdout


class InFlight:
    """Requests a server is answering at once, and the most it answered at once."""

    def __init__(self) -> None:
        self.now = 0
        self.peak = 0
        self.lock = threading.Lock()

    def slow_page(self, body: str) -> Handler:
        def handle(request: BaseHTTPRequestHandler) -> None:
            with self.lock:
                self.now += 1
                self.peak = max(self.peak, self.now)
            time.sleep(0.3)
            with self.lock:  # before answering: the next request cannot overlap this one
                self.now -= 1
            page(body)(request)

        return handle


def test_check_takes_new_s_concurrency_and_per_host(
    server: LocalServer, site: Path, tmp_path: Path
) -> None:
    """--concurrency and --per-host, and the drafter.toml keys, as for new (issue 19)."""
    flight = InFlight()
    names = [f"p{n}" for n in range(4)]
    for name in names:
        server.routes[f"/{name}"] = flight.slow_page(article_html(name, EN_PARAGRAPHS))
    sections = "".join(f"## [{name}]({server.url('/' + name)})\n\n* a note\n\n" for name in names)
    path = site / "content" / "talk" / "28" / "index.md"
    path.parent.mkdir(parents=True)
    path.write_text(f'---\ntitle: "#28 Fine"\n---\n\n# Show Note\n\n{sections}', "utf-8")

    runs = iter(range(100))

    def peak(*options: str) -> int:
        flight.peak = 0
        cache = {"XDG_CACHE_HOME": str(tmp_path / f"cache{next(runs)}")}  # nothing cached
        result = run_drafter("check", *options, cwd=site, env=cache)
        assert result.returncode == 0, result.stdout + result.stderr
        return flight.peak

    assert peak() == 2  # the default: 2 per host
    assert peak("--per-host", "3") == 3
    assert peak("--per-host", "4", "--concurrency", "1") == 1
    (site / "drafter.toml").write_text("per_host = 1\n", encoding="utf-8")
    assert peak() == 1
    assert peak("--per-host", "4") == 4  # the flag over the file
    for bad in (["--per-host", "0"], ["--concurrency", "x"]):
        refused = run_drafter("check", *bad, cwd=site)
        assert refused.returncode == 2 and "Traceback" not in refused.stderr


def test_check_hugo_reports_a_failing_theme_not_at_the_episode(site: Path, tmp_path: Path) -> None:
    """Issue 20: Hugo's footer is no error, and a theme page's error is not the episode's."""
    path = site / "content" / "talk" / "30" / "index.md"
    path.parent.mkdir(parents=True)
    path.write_text('---\ntitle: "#30 Fine"\n---\n\n# Show Note\n', "utf-8")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    theme_page = site / "themes" / "academic" / "layouts" / "publication" / "single.html"
    output = (
        "WARN 2026/11/27 18:00:01 Page.URL is deprecated. Re-run Hugo with the flag "
        "--panicOnWarning to get a better error message.\n"
        f'ERROR 2026/11/27 18:00:02 render of "page" failed: "{theme_page}:14:10": '
        "execute of template failed\n"
        "Error: Error building site: failed to render pages\n"
    )
    (bin_dir / "hugo").write_text(
        f"#!{sys.executable}\nimport sys\nsys.stderr.write({output!r})\nsys.exit(255)\n",
        encoding="utf-8",
    )
    (bin_dir / "hugo").chmod(0o755)
    env = {"PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    result = run_drafter("check", "--offline", "--hugo", cwd=site, env=env)
    assert result.returncode == 1, result.stderr
    (line,) = result.stdout.splitlines()
    assert line.startswith("hugo could not build the site (exit 255): ERROR ")
    assert "publication/single.html:14:10" in line and "panicOnWarning" not in line
    assert "index.md" not in line  # not pinned to the episode: Hugo did not name it
    as_json = run_drafter("check", "--offline", "--hugo", "--json", cwd=site, env=env)
    (finding,) = json.loads(as_json.stdout)["findings"]
    assert finding["line"] is None and finding["kind"] == "hugo"


def test_an_unclosed_quote_is_reported_on_its_own_line(tmp_path: Path) -> None:
    """Issue 20: YAML reads on to the next quote, dozens of lines below the host's mistake."""
    example = tmp_path / "example"
    shutil.copytree(REPO / "example", example)
    page = example / "content" / "talk" / "27" / "index.md"
    text = page.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    page.write_text(text.replace(title, title.rstrip('"'), 1), encoding="utf-8")
    at = text.splitlines().index(title) + 1
    assert at == 4
    result = run_drafter("check", "--offline", "--site", "example", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    (line,) = result.stdout.splitlines()
    assert line.startswith(f"{Path('example', 'content', 'talk', '27', 'index.md')}:4: ")
    assert "the quote opened on line 4 is not closed on that line" in line
