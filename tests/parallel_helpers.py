"""Module-level functions for the worker-process tests: a spawned worker must be able to import them."""

import multiprocessing
import os


def square(n: int) -> int:
    return n * n


def die_in_a_worker(n: int) -> int:
    # A crash in a C extension kills the worker outright; in the parent the same call succeeds.
    if multiprocessing.parent_process() is not None:
        os._exit(1)
    return n + 1


def map_in_a_daemon(results) -> None:
    """In a daemonic process (a Celery prefork worker's child): map enough items to ask for worker processes."""
    from news_assets.transform import parallel

    parallel.MIN_ITEMS_FOR_PROCESSES = 10
    results.put(parallel.map_in_processes(square, list(range(50)), workers=2))
