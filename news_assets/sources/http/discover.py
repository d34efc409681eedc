"""Sitemaps and feeds → the article URLs of one KST day.

Documents understood (namespaces are ignored, only local names count, because real sitemaps get them wrong):

* sitemap `urlset`: `url/loc`, dated by `news:news/news:publication_date` (Google News sitemap), else `lastmod`;
* sitemap index `sitemapindex`: `sitemap/loc` children are fetched in turn, at most `max_index_depth` levels
  deep and `max_documents` documents per outlet and day; a child whose `lastmod` falls before the day is
  skipped, since a file unchanged since before the day cannot list the day's articles;
* RSS 2.0 (`rss/channel/item`) and RSS 1.0 (`rdf:RDF/item`): `link` (else a permalink `guid`), dated by
  `pubDate`, else `dc:date`;
* Atom (`feed/entry`): the `alternate` (or rel-less) `link/@href`, dated by `published`, else `updated`.

Gzipped documents (`sitemap.xml.gz`) are inflated. Documents have their own size cap, `max_document_bytes`
(sitemaps may reach 50 MB), applied to the download and again to the inflated XML.

Which entries belong to the day: an entry whose date falls on the KST day. Times without a zone are Seoul
time, and a date without a time is that Seoul calendar day. A publication date beats a modification date when
the same URL is listed twice. An entry without any date is taken only when the day crawled is today in Seoul
(an undated feed describes the present) and no document gives that URL a date; on past days it is left out,
since nothing ties it to them.

XML is parsed safely: a document declaring entities (`<!ENTITY …>` in a DOCTYPE: billion laughs, external
entities) is refused as `unsafe_xml` before ElementTree sees it, by an expat pass that never loads external
DTDs or parameter entities. ElementTree itself resolves no external entity.
"""

from __future__ import annotations

import asyncio
import email.utils
import xml.etree.ElementTree as ET
import zlib
from dataclasses import dataclass, field
from datetime import date, datetime
from urllib.parse import urldefrag, urljoin
from xml.parsers import expat

from news_assets.kst import KST, kst_day
from news_assets.sources.http.fetch import Fetched
from news_assets.sources.http.settings import HttpSettings, Outlet

PUBLISHED = 2
MODIFIED = 1
UNDATED = 0


class DiscoveryError(ValueError):
    """A sitemap or feed that cannot be used; the message starts with its code (bad_xml, unsafe_xml …)."""


@dataclass(frozen=True, slots=True)
class Entry:
    url: str
    when: datetime | None = None
    strength: int = UNDATED


@dataclass(frozen=True, slots=True)
class Document:
    kind: str  # urlset | sitemapindex | rss | atom
    entries: list[Entry]


@dataclass(slots=True)
class Discovery:
    """The day's article entries of one outlet, and the documents that failed."""

    entries: list[Entry] = field(default_factory=list)
    failures: list[Fetched] = field(default_factory=list)


def parse_document(data: bytes, base_url: str, max_bytes: int) -> Document:
    data = _inflate(data, max_bytes)
    _refuse_entities(data)
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise DiscoveryError(f"bad_xml: {exc}") from exc
    kind = _local(root.tag)
    if kind == "urlset":
        return Document("urlset", [_sitemap_entry(node, base_url) for node in _children(root, "url")])
    if kind == "sitemapindex":
        return Document("sitemapindex", [_sitemap_entry(node, base_url) for node in _children(root, "sitemap")])
    if kind == "rss":
        items = [item for channel in _children(root, "channel") for item in _children(channel, "item")]
        return Document("rss", [_rss_entry(item, base_url) for item in items])
    if kind == "RDF":
        return Document("rss", [_rss_entry(item, base_url) for item in _children(root, "item")])
    if kind == "feed":
        return Document("atom", [_atom_entry(entry, base_url) for entry in _children(root, "entry")])
    raise DiscoveryError(f"bad_xml: root <{kind}> is no sitemap, sitemap index, RSS or Atom feed")


def merge(entries: list[Entry]) -> list[Entry]:
    """One entry per URL, the best-dated one, in first-seen order."""
    best: dict[str, Entry] = {}
    for entry in entries:
        if not entry.url:
            continue
        known = best.get(entry.url)
        if known is None or entry.strength > known.strength:
            best[entry.url] = entry
    return list(best.values())


def select(entries: list[Entry], day: date, today: date) -> list[Entry]:
    chosen = []
    for entry in merge(entries):
        if entry.when is None:
            if day == today:
                chosen.append(entry)
        elif kst_day(entry.when) == day:
            chosen.append(entry)
    return chosen


async def discover(fetcher, outlet: Outlet, day: date, today: date, settings: HttpSettings) -> Discovery:
    """Fetch the outlet's sitemaps and feeds (sitemap indexes recursively, bounded) and pick the day's entries."""
    result = Discovery()
    hosts = outlet.own_hosts
    found: list[Entry] = []
    level = [*outlet.sitemaps, *outlet.feeds]
    seen: set[str] = set()
    budget = settings.max_documents
    for depth in range(settings.max_index_depth + 1):
        level = [url for url in dict.fromkeys(level) if url not in seen]
        if not level:
            break
        seen.update(level)
        if len(level) > budget:
            for url in level[budget:]:
                result.failures.append(_failure(url, f"too_many_documents: over {settings.max_documents} per outlet"))
            level = level[:budget]
        budget -= len(level)
        fetched = await asyncio.gather(
            *(fetcher.fetch(url, hosts, max_bytes=settings.max_document_bytes) for url in level)
        )
        children: list[str] = []
        for document in fetched:
            if document.error or document.body is None:
                result.failures.append(document)
                continue
            try:
                parsed = parse_document(document.body, document.final_url, settings.max_document_bytes)
            except DiscoveryError as exc:
                result.failures.append(_failure(document.url, str(exc), document))
                continue
            if parsed.kind != "sitemapindex":
                found.extend(parsed.entries)
                continue
            wanted = [child.url for child in parsed.entries if child.when is None or kst_day(child.when) >= day]
            if wanted and depth == settings.max_index_depth:
                result.failures.append(_failure(document.url, f"too_deep: sitemap indexes nested over {depth} levels"))
            children.extend(wanted)
        level = children
    result.entries = select(found, day, today)
    return result


def _failure(url: str, error: str, document: Fetched | None = None) -> Fetched:
    if document is None:
        return Fetched(url, url, datetime.now(KST), error=error)
    return Fetched(url, document.final_url, document.fetched_at, document.status, document.content_type, None, error)


def _inflate(data: bytes, max_bytes: int) -> bytes:
    if not data.startswith(b"\x1f\x8b"):
        return data
    inflater = zlib.decompressobj(31)
    try:
        out = inflater.decompress(data, max_bytes + 1)
    except zlib.error as exc:
        raise DiscoveryError(f"bad_xml: gzip: {exc}") from exc
    if len(out) > max_bytes:
        raise DiscoveryError(f"too_large: inflated document over {max_bytes} bytes")
    return out


def _refuse_entities(data: bytes) -> None:
    parser = expat.ParserCreate()
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)

    def refuse(*_args):
        raise DiscoveryError("unsafe_xml: the document declares or references external entities")

    parser.EntityDeclHandler = refuse
    parser.UnparsedEntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse
    try:
        parser.Parse(data, True)
    except expat.ExpatError as exc:
        raise DiscoveryError(f"bad_xml: {exc}") from exc


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(node: ET.Element, name: str) -> list[ET.Element]:
    return [child for child in node if _local(child.tag) == name]


def _text(node: ET.Element, *path: str) -> str | None:
    current = [node]
    for name in path:
        current = [child for parent in current for child in _children(parent, name)]
    for found in current:
        if found.text and found.text.strip():
            return found.text.strip()
    return None


def _url(value: str | None, base_url: str) -> str:
    if not value:
        return ""
    return urldefrag(urljoin(base_url, value.strip()))[0]


def _dated(url: str, *candidates: tuple[str | None, int]) -> Entry:
    for value, strength in candidates:
        moment = parse_date(value)
        if moment is not None:
            return Entry(url, moment, strength)
    return Entry(url)


def _sitemap_entry(node: ET.Element, base_url: str) -> Entry:
    return _dated(
        _url(_text(node, "loc"), base_url),
        (_text(node, "news", "publication_date"), PUBLISHED),
        (_text(node, "lastmod"), MODIFIED),
    )


def _rss_entry(item: ET.Element, base_url: str) -> Entry:
    link = _text(item, "link")
    if not link:
        guid = next(iter(_children(item, "guid")), None)
        if guid is not None and guid.get("isPermaLink", "true").lower() == "true":
            link = (guid.text or "").strip()
    return _dated(_url(link, base_url), (_text(item, "pubDate"), PUBLISHED), (_text(item, "date"), PUBLISHED))


def _atom_entry(entry: ET.Element, base_url: str) -> Entry:
    href = None
    for link in _children(entry, "link"):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            href = link.get("href")
            break
    return _dated(_url(href, base_url), (_text(entry, "published"), PUBLISHED), (_text(entry, "updated"), MODIFIED))


def parse_date(value: str | None) -> datetime | None:
    """W3C/ISO 8601 or RFC 822 date; without a zone it is Seoul time."""
    if not value:
        return None
    value = value.strip()
    moment: datetime | None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        try:
            moment = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
    if moment is None:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=KST)
