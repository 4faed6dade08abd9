"""Which addresses a page may lead drafter to: the address policy of fetching and rendering.

A bookmark is the user's choice, so its own host is fetched wherever it is, an intranet
name or 127.0.0.1 included. Everything else a page leads to (a redirect, or a request its
script makes in the browser) must reach a public address: a page on a public host cannot
send drafter to loopback, a private range (10/8, 172.16/12, 192.168/16, fc00::/7),
link-local (169.254/16, where cloud metadata lives) or any other non-global address. When
the bookmark's own host is not public, its redirects and requests may stay on that host.
A URL no bookmark named (a link `drafter check` reads off an episode page, outside the
article headings) is held to the policy from its very first request.

Both the name and the connection are checked: a redirect's host is resolved before any
byte is sent (so a refused target is refused the same way whether it would have answered,
404'd or not listened at all), and the address each response actually came from is checked
again, which a name that resolves differently the second time cannot get past.

An address is read in every form a resolver or a browser reads it: 0177.0.0.1, 0x7f.1 and
2130706433 are 127.0.0.1 (inet_aton's octal, hex and one-to-four-part forms), and an IPv6
address that carries an IPv4 one on (IPv4-mapped or -translated, 6to4, NAT64) is as public
as the IPv4 address it leads to.

DRAFTER_TEST_PUBLIC_ADDRESSES (for tests only) names addresses to treat as public, so that
tests can stand a "public" host on a second loopback address and never leave the machine.
"""

from __future__ import annotations

import asyncio
import ipaddress
import os
import re
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


# IPv6 prefixes whose last 32 bits are an IPv4 address the packet is carried on to:
# NAT64's well-known prefix (RFC 6052) and SIIT's IPv4-translated addresses (RFC 2765).
_CARRIES_IPV4 = (
    ipaddress.IPv6Network("64:ff9b::/96"),
    ipaddress.IPv6Network("::ffff:0:0:0/96"),
)
# Never public, whatever they carry: NAT64 for local use (RFC 8215, where the IPv4 address
# sits depends on the network) and the deprecated IPv4-compatible addresses (RFC 4291).
_NEVER_PUBLIC = (ipaddress.IPv6Network("64:ff9b:1::/48"), ipaddress.IPv6Network("::/96"))
# One part of an address as inet_aton and the URL standard read it: hex, octal or decimal.
_IPV4_PART = re.compile(r"0[xX](?P<hex>[0-9a-fA-F]*)|0(?P<octal>[0-7]*)|(?P<decimal>[1-9][0-9]*)")
_IPV4_PART_DIGITS = 12  # more digits than 0xffffffff needs in any base: not an address


def _ipv4_in_other_form(host: str) -> ipaddress.IPv4Address | None:
    """A host in inet_aton's forms (0177.0.0.1, 0x7f.1, 127.1, 2130706433; a trailing dot
    as browsers allow it) as the IPv4 address it names, or None when it is not one."""
    parts = host.removesuffix(".").split(".")
    if not 1 <= len(parts) <= 4:
        return None
    numbers = []
    for part in parts:
        match = _IPV4_PART.fullmatch(part)
        if match is None or len(part) > _IPV4_PART_DIGITS:
            return None
        if (digits := match.group("hex")) is not None:
            numbers.append(int(digits or "0", 16))
        elif (digits := match.group("octal")) is not None:
            numbers.append(int(digits or "0", 8))
        else:
            numbers.append(int(match.group("decimal")))
    *leading, last = numbers
    if any(number > 255 for number in leading) or last >= 256 ** (5 - len(numbers)):
        return None
    value = last
    for index, number in enumerate(leading):
        value += number << (8 * (3 - index))
    return ipaddress.IPv4Address(value)


def ip_of(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The IP address a URL's host (or a socket's peer) names, in any form a resolver reads,
    or None for a name."""
    host = host.strip("[]").split("%", 1)[0]
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        return _ipv4_in_other_form(host)


def _carried_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one leads to (mapped, 6to4, NAT64, translated), or None."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if any(ip in prefix for prefix in _CARRIES_IPV4):
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def is_public(address: str) -> bool:
    """Whether an IP address is one on the open internet (False for anything unparsable)."""
    ip = ip_of(address)
    if ip is None:
        return False
    if str(ip) in _treated_as_public():
        return True
    if isinstance(ip, ipaddress.IPv6Address):
        if any(ip in prefix for prefix in _NEVER_PUBLIC):
            return False
        ip = _carried_ipv4(ip) or ip
    return ip.is_global and not ip.is_multicast


def is_ip_literal(host: str) -> bool:
    """Whether a URL's host is an IP address rather than a name (0177.0.0.1 is one)."""
    return ip_of(host) is not None


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

    @classmethod
    def unbookmarked(cls, host: str) -> Route:
        """The route of a URL no bookmark named (a link `check` read off a page): held to
        the policy from its very first request, as if a public page had led to it."""
        return cls(host, bookmark_public=True)

    def may_be_private(self, host: str) -> bool:
        """Whether `host` may be at a non-public address: only a non-public bookmark's own."""
        return self.bookmark_public is False and host.lower() == self.bookmark_host.lower()

    async def check_target(self, host: str, port: int | None) -> None:
        """Before connecting to a redirect's target: RefusedAddress unless allowed."""
        if self.may_be_private(host) or await resolves_public(host, port):
            return
        raise RefusedAddress(host)

    def check_location(self, host: str) -> None:
        """Before a redirect is even parsed: RefusedAddress when its host is a non-public
        address in any form (0177.0.0.1, which the HTTP client cannot parse, included);
        names are left to check_target."""
        if ip_of(host) is None or is_public(host) or self.may_be_private(host):
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
