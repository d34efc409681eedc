"""The assets: thin wrappers that load frames, call the pure transforms and describe the result.

Asset keys are `<DuckDB schema>/<table>`, so the lineage in the UI is the set of tables in the database.
Every DuckDB writer sits in the `duckdb` pool: a DuckDB file takes one writer process at a time.
"""

from datetime import date
from itertools import chain

import dagster as dg
import polars as pl

from news_assets.defs.metadata import definition_metadata, frame_metadata, markdown_table
from news_assets.defs.partitions import daily_partitions, first_and_last_day
from news_assets.defs.resources import NewsDatabase, PageSources
from news_assets.schemas import (
    CLEAN_ARTICLES,
    CLEAN_REJECTS,
    DAILY_COOCCURRENCE,
    DAILY_ENTITY_COUNTS,
    DAILY_KEYWORD_COUNTS,
    DAILY_SOURCE_VOLUME,
    NLP_ENTITIES,
    NLP_KEYWORDS,
    NLP_MENTIONS,
    NLP_PERSON_ROLES,
    NLP_QUOTES,
    RAW_PAGES,
    TableSchema,
    conform,
)
from news_assets.kst import days_between
from news_assets.transform.articles import extract_pages
from news_assets.transform.daily import (
    cooccurrence,
    entity_counts,
    entity_registry_sql,
    keyword_counts,
    source_volume,
)
from news_assets.transform.nlp_tables import analyze_articles
from news_assets.transform.pages import pages_frame
from news_assets.views import VIEWS

POOL = "duckdb"
PARTITIONED = {
    "partitions_def": daily_partitions,
    "backfill_policy": dg.BackfillPolicy.single_run(),
    "pool": POOL,
}


def _key(table: TableSchema) -> dg.AssetKey:
    return dg.AssetKey([table.schema, table.table])


def _out(table: TableSchema) -> dg.AssetOut:
    return dg.AssetOut(
        key=_key(table),
        description=table.description,
        group_name=table.schema,
        metadata=definition_metadata(table),
        kinds={"duckdb", "polars"},
        is_required=True,
    )


def _days(context: dg.AssetExecutionContext) -> list[date]:
    return days_between(*first_and_last_day(context.partition_time_window))


@dg.asset(
    key=_key(RAW_PAGES),
    group_name="raw",
    description=(
        "Every page the configured sources delivered for the KST day, with its raw bytes: the landing folder "
        "(`data/landing/<YYYY-MM-DD>/manifest.csv`) by default, WARC archives and news sitemaps/feeds over "
        "HTTP when `NEWS_ASSETS_SOURCES` names a sources file. A page that could not be read is kept with "
        "`read_error`, so that it ends as a reject instead of disappearing."
    ),
    metadata=definition_metadata(RAW_PAGES),
    kinds={"duckdb", "polars"},
    **PARTITIONED,
)
def raw_pages(context: dg.AssetExecutionContext, sources: PageSources) -> pl.DataFrame:
    configured = sources.load()
    days = _days(context)
    frame = pl.concat(
        [pages_frame(chain.from_iterable(source.pages(day) for source in configured)) for day in days],
        how="vertical",
    )
    context.add_output_metadata(
        frame_metadata(
            frame.drop("html"),
            preview=frame.select("news_date", "source", "outlet", "url", "size_bytes", "read_error"),
            days=len(days),
            sources=", ".join(source.name for source in configured),
            unreadable=frame["read_error"].is_not_null().sum(),
            megabytes=round((frame["size_bytes"].sum() or 0) / 1e6, 2),
        )
    )
    return frame


@dg.multi_asset(
    outs={"articles": _out(CLEAN_ARTICLES), "rejects": _out(CLEAN_REJECTS)},
    ins={"pages": dg.AssetIn(_key(RAW_PAGES))},
    description="Decode, extract and de-duplicate each page: an article with clean text, or a reject.",
    **PARTITIONED,
)
def clean_articles(context: dg.AssetExecutionContext, pages: pl.DataFrame):
    extracted = extract_pages(pages)
    articles, rejects = extracted.articles, extracted.rejects
    duplicates = articles["duplicate_of"].is_not_null().sum()
    yield dg.Output(
        articles,
        output_name="articles",
        metadata=frame_metadata(
            articles,
            preview=articles.select("news_date", "outlet", "title", "published_at", "char_count", "duplicate_of"),
            duplicates=int(duplicates),
            unique_articles=articles.height - int(duplicates),
            mean_chars=round(articles["char_count"].mean() or 0, 1),
        ),
    )
    reasons = rejects.group_by("reason").len().sort("len", descending=True)
    yield dg.Output(
        rejects,
        output_name="rejects",
        metadata=frame_metadata(
            rejects,
            preview=rejects.select("news_date", "outlet", "url", "reason", "detail"),
            reasons=dg.MetadataValue.json(dict(reasons.iter_rows())),
        ),
    )


@dg.multi_asset(
    outs={
        "mentions": _out(NLP_MENTIONS),
        "person_roles": _out(NLP_PERSON_ROLES),
        "quotes": _out(NLP_QUOTES),
        "keywords": _out(NLP_KEYWORDS),
    },
    ins={"articles": dg.AssetIn(_key(CLEAN_ARTICLES))},
    description=(
        "One Kiwi pass over the day's unique articles: entity mentions, person roles, quotes and keywords. "
        "Duplicates are skipped, so a wire story counts once."
    ),
    **PARTITIONED,
)
def nlp_tables(context: dg.AssetExecutionContext, articles: pl.DataFrame):
    tables = analyze_articles(articles)
    top = tables.mentions.group_by("name", "type").len("mentions").sort(["mentions", "name"], descending=[True, False])
    yield dg.Output(
        tables.mentions,
        output_name="mentions",
        metadata=frame_metadata(
            tables.mentions,
            preview=top,
            entities=tables.mentions["entity_id"].n_unique(),
            by_type=dg.MetadataValue.json(dict(tables.mentions.group_by("type").len().iter_rows())),
        ),
    )
    yield dg.Output(
        tables.person_roles,
        output_name="person_roles",
        metadata=frame_metadata(
            tables.person_roles,
            preview=tables.person_roles.select("news_date", "person", "title", "affiliation"),
        ),
    )
    yield dg.Output(
        tables.quotes,
        output_name="quotes",
        metadata=frame_metadata(
            tables.quotes,
            preview=tables.quotes.select("news_date", "speaker", "speaker_title", "quote"),
            attributed=tables.quotes["speaker"].is_not_null().sum(),
        ),
    )
    top_terms = (
        tables.keywords.group_by("term").agg(pl.col("count").sum()).sort(["count", "term"], descending=[True, False])
    )
    yield dg.Output(
        tables.keywords, output_name="keywords", metadata=frame_metadata(tables.keywords, preview=top_terms)
    )


@dg.asset(
    key=_key(DAILY_ENTITY_COUNTS),
    group_name="daily",
    description=DAILY_ENTITY_COUNTS.description,
    ins={
        "mentions": dg.AssetIn(_key(NLP_MENTIONS)),
        "articles": dg.AssetIn(_key(CLEAN_ARTICLES), metadata={"columns": ["article_id", "outlet", "duplicate_of"]}),
    },
    metadata=definition_metadata(DAILY_ENTITY_COUNTS),
    kinds={"duckdb", "polars"},
    **PARTITIONED,
)
def entity_counts_asset(context: dg.AssetExecutionContext, mentions: pl.DataFrame, articles: pl.DataFrame):
    frame = entity_counts(mentions, articles)
    top, day = _top_of_last_day(frame, "name", "type", "mentions", "articles", "outlets")
    context.add_output_metadata(frame_metadata(frame, preview=top, top_10_day=day))
    return frame


def _top_of_last_day(frame: pl.DataFrame, *columns: str) -> tuple[pl.DataFrame, str | None]:
    last_day = frame["news_date"].max()
    top = frame.filter(pl.col("news_date") == last_day).select(columns)
    return top, None if last_day is None else str(last_day)


@dg.asset(
    key=_key(DAILY_COOCCURRENCE),
    group_name="daily",
    description=DAILY_COOCCURRENCE.description,
    ins={"mentions": dg.AssetIn(_key(NLP_MENTIONS))},
    metadata=definition_metadata(DAILY_COOCCURRENCE),
    kinds={"duckdb", "polars"},
    **PARTITIONED,
)
def cooccurrence_asset(context: dg.AssetExecutionContext, mentions: pl.DataFrame):
    frame = cooccurrence(mentions)
    top, day = _top_of_last_day(frame, "name_a", "name_b", "articles")
    context.add_output_metadata(frame_metadata(frame, preview=top, top_10_day=day))
    return frame


@dg.asset(
    key=_key(DAILY_KEYWORD_COUNTS),
    group_name="daily",
    description=DAILY_KEYWORD_COUNTS.description,
    ins={"keywords": dg.AssetIn(_key(NLP_KEYWORDS))},
    metadata=definition_metadata(DAILY_KEYWORD_COUNTS),
    kinds={"duckdb", "polars"},
    **PARTITIONED,
)
def keyword_counts_asset(context: dg.AssetExecutionContext, keywords: pl.DataFrame):
    frame = keyword_counts(keywords)
    top, day = _top_of_last_day(frame, "term", "articles", "count")
    context.add_output_metadata(frame_metadata(frame, preview=top, top_10_day=day))
    return frame


@dg.asset(
    key=_key(DAILY_SOURCE_VOLUME),
    group_name="daily",
    description=DAILY_SOURCE_VOLUME.description,
    ins={
        "pages": dg.AssetIn(_key(RAW_PAGES), metadata={"columns": ["news_date", "outlet"]}),
        "articles": dg.AssetIn(_key(CLEAN_ARTICLES), metadata={"columns": ["news_date", "outlet", "duplicate_of"]}),
        "rejects": dg.AssetIn(_key(CLEAN_REJECTS), metadata={"columns": ["news_date", "outlet"]}),
    },
    metadata=definition_metadata(DAILY_SOURCE_VOLUME),
    kinds={"duckdb", "polars"},
    **PARTITIONED,
)
def source_volume_asset(
    context: dg.AssetExecutionContext, pages: pl.DataFrame, articles: pl.DataFrame, rejects: pl.DataFrame
):
    frame = source_volume(pages, articles, rejects)
    context.add_output_metadata(frame_metadata(frame, preview=frame.sort("pages", descending=True)))
    return frame


@dg.asset(
    key=_key(NLP_ENTITIES),
    group_name="nlp",
    description=NLP_ENTITIES.description + " Rebuilt from all of nlp.mentions whenever it changes.",
    deps=[_key(NLP_MENTIONS)],
    metadata={k: v for k, v in definition_metadata(NLP_ENTITIES).items()},
    kinds={"duckdb", "sql"},
    pool=POOL,
    automation_condition=dg.AutomationCondition.eager(),
)
def entities_registry(context: dg.AssetExecutionContext, duckdb: NewsDatabase) -> dg.MaterializeResult:
    with duckdb.get_connection() as conn:
        conn.begin()
        conn.execute(f"CREATE SCHEMA IF NOT EXISTS {NLP_ENTITIES.schema}")
        conn.execute(NLP_ENTITIES.create_sql())
        conn.execute(f"DELETE FROM {NLP_ENTITIES.qualified_name}")
        conn.execute(f"INSERT INTO {NLP_ENTITIES.qualified_name} BY NAME {entity_registry_sql()}")
        conn.commit()
        frame = conn.execute(f"SELECT * FROM {NLP_ENTITIES.qualified_name} ORDER BY mentions DESC, name").pl()
    frame = conform(frame, NLP_ENTITIES)
    return dg.MaterializeResult(
        metadata=frame_metadata(
            frame,
            preview=frame.select("name", "type", "mentions", "articles", "days", "first_seen", "last_seen"),
            by_type=dg.MetadataValue.json(dict(frame.group_by("type").len().iter_rows())),
        )
    )


ANALYST_VIEWS_KEY = dg.AssetKey(["daily", "analyst_views"])


@dg.asset(
    key=ANALYST_VIEWS_KEY,
    group_name="daily",
    description=(
        "Friendly views for analysts, created in the database: "
        + ", ".join(f"`{v.name}`" for v in VIEWS)
        + ". Trending is a view so that it is right whatever order days were backfilled in."
    ),
    deps=[
        _key(t)
        for t in (
            CLEAN_ARTICLES,
            NLP_QUOTES,
            NLP_PERSON_ROLES,
            DAILY_ENTITY_COUNTS,
            DAILY_COOCCURRENCE,
            DAILY_KEYWORD_COUNTS,
            DAILY_SOURCE_VOLUME,
        )
    ],
    metadata={"views": dg.MetadataValue.md("\n".join(f"- `{v.name}`: {v.description}" for v in VIEWS))},
    kinds={"duckdb", "sql"},
    pool=POOL,
    automation_condition=dg.AutomationCondition.eager(),
)
def analyst_views(context: dg.AssetExecutionContext, duckdb: NewsDatabase) -> dg.MaterializeResult:
    with duckdb.get_connection() as conn:
        conn.begin()
        for view in VIEWS:
            conn.execute(view.create_sql())
        conn.commit()
        trending = conn.execute(
            "SELECT news_date, trend_rank, name, type, articles, baseline_7, score_7, score_28 "
            "FROM daily.trending_entities "
            "WHERE news_date = (SELECT max(news_date) FROM daily.entity_counts) ORDER BY trend_rank, name"
        ).pl()
    return dg.MaterializeResult(
        metadata={
            "view_count": len(VIEWS),
            "trending_entities_last_day": dg.MetadataValue.md(markdown_table(trending)),
        }
    )


ALL_ASSETS = [
    raw_pages,
    clean_articles,
    nlp_tables,
    entity_counts_asset,
    cooccurrence_asset,
    keyword_counts_asset,
    source_volume_asset,
    entities_registry,
    analyst_views,
]
