"""What a user sees in the UI: asset keys, groups, descriptions, column schemas, checks, jobs, schedule, sensor."""

import dagster as dg

from news_assets.definitions import defs
from news_assets.schemas import ALL_TABLES

TABLE_KEYS = {dg.AssetKey([t.schema, t.table]) for t in ALL_TABLES}
EXPECTED_KEYS = TABLE_KEYS | {dg.AssetKey(["daily", "analyst_views"])}


def test_every_table_is_an_asset_with_group_description_and_column_schema():
    graph = defs.resolve_asset_graph()
    assert set(graph.get_all_asset_keys()) == EXPECTED_KEYS
    for table in ALL_TABLES:
        node = graph.get(dg.AssetKey([table.schema, table.table]))
        assert node.group_name == table.schema
        assert node.description
        columns = node.metadata["dagster/column_schema"].columns
        assert [c.name for c in columns] == table.names
        assert all(c.description for c in columns)
        if table.partitioned:
            assert node.partitions_def.timezone == "Asia/Seoul"
            assert node.metadata["partition_expr"] == "news_date"
            assert node.backfill_policy == dg.BackfillPolicy.single_run()
        else:
            assert node.partitions_def is None
        assert node.pools == {"duckdb"}


def test_lineage_runs_raw_to_clean_to_nlp_to_daily():
    graph = defs.resolve_asset_graph()
    parents = {key.to_user_string(): {p.to_user_string() for p in graph.get(key).parent_keys} for key in EXPECTED_KEYS}
    assert parents["clean/articles"] == {"raw/pages"}
    assert parents["nlp/mentions"] == {"clean/articles"}
    assert parents["nlp/entities"] == {"nlp/mentions"}
    assert parents["daily/entity_counts"] == {"nlp/mentions", "clean/articles"}
    assert parents["daily/source_volume"] == {"raw/pages", "clean/articles", "clean/rejects"}
    assert {"daily/entity_counts", "daily/keyword_counts", "nlp/quotes"} <= parents["daily/analyst_views"]


def test_checks_schedule_sensor_and_jobs():
    checks = {(k.asset_key.to_user_string(), k.name) for k in defs.resolve_asset_graph().asset_check_keys}
    assert {
        ("clean/articles", "every_page_accounted_for"),
        ("clean/articles", "no_empty_bodies"),
        ("clean/articles", "unique_article_ids"),
        ("raw/pages", "unique_page_ids"),
        ("daily/entity_counts", "totals_match_mentions"),
        ("daily/analyst_views", "trends_never_read_later_days"),
    } <= checks
    schedule = defs.resolve_schedule_def("daily_news_schedule")
    assert schedule.default_status == dg.DefaultScheduleStatus.STOPPED
    assert schedule.execution_timezone == "Asia/Seoul"
    assert schedule.cron_schedule == "0 1 * * *"
    sensor = defs.resolve_sensor_def("landing_folder_sensor")
    assert sensor.default_status == dg.DefaultSensorStatus.STOPPED
    job = defs.resolve_job_def("daily_news_job")
    assert job.partitions_def.timezone == "Asia/Seoul"
    assert dg.AssetKey(["nlp", "entities"]) not in job.asset_layer.executable_asset_keys
    catalog = defs.resolve_job_def("catalog_job")
    assert catalog.asset_layer.executable_asset_keys == {
        dg.AssetKey(["nlp", "entities"]),
        dg.AssetKey(["daily", "analyst_views"]),
    }
