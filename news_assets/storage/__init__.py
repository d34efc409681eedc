"""Where the tables live: one DuckDB file (the default) or a DuckLake, and one way to connect to either.

Pure code, no Dagster: the IO manager, the SQL assets, the checks, the demo and the tests all connect through
`connect(config)`, so every reader and writer sees the same tables whatever the mode.

- `duckdb`: the file `config.database`. One writer process at a time; a writer waits for the file lock.
- `ducklake`: an in-memory DuckDB with the DuckLake catalog attached and made the default database (`USE`), so
  `raw.pages`, `daily.entity_counts`, the views … resolve exactly as in the file. The catalog is a PostgreSQL
  database, the data are Parquet files in a folder or S3-compatible storage. Several processes on several
  machines may read and write at once: each transaction commits a snapshot; a reader sees whole snapshots only;
  conflicting commits are retried by DuckLake itself (`ducklake_max_retry_count`).

The extensions (ducklake, postgres_scanner, httpfs) load offline from the `duckdb-ext-*` wheels in the
environment, never from the network: `allow_unsigned_extensions`, autoinstall and autoload off.
"""

from news_assets.storage.connect import (
    DEFAULT_LAKE_NAME,
    DEFAULT_MEMORY_LIMIT,
    DEFAULT_RETRIES,
    DEFAULT_S3_REGION,
    DUCKDB,
    DUCKLAKE,
    MODES,
    StorageConfig,
    attach_statements,
    cli_script,
    connect,
    connection,
    ensure_tables,
    extension_path,
    select_days,
    table_exists,
    transaction,
)

__all__ = [
    "DEFAULT_LAKE_NAME",
    "DEFAULT_MEMORY_LIMIT",
    "DEFAULT_RETRIES",
    "DEFAULT_S3_REGION",
    "DUCKDB",
    "DUCKLAKE",
    "MODES",
    "StorageConfig",
    "attach_statements",
    "cli_script",
    "connect",
    "connection",
    "ensure_tables",
    "extension_path",
    "select_days",
    "table_exists",
    "transaction",
]
