"""Typed models of one item of `sources.yaml`, one per `kind`; `news_assets.sources.config` reads the file.

The models check what a file says; they build nothing. Every model forbids keys it does not know (a typo must
not fall back silently to a default), reads a `null` value as an absent key, and is strict: a number is not
read from a string nor a bool, a string not from a number. An integral float (`3.0`) is accepted for an integer.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from news_assets.sources.ccnews import DEFAULT_BASE_URL
from news_assets.sources.http import HttpSettings
from news_assets.sources.warc import DEFAULT_MAX_BYTES

_HTTP = HttpSettings()


def _not_blank(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("blank_string", "String should not be blank")
    return value


def _one_or_many(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


def _integral(value: Any) -> Any:
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _http_url(value: str) -> str:
    try:
        parts = urlsplit(value)
        host = parts.hostname
    except ValueError:
        raise PydanticCustomError("url_parsing", "unparseable URL") from None
    if parts.scheme.lower() not in ("http", "https") or not host:
        raise PydanticCustomError("url_scheme", "only http(s) URLs with a host are allowed")
    return value


def _host_name(value: str) -> str:
    if "/" in value or ":" in value:
        raise PydanticCustomError("host_name", "expected host names, not URLs")
    return value


Text = Annotated[str, AfterValidator(_not_blank)]
"""A string that is not blank, kept as written."""
NonEmpty = Annotated[str, Field(min_length=1)]
Item = Annotated[str, AfterValidator(_not_blank), AfterValidator(str.strip)]
"""One entry of a list of strings: not blank, stripped."""
Url = Annotated[str, AfterValidator(_not_blank), AfterValidator(str.strip), AfterValidator(_http_url)]
Host = Annotated[str, AfterValidator(_not_blank), AfterValidator(str.strip), AfterValidator(str.lower)]
# A list field (`paths`, `sitemaps`, `hosts` …) also takes a single string, read as a list of one.

PositiveInt = Annotated[int, BeforeValidator(_integral), Field(gt=0)]
NonNegativeInt = Annotated[int, BeforeValidator(_integral), Field(ge=0)]
PositiveFloat = Annotated[float, Field(gt=0)]
NonNegativeFloat = Annotated[float, Field(ge=0)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    @model_validator(mode="before")
    @classmethod
    def _null_is_absent(cls, data: Any) -> Any:
        if isinstance(data, Mapping):
            return {key: value for key, value in data.items() if value is not None}
        return data


class _SourceModel(_Model):
    name: Text | None = None
    """Unique among the sources; absent: the kind, then kind-2, kind-3 … for repeats."""


class LandingModel(_SourceModel):
    kind: Literal["landing"]
    root: Text


class WarcModel(_SourceModel):
    kind: Literal["warc"]
    paths: Annotated[list[Item], Field(min_length=1), BeforeValidator(_one_or_many)]
    outlets: dict[NonEmpty, NonEmpty] = Field(default_factory=dict)
    max_bytes: PositiveInt = DEFAULT_MAX_BYTES
    state_dir: Text | None = None


class OutletModel(_Model):
    id: Text
    sitemaps: Annotated[list[Url], BeforeValidator(_one_or_many)] = Field(default_factory=list)
    feeds: Annotated[list[Url], BeforeValidator(_one_or_many)] = Field(default_factory=list)
    hosts: Annotated[list[Host], BeforeValidator(_one_or_many)] = Field(default_factory=list)

    @model_validator(mode="after")
    def _reads_something(self) -> OutletModel:
        if not self.sitemaps and not self.feeds:
            raise PydanticCustomError("outlet_empty", "needs at least one of 'sitemaps' or 'feeds'")
        return self


class HttpModel(_SourceModel):
    kind: Literal["http"]
    user_agent: Text
    max_bytes: PositiveInt = _HTTP.max_bytes
    max_document_bytes: PositiveInt = _HTTP.max_document_bytes
    timeout_s: PositiveFloat = _HTTP.timeout_s
    total_timeout_s: PositiveFloat | None = _HTTP.total_timeout_s
    per_host_rps: PositiveFloat = _HTTP.per_host_rps
    per_host_concurrency: PositiveInt = _HTTP.per_host_concurrency
    retries: NonNegativeInt = _HTTP.retries
    backoff_s: NonNegativeFloat = _HTTP.backoff_s
    max_retry_after_s: NonNegativeFloat = _HTTP.max_retry_after_s
    max_redirects: NonNegativeInt = _HTTP.max_redirects
    allow_hosts: Annotated[list[Annotated[Host, AfterValidator(_host_name)]], BeforeValidator(_one_or_many)] = Field(
        default_factory=list
    )
    state_dir: Text | None = _HTTP.state_dir
    max_documents: PositiveInt = _HTTP.max_documents
    max_index_depth: NonNegativeInt = _HTTP.max_index_depth
    proxy: Annotated[Text, AfterValidator(_http_url)] | None = _HTTP.proxy
    allow_private: bool = _HTTP.allow_private
    outlets: Annotated[list[OutletModel], Field(min_length=1)]

    @field_validator("outlets")
    @classmethod
    def _ids_are_unique(cls, outlets: list[OutletModel]) -> list[OutletModel]:
        seen: dict[str, int] = {}
        for n, outlet in enumerate(outlets):
            if outlet.id in seen:
                message = f"outlet id {outlet.id!r} is used twice (outlets[{seen[outlet.id]}] and outlets[{n}])"
                raise PydanticCustomError("outlet_id_twice", message)
            seen[outlet.id] = n
        return outlets


def _listing(value: str) -> str:
    """A warc.paths(.gz) listing: an http(s) URL or a local path."""
    if "://" in value:
        _http_url(value)
    return value


class CcNewsModel(_SourceModel):
    kind: Literal["ccnews"]
    listing: Annotated[Text, AfterValidator(str.strip), AfterValidator(_listing)]
    base_url: Annotated[Text, AfterValidator(str.strip), AfterValidator(_listing)] = DEFAULT_BASE_URL
    # Only Korean for now: the scanner judges language by the Hangul share of the decoded text.
    languages: Annotated[list[Literal["ko"]], Field(min_length=1), BeforeValidator(_one_or_many)] = ["ko"]
    cache_dir: Text | None = None
    allow_private: bool = False
    max_bytes: PositiveInt = DEFAULT_MAX_BYTES
    outlets: dict[NonEmpty, NonEmpty] = Field(default_factory=dict)
    user_agent: Text = _HTTP.user_agent


SourceModel = Annotated[LandingModel | WarcModel | HttpModel | CcNewsModel, Field(discriminator="kind")]
"""One item of the `sources` list; `kind` picks the model."""

KINDS: tuple[str, ...] = ("landing", "warc", "http", "ccnews")
