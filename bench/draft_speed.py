"""How close a draft comes to the network's limit, what a warm re-run costs, how fast we start.

    .venv/bin/python bench/draft_speed.py [--json] [--only network|cpu|help] [--help-runs N]
        [--baseline CHECKOUT] [--no-baseline]

With --baseline (a checkout of the commit to compare with, e.g. `git worktree add
/tmp/base $(git merge-base HEAD main)`), every drafter run is made twice in turn, by that
checkout ("before", run as its console script runs it) and by this one ("after"), on the same
pages in the same sitting, and both are printed with after / before.

A separate process serves generated article pages (50-150 KB of HTML each, Japanese and
English, every URL distinct bytes) from H hosts (127.0.0.2, 127.0.0.3, ... one asyncio
server each), every answer held back L ms. drafter runs as a user runs it: the real CLI in a
child process (`drafter new N bookmarks.txt`: fetch, extract, render, write), with its own
empty cache directory for the cold run and the same one for the warm run. Per scenario:

- drafter's wall time, and the ideal: the network bound under drafter's own limits (per host
  ceil(pages / per-host limit) x L, globally ceil(N / concurrency) x L, the larger) plus the
  CPU time of the cheapest lead extraction (trafilatura.bare_extraction, fast, no metadata)
  on the same pages divided by the cores; drafter / ideal. Also against the stricter ideal of
  the same call in precision mode (the cheaper mode drafter itself uses);
- a sequential baseline: a plain script fetching then extracting (bare_extraction) one page
  at a time; it also yields the CPU time above; drafter's speed-up over it;
- peak memory of drafter's whole process tree (main process, forkserver, workers): the
  largest sum of RSS (and of PSS, which counts shared pages once) seen while sampling /proc
  every 20 ms, and the main process's own ru_maxrss.

The floors the issue sets targets against: a cold run's is the larger of the network bound
and the extraction CPU (bare_extraction, default mode) over the cores; a warm re-run's is a
plain script's (python, sqlite3, read 60 rows of the run's cache, write a file); `--version`'s
is the interpreter printing a string. Then `drafter --help` against a bare typer app and
`trafilatura --help`: the median wall time of alternating runs.

On a 2-core machine the server shares the cores with drafter. It answers from memory and its
CPU time is printed per scenario, so its share of the run can be read off; the ideal counts
drafter's limits, not the server's.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import multiprocessing
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from drafter.config import DEFAULT_CONCURRENCY, DEFAULT_PER_HOST  # noqa: E402

BIN = Path(sys.executable).parent
CORES = os.cpu_count() or 1
# Children run with their bytecode cached outside the repository, as an installed package
# has it (pip compiles on install), even where PYTHONDONTWRITEBYTECODE is set: otherwise
# every start compiles drafter's modules from source and the start-up figures show that.
PYCACHE = Path(tempfile.gettempdir()) / "drafter-bench-pycache"
CHILD_ENV = {
    **{k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"},
    "PYTHONPYCACHEPREFIX": str(PYCACHE),
}

# --- pages -----------------------------------------------------------------------------------


def vocabulary(words: str) -> list[str]:
    return words.split()


_JA_WORDS = vocabulary(
    "クラウド データセンター 発表 提供開始 新機能 開発者 オープンソース 脆弱性 対応 "
    "サービス 利用者 企業 国内 市場 調査 結果 増加 減少 予定 導入 事例 技術 人工知能 "
    "生成 モデル 学習 推論 半導体 性能 向上 価格 販売 世界 初 版 公開 セキュリティ 更新"
)
_JA_GLUE = ("は", "が", "を", "に", "で", "と", "の", "から", "まで", "により", "として")
_EN_WORDS = vocabulary(
    "cloud data center announced available feature developers open source vulnerability "
    "service users company market research results growth decline planned adoption case "
    "technology model training inference chips performance price sales world release "
    "security update platform customers network storage latency region pricing engineers"
)


def _ja_sentence(rng: random.Random) -> str:
    parts = [rng.choice(_JA_WORDS) + rng.choice(_JA_GLUE) for _ in range(rng.randint(5, 11))]
    return "".join(parts) + rng.choice(("発表しました。", "明らかにしました。", "予定です。"))


def _en_sentence(rng: random.Random) -> str:
    words = [rng.choice(_EN_WORDS) for _ in range(rng.randint(10, 22))]
    return " ".join(words).capitalize() + "."


def make_page(index: int, host: str, lang: str, size: int) -> bytes:
    """A news-article page of about `size` bytes: head with metadata, CSS and scripts, a
    navigation bar, the article, related links, a ranking sidebar and a footer.

    Its meta description is, as on the saved pages of ../shared/corpus (about a third of
    them repeat their first paragraph), the lead's opening words for one page in three, an
    editor's summary found nowhere in the body for most others, and absent for one in ten.
    """
    rng = random.Random(f"{host}/{index}")
    sentence = _ja_sentence if lang == "ja" else _en_sentence
    site = f"Bench News {host.rsplit('.', 1)[-1]}"
    title = sentence(rng)[:60].rstrip("。.") + f" #{index}"
    paragraphs = [
        " ".join(sentence(rng) for _ in range(rng.randint(2, 5))) for _ in range(rng.randint(8, 20))
    ]
    # Its own random stream: the rest of the page is what it was before descriptions varied.
    summary = random.Random(f"{host}/{index}/description")
    kind = summary.random()
    if kind < 1 / 3:
        description = f'<meta name="description" content="{paragraphs[0][:110]}">'
    elif kind < 0.9:
        text = f"{sentence(summary)} {sentence(summary)}"
        description = f'<meta name="description" content="{text}">'
    else:
        description = ""
    links = "\n".join(
        f'<li><a href="/{lang}/topics/{rng.randrange(10**6)}">{sentence(rng)[:24]}</a></li>'
        for _ in range(60)
    )
    css = "\n".join(
        f".c{rng.randrange(10**6)} {{ margin: {rng.randint(0, 9)}px; "
        f"color: #{rng.randrange(16**6):06x}; }}"
        for _ in range(120)
    )
    head = f"""<!DOCTYPE html>
<html lang="{lang}"><head>
<meta charset="utf-8">
<title>{title} | {site}</title>
{description}
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="{site}">
<meta property="og:type" content="article">
<style>{css}</style>
<script type="application/ld+json">{{"@type": "NewsArticle", "headline": "{title}"}}</script>
</head><body>
<header><div class="logo"><a href="/">{site}</a></div><nav><ul>{links}</ul></nav></header>
<main><article>
<h1>{title}</h1>
<div class="byline"><time>2026-11-{1 + index % 28:02d}</time> {sentence(rng)[:16]}</div>
"""
    body = "\n".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    related = "\n".join(
        f'<li><a href="/{lang}/{2026 - rng.randint(0, 3)}/{rng.randrange(10**6)}.html">'
        f"{sentence(rng)[:40]}</a></li>"
        for _ in range(15)
    )
    tail = f"""
</article>
<section class="related"><h2>Related</h2><ul>{related}</ul></section>
</main>
<aside class="ranking"><h2>Ranking</h2><ol>{links}</ol></aside>
<footer><ul>{links}</ul><p>Copyright 2026 {site}. All rights reserved.</p></footer>
"""
    page = head + body + tail
    widgets: list[str] = []
    filled = len(page.encode())
    while filled < size:  # what surrounds an article: cards of other stories, ads, trackers
        if rng.random() < 0.15:
            names = " ".join(f"w{rng.randrange(10**9)}" for _ in range(60))
            widget = f'<script>window.__bench = "{names}";</script>\n'
        else:
            widget = (
                f'<div class="card c{rng.randrange(99)}"><a href="/{lang}/{rng.randrange(10**7)}">'
                f'<div class="thumb"><img src="/img/{rng.randrange(10**7)}.jpg" alt=""></div>'
                f'<div class="meta"><span class="cat">{rng.choice(_EN_WORDS)}</span>'
                f'<p class="ttl">{sentence(rng)[:30]}</p><time>11/{rng.randint(1, 28)}</time>'
                "</div></a></div>\n"
            )
        widgets.append(widget)
        filled += len(widget.encode())
    return (page + '<div class="more">' + "".join(widgets) + "</div></body></html>\n").encode()


@dataclass
class Corpus:
    """The pages of one scenario, by host and path."""

    hosts: list[str]
    pages: dict[str, dict[str, bytes]]  # host → path → body

    def urls(self, ports: dict[str, int]) -> list[str]:
        # Interleave hosts, as a week's bookmarks do.
        by_host = [[f"http://{h}:{ports[h]}{p}" for p in self.pages[h]] for h in self.hosts]
        width = max(len(urls) for urls in by_host)
        return [urls[i] for i in range(width) for urls in by_host if i < len(urls)]


def make_corpus(pages: int, hosts: int, seed: str) -> Corpus:
    names = [f"127.0.0.{2 + h}" for h in range(hosts)]
    rng = random.Random(seed)
    corpus = Corpus(names, {name: {} for name in names})
    for index in range(pages):
        host = names[index % hosts]
        lang = "ja" if index % 3 else "en"
        size = rng.randint(50_000, 150_000)
        corpus.pages[host][f"/{seed}/2026/11/article-{index}.html"] = make_page(
            index, host, lang, size
        )
    return corpus


# --- the server (a separate process) ---------------------------------------------------------


def serve(corpus: Corpus, latency: float, ready: Connection) -> None:
    """Serve every host of the corpus until told to stop; report ports, then figures."""

    async def main() -> None:
        requests = 0

        async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            nonlocal requests
            host = writer.get_extra_info("sockname")[0]
            try:
                while True:
                    head = await reader.readuntil(b"\r\n\r\n")
                    path = head.split(b" ", 2)[1].decode()
                    await asyncio.sleep(latency)
                    body = corpus.pages[host].get(path)
                    requests += 1
                    status = "200 OK" if body is not None else "404 Not Found"
                    body = body if body is not None else b"not here"
                    writer.write(
                        f"HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\n"
                        f'Content-Length: {len(body)}\r\nETag: "{hash(body)}"\r\n\r\n'.encode()
                        + body
                    )
                    await writer.drain()
            except (asyncio.IncompleteReadError, ConnectionError):
                pass
            finally:
                writer.close()

        servers = [await asyncio.start_server(handle, host, 0) for host in corpus.hosts]
        ports = {
            host: server.sockets[0].getsockname()[1]
            for host, server in zip(corpus.hosts, servers, strict=True)
        }
        ready.send(ports)
        loop = asyncio.get_running_loop()
        while True:
            command = await loop.run_in_executor(None, ready.recv)
            if command == "stop":
                break
            ready.send({"requests": requests, "cpu": time.process_time()})
        for server in servers:
            server.close()

    asyncio.run(main())


class Server:
    """The page server in its own process (spawned: no state shared with the bench)."""

    def __init__(self, corpus: Corpus, latency: float) -> None:
        context = multiprocessing.get_context("spawn")
        self.pipe, child = context.Pipe()
        self.process = context.Process(target=serve, args=(corpus, latency, child), daemon=True)
        self.process.start()
        self.ports: dict[str, int] = self.pipe.recv()

    def figures(self) -> dict[str, float]:
        self.pipe.send("figures")
        return self.pipe.recv()  # type: ignore[no-any-return]

    def stop(self) -> None:
        self.pipe.send("stop")
        self.process.join(10)


# --- measuring drafter -----------------------------------------------------------------------


@dataclass
class Drafter:
    """A drafter to time: "before" (a baseline checkout) or "after" (this one)."""

    label: str
    command: list[str]
    env: dict[str, str]


def drafters(baseline: Path | None, scratch: Path) -> list[Drafter]:
    """This checkout's console script, and before it the baseline's, run the same way (a
    script named like the console script, so its worker processes start as they would)."""
    after = Drafter("after", [str(BIN / "drafter")], CHILD_ENV)
    if baseline is None:
        return [after]
    script = scratch / "drafter"
    script.write_text(  # as pip writes it, so the workers' start is the same too
        "import sys\nfrom drafter.cli.app import main\nif __name__ == '__main__':\n"
        "    sys.exit(main())\n",
        encoding="utf-8",
    )
    env = {**CHILD_ENV, "PYTHONPATH": str(baseline.resolve())}
    return [Drafter("before", [sys.executable, str(script)], env), after]


def _tree(root: int) -> list[int]:
    """root and every descendant, from one scan of /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry.name}/stat").read_text()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(parent, []).append(int(entry.name))
    found, queue = [], [root]
    while queue:
        pid = queue.pop()
        found.append(pid)
        queue.extend(children.get(pid, []))
    return found


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used so far (0 once it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _hwm_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _memory_kb(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process in KB; (0, 0) once it is gone."""
    rss = pss = 0
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Rss:"):
                rss = int(line.split()[1])
            elif line.startswith("Pss:"):
                pss = int(line.split()[1])
    except (OSError, ValueError):
        pass
    return rss, pss


class TreeMemory(threading.Thread):
    """Samples the summed RSS and PSS of a process tree until stopped; keeps the peaks."""

    def __init__(self, root: int, interval: float = 0.02) -> None:
        super().__init__(daemon=True)
        self.root, self.interval = root, interval
        self.peak_rss = self.peak_pss = 0
        self.processes = 0
        self.cpu: dict[int, float] = {}  # the last CPU time seen per process
        self.main_hwm = 0  # the main process's own peak RSS (VmHWM), KB
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            pids = _tree(self.root)
            sizes = [_memory_kb(pid) for pid in pids]
            self.peak_rss = max(self.peak_rss, sum(r for r, _ in sizes))
            self.peak_pss = max(self.peak_pss, sum(p for _, p in sizes))
            self.processes = max(self.processes, sum(1 for r, _ in sizes if r))
            self.main_hwm = max(self.main_hwm, _hwm_kb(self.root))
            for pid in pids[1:]:  # the main process's own figure comes from wait4
                self.cpu[pid] = max(self.cpu.get(pid, 0.0), _cpu_seconds(pid))
            self.done.wait(self.interval)


@dataclass
class Run:
    wall: float
    ok: int
    failed: int
    peak_rss_mb: float
    peak_pss_mb: float
    main_peak_rss_mb: float
    processes: int
    main_cpu: float = 0.0  # seconds of CPU, the main process
    workers_cpu: float = 0.0  # seconds of CPU, every other process of the tree (sampled)
    server_requests: int = 0
    server_cpu: float = 0.0
    lead_from: dict[str, int] = field(default_factory=dict)  # how many leads came from where


def run_drafter(
    number: int, bookmarks: Path, site: Path, cache_home: Path, server: Server, who: Drafter
) -> Run:
    """`drafter new NUMBER bookmarks.txt` in a child process: wall time, memory, outcome."""
    before = server.figures()
    env = {**who.env, "XDG_CACHE_HOME": str(cache_home)}
    command = [
        *who.command,
        "new",
        str(number),
        str(bookmarks),
        "--site",
        str(site),
        "--json",
        "--quiet",
        "--allow-repeats",
    ]
    import resource

    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    child = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    sampler = TreeMemory(child.pid)
    sampler.start()
    out, err = child.communicate()
    wall = time.perf_counter() - started
    sampler.done.set()
    sampler.join()
    # The main process alone, reaped by communicate(): its CPU is the children's total's growth.
    now = resource.getrusage(resource.RUSAGE_CHILDREN)
    main_cpu = now.ru_utime + now.ru_stime - used.ru_utime - used.ru_stime
    after = server.figures()
    if child.returncode not in (0, 3):
        raise SystemExit(
            f"drafter ({who.label}) failed ({child.returncode}): {err.decode()[-2000:]}"
        )
    articles = json.loads(out)["articles"]
    ok = sum(1 for article in articles if article["ok"])
    lead_from: dict[str, int] = {}
    for article in articles:
        where = str(article["provenance"].get("lead_from"))
        lead_from[where] = lead_from.get(where, 0) + 1
    return Run(
        wall=wall,
        ok=ok,
        failed=len(articles) - ok,
        peak_rss_mb=sampler.peak_rss / 1024,
        peak_pss_mb=sampler.peak_pss / 1024,
        main_peak_rss_mb=sampler.main_hwm / 1024,
        processes=sampler.processes,
        main_cpu=main_cpu,
        workers_cpu=sum(sampler.cpu.values()),
        server_requests=int(after["requests"] - before["requests"]),
        server_cpu=after["cpu"] - before["cpu"],
        lead_from=lead_from,
    )


def bare_extraction_cpu(html: str, url: str, *, precision: bool = False) -> float:
    """CPU seconds of a lead extraction of one page: trafilatura's bare_extraction with
    drafter's options (fast, without metadata); with `precision`, drafter's own call (less
    drafter's other rules)."""
    import trafilatura

    from drafter.extract.fallback import LEAD_ONLY

    before = time.process_time()
    trafilatura.bare_extraction(html, url=url, **LEAD_ONLY, favor_precision=precision)
    return time.process_time() - before


def sequential_baseline(urls: list[str]) -> float:
    """A plain script: fetch, then extract (bare_extraction), one page at a time: its wall."""
    import httpx

    started = time.perf_counter()
    with httpx.Client(timeout=30) as client:
        for url in urls:
            bare_extraction_cpu(client.get(url).text, url)
    return time.perf_counter() - started


def extraction_cpu(corpus: Corpus, *, precision: bool) -> float:
    """CPU seconds of bare_extraction over every page of the corpus, one after another."""
    return sum(
        bare_extraction_cpu(body.decode("utf-8"), f"http://{host}{path}", precision=precision)
        for host, pages in corpus.pages.items()
        for path, body in pages.items()
    )


def network_bound(corpus: Corpus, latency: float) -> float:
    """The least time drafter's own limits allow: per host and globally, the larger."""
    per_host = max(math.ceil(len(p) / DEFAULT_PER_HOST) for p in corpus.pages.values())
    total = sum(len(p) for p in corpus.pages.values())
    return max(per_host, math.ceil(total / DEFAULT_CONCURRENCY)) * latency


@dataclass
class Scenario:
    name: str
    pages: int
    hosts: int
    latency_ms: float
    network_bound: float = 0.0
    extraction_cpu: float = 0.0  # bare_extraction in its default (balanced) mode
    ideal: float = 0.0
    drafter: Run | None = None
    ratio: float = 0.0
    precision_cpu: float = 0.0  # the same call in precision mode, the one drafter makes
    precision_ideal: float = 0.0
    precision_ratio: float = 0.0
    baseline: float = 0.0
    speedup: float = 0.0
    warm: Run | None = None
    warm_fraction: float = 0.0
    notes: list[str] = field(default_factory=list)
    # The floors: the larger of the network bound and extraction CPU / cores (cold),
    # and a plain script reading the cache and writing a file (warm).
    cpu_floor: float = 0.0
    floor: float = 0.0
    floor_ratio: float = 0.0
    warm_floor: float = 0.0
    warm_floor_ratio: float = 0.0
    before: Run | None = None  # the baseline checkout's cold run, with --baseline
    before_warm: Run | None = None


FLOOR_SCRIPT = """\
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
rows = db.execute("SELECT key, result FROM extractions LIMIT 60").fetchall()
with open(sys.argv[2], "w", encoding="utf-8") as out:
    out.write("\\n".join(row[1] for row in rows))
"""


def warm_floor(cache_home: Path, out: Path, runs: int = 7) -> float:
    """Median wall of a plain script: python, sqlite3, read 60 rows, write a file."""
    script = out.with_name("floor.py")
    script.write_text(FLOOR_SCRIPT, encoding="utf-8")
    database = cache_home / "drafter" / "pages.sqlite3"
    return statistics.median(
        median_wall([sys.executable, str(script), str(database), str(out)], runs)
    )


def median_run(runs: list[Run]) -> Run:
    """The run of median wall time (the lower middle one of an even number)."""
    return sorted(runs, key=lambda run: run.wall)[(len(runs) - 1) // 2]


def run_scenario(
    name: str,
    pages: int,
    hosts: int,
    latency_ms: float,
    *,
    warm: bool,
    baseline: bool = True,
    checkout: Path | None = None,
    rounds: int = 1,
) -> Scenario:
    scenario = Scenario(name, pages, hosts, latency_ms)
    corpus = make_corpus(pages, hosts, seed=name)
    server = Server(corpus, latency_ms / 1000)
    try:
        urls = corpus.urls(server.ports)
        with tempfile.TemporaryDirectory(prefix="drafter-bench-") as tmp:
            root = Path(tmp)
            bookmarks = root / "bookmarks.txt"
            bookmarks.write_text("\n".join(urls) + "\n", encoding="utf-8")
            runs: dict[tuple[str, bool], list[Run]] = {}
            for round_ in range(rounds):  # before, then after, each its own cache, in turn
                for who in drafters(checkout, root):
                    folder = root / f"{who.label}-{round_}"
                    site = folder / "site"
                    site.mkdir(parents=True)
                    (site / "hugo.toml").write_text('title = "bench"\n', encoding="utf-8")
                    cache_home = folder / "cache"
                    cold = run_drafter(28, bookmarks, site, cache_home, server, who)
                    runs.setdefault((who.label, False), []).append(cold)
                    if warm:
                        again = run_drafter(29, bookmarks, site, cache_home, server, who)
                        runs.setdefault((who.label, True), []).append(again)
                        if who.label == "after" and round_ == 0:
                            scenario.warm_floor = warm_floor(cache_home, root / "floor.md")
            scenario.drafter = median_run(runs[("after", False)])
            scenario.warm = median_run(runs[("after", True)]) if warm else None
            if checkout is not None:
                scenario.before = median_run(runs[("before", False)])
                scenario.before_warm = median_run(runs[("before", True)]) if warm else None
        scenario.baseline = sequential_baseline(urls) if baseline else math.nan
    finally:
        server.stop()
    # The ideal's CPU: bare_extraction over the same pages in one tight loop, its cheapest
    # (interleaved with a plain script's network waits, each call costs more CPU here).
    scenario.extraction_cpu = extraction_cpu(corpus, precision=False)
    scenario.precision_cpu = extraction_cpu(corpus, precision=True)
    scenario.network_bound = network_bound(corpus, latency_ms / 1000)
    scenario.ideal = scenario.network_bound + scenario.extraction_cpu / CORES
    scenario.ratio = scenario.drafter.wall / scenario.ideal
    scenario.precision_ideal = scenario.network_bound + scenario.precision_cpu / CORES
    scenario.precision_ratio = scenario.drafter.wall / scenario.precision_ideal
    scenario.speedup = scenario.baseline / scenario.drafter.wall
    scenario.cpu_floor = scenario.extraction_cpu / CORES
    scenario.floor = max(scenario.network_bound, scenario.cpu_floor)
    scenario.floor_ratio = scenario.drafter.wall / scenario.floor
    if scenario.warm is not None:
        scenario.warm_fraction = scenario.warm.wall / scenario.drafter.wall
        scenario.warm_floor_ratio = scenario.warm.wall / scenario.warm_floor
    if scenario.drafter.failed or (scenario.warm and scenario.warm.failed):
        scenario.notes.append("some articles failed: the figures do not describe a full draft")
    return scenario


def median_wall(command: list[str], runs: int, env: dict[str, str] | None = None) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(
            command,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env or CHILD_ENV,
            check=True,
        )
        times.append(time.perf_counter() - started)
    return times


BARE_TYPER_APP = """\
import typer

app = typer.Typer(rich_markup_mode=None, pretty_exceptions_enable=False)


@app.command()
def main(name: str = "") -> None:
    \"\"\"A bare typer app: one command, one option.\"\"\"


app()
"""


def startup_times(runs: int, checkout: Path | None, scratch: Path) -> dict[str, float]:
    """Median wall time of `drafter --help` and `--version` (before and after), beside the
    interpreter printing a string, a bare typer app's --help and `trafilatura --help`; the
    commands alternate, run by run."""
    bare = scratch / "bare_typer.py"
    bare.write_text(BARE_TYPER_APP, encoding="utf-8")
    commands: dict[str, tuple[list[str], dict[str, str]]] = {
        "python": ([sys.executable, "-c", "print('drafter 0.1.0')"], CHILD_ENV),
        "bare typer --help": ([sys.executable, str(bare), "--help"], CHILD_ENV),
        "trafilatura --help": ([str(BIN / "trafilatura"), "--help"], CHILD_ENV),
    }
    for who in drafters(checkout, scratch):
        commands[f"{who.label} --version"] = ([*who.command, "--version"], who.env)
        commands[f"{who.label} --help"] = ([*who.command, "--help"], who.env)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, (command, env) in commands.items():
            times[name] += median_wall(command, 1, env)
    return {name: statistics.median(walls) for name, walls in times.items()}


# --- output ----------------------------------------------------------------------------------


def _run_line(label: str, run: Run) -> str:
    return (
        f"  {label:<22}{run.wall:7.2f} s   {run.ok} ok, {run.failed} failed; "
        f"peak RSS {run.peak_rss_mb:.0f} MB (PSS {run.peak_pss_mb:.0f} MB) over "
        f"{run.processes} processes, main {run.main_peak_rss_mb:.0f} MB; CPU main "
        f"{run.main_cpu:.2f} s, workers {run.workers_cpu:.2f} s; server: "
        f"{run.server_requests} requests, {run.server_cpu:.2f} s CPU"
    )


def report(scenarios: list[Scenario], help_figures: dict[str, float] | None) -> str:
    lines = [f"cores: {CORES}; load average at the end: {os.getloadavg()[0]:.2f}"]
    for s in scenarios:
        assert s.drafter is not None
        lines += [
            f"{s.name}: N={s.pages}, H={s.hosts}, L={s.latency_ms:g} ms",
            _run_line("drafter (cold)", s.drafter),
            f"  {'leads from':<22}"
            + ", ".join(f"{where} {count}" for where, count in sorted(s.drafter.lead_from.items())),
            f"  {'ideal':<22}{s.ideal:7.2f} s   = network {s.network_bound:.2f} s + "
            f"extraction CPU {s.extraction_cpu:.2f} s / {CORES} cores (bare_extraction, default)",
            f"  {'drafter / ideal':<22}{s.ratio:7.2f}",
            f"  {'ideal, precision mode':<22}{s.precision_ideal:7.2f} s   = network + "
            f"{s.precision_cpu:.2f} s / {CORES}; drafter / it: {s.precision_ratio:.2f}",
            f"  {'sequential baseline':<22}{s.baseline:7.2f} s   speed-up {s.speedup:.1f}x",
            f"  {'floor':<22}{s.floor:7.2f} s   = the larger of network {s.network_bound:.2f} s "
            f"and extraction CPU / cores {s.cpu_floor:.2f} s; drafter / floor: "
            f"{s.floor_ratio:.2f} (network only: {s.drafter.wall / s.network_bound:.2f})",
        ]
        if s.before is not None:
            lines += [
                _run_line("before (cold)", s.before),
                f"  {'after / before':<22}{s.drafter.wall / s.before.wall:7.2f}   "
                f"(before / floor {s.before.wall / s.floor:.2f})",
            ]
        if s.warm is not None:
            lines += [
                _run_line("drafter (warm re-run)", s.warm),
                f"  {'warm / cold':<22}{s.warm_fraction:7.3f}",
                f"  {'warm floor':<22}{s.warm_floor * 1000:7.0f} ms (python, sqlite3, 60 rows, "
                f"a file); warm / it: {s.warm_floor_ratio:.2f}",
            ]
        if s.before_warm is not None and s.warm is not None and s.before is not None:
            lines += [
                _run_line("before (warm re-run)", s.before_warm),
                f"  {'after / before':<22}{s.warm.wall / s.before_warm.wall:7.2f}   "
                f"(before: warm / floor {s.before_warm.wall / s.warm_floor:.2f}, "
                f"warm / cold {s.before_warm.wall / s.before.wall:.3f})",
            ]
        lines += [f"  note: {note}" for note in s.notes]
    if len(scenarios) == 2 and scenarios[0].drafter and scenarios[1].drafter:
        small, large = scenarios[0].drafter, scenarios[1].drafter
        lines.append(
            f"peak RSS N={scenarios[1].pages} / N={scenarios[0].pages}: "
            f"{large.peak_rss_mb / small.peak_rss_mb:.2f} "
            f"(PSS {large.peak_pss_mb / small.peak_pss_mb:.2f})"
        )
    if help_figures:
        start = help_figures["python"]
        lines.append(
            "start-up, median wall: "
            + ", ".join(f"{name} {wall * 1000:.0f} ms" for name, wall in help_figures.items())
        )
        for who in ("before", "after"):
            if f"{who} --version" in help_figures:
                lines.append(
                    f"  {who}: --version / python {help_figures[f'{who} --version'] / start:.2f}; "
                    f"--help / bare typer "
                    f"{help_figures[f'{who} --help'] / help_figures['bare typer --help']:.2f}"
                )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--only", choices=("network", "cpu", "help"), help="one part only")
    parser.add_argument("--help-runs", type=int, default=11, help="runs of each --help")
    parser.add_argument(
        "--no-baseline", action="store_true", help="skip the sequential baseline (quicker)"
    )
    parser.add_argument(
        "--baseline",
        type=Path,
        metavar="CHECKOUT",
        help="a checkout to compare with: each run made by it (before) and by this one (after)",
    )
    parser.add_argument(
        "--rounds", type=int, default=1, help="runs of each drafter per scenario (median shown)"
    )
    args = parser.parse_args(argv)
    checkout: Path | None = args.baseline
    rounds: int = args.rounds

    # Fill the bytecode cache first, so that no timed run compiles anything.
    for tree in [REPO, *([checkout] if checkout else [])]:
        subprocess.run(
            [sys.executable, "-m", "compileall", "-q", str(tree / "drafter")],
            env=CHILD_ENV,
            check=True,
        )
    scenarios: list[Scenario] = []
    if args.only in (None, "network"):
        scenarios.append(
            run_scenario(
                "network-bound",
                60,
                6,
                300,
                warm=True,
                baseline=not args.no_baseline,
                checkout=checkout,
                rounds=rounds,
            )
        )
    if args.only in (None, "cpu"):
        scenarios.append(
            run_scenario(
                "cpu-bound",
                500,
                20,
                20,
                warm=False,
                baseline=not args.no_baseline,
                checkout=checkout,
                rounds=rounds,
            )
        )
    help_figures = None
    if args.only in (None, "help"):
        with tempfile.TemporaryDirectory(prefix="drafter-bench-") as tmp:
            help_figures = startup_times(args.help_runs, checkout, Path(tmp))
    if args.json:
        data: dict[str, Any] = {
            "cores": CORES,
            "load_average": os.getloadavg()[0],
            "scenarios": [asdict(s) for s in scenarios],
            "help": help_figures,
        }
        print(json.dumps(data, indent=2))
    else:
        print(report(scenarios, help_figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
