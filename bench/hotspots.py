"""The hot spots of a generated day, profiled now and at an earlier revision, in the same run.

    python -m bench.hotspots [--pages 10000] [--before REV] [--out FILE]

Runs `bench/profile_day.py` (cProfile) on the same landing day twice: against this checkout, and against
a `git worktree` of --before (default: the revision before the hot-spot fixes of the scale issue), so the
before and after figures share the machine's state. Without git or that revision, only "now" is profiled.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from bench.days import FIRST_DAY, landing
from bench.endtoend import BIN
from bench.measure import emit

REPO_ROOT = Path(__file__).resolve().parents[1]
SCRIPT = Path(__file__).with_name("profile_day.py")
# The last revision before parallel extraction and the dedup fixes.
BEFORE = "170937f"


def profile(root: Path, checkout: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": str(checkout), "PYTHONWARNINGS": "ignore"}
    done = subprocess.run(
        [str(BIN / "python"), str(SCRIPT), str(root), FIRST_DAY.isoformat()],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        raise RuntimeError(f"profiling at {checkout} failed:\n{done.stderr[-4000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def profile_before(root: Path, revision: str) -> dict | None:
    with tempfile.TemporaryDirectory(prefix="news-bench-before-") as scratch:
        tree = Path(scratch) / "tree"
        added = subprocess.run(
            ["git", "-C", str(REPO_ROOT), "worktree", "add", "--detach", str(tree), revision],
            capture_output=True,
            text=True,
            check=False,
        )
        if added.returncode:
            print(f"no profile before: {added.stderr.strip()}", flush=True)
            return None
        try:
            return profile(root, tree)
        finally:
            subprocess.run(["git", "-C", str(REPO_ROOT), "worktree", "remove", "--force", str(tree)], check=False)


def report(now: dict, before: dict | None, revision: str) -> str:
    pages = now["pages"]
    lines = [
        f"### Profile of a {pages:,}-page day, before and after the fixes",
        "",
        f"cProfile over the pure functions of one day (`bench/profile_day.py`), in this checkout and in a "
        f"worktree at `{revision}` (before), one after the other in the same run. Stage times are wall seconds "
        "(CPU seconds of every thread of the process; worker processes are not counted in CPU).",
        "",
        "| stage | before wall s | before CPU s | now wall s | now CPU s | before / now |",
        "|---|---|---|---|---|---|",
    ]
    for stage, wall in now["wall"].items():
        if before:
            old = before["wall"][stage]
            lines.append(
                f"| {stage} | {old:.1f} | {before['cpu'][stage]:.1f} | {wall:.1f} | {now['cpu'][stage]:.1f} "
                f"| {old / wall if wall else 0:.2f}× |"
            )
        else:
            lines.append(f"| {stage} | | | {wall:.1f} | {now['cpu'][stage]:.1f} | |")
    for label, result in (("now", now), ("before", before)):
        if not result:
            continue
        lines += [
            "",
            f"Top functions by self time, {label} (share of the profiled main-thread time):",
            "",
            "| function | where | calls | seconds | share |",
            "|---|---|---|---|---|",
        ]
        lines += [
            f"| `{item['function']}` | `{item['file']}` | {item['calls']:,} | {item['seconds']:.1f} "
            f"| {100 * item['share']:.0f}% |"
            for item in result["top"][:10]
        ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10000)
    parser.add_argument("--before", default=BEFORE)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    root = landing(args.pages)
    before = profile_before(root, args.before) if args.before else None
    now = profile(root, REPO_ROOT)
    text = report(now, before, args.before)
    return emit(text, args.out)


if __name__ == "__main__":
    sys.exit(main())
