"""The text of a chosen container, as blocks in reading order (paragraphs, headings, list items).

One read-only walk (see `walk_container`): block elements cut the text into blocks, links are read whole
and counted for link density, chrome subtrees (scripts, share bars, related boxes …) are skipped whole,
captions, subtitles and breadcrumbs are set aside. `assemble` turns the blocks into the article's parts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from selectolax.lexbor import LexborNode

from . import boilerplate as bp
from .hidden_css import hides
from .tags import BODY_OR_HTML, NEVER_UNLIKELY, TEXT, P, hint_of, ids, tag_id

# Never article text: skipped wherever they sit in the container. `form` is not here: ASP.NET wraps whole
# pages in one. Every element not listed as inline, break, heading or item starts a block of its own.
_DROP = ids(
    "script style noscript template svg iframe object embed canvas button select textarea input nav aside "
    "footer map audio video dialog link meta head title"
)
_BREAK = ids("br hr")
# Phrasing elements: transparent to the walk (their text joins the current block).
_INLINE = ids(
    "span b strong i em u s small big font mark sup sub abbr cite q code kbd samp var time label data dfn ins del "
    "tt strike nobr bdi bdo ruby rb rt rp rtc wbr img picture source"
)
_INLINE |= ids("math mi mo mn ms mtext mspace")  # MathML: its text reads inline
_HEADING = ids("h1 h2 h3 h4 h5 h6")
_ITEM = ids("li dt dd")
_LAST_STATIC_TAG = 10_000  # lexbor numbers unknown tags from a heap address, far above its constants
_INLINE_NAMES = frozenset(
    re.split(
        r"\s+",
        "semantics mrow msup msub msubsup mfrac msqrt mroot mstyle mover munder munderover mpadded mphantom "
        "menclose mtable mtr mtd mfenced",
    )
)
_SKIPPED_NAMES = frozenset({"annotation", "annotation-xml"})
# Elements whose class/id is worth reading (captions, subtitles, chrome boxes, hidden parts).
_HINTED = ids("div section ul ol dl table figure header p span em strong td article h2 h3 h4 h5 h6")
_A = tag_id("a")
_H1 = tag_id("h1")
_FIGCAPTION = tag_id("figcaption")

_SENTENCE_END = re.compile(r"[.!?。！？…\"'”’“‘»«›‹」』)\]]\s*$")
_KOREAN_SENTENCE_END = re.compile(r"(?:다|요|죠|까|니다|음|함|됨|임)[.!?…\"'”’“‘»«」』]*\s*$")
_HINT_KIND = re.compile(
    rf"(?P<caption>{bp.CAPTION_HINT.pattern})|(?P<subtitle>{bp.SUBTITLE_HINT.pattern})|"
    rf"(?P<breadcrumb>{bp.BREADCRUMB_HINT.pattern})|(?P<summary>summary|요약)|(?P<byline>{bp.BYLINE_HINT.pattern})|"
    rf"(?P<unlikely>{bp.UNLIKELY.pattern})"
)


def _squash(text: str) -> str:
    return " ".join(text.split())


_HINT_KIND_CACHE: dict[str, str | None] = {}
# (class, id) as written → the kind of their hint: the walk looks this up per element without building the
# lower-cased hint string.
_ATTR_KIND_CACHE: dict[tuple, str | None] = {}


def _attrs_kind(attrs: dict) -> str | None:
    key = (attrs.get("class"), attrs.get("id"))
    try:
        return _ATTR_KIND_CACHE[key]
    except KeyError:
        pass
    hint = hint_of(attrs)
    kind = _hint_kind(hint) if hint else None
    if len(_ATTR_KIND_CACHE) > 20_000:
        _ATTR_KIND_CACHE.clear()
    _ATTR_KIND_CACHE[key] = kind
    return kind


def _hint_kind(hint: str) -> str | None:
    """caption / subtitle / summary / unlikely / None for a lower-cased `class id` string (cached)."""
    if hint in _HINT_KIND_CACHE:
        return _HINT_KIND_CACHE[hint]
    m = _HINT_KIND.search(hint)
    kind = m.lastgroup if m is not None else None
    if kind == "unlikely" and bp.MAYBE.search(hint) is not None and not bp.chrome_named(hint):
        kind = None
    if kind is None and bp.ALWAYS_CHROME.search(hint) is not None:
        kind = "unlikely"
    if len(_HINT_KIND_CACHE) > 20_000:
        _HINT_KIND_CACHE.clear()
    _HINT_KIND_CACHE[hint] = kind
    return kind


@dataclass(slots=True)
class Blocks:
    """Text blocks of the chosen containers, in reading order."""

    items: list[tuple[str, int, float]] = field(default_factory=list)  # (text, kind, link density)
    captions: list[str] = field(default_factory=list)
    subtitles: list[str] = field(default_factory=list)
    breadcrumbs: list[str] = field(default_factory=list)
    bylines: list[str] = field(default_factory=list)  # text of byline elements (names read by `assemble`)


KIND_TEXT = 0
KIND_HEADING = 1
KIND_ITEM = 2


# Markers the walk writes between the pieces of text; one split at the end turns them into blocks.
_BLOCK_MARK = "\x1e"
_HEAD_BLOCK = "\x1e\x01"
_ITEM_BLOCK = "\x1e\x05"
_LINK_OPEN = "\x02"
_LINK_CLOSE = "\x03"


class _Walk:
    """What the chrome checks of one walk need to know."""

    __slots__ = ("buf", "out", "protected", "root", "total")

    def __init__(self, root: LexborNode, out: Blocks, protected: frozenset[int], buf: list[str]) -> None:
        self.root = root
        self.buf = buf
        self.out = out
        self.total = -1
        # The best candidate and its ancestors: never skipped as chrome, whatever their class says.
        self.protected = protected

    def text_so_far(self) -> int:
        """Characters of text the walk has read (blocks before this container included)."""
        return sum(len(piece) for piece in self.buf if not piece.isspace()) + sum(
            len(item[0]) for item in self.out.items
        )

    def container_length(self) -> int:
        if self.total < 0:
            self.total = len(self.root.text())
        return self.total


_H1_AFTER = 400  # characters of text before an <h1> heads a section instead of being the headline
_SUBTITLE_BEFORE = 80  # characters of body text after which a "sub-title" class is a sub-heading
_CRUMB_SEPARATORS = frozenset({">", "›", "»", "/", "|", "·", "〉"})


def _subtitle_lines(node: LexborNode) -> list[str]:
    """The lines of a sub-headline element (one per <br>, <h2>, <li> …); empty when it is too long to be one."""
    lines = [_squash(t) for t in node.text(separator="\n").split("\n")]
    lines = [t for t in lines if t]
    return lines if lines and sum(map(len, lines)) < 400 else []


def subtitle_near(containers: list[LexborNode], out: Blocks) -> None:
    """Sub-headline elements just above the article container (they are often its previous siblings, or
    siblings of its parent, rather than inside it)."""
    if out.subtitles or not containers:
        return
    node = containers[0]
    for _ in range(3):
        sibling = node.prev
        seen = 0
        while sibling is not None and seen < 8:
            if sibling.tag_id != TEXT:
                seen += 1
                attrs = sibling.attributes
                hint = hint_of(attrs) if attrs else ""
                if hint and _hint_kind(hint) == "subtitle":
                    out.subtitles.extend(_subtitle_lines(sibling))
                    return
            sibling = sibling.prev
        parent = node.parent
        if parent is None or parent.tag_id in BODY_OR_HTML:
            return
        node = parent


def _skip_hinted(node: LexborNode, attrs: dict, walk: _Walk) -> bool:
    """Read the class/id of a block: captions and subtitles are set aside, chrome is dropped (True = skip)."""
    if "hidden" in attrs:
        return True
    style = attrs.get("style")
    if style and ("none" in style or "hidden" in style):
        style = style.replace(" ", "").lower()
        if "display:none" in style or "visibility:hidden" in style:
            return True
    kind = _attrs_kind(attrs)
    if kind is None:
        return False
    out = walk.out
    if kind == "caption":
        text = _squash(node.text())
        if text and len(text) < 600:
            out.captions.append(text)
            return True
    elif kind == "subtitle":
        if walk.text_so_far() > _SUBTITLE_BEFORE:
            return False  # a sub-heading inside the article text (`h3.sub_tit`), not the sub-headline
        lines = _subtitle_lines(node)
        if lines:
            out.subtitles.extend(lines)
            return True
    elif kind == "breadcrumb":
        crumbs = [_squash(t) for t in node.text(separator="\n").split("\n")]
        crumbs = [c for c in crumbs if c and c not in _CRUMB_SEPARATORS]
        if crumbs and sum(map(len, crumbs)) < 200:
            out.breadcrumbs.extend(crumbs)
        return True
    elif kind == "byline":
        text = _squash(node.text())
        if len(text) <= 120:
            if text:
                out.bylines.append(text)
            return True
        return len(text) < 0.5 * walk.container_length()  # a reporter box with bio and links: chrome
    elif kind == "summary":
        head = node.text()[:40].lstrip()
        return head.startswith(("AI 요약", "AI요약", "요약", "AI Summary"))
    elif kind == "unlikely" and node.tag not in NEVER_UNLIKELY and node.mem_id not in walk.protected:
        # A box named like chrome that holds most of the text is the article after all.
        return len(node.text()) < 0.5 * walk.container_length()
    return False


def walk_container(
    root: LexborNode,
    out: Blocks,
    clean: bool = True,
    protected: frozenset[int] = frozenset(),
    budget: int = 1 << 62,
    hidden: frozenset[str] = frozenset(),
) -> None:
    """Blocks of `root` in reading order, without touching the tree.

    A depth-first walk with an explicit stack of child iterators (no recursion, so 10,000-deep nesting is
    fine, and leaving a subtree is just exhausting its iterator). The walk only appends strings: text, and
    markers where a block starts or ends and around link text; one join and split at the end makes the
    blocks. Links are read whole with one `text()` call; chrome, captions and subtitles are read or
    skipped as whole subtrees.
    """
    buf: list[str] = []
    walk = _Walk(root, out, protected, buf)
    append = buf.append
    stack = [(root.iter(include_text=True), False)]  # (children iterator, whether leaving it ends a block)
    text_id, a_id, p_id, h1_id, drop, inline, breaks = TEXT, _A, P, _H1, _DROP, _INLINE, _BREAK
    hinted = _HINTED if clean else frozenset()
    kinds, attrs_kind = _ATTR_KIND_CACHE, _attrs_kind
    while stack:
        children, is_block = stack[-1]
        descended = False
        for node in children:
            budget -= 1
            if budget < 0:
                break
            tid = node.tag_id
            if tid == text_id:
                append(node.text_content or "")
                continue
            if tid == a_id:
                append(_LINK_OPEN + node.text() + _LINK_CLOSE)
                continue
            if tid in drop:
                continue
            if tid in hinted:
                attrs = node.attributes
                if attrs:
                    if hidden and hides(attrs, hidden) and node.mem_id not in protected:
                        continue  # hidden by the page's own CSS (a mail or print copy of the body)
                    # Most class names name nothing the walk cares about: the cached kind of the (class, id)
                    # pair rules them out without a call.
                    kind = kinds.get((attrs.get("class"), attrs.get("id")), "?")
                    if kind == "?":
                        kind = attrs_kind(attrs)
                    if (kind is not None or "style" in attrs or "hidden" in attrs) and _skip_hinted(node, attrs, walk):
                        continue  # `<span class="blind">`, `<div class="caption">` …
            if tid in inline:
                child = node.first_child
                if child is not None:
                    if child.next is None and child.tag_id == text_id and budget > 0:
                        budget -= 1
                        append(child.text_content or "")  # `<span>text</span>`: no iterator needed
                        continue
                    stack.append((node.iter(include_text=True), False))
                    descended = True
                    break
            elif tid in breaks:
                append(_BLOCK_MARK)
            elif tid == h1_id and walk.text_so_far() < _H1_AFTER:
                continue  # the headline: it is the title, not body text (later <h1>s head sections)
            elif tid == _FIGCAPTION:
                text = _squash(node.text())
                if text:
                    out.captions.append(text)
            else:
                child = node.first_child
                if child is None:
                    continue
                if tid > _LAST_STATIC_TAG:
                    # Tags lexbor has no constant for (MathML inner tags, custom elements): by name.
                    name = node.tag
                    if name in _SKIPPED_NAMES:
                        continue
                    if name in _INLINE_NAMES:
                        stack.append((node.iter(include_text=True), False))
                        descended = True
                        break
                if child.next is None and child.tag_id == text_id:
                    if tid == p_id:
                        append(f"{_BLOCK_MARK}{child.text_content or ''}{_BLOCK_MARK}")  # a paragraph of plain text
                        continue
                    if budget > 0:
                        # A block of plain text (`<li>`, `<td>`, `<h2>` …): the same pieces as the walk
                        # into it would write, without an iterator.
                        budget -= 1
                        append(_HEAD_BLOCK if tid in _HEADING else _ITEM_BLOCK if tid in _ITEM else _BLOCK_MARK)
                        append(child.text_content or "")
                        append(_BLOCK_MARK)
                        continue
                # Any other element (blocks, unknown and custom tags) starts a block of its own.
                append(_HEAD_BLOCK if tid in _HEADING else _ITEM_BLOCK if tid in _ITEM else _BLOCK_MARK)
                stack.append((node.iter(include_text=True), True))
                descended = True
                break
        if descended:
            continue
        if budget < 0:
            break  # enough read to judge a page with no article container
        stack.pop()
        if is_block:
            append(_BLOCK_MARK)
    _split_blocks("".join(buf), out)


def _split_blocks(marked: str, out: Blocks) -> None:
    items = out.items
    for part in marked.split(_BLOCK_MARK):
        if not part or (len(part) < 64 and part.isspace()):
            continue
        kind = KIND_TEXT
        first = part[0]
        if first == "\x01":
            kind = KIND_HEADING
            part = part[1:]
        elif first == "\x05":
            kind = KIND_ITEM
            part = part[1:]
        link_chars = 0
        if _LINK_OPEN in part:
            for piece in part.split(_LINK_OPEN)[1:]:
                link_chars += len(piece.partition(_LINK_CLOSE)[0].strip())
            part = part.replace(_LINK_OPEN, "").replace(_LINK_CLOSE, "")
        text = " ".join(part.split())
        if text:
            items.append((text, kind, min(link_chars / len(text), 1.0) if link_chars else 0.0))


def extract_blocks(
    containers: list[LexborNode],
    protected: frozenset[int] = frozenset(),
    budget: int = 1 << 62,
    hidden: frozenset[str] = frozenset(),
) -> Blocks:
    out = Blocks()
    for node in containers:
        walk_container(node, out, protected=protected, budget=budget, hidden=hidden)
    subtitle_near(containers, out)
    return out


def looks_like_prose(text: str) -> bool:
    # Only the tail matters; searching a `$`-anchored pattern would scan the whole paragraph.
    tail = text[-8:]
    return bool(_SENTENCE_END.search(tail) or _KOREAN_SENTENCE_END.search(tail))
