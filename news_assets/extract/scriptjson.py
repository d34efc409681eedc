"""Article text that a page ships only as JSON inside a `<script>`: JSON-LD `articleBody`, `__NEXT_DATA__`,
`window.__INITIAL_STATE__ = {...}` and similar state blobs. Used when the visible body is empty or short.

The body is the longest prose-like string under a body-like key; the object that holds it is the article,
so its other fields (title, dates, reporters, section, image captions) are read too.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

from .byline import clean_author
from .text_walk import Blocks, walk_container

_STATE_MARKERS = (
    "__NEXT_DATA__",
    "__INITIAL_STATE__",
    "__PRELOADED_STATE__",
    "__NUXT__",
    "__APOLLO_STATE__",
    "__INITIAL_DATA__",
    "__DATA__",
)
_BODY_KEYS = re.compile(r"body|content|article|text|html|story|detail|desc", re.IGNORECASE)
_NOT_BODY_KEYS = re.compile(r"title|headline|summary|caption|url|image|meta|seo|og|description|lead", re.IGNORECASE)
_MAX_SCRIPT = 8 * 1024 * 1024
_MAX_NODES = 200_000
# Fallback for state that is JavaScript rather than JSON: a long string literal under a body-like key.
_LITERAL = re.compile(
    r"""["']?(?:articleBody|body|content|contents|text|html|articleContent|newsContent)["']?\s{0,3}:\s{0,3}"""
    r'''"((?:[^"\\]|\\.){200,})"'''
)

# Keys of the article object, lower-cased with `_`/`-` removed, in order of preference.
_TITLE = ("title", "headline", "subject")
_SUBTITLE = ("subtitle", "subheadline", "subhead", "deck", "standfirst")
_PUBLISHED = ("publishedat", "datepublished", "pubdate", "publishdate", "firstpublishedat", "createdat", "regdate")
_UPDATED = ("updatedat", "datemodified", "modifiedat", "moddate", "lastmodified", "updatedate")
_AUTHORS = ("reporters", "authors", "author", "writers", "writer", "reporter", "byline")
_SECTION = ("section", "sectionname", "category", "categoryname")
_IMAGES = ("images", "photos", "media", "image", "photo")
_CANONICAL = ("canonicalurl", "canonical", "shareurl")

# One decoder for all blocks: `json.loads(..., strict=False)` builds a new one per call.
_JSON = json.JSONDecoder(strict=False)


@dataclass(slots=True)
class ScriptArticle:
    body: str
    title: str | None = None
    subtitle: str | None = None
    published: str | None = None
    updated: str | None = None
    authors: list[str] = field(default_factory=list)
    section: str | None = None
    captions: list[str] = field(default_factory=list)
    canonical_url: str | None = None


def _json_payload(raw: str):
    text = raw.strip()
    if not text:
        return None
    if text[0] not in "{[":
        start = text.find("{")
        end = text.rfind("}")
        if start < 0 or end <= start:
            return None
        text = text[start : end + 1]
    try:
        return _JSON.decode(text)
    except (ValueError, RecursionError):
        return None


def _best_string(data) -> tuple[str, dict | None] | None:
    """The longest prose-like string under a body-like key and the object holding it, found with an explicit
    stack (no recursion)."""
    best: tuple[float, str, dict | None] | None = None
    stack: list[tuple[str, object, dict | None]] = [("", data, None)]
    seen = 0
    while stack and seen < _MAX_NODES:
        key, value, holder = stack.pop()
        seen += 1
        if isinstance(value, dict):
            stack.extend((str(k), v, value) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((key, v, holder) for v in value)
        elif isinstance(value, str) and len(value) >= 200 and " " in value:
            weight = len(value)
            if _BODY_KEYS.search(key):
                weight *= 2
            if _NOT_BODY_KEYS.search(key):
                weight *= 0.3
            if value.startswith(("http://", "https://", "data:")) or value.count(" ") < len(value) / 60:
                continue
            if best is None or weight > best[0]:
                best = (weight, value, holder)
    return (best[1], best[2]) if best else None


def _fields(obj: dict) -> dict[str, object]:
    return {re.sub(r"[_\-]", "", str(k)).lower(): v for k, v in obj.items()}


def _first(fields: dict[str, object], keys: tuple[str, ...]):
    for k in keys:
        v = fields.get(k)
        if v not in (None, "", [], {}):
            return v
    return None


def _name(value) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        for k in ("name", "title", "label", "displayName"):
            v = value.get(k)
            if isinstance(v, str) and v.strip():
                return v.strip()
    return None


def _article_from(body: str, holder: dict | None) -> ScriptArticle:
    found = ScriptArticle(body)
    if not holder:
        return found
    f = _fields(holder)
    found.title = _name(_first(f, _TITLE))
    found.subtitle = _name(_first(f, _SUBTITLE))
    for attr, keys in (("published", _PUBLISHED), ("updated", _UPDATED)):
        v = _first(f, keys)
        if isinstance(v, (str, int)) and not isinstance(v, bool):
            setattr(found, attr, str(v))
    authors = _first(f, _AUTHORS)
    for entry in authors if isinstance(authors, list) else [authors]:
        name = _name(entry)
        if name:
            found.authors.extend(n for n in clean_author(name) if n not in found.authors)
    found.section = _name(_first(f, _SECTION))
    images = _first(f, _IMAGES)
    for entry in images if isinstance(images, list) else [images]:
        if isinstance(entry, dict):
            caption = _name(entry.get("caption") or entry.get("description") or entry.get("alt"))
            if caption:
                found.captions.append(" ".join(caption.split()))
    canonical = _first(f, _CANONICAL)
    if isinstance(canonical, str) and canonical.startswith(("http://", "https://")):
        found.canonical_url = canonical
    return found


def script_article(scripts: list[LexborNode], hopeless: Callable[[str], bool] | None = None) -> ScriptArticle | None:
    """The article hidden in state scripts (body and whatever metadata sits next to it), or None.

    `hopeless(raw)` says a script's whole text is too short for any string in it to be of use: when it holds
    for every state script, None is returned without decoding any JSON (any body found would be unused)."""
    states = []
    for script in scripts:
        attrs = script.attributes
        if attrs.get("src"):
            continue
        kind = (attrs.get("type") or "").lower()
        ident = attrs.get("id") or ""
        if "ld+json" in kind:
            continue  # read by the metadata module already
        raw = script.text()
        if not raw or len(raw) > _MAX_SCRIPT:
            continue
        if not ("json" in kind or ident == "__NEXT_DATA__" or any(m in raw[:2000] for m in _STATE_MARKERS)):
            continue
        states.append(raw)
    if hopeless is not None and all(map(hopeless, states)):
        return None
    best: ScriptArticle | None = None
    for raw in states:
        data = _json_payload(raw)
        hit = _best_string(data) if data is not None else None
        if hit is None:
            m = _LITERAL.search(raw)
            if m:
                try:
                    hit = (_JSON.decode(f'"{m.group(1)}"'), None)
                except ValueError:
                    hit = None
        if hit and (best is None or len(hit[0]) > len(best.body)):
            best = _article_from(*hit)
    return best


def string_to_blocks(value: str) -> Blocks:
    """Blocks of a body string that may hold HTML (`<p>…</p>`, `<br>`) or plain text with newlines."""
    out = Blocks()
    if "<" in value and ">" in value:
        body = LexborHTMLParser(value).body
        if body is not None:
            walk_container(body, out)
        return out
    for line in re.split(r"\n\s*\n|\r\n\s*\r\n|\n", value):
        text = " ".join(line.split())
        if text:
            out.items.append((text, 0, 0.0))
    return out
