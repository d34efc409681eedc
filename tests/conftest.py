import warnings
from datetime import date

import dagster as dg
import pytest

# Dagster marks BackfillPolicy and pools as beta; the warnings say nothing about this project.
warnings.filterwarnings("ignore", category=dg.BetaWarning)
warnings.filterwarnings("ignore", category=dg.PreviewWarning)

SAMPLE_START = date(2026, 11, 16)


@pytest.fixture(scope="session")
def small_landing(tmp_path_factory):
    """Three days of generated sample pages in the landing layout, 12 pages a day."""
    from news_assets.sample import generate

    root = tmp_path_factory.mktemp("landing")
    generate(root, SAMPLE_START, 3, 12, 7)
    return root
