"""Stories: how well daily/stories groups a day's articles into events and follows them across days, and
what it costs within a day's run.

    python -m bench.stories [--sample] [--pages N] [--days D] [--out FILE]
    python -m bench.stories --restory DATABASE TRUTH_DIR [--errors]

Quality is pairwise, against the event the sample generator records for each page (`_truth/<day>.jsonl`,
field `event`): over the unique articles (wire copies join their original trivially, so they are left out),
a pair is predicted together when both articles have the same story_id and truly together when both report
the same event. Within a day: pairs of the same day. Across days: pairs of articles on different days at most
the look-back window apart (follow-up links). Cost: the daily_stories step's time over the run's steps, with
the day run through Dagster in process.

`--restory` scores a database already built (by this benchmark's run or `bench.direct`) with the stories
recomputed in process from its stored articles, mentions and keywords, so that a change to the grouping is
measured in seconds; `--errors` adds where the pairs are lost (which events are merged, which are split).
"""

from __future__ import annotations

import argparse
import itertools
import json
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

import dagster as dg
import duckdb

from bench.measure import emit
from news_assets.transform.stories import LOOKBACK_DAYS

GOAL = 0.9
COST_GOAL = 0.10
FIRST_DAY = date(2026, 3, 2)
SEED = 20261127


@dataclass(frozen=True, slots=True)
class Scores:
    precision: float
    recall: float
    true_pairs: int
    predicted_pairs: int


@dataclass(frozen=True, slots=True)
class Quality:
    within: Scores
    across: Scores
    articles: int
    stories: int


def _scores(tp: int, fp: int, fn: int) -> Scores:
    return Scores(tp / (tp + fp) if tp + fp else 1.0, tp / (tp + fn) if tp + fn else 1.0, tp + fn, tp + fp)


def truth_events(truth_dir: Path) -> dict[tuple[str, str], str]:
    """(day, url) → event of every article page the generator wrote."""
    events = {}
    for path in sorted(truth_dir.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if row.get("event"):
                events[(path.stem, row["url"])] = row["event"]
    return events


def quality(database: Path, truth_dir: Path) -> Quality:
    """Pairwise precision and recall of the stored stories against the generator's events."""
    with duckdb.connect(str(database), read_only=True) as conn:
        rows = conn.execute(
            "SELECT a.news_date, a.url, s.story_id FROM daily.story_articles s "
            "JOIN clean.articles a USING (news_date, article_id) WHERE a.duplicate_of IS NULL"
        ).fetchall()
        stories = conn.execute("SELECT count(DISTINCT story_id) FROM daily.stories").fetchone()[0]  # type: ignore[index]
    return replace(score_rows(rows, truth_events(truth_dir)), stories=int(stories))


def _labelled(
    rows: Iterable[tuple[date, str, str]], events: dict[tuple[str, str], str]
) -> dict[date, list[tuple[str, str]]]:
    """day → (story_id, event) of each unique article the generator labelled."""
    by_day: dict[date, list[tuple[str, str]]] = defaultdict(list)
    for day, url, story in rows:
        event = events.get((day.isoformat(), url))
        if event is not None:
            by_day[day].append((story, event))
    return by_day


def _pairs(by_day: dict[date, list[tuple[str, str]]]):
    """('within' | 'across', a, b) for every pair of labelled articles the scores count."""
    days = sorted(by_day)
    for day in days:
        for a, b in itertools.combinations(by_day[day], 2):
            yield "within", a, b
    for d1, d2 in itertools.combinations(days, 2):
        if abs((d2 - d1).days) > LOOKBACK_DAYS:
            continue
        for a in by_day[d1]:
            for b in by_day[d2]:
                yield "across", a, b


def score_rows(rows: Iterable[tuple[date, str, str]], events: dict[tuple[str, str], str]) -> Quality:
    """Pairwise scores of (news_date, url, story_id) rows of unique articles against the generator's events."""
    by_day = _labelled(rows, events)
    counts = {"within": [0, 0, 0], "across": [0, 0, 0]}
    for kind, a, b in _pairs(by_day):
        predicted, true = a[0] == b[0], a[1] == b[1]
        c = counts[kind]
        c[0] += predicted and true
        c[1] += predicted and not true
        c[2] += true and not predicted
    stories = len({story for day in by_day.values() for story, _ in day})
    articles = sum(len(day) for day in by_day.values())
    return Quality(_scores(*counts["within"]), _scores(*counts["across"]), articles, stories)


def errors(rows: Iterable[tuple[date, str, str]], events: dict[tuple[str, str], str], top: int = 12) -> str:
    """Where pairs are lost: the event pairs that cost precision (told apart by the generator, put in one story)
    and the events whose articles were split (recall), within a day and across days, largest first."""
    by_day = _labelled(rows, events)
    merged: dict[str, Counter] = {"within": Counter(), "across": Counter()}
    split: dict[str, Counter] = {"within": Counter(), "across": Counter()}
    for kind, a, b in _pairs(by_day):
        if a[0] == b[0] and a[1] != b[1]:
            merged[kind][tuple(sorted((a[1], b[1])))] += 1
        elif a[0] != b[0] and a[1] == b[1]:
            split[kind][a[1]] += 1
    lines = []
    for kind in ("within", "across"):
        lines.append(f"{kind}: false pairs by the two events merged")
        lines += [f"  {n:6d}  {x} + {y}" for (x, y), n in merged[kind].most_common(top)]
        lines.append(f"{kind}: missed pairs by event")
        lines += [f"  {n:6d}  {event}" for event, n in split[kind].most_common(top)]
    fragments = []
    for day, labelled in sorted(by_day.items()):
        per_event: dict[str, Counter] = defaultdict(Counter)
        for story, event in labelled:
            per_event[event][story] += 1
        for event, stories in sorted(per_event.items()):
            if len(stories) > 1:
                sizes = sorted(stories.values(), reverse=True)
                fragments.append(f"  {day} {event}: {len(stories)} stories, sizes {sizes[:12]}")
    lines.append("events split within a day (story sizes)")
    lines += fragments[: top * 3]
    return "\n".join(lines) + "\n"


def restory(database: Path) -> list[tuple[date, str, str]]:
    """(news_date, url, story_id) of the unique articles, the stories recomputed in process from the stored
    clean.articles, nlp.mentions and nlp.keywords of every day: a change to the grouping scored without
    re-running extraction and NLP."""
    import polars as pl

    from news_assets.schemas import DAILY_STORIES
    from news_assets.transform.stories import ARTICLE_COLUMNS, KEYWORD_COLUMNS, MENTION_COLUMNS, stories_of_days

    with duckdb.connect(str(database), read_only=True) as conn:
        articles = conn.execute(f"SELECT {', '.join(ARTICLE_COLUMNS)}, url FROM clean.articles").pl()
        mentions = conn.execute(f"SELECT {', '.join(MENTION_COLUMNS)} FROM nlp.mentions").pl()
        keywords = conn.execute(f"SELECT {', '.join(KEYWORD_COLUMNS)} FROM nlp.keywords").pl()
    days = sorted(set(articles["news_date"].to_list()))
    started = time.perf_counter()
    _, links = stories_of_days(days, articles, mentions, keywords, DAILY_STORIES.empty())
    print(f"stories of {len(days)} day(s) recomputed in {time.perf_counter() - started:.2f} s", flush=True)
    unique = articles.filter(pl.col("duplicate_of").is_null()).select("news_date", "article_id", "url")
    return list(unique.join(links, on=["news_date", "article_id"]).select("news_date", "url", "story_id").iter_rows())


@dataclass(frozen=True, slots=True)
class Run:
    seconds: float
    stories_seconds: float
    steps_seconds: float
    pages: int


def run_days(landing: Path, days: list[date], scratch: Path) -> tuple[Path, Run]:
    """daily_news_job over `days` (one run) into a fresh database under `scratch`."""
    from news_assets.definitions import build_definitions
    from news_assets.settings import Settings

    settings = Settings(database=scratch / "news.duckdb", landing=landing, start_date="2026-01-01")
    defs = build_definitions(settings)
    started = time.perf_counter()
    with dg.DagsterInstance.ephemeral() as instance:
        result = defs.resolve_job_def("daily_news_job").execute_in_process(
            instance=instance,
            tags={
                "dagster/asset_partition_range_start": days[0].isoformat(),
                "dagster/asset_partition_range_end": days[-1].isoformat(),
            },
        )
        assert result.success
        durations = {
            event.step_key: event.event_specific_data.duration_ms / 1000  # type: ignore[union-attr]
            for event in result.all_events
            if event.event_type_value == "STEP_SUCCESS"
        }
    seconds = time.perf_counter() - started
    with duckdb.connect(str(settings.database), read_only=True) as conn:
        pages = conn.execute("SELECT count(*) FROM raw.pages").fetchone()[0]  # type: ignore[index]
    stories = durations.get("daily_stories", 0.0)
    return settings.database, Run(seconds, stories, sum(durations.values()), int(pages))


def sample_quality(scratch: Path) -> tuple[Quality, Run]:
    from news_assets_sample import SAMPLE_DIR
    from news_assets_sample.landing import land_sample

    days = land_sample(SAMPLE_DIR, scratch / "landing")
    database, run = run_days(scratch / "landing", days, scratch)
    return quality(database, SAMPLE_DIR / "_truth"), run


def generated(pages: int, days: int, scratch: Path) -> tuple[Quality, Run]:
    from datetime import timedelta

    from news_assets_sample import generate

    root = scratch / f"gen-{pages}"
    generate(root, FIRST_DAY, days, pages, SEED)
    database, run = run_days(root, [FIRST_DAY + timedelta(days=d) for d in range(days)], scratch)
    return quality(database, root / "_truth"), run


def _row(label: str, q: Quality, run: Run) -> str:
    share = run.stories_seconds / run.steps_seconds if run.steps_seconds else 0.0
    return (
        f"| {label} | {run.pages:,} | {q.articles:,} | {q.stories:,} | {q.within.precision:.3f} | {q.within.recall:.3f} "
        f"| {q.across.precision:.3f} | {q.across.recall:.3f} | {run.stories_seconds:.2f} | {run.steps_seconds:.1f} "
        f"| {share:.1%} |"
    )


def report(rows: list[tuple[str, Quality, Run]]) -> str:
    lines = [
        "Pairwise precision (P) and recall (R) of same-story pairs of unique articles against the generator's "
        f"events (goal ≥ {GOAL}), within a day and across days (at most {LOOKBACK_DAYS} days apart: the follow-up "
        f"links); cost: the `daily_stories` step against all steps of the same in-process run (goal ≤ "
        f"{COST_GOAL:.0%}).",
        "",
        "| corpus | pages | unique articles | stories | P within | R within | P across | R across | stories step, s | all steps, s | share |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    lines += [_row(label, q, run) for label, q, run in rows]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", action="store_true", help="score the bundled sample (10 days)")
    parser.add_argument("--pages", type=int, nargs="*", default=[], help="generated days of this many pages")
    parser.add_argument("--days", type=int, default=1, help="days of each generated size")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--restory", nargs=2, type=Path, metavar=("DATABASE", "TRUTH_DIR"))
    parser.add_argument("--errors", action="store_true", help="with --restory: where the pairs are lost")
    args = parser.parse_args(argv)
    if args.restory:
        database, truth_dir = args.restory
        rows = restory(database)
        events = truth_events(truth_dir)
        q = score_rows(rows, events)
        print(
            f"{q.articles} articles, {q.stories} stories; within P {q.within.precision:.3f} R {q.within.recall:.3f} "
            f"({q.within.true_pairs} true pairs); across P {q.across.precision:.3f} R {q.across.recall:.3f} "
            f"({q.across.true_pairs} true pairs)"
        )
        if args.errors:
            print(errors(rows, events))
        return 0
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-stories-") as tmp:
        scratch = Path(tmp)
        if args.sample:
            q, run = sample_quality(scratch / "sample")
            rows.append(("bundled sample, 10 days", q, run))
        for pages in args.pages:
            q, run = generated(pages, args.days, scratch / f"p{pages}")
            rows.append((f"generated, {args.days} day(s) of {pages:,} pages", q, run))
    return emit(report(rows), args.out)


if __name__ == "__main__":
    raise SystemExit(main())
