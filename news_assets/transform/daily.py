"""Daily aggregates and the entity registry, as polars expressions over the upstream tables."""

from __future__ import annotations

import polars as pl

from news_assets.schemas import DAILY_ENTITY_COUNTS, DAILY_SOURCE_VOLUME, conform


def entity_counts(mentions: pl.DataFrame, articles: pl.DataFrame) -> pl.DataFrame:
    """Mentions come from unique articles only (see nlp_tables), so a wire story carried by five outlets
    counts once; `outlets` counts the outlets of those unique articles."""
    outlet_of = articles.select("article_id", "outlet")
    frame = (
        mentions.join(outlet_of, on="article_id", how="left")
        .group_by("news_date", "entity_id")
        .agg(
            pl.col("name").mode().sort().first().alias("name"),
            pl.col("type").first(),
            pl.len().cast(pl.Int64).alias("mentions"),
            pl.col("article_id").n_unique().cast(pl.Int64).alias("articles"),
            pl.col("outlet").drop_nulls().n_unique().cast(pl.Int64).alias("outlets"),
        )
        .sort(["news_date", "mentions", "name"], descending=[False, True, False])
    )
    return conform(frame, DAILY_ENTITY_COUNTS)


def source_volume(pages: pl.DataFrame, articles: pl.DataFrame, rejects: pl.DataFrame) -> pl.DataFrame:
    keys = ["news_date", "outlet"]
    page_counts = pages.group_by(keys).agg(pl.len().cast(pl.Int64).alias("pages"))
    article_counts = articles.group_by(keys).agg(
        pl.col("duplicate_of").is_null().sum().cast(pl.Int64).alias("articles"),
        pl.col("duplicate_of").is_not_null().sum().cast(pl.Int64).alias("duplicates"),
    )
    reject_counts = rejects.group_by(keys).agg(pl.len().cast(pl.Int64).alias("rejects"))
    frame = (
        page_counts.join(article_counts, on=keys, how="left")
        .join(reject_counts, on=keys, how="left")
        .with_columns(pl.col("articles", "duplicates", "rejects").fill_null(0))
        .sort(keys)
    )
    return conform(frame, DAILY_SOURCE_VOLUME)


def entity_registry_sql() -> str:
    """SELECT of one row per canonical entity over every day of nlp.mentions.

    Runs inside DuckDB: the registry spans all days, which would not fit comfortably in memory as a frame.
    """
    return """
    WITH per_surface AS (
        SELECT entity_id, surface, count(*) AS n FROM nlp.mentions GROUP BY ALL
    ), aliases AS (
        SELECT entity_id, list(surface ORDER BY n DESC, surface) AS aliases
        FROM per_surface GROUP BY entity_id
    ), stats AS (
        SELECT
            entity_id,
            -- entity_id derives from (name, type): these are single-valued, min() only says so.
            min(name) AS name,
            min(type) AS type,
            min(news_date) AS first_seen,
            max(news_date) AS last_seen,
            count(DISTINCT news_date)::INTEGER AS days,
            count(DISTINCT article_id)::BIGINT AS articles,
            count(*)::BIGINT AS mentions
        FROM nlp.mentions
        GROUP BY entity_id
    )
    SELECT s.entity_id, s.name, s.type, a.aliases, s.first_seen, s.last_seen, s.days, s.articles, s.mentions
    FROM stats s JOIN aliases a USING (entity_id)
    ORDER BY s.mentions DESC, s.name
    """
