"""The browser step: pages whose static HTML said too little, rendered and extracted again."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from drafter.config import Settings
from drafter.extract.parallel import article_from, labelled, read_page
from drafter.models import Article, Bookmark, Extracted, FetchResult

if TYPE_CHECKING:
    import asyncio

    from drafter.extract.pool import ExtractionPool
    from drafter.fetch.browser import Browser, Rendered

OnArticle = Callable[[Article], None]
MIN_RENDER_SECONDS = 1.0  # less of the article's limit left than this: keep the static page


def wants_render(mode: str, fetched: FetchResult, extracted: Extracted | None) -> bool:
    """Whether a page goes to the browser: every page with `always`; with `auto` the pages
    whose static HTML gave no title or no lead (not fetch errors such as a 404)."""
    if mode == "always":
        return True
    if mode != "auto" or extracted is None:
        return False
    return bool(extracted.blocked) or not extracted.title or not extracted.lead


def _with_render(article: Article, how: str) -> Article:
    return replace(article, provenance={**article.provenance, "render": how})


async def _from_rendered(
    page: Rendered,
    bookmark: Bookmark,
    static: Article,
    settings: Settings,
    executor: ExtractionPool | None,
) -> Article:
    """The article as the browser showed it, when that says more than the static one."""
    if page.error is not None or page.html is None:
        return _with_render(static, f"failed: {page.error}")
    fetched = FetchResult(
        url=bookmark.url,
        final_url=page.final_url,
        status=200,
        headers={"content-type": "text/html; charset=utf-8"},  # page.content() is text
        body=page.html.encode("utf-8"),
        elapsed=static.elapsed + page.elapsed,
    )
    fetched, extracted = await read_page(executor, fetched, settings)
    if fetched.error is not None:
        return _with_render(static, f"failed: {fetched.error}")
    article = labelled(article_from(bookmark, fetched, extracted), settings)

    def score(one: Article) -> tuple[bool, bool, bool]:
        return one.ok, one.lead is not None, one.title is not None

    if score(article) < score(static):
        return _with_render(static, "rendered, but no better than the static page")
    return replace(_with_render(article, f"rendered in {page.elapsed:.1f}s"), rendered=True)


def _out_of_time(limit: float) -> str:
    """The limit ran out in the browser step, whether waiting for it to start or rendering:
    the same words as a render that overran (fetch/browser.py), so the reason reads one way."""
    return f"failed: took longer than {limit:g}s in the browser (the per-article limit)"


class Renderer:
    """The run's browser, for the pages whose static HTML said too little: started by the
    first such page, while other pages are still being fetched (so a rendered page keeps
    to about its own deadline, not the slowest fetch's plus its own), and closed by
    `aclose()` in the run's finally. Without a browser, each page says why and keeps what
    its static HTML gave."""

    def __init__(self, settings: Settings) -> None:
        # Here, not at the top: drafter.gathering asks `wants_render` of a run served from
        # the cache, which opens no event loop and need not import one.
        import asyncio  # noqa: PLC0415

        self.settings = settings
        self._browser: asyncio.Future[Browser] | None = None
        self._holder: asyncio.Task[None] | None = None
        self._closing = asyncio.Event()

    async def article(
        self, bookmark: Bookmark, static: Article, pool: ExtractionPool | None
    ) -> Article:
        """The article as the browser shows it, when that says more than `static`."""
        import asyncio  # noqa: PLC0415 (see __init__)

        from drafter.fetch.chromium import BrowserUnavailable  # noqa: PLC0415 (start-up)

        # The render counts against the article's own limit: it gets what the fetch left of
        # it (the browser's start, once a run, is not charged to the page that waits for it),
        # so a run ends about --timeout after it began, plus that start.
        limit = self.settings.fetch.timeout
        left = limit - static.elapsed
        if left < MIN_RENDER_SECONDS:
            return _with_render(static, _out_of_time(limit))
        if self._browser is None:
            self._browser = asyncio.get_running_loop().create_future()
            self._holder = asyncio.create_task(self._hold(self._browser))
        try:
            browser = await asyncio.shield(self._browser)
        except BrowserUnavailable as exc:
            return _with_render(static, f"unavailable: {exc}")
        page = await browser.render(bookmark.url, timeout=left)
        return await _from_rendered(page, bookmark, static, self.settings, pool)

    async def _hold(self, opened: asyncio.Future[Browser]) -> None:
        """Open the browser, hand it over, keep it open until `aclose()`; always close it."""
        from drafter.fetch.browser import open_browser  # noqa: PLC0415
        from drafter.fetch.chromium import BrowserUnavailable  # noqa: PLC0415

        try:
            async with open_browser(self.settings) as browser:
                opened.set_result(browser)
                await self._closing.wait()
        except BrowserUnavailable as exc:
            if not opened.done():
                opened.set_exception(exc)
        except Exception as exc:  # the driver failed otherwise: no rendering, each page says so
            if not opened.done():
                reason = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
                opened.set_exception(BrowserUnavailable(f"the browser failed: {reason}"))
        finally:
            if not opened.done():  # cancelled while starting
                opened.cancel()

    async def aclose(self) -> None:
        """Close the browser, if one was started (in the run's finally, Ctrl-C included)."""
        import asyncio  # noqa: PLC0415 (see __init__)

        self._closing.set()
        if self._holder is not None:
            if self._browser is not None and not self._browser.done():
                # Still starting, and no page waits for it any more: stop the start (the
                # driver takes the half-started browser down with it) instead of finishing it.
                self._holder.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._holder
