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


class DaySummary:
    """Materialization metadata of an asset that writes its range one day at a time: the row count and rows per
    day over the range, a preview of the first rows (or of the last day's `top`), and summed extras."""

    def __init__(self, preview_rows: int = 10) -> None:
        self.preview_rows = preview_rows
        self.rows = 0
        self.per_day: list[tuple[object, int]] = []
        self.preview: pl.DataFrame | None = None
        self.top: pl.DataFrame | None = None
        self.totals: dict[str, int] = {}

    def add(self, frame: pl.DataFrame, *, day: object = None, top: pl.DataFrame | None = None, **counts: int) -> None:
        self.rows += frame.height
        if day is None and "news_date" in frame.columns and frame.height:
            day = frame["news_date"][0]
        if day is not None:
            self.per_day.append((day, frame.height))
        if self.preview is None or self.preview.height < self.preview_rows:
            head = frame.head(self.preview_rows)
            self.preview = head if self.preview is None else pl.concat([self.preview, head]).head(self.preview_rows)
        if top is not None and (top.height or self.top is None):
            self.top = top
        for name, value in counts.items():
            self.totals[name] = self.totals.get(name, 0) + value

    def metadata(self, top: pl.DataFrame | None = None, **extra: Any) -> dict[str, Any]:
        """`top` (e.g. a `RangeTally` ranked over the range) is shown instead of the last day's top or the first
        rows."""
        shown = top if top is not None else self.top if self.top is not None else self.preview
        metadata: dict[str, Any] = {
            "dagster/row_count": self.rows,
            "preview": dg.MetadataValue.md(markdown_table(shown if shown is not None else pl.DataFrame())),
        }
        if self.per_day:
            per_day = pl.DataFrame(self.per_day, schema=["news_date", "len"], orient="row")
            metadata["rows_per_day"] = dg.MetadataValue.md(markdown_table(per_day, rows=400))
        metadata.update({k: v for k, v in extra.items() if v is not None})
        return metadata


class RangeTally:
    """Counts summed by key over the days of a range (a top 10 of the range's entities or terms for the UI),
    kept as one row per key, never the days' rows."""

    def __init__(self, keys: list[str], count: str) -> None:
        self.keys = keys
        self.count = count
        self.frame: pl.DataFrame | None = None

    def add(self, counts: pl.DataFrame) -> None:
        """`counts`: the day's keys with their `count` column."""
        counts = counts.select(*self.keys, pl.col(self.count).cast(pl.Int64))
        combined = counts if self.frame is None else pl.concat([self.frame, counts])
        self.frame = combined.group_by(self.keys).agg(pl.col(self.count).sum())

    def ranked(self) -> pl.DataFrame:
        if self.frame is None:
            return pl.DataFrame()
        return self.frame.sort([self.count, *self.keys], descending=[True] + [False] * len(self.keys))
