"""What runs in the extraction worker processes, kept apart so they start light.

The pool (drafter.extract.pool) forks its workers from a forkserver that preloads only this
module and drafter.extract.article (trafilatura, lxml, selectolax): every worker forks from it
with the extractor already imported, and the parent process never imports the extractor at
all (`extract_page` imports it where it runs).

A worker outlives nothing: it ignores Ctrl-C (the parent handles it) and exits by itself
when the drafter process that started it is gone, even after a `kill -9`, which would
otherwise leave it blocked on its pipe for ever.

A worker has a memory ceiling (drafter.memory). A page that takes a job up to it (lexbor's
allocations fail, or Python's raise MemoryError) is answered "out of memory", and the
worker, its heap now swollen, exits to be replaced; so two workers and the drafter process
stay within a few hundred MB whatever a page holds. drafter.markup bounds what the parser is
handed first, so that the pages we know of never get there.
"""

from __future__ import annotations

import os
import select
import signal
import threading
import time
from typing import TYPE_CHECKING

from drafter.memory import PARSER_DATA_LIMIT_MIB, limit_memory, peak_rss_kib
from drafter.models import Extracted

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    from drafter.profiles import SiteProfile

PARENT_POLL_SECONDS = 1.0
OUT_OF_MEMORY = f"the page needs more memory than extraction may use ({PARSER_DATA_LIMIT_MIB} MB)"


def extract_page(
    body: bytes,
    url: str,
    headers: dict[str, str],
    *,
    lead_max_ja: int,
    lead_max_en: int,
    profiles: tuple[SiteProfile, ...] = (),
) -> Extracted:
    """drafter.extract.article.extract_article, imported here, in the process that runs it."""
    from drafter.extract.article import extract_article  # noqa: PLC0415 (see the module docstring)

    return extract_article(
        body, url, headers, lead_max_ja=lead_max_ja, lead_max_en=lead_max_en, profiles=profiles
    )


def _exit_when_gone(parent: int) -> None:
    try:  # readable once the parent has exited, reaped or not (Linux 5.3+)
        handle = os.pidfd_open(parent)
    except (AttributeError, OSError):
        handle = None
    if handle is not None:
        select.select([handle], [], [])
        os._exit(1)
    while True:  # elsewhere: ask every second whether the parent is still there
        time.sleep(PARENT_POLL_SECONDS)
        try:
            os.kill(parent, 0)
        except OSError:  # gone, or the pid now belongs to someone else's process
            os._exit(1)


def serve(connection: Connection, parent: int) -> None:
    """A worker's life (drafter.extract.pool): run each job sent, send back ("ok", result),
    ("error", what went wrong) or ("memory", OUT_OF_MEMORY), after which it exits."""
    ceiling_kib = start_worker(parent)
    while True:
        try:
            job = connection.recv()
        except (EOFError, OSError):  # the pool has closed our pipe
            return
        try:
            answer: tuple[str, object] = ("ok", job())
        except MemoryError:
            answer = ("memory", OUT_OF_MEMORY)
        except Exception as exc:  # extract_article never raises; anything else is said
            answer = ("error", f"{type(exc).__name__}: {exc}")
        if ceiling_kib and peak_rss_kib() >= ceiling_kib:
            answer = ("memory", OUT_OF_MEMORY)  # lexbor's failures are not raised to us
        connection.send(answer)
        if answer[0] == "memory":
            return


def start_worker(parent: int) -> int:
    """Pool initializer: leave Ctrl-C to the parent; exit when the parent has gone; take the
    memory ceiling. The peak resident memory (KiB) that says a job reached the ceiling; 0
    where that cannot be told."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_when_gone, args=(parent,), daemon=True).start()
    return limit_memory(PARSER_DATA_LIMIT_MIB)
