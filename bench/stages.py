"""Each stage of one generated day against its own limit, measured in the same run on the same data.

    python -m bench.stages [--pages 2000] [--repeat 3] [--trafilatura-every 5] [--out FILE]

| stage | ours | its limit |
|---|---|---|
| decode + parse | `decode_html` + selectolax | selectolax `LexborHTMLParser(bytes)` alone |
| extraction | `extract_article` per page, one process | parse alone; trafilatura on the same pages |
| extraction as the asset runs it | `extract_pages` (all cores, de-duplication included) | parse alone × cores |
| NLP | `analyze_articles` on the unique articles | Kiwi's `tokenize` alone on the same texts |
| aggregation | the daily polars transforms | DuckDB SQL with the same groupings over the same rows |
| DuckDB writes | the IO manager's `handle_output` (transaction, day replace) | a bare `INSERT` of the same frame |

Each figure is the median of --repeat runs with min and max; stages run in turns within a repeat so that load
from elsewhere on the machine hits a stage and its limit alike.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb
import polars as pl
from selectolax.lexbor import LexborHTMLParser

from bench.days import FIRST_DAY, landing
from bench.direct import write_tables
from bench.measure import Spread, emit
from news_assets.extract import NotAnArticle, decode_html, extract_article
from news_assets.sources.base import LandingSource
from news_assets.transform import daily
from news_assets.transform.articles import extract_pages
from news_assets.transform.nlp_tables import analyze_articles, unique_articles
from news_assets.transform.pages import pages_frame
from news_assets.transform.parallel import available_cores

AGGREGATION_SQL = {
    "entity_counts": """
        WITH outlets AS (
            SELECT DISTINCT coalesce(duplicate_of, article_id) AS article_id, outlet FROM articles),
        per_article AS (SELECT DISTINCT news_date, entity_id, article_id FROM mentions)
        SELECT m.news_date, m.entity_id, mode(m.name) AS name, mode(m.type) AS type, count(*) AS mentions,
               count(DISTINCT m.article_id) AS articles,
               (SELECT count(DISTINCT o.outlet) FROM per_article p JOIN outlets o USING (article_id)
                WHERE p.entity_id = m.entity_id) AS outlets
        FROM mentions m GROUP BY ALL ORDER BY mentions DESC, name""",
    "cooccurrence": """
        WITH per_article AS (
            SELECT news_date, article_id, entity_id, count(*) AS n, min(start) AS first
            FROM mentions GROUP BY news_date, article_id, entity_id
            QUALIFY row_number() OVER (PARTITION BY news_date, article_id ORDER BY n DESC, first) <= 12)
        SELECT a.news_date, a.entity_id AS entity_a, b.entity_id AS entity_b, count(DISTINCT a.article_id) AS articles
        FROM per_article a JOIN per_article b USING (news_date, article_id)
        WHERE a.entity_id < b.entity_id GROUP BY ALL ORDER BY articles DESC""",
    "keyword_counts": """
        SELECT news_date, term, count(DISTINCT article_id) AS articles, sum(count) AS count
        FROM keywords GROUP BY ALL ORDER BY articles DESC, count DESC, term""",
    "source_volume": """
        SELECT p.news_date, p.outlet, p.pages, coalesce(a.articles, 0), coalesce(a.duplicates, 0),
               coalesce(r.rejects, 0)
        FROM (SELECT news_date, outlet, count(*) AS pages FROM pages GROUP BY ALL) p
        LEFT JOIN (SELECT news_date, outlet, count(*) FILTER (duplicate_of IS NULL) AS articles,
                          count(*) FILTER (duplicate_of IS NOT NULL) AS duplicates FROM articles GROUP BY ALL) a
            USING (news_date, outlet)
        LEFT JOIN (SELECT news_date, outlet, count(*) AS rejects FROM rejects GROUP BY ALL) r
            USING (news_date, outlet)
        ORDER BY ALL""",
}


@dataclass
class Timings:
    seconds: dict[str, list[float]] = field(default_factory=dict)

    def time(self, name: str, fn: Callable[[], object]) -> object:
        started = time.perf_counter()
        result = fn()
        self.seconds.setdefault(name, []).append(time.perf_counter() - started)
        return result

    def spread(self, name: str) -> Spread:
        return Spread.of(self.seconds[name])

    def rate(self, name: str, units: float) -> Spread:
        """units per second: median, and the rates of the slowest and fastest runs."""
        return Spread.of([units / s for s in self.seconds[name]])


def _extract_each(pages: list[dict]) -> None:
    for page in pages:
        if page["html"] is None:
            continue
        with suppress(NotAnArticle):
            extract_article(page["html"], page["url"], http_charset=page["declared_charset"])


def _parse_each(pages: list[dict]) -> None:
    for page in pages:
        if page["html"] is not None:
            LexborHTMLParser(page["html"])


def _decode_parse_each(pages: list[dict]) -> None:
    for page in pages:
        if page["html"] is not None:
            LexborHTMLParser(decode_html(page["html"], page["declared_charset"]).text)


def _trafilatura_each(pages: list[dict]) -> None:
    import trafilatura

    for page in pages:
        if page["html"] is not None:
            trafilatura.extract(decode_html(page["html"], page["declared_charset"]).text)


def _aggregate_polars(frames: dict[str, pl.DataFrame]) -> None:
    daily.entity_counts(frames["mentions"], frames["articles"])
    daily.cooccurrence(frames["mentions"])
    daily.keyword_counts(frames["keywords"])
    daily.source_volume(frames["pages"], frames["articles"], frames["rejects"])


def _aggregate_duckdb(conn: duckdb.DuckDBPyConnection) -> None:
    for sql in AGGREGATION_SQL.values():
        conn.execute(sql).fetchall()


def _write_io_manager(database: Path, day: date, tables: dict[str, pl.DataFrame]) -> None:
    import dagster as dg

    from news_assets.defs.io_manager import TableIOManager
    from news_assets.defs.partitions import daily_partitions
    from news_assets.defs.storage import NewsStorage
    from news_assets.settings import Settings

    partitions = daily_partitions(Settings(database=database, landing=database.parent, start_date="2026-01-01"))
    manager = TableIOManager(storage=NewsStorage(database=str(database)))
    for name, frame in tables.items():
        schema, table = name.split(".")
        context = dg.build_output_context(
            asset_key=dg.AssetKey([schema, table]),
            partition_key=day.isoformat(),
            asset_partitions_def=partitions,
        )
        manager.handle_output(context, frame)


def measure(pages_count: int, repeat: int, trafilatura_every: int) -> str:
    root, day = landing(pages_count), FIRST_DAY
    pages = pages_frame(LandingSource(root).pages(day))
    rows = pages.select("html", "url", "declared_charset").to_dicts()
    sampled = rows[::trafilatura_every]
    # Warm up: imports, Kiwi's model, the IO manager's classes.
    extracted = extract_pages(pages)
    nlp = analyze_articles(extracted.articles)
    texts = unique_articles(extracted.articles)["body"].to_list()
    chars = sum(map(len, texts))
    from news_assets.nlp.kiwi import get_kiwi

    kiwi = get_kiwi()
    frames = {
        "pages": pages.drop("html"),
        "articles": extracted.articles,
        "rejects": extracted.rejects,
        "mentions": nlp.mentions,
        "keywords": nlp.keywords,
    }
    aggregated_rows = sum(frame.height for frame in frames.values())
    tables = {
        "raw.pages": pages,
        "clean.articles": extracted.articles,
        "clean.rejects": extracted.rejects,
        "nlp.mentions": nlp.mentions,
        "nlp.person_roles": nlp.person_roles,
        "nlp.quotes": nlp.quotes,
        "nlp.keywords": nlp.keywords,
    }
    written_rows = sum(frame.height for frame in tables.values())
    written_mb = sum(frame.estimated_size() for frame in tables.values()) / 1e6
    t = Timings()
    with tempfile.TemporaryDirectory(prefix="news-bench-stages-") as scratch:
        sql = duckdb.connect()
        for name, frame in frames.items():
            sql.register(name, frame.to_arrow())
        for i in range(repeat):
            t.time("parse", lambda: _parse_each(rows))
            t.time("decode_parse", lambda: _decode_parse_each(rows))
            t.time("extract_one_process", lambda: _extract_each(rows))
            t.time("extract_pages", lambda: extract_pages(pages))
            t.time("extract_sampled", lambda: _extract_each(sampled))
            t.time("trafilatura_sampled", lambda: _trafilatura_each(sampled))
            t.time("tokenize", lambda: list(kiwi.tokenize(texts)))
            t.time("nlp", lambda: analyze_articles(extracted.articles))
            t.time("aggregate_polars", lambda: _aggregate_polars(frames))
            t.time("aggregate_duckdb", lambda: _aggregate_duckdb(sql))
            io_db, bare_db = Path(scratch, f"io-{i}.duckdb"), Path(scratch, f"bare-{i}.duckdb")
            t.time("write_io_manager", lambda db=io_db: _write_io_manager(db, day, tables))
            t.time("write_bare", lambda db=bare_db: write_tables(db, tables))
            print(f"stages: repeat {i + 1}/{repeat} done", flush=True)
    return _report(t, pages.height, len(sampled), len(texts), chars, aggregated_rows, written_rows, written_mb, repeat)


def _report(
    t: Timings, n: int, sampled: int, texts: int, chars: int, agg_rows: int, rows: int, mb: float, repeat: int
) -> str:
    cores = available_cores()

    def ratio(ours: str, limit: str, scale: float = 1.0) -> str:
        return f"{100 * t.spread(limit).median * scale / t.spread(ours).median:.0f}%"

    def speedup(a: str, b: str, units_a: float, units_b: float) -> str:
        return f"{(units_a / t.spread(a).median) / (units_b / t.spread(b).median):.1f}×"

    lines = [
        f"### Each stage against its limit: one generated day of {n:,} pages",
        "",
        f"Median of {repeat} runs (slowest–fastest); every stage and its limit run in turns on the same data, one "
        f"after the other, in one process. NLP runs on the day's {texts:,} unique articles ({chars:,} characters); "
        f"trafilatura and its comparison on every page of a sample of {sampled:,}.",
        "",
        "| stage | ours | limit, same data | ours / limit | target |",
        "|---|---|---|---|---|",
        f"| decode + parse, pages/s | {t.rate('decode_parse', n).show()} | parse alone {t.rate('parse', n).show()} "
        f"| {ratio('decode_parse', 'parse')} | |",
        f"| extraction, one process, pages/s | {t.rate('extract_one_process', n).show()} "
        f"| parse alone {t.rate('parse', n).show()} | {ratio('extract_one_process', 'parse')} | ≥ 60% |",
        f"| extraction as the asset runs it ({cores} cores, de-duplication included), pages/s "
        f"| {t.rate('extract_pages', n).show()} | parse alone × {cores} cores {cores * t.rate('parse', n).median:,.0f} "
        f"| {ratio('extract_pages', 'parse', 1 / cores)} | |",
        f"| extraction against trafilatura, pages/s | {t.rate('extract_sampled', sampled).show()} "
        f"| trafilatura {t.rate('trafilatura_sampled', sampled).show()} "
        f"| {speedup('extract_sampled', 'trafilatura_sampled', sampled, sampled)} faster | ≥ 8× |",
        f"| NLP, characters/s | {t.rate('nlp', chars).show()} | Kiwi tokenize alone {t.rate('tokenize', chars).show()} "
        f"| {ratio('nlp', 'tokenize')} | ≥ 60% |",
        f"| aggregation, input rows/s | {t.rate('aggregate_polars', agg_rows).show()} "
        f"| DuckDB SQL {t.rate('aggregate_duckdb', agg_rows).show()} | {ratio('aggregate_polars', 'aggregate_duckdb')} | |",
        f"| DuckDB writes, rows/s ({mb:,.0f} MB in memory) | {t.rate('write_io_manager', rows).show()} "
        f"| bare INSERT {t.rate('write_bare', rows).show()} | {ratio('write_io_manager', 'write_bare')} | |",
        "",
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--trafilatura-every", type=int, default=5)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    text = measure(args.pages, args.repeat, args.trafilatura_every)
    return emit(text, args.out)


if __name__ == "__main__":
    sys.exit(main())
