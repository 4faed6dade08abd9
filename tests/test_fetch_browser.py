"""Rendering in a browser: pages whose article only exists after JavaScript ran.

The helpers (proxy, CA, which pages go to the browser, what the summary says) are tested
everywhere; the end-to-end runs need Playwright and a Chromium and skip, saying so, without.
"""

from __future__ import annotations

import base64
import http.server
import importlib.util
import json
import shutil
import ssl
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from drafter.cli.report import article_json, render_warning, summary_lines
from drafter.fetch.chromium import (
    BrowserUnavailable,
    _bypass_rules,
    find_browser,
    pem_certificates,
    proxy_settings,
    trusting_home,
)
from drafter.fetch.javascript import wants_render
from drafter.models import Article, Extracted, FetchResult
from tests.conftest import run_drafter
from tests.samples import JA_PARAGRAPHS, article_html

JS_TITLE = "スクリプトで書かれた記事の見出し"
JS_LEAD = JA_PARAGRAPHS[0]
# The article exists only once the script has run: the HTML holds neither text (and the script
# holds it in pieces, so no extractor could read it out of the script either).
JS_PAGE = f"""<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><title>読み込み中</title></head>
<body><div id="app"></div>
<script>
  const piece = (parts) => parts.join("");
  const title = piece({json.dumps(list(JS_TITLE))});
  document.title = title;
  document.getElementById("app").innerHTML =
    "<article><h1>" + title + "</h1>" +
    {json.dumps([f"<p>{p}</p>" for p in JA_PARAGRAPHS])}.map((p) => p).join("") +
    "</article>";
</script></body></html>
"""
STATIC_PAGE = article_html("静的な記事の見出し", JA_PARAGRAPHS[1:], site_name="Tech News")


def _browser_missing() -> str | None:
    if importlib.util.find_spec("playwright") is None:
        return "Playwright is not installed (pip install -e '.[browser]')"
    try:
        find_browser(None)
    except BrowserUnavailable as exc:
        return str(exc)
    return None


MISSING = _browser_missing()
needs_browser = pytest.mark.skipif(MISSING is not None, reason=f"no browser: {MISSING}")


# --- which pages go to the browser ------------------------------------------------------------


FETCHED = FetchResult(url="https://example.com/a", body=b"<html></html>")


@pytest.mark.parametrize(
    ("mode", "fetched", "extracted", "wanted"),
    [
        ("auto", FETCHED, Extracted(title=None, source=None, lead=None), True),
        ("auto", FETCHED, Extracted(title="見出し", source=None, lead=None), True),
        ("auto", FETCHED, Extracted(title=None, source=None, lead="本文"), True),
        ("auto", FETCHED, Extracted(title="t", source=None, lead="l", blocked="consent"), True),
        ("auto", FETCHED, Extracted(title="見出し", source=None, lead="本文"), False),
        ("auto", FetchResult(url="https://example.com/a", error="HTTP 404"), None, False),
        ("never", FETCHED, Extracted(title=None, source=None, lead=None), False),
        ("always", FETCHED, Extracted(title="見出し", source=None, lead="本文"), True),
        ("always", FetchResult(url="https://example.com/a", error="HTTP 403"), None, True),
    ],
)
def test_wants_render(
    mode: str, fetched: FetchResult, extracted: Extracted | None, wanted: bool
) -> None:
    assert wants_render(mode, fetched, extracted) is wanted


# --- proxy, CA and browser discovery ----------------------------------------------------------


def test_proxy_prefers_https_and_keeps_credentials() -> None:
    proxy = proxy_settings(
        {"http": "http://plain:3128", "https": "http://us%40er:p%3Ass@secure.example:8080/"}
    )
    assert proxy == {
        "server": "http://secure.example:8080",
        "username": "us@er",
        "password": "p:ss",
    }


def test_proxy_without_scheme_or_port() -> None:
    assert proxy_settings({"all": "proxy.example"}) == {"server": "http://proxy.example:80"}


def test_no_proxy_becomes_bypass_rules_covering_subdomains() -> None:
    proxy = proxy_settings(
        {"http": "http://p:1", "no": "example.com, .corp, 10.0.0.0/8, 127.0.0.1"}
    )
    assert proxy is not None
    assert proxy["bypass"].split(",") == [
        "example.com",
        "*.example.com",
        ".corp",
        "10.0.0.0/8",
        "127.0.0.1",
    ]
    assert _bypass_rules("") == []


@pytest.mark.parametrize("proxies", [{}, {"http": "http://p:1", "no": "*"}])
def test_no_proxy_at_all(proxies: dict[str, str]) -> None:
    assert proxy_settings(proxies) is None


def test_pem_certificates_reads_every_certificate_in_a_bundle() -> None:
    der = bytes(range(60))
    text = base64.b64encode(der).decode()
    body = f"{text[:40]}\n{text[40:]}\n"  # base64 split over lines, as PEM does
    bundle = f"junk\n-----BEGIN CERTIFICATE-----\n{body}-----END CERTIFICATE-----\n" * 2
    assert pem_certificates(bundle.encode()) == [der, der]


def test_find_browser_prefers_the_flag_then_the_variable(tmp_path: Path) -> None:
    tool = tmp_path / "my-chromium"
    tool.write_text("#!/bin/sh\n")
    tool.chmod(0o755)
    assert find_browser(str(tool), {}) == str(tool)
    assert find_browser(None, {"DRAFTER_BROWSER": str(tool)}) == str(tool)
    with pytest.raises(BrowserUnavailable, match="no browser executable at /nowhere/chromium"):
        find_browser(None, {"DRAFTER_BROWSER": "/nowhere/chromium"})


# --- what the report says ---------------------------------------------------------------------


def test_report_names_rendered_articles_and_warns_once() -> None:
    rendered = Article(url="https://a.example/1", title="t", lead="l", rendered=True)
    unavailable = [
        Article(
            url=f"https://b.example/{n}",
            error="no article text found on the page",
            provenance={"render": "unavailable: no Chromium found"},
        )
        for n in range(2)
    ]
    articles = [rendered, *unavailable]
    assert article_json(rendered)["rendered"] is True
    assert article_json(unavailable[0])["rendered"] is False
    lines = summary_lines(articles, None)
    assert lines[0] == "drafted 3 articles, 2 failed, 1 rendered in a browser"
    assert "  rendered: https://a.example/1" in lines
    assert render_warning(articles) == (
        "warning: rendering was unavailable for 2 articles: no Chromium found"
    )
    assert render_warning([rendered]) is None


# --- a private CA, as behind a TLS-inspecting proxy -------------------------------------------


def _issue_certificates(folder: Path) -> tuple[Path, Path, Path]:
    """A private CA, and a leaf certificate for 127.0.0.1 that it signed: (ca, cert, key)."""

    def openssl(*args: str) -> None:
        subprocess.run(["openssl", *args], cwd=folder, check=True, capture_output=True)

    new_key = ("-newkey", "rsa:2048", "-nodes")
    openssl(
        "req", "-x509", *new_key, "-keyout", "ca.key", "-out", "ca.pem", "-days", "2",
        "-subj", "/CN=drafter test CA",
        "-addext", "basicConstraints=critical,CA:TRUE",
        "-addext", "keyUsage=critical,keyCertSign,cRLSign",
    )  # fmt: skip
    openssl("req", *new_key, "-keyout", "leaf.key", "-out", "leaf.csr", "-subj", "/CN=127.0.0.1")
    (folder / "leaf.ext").write_text(
        "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\n"
        "keyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n"
    )
    openssl(
        "x509", "-req", "-in", "leaf.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
        "-CAcreateserial", "-out", "leaf.pem", "-days", "2", "-extfile", "leaf.ext",
    )  # fmt: skip
    return folder / "ca.pem", folder / "leaf.pem", folder / "leaf.key"


@pytest.fixture
def https_js_server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """An HTTPS server on loopback serving JS_PAGE (leaf certificate only), and its CA file."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    folder = tmp_path / "tls"
    folder.mkdir()
    ca, cert, key = _issue_certificates(folder)
    body = JS_PAGE.encode()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"https://127.0.0.1:{httpd.server_address[1]}/js", ca
    finally:
        httpd.shutdown()
        httpd.server_close()


@needs_browser
@pytest.mark.skipif(shutil.which("certutil") is None, reason="certutil (libnss3-tools) is absent")
def test_the_browser_trusts_ssl_cert_file(https_js_server: tuple[str, Path], site: Path) -> None:
    url, ca = https_js_server
    (site / "b.txt").write_text(url + "\n", encoding="utf-8")
    result = run_drafter("new", "5", "b.txt", "--json", cwd=site, env={"SSL_CERT_FILE": str(ca)})
    assert result.returncode == 0, result.stderr
    [article] = json.loads(result.stdout)["articles"]
    assert (article["title"], article["lead"], article["rendered"]) == (JS_TITLE, JS_LEAD, True)


@needs_browser
def test_the_browser_refuses_a_certificate_nobody_trusts(
    https_js_server: tuple[str, Path], site: Path
) -> None:
    url, _ca = https_js_server
    (site / "b.txt").write_text(url + "\n", encoding="utf-8")
    result = run_drafter("new", "5", "b.txt", "--render", "always", "--json", cwd=site)
    assert result.returncode == 1, result.stderr
    [article] = json.loads(result.stdout)["articles"]
    assert article["error"].startswith("TLS error"), article["error"]  # httpx refused it
    how = article["provenance"]["render"]
    assert how.startswith("failed: browser: net::ERR_CERT_AUTHORITY_INVALID"), how


@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl is not installed")
def test_trusting_home_puts_the_ca_in_a_fresh_nss_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "tls"
    folder.mkdir()
    ca, _cert, _key = _issue_certificates(folder)
    if shutil.which("certutil") is not None:
        home = tmp_path / "home"
        assert trusting_home(home, ca) is None
        listed = subprocess.run(
            ["certutil", "-L", "-d", f"sql:{home / '.pki' / 'nssdb'}"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert "drafter-ca-0" in listed
        assert "C,," in listed
    monkeypatch.setattr("drafter.fetch.chromium.shutil.which", lambda name: None)
    assert "certutil (Debian's libnss3-tools) is missing" in str(trusting_home(tmp_path / "h2", ca))
    assert "no PEM certificate" in str(trusting_home(tmp_path / "h3", folder / "leaf.key"))
