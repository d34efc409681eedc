"""Article metadata from the page head: JSON-LD, OpenGraph/Twitter/Dublin Core and Korean meta names,
`<link rel=canonical>`, `<html lang>` and `<title>`."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from .byline import clean_author

ARTICLE_TYPES = frozenset(
    {
        "newsarticle",
        "article",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "reviewnewsarticle",
        "backgroundnewsarticle",
        "blogposting",
        "socialmediaposting",
        "liveblogposting",
        "scholarlyarticle",
        "techarticle",
        "report",
    }
)
_SITE_TYPES = frozenset({"website", "organization", "newsmediaorganization", "corporation"})

# Meta keys (name/property/itemprop, lower-cased) in order of trust.
_PUBLISHED_KEYS = (
    "article:published_time",
    "og:article:published_time",
    "article:published",
    "datepublished",
    "og:published_time",
    "og:regdate",
    "og:pubdate",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "article.published",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.created",
    "dc.date",
    "dcterms.date",
    "date",
    "article:regdate",
    "dable:published_time",
    "nv:published_time",
)
_MODIFIED_KEYS = (
    "article:modified_time",
    "og:article:modified_time",
    "article:modified",
    "datemodified",
    "og:updated_time",
    "og:moddate",
    "dcterms.modified",
    "last-modified",
    "article.updated",
    "dable:modified_time",
)
_AUTHOR_KEYS = (
    "author",
    "article:author",
    "og:article:author",
    "dable:author",
    "byl",
    "sailthru.author",
    "parsely-author",
    "dc.creator",
    "dcterms.creator",
    "citation_author",
)
_SECTION_KEYS = ("article:section", "og:article:section", "dable:section", "parsely-section", "section", "category")
_TITLE_KEYS = ("og:title", "twitter:title", "dc.title", "headline", "title")
_SITE_KEYS = ("og:site_name", "application-name", "publisher", "dc.publisher", "copyright")

_ID_TREE = LexborHTMLParser("")
_P_ID, _BR_ID, _META_ID, _H1_ID, _STYLE_ID = (
    _ID_TREE.create_node(name).tag_id for name in ("p", "br", "meta", "h1", "style")
)
_TITLE_SEPARATORS = re.compile(r"\s+(?:[|\-–—:·<>»«]|::)\s+")
_WS = re.compile(r"\s+")
# A Korean CMS suffix: `제목 < 경제 < 기사본문 - 신문명`.
_CMS_SUFFIX = re.compile(r"(?:\s<\s[^<>]{1,30}){1,3}\s<\s기사본문(?:\s[-|]\s.{0,60})?$")

# One decoder for all blocks: `json.loads(..., strict=False)` builds a new one per call.
_JSON = json.JSONDecoder(strict=False)


@dataclass(slots=True)
class Metadata:
    title: str | None = None
    og_title: str | None = None
    html_title: str | None = None
    h1: str | None = None
    site_name: str | None = None
    published: list[str] = field(default_factory=list)
    modified: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    section: str | None = None
    canonical_url: str | None = None
    lang: str | None = None
    og_type: str | None = None
    description: str | None = None
    ld_body: str | None = None
    ld_is_article: bool = False
    ld_loaded: bool = False


def _squash(text: str | None) -> str:
    return _WS.sub(" ", text).strip() if text else ""


def _types(obj: dict) -> set[str]:
    t = obj.get("@type")
    if isinstance(t, str):
        return {t.lower()}
    if isinstance(t, list):
        return {x.lower() for x in t if isinstance(x, str)}
    return set()


def _name_of(value) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        name = value.get("name")
        return name if isinstance(name, str) else None
    if isinstance(value, list):
        for v in value:
            name = _name_of(v)
            if name:
                return name
    return None


def _load_json(raw: str):
    text = raw.strip()
    # Some CMSs wrap the block in an HTML comment or a CDATA section.
    for prefix, suffix in (("<!--", "-->"), ("//<![CDATA[", "//]]>"), ("<![CDATA[", "]]>")):
        if text.startswith(prefix) and text.endswith(suffix):
            text = text[len(prefix) : -len(suffix)].strip()
    if text.endswith(";"):
        text = text[:-1]
    try:
        return _JSON.decode(text)
    except (ValueError, RecursionError):
        return None


def _ld_objects(data, budget: int = 500):
    """Every dict of a JSON-LD document (graphs, lists, nested main entities), breadth-first, bounded."""
    queue = [data]
    out = []
    while queue and budget > 0:
        item = queue.pop(0)
        budget -= 1
        if isinstance(item, list):
            queue.extend(item[:50])
        elif isinstance(item, dict):
            out.append(item)
            for key in ("@graph", "mainEntity", "itemListElement", "hasPart"):
                child = item.get(key)
                if isinstance(child, (list, dict)):
                    queue.append(child)
    return out


def _apply_ld(meta: Metadata, obj: dict, base_url: str | None) -> None:
    types = _types(obj)
    if types & ARTICLE_TYPES:
        meta.ld_is_article = True
        headline = obj.get("headline") or obj.get("name")
        if isinstance(headline, str) and headline.strip() and not meta.title:
            meta.title = _squash(headline)
        for key, target in (("datePublished", meta.published), ("dateModified", meta.modified)):
            value = obj.get(key)
            if isinstance(value, (str, int)):
                target.insert(0, str(value))  # epoch seconds: `parse_date` reads them as their digits
            elif isinstance(value, list) and value and isinstance(value[0], str):
                target.insert(0, value[0])
        author = obj.get("author") or obj.get("creator")
        for entry in author if isinstance(author, list) else [author]:
            name = _name_of(entry)
            if name and not meta.authors:
                meta.authors.extend(clean_author(name))
            elif name:
                for n in clean_author(name):
                    if n not in meta.authors:
                        meta.authors.append(n)
        body = obj.get("articleBody") or obj.get("text")
        if isinstance(body, str) and len(body) > len(meta.ld_body or ""):
            meta.ld_body = body
        section = obj.get("articleSection")
        if isinstance(section, list):
            section = next((s for s in section if isinstance(s, str) and s.strip()), None)
        if isinstance(section, str) and section.strip() and not meta.section:
            meta.section = _squash(section)
        publisher = _name_of(obj.get("publisher") or obj.get("sourceOrganization"))
        if publisher and not meta.site_name:
            meta.site_name = _squash(publisher)
        lang = obj.get("inLanguage")
        if isinstance(lang, str) and not meta.lang:
            meta.lang = lang.strip() or None
        if not meta.canonical_url:
            url = obj.get("url") or _name_of(obj.get("mainEntityOfPage"))
            entity = obj.get("mainEntityOfPage")
            if isinstance(entity, dict) and isinstance(entity.get("@id"), str):
                url = entity["@id"]
            if isinstance(url, str) and url.startswith(("http://", "https://", "/")):
                meta.canonical_url = urljoin(base_url or "", url)
    elif types & _SITE_TYPES and not meta.site_name:
        name = obj.get("name")
        if isinstance(name, str) and name.strip():
            meta.site_name = _squash(name)


_LD_JSON = 'script[type="application/ld+json" i]'
# Everything the later steps look for in the body, in one query: the first pass over a freshly parsed tree
# pays for its cache misses, further passes cost far less, so one pass serves metadata and scoring alike.
_BODY_QUERY = f"{_LD_JSON}, h1, meta[itemprop], p, br, style"


@dataclass(slots=True)
class PageNodes:
    """The nodes of one query over the page (`collect`), in document order."""

    ld_scripts: list = field(default_factory=list)
    h1: LexborNode | None = None
    itemprops: list = field(default_factory=list)
    paragraphs: list = field(default_factory=list)  # <p> and <br> of the body, for `score_paragraphs`
    styles: list = field(default_factory=list)  # <style> elements (head and body), for CSS-hidden classes


def links_home(h1: LexborNode) -> bool:
    """An <h1> that is (or sits in) a link to the site's front page is the site's logo, not the headline: a
    headline never links home, and old layouts put the site name in the first <h1>."""
    parent = h1.parent
    link = parent if parent is not None and parent.tag == "a" else h1.css_first("a")
    if link is None or (link is not parent and _squash(link.text()) != _squash(h1.text())):
        return False
    href = (link.attributes.get("href") or "").strip()
    if not href or href.startswith("#"):
        return False
    path = urlsplit(href).path
    return path in _HOME_PATHS and not urlsplit(href).query


_HOME_PATHS = frozenset({"", "/", "./", "index.html", "/index.html", "/index.htm", "/index.php", "/main.html"})


def collect(tree: LexborHTMLParser) -> PageNodes | None:
    """JSON-LD scripts (head and body), the first <h1>, microdata <meta>s and the <p>/<br> of the body; None
    for a page without a <body> (a frameset)."""
    body = tree.body
    if body is None:
        return None
    nodes = PageNodes()
    head = tree.head
    if head is not None:
        for node in head.css(f"{_LD_JSON}, style"):
            (nodes.styles if node.tag_id == _STYLE_ID else nodes.ld_scripts).append(node)
    paragraphs, itemprops, scripts = nodes.paragraphs, nodes.itemprops, nodes.ld_scripts
    for node in body.css(_BODY_QUERY):
        tid = node.tag_id
        if tid in (_P_ID, _BR_ID):
            paragraphs.append(node)
        elif tid == _META_ID:
            itemprops.append(node)
        elif tid == _H1_ID:
            if nodes.h1 is None and not links_home(node):
                nodes.h1 = node
        elif tid == _STYLE_ID:
            nodes.styles.append(node)
        else:
            scripts.append(node)
    return nodes


def load_json_ld(meta: Metadata, tree: LexborHTMLParser, url: str | None, nodes: PageNodes | None = None) -> None:
    """Apply the page's JSON-LD to `meta` (once)."""
    if meta.ld_loaded:
        return
    meta.ld_loaded = True
    for script in nodes.ld_scripts if nodes is not None else tree.css(_LD_JSON):
        data = _load_json(script.text())
        if data is None:
            continue
        for obj in _ld_objects(data):
            _apply_ld(meta, obj, url)


def read_metadata(tree: LexborHTMLParser, url: str | None, nodes: PageNodes | None = None) -> Metadata:
    """The page's metadata; `nodes` (from `collect`) saves the whole-tree queries."""
    meta = Metadata()
    html = tree.root
    if html is not None and html.tag == "html":
        attrs = html.attributes
        lang = attrs.get("lang") or attrs.get("xml:lang")
        if lang and lang.strip():
            meta.lang = lang.strip()

    # Whole-document queries are the expensive part here: the head is small, so its tags are collected in
    # one query; only JSON-LD (often at the end of <body>) and h1 need the whole tree.
    values: dict[str, list[str]] = {}
    head = tree.head
    head_nodes = head.css('meta, title, link[rel="canonical" i]') if head is not None else []
    link_href = None
    for node in head_nodes:
        tag = node.tag
        if tag == "title":
            if meta.html_title is None:
                meta.html_title = _squash(node.text()) or None
            continue
        attrs = node.attributes
        if tag == "link":
            rel = (attrs.get("rel") or "").lower().split()
            if "canonical" in rel and link_href is None:
                link_href = attrs.get("href")
            continue
        content = attrs.get("content")
        if not content:
            continue
        key = attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or attrs.get("http-equiv")
        if key:
            values.setdefault(key.strip().lower(), []).append(content.strip())

    # JSON-LD costs a whole-tree query and a JSON parse; when the meta tags already say everything it would
    # add, it is left for the script-body fallback to read (see `load_json_ld`).
    has = values.__contains__
    complete = any(map(has, _PUBLISHED_KEYS)) and any(map(has, _AUTHOR_KEYS)) and any(map(has, _SITE_KEYS))
    if not (complete and (any(map(has, _MODIFIED_KEYS)) or any(map(has, _SECTION_KEYS)))):
        load_json_ld(meta, tree, url, nodes)

    def first(keys: tuple[str, ...]) -> str | None:
        for k in keys:
            for v in values.get(k, ()):
                if v:
                    return v
        return None

    for k in _PUBLISHED_KEYS:
        meta.published.extend(values.get(k, ()))
    for k in _MODIFIED_KEYS:
        meta.modified.extend(values.get(k, ()))
    if not meta.authors:
        for k in _AUTHOR_KEYS:
            for v in values.get(k, ()):
                for name in clean_author(v):
                    if name not in meta.authors:
                        meta.authors.append(name)
            if meta.authors:
                break
    if not meta.section:
        section = first(_SECTION_KEYS)
        meta.section = _squash(section) or None
    site = first(_SITE_KEYS)
    if site and not site.startswith("@"):
        meta.site_name = _squash(site)  # og:site_name is what the outlet calls itself: it wins over JSON-LD
    meta.og_title = _squash(first(_TITLE_KEYS)) or None
    meta.og_type = (first(("og:type",)) or "").lower() or None
    meta.description = first(("og:description", "description", "twitter:description"))

    if not meta.published and tree.body is not None:
        # Microdata dates (`<meta itemprop="datePublished">`) sit in the body.
        for node in nodes.itemprops if nodes is not None else tree.body.css("meta[itemprop]"):
            attrs = node.attributes
            key = (attrs.get("itemprop") or "").lower()
            content = attrs.get("content")
            if key in ("datepublished", "datemodified") and content:
                (meta.published if key == "datepublished" else meta.modified).append(content)
    href = link_href
    if not href:
        href = first(("og:url",))
    if href and href.strip():
        canonical = urljoin(url or "", href.strip())
        if canonical.startswith(("http://", "https://")) or not url:
            meta.canonical_url = canonical
    h1 = nodes.h1 if nodes is not None else next((h for h in tree.css("h1") if not links_home(h)), None)
    if h1 is not None:
        meta.h1 = _squash(h1.text())[:500] or None
    return meta


def _norm(text: str) -> str:
    return re.sub(r"[\s\W_]+", "", text).lower()


def clean_title(meta: Metadata) -> str:
    """The headline without the site-name suffix (` - 사이트명`, ` | 사이트명`, `< 기사본문`)."""
    candidates = [meta.og_title, meta.title, meta.h1, meta.html_title]
    raw = next((c for c in candidates if c), "")
    from_title_tag = bool(raw) and raw == meta.html_title and raw not in (meta.og_title, meta.title, meta.h1)
    raw = _CMS_SUFFIX.sub("", raw)
    if meta.site_name and len(meta.site_name) >= 2:
        # `제목-정치ㅣ한국일보`, `제목 | 경제 | 사이트`: the site (and a short section before it) glued on
        # without the spaces `_TITLE_SEPARATORS` needs.
        glued = re.compile(
            rf"(?:\s*[{_GLUE_SEPS}]\s*[^{_GLUE_SEPS}\s]{{1,12}})?\s*[{_GLUE_SEPS}]\s*{re.escape(meta.site_name)}\s*$"
        )
        stripped = glued.sub("", raw)
        if stripped != raw and len(stripped) >= 0.3 * len(raw):
            raw = stripped
    if meta.h1 and raw != meta.h1 and raw.startswith(meta.h1) and len(meta.h1) >= 0.4 * len(raw):
        return meta.h1
    parts = _TITLE_SEPARATORS.split(raw)
    if len(parts) > 1:
        site = _norm(meta.site_name or "")
        tail = _norm(parts[-1])
        head = _norm(parts[0])
        if site and tail and (tail == site or tail in site or site in tail):
            raw = _drop_last(raw, parts[-1])
        elif site and head and (head == site or head in site) and len(parts[0]) < len(raw) / 2:
            raw = _drop_first(raw, parts[0])
        elif from_title_tag:
            # A <title> nearly always names the site; with no site name to match, a short outer segment is it.
            if len(parts[-1]) <= _SITE_SEGMENT and len(parts[-1]) < len(raw) / 2:
                raw = _drop_last(raw, parts[-1])
            elif len(parts[0]) <= _SITE_SEGMENT and len(parts[0]) < len(raw) / 2:
                raw = _drop_first(raw, parts[0])
    return raw.strip()


_SITE_SEGMENT = 20
_GLUE_SEPS = "|ㅣ\\-–—:·<>»«"


def _drop_last(raw: str, segment: str) -> str:
    raw = raw[: raw.rfind(segment)].rstrip()
    return re.sub(r"\s+(?:[|\-–—:·<>»«]|::)$", "", raw).strip()


def _drop_first(raw: str, segment: str) -> str:
    raw = raw[len(segment) :].lstrip()
    return re.sub(r"^(?:[|\-–—:·<>»«]|::)\s+", "", raw).strip()
