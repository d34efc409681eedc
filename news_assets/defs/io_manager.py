"""DuckDB IO manager: dagster-duckdb-polars' manager, made safe for re-runs, crashes and DuckDB 1.4+, on either
storage mode (one DuckDB file, or a DuckLake: see news_assets.storage).

What differs from the stock `DuckDBPolarsIOManager`, and why:
- the day's delete and insert run in one transaction, so a crash mid-write leaves the old rows, never half,
  and a DuckLake reader never sees the day empty or partial (the stock manager commits them separately);
- tables are created from `news_assets.schemas` and rows inserted BY NAME: the stock handler inserts
  positionally and infers types from the first frame, so one reordered frame would corrupt a table;
- inputs load with `.pl()`: the stock loader calls `connection.arrow()`, which DuckDB 2 removed;
- an empty frame still creates its table, so a downstream asset never fails on a day with no rows;
- connections come from `news_assets.storage.connect`: the file (waiting for another writer's lock), or the
  lake attached offline with DuckLake's commit retries raised. In DuckLake mode the schema and table are
  created in their own short transaction before the day's, and a day whose commit still conflicts after
  DuckLake's retries is written again from the start (the frame is in memory).
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import duckdb
import polars as pl
from dagster import InputContext, OutputContext
from dagster._core.storage.db_io_manager import DbIOManager, DbTypeHandler, TableSlice
from dagster_duckdb.io_manager import DuckDbClient, DuckDBIOManager, _get_cleanup_statement
from pydantic import Field

from news_assets.publish import needs_publishing, publish_snapshot, snapshot_path
from news_assets.schemas import BY_NAME, TableSchema
from news_assets.storage import DUCKDB, StorageConfig, connect

# A day whose DuckLake commit still conflicts after DuckLake's own retries is written again this many times.
WRITE_ATTEMPTS = 3


def table_for(table_slice: TableSlice) -> TableSchema:
    qualified = f"{table_slice.schema}.{table_slice.table}"
    try:
        return BY_NAME[qualified]
    except KeyError:
        raise KeyError(f"{qualified} has no schema in news_assets.schemas") from None


class StorageFields:
    """The storage settings shared by the IO manager and the `duckdb` resource (see news_assets.settings)."""

    storage: str = Field(default=DUCKDB, description="`duckdb` (the file `database`) or `ducklake`")
    ducklake_catalog: str | None = Field(default=None, description="PostgreSQL catalog (libpq string or URL)")
    ducklake_data: str | None = Field(default=None, description="Folder or s3://bucket/prefix/ for Parquet files")
    ducklake_name: str = Field(default="news", description="Name the lake is attached as")
    ducklake_retries: int = Field(default=30, description="DuckLake commit retries on conflicts")
    s3_endpoint: str | None = Field(default=None, description="S3-compatible endpoint, e.g. http://host:9000")
    s3_key_id: str | None = Field(default=None, description="S3 access key id")
    s3_secret: str | None = Field(default=None, description="S3 secret access key")
    s3_region: str = Field(default="us-east-1", description="S3 region")
    s3_url_style: str | None = Field(default=None, description="`path` or `vhost` (default path with an endpoint)")


def storage_config(values: Mapping[str, Any]) -> StorageConfig:
    """A StorageConfig from the resource config (the fields of StorageFields plus `database`)."""
    return StorageConfig(
        mode=values.get("storage") or DUCKDB,
        database=values["database"],
        catalog=values.get("ducklake_catalog"),
        data_path=values.get("ducklake_data"),
        lake_name=values.get("ducklake_name") or "news",
        max_retries=values.get("ducklake_retries") or 30,
        s3_endpoint=values.get("s3_endpoint"),
        s3_key_id=values.get("s3_key_id"),
        s3_secret=values.get("s3_secret"),
        s3_region=values.get("s3_region") or "us-east-1",
        s3_url_style=values.get("s3_url_style"),
    )


def storage_fields(config: StorageConfig) -> dict[str, Any]:
    """The resource fields for a StorageConfig (the inverse of storage_config)."""
    return {
        "database": config.database,
        "storage": config.mode,
        "ducklake_catalog": config.catalog,
        "ducklake_data": config.data_path,
        "ducklake_name": config.lake_name,
        "ducklake_retries": config.max_retries,
        "s3_endpoint": config.s3_endpoint,
        "s3_key_id": config.s3_key_id,
        "s3_secret": config.s3_secret,
        "s3_region": config.s3_region,
        "s3_url_style": config.s3_url_style,
    }


def _ensure_table(conn: duckdb.DuckDBPyConnection, table: TableSchema) -> None:
    """CREATE SCHEMA/TABLE IF NOT EXISTS in their own commits. Two lake writers creating the same schema at once
    conflict; the loser retries, and then finds it there."""
    for attempt in range(10):
        try:
            conn.execute(f"CREATE SCHEMA IF NOT EXISTS {table.schema}")
            conn.execute(table.create_sql())
            return
        except duckdb.TransactionException:
            if attempt == 9:
                raise
            time.sleep(0.05 * (attempt + 1))


class TransactionalDuckDbClient(DuckDbClient):
    @staticmethod
    @contextmanager
    def connect(context, table_slice) -> Iterator[duckdb.DuckDBPyConnection]:
        config = storage_config(context.resource_config)
        conn = connect(config)
        try:
            if config.is_lake and isinstance(context, OutputContext):
                _ensure_table(conn, table_for(table_slice))
            conn.begin()
            yield conn
            conn.commit()
        except BaseException:
            # A failed COMMIT has already ended the transaction; nothing is left to roll back then.
            with suppress(duckdb.Error):
                conn.rollback()
            raise
        finally:
            conn.close()

    @staticmethod
    def ensure_schema_exists(context: OutputContext, table_slice: TableSlice, connection) -> None:
        connection.execute(f"CREATE SCHEMA IF NOT EXISTS {table_slice.schema}")
        connection.execute(table_for(table_slice).create_sql())

    @staticmethod
    def delete_table_slice(context: OutputContext, table_slice: TableSlice, connection) -> None:
        # The table exists (ensure_schema_exists ran first); catching a CatalogException here, as the stock
        # client does, would abort the surrounding transaction.
        connection.execute(_get_cleanup_statement(table_slice))


class SchemaPolarsTypeHandler(DbTypeHandler[pl.DataFrame]):
    def handle_output(self, context: OutputContext, table_slice: TableSlice, obj: pl.DataFrame, connection):
        table = table_for(table_slice)
        frame = obj.select(table.names)
        if frame.height:
            connection.register("_news_assets_frame", frame.to_arrow())
            try:
                connection.execute(f"INSERT INTO {table.qualified_name} BY NAME SELECT * FROM _news_assets_frame")
            finally:
                connection.unregister("_news_assets_frame")
        return {"row_count": frame.height}

    def load_input(self, context: InputContext, table_slice: TableSlice, connection) -> pl.DataFrame:
        table = table_for(table_slice)
        if table_slice.partition_dimensions and not context.asset_partition_keys:
            return table.empty()
        frame = connection.execute(DuckDbClient.get_select_statement(table_slice)).pl()
        if table_slice.columns:
            return frame
        return frame.select(table.names).cast(table.polars_schema)

    @property
    def supported_types(self):
        return [pl.DataFrame]


class RetryingDbIOManager(DbIOManager):
    """Writes the day again when a DuckLake commit conflicts after DuckLake's own retries (lake mode only: a
    DuckDB file has one writer at a time and never conflicts)."""

    def __init__(self, *, attempts: int, **kwargs):
        super().__init__(**kwargs)
        self._attempts = attempts

    def handle_output(self, context: OutputContext, obj: object) -> None:
        for attempt in range(1, self._attempts + 1):
            try:
                return super().handle_output(context, obj)
            except duckdb.TransactionException as e:
                if attempt == self._attempts:
                    raise
                context.log.warning(f"DuckLake commit conflict, writing the day again ({attempt}): {e}")
                time.sleep(random.uniform(0.2, 1.0) * attempt)


class NewsDuckDBIOManager(StorageFields, DuckDBIOManager):
    """Stores every asset as the table `<key prefix>.<asset name>`, one day's rows replaced at a time.

    File mode: after a run that changed the database, publishes the read-only copy people query (see
    news_assets.publish). DuckLake mode: readers query the lake itself, so there is no copy.
    """

    publish_read_copy: bool = Field(
        default=True, description="File mode: after each run that wrote, publish `<database>-read.duckdb`."
    )

    def storage_config(self) -> StorageConfig:
        return storage_config({**self.__dict__, "database": self.database})

    def teardown_after_execution(self, context) -> None:
        if self.storage != DUCKDB:
            return
        database = Path(self.database)
        if self.publish_read_copy and needs_publishing(database, snapshot_path(database)):
            publish_snapshot(database)

    @staticmethod
    def type_handlers() -> Sequence[DbTypeHandler]:
        return [SchemaPolarsTypeHandler()]

    @staticmethod
    def default_load_type() -> type | None:
        return pl.DataFrame

    def create_io_manager(self, context) -> DbIOManager:
        return RetryingDbIOManager(
            attempts=WRITE_ATTEMPTS if self.storage != DUCKDB else 1,
            db_client=TransactionalDuckDbClient(),
            database=self.database,
            schema=self.schema_,
            type_handlers=self.type_handlers(),
            default_load_type=self.default_load_type(),
            io_manager_name="NewsDuckDBIOManager",
        )
