"""A year of daily partitions: a single-run backfill through Dagster, and the docs' queries over a year of data.

    python -m bench.year [--backfill-pages 20] [--year-pages 2000] [--days 365] [--repeat 5] [--out FILE]
    python -m bench.year --skip-backfill --keep DIR [--search-only]   # build once into DIR, then reuse it

Two measurements, because a year of 2,000-page days (730,000 pages) takes hours of NLP on two cores:

1. Backfill: `dagster asset materialize --partition-range` over 365 days of --backfill-pages generated pages
   each, in one run (BackfillPolicy.single_run): total time, peak memory, the DuckDB file's size.
2. Query latency at full size: one --year-pages day is processed for real (`bench.direct`), then its rows are
   copied to each of the other 364 days (ids and timestamps shifted, the pages' bytes included), so that the
   file holds a year of 2,000-page days; then nlp.entities and the analyst views are built as the catalog job
   builds them, and every query of docs/queries.md runs against it: median of --repeat runs after one
   warm-up, on a read-only connection as `make sql` opens it. The copied days repeat one day's entities, so
   group-by cardinalities are those of one day's news, not of a year's.

`--keep DIR` builds the query database in DIR and keeps it (with `year.json`, what the build measured); a
later run with the same DIR, pages and days reuses it instead of building it again (a year takes many
minutes). `--search-only` times the full-text search alone.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import duckdb

from bench.days import FIRST_DAY, landing
from bench.endtoend import BIN, PARTITIONED_KEYS, dagster_env, materialize_command
from bench.measure import Spread, emit, run_measured
from news_assets.schemas import ALL_TABLES, NLP_ENTITIES
from news_assets.storage import search as fts
from news_assets.storage.read_copy import publish_snapshot, wal_path
from news_assets.transform.daily import entity_registry_sql
from news_assets.views import VIEWS

REPO_ROOT = Path(__file__).resolve().parents[1]
QUERIES_DOC = REPO_ROOT / "docs" / "queries.md"
YEAR_START = date(2025, 1, 1)
# Columns that identify a row or place it in time: shifted when a day's rows are copied to another day.
ID_COLUMNS = ("page_id", "article_id", "duplicate_of")
TIME_COLUMNS = ("fetched_at", "published_at", "updated_at")


def doc_queries() -> list[tuple[str, str]]:
    text = QUERIES_DOC.read_text(encoding="utf-8")
    return re.findall(r"^## (.+?)\n.*?```sql\n(.*?)```", text, re.S | re.M)


def backfill(pages_per_day: int, days: int, scratch: Path) -> dict:
    root = landing(pages_per_day, days, YEAR_START)
    last = YEAR_START + timedelta(days=days - 1)
    work = scratch / "backfill"
    env = dagster_env(work, root, YEAR_START)
    command = materialize_command(
        ",".join(PARTITIONED_KEYS), "--partition-range", f"{YEAR_START.isoformat()}...{last.isoformat()}"
    )
    run = run_measured(command, env=env)
    if run.returncode:
        raise RuntimeError(f"year backfill failed:\n{run.stdout[-4000:]}")
    database = Path(env["NEWS_ASSETS_DB"])
    with duckdb.connect(str(database), read_only=True) as conn:
        pages = conn.execute("SELECT count(*) FROM raw.pages").fetchone()[0]
        day_count = conn.execute("SELECT count(DISTINCT news_date) FROM raw.pages").fetchone()[0]
    result = {
        "days": day_count,
        "pages": pages,
        "wall": run.wall,
        "peak_rss_mb": run.peak_rss_mb,
        "cores_used": run.cores_used,
        "file_mb": _size_mb(database),
    }
    shutil.rmtree(work, ignore_errors=True)
    return result


def kept_year_database(pages_per_day: int, days: int, keep: Path) -> tuple[Path, dict]:
    """year_database built in `keep` once, and reused while it holds the same pages and days."""
    database, measured = keep / "year.duckdb", keep / "year.json"
    wanted = {"pages_per_day": pages_per_day, "days": days}
    if database.exists() and measured.exists():
        year = json.loads(measured.read_text(encoding="utf-8"))
        if year.get("built_for") == wanted:
            print(f"reusing {database} (built for {wanted})", flush=True)
            return database, year
    keep.mkdir(parents=True, exist_ok=True)
    for stale in (database, wal_path(database), measured):
        stale.unlink(missing_ok=True)
    database, year = year_database(pages_per_day, days, keep)
    measured.write_text(json.dumps({**year, "built_for": wanted}), encoding="utf-8")
    return database, year


def year_database(pages_per_day: int, days: int, scratch: Path) -> tuple[Path, dict]:
    root = landing(pages_per_day, 1, FIRST_DAY)
    database = scratch / "year.duckdb"
    started = time.perf_counter()
    direct = run_measured(
        [str(BIN / "python"), "-W", "ignore", "-m", "bench.direct", str(root), FIRST_DAY.isoformat(), str(database)]
    )
    if direct.returncode:
        raise RuntimeError(f"processing the seed day failed:\n{direct.stdout[-4000:]}")
    rows = json.loads(direct.stdout.strip().splitlines()[-1])["rows"]
    with duckdb.connect(str(database)) as conn:
        for table in ALL_TABLES:
            if not table.partitioned:
                continue
            conn.execute(table.create_sql())  # a table bench.direct does not write (clean.fingerprints): empty
            conn.execute(f"UPDATE {table.qualified_name} SET news_date = DATE '{YEAR_START.isoformat()}'")
            select = _shifted_select(table)
            conn.execute(
                f"INSERT INTO {table.qualified_name} BY NAME "
                f"SELECT {select} FROM {table.qualified_name}, range(1, {days}) AS shift(d)"
            )
        conn.execute(NLP_ENTITIES.create_sql())
        conn.execute(f"INSERT INTO {NLP_ENTITIES.qualified_name} BY NAME {entity_registry_sql()}")
        for view in VIEWS:
            conn.execute(view.create_sql())
        conn.execute("CHECKPOINT")
        index = search_index_costs(conn, days)
        year_rows = {
            table.qualified_name: conn.execute(f"SELECT count(*) FROM {table.qualified_name}").fetchone()[0]
            for table in ALL_TABLES
        }
    return database, {
        "seed_rows": rows,
        "rows": year_rows,
        "build_seconds": time.perf_counter() - started,
        "file_mb": _size_mb(database),
        "index": index,
    }


def search_index_costs(conn: duckdb.DuckDBPyConnection, days: int) -> dict:
    """The fts index over every day (one batch, as a backfill's run builds it), then one day re-indexed in it
    (what a re-run day costs), each in its transaction."""
    from news_assets.defs.search import SEARCH_MACRO, SEARCH_TABLE_MACRO

    fts.load_fts(conn)
    all_days = [YEAR_START + timedelta(days=d) for d in range(days)]
    started = time.perf_counter()
    conn.execute("BEGIN")
    documents = fts.refresh_days(conn, all_days)
    conn.execute(SEARCH_MACRO)
    conn.execute(SEARCH_TABLE_MACRO)
    conn.execute("COMMIT")
    build = time.perf_counter() - started
    conn.execute("CHECKPOINT")
    started = time.perf_counter()
    conn.execute("BEGIN")
    fts.refresh_days(conn, [all_days[len(all_days) // 2]])
    conn.execute("COMMIT")
    one_day = time.perf_counter() - started
    conn.execute("CHECKPOINT")
    postings = conn.execute(f"SELECT count(*) FROM {fts.INDEX}.terms").fetchone()[0]
    day_postings = conn.execute(f"SELECT count(*) FROM {fts.all_postings()}").fetchone()[0]
    return {
        "documents": documents,
        "postings": postings,
        "day_postings": day_postings,
        "build_seconds": build,
        "one_day_seconds": one_day,
    }


SEARCH_QUERIES = ("반도체 수출", "수출했다", "늘었다", "증가했다", "강조했다")


def search_latencies(database: Path, repeat: int) -> list[dict]:
    """Each query as `news-assets search` runs it (top 10 over the whole year), and its recall against
    `LIKE '%query%'` on the unique articles' title and body: how many articles each finds, and how many of
    LIKE's the search misses."""
    from news_assets.nlp.analyzer import Analyzer

    kiwi = Analyzer.shared(workers=1).kiwi
    results = []
    with duckdb.connect(str(database), read_only=True) as conn:
        fts.load_fts(conn)
        first, last = conn.execute("SELECT min(news_date), max(news_date) FROM clean.articles").fetchone()
        for query in SEARCH_QUERIES:
            terms = fts.query_terms(query, kiwi)
            fts.search(conn, terms, first, last, limit=10)  # warm-up
            seconds = []
            for _ in range(repeat):
                started = time.perf_counter()
                fts.search(conn, terms, first, last, limit=10)
                seconds.append(time.perf_counter() - started)
            found = {
                r[0]
                for r in conn.execute(
                    "SELECT article_id FROM nlp.search(?) WHERE matched = ?", [" ".join(terms), len(terms)]
                ).fetchall()
            }
            started = time.perf_counter()
            like = {
                r[0]
                for r in conn.execute(
                    "SELECT article_id FROM clean.articles WHERE duplicate_of IS NULL "
                    "AND (title LIKE '%' || ? || '%' OR body LIKE '%' || ? || '%')",
                    [query, query],
                ).fetchall()
            }
            like_seconds = time.perf_counter() - started
            results.append(
                {
                    "query": query,
                    "terms": terms,
                    "seconds": Spread.of(seconds),
                    "found": len(found),
                    "like": len(like),
                    "like_missed_by_search": len(like - found),
                    "like_seconds": like_seconds,
                }
            )
    return results


def _shifted_select(table) -> str:
    parts = []
    for column in table.names:
        if column == "news_date":
            parts.append("news_date + d::INTEGER AS news_date")
        elif column in ID_COLUMNS:
            parts.append(f'"{column}" || \'~\' || d AS "{column}"')
        elif column in TIME_COLUMNS:
            parts.append(f'"{column}" + to_days(d::INTEGER) AS "{column}"')
        else:
            parts.append(f'"{column}"')
    return ", ".join(parts)


def query_latencies(database: Path, repeat: int) -> list[tuple[str, Spread, int]]:
    results = []
    with duckdb.connect(str(database), read_only=True) as conn:
        for title, sql in doc_queries():
            conn.execute(sql).fetchall()  # warm-up: the first run also reads the blocks from disk
            seconds = []
            for _ in range(repeat):
                started = time.perf_counter()
                rows = conn.execute(sql).fetchall()
                seconds.append(time.perf_counter() - started)
            results.append((title, Spread.of(seconds), len(rows)))
    return results


def publish_costs(database: Path) -> dict:
    """What every run that writes pays for readers at this size: publishing the read copy as the pipeline does
    (the file's bytes), against the logical copy it used before (`COPY FROM DATABASE`), once each."""
    started = time.perf_counter()
    snapshot = publish_snapshot(database)
    by_bytes = time.perf_counter() - started
    snapshot.unlink()
    logical_copy = database.with_name("logical-copy.duckdb")
    started = time.perf_counter()
    with duckdb.connect(":memory:") as conn:
        conn.execute(f"ATTACH '{database}' AS source (READ_ONLY)")
        conn.execute(f"ATTACH '{logical_copy}' AS target")
        conn.execute("COPY FROM DATABASE source TO target")
    logical = time.perf_counter() - started
    logical_copy.unlink()
    return {"bytes_seconds": by_bytes, "logical_seconds": logical}


def _size_mb(database: Path) -> float:
    wal = wal_path(database)
    return (database.stat().st_size + (wal.stat().st_size if wal.exists() else 0)) / 1e6


def report(
    backfilled: dict | None,
    year: dict,
    latencies: list,
    published: dict,
    repeat: int,
    pages_per_day: int,
    days: int,
) -> str:
    lines = ["### A year of daily partitions", ""]
    if backfilled:
        lines += [
            f"**Backfill through Dagster.** `dagster asset materialize --partition-range` over {backfilled['days']} "
            f"days, {backfilled['pages']:,} generated pages in all, one run (single-run backfill policy):",
            "",
            "| days | pages | wall s | pages/s | peak RSS MB | cores used | DuckDB file MB |",
            "|---|---|---|---|---|---|---|",
            f"| {backfilled['days']} | {backfilled['pages']:,} | {backfilled['wall']:.1f} "
            f"| {backfilled['pages'] / backfilled['wall']:,.0f} | {backfilled['peak_rss_mb']:,.0f} "
            f"| {backfilled['cores_used']:.2f} | {backfilled['file_mb']:,.0f} |",
            "",
        ]
    rows = year["rows"]
    lines += [
        f"**Queries over {days} days of {pages_per_day:,} pages.** One day processed for real, copied to {days} days "
        f"({rows['raw.pages']:,} pages, {rows['clean.articles']:,} articles, {rows['nlp.mentions']:,} mentions, "
        f"{rows['nlp.keywords']:,} keyword rows): DuckDB file {year['file_mb'] / 1000:,.1f} GB, built in "
        f"{year['build_seconds']:.0f} s. Each query of `docs/queries.md`, median of {repeat} runs after a warm-up "
        "(slowest–fastest), read-only connection:",
        "",
        "| query | seconds | rows | ≤ 1 s |",
        "|---|---|---|---|",
    ]
    for title, spread, count in latencies:
        lines.append(f"| {title} | {spread.show(3)} | {count} | {'yes' if spread.median <= 1 else '**no**'} |")
    slowest = max(latencies, key=lambda item: item[1].median)
    lines += ["", f"Slowest: “{slowest[0]}” at {slowest[1].median:.3f} s (target ≤ 1 s each).", ""]
    lines += [
        f"**The read copy at this size.** After every run that writes, file mode publishes "
        f"`news-read.duckdb` for readers (news_assets/publish.py): copying the file's bytes took "
        f"{published['bytes_seconds']:.1f} s; the logical `COPY FROM DATABASE` it replaced took "
        f"{published['logical_seconds']:.1f} s on the same file "
        f"({published['logical_seconds'] / published['bytes_seconds']:.1f}× longer), once each.",
        "",
    ]
    return "\n".join(lines) + "\n"


def search_report(index: dict, searches: list[dict], repeat: int) -> str:
    lines = [
        f"**Full-text search over the same year.** The fts index holds {index['documents']:,} documents "
        f"({index['postings']:,} postings, {index.get('day_postings', 0):,} rows of day_postings, one per document "
        f"and term): built for every day in one batch in {index['build_seconds']:.1f} s; "
        f"re-indexing one day in it (a re-run day) took {index['one_day_seconds']:.2f} s. Each query as "
        f"`news-assets search` runs it (top 10 of the year, BM25), median of {repeat} after a warm-up; then how many "
        "unique articles hold every query morpheme, against `LIKE '%query%'` on title and body:",
        "",
        "| query | morphemes | search s | ≤ 0.2 s | articles found | LIKE finds | LIKE's found by search | LIKE s |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in searches:
        kept = r["like"] - r["like_missed_by_search"]
        lines.append(
            f"| {r['query']} | {' '.join(r['terms'])} | {r['seconds'].show(3)} "
            f"| {'yes' if r['seconds'].median <= 0.2 else '**no**'} | {r['found']:,} | {r['like']:,} "
            f"| {kept:,} of {r['like']:,} | {r['like_seconds']:.2f} |"
        )
    lines += [
        "",
        "LIKE on an inflected form finds only that form (수출했다, not 수출이나 수출한); the search finds every "
        "article with the morphemes, LIKE's hits included.",
        "",
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backfill-pages", type=int, default=20, help="pages per day of the Dagster backfill")
    parser.add_argument("--year-pages", type=int, default=2000, help="pages per day of the query database")
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--skip-backfill", action="store_true")
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--keep", type=Path, default=None, help="build the query database here once, then reuse it")
    parser.add_argument("--search-only", action="store_true", help="time the full-text search alone")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="news-bench-year-") as scratch:
        backfilled = None if args.skip_backfill else backfill(args.backfill_pages, args.days, Path(scratch))
        if backfilled:
            print(f"backfill: {backfilled}", flush=True)
        if args.keep:
            database, year = kept_year_database(args.year_pages, args.days, args.keep)
        else:
            database, year = year_database(args.year_pages, args.days, Path(scratch))
        print(f"year database: {year['file_mb']:.0f} MB in {year['build_seconds']:.0f} s", flush=True)
        latencies = [] if args.search_only else query_latencies(database, args.repeat)
        searches = search_latencies(database, args.repeat)
        print(f"search: {searches}", flush=True)
        if args.search_only:
            return emit(search_report(year["index"], searches, args.repeat), args.out)
        published = publish_costs(database)
        print(f"read copy: {published}", flush=True)
    text = report(backfilled, year, latencies, published, args.repeat, args.year_pages, args.days)
    text += search_report(year["index"], searches, args.repeat)
    return emit(text, args.out)


if __name__ == "__main__":
    sys.exit(main())
