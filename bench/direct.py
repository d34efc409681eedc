"""One day through the same pure functions the assets call, with no Dagster, written to DuckDB by bare inserts.

    python -m bench.direct <landing> <day> <database>

This is the baseline the Dagster run is measured against: whatever the Dagster run costs beyond it is
Dagster and IO-manager overhead (run storage, events, checks, reloading inputs from DuckDB). Prints one JSON
object: per stage, wall seconds and CPU seconds (all threads of this process), plus row counts.
"""

from __future__ import annotations

import json
import sys
import time
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import duckdb
import polars as pl

from news_assets.schemas import BY_NAME
from news_assets.sources.base import LandingSource
from news_assets.transform import daily
from news_assets.transform.articles import extract_pages
from news_assets.transform.nlp_tables import analyze_articles
from news_assets.transform.pages import pages_frame
from news_assets.transform.stories import stories_of_days


class Stages:
    def __init__(self) -> None:
        self.wall: dict[str, float] = {}
        self.cpu: dict[str, float] = {}

    @contextmanager
    def stage(self, name: str):
        wall, cpu = time.perf_counter(), time.process_time()
        yield
        self.wall[name] = self.wall.get(name, 0.0) + time.perf_counter() - wall
        self.cpu[name] = self.cpu.get(name, 0.0) + time.process_time() - cpu


def run_day(landing: Path, day: date, database: Path) -> dict:
    stages = Stages()
    with stages.stage("read"):
        pages = pages_frame(LandingSource(landing).pages(day))
    with stages.stage("extract"):
        extracted = extract_pages(pages)
    with stages.stage("nlp"):
        nlp = analyze_articles(extracted.articles)
    with stages.stage("search_terms"):
        from news_assets.nlp.analyzer import Analyzer
        from news_assets.storage.search import search_terms

        terms = search_terms(extracted.articles, Analyzer.shared().kiwi)
    with stages.stage("stories"):
        stories, story_articles = stories_of_days(
            [day], extracted.articles, nlp.mentions, nlp.keywords, BY_NAME["daily.stories"].empty()
        )
    with stages.stage("aggregate"):
        aggregates = {
            "daily.entity_counts": daily.entity_counts(nlp.mentions, extracted.articles),
            "daily.cooccurrence": daily.cooccurrence(nlp.mentions),
            "daily.keyword_counts": daily.keyword_counts(nlp.keywords),
            "daily.source_volume": daily.source_volume(pages, extracted.articles, extracted.rejects),
        }
    tables = {
        "raw.pages": pages,
        "clean.articles": extracted.articles,
        "clean.rejects": extracted.rejects,
        "nlp.mentions": nlp.mentions,
        "nlp.person_roles": nlp.person_roles,
        "nlp.quotes": nlp.quotes,
        "nlp.keywords": nlp.keywords,
        "nlp.search_terms": terms,
        "daily.stories": stories,
        "daily.story_articles": story_articles,
        **aggregates,
    }
    with stages.stage("write"):
        write_tables(database, tables)
    with stages.stage("search_index"), duckdb.connect(str(database)) as conn:
        from news_assets.storage.search import load_fts, refresh_days

        load_fts(conn)
        refresh_days(conn, [day])
    return {
        "wall": stages.wall,
        "cpu": stages.cpu,
        "rows": {name: frame.height for name, frame in tables.items()},
        "unique_chars": int(
            extracted.articles.filter(pl.col("duplicate_of").is_null())["body"].str.len_chars().sum() or 0
        ),
    }


def write_tables(database: Path, tables: dict[str, pl.DataFrame]) -> None:
    """Create each table from its schema and bulk-insert the frame: the least a writer must do."""
    with duckdb.connect(str(database)) as conn:
        for name, frame in tables.items():
            table = BY_NAME[name]
            conn.execute(f"CREATE SCHEMA IF NOT EXISTS {table.schema}")
            conn.execute(table.create_sql())
            conn.register("frame", frame.to_arrow())
            conn.execute(f"INSERT INTO {name} BY NAME SELECT * FROM frame")
            conn.unregister("frame")


def main(argv: list[str] | None = None) -> int:
    landing, day, database = (argv or sys.argv[1:])[:3]
    started = time.perf_counter()
    result = run_day(Path(landing), date.fromisoformat(day), Path(database))
    result["total_wall"] = time.perf_counter() - started
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
