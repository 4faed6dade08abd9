"""Hermetic tests: no proxy or CA from the outside, caches in tmp_path, a real local server."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

import drafter.extract.fallback
from drafter.fetch.addresses import TEST_PUBLIC_VARIABLE
from tests.server import LocalServer

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
PUBLIC_ADDRESS = "127.0.0.2"  # a second loopback address, playing a public host

_OUTSIDE_VARIABLES = (
    "HTTP_PROXY",
    "HTTPS_PROXY",
    "ALL_PROXY",
    "NO_PROXY",
    "http_proxy",
    "https_proxy",
    "all_proxy",
    "no_proxy",
    "SSL_CERT_FILE",
    "SSL_CERT_DIR",
    "REQUESTS_CA_BUNDLE",
    "CURL_CA_BUNDLE",
    "VISUAL",
    "EDITOR",
)


@pytest.fixture(autouse=True)
def clean_environ(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in _OUTSIDE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))


@pytest.fixture
def server() -> Iterator[LocalServer]:
    running = LocalServer().start()
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture
def public(monkeypatch: pytest.MonkeyPatch) -> Iterator[LocalServer]:
    """A server playing a host on the open internet: on 127.0.0.2, which
    DRAFTER_TEST_PUBLIC_ADDRESSES tells drafter (and the CLI run in a child) to treat as
    public, beside `server`'s 127.0.0.1, which stays internal."""
    monkeypatch.setenv(TEST_PUBLIC_VARIABLE, PUBLIC_ADDRESS)
    running = LocalServer(host=PUBLIC_ADDRESS).start()
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """An empty Hugo site: a folder with hugo.toml."""
    root = tmp_path / "site"
    root.mkdir()
    (root / "hugo.toml").write_text('title = "Test cast"\n', encoding="utf-8")
    return root


def run_drafter(
    *args: str,
    cwd: Path,
    stdin: bytes | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 60,
) -> subprocess.CompletedProcess[str]:
    """Run the real CLI in a child process, as a user would."""
    full_env = dict(os.environ)
    full_env.update(env or {})
    full_env["COLUMNS"] = "200"
    result = subprocess.run(
        [sys.executable, "-m", "drafter", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        env=full_env,
        timeout=timeout,
        check=False,
    )
    return subprocess.CompletedProcess(
        result.args,
        result.returncode,
        result.stdout.decode("utf-8", "replace"),
        result.stderr.decode("utf-8", "replace"),
    )


@dataclass
class TrafilaturaReads:
    """What extraction handed trafilatura, call by call (the real function still runs)."""

    calls: list[tuple[str, str]] = field(default_factory=list)  # (url, html)

    @property
    def urls(self) -> list[str]:
        return [url for url, _ in self.calls]

    @property
    def documents(self) -> list[str]:
        return [html for _, html in self.calls]


@pytest.fixture
def trafilatura_reads(monkeypatch: pytest.MonkeyPatch) -> TrafilaturaReads:
    reads = TrafilaturaReads()
    real: Callable[..., Any] = drafter.extract.fallback.trafilatura.bare_extraction

    def spy(html: str, *args: Any, **kwargs: Any) -> Any:
        reads.calls.append((kwargs.get("url", ""), html))
        return real(html, *args, **kwargs)

    monkeypatch.setattr(drafter.extract.fallback.trafilatura, "bare_extraction", spy)
    return reads
