"""The one-job timer on PTB's JobQueue: a run cut short by shutdown ends quietly.

When `kabarchy run` stops while a feed round or a digest pass runs, the event loop cancels the job's task. APScheduler
logs a cancelled job as "Error running job" with a traceback (seen in an end-to-end run); `ends_quietly` makes the
cut-short run end as a finished one, since what it did not do stays due in the database.
"""

from __future__ import annotations

import asyncio

import pytest

from bot.timers import ends_quietly


async def long_pass(context: object) -> None:
    await asyncio.sleep(30)  # a feed round still storing when the bot is told to stop


async def test_a_cancelled_run_ends_as_a_finished_one() -> None:
    task = asyncio.ensure_future(ends_quietly(long_pass)(None))
    await asyncio.sleep(0.05)
    task.cancel()
    assert await asyncio.wait_for(task, 5) is None  # no CancelledError for APScheduler to log


async def test_without_it_the_cancellation_reaches_the_scheduler() -> None:
    task = asyncio.ensure_future(long_pass(None))
    await asyncio.sleep(0.05)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task


async def test_other_errors_still_reach_the_error_handler() -> None:
    async def broken(context: object) -> None:
        raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError):
        await ends_quietly(broken)(None)
