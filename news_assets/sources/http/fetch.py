"""One polite, bounded GET: robots.txt, per-host limits, retries, manual redirects, a size cap, conditional requests.

Every outcome is a `Fetched`; failures carry `error="<code>: <detail>"`:

* `blocked_scheme` — not http(s) (file:, ftp:, data: …), no host, or credentials in the URL;
* `blocked_host` — a host that is not the outlet's own nor in `allow_hosts`;
* `blocked_address` — the host resolves to a private, loopback, link-local, multicast or reserved address
  (see `addresses.py`; `allow_private` lifts it);
* `robots_disallowed` — robots.txt forbids it (see `robots.py`);
* `redirect_refused` — a redirect to another scheme, to a host outside the allowed ones, or to a host whose
  address is refused (`redirect_refused: to <url>: blocked_address: …`);
* `too_many_redirects` — more than `max_redirects` hops, or a loop;
* `timeout` — connect/read timeout, or the whole attempt exceeded `total_timeout_s`, on every attempt;
* `network_error` — connection refused, DNS failure, reset … on every attempt;
* `http_error` — a final non-2xx status (5xx and 429 after the retries);
* `too_large` — the body (after content decoding) exceeds `max_bytes`; reading stops there;
* `undecodable` — the body's Content-Encoding could not be decoded.

Retries: 5xx, 429, timeouts and network errors are retried up to `retries` times, waiting
`backoff_s * 2**attempt` plus up to `backoff_s` of random jitter, or the server's Retry-After (seconds or
HTTP date) when longer; a Retry-After beyond `max_retry_after_s` is not waited for. Each attempt takes a
per-host slot (see `ratelimit.py`); waits between attempts do not hold one.

Redirects are followed by hand so that each hop is checked (scheme, host, resolved addresses, robots.txt) before it
is requested; the connection itself goes only to the addresses checked (`addresses.PinnedBackend`, the network
backend of the client's `transport.PinnedTransport`).

Conditional requests: when the state dir holds a copy of a URL, its ETag / Last-Modified go out as
If-None-Match / If-Modified-Since; a 304 is answered with that copy (its original status and Content-Type,
`not_modified=True`).
"""

from __future__ import annotations

import asyncio
import email.utils
import random
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

import httpx

from news_assets.sources.http.addresses import AddressRefused, Resolver
from news_assets.sources.http.ratelimit import HostLimiter
from news_assets.sources.http.settings import HttpSettings
from news_assets.sources.http.state import StateStore
from news_assets.sources.http.urls import host_of, refusal

REDIRECTS = frozenset({301, 302, 303, 307, 308})
RETRYABLE = frozenset({429, 500, 502, 503, 504}) | frozenset(range(505, 600))


@dataclass(frozen=True, slots=True)
class Fetched:
    url: str
    final_url: str
    fetched_at: datetime
    status: int | None = None
    content_type: str | None = None
    body: bytes | None = None
    error: str | None = None
    not_modified: bool = False


@dataclass(frozen=True, slots=True)
class _Attempt:
    status: int | None = None
    headers: httpx.Headers | None = None
    body: bytes | None = None
    error: str | None = None
    retry: bool = False
    retry_after: float | None = None


class Fetcher:
    def __init__(
        self,
        client: httpx.AsyncClient,
        settings: HttpSettings,
        limiter: HostLimiter,
        state: StateStore,
        robots=None,
        resolver: Resolver | None = None,
    ) -> None:
        self.client = client
        self.resolver = resolver
        self.settings = settings
        self.limiter = limiter
        self.state = state
        # Set after construction: robots.txt is itself fetched through this fetcher (without a robots check).
        self.robots = robots

    async def fetch(
        self,
        url: str,
        hosts: frozenset[str],
        *,
        check_robots: bool = True,
        max_bytes: int | None = None,
        truncate: bool = False,
    ) -> Fetched:
        """GET `url`, following redirects within `hosts`. `max_bytes` overrides the settings' cap; with
        `truncate`, a longer body is cut there instead of failing (robots.txt)."""
        hosts = hosts | {h.lower() for h in self.settings.allow_hosts}
        current = url
        seen: set[str] = set()
        for hop in range(self.settings.max_redirects + 1):
            refused = refusal(current, hosts)
            if refused:
                code, detail = refused
                if hop:
                    return self._failed(url, current, f"redirect_refused: to {current}: {detail}")
                return self._failed(url, current, f"{code}: {detail}")
            if self.resolver is not None:
                blocked = await self._address_refusal(current)
                if blocked:
                    if hop:
                        return self._failed(url, current, f"redirect_refused: to {current}: blocked_address: {blocked}")
                    return self._failed(url, current, f"blocked_address: {blocked}")
            if check_robots and self.robots is not None:
                forbidden = await self.robots.refusal(current, hosts)
                if forbidden:
                    return self._failed(url, current, f"robots_disallowed: {forbidden}")
            seen.add(current)
            cached = self.state.load(current)
            attempt = await self._with_retries(current, cached, max_bytes, truncate)
            if attempt.error:
                return self._failed(url, current, attempt.error, attempt.status)
            status = attempt.status
            headers = attempt.headers or httpx.Headers()
            if status in REDIRECTS and headers.get("location"):
                following = urljoin(current, headers["location"].strip())
                if following in seen:
                    return self._failed(url, current, f"too_many_redirects: redirect loop back to {following}", status)
                current = following
                continue
            if status == 304 and cached is not None:
                return Fetched(
                    url, current, _now(), cached.status, cached.content_type, cached.body, None, not_modified=True
                )
            content_type = headers.get("content-type")
            if status is None or not 200 <= status < 300:
                reason = httpx.codes.get_reason_phrase(status) if status else ""
                return self._failed(url, current, f"http_error: {status} {reason}".rstrip(), status, content_type)
            body = attempt.body or b""
            self.state.save(current, status, content_type, headers.get("etag"), headers.get("last-modified"), body)
            return Fetched(url, current, _now(), status, content_type, body)
        return self._failed(url, current, f"too_many_redirects: more than {self.settings.max_redirects}")

    async def _address_refusal(self, url: str) -> str | None:
        assert self.resolver is not None
        parts = urlsplit(url)
        port = parts.port or (443 if parts.scheme.lower() == "https" else 80)
        try:
            async with asyncio.timeout(self.settings.timeout_s):
                return await self.resolver.check(parts.hostname or "", port)
        except TimeoutError:
            return None  # a slow resolver is the connection's failure to report (timeout), not a refusal

    def _failed(
        self, url: str, final_url: str, error: str, status: int | None = None, content_type: str | None = None
    ) -> Fetched:
        return Fetched(url, final_url, _now(), status, content_type, None, error)

    async def _with_retries(self, url: str, cached, max_bytes: int | None, truncate: bool) -> _Attempt:
        settings = self.settings
        host = host_of(url)
        tries = 0
        while True:
            async with self.limiter.slot(host):
                attempt = await self._attempt(url, cached, max_bytes, truncate)
            tries += 1
            if not attempt.retry:
                return attempt
            if tries > settings.retries:
                return _gave_up(attempt, f"after {tries} attempts")
            wait = settings.backoff_s * 2 ** (tries - 1) + random.uniform(0, settings.backoff_s)
            if attempt.retry_after is not None:
                if attempt.retry_after > settings.max_retry_after_s:
                    return _gave_up(
                        attempt, f"Retry-After {attempt.retry_after:.0f} s is over {settings.max_retry_after_s:.0f} s"
                    )
                wait = max(wait, attempt.retry_after)
            await asyncio.sleep(wait)

    async def _attempt(self, url: str, cached, max_bytes: int | None, truncate: bool) -> _Attempt:
        limit = self.settings.max_bytes if max_bytes is None else max_bytes
        headers = {}
        if cached is not None:
            if cached.etag:
                headers["If-None-Match"] = cached.etag
            if cached.last_modified:
                headers["If-Modified-Since"] = cached.last_modified
        try:
            async with asyncio.timeout(self.settings.attempt_timeout_s):
                async with self.client.stream("GET", url, headers=headers) as response:
                    status = response.status_code
                    if not 200 <= status < 300:
                        return _Attempt(
                            status,
                            response.headers,
                            retry=status in RETRYABLE,
                            retry_after=_retry_after(response.headers.get("retry-after")),
                        )
                    declared = _int(response.headers.get("content-length"))
                    if declared is not None and declared > limit and not truncate:
                        return _Attempt(status, response.headers, error=f"too_large: {declared} bytes over {limit}")
                    parts: list[bytes] = []
                    total = 0
                    async for chunk in response.aiter_bytes():
                        total += len(chunk)
                        if total > limit:
                            if truncate:
                                parts.append(chunk[: len(chunk) - (total - limit)])
                                break
                            return _Attempt(status, response.headers, error=f"too_large: more than {limit} bytes")
                        parts.append(chunk)
                    return _Attempt(status, response.headers, b"".join(parts))
        except (TimeoutError, httpx.TimeoutException) as exc:
            kind = type(exc).__name__ if isinstance(exc, httpx.TimeoutException) else "total time"
            return _Attempt(error=f"timeout: {url} ({kind})", retry=True)
        except AddressRefused as exc:
            return _Attempt(error=f"blocked_address: {exc}")
        except httpx.DecodingError as exc:
            return _Attempt(error=f"undecodable: {url}: {exc}")
        except httpx.TransportError as exc:
            return _Attempt(error=f"network_error: {url}: {type(exc).__name__}: {exc}", retry=True)


def _gave_up(attempt: _Attempt, why: str) -> _Attempt:
    if attempt.error:
        return _Attempt(attempt.status, attempt.headers, None, f"{attempt.error} {why}")
    reason = httpx.codes.get_reason_phrase(attempt.status) if attempt.status else ""
    return _Attempt(attempt.status, attempt.headers, None, f"http_error: {attempt.status} {reason} {why}")


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max(0.0, (moment - datetime.now(UTC)).total_seconds())


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def _now() -> datetime:
    return datetime.now(UTC)
