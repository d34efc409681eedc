"""How the HTTP source crawls (one deployment's politeness and limits) and which outlets it reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit


@dataclass(frozen=True, slots=True)
class HttpSettings:
    user_agent: str = "news-assets/0.1"
    max_bytes: int = 5_000_000
    # Sitemaps may hold 50,000 URLs and 50 MB uncompressed (sitemaps.org), far more than an article.
    max_document_bytes: int = 50_000_000
    # Connect, read and write timeouts each; a whole attempt (headers and body) gets `total_timeout_s`.
    timeout_s: float = 20.0
    total_timeout_s: float | None = None
    per_host_rps: float = 1.0
    per_host_concurrency: int = 2
    retries: int = 3
    backoff_s: float = 1.0
    # A server asking to wait longer than this is not waited for: the page fails with its 429/503.
    max_retry_after_s: float = 60.0
    max_redirects: int = 5
    allow_hosts: tuple[str, ...] = ()
    state_dir: str | None = None
    # Sitemap and feed documents fetched per outlet and day, sitemap-index children included.
    max_documents: int = 50
    max_index_depth: int = 3
    proxy: str | None = None
    # Private, loopback, link-local … addresses are refused unless this is set (see `addresses.py`).
    allow_private: bool = False

    @property
    def attempt_timeout_s(self) -> float:
        return self.total_timeout_s if self.total_timeout_s is not None else 3 * self.timeout_s


@dataclass(frozen=True, slots=True)
class Outlet:
    id: str
    sitemaps: tuple[str, ...] = ()
    feeds: tuple[str, ...] = ()
    # Hosts beyond those of its sitemaps and feeds that the outlet's articles and redirects may live on.
    hosts: tuple[str, ...] = field(default=())

    @property
    def own_hosts(self) -> frozenset[str]:
        hosts = {h.lower() for h in self.hosts}
        for url in (*self.sitemaps, *self.feeds):
            host = urlsplit(url).hostname
            if host:
                hosts.add(host.lower())
        return frozenset(hosts)
