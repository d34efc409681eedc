"""What an element is, as both steps of reading a page's content see it: lexbor tag ids and class/id hints.

`container` (where the article is) and `text_walk` (its text, block by block) compare elements by lexbor's
integer tag ids rather than by tag name, and read an element's class and id as one lower-cased hint string.
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

_ID_TREE = LexborHTMLParser("")


def ids(names: str) -> frozenset[int]:
    # Lexbor's ids of standard tags are fixed constants, the same in every document.
    return frozenset(_ID_TREE.create_node(name).tag_id for name in names.split())


def tag_id(name: str) -> int:
    return _ID_TREE.create_node(name).tag_id


P = tag_id("p")
TEXT = 2  # lexbor's id of text nodes (LXB_TAG__TEXT)
BODY_OR_HTML = ids("body html")

# Elements never taken for chrome by their class/id, whatever it says.
NEVER_UNLIKELY = frozenset({"html", "body", "article", "main", "a", "table", "tbody", "tr", "td"})


def hint_of(attrs: dict) -> str:
    cls = attrs.get("class")
    ident = attrs.get("id")
    if cls and ident:
        return f"{cls} {ident}".lower()
    return (cls or ident or "").lower()
