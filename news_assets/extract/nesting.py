"""Keep the parser's cost bounded on absurdly nested markup.

An HTML tree builder checks the stack of open elements at many start tags ("is there a <p> in button scope?",
active formatting elements …), so its work grows with the square of the nesting depth: lexbor needs 0.2 s
for 10,000 nested <div>s, 2.5 s for 30,000, and hours for the millions a 20 MB page of tag soup can hold.
Browsers cap the depth (Blink at 512). No news page nests anywhere near `MAX_DEPTH`, so a page that would is
refused before parsing (reason `too_deep`) rather than flattened: rewriting millions of tags costs seconds
too, and what such a page holds is tag soup, not an article.

Finding such pages must cost next to nothing on normal ones: a few small windows of the bytes are sampled
with `bytes.count` (C speed), and only when one of them opens far more elements than it closes is the
depth of the whole page estimated, chunk by chunk, still with `bytes.count`.
"""

from __future__ import annotations

MAX_DEPTH = 20_000  # about a second of tree building at most
_SMALL = 64 * 1024  # below this, even a page of nothing but <div>s parses in well under a second
_WINDOW = 1024
_WINDOWS = 5
_WINDOW_GROWTH = 40  # elements left open within one window: no normal page comes close
_CHUNK = 4096
_VOIDS = (b"<br", b"<img", b"<input", b"<meta", b"<link", b"<hr", b"<wbr", b"<source", b"<col", b"<area", b"<!")


def suspicious(data: bytes) -> bool:
    """Whether a sampled window of the page leaves far more elements open than it closes."""
    size = len(data)
    if size < _SMALL:
        return False
    step = (size - _WINDOW) // (_WINDOWS - 1)
    count = data.count
    for start in range(0, step * _WINDOWS, step):
        end = start + _WINDOW
        if count(b"<", start, end) - 2 * count(b"</", start, end) >= _WINDOW_GROWTH:
            return True
    return False


def estimated_depth(data: bytes) -> int:
    """An upper estimate of the deepest nesting: opened minus closed elements, summed chunk by chunk."""
    depth = peak = 0
    for start in range(0, len(data), _CHUNK):
        chunk = data[start : start + _CHUNK]
        closing = chunk.count(b"</")
        opening = chunk.count(b"<") - closing - sum(chunk.count(v) for v in _VOIDS)
        depth = max(0, depth + opening - closing)
        peak = max(peak, depth)
    return peak


def too_deep(data: bytes) -> int | None:
    """The estimated depth when the page nests deeper than the parser handles in bounded time, else None."""
    if not suspicious(data):
        return None
    depth = estimated_depth(data)
    return depth if depth > MAX_DEPTH else None
