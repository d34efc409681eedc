"""Classes and ids a page's own `<style>` hides (`.mail_body{display:none}`, `#print_area{visibility:hidden}`).

Pages keep hidden copies of the article (share-by-mail and print templates, a mobile copy) next to the
visible one; utility classes such as `.hide` and `.blind` are known by name (`boilerplate.ALWAYS_CHROME`), site
classes only through the page's CSS. Only top-level rules count: a rule inside `@media` hides the element on
some screens only (a mobile or desktop copy of the page), which says nothing about the article.
"""

from __future__ import annotations

import re

# A simple selector naming one class or id, optionally after a tag name: `.x`, `div.x`, `#y`.
_SIMPLE = re.compile(r"^[a-z0-9]{0,10}([.#])([A-Za-z_][\w-]{0,80})$")
_HIDES = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_MAX_CSS = 512 * 1024


def hidden_names(styles: list) -> frozenset[str]:
    """Lower-cased class and id names that a top-level rule of the page's `<style>`s hides."""
    names: set[str] = set()
    for node in styles:
        css = node.text()
        if not css or ("none" not in css and "hidden" not in css):
            continue
        _scan(_COMMENT.sub("", css[:_MAX_CSS]), names)
    return frozenset(names)


def _scan(css: str, names: set[str]) -> None:
    # The regex engine finds the hiding declarations; the nesting depth is kept by counting braces between
    # consecutive hits (one pass over the text in C). A Python loop over every brace of a 200 KB stylesheet
    # would cost more than the rest of the extraction.
    depth = 0
    counted = 0  # depth holds for css[:counted]
    for m in _HIDES.finditer(css):
        brace = css.rfind("{", 0, m.start())
        if brace < counted or css.find("}", brace, m.start()) >= 0:
            continue  # not inside a rule's declarations
        depth += css.count("{", counted, brace) - css.count("}", counted, brace)
        counted = brace
        if depth != 0:
            continue  # inside @media or @supports
        start = max(css.rfind("}", 0, brace), css.rfind(";", 0, brace), css.rfind("{", 0, brace)) + 1
        for part in css[start:brace].split(","):
            simple = _SIMPLE.match(part.strip())
            if simple:
                names.add(simple.group(2).lower())


def hides(attrs: dict, names: frozenset[str]) -> bool:
    """Whether an element's class or id is one that the page's CSS hides."""
    ident = attrs.get("id")
    if ident and ident.lower() in names:
        return True
    cls = attrs.get("class")
    return cls is not None and any(c in names for c in cls.lower().split())
