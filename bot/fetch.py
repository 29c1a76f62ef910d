"""Fetch feeds and pages over HTTP, politely and safely, through one shared httpx.AsyncClient.

    async with Fetcher() as fetcher:
        result = await fetcher.fetch_feed(url, etag=feed.etag, last_modified=feed.last_modified)
        if not result.not_modified:
            parsed = news.parse.parse_feed(result.body, url=result.final_url, content_type=result.content_type)

Politeness: a clear User-Agent, conditional GET (ETag / Last-Modified, a 304 gives `not_modified=True`), at most
`max_concurrency` fetches at once and `max_per_host` per host. Safety: only http(s); by default no private, loopback
or link-local addresses (a feed's item link must not make the bot read the local network), checked on every
connection, redirect hops included: the host is resolved once, refused if any answer is not public, and the
connection goes to exactly the address that was checked (`CheckedNetwork`), with the URL's host name in the Host
header and as the TLS server name, so a name that answers differently the second time (DNS rebinding) cannot turn a
fetch inward; connect/read timeouts plus a deadline for the whole fetch, so a server that drips one byte a second
still ends; the body is capped at `max_bytes` while it streams, after decompression (gzip bombs), whatever
Content-Length claims; gzip and deflate are decoded here, in bounded steps.

Exceptions (httpx style; each carries `url`, the URL that was asked for):
    FetchError(Exception)
    ├── InvalidURL          not http(s), or no host
    │   └── PrivateAddress  the host is (or resolves to) a private/loopback address, when those are not allowed
    ├── Timeout             connect or read timeout, or the whole fetch passed `total_timeout`
    ├── NetworkError        DNS failure, refused or reset connection, broken HTTP
    ├── TooManyRedirects    more than `max_redirects` hops, or a redirect loop
    ├── HTTPStatusError     a 4xx/5xx answer: `.status_code`, `.retry_after` (seconds, when the server said)
    ├── BadContentType      a Content-Type this fetch does not accept: `.content_type`
    ├── TooLarge            the body passed the size cap: `.limit`
    └── DecodingError       a corrupt gzip/deflate body or an unsupported Content-Encoding

`next_delay` and `poll_interval` are the poller's pure timing rules (no clock: the caller passes jitter in).
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import socket
import zlib
from collections.abc import AsyncIterator, Awaitable, Callable, Collection, Iterable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC
from email.utils import parsedate_to_datetime
from importlib import metadata
from types import TracebackType
from urllib.parse import urlsplit

import httpcore
import httpx

from storage.clock import utc_now

logger = logging.getLogger(__name__)

PROJECT_URL = "https://github.com/kabarchy/kabarchy"

# Feeds are often served with the wrong type (text/html, text/plain, octet-stream): let the parser decide, and
# refuse only what can never be a feed (images, video, archives, PDFs).
FEED_TYPES = frozenset(
    {
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
        "application/feed+json",
        "application/json",
        "application/x-rss+xml",
        "text/rss+xml",
        "text/atom+xml",
        "text/plain",
        "application/octet-stream",
        "text/html",
        "application/xhtml+xml",
    }
)
PAGE_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, "
    "text/html;q=0.5, */*;q=0.1"
)
_PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.1"


@dataclass(frozen=True, slots=True)
class FetchResult:
    """What one HTTP GET brought back, after redirects and decompression.

    `not_modified` is True for a 304 answer to a conditional GET; then `body` is empty and `etag`/`last_modified`
    are the validators to keep. `permanent_redirect` is True when every redirect hop was 301 or 308, so a poller
    may store `final_url` as the feed's new address. `content_type` is the raw header (charset included).
    """

    url: str
    final_url: str
    status: int
    body: bytes
    content_type: str | None
    etag: str | None
    last_modified: str | None
    not_modified: bool = False
    permanent_redirect: bool = False
    content_language: str | None = None


class FetchError(Exception):
    """A fetch failed; `url` is the URL that was asked for."""

    def __init__(self, message: str, *, url: str) -> None:
        super().__init__(message)
        self.url = url


class InvalidURL(FetchError):
    """The URL is not http(s), has no host, or points at a private address."""


class PrivateAddress(InvalidURL):
    """The host is, or resolves to, a private, loopback or link-local address; `host` names it."""

    def __init__(self, message: str, *, url: str, host: str) -> None:
        super().__init__(message, url=url)
        self.host = host


class Timeout(FetchError):
    """The server took too long to connect, to answer, or to send the whole body."""


class NetworkError(FetchError):
    """The connection failed: DNS, refused, reset, or broken HTTP."""


class TooManyRedirects(FetchError):
    """The redirects went on for too long (or in a loop)."""


class HTTPStatusError(FetchError):
    """The server answered with an error status."""

    def __init__(self, message: str, *, url: str, status_code: int, retry_after: float | None = None) -> None:
        super().__init__(message, url=url)
        self.status_code = status_code
        self.retry_after = retry_after


class BadContentType(FetchError):
    """The answer is of a type this fetch does not accept."""

    def __init__(self, message: str, *, url: str, content_type: str) -> None:
        super().__init__(message, url=url)
        self.content_type = content_type


class TooLarge(FetchError):
    """The body is larger than the cap."""

    def __init__(self, message: str, *, url: str, limit: int) -> None:
        super().__init__(message, url=url)
        self.limit = limit


class DecodingError(FetchError):
    """The body's Content-Encoding is corrupt or unsupported."""


def default_user_agent() -> str:
    """Return "Kabarchy/<version> (+<project url>)"."""
    try:
        version = metadata.version("kabarchy")
    except metadata.PackageNotFoundError:
        version = "0"
    return f"Kabarchy/{version} (+{PROJECT_URL})"


def next_delay(failures: int, *, base: float = 60.0, cap: float = 86400.0, jitter: float = 0.0) -> float:
    """Return seconds to wait after `failures` failures in a row: base * 2**(failures-1) * (1 + jitter), capped.

    `jitter` is a fraction the caller draws (e.g. `random.uniform(0, 0.2)`), so the rule itself stays pure.
    """
    if failures <= 0:
        return 0.0
    exponent = min(failures - 1, 62)  # keep the float finite; the cap wins long before
    return min(cap, base * (2.0**exponent) * (1.0 + max(jitter, 0.0)))


def poll_interval(
    ttl_minutes: int | None, *, default: float = 600.0, minimum: float = 300.0, maximum: float = 86400.0
) -> float:
    """Return seconds between polls of a feed: its TTL when it gives one, else `default`, within the bounds."""
    seconds = default if not ttl_minutes or ttl_minutes <= 0 else ttl_minutes * 60.0
    return max(minimum, min(maximum, seconds))


def _media_type(content_type: str | None) -> str:
    return (content_type or "").split(";", 1)[0].strip().lower()


def _retry_after(value: str | None) -> float | None:
    """Return the seconds a Retry-After header asks for (delta-seconds or an HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max(0.0, (moment - utc_now()).total_seconds())


def _is_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


class _BodyDecoder:
    """Decode gzip/deflate in bounded steps, so a small bomb can never expand past the cap in memory."""

    def __init__(self, content_encoding: str | None, *, url: str) -> None:
        codings = [c.strip().lower() for c in (content_encoding or "").split(",") if c.strip()]
        codings = [c for c in codings if c != "identity"]
        if len(codings) > 1 or (codings and codings[0] not in ("gzip", "x-gzip", "deflate")):
            raise DecodingError(f"unsupported Content-Encoding {content_encoding!r}", url=url)
        self.coding = codings[0] if codings else None
        self.url = url
        self._decompressor: zlib._Decompress | None = None
        self._done = False

    def _start(self, first: bytes) -> zlib._Decompress:
        if self.coding == "deflate":
            # "deflate" should be zlib-wrapped, but some servers send raw deflate: look at the header.
            wrapped = len(first) >= 2 and first[0] & 0x0F == 8 and (first[0] << 8 | first[1]) % 31 == 0
            return zlib.decompressobj(zlib.MAX_WBITS if wrapped else -zlib.MAX_WBITS)
        return zlib.decompressobj(16 + zlib.MAX_WBITS)

    def decode(self, chunk: bytes, budget: int) -> bytes:
        """Return the decoded bytes of a chunk, at most budget + 1 of them (one more means "too large")."""
        if self.coding is None:
            return chunk
        out = bytearray()
        data = chunk
        try:
            while data and not self._done and len(out) <= budget:
                if self._decompressor is None:
                    self._decompressor = self._start(data)
                decompressor = self._decompressor
                out += decompressor.decompress(data, budget - len(out) + 1)
                data = decompressor.unconsumed_tail
                if decompressor.eof:
                    rest = decompressor.unused_data + data
                    # Another gzip member may follow; anything else after the end is padding to ignore.
                    if self.coding != "deflate" and rest.startswith(b"\x1f\x8b"):
                        self._decompressor, data = None, rest
                    else:
                        self._done = True
        except zlib.error as error:
            raise DecodingError(f"corrupt {self.coding} body: {error}", url=self.url) from None
        return bytes(out)

    def finish(self) -> bytes:
        if self._decompressor is None or self._done:
            return b""
        try:
            return self._decompressor.flush()
        except zlib.error as error:
            raise DecodingError(f"corrupt {self.coding} body: {error}", url=self.url) from None


Resolver = Callable[[str, int], Awaitable[list[str]]]


async def system_resolver(host: str, port: int) -> list[str]:
    """Return every address the system resolver gives for a host (IPv4 and IPv6), in its order."""
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]).split("%", 1)[0] for info in infos))


class CheckedNetwork(httpcore.AsyncNetworkBackend):
    """Open each connection to an address resolved once and checked, never to a name resolved again.

    httpcore asks this backend for every new connection (the first request and every redirect hop to another
    host); the host name stays the request's Host header and TLS server name, only the socket goes to the address
    that was checked. Refusals raise PrivateAddress (with the host as `url`; Fetcher puts the real URL in).
    """

    def __init__(
        self, *, resolver: Resolver, allow_private: bool, sockets: httpcore.AsyncNetworkBackend | None = None
    ) -> None:
        self.resolver = resolver
        self.allow_private = allow_private
        self._inner = sockets or httpcore.AnyIOBackend()

    async def addresses(self, host: str, port: int) -> list[str]:
        """Return the addresses to connect to for host:port, refusing non-public ones unless they are allowed."""
        literal = host.strip("[]")
        try:
            addresses = [str(ipaddress.ip_address(literal))]
        except ValueError:
            try:
                addresses = await self.resolver(host, port)
            except OSError as error:
                raise httpcore.ConnectError(f"cannot resolve {host}: {error}") from None
            if not addresses:
                raise httpcore.ConnectError(f"cannot resolve {host}: no address")
        if not self.allow_private:
            for address in addresses:
                if not _is_public(ipaddress.ip_address(address)):
                    raise PrivateAddress(
                        f"{host} resolves to a non-public address ({address}); refused", url=host, host=host
                    )
        return addresses

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        last: Exception | None = None
        for address in await self.addresses(host, port):
            try:
                return await self._inner.connect_tcp(
                    address, port, timeout=timeout, local_address=local_address, socket_options=socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as error:
                last = error  # the next checked address, as a browser would
        assert last is not None
        raise last

    async def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None
    ) -> httpcore.AsyncNetworkStream:
        raise httpcore.ConnectError("unix sockets are not fetched")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


class _CheckedTransport(httpx.AsyncHTTPTransport):
    """httpx's own transport, its connection pool opening connections through a CheckedNetwork."""

    def __init__(self, network: CheckedNetwork, *, limits: httpx.Limits) -> None:
        super().__init__(limits=limits)
        # httpx takes no network backend, so build the pool it would build, with ours.
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=httpx.create_ssl_context(),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=network,
        )


class Fetcher:
    """One HTTP client for all of Kabarchy's fetching; close it with `aclose()` (or use `async with`)."""

    def __init__(
        self,
        *,
        user_agent: str | None = None,
        connect_timeout: float = 10.0,
        read_timeout: float = 20.0,
        total_timeout: float = 60.0,
        max_bytes: int = 5 * 1024 * 1024,
        max_redirects: int = 5,
        max_concurrency: int = 10,
        max_per_host: int = 2,
        allow_private_addresses: bool = False,
        resolver: Resolver = system_resolver,
        sockets: httpcore.AsyncNetworkBackend | None = None,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        """`resolver` turns a host name into addresses and `sockets` opens TCP connections to addresses (tests put a
        fake DNS and a fake internet there); `transport` replaces the whole HTTP layer, address checks included."""
        self.user_agent = user_agent or default_user_agent()
        self.total_timeout = total_timeout
        self.max_bytes = max_bytes
        self.max_per_host = max_per_host
        self.allow_private_addresses = allow_private_addresses
        self._slots = asyncio.Semaphore(max_concurrency)
        self._hosts: dict[str, tuple[asyncio.Semaphore, list[int]]] = {}
        limits = httpx.Limits(max_connections=max_concurrency, max_keepalive_connections=max_concurrency)
        self.network = CheckedNetwork(resolver=resolver, allow_private=allow_private_addresses, sockets=sockets)
        self._client = httpx.AsyncClient(
            headers={"User-Agent": self.user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(connect=connect_timeout, read=read_timeout, write=read_timeout, pool=total_timeout),
            follow_redirects=True,
            max_redirects=max_redirects,
            limits=limits,
            event_hooks={"request": [self._check_request]},
            transport=transport or _CheckedTransport(self.network, limits=limits),
        )

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the connection pool."""
        await self._client.aclose()

    async def fetch_feed(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> FetchResult:
        """GET a feed, conditionally when validators are given."""
        return await self.fetch(url, accept=FEED_TYPES, etag=etag, last_modified=last_modified)

    async def fetch_page(self, url: str) -> FetchResult:
        """GET an HTML article page."""
        return await self.fetch(url, accept=PAGE_TYPES)

    async def fetch(
        self,
        url: str,
        *,
        accept: Collection[str] | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
        max_bytes: int | None = None,
    ) -> FetchResult:
        """GET a URL within the limits; `accept` lists acceptable media types (None: any, a missing type passes)."""
        host = self._check_url(url)
        headers = {"Accept": _FEED_ACCEPT if accept is FEED_TYPES else _PAGE_ACCEPT if accept is PAGE_TYPES else "*/*"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        limit = self.max_bytes if max_bytes is None else max_bytes
        async with self._host_slot(host), self._slots:
            try:
                async with asyncio.timeout(self.total_timeout):
                    return await self._get(url, headers=headers, accept=accept, limit=limit, etag=etag,
                                           last_modified=last_modified)
            except PrivateAddress as error:
                raise PrivateAddress(str(error), url=url, host=error.host) from None
            except TimeoutError:
                raise Timeout(f"fetching took longer than {self.total_timeout:g} s", url=url) from None
            except httpx.TimeoutException as error:
                raise Timeout(f"timed out: {type(error).__name__}", url=url) from None
            except httpx.TooManyRedirects:
                raise TooManyRedirects("too many redirects (or a redirect loop)", url=url) from None
            except (httpx.UnsupportedProtocol, httpx.InvalidURL) as error:
                raise InvalidURL(f"cannot fetch: {error}", url=url) from None
            except httpx.HTTPError as error:
                raise NetworkError(f"{type(error).__name__}: {error or 'connection failed'}", url=url) from None

    async def _get(
        self,
        url: str,
        *,
        headers: dict[str, str],
        accept: Collection[str] | None,
        limit: int,
        etag: str | None,
        last_modified: str | None,
    ) -> FetchResult:
        async with self._client.stream("GET", url, headers=headers) as response:
            final_url = str(response.url)
            permanent = bool(response.history) and all(r.status_code in (301, 308) for r in response.history)
            new_etag = response.headers.get("ETag")
            new_modified = response.headers.get("Last-Modified")
            if response.status_code == 304:
                logger.debug("not modified: %s", url)
                return FetchResult(
                    url=url,
                    final_url=final_url,
                    status=304,
                    body=b"",
                    content_type=response.headers.get("Content-Type"),
                    etag=new_etag or etag,
                    last_modified=new_modified or last_modified,
                    not_modified=True,
                    permanent_redirect=permanent,
                )
            if response.status_code >= 300:
                raise HTTPStatusError(
                    f"HTTP {response.status_code} {response.reason_phrase}".strip(),
                    url=url,
                    status_code=response.status_code,
                    retry_after=_retry_after(response.headers.get("Retry-After")),
                )
            content_type = response.headers.get("Content-Type")
            media_type = _media_type(content_type)
            if accept is not None and media_type and media_type not in accept:
                raise BadContentType(f"unexpected content type {media_type}", url=url, content_type=media_type)
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > limit:
                raise TooLarge(f"Content-Length {declared} is over the {limit}-byte cap", url=url, limit=limit)
            body = await self._read_capped(response, limit=limit, url=url)
            logger.debug("fetched %s (%d bytes, %s)", final_url, len(body), media_type or "no type")
            return FetchResult(
                url=url,
                final_url=final_url,
                status=response.status_code,
                body=body,
                content_type=content_type,
                etag=new_etag,
                last_modified=new_modified,
                permanent_redirect=permanent,
                content_language=response.headers.get("Content-Language"),
            )

    async def _read_capped(self, response: httpx.Response, *, limit: int, url: str) -> bytes:
        """Read the body, decoding gzip/deflate, and stop as soon as either the wire or the decoded size passes."""
        decoder = _BodyDecoder(response.headers.get("Content-Encoding"), url=url)
        body = bytearray()
        received = 0
        async for chunk in response.aiter_raw():
            received += len(chunk)
            if received > limit:
                raise TooLarge(f"body is over the {limit}-byte cap", url=url, limit=limit)
            body += decoder.decode(chunk, limit - len(body))
            if len(body) > limit:
                raise TooLarge(f"decoded body is over the {limit}-byte cap", url=url, limit=limit)
        body += decoder.finish()
        if len(body) > limit:
            raise TooLarge(f"decoded body is over the {limit}-byte cap", url=url, limit=limit)
        return bytes(body)

    def _check_url(self, url: str) -> str:
        """Return the URL's host, or raise InvalidURL for anything but an http(s) URL with a host."""
        try:
            parts = urlsplit(url)
        except ValueError:
            raise InvalidURL("not a valid URL", url=url) from None
        if parts.scheme.lower() not in ("http", "https"):
            raise InvalidURL(f"only http and https URLs can be fetched, not {parts.scheme or 'this'!r}", url=url)
        if not parts.hostname:
            raise InvalidURL("the URL has no host", url=url)
        return parts.hostname.lower()

    async def _check_request(self, request: httpx.Request) -> None:
        """Refuse each request (redirect hops included) to a non-http(s) URL; CheckedNetwork checks the address."""
        if request.url.scheme not in ("http", "https"):
            raise InvalidURL(f"refusing {request.url.scheme!r} URL", url=str(request.url))

    @asynccontextmanager
    async def _host_slot(self, host: str) -> AsyncIterator[None]:
        """Hold one of the host's `max_per_host` slots; forget the host when nobody uses it."""
        semaphore, users = self._hosts.setdefault(host, (asyncio.Semaphore(self.max_per_host), [0]))
        users[0] += 1
        try:
            async with semaphore:
                yield
        finally:
            users[0] -= 1
            if users[0] == 0:
                self._hosts.pop(host, None)
