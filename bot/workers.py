"""CPU work away from the event loop: the one runner, `WorkerPool`, and worker processes that die with their parent.

    pool = WorkerPool(2, timeout=60, initializer=warm_up)   # 0 workers: threads
    page = await pool.run(extract_page, data, url=url)       # TimeoutError past the deadline (PoolRestarted: a
                                                              # worker died, or another call restarted the pool)
    pool.close()                                              # post_shutdown, the end of `kabarchy ingest`

Analysis (bot/ingest.py) and feed parsing (bot/feeds.py) both run here. With `workers=0` a call runs in a thread:
nothing to start, but the parsers and the analysis hold the GIL much of the time, so the event loop (the bot's
replies) waits behind them. With `workers=N` it runs in one of N spawned processes ("spawn": forking a process that
runs aiosqlite threads is unsafe), at the cost of pickling the arguments and the result. Every call has a deadline;
a pool whose worker runs past it, or dies, is replaced, and its stuck processes are ended.

A pool's workers are children of the bot (or of `kabarchy ingest`). When the parent ends normally it stops them;
when it is killed (kill -9, the OOM killer) nothing does, and the workers live on under PID 1, holding memory and
the database file. So each worker, as it starts: on Linux asks the kernel to kill it when its parent dies
(prctl PR_SET_PDEATHSIG), and everywhere watches its parent from a daemon thread and exits once it is gone.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import ctypes.util
import functools
import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

T = TypeVar("T")

logger = logging.getLogger(__name__)

PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
WATCH_SECONDS = 0.5  # how often a worker looks for its parent, where the kernel cannot tell it


def die_with_parent(parent_pid: int) -> None:
    """End this process when `parent_pid` ends (call it first thing in a worker)."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError) as exc:  # an unusual libc: the watcher below still works
            logger.debug("prctl(PR_SET_PDEATHSIG) is not available: %s", exc)
    # The parent may have died before prctl took effect, and PDEATHSIG follows the thread that started us:
    # watch the parent too, and leave as soon as we have been handed to another one.
    if os.getppid() != parent_pid:
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(WATCH_SECONDS)
            if os.getppid() != parent_pid:
                os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _start_worker(parent_pid: int, initializer: Callable[[], None] | None) -> None:
    die_with_parent(parent_pid)
    if initializer is not None:
        initializer()


def worker_pool(workers: int, *, initializer: Callable[[], None] | None = None) -> ProcessPoolExecutor:
    """Return a pool of `workers` spawned processes that end when this process ends, however it ends."""
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),  # forking a process that runs aiosqlite threads is unsafe
        initializer=_start_worker,
        initargs=(os.getpid(), initializer),
    )


class PoolRestarted(TimeoutError):
    """A call lost its worker: the process died, or another call's deadline replaced the pool. Worth one retry."""


class WorkerPool:
    """Run functions in threads (`workers=0`) or in a lazily started pool of processes, each call with a deadline."""

    def __init__(
        self, workers: int = 0, *, timeout: float = 60.0, initializer: Callable[[], None] | None = None
    ) -> None:
        self.workers = max(0, workers)
        self.timeout = timeout
        self.initializer = initializer
        self._pool: ProcessPoolExecutor | None = None

    def _executor(self) -> ProcessPoolExecutor | None:
        if self.workers == 0:
            return None
        if self._pool is None:
            self._pool = worker_pool(self.workers, initializer=self.initializer)
        return self._pool

    async def run(self, function: Callable[..., T], *args: Any, timeout: float | None = None, **kwargs: Any) -> T:
        """Return `function(*args, **kwargs)` computed away from the loop; TimeoutError past the deadline.

        In a process the function and its arguments must pickle (a module-level function).
        """
        call = functools.partial(function, *args, **kwargs)
        pool = self._executor()
        task = asyncio.current_task()
        try:
            async with asyncio.timeout(self.timeout if timeout is None else timeout):
                if pool is None:
                    return await asyncio.to_thread(call)
                return await asyncio.get_running_loop().run_in_executor(pool, call)
        except TimeoutError:
            if pool is not None:
                logger.warning("%s ran past its deadline; restarting the worker processes", _name(function))
                self._discard(pool)
            raise
        except BrokenProcessPool:
            logger.error("a worker process died during %s; restarting the worker processes", _name(function))
            self._discard(pool)
            raise PoolRestarted("the worker process died") from None
        except asyncio.CancelledError:
            if task is not None and task.cancelling():
                raise
            # Not our cancellation: another call's deadline replaced the pool under this one.
            raise PoolRestarted("the worker processes were restarted") from None

    def _discard(self, pool: ProcessPoolExecutor | None) -> None:
        if pool is None or pool is not self._pool:
            return  # already replaced by another call
        self._pool = None
        # A stuck worker never returns: end it, or shutdown would wait for it forever.
        processes = getattr(pool, "_processes", None) or {}
        for process in list(processes.values()):
            with contextlib.suppress(Exception):
                process.terminate()
        pool.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        """Stop the worker processes, if any were started (waits for the calls on their way)."""
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    async def aclose(self) -> None:
        """Stop the worker processes without blocking the event loop."""
        await asyncio.to_thread(self.close)


def _name(function: Callable[..., Any]) -> str:
    return getattr(function, "__name__", None) or repr(function)
