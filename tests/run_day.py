"""Materialize one day in a process of its own, for tests that kill it or run several at once.

    python tests/run_day.py <database> <landing> <day> [<dagster_home>]

With a DAGSTER_HOME the run goes through that instance (and its concurrency pools); without, an ephemeral one.
"""

import sys
from pathlib import Path

import dagster as dg

from news_assets.definitions import build_definitions
from news_assets.settings import Settings


def main() -> int:
    database, landing, day = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
    settings = Settings(database=database, landing=landing, start_date="2026-11-01")
    instance = dg.DagsterInstance.get() if len(sys.argv) > 4 else dg.DagsterInstance.ephemeral()
    with instance:
        result = (
            build_definitions(settings)
            .resolve_job_def("daily_news_job")
            .execute_in_process(instance=instance, partition_key=day, raise_on_error=False)
        )
    return 0 if result.success else 1


if __name__ == "__main__":
    sys.exit(main())
