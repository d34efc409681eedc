"""Asset checks over a range: one day at a time (a backfill's checks hold a day, not the range), the same
violations found as over the range at once, and the rules whose violations span days still read the range."""

from contextlib import contextmanager
from datetime import date
from pathlib import Path

import duckdb
import polars as pl

from news_assets.defs.checks import RULES, check_windows, find_violations
from news_assets.schemas import CLEAN_ARTICLES, NLP_MENTIONS, RAW_PAGES
from news_assets.storage import ensure_tables

DAYS = [date(2026, 3, 2), date(2026, 3, 3), date(2026, 3, 4)]
RULE = {rule.name: rule for rule in RULES}


def _db(tmp_path: Path) -> Path:
    path = tmp_path / "news.duckdb"
    with duckdb.connect(str(path)) as conn:
        ensure_tables(conn, RAW_PAGES, CLEAN_ARTICLES, NLP_MENTIONS)
        articles = pl.DataFrame(
            {
                "news_date": DAYS,
                "article_id": ["a1", "a2", "a3"],
                "page_id": ["p1", "p2", "p3"],
                "body": ["서울 시청"] * 3,
            }
        )
        # a1 and a3 have a mention whose offsets do not match their surface; a2's is right.
        mentions = pl.DataFrame(
            {
                "news_date": DAYS,
                "article_id": ["a1", "a2", "a3"],
                "surface": ["부산", "서울", "시청"],
                "start": [0, 0, 0],
                "end": [2, 2, 2],
            }
        )
        # The same page id on the first and second day: a violation no single day shows.
        pages = pl.DataFrame({"news_date": DAYS, "page_id": ["p1", "p1", "p3"]})
        for table, frame in ((CLEAN_ARTICLES, articles), (NLP_MENTIONS, mentions), (RAW_PAGES, pages)):
            conn.register("frame", frame.to_arrow())
            conn.execute(f"INSERT INTO {table.qualified_name} BY NAME SELECT * FROM frame")
            conn.unregister("frame")
    return path


class Connections:
    """Opens a connection per call and records the parameters of each query."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.params: list[dict] = []

    @contextmanager
    def __call__(self):
        conn = duckdb.connect(str(self.path))
        recorded = self.params

        class Recording:
            def execute(self, sql: str, params: dict):
                recorded.append(params)
                return conn.execute(sql, params)

        try:
            yield Recording()
        finally:
            conn.close()


def test_a_day_rule_runs_one_day_at_a_time_on_its_own_connection_and_counts_every_day(tmp_path):
    connections = Connections(_db(tmp_path))
    rule = RULE["offsets_inside_body"]
    windows = check_windows(rule, (DAYS[0], DAYS[-1]))
    assert windows == [(day, day) for day in DAYS]

    count, examples = find_violations(connections, rule.violations_sql, windows)

    assert count == 2
    assert sorted(examples["article_id"].to_list()) == ["a1", "a3"]
    # One connection and one query per day, each for that day only: a range never reads more than a day.
    assert connections.params == [{"first": day, "last": day} for day in DAYS]


def test_examples_are_capped_but_the_count_is_not(tmp_path):
    rule = RULE["offsets_inside_body"]
    count, examples = find_violations(
        Connections(_db(tmp_path)), rule.violations_sql, check_windows(rule, (DAYS[0], DAYS[-1])), examples=1
    )
    assert (count, examples.height) == (2, 1)


def test_a_rule_whose_violations_span_days_reads_the_range_at_once(tmp_path):
    connections = Connections(_db(tmp_path))
    rule = RULE["unique_page_ids"]
    assert rule.across_days
    windows = check_windows(rule, (DAYS[0], DAYS[-1]))
    assert windows == [(DAYS[0], DAYS[-1])]

    count, examples = find_violations(connections, rule.violations_sql, windows)

    assert count == 1 and examples["page_id"].to_list() == ["p1"]
    # One day at a time would have missed it.
    assert find_violations(connections, rule.violations_sql, [(day, day) for day in DAYS])[0] == 0


def test_only_id_rules_read_the_range_and_unpartitioned_rules_read_everything():
    assert {rule.name for rule in RULES if rule.across_days} == {"unique_page_ids", "unique_article_ids"}
    unpartitioned = [rule for rule in RULES if "$first" not in rule.violations_sql]
    assert unpartitioned and all(check_windows(rule, (DAYS[0], DAYS[-1])) == [None] for rule in unpartitioned)
