"""The DuckDB IO manager: day replacement, atomicity when a write fails, loading with DuckDB ≥ 1.4."""

from datetime import date, datetime
from pathlib import Path

import dagster as dg
import duckdb
import polars as pl

from news_assets.defs.io_manager import TableIOManager
from news_assets.defs.metadata import definition_metadata
from news_assets.defs.partitions import daily_partitions
from news_assets.defs.storage import NewsStorage
from news_assets.kst import KST
from news_assets.schemas import DAILY_SOURCE_VOLUME, RAW_PAGES
from news_assets.settings import Settings

DAYS = daily_partitions(Settings(database=Path("unused.duckdb"), landing=Path("unused"), start_date="2026-11-01"))


def volume_rows(day: str, outlets: list[str]) -> pl.DataFrame:
    n = len(outlets)
    return pl.DataFrame(
        {
            "news_date": [date.fromisoformat(day)] * n,
            "outlet": outlets,
            "pages": [3] * n,
            "articles": [2] * n,
            "duplicates": [0] * n,
            "rejects": [1] * n,
        }
    )


PAYLOAD: dict[str, pl.DataFrame] = {}


@dg.asset(
    key=["daily", "source_volume"],
    partitions_def=DAYS,
    metadata=definition_metadata(DAILY_SOURCE_VOLUME),
)
def volume(context: dg.AssetExecutionContext) -> pl.DataFrame:
    return PAYLOAD[context.partition_key]


@dg.asset(partitions_def=DAYS, ins={"upstream": dg.AssetIn(["daily", "source_volume"])})
def reader(upstream: pl.DataFrame) -> None:
    PAYLOAD["loaded"] = upstream


def materialize(database, *assets, day):
    return dg.materialize(
        list(assets),
        partition_key=day,
        resources={"io_manager": TableIOManager(storage=NewsStorage(database=str(database)))},
        raise_on_error=False,
    )


def table(database) -> pl.DataFrame:
    with duckdb.connect(str(database), read_only=True) as conn:
        return conn.execute("SELECT * FROM daily.source_volume ORDER BY news_date, outlet").pl()


def test_rerun_replaces_the_day_and_leaves_other_days(tmp_path):
    db = tmp_path / "t.duckdb"
    PAYLOAD["2026-11-16"] = volume_rows("2026-11-16", ["a", "b"])
    PAYLOAD["2026-11-17"] = volume_rows("2026-11-17", ["a"])
    assert materialize(db, volume, day="2026-11-16").success
    assert materialize(db, volume, day="2026-11-17").success
    PAYLOAD["2026-11-16"] = volume_rows("2026-11-16", ["c"])
    assert materialize(db, volume, day="2026-11-16").success
    rows = table(db)
    assert rows.select("news_date", "outlet").rows() == [(date(2026, 11, 16), "c"), (date(2026, 11, 17), "a")]


def test_a_failed_write_keeps_the_previous_rows_of_the_day(tmp_path):
    db = tmp_path / "t.duckdb"
    PAYLOAD["2026-11-16"] = volume_rows("2026-11-16", ["a", "b"])
    assert materialize(db, volume, day="2026-11-16").success
    # A value DuckDB cannot store in BIGINT fails the insert after the day's delete ran: both roll back.
    PAYLOAD["2026-11-16"] = volume_rows("2026-11-16", ["x"]).with_columns(pl.lit("not a number").alias("pages"))
    assert not materialize(db, volume, day="2026-11-16").success
    assert table(db)["outlet"].to_list() == ["a", "b"]


def test_columns_are_inserted_by_name_whatever_the_frame_order(tmp_path):
    db = tmp_path / "t.duckdb"
    PAYLOAD["2026-11-16"] = volume_rows("2026-11-16", ["a"]).select(reversed(DAILY_SOURCE_VOLUME.names))
    assert materialize(db, volume, day="2026-11-16").success
    assert table(db).row(0, named=True) == {
        "news_date": date(2026, 11, 16),
        "outlet": "a",
        "pages": 3,
        "articles": 2,
        "duplicates": 0,
        "rejects": 1,
    }


def test_downstream_loads_its_partition_as_a_typed_frame(tmp_path):
    db = tmp_path / "t.duckdb"
    PAYLOAD["2026-11-16"] = volume_rows("2026-11-16", ["a", "b"])
    PAYLOAD["2026-11-17"] = volume_rows("2026-11-17", ["z"])
    assert materialize(db, volume, day="2026-11-16").success
    assert materialize(db, volume, day="2026-11-17").success
    assert materialize(db, volume, reader, day="2026-11-16").success
    loaded = PAYLOAD["loaded"]
    assert loaded.schema == DAILY_SOURCE_VOLUME.polars_schema
    assert loaded["outlet"].to_list() == ["a", "b"]


def test_an_empty_day_still_creates_the_table(tmp_path):
    db = tmp_path / "t.duckdb"
    PAYLOAD["2026-11-16"] = DAILY_SOURCE_VOLUME.empty()
    assert materialize(db, volume, day="2026-11-16").success
    assert table(db).is_empty()


def test_timestamps_come_back_in_kst(tmp_path):
    conn = duckdb.connect(str(tmp_path / "t.duckdb"))
    conn.execute("CREATE SCHEMA raw")
    conn.execute(RAW_PAGES.create_sql())
    conn.execute(
        "INSERT INTO raw.pages (news_date, page_id, fetched_at) VALUES (DATE '2026-11-16', 'p', ?)",
        [datetime(2026, 11, 16, 0, 30, tzinfo=KST)],
    )
    loaded = conn.execute("SELECT * FROM raw.pages").pl().cast(RAW_PAGES.polars_schema)
    assert loaded["fetched_at"][0] == datetime(2026, 11, 16, 0, 30, tzinfo=KST)
    assert loaded.schema["fetched_at"].time_zone == "Asia/Seoul"


# --- storage modes (news_assets.storage): configuration only; the DuckLake itself is tested in tests/scale ---


def test_settings_default_to_the_duckdb_file(monkeypatch, tmp_path):
    from news_assets.settings import Settings

    for name in ("NEWS_ASSETS_STORAGE", "NEWS_ASSETS_DUCKLAKE_CATALOG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NEWS_ASSETS_DB", str(tmp_path / "n.duckdb"))
    storage = Settings.from_env().storage_config
    assert (storage.mode, storage.database, storage.is_lake) == ("duckdb", str(tmp_path / "n.duckdb"), False)


def test_the_duckdb_files_buffer_pool_is_limited_and_the_limit_is_a_setting(monkeypatch, tmp_path):
    """A long backfill must not keep the blocks it wrote (DuckDB's own default is 80% of the machine's memory)."""
    from news_assets.defs.resources import build_resources

    monkeypatch.delenv("NEWS_ASSETS_STORAGE", raising=False)
    monkeypatch.setenv("NEWS_ASSETS_DB", str(tmp_path / "n.duckdb"))

    def limit_of_a_run_connection() -> str:
        storage = build_resources(Settings.from_env())["storage"].process_config_and_initialize()
        with storage.connection() as conn:
            return conn.execute("SELECT current_setting('memory_limit')").fetchone()[0]

    monkeypatch.delenv("NEWS_ASSETS_DUCKDB_MEMORY_LIMIT", raising=False)
    assert limit_of_a_run_connection() == "488.2 MiB"  # 512MB, as DuckDB prints it
    monkeypatch.setenv("NEWS_ASSETS_DUCKDB_MEMORY_LIMIT", "3GB")
    assert limit_of_a_run_connection() == "2.7 GiB"
    monkeypatch.setenv("NEWS_ASSETS_DUCKDB_MEMORY_LIMIT", "")
    with duckdb.connect() as plain:
        duckdb_default = plain.execute("SELECT current_setting('memory_limit')").fetchone()[0]
    assert limit_of_a_run_connection() == duckdb_default


def test_ducklake_mode_without_a_catalog_says_which_variable_to_set(monkeypatch):
    import pytest

    from news_assets.settings import Settings

    monkeypatch.setenv("NEWS_ASSETS_STORAGE", "ducklake")
    monkeypatch.delenv("NEWS_ASSETS_DUCKLAKE_CATALOG", raising=False)
    with pytest.raises(ValueError, match="NEWS_ASSETS_DUCKLAKE_CATALOG"):
        Settings.from_env()
    monkeypatch.setenv("NEWS_ASSETS_STORAGE", "sqlite")
    with pytest.raises(ValueError, match="NEWS_ASSETS_STORAGE"):
        Settings.from_env()


def test_the_attach_recipe_loads_the_wheels_extensions_and_sets_up_s3(monkeypatch):
    from pathlib import Path

    from news_assets.settings import Settings

    monkeypatch.setenv("NEWS_ASSETS_STORAGE", "ducklake")
    monkeypatch.setenv("NEWS_ASSETS_DUCKLAKE_CATALOG", "host=127.0.0.1 port=5432 user=news dbname=lake")
    monkeypatch.setenv("NEWS_ASSETS_DUCKLAKE_DATA", "s3://bucket/news/")
    monkeypatch.setenv("NEWS_ASSETS_S3_ENDPOINT", "http://127.0.0.1:9000")
    monkeypatch.setenv("NEWS_ASSETS_S3_KEY_ID", "key")
    monkeypatch.setenv("NEWS_ASSETS_S3_SECRET", "secret")
    from news_assets.storage import attach_statements

    statements = attach_statements(Settings.from_env().storage_config)
    loads = [s.split("'")[1] for s in statements if s.startswith("LOAD")]
    assert [Path(p).name for p in loads] == [
        "postgres_scanner.duckdb_extension",
        "ducklake.duckdb_extension",
        "httpfs.duckdb_extension",
    ]
    assert all(Path(p).exists() for p in loads)
    secret = next(s for s in statements if "SECRET" in s)
    assert "ENDPOINT '127.0.0.1:9000'" in secret and "USE_SSL false" in secret and "URL_STYLE 'path'" in secret
    assert "SET ducklake_max_retry_count = 30" in statements
    assert statements[-2:] == [
        "ATTACH 'ducklake:postgres:host=127.0.0.1 port=5432 user=news dbname=lake' AS news (DATA_PATH 's3://bucket/news/')",
        "USE news",
    ]


def test_the_io_manager_and_the_resource_carry_the_same_storage(tmp_path):
    from news_assets.defs.resources import build_resources
    from news_assets.storage import StorageConfig

    lake = StorageConfig(mode="ducklake", database=str(tmp_path / "x"), catalog="dbname=l", data_path=str(tmp_path))
    resources = build_resources(Settings(database=tmp_path / "x", landing=tmp_path, storage=lake))
    assert resources["io_manager"].storage.config() == lake
    assert resources["storage"].config() == lake
    file_resources = build_resources(Settings(database=tmp_path / "x", landing=tmp_path))
    assert file_resources["storage"].config().mode == "duckdb"


def test_secrets_from_the_environment_reach_the_resource_as_env_vars(monkeypatch, tmp_path):
    from news_assets.defs.resources import build_resources

    monkeypatch.setenv("NEWS_ASSETS_STORAGE", "ducklake")
    monkeypatch.setenv("NEWS_ASSETS_DUCKLAKE_CATALOG", "host=db user=news password=hunter2 dbname=lake")
    monkeypatch.setenv("NEWS_ASSETS_DUCKLAKE_DATA", str(tmp_path))
    monkeypatch.setenv("NEWS_ASSETS_S3_SECRET", "s3cret")
    storage = build_resources(Settings.from_env())["storage"]
    assert storage.ducklake_catalog == dg.EnvVar("NEWS_ASSETS_DUCKLAKE_CATALOG")
    assert storage.s3_secret == dg.EnvVar("NEWS_ASSETS_S3_SECRET")
    # Resolved when a run initializes the resource, from the environment of that process.
    resolved = storage.process_config_and_initialize()
    assert resolved.config().catalog == "host=db user=news password=hunter2 dbname=lake"
    assert resolved.config().s3_secret == "s3cret"


def test_a_failing_sql_asset_rolls_back(tmp_path):
    db = tmp_path / "t.duckdb"
    storage = NewsStorage(database=str(db))
    with storage.transaction() as conn:
        conn.execute("CREATE TABLE t (x INTEGER)")
        conn.execute("INSERT INTO t VALUES (1)")
    try:
        with storage.transaction() as conn:
            conn.execute("DELETE FROM t")
            conn.execute("INSERT INTO t VALUES ('not a number')")
    except duckdb.Error:
        pass
    with storage.connection(read_only=True) as conn:
        assert conn.execute("SELECT x FROM t").fetchall() == [(1,)]


def test_a_day_written_one_at_a_time_stays_its_own_row_group(tmp_path):
    """DuckDB's checkpoint would merge the days' small row groups by rewriting them (a backfill's write then held
    the range, not the day): each day keeps its own row group, and a day written again replaces its own."""
    from datetime import timedelta

    from news_assets.defs.io_manager import DayWriter

    storage = NewsStorage(database=str(tmp_path / "t.duckdb"))
    writer = DayWriter(storage, DAILY_SOURCE_VOLUME)
    days = [date(2026, 11, 1) + timedelta(days=i) for i in range(12)]
    for day in days + days[3:4]:
        writer.write(day, volume_rows(day.isoformat(), ["a", "b", "c"]))
    with storage.connection() as conn:
        groups = conn.execute(
            "SELECT count(DISTINCT row_group_id) FROM pragma_storage_info('daily.source_volume')"
        ).fetchone()
        rows = conn.execute("SELECT news_date, count(*) FROM daily.source_volume GROUP BY 1 ORDER BY 1").fetchall()
    assert groups == (len(days),)
    assert rows == [(day, 3) for day in days]
