"""Interactive paste: URLs typed or pasted at a terminal become a stream of bookmarks.

Fetching starts while the host is still pasting: the lines are read on a daemon thread
(so a Ctrl-C is never stuck behind a blocking read) and handed to the event loop.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator, Callable
from typing import TextIO

from drafter.bookmarks.text import parse_pasted_line
from drafter.models import Bookmark
from drafter.urls import redact_url

PROMPT = "Paste URLs (one or many per line); an empty line to finish, Ctrl-C to cancel:"


async def pasted_bookmarks(stream: TextIO, say: Callable[[str], None]) -> AsyncIterator[Bookmark]:
    """Yield each accepted URL as soon as its line is entered; acknowledge each on `say`."""
    loop = asyncio.get_running_loop()
    lines: asyncio.Queue[str | None] = asyncio.Queue()

    def read() -> None:
        try:
            for line in stream:
                loop.call_soon_threadsafe(lines.put_nowait, line)
                if not line.strip():
                    break
        except (OSError, ValueError):
            pass
        finally:
            loop.call_soon_threadsafe(lines.put_nowait, None)

    say(PROMPT)
    threading.Thread(target=read, name="drafter-paste", daemon=True).start()
    seen: set[str] = set()
    number = 0
    while (line := await lines.get()) is not None and line.strip():
        number += 1
        found, rejected = parse_pasted_line(line, number)
        for skipped in rejected:
            say(f"  ✗ {skipped.text}: {skipped.reason}")
        for bookmark in found:
            shown = redact_url(bookmark.url)  # said back on the screen: no password
            if bookmark.url in seen:
                say(f"  = {shown} (already pasted)")
                continue
            seen.add(bookmark.url)
            say(f"  ✓ {shown}" + (f"  note: {bookmark.note}" if bookmark.note else ""))
            yield bookmark
    say(f"{len(seen)} URL{'s' if len(seen) != 1 else ''} accepted; finishing…")
