"""The checkout's folders, for tests that read its docs, deploy profiles and bundled sample."""

from pathlib import Path

from news_assets_sample import SAMPLE_DIR

REPO_ROOT = Path(__file__).resolve().parents[1]

__all__ = ["REPO_ROOT", "SAMPLE_DIR"]
