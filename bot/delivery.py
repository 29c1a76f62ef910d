"""Send digests within Telegram's limits, writing each result to the database right after the message went out.

Pacing, shared by every digest message of the process:
- `BroadcastLimiter`: starts evenly spaced, `rate` of them in every 1 + `PACING_MARGIN` seconds, so no one-second
  window holds more than `rate` even when a message reaches the server up to the margin (45 ms) later than its
  neighbours. Only starts are spaced: the round trip of an answer costs no throughput, and the achieved rate is
  rate / (1 + margin), 95.7 % of it at any round trip (bench/pacing.py measures it at 50 ms; a margin of 30 ms gave
  97 % but let a second hold 101-103 messages at 100/s). It used to hold each of `rate` permits until a second after
  its answer, which gave rate / (1.01 s + round trip): 94 % of 100/s at 8 ms, 94.3 % at 50 ms. A 429 pauses everyone
  for `retry_after` (Telegram's flood wait is for the bot, not one chat).
- `ChatPacer`: about one message per second to a private chat, 20 per minute to a group or channel.

The delivery state machine (rows of `deliveries`, see storage/deliveries.py):

    (claimed) INTENT --each message--> INTENT + message id --last message--> SENT (watermark moves)
              INTENT --nothing passes the filters any more------------------> SENT, no message (watermark moves)
              INTENT --403 / chat not found / topic gone--------------------> FAILED (chat deactivated / paused)
              INTENT --400 migrate_to_chat_id--> chat moved to the new id, same INTENT, sent there
              INTENT --429--> everyone waits retry_after, the same message is sent again
              INTENT --5xx / timeout / dropped connection--> retried with backoff; when that runs out the
                      delivery stays INTENT and the next pass tries again (FAILED after MAX_FAILURES passes)
              INTENT --kill -9--> still INTENT: the next pass resumes after the messages already recorded

A message whose answer was lost in a crash is the only one that can arrive twice.

Results: a sender goes on only once its result is written (`ResultWriter`); results that finish while a write
transaction runs share the next one, so the writes keep up with paid broadcasts without loosening that rule.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from telegram import Bot, LinkPreviewOptions
from telegram.constants import ParseMode
from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.request import HTTPXRequest

from handlers.digests import DigestMessage
from storage.deliveries import DigestJob
from storage import Store

logger = logging.getLogger(__name__)

# Telegram's free broadcasting limit is about 30 messages per second; more needs allow_paid_broadcast.
FREE_RATE_LIMIT = 30.0
PAID_RATE_LIMIT = 1000.0
PRIVATE_INTERVAL = 1.05  # seconds between messages to one private chat ("about one per second")
GROUP_INTERVAL = 3.05  # 20 messages per minute to one group or channel
MAX_FAILURES = 5
CLIENT_CONNECTIONS = 8  # HTTP connections per broadcast client (see BroadcastClients)
PACING_MARGIN = 0.045  # of a second per `rate` messages: the jitter of the way to the server that pacing absorbs
# Bad requests that mean the destination is gone for good, not that our message is wrong.
_CHAT_GONE = ("chat not found", "group chat was deactivated", "chat_write_forbidden", "have no rights to send")
_TOPIC_GONE = ("message thread not found", "topic_closed", "topic_deleted", "topic not found")


class Outcome(StrEnum):
    """How one delivery ended in this pass."""

    SENT = "sent"  # every message went out (or none was needed); the watermark moved
    STOPPED = "stopped"  # given up for good: blocked, kicked, chat or topic gone, message refused
    RETRY = "retry"  # a transient failure outlasted the retries: the delivery stays open for the next pass
    INTERRUPTED = "interrupted"  # the lease was lost or the bot is stopping: the delivery stays open


class DeliveryInterrupted(Exception):
    """Sending must stop now (lease lost, shutting down); what was sent is recorded."""


def effective_rate(messages_per_second: float, *, paid_broadcast: bool) -> float:
    """Return the broadcast rate to use: the configured one, capped at what Telegram allows for the mode."""
    cap = PAID_RATE_LIMIT if paid_broadcast else FREE_RATE_LIMIT
    if messages_per_second > cap:
        logger.warning(
            "messages_per_second=%s is above Telegram's %s/s%s; using %s/s",
            messages_per_second, cap, "" if paid_broadcast else " without paid broadcasts", cap,
        )
    return max(0.1, min(messages_per_second, cap))


def retry_after_seconds(exc: RetryAfter) -> float:
    """Return how long a RetryAfter asks to wait, in seconds (PTB gives an int or a timedelta)."""
    value = exc.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


class BroadcastLimiter:
    """At most `rate` digest messages in any one second, evenly spaced, with a shared 429 pause."""

    def __init__(self, rate: float, *, window: float = 1.0, margin: float = PACING_MARGIN) -> None:
        self.rate = rate
        self.window = window
        self.margin = margin
        # `rate` starts take window + margin: any one-second window holds fewer than `rate`, even when the way to
        # the server shifts a message by up to `margin` seconds more than its neighbours.
        self._interval = (window + margin) / rate
        self._order = asyncio.Lock()
        self._next_start = 0.0
        self._paused_until = 0.0

    def pause(self, seconds: float) -> None:
        """Hold every start for `seconds` from now (a 429's retry_after, plus a little)."""
        loop = asyncio.get_running_loop()
        self._paused_until = max(self._paused_until, loop.time() + seconds)

    @property
    def paused_for(self) -> float:
        """Return how many seconds the 429 pause still lasts (0 when not paused)."""
        return max(0.0, self._paused_until - asyncio.get_running_loop().time())

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        """Wait for the turn to send one message; the block is the request."""
        loop = asyncio.get_running_loop()
        async with self._order:  # FIFO: senders start in the order they asked
            while True:
                booked = max(self._next_start, self._paused_until)
                wait = booked - loop.time()
                if wait <= 0:
                    break
                await asyncio.sleep(wait)
            # The next start is booked one interval after this one's turn, not after the moment the sleep woke up
            # (a late wake-up would otherwise lose a little of every interval); after a quiet spell it is booked
            # from now, never as a burst of the starts that were not used.
            now = loop.time()
            self._next_start = (booked if now - booked < self._interval else now) + self._interval
        yield


class ResultWriter:
    """Write the results of sends as they come, many to a transaction (group commit).

    A sender waits until its result is written before it goes on, exactly as with one transaction per message;
    results that arrive while a transaction runs go together in the next one, so a fast broadcast is not held to
    the single SQLite writer's transactions per second.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self._parts: list[tuple[int, int, asyncio.Future]] = []
        self._completions: list[tuple[int, int | None, asyncio.Future]] = []
        self._task: asyncio.Task | None = None
        self.transactions = 0

    async def part(self, delivery_id: int, message_id: int) -> None:
        """Record one more sent message of an open delivery; return once it is written."""
        future = asyncio.get_running_loop().create_future()
        self._parts.append((delivery_id, message_id, future))
        await self._wait(future)

    async def complete(self, delivery_id: int, message_id: int | None = None) -> None:
        """Close a delivery as sent (with its last message id) and move the watermark; return once it is written."""
        future = asyncio.get_running_loop().create_future()
        self._completions.append((delivery_id, message_id, future))
        await self._wait(future)

    async def drain(self) -> None:
        """Wait until every result handed in so far is written."""
        while self._task is not None and not self._task.done():
            await asyncio.shield(self._task)

    async def _wait(self, future: asyncio.Future) -> None:
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._flush(), name="digest-results")
        # A cancelled sender (the bot stopping) must not cancel the write of results already handed in.
        await asyncio.shield(future)

    async def _flush(self) -> None:
        while self._parts or self._completions:
            parts, self._parts = self._parts, []
            completions, self._completions = self._completions, []
            futures = [f for *_, f in parts] + [f for *_, f in completions]
            try:
                await self.store.deliveries.record_results(
                    parts=[(d, m) for d, m, _ in parts], completions=[(d, m) for d, m, _ in completions]
                )
                self.transactions += 1
            except Exception as exc:  # the senders see it and leave their deliveries open
                for future in futures:
                    if not future.done():
                        future.set_exception(exc)
                continue
            for future in futures:
                if not future.done():
                    future.set_result(None)


class BroadcastClients:
    """Bots that share `bot`'s token and server, each with a small pool of HTTP connections, taken in turn.

    httpcore's connection pool does work for every request in proportion to its connections times the requests
    waiting (it looks at each connection, with a system call, to find expired ones), so one pool of 64 connections
    spends most of a core on itself at a few hundred messages a second. Several pools of a few connections each
    carry a paid broadcast's 1,000 messages/s (bench/pacing.py). They are opened on first use and closed by `aclose`.
    """

    def __init__(self, bot: Bot, count: int, *, connections: int = CLIENT_CONNECTIONS) -> None:
        self.bot = bot
        self.count = count
        self.connections = connections
        self._bots: list[Bot] = []
        self._turn = 0
        self._opening = asyncio.Lock()

    async def open(self) -> None:
        """Open the clients now (each asks the server who it is once), rather than on the first message."""
        if self.count > 1:
            await self.next()

    async def next(self) -> Bot:
        """Return the bot whose turn it is (the given bot itself when no extra clients were asked for)."""
        if self.count <= 1:
            return self.bot
        if len(self._bots) < self.count:
            async with self._opening:
                while len(self._bots) < self.count:
                    client = Bot(
                        self.bot.token,
                        base_url=self.bot.base_url.replace(self.bot.token, "{token}"),
                        base_file_url=self.bot.base_file_url.replace(self.bot.token, "{token}"),
                        request=HTTPXRequest(connection_pool_size=self.connections),
                    )
                    await client.initialize()
                    self._bots.append(client)
        self._turn = (self._turn + 1) % self.count
        return self._bots[self._turn]

    async def aclose(self) -> None:
        """Close the extra clients' connections."""
        bots, self._bots = self._bots, []
        for client in bots:
            try:
                await client.shutdown()
            except Exception:  # closing is best effort: the process may be on its way out
                logger.warning("closing a broadcast client failed", exc_info=True)


class ChatPacer:
    """Space messages to the same chat: about 1/s to a person, 20/min to a group or channel."""

    def __init__(self, *, private_interval: float = PRIVATE_INTERVAL, group_interval: float = GROUP_INTERVAL) -> None:
        self.private_interval = private_interval
        self.group_interval = group_interval
        self._next: dict[int, float] = {}

    def interval(self, chat_type: str) -> float:
        """Return the spacing for a chat of this type."""
        return self.private_interval if chat_type == "private" else self.group_interval

    async def wait(self, chat_id: int, chat_type: str) -> None:
        """Wait until the chat may get its next message, and book the one after."""
        loop = asyncio.get_running_loop()
        now = loop.time()
        if len(self._next) > 10_000:
            self._next = {k: v for k, v in self._next.items() if v > now}
        start = max(now, self._next.get(chat_id, 0.0))
        self._next[chat_id] = start + self.interval(chat_type)
        if start > now:
            await asyncio.sleep(start - now)


@dataclass(slots=True)
class SendStats:
    """Counters of one sender, for logs and the benchmark."""

    messages: int = 0
    retry_after: int = 0
    transient: int = 0
    migrated: int = 0
    blocked: int = 0
    refused: int = 0


class DigestSender:
    """Send the messages of one delivery after another, within the limits, recording each result."""

    def __init__(
        self,
        bot: Bot,
        store: Store,
        *,
        rate: float = 25.0,
        paid_broadcast: bool = False,
        may_send: Callable[[], bool] = lambda: True,
        private_interval: float = PRIVATE_INTERVAL,
        group_interval: float = GROUP_INTERVAL,
        max_attempts: int = 6,
        backoff: float = 0.5,
        max_backoff: float = 30.0,
        concurrency: int = 8,
    ) -> None:
        self.bot = bot
        # Up to 16 messages on their way go through the bot's own client (and its AIORateLimiter); more, for paid
        # broadcasts, through several small clients.
        self.clients = BroadcastClients(bot, 0 if concurrency <= 16 else -(-concurrency // CLIENT_CONNECTIONS))
        self.store = store
        self.paid_broadcast = paid_broadcast
        self.limiter = BroadcastLimiter(effective_rate(rate, paid_broadcast=paid_broadcast))
        self.pacer = ChatPacer(private_interval=private_interval, group_interval=group_interval)
        self.may_send = may_send
        self.max_attempts = max_attempts
        self.backoff = backoff
        self.max_backoff = max_backoff
        self.stats = SendStats()
        self.results = ResultWriter(store)

    async def deliver(self, job: DigestJob, messages: list[DigestMessage]) -> Outcome:
        """Send what is left of a delivery (messages after those already recorded) and close it."""
        delivery, subscriber = job.delivery, job.subscriber
        deliveries = self.store.deliveries
        if not messages:
            await self.results.complete(delivery.id)
            return Outcome.SENT
        chat_id = subscriber.chat_id
        start = len(delivery.message_ids)  # resuming after a crash: these went out already
        if start >= len(messages):
            await self.results.complete(delivery.id)
            return Outcome.SENT
        for index in range(start, len(messages)):
            try:
                chat_id, message_id = await self._send(job, chat_id, messages[index])
            except DeliveryInterrupted:
                return Outcome.INTERRUPTED
            except _Stop as stop:
                await deliveries.abandon(delivery.id, stop.reason)
                return Outcome.STOPPED
            except _Transient as exc:
                await deliveries.note_failure(delivery.id, str(exc), give_up_after=MAX_FAILURES)
                return Outcome.RETRY
            if index == len(messages) - 1:
                await self.results.complete(delivery.id, message_id)
            else:
                await self.results.part(delivery.id, message_id)
        return Outcome.SENT

    async def _send(self, job: DigestJob, chat_id: int, message: DigestMessage) -> tuple[int, int]:
        """Send one message, honouring 429s, retrying transient errors and following a migrated group."""
        subscriber = job.subscriber
        failures = 0
        while True:
            if not self.may_send():
                raise DeliveryInterrupted
            await self.pacer.wait(chat_id, job.chat_type)
            # Before the turn: opening the clients takes a round trip each, and a turn must go out when it comes.
            client = await self.clients.next()
            try:
                async with self.limiter.slot():
                    if not self.may_send():
                        raise DeliveryInterrupted
                    sent = await client.send_message(
                        chat_id,
                        message.text,
                        parse_mode=ParseMode.HTML,
                        message_thread_id=subscriber.thread_id or None,
                        reply_markup=message.reply_markup,
                        link_preview_options=LinkPreviewOptions(is_disabled=True),
                        allow_paid_broadcast=True if self.paid_broadcast else None,
                    )
            except RetryAfter as exc:
                wait = retry_after_seconds(exc)
                self.stats.retry_after += 1
                logger.warning("Telegram asked to wait %.0fs (flood control); every digest send waits", wait)
                self.limiter.pause(wait + 0.1)
                continue
            except ChatMigrated as exc:
                self.stats.migrated += 1
                logger.info("chat %s became supergroup %s; moving its subscription", chat_id, exc.new_chat_id)
                await self.store.chats.migrate(chat_id, exc.new_chat_id)
                chat_id = exc.new_chat_id
                continue
            except Forbidden as exc:
                self.stats.blocked += 1
                logger.info("chat %s refuses the bot (%s): deactivating it", chat_id, exc.message)
                await self.store.chats.set_active(chat_id, False)
                raise _Stop(f"forbidden: {exc.message}") from None
            except BadRequest as exc:
                await self._bad_request(job, chat_id, exc)
                raise _Stop(f"bad request: {exc.message}") from None
            except NetworkError as exc:  # 5xx, timeouts, dropped connections (BadRequest is handled above)
                failures += 1
                self.stats.transient += 1
                if failures >= self.max_attempts:
                    logger.warning("sending to chat %s failed %d times (%s); trying again later", chat_id,
                                   failures, exc.message)
                    raise _Transient(exc.message) from None
                delay = min(self.max_backoff, self.backoff * 2 ** (failures - 1)) * (0.75 + random.random() / 2)
                logger.info("sending to chat %s failed (%s); retrying in %.1fs", chat_id, exc.message, delay)
                await asyncio.sleep(delay)
                continue
            except TelegramError as exc:  # InvalidToken, Conflict ...: not this chat's fault, try again later
                logger.error("sending a digest failed: %s", exc)
                raise _Transient(str(exc)) from None
            self.stats.messages += 1
            return chat_id, sent.message_id

    async def _bad_request(self, job: DigestJob, chat_id: int, exc: BadRequest) -> None:
        text = exc.message.lower()
        self.stats.refused += 1
        if any(marker in text for marker in _CHAT_GONE):
            logger.info("chat %s is gone (%s): deactivating it", chat_id, exc.message)
            await self.store.chats.set_active(chat_id, False)
        elif any(marker in text for marker in _TOPIC_GONE):
            logger.info("topic %s of chat %s is gone (%s): pausing its digest", job.subscriber.thread_id,
                        chat_id, exc.message)
            await self.store.subscribers.set_paused(job.subscriber.id, True)
        else:
            # Our message was refused (markup, length): a bug to fix, not a reason to retry for ever.
            logger.error("Telegram refused digest %s for chat %s: %s", job.delivery.id, chat_id, exc.message)


class _Stop(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class _Transient(Exception):
    pass
