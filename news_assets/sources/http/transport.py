"""httpx transports whose every TCP connection goes through a pinned network backend (see `addresses.py`).

httpx's own `HTTPTransport` builds its httpcore connection pool with no way to hand it a network backend. These
transports build the pool themselves, through httpcore's public constructor (`network_backend=`), and do what
httpx's transport does around it, with the public API of both libraries only:

* the pool: `httpcore.AsyncConnectionPool` (`ConnectionPool`), or `httpcore.AsyncHTTPProxy` (`HTTPProxy`) when a
  proxy is configured — the backend then connects to the proxy, which the configuration names;
* TLS: `httpx.create_ssl_context(verify, trust_env=False)` — certifi's roots, no certificate from the environment;
  httpcore verifies the certificate against, and sends SNI for, the URL's host name, not the connected address;
* limits: httpx's defaults (100 connections, 20 kept alive for 5 s) unless given; HTTP/1.1, HTTP/2 when asked;
* each `httpx.Request` becomes an `httpcore.Request` (method, URL parts, headers, body stream, extensions — the
  client's timeouts among them), the `httpcore.Response` an `httpx.Response` streaming its body;
* httpcore's exceptions become the matching httpx ones (`ConnectError`, `ReadTimeout`, `RemoteProtocolError` …),
  so callers catch `httpx.TransportError` / `httpx.TimeoutException` as with httpx's transport. Anything else —
  `AddressRefused` from the backend among them — passes unchanged.

Redirects are not the transport's business: the client follows them (or not), each hop a request of its own.
"""

from __future__ import annotations

import contextlib
import ssl
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpcore
import httpx

from news_assets.sources.http.addresses import PinnedBackend, SyncPinnedBackend

# httpx's own defaults (`httpx.HTTPTransport()`), spelled out.
DEFAULT_LIMITS = httpx.Limits(max_connections=100, max_keepalive_connections=20, keepalive_expiry=5.0)

# Most specific first does not matter: the exception's own class is looked up along its MRO.
_ERRORS: dict[type[Exception], type[httpx.TransportError]] = {
    httpcore.ConnectTimeout: httpx.ConnectTimeout,
    httpcore.ReadTimeout: httpx.ReadTimeout,
    httpcore.WriteTimeout: httpx.WriteTimeout,
    httpcore.PoolTimeout: httpx.PoolTimeout,
    httpcore.TimeoutException: httpx.TimeoutException,
    httpcore.ConnectError: httpx.ConnectError,
    httpcore.ReadError: httpx.ReadError,
    httpcore.WriteError: httpx.WriteError,
    httpcore.NetworkError: httpx.NetworkError,
    httpcore.ProxyError: httpx.ProxyError,
    httpcore.UnsupportedProtocol: httpx.UnsupportedProtocol,
    httpcore.LocalProtocolError: httpx.LocalProtocolError,
    httpcore.RemoteProtocolError: httpx.RemoteProtocolError,
    httpcore.ProtocolError: httpx.ProtocolError,
}


def httpx_error(exc: Exception) -> type[httpx.TransportError] | None:
    """The httpx exception class for an httpcore exception (None for anything else)."""
    for cls in type(exc).__mro__:
        mapped = _ERRORS.get(cls)
        if mapped is not None:
            return mapped
    return None


@contextlib.contextmanager
def _as_httpx_errors() -> Iterator[None]:
    try:
        yield
    except Exception as exc:
        mapped = httpx_error(exc)
        if mapped is None:
            raise
        raise mapped(str(exc)) from exc


def _ssl_context(verify: ssl.SSLContext | bool) -> ssl.SSLContext:
    return httpx.create_ssl_context(verify=verify, trust_env=False)


def _proxy(proxy: str | httpx.Proxy | None) -> httpx.Proxy | None:
    if proxy is None:
        return None
    proxy = proxy if isinstance(proxy, httpx.Proxy) else httpx.Proxy(proxy)
    if proxy.url.scheme not in ("http", "https"):
        raise ValueError(f"only http(s) proxies are supported, not {proxy.url.scheme!r}")
    return proxy


def _proxy_url(proxy: httpx.Proxy) -> httpcore.URL:
    url = proxy.url
    return httpcore.URL(scheme=url.raw_scheme, host=url.raw_host, port=url.port, target=url.raw_path)


def _core_request(request: httpx.Request) -> httpcore.Request:
    url = request.url
    return httpcore.Request(
        method=request.method,
        url=httpcore.URL(scheme=url.raw_scheme, host=url.raw_host, port=url.port, target=url.raw_path),
        headers=request.headers.raw,
        content=request.stream,
        extensions=request.extensions,
    )


class PinnedResponseStream(httpx.AsyncByteStream):
    """An httpcore response's body as an httpx stream, with httpcore's errors as httpx's."""

    def __init__(self, response: httpcore.Response) -> None:
        self.response = response

    async def __aiter__(self) -> AsyncIterator[bytes]:
        with _as_httpx_errors():
            async for chunk in self.response.aiter_stream():
                yield chunk

    async def aclose(self) -> None:
        with _as_httpx_errors():
            await self.response.aclose()


class SyncPinnedResponseStream(httpx.SyncByteStream):
    """The blocking twin of `PinnedResponseStream`."""

    def __init__(self, response: httpcore.Response) -> None:
        self.response = response

    def __iter__(self) -> Iterator[bytes]:
        with _as_httpx_errors():
            yield from self.response.iter_stream()

    def close(self) -> None:
        with _as_httpx_errors():
            self.response.close()


def _pool_arguments(
    backend: PinnedBackend | SyncPinnedBackend,
    proxy: httpx.Proxy | None,
    verify: ssl.SSLContext | bool,
    http2: bool,
    limits: httpx.Limits,
    retries: int,
) -> dict[str, Any]:
    """The arguments of an httpcore pool (or, with `proxy`, of an HTTP proxy pool) that connects through `backend`:
    the same for the async and the blocking transport."""
    arguments: dict[str, Any] = {
        "ssl_context": _ssl_context(verify),
        "max_connections": limits.max_connections,
        "max_keepalive_connections": limits.max_keepalive_connections,
        "keepalive_expiry": limits.keepalive_expiry,
        "http1": True,
        "http2": http2,
        "retries": retries,
        "network_backend": backend,
    }
    if proxy is not None:
        arguments |= {
            "proxy_url": _proxy_url(proxy),
            "proxy_auth": proxy.raw_auth,
            "proxy_headers": proxy.headers.raw,
            "proxy_ssl_context": proxy.ssl_context,
        }
    return arguments


class PinnedTransport(httpx.AsyncBaseTransport):
    """An httpx transport over an httpcore pool that connects through `backend`; see the module docstring.

    `pool` is the `httpcore.AsyncConnectionPool` (or `AsyncHTTPProxy`), `backend` the `PinnedBackend` it was built
    with, `proxy` the configured proxy (None without)."""

    def __init__(
        self,
        backend: PinnedBackend,
        *,
        proxy: str | httpx.Proxy | None = None,
        verify: ssl.SSLContext | bool = True,
        http2: bool = False,
        limits: httpx.Limits = DEFAULT_LIMITS,
        retries: int = 0,
    ) -> None:
        self.backend = backend
        self.proxy = _proxy(proxy)
        self.pool: httpcore.AsyncConnectionPool
        arguments = _pool_arguments(backend, self.proxy, verify, http2, limits, retries)
        self.pool = httpcore.AsyncHTTPProxy(**arguments) if self.proxy else httpcore.AsyncConnectionPool(**arguments)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        assert isinstance(request.stream, httpx.AsyncByteStream)
        with _as_httpx_errors():
            response = await self.pool.handle_async_request(_core_request(request))
        return httpx.Response(
            status_code=response.status,
            headers=response.headers,
            stream=PinnedResponseStream(response),
            extensions=response.extensions,
        )

    async def aclose(self) -> None:
        with _as_httpx_errors():
            await self.pool.aclose()


class SyncPinnedTransport(httpx.BaseTransport):
    """The blocking twin of `PinnedTransport` (httpx.Client), over `httpcore.ConnectionPool` / `HTTPProxy`."""

    def __init__(
        self,
        backend: SyncPinnedBackend,
        *,
        proxy: str | httpx.Proxy | None = None,
        verify: ssl.SSLContext | bool = True,
        http2: bool = False,
        limits: httpx.Limits = DEFAULT_LIMITS,
        retries: int = 0,
    ) -> None:
        self.backend = backend
        self.proxy = _proxy(proxy)
        self.pool: httpcore.ConnectionPool
        arguments = _pool_arguments(backend, self.proxy, verify, http2, limits, retries)
        self.pool = httpcore.HTTPProxy(**arguments) if self.proxy else httpcore.ConnectionPool(**arguments)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        assert isinstance(request.stream, httpx.SyncByteStream)
        with _as_httpx_errors():
            response = self.pool.handle_request(_core_request(request))
        return httpx.Response(
            status_code=response.status,
            headers=response.headers,
            stream=SyncPinnedResponseStream(response),
            extensions=response.extensions,
        )

    def close(self) -> None:
        with _as_httpx_errors():
            self.pool.close()
