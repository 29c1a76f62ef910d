"""A real HTTP server on 127.0.0.1 for tests and benchmarks: fixture feeds and pages, and hostile answers.

    async with WebServer() as web:                      # or the `web` pytest fixture below
        url = web.add_fixture("/feeds/ky.xml", "rss20_ky_teasers.xml", content_type="application/rss+xml",
                              etag='"v1"', compress="gzip")
        ...
        assert web.hits("/feeds/ky.xml") == 1
        assert web.requests_to("/feeds/ky.xml")[-1].headers["if-none-match"] == '"v1"'

Routes you add (`add`, `add_fixture`, `redirect`) can be replaced at any time (a feed that changes); a route added
with `gate=asyncio.Event()` holds every request until the test sets the event (`waiting(path)` counts them). Fixture files
live in tests/fixtures/web/; the placeholder host http://fixtures.invalid in them is rewritten to this server's
base URL (`rebase=False` keeps it). Built-in hostile routes, all under /_/:

    /_/status/<code>[?retry_after=N]   that status, with a short body (404, 500, 503 ...)
    /_/redirect/<n>?to=<path>          n redirect hops (302), then <path>
    /_/loop                            a redirect loop (/_/loop -> /_/loop/b -> /_/loop ...)
    /_/slow-headers?delay=S            waits S seconds before answering (read timeout)
    /_/drip?interval=S                 headers at once, then one byte every S seconds, forever (total deadline)
    /_/endless                         a chunked body with no end, as fast as it goes (size cap)
    /_/huge?size=N                     N bytes with an honest Content-Length (early refusal)
    /_/gzip-bomb?mb=N                  N MB of zeros gzipped to a few KB, Content-Length of the small body
    /_/hold?delay=S                    waits S seconds; `max_in_flight` records the most requests at once
    /_/image                           a tiny PNG (wrong content type for a feed or a page)

`hits(path)` counts requests to a path (query ignored), `requests` lists every request seen (method, path,
headers lowercased, and the Content-Encoding the answer was sent with).
"""

from __future__ import annotations

import asyncio
import gzip
import socket
import zlib
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime, parsedate_to_datetime
from pathlib import Path
from types import TracebackType

import pytest_asyncio
from aiohttp import web as aioweb

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "web"
FIXTURE_HOST = b"http://fixtures.invalid"
_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da6364f8cf"
    "500f0003860180a91c7d8d0000000049454e44ae426082"
)


@dataclass
class RecordedRequest:
    """One request the server saw, and how it answered."""

    method: str
    path: str  # path with query string
    headers: dict[str, str]
    served_encoding: str | None = None
    status: int | None = None


@dataclass
class Route:
    """What the server answers on one path."""

    body: bytes
    status: int = 200
    content_type: str | None = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None
    compress: str | None = None  # "gzip", "deflate" (zlib-wrapped) or "deflate-raw", when the client accepts it
    gate: asyncio.Event | None = None  # requests wait until it is set


def _not_modified(request: aioweb.BaseRequest, route: Route) -> bool:
    """Answer RFC 9110's conditional GET: If-None-Match first, else If-Modified-Since."""
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match is not None:
        if route.etag is None:
            return False
        tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        return "*" in tags or route.etag.removeprefix("W/") in tags
    if_modified_since = request.headers.get("If-Modified-Since")
    if if_modified_since and route.last_modified:
        try:
            return parsedate_to_datetime(route.last_modified) <= parsedate_to_datetime(if_modified_since)
        except (TypeError, ValueError):
            return False
    return False


def _compress(body: bytes, how: str) -> bytes:
    if how == "gzip":
        return gzip.compress(body)
    if how == "deflate":
        return zlib.compress(body)
    compressor = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    return compressor.compress(body) + compressor.flush()


def _gzip_zeros(megabytes: int) -> bytes:
    """Return gzip of N MB of zeros, built in steps so the server never holds the big side."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    block = bytes(1024 * 1024)
    return b"".join(compressor.compress(block) for _ in range(megabytes)) + compressor.flush()


class WebServer:
    """An aiohttp server on 127.0.0.1 with a free port; start with `async with` or `await start()`."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[RecordedRequest] = []
        self.max_in_flight = 0
        self._in_flight = 0
        self._waiting: dict[str, int] = {}
        self._runner: aioweb.ServerRunner | None = None
        self._socket: socket.socket | None = None
        self.base_url = ""

    async def start(self) -> WebServer:
        """Listen on 127.0.0.1 on a free port."""
        self._socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._socket.bind(("127.0.0.1", 0))
        self.base_url = f"http://127.0.0.1:{self._socket.getsockname()[1]}"
        self._runner = aioweb.ServerRunner(aioweb.Server(self._handle, handler_cancellation=True), shutdown_timeout=1.0)
        await self._runner.setup()
        await aioweb.SockSite(self._runner, self._socket).start()
        return self

    async def close(self) -> None:
        """Stop listening and end open connections."""
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        if self._socket is not None:
            self._socket.close()
            self._socket = None

    async def __aenter__(self) -> WebServer:
        return await self.start()

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        await self.close()

    def url(self, path: str) -> str:
        """Return the absolute URL of a path on this server."""
        return self.base_url + (path if path.startswith("/") else "/" + path)

    def add(
        self,
        path: str,
        body: bytes | str = b"",
        *,
        status: int = 200,
        content_type: str | None = "text/html; charset=utf-8",
        headers: dict[str, str] | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
        compress: str | None = None,
        rebase: bool = True,
        gate: asyncio.Event | None = None,
    ) -> str:
        """Serve `body` on `path` (replacing what was there); return its URL."""
        data = body.encode("utf-8") if isinstance(body, str) else body
        if rebase:
            data = data.replace(FIXTURE_HOST, self.base_url.encode("ascii"))
        self.routes[path] = Route(
            body=data,
            status=status,
            content_type=content_type,
            headers=dict(headers or {}),
            etag=etag,
            last_modified=last_modified,
            compress=compress,
            gate=gate,
        )
        return self.url(path)

    def add_fixture(self, path: str, name: str, **options: object) -> str:
        """Serve the fixture file tests/fixtures/web/<name> on `path`; options as for `add`."""
        return self.add(path, (FIXTURES / name).read_bytes(), **options)  # type: ignore[arg-type]

    def redirect(self, path: str, to: str, *, status: int = 302) -> str:
        """Redirect `path` to `to` (a path on this server or an absolute URL); return the URL of `path`."""
        return self.add(path, b"", status=status, content_type=None, headers={"Location": to})

    def hits(self, path: str) -> int:
        """Return how many requests asked for `path` (query string ignored)."""
        return len(self.requests_to(path))

    def waiting(self, path_prefix: str = "/") -> int:
        """Return how many requests under `path_prefix` are held at a closed gate right now."""
        return sum(n for path, n in self._waiting.items() if path.startswith(path_prefix))

    def requests_to(self, path: str) -> list[RecordedRequest]:
        """Return the requests for `path` (query string ignored), oldest first."""
        return [r for r in self.requests if r.path.split("?", 1)[0] == path]

    async def _handle(self, request: aioweb.BaseRequest) -> aioweb.StreamResponse:
        record = RecordedRequest(request.method, request.path_qs, {k.lower(): v for k, v in request.headers.items()})
        self.requests.append(record)
        if request.path.startswith("/_/"):
            response = await self._builtin(request)
        else:
            route = self.routes.get(request.path_qs) or self.routes.get(request.path)
            if route is not None and route.gate is not None and not route.gate.is_set():
                self._waiting[request.path] = self._waiting.get(request.path, 0) + 1
                try:
                    await route.gate.wait()
                finally:
                    self._waiting[request.path] -= 1
            response = self._serve(request, record)
        record.status = response.status
        return response

    def _serve(self, request: aioweb.BaseRequest, record: RecordedRequest) -> aioweb.StreamResponse:
        route = self.routes.get(request.path_qs) or self.routes.get(request.path)
        if route is None:
            return aioweb.Response(status=404, text="not found")
        headers = dict(route.headers)
        if route.etag:
            headers["ETag"] = route.etag
        if route.last_modified:
            headers["Last-Modified"] = route.last_modified
        if route.status == 200 and _not_modified(request, route):
            return aioweb.Response(status=304, headers=headers)
        body = route.body
        accepted = request.headers.get("Accept-Encoding", "").lower()
        if route.compress and route.compress.split("-")[0] in accepted:
            body = _compress(body, route.compress)
            headers["Content-Encoding"] = route.compress.split("-")[0]
            record.served_encoding = headers["Content-Encoding"]
        if route.content_type:
            headers["Content-Type"] = route.content_type
        return aioweb.Response(status=route.status, body=body, headers=headers)

    async def _builtin(self, request: aioweb.BaseRequest) -> aioweb.StreamResponse:
        parts = request.path.strip("/").split("/")
        query = request.query
        name = parts[1] if len(parts) > 1 else ""
        if name == "status" and len(parts) == 3 and parts[2].isdigit():
            headers = {"Retry-After": query["retry_after"]} if "retry_after" in query else {}
            return aioweb.Response(status=int(parts[2]), text=f"status {parts[2]}", headers=headers)
        if name == "redirect" and len(parts) == 3 and parts[2].isdigit():
            hops = int(parts[2])
            target = query.get("to", "/")
            location = target if hops <= 1 else f"/_/redirect/{hops - 1}?to={target}"
            return aioweb.Response(status=302, headers={"Location": location})
        if name == "loop":
            return aioweb.Response(status=302, headers={"Location": "/_/loop" if len(parts) > 2 else "/_/loop/b"})
        if name == "slow-headers":
            await asyncio.sleep(float(query.get("delay", "5")))
            return aioweb.Response(text="finally")
        if name == "drip":
            return await self._stream(request, b"x", interval=float(query.get("interval", "0.2")))
        if name == "endless":
            return await self._stream(request, b"<p>" + b"lol " * 16000 + b"</p>\n", interval=0.0)
        if name == "huge":
            size = int(query.get("size", str(50 * 1024 * 1024)))
            return await self._stream(request, b"a" * 65536, interval=0.0, length=size)
        if name == "gzip-bomb":
            body = _gzip_zeros(int(query.get("mb", "64")))
            return aioweb.Response(
                body=body, headers={"Content-Type": "application/rss+xml", "Content-Encoding": "gzip"}
            )
        if name == "hold":
            self._in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self._in_flight)
            try:
                await asyncio.sleep(float(query.get("delay", "0.2")))
            finally:
                self._in_flight -= 1
            return aioweb.Response(text="<p>held</p>", content_type="text/html")
        if name == "image":
            return aioweb.Response(body=_PNG, content_type="image/png")
        return aioweb.Response(status=404, text="no such built-in route")

    async def _stream(
        self, request: aioweb.BaseRequest, chunk: bytes, *, interval: float, length: int | None = None
    ) -> aioweb.StreamResponse:
        """Send `chunk` again and again (until `length` bytes, or forever) until the client goes away."""
        headers = {"Content-Type": "application/rss+xml"}
        if length is not None:
            headers["Content-Length"] = str(length)
        response = aioweb.StreamResponse(headers=headers)
        await response.prepare(request)
        sent = 0
        try:
            while length is None or sent < length:
                piece = chunk if length is None else chunk[: length - sent]
                await response.write(piece)
                sent += len(piece)
                await asyncio.sleep(interval)
        except (ConnectionError, RuntimeError):
            pass  # the client hung up, which is what the test wanted
        return response


def http_date(moment_seconds: float) -> str:
    """Return an IMF-fixdate for a POSIX timestamp (for Last-Modified)."""
    return format_datetime(datetime.fromtimestamp(moment_seconds, UTC), usegmt=True)


@pytest_asyncio.fixture
async def web() -> AsyncIterator[WebServer]:
    """Yield a started WebServer; import this fixture into a conftest to use it."""
    async with WebServer() as server:
        yield server
