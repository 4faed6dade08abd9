"""The browser step: pages whose static HTML said too little, rendered and extracted again."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from drafter.config import Settings
from drafter.extract.parallel import article_from, labelled, read_page
from drafter.models import Article, Bookmark, Extracted, FetchResult

if TYPE_CHECKING:
    from drafter.extract.pool import ExtractionPool
    from drafter.fetch.browser import Rendered

OnArticle = Callable[[Article], None]


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


async def render_articles(
    bookmarks: Sequence[Bookmark],
    done: dict[str, Article],
    settings: Settings,
    executor: ExtractionPool | None,
    on_article: OnArticle | None = None,
) -> None:
    """Render these pages in one browser and extract them again, updating `done`; without a
    browser, each says why in its provenance and keeps what static HTML gave."""
    from drafter.fetch.browser import BrowserUnavailable, render_all  # noqa: PLC0415 (start-up)

    waiting = {bookmark.url: bookmark for bookmark in bookmarks}
    try:
        async for page in render_all(list(waiting), settings):
            bookmark = waiting.pop(page.url)
            done[page.url] = await _from_rendered(
                page, bookmark, done[page.url], settings, executor
            )
            if on_article is not None:
                on_article(done[page.url])
    except BrowserUnavailable as exc:
        for url in waiting:
            done[url] = _with_render(done[url], f"unavailable: {exc}")
            if on_article is not None:
                on_article(done[url])
