import shutil

import dagster as dg

from news_assets.definitions import build_definitions
from news_assets.defs.resources import PageSources
from news_assets.settings import Settings


def evaluate(root, cursor=None):
    defs = build_definitions(Settings(database=root / "news.duckdb", landing=root, start_date="2026-11-01"))
    sensor = defs.resolve_sensor_def("landing_folder_sensor")
    context = dg.build_sensor_context(cursor=cursor, resources={"sources": PageSources(landing_root=str(root))})
    return sensor(context)


def test_sensor_requests_new_and_changed_days_once(tmp_path, small_landing):
    root = tmp_path / "landing"
    shutil.copytree(small_landing / "2026-11-16", root / "2026-11-16")
    first = evaluate(root)
    assert [r.partition_key for r in first.run_requests] == ["2026-11-16"]

    unchanged = evaluate(root, first.cursor)
    assert unchanged.run_requests == [] and unchanged.skip_reason

    shutil.copytree(small_landing / "2026-11-17", root / "2026-11-17")
    manifest = root / "2026-11-16" / "manifest.csv"
    manifest.write_text(manifest.read_text(encoding="utf-8") + "", encoding="utf-8")
    (root / "2026-11-16" / "pages" / "late-arrival.html").write_bytes(b"<html></html>")
    later = evaluate(root, unchanged.cursor)
    assert sorted(r.partition_key for r in later.run_requests) == ["2026-11-16", "2026-11-17"]
    assert len({r.run_key for r in later.run_requests}) == 2
