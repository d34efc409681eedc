"""Helpers for the DuckLake tests: settings and environment for a lake in the session's PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from news_assets.settings import Settings
from news_assets.storage import StorageConfig
from tests.paths import REPO_ROOT


def lake_settings(pg, dbname: str, root: Path, landing: Path, *, data: str | None = None, s3=None) -> Settings:
    """Settings for a lake whose catalog is database `dbname` of `pg` and data under `root/data` (or `data`)."""
    storage = StorageConfig(
        mode="ducklake",
        database=str(root / "unused.duckdb"),
        catalog=pg.libpq(dbname),
        data_path=data or str(root / "data"),
        s3_endpoint=s3.endpoint_url if s3 else None,
        s3_key_id=s3.access_key if s3 else None,
        s3_secret=s3.secret_key if s3 else None,
        s3_region=s3.region if s3 else "us-east-1",
    )
    return Settings(database=root / "unused.duckdb", landing=landing, start_date="2026-11-01", storage=storage)


def lake_env(settings: Settings) -> dict[str, str]:
    """The NEWS_ASSETS_* variables that make Settings.from_env() in another process equal `settings`."""
    s = settings.storage_config
    env = {
        "NEWS_ASSETS_DB": str(settings.database),
        "NEWS_ASSETS_LANDING": str(settings.landing),
        "NEWS_ASSETS_START_DATE": settings.start_date,
        "NEWS_ASSETS_STORAGE": s.mode,
        "NEWS_ASSETS_DUCKLAKE_CATALOG": s.catalog or "",
        "NEWS_ASSETS_DUCKLAKE_DATA": s.data_path or "",
        "NEWS_ASSETS_DUCKLAKE_NAME": s.lake_name,
    }
    for name, value in (
        ("NEWS_ASSETS_S3_ENDPOINT", s.s3_endpoint),
        ("NEWS_ASSETS_S3_KEY_ID", s.s3_key_id),
        ("NEWS_ASSETS_S3_SECRET", s.s3_secret),
        ("NEWS_ASSETS_S3_REGION", s.s3_region),
    ):
        if value:
            env[name] = value
    return env


def start_writer(settings: Settings, *args: str, stdin=None) -> subprocess.Popen:
    """`python -m tests.scale.lake_writer <args>` with `settings` in its environment."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEWS_ASSETS_", "AWS_"))}
    return subprocess.Popen(
        [sys.executable, "-W", "ignore", "-m", "tests.scale.lake_writer", *args],
        cwd=REPO_ROOT,
        env={**env, **lake_env(settings)},
        stdin=stdin,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
