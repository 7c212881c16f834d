"""A stand-in for the national portal: a real HTTP server on loopback, for tests and demos.

:class:`StandInPortal` speaks the shape :class:`~onestop.portal.NationalPortal`
sends — a login returning a session, then DongBoHoSoMC / CapNhatTienDoHoSoMC posts
answered with ``error_code`` "00" — and keeps what it received, dropping repeats by
idempotency key as a well-behaved receiver does. It can be taken down (HTTP 503),
made to fail a number of requests, or to expire sessions, to test recovery. It binds
``127.0.0.1`` only, on a free port, and stops by itself after ``lifetime`` seconds
or ``max_requests`` requests, whichever comes first.
"""

from __future__ import annotations

import json
import secrets
import threading
from http.server import BaseHTTPRequestHandler
from http.server import ThreadingHTTPServer
from typing import Any
from typing import Self

import attrs

from onestop._shown import shown
from onestop.exceptions import SerializationError
from onestop.serialization import parse_json

__all__ = ["Delivery", "StandInPortal"]


@attrs.frozen
class Delivery:
    """One record the portal accepted.

    :param key: the idempotency key, ``"<dossier id>:<version>"``.
    :param service: DongBoHoSoMC or CapNhatTienDoHoSoMC.
    :param record: the record as received.
    """

    key: str
    service: str
    record: dict[str, Any]

    @property
    def dossier_id(self) -> str:
        """The dossier the record belongs to (from the idempotency key)."""
        return self.key.rpartition(":")[0]

    @property
    def version(self) -> int:
        """The event's version (from the idempotency key)."""
        return int(self.key.rpartition(":")[2])


class StandInPortal:
    """A local portal (see the module documentation); use it as a context manager.

    :param user: the account it accepts.
    :param password: that account's password.
    :param lifetime: seconds after which it stops by itself.
    :param max_requests: requests after which it answers only 503.
    """

    def __init__(
        self,
        *,
        user: str = "onestop",
        password: str = "stand-in",  # noqa: S107 - the stand-in's own throwaway account
        lifetime: float = 300.0,
        max_requests: int = 100_000,
    ) -> None:
        """A stopped portal; :meth:`start` (or ``with``) serves it."""
        self.user = user
        self.password = password
        self.lifetime = lifetime
        self.max_requests = max_requests
        self.down = False
        self.fail_next = 0
        self.requests = 0
        self.duplicates = 0
        self.deliveries: list[Delivery] = []
        self._seen: set[str] = set()
        self._sessions: set[str] = set()
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._timer: threading.Timer | None = None

    @property
    def url(self) -> str:
        """The base URL to give :class:`~onestop.portal.NationalPortal`."""
        if self._server is None:
            raise RuntimeError("the stand-in portal is not started")
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> Self:
        """Serve on a free loopback port, in a background thread."""
        portal = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(length)
                status, answer = portal.answer(self.path, body, self.headers.get("Idempotency-Key"))
                data = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *_: object) -> None:
                """Quiet."""

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        self._timer = threading.Timer(self.lifetime, self.stop)
        self._timer.daemon = True
        self._timer.start()
        return self

    def stop(self) -> None:
        """Stop serving (idempotent)."""
        server, self._server = self._server, None
        if server is not None:
            server.shutdown()
            server.server_close()
        if self._timer is not None:
            self._timer.cancel()

    def __enter__(self) -> Self:
        """Start serving."""
        return self.start()

    def __exit__(self, *_: object) -> None:
        """Stop serving."""
        self.stop()

    def expire_sessions(self) -> None:
        """Forget every session: the next service call answers error_code "401"."""
        with self._lock:
            self._sessions.clear()

    def answer(self, path: str, body: bytes, key: str | None) -> tuple[int, dict[str, Any]]:
        """The HTTP status and JSON answer to one request (the server's logic)."""
        with self._lock:
            self.requests += 1
            if self.down or self.requests > self.max_requests:
                return 503, {"error_code": "503", "message": "Hệ thống đang bảo trì"}
            if self.fail_next > 0:
                self.fail_next -= 1
                return 503, {"error_code": "503", "message": "Hệ thống quá tải"}
            try:
                request = parse_json(body, "the request")
            except SerializationError as error:
                return 400, {"error_code": "400", "message": str(error)}
            if path == "/login":
                return 200, self._login(request)
            if path == "/service":
                return 200, self._service(request, key)
            return 404, {"error_code": "404", "message": f"no such path {path}"}

    def _login(self, request: dict[str, Any]) -> dict[str, Any]:
        if request.get("username") != self.user or request.get("password") != self.password:
            return {"error_code": "98", "message": "Sai tài khoản hoặc mật khẩu"}
        session = secrets.token_hex(8)
        self._sessions.add(session)
        return {"error_code": "00", "session": session}

    def _service(self, request: dict[str, Any], key: str | None) -> dict[str, Any]:
        if request.get("session") not in self._sessions:
            return {"error_code": "401", "message": "Phiên làm việc hết hạn"}
        service = request.get("service")
        data = request.get("data")
        if service not in {"DongBoHoSoMC", "CapNhatTienDoHoSoMC"} or not isinstance(data, list):
            return {"error_code": "97", "message": f"Dịch vụ không hợp lệ: {shown(service)}"}
        if not key or key != request.get("idempotencyKey"):
            return {"error_code": "96", "message": "Thiếu khoá chống trùng"}
        if key in self._seen:
            self.duplicates += 1
            return {"error_code": "00", "message": "Đã nhận trước đó"}
        self._seen.add(key)
        self.deliveries.extend(Delivery(key, service, record) for record in data)
        return {"error_code": "00", "message": "Thành công"}
