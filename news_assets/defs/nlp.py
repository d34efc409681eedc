"""nlp/mentions, person_roles, quotes, keywords (one Kiwi pass a day) and the nlp/entities registry."""

from collections.abc import Iterator

import dagster as dg
import polars as pl

from news_assets.defs.metadata import definition_metadata, frame_metadata
from news_assets.defs.partitions import daily_partitions
from news_assets.defs.resources import NlpSettings
from news_assets.defs.scope import settings_in_scope
from news_assets.defs.storage import NewsStorage
from news_assets.defs.tables import DUCKDB_POOL, asset_key, daily, table_out
from news_assets.nlp.analyzer import Analyzer
from news_assets.schemas import (
    CLEAN_ARTICLES,
    NLP_ENTITIES,
    NLP_KEYWORDS,
    NLP_MENTIONS,
    NLP_PERSON_ROLES,
    NLP_QUOTES,
    conform,
)
from news_assets.transform.daily import entity_registry_sql
from news_assets.transform.nlp_tables import analyze_articles


def nlp_tables(context: dg.AssetExecutionContext, nlp: NlpSettings, articles: pl.DataFrame) -> Iterator[dg.Output]:
    analyzer = Analyzer.shared(tuple(nlp.extra_gazetteer_dirs), workers=nlp.kiwi_workers)
    tables = analyze_articles(articles, analyzer=analyzer)
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
            tables.person_roles, preview=tables.person_roles.select("news_date", "person", "title", "affiliation")
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


def entities_registry(context: dg.AssetExecutionContext, storage: NewsStorage) -> dg.MaterializeResult:
    with storage.transaction() as conn:
        conn.execute(f"CREATE SCHEMA IF NOT EXISTS {NLP_ENTITIES.schema}")
        conn.execute(NLP_ENTITIES.create_sql())
        conn.execute(f"DELETE FROM {NLP_ENTITIES.qualified_name}")
        conn.execute(f"INSERT INTO {NLP_ENTITIES.qualified_name} BY NAME {entity_registry_sql()}")
        frame = conn.execute(f"SELECT * FROM {NLP_ENTITIES.qualified_name} ORDER BY mentions DESC, name").pl()
    frame = conform(frame, NLP_ENTITIES)
    return dg.MaterializeResult(
        metadata=frame_metadata(
            frame,
            preview=frame.select("name", "type", "mentions", "articles", "days", "first_seen", "last_seen"),
            by_type=dg.MetadataValue.json(dict(frame.group_by("type").len().iter_rows())),
        )
    )


@dg.definitions
def defs() -> dg.Definitions:
    partitions = daily_partitions(settings_in_scope())
    tables = dg.multi_asset(
        name="nlp_tables",
        outs={
            "mentions": table_out(NLP_MENTIONS),
            "person_roles": table_out(NLP_PERSON_ROLES),
            "quotes": table_out(NLP_QUOTES),
            "keywords": table_out(NLP_KEYWORDS),
        },
        ins={"articles": dg.AssetIn(asset_key(CLEAN_ARTICLES))},
        description=(
            "One Kiwi pass over the day's unique articles: entity mentions, person roles, quotes and keywords. "
            "Duplicates are skipped, so a wire story counts once."
        ),
        **daily(partitions),
    )(nlp_tables)
    registry = dg.asset(
        key=asset_key(NLP_ENTITIES),
        group_name="nlp",
        description=NLP_ENTITIES.description + " Rebuilt from all of nlp.mentions whenever it changes.",
        deps=[asset_key(NLP_MENTIONS)],
        metadata=definition_metadata(NLP_ENTITIES),
        kinds={"duckdb", "sql"},
        pool=DUCKDB_POOL,
        automation_condition=dg.AutomationCondition.eager(),
    )(entities_registry)
    return dg.Definitions(assets=[tables, registry])
