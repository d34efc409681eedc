"""A run killed mid-write leaves a database that opens with complete days; concurrent runs both finish."""

import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import duckdb
import pytest
from news_assets_sample import generate

from news_assets.schemas import ALL_TABLES

pytestmark = pytest.mark.slow

RUNNER = Path(__file__).with_name("run_day.py")
DAYS = ("2026-11-16", "2026-11-17")
PARTITIONED = [t.qualified_name for t in ALL_TABLES if t.partitioned]


@pytest.fixture(scope="module")
def landing(tmp_path_factory):
    root = tmp_path_factory.mktemp("crash_landing")
    generate(root, date(2026, 11, 16), 2, 80, 11)
    return root


def start(database, landing, day, env=None):
    return subprocess.Popen(
        [sys.executable, str(RUNNER), str(database), str(landing), day],
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def counts(database, day):
    with duckdb.connect(str(database), read_only=True) as conn:
        present = {
            f"{s}.{t}" for s, t in conn.execute("SELECT schema_name, table_name FROM duckdb_tables()").fetchall()
        }
        return {
            table: conn.execute(
                f"SELECT count(*) FROM {table} WHERE news_date = ?", [date.fromisoformat(day)]
            ).fetchone()[0]
            for table in PARTITIONED
            if table in present
        }


@pytest.fixture(scope="module")
def reference(tmp_path_factory, landing):
    """Counts and duration of an undisturbed run of the first day."""
    database = tmp_path_factory.mktemp("reference") / "news.duckdb"
    started = time.monotonic()
    process = start(database, landing, DAYS[0])
    assert process.wait(timeout=600) == 0, process.stderr.read().decode()[-2000:]
    return counts(database, DAYS[0]), time.monotonic() - started


@pytest.mark.parametrize("fraction", [0.35, 0.6, 0.85])
def test_a_run_killed_mid_write_leaves_complete_days_and_a_rerun_repairs_them(tmp_path, landing, reference, fraction):
    expected, duration = reference
    database = tmp_path / "news.duckdb"
    process = start(database, landing, DAYS[0])
    time.sleep(duration * fraction)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)

    if database.exists():
        # The file opens (DuckDB replays its WAL), and every table holds the whole day or nothing of it.
        for table, rows in counts(database, DAYS[0]).items():
            assert rows in (0, expected[table]), f"{table}: {rows} rows after the kill, a full day is {expected[table]}"

    rerun = start(database, landing, DAYS[0])
    assert rerun.wait(timeout=600) == 0, rerun.stderr.read().decode()[-2000:]
    assert counts(database, DAYS[0]) == expected


def test_two_days_materialized_at_once_both_finish_with_the_right_counts(tmp_path, landing, reference):
    expected, _ = reference
    database = tmp_path / "news.duckdb"
    runs = [start(database, landing, day) for day in DAYS]
    for run in runs:
        assert run.wait(timeout=900) == 0, run.stderr.read().decode()[-2000:]
    assert counts(database, DAYS[0]) == expected
    assert counts(database, DAYS[1])["raw.pages"] == 81  # 80 and the generator's namesake page (NAMESAKE_DAY)
    with duckdb.connect(str(database), read_only=True) as conn:
        assert conn.execute("SELECT count(*) - count(DISTINCT page_id) FROM raw.pages").fetchone()[0] == 0
