"""Whether the links of a published page still answer, and where they lead now.

Through the same fetcher and page cache as drafting (per-host limits, retries, the
per-article deadline; a page fetched within `cache_days` is not asked again), so checking
an episode right after drafting it costs no request.
"""

from __future__ import annotations

import asyncio
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import SplitResult, urlsplit

from drafter.config import CacheMode, Settings
from drafter.fetch.cache import PageCache, cache_file
from drafter.fetch.pages import Network, PageSource
from drafter.models import FetchResult

if TYPE_CHECKING:
    import httpx

# Failures that still mean the server answered with a page: the link works, drafter just
# would not quote it (a PDF, an image, an empty or huge body).
ANSWERED = ("not an HTML page", "empty response", "page larger than")


@dataclass(frozen=True)
class LinkStatus:
    """What one link gave: `error` when it no longer answers, `moved_to` when it now
    redirects somewhere else."""

    url: str
    error: str | None = None
    moved_to: str | None = None


def _same_place(url: str, final: str) -> bool:
    """Whether a redirect only tidied the URL: http to https, `www.`, a trailing slash."""
    before, after = urlsplit(url), urlsplit(final)

    def host(parts: SplitResult) -> str:
        return (parts.hostname or "").lower().removeprefix("www.")

    return (
        host(before) == host(after)
        and before.path.rstrip("/") == after.path.rstrip("/")
        and before.query == after.query
    )


def _status(url: str, final: str | None, error: str | None) -> LinkStatus:
    if error is not None and not error.startswith(ANSWERED):
        return LinkStatus(url, error=error)
    if final and not _same_place(url, final):
        return LinkStatus(url, moved_to=final)
    return LinkStatus(url)


async def _statuses(
    urls: Sequence[str],
    settings: Settings,
    bookmarked: Collection[str],
    cache: CacheMode,
    transport: httpx.AsyncBaseTransport | None,
) -> list[LinkStatus]:
    network = Network(settings.fetch, transport)

    async def fetch(url: str, headers: Mapping[str, str]) -> FetchResult:
        return await network.fetch(url, headers, bookmarked=url in bookmarked)

    pages = PageSource(
        PageCache(cache_file()) if cache != "off" else None,
        fetch,
        mode=cache,
        max_age_days=settings.cache_days,
    )

    async def one(url: str) -> LinkStatus:
        page = await pages.page(url)
        return _status(url, page.fetched.final_url, page.fetched.error)

    try:
        return list(await asyncio.gather(*(one(url) for url in urls)))
    finally:
        await network.aclose()
        pages.close()


def link_statuses(
    urls: Sequence[str],
    settings: Settings,
    *,
    bookmarked: Collection[str] = (),
    cache: CacheMode = "use",
    transport: httpx.AsyncBaseTransport | None = None,
) -> list[LinkStatus]:
    """The status of each URL (normalised, http or https), in the order given. A URL in
    `bookmarked` is fetched as a bookmark is, wherever its host is; any other must be at a
    public address, from its first request on (drafter.fetch.addresses)."""
    if not urls:
        return []
    return asyncio.run(_statuses(urls, settings, bookmarked, cache, transport))
