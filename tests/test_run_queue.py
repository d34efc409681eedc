"""A 10-day backfill through the run queue: the Dagster daemon starts several runs at once, their DuckDB steps
take turns through the `duckdb` concurrency pool, and every day ends complete and once."""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from tests.paths import REPO_ROOT
from tests.recent_days import land_recent_days

pytestmark = pytest.mark.slow

DAY_COUNT = 10
PAGES_PER_DAY = 8


def test_ten_day_backfill_through_the_run_queue(tmp_path):
    home = tmp_path / "dagster_home"
    home.mkdir()
    shutil.copy(REPO_ROOT / "dagster_home" / "dagster.yaml", home / "dagster.yaml")
    landing = tmp_path / "landing"
    days = land_recent_days(landing, DAY_COUNT, PAGES_PER_DAY, seed=3)
    env = {
        **os.environ,
        "DAGSTER_HOME": str(home),
        "NEWS_ASSETS_DB": str(tmp_path / "news.duckdb"),
        "NEWS_ASSETS_LANDING": str(landing),
        "NEWS_ASSETS_START_DATE": days[0],
    }
    # Create the instance's SQLite tables once, before the daemon and the backfill command open them at the same
    # moment: concurrent first opens race on CREATE TABLE and the loser (here, once, the daemon) dies.
    dg.DagsterInstance.from_config(str(home)).dispose()
    bin_dir = Path(sys.executable).parent
    daemon_log = tmp_path / "daemon.log"
    daemon = subprocess.Popen(
        [str(bin_dir / "dagster-daemon"), "run", "-w", "workspace.yaml"],
        cwd=REPO_ROOT,
        env=env,
        stdout=daemon_log.open("wb"),
        stderr=subprocess.STDOUT,
    )
    try:
        backfill = subprocess.run(
            [
                *(str(bin_dir / "dagster"), "job", "backfill", "-w", "workspace.yaml", "-j", "daily_news_job"),
                *("--partitions", ",".join(days), "--noprompt"),
            ],
            cwd=REPO_ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert backfill.returncode == 0, backfill.stdout[-2000:] + backfill.stderr[-3000:]
        with dg.DagsterInstance.from_config(str(home)) as instance:
            runs = wait_for_runs(instance, len(days), daemon, daemon_log, timeout_s=1200)
            max_parallel = max_overlap(instance, runs)
    finally:
        daemon.terminate()
        daemon.wait(timeout=60)

    assert [r.status for r in runs] == [dg.DagsterRunStatus.SUCCESS] * len(days)
    assert max_parallel >= 2, "the queue should have run days side by side"
    with duckdb.connect(str(tmp_path / "news.duckdb"), read_only=True) as conn:
        per_day = dict(conn.execute("SELECT news_date::VARCHAR, count(*) FROM raw.pages GROUP BY 1").fetchall())
        accounted = conn.execute(
            "SELECT count(*) FROM raw.pages p"
            " WHERE NOT EXISTS (SELECT 1 FROM clean.articles a WHERE a.page_id = p.page_id)"
            " AND NOT EXISTS (SELECT 1 FROM clean.rejects r WHERE r.page_id = p.page_id)"
        ).fetchone()[0]
        duplicates = conn.execute("SELECT count(*) - count(DISTINCT page_id) FROM raw.pages").fetchone()[0]
    # Every landed page, the generator's namesake page of the second day (`corpus.NAMESAKE_DAY`) included.
    landed = {day: len((landing / day / "manifest.csv").read_text(encoding="utf-8").splitlines()) - 1 for day in days}
    assert sum(landed.values()) == PAGES_PER_DAY * DAY_COUNT + 1
    assert per_day == landed
    assert accounted == 0 and duplicates == 0


def wait_for_runs(instance, expected, daemon, daemon_log, timeout_s):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if daemon.poll() is not None:
            raise AssertionError(f"the daemon exited ({daemon.returncode}):\n{daemon_log.read_text()[-4000:]}")
        runs = instance.get_runs()
        if len(runs) >= expected and all(r.is_finished for r in runs):
            return sorted(runs, key=lambda r: r.tags.get("dagster/partition", ""))
        time.sleep(2)
    raise AssertionError(f"runs did not finish in {timeout_s} s: {[r.status for r in instance.get_runs()]}")


def max_overlap(instance, runs):
    """Most runs in progress at the same moment, from their start and end times."""
    spans = []
    for run in runs:
        record = instance.get_run_record_by_id(run.run_id)
        spans.append((record.start_time, record.end_time))
    return max(sum(1 for s, e in spans if s <= start < e) for start, _ in spans)
