"""Which addresses a page may lead drafter to: the address policy of fetching and rendering.

A bookmark is the user's choice, so its own host is fetched wherever it is, an intranet
name or 127.0.0.1 included. Everything else a page leads to (a redirect, or a request its
script makes in the browser) must reach a public address: a page on a public host cannot
send drafter to loopback, a private range (10/8, 172.16/12, 192.168/16, fc00::/7),
link-local (169.254/16, where cloud metadata lives) or any other non-global address. When
the bookmark's own host is not public, its redirects and requests may stay on that host.

Both the name and the connection are checked: a redirect's host is resolved before any
byte is sent (so a refused target is refused the same way whether it would have answered,
404'd or not listened at all), and the address each response actually came from is checked
again, which a name that resolves differently the second time cannot get past.

DRAFTER_TEST_PUBLIC_ADDRESSES (for tests only) names addresses to treat as public, so that
tests can stand a "public" host on a second loopback address and never leave the machine.
"""

from __future__ import annotations

import asyncio
import ipaddress
import os
import socket
from contextvars import ContextVar
from dataclasses import dataclass

TEST_PUBLIC_VARIABLE = "DRAFTER_TEST_PUBLIC_ADDRESSES"
REFUSED = "refused: it leads to a non-public address ({host}), which only a bookmark may name"


class RefusedAddress(Exception):
    """A page led to a non-public address its bookmark did not name."""

    def __init__(self, host: str) -> None:
        super().__init__(REFUSED.format(host=host))


def _treated_as_public() -> frozenset[str]:
    return frozenset(os.environ.get(TEST_PUBLIC_VARIABLE, "").replace(",", " ").split())


def is_public(address: str) -> bool:
    """Whether an IP address is one on the open internet (False for anything unparsable)."""
    try:
        ip = ipaddress.ip_address(address.strip("[]").split("%", 1)[0])
    except ValueError:
        return False
    if str(ip) in _treated_as_public():
        return True
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


def is_ip_literal(host: str) -> bool:
    """Whether a URL's host is an IP address rather than a name."""
    try:
        ipaddress.ip_address(host.strip("[]").split("%", 1)[0])
    except ValueError:
        return False
    return True


async def resolves_public(host: str, port: int | None = None) -> bool:
    """Whether every address `host` resolves to is public (False when it does not resolve)."""
    host = host.strip("[]")
    if is_ip_literal(host):
        return is_public(host)
    try:
        found = await asyncio.get_running_loop().getaddrinfo(
            host, port or 80, type=socket.SOCK_STREAM
        )
    except (OSError, UnicodeError):
        return False
    return bool(found) and all(is_public(str(entry[4][0])) for entry in found)


@dataclass
class Route:
    """One bookmark's way through redirects (or one page's requests in the browser)."""

    bookmark_host: str
    bookmark_public: bool | None = None  # learned from its first connection

    def may_be_private(self, host: str) -> bool:
        """Whether `host` may be at a non-public address: only a non-public bookmark's own."""
        return self.bookmark_public is False and host.lower() == self.bookmark_host.lower()

    async def check_target(self, host: str, port: int | None) -> None:
        """Before connecting to a redirect's target: RefusedAddress unless allowed."""
        if self.may_be_private(host) or await resolves_public(host, port):
            return
        raise RefusedAddress(host)

    def check_peer(self, host: str, peer: str | None) -> None:
        """After a response: the address it really came from. The first one decides whether
        the bookmark is public; `peer` is None when unknown (a proxy, a test transport)."""
        if self.bookmark_public is None:
            self.bookmark_public = peer is None or is_public(peer)
            return
        if peer is not None and not is_public(peer) and not self.may_be_private(host):
            raise RefusedAddress(host)


# The route of the fetch running in this task; the HTTP client's hooks read it.
CURRENT_ROUTE: ContextVar[Route | None] = ContextVar("drafter_route", default=None)
