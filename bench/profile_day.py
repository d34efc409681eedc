"""Profile one landing day through the pipeline's pure functions with cProfile; print JSON.

    python bench/profile_day.py <landing> <day>

Run as a script, not a module: `bench.hotspots` runs it against an older checkout of news_assets too (by
PYTHONPATH), to show a hot spot before and after its fix in the same run, so it imports nothing from bench.
Output: per stage wall and CPU seconds, and the functions with the most self time (time spent in their own
code, not in what they call). cProfile, not a sampling profiler: pyinstrument's sampler crashed the
interpreter (a segfault in libpython) twice here while Kiwi's threads ran; cProfile's deterministic hooks
slow Python code down a little but never crashed.
"""

from __future__ import annotations

import cProfile
import json
import pstats
import sys
import time
from datetime import date
from pathlib import Path

from news_assets.sources.base import LandingSource
from news_assets.transform import daily
from news_assets.transform.articles import extract_pages
from news_assets.transform.nlp_tables import analyze_articles
from news_assets.transform.pages import pages_frame

TOP = 15


def _short(file: str) -> str:
    for marker in ("site-packages/", "news_assets/"):
        if marker in file:
            return ("news_assets/" if marker == "news_assets/" else "") + file.split(marker, 1)[1]
    return file


def main() -> int:
    landing, day = Path(sys.argv[1]), date.fromisoformat(sys.argv[2])
    wall: dict[str, float] = {}
    cpu: dict[str, float] = {}
    profiler = cProfile.Profile()
    profiler.enable()

    def stage(name, fn):
        started, started_cpu = time.perf_counter(), time.process_time()
        result = fn()
        wall[name], cpu[name] = time.perf_counter() - started, time.process_time() - started_cpu
        return result

    pages = stage("read", lambda: pages_frame(LandingSource(landing).pages(day)))
    extracted = stage("extract", lambda: extract_pages(pages))
    nlp = stage("nlp", lambda: analyze_articles(extracted.articles))

    def aggregate():
        daily.entity_counts(nlp.mentions, extracted.articles)
        daily.cooccurrence(nlp.mentions)
        daily.keyword_counts(nlp.keywords)
        daily.source_volume(pages, extracted.articles, extracted.rejects)

    stage("aggregate", aggregate)
    profiler.disable()
    stats = pstats.Stats(profiler).stats  # (file, line, function) -> (calls, primitive calls, self, cumulative, …)
    total = sum(entry[2] for entry in stats.values()) or 1.0
    ranked = sorted(stats.items(), key=lambda item: item[1][2], reverse=True)[:TOP]
    top = [
        {"function": function, "file": _short(file), "calls": calls, "seconds": own, "share": own / total}
        for (file, _line, function), (_primitive, calls, own, _cumulative, _callers) in ranked
    ]
    print(json.dumps({"pages": pages.height, "wall": wall, "cpu": cpu, "top": top, "profiled_seconds": total}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
