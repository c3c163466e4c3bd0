"""What stands between the network and the app: host and origin checks, request-size limits, and
authentication with a login throttle. Pure ASGI middleware, so every route behind it (the HTTP API,
the OpenAPI pages and the mounted Gradio UI alike) gets the same checks before any handler runs."""

from __future__ import annotations

import asyncio
import base64
import binascii
import hmac
import json
import logging
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

log = logging.getLogger("qa.guard")

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# The routes this guard authenticates: the app's own. Gradio's routes (the login page, its config,
# queue and files) are guarded by Gradio's own login check; tests/test_hardening.py asks every
# route of the running app without credentials to check that nothing else answers before login.
OWN_PREFIXES = ("/api/", "/v1/", "/mcp", "/docs", "/redoc", "/openapi.json", "/read/")


@dataclass(frozen=True)
class GuardSettings:
    """What the guard allows. ``hosts``: names (or IPs) the app may be reached by, besides loopback;
    ``*`` allows any. ``cors_origins``: origins (``https://app.example``) that may call the API from a
    browser. ``auth``: (user, password), or None for no login."""

    hosts: frozenset[str] = frozenset()
    cors_origins: tuple[str, ...] = ()
    auth: tuple[str, str] | None = None
    max_body_bytes: int = 20 * 2**20


def _json_response(status: int, message: str, headers: Iterable[tuple[bytes, bytes]] = (), path: str = ""):
    """The API's error shape; on the OpenAI-compatible routes (/v1/) the OpenAI one, which its clients read."""
    if path.startswith("/v1/"):
        body = json.dumps({"error": {"message": message, "type": "invalid_request_error" if status != 401 else
                                     "authentication_error", "code": status, "param": None}}).encode()
    else:
        body = json.dumps({"error": message, "status": status}).encode()
    start = {"type": "http.response.start", "status": status,
             "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                         *headers]}
    return start, {"type": "http.response.body", "body": body}


async def _send_json(send, status: int, message: str, headers: Iterable[tuple[bytes, bytes]] = (), path: str = "") -> None:
    start, body = _json_response(status, message, headers, path)
    await send(start)
    await send(body)


def _header(scope, name: bytes) -> str | None:
    for k, v in scope.get("headers", ()):
        if k == name:
            return v.decode("latin-1")
    return None


def host_name(host_header: str) -> str:
    """``[::1]:7860`` -> ``::1``; ``Example.org:80`` -> ``example.org``."""
    h = host_header.strip().lower()
    if h.startswith("["):
        return h[1:].split("]", 1)[0]
    return h.rsplit(":", 1)[0] if h.count(":") == 1 else h


# ----------------------------------------------------------------------------- login throttle


@dataclass
class _Failures:
    count: int = 0
    last: float = 0.0


@dataclass
class LoginThrottle:
    """Failed logins per client: the first ``free`` failures cost nothing; after that each attempt
    must wait ``base * 2**(failures - free)`` seconds (at most ``cap``) since the last failure, or is
    refused unanswered (HTTP 429). A success clears the client's count. At ~290 guesses a second
    unthrottled, this turns a dictionary attack into ~1 guess a minute per address."""

    free: int = 5
    base: float = 0.5
    cap: float = 60.0
    clock: Callable[[], float] = time.monotonic
    _clients: dict[str, _Failures] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def wait(self, client: str) -> float:
        """Seconds this client must still wait before its next attempt (0: go ahead)."""
        with self._lock:
            f = self._clients.get(client)
            if f is None or f.count < self.free:
                return 0.0
            delay = min(self.cap, self.base * 2 ** (f.count - self.free))
            return max(0.0, f.last + delay - self.clock())

    def failed(self, client: str) -> int:
        with self._lock:
            f = self._clients.setdefault(client, _Failures())
            f.count += 1
            f.last = self.clock()
            if len(self._clients) > 10_000:  # forget the oldest: memory stays bounded under a spray
                oldest = min(self._clients, key=lambda k: self._clients[k].last)
                del self._clients[oldest]
            return f.count

    def succeeded(self, client: str) -> None:
        with self._lock:
            self._clients.pop(client, None)


def credentials_match(auth: tuple[str, str], user: str, password: str) -> bool:
    """Both fields compared as UTF-8 bytes in constant time, always both (no early exit)."""
    ok_user = hmac.compare_digest(user.encode("utf-8", "surrogatepass"), auth[0].encode("utf-8"))
    ok_pass = hmac.compare_digest(password.encode("utf-8", "surrogatepass"), auth[1].encode("utf-8"))
    return ok_user & ok_pass


def parse_basic(header: str | None) -> tuple[str, str] | None:
    """``Authorization: Basic …`` -> (user, password). UTF-8 (RFC 7617's charset), else Latin-1."""
    if not header or header[:6].lower() != "basic ":
        return None
    try:
        raw = base64.b64decode(header[6:].strip(), validate=True)
    except (binascii.Error, ValueError):
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    user, sep, password = text.partition(":")
    return (user, password) if sep else None


def parse_credentials(header: str | None, auth: tuple[str, str]) -> tuple[str, str] | None:
    """(user, password) from ``Authorization: Basic …``, or from ``Authorization: Bearer <password>``
    (what OpenAI clients send as their API key and MCP clients as a token; the user is the
    configured one, which is no secret)."""
    if header and header[:7].lower() == "bearer ":
        token = header[7:].strip()
        return (auth[0], token) if token else None
    return parse_basic(header)


# ----------------------------------------------------------------------------- the middleware


class Guard:
    """ASGI middleware in front of the whole app.

    1. Host: the ``Host`` header must name loopback or a configured host (DNS rebinding: a foreign
       page that resolves its own name to 127.0.0.1 still sends its own name) -> else 400.
    2. Writes from browsers: an unsafe method whose ``Origin`` is not this app's own (or a configured
       CORS origin), or that a browser marks ``Sec-Fetch-Site: cross-site``, is refused (403); API
       writes must be JSON or multipart (415), so no "simple" cross-site form post can write.
    3. Size: a request body is counted as it arrives, with or without Content-Length; past the
       limit the request is answered 413 and no more of it is read.
    4. Auth (when set): the app's own routes (API, OpenAI-compatible /v1, MCP, OpenAPI pages) need
       a Gradio session, HTTP Basic credentials or the password as a Bearer token; Gradio's routes
       keep Gradio's login. Failed attempts of either kind are
       logged and throttled per client.
    """

    def __init__(self, app, settings: GuardSettings, session_user: Callable[[dict], str | None] | None = None):
        self.app = app
        self.settings = settings
        self.session_user = session_user or (lambda scope: None)
        self.throttle = LoginThrottle()
        self.cors = {o.rstrip("/").lower() for o in settings.cors_origins}

    # -- checks

    def _host_ok(self, scope) -> bool:
        host = _header(scope, b"host")
        if host is None:
            return True  # HTTP/1.0 without Host: only a local tool sends that
        name = host_name(host)
        return "*" in self.settings.hosts or name in LOOPBACK_HOSTS or name in self.settings.hosts

    def _origin_ok(self, scope) -> bool:
        origin = _header(scope, b"origin")
        if origin is not None and origin != "null":
            if origin.rstrip("/").lower() in self.cors:
                return True
            parts = urlsplit(origin)
            return (parts.netloc or "").lower() == (_header(scope, b"host") or "").lower()
        if origin == "null":
            return False  # sandboxed frames and file:// pages
        return _header(scope, b"sec-fetch-site") != "cross-site"

    @staticmethod
    def _client(scope) -> str:
        client = scope.get("client")
        return client[0] if client else "?"

    @staticmethod
    def _own(path: str) -> bool:
        return path.startswith(OWN_PREFIXES) or path in ("/api", "/v1")

    # -- ASGI

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        try:
            return await self._guarded(scope, receive, send)
        except asyncio.CancelledError:
            # the server's graceful-shutdown timeout cancels what is still open (the UI's event
            # streams, a stream nobody reads): that is the shutdown working, not a crash to log
            log.debug("request cancelled at shutdown: %s", scope.get("path"))

    async def _guarded(self, scope, receive, send):
        path, method = scope.get("path", ""), scope.get("method", "GET")
        if not self._host_ok(scope):
            host = _header(scope, b"host") or ""
            return await _send_json(send, 400, f"host {host_name(host)!r} is not served here: reach the app as "
                                    "127.0.0.1 or localhost, or add the name to QA_ALLOWED_HOSTS", path=path)
        if method in UNSAFE_METHODS:
            if not self._origin_ok(scope):
                return await _send_json(send, 403, "cross-site write refused: this origin may not change "
                                        "the store (allowed origins: QA_CORS_ORIGINS)", path=path)
            ctype = (_header(scope, b"content-type") or "").split(";")[0].strip().lower()
            if path.startswith("/api/") and method != "DELETE" and ctype not in ("application/json", "multipart/form-data"):
                return await _send_json(send, 415, f"unsupported content type {ctype or '(none)'!r}: "
                                        "send application/json or multipart/form-data")
        if self.settings.auth is not None:
            refused = await self._authenticate(scope, path, method, send)
            if refused:
                return
            if path.rstrip("/") == "/login" and method == "POST":
                return await self._login(scope, receive, send)
        return await self._limited(scope, receive, send, path)

    async def _authenticate(self, scope, path: str, method: str, send) -> bool:
        """True when the request was answered (refused) here."""
        if not self._own(path) or method == "OPTIONS":
            return False
        try:
            if self.session_user(scope) is not None:
                return False
        except Exception:  # noqa: BLE001 - a broken session lookup must fail closed, not crash the request
            log.exception("session lookup failed; treating the request as not logged in")
        client = self._client(scope)
        creds = parse_credentials(_header(scope, b"authorization"), self.settings.auth)
        if creds is not None:
            wait = self.throttle.wait(client)
            if wait > 0:
                await self._too_many(send, wait, path)
                return True
            if credentials_match(self.settings.auth, *creds):
                self.throttle.succeeded(client)
                return False
            n = self.throttle.failed(client)
            log.warning("failed login for user %r from %s (%d in a row)", creds[0][:64], client, n)
        await _send_json(send, 401, "authentication required: HTTP Basic (user:password) or the password as a "
                         "Bearer token (an OpenAI client's api_key)", [(b"www-authenticate", b'Basic realm="article-qa"')], path)
        return True

    async def _too_many(self, send, wait: float, path: str = "") -> None:
        secs = max(1, int(wait + 0.999))
        await _send_json(send, 429, f"too many failed logins from this address; try again in {secs} s",
                         [(b"retry-after", str(secs).encode())], path)

    async def _login(self, scope, receive, send):
        """Gradio's login form, throttled per client; each failure logged."""
        client = self._client(scope)
        wait = self.throttle.wait(client)
        if wait > 0:
            return await self._too_many(send, wait)
        status: list[int] = []

        async def watch(message):
            if message["type"] == "http.response.start":
                status.append(message["status"])
            await send(message)

        await self._limited(scope, receive, watch, scope.get("path", ""))
        if status and status[0] < 400:
            self.throttle.succeeded(client)
        elif status:
            n = self.throttle.failed(client)
            log.warning("failed login (web form) from %s (%d in a row)", client, n)

    async def _limited(self, scope, receive, send, path: str):
        """Run the app with the body counted as it arrives; over the limit: 413, nothing more read.
        Gradio's own upload route enforces its per-file limit while streaming, so it is left to it."""
        limit = self.settings.max_body_bytes
        if path.startswith("/gradio_api/upload"):
            return await self.app(scope, receive, send)
        declared = _header(scope, b"content-length")
        if declared and declared.isdigit() and int(declared) > limit:
            return await _send_json(send, 413, f"request is {int(declared):,} bytes, over the limit of {limit:,}")
        state = {"seen": 0, "over": False, "started": False}

        async def counted():
            message = await receive()
            if message["type"] == "http.request":
                state["seen"] += len(message.get("body", b""))
                if state["seen"] > limit:
                    state["over"] = True
                    raise RequestTooLarge(limit)
            return message

        async def guarded_send(message):
            if state["over"]:
                return  # the app's own answer to the broken request is replaced by our 413
            if message["type"] == "http.response.start":
                state["started"] = True
            await send(message)

        try:
            await self.app(scope, counted, guarded_send)
        except Exception:
            if not state["over"]:
                raise
        if state["over"] and not state["started"]:
            await _send_json(send, 413, f"request is over the limit of {limit:,} bytes")


class RequestTooLarge(Exception):
    """Raised into the app when a request body passes the limit mid-stream."""

    status = 413

    def __init__(self, limit: int):
        super().__init__(f"request is over the limit of {limit:,} bytes")
