"""Article text that a page ships only as JSON inside a `<script>`: JSON-LD `articleBody`, `__NEXT_DATA__`,
`window.__INITIAL_STATE__ = {...}` and similar state blobs. Used when the visible body is empty or short.
"""

from __future__ import annotations

import json
import re

from selectolax.lexbor import LexborHTMLParser, LexborNode

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
_NOT_BODY_KEYS = re.compile(r"title|headline|summary|caption|url|image|meta|seo|og|description", re.IGNORECASE)
_MAX_SCRIPT = 8 * 1024 * 1024
_MAX_NODES = 200_000
# Fallback for state that is JavaScript rather than JSON: a long string literal under a body-like key.
_LITERAL = re.compile(
    r"""["']?(?:articleBody|body|content|contents|text|html|articleContent|newsContent)["']?\s{0,3}:\s{0,3}"""
    r'''"((?:[^"\\]|\\.){200,})"'''
)


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
        return json.loads(text, strict=False)
    except (ValueError, RecursionError):
        return None


def _best_string(data) -> str | None:
    """The longest prose-like string under a body-like key, found with an explicit stack (no recursion)."""
    best: tuple[float, str] | None = None
    stack: list[tuple[str, object]] = [("", data)]
    seen = 0
    while stack and seen < _MAX_NODES:
        key, value = stack.pop()
        seen += 1
        if isinstance(value, dict):
            stack.extend((str(k), v) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((key, v) for v in value)
        elif isinstance(value, str) and len(value) >= 200 and " " in value:
            weight = len(value)
            if _BODY_KEYS.search(key):
                weight *= 2
            if _NOT_BODY_KEYS.search(key):
                weight *= 0.3
            if value.startswith(("http://", "https://", "data:")) or value.count(" ") < len(value) / 60:
                continue
            if best is None or weight > best[0]:
                best = (weight, value)
    return best[1] if best else None


def script_body(scripts: list[LexborNode]) -> str | None:
    """The article body string hidden in state scripts, or None."""
    best: str | None = None
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
        data = _json_payload(raw)
        found = _best_string(data) if data is not None else None
        if found is None:
            m = _LITERAL.search(raw)
            if m:
                try:
                    found = json.loads(f'"{m.group(1)}"', strict=False)
                except ValueError:
                    found = None
        if found and (best is None or len(found) > len(best)):
            best = found
    return best


def html_string_to_paragraphs(value: str) -> list[str]:
    """Paragraphs of a body string that may hold HTML (`<p>…</p>`, `<br>`) or plain text with newlines."""
    if "<" in value and ">" in value:
        # Imported here: content imports nothing from this module, and this path is rare.
        from .content import Blocks, walk_container

        body = LexborHTMLParser(value).body
        if body is None:
            return []
        out = Blocks()
        walk_container(body, out)
        return [text for text, _, _ in out.items]
    return [" ".join(line.split()) for line in re.split(r"\n\s*\n|\r\n\s*\r\n|\n", value) if line.strip()]
