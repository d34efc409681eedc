"""Materialize partitions through Dagster into a temporary DuckDB, the way the UI and schedule do."""

import subprocess
import sys
from datetime import date

import dagster as dg
import duckdb
import pytest

from news_assets.definitions import build_definitions
from news_assets.schemas import ALL_TABLES
from news_assets.settings import Settings
from news_assets.storage.read_copy import snapshot_path

pytestmark = pytest.mark.slow

DAY1, DAY2, DAY3 = "2026-11-16", "2026-11-17", "2026-11-18"
PARTITIONED = [t for t in ALL_TABLES if t.partitioned]


def counts(database, day):
    with duckdb.connect(str(database), read_only=True) as conn:
        return {
            t.qualified_name: conn.execute(
                f"SELECT count(*) FROM {t.qualified_name} WHERE news_date = ?", [date.fromisoformat(day)]
            ).fetchone()[0]
            for t in PARTITIONED
        }


def run_days(defs, instance, first, last=None):
    job = defs.resolve_job_def("daily_news_job")
    if last is None:
        result = job.execute_in_process(instance=instance, partition_key=first)
    else:
        result = job.execute_in_process(
            instance=instance,
            tags={"dagster/asset_partition_range_start": first, "dagster/asset_partition_range_end": last},
        )
    assert result.success
    failed = [e.check_name for e in result.get_asset_check_evaluations() if not e.passed]
    assert failed == []
    return result


@pytest.fixture
def pipeline(tmp_path, small_landing):
    settings = Settings(database=tmp_path / "news.duckdb", landing=small_landing, start_date="2026-11-01")
    with dg.DagsterInstance.ephemeral() as instance:
        yield settings, build_definitions(settings), instance


def test_two_partitions_then_a_rerun_give_identical_counts_and_no_duplicate_rows(pipeline):
    settings, defs, instance = pipeline
    run_days(defs, instance, DAY1)
    run_days(defs, instance, DAY2)
    first, second = counts(settings.database, DAY1), counts(settings.database, DAY2)
    # 12 pages a day, and the second day of a generated run has the namesake page (`corpus.NAMESAKE_DAY`).
    assert first["raw.pages"] == 12 and second["raw.pages"] == 13
    # Downstream assets loaded their upstream partition through the IO manager and produced rows.
    for day_counts in (first, second):
        assert day_counts["clean.articles"] > 0
        assert day_counts["nlp.mentions"] > 0
        assert day_counts["daily.entity_counts"] > 0
        assert day_counts["daily.source_volume"] > 0
        assert day_counts["clean.articles"] + day_counts["clean.rejects"] == day_counts["raw.pages"]

    run_days(defs, instance, DAY1)
    assert counts(settings.database, DAY1) == first
    assert counts(settings.database, DAY2) == second
    with duckdb.connect(str(settings.database), read_only=True) as conn:
        assert conn.execute("SELECT count(*) - count(DISTINCT page_id) FROM raw.pages").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) - count(DISTINCT article_id) FROM clean.articles").fetchone()[0] == 0
        mention_keys = "article_id, entity_id, start"
        assert (
            conn.execute(
                f"SELECT count(*) FROM (SELECT {mention_keys} FROM nlp.mentions GROUP BY ALL HAVING count(*) > 1)"
            ).fetchone()[0]
            == 0
        )


def test_single_run_backfill_matches_day_by_day_runs(pipeline, tmp_path, small_landing):
    settings, defs, instance = pipeline
    result = run_days(defs, instance, DAY1, DAY3)
    materializations = [e.materialization for e in result.get_asset_materialization_events()]
    materialized = {(m.asset_key.to_user_string(), m.partition) for m in materializations}
    assert ("raw/pages", DAY3) in materialized
    assert len(instance.get_runs()) == 1
    by_range = {day: counts(settings.database, day) for day in (DAY1, DAY2, DAY3)}

    other = Settings(database=tmp_path / "other.duckdb", landing=small_landing, start_date="2026-11-01")
    other_defs = build_definitions(other)
    for day in (DAY3, DAY1, DAY2):
        run_days(other_defs, instance, day)
    assert {day: counts(other.database, day) for day in (DAY1, DAY2, DAY3)} == by_range

    # Trends read the tables as they are, so days backfilled out of order give the same trends.
    trends = []
    for job_defs, database in ((defs, settings.database), (other_defs, other.database)):
        assert job_defs.resolve_job_def("catalog_job").execute_in_process(instance=instance).success
        with duckdb.connect(str(database), read_only=True) as conn:
            trends.append(conn.execute("SELECT * FROM daily.trending_entities ORDER BY ALL").fetchall())
    assert trends[0] == trends[1] and trends[0]


def test_entity_registry_spans_all_days(pipeline):
    settings, defs, instance = pipeline
    run_days(defs, instance, DAY1, DAY2)
    assert defs.resolve_job_def("catalog_job").execute_in_process(instance=instance).success
    with duckdb.connect(str(settings.database), read_only=True) as conn:
        registry = conn.execute(
            "SELECT sum(mentions), count(*), min(first_seen), max(last_seen) FROM nlp.entities"
        ).fetchone()
        mentions, entities = conn.execute("SELECT count(*), count(DISTINCT entity_id) FROM nlp.mentions").fetchone()
    assert registry[0] == mentions and registry[1] == entities
    assert (str(registry[2]), str(registry[3])) == (DAY1, DAY2)


def test_a_reader_holding_the_read_copy_does_not_block_a_run(pipeline):
    settings, defs, instance = pipeline
    run_days(defs, instance, DAY1)
    read_copy = snapshot_path(settings.database)
    reader = duckdb.connect(str(read_copy), read_only=True)
    try:
        assert reader.execute("SELECT count(DISTINCT news_date) FROM raw.pages").fetchone()[0] == 1
        run_days(defs, instance, DAY2)  # succeeds while the reader's connection stays open
        # The open connection keeps the snapshot it opened; nothing changes under an analyst's feet.
        assert reader.execute("SELECT count(DISTINCT news_date) FROM raw.pages").fetchone()[0] == 1
    finally:
        reader.close()
    probe = (
        "import duckdb, sys; "
        "print(duckdb.connect(sys.argv[1], read_only=True).execute("
        "'SELECT count(DISTINCT news_date) FROM raw.pages').fetchone()[0])"
    )
    fresh = subprocess.run([sys.executable, "-c", probe, str(read_copy)], capture_output=True, text=True, check=True)
    assert fresh.stdout.strip() == "2"
