"""nlp/search_terms and nlp/search_index: Korean full-text search over the articles (file storage).

nlp/search_terms is a day's Kiwi morphemes per unique article, computed and written one day at a time (`DayFrames`
in, `DayWriter` out). nlp/search_index keeps DuckDB's fts index over them one day at a time
(news_assets/storage/search.py): a day's documents are replaced in the index in one transaction and no other
day is touched. Both settle the stored later days this run relinked (news_assets/transform/settle.py).
"""

from collections.abc import Iterator
from datetime import date

import dagster as dg
import polars as pl

from news_assets.defs.io_manager import DayFrames, DayWriter
from news_assets.defs.metadata import DaySummary
from news_assets.defs.partitions import daily_partitions, days_of
from news_assets.defs.resources import NlpSettings
from news_assets.defs.scope import settings_in_scope
from news_assets.defs.storage import NewsStorage
from news_assets.defs.tables import DUCKDB_POOL, asset_key, daily, table_out
from news_assets.nlp.analyzer import Analyzer
from news_assets.schemas import CLEAN_ARTICLES, NLP_SEARCH_TERMS
from news_assets.storage.search import (
    BM25_B,
    BM25_K,
    DAY_SPAN,
    INDEX,
    create_index,
    index_exists,
    index_is_stale,
    load_fts,
    refresh_days,
    search_terms,
    unindexed_days,
)
from news_assets.transform.settle import (
    SETTLE_ATTEMPTS,
    search_terms_are_stale,
    settle_later_days,
    stored_days_after,
    stored_unique_ids,
    unique_ids,
)

SEARCH_INDEX_KEY = dg.AssetKey(["nlp", "search_index"])
ARTICLE_COLUMNS = ["news_date", "article_id", "title", "subtitle", "body", "duplicate_of"]

# nlp.search: the same BM25 without the fts extension loaded (it reads the index tables only), for any DuckDB
# client; q is morphemes separated by spaces (nouns and stems: what `news-assets search` cuts a query into).
SEARCH_TABLE_MACRO = f"""
CREATE OR REPLACE MACRO nlp.search(q, date_from := DATE '1900-01-01', date_to := DATE '2999-12-31') AS TABLE
WITH qt AS (SELECT termid, df FROM {INDEX}.dict WHERE list_contains(string_split_regex(trim(q), '\\s+'), term)),
hits AS (
    SELECT t.docid, t.termid, count(*) AS tf FROM {INDEX}.terms t SEMI JOIN qt USING (termid)
    WHERE t.docid BETWEEN (date_from - DATE '1970-01-01') * {DAY_SPAN}
                      AND (date_to - DATE '1970-01-01' + 1) * {DAY_SPAN} - 1
    GROUP BY ALL
),
scored AS (
    SELECT h.docid, count(*) AS matched,
           sum(log(((SELECT num_docs FROM {INDEX}.stats) - qt.df + 0.5) / (qt.df + 0.5) + 1) * h.tf * {BM25_K + 1}
               / (h.tf + {BM25_K} * (1 - {BM25_B} + {BM25_B} * d.len / (SELECT avgdl FROM {INDEX}.stats)))) AS score
    FROM hits h JOIN qt USING (termid) JOIN {INDEX}.docs d USING (docid)
    GROUP BY h.docid
)
SELECT a.news_date, a.outlet, a.title, s.score, s.matched, a.article_id, a.url
FROM scored s JOIN {INDEX}.docs d USING (docid) JOIN clean.articles a ON a.article_id = d.name
ORDER BY s.matched DESC, s.score DESC, a.article_id
"""

SEARCH_MACRO = f"""
CREATE OR REPLACE MACRO nlp.search_articles(q, date_from := DATE '1900-01-01', date_to := DATE '2999-12-31') AS TABLE
SELECT a.news_date, a.outlet, a.title, s.score, a.article_id, a.url
FROM (SELECT name AS article_id, {INDEX}.match_bm25(name, q) AS score FROM {INDEX}.docs) AS s
JOIN clean.articles a USING (article_id)
WHERE s.score IS NOT NULL AND a.news_date BETWEEN date_from AND date_to
ORDER BY s.score DESC, a.article_id
"""


def search_terms_asset(
    context: dg.AssetExecutionContext, storage: NewsStorage, nlp: NlpSettings, articles: DayFrames
) -> Iterator[dg.Output | dg.AssetMaterialization]:
    """One day at a time, as nlp_tables: the day's unique articles cut into morphemes and written in one
    transaction, checked again against the stored links after the write (a concurrent run relinked the day:
    cut again); then the stored later days whose terms are of other articles than their unique ones now (this
    run relinked them as copies of its days) are cut again, so search never shows a copy next to its original."""
    analyzer = Analyzer.shared(tuple(nlp.extra_gazetteer_dirs), workers=nlp.kiwi_workers)
    writer = DayWriter(storage, NLP_SEARCH_TERMS, context.log)
    summary = DaySummary()

    def cut_and_write(day: date, day_articles: pl.DataFrame, to: DayWriter) -> pl.DataFrame:
        frame = search_terms(day_articles, analyzer.kiwi)
        to.write(day, frame)
        return frame

    for day, day_articles in articles:
        frame = cut_and_write(day, day_articles, writer)
        for _ in range(SETTLE_ATTEMPTS):
            with storage.connection() as conn:
                if stored_unique_ids(conn, day) == unique_ids(day_articles):
                    break
            context.log.info(f"{day}: links changed while its terms were cut; cut again")
            day_articles = articles.load(day)
            frame = cut_and_write(day, day_articles, writer)
        del day_articles
        summary.add(frame.select("news_date", "article_id", pl.col("terms").str.slice(0, 60)), day=day)
        del frame
    if articles.days:
        last = max(articles.days)
        with storage.connection() as conn:
            later = stored_days_after(conn, [NLP_SEARCH_TERMS], last)

        def settle(day: date) -> bool:
            with storage.connection() as conn:
                if not search_terms_are_stale(conn, day):
                    return False
            cut_and_write(day, articles.load(day), DayWriter(storage, NLP_SEARCH_TERMS, context.log))
            return True

        again = settle_later_days(later, last, settle)
        for day in again:
            yield dg.AssetMaterialization(
                asset_key=asset_key(NLP_SEARCH_TERMS),
                partition=day.isoformat(),
                description="cut again: its articles' duplicate_of links changed after its terms were written",
                metadata={"recut_by": dg.MetadataValue.text(context.run.run_id)},
            )
        if again:
            context.log.info(
                f"later days' search terms cut again after their links changed: {', '.join(map(str, again))}"
            )
    yield dg.Output(writer.written, metadata=summary.metadata())


def search_index(
    context: dg.AssetExecutionContext, storage: NewsStorage
) -> Iterator[dg.MaterializeResult | dg.AssetMaterialization]:
    """The range's days refreshed one at a time, each in its own transaction (a day's tokens in memory, never the
    range's), with any stored day of nlp.search_terms the index lacks (a new index: every stored day); then the
    stored later days whose terms were written again after their documents were indexed (nlp/search_terms of
    this run cut them again)."""
    days = days_of(context.partition_time_window)
    with storage.transaction() as conn:
        load_fts(conn)
        if not index_exists(conn):
            create_index(conn)
        todo = sorted(set(days) | set(unindexed_days(conn)))
    documents = 0
    for day in todo:
        with storage.transaction() as conn:
            load_fts(conn)
            indexed = refresh_days(conn, [day])
        if day in days:
            documents += indexed

    def settle(day: date) -> bool:
        with storage.transaction() as conn:
            load_fts(conn)
            if not index_is_stale(conn, day):
                return False
            refresh_days(conn, [day])
        return True

    with storage.connection() as conn:
        later = stored_days_after(conn, [NLP_SEARCH_TERMS], days[-1])
    again = [day for day in settle_later_days(later, days[-1], settle) if day not in todo]
    for day in again:
        yield dg.AssetMaterialization(
            asset_key=SEARCH_INDEX_KEY,
            partition=day.isoformat(),
            description="refreshed: its search terms were written again after it was indexed",
            metadata={"refreshed_by": dg.MetadataValue.text(context.run.run_id)},
        )
    with storage.transaction() as conn:
        load_fts(conn)
        conn.execute(SEARCH_MACRO)
        conn.execute(SEARCH_TABLE_MACRO)
        row = conn.execute(f"SELECT num_docs, avgdl FROM {INDEX}.stats").fetchone()
    total, avgdl = row if row else (0, 0.0)
    yield dg.MaterializeResult(
        metadata={
            "documents_indexed": documents,
            "documents_in_index": int(total),
            "mean_terms_per_document": round(float(avgdl), 1),
            "later_days_refreshed": dg.MetadataValue.json([str(d) for d in again]),
            "query_it": dg.MetadataValue.md(
                '`news-assets search "반도체 수출"` or, after `LOAD fts`, '
                "`SELECT * FROM nlp.search_articles('반도체 수출') LIMIT 10`"
            ),
        }
    )


@dg.definitions
def defs() -> dg.Definitions:
    settings = settings_in_scope()
    partitions = daily_partitions(settings)
    terms = dg.asset(
        key=asset_key(NLP_SEARCH_TERMS),
        group_name="nlp",
        description=NLP_SEARCH_TERMS.description,
        ins={"articles": dg.AssetIn(asset_key(CLEAN_ARTICLES), metadata={"columns": ARTICLE_COLUMNS, "by_day": True})},
        metadata=table_out(NLP_SEARCH_TERMS).metadata,
        kinds={"duckdb", "polars"},
        **daily(partitions),
    )(search_terms_asset)
    if settings.storage_config.is_lake:
        return dg.Definitions(assets=[terms])
    index = dg.asset(
        key=SEARCH_INDEX_KEY,
        group_name="nlp",
        description=(
            "DuckDB's fts index (BM25) over nlp.search_terms, kept one day at a time: re-materializing a day "
            "replaces that day's documents in the index and touches no other day. Also creates the SQL macros "
            "`nlp.search(q, date_from := …, date_to := …)` and `nlp.search_articles` (fts's match_bm25)."
        ),
        deps=[asset_key(NLP_SEARCH_TERMS)],
        kinds={"duckdb", "sql"},
        partitions_def=partitions,
        backfill_policy=dg.BackfillPolicy.single_run(),
        pool=DUCKDB_POOL,
    )(search_index)
    return dg.Definitions(assets=[terms, index])
