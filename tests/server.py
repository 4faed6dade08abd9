"""A real HTTP server on a free loopback port for end-to-end tests, with misbehaving routes.

Routes map a path (or, when the server is used as an HTTP proxy, a full URL) to a handler
that writes the response itself, so a test can send anything a stranger's server might.
"""

from __future__ import annotations

import functools
import gzip
import socket
import struct
import sys
import threading
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

Handler = Callable[[BaseHTTPRequestHandler], None]


def page(
    body: bytes | str,
    *,
    status: int = 200,
    content_type: str = "text/html; charset=utf-8",
    headers: dict[str, str] | None = None,
    gzip_body: bool = False,
) -> Handler:
    """A handler that answers with this body."""
    data = body.encode("utf-8") if isinstance(body, str) else body
    if gzip_body:
        data = gzip.compress(data)

    def handle(request: BaseHTTPRequestHandler) -> None:
        request.send_response(status)
        if content_type:
            request.send_header("Content-Type", content_type)
        if gzip_body:
            request.send_header("Content-Encoding", "gzip")
        for name, value in (headers or {}).items():
            request.send_header(name, value)
        request.send_header("Content-Length", str(len(data)))
        request.end_headers()
        request.wfile.write(data)

    return handle


def redirect(location: str, status: int = 302) -> Handler:
    return page(b"", status=status, content_type="", headers={"Location": location})


def fail_first(times: int, then: Handler, status: int = 503) -> Handler:
    """Answer `status` to the first `times` requests, then hand over to `then`."""
    count = {"n": 0}
    lock = threading.Lock()

    def handle(request: BaseHTTPRequestHandler) -> None:
        with lock:
            count["n"] += 1
            failing = count["n"] <= times
        if failing:
            page(b"busy", status=status, content_type="text/plain")(request)
        else:
            then(request)

    return handle


def silent(seconds: float = 30.0) -> Handler:
    """Accept the request and never answer (until the test server stops)."""

    def handle(request: BaseHTTPRequestHandler) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and not getattr(request.server, "stopping", False):
            time.sleep(0.05)

    return handle


def _stopping(request: BaseHTTPRequestHandler) -> bool:
    return bool(getattr(request.server, "stopping", False))


def sequence(*handlers: Handler) -> Handler:
    """The n-th request gets the n-th handler; the last one answers every request after."""
    count = {"n": 0}
    lock = threading.Lock()

    def handle(request: BaseHTTPRequestHandler) -> None:
        with lock:
            index = min(count["n"], len(handlers) - 1)
            count["n"] += 1
        handlers[index](request)

    return handle


def slow(seconds: float, then: Handler) -> Handler:
    """Wait `seconds` (or until the server stops), then hand over to `then`."""

    def handle(request: BaseHTTPRequestHandler) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and not _stopping(request):
            time.sleep(0.02)
        then(request)

    return handle


def drip(interval: float = 1.0, content_type: str = "text/html; charset=utf-8") -> Handler:
    """Headers at once, then one byte of a long body every `interval` seconds, forever."""

    def handle(request: BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("Content-Type", content_type)
        request.send_header("Content-Length", "1000000")
        request.end_headers()
        request.close_connection = True
        try:
            while not _stopping(request):
                request.wfile.write(b"<")
                request.wfile.flush()
                time.sleep(interval)
        except OSError:  # the client gave up: that is the point
            pass

    return handle


def reset_mid_body(sent: int = 2000) -> Handler:
    """Promise a long body, send `sent` bytes of it, then reset the connection (TCP RST)."""

    def handle(request: BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("Content-Type", "text/html; charset=utf-8")
        request.send_header("Content-Length", "100000")
        request.end_headers()
        request.wfile.write(b"<html><body><p>" + b"x" * sent)
        request.wfile.flush()
        request.close_connection = True
        # SO_LINGER with a zero timeout turns close() into a reset.
        request.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        request.connection.close()

    return handle


def endless(chunk: bytes = b"<p>" + b"more " * 13000 + b"</p>\n") -> Handler:
    """A 200 with no length that never ends: chunk after chunk until the client hangs up."""

    def handle(request: BaseHTTPRequestHandler) -> None:
        request.send_response(200)
        request.send_header("Content-Type", "text/html; charset=utf-8")
        request.send_header("Connection", "close")
        request.end_headers()
        request.close_connection = True
        try:
            request.wfile.write(b"<html><body>")
            while not _stopping(request):
                request.wfile.write(chunk)
        except OSError:
            pass

    return handle


@functools.cache
def gzip_bomb_bytes(inflated_mib: int = 1024) -> bytes:
    """A valid gzip stream of `inflated_mib` MiB of zeros, about 1 KB per MiB.

    Each MiB is deflated after a full flush, so the compressed block is the same every
    time and can be repeated instead of compressing a gigabyte.
    """
    mib = b"\0" * (1 << 20)
    deflate = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    block = deflate.compress(mib) + deflate.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(inflated_mib):
        crc = zlib.crc32(mib, crc)
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff"
    trailer = struct.pack("<II", crc, (inflated_mib << 20) & 0xFFFFFFFF)
    return header + block * inflated_mib + deflate.flush() + trailer


def gzip_bomb(inflated_mib: int = 1024) -> Handler:
    """A small gzip body (about 1 MB) that inflates to `inflated_mib` MiB."""
    return page(
        gzip_bomb_bytes(inflated_mib),
        headers={"Content-Encoding": "gzip"},
    )


class BlackHole:
    """A loopback port that completes TCP handshakes (the kernel's backlog) but never
    accepts, reads or answers: a server that is there and says nothing."""

    def __init__(self) -> None:
        self.socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(64)

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.socket.getsockname()[1]}{path}"

    def close(self) -> None:
        self.socket.close()


class _QuietServer(ThreadingHTTPServer):
    """A client hanging up mid-answer is what the fault tests do on purpose: not worth a
    traceback in the test output. Anything else is still reported."""

    def handle_error(self, request: object, client_address: object) -> None:
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)  # type: ignore[arg-type]


@dataclass
class LocalServer:
    """A threading HTTP server on a loopback address (127.0.0.1 unless `host` names another
    of 127/8) and a free port; stop() in a finally."""

    routes: dict[str, Handler] = field(default_factory=dict)
    hits: dict[str, int] = field(default_factory=dict)
    host: str = "127.0.0.1"

    def start(self) -> LocalServer:
        routes, hits = self.routes, self.hits

        class RequestHandler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                key = self.path
                hits[key] = hits.get(key, 0) + 1
                handler = routes.get(key)
                if handler is None:
                    page("<h1>not here</h1>", status=404)(self)
                    return
                handler(self)

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.httpd = _QuietServer((self.host, 0), RequestHandler)
        self.httpd.daemon_threads = True
        self.httpd.stopping = False  # type: ignore[attr-defined]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        return self

    @property
    def port(self) -> int:
        return int(self.httpd.server_address[1])

    def url(self, path: str) -> str:
        return f"http://{self.host}:{self.port}{path}"

    def stop(self) -> None:
        self.httpd.stopping = True  # type: ignore[attr-defined]
        self.httpd.shutdown()
        self.httpd.server_close()
