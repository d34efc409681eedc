"""The storage resource: the one description of where the tables live, for the IO manager, SQL assets and checks.

Values that came from the environment are passed as `dg.EnvVar`, so the UI shows a secret's variable name, not
its value.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import dagster as dg
import duckdb
from pydantic import Field

from news_assets.settings import SECRET_FIELDS, Settings
from news_assets.storage import (
    DEFAULT_LAKE_NAME,
    DEFAULT_MEMORY_LIMIT,
    DEFAULT_RETRIES,
    DEFAULT_S3_REGION,
    DUCKDB,
    StorageConfig,
    connection,
    transaction,
)


class NewsStorage(dg.ConfigurableResource):
    """Where the tables live: the DuckDB file `database`, or a DuckLake (`mode: ducklake`, docs/ducklake.md)."""

    mode: str = Field(default=DUCKDB, description="`duckdb` (the file `database`) or `ducklake`")
    database: str = Field(description="DuckDB file (mode `duckdb`); its read copy is `<name>-read.duckdb`")
    ducklake_catalog: str | None = Field(default=None, description="PostgreSQL catalog (libpq string or URL)")
    ducklake_data: str | None = Field(default=None, description="Folder or s3://bucket/prefix/ for Parquet files")
    ducklake_name: str = Field(default=DEFAULT_LAKE_NAME, description="Name the lake is attached as")
    ducklake_retries: int = Field(default=DEFAULT_RETRIES, description="DuckLake commit retries on conflicts")
    s3_endpoint: str | None = Field(default=None, description="S3-compatible endpoint, e.g. http://host:9000")
    s3_key_id: str | None = Field(default=None, description="S3 access key id")
    s3_secret: str | None = Field(default=None, description="S3 secret access key")
    s3_region: str = Field(default=DEFAULT_S3_REGION, description="S3 region")
    s3_url_style: str | None = Field(default=None, description="`path` or `vhost` (default path with an endpoint)")
    duckdb_memory_limit: str | None = Field(
        default=DEFAULT_MEMORY_LIMIT, description="DuckDB file's buffer pool limit, e.g. `1GB` (None: DuckDB's 80%)"
    )

    @classmethod
    def from_settings(cls, settings: Settings) -> NewsStorage:
        config = settings.storage_config
        values: dict[str, object] = {
            "mode": config.mode,
            "database": config.database,
            "ducklake_catalog": config.catalog,
            "ducklake_data": config.data_path,
            "ducklake_name": config.lake_name,
            "ducklake_retries": config.max_retries,
            "duckdb_memory_limit": config.memory_limit,
            "s3_endpoint": config.s3_endpoint,
            "s3_key_id": config.s3_key_id,
            "s3_secret": config.s3_secret,
            "s3_region": config.s3_region,
            "s3_url_style": config.s3_url_style,
        }
        resource_field = {"catalog": "ducklake_catalog"}
        for secret in SECRET_FIELDS:
            env_name = settings.storage_env.get(secret)
            if env_name:
                values[resource_field.get(secret, secret)] = dg.EnvVar(env_name)
        return cls(**values)  # type: ignore[arg-type]

    def config(self) -> StorageConfig:
        return StorageConfig(
            mode=self.mode,
            database=self.database,
            catalog=self.ducklake_catalog,
            data_path=self.ducklake_data,
            lake_name=self.ducklake_name,
            max_retries=self.ducklake_retries,
            s3_endpoint=self.s3_endpoint,
            s3_key_id=self.s3_key_id,
            s3_secret=self.s3_secret,
            s3_region=self.s3_region,
            s3_url_style=self.s3_url_style,
            memory_limit=self.duckdb_memory_limit,
        )

    @contextmanager
    def connection(self, *, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        with connection(self.config(), read_only=read_only) as conn:
            yield conn

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection inside BEGIN … COMMIT, rolled back when the block raises."""
        with self.connection() as conn, transaction(conn):
            yield conn
