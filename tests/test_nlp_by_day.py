"""nlp_tables over a range of days: analysed and written one day at a time, with the rows of one-day runs."""

from datetime import date

import dagster as dg
import duckdb
import pytest

import news_assets.defs.nlp as nlp_defs
from news_assets.definitions import build_definitions
from news_assets.defs.tables import asset_key
from news_assets.nlp.ids import entity_id
from news_assets.schemas import (
    CLEAN_ARTICLES,
    CLEAN_FINGERPRINTS,
    CLEAN_REJECTS,
    NLP_KEYWORDS,
    NLP_MENTIONS,
    NLP_PERSON_ROLES,
    NLP_QUOTES,
    RAW_PAGES,
)
from news_assets.settings import Settings

pytestmark = pytest.mark.slow

DAY1, DAY2, DAY3 = "2026-11-16", "2026-11-17", "2026-11-18"
NLP = (NLP_MENTIONS, NLP_PERSON_ROLES, NLP_QUOTES, NLP_KEYWORDS)
SELECTION = {asset_key(t) for t in (RAW_PAGES, CLEAN_ARTICLES, CLEAN_REJECTS, CLEAN_FINGERPRINTS, *NLP)}


def materialize(settings: Settings, instance: dg.DagsterInstance, first: str, last: str) -> dg.ExecuteInProcessResult:
    job = build_definitions(settings).resolve_implicit_global_asset_job_def().get_subset(asset_selection=SELECTION)
    if first == last:
        result = job.execute_in_process(instance=instance, partition_key=first)
    else:
        tags = {"dagster/asset_partition_range_start": first, "dagster/asset_partition_range_end": last}
        result = job.execute_in_process(instance=instance, tags=tags)
    assert result.success
    return result


def rows(database, table) -> list[tuple]:
    with duckdb.connect(str(database), read_only=True) as conn:
        return conn.execute(f"SELECT * FROM {table.qualified_name} ORDER BY ALL").fetchall()


@pytest.fixture(scope="module")
def runs(tmp_path_factory, small_landing):
    """The same three days materialized in one range run and in three one-day runs, and the days each
    analyze_articles call of the range run saw."""
    calls: list[list[date]] = []
    analyze = nlp_defs.analyze_articles

    def spy(articles, **kwargs):
        calls.append(sorted(articles["news_date"].unique().to_list()))
        return analyze(articles, **kwargs)

    root = tmp_path_factory.mktemp("nlp-by-day")
    by_range = Settings(database=root / "range.duckdb", landing=small_landing, start_date="2026-11-01")
    by_day = Settings(database=root / "days.duckdb", landing=small_landing, start_date="2026-11-01")
    with dg.DagsterInstance.ephemeral() as instance:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(nlp_defs, "analyze_articles", spy)
            result = materialize(by_range, instance, DAY1, DAY3)
        for day in (DAY1, DAY2, DAY3):
            materialize(by_day, instance, day, day)
    return by_range.database, by_day.database, result, calls


def test_a_range_run_analyses_one_day_at_a_time(runs):
    *_, calls = runs
    # One call per day of the range, each with that day's articles alone (the range is never held at once).
    assert len(calls) == 3
    assert all(len(days) == 1 for days in calls)
    assert [str(days[0]) for days in calls] == [DAY1, DAY2, DAY3]


def test_a_range_run_writes_the_rows_of_one_day_runs(runs):
    range_db, days_db, *_ = runs
    # The same clean articles in both, so any difference below is the NLP step's.
    assert rows(range_db, CLEAN_ARTICLES) == rows(days_db, CLEAN_ARTICLES)
    for table in NLP:
        by_range = rows(range_db, table)
        assert by_range, f"{table.qualified_name} has no rows"
        assert by_range == rows(days_db, table), table.qualified_name
    # The namesake day links a person named without an affiliation to the one named with one, within the day.
    with duckdb.connect(str(range_db), read_only=True) as conn:
        people = conn.execute("SELECT DISTINCT name, entity_id FROM nlp.mentions WHERE type = 'PER'").fetchall()
    assert any(eid != entity_id(name, "PER") for name, eid in people)


def test_the_range_metadata_is_summed_over_the_days(runs):
    range_db, _, result, _ = runs
    metadata = {
        (m.asset_key.path[-1], m.partition): m.metadata
        for m in (e.materialization for e in result.get_asset_materialization_events())
    }
    # Dagster records a range run's output metadata on each partition of the range: the range's figures.
    mentions, quotes = metadata[("mentions", DAY2)], metadata[("quotes", DAY2)]
    with duckdb.connect(str(range_db), read_only=True) as conn:
        frame = conn.execute("SELECT * FROM nlp.mentions").pl()
        attributed = conn.execute("SELECT count(speaker) FROM nlp.quotes").fetchone()[0]
    assert mentions["dagster/row_count"].value == frame.height
    assert mentions["entities"].value == frame["entity_id"].n_unique()
    assert mentions["by_type"].value == dict(frame.group_by("type").len().iter_rows())
    assert quotes["attributed"].value == attributed
    top = frame.group_by("name", "type").len("mentions").sort(["mentions", "name"], descending=[True, False])
    name, entity_type, count = top.row(0)
    assert f"| {name} | {entity_type} | {count} |" in mentions["preview"].value
