"""A stand-in identity provider for projects that trust an external one (Clerk, Supabase, Auth0).

Such a project checks tokens against the keys its issuer publishes, and answers 503 until it knows
its issuer. Smoke points it at this issuer, which publishes no keys: every token is refused with
401, as it would be by a configured project, so fuzzing sees the API's real answers.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

JWKS_PATH = "/.well-known/jwks.json"


class _Keys(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        found = self.path == JWKS_PATH
        body = json.dumps({"keys": []} if found else {"error": "not found"}).encode()
        self.send_response(200 if found else 404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Keep quiet: the server's requests are not the run's output."""


@contextmanager
def keyless_issuer() -> Iterator[str]:
    """Serve an empty key set on a free localhost port while the block runs; yield the issuer URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Keys)
    thread = threading.Thread(target=server.serve_forever, name="smoke-issuer", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
