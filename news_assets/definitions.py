"""The code location: `dagster dev -w workspace.yaml`, `dg dev`, `dg check defs`, or `dagster ... -m news_assets.definitions`.

The Definitions are the defs folder (`news_assets/defs/`) loaded the way dg projects load it, built from the
`Settings` given: `build_definitions(Settings(...))` in code, or `Settings.from_env()` when Dagster loads this
module (`defs` below is evaluated then, not at import).
"""

from __future__ import annotations

from pathlib import Path

import dagster as dg

import news_assets.defs
from news_assets.defs.scope import using_settings
from news_assets.settings import Settings

PACKAGE_ROOT = Path(news_assets.defs.__file__).resolve().parents[1]


def build_definitions(settings: Settings) -> dg.Definitions:
    """Every asset, check, job, schedule, sensor and resource of the defs folder, for these settings."""
    with using_settings(settings):
        tree = dg.ComponentTree.from_module(defs_module=news_assets.defs, project_root=PACKAGE_ROOT.parent)
        return tree.build_defs()


@dg.definitions
def defs() -> dg.Definitions:
    return build_definitions(Settings.from_env())
