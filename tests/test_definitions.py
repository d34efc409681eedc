"""What a user sees in the UI: asset keys, groups, descriptions, column schemas, checks, jobs, schedule, sensor;
and that the Definitions are built from the Settings given, never from import-time state."""

from pathlib import Path

import dagster as dg

from news_assets.definitions import build_definitions
from news_assets.schemas import ALL_TABLES
from news_assets.settings import Settings
from news_assets.storage import StorageConfig

SETTINGS = Settings(database=Path("/nonexistent/news.duckdb"), landing=Path("/nonexistent/landing"))
defs = build_definitions(SETTINGS)

TABLE_KEYS = {dg.AssetKey([t.schema, t.table]) for t in ALL_TABLES}
READ_COPY = dg.AssetKey(["publish", "read_copy"])
SEARCH_INDEX = dg.AssetKey(["nlp", "search_index"])
CCNEWS_KEYS = {dg.AssetKey(["raw", "ccnews_records"]), dg.AssetKey(["raw", "ccnews_scans"])}  # per WARC file
EXPECTED_KEYS = TABLE_KEYS | {dg.AssetKey(["daily", "analyst_views"]), READ_COPY, SEARCH_INDEX} | CCNEWS_KEYS


def test_every_table_is_an_asset_with_group_description_and_column_schema():
    graph = defs.resolve_asset_graph()
    assert set(graph.get_all_asset_keys()) == EXPECTED_KEYS
    for key in EXPECTED_KEYS:
        assert graph.get(key).description, key
        assert graph.get(key).group_name, key
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
    assert READ_COPY in job.asset_layer.executable_asset_keys
    catalog = defs.resolve_job_def("catalog_job")
    assert catalog.asset_layer.executable_asset_keys == {
        dg.AssetKey(["nlp", "entities"]),
        dg.AssetKey(["daily", "analyst_views"]),
        READ_COPY,
    }


def test_a_start_date_given_in_code_reaches_partitions_schedule_and_sensor(monkeypatch):
    monkeypatch.setenv("NEWS_ASSETS_START_DATE", "2020-01-01")
    built = build_definitions(Settings(database=Path("/x/n.duckdb"), landing=Path("/x/l"), start_date="2026-03-05"))
    graph = built.resolve_asset_graph()
    starts = {
        graph.get(key).partitions_def.start.date().isoformat()
        for key in graph.get_all_asset_keys()
        if isinstance(graph.get(key).partitions_def, dg.TimeWindowPartitionsDefinition)  # not the ccnews files
    }
    assert starts == {"2026-03-05"}
    job = built.resolve_job_def("daily_news_job")
    assert job.partitions_def.get_first_partition_key() == "2026-03-05"
    checks = built.resolve_asset_graph().asset_check_keys
    assert checks
    # Building again with other settings does not leak the first build's into the second.
    other = build_definitions(Settings(database=Path("/x/n.duckdb"), landing=Path("/x/l"), start_date="2025-07-01"))
    assert other.resolve_job_def("daily_news_job").partitions_def.get_first_partition_key() == "2025-07-01"


def test_the_environment_is_read_when_dagster_loads_the_code_location_not_at_import(monkeypatch, tmp_path):
    import news_assets.definitions as location

    monkeypatch.setenv("NEWS_ASSETS_START_DATE", "2026-02-03")
    monkeypatch.setenv("NEWS_ASSETS_HOME", str(tmp_path))
    monkeypatch.delenv("NEWS_ASSETS_DB", raising=False)
    loaded = location.defs()  # what Dagster calls when it loads the module's @dg.definitions
    assert loaded.resolve_job_def("daily_news_job").partitions_def.get_first_partition_key() == "2026-02-03"
    storage = loaded.resources["storage"]
    assert storage.database == str(tmp_path / "data" / "news.duckdb")


def test_lake_storage_has_no_read_copy_and_gets_the_maintenance_job(tmp_path):
    lake = StorageConfig(mode="ducklake", database=str(tmp_path / "x"), catalog="dbname=l", data_path=str(tmp_path))
    built = build_definitions(Settings(database=tmp_path / "x", landing=tmp_path, storage=lake))
    keys = set(built.resolve_asset_graph().get_all_asset_keys())
    assert READ_COPY not in keys and dg.AssetKey(["lake", "maintenance"]) in keys
    assert built.resolve_job_def("ducklake_maintenance_job")
    assert READ_COPY not in built.resolve_job_def("catalog_job").asset_layer.executable_asset_keys
