"""The `scale` profile on loopback: a Dagster instance on PostgreSQL, the daemon and its run queue, 2 `dagster-celery`
workers on Redis, tables in a DuckLake (catalog in PostgreSQL, Parquet files in a folder).

Several days run at once through both workers while a reader queries the lake and never sees a partial day; a
worker killed with SIGKILL in the middle of writing a day leaves that day as it was, and a re-run completes it;
the tables end identical to the local mode (one process, one DuckDB file) on the same sample days.
"""

from __future__ import annotations

import signal
import time

import dagster as dg
import pytest

from news_assets.definitions import build_definitions
from news_assets.settings import Settings
from news_assets.storage import StorageConfig, connect
from tests.recent_days import land_recent_days, recent_days
from tests.scale.deployment import (
    Deployment,
    celery_env,
    celery_nodes_of,
    instance_env,
    lake_env,
    max_overlap,
    wait_for_runs,
)
from tests.scale.reader import Reader, fingerprints

pytestmark = pytest.mark.scale

# Three days of sample pages: enough for the run queue to run them side by side on 2 workers. Recent days,
# because the daemon only backfills partitions that exist by the machine's clock.
DAYS = [day.isoformat() for day in recent_days(3)]
WORKERS = ["w1", "w2"]
KILLED_STEP = "nlp_tables"  # the longest step; it writes four tables of the day one after the other


@pytest.fixture(scope="module")
def landing(tmp_path_factory):
    root = tmp_path_factory.mktemp("landing")
    assert land_recent_days(root, len(DAYS)) == DAYS
    return root


@pytest.fixture(scope="module")
def local_fingerprints(tmp_path_factory, landing):
    """The same days in the local profile: one process, one DuckDB file, in-process executor."""
    root = tmp_path_factory.mktemp("local")
    settings = Settings(database=root / "news.duckdb", landing=landing, start_date=DAYS[0])
    defs = build_definitions(settings)
    with dg.DagsterInstance.ephemeral() as instance:
        result = defs.resolve_job_def("daily_news_job").execute_in_process(
            instance=instance,
            tags={"dagster/asset_partition_range_start": DAYS[0], "dagster/asset_partition_range_end": DAYS[-1]},
        )
        assert result.success
    with connect(StorageConfig(database=str(settings.database)), read_only=True) as conn:
        return fingerprints(conn, DAYS)


@pytest.fixture(scope="module")
def deployment(tmp_path_factory, postgres, redis_server, landing):
    """deploy/scale/dagster.yaml in a temporary DAGSTER_HOME, the daemon and two workers, all on loopback."""
    root = tmp_path_factory.mktemp("scale")
    dagster_db, lake_db = postgres.create_database(), postgres.create_database()
    env = {
        **instance_env(postgres, dagster_db),
        **celery_env(redis_server),
        **lake_env(postgres, lake_db, root / "lake", landing, DAYS[0]),
    }
    deployment = Deployment.create(root / "dagster_home", env)
    deployment.lake = StorageConfig(mode="ducklake", catalog=postgres.libpq(lake_db), data_path=str(root / "lake"))
    connect(deployment.lake).close()  # create the lake's catalog, so that a read-only reader can attach at once
    try:
        deployment.start_code_server()
        for name in WORKERS:
            deployment.start_worker(name)
        deployment.wait_for_code_server()
        deployment.start_daemon()
        deployment.wait_for_workers(WORKERS)
        yield deployment
    finally:
        deployment.stop_all()


def daily_runs(instance, day=None):
    runs = instance.get_runs(dg.RunsFilter(job_name="daily_news_job"))
    return [r for r in runs if day is None or r.tags.get("dagster/partition") == day]


def test_days_run_side_by_side_on_two_workers_into_the_lake(deployment, local_fingerprints):
    instance = deployment.instance()
    expected = {key: rows for key, (rows, _) in local_fingerprints.items()}
    with Reader(lambda: connect(deployment.lake, read_only=True)) as reader:
        before = {r.run_id for r in daily_runs(instance)}
        started = time.monotonic()
        deployment.backfill("daily_news_job", DAYS)
        while len(new := [r.run_id for r in daily_runs(instance) if r.run_id not in before]) < len(DAYS):
            assert time.monotonic() - started < 300, "the daemon did not create the backfill's runs"
            time.sleep(1)
        runs = wait_for_runs(instance, new, timeout_s=900)
        elapsed = time.monotonic() - started
    assert [r.status for r in runs] == [dg.DagsterRunStatus.SUCCESS] * len(DAYS), deployment.log("daemon")[-3000:]
    assert max_overlap(instance, runs) >= 2, "the run queue should have run days side by side"
    nodes = {node.split("@")[0] for run in runs for node in celery_nodes_of(instance, run.run_id)}
    assert nodes == set(WORKERS), f"both workers should have executed steps, saw {nodes}"

    assert reader.errors == []
    assert len(reader.states) > 10, "the reader should have queried all along"
    assert reader.partial_days(expected) == []
    with connect(deployment.lake, read_only=True) as conn:
        assert fingerprints(conn, DAYS) == local_fingerprints
    print(
        f"\n{len(DAYS)} days through 2 Celery workers in {elapsed:.0f} s; reader: {len(reader.states)} reads, 0 errors"
    )


def test_a_worker_killed_mid_write_leaves_the_day_whole_and_a_rerun_completes_it(deployment, local_fingerprints):
    day = DAYS[0]
    instance = deployment.instance()
    if not any(r.status == dg.DagsterRunStatus.SUCCESS for r in daily_runs(instance, day)):
        wait_for_runs(instance, [deployment.launch("daily_news_job", day)], timeout_s=600)
    expected = {key: rows for key, (rows, _) in local_fingerprints.items()}

    with Reader(lambda: connect(deployment.lake, read_only=True)) as reader:
        run_id = deployment.launch("daily_news_job", day)
        # The step's first output is yielded: its IO manager is writing the day. Kill the worker executing it.
        node = wait_for_step_output(instance, run_id, KILLED_STEP, timeout_s=600)
        victim = node.split("@")[0]
        deployment.kill(victim, signal.SIGKILL)
        handled = outputs_handled(instance, run_id, KILLED_STEP)
        assert len(handled) < 4, f"the worker finished every write before it was killed: {handled}"

        time.sleep(5)
        assert not instance.get_run_by_id(run_id).is_finished, "a lost worker leaves its run waiting for the step"
        # What an operator does (UI: Terminate): the run's tasks are revoked and the run ends CANCELED.
        instance.run_launcher.terminate(run_id)
        killed = wait_for_runs(instance, [run_id], timeout_s=180)[0]
        assert killed.status in (dg.DagsterRunStatus.CANCELED, dg.DagsterRunStatus.FAILURE)

        rerun_id = deployment.launch("daily_news_job", day)
        rerun = wait_for_runs(instance, [rerun_id], timeout_s=600)[0]
    assert rerun.status == dg.DagsterRunStatus.SUCCESS, deployment.log("daemon")[-3000:]
    survivors = {n.split("@")[0] for n in celery_nodes_of(instance, rerun_id)}
    assert survivors == set(WORKERS) - {victim}

    assert reader.errors == []
    assert reader.partial_days(expected) == []
    with connect(deployment.lake, read_only=True) as conn:
        assert fingerprints(conn, [day]) == {k: v for k, v in local_fingerprints.items() if k[1] == day}
    print(f"\nkilled {victim} after {handled or 'no'} outputs of {KILLED_STEP}; re-run on {survivors} succeeded")


def wait_for_step_output(instance, run_id: str, step_key: str, timeout_s: float) -> str:
    """Poll the event log until `step_key` yields its first output; return the Celery node executing it."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        records = instance.get_records_for_run(run_id, of_type=dg.DagsterEventType.STEP_OUTPUT).records
        if any(r.event_log_entry.dagster_event.step_key == step_key for r in records):
            break
        run = instance.get_run_by_id(run_id)
        assert not run.is_finished, f"run {run_id} ended ({run.status}) before {step_key} wrote"
        time.sleep(0.02)
    else:
        raise TimeoutError(f"{step_key} yielded no output in {timeout_s} s")
    for record in instance.get_records_for_run(run_id, of_type=dg.DagsterEventType.ENGINE_EVENT).records:
        event = record.event_log_entry.dagster_event
        data = event.engine_event_data
        if event.step_key == step_key and data and "Celery worker" in data.metadata:
            return data.metadata["Celery worker"].value
    raise AssertionError(f"no Celery worker reported executing {step_key}")


def outputs_handled(instance, run_id: str, step_key: str) -> list[str]:
    records = instance.get_records_for_run(run_id, of_type=dg.DagsterEventType.HANDLED_OUTPUT).records
    return [
        r.event_log_entry.dagster_event.event_specific_data.output_name
        for r in records
        if r.event_log_entry.dagster_event.step_key == step_key
    ]
