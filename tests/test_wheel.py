"""The wheel is the product: built, installed into a fresh venv and run from an empty folder, it makes the same
mentions as the checkout, and it holds the pipeline alone (no sample generator, no scripts)."""

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import dagster as dg
import duckdb
import pytest

from news_assets.definitions import build_definitions
from news_assets.settings import Settings
from tests.paths import REPO_ROOT

DAY = "2026-11-16"
UV = shutil.which("uv", path=str(Path(sys.executable).parent)) or shutil.which("uv")

pytestmark = [pytest.mark.slow, pytest.mark.skipif(UV is None, reason="uv is not installed (make env installs it)")]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [UV, "build", "--wheel", "--package", "news-assets", "--out-dir", str(out), "--quiet"],
        cwd=REPO_ROOT,
        check=True,
    )
    (built,) = out.glob("news_assets-*.whl")
    return built


def test_the_wheel_holds_the_pipeline_and_its_data_alone(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "news_assets/data/gazetteer/organizations.csv" in names
    assert "news_assets/defs/raw.py" in names
    assert not [n for n in names if "sample" in n.split("/")[0] or n.startswith("news_assets/sample/")]
    assert not [n for n in names if n.startswith(("scripts/", "bench/", "tests/", "packages/", "data/"))]


def _mentions(database: Path) -> list[tuple]:
    with duckdb.connect(str(database), read_only=True) as conn:
        return conn.execute(
            'SELECT article_id, entity_id, surface, type, start, "end" FROM nlp.mentions ORDER BY ALL'
        ).fetchall()


def test_the_installed_wheel_runs_a_landing_day_from_an_empty_folder(wheel, small_landing, tmp_path):
    venv = tmp_path / "venv"
    requirements = tmp_path / "requirements.txt"
    subprocess.run(
        [
            UV,
            "export",
            "--frozen",
            "--no-dev",
            "--no-emit-project",
            "--no-emit-workspace",
            "--no-hashes",
            "--package",
            "news-assets",
            "--output-file",
            str(requirements),
            "--quiet",
        ],
        cwd=REPO_ROOT,
        check=True,
    )
    subprocess.run([UV, "venv", "--quiet", "--python", sys.executable, str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [UV, "pip", "install", "--quiet", "--python", str(python), "-r", str(requirements), str(wheel)], check=True
    )

    work = tmp_path / "empty"
    work.mkdir()
    landing = work / "landing"
    shutil.copytree(small_landing / DAY, landing / DAY)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEWS_ASSETS_", "PYTHONPATH", "VIRTUAL_ENV"))}
    env.update(
        NEWS_ASSETS_LANDING=str(landing),
        NEWS_ASSETS_DB=str(work / "news.duckdb"),
        NEWS_ASSETS_START_DATE="2026-11-01",
        DAGSTER_HOME=str(work / "dagster_home"),
    )
    (work / "dagster_home").mkdir()
    run = subprocess.run(
        [
            str(venv / "bin" / "dagster"),
            "job",
            "execute",
            "-m",
            "news_assets.definitions",
            "-j",
            "daily_news_job",
            "--tags",
            json.dumps({"dagster/partition": DAY}),
        ],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    where = subprocess.run(
        [str(python), "-c", "import news_assets; print(news_assets.__file__)"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert str(venv) in where and str(REPO_ROOT) not in where, where
    assert (work / "news-read.duckdb").exists(), "the run published its read copy beside the database"

    checkout = Settings(database=tmp_path / "checkout.duckdb", landing=landing, start_date="2026-11-01")
    with dg.DagsterInstance.ephemeral() as instance:
        job = build_definitions(checkout).resolve_job_def("daily_news_job")
        assert job.execute_in_process(instance=instance, partition_key=DAY).success
    from_wheel, from_checkout = _mentions(work / "news.duckdb"), _mentions(checkout.database)
    assert from_checkout, "the day has mentions"
    assert from_wheel == from_checkout
