"""Which URLs the crawler may fetch: http(s) only, and only on hosts the configuration names."""

from __future__ import annotations

from urllib.parse import urlsplit

ALLOWED_SCHEMES = ("http", "https")


def host_of(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower().rstrip(".")
    except ValueError:
        return ""


def origin_of(url: str) -> str:
    """scheme://host[:port], the unit robots.txt and rate limits apply to."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{(parts.netloc or '').lower()}"


def refusal(url: str, hosts: frozenset[str]) -> tuple[str, str] | None:
    """(code, detail) when the URL may not be fetched, else None."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises on a malformed port
    except ValueError as exc:
        return "blocked_scheme", f"unparseable URL {url!r}: {exc}"
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        return "blocked_scheme", f"{parts.scheme or 'no'} scheme in {url!r}: only http and https are fetched"
    host = (parts.hostname or "").lower().rstrip(".")
    if not host:
        return "blocked_scheme", f"no host in {url!r}"
    if parts.username or parts.password:
        return "blocked_scheme", f"credentials in {url!r}"
    if host not in hosts:
        return "blocked_host", f"{host} is not one of the outlet's hosts or allow_hosts"
    return None
