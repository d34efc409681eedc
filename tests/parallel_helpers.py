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
