"""What runs in the extraction worker processes, kept apart so they start light.

The pool (drafter.extract.pool) forks its workers from a forkserver that preloads only this
module and drafter.extract.article (trafilatura, lxml, selectolax): every worker forks from it
with the extractor already imported, and the parent process never imports the extractor at
all (`extract_page` imports it where it runs).

A worker outlives nothing: it ignores Ctrl-C (the parent handles it) and exits by itself
when the drafter process that started it is gone, even after a `kill -9`, which would
otherwise leave it blocked on its pipe for ever.
"""

from __future__ import annotations

import os
import select
import signal
import threading
import time
from typing import TYPE_CHECKING

from drafter.models import Extracted

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    from drafter.profiles import SiteProfile

PARENT_POLL_SECONDS = 1.0


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
    """A worker's life (drafter.extract.pool): run each job sent, send back (ok, result)."""
    start_worker(parent)
    while True:
        try:
            job = connection.recv()
        except (EOFError, OSError):  # the pool has closed our pipe
            return
        try:
            answer: tuple[bool, object] = (True, job())
        except Exception as exc:  # extract_article never raises; anything else is said
            answer = (False, f"{type(exc).__name__}: {exc}")
        connection.send(answer)


def start_worker(parent: int) -> None:
    """Pool initializer: leave Ctrl-C to the parent; exit when the parent has gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_when_gone, args=(parent,), daemon=True).start()
