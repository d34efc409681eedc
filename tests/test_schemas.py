from datetime import date

import duckdb
import polars as pl
import pytest

from news_assets.schemas import ALL_TABLES, DAILY_SOURCE_VOLUME, conform


def test_every_partitioned_table_has_a_news_date_date_column_first():
    for table in ALL_TABLES:
        if table.partitioned:
            assert table.columns[0].name == "news_date"
            assert table.columns[0].sql_type == "DATE"
        assert all(c.description for c in table.columns), table.qualified_name
        assert len(set(table.names)) == len(table.names)


def test_create_sql_builds_every_table_with_the_schema_types():
    conn = duckdb.connect()
    for table in ALL_TABLES:
        conn.execute(f"CREATE SCHEMA IF NOT EXISTS {table.schema}")
        conn.execute(table.create_sql())
        conn.execute(table.create_sql())  # idempotent
        columns = conn.execute(f"DESCRIBE {table.qualified_name}").fetchall()
        assert [c[0] for c in columns] == table.names
        # DuckDB hands TIMESTAMPTZ back in UTC; the IO manager's cast restores the table's types.
        loaded = conn.execute(f"SELECT * FROM {table.qualified_name}").pl()
        assert loaded.cast(table.polars_schema).schema == table.polars_schema


def test_conform_orders_and_casts_and_refuses_missing_or_extra_columns():
    frame = pl.DataFrame(
        {
            "rejects": [1],
            "duplicates": [0],
            "articles": [3],
            "pages": [4],
            "outlet": ["a"],
            "news_date": [date(2026, 11, 16)],
        }
    )
    conformed = conform(frame, DAILY_SOURCE_VOLUME)
    assert conformed.columns == DAILY_SOURCE_VOLUME.names
    assert conformed.schema == DAILY_SOURCE_VOLUME.polars_schema
    with pytest.raises(ValueError, match="missing columns"):
        conform(frame.drop("pages"), DAILY_SOURCE_VOLUME)
    with pytest.raises(ValueError, match="unexpected columns"):
        conform(frame.with_columns(pl.lit(1).alias("junk")), DAILY_SOURCE_VOLUME)


def test_readme_tables_section_is_generated_from_the_schemas():
    import runpy

    from tests.paths import REPO_ROOT

    with_tables = runpy.run_path(str(REPO_ROOT / "scripts" / "table_docs.py"))["with_tables"]
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    assert readme == with_tables(readme), "README tables are stale: run `python scripts/table_docs.py`"
