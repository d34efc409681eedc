"""publish/read_copy: the read-only copy of the DuckDB file that analysts query while runs write (file storage).

The last step of both jobs, and an asset like any other: the UI shows when the copy was last published and
from what, and "Materialize" publishes it again. In DuckLake storage readers query the lake itself and this
asset does not exist.
"""

from pathlib import Path

import dagster as dg

from news_assets.defs.scope import settings_in_scope
from news_assets.defs.search import SEARCH_INDEX_KEY
from news_assets.defs.storage import NewsStorage
from news_assets.defs.tables import DUCKDB_POOL, asset_key
from news_assets.schemas import ALL_TABLES
from news_assets.storage.read_copy import needs_publishing, publish_snapshot, snapshot_path

READ_COPY_KEY = dg.AssetKey(["publish", "read_copy"])


def read_copy(context: dg.AssetExecutionContext, storage: NewsStorage) -> dg.MaterializeResult:
    database = Path(storage.database)
    snapshot = snapshot_path(database)
    if not database.exists():
        raise dg.Failure(f"{database} does not exist yet: materialize the daily assets first")
    published = needs_publishing(database, snapshot)
    if published:
        publish_snapshot(database, snapshot)
    else:
        context.log.info(f"{snapshot} is already as new as {database}")
    return dg.MaterializeResult(
        metadata={
            "path": dg.MetadataValue.path(str(snapshot)),
            "published": published,
            "megabytes": round(snapshot.stat().st_size / 1e6, 2),
            "query_it": dg.MetadataValue.md(f"`duckdb -readonly {snapshot}` (or `make sql` in the checkout)"),
        }
    )


def read_copy_asset() -> dg.AssetsDefinition:
    return dg.asset(
        key=READ_COPY_KEY,
        group_name="publish",
        description=(
            "The read-only copy `<database>-read.duckdb` that people and notebooks query: a DuckDB file takes one "
            "writer at a time and any open reader blocks it, so runs write the database and then publish this "
            "copy (bytes copied under a shared lock, renamed over the old copy; open readers keep their snapshot)."
        ),
        deps=[asset_key(t) for t in ALL_TABLES] + [dg.AssetKey(["daily", "analyst_views"]), SEARCH_INDEX_KEY],
        kinds={"duckdb"},
        pool=DUCKDB_POOL,
    )(read_copy)


@dg.definitions
def defs() -> dg.Definitions:
    if settings_in_scope().storage_config.is_lake:
        return dg.Definitions()
    return dg.Definitions(assets=[read_copy_asset()])
