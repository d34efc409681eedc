"""Where things live, overridable by environment variables so one checkout serves demo, tests and deployments.

NEWS_ASSETS_DB           DuckDB file (default: data/news.duckdb in the checkout)
NEWS_ASSETS_LANDING      landing folder with <YYYY-MM-DD>/manifest.csv days (default: data/landing)
NEWS_ASSETS_START_DATE   first daily partition, KST (default: 2025-01-01)
NEWS_ASSETS_SOURCES      YAML file choosing the sources (landing, WARC, HTTP); unset: the landing folder alone
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DATA_DIR = REPO_ROOT / "data"
SAMPLE_DIR = DATA_DIR / "sample"


@dataclass(frozen=True, slots=True)
class Settings:
    database: Path
    landing: Path
    start_date: str
    sources_file: Path | None = None

    @classmethod
    def from_env(cls) -> Settings:
        return cls(
            database=Path(os.environ.get("NEWS_ASSETS_DB", DATA_DIR / "news.duckdb")).resolve(),
            landing=Path(os.environ.get("NEWS_ASSETS_LANDING", DATA_DIR / "landing")).resolve(),
            start_date=os.environ.get("NEWS_ASSETS_START_DATE", "2025-01-01"),
            sources_file=Path(os.environ["NEWS_ASSETS_SOURCES"]).resolve()
            if os.environ.get("NEWS_ASSETS_SOURCES")
            else None,
        )
