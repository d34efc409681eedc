"""How a table of `news_assets.schemas` appears in Dagster: its asset key, its output spec, its day partitions.

Asset keys are `<DuckDB schema>/<table>`, so the lineage in the UI is the set of tables in the database. Every
DuckDB writer sits in the `duckdb` concurrency pool: a DuckDB file takes one writer process at a time.
"""

from __future__ import annotations

from typing import Any

import dagster as dg

from news_assets.defs.metadata import definition_metadata
from news_assets.schemas import TableSchema

DUCKDB_POOL = "duckdb"
KINDS = {"duckdb", "polars"}


def asset_key(table: TableSchema) -> dg.AssetKey:
    return dg.AssetKey([table.schema, table.table])


def table_out(table: TableSchema) -> dg.AssetOut:
    return dg.AssetOut(
        key=asset_key(table),
        description=table.description,
        group_name=table.schema,
        metadata=definition_metadata(table),
        kinds=KINDS,
        is_required=True,
    )


def daily(partitions: dg.PartitionsDefinition) -> dict[str, Any]:
    """The arguments every day-partitioned asset shares: one run per range in a backfill, the DuckDB writers' concurrency pool."""
    return {"partitions_def": partitions, "backfill_policy": dg.BackfillPolicy.single_run(), "pool": DUCKDB_POOL}
