"""WorkerPool: CPU work in threads or processes, with a deadline that ends a stuck worker, not the bot."""

from __future__ import annotations

import os
import time

import pytest

from bot.workers import PoolRestarted, WorkerPool


def square(value: int) -> int:
    return value * value


def sleep_then_pid(seconds: float) -> int:
    time.sleep(seconds)
    return os.getpid()


def pid() -> int:
    return os.getpid()


@pytest.mark.parametrize("workers", [0, 1])
async def test_a_call_returns_its_result(workers: int) -> None:
    pool = WorkerPool(workers)
    try:
        assert await pool.run(square, 12) == 144
        assert (await pool.run(pid) == os.getpid()) is (workers == 0)
    finally:
        pool.close()


async def test_a_stuck_worker_is_ended_and_replaced() -> None:
    pool = WorkerPool(1, timeout=0.5)
    try:
        first = await pool.run(pid)
        with pytest.raises(TimeoutError) as caught:
            await pool.run(sleep_then_pid, 30)
        assert not isinstance(caught.value, PoolRestarted)  # its own deadline, not a neighbour's
        second = await pool.run(pid)
        assert second != first
        time.sleep(0.2)
        with pytest.raises(ProcessLookupError):
            os.kill(first, 0)  # the stuck process was ended, not left running
    finally:
        pool.close()


async def test_a_deadline_per_call() -> None:
    pool = WorkerPool(0, timeout=5)
    with pytest.raises(TimeoutError):
        await pool.run(sleep_then_pid, 0.5, timeout=0.05)
