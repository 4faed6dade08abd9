"""Rendering in a real browser: Playwright driving a Chromium already installed on the machine.

Used only for the pages whose static HTML gave no title or lead (or for every page with
``--render always``). Playwright is imported here and only when a page needs rendering, so
drafter works without the ``browser`` extra. One browser serves a whole run, with a bounded
number of pages open at once and a deadline per page, and it is always closed: on success,
on errors and on Ctrl-C (``open_browser`` is an async context manager, and cancelling the run
closes it on the way out).

Chromium itself (which executable, its arguments, proxy, trusted certificates, memory cap)
is set up in drafter.fetch.chromium.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import re
import tempfile
import time
import urllib.parse
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drafter.config import (
    DEFAULT_MAX_BYTES,
    DEFAULT_RENDER_PAGES,
    DEFAULT_RENDER_SETTLE,
    Settings,
)
from drafter.fetch.addresses import Route as AddressRoute
from drafter.fetch.addresses import is_ip_literal, resolves_public
from drafter.fetch.chromium import (
    BROWSER_DATA_LIMIT_MIB,
    NO_SANDBOX,
    NO_SANDBOX_WARNING,
    BrowserUnavailable,
    chromium_args,
    find_browser,
    memory_capped,
    proxy_settings,
    trust_cache,
    trusting_home,
)
from drafter.urls import redact_text

if TYPE_CHECKING:
    from playwright.async_api import BrowserContext, Page, Route, WebSocketRoute

HTML_DOCUMENTS = frozenset({"text/html", "application/xhtml+xml"})
# The rendered page comes back only when its text fits the size cap: counting text first
# means a page whose script wrote 80 MB of text is refused without serialising it.
_READ_CAPPED = """(cap) => {
  let size = 0;
  const walker = document.createTreeWalker(document, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    size += walker.currentNode.length;
    if (size > cap) return size;
  }
  const root = document.documentElement;
  const html = root ? root.outerHTML : "";
  if (html.length > cap) return html.length;
  return [document.contentType, (document.doctype ? "<!DOCTYPE html>\\n" : "") + html];
}"""
# What a page needs for its text; images, media and fonts only cost time.
SKIPPED_RESOURCES = frozenset({"image", "media", "font"})
LAUNCH_TIMEOUT = 30.0  # seconds Chromium may take to start
# Chromium creates $TMPDIR/.org.chromium.Chromium.XXXXXX/SingletonSocket and will not start when
# that path is longer than a Unix socket address may be (108 bytes); a longer TMPDIR gets /tmp.
SOCKET_DIR_MAX = 60
CLOSE_TIMEOUT = 10.0  # seconds to close it before we leave it to Playwright's driver

log = logging.getLogger(__name__)


class _Refused(Exception):
    """The rendered page may not be used: too big, not HTML, or somewhere it may not be."""


@dataclass(frozen=True)
class Rendered:
    """One page as the browser built it: its HTML, or an error saying why not."""

    url: str
    final_url: str | None = None
    html: str | None = None
    error: str | None = None
    elapsed: float = 0.0


def _first_line(exc: BaseException) -> str:
    """Playwright's message without its call log or the API name in front."""
    text = str(getattr(exc, "message", None) or exc).strip().splitlines()
    line = text[0] if text else type(exc).__name__
    return re.sub(r"^[A-Za-z]+\.[A-Za-z]+: ", "", line)


async def _close(context: BrowserContext) -> None:
    """Close the browser, bounded: a hung browser is left to the driver, which kills it on exit."""
    from playwright.async_api import Error as PlaywrightError

    with contextlib.suppress(PlaywrightError, TimeoutError):
        async with asyncio.timeout(CLOSE_TIMEOUT):
            await context.close()


class Browser:
    """One browser for the run: `render(url)` gives the page's HTML after its scripts ran."""

    def __init__(
        self,
        context: BrowserContext,
        *,
        timeout: float,
        pages: int = DEFAULT_RENDER_PAGES,
        settle: float = DEFAULT_RENDER_SETTLE,
        ca_problem: str | None = None,
        max_bytes: int = DEFAULT_MAX_BYTES,
        direct: bool = True,  # False through a proxy, which resolves names for the browser
    ) -> None:
        self.context = context
        self.ca_problem = ca_problem  # why SSL_CERT_FILE could not be trusted, if it could not
        self.timeout = timeout
        self.settle = settle
        self.max_bytes = max_bytes
        self.direct = direct
        self._slots = asyncio.Semaphore(pages)
        self._bookmarks: dict[object, AddressRoute] = {}  # each open page → its bookmark
        self._public: dict[str, bool] = {}  # host → whether it resolves to public addresses

    async def _allowed(self, url: str, page: object) -> bool:
        """The address policy (drafter.fetch.addresses) for one request of a page."""
        parts = urllib.parse.urlsplit(url)
        if parts.scheme in ("data", "blob", "about"):  # never leave the browser
            return True
        if parts.scheme not in ("http", "https", "ws", "wss"):
            return False
        host = parts.hostname or ""
        bookmark = self._bookmarks.get(page)
        if bookmark is not None and bookmark.may_be_private(host):
            return True
        if not self.direct and host != "localhost" and not is_ip_literal(host):
            return True  # the proxy resolves it, and reaches what it reaches
        if host not in self._public:
            self._public[host] = await resolves_public(host, parts.port)
        return self._public[host]

    async def guard(self, route: Route) -> None:
        """Every request of every page: skip the heavy ones, refuse non-public addresses."""
        from playwright.async_api import Error as PlaywrightError

        request = route.request
        if request.resource_type in SKIPPED_RESOURCES:
            await route.abort()
            return
        try:
            page: object = request.frame.page
        except PlaywrightError:  # a service worker's request: no page, so no bookmark
            page = None
        if await self._allowed(request.url, page):
            await route.fallback()
        else:
            await route.abort("blockedbyclient")

    async def guard_socket(self, socket: WebSocketRoute) -> None:
        if await self._allowed(socket.url, None):
            socket.connect_to_server()
        else:
            await socket.close(code=1008, reason="blocked")

    async def _read(self, page: Page) -> str:
        """The page as HTML, if it is an HTML document within the size cap; else _Refused."""
        read = await page.evaluate(_READ_CAPPED, self.max_bytes)
        if not isinstance(read, list):
            raise _Refused(f"page larger than {self.max_bytes // 1024} KB in the browser")
        content_type, html = str(read[0]), str(read[1])
        if content_type not in HTML_DOCUMENTS:
            raise _Refused(f"not an HTML page ({content_type})")
        if urllib.parse.urlsplit(page.url).scheme not in ("http", "https"):
            raise _Refused("the page went where it may not (a blocked address)")
        if len(html.encode("utf-8")) > self.max_bytes:
            raise _Refused(f"page larger than {self.max_bytes // 1024} KB in the browser")
        return html

    async def render(self, url: str, timeout: float | None = None) -> Rendered:
        """Load `url`, let its scripts run, and return the DOM as HTML; never raises per page.
        `timeout`: what is left of the article's limit (default: all of it)."""
        from playwright.async_api import Error as PlaywrightError

        async with self._slots:
            started = time.monotonic()
            loop = asyncio.get_running_loop()
            deadline = loop.time() + (self.timeout if timeout is None else timeout)
            page = None
            try:
                async with asyncio.timeout_at(deadline):
                    page = await self.context.new_page()
                    host = urllib.parse.urlsplit(url).hostname or ""
                    self._bookmarks[page] = AddressRoute(host, await resolves_public(host))
                    response = await page.goto(url, wait_until="load")
                    if response is not None and response.status >= 400:
                        status = f"HTTP {response.status} {response.status_text}".strip()
                        return self._failed(url, status, started)
                    # Pages that fetch their article after `load`: give them a moment, bounded.
                    settle = min(self.settle, deadline - loop.time() - 1.0)
                    if settle > 0:
                        with contextlib.suppress(PlaywrightError):
                            await page.wait_for_load_state("networkidle", timeout=settle * 1000)
                    html = await self._read(page)
                    return Rendered(
                        url=url,
                        final_url=page.url,
                        html=html,
                        elapsed=time.monotonic() - started,
                    )
            except TimeoutError:
                limit = f"took longer than {self.timeout:g}s in the browser (the per-article limit)"
                return self._failed(url, limit, started)
            except _Refused as exc:
                return self._failed(url, str(exc), started)
            except PlaywrightError as exc:
                error = f"browser: {_first_line(exc)}"
                if "crashed" in error:  # most often the data limit, reached
                    error += f" (a page may use {BROWSER_DATA_LIMIT_MIB} MiB)"
                if self.ca_problem and "ERR_CERT" in error:
                    error += f" ({self.ca_problem})"
                return self._failed(url, error, started)
            finally:
                if page is not None:
                    self._bookmarks.pop(page, None)
                    with contextlib.suppress(PlaywrightError):
                        await page.close()

    @staticmethod
    def _failed(url: str, error: str, started: float) -> Rendered:
        return Rendered(url=url, error=redact_text(error), elapsed=time.monotonic() - started)


def _launch_options(
    executable: str, profile: Path, environ: Mapping[str, str], settings: Settings
) -> dict[str, Any]:
    options: dict[str, Any] = {
        "user_data_dir": profile,
        "executable_path": executable,
        "headless": True,
        "args": chromium_args(),
        "env": dict(environ),
        "timeout": LAUNCH_TIMEOUT * 1000,
        "locale": "ja-JP",
        "extra_http_headers": {"Accept-Language": settings.fetch.accept_language},
        "accept_downloads": False,
        "service_workers": "block",
    }
    if proxy := proxy_settings():
        options["proxy"] = proxy
    return options


@contextlib.asynccontextmanager
async def open_browser(settings: Settings) -> AsyncIterator[Browser]:
    """Start the browser (BrowserUnavailable if it cannot be), yield it, always close it."""
    executable = find_browser(settings.browser)
    try:
        from playwright.async_api import Error as PlaywrightError
        from playwright.async_api import async_playwright
    except ImportError as exc:
        raise BrowserUnavailable(
            "Playwright is not installed (pip install 'episode-drafter[browser]')"
        ) from exc

    with tempfile.TemporaryDirectory(prefix="drafter-browser-", ignore_cleanup_errors=True) as tmp:
        environ = dict(os.environ)
        if len(tempfile.gettempdir()) > SOCKET_DIR_MAX and Path("/tmp").is_dir():  # noqa: S108
            environ["TMPDIR"] = "/tmp"  # noqa: S108  # Chromium puts a Unix socket there
        ca_file = os.environ.get("SSL_CERT_FILE")
        ca_problem = None
        if ca_file:
            home = Path(tmp) / "home"
            # A missing certutil is not fatal: pages signed by that CA fail one by one, saying so.
            ca_problem = await asyncio.to_thread(trusting_home, home, Path(ca_file), trust_cache())
            if ca_problem is None:
                environ["HOME"] = str(home)
        executable = memory_capped(executable, Path(tmp))
        options = _launch_options(executable, Path(tmp) / "profile", environ, settings)
        if NO_SANDBOX in options["args"]:
            log.warning(NO_SANDBOX_WARNING)
        async with contextlib.AsyncExitStack() as stack:
            try:
                playwright = await stack.enter_async_context(async_playwright())
            except Exception as exc:  # the driver itself would not start
                raise BrowserUnavailable(f"Playwright would not start: {_first_line(exc)}") from exc
            try:
                context = await playwright.chromium.launch_persistent_context(**options)
            except PlaywrightError as exc:
                raise BrowserUnavailable(
                    f"{executable} would not start: {_first_line(exc)}"
                ) from exc
            stack.push_async_callback(_close, context)
            browser = Browser(
                context,
                timeout=settings.fetch.timeout,
                ca_problem=ca_problem,
                max_bytes=settings.fetch.max_bytes,
                direct="proxy" not in options,
            )
            await context.route("**/*", browser.guard)
            await context.route_web_socket("**/*", browser.guard_socket)
            yield browser
