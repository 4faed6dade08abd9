"""A real HTTP server on a free loopback port for end-to-end tests, with misbehaving routes.

Routes map a path (or, when the server is used as an HTTP proxy, a full URL) to a handler
that writes the response itself, so a test can send anything a stranger's server might.
"""

from __future__ import annotations

import gzip
import threading
import time
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


@dataclass
class LocalServer:
    """A threading HTTP server on 127.0.0.1 and a free port; stop() in a finally."""

    routes: dict[str, Handler] = field(default_factory=dict)
    hits: dict[str, int] = field(default_factory=dict)

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

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), RequestHandler)
        self.httpd.daemon_threads = True
        self.httpd.stopping = False  # type: ignore[attr-defined]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()
        return self

    @property
    def port(self) -> int:
        return int(self.httpd.server_address[1])

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def stop(self) -> None:
        self.httpd.stopping = True  # type: ignore[attr-defined]
        self.httpd.shutdown()
        self.httpd.server_close()
