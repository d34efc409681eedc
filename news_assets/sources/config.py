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
        allow_private: false       # true lets hosts resolve to private / loopback / link-local addresses
        outlets:                   # required, at least one
          - id: hanbit             # required, unique
            sitemaps: ["https://www.hanbit-economy.co.kr/sitemap-news.xml"]
            feeds: ["https://www.hanbit-economy.co.kr/rss/all.xml"]
            hosts: [m.hanbit-economy.co.kr]   # optional: its hosts beyond those of its sitemaps and feeds
      - kind: ccnews               # Common Crawl's news archive, scanned file by file (sources/ccnews.py)
        listing: https://data.commoncrawl.org/crawl-data/CC-NEWS/2026/11/warc.paths.gz   # required: URL or path
        base_url: https://data.commoncrawl.org/   # what the listing's relative paths are joined to (URL or folder)
        languages: [ko]            # kept languages; only ko for now (Hangul share of the decoded text)
        cache_dir: data/ccnews     # keeps the downloaded listing; omitted: fetched each time
        allow_private: false       # true lets the downloads reach private / loopback addresses (tests)
        max_bytes: 5000000         # larger record bodies become too_large
        outlets: {}                # host → outlet id, as for warc
        user_agent: "news-assets/0.1"

A ccnews source is scanned per WARC file by `CcNewsSource.scanner()` (its `pages(day)` yields nothing: a day of
CC-NEWS is spread over a month of files).

Relative paths (`root`, `paths`, `state_dir`, `cache_dir`, a local `listing` or `base_url`) are relative to the
YAML file's folder. A `null` value is the same as leaving the key out. Sitemap, feed and proxy URLs must be
http(s).

Each item is checked by the pydantic model of its kind (`news_assets.sources.config_models`). Unknown keys are
errors, so that a typo does not silently fall back to a default. Every problem found is one line of the
`SourceConfigError`, naming the file, the source (counted from 1, with its `name` when it has one), and the
field (list indices inside it counted from 0)::

    my-sources.yaml: source 2 ("yonhap", kind http): field "per_host_rps": Input should be greater than 0, got 0
    my-sources.yaml: source 3 (kind warc): field "max_bytes": Input should be a valid integer, got '5MB'
"""

from __future__ import annotations

import difflib
import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, get_args

import yaml
from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from news_assets.settings import Settings
from news_assets.sources.base import LandingSource, Source
from news_assets.sources.ccnews import CcNewsSource
from news_assets.sources.config_models import KINDS, CcNewsModel, HttpModel, LandingModel, SourceModel, WarcModel
from news_assets.sources.http import HttpSettings, HttpSource, Outlet
from news_assets.sources.warc import WarcSource

ENV_VAR = "NEWS_ASSETS_SOURCES"

Model = LandingModel | WarcModel | HttpModel | CcNewsModel
_ITEM: TypeAdapter[Model] = TypeAdapter(SourceModel)
_MODELS: dict[str, type[BaseModel]] = {
    "landing": LandingModel,
    "warc": WarcModel,
    "http": HttpModel,
    "ccnews": CcNewsModel,
}


class SourceConfigError(ValueError):
    """The sources file cannot be used as written; one line per problem."""


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
    """Sources from already-loaded YAML data; relative paths are taken from `base`, messages begin with `origin`."""
    if not isinstance(data, Mapping) or set(data) != {"sources"}:
        raise SourceConfigError(f"{origin}: expected a mapping with the single key 'sources'")
    items = data["sources"]
    if not isinstance(items, list) or not items:
        raise SourceConfigError(f"{origin}: 'sources' must be a non-empty list")
    models: list[Model] = []
    problems: list[str] = []
    for n, item in enumerate(items, start=1):
        where = f"{origin}: {_describe(n, item)}"
        if not isinstance(item, Mapping):
            problems.append(f"{where}: expected a mapping with a 'kind', got {_show(item)}")
            continue
        try:
            models.append(_ITEM.validate_python(item))
        except ValidationError as exc:
            problems.extend(f"{where}: {_explain(error, item)}" for error in exc.errors())
    if problems:
        raise SourceConfigError("\n".join(problems))
    names = _names(models, items, origin)
    return [_build(model, name, base) for model, name in zip(models, names, strict=True)]


def _names(models: list[Model], items: list[Any], origin: str) -> list[str]:
    """Each source's name: its own, else the kind, then kind-2, kind-3 … for repeats; a name used twice is refused."""
    names: list[str] = []
    problems: list[str] = []
    for n, model in enumerate(models, start=1):
        name = model.name
        if name is None:
            name, count = model.kind, 2
            while name in names:
                name, count = f"{model.kind}-{count}", count + 1
        elif name in names:
            first = names.index(name) + 1
            problems.append(
                f'{origin}: {_describe(n, items[n - 1])}: field "name": name {name!r} is used twice'
                f" (source {first} is also named {name!r})"
            )
        names.append(name)
    if problems:
        raise SourceConfigError("\n".join(problems))
    return names


def _describe(n: int, item: Any) -> str:
    """`source 2 ("yonhap", kind http)`: its place in the list counted from 1, its own name, its kind."""
    parts = []
    if isinstance(item, Mapping):
        name, kind = item.get("name"), item.get("kind")
        if isinstance(name, str) and name.strip():
            parts.append(json.dumps(name, ensure_ascii=False))
        if isinstance(kind, str) and kind.strip():
            parts.append(f"kind {kind}")
    return f"source {n} ({', '.join(parts)})" if parts else f"source {n}"


def _explain(error: ErrorDetails, item: Mapping[str, Any]) -> str:
    """One pydantic error as `field "<path>": <what is wrong>`, the path without the union's tag."""
    if error["type"] in ("union_tag_not_found", "union_tag_invalid"):
        expected = f"expected one of {', '.join(KINDS)}"
        if item.get("kind") is None:
            return f'field "kind": Field required; {expected}'
        return f'field "kind": unknown kind {item["kind"]!r}; {expected}'
    tag, *loc = error["loc"]
    if error["type"] == "extra_forbidden":
        allowed = _fields_at(_MODELS[str(tag)], loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
        hint = f'did you mean "{close[0]}"?' if close else f"expected one of {', '.join(allowed)}"
        message = f"unknown field; {hint}"
    else:
        message = error["msg"]
        value = error.get("input")
        if not isinstance(value, Mapping | list | tuple | set | frozenset | BaseModel):
            message += f", got {_show(value)}"
    path = _path_text(loc)
    return f'field "{path}": {message}' if path else message


def _fields_at(model: type[BaseModel], loc: list[int | str]) -> list[str]:
    """The field names of the model found at `loc` inside `model` (list indices skipped)."""
    for part in loc:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        inner = _model_in(field.annotation) if field is not None else None
        if inner is None:
            return []
        model = inner
    return list(model.model_fields)


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):  # list[X], X | None
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _path_text(loc: list[int | str]) -> str:
    """`outlets[0].feeds[1]`; a key that is not a name is quoted: `outlets['www.example.kr']`."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        elif part == "[key]":
            text += " (key)"
        elif part.isidentifier():
            text += f".{part}" if text else part
        else:
            text += f"[{part!r}]"
    return text


def _show(value: Any, limit: int = 80) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _path(value: str, base: Path) -> Path:
    path = Path(value).expanduser()
    return path if path.is_absolute() else base / path


def _build(model: Model, name: str, base: Path) -> Source:
    match model:
        case LandingModel():
            return _landing(model, name, base)
        case WarcModel():
            return _warc(model, name, base)
        case HttpModel():
            return _http(model, name, base)
        case CcNewsModel():
            return _ccnews(model, name, base)


def _ccnews(model: CcNewsModel, name: str, base: Path) -> Source:
    def place(value: str) -> str:
        return value if "://" in value else str(_path(value, base))

    return CcNewsSource(
        name=name,
        listing=place(model.listing),
        base_url=place(model.base_url),
        languages=tuple(model.languages),
        cache_dir=_path(model.cache_dir, base) if model.cache_dir else None,
        allow_private=model.allow_private,
        max_bytes=model.max_bytes,
        outlets=dict(model.outlets),
        user_agent=model.user_agent,
    )


def _landing(model: LandingModel, name: str, base: Path) -> Source:
    return LandingSource(_path(model.root, base), name=name)


def _warc(model: WarcModel, name: str, base: Path) -> Source:
    paths = [str(_path(p, base)) for p in model.paths]
    index_path = _path(model.state_dir, base) / "warc_index.json" if model.state_dir else None
    return WarcSource(paths, dict(model.outlets), name=name, max_bytes=model.max_bytes, index_path=index_path)


def _http(model: HttpModel, name: str, base: Path) -> Source:
    settings = HttpSettings(
        user_agent=model.user_agent,
        max_bytes=model.max_bytes,
        max_document_bytes=model.max_document_bytes,
        timeout_s=model.timeout_s,
        total_timeout_s=model.total_timeout_s,
        per_host_rps=model.per_host_rps,
        per_host_concurrency=model.per_host_concurrency,
        retries=model.retries,
        backoff_s=model.backoff_s,
        max_retry_after_s=model.max_retry_after_s,
        max_redirects=model.max_redirects,
        allow_hosts=tuple(model.allow_hosts),
        state_dir=str(_path(model.state_dir, base)) if model.state_dir else None,
        max_documents=model.max_documents,
        max_index_depth=model.max_index_depth,
        proxy=model.proxy,
        allow_private=model.allow_private,
    )
    outlets = [Outlet(o.id, tuple(o.sitemaps), tuple(o.feeds), tuple(o.hosts)) for o in model.outlets]
    return HttpSource(settings, outlets, name=name)
