"""The result types of extraction: an `Article`, or a `NotAnArticle` with a short reason code."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

# Every code `NotAnArticle.reason` can carry. Downstream tables store the code, so the set is closed:
# a new failure mode gets a new code here rather than free text.
REASONS: dict[str, str] = {
    "empty": "no bytes, or only whitespace",
    "not_html": "binary data or text without any HTML markup",
    "not_decodable": "the bytes decode only with too many replacement characters (mojibake)",
    "no_text": "the page parses but holds no visible text",
    "too_short": "the main content is too short to be an article",
    "index_page": "a list/index/section page: many short link-dominated items, no long paragraphs",
    "error_page": "an error page (404, removed or non-existent article)",
    "too_deep": "markup nested so deep (tens of thousands of levels) that parsing it would take unbounded time",
    "parse_error": "an unexpected internal error; a bug to fix, kept so that nothing else escapes",
}


class NotAnArticle(Exception):
    """The page holds no article; `reason` is one of `REASONS`, `detail` says more for a human."""

    def __init__(self, reason: str, detail: str = "") -> None:
        if reason not in REASONS:
            raise ValueError(f"unknown NotAnArticle reason {reason!r}")
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail

    def __reduce__(self):  # keeps the two-argument constructor picklable across processes
        return (type(self), (self.reason, self.detail))


@dataclass(frozen=True, slots=True)
class Article:
    title: str
    body: str
    detected_charset: str
    subtitle: str | None = None
    captions: tuple[str, ...] = ()
    published_at: datetime | None = None
    updated_at: datetime | None = None
    authors: tuple[str, ...] = ()
    section: str | None = None
    canonical_url: str | None = None
    outlet: str | None = None
    lang: str | None = None
    declared_charset: str | None = None
    # Where the body came from: "html" (the page's markup) or "json" (a JSON blob in a <script>).
    body_source: str = "html"
    # The download stops before the end of the document (no closing </body>/</html>): the body holds the
    # complete paragraphs that arrived, and may lack the rest of the story.
    truncated: bool = False
