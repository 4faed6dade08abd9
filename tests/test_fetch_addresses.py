"""The address policy: a bookmark's own host is fetched wherever it is; a page on a public
host cannot lead drafter to a non-public address, and cannot tell which of those answer.

Everything stays on loopback: a second loopback address, 127.0.0.2, plays the public host
(DRAFTER_TEST_PUBLIC_ADDRESSES), and 127.0.0.1 the internal one.
"""

from __future__ import annotations

import asyncio
import re
import socket
from pathlib import Path

import pytest

from drafter.config import FetchSettings
from drafter.draft.render import FAILURE_MARKER
from drafter.fetch import addresses
from drafter.fetch.addresses import TEST_PUBLIC_VARIABLE, is_ip_literal, is_public
from drafter.fetch.client import Fetcher, build_client
from drafter.models import FetchResult
from tests.conftest import PUBLIC_ADDRESS, run_drafter
from tests.samples import EN_PARAGRAPHS, article_html
from tests.server import LocalServer, page, redirect
from tests.test_faults import GOOD_PAGE, GOOD_TITLE, draft_path, no_traceback, section_of

PUBLIC = PUBLIC_ADDRESS
SECRET = article_html("Internal secret", EN_PARAGRAPHS, site_name="Intranet")
INTRANET = article_html("Intranet page", EN_PARAGRAPHS, site_name="Intranet")


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1",
        "0.0.0.0", "::1", "fe80::1", "fc00::1", "::ffff:127.0.0.1", "224.0.0.1", "not an ip",
    ],
)  # fmt: skip
def test_non_public_addresses(address: str) -> None:
    assert not is_public(address)


@pytest.mark.parametrize("address", ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:3c50"])
def test_public_addresses(address: str) -> None:
    assert is_public(address)


def test_a_public_page_cannot_lead_to_internal_ones(
    public: LocalServer, server: LocalServer, site: Path
) -> None:
    """Redirects to an internal page, a 404 and a closed port fail with the same words, and
    no request reaches the internal server; a bookmark naming it directly is fetched."""
    server.routes.update(
        {"/secret": page(SECRET), "/intranet": page(INTRANET), "/hop": redirect("/intranet")}
    )
    closed = closed_port()
    public.routes.update(
        {
            "/good": page(GOOD_PAGE),
            "/to-secret": redirect(server.url("/secret")),
            "/to-missing": redirect(server.url("/missing")),
            "/to-closed": redirect(f"http://127.0.0.1:{closed}/"),
            "/to-localhost": redirect(f"http://localhost:{server.port}/secret"),
            "/hop-then-secret": redirect("/to-secret"),
        }
    )
    refused = ["/to-secret", "/to-missing", "/to-closed", "/to-localhost", "/hop-then-secret"]
    urls = [public.url("/good"), *(public.url(path) for path in refused), server.url("/hop")]
    bookmarks = site / "bookmarks.txt"
    bookmarks.write_text("\n".join(urls) + "\n", encoding="utf-8")
    result = run_drafter(
        "new", "28", str(bookmarks), "--timeout", "10", "--render", "never", cwd=site,
        env={TEST_PUBLIC_VARIABLE: PUBLIC},
    )  # fmt: skip
    no_traceback(result)
    assert result.returncode == 3, result.stderr
    draft = draft_path(site).read_text(encoding="utf-8")
    assert GOOD_TITLE in draft
    assert "Intranet page" in draft  # the user's own bookmark, redirect on its host included
    assert "Internal secret" not in draft
    assert server.hits.get("/secret", 0) == 0 and server.hits.get("/missing", 0) == 0
    reasons = set()
    for url in urls[1:-1]:
        section = section_of(draft, url)
        assert FAILURE_MARKER in section, section
        reasons.add(re.sub(r"\(\S+\)", "(HOST)", section.split(FAILURE_MARKER, 1)[1]))
    assert len(reasons) == 1, reasons  # a port scanner learns nothing
    assert "non-public address" in reasons.pop()


def test_the_address_connected_to_is_checked_not_only_the_name(
    public: LocalServer, server: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A name that resolves to a public address when checked and to 127.0.0.1 when connected
    (DNS rebinding): the answer is refused by the address it came from."""
    server.routes["/secret"] = page(SECRET)
    public.routes["/rebind"] = redirect(f"http://localhost:{server.port}/secret")

    async def resolves_public(host: str, port: int | None = None) -> bool:
        return True  # what a rebinding name says the first time

    monkeypatch.setattr(addresses, "resolves_public", resolves_public)

    async def fetch() -> FetchResult:
        settings = FetchSettings(timeout=10, retries=0)
        async with build_client(settings) as client:
            return await Fetcher(client, settings).fetch(public.url("/rebind"))

    result = asyncio.run(fetch())
    assert result.body is None
    assert result.error is not None and "non-public address (localhost)" in result.error


@pytest.mark.parametrize(
    "address",
    [
        "0177.0.0.1", "0x7f.0.0.1", "2130706433", "0x7f000001", "127.1", "0177.1", "10.0x10203",
        "2002:7f00:1::", "2002:a00:1::", "64:ff9b::7f00:1", "64:ff9b::a9fe:a9fe",
        "64:ff9b:1::808:808", "::7f00:1", "::ffff:0:7f00:1",
    ],
)  # fmt: skip
def test_other_spellings_of_non_public_addresses(address: str) -> None:
    """The forms a resolver reads (inet_aton: octal, hex, one to four parts) and the IPv6
    forms that carry an IPv4 address on (6to4, NAT64, IPv4-compatible and -translated)."""
    assert is_ip_literal(address)
    assert not is_public(address)


@pytest.mark.parametrize("address", ["2002:808:808::", "64:ff9b::808:808", "0x8.8.8.8"])
def test_public_addresses_carried_in_other_forms(address: str) -> None:
    assert is_public(address)


@pytest.mark.parametrize(
    "name", ["example.com", "1.2.3.4.5", "0x7g", "08.0.0.1", "1e3", "256.1.1.1", "1.2.3.256"]
)
def test_names_that_are_not_addresses(name: str) -> None:
    assert not is_ip_literal(name)


def test_a_redirect_to_another_spelling_of_loopback_is_refused_at_once(
    public: LocalServer, server: LocalServer, site: Path
) -> None:
    """0177.0.0.1 (which httpx cannot even parse), 6to4 and NAT64 loopback: refused before
    any connection, with no retry, as any non-public redirect."""
    server.routes["/secret"] = page(SECRET)
    targets = {
        "/to-octal": f"http://0177.0.0.1:{server.port}/secret",
        "/to-6to4": f"http://[2002:7f00:1::]:{server.port}/secret",
        "/to-nat64": f"http://[64:ff9b::7f00:1]:{server.port}/secret",
    }
    public.routes.update({path: redirect(target) for path, target in targets.items()})
    urls = [public.url(path) for path in targets]
    bookmarks = site / "bookmarks.txt"
    bookmarks.write_text("\n".join(urls) + "\n", encoding="utf-8")
    result = run_drafter(
        "new", "28", str(bookmarks), "--timeout", "10", "--render", "never", cwd=site,
        env={TEST_PUBLIC_VARIABLE: PUBLIC},
    )  # fmt: skip
    no_traceback(result)
    assert result.returncode == 1, result.stderr  # every article failed
    assert public.hits == dict.fromkeys(targets, 1)  # refused at once: no retry
    assert server.hits == {}
    for url in urls:
        assert re.search(rf"failed: {re.escape(url)} — refused: .*non-public", result.stderr), (
            result.stderr
        )
