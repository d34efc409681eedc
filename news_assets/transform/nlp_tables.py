"""clean.articles → the nlp.* tables, from one Kiwi pass over the day's unique articles.

Duplicates are not analysed again: they carry the same story, and the daily aggregates count a story once.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import polars as pl

from news_assets.nlp.analyzer import Analyzer
from news_assets.nlp.ids import link_namesakes
from news_assets.schemas import NLP_KEYWORDS, NLP_MENTIONS, NLP_PERSON_ROLES, NLP_QUOTES, conform


@dataclass(frozen=True, slots=True)
class NlpTables:
    mentions: pl.DataFrame
    person_roles: pl.DataFrame
    quotes: pl.DataFrame
    keywords: pl.DataFrame


def unique_articles(articles: pl.DataFrame) -> pl.DataFrame:
    return articles.filter(pl.col("duplicate_of").is_null())


def analyze_articles(
    articles: pl.DataFrame, *, analyzer: Analyzer | None = None, workers: int | None = None
) -> NlpTables:
    """The nlp tables of the unique articles, read by ``analyzer`` (default: ``Analyzer.shared()``, the package
    gazetteer alone). ``workers`` sizes Kiwi's worker threads when this call loads the default analyzer;
    ``workers=1`` tokenizes on this thread."""
    analyzer = analyzer if analyzer is not None else Analyzer.shared(workers=workers)
    unique = unique_articles(articles).select("news_date", "article_id", "body")
    analyses = analyzer.analyze_many(unique["body"].to_list(), workers=workers)
    # Day by day (a backfill run holds several): a person named without an affiliation is the day's one person
    # of that name named with one (`nlp.ids.link_namesakes`).
    by_day: dict[object, list[int]] = {}
    for i, day in enumerate(unique["news_date"].to_list()):
        by_day.setdefault(day, []).append(i)
    for idx in by_day.values():
        for i, linked in zip(idx, link_namesakes([analyses[i] for i in idx]), strict=True):
            analyses[i] = linked
    tables: dict[str, list[dict]] = {"mentions": [], "person_roles": [], "quotes": [], "keywords": []}
    for (news_date, article_id, _body), analysis in zip(unique.iter_rows(), analyses, strict=True):
        key = {"news_date": news_date, "article_id": article_id}
        for name, rows in tables.items():
            # Each nlp table's columns are the article key plus the fields of the matching Analysis record.
            rows.extend({**key, **_fields(item)} for item in getattr(analysis, name))
    return NlpTables(
        mentions=_frame(tables["mentions"], NLP_MENTIONS),
        person_roles=_frame(tables["person_roles"], NLP_PERSON_ROLES),
        quotes=_frame(tables["quotes"], NLP_QUOTES),
        keywords=_frame(tables["keywords"], NLP_KEYWORDS),
    )


def _fields(record) -> dict:
    # A shallow dataclasses.asdict: the records hold only scalars, and asdict's deep copy is slow.
    return {f.name: getattr(record, f.name) for f in fields(record)}


def _frame(rows: list[dict], table) -> pl.DataFrame:
    if not rows:
        return table.empty()
    return conform(pl.DataFrame(rows, schema=table.polars_schema), table)
