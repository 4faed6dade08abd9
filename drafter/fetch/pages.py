"""Where each page of a run comes from: the page cache when fresh, the network otherwise.

    use       a fresh cached page (and its cached extraction) is used as is; a stale one is
              re-validated with If-None-Match / If-Modified-Since; anything else is fetched
    refresh   every page is fetched again (the cache is written, never read)
    offline   only the cache is read, however old; an uncached page fails with that reason
    off       the cache is neither read nor written

The HTTP client is opened on the first page that needs the network, so a run served from
the cache never imports httpx (nor asyncio, when drafter.gathering finds every page ready).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Callable, Mapping
from contextlib import AsyncExitStack
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from drafter.config import DEFAULT_CACHE_DAYS, CacheMode, FetchSettings
from drafter.fetch.cache import (
    CachedPage,
    PageCache,
    body_digest,
    extraction_key,
    extractor_fingerprint,
)
from drafter.models import Extracted, FetchResult

if TYPE_CHECKING:
    import asyncio

    import httpx

    from drafter.fetch.client import Fetcher

FetchPage = Callable[[str, Mapping[str, str]], Awaitable[FetchResult]]
OFFLINE_MISS = "not in the page cache (--offline)"
UNREADABLE = "the cached page could not be read"
DAY = 24 * 3600.0


class Network:
    """The run's HTTP client and Fetcher, opened on first use; `aclose()` in a finally."""

    def __init__(
        self, settings: FetchSettings, transport: httpx.AsyncBaseTransport | None = None
    ) -> None:
        self.settings = settings
        self.transport = transport
        self._stack = AsyncExitStack()
        self._fetcher: Fetcher | None = None
        self._opening: asyncio.Lock | None = None

    async def fetch(
        self, url: str, headers: Mapping[str, str], *, bookmarked: bool = True
    ) -> FetchResult:
        """Fetch one URL (see Fetcher.fetch), opening the client first if need be."""
        if self._fetcher is None:
            if self._opening is None:
                import asyncio  # noqa: PLC0415 (not for a run served from the cache)

                self._opening = asyncio.Lock()
            async with self._opening:
                if self._fetcher is None:
                    from drafter.fetch.client import Fetcher, build_client  # noqa: PLC0415 (httpx only when needed)

                    client = build_client(self.settings, self.transport)
                    await self._stack.enter_async_context(client)
                    self._fetcher = Fetcher(client, self.settings)
        return await self._fetcher.fetch(url, headers or None, bookmarked=bookmarked)

    async def aclose(self) -> None:
        await self._stack.aclose()


@dataclass(frozen=True)
class Page:
    """A page for extraction and where it came from; a cached body loads on demand."""

    fetched: FetchResult
    digest: str | None = None
    origin: Literal["network", "cache", "revalidated", "failed"] = "network"
    stored: bool = True  # the body can be read back from the cache
    # What an earlier run extracted from it, when already looked up (see PageSource.ready).
    extracted: Extracted | None = None

    def spilled(self) -> Page:
        """This page without its body when the cache holds it, so a queue of pages waiting
        for an extractor costs no memory; `PageSource.with_body` reads it back in turn."""
        if not self.stored or self.fetched.body is None:
            return self
        return dataclasses.replace(self, fetched=dataclasses.replace(self.fetched, body=None))


class PageSource:
    """Pages for one run, through the cache as `mode` says (see the module docstring)."""

    def __init__(
        self,
        cache: PageCache | None,
        fetch: FetchPage,
        *,
        mode: CacheMode = "use",
        max_age_days: float = DEFAULT_CACHE_DAYS,
        lead_max: tuple[int, int] = (200, 400),
        variant: str = "",  # whatever else extraction depends on (the site's own profiles)
    ) -> None:
        self.cache = cache if mode != "off" else None
        self.fetch = fetch
        self.mode = mode
        self.max_age = max_age_days * DAY
        self.lead_max = lead_max
        self.variant = variant
        self._fingerprint: str | None = None
        self._wrote = False
        # Pages looked up by `needs_work` or `ready`, handed out once by `page`: a run reads
        # each row once (the file stays the one place they are kept between runs).
        self._looked_up: dict[str, Page | CachedPage | None] = {}

    def _stored(self, url: str) -> CachedPage | None:
        if self.cache is None or self.mode == "refresh":
            return None
        return self.cache.page(url)

    def _usable(self, stored: CachedPage) -> bool:
        return self.mode == "offline" or stored.is_fresh(self.max_age)

    def _look_up(self, url: str) -> Page | CachedPage | None:
        """The usable cached page for `url` with its cached extraction, if any; else the
        stale stored page, or None."""
        stored = self._stored(url)
        if stored is None or not self._usable(stored):
            return stored
        page = Page(stored.as_fetched(), stored.digest, "cache")
        return dataclasses.replace(page, extracted=self.extraction(page))

    def _ahead(self, url: str) -> Page | CachedPage | None:
        """`_look_up`, kept until `page` takes it: a run reads each row once."""
        if url not in self._looked_up:
            self._looked_up[url] = self._look_up(url)
        return self._looked_up[url]

    def needs_work(self, url: str) -> bool:
        """Whether this URL will need the network or an extraction (sizes the worker pool)."""
        found = self._ahead(url)
        if found is None:
            return self.mode != "offline"
        return not isinstance(found, Page) or found.extracted is None

    def ready(self, url: str) -> Page | None:
        """The cached page with its cached extraction, when this URL needs neither the
        network nor an extractor (then `page` returns it at once); else None."""
        found = self._ahead(url)
        return found if isinstance(found, Page) and found.extracted is not None else None

    async def page(self, url: str) -> Page:
        """The page for a normalised URL; a failure comes back as `fetched.error`."""
        found = self._looked_up.pop(url) if url in self._looked_up else self._look_up(url)
        if isinstance(found, Page):
            return found
        if self.mode == "offline":
            return Page(FetchResult(url=url, error=OFFLINE_MISS), origin="failed")
        return await self._from_network(url, found)

    async def _from_network(self, url: str, stored: CachedPage | None) -> Page:
        """The page fetched (conditionally, when a stale copy is `stored`)."""
        fetched = await self.fetch(url, stored.validators() if stored is not None else {})
        if stored is not None and self.cache is not None and fetched.status == 304:
            current = self.cache.revalidated(stored, fetched.headers)
            fetched = dataclasses.replace(current.as_fetched(), elapsed=fetched.elapsed)
            return Page(fetched, current.digest, "revalidated")
        if fetched.status == 304:  # asked nothing conditional, yet told "not modified"
            fetched = dataclasses.replace(fetched, error="HTTP 304 Not Modified without a copy")
        if not fetched.ok or fetched.body is None:
            return Page(fetched, origin="failed")
        digest = body_digest(fetched.body)
        stored_now = self.cache is not None and self.cache.store_page(url, fetched, digest)
        self._wrote = self._wrote or stored_now
        return Page(fetched, digest, "network", stored=stored_now)

    def _key(self, page: Page) -> str | None:
        if page.digest is None:
            return None
        if self._fingerprint is None:
            self._fingerprint = extractor_fingerprint()
        return extraction_key(
            page.fetched, page.digest, self._fingerprint + self.variant, self.lead_max
        )

    def extraction(self, page: Page) -> Extracted | None:
        """What an earlier run extracted from these very bytes at this URL, or None."""
        if page.extracted is not None:
            return page.extracted
        if self.cache is None or self.mode == "refresh":
            return None
        key = self._key(page)
        return self.cache.extraction(key) if key is not None else None

    def keep_extraction(self, page: Page, extracted: Extracted) -> None:
        """Store what extraction made of a page, beside the page."""
        key = self._key(page)
        if self.cache is not None and key is not None:
            self.cache.store_extraction(key, extracted)

    def close(self) -> None:
        """Prune long-unused entries (only after a run that stored something), then close."""
        if self.cache is not None:
            if self._wrote:
                self.cache.prune()
            self.cache.close()

    async def with_body(self, page: Page) -> Page:
        """The page with its body, read back from the cache when not yet loaded; when the
        cache no longer holds these very bytes (unreadable, cleared, or replaced by another
        run meanwhile), fetched again, for the page was fetched fine once. Only --offline,
        which fetches nothing, fails the article then."""
        if page.fetched.body is not None or page.digest is None:
            return page
        if self.cache is not None:
            stored = self.cache.page(page.fetched.url, with_body=True)
            if stored is not None and stored.body is not None and stored.digest == page.digest:
                return dataclasses.replace(
                    page, fetched=dataclasses.replace(page.fetched, body=stored.body)
                )
        if self.mode == "offline":
            failed = dataclasses.replace(page.fetched, error=UNREADABLE)
            return Page(failed, origin="failed")
        fetched = await self.fetch(page.fetched.url, {})
        if not fetched.ok or fetched.body is None:
            return Page(fetched, origin="failed")
        # Kept in memory, not stored: it goes to an extractor now, and the cache failed it once.
        return Page(fetched, body_digest(fetched.body), "network", stored=False)
