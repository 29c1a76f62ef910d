"""The emulator: an aiohttp server on 127.0.0.1 answering the Bot API for one bot, plus the control API.

The control API is a set of async methods on `Emulator` (listed in CONTROL_METHODS, most written in actions.py);
the same methods are served over HTTP as POST /control/<name> with a JSON object of keyword arguments, and wrapped
by `EmulatorClient`.
"""

from __future__ import annotations

import asyncio
import inspect
import ipaddress
import itertools
import json
import logging
import re
import socket
import time
from typing import Any
from urllib.parse import urlsplit

import aiohttp
from aiohttp import web

from botapi_emulator.actions import Actions
from botapi_emulator.botapi import DISCONNECT, BotApi, Upload, file_content
from botapi_emulator.model import ApiError, EmulatorError, FloodLimits, User, bad_request, now
from botapi_emulator.world import ALL_UPDATE_TYPES, FloodGate, World

logger = logging.getLogger(__name__)

DEFAULT_TOKEN = "123456789:AAEkabarchyEmulatorTokenForLocalTests01"
_TOKEN_SHAPE = re.compile(r"^\d{1,20}:[A-Za-z0-9_-]{1,200}$")
_LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain"})
_CONFLICT = "conflict"
_CLOSING = "closing"

# The control API: every name here is an async method of Emulator and of EmulatorClient, and a /control route.
CONTROL_METHODS = (
    "create_user", "create_users", "create_chat", "create_topic", "set_member", "set_bot_status", "block_bot",
    "unblock_bot", "deactivate_user", "migrate_group",
    "send_message", "edit_message", "send_sticker", "send_photo", "forward_message", "press_button",
    "callback_answer", "send_inline_query", "choose_inline_result", "send_update",
    "bot_messages", "bot_message", "messages", "next_bot_message", "next_bot_edit", "next_bot_activity",
    "mark_read", "calls", "call_count", "call_stats", "wait_for_calls", "pending_updates", "wait_until_polling",
    "bot_info", "my_commands",
    "inject_retry_after", "inject_error", "clear_faults", "set_flood_limits", "set_latency", "reset",
)


def _json_response(status: int, body: Any) -> web.Response:
    return web.Response(
        status=status,
        body=json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8"),
        content_type="application/json",
    )


def jsonable(value: Any) -> Any:
    """Turn a control result into JSON: dataclass views become dicts."""
    if hasattr(value, "to_dict"):
        return value.to_dict()
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    return value


def _is_loopback(host: str) -> bool:
    if host.lower() in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class Emulator(Actions):
    """A local Telegram Bot API server for one bot, with a control side to act as users and read what it sent."""

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        *,
        username: str = "kabarchy_test_bot",
        first_name: str = "Kabarchy",
        privacy_mode: bool = True,
        supports_inline_queries: bool = True,
        inline_feedback: bool = True,
        flood: FloodLimits | None = None,
        latency: float = 0.0,
        query_ttl: float = 15.0,
        webhook_retry_delay: float = 0.1,
        webhook_timeout: float = 10.0,
        max_poll_timeout: float = 50.0,
    ) -> None:
        if not _TOKEN_SHAPE.match(token):
            raise ValueError("a bot token looks like 123456:ABC-def")
        self.token = token
        self.supports_inline_queries = supports_inline_queries
        self.query_ttl = query_ttl
        self.webhook_retry_delay = webhook_retry_delay
        self.webhook_timeout = webhook_timeout
        self.max_poll_timeout = max_poll_timeout
        self._initial_flood = flood
        self._initial_latency = latency
        self.flood_gate: FloodGate | None = FloodGate(flood) if flood else None
        self.latency = latency
        bot = User(id=int(token.split(":")[0]), first_name=first_name, username=username, is_bot=True)
        self.world = World(bot, privacy_mode=privacy_mode, inline_feedback=inline_feedback)
        self.world.update_listeners.append(self._on_update)
        self.api = BotApi(self)
        self._poller: asyncio.Future | None = None
        self._polling_waiters: list[asyncio.Future] = []
        self._webhook_task: asyncio.Task | None = None
        self._webhook_wakeup = asyncio.Event()
        self._background: set[asyncio.Task] = set()
        self._runner: web.AppRunner | None = None
        self._session: aiohttp.ClientSession | None = None
        self._closing = False
        self._query_ids = itertools.count(4_170_000_000_000_000_001)
        self.port: int | None = None

    # ----------------------------------------------------------------------------------------- lifecycle

    @property
    def root(self) -> str:
        """Return the server's root URL, e.g. http://127.0.0.1:8081 (TELEGRAM_API_URL for the bot)."""
        if self.port is None:
            raise RuntimeError("the emulator is not started")
        return f"http://127.0.0.1:{self.port}"

    @property
    def bot_base_url(self) -> str:
        """Return the base_url for python-telegram-bot: {root}/bot."""
        return f"{self.root}/bot"

    @property
    def file_base_url(self) -> str:
        """Return the base_file_url for python-telegram-bot: {root}/file/bot."""
        return f"{self.root}/file/bot"

    @property
    def polling(self) -> bool:
        """Return whether a getUpdates long poll is waiting right now (the bot is connected and idle)."""
        return self._poller is not None and not self._poller.done()

    @property
    def bot_id(self) -> int:
        return self.world.bot.id

    @property
    def username(self) -> str:
        return self.world.bot.username or ""

    def make_app(self) -> web.Application:
        """Build the aiohttp application (Bot API, file downloads and control routes)."""
        app = web.Application(client_max_size=50 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._bot_route)
        app.router.add_get("/file/bot{token}/{path:.+}", self._file_route)
        app.router.add_get("/control", self._control_index)
        app.router.add_route("*", "/control/{name}", self._control_route)
        return app

    async def start(self, *, port: int = 0) -> str:
        """Serve on 127.0.0.1:port (0 picks a free port); return the root URL."""
        if self._runner is not None:
            raise RuntimeError("the emulator is already started")
        self._closing = False
        self._session = aiohttp.ClientSession()
        self._runner = web.AppRunner(self.make_app(), access_log=None, shutdown_timeout=1.0)
        await self._runner.setup()
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind(("127.0.0.1", port))
            site = web.SockSite(self._runner, sock)
            await site.start()
        except BaseException:
            sock.close()
            await self.stop()
            raise
        self.port = sock.getsockname()[1]
        if self.world.webhook is not None:
            self._start_webhook_delivery()
        logger.info("Bot API emulator listening on %s", self.root)
        return self.root

    async def stop(self) -> None:
        """Answer pending long polls, stop webhook delivery, close the server and the webhook client."""
        self._closing = True
        if self._poller is not None and not self._poller.done():
            self._poller.set_result(_CLOSING)
        await self._stop_webhook_delivery()
        for task in list(self._background):
            task.cancel()
        if self._background:
            await asyncio.gather(*self._background, return_exceptions=True)
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def __aenter__(self) -> Emulator:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.stop()

    # ----------------------------------------------------------------------------------------- HTTP: Bot API

    async def _bot_route(self, request: web.Request) -> web.StreamResponse:
        arrived = time.time()  # when the request reached the server: what a rate limit counts, not when it is answered
        token = request.match_info["token"]
        if token != self.token:
            if _TOKEN_SHAPE.match(token):
                return _json_response(401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
            return _json_response(404, {"ok": False, "error_code": 404, "description": "Not Found"})
        try:
            raw = await self._read_params(request)
        except ValueError as exc:
            return _json_response(400, bad_request(str(exc)).payload())
        if self.latency > 0:
            await asyncio.sleep(self.latency)
        status, body = await self.api.call(request.match_info["method"], raw, at=arrived)
        if body is DISCONNECT:
            # An injected network failure: the client sees the connection drop without an answer.
            if request.transport is not None:
                request.transport.abort()
            raise asyncio.CancelledError
        return _json_response(status, body)

    @staticmethod
    async def _read_params(request: web.Request) -> dict[str, Any]:
        raw: dict[str, Any] = dict(request.query)
        if not request.body_exists:
            return raw
        if request.content_type == "application/json":
            try:
                data = json.loads(await request.read() or b"{}")
            except ValueError:
                raise ValueError("can't parse JSON encoded request body") from None
            if not isinstance(data, dict):
                raise ValueError("JSON request body must be an object")
            raw.update(data)
        elif request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            form = await request.post()
            for name, value in form.items():
                if isinstance(value, web.FileField):
                    try:
                        raw[name] = Upload(value.filename, value.content_type, value.file.read())
                    finally:
                        value.file.close()
                else:
                    raw[name] = value
        return raw

    async def _file_route(self, request: web.Request) -> web.StreamResponse:
        if request.match_info["token"] != self.token:
            return _json_response(401, {"ok": False, "error_code": 401, "description": "Unauthorized"})
        content = file_content(self.world, request.match_info["path"])
        if content is None:
            return _json_response(404, {"ok": False, "error_code": 404, "description": "Not Found"})
        return web.Response(body=content, content_type="application/octet-stream")

    # ----------------------------------------------------------------------------------------- updates

    def _on_update(self) -> None:
        if self._poller is not None and not self._poller.done():
            self._poller.set_result(None)
        self._webhook_wakeup.set()

    def _set_allowed_updates(self, allowed: list[str] | None) -> None:
        if allowed is not None:
            # An empty list means "the default set" again, as on Telegram.
            self.world.allowed_updates = frozenset(allowed) & ALL_UPDATE_TYPES or None

    async def long_poll(
        self, *, offset: int | None, limit: int | None, timeout: float, allowed_updates: list[str] | None
    ) -> list[dict]:
        """Answer getUpdates: confirm updates before offset, then wait up to timeout for at least one."""
        world = self.world
        if world.webhook is not None:
            raise ApiError(
                409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete "
                "the webhook first"
            )
        self._set_allowed_updates(allowed_updates)
        limit = 100 if limit is None or limit <= 0 else min(limit, 100)
        if self._poller is not None and not self._poller.done():
            self._poller.set_result(_CONFLICT)
        if offset:
            world.confirm_updates(offset)
        if not world.updates and timeout > 0 and not self._closing:
            poller = asyncio.get_running_loop().create_future()
            self._poller = poller
            World.wake(self._polling_waiters)
            try:
                await asyncio.wait({poller}, timeout=min(timeout, self.max_poll_timeout))
            finally:
                if self._poller is poller:
                    self._poller = None
            if poller.done() and poller.result() == _CONFLICT:
                raise ApiError(
                    409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance "
                    "is running"
                )
            poller.cancel()
        return list(itertools.islice(world.updates, limit))

    # ----------------------------------------------------------------------------------------- webhooks

    @staticmethod
    def check_webhook_url(url: str) -> None:
        """Accept only http(s) URLs on this machine: the emulator never sends anything to the network."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        if not _is_loopback(parts.hostname):
            raise bad_request("bad webhook: the emulator delivers webhooks to 127.0.0.1 or localhost only")

    def set_webhook(
        self,
        url: str | None,
        *,
        secret_token: str | None = None,
        max_connections: int = 40,
        allowed_updates: list[str] | None = None,
        drop_pending_updates: bool = False,
        ip_address: str | None = None,
    ) -> None:
        """Set (url) or remove (None) the webhook; delivery restarts from the oldest pending update."""
        world = self.world
        if drop_pending_updates:
            world.updates.clear()
        self._set_allowed_updates(allowed_updates)
        if self._webhook_task is not None:
            self._webhook_task.cancel()
            self._background.add(self._webhook_task)
            self._webhook_task.add_done_callback(self._background.discard)
            self._webhook_task = None
        if url is None:
            world.webhook = None
            return
        world.webhook = {
            "url": url,
            "secret_token": secret_token,
            "max_connections": max_connections,
            "ip_address": ip_address,
            "last_error_date": None,
            "last_error_message": None,
        }
        if self._runner is not None:
            self._start_webhook_delivery()

    def webhook_info(self) -> dict:
        hook = self.world.webhook
        info: dict[str, Any] = {
            "url": hook["url"] if hook else "",
            "has_custom_certificate": False,
            "pending_update_count": len(self.world.updates),
        }
        if hook:
            info["max_connections"] = hook["max_connections"]
            if hook["ip_address"]:
                info["ip_address"] = hook["ip_address"]
            if hook["last_error_date"]:
                info["last_error_date"] = hook["last_error_date"]
                info["last_error_message"] = hook["last_error_message"]
            if self.world.allowed_updates:
                info["allowed_updates"] = sorted(self.world.allowed_updates)
        return info

    def _start_webhook_delivery(self) -> None:
        self._webhook_wakeup.set()
        self._webhook_task = asyncio.get_running_loop().create_task(self._deliver_webhook(self.world.webhook))

    async def _stop_webhook_delivery(self) -> None:
        task, self._webhook_task = self._webhook_task, None
        if task is not None:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)

    async def _deliver_webhook(self, hook: dict) -> None:
        """POST pending updates to the webhook in order, retrying with backoff until it answers 2xx."""
        world = self.world
        delay = self.webhook_retry_delay
        headers = {"Content-Type": "application/json"}
        if hook["secret_token"]:
            headers["X-Telegram-Bot-Api-Secret-Token"] = hook["secret_token"]
        while world.webhook is hook:
            if not world.updates:
                self._webhook_wakeup.clear()
                await self._webhook_wakeup.wait()
                continue
            update = world.updates[0]
            error: str | None = None
            body = b""
            assert self._session is not None
            try:
                async with self._session.post(
                    hook["url"],
                    data=json.dumps(update, ensure_ascii=False).encode("utf-8"),
                    headers=headers,
                    timeout=aiohttp.ClientTimeout(total=self.webhook_timeout),
                ) as response:
                    body = await response.read()
                    if not 200 <= response.status < 300:
                        error = f"Wrong response from the webhook: {response.status} {response.reason}"
            except aiohttp.ClientConnectorError:
                error = "Connection refused"
            except TimeoutError:
                error = "Read timeout expired"
            except (aiohttp.ClientError, OSError) as exc:
                error = f"Connection failed: {exc.__class__.__name__}"
            if error is None:
                if world.updates and world.updates[0] is update:
                    world.updates.popleft()
                delay = self.webhook_retry_delay
                self._answer_in_webhook_reply(body)
                continue
            hook["last_error_date"] = now()
            hook["last_error_message"] = error
            logger.info("webhook delivery of update %s failed: %s", update["update_id"], error)
            await asyncio.sleep(delay)
            delay = min(delay * 2, 5.0)

    def _answer_in_webhook_reply(self, body: bytes) -> None:
        """Run a Bot API method the webhook put in its reply, as Telegram allows."""
        try:
            reply = json.loads(body) if body.strip() else None
        except ValueError:
            return
        if isinstance(reply, dict) and isinstance(reply.get("method"), str):
            params = {k: v for k, v in reply.items() if k != "method"}
            task = asyncio.get_running_loop().create_task(self.api.call(reply["method"], params))
            self._background.add(task)
            task.add_done_callback(self._background.discard)

    # ----------------------------------------------------------------------------------------- HTTP: control

    async def _control_index(self, request: web.Request) -> web.Response:
        index = {name: f"{name}{inspect.signature(getattr(self, name))}" for name in CONTROL_METHODS}
        return _json_response(200, {"ok": True, "result": index})

    async def _control_route(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        if name not in CONTROL_METHODS:
            return _json_response(404, {"ok": False, "error": f"no control method {name!r}; GET /control lists them"})
        kwargs: dict[str, Any] = {}
        for key, value in request.query.items():
            try:
                kwargs[key] = json.loads(value)
            except ValueError:
                kwargs[key] = value
        if request.body_exists:
            try:
                body = json.loads(await request.read() or b"{}")
            except ValueError:
                return _json_response(400, {"ok": False, "error": "the body must be a JSON object of arguments"})
            if not isinstance(body, dict):
                return _json_response(400, {"ok": False, "error": "the body must be a JSON object of arguments"})
            kwargs.update(body)
        function = getattr(self, name)
        try:
            inspect.signature(function).bind(**kwargs)
        except TypeError as exc:
            return _json_response(400, {"ok": False, "error": f"{name}: {exc}"})
        try:
            result = await function(**kwargs)
        except EmulatorError as exc:
            return _json_response(400, {"ok": False, "error": str(exc)})
        except TimeoutError as exc:
            return _json_response(408, {"ok": False, "error": str(exc) or "timed out"})
        except Exception as exc:  # a control bug must not look like a Bot API answer
            logger.exception("control method %s failed", name)
            return _json_response(500, {"ok": False, "error": f"{name} failed: {exc!r}"})
        return _json_response(200, {"ok": True, "result": jsonable(result)})

    # ----------------------------------------------------------------------------------------- settings

    async def bot_info(self) -> dict:
        """Return the bot as configured by itself: getMe, commands per scope/language, descriptions, webhook."""
        world = self.world
        return {
            "me": await self.api.get_me({}),
            "commands": [
                {"scope": json.loads(scope), "language_code": language, "commands": commands}
                for (scope, language), commands in world.commands.items()
            ],
            "descriptions": dict(world.descriptions),
            "short_descriptions": dict(world.short_descriptions),
            "names": dict(world.names),
            "webhook": self.webhook_info(),
        }

    async def wait_until_polling(self, *, timeout: float = 10.0) -> None:
        """Wait until the bot has a getUpdates long poll open: it is up and has read every update so far."""
        if self.polling:
            return
        waiter = asyncio.get_running_loop().create_future()
        self._polling_waiters.append(waiter)
        try:
            await asyncio.wait_for(waiter, timeout)
        except TimeoutError:
            raise TimeoutError(f"the bot opened no long poll within {timeout}s") from None
        finally:
            if waiter in self._polling_waiters:
                self._polling_waiters.remove(waiter)

    async def set_flood_limits(self, limits: FloodLimits | dict | None) -> None:
        """Enforce Telegram's broadcasting limits with 429 answers (None turns the flood model off)."""
        if isinstance(limits, dict):
            limits = FloodLimits.from_dict(limits)
        self.flood_gate = FloodGate(limits) if limits else None

    async def set_latency(self, seconds: float) -> None:
        """Delay every Bot API answer by `seconds`, like a network round trip."""
        if seconds < 0:
            raise EmulatorError("latency cannot be negative")
        self.latency = seconds

    async def reset(self) -> None:
        """Forget all users, chats, updates, calls, faults and bot settings; keep the bot's identity."""
        await self._stop_webhook_delivery()
        self.world.reset()
        self.flood_gate = FloodGate(self._initial_flood) if self._initial_flood else None
        self.latency = self._initial_latency
