"""Resources: the landing folder and the DuckDB database (through the IO manager and for SQL assets)."""

from __future__ import annotations

from pathlib import Path

import dagster as dg
from dagster_duckdb import DuckDBResource

from news_assets.defs.io_manager import NewsDuckDBIOManager
from news_assets.settings import Settings


class LandingFolder(dg.ConfigurableResource):
    """The folder a crawler fills with `<YYYY-MM-DD>/manifest.csv` and the files it lists."""

    root: str

    @property
    def path(self) -> Path:
        return Path(self.root)


def build_resources(settings: Settings) -> dict[str, object]:
    database = str(settings.database)
    return {
        "io_manager": NewsDuckDBIOManager(database=database),
        "duckdb": DuckDBResource(database=database),
        "landing": LandingFolder(root=str(settings.landing)),
    }
