"""The benchmarks at a smoke size, so that their code cannot rot. No speed is asserted here."""

import pytest

from bench.__main__ import SECTIONS
from bench.__main__ import main as run_benchmarks

pytestmark = pytest.mark.slow


def test_bench_quick_writes_every_section(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWS_ASSETS_BENCH_DAYS", str(tmp_path / "days"))
    out = tmp_path / "benchmarks.md"
    assert run_benchmarks(["--quick", "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    for section in SECTIONS:
        assert f"## {section.title}" in text
    # The entity section always runs (its gold set ships with the repo); the extraction section needs the
    # public corpus and says so when it is absent.
    assert "| PER |" in text or "| PER " in text
    assert (tmp_path / "benchmarks-extraction.md").exists() or "_not run" in text
    # The scale sections run on generated days, so they always produce their tables.
    assert "| extraction, one process, pages/s |" in text
    assert "Dagster / direct" in text and "| 40 | 1 |" in text
    assert "| 3. How much did each outlet publish" in text
    assert "Top functions by self time, now" in text
