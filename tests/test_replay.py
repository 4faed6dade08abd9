"""The real CLI against real https URLs: ../shared/corpus served by the replay proxy.

Real TLS (the proxy's own CA through SSL_CERT_FILE), real host names through HTTPS_PROXY,
real saved pages. Skips where ../shared is absent.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import SHARED, run_drafter

PROXY = SHARED / "tools" / "replayproxy.py"
MANIFEST = SHARED / "corpus" / "manifest.json"

pytestmark = pytest.mark.skipif(
    not (PROXY.exists() and MANIFEST.exists()), reason="../shared/corpus is not here"
)


@pytest.fixture
def proxy(tmp_path: Path) -> Iterator[dict[str, str]]:
    ca_dir = tmp_path / "ca"
    port_file = tmp_path / "port"
    process = subprocess.Popen(
        [sys.executable, str(PROXY), "--manifest", str(MANIFEST), "--port", "0",
         "--port-file", str(port_file), "--ca-dir", str(ca_dir), "--max-seconds", "300"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 30
        while not (port_file.exists() and port_file.read_text().strip()):
            assert process.poll() is None, "the replay proxy exited"
            assert time.monotonic() < deadline, "the replay proxy did not start"
            time.sleep(0.05)
        address = f"http://127.0.0.1:{port_file.read_text().strip()}"
        yield {
            "HTTPS_PROXY": address,
            "HTTP_PROXY": address,
            "SSL_CERT_FILE": str(ca_dir / "ca.pem"),
        }
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_corpus_through_the_proxy(proxy: dict[str, str], site: Path) -> None:
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    urls = [entry["url"] for entry in manifest]
    (site / "week.txt").write_text("\n".join(urls + urls[:3]) + "\n", encoding="utf-8")
    result = run_drafter("new", "28", "week.txt", "--json", cwd=site, env=proxy, timeout=240)
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(result.stdout)
    draft = (site / "content" / "talk" / "28" / "index.md").read_text(encoding="utf-8")
    headings = [line for line in draft.splitlines() if line.startswith("## ")]
    assert len(headings) == len(report["articles"]) == len(set(urls))
    for entry, article in zip(manifest, report["articles"], strict=True):
        assert article["ok"], (entry["url"], article["error"])
        assert article["title"] and article["lead"], entry["url"]
        assert "\ufffd" not in article["title"] + article["lead"]
        assert article["provenance"]["charset"], entry["url"]
    by_url = {article["url"]: article for article in report["articles"]}
    publickey = by_url[next(u for u in urls if "publickey1.jp" in u)]
    assert publickey["source"] == "Publickey"
    assert f"（Publickey）]({publickey['url']})" in draft
    assert "\ufffd" not in draft
