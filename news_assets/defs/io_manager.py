"""DuckDB IO manager: dagster-duckdb-polars' manager, made safe for re-runs, crashes and DuckDB 1.4+.

What differs from the stock `DuckDBPolarsIOManager`, and why:
- the day's delete and insert run in one transaction, so a crash mid-write leaves the old rows, never half;
- tables are created from `news_assets.schemas` and rows inserted BY NAME: the stock handler inserts
  positionally and infers types from the first frame, so one reordered frame would corrupt a table;
- inputs load with `.pl()`: the stock loader calls `connection.arrow()`, which DuckDB 2 removed;
- an empty frame still creates its table, so a downstream asset never fails on a day with no rows.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import duckdb
import polars as pl
from dagster import InputContext, OutputContext
from dagster._core.storage.db_io_manager import DbIOManager, DbTypeHandler, TableSlice
from dagster._utils.backoff import backoff
from dagster_duckdb.io_manager import DuckDbClient, DuckDBIOManager, _get_cleanup_statement
from pydantic import Field

from news_assets.publish import needs_publishing, publish_snapshot, snapshot_path
from news_assets.schemas import BY_NAME, TableSchema


def table_for(table_slice: TableSlice) -> TableSchema:
    qualified = f"{table_slice.schema}.{table_slice.table}"
    try:
        return BY_NAME[qualified]
    except KeyError:
        raise KeyError(f"{qualified} has no schema in news_assets.schemas") from None


class TransactionalDuckDbClient(DuckDbClient):
    @staticmethod
    @contextmanager
    def connect(context, _table_slice) -> Iterator[duckdb.DuckDBPyConnection]:
        config = {"custom_user_agent": "news-assets", **context.resource_config["connection_config"]}
        # Another process may hold the file's write lock; DuckDB fails fast, so wait for it with backoff.
        conn = backoff(
            fn=duckdb.connect,
            retry_on=(RuntimeError, duckdb.IOException),
            kwargs={"database": context.resource_config["database"], "read_only": False, "config": config},
            max_retries=10,
        )
        try:
            conn.begin()
            yield conn
            conn.commit()
        except BaseException:
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


class NewsDuckDBIOManager(DuckDBIOManager):
    """Stores every asset as the DuckDB table `<key prefix>.<asset name>`, one day's rows replaced at a time.

    After a run that changed the database, publishes the read-only copy people query (see news_assets.publish).
    """

    publish_read_copy: bool = Field(
        default=True, description="After each run that wrote, publish `<database>-read.duckdb` for readers."
    )

    def teardown_after_execution(self, context) -> None:
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
        return DbIOManager(
            db_client=TransactionalDuckDbClient(),
            database=self.database,
            schema=self.schema_,
            type_handlers=self.type_handlers(),
            default_load_type=self.default_load_type(),
            io_manager_name="NewsDuckDBIOManager",
        )
