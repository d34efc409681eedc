"""Analyst views and trending, on hand-made daily tables in an in-memory DuckDB."""

import random
from datetime import date, timedelta

import duckdb
import pytest

from news_assets.defs.checks import _trend_cutoff_violations_sql
from news_assets.schemas import ALL_TABLES
from news_assets.views import VIEWS

D0 = date(2026, 11, 1)


def database(days: dict[int, dict[str, int]], order: list[int] | None = None):
    """days: day offset → {entity name: articles}; inserted in `order` (default: chronological)."""
    conn = duckdb.connect()
    for table in ALL_TABLES:
        conn.execute(f"CREATE SCHEMA IF NOT EXISTS {table.schema}")
        conn.execute(table.create_sql())
    for offset in order or sorted(days):
        write_day(conn, offset, days[offset])
    for view in VIEWS:
        conn.execute(view.create_sql())
    return conn


def write_day(conn, offset, counts):
    day = D0 + timedelta(days=offset)
    conn.execute("DELETE FROM daily.entity_counts WHERE news_date = ?", [day])
    conn.execute("DELETE FROM daily.source_volume WHERE news_date = ?", [day])
    conn.execute("INSERT INTO daily.source_volume VALUES (?, 'x', 1, 1, 0, 0)", [day])
    for name, articles in counts.items():
        conn.execute(
            "INSERT INTO daily.entity_counts VALUES (?, ?, ?, 'ORG', ?, ?, 1)",
            [day, f"id-{name}", name, articles, articles],
        )


def trend(conn, offset, name):
    return conn.execute(
        "SELECT articles, baseline_7, score_7, score_28, baseline_last_day FROM daily.trending_entities "
        "WHERE news_date = ? AND name = ?",
        [D0 + timedelta(days=offset), name],
    ).fetchone()


HISTORY = {i: {"steady": 10, "riser": 2 if i < 9 else 20, "tiny": 0 if i < 9 else 2} for i in range(10)}


def test_a_rise_against_the_baseline_scores_high_and_tiny_counts_do_not():
    conn = database(HISTORY)
    articles, baseline_7, score_7, _score_28, last = trend(conn, 9, "riser")
    assert (articles, baseline_7) == (20, 2.0)
    assert score_7 == pytest.approx((20 - 2) / (2 + 4) ** 0.5, abs=1e-3)
    assert last == D0 + timedelta(days=8)
    assert trend(conn, 9, "steady")[2] == 0.0
    tiny = trend(conn, 9, "tiny")
    assert 0 < tiny[2] <= 1 < score_7
    ranked = conn.execute(
        "SELECT name FROM daily.trending_entities WHERE news_date = ? ORDER BY trend_rank", [D0 + timedelta(days=9)]
    ).fetchall()
    assert [r[0] for r in ranked] == ["riser", "tiny", "steady"]


def test_first_day_has_no_baseline_and_absent_days_count_as_zero():
    conn = database({0: {"a": 4}, 1: {"b": 3}, 2: {"a": 4}})
    assert trend(conn, 0, "a")[1:3] == (None, None)
    # Day 2's window holds days 0 and 1; "a" was absent on day 1, so its baseline is (4 + 0) / 2.
    assert trend(conn, 2, "a")[1] == 2.0


def test_trends_do_not_depend_on_backfill_order_and_follow_a_rerun_past_day():
    in_order = database(HISTORY)
    shuffled = list(HISTORY)
    random.Random(3).shuffle(shuffled)
    out_of_order = database(HISTORY, order=shuffled)
    query = "SELECT * FROM daily.trending_entities ORDER BY news_date, name"
    assert in_order.execute(query).fetchall() == out_of_order.execute(query).fetchall()

    before = trend(out_of_order, 9, "riser")
    write_day(out_of_order, 7, {**HISTORY[7], "riser": 16})  # a past day re-materialized with new counts
    after = trend(out_of_order, 9, "riser")
    assert after[1] == pytest.approx((2 * 6 + 16) / 7) and after[2] < before[2]


def test_the_cutoff_check_passes_on_the_view_and_catches_a_peek_at_later_days():
    conn = database(HISTORY)
    assert conn.execute(_trend_cutoff_violations_sql()).fetchall() == []
    leaky = next(v for v in VIEWS if v.name == "daily.trending_entities").select.replace(
        "AND t.news_date - 1", "AND t.news_date + 1"
    )
    conn.execute(f"CREATE OR REPLACE VIEW daily.trending_entities AS {leaky}")
    assert len(conn.execute(_trend_cutoff_violations_sql()).fetchall()) > 0


def test_every_view_binds_on_an_empty_database():
    conn = database({})
    for view in VIEWS:
        assert conn.execute(f"SELECT count(*) FROM {view.name}").fetchone()[0] == 0
