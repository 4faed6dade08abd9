"""The run's deadline (--deadline): when it passes, what is still being fetched or read is
stopped and marked failed, so the draft is written with every article the run did read.

It is counted from when the last bookmark is in (at once for a file; a paste goes at the
host's pace). The articles still being worked on then are cancelled with the rest of the run's
tasks (a fetch, a worker's parse, a browser's render) and come back saying why; one the
browser was reading keeps its static reading when that was a good one.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Coroutine
from dataclasses import replace
from typing import Any

from drafter.models import Article, Bookmark


class RunDeadline:
    """One run's deadline: `seconds` (0: none), and the articles begun and not yet done."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.passed = False
        self._limit: asyncio.Timeout | None = None
        self._begun: dict[str, tuple[Bookmark, float]] = {}  # by URL, with when
        self._static: dict[str, Article] = {}  # what a page read before the browser

    @contextlib.asynccontextmanager
    async def bound(self) -> AsyncIterator[None]:
        """The run's tasks within the deadline: once it passes, they are cancelled and the
        block ends quietly, with `passed` set (the clock starts with `start()`)."""
        self._limit = limit = asyncio.timeout(None)
        try:
            async with limit:
                yield
        except TimeoutError:
            if not limit.expired():
                raise
            self.passed = True

    def start(self) -> None:
        """Start the clock (inside `bound()`): every bookmark is in."""
        if self.seconds and self._limit is not None:
            self._limit.reschedule(asyncio.get_running_loop().time() + self.seconds)

    async def watch(self, bookmark: Bookmark, work: Coroutine[Any, Any, None]) -> None:
        """Run one article's `work`, known as unfinished until it returns."""
        self._begun[bookmark.url] = (bookmark, asyncio.get_running_loop().time())
        await work
        del self._begun[bookmark.url]

    def reading(self, article: Article) -> None:
        """What the static page gave, kept while the browser reads the page."""
        self._static[article.url] = article

    def reason(self) -> str:
        return f"stopped at the run's deadline ({self.seconds:g}s, --deadline)"

    def cut_off(self) -> list[Article]:
        """The articles the deadline stopped, each failed and saying so (or, when it was in the
        browser, its static reading if that read, the render marked as stopped)."""
        if not self.passed:
            return []
        now = asyncio.get_running_loop().time()
        stopped = []
        for url, (bookmark, began) in self._begun.items():
            static = self._static.get(url)
            if static is not None and static.ok:
                how = f"failed: {self.reason()}"
                stopped.append(replace(static, provenance={**static.provenance, "render": how}))
            else:
                elapsed = now - began
                stopped.append(
                    Article(url=url, note=bookmark.note, error=self.reason(), elapsed=elapsed)
                )
        return stopped
