"""A small round-robin HTTP proxy on 127.0.0.1: one address in front of several `kabarchy run` webhook processes.

    async with RoundRobin([port1, port2, port3]) as proxy:   # proxy.url("/hook") is what Telegram is told
        ...
        proxy.served                                           # requests each backend answered

Each request goes to the next backend in turn, with its path, headers (the secret token) and body; a backend that
refuses the connection (a process that died) is skipped for the next one, as nginx's `proxy_next_upstream error`
does. What the README's multi-process setup puts in front of the processes, reduced to what a test needs.
"""

from __future__ import annotations

import itertools
import socket
from collections import Counter
from types import TracebackType

import aiohttp
from aiohttp import web

_HOP_BY_HOP = {"host", "content-length", "connection", "transfer-encoding", "keep-alive"}


class RoundRobin:
    """Forward each request to the next live backend port on 127.0.0.1."""

    def __init__(self, ports: list[int]) -> None:
        self.ports = list(ports)
        self.served: Counter[int] = Counter()
        self.refused: Counter[int] = Counter()
        self._turn = itertools.cycle(range(len(self.ports)))
        self._runner: web.AppRunner | None = None
        self._session: aiohttp.ClientSession | None = None
        self.port = 0

    def url(self, path: str) -> str:
        """Return the proxy's URL for `path`."""
        return f"http://127.0.0.1:{self.port}{path}"

    async def __aenter__(self) -> RoundRobin:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30))
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._forward)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, "127.0.0.1", self.port).start()
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
        if self._session is not None:
            await self._session.close()

    async def _forward(self, request: web.Request) -> web.StreamResponse:
        assert self._session is not None
        body = await request.read()
        headers = {k: v for k, v in request.headers.items() if k.lower() not in _HOP_BY_HOP}
        for _ in range(len(self.ports)):
            port = self.ports[next(self._turn)]
            try:
                async with self._session.request(
                    request.method, f"http://127.0.0.1:{port}{request.path_qs}", data=body, headers=headers
                ) as answer:
                    payload = await answer.read()
                    self.served[port] += 1
                    return web.Response(
                        status=answer.status, body=payload, content_type=answer.content_type or None
                    )
            except aiohttp.ClientConnectionError:
                self.refused[port] += 1  # a process that is gone: the next one takes the update
        return web.Response(status=502, text="no backend answered")
