"""Real services on loopback for the scale tests: PostgreSQL, Redis and an S3-compatible server (moto).

Each `start_*` function starts its service in a temporary folder on a free loopback port and returns a handle
with the addresses a client needs and a `stop()`; `tests/scale/conftest.py` wraps them as pytest fixtures that
skip, with the install command, when a binary is missing. Plain functions so that a script (a benchmark, the
deployment profile's smoke run) can use them without pytest.

PostgreSQL: Debian's binaries (`initdb`, `pg_ctl`, `postgres`; /usr/local/bin links to /usr/lib/postgresql/<v>/bin
here). initdb and postgres refuse to run as root, so as root the cluster is created and run as the `postgres`
system user (else `nobody`) through `runuser`, in a folder that user owns. Trust authentication, TCP on
127.0.0.1 only, the unix socket inside the temp folder, fsync off (a test cluster; durability is not under test).
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

PG_BINARIES = ("initdb", "pg_ctl", "postgres")
PG_SEARCH = ("/usr/local/bin", "/usr/lib/postgresql/17/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/15/bin")
PG_INSTALL_HINT = "apt-get install postgresql (initdb, pg_ctl, postgres); see make test-scale"
REDIS_INSTALL_HINT = "apt-get install redis-server; see make test-scale"


class ServiceUnavailable(RuntimeError):
    """A service's binary or library is missing; the message says what to install."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_port(port: int, timeout_s: float, proc: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"the service on port {port} exited with code {proc.returncode}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return
        time.sleep(0.05)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port} after {timeout_s} s")


# --- PostgreSQL -------------------------------------------------------------------------------------------------


def find_pg_bin() -> Path:
    """The folder holding initdb, pg_ctl and postgres; ServiceUnavailable when there is none."""
    candidates = []
    if os.environ.get("NEWS_ASSETS_PG_BIN"):
        candidates.append(os.environ["NEWS_ASSETS_PG_BIN"])
    on_path = shutil.which("pg_ctl")
    if on_path:
        candidates.append(str(Path(on_path).parent))
    candidates.extend(PG_SEARCH)
    for folder in candidates:
        if all(os.access(Path(folder, name), os.X_OK) for name in PG_BINARIES):
            return Path(folder)
    raise ServiceUnavailable(f"PostgreSQL server binaries not found: {PG_INSTALL_HINT}")


def _run_as_user() -> str | None:
    """The user to run initdb/postgres as: None when not root, else `postgres` if it exists, else `nobody`."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        with contextlib.suppress(KeyError):
            pwd.getpwnam(name)
            return name
    raise ServiceUnavailable("running as root and neither a `postgres` nor a `nobody` user exists for PostgreSQL")


@dataclass
class Postgres:
    """A running PostgreSQL cluster on 127.0.0.1:`port`, superuser `user`, trust authentication."""

    root: Path
    port: int
    bin_dir: Path
    os_user: str | None
    user: str = "postgres"
    host: str = "127.0.0.1"
    dbname: str = "postgres"

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def socket_dir(self) -> Path:
        return self.root / "sock"

    def libpq(self, dbname: str | None = None) -> str:
        """A libpq key/value connection string, as DuckDB's postgres extension and psycopg2 take it."""
        return f"host={self.host} port={self.port} user={self.user} dbname={dbname or self.dbname}"

    def url(self, dbname: str | None = None) -> str:
        """A postgresql:// URL (dagster-postgres, SQLAlchemy)."""
        return f"postgresql://{self.user}@{self.host}:{self.port}/{dbname or self.dbname}"

    def execute(self, sql: str, dbname: str | None = None) -> None:
        import psycopg2

        conn = psycopg2.connect(self.libpq(dbname))
        try:
            conn.autocommit = True
            with conn.cursor() as cur:
                cur.execute(sql)
        finally:
            conn.close()

    def create_database(self, name: str | None = None) -> str:
        """Create a database (a fresh random name unless given) and return its name."""
        name = name or f"db_{uuid.uuid4().hex[:12]}"
        self.execute(f'CREATE DATABASE "{name}"')
        return name

    def drop_database(self, name: str) -> None:
        self.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def _cmd(self, *args: str) -> list[str]:
        prefix = ["runuser", "-u", self.os_user, "--"] if self.os_user else []
        return [*prefix, *args]

    def stop(self) -> None:
        subprocess.run(
            self._cmd(str(self.bin_dir / "pg_ctl"), "-D", str(self.data_dir), "-m", "immediate", "-w", "stop"),
            capture_output=True,
            check=False,
        )
        shutil.rmtree(self.root, ignore_errors=True)


def start_postgres(base: Path | None = None, *, max_connections: int = 200) -> Postgres:
    """initdb a cluster in a new temp folder (under `base` or the system temp), start it, wait until it answers.

    The folder is made world-traversable and owned by the user PostgreSQL runs as, because pytest's own temp
    folders are private to root.
    """
    bin_dir = find_pg_bin()
    os_user = _run_as_user()
    root = Path(tempfile.mkdtemp(prefix="news-assets-pg-", dir=base))
    root.chmod(0o755)
    (root / "sock").mkdir()
    if os_user:
        entry = pwd.getpwnam(os_user)
        for path in (root, root / "sock"):
            os.chown(path, entry.pw_uid, entry.pw_gid)
    pg = Postgres(root=root, port=free_port(), bin_dir=bin_dir, os_user=os_user)
    init = subprocess.run(
        pg._cmd(
            str(bin_dir / "initdb"),
            "-D",
            str(pg.data_dir),
            "-U",
            pg.user,
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C",
            "--no-sync",
        ),
        capture_output=True,
        text=True,
        check=False,
    )
    if init.returncode:
        shutil.rmtree(root, ignore_errors=True)
        raise RuntimeError(f"initdb failed ({init.returncode}): {init.stderr.strip() or init.stdout.strip()}")
    options = " ".join(
        [
            f"-p {pg.port}",
            "-c listen_addresses=127.0.0.1",
            f"-c unix_socket_directories={pg.socket_dir}",
            f"-c max_connections={max_connections}",
            "-c fsync=off",
            "-c synchronous_commit=off",
            "-c full_page_writes=off",
        ]
    )
    start = subprocess.run(
        pg._cmd(
            str(bin_dir / "pg_ctl"),
            "-D",
            str(pg.data_dir),
            "-l",
            str(root / "postgres.log"),
            "-o",
            options,
            "-w",
            "start",
        ),
        capture_output=True,
        text=True,
        check=False,
    )
    if start.returncode:
        log = (root / "postgres.log").read_text(errors="replace") if (root / "postgres.log").exists() else ""
        pg.stop()
        raise RuntimeError(f"pg_ctl start failed ({start.returncode}): {start.stderr.strip()}\n{log[-2000:]}")
    _wait_for_port(pg.port, 30)
    return pg


# --- Redis ------------------------------------------------------------------------------------------------------


@dataclass
class Redis:
    """A running redis-server on 127.0.0.1:`port`, no persistence."""

    root: Path
    port: int
    process: subprocess.Popen = field(repr=False)
    host: str = "127.0.0.1"

    def url(self, db: int = 0) -> str:
        return f"redis://{self.host}:{self.port}/{db}"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.root, ignore_errors=True)


def start_redis(base: Path | None = None) -> Redis:
    binary = shutil.which("redis-server")
    if not binary:
        raise ServiceUnavailable(f"redis-server not installed: {REDIS_INSTALL_HINT}")
    root = Path(tempfile.mkdtemp(prefix="news-assets-redis-", dir=base))
    port = free_port()
    log = (root / "redis.log").open("wb")
    process = subprocess.Popen(
        [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", str(root)],
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    log.close()
    redis = Redis(root=root, port=port, process=process)
    try:
        _wait_for_port(port, 15, process)
    except BaseException:
        redis.stop()
        raise
    return redis


# --- S3-compatible storage (moto server mode) ----------------------------------------------------------------


@dataclass
class S3:
    """moto's S3 server on 127.0.0.1:`port` with one bucket; any key pair is accepted."""

    server: object = field(repr=False)
    port: int
    bucket: str
    access_key: str = "testing"
    secret_key: str = "testing"
    region: str = "us-east-1"
    host: str = "127.0.0.1"

    @property
    def endpoint(self) -> str:
        """host:port, as DuckDB's S3 secret takes it (ENDPOINT, with USE_SSL false and URL_STYLE 'path')."""
        return f"{self.host}:{self.port}"

    @property
    def endpoint_url(self) -> str:
        return f"http://{self.endpoint}"

    def client(self):
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint_url,
            aws_access_key_id=self.access_key,
            aws_secret_access_key=self.secret_key,
            region_name=self.region,
        )

    def keys(self, prefix: str = "") -> list[str]:
        paginator = self.client().get_paginator("list_objects_v2")
        return [
            o["Key"] for page in paginator.paginate(Bucket=self.bucket, Prefix=prefix) for o in page.get("Contents", [])
        ]

    def stop(self) -> None:
        self.server.stop()


def start_s3(bucket: str = "news-lake") -> S3:
    try:
        from moto.server import ThreadedMotoServer
    except ImportError as e:
        raise ServiceUnavailable(
            f"moto[server] not installed ({e}): it is in the dev dependencies, run make env"
        ) from e
    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    s3 = S3(server=server, port=port, bucket=bucket)
    try:
        _wait_for_port(port, 15)
        s3.client().create_bucket(Bucket=bucket)
    except BaseException:
        s3.stop()
        raise
    return s3
