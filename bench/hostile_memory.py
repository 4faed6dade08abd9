"""What hostile pages and bookmark files cost drafter: peak memory of its process tree, seconds.

    .venv/bin/python bench/hostile_memory.py [--only NAME ...] [--kill-above MB] [--json]

Builds the pages and bookmark files of issue 19 (the parser re-opening 500 formatting
elements for each of 40,000 paragraphs; 110,000 `<div></i>` whose stray end tags hide their
depth), serves them from a loopback server in this process, and runs the real CLI on each in
a child process (`drafter new 28 SOURCE --out FILE --json`), as a user would. While it runs,
/proc is sampled every 20 ms for drafter and every process below it (forkserver, extraction
workers, a bookmark reader): the largest sum of RSS seen, and of PSS (shared pages counted
once). Per case: that peak, the wall time, the exit code, and what became of the articles
(read, or the error the draft marks them with).

A tree that grows past --kill-above (default 4096 MB) is killed so that the machine stays
usable; its figure then reads "> N". The server's own memory is not counted.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO), str(REPO / "bench")]

from draft_speed import CHILD_ENV, TreeMemory  # noqa: E402 (the same sampler as the speed bench)

from tests.server import LocalServer, page  # noqa: E402

HED = "Hostile pages still read"
LEAD = (
    "The extraction workers and the bookmark readers have a memory ceiling, and the markup "
    "they are handed is bounded first, so a page cannot make them grow without end."
)
RUN_TIMEOUT = 150.0  # seconds one run may take before it is killed
DEFAULT_KILL_MB = 4096


def article(body: str, title: str = HED) -> str:
    """A page whose headline and lead come first, then `body`."""
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title></head>"
        f"<body><h1>{title}</h1><p>{LEAD}</p>{body}</body></html>"
    )


# The two patterns of issue 19, items 2-4.
FORMATTING = "<p>" + "".join(f"<b id={n}>" for n in range(500)) + "<p>x" * 40_000
STRAY_END_TAGS = "<div></i>" * 110_000


def link_list(links: list[str], body: str) -> str:
    """An HTML page of links (drafter reads every <a href>), then `body`."""
    items = "".join(f"<li><a href='{url}'>Link {n}</a></li>" for n, url in enumerate(links))
    return f"<html><body><ul>{items}</ul>{body}</body></html>"


def netscape(links: list[str], body: str) -> str:
    """A browser's bookmark export, then `body`."""
    items = "".join(f'<DT><A HREF="{url}" ADD_DATE="1700000000">Link</A>\n' for url in links)
    return (
        "<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<TITLE>Bookmarks</TITLE>\n<H1>Bookmarks</H1>\n"
        f"<DL><p>\n{items}</DL><p>\n{body}"
    )


def rss(links: list[str], description: str) -> str:
    """An RSS feed whose items' descriptions hold `description` as HTML."""
    items = "".join(
        f"<item><title>Item {n}</title><link>{url}</link>"
        f"<description><![CDATA[{description}]]></description></item>"
        for n, url in enumerate(links)
    )
    channel = f"<channel><title>Bookmarks</title>{items}</channel>"
    return f"<?xml version='1.0'?><rss version='2.0'>{channel}</rss>"


@dataclass
class Case:
    name: str
    source: Callable[[LocalServer, Path], str]  # writes or serves the SOURCE, returns it
    page: str = ""  # the served page the case is about, when SOURCE is not itself the file


def _urls_file(*paths: str) -> Callable[[LocalServer, Path], str]:
    def source(server: LocalServer, folder: Path) -> str:
        bookmarks = folder / "bookmarks.txt"
        bookmarks.write_text("".join(server.url(p) + "\n" for p in paths), encoding="utf-8")
        return str(bookmarks)

    return source


def _file(
    name: str, body: str, build: Callable[[list[str], str], str]
) -> Callable[[LocalServer, Path], str]:
    def source(server: LocalServer, folder: Path) -> str:
        path = folder / name
        path.write_text(build([server.url("/good")], body), encoding="utf-8")
        return str(path)

    return source


def _url(path: str) -> Callable[[LocalServer, Path], str]:
    return lambda server, _folder: server.url(path)


FORMATTING_PAGE = "/formatting"
STRAY_PAGE = "/stray"
BOTH_PAGES = _urls_file(FORMATTING_PAGE, "/formatting?again")
CASES = [
    Case("page: 500 formatting elements, 40,000 <p>", _urls_file(FORMATTING_PAGE), FORMATTING_PAGE),
    Case("two such pages at once", BOTH_PAGES, FORMATTING_PAGE),
    Case("page: <div></i> x 110,000", _urls_file(STRAY_PAGE), STRAY_PAGE),
    Case("links (HTML): <div></i> x 110,000", _file("links.html", STRAY_END_TAGS, link_list)),
    Case("links (HTML): formatting", _file("links.html", FORMATTING, link_list)),
    Case("Netscape export: <div></i> x 110,000", _file("bookmarks.html", STRAY_END_TAGS, netscape)),
    Case("Netscape export: formatting", _file("bookmarks.html", FORMATTING, netscape)),
    Case("feed URL answering the formatting page", _url(FORMATTING_PAGE), FORMATTING_PAGE),
    Case("feed whose description is formatting", _url("/feed"), "/feed"),
]  # fmt: skip


@dataclass
class Outcome:
    case: str
    source_kb: int
    seconds: float
    peak_rss_mb: float
    peak_pss_mb: float
    killed: bool
    exit_code: int
    read: int
    failed: int
    errors: list[str]


def serve(server: LocalServer) -> dict[str, int]:
    """Every route the cases use; the size of each body, in KB."""
    bodies = {
        "/good": article("<p>One more paragraph.</p>", "A good page"),
        "/formatting": article(FORMATTING),
        "/formatting?again": article(FORMATTING),
        "/stray": article(STRAY_END_TAGS),
        "/feed": rss([server.url("/good")], FORMATTING),
    }
    for path, body in bodies.items():
        content_type = "application/rss+xml" if path == "/feed" else "text/html; charset=utf-8"
        server.routes[path] = page(body, content_type=content_type)
    return {path: len(body.encode()) // 1024 for path, body in bodies.items()}


def run_case(case: Case, server: LocalServer, sizes: dict[str, int], kill_mb: int) -> Outcome:
    with tempfile.TemporaryDirectory(prefix="drafter-hostile-") as scratch:
        folder = Path(scratch)
        (folder / "site").mkdir()
        (folder / "site" / "hugo.toml").write_text('title = "Bench"\n', encoding="utf-8")
        source = case.source(server, folder)
        source_kb = sizes[case.page] if case.page else Path(source).stat().st_size // 1024
        command = [
            sys.executable, "-m", "drafter", "new", "28", source, "--site", str(folder / "site"),
            "--out", str(folder / "draft.md"), "--json", "--quiet", "--render", "never",
        ]  # fmt: skip
        env = {**CHILD_ENV, "XDG_CACHE_HOME": str(folder / "cache")}
        started = time.perf_counter()
        child = subprocess.Popen(
            command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
        )
        sampler = TreeMemory(child.pid)
        sampler.start()
        killed = False
        while child.poll() is None:
            if sampler.peak_rss > kill_mb * 1024 or time.perf_counter() - started > RUN_TIMEOUT:
                os.killpg(child.pid, signal.SIGKILL)  # its own session: drafter and its children
                killed = True
                break
            time.sleep(0.02)
        out, err = child.communicate()
        seconds = time.perf_counter() - started
        sampler.done.set()
        sampler.join()
    read, failed, errors = 0, 0, []
    try:
        articles = json.loads(out)["articles"]
    except (ValueError, KeyError, TypeError):
        articles = []
        if not killed:
            errors = [err.decode("utf-8", "replace").strip().splitlines()[-1:][0][:200]]
    for item in articles:
        if item["ok"]:
            read += 1
        else:
            failed += 1
            errors.append(str(item.get("error"))[:200])
    return Outcome(
        case=case.name,
        source_kb=source_kb,
        seconds=round(seconds, 2),
        peak_rss_mb=round(sampler.peak_rss / 1024, 1),
        peak_pss_mb=round(sampler.peak_pss / 1024, 1),
        killed=killed,
        exit_code=child.returncode,
        read=read,
        failed=failed,
        errors=errors,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", action="append", help="run the cases whose name holds this")
    parser.add_argument("--kill-above", type=int, default=DEFAULT_KILL_MB, metavar="MB")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    cases = [c for c in CASES if not args.only or any(o in c.name for o in args.only)]
    server = LocalServer().start()
    outcomes = []
    try:
        sizes = serve(server)
        for case in cases:
            outcome = run_case(case, server, sizes, args.kill_above)
            outcomes.append(outcome)
            if not args.json:
                peak = f"> {args.kill_above}" if outcome.killed else f"{outcome.peak_rss_mb:.0f}"
                print(
                    f"{case.name:<44} {outcome.source_kb:>5} KB  {outcome.seconds:6.2f} s  "
                    f"peak RSS {peak:>6} MB (PSS {outcome.peak_pss_mb:.0f})  "
                    f"exit {outcome.exit_code}  read {outcome.read} failed {outcome.failed}"
                    + (f"  {outcome.errors[0]}" if outcome.errors else ""),
                    flush=True,
                )
    finally:
        server.stop()
    if args.json:
        print(json.dumps([asdict(o) for o in outcomes], indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
