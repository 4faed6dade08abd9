"""Connection pools, one per host: what a run over many hosts costs stays per host.

httpcore's pool walks all of its connections on every request and every response, and asks
the socket of each one whether the server has closed it. With one pool for a run over twenty
hosts (two connections each, kept for reuse) that is forty checks per request, a third of
the main process's fetching CPU. Here each host (scheme, name, port) has its own small pool,
so a request looks only at its own host's connections. Beyond `keep` pools, the least
recently used one with no request in flight is closed (when the next host is asked for), so
the idle sockets stay bounded however many hosts a backlog has.
"""

from __future__ import annotations

from collections import Counter, OrderedDict
from collections.abc import AsyncIterator, Callable

import httpx

Origin = tuple[str, str, int | None]


class _Released(httpx.AsyncByteStream):
    """A response body that tells its pool when it is closed (read to the end or not)."""

    def __init__(self, stream: httpx.AsyncByteStream, release: Callable[[], None]) -> None:
        self._stream = stream
        self._release: Callable[[], None] | None = release

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._stream:
            yield chunk

    async def aclose(self) -> None:
        try:
            await self._stream.aclose()
        finally:
            if self._release is not None:
                self._release()
                self._release = None


class HostPools(httpx.AsyncBaseTransport):
    """A transport holding one connection pool per host, at most `keep` of them open."""

    def __init__(self, new_pool: Callable[[], httpx.AsyncBaseTransport], keep: int) -> None:
        self._new_pool = new_pool
        self._keep = keep
        self._pools: OrderedDict[Origin, httpx.AsyncBaseTransport] = OrderedDict()
        self._in_flight: Counter[Origin] = Counter()

    @property
    def hosts(self) -> list[Origin]:
        """The hosts with an open pool, least recently used first."""
        return list(self._pools)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        origin = (request.url.scheme, request.url.host, request.url.port)
        pool = self._pools.get(origin)
        if pool is None:
            pool = self._pools[origin] = self._new_pool()
        self._pools.move_to_end(origin)
        self._in_flight[origin] += 1
        try:
            await self._close_unused()
            response = await pool.handle_async_request(request)
        except BaseException:
            self._done(origin)
            raise
        assert isinstance(response.stream, httpx.AsyncByteStream)
        return httpx.Response(
            status_code=response.status_code,
            headers=response.headers,
            stream=_Released(response.stream, lambda: self._done(origin)),
            extensions=response.extensions,
        )

    def _done(self, origin: Origin) -> None:
        self._in_flight[origin] -= 1
        if self._in_flight[origin] <= 0:
            del self._in_flight[origin]

    async def _close_unused(self) -> None:
        """Close pools beyond `keep`, least recently used first, skipping busy ones."""
        for origin in list(self._pools):
            if len(self._pools) <= self._keep:
                return
            if self._in_flight[origin] == 0 and (pool := self._pools.pop(origin, None)):
                await pool.aclose()

    async def aclose(self) -> None:
        """Close every pool, even when closing one fails; then raise the first failure."""
        failure: BaseException | None = None
        while self._pools:
            _, pool = self._pools.popitem(last=False)
            try:
                await pool.aclose()
            except BaseException as exc:  # raised again below, once all are closed
                failure = failure or exc
        if failure is not None:
            raise failure
