"""daily/entity_counts, cooccurrence, keyword_counts, source_volume, and the analysts' views over all days."""

import dagster as dg
import polars as pl

from news_assets.defs.metadata import definition_metadata, frame_metadata, markdown_table
from news_assets.defs.partitions import daily_partitions
from news_assets.defs.scope import settings_in_scope
from news_assets.defs.storage import NewsStorage
from news_assets.defs.tables import DUCKDB_POOL, KINDS, asset_key, daily
from news_assets.schemas import (
    CLEAN_ARTICLES,
    CLEAN_REJECTS,
    DAILY_COOCCURRENCE,
    DAILY_ENTITY_COUNTS,
    DAILY_KEYWORD_COUNTS,
    DAILY_SOURCE_VOLUME,
    NLP_KEYWORDS,
    NLP_MENTIONS,
    NLP_PERSON_ROLES,
    NLP_QUOTES,
    RAW_PAGES,
    TableSchema,
)
from news_assets.transform.daily import cooccurrence, entity_counts, keyword_counts, source_volume
from news_assets.views import VIEWS

ANALYST_VIEWS_KEY = dg.AssetKey(["daily", "analyst_views"])


def _top_of_last_day(frame: pl.DataFrame, *columns: str) -> tuple[pl.DataFrame, str | None]:
    last_day = frame["news_date"].max()
    top = frame.filter(pl.col("news_date") == last_day).select(columns)
    return top, None if last_day is None else str(last_day)


def entity_counts_asset(
    context: dg.AssetExecutionContext, mentions: pl.DataFrame, articles: pl.DataFrame
) -> pl.DataFrame:
    frame = entity_counts(mentions, articles)
    top, day = _top_of_last_day(frame, "name", "type", "mentions", "articles", "outlets")
    context.add_output_metadata(frame_metadata(frame, preview=top, top_10_day=day))
    return frame


def cooccurrence_asset(context: dg.AssetExecutionContext, mentions: pl.DataFrame) -> pl.DataFrame:
    frame = cooccurrence(mentions)
    top, day = _top_of_last_day(frame, "name_a", "name_b", "articles")
    context.add_output_metadata(frame_metadata(frame, preview=top, top_10_day=day))
    return frame


def keyword_counts_asset(context: dg.AssetExecutionContext, keywords: pl.DataFrame) -> pl.DataFrame:
    frame = keyword_counts(keywords)
    top, day = _top_of_last_day(frame, "term", "articles", "count")
    context.add_output_metadata(frame_metadata(frame, preview=top, top_10_day=day))
    return frame


def source_volume_asset(
    context: dg.AssetExecutionContext, pages: pl.DataFrame, articles: pl.DataFrame, rejects: pl.DataFrame
) -> pl.DataFrame:
    frame = source_volume(pages, articles, rejects)
    context.add_output_metadata(frame_metadata(frame, preview=frame.sort("pages", descending=True)))
    return frame


def analyst_views(context: dg.AssetExecutionContext, storage: NewsStorage) -> dg.MaterializeResult:
    with storage.transaction() as conn:
        for view in VIEWS:
            conn.execute(view.create_sql())
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


def _aggregate(fn, table: TableSchema, ins: dict[str, dg.AssetIn], partitions) -> dg.AssetsDefinition:
    return dg.asset(
        key=asset_key(table),
        group_name="daily",
        description=table.description,
        ins=ins,
        metadata=definition_metadata(table),
        kinds=KINDS,
        **daily(partitions),
    )(fn)


@dg.definitions
def defs() -> dg.Definitions:
    partitions = daily_partitions(settings_in_scope())
    mentions = dg.AssetIn(asset_key(NLP_MENTIONS))

    def articles_columns(*columns: str) -> dg.AssetIn:
        return dg.AssetIn(asset_key(CLEAN_ARTICLES), metadata={"columns": list(columns)})

    aggregates = [
        _aggregate(
            entity_counts_asset,
            DAILY_ENTITY_COUNTS,
            {"mentions": mentions, "articles": articles_columns("article_id", "outlet", "duplicate_of")},
            partitions,
        ),
        _aggregate(cooccurrence_asset, DAILY_COOCCURRENCE, {"mentions": mentions}, partitions),
        _aggregate(
            keyword_counts_asset, DAILY_KEYWORD_COUNTS, {"keywords": dg.AssetIn(asset_key(NLP_KEYWORDS))}, partitions
        ),
        _aggregate(
            source_volume_asset,
            DAILY_SOURCE_VOLUME,
            {
                "pages": dg.AssetIn(asset_key(RAW_PAGES), metadata={"columns": ["news_date", "outlet"]}),
                "articles": articles_columns("news_date", "outlet", "duplicate_of"),
                "rejects": dg.AssetIn(asset_key(CLEAN_REJECTS), metadata={"columns": ["news_date", "outlet"]}),
            },
            partitions,
        ),
    ]
    views = dg.asset(
        key=ANALYST_VIEWS_KEY,
        group_name="daily",
        description=(
            "Friendly views for analysts, created in the database: "
            + ", ".join(f"`{v.name}`" for v in VIEWS)
            + ". Trending is a view so that it is right whatever order days were backfilled in."
        ),
        deps=[
            asset_key(t)
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
        pool=DUCKDB_POOL,
        automation_condition=dg.AutomationCondition.eager(),
    )(analyst_views)
    return dg.Definitions(assets=[*aggregates, views])
