"""Copy the bundled sample corpus into the landing folder, as a crawler would drop it there."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from news_assets.sources import landed_days

# The corpus the checkout carries (this package is a workspace member, installed editable from the checkout).
SAMPLE_DIR = Path(__file__).resolve().parents[3] / "data" / "sample"


def land_sample(sample: Path, landing: Path) -> list[date]:
    """Copy every sample day into `landing`, replacing that day's folder; return the days landed."""
    days = landed_days(sample)
    if not days:
        raise FileNotFoundError(f"no sample days (<YYYY-MM-DD>/manifest.csv) under {sample}")
    landing.mkdir(parents=True, exist_ok=True)
    for day in days:
        target = landing / day.isoformat()
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(sample / day.isoformat(), target)
    return days
