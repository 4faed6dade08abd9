"""Per-host connection pools over real loopback sockets: reuse within a host, the least
recently used idle host closed beyond the limit, a busy one never, and the client that
build_client makes using them only when no proxy is set."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Awaitable, Callable

import httpx
import pytest

from drafter.config import FetchSettings
from drafter.fetch.client import build_client
from drafter.fetch.pools import HostPools


class Host:
    """An HTTP/1.1 server on its own port that counts connections opened and closed."""

    def __init__(self, delay: float = 0.0) -> None:
        self.delay = delay
        self.opened = 0
        self.closed = 0
        self.server: asyncio.Server | None = None

    async def start(self) -> Host:
        self.server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        return self

    @property
    def url(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.sockets[0].getsockname()[1]}/"

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.opened += 1
        try:
            while await reader.readuntil(b"\r\n\r\n"):
                await asyncio.sleep(self.delay)
                writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            self.closed += 1
            writer.close()

    def stop(self) -> None:
        assert self.server is not None
        self.server.close()


def pools(keep: int) -> HostPools:
    limits = httpx.Limits(max_keepalive_connections=2)
    return HostPools(lambda: httpx.AsyncHTTPTransport(limits=limits), keep=keep)


def run(test: Callable[[], Awaitable[None]]) -> None:
    asyncio.run(asyncio.wait_for(test(), timeout=30))


async def settle() -> None:
    """Give the servers' handlers a moment to see a closed connection."""
    for _ in range(20):
        await asyncio.sleep(0.01)


def test_one_host_reuses_its_connection() -> None:
    async def test() -> None:
        host = await Host().start()
        async with httpx.AsyncClient(transport=pools(keep=4)) as client:
            for _ in range(3):
                assert (await client.get(host.url)).text == "ok"
        await settle()
        assert (host.opened, host.closed) == (1, 1)  # one connection, closed with the client
        host.stop()

    run(test)


def test_beyond_the_limit_the_least_recently_used_host_is_closed() -> None:
    async def test() -> None:
        a, b, c = [await Host().start() for _ in range(3)]
        transport = pools(keep=2)
        async with httpx.AsyncClient(transport=transport) as client:
            for host in (a, b, a, c):  # b is now the least recently used
                assert (await client.get(host.url)).text == "ok"
            await settle()
            assert (a.closed, b.closed, c.closed) == (0, 1, 0)
            assert len(transport.hosts) == 2
            assert (await client.get(b.url)).text == "ok"  # b again: a new connection
            assert b.opened == 2
        for host in (a, b, c):
            host.stop()

    run(test)


def test_a_host_with_a_request_in_flight_is_not_closed() -> None:
    async def test() -> None:
        slow, b, c = await Host(delay=0.5).start(), await Host().start(), await Host().start()
        async with httpx.AsyncClient(transport=pools(keep=1)) as client:
            waiting = asyncio.create_task(client.get(slow.url))
            await asyncio.sleep(0.1)  # the slow request is in flight
            for host in (b, c):
                assert (await client.get(host.url)).text == "ok"
            assert (await waiting).text == "ok"
            assert slow.closed == 0
        for host in (slow, b, c):
            host.stop()

    run(test)


def test_a_stream_left_unread_still_frees_its_host() -> None:
    async def test() -> None:
        a, b = await Host().start(), await Host().start()
        transport = pools(keep=1)
        async with httpx.AsyncClient(transport=transport) as client:
            async with client.stream("GET", a.url) as response:
                assert response.status_code == 200  # closed without reading the body
            assert (await client.get(b.url)).text == "ok"
            assert [origin[2] for origin in transport.hosts] == [httpx.URL(b.url).port]
        for host in (a, b):
            host.stop()

    run(test)


def test_closing_closes_every_pool_even_when_one_fails() -> None:
    closed: list[int] = []

    class Pool(httpx.AsyncBaseTransport):
        def __init__(self, number: int) -> None:
            self.number = number

        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            return httpx.Response(200, content=b"ok")

        async def aclose(self) -> None:
            closed.append(self.number)
            if self.number == 0:
                raise OSError("cannot close")

    numbers = iter(range(3))
    transport = HostPools(lambda: Pool(next(numbers)), keep=3)

    async def test() -> None:
        for port in (1, 2, 3):
            request = httpx.Request("GET", f"http://127.0.0.1:{port}/")
            response = await transport.handle_async_request(request)
            await response.aclose()
        with pytest.raises(OSError, match="cannot close"):
            await transport.aclose()

    run(test)
    assert sorted(closed) == [0, 1, 2]
    assert transport.hosts == []


@pytest.mark.parametrize(
    ("proxy", "no_proxy", "per_host"),
    [(None, None, True), ("http://127.0.0.1:9", None, False), ("http://127.0.0.1:9", "*", True)],
    ids=["no proxy", "HTTPS_PROXY", "NO_PROXY=*"],
)
def test_build_client_uses_them_unless_a_proxy_is_set(
    proxy: str | None, no_proxy: str | None, per_host: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in list(os.environ):
        if name.lower().endswith("_proxy") or name == "REQUEST_METHOD":
            monkeypatch.delenv(name)
    if proxy:
        monkeypatch.setenv("HTTPS_PROXY", proxy)
    if no_proxy:
        monkeypatch.setenv("NO_PROXY", no_proxy)
    client = build_client(FetchSettings())
    assert isinstance(client._transport, HostPools) is per_host
