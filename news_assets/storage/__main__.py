"""Print the SQL that attaches the configured lake, for the DuckDB CLI:

    .venv/bin/python -m news_assets.storage > lake.sql && .venv/bin/duckdb -unsigned -init lake.sql

Reads the same NEWS_ASSETS_* variables as the pipeline (see news_assets/settings.py). `--write` leaves out
READ_ONLY, for a session that changes the lake.
"""

from __future__ import annotations

import sys

from news_assets.settings import Settings
from news_assets.storage import cli_script


def main(argv: list[str]) -> int:
    storage = Settings.from_env().storage_config
    if not storage.is_lake:
        print(f"-- storage is `{storage.mode}` (NEWS_ASSETS_STORAGE): open {storage.database} instead", file=sys.stderr)
        return 2
    sys.stdout.write(cli_script(storage, read_only="--write" not in argv))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
