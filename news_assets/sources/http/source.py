"""The outlets' own sitemaps and feeds, crawled over HTTP for one KST day.

`pages(day)` discovers each outlet's articles of the day (see `discover.py`) and fetches them (see `fetch.py`),
all outlets at once on one asyncio loop, within the per-host limits. It is a plain iterator: the crawl runs on
its own thread and event loop, so callers need no asyncio (and may already be inside a loop). Pages come out
as they are fetched, not in listing order; closing the iterator early cancels the crawl.

Pages: `url` is the URL the sitemap or feed listed, `location` the URL the bytes finally came from (after
redirects), `fetched_at` the time of the answer (UTC), `http_status` and `content_type` from the response
(for a 304, those of the stored copy). A sitemap or feed that cannot be fetched or parsed becomes a page too,
under its own URL, with `read_error="discovery_error: <code>: …"`, because the articles it would have listed
are missing from the day.

Re-runs are incremental: with a `state_dir`, each day keeps a ledger of what its runs listed and fetched (see
`state.py`). A re-run crawls what the feeds list now and every URL an earlier run of the day listed, and a page
that fails now but was fetched before comes out as that earlier copy (its own `fetched_at`). So re-running a past
day loses nothing, although feeds and news sitemaps list only the last days' articles. A first crawl of a past
day still finds only what the outlets list at that time, which a WARC or landing source does not depend on.
"""

from __future__ import annotations

import asyncio
import queue
import threading
from collections.abc import Awaitable, Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import httpx

from news_assets.kst import kst_day
from news_assets.sources.http.addresses import PinnedBackend, Resolver
from news_assets.sources.http.discover import discover
from news_assets.sources.http.fetch import Fetched, Fetcher
from news_assets.sources.http.ratelimit import HostLimiter
from news_assets.sources.http.robots import RobotsCache
from news_assets.sources.http.settings import HttpSettings, Outlet
from news_assets.sources.http.state import DayLedger, StateStore
from news_assets.sources.http.transport import PinnedTransport
from news_assets.sources.http.urls import host_of
from news_assets.sources.page import RawPage

_DONE = object()


class _Stopped(Exception):
    """The consumer closed the iterator."""


class _Failure:
    def __init__(self, error: BaseException) -> None:
        self.error = error


class HttpSource:
    def __init__(
        self,
        settings: HttpSettings,
        outlets: list[Outlet] | tuple[Outlet, ...],
        *,
        name: str = "http",
        today: Callable[[], date] | None = None,
        lookup: Callable[[str], Awaitable[list[str]]] | None = None,
    ) -> None:
        # The host-name resolver behind the address checks: getaddrinfo unless given (tests map names to loopback).
        self._lookup = lookup
        self.name = name
        self.settings = settings
        self.outlets = tuple(outlets)
        self._today = today or (lambda: kst_day(datetime.now(UTC)))

    def pages(self, day: date) -> Iterator[RawPage]:
        pages: queue.Queue = queue.Queue(maxsize=64)
        stop = threading.Event()

        async def emit(page: RawPage) -> None:
            # A bounded hand-over keeps memory flat when the consumer is slower than the crawl.
            while True:
                if stop.is_set():
                    raise _Stopped
                try:
                    pages.put_nowait(page)
                    return
                except queue.Full:
                    await asyncio.sleep(0.01)

        def run() -> None:
            try:
                asyncio.run(self.crawl(day, emit))
            except BaseException as exc:
                if not stop.is_set():
                    _put(pages, _Failure(exc), stop)
            finally:
                _put(pages, _DONE, stop)

        worker = threading.Thread(target=run, name=f"news-assets-{self.name}-{day}", daemon=True)
        worker.start()
        try:
            while True:
                item = pages.get()
                if item is _DONE:
                    break
                if isinstance(item, _Failure):
                    raise item.error
                yield item
        finally:
            stop.set()
            worker.join(timeout=self.settings.attempt_timeout_s + 5)

    async def crawl(self, day: date, emit: Callable[[RawPage], Awaitable[None]]) -> None:
        """The asynchronous crawl behind `pages`: every page of the day goes to `emit`."""
        settings = self.settings
        today = self._today()
        limiter = HostLimiter(settings.per_host_rps, settings.per_host_concurrency)
        state = StateStore(Path(settings.state_dir) if settings.state_dir else None)
        ledger = DayLedger(Path(settings.state_dir) if settings.state_dir else None, day)
        remembered = ledger.load()
        # Every host's addresses are checked once per run and connections go only to those (see addresses.py).
        resolver = Resolver(
            settings.allow_private, exempt=[host_of(settings.proxy)] if settings.proxy else (), lookup=self._lookup
        )
        # Only what the configuration names is used: no proxies or certificates from the environment. Every TCP
        # connection of the client goes through the pinned backend (see transport.py).
        transport = PinnedTransport(PinnedBackend(resolver), proxy=settings.proxy)
        async with httpx.AsyncClient(
            headers={"User-Agent": settings.user_agent},
            timeout=httpx.Timeout(settings.timeout_s),
            follow_redirects=False,
            trust_env=False,
            transport=transport,
        ) as client:
            fetcher = Fetcher(client, settings, limiter, state, resolver=resolver)
            fetcher.robots = RobotsCache(fetcher, settings.user_agent, limiter)
            claimed: set[str] = set()

            async def article(url: str, outlet: Outlet) -> None:
                fetched = await fetcher.fetch(url, outlet.own_hosts)
                if fetched.body is not None and fetched.error is None and fetched.status is not None:
                    ledger.fetched(
                        url,
                        outlet.id,
                        fetched.final_url,
                        fetched.fetched_at,
                        fetched.status,
                        fetched.content_type,
                        fetched.body,
                    )
                    await emit(self._page(day, outlet, fetched))
                    return
                earlier = remembered.get(url)
                copy = earlier.copy if earlier is not None else None
                body = ledger.body(copy) if copy is not None else None
                if copy is not None and body is not None:
                    # Fetched by an earlier run of the day and failing now (gone, down, refused): that copy stays.
                    fetched = Fetched(url, copy.final_url, copy.fetched_at, copy.status, copy.content_type, body)
                await emit(self._page(day, outlet, fetched))

            async def crawl_outlet(outlet: Outlet) -> None:
                found = await discover(fetcher, outlet, day, today, settings)
                for failure in found.failures:
                    await emit(self._page(day, outlet, failure, discovery=True))
                listed = [entry.url for entry in found.entries]
                for url in listed:
                    if url not in remembered:
                        ledger.listed(url, outlet.id)
                # What earlier runs of the day found is crawled again even when the feeds no longer list it.
                earlier = [url for url, known in remembered.items() if known.outlet == outlet.id]
                # An article listed by two outlets is fetched once, for the first.
                urls = [url for url in dict.fromkeys([*listed, *earlier]) if url not in claimed]
                claimed.update(urls)
                async with asyncio.TaskGroup() as group:
                    for url in urls:
                        group.create_task(article(url, outlet))

            async with asyncio.TaskGroup() as group:
                for outlet in self.outlets:
                    group.create_task(crawl_outlet(outlet))
        ledger.compact()

    def _page(self, day: date, outlet: Outlet, fetched: Fetched, *, discovery: bool = False) -> RawPage:
        error = fetched.error
        if discovery:
            error = f"discovery_error: {error}"
        return RawPage(
            news_date=day,
            url=fetched.url,
            outlet=outlet.id,
            fetched_at=fetched.fetched_at,
            source="http",
            location=fetched.final_url,
            html=None if discovery else fetched.body,
            http_status=fetched.status,
            content_type=fetched.content_type,
            read_error=error,
        )


def _put(pages: queue.Queue, item: object, stop: threading.Event) -> None:
    while not stop.is_set():
        try:
            pages.put(item, timeout=0.1)
            return
        except queue.Full:
            continue
