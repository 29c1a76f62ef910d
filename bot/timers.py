"""One timer on PTB's JobQueue (APScheduler): a single `run_once` job, moved rather than added to.

    timer = Timer(scheduler.job_pass, name="digest-pass")
    timer.start(application.job_queue)   # post_init; nothing is armed yet
    timer.arm(seconds)                   # run the callback then (replaces what was armed)
    timer.stop()                         # post_stop: disarm, and arm nothing more

A run cut short because the JobQueue stops (shutdown) ends quietly (`ends_quietly`); the database still holds what is
due, and the next start picks it up.

The digest scheduler and the feed poller keep their schedules in the database and arm their timer at the earliest
due time it holds, so the JobQueue holds one job each, never one per subscriber or feed. The JobQueue runs the job
on the bot's event loop and hands what it raises to the application's error handler.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from apscheduler.jobstores.base import JobLookupError
from telegram.ext import Job, JobQueue

JobCallback = Callable[[Any], Awaitable[None]]
logger = logging.getLogger(__name__)


def ends_quietly(callback: JobCallback) -> JobCallback:
    """Wrap a job so that its cancellation at shutdown (the JobQueue stops while it runs) ends it quietly instead of
    as a traceback in APScheduler's log: what the pass did not finish stays due in the database."""

    async def job(context: Any) -> None:
        try:
            await callback(context)
        except asyncio.CancelledError:
            logger.debug("%s stopped with the job queue", getattr(callback, "__name__", "a job"))

    job.__name__ = getattr(callback, "__name__", "job")
    return job


class Timer:
    """The next time a callback should run, as one run_once job on a JobQueue."""

    def __init__(self, callback: JobCallback, *, name: str) -> None:
        self.callback = callback
        self.name = name
        self.queue: JobQueue | None = None
        self._job: Job | None = None

    @property
    def running(self) -> bool:
        """Tell whether the timer has a JobQueue to arm (between start and stop)."""
        return self.queue is not None

    def start(self, job_queue: JobQueue) -> None:
        """Use this JobQueue from now on."""
        self.queue = job_queue

    def arm(self, delay: float) -> None:
        """Run the callback in `delay` seconds (now, for 0 or less), instead of whenever it was armed for."""
        if self.queue is None:
            return
        self.disarm()
        self._job = self.queue.run_once(ends_quietly(self.callback), when=max(0.0, delay), name=self.name)

    def disarm(self) -> None:
        """Cancel the armed run, if it has not started."""
        job, self._job = self._job, None
        remove(job)

    def stop(self) -> None:
        """Disarm, and arm nothing more."""
        self.disarm()
        self.queue = None


def remove(job: Job | None) -> None:
    """Take a job off its JobQueue, if it is still there."""
    if job is not None and not job.removed:
        try:
            job.schedule_removal()
        except JobLookupError:  # it ran already (a run_once job is forgotten once it fired), or the queue stopped
            pass
