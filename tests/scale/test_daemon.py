"""The `scale` instance without Celery: deploy/scale/dagster.yaml on PostgreSQL, the daemon takes a multi-day
backfill off its run queue and runs days side by side (in-process executor), each writing its day into DuckLake."""

from __future__ import annotations

from datetime import date

import dagster as dg
import pytest

from news_assets.sources.landing import read_landing_day
from news_assets.storage import StorageConfig, connect
from tests.recent_days import land_recent_days
from tests.scale.deployment import Deployment, instance_env, lake_env, max_overlap, wait_for_runs
from tests.scale.reader import day_counts

pytestmark = pytest.mark.scale

DAY_COUNT = 4
MAX_CONCURRENT_RUNS = 4  # concurrency.runs.max_concurrent_runs in deploy/scale/dagster.yaml


def test_daemon_runs_a_backfill_off_the_queue_on_the_postgres_instance(tmp_path, postgres):
    landing = tmp_path / "landing"
    days = land_recent_days(landing, DAY_COUNT)
    dagster_db, lake_db = postgres.create_database(), postgres.create_database()
    lake = StorageConfig(mode="ducklake", catalog=postgres.libpq(lake_db), data_path=str(tmp_path / "lake"))
    env = {**instance_env(postgres, dagster_db), **lake_env(postgres, lake_db, tmp_path / "lake", landing, days[0])}
    env["NEWS_ASSETS_EXECUTOR"] = "in_process"
    deployment = Deployment.create(tmp_path / "dagster_home", env)
    try:
        deployment.start_code_server()
        deployment.wait_for_code_server()
        deployment.start_daemon()
        deployment.backfill("daily_news_job", days)
        instance = deployment.instance()
        runs = wait_for_runs(instance, count=len(days), job="daily_news_job", timeout_s=900)
    finally:
        deployment.stop_all()

    assert [r.status for r in runs] == [dg.DagsterRunStatus.SUCCESS] * len(days), deployment.log("daemon")[-3000:]
    assert [r.tags["dagster/partition"] for r in runs] == days
    assert 2 <= max_overlap(instance, runs) <= MAX_CONCURRENT_RUNS
    # Run history lives in PostgreSQL: the instance is dagster-postgres' storage, not SQLite files.
    assert type(instance.run_storage).__module__.startswith("dagster_postgres")

    with connect(lake, read_only=True) as conn:
        counts = day_counts(conn)
        unaccounted = conn.execute(
            "SELECT count(*) FROM raw.pages p"
            " WHERE NOT EXISTS (SELECT 1 FROM clean.articles a WHERE a.page_id = p.page_id)"
            " AND NOT EXISTS (SELECT 1 FROM clean.rejects r WHERE r.page_id = p.page_id)"
        ).fetchone()[0]
    for day in days:
        pages = sum(1 for _ in read_landing_day(landing, date.fromisoformat(day)))
        assert counts[("raw.pages", day)] == pages
        assert counts[("clean.articles", day)] + counts.get(("clean.rejects", day), 0) == pages
        assert counts[("nlp.mentions", day)] > 0
    assert unaccounted == 0
