"""Extraction spread over worker processes gives exactly what one process gives, and survives a dead worker."""

import multiprocessing

import parallel_helpers
import polars as pl
import pytest

from news_assets.sources import landed_days
from news_assets.sources.base import LandingSource
from news_assets.transform import parallel
from news_assets.transform.articles import extract_pages
from news_assets.transform.pages import pages_frame
from tests.paths import SAMPLE_DIR


@pytest.fixture(scope="module")
def sample_pages() -> pl.DataFrame:
    source = LandingSource(SAMPLE_DIR)
    return pl.concat([pages_frame(source.pages(day)) for day in landed_days(SAMPLE_DIR)])


@pytest.fixture
def small_process_threshold(monkeypatch):
    monkeypatch.setattr(parallel, "MIN_ITEMS_FOR_PROCESSES", 100)


def test_two_workers_give_the_same_articles_and_rejects_as_one_process(sample_pages, small_process_threshold):
    assert sample_pages.height >= parallel.MIN_ITEMS_FOR_PROCESSES
    alone = extract_pages(sample_pages, workers=1)
    spread = extract_pages(sample_pages, workers=2)
    assert spread.articles.equals(alone.articles)
    assert spread.rejects.equals(alone.rejects)
    assert alone.articles.height + alone.rejects.height == sample_pages.height


def test_order_is_kept_and_the_worker_processes_are_reused(small_process_threshold):
    items = list(range(500))
    assert parallel.map_in_processes(parallel_helpers.square, items, workers=2) == [n * n for n in items]
    executor = parallel._executor
    assert executor is not None
    assert parallel.map_in_processes(parallel_helpers.square, items, workers=2) == [n * n for n in items]
    assert parallel._executor is executor


def test_small_batches_stay_in_this_process(monkeypatch):
    monkeypatch.setattr(parallel, "_get_executor", lambda workers: pytest.fail("no worker processes for a few items"))
    assert parallel.map_in_processes(parallel_helpers.square, [1, 2, 3], workers=2) == [1, 4, 9]


def test_a_dead_worker_falls_back_to_this_process(small_process_threshold):
    items = list(range(300))
    assert parallel.map_in_processes(parallel_helpers.die_in_a_worker, items, workers=2) == [n + 1 for n in items]
    assert parallel._executor is None


def test_a_daemonic_process_extracts_in_itself():
    """A step on a `dagster-celery` worker runs in a daemonic process, which may not start processes: the work runs
    there instead of failing ("daemonic processes are not allowed to have children")."""
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    daemon = context.Process(target=parallel_helpers.map_in_a_daemon, args=(results,), daemon=True)
    daemon.start()
    try:
        assert results.get(timeout=120) == [n * n for n in range(50)]
    finally:
        daemon.join(timeout=30)
    assert daemon.exitcode == 0


def test_workers_default_to_the_environment(monkeypatch):
    monkeypatch.setenv("NEWS_ASSETS_WORKERS", "3")
    assert parallel.default_workers() == 3
    monkeypatch.delenv("NEWS_ASSETS_WORKERS")
    assert parallel.default_workers() >= 1
