"""Run a command as a child process and measure it: wall time, CPU time and peak resident memory.

CPU and memory come from the kernel's accounting of the child (`os.wait4`): CPU is user + system seconds of
every thread, and of any process the child waited for; peak RSS is the largest resident set among them.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Measured:
    wall: float
    cpu: float
    peak_rss_mb: float
    returncode: int
    stdout: str

    @property
    def cores_used(self) -> float:
        return self.cpu / self.wall if self.wall else 0.0


def run_measured(cmd: Sequence[str], env: Mapping[str, str] | None = None, cwd: str | None = None) -> Measured:
    with tempfile.TemporaryFile("w+", encoding="utf-8") as out:
        started = time.perf_counter()
        child = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})}, cwd=cwd)
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        return Measured(
            wall=wall,
            cpu=usage.ru_utime + usage.ru_stime,
            peak_rss_mb=usage.ru_maxrss / 1024,
            returncode=child.returncode,
            stdout=out.read(),
        )


@dataclass(frozen=True, slots=True)
class Spread:
    """Median of several runs, with the fastest and slowest."""

    median: float
    low: float
    high: float
    runs: int

    @classmethod
    def of(cls, values: Sequence[float]) -> Spread:
        return cls(statistics.median(values), min(values), max(values), len(values))

    def show(self, digits: int = 0) -> str:
        if self.runs == 1:
            return f"{self.median:,.{digits}f}"
        return f"{self.median:,.{digits}f} ({self.low:,.{digits}f}–{self.high:,.{digits}f})"


def emit(text: str, out: Path | None) -> int:
    """Print a benchmark's markdown section, and write it to `out` when given; the exit status for main()."""
    if out:
        out.write_text(text, encoding="utf-8")
    print(text)
    return 0
