"""Daily aggregates and the entity registry, as polars expressions over the upstream tables."""

from __future__ import annotations

import polars as pl

from news_assets.schemas import (
    DAILY_COOCCURRENCE,
    DAILY_ENTITY_COUNTS,
    DAILY_KEYWORD_COUNTS,
    DAILY_SOURCE_VOLUME,
    conform,
)


def story_outlets(articles: pl.DataFrame) -> pl.DataFrame:
    """article_id of each unique story → every outlet that carried it (its own and its duplicates')."""
    story = pl.coalesce("duplicate_of", "article_id").alias("article_id")
    return articles.select(story, "outlet").unique()


def entity_counts(mentions: pl.DataFrame, articles: pl.DataFrame) -> pl.DataFrame:
    """Mentions come from unique articles only (see nlp_tables), so a wire story carried by five outlets
    counts once in `mentions` and `articles`, while `outlets` counts all five: how widely it was carried."""
    per_entity = mentions.group_by("news_date", "entity_id").agg(
        pl.col("name").mode().sort().first().alias("name"),
        pl.col("type").mode().sort().first().alias("type"),
        pl.len().cast(pl.Int64).alias("mentions"),
        pl.col("article_id").n_unique().cast(pl.Int64).alias("articles"),
    )
    outlets = (
        mentions.select("news_date", "entity_id", "article_id")
        .unique()
        .join(story_outlets(articles), on="article_id", how="inner")
        .group_by("news_date", "entity_id")
        .agg(pl.col("outlet").n_unique().cast(pl.Int64).alias("outlets"))
    )
    frame = (
        per_entity.join(outlets, on=["news_date", "entity_id"], how="left")
        .with_columns(pl.col("outlets").fill_null(0))
        .sort(["news_date", "mentions", "name"], descending=[False, True, False])
    )
    return conform(frame, DAILY_ENTITY_COUNTS)


def cooccurrence(mentions: pl.DataFrame, max_entities_per_article: int = 12) -> pl.DataFrame:
    """Entity pairs that share an article, per day. Each article contributes pairs among at most its
    `max_entities_per_article` most mentioned entities (ties: first mentioned), so a long article adds at most
    k(k-1)/2 pairs instead of growing quadratically with its length."""
    per_article = (
        mentions.group_by("news_date", "article_id", "entity_id")
        .agg(pl.len().alias("n"), pl.col("start").min().alias("first"), pl.col("name").first(), pl.col("type").first())
        .sort(["news_date", "article_id", "n", "first"], descending=[False, False, True, False])
        .group_by("news_date", "article_id", maintain_order=True)
        .head(max_entities_per_article)
    )
    left = per_article.select("news_date", "article_id", entity_a="entity_id", name_a="name", type_a="type")
    right = per_article.select("news_date", "article_id", entity_b="entity_id", name_b="name", type_b="type")
    frame = (
        left.join(right, on=["news_date", "article_id"])
        .filter(pl.col("entity_a") < pl.col("entity_b"))
        .group_by("news_date", "entity_a", "entity_b")
        .agg(
            pl.col("name_a").first(),
            pl.col("type_a").first(),
            pl.col("name_b").first(),
            pl.col("type_b").first(),
            pl.col("article_id").n_unique().cast(pl.Int64).alias("articles"),
        )
        .sort(["news_date", "articles", "name_a", "name_b"], descending=[False, True, False, False])
    )
    return conform(frame, DAILY_COOCCURRENCE)


def keyword_counts(keywords: pl.DataFrame) -> pl.DataFrame:
    frame = (
        keywords.group_by("news_date", "term")
        .agg(
            pl.col("article_id").n_unique().cast(pl.Int64).alias("articles"),
            pl.col("count").sum().cast(pl.Int64).alias("count"),
        )
        .sort(["news_date", "articles", "count", "term"], descending=[False, True, True, False])
    )
    return conform(frame, DAILY_KEYWORD_COUNTS)


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
    """SELECT of one row per canonical entity over every day of nlp.mentions; a person whose id is qualified by an
    affiliation (namesakes, `news_assets.nlp.ids`) is named `이름 (소속)`.

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
    ), qualified AS (
        -- Namesakes (nlp.ids): a person id qualified by an affiliation is shown as `이름 (소속)`. Every role
        -- with an affiliation gives its person the qualified id, so the affiliation is single-valued per id.
        SELECT person_entity_id AS entity_id, min(affiliation) AS affiliation
        FROM nlp.person_roles WHERE affiliation IS NOT NULL GROUP BY person_entity_id
    )
    SELECT
        s.entity_id,
        CASE WHEN s.type = 'PER' AND q.affiliation IS NOT NULL THEN s.name || ' (' || q.affiliation || ')'
             ELSE s.name END AS name,
        s.type, a.aliases, s.first_seen, s.last_seen, s.days, s.articles, s.mentions
    FROM stats s JOIN aliases a USING (entity_id) LEFT JOIN qualified q USING (entity_id)
    ORDER BY s.mentions DESC, name
    """
