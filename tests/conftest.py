from datetime import date

import dagster as dg
import pytest

SAMPLE_START = date(2026, 11, 16)


@pytest.fixture(scope="session")
def small_landing(tmp_path_factory):
    """Three days of generated sample pages in the landing layout, 12 pages a day."""
    from news_assets_sample import generate

    root = tmp_path_factory.mktemp("landing")
    generate(root, SAMPLE_START, 3, 12, 7)
    return root


@pytest.fixture(scope="session")
def sample_database(tmp_path_factory):
    """The bundled sample (data/sample) materialized the way `make demo` does it, as a read-only copy."""
    from news_assets_sample.landing import land_sample

    from news_assets.definitions import build_definitions
    from news_assets.settings import Settings
    from news_assets.storage.read_copy import snapshot_path
    from tests.paths import SAMPLE_DIR

    root = tmp_path_factory.mktemp("sample_db")
    settings = Settings(database=root / "news.duckdb", landing=root / "landing", start_date="2026-11-01")
    days = land_sample(SAMPLE_DIR, settings.landing)
    defs = build_definitions(settings)
    with dg.DagsterInstance.ephemeral() as instance:
        result = defs.resolve_job_def("daily_news_job").execute_in_process(
            instance=instance,
            tags={
                "dagster/asset_partition_range_start": days[0].isoformat(),
                "dagster/asset_partition_range_end": days[-1].isoformat(),
            },
        )
        assert result.success
        assert defs.resolve_job_def("catalog_job").execute_in_process(instance=instance).success
    return snapshot_path(settings.database)
