"""The digest scheduler: claims due digests from the database and sends them, while it holds the database lease.

The database is the single source of truth: each subscriber's `next_due_at` says when its next digest is due,
each open delivery (state INTENT) is a digest promised and not yet finished. Nothing is kept in memory between
passes, so a restart (or `kill -9`) loses nothing: a pass

1. claims every subscriber whose `next_due_at` has passed: for the latest slot that passed (one digest after
   downtime, never a pile), it writes the intent with the range of articles the digest covers, or, when nothing
   new passes the subscriber's filters, just moves the watermark; in the same transaction `next_due_at` moves to
   the next slot (storage: DeliveryRepository.claim);
2. sends every open delivery, oldest first, through `DigestSender` (bot/delivery.py), which records each message
   right after it went out and closes the delivery with the watermark; a delivery interrupted by a crash is
   resumed after the messages already recorded.

The timer is PTB's JobQueue (APScheduler), armed from the database: `start(job_queue)` arms one `run_once` job
now; each pass ends by arming the next at the earliest `next_due_at` (at most `tick` seconds away, to notice other
processes' changes), and `wake()` (a subscription changed) re-arms it now. So there is one job, never one per
subscriber, and nothing about the schedule lives only in memory. A wake that comes during a pass runs another pass
right after it, never two at once. The lease is renewed by a `run_repeating` job. A pass that fails reaches the
application's error handler (the JobQueue routes it there) and the timer is armed again all the same. Tests keep an
injected clock and call the passes (`run_once`, `claim_due`, `send_open`) directly.

Several bot processes may share one database (PostgreSQL, see README "Several processes"): every process claims
due subscribers (the claim locks them, `FOR UPDATE SKIP LOCKED`, so each intent is written once), and only the
holder of the `digests` lease sends. One sender keeps Telegram's limit, which is per bot and not per process, exact
in every second without a round trip to the database per message; one process sends 1,000 messages/s
(bench/pacing.py), Telegram's paid ceiling, so spreading the sending would buy nothing. A process without the lease
looks again every third of the lease's time to live and takes an expired lease over.
The lease is renewed every third of its time to live; the holder checks its own deadline before every message,
and at each renewal sends what other processes claimed since (their claims cannot wake it).
A lease whose holder is a dead process on this machine (same boot, same PID namespace) is taken over at once, so
a restart after `kill -9` does not wait for the old lease to run out.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from telegram import Bot
from telegram.ext import CallbackContext, Job, JobQueue

from bot.delivery import DeliveryInterrupted, DigestSender, Outcome
from bot.timers import Timer, ends_quietly, remove
from handlers.digests import MAX_CANDIDATES, compose_for, render_digest
from handlers.i18n import DEFAULT_LANGUAGE
from news.models import DigestArticle
from storage.deliveries import DigestClaim, DigestJob
from news.schedule import slot_key, subscriber_latest_due, subscriber_next_due
from storage import Store
from storage.clock import utc_now

logger = logging.getLogger(__name__)

LEASE_NAME = "digests"
DEFAULT_LEASE_TTL = timedelta(seconds=30)
DEFAULT_TICK = 30.0  # seconds between looks at the database when nothing wakes the scheduler earlier
TAKEOVER_PAUSE = 2.0  # seconds: a new holder waits a rate window, and a second for the dead one's requests in flight
OPEN_INTENTS_RECHECK = 1.0  # seconds: the lease holder looks again this soon while open intents wait



def _read(path: str) -> str:
    try:
        return Path(path).read_text(encoding="ascii").strip()
    except OSError:
        return ""


def _machine() -> str:
    """Name this machine boot and PID namespace: a holder with the same name has a PID we can check."""
    try:
        namespace = os.readlink("/proc/self/ns/pid")
    except OSError:
        namespace = ""
    boot = _read("/proc/sys/kernel/random/boot_id")
    return f"{socket.gethostname()}|{boot}|{namespace}"


def make_holder() -> str:
    """Return a lease holder name for this process: machine, PID and a random part."""
    return f"{_machine()}|{os.getpid()}|{uuid.uuid4().hex[:8]}"


def holder_is_dead(holder: str) -> bool:
    """Tell whether a lease holder is a process of this machine (boot, PID namespace) that no longer runs."""
    machine, _, pid_text = holder.rpartition("|")[0].rpartition("|")
    here = _machine()
    # Without a boot id, a PID seen from here could belong to another machine's process: never guess.
    if not pid_text.isdigit() or machine != here or not here.split("|")[1]:
        return False
    pid = int(pid_text)
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False


@dataclass(slots=True)
class PassReport:
    """What one pass did."""

    claimed: int = 0
    skipped: int = 0
    outcomes: dict[str, int] = field(default_factory=dict)


class DigestScheduler:
    """Claim due digests and send them, on an injectable clock, while holding the lease."""

    def __init__(
        self,
        store: Store,
        bot: Bot,
        *,
        rate: float = 25.0,
        paid_broadcast: bool = False,
        clock: Callable[[], datetime] = utc_now,
        language: str = DEFAULT_LANGUAGE,
        holder: str | None = None,
        lease_ttl: timedelta = DEFAULT_LEASE_TTL,
        tick: float = DEFAULT_TICK,
        concurrency: int | None = None,
        claim_batch: int = 500,
        page: int = 200,
        **sender_options: float,
    ) -> None:
        self.store = store
        self.clock = clock
        self.language = language
        self.holder = holder or make_holder()
        self.lease_ttl = lease_ttl
        self.tick = tick
        # Enough messages on their way to keep the rate while some chats wait their turn (1/s, 20/min) or a send is
        # slow: 8 at the free 25-30/s, more for paid broadcasts (the HTTP client manages ~200/s at 64).
        self.concurrency = max(1, concurrency or min(64, max(8, int(rate // 4))))
        self.claim_batch = claim_batch
        self.page = page
        self.sender = DigestSender(
            bot, store, rate=rate, paid_broadcast=paid_broadcast, may_send=self.may_send,
            concurrency=self.concurrency, **sender_options,
        )
        self._lease_deadline = 0.0  # loop time until which this process may send
        self._stopping = False
        self._jobs: JobQueue | None = None
        self._timer = Timer(self.job_pass, name="digest-pass")
        self._renewal: Job | None = None
        self._passing = asyncio.Lock()
        self._again = False  # woken during a pass: run another right after it
        self._rebuilt = False  # the first pass gives every subscriber without a next slot its next one
        self._workers: set[asyncio.Task] = set()

    # --- what handlers see (handlers.digests.DigestService) ---------------------------------------------

    def now(self) -> datetime:
        """Return the current time as the scheduler sees it (aware, UTC)."""
        return self.clock()

    def wake(self) -> None:
        """Look at the database again now: a subscription changed."""
        if self._passing.locked():
            self._again = True
        self._timer.arm(0.0)

    # --- the lease ---------------------------------------------------------------------------------------

    def may_send(self) -> bool:
        """Tell whether this process holds the lease (with a second to spare) and neither it nor the bot is stopping."""
        if self._stopping or (self._jobs is not None and not self._jobs.application.running):
            return False  # the bot is stopping: the message on its way finishes, no other starts
        return asyncio.get_running_loop().time() < self._lease_deadline - 1.0

    async def hold_lease(self) -> bool:
        """Take or renew the lease; take it over from a dead holder on this machine; return whether we hold it."""
        loop = asyncio.get_running_loop()
        started = loop.time()
        leases = self.store.leases
        held = await leases.acquire(LEASE_NAME, self.holder, ttl=self.lease_ttl)
        if not held:
            current = await leases.current(LEASE_NAME)
            if current is not None and holder_is_dead(current[0]):
                held = await leases.take_over(LEASE_NAME, self.holder, previous=current[0], ttl=self.lease_ttl)
                if held:
                    logger.info("took the digest lease over from a process that is gone")
                    # It may have sent a full second's worth just before it was killed, and those requests may
                    # still reach the server a while after (a busy server reads them late): start a window and a
                    # second later, so that no second holds more than the rate. Take-overs are rare; the second is
                    # cheap. (A lease that ran out had no sender in its last second: may_send keeps a second to
                    # spare.)
                    self.sender.limiter.pause(TAKEOVER_PAUSE)
        self._lease_deadline = started + self.lease_ttl.total_seconds() if held else 0.0
        return held

    async def job_renew_lease(self, context: CallbackContext) -> None:
        """Renew the lease this process holds (a repeating job, every third of the lease's time to live), and send
        at once what other processes claimed since: their claims wake no one here, and the timer may be a tick away."""
        if not self._lease_deadline or self._stopping:
            return
        if not await self.hold_lease():
            logger.warning("lost the digest lease to another process; sending stops")
        elif await self.store.deliveries.pending(limit=1):
            self.wake()

    # --- lifecycle -------------------------------------------------------------------------------------

    async def start(self, job_queue: JobQueue) -> None:
        """Arm the timer now (its first pass schedules subscribers that have no next slot yet) and the lease renewal."""
        self._stopping = False
        self._rebuilt = False
        self._jobs = job_queue
        period = self.lease_ttl.total_seconds() / 3
        self._renewal = job_queue.run_repeating(
            ends_quietly(self.job_renew_lease), interval=period, first=period, name="digest-lease"
        )
        try:
            await self.sender.clients.open()
        except Exception:  # they open on first use then; a failure to reach the server shows there
            logger.warning("could not open the broadcast clients yet", exc_info=True)
        self._timer.start(job_queue)
        self._timer.arm(0.0)

    async def stop(self, *, grace: float = 5.0) -> None:
        """Stop claiming and sending (a message already on its way finishes), then release the lease."""
        self._stopping = True
        self._timer.stop()
        remove(self._renewal)
        self._renewal = None
        try:
            async with asyncio.timeout(grace):
                async with self._passing:  # a pass in progress ends at its next message
                    pass
        except TimeoutError:
            logger.warning("a digest pass did not stop within %.0f s", grace)
        for task in list(self._workers):
            task.cancel()
        await asyncio.gather(*self._workers, return_exceptions=True)
        await self.sender.results.drain()  # what was sent is written before the store closes
        await self.sender.clients.aclose()
        try:
            if self._lease_deadline:
                await self.store.leases.release(LEASE_NAME, self.holder)
        except Exception:
            logger.exception("releasing the digest lease failed")
        self._lease_deadline = 0.0

    async def job_pass(self, context: CallbackContext) -> None:
        """Claim and send what is due (the timer's job), then arm the timer at the earliest due time."""
        if self._passing.locked():
            self._again = True  # the pass in progress runs another after it
            return
        delay = self.tick
        try:
            async with self._passing:
                self._again = False
                if not self._rebuilt:
                    await self.rebuild()
                    self._rebuilt = True
                report = PassReport()
                # Any process claims (the claims lock their subscribers); only the lease holder sends.
                await self.claim_due(report)
                if await self.hold_lease():
                    await self.send_open(report)
                if report.claimed or report.outcomes:
                    logger.info(
                        "digest pass: %d intents written, %d with nothing new; %s", report.claimed,
                        report.skipped, ", ".join(f"{k}: {v}" for k, v in report.outcomes.items()) or "none sent",
                    )
                delay = await self._sleep_for(report)
        finally:
            # Armed again whatever happened: an error goes on to the error handler, the schedule does not stop.
            if not self._stopping:
                self._timer.arm(0.0 if self._again else delay)

    async def rebuild(self) -> int:
        """Give every active subscriber without a next slot its next one; return how many were scheduled."""
        now = self.now()
        count = 0
        while True:
            batch = await self.store.subscribers.unscheduled(limit=1000)
            if not batch:
                return count
            await self.store.subscribers.set_next_due_many(
                (s.id, subscriber_next_due(s, after=now)) for s in batch
            )
            count += len(batch)

    async def _sleep_for(self, report: PassReport) -> float:
        if report.outcomes.get(Outcome.RETRY, 0) or report.outcomes.get(Outcome.INTERRUPTED, 0):
            return self.tick
        # A process without the lease looks again within a third of its time to live, to take it over from one
        # that died; the holder looks again soon while other processes' claims wait to be sent.
        longest = self.tick if self._lease_deadline else min(self.tick, self.lease_ttl.total_seconds() / 3)
        if self._lease_deadline and await self.store.deliveries.pending(limit=1):
            longest = min(longest, OPEN_INTENTS_RECHECK)
        earliest = await self.store.subscribers.earliest_due()
        if earliest is None:
            return longest
        return min(longest, max(0.0, (earliest - self.now()).total_seconds()))

    # --- one pass --------------------------------------------------------------------------------------

    async def run_once(self) -> PassReport:
        """Claim what is due now and send every open delivery; return what it did."""
        report = PassReport()
        if not self.may_send():
            return report
        await self.claim_due(report)
        await self.send_open(report)
        return report

    async def claim_due(self, report: PassReport | None = None) -> PassReport:
        """Write the intents of every subscriber due now (or just move their schedule when nothing is new).

        Safe in several processes at once: a claim locks its subscribers and skips those another process is
        claiming or has just claimed (DeliveryRepository.claim).
        """
        report = report or PassReport()
        now = self.now()
        seen: set[int] = set()
        while not self._stopping:
            due = [s for s in await self.store.subscribers.due(now, limit=self.claim_batch) if s.id not in seen]
            if not due:
                break
            seen.update(s.id for s in due)
            upto = await self.store.articles.newest_id()
            low = min(s.watermark_article_id for s in due)
            candidates = await self.store.articles.for_digest(after_id=low, upto_id=upto, limit=MAX_CANDIDATES)
            claims = []
            for s in due:
                has_news = compose_for(candidates, s, from_id=s.watermark_article_id, page_size=1) is not None
                claims.append(
                    DigestClaim(
                        subscriber_id=s.id,
                        chat_id=s.chat_id,
                        slot=slot_key(subscriber_latest_due(s, now=now), s.timezone),
                        from_article_id=s.watermark_article_id,
                        upto_article_id=max(upto, s.watermark_article_id),
                        next_due_at=subscriber_next_due(s, after=now),
                        skip=not has_news,
                    )
                )
            report.claimed += await self.store.deliveries.claim(claims, due_at=now)
            report.skipped += sum(c.skip for c in claims)
        return report

    async def send_open(self, report: PassReport | None = None) -> PassReport:
        """Send every open delivery, oldest first, with a pool of workers; claim newly due ones between pages."""
        report = report or PassReport()
        queue: asyncio.Queue[tuple[DigestJob, list[DigestArticle]] | None] = asyncio.Queue(self.concurrency * 2)
        workers = [asyncio.create_task(self._worker(queue, report)) for _ in range(self.concurrency)]
        self._workers.update(workers)
        try:
            cursor = 0
            while self.may_send():
                jobs = await self.store.deliveries.open_jobs(after_id=cursor, limit=self.page)
                if not jobs:
                    break
                cursor = jobs[-1].delivery.id
                candidates = await self._candidates(jobs)
                for job in jobs:
                    await queue.put((job, candidates[job.delivery.watermark_article_id or 0]))
                    if any(w.done() for w in workers):
                        break
                # Subscribers whose hour came during this page get their intents now, after the ones before.
                await self.claim_due(report)
        finally:
            for _ in workers:
                await queue.put(None)
            await asyncio.gather(*workers, return_exceptions=True)
            self._workers.difference_update(workers)
        return report

    async def _candidates(self, jobs: list[DigestJob]) -> dict[int, list[DigestArticle]]:
        """Load the candidate articles once per distinct upper bound of the page's deliveries."""
        lows: dict[int, int] = {}
        for job in jobs:
            upto = job.delivery.watermark_article_id or 0
            lows[upto] = min(lows.get(upto, upto), job.delivery.from_article_id)
        return {
            upto: await self.store.articles.for_digest(after_id=low, upto_id=upto, limit=MAX_CANDIDATES)
            for upto, low in lows.items()
        }

    async def _worker(self, queue: asyncio.Queue, report: PassReport) -> None:
        while True:
            item = await queue.get()
            try:
                if item is None:
                    return
                job, candidates = item
                outcome = await self.deliver(job, candidates)
                report.outcomes[outcome] = report.outcomes.get(outcome, 0) + 1
            except DeliveryInterrupted:
                report.outcomes[Outcome.INTERRUPTED] = report.outcomes.get(Outcome.INTERRUPTED, 0) + 1
            except asyncio.CancelledError:
                raise
            except Exception:
                job = item[0] if item else None
                logger.exception("digest delivery %s failed", job.delivery.id if job else "?")
                if job is not None:
                    try:
                        await self.store.deliveries.note_failure(job.delivery.id, "internal error", give_up_after=5)
                    except Exception:
                        logger.exception("could not note the failure of digest delivery %s", job.delivery.id)
                report.outcomes[Outcome.RETRY] = report.outcomes.get(Outcome.RETRY, 0) + 1
            finally:
                queue.task_done()

    async def deliver(self, job: DigestJob, candidates: list[DigestArticle]) -> Outcome:
        """Compose one open delivery's digest from the candidates, render it and send what is left of it."""
        delivery, subscriber = job.delivery, job.subscriber
        if not job.chat_active or subscriber.paused:
            await self.store.deliveries.abandon(delivery.id, "paused" if subscriber.paused else "chat inactive")
            return Outcome.STOPPED
        digest = compose_for(candidates, subscriber, from_id=delivery.from_article_id)
        if digest is None:
            return await self.sender.deliver(job, [])
        messages = render_digest(
            digest,
            language=job.chat_language or self.language,
            day=_slot_day(delivery.slot),
            from_id=delivery.from_article_id,
            upto_id=delivery.watermark_article_id or 0,
        )
        return await self.sender.deliver(job, messages)


def _slot_day(slot: str) -> date | None:
    try:
        return date.fromisoformat(slot[:10])
    except ValueError:
        return None
