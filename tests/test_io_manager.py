"""The DuckDB IO manager: day replacement, atomicity when a write fails, loading with DuckDB ≥ 1.4."""

from datetime import date, datetime

import dagster as dg
import duckdb
import polars as pl

from news_assets.defs.io_manager import NewsDuckDBIOManager
from news_assets.defs.metadata import definition_metadata
from news_assets.defs.partitions import daily_partitions
from news_assets.schemas import DAILY_SOURCE_VOLUME, RAW_PAGES
from news_assets.time import KST


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
    partitions_def=daily_partitions,
    metadata=definition_metadata(DAILY_SOURCE_VOLUME),
)
def volume(context: dg.AssetExecutionContext) -> pl.DataFrame:
    return PAYLOAD[context.partition_key]


@dg.asset(partitions_def=daily_partitions, ins={"upstream": dg.AssetIn(["daily", "source_volume"])})
def reader(upstream: pl.DataFrame) -> None:
    PAYLOAD["loaded"] = upstream


def materialize(database, *assets, day):
    return dg.materialize(
        list(assets),
        partition_key=day,
        resources={"io_manager": NewsDuckDBIOManager(database=str(database))},
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
