"""Worker processes for the day's CPU-bound pure-Python work (extraction), kept for the life of the process.

Why processes: extraction is Python bytecode, so threads would take turns on the GIL. Why spawn, not fork: by
the time a second day is extracted, the process may run Kiwi's worker threads and Dagster's threads, and
forking a process with threads can deadlock. Why one set of worker processes per process: spawning costs a
second or two (each worker imports the extractor), which a backfill of a year of days must not pay 365 times.
("Pool" in this project means Dagster's concurrency pools only.)
"""

from __future__ import annotations

import atexit
import logging
import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

log = logging.getLogger(__name__)

# Below this many pages (about 3 s of extraction on one core) the workers' start-up, a few seconds of imports
# the first time, costs more than the second core gives back: the demo's 360 pages stay in one process.
MIN_ITEMS_FOR_PROCESSES = 1000

_lock = threading.Lock()
_executor: ProcessPoolExecutor | None = None
_executor_workers = 0


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity, where the OS has one)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def default_workers() -> int:
    """NEWS_ASSETS_WORKERS, else the cores this process may run on."""
    configured = os.environ.get("NEWS_ASSETS_WORKERS")
    if configured:
        return max(1, int(configured))
    return available_cores()


def map_in_processes(fn: Callable[[T], R], items: Sequence[T], workers: int | None = None) -> list[R]:
    """[fn(item) for item in items], in order, spread over worker processes when that pays.

    `fn` must be a module-level function of a module that imports quickly. If a worker dies (a crash in a
    C extension, the OOM killer), the worker processes are dropped and the items run here, so one bad page
    cannot take the day down.
    """
    workers = default_workers() if workers is None else workers
    if workers < 2 or len(items) < MIN_ITEMS_FOR_PROCESSES:
        return [fn(item) for item in items]
    if multiprocessing.current_process().daemon:
        # A daemonic process may not start processes: a `dagster-celery` worker's step runs in a child of Celery's
        # prefork pool, which is one. Extract here, on one core; start more workers to use more cores.
        _warn_daemonic()
        return [fn(item) for item in items]
    chunksize = max(1, min(64, len(items) // (workers * 8)))
    try:
        return list(_get_executor(workers).map(fn, items, chunksize=chunksize))
    except BrokenProcessPool:
        log.warning("a worker process died; running the remaining work in this process")
        shutdown()
        return [fn(item) for item in items]


_warned_daemonic = False


def _warn_daemonic() -> None:
    global _warned_daemonic
    if not _warned_daemonic:
        _warned_daemonic = True
        log.warning("this process is daemonic (a Celery prefork worker): extracting in this process, on one core")


def _get_executor(workers: int) -> ProcessPoolExecutor:
    """The worker processes, `workers` of them, started on first use and kept."""
    global _executor, _executor_workers
    with _lock:
        if _executor is None or _executor_workers != workers:
            if _executor is not None:
                _executor.shutdown(wait=False, cancel_futures=True)
            _executor = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))
            _executor_workers = workers
        return _executor


@atexit.register
def shutdown() -> None:
    """Stop the worker processes (at exit, or after one died)."""
    global _executor
    with _lock:
        if _executor is not None:
            _executor.shutdown(wait=True, cancel_futures=True)
            _executor = None
