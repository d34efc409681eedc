"""Resources: the page sources and the database (through the IO manager, and for SQL assets and checks).

Both the IO manager and the `duckdb` resource connect through `news_assets.storage.connect`, so they see the
same tables in either storage mode (one DuckDB file, or a DuckLake; see news_assets.settings).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import dagster as dg
import duckdb
from pydantic import Field

from news_assets.defs.io_manager import NewsDuckDBIOManager, StorageFields, storage_config, storage_fields
from news_assets.settings import Settings
from news_assets.sources import LandingSource, Source, load_sources
from news_assets.storage import StorageConfig, connect


class PageSources(dg.ConfigurableResource):
    """Where raw pages come from: the sources YAML file when one is set, else the landing folder alone."""

    landing_root: str = Field(description="Landing folder used when no sources file is set")
    sources_file: str | None = Field(default=None, description="YAML file listing landing, WARC and HTTP sources")

    def load(self) -> list[Source]:
        """The configured sources; a bad file raises SourceConfigError naming the problem."""
        if self.sources_file:
            return load_sources(self.sources_file)
        return [LandingSource(Path(self.landing_root))]


class NewsDatabase(StorageFields, dg.ConfigurableResource):
    """The project's database for SQL assets and checks: the DuckDB file or the DuckLake, by `storage`."""

    database: str = Field(description="DuckDB file (storage `duckdb`)")

    def storage_config(self) -> StorageConfig:
        return storage_config(self.__dict__)

    @contextmanager
    def get_connection(self, *, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        conn = connect(self.storage_config(), read_only=read_only)
        try:
            yield conn
        finally:
            conn.close()


def _secret_field(fields: dict, name: str, env_vars: tuple[str, ...]) -> None:
    """Pass a secret as an EnvVar when it came from the environment, so the UI shows its name, not its value."""
    for env in env_vars:
        if fields[name] and os.environ.get(env) == fields[name]:
            fields[name] = dg.EnvVar(env)
            return


def build_resources(settings: Settings) -> dict[str, object]:
    fields = storage_fields(settings.storage_config)
    _secret_field(fields, "s3_secret", ("NEWS_ASSETS_S3_SECRET", "AWS_SECRET_ACCESS_KEY"))
    _secret_field(fields, "ducklake_catalog", ("NEWS_ASSETS_DUCKLAKE_CATALOG",))
    return {
        "io_manager": NewsDuckDBIOManager(**fields),
        "duckdb": NewsDatabase(**fields),
        "sources": PageSources(
            landing_root=str(settings.landing),
            sources_file=str(settings.sources_file) if settings.sources_file else None,
        ),
    }
