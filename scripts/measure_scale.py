"""Measure the scale profile on this machine; the figures in docs/scaling.md come from its output.

    .venv/bin/python scripts/measure_scale.py [--days 4] [--writers 1,2,4] [--skip-celery]

Starts its own PostgreSQL and Redis on loopback (tests/scale/services.py: Debian's postgresql and redis-server
must be installed) and measures, each part in a fresh database:

1. local profile: the sample days in one process into one DuckDB file (the `make demo` way), one run per day;
2. scale profile: the same days as a backfill through the daemon's run queue and the Celery executor, with 1 and
   then 2 `dagster-celery` workers, into DuckLake, with a reader querying the lake throughout;
3. DuckLake writes alone: k writer processes each replacing whole days of a 200k-row table at once, a reader
   counting rows beside them (errors, partial days);
4. the contrast: the same reader beside one writer of a plain DuckDB file (lock errors).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import dagster as dg

from news_assets.settings import Settings
from news_assets.storage import StorageConfig, connect
from tests.paths import REPO_ROOT
from tests.recent_days import land_recent_days
from tests.scale import services
from tests.scale.deployment import (
    Deployment,
    celery_env,
    celery_nodes_of,
    instance_env,
    lake_env,
    max_overlap,
    wait_for_runs,
)
from tests.scale.reader import Reader, day_counts


def measure_local(root: Path, landing: Path, days: list[str]) -> dict:
    settings = Settings(database=root / "local.duckdb", landing=landing, start_date=days[0])
    from news_assets.definitions import build_definitions

    job = build_definitions(settings).resolve_job_def("daily_news_job")
    started = time.monotonic()
    with dg.DagsterInstance.ephemeral() as instance:
        for day in days:
            assert job.execute_in_process(instance=instance, partition_key=day).success
    elapsed = time.monotonic() - started
    with connect(StorageConfig(database=str(settings.database)), read_only=True) as conn:
        rows = sum(day_counts(conn).values())
    return {
        "days": len(days),
        "seconds": round(elapsed, 1),
        "partitions_per_min": round(len(days) / elapsed * 60, 2),
        "rows": rows,
    }


def measure_celery(root: Path, pg, redis, landing: Path, days: list[str], workers: int) -> dict:
    dagster_db, lake_db = pg.create_database(), pg.create_database()
    lake = StorageConfig(mode="ducklake", catalog=pg.libpq(lake_db), data_path=str(root / f"lake-{workers}"))
    connect(lake).close()
    redis_db = {
        "NEWS_ASSETS_CELERY_BROKER": redis.url(2 * workers),
        "NEWS_ASSETS_CELERY_BACKEND": redis.url(2 * workers + 1),
    }
    env = {
        **instance_env(pg, dagster_db),
        **celery_env(redis),
        **redis_db,
        **lake_env(pg, lake_db, lake.data_path, landing, days[0]),
    }
    deployment = Deployment.create(root / f"home-{workers}", env)
    names = [f"m{workers}w{n}" for n in range(1, workers + 1)]
    try:
        deployment.start_code_server()
        for name in names:
            deployment.start_worker(name)
        deployment.wait_for_code_server()
        deployment.start_daemon()
        deployment.wait_for_workers(names)
        time.sleep(10)  # let the daemon load its code location before the clock starts
        instance = deployment.instance()
        with Reader(lambda: connect(lake, read_only=True), interval_s=0.5) as reader:
            submitted = time.monotonic()
            deployment.backfill("daily_news_job", days)
            queued = time.monotonic()
            runs = wait_for_runs(instance, count=len(days), job="daily_news_job", timeout_s=1800)
            finished = time.monotonic()
        records = [instance.get_run_record_by_id(r.run_id) for r in runs]
        first_start = min(r.start_time for r in records)
        last_end = max(r.end_time for r in records)
        with connect(lake, read_only=True) as conn:
            counts = day_counts(conn)
        writers = max_concurrent_writes(instance, runs)
        nodes = sorted({n.split("@")[0] for r in runs for n in celery_nodes_of(instance, r.run_id)})
    finally:
        deployment.stop_all()
    runs_span = last_end - first_start
    rows = sum(counts.values())
    expected = {key: n for key, n in counts.items()}
    return {
        "workers": workers,
        "days": len(days),
        "statuses": sorted({r.status.value for r in runs}),
        "backfill_cli_s": round(queued - submitted, 1),
        "submit_to_done_s": round(finished - submitted, 1),
        "first_start_to_last_end_s": round(runs_span, 1),
        "partitions_per_min": round(len(days) / runs_span * 60, 2),
        "runs_per_s": round(len(days) / runs_span, 3),
        "max_runs_at_once": max_overlap(instance, runs),
        "max_concurrent_writers": writers,
        "rows": rows,
        "rows_per_s_pipeline": round(rows / runs_span, 1),
        "worker_nodes": nodes,
        "reader_reads": len(reader.states),
        "reader_errors": len(reader.errors),
        "reader_partial_days": len(reader.partial_days(expected)),
    }


def max_concurrent_writes(instance, runs) -> int:
    """Most IO-manager writes in progress at once across runs: STEP_OUTPUT → HANDLED_OUTPUT of each output."""
    spans = []
    for run in runs:
        opened = {}
        for record in instance.all_logs(run.run_id):
            event = record.dagster_event
            if event is None:
                continue
            if event.event_type_value == "STEP_OUTPUT":
                opened[(event.step_key, event.event_specific_data.step_output_handle.output_name)] = record.timestamp
            elif event.event_type_value == "HANDLED_OUTPUT":
                key = (event.step_key, event.event_specific_data.output_name)
                if key in opened:
                    spans.append((opened.pop(key), record.timestamp))
    return max((sum(1 for s, e in spans if s <= start < e) for start, _ in spans), default=0)


WRITER = r"""
import sys, time, json
import pyarrow as pa
from news_assets.storage import StorageConfig, connect, transaction
cfg = StorageConfig(**json.loads(sys.argv[1])); first, count, rows = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
conn = connect(cfg)
conn.execute("SET enable_progress_bar = false")
conn.execute("CREATE SCHEMA IF NOT EXISTS bench")
conn.execute("CREATE TABLE IF NOT EXISTS bench.days (news_date INTEGER, n BIGINT, body VARCHAR)")
started, errors = time.monotonic(), 0
for day in range(first, first + count):
    frame = pa.table({"news_date": pa.array([day] * rows, pa.int32()), "n": pa.array(range(rows), pa.int64()),
                      "body": pa.array([f"기사 본문 {i} " * 4 for i in range(rows)])})
    try:
        with transaction(conn):
            conn.execute("DELETE FROM bench.days WHERE news_date = ?", [day])
            conn.register("frame", frame)
            conn.execute("INSERT INTO bench.days SELECT * FROM frame")
            conn.unregister("frame")
    except Exception as e:
        errors += 1
        print("error", type(e).__name__, e, file=sys.stderr)
print(json.dumps({"seconds": time.monotonic() - started, "rows": rows * count, "errors": errors}))
"""

READER = r"""
import os, sys, time, json, duckdb
from news_assets.storage import StorageConfig, connect
cfg, rows, until, stop = StorageConfig(**json.loads(sys.argv[1])), int(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
reads = errors = partial = 0
conn = None
while time.time() < until and not os.path.exists(stop):
    try:
        # A file reader opens the file itself: news_assets.storage would wait out the writer's lock.
        conn = conn or (connect(cfg, read_only=True) if cfg.is_lake else duckdb.connect(cfg.database, read_only=True))
        for day, n in conn.execute("SELECT news_date, count(*) FROM bench.days GROUP BY 1").fetchall():
            partial += n != rows
        reads += 1
    except Exception as e:
        errors += 1
        if conn is not None:
            conn.close()
        conn = None
    if not cfg.is_lake and conn is not None:
        conn.close(); conn = None  # a file reader that stays open blocks the writer for good
    time.sleep(0.05)
print(json.dumps({"reads": reads, "errors": errors, "partial_days_seen": partial}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--days", type=int, default=4, help="sample days per measured backfill")
    parser.add_argument("--workers", default="1,2", help="Celery worker counts to compare")
    parser.add_argument("--writers", default="1,2,4", help="DuckLake writer process counts")
    parser.add_argument("--rows", type=int, default=200_000, help="rows per day in the writer measurement")
    parser.add_argument("--skip-celery", action="store_true")
    parser.add_argument("--skip-local", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="measure-scale-", ignore_cleanup_errors=True) as tmp:
        root = Path(tmp)
        landing = root / "landing"
        # Recent days: the daemon only backfills partitions that exist by the machine's clock.
        days = land_recent_days(landing, args.days)
        report = {"cores": os.cpu_count(), "days": days}
        pg, redis = services.start_postgres(), services.start_redis()
        try:
            if not args.skip_local:
                report["local"] = measure_local(root, landing, days)
                print(json.dumps({"local": report["local"]}), flush=True)
            if not args.skip_celery:
                report["celery"] = []
                for workers in [int(w) for w in args.workers.split(",")]:
                    result = measure_celery(root, pg, redis, landing, days, workers)
                    report["celery"].append(result)
                    print(json.dumps({"celery": result}), flush=True)
            report["ducklake_writers"] = []
            for writers in [int(w) for w in args.writers.split(",")]:
                lake = StorageConfig(
                    mode="ducklake",
                    catalog=pg.libpq(pg.create_database()),
                    data_path=str(root / f"bench-lake-{writers}"),
                )
                result = run_writers(lake, writers, 4, args.rows)
                report["ducklake_writers"].append(result)
                print(json.dumps({"ducklake_writers": result}), flush=True)
            file_mode = StorageConfig(database=str(root / "filemode.duckdb"))
            report["file_writers"] = run_writers(file_mode, 1, 4, args.rows)
            print(json.dumps({"file_writers": report["file_writers"]}), flush=True)
        finally:
            redis.stop()
            pg.stop()
    print(json.dumps(report, indent=2, ensure_ascii=False))


def run_writers(config: StorageConfig, writers: int, days_each: int, rows: int) -> dict:
    """k writer processes, each replacing `days_each` days of `rows` rows, and one reader beside them."""
    as_json = json.dumps({k: getattr(config, k) for k in StorageConfig.__slots__})
    env = {**os.environ, "PYTHONPATH": str(REPO_ROOT)}
    with connect(config) as conn:
        conn.execute("CREATE SCHEMA IF NOT EXISTS bench")
        conn.execute("CREATE TABLE IF NOT EXISTS bench.days (news_date INTEGER, n BIGINT, body VARCHAR)")
    stop_file = Path(tempfile.mkstemp(prefix="reader-stop-")[1])
    stop_file.unlink()
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, as_json, str(rows), str(time.time() + 3600), str(stop_file)],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    time.sleep(1)
    started = time.monotonic()
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, as_json, str(1000 * w), str(days_each), str(rows)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for w in range(writers)
    ]
    results = [json.loads(p.communicate()[0].strip().splitlines()[-1]) for p in procs]
    elapsed = time.monotonic() - started
    stop_file.touch()
    seen = json.loads(reader.communicate(timeout=120)[0].strip().splitlines()[-1])
    stop_file.unlink(missing_ok=True)
    written = sum(r["rows"] for r in results)
    return {
        "storage": config.mode,
        "writers": writers,
        "transactions": writers * days_each,
        "rows_written": written,
        "seconds": round(elapsed, 1),
        "rows_per_s": round(written / elapsed),
        "writer_errors": sum(r["errors"] for r in results),
        "reader_reads": seen["reads"],
        "reader_errors": seen["errors"],
        "reader_partial_days": seen["partial_days_seen"],
    }


if __name__ == "__main__":
    main()
