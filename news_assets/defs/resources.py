"""Resources: the page sources and the DuckDB database (through the IO manager and for SQL assets)."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
from dagster_duckdb import DuckDBResource
from pydantic import Field

from news_assets.defs.io_manager import NewsDuckDBIOManager
from news_assets.settings import Settings
from news_assets.sources import LandingSource, Source, load_sources


class PageSources(dg.ConfigurableResource):
    """Where raw pages come from: the sources YAML file when one is set, else the landing folder alone."""

    landing_root: str = Field(description="Landing folder used when no sources file is set")
    sources_file: str | None = Field(default=None, description="YAML file listing landing, WARC and HTTP sources")

    def load(self) -> list[Source]:
        """The configured sources; a bad file raises SourceConfigError naming the problem."""
        if self.sources_file:
            return load_sources(self.sources_file)
        return [LandingSource(Path(self.landing_root))]


def build_resources(settings: Settings) -> dict[str, object]:
    database = str(settings.database)
    return {
        "io_manager": NewsDuckDBIOManager(database=database),
        "duckdb": DuckDBResource(database=database),
        "sources": PageSources(
            landing_root=str(settings.landing),
            sources_file=str(settings.sources_file) if settings.sources_file else None,
        ),
    }
