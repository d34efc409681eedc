"""robots.txt, fetched once per origin and run, read with urllib.robotparser.

What a robots.txt answer means (as Google and RFC 9309 do):

* 2xx: its rules apply (the first 500 KiB are read, the rest ignored); a `Crawl-delay` for our agent slows the
  host's requests down to at most one per that many seconds;
* 4xx other than 429 (404, 401, 403 …): there are no rules, everything is allowed;
* 429, 5xx, a timeout or a network error: the site is treated as fully disallowed for the rest of this run, so
  a struggling server is not crawled; the pages become `robots_disallowed` rejects and the next run asks again.

Redirects of robots.txt are followed within the outlet's hosts, like any fetch.
"""

from __future__ import annotations

import asyncio
from urllib.robotparser import RobotFileParser

from news_assets.sources.http.urls import host_of, origin_of

ROBOTS_MAX_BYTES = 500 * 1024


class RobotsCache:
    def __init__(self, fetcher, user_agent: str, limiter=None) -> None:
        self.fetcher = fetcher
        self.user_agent = user_agent
        self.limiter = limiter
        self._rules: dict[str, asyncio.Future[tuple[RobotFileParser, str]]] = {}

    async def refusal(self, url: str, hosts: frozenset[str]) -> str | None:
        """None when `url` may be fetched, else why not."""
        origin = origin_of(url)
        pending = self._rules.get(origin)
        if pending is None:
            # One fetch per origin even when many tasks ask at once: the first creates it, the rest await it.
            pending = asyncio.ensure_future(self._load(origin, hosts))
            self._rules[origin] = pending
        rules, why = await asyncio.shield(pending)
        if rules.can_fetch(self.user_agent, url):
            return None
        return why or f"{origin}/robots.txt forbids {url}"

    async def _load(self, origin: str, hosts: frozenset[str]) -> tuple[RobotFileParser, str]:
        rules = RobotFileParser(f"{origin}/robots.txt")
        fetched = await self.fetcher.fetch(
            f"{origin}/robots.txt",
            hosts | {host_of(origin)},
            check_robots=False,
            max_bytes=ROBOTS_MAX_BYTES,
            truncate=True,
        )
        status = fetched.status
        if fetched.body is not None and status is not None and 200 <= status < 300:
            rules.parse(fetched.body.decode("utf-8", "replace").splitlines())
            delay = rules.crawl_delay(self.user_agent)
            if delay and self.limiter is not None:
                self.limiter.slow_down(host_of(origin), float(delay))
            return rules, ""
        if status is not None and 400 <= status < 500 and status != 429:
            rules.parse([])  # no robots.txt: everything is allowed
            return rules, ""
        rules.parse(["User-agent: *", "Disallow: /"])
        return rules, f"{origin}/robots.txt unavailable ({fetched.error}), the host is off limits for this run"
