"""Article text that a page ships only as JSON inside a `<script>`: JSON-LD `articleBody`, `__NEXT_DATA__`,
`window.__INITIAL_STATE__ = {...}`, `window["x"].push({...})`, Arc XP / Fusion `globalContent`, the Next.js
App Router flight stream (`self.__next_f.push([1, "..."])`) and similar state. Used when the visible body is
empty or short.

No key per site: every JSON value a script assigns, pushes or passes (`= {`, `({`, `JSON.parse("…")`) is
decoded, and the text-bearing structure in it is found by shape. That is the longest prose-like string
(under a body-like key it counts double), or a list whose items each carry a paragraph (Arc XP's
`content_elements`: `{"type": "text", "content": "…"}` items; captions, URLs and titles do not count), joined
in order. The object that holds it is the article, so its other fields (title, dates, reporters, section,
image captions) are read too.
"""

from __future__ import annotations

import contextlib
import functools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import repeat
from typing import Any

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
_NOT_BODY_KEYS = re.compile(
    r"title|headline|summary|caption|url|image|meta|seo|og|description|lead|credit|href|src|name|type|comment",
    re.IGNORECASE,
)
# Where a JSON value may start in a script: after `=`, `(` or `,` (`window.x = {`, `.push({`, `f(a, {`).
_VALUE_START = re.compile(r"[=(,]\s{0,3}([\[{])")
_JSON_PARSE = re.compile(r'JSON\.parse\(\s{0,3}(")')
_MAX_DECODES = 24  # JSON values tried per script
# A string literal long enough to hold a paragraph: scripts without one are not decoded at all.
_LONG_LITERAL = re.compile(r"""(?:"(?:[^"\\\n]|\\.){40,}")|(?:'(?:[^'\\\n]|\\.){40,}')""")
# Prose somewhere in a script (Hangul words, or their `\uXXXX` escapes, or a run of Latin words): ad, tag
# manager and config scripts have none and are not decoded. Three searches rather than one alternation: a
# pattern that starts with one character class lets the regex engine skip along the text, and the Hangul and
# escape searches only run on scripts that can hold them. A run of Latin words is looked for from the start
# of a word (the same scripts match: a run found inside a word also starts at the word's first letter). That
# pattern opens with a letter, the lookbehind after it, so the engine skips along by character class, and its
# words are possessive: a word is followed by a space or fails, trying it shorter never helps.
_HANGUL_PROSE = re.compile(r"[가-힣]{2}[^\"\n<>]{0,30} [가-힣]")
_ESCAPED_PROSE = re.compile(r"(?:\\u[a-fA-F0-9]{4}){3}")
_LATIN_PROSE = re.compile(r"[A-Za-z](?<![A-Za-z]{2})[A-Za-z]++ (?:[A-Za-z]{2,}+ ){5}")


def _has_prose(raw: str, latin: bool = True) -> bool:
    return (
        (not raw.isascii() and _HANGUL_PROSE.search(raw) is not None)
        or ("\\u" in raw and _ESCAPED_PROSE.search(raw) is not None)
        or (latin and _LATIN_PROSE.search(raw) is not None)
    )


# Script types that are code or data; `text/template`, `text/x-handlebars` … are markup templates (share-by-mail
# forms, next-article cards), not the page's state.
_CODE_TYPES = frozenset({"", "text/javascript", "application/javascript", "module", "application/json", "text/json"})
# Ad and template placeholders that CMSs leave inside stored article HTML (`$$ARTICLEAD$$`, `%%AD_1%%`).
_PLACEHOLDER = re.compile(r"\$\$[A-Za-z0-9_]{2,40}\$\$|%%[A-Za-z0-9_]{2,40}%%")
_BR = re.compile(r"<br\s*/?>|</p>|</li>|</h\d>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]{0,300}>")
# A text row's header `<id>:T<byte length>,`, found by its literal `:T` (a pattern that starts with the id's
# character class tests every position of the stream); the id before it is checked in Python.
_FLIGHT = re.compile(r":T([0-9a-f]{1,8}),")
_ROW_ID = frozenset("0123456789abcdef")
_ROW_ID_MAX = 8
_MIN_ITEM = 15  # characters of a paragraph item in a list of paragraphs
_MAX_SCRIPT = 8 * 1024 * 1024
_MAX_NODES = 200_000
# Fallback for state that is JavaScript rather than JSON: a long string literal under a body-like key. The key's
# opening quote is not part of the pattern (the same literal is found without it, and a pattern that starts
# with optional text cannot skip ahead by its first characters).
_LITERAL = re.compile(
    r"""(?:articleBody|body|content|contents|text|html|articleContent|newsContent)["']?\s{0,3}:\s{0,3}"""
    r'''"((?:[^"\\]|\\.){200,})"'''
)

# Keys of the article object, lower-cased with `_`/`-` removed, in order of preference.
_TITLE = ("title", "headline", "subject")
_SUBTITLE = ("subtitle", "subheadline", "subhead", "deck", "standfirst")
_PUBLISHED = ("publishedat", "datepublished", "pubdate", "publishdate", "firstpublishedat", "createdat", "regdate")
_UPDATED = ("updatedat", "datemodified", "modifiedat", "moddate", "lastmodified", "updatedate")
_AUTHORS = ("reporters", "authors", "author", "writers", "writer", "reporter", "bylines", "byline")
# Date fields by the shape of their name, for CMSs that call them `deployDt`, `regDttm`, `sendDate` …
_UPDATED_KEY = re.compile(r"(?:updat|modif|edit|redeploy|redist|change|revis|last)\w*(?:dt|dttm|date|time|at|on)$")
_PUBLISHED_KEY = re.compile(
    r"(?:publish|pub|deploy|releas|reg|creat|first|insert|input|send|write|servic|open)\w*(?:dt|dttm|date|time|at|on)$"
)
_DATE_VALUE = re.compile(r"(?:19|20)\d\d[-./년]\s?\d{1,2}|^\d{12,14}$")
_AUTHOR_NAME_KEYS = ("name", "writername", "reportername", "displayname", "title", "label")
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


def _prose(value: str) -> bool:
    """Whether a JSON string reads as text (not a URL, a code, an id or a blob without spaces)."""
    if value.startswith(("http://", "https://", "data:", "/")):
        return False
    return value.count(" ") >= len(value) / 60


@functools.lru_cache(maxsize=4096)
def _not_body_key(key: str) -> bool:
    """Whether a key names a caption, title, URL …; cached: the same keys repeat over every item of a list."""
    return _NOT_BODY_KEYS.search(key) is not None


def _item_text(item) -> str | None:
    """The paragraph one item of a list carries: itself when a string, else the longest prose string under
    a key that is not a caption, title, URL … (`{"type": "text", "content": "…"}`)."""
    if isinstance(item, str):
        return item if len(item) >= _MIN_ITEM and " " in item and _prose(item) else None
    if not isinstance(item, dict):
        return None
    best = None
    for key, value in item.items():
        if (
            isinstance(value, str)
            and len(value) >= _MIN_ITEM
            and " " in value
            and not _not_body_key(str(key))
            and _prose(value)
            and (best is None or len(value) > len(best))
        ):
            best = value
    return best


def _joined(texts: list[str]) -> str:
    if any("<" in t and ">" in t for t in texts):
        return "".join(t if t.lstrip().startswith("<") else f"<p>{t}</p>" for t in texts)
    return "\n\n".join(texts)


def _may_be_item(item) -> bool:
    """Whether `_item_text` may find a paragraph in `item` (False means it finds none)."""
    kind = type(item)
    return kind is dict or (kind is str and len(item) >= _MIN_ITEM)


def _enough_items(found: int, total: int) -> bool:
    return found >= 2 and found >= 0.4 * total


def _best_string(data) -> tuple[str, dict | None] | None:
    """The text-bearing structure of a JSON value and the object holding it, found with an explicit stack
    (no recursion): the longest prose-like string, or a list of paragraph items joined, whichever weighs
    more (a body-like key doubles the weight, a caption/title-like key cuts it)."""
    best: tuple[float, str, dict | None] | None = None
    stack: list[tuple[str, Any, dict | None]] = [("", data, None)]  # Any: mypy does not narrow by `type(x) is`
    seen = 0
    while stack and seen < _MAX_NODES:
        key, value, holder = stack.pop()
        seen += 1
        text = None
        # Exact types: decoded JSON holds no subclasses, and three identity tests cost less than isinstance calls
        # on the scalars that make up most nodes.
        kind = type(value)
        if kind is dict:
            stack.extend(zip(map(str, value), value.values(), repeat(value)))
        elif kind is list:
            stack.extend(zip(repeat(key), value, repeat(holder)))
            # Only objects and strings of paragraph length can be items: when too few are (the
            # `["$", "div", null, {…}]` nodes of a React tree), the items are not read one by one.
            if len(value) >= 2 and _enough_items(sum(map(_may_be_item, value)), len(value)):
                texts = [t for t in map(_item_text, value) if t]
                if _enough_items(len(texts), len(value)):
                    text = _joined(texts)
        elif kind is str and len(value) >= 200 and " " in value and _prose(value):
            text = value
        if text is None or len(text) < 200:
            continue
        weight = float(len(text))
        if _BODY_KEYS.search(key):
            weight *= 2
        if _NOT_BODY_KEYS.search(key):
            weight *= 0.3
        if best is None or weight > best[0]:
            best = (weight, text, holder)
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


def _datelike(value) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return value >= 10**9  # epoch seconds or milliseconds
    return isinstance(value, str) and _DATE_VALUE.search(value) is not None


def _article_from(body: str, holder: dict | None) -> ScriptArticle:
    found = ScriptArticle(body)
    if not holder:
        return found
    f = _fields(holder)
    found.title = _name(_first(f, _TITLE))
    subtitle = _name(_first(f, _SUBTITLE))
    if subtitle and "<" in subtitle:
        subtitle = _TAG.sub("", _BR.sub("\n", subtitle)).strip() or None
    found.subtitle = subtitle
    for attr, keys, shape in (("published", _PUBLISHED, _PUBLISHED_KEY), ("updated", _UPDATED, _UPDATED_KEY)):
        v = _first(f, keys)
        if v is None:
            v = next(
                (
                    f[k]
                    for k in f
                    if shape.search(k) and (attr == "updated" or not _UPDATED_KEY.search(k)) and _datelike(f[k])
                ),
                None,
            )
        if isinstance(v, (str, int)) and not isinstance(v, bool):
            setattr(found, attr, str(v))
    authors = _first(f, _AUTHORS)
    for entry in authors if isinstance(authors, list) else [authors]:
        name = _name(entry)
        if isinstance(entry, dict):
            fields = _fields(entry)
            name = next(
                (v.strip() for k in _AUTHOR_NAME_KEYS if isinstance(v := fields.get(k), str) and v.strip()), name
            )
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


def _values(raw: str):
    """The JSON values a script holds: the whole script when it is JSON, else each value it assigns, pushes
    or passes, and each `JSON.parse("…")` argument (a bounded number of decode attempts per script)."""
    data = _json_payload(raw) if raw.lstrip()[:1] in ("{", "[") else None
    if data is not None:
        yield data
        return
    tries = 0
    for m in _JSON_PARSE.finditer(raw):
        tries += 1
        if tries > _MAX_DECODES:
            return
        try:
            inner, _ = _JSON.raw_decode(raw, m.start(1))  # the string literal, unescaped
            yield _JSON.decode(inner)
        except (ValueError, RecursionError, TypeError):
            continue
    pos = 0
    while tries < _MAX_DECODES:
        found = _VALUE_START.search(raw, pos)
        if found is None:
            return
        tries += 1
        try:
            value, end = _JSON.raw_decode(raw, found.start(1))
        except (ValueError, RecursionError):
            pos = found.end()
            continue
        if isinstance(value, (dict, list)) and value:
            yield value
        pos = end


def _flight_texts(stream: str):
    """Text rows of a Next.js App Router flight stream (`24:T1b7b,<div>…`: a row of 0x1b7b UTF-8 bytes of
    text, the server-rendered HTML of a component) and its JSON rows."""
    data = stream.encode("utf-8", "surrogatepass")
    pos = 0
    # The byte offset of character `done` in `data`: advanced by encoding only the characters since the last
    # row (encoding the whole prefix for each row is quadratic in the stream's length).
    done = start = 0
    for m in _FLIGHT.finditer(stream):
        first = colon = m.start()
        while first > colon - _ROW_ID_MAX and first > 0 and stream[first - 1] in _ROW_ID:
            first -= 1
        if first == colon or first < pos:
            continue  # no row id before `:T`, or inside the text of the previous row
        length = int(m.group(1), 16)
        end = m.end()
        start += len(stream[done:end].encode("utf-8", "surrogatepass"))
        done = end
        text = data[start : start + length].decode("utf-8", "replace")
        pos = end + len(text)
        yield text
    for line in stream.split("\n"):
        head, sep, rest = line.partition(":")
        if sep and 0 < len(head) <= 8 and rest[:1] in ("{", "[") and len(rest) >= 200:
            try:
                yield _JSON.decode(rest)
            except (ValueError, RecursionError):
                continue


def script_article(
    scripts: list[LexborNode], hopeless: Callable[[str], bool] | None = None, *, korean: bool = False
) -> ScriptArticle | None:
    """The article hidden in state scripts (body and whatever metadata sits next to it), or None.

    `hopeless(raw)` says a script's whole text is too short for any string in it to be of use: when it holds
    for every state script, None is returned without decoding any JSON (any body found would be unused).
    `korean`: the page is Korean (its title or visible text), so a body hidden in a script is Korean too, as
    Hangul or its `\\uXXXX` escapes; the search for Latin prose, the costliest of the three on long code (about
    20 µs per KB), is skipped."""
    states = []
    flight: list[str] = []
    for script in scripts:
        attrs = script.attributes
        if attrs.get("src"):
            continue
        kind = (attrs.get("type") or "").lower().strip()
        if "ld+json" in kind:
            continue  # read by the metadata module already
        if kind not in _CODE_TYPES and "json" not in kind:
            continue  # a markup template, not state
        raw = script.text()
        if not raw or len(raw) > _MAX_SCRIPT:
            continue
        if hopeless is not None and hopeless(raw):
            continue
        if "__next_f" in raw[:64]:
            flight.append(raw)
        elif _LONG_LITERAL.search(raw) is not None and _has_prose(raw, latin=not korean):  # the cheaper test first
            states.append(raw)
    if not states and not flight:
        return None
    best: ScriptArticle | None = None

    def consider(hit: tuple[str, dict | None] | None) -> None:
        nonlocal best
        if hit and (best is None or len(hit[0]) > len(best.body)):
            best = _article_from(*hit)

    for raw in states:
        found = False
        for data in _values(raw):
            hit = _best_string(data)
            found = found or hit is not None
            consider(hit)
        if not found:
            m = _LITERAL.search(raw)
            if m:
                with contextlib.suppress(ValueError):
                    consider((_JSON.decode(f'"{m.group(1)}"'), None))
    if flight:
        chunks: list[str] = []
        for raw in flight:
            for data in _values(raw):
                if isinstance(data, list):
                    chunks.extend(x for x in data if isinstance(x, str))
        for value in _flight_texts("".join(chunks)):
            if isinstance(value, str):
                if len(value) >= 200 and _prose(value):
                    consider((value, None))
            else:
                consider(_best_string(value))
    return best


def string_to_blocks(value: str) -> Blocks:
    """Blocks of a body string that may hold HTML (`<p>…</p>`, `<br>`) or plain text with newlines."""
    out = Blocks()
    value = _PLACEHOLDER.sub(" ", value)
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
