from datetime import date

import duckdb
import polars as pl

from news_assets.schemas import NLP_ENTITIES, NLP_MENTIONS, NLP_PERSON_ROLES
from news_assets.transform.daily import (
    cooccurrence,
    entity_counts,
    entity_registry_sql,
    keyword_counts,
    source_volume,
)

D1, D2 = date(2026, 11, 16), date(2026, 11, 17)


def mentions_frame(rows):
    """rows: (day, article, entity, name, type, start)"""
    return pl.DataFrame(
        [
            {
                "news_date": d,
                "article_id": a,
                "entity_id": e,
                "name": n,
                "surface": n,
                "type": t,
                "start": s,
                "end": s + len(n),
                "sentence_no": 0,
            }
            for d, a, e, n, t, s in rows
        ],
        schema=NLP_MENTIONS.polars_schema,
    )


ARTICLES = pl.DataFrame(
    {
        "article_id": ["a1", "a2", "a3", "a1-copy", "a1-copy2"],
        "outlet": ["x", "y", "x", "z", "x"],
        "duplicate_of": [None, None, None, "a1", "a1"],
    }
)


def test_entity_counts_count_stories_once_and_outlets_that_carried_them():
    mentions = mentions_frame(
        [
            (D1, "a1", "e-naver", "네이버", "ORG", 0),
            (D1, "a1", "e-naver", "네이버", "ORG", 40),
            (D1, "a2", "e-naver", "네이버", "ORG", 3),
            (D1, "a1", "e-choi", "최수연", "PER", 10),
            (D2, "a3", "e-naver", "네이버", "ORG", 0),
        ]
    )
    counts = entity_counts(mentions, ARTICLES)
    naver_d1 = counts.filter((pl.col("news_date") == D1) & (pl.col("entity_id") == "e-naver")).row(0, named=True)
    assert (naver_d1["mentions"], naver_d1["articles"], naver_d1["outlets"]) == (3, 2, 3)  # x, y and copy at z
    choi = counts.filter(pl.col("entity_id") == "e-choi").row(0, named=True)
    assert (choi["mentions"], choi["articles"], choi["outlets"]) == (1, 1, 2)
    assert counts.filter(pl.col("news_date") == D2)["mentions"].to_list() == [1]
    assert counts["mentions"].sum() == mentions.height


def test_cooccurrence_pairs_each_article_once_and_bounds_long_articles():
    rows = [(D1, "a1", f"e{i:02d}", f"이름{i}", "ORG", i * 10) for i in range(30)]
    rows += [(D1, "a1", "e00", "이름0", "ORG", 999)]  # the most mentioned entity of a1
    rows += [(D1, "a2", "e00", "이름0", "ORG", 0), (D1, "a2", "e01", "이름1", "ORG", 5)]
    pairs = cooccurrence(mentions_frame(rows), max_entities_per_article=5)
    # a1 keeps its 5 top entities (e00 most mentioned, then the first mentioned): 10 pairs; a2 adds e00–e01.
    assert pairs.height == 10
    top = pairs.row(0, named=True)
    assert (top["entity_a"], top["entity_b"], top["articles"]) == ("e00", "e01", 2)
    assert (pairs["entity_a"] < pairs["entity_b"]).all()
    assert set(pairs["entity_a"]) | set(pairs["entity_b"]) == {"e00", "e01", "e02", "e03", "e04"}


def test_keyword_counts_sum_per_day():
    keywords = pl.DataFrame(
        {
            "news_date": [D1, D1, D1, D2],
            "article_id": ["a1", "a2", "a2", "a3"],
            "term": ["반도체", "반도체", "수출", "반도체"],
            "count": [3, 1, 2, 5],
        }
    )
    counts = keyword_counts(keywords)
    assert counts.filter(pl.col("news_date") == D1).rows() == [(D1, "반도체", 2, 4), (D1, "수출", 1, 2)]


def test_source_volume_adds_up_per_outlet():
    pages = pl.DataFrame({"news_date": [D1] * 5, "outlet": ["x", "x", "x", "y", "y"]})
    articles = pl.DataFrame({"news_date": [D1] * 3, "outlet": ["x", "x", "y"], "duplicate_of": [None, "a", None]})
    rejects = pl.DataFrame({"news_date": [D1, D1], "outlet": ["x", "y"]})
    volume = source_volume(pages, articles, rejects)
    assert volume.rows() == [(D1, "x", 3, 1, 1, 1), (D1, "y", 2, 1, 0, 1)]


def test_entity_registry_sql_spans_days_and_lists_aliases_by_frequency():
    conn = duckdb.connect()
    conn.execute("CREATE SCHEMA nlp")
    conn.execute(NLP_MENTIONS.create_sql())
    conn.execute(NLP_PERSON_ROLES.create_sql())
    mentions = mentions_frame(
        [
            (D1, "a1", "e-msit", "과학기술정보통신부", "ORG", 0),
            (D2, "a3", "e-msit", "과학기술정보통신부", "ORG", 0),
            (D2, "a3", "e-msit", "과학기술정보통신부", "ORG", 20),
        ]
    ).with_columns(surface=pl.Series(["과학기술정보통신부", "과기정통부", "과기정통부"]))
    conn.register("m", mentions.to_arrow())
    conn.execute("INSERT INTO nlp.mentions BY NAME SELECT * FROM m")
    registry = conn.execute(entity_registry_sql()).pl()
    assert registry.columns == NLP_ENTITIES.names
    row = registry.row(0, named=True)
    assert row["aliases"] == ["과기정통부", "과학기술정보통신부"]
    assert (row["first_seen"], row["last_seen"], row["days"], row["articles"], row["mentions"]) == (D1, D2, 2, 2, 3)
