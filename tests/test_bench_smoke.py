"""The benchmarks at a smoke size, so that their code cannot rot. No speed is asserted here."""

import pytest

from bench.__main__ import main as run_benchmarks

pytestmark = pytest.mark.slow


def test_bench_quick_writes_every_section(tmp_path):
    out = tmp_path / "benchmarks.md"
    assert run_benchmarks(["--quick", "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "## Extraction" in text and "## Entities" in text
    # The entity section always runs (its gold set ships with the repo); the extraction section needs the
    # public corpus and says so when it is absent.
    assert "| PER |" in text or "| PER " in text
    assert (tmp_path / "benchmarks-extraction.md").exists() or "_skipped" in text
