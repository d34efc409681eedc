"""The `scale` deployment profile brought up on loopback: a Dagster instance on PostgreSQL (deploy/scale/dagster.yaml
in a temporary DAGSTER_HOME), the daemon, and `dagster-celery` workers on Redis, each a process of its own, started
with the commands docs/scaling.md gives.

Plain functions and one class, so that the scale tests and scripts/measure_scale.py share them. The services
themselves (PostgreSQL, Redis) come from tests/scale/services.py.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from tests.paths import REPO_ROOT

BIN = Path(sys.executable).parent
SCALE_YAML = REPO_ROOT / "deploy" / "scale" / "dagster.yaml"
CELERY_YAML = REPO_ROOT / "deploy" / "scale" / "celery.yaml"
WORKSPACE_YAML = REPO_ROOT / "deploy" / "scale" / "workspace.yaml"


def instance_env(pg, dagster_db: str) -> dict[str, str]:
    """The variables deploy/scale/dagster.yaml reads, for a database of the `services.Postgres` cluster."""
    return {
        "DAGSTER_PG_HOST": pg.host,
        "DAGSTER_PG_PORT": str(pg.port),
        "DAGSTER_PG_USER": pg.user,
        "DAGSTER_PG_PASSWORD": "",
        "DAGSTER_PG_DB": dagster_db,
    }


def lake_env(pg, catalog_db: str, data: Path | str, landing: Path, start_date: str) -> dict[str, str]:
    """The variables of `ducklake` storage (news_assets/settings.py): catalog in `catalog_db`, files in `data`,
    daily partitions from `start_date`."""
    return {
        "NEWS_ASSETS_STORAGE": "ducklake",
        "NEWS_ASSETS_DUCKLAKE_CATALOG": pg.libpq(catalog_db),
        "NEWS_ASSETS_DUCKLAKE_DATA": str(data),
        "NEWS_ASSETS_LANDING": str(landing),
        "NEWS_ASSETS_START_DATE": start_date,
    }


def celery_env(redis) -> dict[str, str]:
    """The variables that select the Celery executor and point it, and the workers, at `services.Redis`."""
    return {
        "NEWS_ASSETS_EXECUTOR": "celery",
        "NEWS_ASSETS_CELERY_BROKER": redis.url(0),
        "NEWS_ASSETS_CELERY_BACKEND": redis.url(1),
    }


@dataclass
class Deployment:
    """A DAGSTER_HOME with the scale dagster.yaml, and the processes started in it (daemon, workers)."""

    home: Path
    env: dict[str, str]
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)

    @classmethod
    def create(cls, home: Path, env: Mapping[str, str]) -> Deployment:
        home.mkdir(parents=True, exist_ok=True)
        shutil.copy(SCALE_YAML, home / "dagster.yaml")
        full = {**os.environ, **env, "DAGSTER_HOME": str(home), "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
        full.pop("PYTEST_XDIST_WORKER", None)
        deployment = cls(home=home, env=full)
        # Create the instance's tables once (what `dagster instance migrate` does) before the daemon and the
        # workers open it at the same moment: concurrent first opens race on CREATE TYPE and one of them dies.
        deployment.instance().dispose()
        return deployment

    # --- processes ----------------------------------------------------------------------------------------------

    def _spawn(self, name: str, args: list[str]) -> subprocess.Popen:
        log = (self.home / f"{name}.log").open("ab")
        # A session of its own: a SIGKILL of the group takes the worker and its pool children, like a lost machine.
        process = subprocess.Popen(
            args, cwd=REPO_ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        log.close()
        self.processes[name] = process
        return process

    def start_code_server(self) -> subprocess.Popen:
        """The code location as a gRPC server on a free loopback port (deploy/scale/workspace.yaml points at it)."""
        from tests.scale.services import free_port

        port = free_port()
        self.env.update({"NEWS_ASSETS_CODE_SERVER_HOST": "127.0.0.1", "NEWS_ASSETS_CODE_SERVER_PORT": str(port)})
        return self._spawn(
            "code_server",
            [str(BIN / "dagster"), "api", "grpc", "-m", "news_assets.definitions", "-h", "127.0.0.1", "-p", str(port)],
        )

    def wait_for_code_server(self, timeout_s: float = 180) -> None:
        """Wait until the code server accepts connections (it loads the code first)."""
        import socket

        port, process = int(self.env["NEWS_ASSETS_CODE_SERVER_PORT"]), self.processes["code_server"]
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"the code server exited ({process.returncode}): {self.log('code_server')[-2000:]}")
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
            time.sleep(0.2)
        raise TimeoutError(f"the code server did not listen on {port} in {timeout_s} s")

    def start_daemon(self) -> subprocess.Popen:
        return self._spawn("daemon", [str(BIN / "dagster-daemon"), "run", "-w", str(WORKSPACE_YAML)])

    def start_worker(self, name: str, concurrency: int = 1) -> subprocess.Popen:
        """`dagster-celery worker start` as docs/scaling.md gives it; the Celery node is `<name>@<host>`."""
        return self._spawn(
            name,
            [
                *(str(BIN / "dagster-celery"), "worker", "start", "-A", "dagster_celery.app"),
                *("-y", str(CELERY_YAML), "-n", name, "-i", "news_assets.definitions", "--loglevel", "WARNING"),
                *("--", "--concurrency", str(concurrency), "--without-gossip", "--without-mingle"),
            ],
        )

    def wait_for_workers(self, names: Iterable[str], timeout_s: float = 90) -> dict[str, str]:
        """Wait until every named worker answers a ping through the broker; {name: node name}."""
        from dagster_celery.make_app import make_app

        app = make_app(
            {"broker": self.env["NEWS_ASSETS_CELERY_BROKER"], "backend": self.env["NEWS_ASSETS_CELERY_BACKEND"]}
        )
        wanted = set(names)
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            for name in wanted:
                process = self.processes[name]
                if process.poll() is not None:
                    raise RuntimeError(f"worker {name} exited ({process.returncode}): {self.log(name)[-2000:]}")
            nodes = {node for reply in app.control.ping(timeout=1.0) or [] for node in reply}
            found = {name: node for name in wanted for node in nodes if node.split("@")[0] == name}
            if set(found) == wanted:
                return found
            time.sleep(0.5)
        raise TimeoutError(f"workers {sorted(wanted)} did not answer in {timeout_s} s")

    def kill(self, name: str, sig: int = signal.SIGKILL) -> None:
        """Send `sig` to the process group of `name` (the worker and its pool children)."""
        process = self.processes[name]
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        process.wait(timeout=60)

    def stop(self, name: str, timeout_s: float = 30) -> None:
        process = self.processes.pop(name)
        if process.poll() is not None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()

    def stop_all(self) -> None:
        for name in list(self.processes):
            self.stop(name)

    def log(self, name: str) -> str:
        path = self.home / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    # --- the CLI a user would type ------------------------------------------------------------------------------

    def dagster(self, *args: str, timeout_s: float = 300) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(BIN / "dagster"), *args],
            cwd=REPO_ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=timeout_s,
            check=True,
        )

    def launch(self, job: str, day: str) -> str:
        """`dagster job launch` of one day: a queued run, launched by the daemon. Returns its run id."""
        run_id = str(uuid.uuid4())
        tags = json.dumps({"dagster/partition": day})
        self.dagster("job", "launch", "-w", str(WORKSPACE_YAML), "-j", job, "--tags", tags, "--run-id", run_id)
        return run_id

    def backfill(self, job: str, days: Iterable[str]) -> None:
        """`dagster job backfill`: one queued run per day, which the daemon launches under the run queue's limit."""
        self.dagster(
            "job", "backfill", "-w", str(WORKSPACE_YAML), "-j", job, "--partitions", ",".join(days), "--noprompt"
        )

    def instance(self):
        """The Dagster instance, opened in this process with the deployment's variables."""
        import dagster as dg

        saved = {k: os.environ.get(k) for k in self.env if k.startswith("DAGSTER_PG_")}
        os.environ.update({k: self.env[k] for k in saved})
        try:
            return dg.DagsterInstance.from_config(str(self.home))
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value


def wait_for_runs(
    instance, run_ids: Iterable[str] | None = None, *, count: int | None = None, job: str | None = None, timeout_s=600
):
    """Wait until the given runs (or `count` runs, of `job` if given) have finished; return them by partition."""
    import dagster as dg

    deadline = time.monotonic() + timeout_s
    ids = set(run_ids or [])
    filters = dg.RunsFilter(run_ids=list(ids) if ids else None, job_name=job)
    while time.monotonic() < deadline:
        runs = instance.get_runs(filters)
        if (count is None or len(runs) >= count) and runs and all(r.is_finished for r in runs):
            return sorted(runs, key=lambda r: r.tags.get("dagster/partition", ""))
        time.sleep(1)
    states = sorted((r.job_name, r.tags.get("dagster/partition"), r.status.value) for r in instance.get_runs())
    raise TimeoutError(f"runs did not finish in {timeout_s} s: {states}")


def max_overlap(instance, runs) -> int:
    """Most runs in progress at the same moment, from their start and end times."""
    spans = []
    for run in runs:
        record = instance.get_run_record_by_id(run.run_id)
        spans.append((record.start_time, record.end_time))
    return max(sum(1 for s, e in spans if s <= start < e) for start, _ in spans)


def celery_nodes_of(instance, run_id: str) -> list[str]:
    """The Celery worker nodes that executed steps of a run, from its engine events."""
    import dagster as dg

    nodes = []
    records = instance.get_records_for_run(run_id, of_type=dg.DagsterEventType.ENGINE_EVENT).records
    for record in records:
        data = record.event_log_entry.dagster_event.engine_event_data
        entry = data.metadata.get("Celery worker") if data else None
        if entry is not None:
            nodes.append(entry.value)
    return nodes
