"""Chromium for the browser step: which executable, its arguments, its proxy, the store of
certificates it trusts, and the memory it may use.

The browser honours the settings the HTTP client does:

- HTTPS_PROXY / HTTP_PROXY / ALL_PROXY / NO_PROXY become Chromium's proxy and bypass list.
- SSL_CERT_FILE: Chromium on Linux ignores it and trusts its own store plus the user's NSS
  database (``$HOME/.pki/nssdb``). We give the browser a throw-away HOME whose NSS database
  trusts the certificates in that file (``certutil``, from Debian's ``libnss3-tools``).
  We do not use ``ignore_https_errors`` or ``--ignore-certificate-errors-spki-list``: both
  switch off verification (the SPKI list for any chain that merely *contains* the CA, which
  anyone can append), where the NSS database keeps every other check.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import os
import re
import shlex
import shutil
import subprocess
import tempfile
import urllib.parse
import urllib.request
from collections.abc import Mapping
from pathlib import Path

import platformdirs

from drafter.config import BROWSER_NAMES

RENDERER_HEAP_MIB = 128  # V8's old space per renderer: a page's script cannot grow past it
# Writable memory per browser process (RLIMIT_DATA, which counts what is committed, not the
# address space Chromium reserves): the V8 cap above leaves Blink's own memory free, and a
# 300-byte script writing 80 MB of text took the renderer past 3 GB laying it out.
BROWSER_DATA_LIMIT_MIB = 1024
# Headless, and quiet: no GPU, and none of the background connections (updates, sync, field
# trials) that a closed network refuses or a proxy logs. A page's script gets a bounded heap.
CHROMIUM_ARGS = (
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    f"--js-flags=--max-old-space-size={RENDERER_HEAP_MIB}",
)
# Chromium's sandbox refuses to start as root; only then does it go (and drafter says so).
NO_SANDBOX = "--no-sandbox"
NO_SANDBOX_WARNING = "running as root, so the browser runs without its sandbox"
NSS_FILES = ("cert9.db", "key4.db")

_PEM_CERT = re.compile(
    rb"-----BEGIN CERTIFICATE-----\s+(.+?)\s+-----END CERTIFICATE-----", re.DOTALL
)


class BrowserUnavailable(Exception):
    """No rendering at all in this run: no extra, no browser, or it would not start."""


def find_browser(configured: str | None, environ: Mapping[str, str] | None = None) -> str:
    """The browser to drive: --browser, else DRAFTER_BROWSER, else a Chromium on PATH."""
    environ = os.environ if environ is None else environ
    wanted = configured or environ.get("DRAFTER_BROWSER") or None
    if wanted:
        found = shutil.which(str(Path(wanted).expanduser()))
        if found is None:
            raise BrowserUnavailable(f"no browser executable at {wanted}")
        return found
    for name in BROWSER_NAMES:
        found = shutil.which(name)
        if found is not None:
            return found
    raise BrowserUnavailable(
        "no Chromium found (install Debian's chromium, or give --browser / DRAFTER_BROWSER)"
    )


def _bypass_rules(no_proxy: str) -> list[str]:
    """NO_PROXY as Chromium bypass rules; `example.com` covers its subdomains, as in httpx."""
    rules: list[str] = []
    for entry in (part.strip() for part in no_proxy.split(",")):
        if not entry:
            continue
        if entry.startswith(("*", ".")) or "/" in entry or entry.replace(".", "").isdigit():
            rules.append(entry)
        else:
            rules += [entry, f"*.{entry}"]
    return rules


def proxy_settings(proxies: Mapping[str, str] | None = None) -> dict[str, str] | None:
    """Playwright's `proxy` option from HTTPS_PROXY, HTTP_PROXY, ALL_PROXY and NO_PROXY.

    `proxies` maps a scheme to a proxy URL (and "no" to NO_PROXY), as
    `urllib.request.getproxies_environment()` reads them; Chromium takes one proxy for all
    schemes, so an HTTPS proxy wins, then an HTTP one, then ALL_PROXY.
    """
    proxies = urllib.request.getproxies_environment() if proxies is None else proxies
    no_proxy = proxies.get("no", "")
    if no_proxy.strip() == "*":
        return None
    server = proxies.get("https") or proxies.get("http") or proxies.get("all")
    if not server:
        return None
    if "://" not in server:
        server = f"http://{server}"
    parts = urllib.parse.urlsplit(server)
    proxy = {"server": f"{parts.scheme}://{parts.hostname}:{parts.port or 80}"}
    if parts.username:
        proxy["username"] = urllib.parse.unquote(parts.username)
        proxy["password"] = urllib.parse.unquote(parts.password or "")
    if rules := _bypass_rules(no_proxy):
        proxy["bypass"] = ",".join(rules)
    return proxy


def pem_certificates(data: bytes) -> list[bytes]:
    """Every PEM certificate in a CA bundle, as DER."""
    return [base64.b64decode(b"".join(block.split())) for block in _PEM_CERT.findall(data)]


def trust_cache() -> Path:
    """Where built NSS databases are kept, one per CA bundle (building one takes seconds)."""
    return platformdirs.user_cache_path("drafter", appauthor=False) / "browser-trust"


def trusting_home(home: Path, ca_file: Path, cache: Path | None = None) -> str | None:
    """Make `home` a HOME whose NSS database trusts `ca_file`; None when done, else why not.

    With `cache`, the database built for this bundle's certificates is kept there and copied
    on later runs: certutil adds one certificate per call, ~0.1 s each, and a system bundle
    holds well over a hundred.
    """
    try:
        certificates = pem_certificates(ca_file.read_bytes())
    except OSError as exc:
        return f"cannot read SSL_CERT_FILE {ca_file}: {exc.strerror or exc}"
    if not certificates:
        return f"no PEM certificate in SSL_CERT_FILE {ca_file}"
    database = home / ".pki" / "nssdb"
    cached = cache / hashlib.sha256(b"".join(certificates)).hexdigest()[:24] if cache else None
    if cached is not None and (cached / "cert9.db").is_file():
        with contextlib.suppress(OSError):
            shutil.copytree(cached, database)
            return None
    certutil = shutil.which("certutil")
    if certutil is None:
        return "certutil (Debian's libnss3-tools) is missing, so the browser ignores SSL_CERT_FILE"
    shutil.rmtree(database, ignore_errors=True)
    database.mkdir(parents=True)
    where = f"sql:{database}"
    try:
        subprocess.run(
            [certutil, "-N", "-d", where, "--empty-password"], check=True, capture_output=True
        )
        add = [certutil, "-A", "-d", where, "-t", "C,,"]  # trusted to issue server certificates
        for number, der in enumerate(certificates):
            cert_path = home / f"ca-{number}.der"
            cert_path.write_bytes(der)
            subprocess.run(
                [*add, "-n", f"drafter-ca-{number}", "-i", str(cert_path)],
                check=True,
                capture_output=True,
            )
    except (OSError, subprocess.CalledProcessError) as exc:
        return f"certutil could not add SSL_CERT_FILE to the browser's trust store: {exc}"
    if cached is not None:
        _keep(database, cached)
    return None


def _keep(database: Path, cached: Path) -> None:
    """Copy a built database into the cache, atomically; a cache we cannot write is no error."""
    with contextlib.suppress(OSError):
        cached.parent.mkdir(parents=True, exist_ok=True)
        building = Path(tempfile.mkdtemp(prefix=".building-", dir=cached.parent))
        try:
            # Not pkcs11.txt: it names the folder the database was built in; NSS writes a new one.
            for name in NSS_FILES:
                shutil.copy2(database / name, building / name)
            building.rename(cached)  # another run may have won the race: then keep theirs
        finally:
            shutil.rmtree(building, ignore_errors=True)


def memory_capped(executable: str, folder: Path) -> str:
    """A launcher in `folder` that starts `executable` under the data limit, inherited by every
    process it starts (Playwright runs Chromium from Node, so no preexec hook reaches it)."""
    launcher = folder / "chromium-capped"
    launcher.write_text(
        "#!/bin/sh\n"
        f"ulimit -d {BROWSER_DATA_LIMIT_MIB * 1024} || exit 1\n"
        f'exec {shlex.quote(executable)} "$@"\n',
        encoding="utf-8",
    )
    launcher.chmod(0o700)
    return str(launcher)


def chromium_args(euid: int | None = None) -> list[str]:
    """Chromium's arguments: its sandbox stays on unless we run as root, where it cannot."""
    euid = os.geteuid() if euid is None else euid
    return [*CHROMIUM_ARGS, NO_SANDBOX] if euid == 0 else list(CHROMIUM_ARGS)
