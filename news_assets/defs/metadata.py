"""Materialization metadata a person can read in the UI: counts, a markdown preview, column schemas."""

from __future__ import annotations

from typing import Any

import dagster as dg
import polars as pl

from news_assets.schemas import TableSchema


def column_schema(table: TableSchema) -> dg.TableSchema:
    return dg.TableSchema(
        columns=[dg.TableColumn(c.name, c.sql_type, description=c.description) for c in table.columns]
    )


def definition_metadata(table: TableSchema) -> dict[str, Any]:
    metadata: dict[str, Any] = {
        "dagster/column_schema": column_schema(table),
        "dagster/table_name": f"news.{table.qualified_name}",
    }
    if table.partitioned:
        metadata["partition_expr"] = "news_date"
    return metadata


def markdown_table(frame: pl.DataFrame, rows: int = 10, max_chars: int = 60) -> str:
    if frame.is_empty():
        return "_no rows_"
    shown = frame.head(rows).with_columns(pl.col(c).cast(pl.String).str.slice(0, max_chars) for c in frame.columns)
    header = "| " + " | ".join(shown.columns) + " |"
    rule = "| " + " | ".join("---" for _ in shown.columns) + " |"
    body = [
        "| " + " | ".join("" if v is None else str(v).replace("|", "\\|").replace("\n", " ") for v in row) + " |"
        for row in shown.iter_rows()
    ]
    return "\n".join([header, rule, *body])


def frame_metadata(frame: pl.DataFrame, preview: pl.DataFrame | None = None, **extra: Any) -> dict[str, Any]:
    """Row count, rows per day and a preview of the first rows (or of `preview`, e.g. a top 10)."""
    metadata: dict[str, Any] = {
        "dagster/row_count": frame.height,
        "preview": dg.MetadataValue.md(markdown_table(frame if preview is None else preview)),
    }
    if "news_date" in frame.columns and frame.height:
        per_day = frame.group_by("news_date").len().sort("news_date")
        metadata["rows_per_day"] = dg.MetadataValue.md(markdown_table(per_day, rows=400))
    metadata.update({k: v for k, v in extra.items() if v is not None})
    return metadata
