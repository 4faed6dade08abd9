"""Which extraction executor: processes or threads, how many, with the cache or without.

    .venv/bin/python bench/executors.py [--pages 200] [--hosts 20] [--latency-ms 20] [--repeat 2]

Runs drafter's `collect_articles` in this process over bench/draft_speed.py's generated pages and
page server, once per variant and round, and prints the wall time and this process's CPU
(the event loop, HTTP and the cache; a process pool's workers are not in it). Variants:
`procN` (the pipeline's own pool, N workers), `threadN` (a thread pool of N), `none` (each
page in a thread of its own, as without a pool); `-off` runs without the page cache.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from concurrent.futures import Executor, ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import draft_speed as fetch

from drafter import gathering
from drafter.config import Settings
from drafter.extract import parallel as extracting
from drafter.models import Bookmark

VARIANTS = ("proc2", "proc3", "thread2", "proc2-off")
_own_pool = extracting.extraction_pool


def executor_for(kind: str) -> Callable[[int], Executor | None]:
    if kind.startswith("proc"):
        workers = int(kind.removeprefix("proc"))

        def make(expected: int) -> Executor | None:
            cpu_count = os.cpu_count
            os.cpu_count = lambda: workers  # the pipeline sizes its pool by the cores
            try:
                return _own_pool(expected)
            finally:
                os.cpu_count = cpu_count

        return make
    if kind.startswith("thread"):
        return lambda expected: ThreadPoolExecutor(int(kind.removeprefix("thread")))
    return lambda expected: None


def starter(make: Callable[[int], Executor | None]) -> Callable[[int], Awaitable[Executor | None]]:
    """gathering.start_pool for one variant: its executor, made in a thread as drafter does."""

    async def start(expected: int) -> Executor | None:
        return await asyncio.to_thread(make, expected)

    return start


def own_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_SELF)
    return used.ru_utime + used.ru_stime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--hosts", type=int, default=20)
    parser.add_argument("--latency-ms", type=float, default=20)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("variants", nargs="*", default=list(VARIANTS))
    args = parser.parse_args(argv)

    corpus = fetch.make_corpus(args.pages, args.hosts, seed="pool")
    server = fetch.Server(corpus, args.latency_ms / 1000)
    bookmarks = [Bookmark(url=url) for url in corpus.urls(server.ports)]
    try:
        for _ in range(args.repeat):
            for variant in args.variants:
                kind = variant.removesuffix("-off")
                gathering.start_pool = starter(executor_for(kind))  # type: ignore[attr-defined,assignment]
                with tempfile.TemporaryDirectory() as cache_home:
                    os.environ["XDG_CACHE_HOME"] = cache_home
                    cpu, started = own_cpu(), time.perf_counter()
                    articles = asyncio.run(
                        gathering.collect_articles(
                            bookmarks,
                            Settings(),
                            cache="off" if variant.endswith("-off") else "use",
                        )
                    )
                    wall = time.perf_counter() - started
                ok = sum(article.ok for article in articles)
                print(
                    f"{variant:<10} wall {wall:6.2f} s   this process's CPU "
                    f"{own_cpu() - cpu:6.2f} s   {ok} ok   load {os.getloadavg()[0]:.1f}",
                    flush=True,
                )
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
