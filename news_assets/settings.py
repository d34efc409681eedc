"""Where things live, overridable by environment variables so one checkout serves demo, tests and deployments.

NEWS_ASSETS_DB           DuckDB file (default: data/news.duckdb in the checkout)
NEWS_ASSETS_LANDING      landing folder with <YYYY-MM-DD>/manifest.csv days (default: data/landing)
NEWS_ASSETS_START_DATE   first daily partition, KST (default: 2025-01-01)
NEWS_ASSETS_SOURCES      YAML file choosing the sources (landing, WARC, HTTP); unset: the landing folder alone

Storage (see docs/ducklake.md). The default is the single DuckDB file above; `ducklake` keeps the same schemas
and tables in a DuckLake: catalog in PostgreSQL, data as Parquet files in a folder or S3-compatible storage.

NEWS_ASSETS_STORAGE            `duckdb` (default) or `ducklake`
NEWS_ASSETS_DUCKLAKE_CATALOG   ducklake: the PostgreSQL catalog as a libpq string or URL, e.g.
                               `host=db.internal port=5432 user=news dbname=news_lake` or
                               `postgresql://news@db.internal:5432/news_lake` (password: PGPASSWORD or ~/.pgpass)
NEWS_ASSETS_DUCKLAKE_DATA      ducklake: where the Parquet files go, a folder or `s3://bucket/prefix/`
                               (default: data/lake/ in the checkout)
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
from dataclasses import dataclass
from pathlib import Path

from news_assets.storage import StorageConfig

REPO_ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = REPO_ROOT / "data"
SAMPLE_DIR = DATA_DIR / "sample"


def _env(*names: str, default: str | None = None) -> str | None:
    for name in names:
        if os.environ.get(name):
            return os.environ[name]
    return default


@dataclass(frozen=True, slots=True)
class Settings:
    database: Path
    landing: Path
    start_date: str
    sources_file: Path | None = None
    storage: StorageConfig | None = None

    @classmethod
    def from_env(cls) -> Settings:
        database = Path(os.environ.get("NEWS_ASSETS_DB", DATA_DIR / "news.duckdb")).resolve()
        return cls(
            database=database,
            landing=Path(os.environ.get("NEWS_ASSETS_LANDING", DATA_DIR / "landing")).resolve(),
            start_date=os.environ.get("NEWS_ASSETS_START_DATE", "2025-01-01"),
            sources_file=Path(os.environ["NEWS_ASSETS_SOURCES"]).resolve()
            if os.environ.get("NEWS_ASSETS_SOURCES")
            else None,
            storage=storage_from_env(database),
        )

    @property
    def storage_config(self) -> StorageConfig:
        """The storage to use: the one given, else the DuckDB file `database`."""
        return self.storage or StorageConfig(database=str(self.database))


def storage_from_env(database: Path) -> StorageConfig:
    """The storage the NEWS_ASSETS_STORAGE / _DUCKLAKE_ / _S3_ variables describe (see the module docstring)."""
    mode = _env("NEWS_ASSETS_STORAGE", default="duckdb").strip().lower()
    data = _env("NEWS_ASSETS_DUCKLAKE_DATA", default=str(DATA_DIR / "lake"))
    if not data.startswith(("s3://", "gs://", "r2://", "az://")):
        data = str(Path(data).resolve())
    return StorageConfig(
        mode=mode,
        database=str(database),
        catalog=_env("NEWS_ASSETS_DUCKLAKE_CATALOG"),
        data_path=data,
        lake_name=_env("NEWS_ASSETS_DUCKLAKE_NAME", default="news"),
        max_retries=int(_env("NEWS_ASSETS_DUCKLAKE_RETRIES", default="30")),
        s3_endpoint=_env("NEWS_ASSETS_S3_ENDPOINT", "AWS_ENDPOINT_URL"),
        s3_key_id=_env("NEWS_ASSETS_S3_KEY_ID", "AWS_ACCESS_KEY_ID"),
        s3_secret=_env("NEWS_ASSETS_S3_SECRET", "AWS_SECRET_ACCESS_KEY"),
        s3_region=_env("NEWS_ASSETS_S3_REGION", "AWS_REGION", "AWS_DEFAULT_REGION", default="us-east-1"),
        s3_url_style=_env("NEWS_ASSETS_S3_URL_STYLE"),
    )
