"""Worker processes that die with the process that started them.

A pool's workers are children of the bot (or of `kabarchy ingest`). When the parent ends normally it stops them;
when it is killed (kill -9, the OOM killer) nothing does, and the workers live on under PID 1, holding memory and
the database file. So each worker, as it starts: on Linux asks the kernel to kill it when its parent dies
(prctl PR_SET_PDEATHSIG), and everywhere watches its parent from a daemon thread and exits once it is gone.

    pool = worker_pool(2, initializer=warm_up)     # a ProcessPoolExecutor of "spawn" workers that die with us
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor

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
