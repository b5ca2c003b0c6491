"""A local web server for the source watch's tests: files from a directory, and a log.

Serves like `python -m http.server` (Last-Modified from the file's mtime, 304 to
If-Modified-Since), and can also redirect a path, or hold a path's answer until
the test lets it go.
"""

import os
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class _Handler(SimpleHTTPRequestHandler):
    def do_GET(self):
        server = self.server
        server.requests.append((self.path, dict(self.headers)))
        if self.path in server.redirects:
            self.send_response(302)
            self.send_header("Location", server.redirects[self.path])
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        gate = server.held.get(self.path)
        if gate is not None:
            gate.wait(timeout=30)
        super().do_GET()

    def log_message(self, format, *args):  # quiet: the test reads `requests` instead
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # A client that gave up (the timeout test) leaves a broken pipe: expected.
        pass


class PageServer:
    """Serves `root` on `host`, on a free port, from a daemon thread."""

    def __init__(self, root: Path, host: str = "127.0.0.1"):
        self.root = root
        self.httpd = _Server((host, 0), partial(_Handler, directory=str(root)))
        self.httpd.requests = []
        self.httpd.redirects = {}
        self.httpd.held = {}
        self.host = host
        self.port = self.httpd.server_address[1]
        self._thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)
        self._thread.start()

    def url(self, path: str) -> str:
        return f"http://{self.host}:{self.port}{path}"

    @property
    def requests(self) -> list[tuple[str, dict]]:
        """(path, headers) of every request received, in order."""
        return self.httpd.requests

    def paths(self) -> list[str]:
        return [path for path, _headers in self.requests]

    def write(self, name: str, content: str, *, mtime: float | None = None) -> None:
        """Write a file, dated `mtime` (an HTTP date has whole seconds: tests set it)."""
        path = self.root / name
        path.write_text(content, encoding="utf-8")
        if mtime is not None:
            os.utime(path, (mtime, mtime))

    def redirect(self, path: str, location: str) -> None:
        self.httpd.redirects[path] = location

    def hold(self, path: str) -> threading.Event:
        """Answer `path` only once the returned event is set."""
        gate = self.httpd.held[path] = threading.Event()
        return gate

    def close(self) -> None:
        for gate in self.httpd.held.values():
            gate.set()
        self.httpd.shutdown()
        self.httpd.server_close()
