"""The crawler cannot be turned inward: every address a request would connect to is checked, then pinned.

A configured or redirected URL may name a host that resolves to the crawler's own network (`localhost`,
`10.0.0.5`, `169.254.169.254` cloud metadata, `[::ffff:127.0.0.1]` …). Each host is resolved with the system
resolver (`getaddrinfo`, once per host and run) and every address it returns is checked with `ipaddress`:
loopback, private, link-local, multicast, reserved, unspecified, site-local, shared (100.64.0.0/10) or otherwise
not globally routable addresses — IPv4-mapped and 6to4 / Teredo-embedded IPv4 addresses judged by the IPv4
address inside — refuse the host (`blocked_address`), unless the source sets `allow_private: true`.

Pinning, against DNS rebinding: the check and the connection use the same answer. `PinnedBackend` is the
network backend of the crawl's httpx client: `transport.PinnedTransport` builds the client's httpcore connection
pool with it (`network_backend=`), and the pool calls it for every new TCP connection. It takes the addresses from the resolver's per-run cache, checks them, and connects to the checked IP literal
itself, never handing the host name to a second resolution. TLS still verifies the certificate and sends SNI for
the host name (httpcore takes those from the request URL, not from the connected address). A host whose name
resolves to one public and one private address is refused as a whole.

With a `proxy`, the connection goes to the proxy (which the configuration names, so it is not checked) and the
proxy resolves the target: the crawler still resolves and checks each target host before every hop, but the
pinning is then the proxy's business.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable, Iterable

import httpcore

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
_SHARED = ipaddress.ip_network("100.64.0.0/10")


class AddressRefused(Exception):
    """A host resolves to an address the crawler must not reach; `str()` is the reason."""


def forbidden(address: IPAddress) -> str | None:
    """Why the crawler may not connect to `address` (None: a public address)."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour or (address.teredo[1] if address.teredo else None)
        if embedded is not None:
            why = forbidden(embedded)
            return f"{why} (inside {address})" if why else None
    for label, flag in (
        ("unspecified", address.is_unspecified),
        ("loopback", address.is_loopback),
        ("link-local", address.is_link_local),
        ("multicast", address.is_multicast),
        ("reserved", address.is_reserved),
        ("private", address.is_private),
        ("site-local", isinstance(address, ipaddress.IPv6Address) and address.is_site_local),
        ("shared (carrier-grade NAT)", address in _SHARED),
    ):
        if flag:
            return f"{label} address {address}"
    if not address.is_global:
        return f"non-global address {address}"
    return None


class Resolver:
    """getaddrinfo once per host and run, every answer checked; see the module docstring."""

    def __init__(
        self,
        allow_private: bool = False,
        exempt: Iterable[str] = (),
        lookup: Callable[[str], Awaitable[list[str]]] | None = None,
    ) -> None:
        self.allow_private = allow_private
        # The name resolver: the system's getaddrinfo unless one is given (the tests give one).
        self.lookup = lookup
        self.exempt = {host.lower().rstrip(".") for host in exempt}
        # Keyed by host alone: the answer does not depend on the port, and one answer per run is the pin.
        self._answers: dict[str, asyncio.Future[list[str]]] = {}

    async def addresses(self, host: str, port: int) -> list[str]:
        """The checked IP literals to connect to; raises `AddressRefused`, or OSError when it does not resolve."""
        key = host.lower().rstrip(".").strip("[]")
        pending = self._answers.get(key)
        if pending is None:
            pending = asyncio.ensure_future(self._resolve(key, port))
            self._answers[key] = pending
        try:
            return list(await asyncio.shield(pending))
        except OSError:
            # A failed lookup is not remembered: the next attempt asks the resolver again.
            if self._answers.get(key) is pending:
                del self._answers[key]
            raise

    async def check(self, host: str, port: int) -> str | None:
        """None when the host may be reached, else the reason; resolution failures are left to the connection."""
        try:
            await self.addresses(host, port)
        except AddressRefused as exc:
            return str(exc)
        except OSError:
            return None
        return None

    async def _resolve(self, host: str, port: int) -> list[str]:
        try:
            literal: IPAddress | None = ipaddress.ip_address(host)
        except ValueError:
            literal = None
        if literal is not None:
            answers = [str(literal)]
        elif self.lookup is not None:
            answers = list(dict.fromkeys(await self.lookup(host)))
            if not answers:
                raise OSError(f"{host} has no address")
        else:
            loop = asyncio.get_running_loop()
            infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
            answers = list(dict.fromkeys(str(info[4][0]).split("%", 1)[0] for info in infos))
            if not answers:
                raise OSError(f"{host} has no address")
        if self.allow_private or host in self.exempt:
            return answers
        _refuse_forbidden(host, answers, literal is not None)
        return answers


def _refuse_forbidden(host: str, answers: list[str], literal: bool) -> None:
    for answer in answers:
        why = forbidden(ipaddress.ip_address(answer))
        if why:
            named = "" if literal else f"{host} resolves to {', '.join(answers)}: "
            raise AddressRefused(f"{named}{why} is not crawled (allow_private is off)")


def _system_lookup(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]).split("%", 1)[0] for info in infos))


class SyncPinnedBackend(httpcore.NetworkBackend):
    """The blocking twin of `PinnedBackend` (for httpx.Client, e.g. the CC-NEWS scanner's downloads): each host
    resolved once per backend with `getaddrinfo`, every address checked, connections made to the checked literal."""

    def __init__(
        self,
        allow_private: bool = False,
        lookup: Callable[[str], list[str]] | None = None,
        inner: httpcore.NetworkBackend | None = None,
    ) -> None:
        self.allow_private = allow_private
        self.lookup = lookup
        self.inner = inner or httpcore.SyncBackend()
        self._answers: dict[str, list[str]] = {}
        self.connected: list[tuple[str, str]] = []

    def addresses(self, host: str, port: int) -> list[str]:
        key = host.lower().rstrip(".").strip("[]")
        known = self._answers.get(key)
        if known is not None:
            return known
        try:
            literal = ipaddress.ip_address(key)
        except ValueError:
            literal = None
        if literal is not None:
            answers = [str(literal)]
        else:
            answers = list(dict.fromkeys(self.lookup(key) if self.lookup else _system_lookup(key, port)))
            if not answers:
                raise OSError(f"{key} has no address")
        if not self.allow_private:
            _refuse_forbidden(key, answers, literal is not None)
        self._answers[key] = answers
        return answers

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options=None,
    ) -> httpcore.NetworkStream:
        try:
            addresses = self.addresses(host, port)
        except OSError as exc:
            raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from exc
        error: Exception | None = None
        for address in addresses:
            try:
                stream = self.inner.connect_tcp(
                    address, port, timeout=timeout, local_address=local_address, socket_options=socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                error = exc
                continue
            self.connected.append((host, address))
            return stream
        assert error is not None
        raise error

    def connect_unix_socket(self, path: str, timeout: float | None = None, socket_options=None):
        raise AddressRefused(f"unix socket {path} is not crawled")

    def sleep(self, seconds: float) -> None:
        self.inner.sleep(seconds)


class PinnedBackend(httpcore.AsyncNetworkBackend):
    """httpcore network backend that connects only to addresses the `Resolver` checked (see the docstring)."""

    def __init__(self, resolver: Resolver, inner: httpcore.AsyncNetworkBackend | None = None) -> None:
        self.resolver = resolver
        self.inner = inner or httpcore.AnyIOBackend()
        self.connected: list[tuple[str, str]] = []  # (host asked for, address connected to), for the tests

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options=None,
    ) -> httpcore.AsyncNetworkStream:
        try:
            addresses = await self.resolver.addresses(host, port)
        except OSError as exc:
            raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from exc
        error: Exception | None = None
        for address in addresses:
            try:
                stream = await self.inner.connect_tcp(
                    address, port, timeout=timeout, local_address=local_address, socket_options=socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                error = exc
                continue
            self.connected.append((host, address))
            return stream
        assert error is not None
        raise error

    async def connect_unix_socket(self, path: str, timeout: float | None = None, socket_options=None):
        raise AddressRefused(f"unix socket {path} is not crawled")

    async def sleep(self, seconds: float) -> None:
        await self.inner.sleep(seconds)
