"""Which sources a deployment reads, from a small YAML file.

`NEWS_ASSETS_SOURCES` names the file; when it is unset (or empty) the only source is the landing folder of
`news_assets.settings.Settings.from_env().landing` (`NEWS_ASSETS_LANDING`, default `data/landing`). See
`sources.example.yaml` at the repository root for a commented example.

Format::

    sources:                       # a list; each item has a `kind` and an optional unique `name`
      - kind: landing              # name defaults to the kind, then kind-2, kind-3 … for repeats
        root: data/landing         # required
      - kind: warc
        paths: ["/archives/2026-11/*.warc.gz"]     # required: files or globs (** allowed)
        outlets: {www.hanbit-economy.co.kr: hanbit}  # host → outlet id, subdomains included; else the host
        max_bytes: 5000000         # larger record bodies become `too_large`
        state_dir: data/warc_state # keeps warc_index.json (KST days per file); omitted: index in memory only
      - kind: http
        user_agent: "news-assets/0.1 (+https://example.org/contact)"   # required, sent on every request
        max_bytes: 5000000         # body cap → `too_large`
        max_document_bytes: 50000000   # cap for a sitemap or feed, inflated or not
        timeout_s: 20              # connect / read / write timeout
        total_timeout_s: 60        # one attempt, headers and body (default 3 × timeout_s)
        per_host_rps: 1.0          # request starts per second and host
        per_host_concurrency: 2    # requests in flight per host
        retries: 3                 # on 5xx, 429, timeouts, network errors
        backoff_s: 1.0             # first retry wait, doubled each time, plus jitter
        max_retry_after_s: 60      # a longer Retry-After is not waited for
        max_redirects: 5
        allow_hosts: []            # hosts redirects and articles may use beyond each outlet's own
        state_dir: data/http_state # ETag / Last-Modified and the copies they validate; omitted: none
        max_documents: 50          # sitemaps and feeds per outlet and day (sitemap-index children included)
        max_index_depth: 3         # nested sitemap indexes followed
        proxy: null                # e.g. http://proxy:3128; environment proxy variables are not used
        outlets:                   # required, at least one
          - id: hanbit             # required, unique
            sitemaps: ["https://www.hanbit-economy.co.kr/sitemap-news.xml"]
            feeds: ["https://www.hanbit-economy.co.kr/rss/all.xml"]
            hosts: [m.hanbit-economy.co.kr]   # optional: its hosts beyond those of its sitemaps and feeds

Relative paths (`root`, `paths`, `state_dir`) are relative to the YAML file's folder. Unknown keys are errors,
so that a typo does not silently fall back to a default. Sitemap, feed and proxy URLs must be http(s).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from news_assets.settings import Settings
from news_assets.sources.base import LandingSource, Source
from news_assets.sources.http import HttpSettings, HttpSource, Outlet
from news_assets.sources.warc import DEFAULT_MAX_BYTES, WarcSource

ENV_VAR = "NEWS_ASSETS_SOURCES"
KINDS = ("landing", "warc", "http")


class SourceConfigError(ValueError):
    """The sources file cannot be used as written."""


def load_sources(path: str | os.PathLike[str] | None = None) -> list[Source]:
    """The configured sources: from `path`, else from `$NEWS_ASSETS_SOURCES`, else the landing folder alone."""
    if path is None:
        path = os.environ.get(ENV_VAR) or None
    if path is None:
        return [LandingSource(Settings.from_env().landing)]
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as exc:
        raise SourceConfigError(f"{file}: cannot read the sources file: {exc.strerror or exc}") from exc
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise SourceConfigError(f"{file}: not valid YAML: {exc}") from exc
    return parse_sources(data, base=file.resolve().parent, origin=str(file))


def parse_sources(data: Any, *, base: Path, origin: str = "sources") -> list[Source]:
    """Sources from already-loaded YAML data; relative paths are taken from `base`."""
    if not isinstance(data, Mapping) or set(data) != {"sources"}:
        raise SourceConfigError(f"{origin}: expected a mapping with the single key 'sources'")
    items = data["sources"]
    if not isinstance(items, list) or not items:
        raise SourceConfigError(f"{origin}: 'sources' must be a non-empty list")
    sources: list[Source] = []
    names: set[str] = set()
    for n, item in enumerate(items):
        where = f"{origin}: sources[{n}]"
        if not isinstance(item, Mapping):
            raise SourceConfigError(f"{where}: expected a mapping with a 'kind'")
        kind = item.get("kind")
        if kind not in KINDS:
            raise SourceConfigError(f"{where}: unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
        where = f"{where} ({kind})"
        name = item.get("name")
        if name is None:
            name = kind
            count = 2
            while name in names:
                name = f"{kind}-{count}"
                count += 1
        if not isinstance(name, str) or not name.strip():
            raise SourceConfigError(f"{where}: 'name' must be a non-empty string")
        if name in names:
            raise SourceConfigError(f"{where}: name {name!r} is used twice")
        names.add(name)
        fields = _Fields(item, where)
        sources.append(_BUILDERS[kind](fields, name, base))
        fields.refuse_unknown()
    return sources


class _Fields:
    """Typed access to one item's keys, remembering which were read so that the rest can be refused."""

    def __init__(self, item: Mapping[str, Any], where: str) -> None:
        self.item = item
        self.where = where
        self.used = {"kind", "name"}

    def _get(self, key: str, required: bool) -> Any:
        self.used.add(key)
        if key not in self.item or self.item[key] is None:
            if required:
                raise SourceConfigError(f"{self.where}: missing {key!r}")
            return None
        return self.item[key]

    def string(self, key: str, required: bool = False) -> str | None:
        value = self._get(key, required)
        if value is not None and (not isinstance(value, str) or not value.strip()):
            raise SourceConfigError(f"{self.where}: {key!r} must be a non-empty string")
        return value

    def strings(self, key: str, required: bool = False) -> list[str]:
        value = self._get(key, required)
        if value is None:
            return []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise SourceConfigError(f"{self.where}: {key!r} must be a list of strings")
        if required and not value:
            raise SourceConfigError(f"{self.where}: {key!r} must not be empty")
        return [v.strip() for v in value]

    def number(self, key: str, cast: Callable[[Any], Any], minimum: float, default: Any) -> Any:
        value = self._get(key, False)
        if value is None:
            return default
        if isinstance(value, bool) or not isinstance(value, int | float) or (cast is int and value != int(value)):
            raise SourceConfigError(f"{self.where}: {key!r} must be a number, got {value!r}")
        if value < minimum:
            raise SourceConfigError(f"{self.where}: {key!r} must be at least {minimum}, got {value!r}")
        return cast(value)

    def positive(self, key: str, cast: Callable[[Any], Any], default: Any) -> Any:
        value = self.number(key, cast, 0, default)
        if value is not None and value <= 0:
            raise SourceConfigError(f"{self.where}: {key!r} must be greater than 0, got {value!r}")
        return value

    def mapping(self, key: str) -> dict[str, str]:
        value = self._get(key, False)
        if value is None:
            return {}
        if not isinstance(value, Mapping) or not all(
            isinstance(k, str) and isinstance(v, str) and k and v for k, v in value.items()
        ):
            raise SourceConfigError(f"{self.where}: {key!r} must map host names to outlet ids")
        return dict(value)

    def items(self, key: str) -> list[Mapping[str, Any]]:
        value = self._get(key, True)
        if not isinstance(value, list) or not value or not all(isinstance(v, Mapping) for v in value):
            raise SourceConfigError(f"{self.where}: {key!r} must be a non-empty list of mappings")
        return value

    def refuse_unknown(self) -> None:
        unknown = sorted(set(self.item) - self.used)
        if unknown:
            raise SourceConfigError(f"{self.where}: unknown keys {unknown}")


def _path(value: str, base: Path) -> Path:
    path = Path(value).expanduser()
    return path if path.is_absolute() else base / path


def _landing(fields: _Fields, name: str, base: Path) -> Source:
    return LandingSource(_path(fields.string("root", required=True), base), name=name)


def _warc(fields: _Fields, name: str, base: Path) -> Source:
    paths = [str(_path(p, base)) for p in fields.strings("paths", required=True)]
    outlets = fields.mapping("outlets")
    max_bytes = fields.positive("max_bytes", int, DEFAULT_MAX_BYTES)
    state_dir = fields.string("state_dir")
    index_path = _path(state_dir, base) / "warc_index.json" if state_dir else None
    return WarcSource(paths, outlets, name=name, max_bytes=max_bytes, index_path=index_path)


def _http(fields: _Fields, name: str, base: Path) -> Source:
    defaults = HttpSettings()
    state_dir = fields.string("state_dir")
    proxy = fields.string("proxy")
    if proxy:
        _require_http(proxy, f"{fields.where}: 'proxy'")
    allow_hosts = tuple(h.lower() for h in fields.strings("allow_hosts"))
    for host in allow_hosts:
        if "/" in host or ":" in host:
            raise SourceConfigError(f"{fields.where}: allow_hosts takes host names, not URLs: {host!r}")
    settings = HttpSettings(
        user_agent=fields.string("user_agent", required=True),
        max_bytes=fields.positive("max_bytes", int, defaults.max_bytes),
        max_document_bytes=fields.positive("max_document_bytes", int, defaults.max_document_bytes),
        timeout_s=fields.positive("timeout_s", float, defaults.timeout_s),
        total_timeout_s=fields.positive("total_timeout_s", float, None),
        per_host_rps=fields.positive("per_host_rps", float, defaults.per_host_rps),
        per_host_concurrency=fields.positive("per_host_concurrency", int, defaults.per_host_concurrency),
        retries=fields.number("retries", int, 0, defaults.retries),
        backoff_s=fields.number("backoff_s", float, 0, defaults.backoff_s),
        max_retry_after_s=fields.number("max_retry_after_s", float, 0, defaults.max_retry_after_s),
        max_redirects=fields.number("max_redirects", int, 0, defaults.max_redirects),
        allow_hosts=allow_hosts,
        state_dir=str(_path(state_dir, base)) if state_dir else None,
        max_documents=fields.positive("max_documents", int, defaults.max_documents),
        max_index_depth=fields.number("max_index_depth", int, 0, defaults.max_index_depth),
        proxy=proxy,
    )
    outlets: list[Outlet] = []
    ids: set[str] = set()
    for n, item in enumerate(fields.items("outlets")):
        outlet_fields = _Fields(item, f"{fields.where}: outlets[{n}]")
        outlet_fields.used = set()
        outlet_id = outlet_fields.string("id", required=True)
        if outlet_id in ids:
            raise SourceConfigError(f"{outlet_fields.where}: outlet id {outlet_id!r} is used twice")
        ids.add(outlet_id)
        sitemaps = outlet_fields.strings("sitemaps")
        feeds = outlet_fields.strings("feeds")
        hosts = [h.lower() for h in outlet_fields.strings("hosts")]
        if not sitemaps and not feeds:
            raise SourceConfigError(f"{outlet_fields.where}: needs at least one of 'sitemaps' or 'feeds'")
        for url in (*sitemaps, *feeds):
            _require_http(url, outlet_fields.where)
        outlet_fields.refuse_unknown()
        outlets.append(Outlet(outlet_id, tuple(sitemaps), tuple(feeds), tuple(hosts)))
    return HttpSource(settings, outlets, name=name)


def _require_http(url: str, where: str) -> None:
    try:
        parts = urlsplit(url)
    except ValueError as exc:
        raise SourceConfigError(f"{where}: unparseable URL {url!r}") from exc
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise SourceConfigError(f"{where}: only http(s) URLs with a host are allowed, got {url!r}")


_BUILDERS: dict[str, Callable[[_Fields, str, Path], Source]] = {"landing": _landing, "warc": _warc, "http": _http}
