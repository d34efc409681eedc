"""Start the Dagster webserver on loopback and read, through GraphQL, what a user sees in the UI."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from news_assets.schemas import ALL_TABLES
from tests.paths import REPO_ROOT

pytestmark = pytest.mark.slow

WORKSPACE_QUERY = """
{
  workspaceOrError {
    __typename
    ... on Workspace {
      locationEntries {
        name
        loadStatus
        locationOrLoadError {
          __typename
          ... on PythonError { message }
          ... on RepositoryLocation {
            repositories {
              assetNodes {
                assetKey { path }
                groupName
                description
                isPartitioned
                partitionDefinition { description }
                assetChecksOrError { ... on AssetChecks { checks { name } } }
              }
              schedules { name cronSchedule executionTimezone scheduleState { status } }
              sensors { name sensorState { status } }
              jobs { name }
            }
          }
        }
      }
    }
  }
}
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def webserver(tmp_path_factory):
    home = tmp_path_factory.mktemp("dagster_home")
    (home / "dagster.yaml").write_text((REPO_ROOT / "dagster_home" / "dagster.yaml").read_text())
    port = free_port()
    env = {
        **os.environ,
        "DAGSTER_HOME": str(home),
        "NEWS_ASSETS_DB": str(home / "news.duckdb"),
        "NEWS_ASSETS_LANDING": str(home / "landing"),
    }
    command = [str(Path(sys.executable).with_name("dagster-webserver")), "-w", "workspace.yaml"]
    server = subprocess.Popen(
        [*command, "-h", "127.0.0.1", "-p", str(port)],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=30)


def loaded_location(base_url: str, timeout_s: float = 180.0) -> dict:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            answer = httpx.post(f"{base_url}/graphql", json={"query": WORKSPACE_QUERY}, timeout=10).json()
            entries = answer["data"]["workspaceOrError"]["locationEntries"]
            if entries and entries[0]["loadStatus"] == "LOADED":
                return entries[0]
        except (httpx.HTTPError, KeyError, TypeError, ValueError):
            pass
        time.sleep(1)
    raise AssertionError(f"the code location did not load within {timeout_s} s")


def test_ui_shows_assets_partitions_checks_schedule_and_sensor(webserver):
    location = loaded_location(webserver)
    assert location["name"] == "news_assets"
    assert location["locationOrLoadError"]["__typename"] == "RepositoryLocation", location["locationOrLoadError"]
    (repository,) = location["locationOrLoadError"]["repositories"]
    nodes = {"/".join(n["assetKey"]["path"]): n for n in repository["assetNodes"]}

    assert {f"{t.schema}/{t.table}" for t in ALL_TABLES} | {
        "daily/analyst_views",
        "publish/read_copy",
        "nlp/search_index",
        "raw/ccnews_records",
        "raw/ccnews_scans",
    } == set(nodes)
    for table in ALL_TABLES:
        node = nodes[f"{table.schema}/{table.table}"]
        assert node["groupName"] == table.schema and node["description"]
        assert node["isPartitioned"] == table.partitioned
        if table.partitioned:
            assert "Asia/Seoul" in node["partitionDefinition"]["description"]

    checks = {(key, c["name"]) for key, node in nodes.items() for c in node["assetChecksOrError"].get("checks", [])}
    assert ("clean/articles", "every_page_accounted_for") in checks
    assert ("daily/analyst_views", "trends_never_read_later_days") in checks

    (schedule,) = repository["schedules"]
    assert schedule["name"] == "daily_news_schedule"
    assert (schedule["cronSchedule"], schedule["executionTimezone"]) == ("0 1 * * *", "Asia/Seoul")
    assert schedule["scheduleState"]["status"] == "STOPPED"
    sensors = {s["name"]: s["sensorState"]["status"] for s in repository["sensors"]}
    assert sensors["landing_folder_sensor"] == "STOPPED"
    assert {"daily_news_job", "catalog_job"} <= {j["name"] for j in repository["jobs"]}
