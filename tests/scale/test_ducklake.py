"""DuckLake storage on a real PostgreSQL catalog: the same tables as the DuckDB file, atomic day replacement
under a polling reader, concurrent writers, a writer killed before COMMIT, S3 data files, the CLI recipe of
docs/ducklake.md, and the maintenance job.

Run: `.venv/bin/pytest -m scale tests/scale` (PostgreSQL binaries needed; skipped with the install hint else).
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from datetime import timedelta

import dagster as dg
import polars as pl
import pytest
from news_assets_sample.landing import land_sample
from polars.testing import assert_frame_equal

from news_assets.definitions import build_definitions
from news_assets.schemas import ALL_TABLES
from news_assets.settings import Settings
from news_assets.storage import connect
from news_assets.views import VIEWS
from tests.paths import REPO_ROOT, SAMPLE_DIR
from tests.scale.lake import lake_env, lake_settings, start_writer
from tests.test_queries import QUERIES

pytestmark = pytest.mark.scale

PARTITIONED = [t.qualified_name for t in ALL_TABLES if t.partitioned]
# A day early in the bundled sample: its run takes a single partition key, which Dagster refuses once it lies past
# the machine's clock.
RERUN_DAY = "2026-11-14"


def run_jobs(settings: Settings, first: str, last: str, *, catalog: bool = True) -> None:
    defs = build_definitions(settings)
    with dg.DagsterInstance.ephemeral() as instance:
        result = defs.resolve_job_def("daily_news_job").execute_in_process(
            instance=instance,
            tags={"dagster/asset_partition_range_start": first, "dagster/asset_partition_range_end": last},
        )
        assert result.success
        assert [e.check_name for e in result.get_asset_check_evaluations() if not e.passed] == []
        if catalog:
            assert defs.resolve_job_def("catalog_job").execute_in_process(instance=instance).success


def frame(conn, relation: str) -> pl.DataFrame:
    # ORDER BY ALL sorts on every column, blobs and lists included: rows compare whatever order files hold them.
    return conn.execute(f"SELECT * FROM {relation} ORDER BY ALL").pl()


def day_counts(conn, day: str) -> dict[str, int]:
    union = " UNION ALL ".join(
        f"SELECT '{t}' AS t, count(*) AS n FROM {t} WHERE news_date = DATE '{day}'" for t in PARTITIONED
    )
    return dict(conn.execute(union).fetchall())


@pytest.fixture(scope="module")
def landing(tmp_path_factory):
    root = tmp_path_factory.mktemp("lake_landing")
    days = land_sample(SAMPLE_DIR, root)
    return root, [d.isoformat() for d in days]


@pytest.fixture(scope="module")
def lake(postgres, landing, tmp_path_factory):
    """The bundled sample materialized into a DuckLake (catalog in PostgreSQL, Parquet in a local folder)."""
    root, days = landing
    settings = lake_settings(postgres, postgres.create_database(), tmp_path_factory.mktemp("lake"), root)
    started = time.perf_counter()
    run_jobs(settings, days[0], days[-1])
    print(f"\nsample ({len(days)} days) materialized into the lake in {time.perf_counter() - started:.1f} s")
    return settings


@pytest.fixture(scope="module")
def file_db(sample_database):
    """The same sample materialized into a DuckDB file (tests/conftest.py), opened read-only."""
    import duckdb

    conn = duckdb.connect(str(sample_database), read_only=True)
    yield conn
    conn.close()


@pytest.fixture
def lake_conn(lake):
    conn = connect(lake.storage_config, read_only=True)
    yield conn
    conn.close()


def test_every_table_and_view_is_identical_to_the_file_mode(lake_conn, file_db):
    """Every column of every row compared; nothing is left out. (No column differs between the modes: the
    tables hold no materialization timestamps, only what the pages say.)"""
    for relation in [t.qualified_name for t in ALL_TABLES] + [v.name for v in VIEWS]:
        expected, actual = frame(file_db, relation), frame(lake_conn, relation)
        assert actual.height > 0, f"{relation} is empty in the lake"
        try:
            assert_frame_equal(actual, expected, check_exact=True)
        except AssertionError as e:
            raise AssertionError(f"{relation} differs between the lake and the file: {e}") from None


@pytest.mark.parametrize(("question", "sql"), QUERIES, ids=[q for q, _ in QUERIES])
def test_docs_queries_run_unchanged_on_the_lake(lake_conn, file_db, question, sql):
    """Each query of docs/queries.md, as written, gives the same rows on the lake as on the file. Columns made by
    any_value() are left out of the comparison: it returns whichever row it meets first, and the lake's Parquet
    files hold the rows in another order than the file."""
    if "nlp.search(" in sql or "nlp.search_articles(" in sql:
        pytest.skip("the full-text index is built in file storage only (README: Stories, search and quotes)")
    lake_rows, file_rows = lake_conn.execute(sql).pl(), file_db.execute(sql).pl()
    assert lake_rows.height, f"no rows for: {question}"
    arbitrary = re.findall(r"any_value\([^)]*\)\s+AS\s+(\w+)", sql, re.I)
    assert set(arbitrary) <= set(lake_rows.columns)
    lake_rows, file_rows = lake_rows.drop(arbitrary), file_rows.drop(arbitrary)
    assert sorted(map(repr, lake_rows.rows())) == sorted(map(repr, file_rows.rows())), question


def test_the_cli_recipe_of_the_docs_queries_the_lake(lake, file_db):
    """`python -m news_assets.storage > lake.sql; duckdb -unsigned -init lake.sql` as docs/ducklake.md says."""
    env = {**os.environ, **lake_env(lake)}
    script = subprocess.run(
        [sys.executable, "-m", "news_assets.storage"],
        env=env,
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "READ_ONLY" in script and "ATTACH 'ducklake:postgres:" in script
    init = lake.database.parent / "lake.sql"
    init.write_text(script)
    cli = subprocess.run(
        [str(REPO_ROOT / ".venv" / "bin" / "duckdb"), "-unsigned", "-init", str(init), "-csv", "-noheader", "-c",
         "SELECT count(*) FROM daily.trending_entities"],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert cli.returncode == 0, cli.stderr
    expected = file_db.execute("SELECT count(*) FROM daily.trending_entities").fetchone()[0]
    assert cli.stdout.strip().splitlines()[-1] == str(expected)


def test_rematerializing_a_day_replaces_it_and_a_polling_reader_never_sees_it_partial(lake, file_db):
    """A reader polls the day's counts of every partitioned table while another process runs the day again:
    each poll (one statement, one snapshot) sees the whole day, never 0 and never part of it; afterwards the
    counts are the same as before (replaced, not appended)."""
    conn = connect(lake.storage_config, read_only=True)
    try:
        expected = day_counts(conn, RERUN_DAY)
        assert expected == day_counts(file_db, RERUN_DAY)
        writer = start_writer(lake, "day", RERUN_DAY)
        polls, snapshots, bad = 0, set(), []
        while writer.poll() is None:
            snapshot = conn.execute("SELECT * FROM ducklake_current_snapshot('news')").fetchone()[0]
            seen = day_counts(conn, RERUN_DAY)
            polls += 1
            snapshots.add(snapshot)
            if seen != expected:
                bad.append((snapshot, seen))
        stderr = writer.stderr.read()
        assert writer.returncode == 0, stderr[-3000:]
        assert bad == [], f"partial days seen: {bad[:3]}"
        after = day_counts(conn, RERUN_DAY)
        snapshot = conn.execute("SELECT * FROM ducklake_current_snapshot('news')").fetchone()[0]
    finally:
        conn.close()
    assert after == expected
    # The reader did overlap the writer's commits: it saw several snapshots (one per table written).
    assert len(snapshots) > 1 and snapshot > min(snapshots), (polls, snapshots)
    print(f"\nreader: {polls} polls over {len(snapshots)} snapshots, never a partial day")


@pytest.fixture
def scratch_lake(postgres, pg_database, tmp_path):
    """An empty lake of its own (the writer tests must not touch the sample lake)."""
    settings = lake_settings(postgres, pg_database, tmp_path, tmp_path / "landing")
    from tests.scale.lake_writer import ensure_table

    conn = connect(settings.storage_config)
    ensure_table(conn)
    conn.close()
    return settings


def test_a_writer_killed_before_commit_changes_nothing(scratch_lake):
    from tests.scale.lake_writer import replace_day, volume_frame

    conn = connect(scratch_lake.storage_config)
    replace_day(conn, "2026-11-16", volume_frame("2026-11-16", 1000))
    before = frame(conn, "daily.source_volume")
    snapshot = conn.execute("SELECT * FROM ducklake_current_snapshot('news')").fetchone()[0]

    writer = start_writer(scratch_lake, "hold", "2026-11-16", "200000", stdin=subprocess.PIPE)
    assert writer.stdout.readline().strip() == "READY", writer.stderr.read()[-3000:]
    writer.send_signal(signal.SIGKILL)
    writer.wait(timeout=30)

    assert conn.execute("SELECT * FROM ducklake_current_snapshot('news')").fetchone()[0] == snapshot
    assert_frame_equal(frame(conn, "daily.source_volume"), before)
    # Nothing stays locked: the next writer commits at once.
    released = start_writer(scratch_lake, "hold", "2026-11-16", "5", stdin=subprocess.PIPE)
    assert released.stdout.readline().strip() == "READY"
    released.stdin.close()
    assert released.wait(timeout=60) == 0, released.stderr.read()[-3000:]
    counts = conn.execute("SELECT count(*), min(pages) FROM daily.source_volume").fetchone()
    assert counts == (5, 7)
    # The killed writer's Parquet files are orphans: no snapshot knows them; maintenance deletes them.
    from news_assets.storage.maintenance import maintain

    report = maintain(conn, "news", expire_older_than=timedelta(0), delete_older_than=timedelta(0))
    conn.close()
    assert report.orphans_removed, "the killed writer left no file behind"
    assert all("daily/source_volume/" in path for path in report.orphans_removed)


def test_concurrent_writers_replace_their_days_while_a_reader_polls(scratch_lake):
    """4 processes each replace their own day of one table 3 times (delete + insert in one transaction);
    DuckLake's commit retries absorb the conflicts; the reader sees each day empty (not yet written) or whole."""
    rows, times, days = 50_000, 3, ["2026-11-16", "2026-11-17", "2026-11-18", "2026-11-19"]
    conn = connect(scratch_lake.storage_config, read_only=True)
    started = time.perf_counter()
    writers = [start_writer(scratch_lake, "replace", day, str(rows), str(times)) for day in days]
    bad, polls = [], 0
    while any(w.poll() is None for w in writers):
        seen = dict(
            conn.execute("SELECT news_date::VARCHAR, count(*) FROM daily.source_volume GROUP BY ALL").fetchall()
        )
        polls += 1
        bad += [(d, n) for d, n in seen.items() if n != rows]
    elapsed = time.perf_counter() - started
    results = [(w.returncode, w.stdout.read().strip(), w.stderr.read()[-2000:]) for w in writers]
    assert [r[0] for r in results] == [0] * len(days), results
    assert bad == [], bad[:5]
    final = dict(conn.execute("SELECT news_date::VARCHAR, count(*) FROM daily.source_volume GROUP BY ALL").fetchall())
    conn.close()
    assert final == dict.fromkeys(days, rows)
    total = rows * times * len(days)
    print(
        f"\n{len(days)} concurrent lake writers: {total} rows in {elapsed:.1f} s = {total / elapsed:.0f} rows/s "
        f"overall; per writer: {[r[1] for r in results]}; reader polls: {polls}"
    )


def test_one_day_with_data_files_on_s3(postgres, pg_database, s3_server, landing, file_db, tmp_path):
    """The data path on S3-compatible storage (moto on loopback): one sample day, same rows as the file mode."""
    root, _ = landing
    # The sample's first day: the file's copy of it has no earlier days either, so cross-day duplicates (which a
    # later day finds in the days before it) cannot make the two differ.
    day = "2026-11-13"
    settings = lake_settings(
        postgres, pg_database, tmp_path, root, data=f"s3://{s3_server.bucket}/lake-{pg_database}/", s3=s3_server
    )
    run_jobs(settings, day, day, catalog=False)
    with connect(settings.storage_config, read_only=True) as conn:
        # A day's stories continue the stories of the 7 days before (a follow-up joins its story), which this
        # one-day lake does not hold and the file does: story rows are compared where both have the history.
        lake_counts, file_counts = day_counts(conn, day), day_counts(file_db, day)
        assert lake_counts.pop("daily.stories") > 0
        file_counts.pop("daily.stories")
        assert lake_counts == file_counts
        for table in ("raw.pages", "clean.articles", "daily.entity_counts"):
            where = f"(SELECT * FROM {table} WHERE news_date = DATE '{day}')"
            assert_frame_equal(frame(conn, where), frame(file_db, where))
    keys = s3_server.keys(f"lake-{pg_database}/")
    assert any(k.startswith(f"lake-{pg_database}/raw/pages/") and k.endswith(".parquet") for k in keys), keys[:5]


def test_maintenance_job_expires_snapshots_and_removes_files_and_the_tables_stay_identical(lake, file_db):
    """On the sample lake, after one day of one table was rewritten twice with the same rows (as re-runs do):
    the file of the first rewrite and the old snapshots are what maintenance removes; every table keeps its
    rows."""
    from tests.scale.lake_writer import replace_day

    with connect(lake.storage_config) as conn:
        day = conn.execute("SELECT max(news_date)::VARCHAR FROM daily.source_volume").fetchone()[0]
        rows = conn.execute("SELECT * FROM daily.source_volume WHERE news_date = ?", [day]).pl()
        for _ in range(2):  # the second rewrite deletes every row of the file the first one wrote
            conn.begin()
            replace_day(conn, day, rows)
            conn.commit()
    defs = build_definitions(lake)
    job = defs.resolve_job_def("ducklake_maintenance_job")
    config = {"expire_older_than_hours": 0, "delete_older_than_hours": 0}
    with dg.DagsterInstance.ephemeral() as instance:
        result = job.execute_in_process(
            instance=instance, run_config={"ops": {"ducklake_maintenance": {"config": config}}}
        )
        assert result.success
        materialization = instance.get_latest_materialization_event(dg.AssetKey(["lake", "maintenance"]))
    metadata = {k: v.value for k, v in materialization.asset_materialization.metadata.items()}
    assert metadata["snapshots_expired"] > 0
    assert metadata["files_removed"] > 0
    assert metadata["snapshots_after"] < metadata["snapshots_before"]
    assert metadata["data_files_after"] <= metadata["data_files_before"]
    with connect(lake.storage_config, read_only=True) as conn:
        for table in ALL_TABLES:
            assert_frame_equal(frame(conn, table.qualified_name), frame(file_db, table.qualified_name))
    print(f"\nmaintenance: {metadata}")


def test_the_default_mode_has_no_maintenance_job(tmp_path):
    defs = build_definitions(Settings(database=tmp_path / "n.duckdb", landing=tmp_path, start_date="2026-11-01"))
    names = {j.name for j in defs.jobs}
    assert "ducklake_maintenance_job" not in names
    assert dg.AssetKey(["lake", "maintenance"]) not in set(defs.resolve_asset_graph().get_all_asset_keys())


def test_writers_starting_on_an_empty_catalog_at_once_all_succeed(postgres, pg_database, tmp_path):
    """The first ATTACH of an empty catalog creates DuckLake's tables: processes starting together race to do
    it, and the ones that lose must retry instead of failing their run."""
    settings = lake_settings(postgres, pg_database, tmp_path, tmp_path)
    days = ["2026-11-16", "2026-11-17", "2026-11-18", "2026-11-19"]
    writers = [start_writer(settings, "replace", day, "10", "1") for day in days]
    results = [(w.wait(timeout=120), w.stderr.read()[-2000:]) for w in writers]
    assert [r[0] for r in results] == [0] * len(days), results
    with connect(settings.storage_config, read_only=True) as conn:
        assert conn.execute("SELECT count(DISTINCT news_date), count(*) FROM daily.source_volume").fetchone() == (4, 40)
