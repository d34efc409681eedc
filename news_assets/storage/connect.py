"""Connections for the configured storage mode (see news_assets/storage/__init__.py)."""

from __future__ import annotations

import functools
import importlib.util
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import duckdb
import polars as pl

from news_assets.schemas import TableSchema

DUCKDB = "duckdb"
DUCKLAKE = "ducklake"
MODES = (DUCKDB, DUCKLAKE)

# DuckLake retries a commit that conflicts with a concurrent one (another day of the same table written at the
# same moment): wait RETRY_WAIT_MS, then RETRY_BACKOFF times longer each try. 30 tries sum to about a minute.
RETRY_WAIT_MS = 50
RETRY_BACKOFF = 1.2

DEFAULT_LAKE_NAME = "news"
DEFAULT_RETRIES = 30
DEFAULT_S3_REGION = "us-east-1"

# DuckDB's buffer pool may otherwise grow to 80% of the machine's memory, keeping the blocks of a growing file
# that a write touched: a backfill writing one day at a time into a file of 60 days of 2,000 pages peaked at
# 2.8 GB (0.95 GB at 7 days); with 1GB it peaked at 1.6 GB. With a limit, blocks already in the file are evicted
# and large queries spill to `<file>.tmp`: the peak of a long run is its own working set plus the limit. `NEWS_ASSETS_DUCKDB_MEMORY_LIMIT` sets it (any DuckDB size, e.g. `4GB`; empty: DuckDB's default).
DEFAULT_MEMORY_LIMIT = "512MB"

# DuckDB's checkpoint merges a table's small row groups into full ones (122,880 rows) by rewriting them: a table
# written one day at a time was rewritten whole every few days, so a checkpoint held the range's rows, not one
# day's (a raw.pages write of 300 pages peaked at 214 MB after 3 days, 630 MB after 24). Without these merges a
# day's write stays its own row groups (a day written again drops its old ones whole) and a checkpoint writes only
# what changed: the write's peak is flat over the file's days.
FILE_CONNECTION_CONFIG: dict[str, str | bool | int | float | list[str]] = {
    "custom_user_agent": "news-assets",
    "max_vacuum_tasks": 0,
}

# A DuckDB file takes one writer process: a second one fails fast with an IOException, so wait for the lock.
FILE_LOCK_WAIT_S = 100.0


@dataclass(frozen=True, slots=True)
class StorageConfig:
    """Where the tables live. Only `database` matters in `duckdb` mode; the rest only in `ducklake` mode."""

    mode: str = DUCKDB
    database: str = "data/news.duckdb"
    catalog: str | None = None
    data_path: str | None = None
    lake_name: str = DEFAULT_LAKE_NAME
    max_retries: int = DEFAULT_RETRIES
    s3_endpoint: str | None = None
    s3_key_id: str | None = None
    s3_secret: str | None = None
    s3_region: str = DEFAULT_S3_REGION
    s3_url_style: str | None = None
    memory_limit: str | None = DEFAULT_MEMORY_LIMIT

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ValueError(f"storage mode {self.mode!r}: use one of {', '.join(MODES)} (NEWS_ASSETS_STORAGE)")
        if self.mode == DUCKLAKE:
            if not self.catalog:
                raise ValueError(
                    "ducklake storage needs a PostgreSQL catalog: set NEWS_ASSETS_DUCKLAKE_CATALOG, e.g. "
                    "'host=127.0.0.1 port=5432 user=news dbname=news_lake'"
                )
            if not self.data_path:
                raise ValueError("ducklake storage needs a data path: set NEWS_ASSETS_DUCKLAKE_DATA")
            if not self.lake_name.isidentifier():
                raise ValueError(f"lake name {self.lake_name!r} must be a plain SQL identifier")

    @property
    def is_lake(self) -> bool:
        return self.mode == DUCKLAKE

    @property
    def on_object_storage(self) -> bool:
        return "://" in (self.data_path or "")

    def lake_location(self) -> tuple[str, str]:
        """(catalog, data path) of a lake; both are set in `ducklake` mode (checked when the config is made)."""
        if not self.is_lake or self.catalog is None or self.data_path is None:
            raise ValueError(f"{self.describe()} is not a DuckLake")
        return self.catalog, self.data_path

    def with_(self, **changes) -> StorageConfig:
        return replace(self, **changes)

    def describe(self) -> str:
        """Where the tables are, for logs and metadata (no secrets)."""
        if not self.is_lake:
            return f"DuckDB file {self.database}"
        return f"DuckLake {self.lake_name}: catalog postgres ({_redact(self.catalog)}), data {self.data_path}"


def _redact(catalog: str | None) -> str:
    parts = []
    for part in (catalog or "").split():
        key = part.split("=", 1)[0]
        parts.append(f"{key}=***" if key.lower() == "password" else part)
    text = " ".join(parts)
    if "://" in text and "@" in text:
        scheme, rest = text.split("://", 1)
        creds, host = rest.split("@", 1)
        text = f"{scheme}://{creds.split(':', 1)[0]}@{host}"
    return text


# --- extensions ------------------------------------------------------------------------------------------------


@functools.cache
def _platform() -> str:
    with duckdb.connect(":memory:") as conn:
        row = conn.execute("PRAGMA platform").fetchone()
        assert row is not None
        return str(row[0])


def extension_path(name: str) -> Path:
    """The extension file shipped by the `duckdb-ext-<name>` wheel for this DuckDB version and platform."""
    spec = importlib.util.find_spec("duckdb_ext")
    roots = list(spec.submodule_search_locations) if spec and spec.submodule_search_locations else []
    for root in roots:
        path = Path(root) / "extensions" / f"v{duckdb.__version__}" / _platform() / f"{name}.duckdb_extension"
        if path.exists():
            return path
    package = {"postgres_scanner": "postgres"}.get(name, name)
    raise FileNotFoundError(
        f"DuckDB extension {name!r} for DuckDB {duckdb.__version__} ({_platform()}) is not installed: "
        f"it comes from the package duckdb-ext-{package}=={duckdb.__version__}.* (make env)"
    )


def _literal(text: str) -> str:
    return "'" + str(text).replace("'", "''") + "'"


LAKE_CONNECTION_CONFIG = {
    "allow_unsigned_extensions": True,
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
}


# --- the ATTACH recipe ------------------------------------------------------------------------------------------


def _s3_secret_sql(config: StorageConfig) -> str:
    _, data_path = config.lake_location()
    bucket = urlsplit(data_path).netloc
    scheme = urlsplit(data_path).scheme
    options = ["TYPE s3", f"SCOPE {_literal(f'{scheme}://{bucket}')}", f"REGION {_literal(config.s3_region)}"]
    if config.s3_key_id:
        options.append(f"KEY_ID {_literal(config.s3_key_id)}")
    if config.s3_secret:
        options.append(f"SECRET {_literal(config.s3_secret)}")
    if config.s3_endpoint:
        endpoint = urlsplit(config.s3_endpoint if "://" in config.s3_endpoint else f"https://{config.s3_endpoint}")
        options.append(f"ENDPOINT {_literal(endpoint.netloc)}")
        options.append(f"USE_SSL {'true' if endpoint.scheme == 'https' else 'false'}")
        options.append(f"URL_STYLE {_literal(config.s3_url_style or 'path')}")
    elif config.s3_url_style:
        options.append(f"URL_STYLE {_literal(config.s3_url_style)}")
    return f"CREATE OR REPLACE SECRET news_assets_s3 ({', '.join(options)})"


def attach_statements(
    config: StorageConfig, *, read_only: bool = False, extension_dir: Path | None = None
) -> list[str]:
    """The SQL that makes a plain DuckDB session see the lake as its default database.

    `extension_dir`: where to LOAD the extension files from (default: the wheels of this environment).
    """
    if not config.is_lake:
        raise ValueError("attach_statements is for ducklake storage")
    catalog, data_path = config.lake_location()
    names = ["postgres_scanner", "ducklake"] + (["httpfs"] if config.on_object_storage else [])
    loads = [
        f"LOAD {_literal(str(extension_dir / f'{n}.duckdb_extension' if extension_dir else extension_path(n)))}"
        for n in names
    ]
    data_path = data_path if data_path.endswith("/") else data_path + "/"
    options = [f"DATA_PATH {_literal(data_path)}"]
    if read_only:
        options.append("READ_ONLY")
    statements = [*loads]
    if config.on_object_storage:
        statements.append(_s3_secret_sql(config))
    if not read_only:
        statements += [
            f"SET ducklake_max_retry_count = {int(config.max_retries)}",
            f"SET ducklake_retry_wait_ms = {RETRY_WAIT_MS}",
            f"SET ducklake_retry_backoff = {RETRY_BACKOFF}",
        ]
    statements += [
        f"ATTACH {_literal('ducklake:postgres:' + catalog)} AS {config.lake_name} ({', '.join(options)})",
        f"USE {config.lake_name}",
    ]
    return statements


def cli_script(config: StorageConfig, *, read_only: bool = True) -> str:
    """The statements for the DuckDB CLI (`duckdb -cmd "$(python -m news_assets.storage)"`), one per line."""
    return "".join(f"{s};\n" for s in attach_statements(config, read_only=read_only))


# --- connections ------------------------------------------------------------------------------------------------


def connect(config: StorageConfig, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A connection whose default database holds the project's schemas, tables and views.

    `duckdb` mode: the file; a writer waits up to FILE_LOCK_WAIT_S for another process's lock. `ducklake` mode:
    an in-memory session with the lake attached (`read_only` attaches it READ_ONLY).
    """
    if not config.is_lake:
        return _connect_file(config.database, read_only=read_only, memory_limit=config.memory_limit)
    if not config.on_object_storage:
        Path(config.lake_location()[1]).mkdir(parents=True, exist_ok=True)
    conn = duckdb.connect(":memory:", config={"custom_user_agent": "news-assets", **LAKE_CONNECTION_CONFIG})
    try:
        for statement in attach_statements(config, read_only=read_only):
            if statement.startswith("ATTACH"):
                _attach(conn, statement)
            else:
                conn.execute(statement)
    except BaseException:
        conn.close()
        raise
    return conn


def _attach(conn: duckdb.DuckDBPyConnection, statement: str, attempts: int = 20) -> None:
    """ATTACH; on an empty catalog the first ATTACH creates DuckLake's tables, and processes attaching at the same
    moment race to create them: the losers fail ("relation ... already exists") and succeed on a retry."""
    for attempt in range(attempts):
        try:
            conn.execute(statement)
            return
        except duckdb.Error as e:
            if "initialize DuckLake" not in str(e) or attempt == attempts - 1:
                raise
            time.sleep(0.1 * (attempt + 1))


def _connect_file(database: str, *, read_only: bool, memory_limit: str | None = None) -> duckdb.DuckDBPyConnection:
    deadline = time.monotonic() + FILE_LOCK_WAIT_S
    wait = 0.05
    options = dict(FILE_CONNECTION_CONFIG)
    if memory_limit:
        options["memory_limit"] = memory_limit
    while True:
        try:
            return duckdb.connect(database, read_only=read_only, config=options)
        except (duckdb.IOException, RuntimeError):
            # Another process holds the file's lock; a writer's transaction is short, so wait and retry.
            if time.monotonic() > deadline:
                raise
            time.sleep(wait)
            wait = min(wait * 2, 2.0)


def table_exists(conn: duckdb.DuckDBPyConnection, table: TableSchema) -> bool:
    found = conn.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = ? AND table_name = ?",
        [table.schema, table.table],
    ).fetchone()
    return bool(found and found[0])


def select_days(
    conn: duckdb.DuckDBPyConnection, table: TableSchema, columns: Sequence[str], first: date, last: date
) -> pl.DataFrame:
    """`columns` of the table's rows of the days first … last, typed as the schema says; no rows when the table
    does not exist yet."""
    if not table_exists(conn, table):
        return table.empty().select(columns)
    selected = ", ".join(f'"{c}"' for c in columns)
    frame = conn.execute(
        f"SELECT {selected} FROM {table.qualified_name} WHERE news_date BETWEEN ? AND ?", [first, last]
    ).pl()
    return frame.cast({c: table.polars_schema[c] for c in columns})


def ensure_tables(conn: duckdb.DuckDBPyConnection, *tables: TableSchema, attempts: int = 10) -> None:
    """CREATE SCHEMA/TABLE IF NOT EXISTS for each table, committed on their own: two DuckLake writers creating the
    same schema at once conflict, and the loser retries and then finds it there."""
    for attempt in range(attempts):
        try:
            for table in tables:
                conn.execute(f"CREATE SCHEMA IF NOT EXISTS {table.schema}")
                conn.execute(table.create_sql())
            return
        except duckdb.TransactionException:
            if attempt == attempts - 1:
                raise
            time.sleep(0.05 * (attempt + 1))


@contextmanager
def transaction(conn: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """BEGIN … COMMIT, rolled back when the block raises: readers see all of it or none of it."""
    conn.begin()
    try:
        yield conn
    except BaseException:
        conn.rollback()
        raise
    conn.commit()


@contextmanager
def connection(config: StorageConfig, *, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    conn = connect(config, read_only=read_only)
    try:
        yield conn
    finally:
        conn.close()
