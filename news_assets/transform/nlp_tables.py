"""clean.articles → the nlp.* tables, from one Kiwi pass over the day's unique articles.

Duplicates are not analysed again: they carry the same story, and the daily aggregates count a story once.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from news_assets.nlp import analyze_many
from news_assets.schemas import NLP_KEYWORDS, NLP_MENTIONS, NLP_PERSON_ROLES, NLP_QUOTES, conform


@dataclass(frozen=True, slots=True)
class NlpTables:
    mentions: pl.DataFrame
    person_roles: pl.DataFrame
    quotes: pl.DataFrame
    keywords: pl.DataFrame


def unique_articles(articles: pl.DataFrame) -> pl.DataFrame:
    return articles.filter(pl.col("duplicate_of").is_null())


def analyze_articles(articles: pl.DataFrame, *, workers: int | None = None) -> NlpTables:
    unique = unique_articles(articles).select("news_date", "article_id", "body")
    analyses = analyze_many(unique["body"].to_list(), workers=workers)
    mentions, roles, quotes, keywords = [], [], [], []
    for (news_date, article_id, _body), analysis in zip(unique.iter_rows(), analyses, strict=True):
        key = {"news_date": news_date, "article_id": article_id}
        mentions += [
            {
                **key,
                "entity_id": m.entity_id,
                "name": m.name,
                "surface": m.surface,
                "type": m.type,
                "start": m.start,
                "end": m.end,
                "sentence_no": m.sentence_no,
            }
            for m in analysis.mentions
        ]
        roles += [
            {
                **key,
                "person": r.person,
                "title": r.title,
                "affiliation": r.affiliation,
                "person_entity_id": r.person_entity_id,
                "affiliation_entity_id": r.affiliation_entity_id,
                "start": r.start,
                "end": r.end,
            }
            for r in analysis.person_roles
        ]
        quotes += [
            {
                **key,
                "speaker": q.speaker,
                "speaker_entity_id": q.speaker_entity_id,
                "speaker_title": q.speaker_title,
                "quote": q.quote,
                "start": q.start,
                "end": q.end,
            }
            for q in analysis.quotes
        ]
        keywords += [{**key, "term": k.term, "count": k.count} for k in analysis.keywords]
    return NlpTables(
        mentions=_frame(mentions, NLP_MENTIONS),
        person_roles=_frame(roles, NLP_PERSON_ROLES),
        quotes=_frame(quotes, NLP_QUOTES),
        keywords=_frame(keywords, NLP_KEYWORDS),
    )


def _frame(rows: list[dict], table) -> pl.DataFrame:
    if not rows:
        return table.empty()
    return conform(pl.DataFrame(rows, schema=table.polars_schema), table)
