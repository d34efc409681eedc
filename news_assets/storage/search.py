"""Korean full-text search: Kiwi morphemes indexed by DuckDB's `fts` extension, BM25-ranked, per-day upkeep.

**What is indexed.** `nlp.search_terms` holds, per unique article, the morphemes of its title, subtitle and body
that carry meaning (`SEARCH_TAGS`: nouns, verb and adjective stems, foreign words, hanja, roots), space-separated.
A query is cut by the same Kiwi, so 수출 finds 수출했다 (수출/NNG 하/XSV …) and 수출이 (수출/NNG 이/JKS), which
`LIKE '%수출%'` also finds, and 늘었다 finds 늘어난 (늘/VV), which `LIKE '%늘었다%'` does not.

**The index.** The `fts` extension (loaded from the `duckdb-ext-fts` wheel, never downloaded) builds its index
with `PRAGMA create_fts_index` over a whole table: tables `docs`, `terms` (one row per token), `dict` (with
document frequencies) and `stats` in the schema `fts_nlp_search_terms`, and the macros `tokenize` and
`match_bm25` that read them. Rebuilding it all after each day would cost time in proportion to every day
stored (a year of 2,000-page days is 730,000 documents), so the pragma runs once, to create the schema and
macros, and each day is then kept by `refresh_days`: the day's documents are deleted and inserted again in the
same tables, the document frequencies of their terms adjusted and the two statistics recomputed, in one
transaction. A document's `docid` encodes its day (`day_number * DAY_SPAN + n`), so a day's rows are a docid
range: deleting a day touches only that day, and a date filter is a docid range too.

**What a search reads.** The fts tables hold one row per token in docid order, so finding one term's documents
means reading the term column of every token stored (47.7 M for a year of 2,000-page days). The
`day_postings_NN` tables hold the same postings once per (document, term), with the term frequency and the
document's length, spread over POSTING_BUCKETS tables by term id (so a term's table holds a sixteenth of the
postings), each day's rows sorted by term, and kept by `refresh_days` with the rest. `search` looks up each
query term in its table with a constant filter, which the scan checks on the term column alone before it
reads a row's other columns, scores without a join, and joins only the best rows to their article ids
(`postings_sql`). The scores are the
fts extension's BM25 (k = 1.2, b = 0.75, the formula of `match_bm25` over the same statistics; an index made
before day_postings existed, read on a read-only connection, is ranked from the fts tables by `search_sql`;
tests/test_search.py checks that all three agree).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import duckdb
import polars as pl

from news_assets.schemas import NLP_SEARCH_TERMS, conform
from news_assets.storage.connect import extension_path

INDEX = "fts_nlp_search_terms"
# create_index runs fts's pragma over this empty table: its index schema is named INDEX too.
_STAND_IN_SCHEMA = "nlp_search"
_STAND_IN = f"{_STAND_IN_SCHEMA}.terms"
# What `search` reads: the postings again, one row per (document, term), in POSTING_BUCKETS tables by term id.
POSTING_BUCKETS = 16
DAY_SPAN = 1 << 20  # documents per day a docid range holds
EPOCH = date(1970, 1, 1)
SEARCH_TAGS = ("NNG", "NNP", "NR", "VV", "VA", "SL", "SH", "XR")
BM25_K = 1.2
BM25_B = 0.75


def load_fts(conn: duckdb.DuckDBPyConnection) -> None:
    """Load the fts extension from its wheel (nothing is downloaded)."""
    conn.execute(f"LOAD '{extension_path('fts')}'")


def fts_config() -> dict[str, Any]:
    return {
        "allow_unsigned_extensions": True,
        "autoinstall_known_extensions": False,
        "autoload_known_extensions": False,
    }


# --- morphemes ----------------------------------------------------------------------------------------------------


def _keep(tag: str) -> bool:
    return tag.split("-")[0] in SEARCH_TAGS


def morphemes(tokens: Iterable[Any]) -> list[str]:
    """The searchable forms of Kiwi tokens: kept tags only, foreign words lower-cased, accents left as written."""
    out = []
    for token in tokens:
        if _keep(token.tag):
            form = token.form.lower() if token.tag == "SL" else token.form
            form = "".join(form.split())
            if form:
                out.append(form)
    return out


def search_terms(articles: pl.DataFrame, kiwi: Any) -> pl.DataFrame:
    """nlp.search_terms rows of the unique articles (columns news_date, article_id, title, subtitle, body,
    duplicate_of), one Kiwi pass over their text."""
    unique = articles.filter(pl.col("duplicate_of").is_null()).sort("article_id")
    texts = [
        "\n".join(part for part in (title, subtitle, body) if part)
        for title, subtitle, body in unique.select("title", "subtitle", "body").iter_rows()
    ]
    rows = []
    for (news_date, article_id), tokens in zip(
        unique.select("news_date", "article_id").iter_rows(), kiwi.tokenize(texts), strict=True
    ):
        terms = morphemes(tokens)
        rows.append(
            {"news_date": news_date, "article_id": article_id, "terms": " ".join(terms), "term_count": len(terms)}
        )
    if not rows:
        return NLP_SEARCH_TERMS.empty()
    return conform(pl.DataFrame(rows, schema=NLP_SEARCH_TERMS.polars_schema), NLP_SEARCH_TERMS)


def query_terms(query: str, kiwi: Any) -> list[str]:
    """The distinct morphemes of a query, in order: what is looked up in the index."""
    seen: list[str] = []
    for term in morphemes(kiwi.tokenize(query)):
        if term not in seen:
            seen.append(term)
    return seen


# --- the index ----------------------------------------------------------------------------------------------------


def day_number(day: date) -> int:
    return (day - EPOCH).days


def docid_range(first: date, last: date) -> tuple[int, int]:
    return day_number(first) * DAY_SPAN, (day_number(last) + 1) * DAY_SPAN - 1


def index_exists(conn: duckdb.DuckDBPyConnection) -> bool:
    row = conn.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = ? AND table_name = 'docs'", [INDEX]
    ).fetchone()
    return bool(row and row[0])


def create_index(conn: duckdb.DuckDBPyConnection) -> None:
    """The fts schema, tables and macros, empty (refresh_days fills them with day-coded docids). The pragma reads
    a table whole, so it runs over an empty stand-in, `nlp_search.terms`, whose index schema has the same name
    (`fts_<schema>_<table>`): the index costs nothing to create however many days nlp.search_terms holds."""
    conn.execute(f"CREATE SCHEMA IF NOT EXISTS {_STAND_IN_SCHEMA}")
    conn.execute(f"CREATE OR REPLACE TABLE {_STAND_IN} (article_id VARCHAR, terms VARCHAR)")
    conn.execute(
        f"PRAGMA create_fts_index('{_STAND_IN}', 'article_id', 'terms', stemmer = 'none', "
        r"stopwords = 'none', ignore = '\s+', strip_accents = 1, lower = 0, overwrite = 1)"
    )
    conn.execute(f"DROP TABLE {_STAND_IN}")
    conn.execute(f"DROP SCHEMA {_STAND_IN_SCHEMA}")
    conn.execute(f"UPDATE {INDEX}.stats SET num_docs = 0, avgdl = 0")


def unindexed_days(conn: duckdb.DuckDBPyConnection) -> list[date]:
    """The days with nlp.search_terms rows and no document in the index (all of them when the index is new)."""
    if not index_exists(conn):
        return [
            r[0]
            for r in conn.execute(
                f"SELECT DISTINCT news_date FROM {NLP_SEARCH_TERMS.qualified_name} ORDER BY 1"
            ).fetchall()
        ]
    rows = conn.execute(
        f"""SELECT DISTINCT news_date FROM {NLP_SEARCH_TERMS.qualified_name}
            WHERE (news_date - DATE '{EPOCH.isoformat()}')::INTEGER NOT IN (
                SELECT DISTINCT (docid // {DAY_SPAN})::INTEGER FROM {INDEX}.docs)
            ORDER BY 1"""
    ).fetchall()
    return [r[0] for r in rows]


def index_is_stale(conn: duckdb.DuckDBPyConnection, day: date) -> bool:
    """Whether the index's documents of `day` are other articles than the day's nlp.search_terms rows (the day's
    terms were written again after the index was refreshed, e.g. by a run that relinked the day)."""
    if not index_exists(conn):
        return True
    lo, hi = docid_range(day, day)
    row = conn.execute(
        f"""SELECT count(*) FROM (SELECT article_id FROM {NLP_SEARCH_TERMS.qualified_name} WHERE news_date = $day) t
            FULL OUTER JOIN (SELECT name FROM {INDEX}.docs WHERE docid BETWEEN $lo AND $hi) d
            ON t.article_id = d.name
            WHERE t.article_id IS NULL OR d.name IS NULL""",
        {"day": day, "lo": lo, "hi": hi},
    ).fetchone()
    return bool(row and row[0])


def postings_table(termid: int) -> str:
    """The day_postings table that holds `termid`'s rows."""
    return f"{INDEX}.day_postings_{termid % POSTING_BUCKETS:02d}"


def _postings_tables() -> list[str]:
    return [postings_table(b) for b in range(POSTING_BUCKETS)]


def all_postings() -> str:
    """A FROM clause over every day_postings table (columns day, termid, docid, tf, len)."""
    return "(" + " UNION ALL ".join(f"SELECT * FROM {table}" for table in _postings_tables()) + ") AS postings"


def postings_exist(conn: duckdb.DuckDBPyConnection) -> bool:
    row = conn.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = ? AND table_name LIKE 'day_postings_%'",
        [INDEX],
    ).fetchone()
    return bool(row and row[0] == POSTING_BUCKETS)


def _write_postings(conn: duckdb.DuckDBPyConnection, source: str) -> None:
    """Append the postings of `source` (columns day, termid, docid, tf, len) to their tables, each day's rows
    sorted by term."""
    for bucket, table in enumerate(_postings_tables()):
        conn.execute(
            f"INSERT INTO {table} SELECT day, termid, docid, tf, len FROM {source} "
            f"WHERE termid % {POSTING_BUCKETS} = {bucket} ORDER BY day, termid, docid"
        )


def _create_postings(conn: duckdb.DuckDBPyConnection, stored_days: Sequence[int]) -> None:
    """The day_postings tables, filled from the index tables for `stored_days` (an index made before they
    existed), a month at a time so that memory stays bounded."""
    for table in _postings_tables():
        conn.execute(
            f"CREATE TABLE IF NOT EXISTS {table} (day INTEGER, termid BIGINT, docid BIGINT, tf INTEGER, len INTEGER)"
        )
    for start in range(0, len(stored_days), 31):
        conn.execute(
            f"""CREATE OR REPLACE TEMP TABLE _postings AS
                SELECT (t.docid // $span)::INTEGER AS day, t.termid, t.docid, count(*)::INTEGER AS tf,
                       any_value(d.len)::INTEGER AS len
                FROM {INDEX}.terms t JOIN {INDEX}.docs d USING (docid)
                WHERE list_contains($days, (t.docid // $span)::INTEGER)
                GROUP BY t.docid, t.termid""",
            {"days": list(stored_days[start : start + 31]), "span": DAY_SPAN},
        )
        _write_postings(conn, "_postings")
        conn.execute("DROP TABLE _postings")


def refresh_days(conn: duckdb.DuckDBPyConnection, days: Sequence[date]) -> int:
    """Make the index hold exactly the nlp.search_terms rows of `days` for those days; other days untouched.
    All the days in one batch, in the memory of their tokens: the asset passes one day at a time (a day's rows
    are a docid range, so a day reads only its own part of the index). Call inside a transaction. Returns the
    documents indexed."""
    if not index_exists(conn):
        create_index(conn)
        stored = [
            r[0] for r in conn.execute(f"SELECT DISTINCT news_date FROM {NLP_SEARCH_TERMS.qualified_name}").fetchall()
        ]
        days = sorted(set(days) | set(stored))
    day_numbers = sorted({day_number(d) for d in days})
    if not postings_exist(conn):
        indexed = [
            r[0] for r in conn.execute(f"SELECT DISTINCT (docid // {DAY_SPAN})::INTEGER FROM {INDEX}.docs").fetchall()
        ]
        _create_postings(conn, sorted(set(indexed) - set(day_numbers)))
    if not day_numbers:
        return 0
    lo, hi = day_numbers[0] * DAY_SPAN, (day_numbers[-1] + 1) * DAY_SPAN - 1
    params = {"days": day_numbers, "span": DAY_SPAN, "lo": lo, "hi": hi}
    in_days = "docid BETWEEN $lo AND $hi AND list_contains($days, (docid // $span)::INTEGER)"
    # The days' old documents: their terms' document frequencies go down, their rows go.
    conn.execute(
        f"""UPDATE {INDEX}.dict SET df = df - old.n
            FROM (SELECT termid, count(DISTINCT docid) AS n FROM {INDEX}.terms
                  WHERE {in_days} GROUP BY termid) AS old
            WHERE dict.termid = old.termid""",
        params,
    )
    conn.execute(f"DELETE FROM {INDEX}.terms WHERE {in_days}", params)
    conn.execute(f"DELETE FROM {INDEX}.docs WHERE {in_days}", params)
    for table in _postings_tables():
        conn.execute(
            f"DELETE FROM {table} WHERE day BETWEEN $first AND $last AND list_contains($days, day)",
            {"days": day_numbers, "first": day_numbers[0], "last": day_numbers[-1]},
        )
    # Their new documents, tokenized by the index's own tokenize macro; docid = day * DAY_SPAN + n.
    conn.execute(
        f"""CREATE OR REPLACE TEMP TABLE _new_tokens AS
            WITH d AS (
                SELECT (news_date - DATE '{EPOCH.isoformat()}')::BIGINT * $span
                       + row_number() OVER (PARTITION BY news_date ORDER BY article_id) - 1 AS docid,
                       article_id, terms
                FROM {NLP_SEARCH_TERMS.qualified_name}
                WHERE news_date BETWEEN $first AND $last
                  AND list_contains($days, (news_date - DATE '{EPOCH.isoformat()}')::INTEGER)
            )
            SELECT docid, article_id, unnest({INDEX}.tokenize(terms)) AS term FROM d""",
        {"days": day_numbers, "span": DAY_SPAN, "first": min(days), "last": max(days)},
    )
    conn.execute("DELETE FROM _new_tokens WHERE term = ''")
    conn.execute(
        f"""INSERT INTO {INDEX}.dict
            SELECT (SELECT coalesce(max(termid), -1) FROM {INDEX}.dict) + row_number() OVER (ORDER BY term), term, 0
            FROM (SELECT DISTINCT term FROM _new_tokens) AS t
            WHERE NOT EXISTS (SELECT 1 FROM {INDEX}.dict d WHERE d.term = t.term)"""
    )
    conn.execute(
        f"""INSERT INTO {INDEX}.terms
            SELECT t.docid, 0, d.termid FROM _new_tokens t JOIN {INDEX}.dict d USING (term) ORDER BY t.docid"""
    )
    conn.execute(
        f"""INSERT INTO {INDEX}.docs
            SELECT docid, article_id, count(*) FROM _new_tokens GROUP BY docid, article_id ORDER BY docid"""
    )
    conn.execute(
        f"""CREATE OR REPLACE TEMP TABLE _postings AS
            SELECT (t.docid // $span)::INTEGER AS day, d.termid, t.docid, count(*)::INTEGER AS tf,
                   any_value(l.len)::INTEGER AS len
            FROM _new_tokens t JOIN {INDEX}.dict d USING (term)
            JOIN (SELECT docid, count(*) AS len FROM _new_tokens GROUP BY docid) l USING (docid)
            GROUP BY t.docid, d.termid""",
        {"span": DAY_SPAN},
    )
    _write_postings(conn, "_postings")
    conn.execute("DROP TABLE _postings")
    conn.execute(
        f"""UPDATE {INDEX}.dict SET df = df + new.n
            FROM (SELECT d.termid, count(DISTINCT t.docid) AS n FROM _new_tokens t JOIN {INDEX}.dict d USING (term)
                  GROUP BY d.termid) AS new
            WHERE dict.termid = new.termid"""
    )
    row = conn.execute("SELECT count(DISTINCT docid) FROM _new_tokens").fetchone()
    conn.execute("DROP TABLE _new_tokens")
    conn.execute(f"DELETE FROM {INDEX}.dict WHERE df <= 0")
    conn.execute(
        f"""UPDATE {INDEX}.stats SET num_docs = (SELECT count(*) FROM {INDEX}.docs),
                                     avgdl = coalesce((SELECT avg(len) FROM {INDEX}.docs), 0)"""
    )
    return int(row[0]) if row else 0


# --- queries -------------------------------------------------------------------------------------------------------


def postings_sql(termids: Sequence[int], with_outlet: bool) -> str:
    """The best documents by BM25 (the formula of fts's match_bm25), read from day_postings: one branch per query
    term, on the table of its bucket, with a constant `termid =` filter, which the scan checks on the term column
    before it reads the other columns of a row (a join on the terms would hand the scan only a range of term
    ids, and it would read every posting in it); each posting carries its document's length, so scoring needs no
    join; only the best `$limit` (ties included) are joined to their names. Documents holding more of the terms
    first. Parameters: $t0…, $df0… (each term's id and document frequency, in the order of `termids`),
    $lo_day, $hi_day, $first, $last, $outlet, $limit."""
    branches = "\n        UNION ALL ".join(
        f"SELECT $df{i}::BIGINT AS df, docid, tf, len FROM {postings_table(termid)} "
        f"WHERE termid = $t{i} AND day BETWEEN $lo_day AND $hi_day"
        for i, termid in enumerate(termids)
    )
    outlet = (
        f"""WHERE docid IN (SELECT d.docid FROM {INDEX}.docs d WHERE d.name IN (
                SELECT coalesce(c.duplicate_of, c.article_id) FROM clean.articles c
                WHERE c.news_date BETWEEN $first AND $last AND c.outlet = $outlet))"""
        if with_outlet
        else ""
    )
    return f"""
    WITH hits AS (
        {branches}
    ),
    scored AS (
        SELECT docid,
               sum(log(((SELECT num_docs FROM {INDEX}.stats) - df + 0.5) / (df + 0.5) + 1)
                   * tf * ({BM25_K} + 1)
                   / (tf + {BM25_K} * (1 - {BM25_B} + {BM25_B} * len / (SELECT avgdl FROM {INDEX}.stats))))
                   AS score,
               count(*) AS matched
        FROM hits
        GROUP BY docid
    ),
    best AS (
        SELECT * FROM scored {outlet}
        QUALIFY rank() OVER (ORDER BY matched DESC, score DESC) <= $limit
    )
    SELECT d.name AS article_id, (s.docid // {DAY_SPAN})::INTEGER AS day_number, s.score, s.matched
    FROM best s JOIN {INDEX}.docs d USING (docid)
    ORDER BY s.matched DESC, s.score DESC, d.name
    LIMIT $limit
    """


def search_sql(with_outlet: bool) -> str:
    """The best documents by BM25 over the fts index tables (the formula of fts's match_bm25): any of the terms,
    documents holding more of them first, days as a docid range. Reads the index only (and, for an outlet, the
    narrow outlet columns of clean.articles); the articles' text is fetched for the few rows kept.
    Parameters: $terms (VARCHAR[]), $lo, $hi (docids), $first, $last, $outlet, $limit."""
    outlet = (
        """WHERE d.name IN (SELECT coalesce(c.duplicate_of, c.article_id) FROM clean.articles c
                            WHERE c.news_date BETWEEN $first AND $last AND c.outlet = $outlet)"""
        if with_outlet
        else ""
    )
    return f"""
    WITH q AS (SELECT termid, df FROM {INDEX}.dict WHERE list_contains($terms, term)),
    hits AS (
        SELECT t.docid, t.termid, count(*) AS tf
        FROM {INDEX}.terms t SEMI JOIN q USING (termid)
        WHERE t.docid BETWEEN $lo AND $hi
        GROUP BY t.docid, t.termid
    ),
    scored AS (
        SELECT h.docid,
               sum(log(((SELECT num_docs FROM {INDEX}.stats) - q.df + 0.5) / (q.df + 0.5) + 1)
                   * h.tf * ({BM25_K} + 1)
                   / (h.tf + {BM25_K} * (1 - {BM25_B} + {BM25_B} * d.len / (SELECT avgdl FROM {INDEX}.stats))))
                   AS score,
               count(*) AS matched
        FROM hits h JOIN q USING (termid) JOIN {INDEX}.docs d USING (docid)
        GROUP BY h.docid
    )
    SELECT d.name AS article_id, (s.docid // {DAY_SPAN})::INTEGER AS day_number, s.score, s.matched
    FROM scored s JOIN {INDEX}.docs d USING (docid)
    {outlet}
    ORDER BY s.matched DESC, s.score DESC, d.name
    LIMIT $limit
    """


@dataclass(frozen=True, slots=True)
class Hit:
    news_date: date
    outlet: str
    title: str
    snippet: str
    score: float
    article_id: str
    url: str


def search(
    conn: duckdb.DuckDBPyConnection,
    terms: Sequence[str],
    first: date,
    last: date,
    outlet: str | None = None,
    limit: int = 10,
) -> list[Hit]:
    """Articles of [first, last] matching any of `terms` (those matching more terms first), best BM25 first."""
    if not terms:
        return []
    params: dict[str, Any] = {"limit": limit}
    if outlet is not None:
        params.update(outlet=outlet, first=first, last=last)
    if postings_exist(conn):
        found = conn.execute(
            f"SELECT termid, df FROM {INDEX}.dict WHERE list_contains($terms, term) ORDER BY termid",
            {"terms": list(terms)},
        ).fetchall()
        if not found:
            return []
        for i, (termid, df) in enumerate(found):
            params[f"t{i}"], params[f"df{i}"] = termid, df
        params.update(lo_day=day_number(first), hi_day=day_number(last))
        ranked = conn.execute(postings_sql([termid for termid, _ in found], outlet is not None), params).fetchall()
    else:  # an index made before day_postings, on a read-only connection: the index tables themselves
        lo, hi = docid_range(first, last)
        params.update(terms=list(terms), lo=lo, hi=hi)
        ranked = conn.execute(search_sql(outlet is not None), params).fetchall()
    if not ranked:
        return []
    days = sorted({EPOCH + timedelta(days=day) for _, day, _, _ in ranked})
    ids = [article_id for article_id, _, _, _ in ranked]
    # The text of the kept rows only: the day filter prunes row groups, the id filter skips the rest.
    details = {
        row[0]: row[1:]
        for row in conn.execute(
            "SELECT article_id, news_date, outlet, title, body, url FROM clean.articles "
            "WHERE list_contains($days, news_date) AND list_contains($ids, article_id)",
            {"days": days, "ids": ids},
        ).fetchall()
    }
    hits = []
    for article_id, _, score, _ in ranked:
        if article_id not in details:
            continue
        news_date, outlet_id, title, body, url = details[article_id]
        hits.append(Hit(news_date, outlet_id, title or "", snippet(body or "", terms), float(score), article_id, url))
    return hits


def snippet(text: str, terms: Sequence[str], width: int = 36) -> str:
    """A window of `text` around the first place one of `terms` is written, marked «…»; else its start."""
    flat = " ".join(text.split())
    best = None
    for term in terms:
        m = re.search(re.escape(term), flat, flags=re.IGNORECASE)
        if m and (best is None or m.start() < best.start()):
            best = m
    if best is None:
        return flat[: 2 * width] + ("…" if len(flat) > 2 * width else "")
    start, end = max(0, best.start() - width), min(len(flat), best.end() + width)
    return (
        ("…" if start else "")
        + flat[start : best.start()]
        + "«"
        + flat[best.start() : best.end()]
        + "»"
        + flat[best.end() : end]
        + ("…" if end < len(flat) else "")
    )


def normalize(text: str) -> str:
    return unicodedata.normalize("NFC", text)
