"""Per-host politeness: at most N requests in flight and request starts spaced by 1/rps."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager


class HostLimiter:
    def __init__(self, rps: float, concurrency: int) -> None:
        self.interval = 1.0 / rps
        self.concurrency = concurrency
        self._slots: dict[str, asyncio.Semaphore] = {}
        self._next_start: dict[str, float] = {}
        self._intervals: dict[str, float] = {}

    def slow_down(self, host: str, seconds: float) -> None:
        """Space this host's requests by at least `seconds` (robots.txt Crawl-delay)."""
        self._intervals[host] = max(self.interval, seconds)

    @asynccontextmanager
    async def slot(self, host: str) -> AsyncIterator[None]:
        semaphore = self._slots.setdefault(host, asyncio.Semaphore(self.concurrency))
        async with semaphore:
            loop = asyncio.get_running_loop()
            now = loop.time()
            # Reserved before awaiting, so concurrent tasks queue behind each other instead of starting together.
            start = max(now, self._next_start.get(host, now))
            self._next_start[host] = start + self._intervals.get(host, self.interval)
            if start > now:
                await asyncio.sleep(start - now)
            yield
