"""Site-agnostic main-content extraction for (Korean) news pages, on selectolax's lexbor backend.

    extract_article(html: bytes, url=None, *, http_charset=None) -> Article   # or raises NotAnArticle
    decode_html(html: bytes, http_charset=None) -> Decoded                     # never raises

Nothing but `NotAnArticle` (with a `reason` from `REASONS`) leaves `extract_article`, whatever the bytes.
`pipeline` runs the steps, one module each: `decode` (bytes → text), `nesting` (refuse absurd depth before
parsing), `metadata` (JSON-LD, meta tags), `container` (choose the element that holds the article),
`text_walk` (read its text as blocks), `boilerplate` (Korean chrome patterns and class hints), `assemble`
(blocks → body, subtitle, captions, bylines, stamps), `dates`, `byline`, `scriptjson` (articles that live in
a <script>). No Dagster here: the assets wrap this.
See README.md in this folder for the design and the benchmark.
"""

from .article import REASONS, Article, NotAnArticle
from .decode import Decoded, decode_html
from .pipeline import MIN_BODY_WEIGHT, extract_article

__all__ = ["MIN_BODY_WEIGHT", "REASONS", "Article", "Decoded", "NotAnArticle", "decode_html", "extract_article"]
