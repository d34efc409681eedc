"""What a deployment chooses: where the data lives, the first partition, the sources, storage and executor.

`Settings` is a plain value given to `news_assets.definitions.build_definitions`; nothing in the package reads
the environment at import. `Settings.from_env()` is the one place the environment is read, when Dagster loads
the code location (`news_assets.definitions.defs`), so these variables configure a deployment:

NEWS_ASSETS_HOME         the folder user data lives under (default: the working directory); the defaults below
                         are `<home>/data/...`, never inside the installed package
NEWS_ASSETS_DB           DuckDB file (default: <home>/data/news.duckdb)
NEWS_ASSETS_LANDING      landing folder with <YYYY-MM-DD>/manifest.csv days (default: <home>/data/landing)
NEWS_ASSETS_START_DATE   first daily partition, KST (default: 2025-01-01)
NEWS_ASSETS_SOURCES      YAML file choosing the sources (landing, WARC, HTTP); unset: the landing folder alone
NEWS_ASSETS_GAZETTEER    extra gazetteer folders (os.pathsep-separated), loaded after the package's own
NEWS_ASSETS_EXECUTOR     `in_process` (default) or `celery` (the `scale` profile, docs/scaling.md)
NEWS_ASSETS_KIWI_WORKERS Kiwi's tokenizer threads (default: the CPU count, at most 8)

Storage (see docs/ducklake.md). The default is the single DuckDB file above; `ducklake` keeps the same schemas
and tables in a DuckLake: catalog in PostgreSQL, data as Parquet files in a folder or S3-compatible storage.

NEWS_ASSETS_STORAGE            `duckdb` (default) or `ducklake`
NEWS_ASSETS_DUCKDB_MEMORY_LIMIT duckdb: the file's buffer pool limit (default `512MB`; empty: DuckDB's own, 80% of
                               the machine's memory); blocks already in the file are evicted, large queries spill
NEWS_ASSETS_DUCKLAKE_CATALOG   ducklake: the PostgreSQL catalog as a libpq string or URL, e.g.
                               `host=db.internal port=5432 user=news dbname=news_lake` or
                               `postgresql://news@db.internal:5432/news_lake` (password: PGPASSWORD or ~/.pgpass)
NEWS_ASSETS_DUCKLAKE_DATA      ducklake: where the Parquet files go, a folder or `s3://bucket/prefix/`
                               (default: <home>/data/lake/)
NEWS_ASSETS_DUCKLAKE_NAME      ducklake: the name the lake is attached as (default: `news`)
NEWS_ASSETS_DUCKLAKE_RETRIES   ducklake: commit retries on a conflict with a concurrent writer (default: 30, about
                               a minute of waiting, growing 1.2× per try)
NEWS_ASSETS_S3_ENDPOINT        S3-compatible endpoint, e.g. `http://127.0.0.1:9000` (unset: AWS S3)
NEWS_ASSETS_S3_KEY_ID          access key id (falls back to AWS_ACCESS_KEY_ID)
NEWS_ASSETS_S3_SECRET          secret access key (falls back to AWS_SECRET_ACCESS_KEY)
NEWS_ASSETS_S3_REGION          region (falls back to AWS_REGION, then `us-east-1`)
NEWS_ASSETS_S3_URL_STYLE       `path` (default when an endpoint is set: MinIO, moto, Ceph) or `vhost`
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from news_assets.storage import (
    DEFAULT_LAKE_NAME,
    DEFAULT_MEMORY_LIMIT,
    DEFAULT_RETRIES,
    DEFAULT_S3_REGION,
    DUCKDB,
    StorageConfig,
)

DEFAULT_START_DATE = "2025-01-01"
EXECUTORS = ("in_process", "celery")

# Storage values that are secrets: when they come from the environment, the Dagster resources get them as
# `dg.EnvVar(name)`, so the UI shows the variable's name, never its value.
SECRET_FIELDS = ("catalog", "s3_key_id", "s3_secret")


def home(environ: Mapping[str, str] | None = None) -> Path:
    """NEWS_ASSETS_HOME, else the working directory: the root of every default path."""
    environ = os.environ if environ is None else environ
    return Path(environ.get("NEWS_ASSETS_HOME") or Path.cwd()).resolve()


@dataclass(frozen=True, slots=True)
class Settings:
    database: Path
    landing: Path
    start_date: str = DEFAULT_START_DATE
    sources_file: Path | None = None
    storage: StorageConfig | None = None
    gazetteer_dirs: tuple[Path, ...] = ()
    executor: str = "in_process"
    kiwi_workers: int | None = None
    # StorageConfig field → the environment variable it was read from (for EnvVar, see SECRET_FIELDS).
    storage_env: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.executor not in EXECUTORS:
            raise ValueError(f"executor {self.executor!r}: use one of {', '.join(EXECUTORS)} (NEWS_ASSETS_EXECUTOR)")

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        environ = os.environ if environ is None else environ
        data = home(environ) / "data"
        database = Path(environ.get("NEWS_ASSETS_DB") or data / "news.duckdb").resolve()
        storage, storage_env = storage_from_env(database, data, environ)
        sources = environ.get("NEWS_ASSETS_SOURCES")
        gazetteers = environ.get("NEWS_ASSETS_GAZETTEER", "")
        kiwi_workers = (environ.get("NEWS_ASSETS_KIWI_WORKERS") or "").strip()
        return cls(
            database=database,
            landing=Path(environ.get("NEWS_ASSETS_LANDING") or data / "landing").resolve(),
            start_date=environ.get("NEWS_ASSETS_START_DATE") or DEFAULT_START_DATE,
            sources_file=Path(sources).resolve() if sources else None,
            storage=storage,
            gazetteer_dirs=tuple(Path(p).resolve() for p in gazetteers.split(os.pathsep) if p.strip()),
            executor=(environ.get("NEWS_ASSETS_EXECUTOR") or "in_process").strip().lower(),
            kiwi_workers=max(1, int(kiwi_workers)) if kiwi_workers else None,
            storage_env=storage_env,
        )

    @property
    def storage_config(self) -> StorageConfig:
        """The storage to use: the one given, else the DuckDB file `database`."""
        return self.storage or StorageConfig(database=str(self.database))


def storage_from_env(database: Path, data: Path, environ: Mapping[str, str]) -> tuple[StorageConfig, dict[str, str]]:
    """The storage the NEWS_ASSETS_STORAGE / _DUCKLAKE_ / _S3_ variables describe (see the module docstring),
    and which variable each value came from."""
    origin: dict[str, str] = {}

    def pick(field_name: str, *names: str) -> str | None:
        for name in names:
            if environ.get(name):
                origin[field_name] = name
                return environ[name]
        return None

    data_path = pick("data_path", "NEWS_ASSETS_DUCKLAKE_DATA") or str(data / "lake")
    if not data_path.startswith(("s3://", "gs://", "r2://", "az://")):
        data_path = str(Path(data_path).resolve())
    config = StorageConfig(
        mode=(pick("mode", "NEWS_ASSETS_STORAGE") or DUCKDB).strip().lower(),
        database=str(database),
        catalog=pick("catalog", "NEWS_ASSETS_DUCKLAKE_CATALOG"),
        data_path=data_path,
        lake_name=pick("lake_name", "NEWS_ASSETS_DUCKLAKE_NAME") or DEFAULT_LAKE_NAME,
        max_retries=int(pick("max_retries", "NEWS_ASSETS_DUCKLAKE_RETRIES") or DEFAULT_RETRIES),
        s3_endpoint=pick("s3_endpoint", "NEWS_ASSETS_S3_ENDPOINT", "AWS_ENDPOINT_URL"),
        s3_key_id=pick("s3_key_id", "NEWS_ASSETS_S3_KEY_ID", "AWS_ACCESS_KEY_ID"),
        s3_secret=pick("s3_secret", "NEWS_ASSETS_S3_SECRET", "AWS_SECRET_ACCESS_KEY"),
        s3_region=pick("s3_region", "NEWS_ASSETS_S3_REGION", "AWS_REGION", "AWS_DEFAULT_REGION") or DEFAULT_S3_REGION,
        s3_url_style=pick("s3_url_style", "NEWS_ASSETS_S3_URL_STYLE"),
        memory_limit=environ.get("NEWS_ASSETS_DUCKDB_MEMORY_LIMIT", DEFAULT_MEMORY_LIMIT).strip() or None,
    )
    return config, origin
