"""The deployment profiles in deploy/ are valid, and the executor follows NEWS_ASSETS_EXECUTOR (offline: the real
services run in tests/scale under `make test-scale`)."""

from __future__ import annotations

import shutil

import dagster as dg
import pytest
import yaml
from dagster._core.instance.config import dagster_instance_config

from tests.paths import REPO_ROOT

DEPLOY = REPO_ROOT / "deploy"


def test_local_profile_is_the_committed_dagster_home():
    assert (DEPLOY / "local" / "dagster.yaml").resolve() == (REPO_ROOT / "dagster_home" / "dagster.yaml").resolve()


def test_scale_instance_config_is_valid_and_uses_postgres_with_psycopg2(tmp_path, monkeypatch):
    for name, value in {
        "DAGSTER_PG_HOST": "127.0.0.1",
        "DAGSTER_PG_PORT": "5432",
        "DAGSTER_PG_USER": "news",
        "DAGSTER_PG_PASSWORD": "",
        "DAGSTER_PG_DB": "dagster",
    }.items():
        monkeypatch.setenv(name, value)
    shutil.copy(DEPLOY / "scale" / "dagster.yaml", tmp_path / "dagster.yaml")
    config, _ = dagster_instance_config(str(tmp_path))
    assert config["storage"]["postgres"]["postgres_db"]["scheme"] == "postgresql+psycopg2"
    assert config["concurrency"]["runs"]["max_concurrent_runs"] >= 2
    assert config["concurrency"]["pools"]["default_limit"] >= 2
    assert config["run_launcher"]["class"] == "DefaultRunLauncher"


def test_celery_worker_config_and_workspace_read_the_same_variables():
    worker = yaml.safe_load((DEPLOY / "scale" / "celery.yaml").read_text())["execution"]["config"]
    assert worker == {"broker": {"env": "NEWS_ASSETS_CELERY_BROKER"}, "backend": {"env": "NEWS_ASSETS_CELERY_BACKEND"}}
    server = yaml.safe_load((DEPLOY / "scale" / "workspace.yaml").read_text())["load_from"][0]["grpc_server"]
    assert server["location_name"] == "news_assets"
    values = yaml.safe_load((DEPLOY / "k8s" / "values.yaml").read_text())
    assert values["runLauncher"]["type"] == "K8sRunLauncher"
    assert "NOT TESTED" in (DEPLOY / "k8s" / "values.yaml").read_text()


@pytest.mark.parametrize(
    ("value", "expected"), [(None, "in_process"), ("in_process", "in_process"), ("celery", "celery")]
)
def test_executor_follows_news_assets_executor(monkeypatch, value, expected):
    from news_assets.defs.automation import job_executor
    from news_assets.settings import Settings

    monkeypatch.delenv("NEWS_ASSETS_EXECUTOR", raising=False)
    if value is not None:
        monkeypatch.setenv("NEWS_ASSETS_EXECUTOR", value)
    assert job_executor(Settings.from_env()).name == expected


def test_an_unknown_executor_is_refused_with_the_choices(monkeypatch):
    from news_assets.settings import Settings

    monkeypatch.setenv("NEWS_ASSETS_EXECUTOR", "dask")
    with pytest.raises(ValueError, match="use one of in_process, celery"):
        Settings.from_env()


def test_default_jobs_keep_the_in_process_executor(tmp_path):
    from news_assets.definitions import build_definitions
    from news_assets.settings import Settings

    defs = build_definitions(Settings(database=tmp_path / "n.duckdb", landing=tmp_path))
    assert defs.resolve_job_def("daily_news_job").executor_def is dg.in_process_executor
