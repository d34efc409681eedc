"""Find the main content of a page and turn it into blocks of text in reading order.

Selection is Readability's idea on a budget. One CSS query finds the paragraph-like elements (<p>, and the
bare text between <br>s that Korean CMSs write); their text length credits their parent, and each distinct
parent passes the credit up five levels, so the per-paragraph Python work is a `text()` call and a dict
update. Class/id weights and chrome ancestry are only computed for the five best candidates; then the
choice may widen to a common ancestor or take in siblings that belong to the article.

Text comes out of the chosen container in one read-only walk (see `walk_container`): block elements cut
the text into blocks, links are read whole and counted for link density, chrome subtrees (scripts, share
bars, related boxes …) are skipped whole, captions and subtitles are set aside.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

from . import boilerplate as bp

_ID_TREE = LexborHTMLParser("")


def _ids(names: str) -> frozenset[int]:
    # Lexbor's ids of standard tags are fixed constants, the same in every document.
    return frozenset(_ID_TREE.create_node(name).tag_id for name in names.split())


def _id(name: str) -> int:
    return _ID_TREE.create_node(name).tag_id


# Never article text: skipped wherever they sit in the container. `form` is not here: ASP.NET wraps whole
# pages in one. Every element not listed as inline, break, heading or item starts a block of its own.
_DROP = _ids(
    "script style noscript template svg iframe object embed canvas button select textarea input nav aside "
    "footer map audio video dialog link meta head title"
)
_BREAK = _ids("br hr")
# Phrasing elements: transparent to the walk (their text joins the current block).
_INLINE = _ids(
    "span b strong i em u s small big font mark sup sub abbr cite q code kbd samp var time label data dfn ins del "
    "tt strike nobr bdi bdo ruby rb rt rp rtc wbr img picture source"
)
_INLINE |= _ids("math mi mo mn ms mtext mspace")  # MathML: its text reads inline
_HEADING = _ids("h1 h2 h3 h4 h5 h6")
_ITEM = _ids("li dt dd")
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
_HINTED = _ids("div section ul ol dl table figure header p span em strong td article h2 h3 h4 h5 h6")
_A = _id("a")
_H1 = _id("h1")
_FIGCAPTION = _id("figcaption")
_P = _id("p")
_ARTICLE = _id("article")
_BR = _id("br")
_LI = _id("li")
_TEXT = 2  # lexbor's id of text nodes (LXB_TAG__TEXT)
_BODY_OR_HTML = _ids("body html")

_TAG_INIT = {
    "div": 5,
    "article": 5,
    "section": 3,
    "main": 3,
    "pre": 3,
    "td": 3,
    "blockquote": 3,
    "address": -3,
    "ol": -3,
    "ul": -3,
    "dl": -3,
    "dd": -3,
    "dt": -3,
    "li": -3,
    "form": -3,
    "h1": -5,
    "h2": -5,
    "h3": -5,
    "h4": -5,
    "h5": -5,
    "h6": -5,
    "th": -5,
}
_NEVER_UNLIKELY = frozenset({"html", "body", "article", "main", "a", "table", "tbody", "tr", "td"})
_UNLIKELY_ROLES = frozenset({"menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog"})
_TOP_CANDIDATES = 5
_FEW_PARAGRAPH_CHARS = 1500
_FALLBACK_LIMIT = 5000  # elements the costly fallback queries look at: enough for any article
_LEAF_DIVS = (
    "div:not(:has(div, p, table, ul, ol, dl, section, article, blockquote, pre, figure, header, form, h1, h2, h3, "
    "h4, h5, h6, li))"
)
_UNLIKELY_FACTOR = 0.25

_SENTENCE_END = re.compile(r"[.!?。！？…\"'”’“‘»«›‹」』)\]]\s*$")
_KOREAN_SENTENCE_END = re.compile(r"(?:다|요|죠|까|니다|음|함|됨|임)[.!?…\"'”’“‘»«」』]*\s*$")
_HINT_KIND = re.compile(
    rf"(?P<caption>{bp.CAPTION_HINT.pattern})|(?P<subtitle>{bp.SUBTITLE_HINT.pattern})|"
    rf"(?P<breadcrumb>{bp.BREADCRUMB_HINT.pattern})|(?P<summary>summary|요약)|(?P<unlikely>{bp.UNLIKELY.pattern})"
)


def _squash(text: str) -> str:
    return " ".join(text.split())


def _hint_of(attrs: dict) -> str:
    cls = attrs.get("class")
    ident = attrs.get("id")
    if cls and ident:
        return f"{cls} {ident}".lower()
    return (cls or ident or "").lower()


def _is_unlikely(node: LexborNode) -> bool:
    tag = node.tag
    if tag in _NEVER_UNLIKELY:
        return False
    attrs = node.attributes
    role = attrs.get("role")
    if role and role.lower() in _UNLIKELY_ROLES:
        return True
    hint = _hint_of(attrs)
    return bool(hint) and bp.unlikely_hint(hint)


def _class_weight(node: LexborNode) -> int:
    attrs = node.attributes
    weight = 0
    for value in (attrs.get("class"), attrs.get("id")):
        if value:
            weight += bp.class_weight(value.lower())
    return weight


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
    hint = _hint_of(attrs)
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
class Scorer:
    body: LexborNode
    # mem_id → [node, raw score]
    candidates: dict[int, list] = field(default_factory=dict)
    adjusted_scores: dict[int, float] = field(default_factory=dict)
    unlikely: dict[int, bool] = field(default_factory=dict)
    density: dict[int, tuple[int, float]] = field(default_factory=dict)
    best: LexborNode | None = None

    def best_chain(self) -> frozenset[int]:
        """mem_ids of the best candidate and all its ancestors."""
        out = set()
        node = self.best
        while node is not None:
            out.add(node.mem_id)
            node = node.parent
        return frozenset(out)

    def in_unlikely(self, node: LexborNode) -> bool:
        """Whether the node or an ancestor is chrome by its class/id; memoised per node, iterative."""
        chain = []
        result = False
        current = node
        memo = self.unlikely
        while current is not None:
            key = current.mem_id
            known = memo.get(key)
            if known is not None:
                result = known
                break
            if current.tag_id in _BODY_OR_HTML:
                break
            chain.append(current)
            current = current.parent
        for n in reversed(chain):
            if not result:
                result = _is_unlikely(n)
            memo[n.mem_id] = result
        return result

    def text_and_density(self, node: LexborNode) -> tuple[int, float]:
        key = node.mem_id
        known = self.density.get(key)
        if known is not None:
            return known
        text_len = len(node.text())
        link_len = 0
        if text_len:
            for a in node.css("a"):
                link_len += len(a.text())
        result = (text_len, min(link_len / text_len, 1.0) if text_len else 0.0)
        self.density[key] = result
        return result

    def adjusted(self, node: LexborNode) -> float | None:
        """Raw score plus tag and class/id weight (scaled down under chrome); None if it got no credit.

        Readability also scales by (1 - link density); that costs a subtree walk per candidate, and here
        only paragraph-like elements give credit, so link lists score nothing anyway. Link density is
        applied per block when the text is read instead.
        """
        key = node.mem_id
        known = self.adjusted_scores.get(key)
        if known is not None:
            return known
        entry = self.candidates.get(key)
        if entry is None:
            return None
        score = entry[1] + _TAG_INIT.get(node.tag, 0) + _class_weight(node)
        if score > 0 and self.in_unlikely(node):
            # Chrome by name (comments, sidebar …). Only a penalty, not a ban: layout wrappers are often
            # named like chrome (`sticky-sidebar`, `header-style-2`) and the article is then inside one.
            score *= _UNLIKELY_FACTOR
        self.adjusted_scores[key] = score
        return score


def score_paragraphs(body: LexborNode, paragraphs: list[LexborNode] | None = None) -> Scorer:
    """Readability's candidate scores; `paragraphs` are the body's <p> and <br> when already queried."""
    scorer = Scorer(body)
    # Paragraph credit per direct parent first: all paragraphs of an article usually share one parent,
    # so the walk up the ancestors below happens once per parent, not once per paragraph.
    owners: dict[int, list] = {}
    direct_done: set[int] = set()
    _credit(body.css("p, br") if paragraphs is None else paragraphs, owners, direct_done)
    if _best_chars(owners) < _FEW_PARAGRAPH_CHARS:
        # Little text under <p>s: the page may write paragraphs as <div>s of inline text (Readability's
        # "div as p"), table cells or list items. These queries are costly (`:has`, every <li>), so they only run when
        # the cheap one found little.
        # One query for both kinds (a second whole-tree query costs more than sorting them apart here).
        blocks, items = [], []
        for node in body.css(_LEAF_DIVS + ", pre, td, li"):
            (items if node.tag_id == _LI else blocks).append(node)
        _credit(blocks[:_FALLBACK_LIMIT], owners, direct_done)
        # List items count by their own text, not the text of their links, so menus and teaser lists stay
        # at zero.
        _credit(items[:_FALLBACK_LIMIT], owners, direct_done, direct_only=True)
    candidates = scorer.candidates
    for parent, score, _ in owners.values():
        node = parent
        level = 0
        while node is not None and level < 5:
            if node.tag_id in _BODY_OR_HTML and level:
                break
            key = node.mem_id
            entry = candidates.get(key)
            share = score / (1 if level == 0 else 2 if level == 1 else level * 3)
            if entry is None:
                candidates[key] = [node, share]
            else:
                entry[1] += share
            node = node.parent
            level += 1
    return scorer


def _best_chars(owners: dict[int, list]) -> int:
    """Paragraph characters under the best-scoring grandparent: how much text the cheap query found in the
    place the article most likely is."""
    grand: dict[int, list] = {}
    for parent, score, chars in owners.values():
        up = parent.parent
        key = up.mem_id if up is not None else 0
        entry = grand.get(key)
        if entry is None:
            grand[key] = [score, chars]
        else:
            entry[0] += score
            entry[1] += chars
    return max(grand.values())[1] if grand else 0


def _credit(nodes: list[LexborNode], owners: dict[int, list], direct_done: set[int], direct_only=False) -> int:
    """Add the paragraph scores of `nodes` to their parents in `owners`; returns the characters credited."""
    found = 0
    for node in nodes:
        parent = node.parent
        if parent is None:
            continue
        key = parent.mem_id
        if key not in direct_done:
            # Text written straight into the parent (Korean CMSs: bare text between <br>s) is a paragraph
            # of its own.
            direct_done.add(key)
            direct = parent.text(deep=False).strip()
            if len(direct) >= 25:
                found += len(direct)
                owners[key] = [parent, 1 + direct.count(",") + min(len(direct) // 100, 3), len(direct)]
        if node.tag_id == _BR:
            continue
        text = node.text(deep=not direct_only)
        length = len(text)
        if length < 25:
            continue
        text = text.strip()
        length = len(text)
        if length < 25:
            continue
        found += length
        score = 1 + text.count(",") + min(length // 100, 3)
        entry = owners.get(key)
        if entry is None:
            owners[key] = [parent, score, length]
        else:
            entry[1] += score
            entry[2] += length
    return found


def _ancestors(node: LexborNode, limit: int = 64) -> list[int]:
    out = []
    current = node.parent
    while current is not None and len(out) < limit:
        out.append(current.mem_id)
        current = current.parent
    return out


def pick_containers(scorer: Scorer) -> list[LexborNode]:
    """The top candidate plus the siblings that belong to the article, in document order."""
    if not scorer.candidates:
        return []
    raw = sorted(scorer.candidates.values(), key=lambda e: e[1], reverse=True)[:_TOP_CANDIDATES]
    ranked = sorted((e[0] for e in raw), key=scorer.adjusted, reverse=True)
    top_node = ranked[0]
    top_score = scorer.adjusted(top_node) or 0.0
    scorer.best = top_node
    if top_score <= 0 or top_node.tag_id in _BODY_OR_HTML:
        return [top_node] if top_score > 0 else []

    # When several near-top candidates share an ancestor, the article is that ancestor.
    alternatives = [_ancestors(n) for n in ranked[1:6] if top_score and (scorer.adjusted(n) or 0) / top_score >= 0.75]
    if len(alternatives) >= 3:
        parent = top_node.parent
        while parent is not None and parent.tag_id not in _BODY_OR_HTML:
            key = parent.mem_id
            if sum(1 for chain in alternatives if key in chain) >= 3:
                top_node = parent
                break
            parent = parent.parent

    # Text split over two cousin containers (article body and its continuation after an ad or a quote
    # box): a strong second candidate that is not inside the top one, close by in the tree, pulls the
    # choice up to their common ancestor.
    top_chain = _ancestors(top_node, 4)
    top_key = top_node.mem_id
    for other in ranked[1:]:
        other_score = scorer.adjusted(other) or 0.0
        if other_score < 0.5 * top_score:
            continue
        other_chain = _ancestors(other, 4)
        if top_key in other_chain or other.mem_id in top_chain:
            continue  # nested: the usual climbing below decides between them
        common = next((k for k in top_chain if k in other_chain), None)
        if common is not None:
            node = top_node
            crossed_article = False
            while node is not None and node.mem_id != common:
                # Never merge across an <article>: on infinite-scroll pages the cousin is the next story.
                crossed_article = crossed_article or node.tag_id == _ARTICLE
                node = node.parent
            if node is not None and node.tag_id not in _BODY_OR_HTML and not crossed_article:
                top_node = node
        break

    # Climb while the parent scores higher: the article text may be split over several children.
    last = scorer.adjusted(top_node) or top_score
    threshold = last / 3
    parent = top_node.parent
    passed_article = top_node.tag_id == _ARTICLE
    while parent is not None and parent.tag_id not in _BODY_OR_HTML and not passed_article:
        # An <article> is a story's own boundary: above it may be the next story of an endless page.
        passed_article = parent.tag_id == _ARTICLE
        parent_score = scorer.adjusted(parent)
        if parent_score is None:
            parent = parent.parent
            continue
        if parent_score < threshold:
            break
        if parent_score > last:
            top_node = parent
            break
        last = parent_score
        parent = parent.parent
    # A lone child says nothing the parent would not: widen to the parent.
    parent = top_node.parent
    while parent is not None and parent.tag_id not in _BODY_OR_HTML:
        if parent.first_child is None or len(list(parent.iter())) != 1:
            break
        top_node = parent
        parent = top_node.parent

    top_score = scorer.adjusted(top_node) or top_score
    parent = top_node.parent
    if parent is None:
        return [top_node]
    sibling_threshold = max(10.0, top_score * 0.2)
    top_class = top_node.attributes.get("class") or ""
    top_key = top_node.mem_id
    picked = []
    for sibling in parent.iter():
        if sibling.mem_id == top_key:
            picked.append(sibling)
            continue
        score = scorer.adjusted(sibling)
        same_class = bool(top_class) and sibling.tag_id != _TEXT and sibling.attributes.get("class") == top_class
        if score is not None:
            bonus = top_score * 0.2 if same_class else 0.0
            if score + bonus >= sibling_threshold:
                picked.append(sibling)
                continue
        elif same_class:
            # A twin of the article box (the text split around figures) whose paragraphs sit too deep to
            # have been scored: taken when it is text rather than links.
            length, density = scorer.text_and_density(sibling)
            if length >= 100 and density < 0.3:
                picked.append(sibling)
                continue
        if sibling.tag_id == _P:
            child = sibling.first_child
            if child is not None and child.tag_id == _TEXT and child.next is None:
                text = child.text_content.strip()  # a <p> of plain text: no links, no query needed
                length, density = len(text), 0.0
            else:
                length, density = scorer.text_and_density(sibling)
            long_clean = length > 80 and density < 0.25
            if long_clean or (0 < length <= 80 and density == 0 and re.search(r"\.( |$)", sibling.text())):
                picked.append(sibling)
    return picked


@dataclass(slots=True)
class Blocks:
    """Text blocks of the chosen containers, in reading order."""

    items: list[tuple[str, int, float]] = field(default_factory=list)  # (text, kind, link density)
    captions: list[str] = field(default_factory=list)
    subtitles: list[str] = field(default_factory=list)
    breadcrumbs: list[str] = field(default_factory=list)


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
            if sibling.tag_id != _TEXT:
                seen += 1
                attrs = sibling.attributes
                hint = _hint_of(attrs) if attrs else ""
                if hint and _hint_kind(hint) == "subtitle":
                    out.subtitles.extend(_subtitle_lines(sibling))
                    return
            sibling = sibling.prev
        node = node.parent
        if node is None or node.tag_id in _BODY_OR_HTML:
            return


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
    elif kind == "summary":
        head = node.text()[:40].lstrip()
        return head.startswith(("AI 요약", "AI요약", "요약", "AI Summary"))
    elif kind == "unlikely" and node.tag not in _NEVER_UNLIKELY and node.mem_id not in walk.protected:
        # A box named like chrome that holds most of the text is the article after all.
        return len(node.text()) < 0.5 * walk.container_length()
    return False


def walk_container(
    root: LexborNode,
    out: Blocks,
    clean: bool = True,
    protected: frozenset[int] = frozenset(),
    budget: int = 1 << 62,
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
    text_id, a_id, p_id, h1_id, drop, inline, breaks = _TEXT, _A, _P, _H1, _DROP, _INLINE, _BREAK
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
                append(node.text_content)
                continue
            if tid == a_id:
                append(_LINK_OPEN + node.text() + _LINK_CLOSE)
                continue
            if tid in drop:
                continue
            if tid in hinted:
                attrs = node.attributes
                if attrs:
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
                        append(child.text_content)  # `<span>text</span>`: no iterator needed
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
                        append(_BLOCK_MARK + child.text_content + _BLOCK_MARK)  # a paragraph of plain text
                        continue
                    if budget > 0:
                        # A block of plain text (`<li>`, `<td>`, `<h2>` …): the same pieces as the walk
                        # into it would write, without an iterator.
                        budget -= 1
                        append(_HEAD_BLOCK if tid in _HEADING else _ITEM_BLOCK if tid in _ITEM else _BLOCK_MARK)
                        append(child.text_content)
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
    containers: list[LexborNode], protected: frozenset[int] = frozenset(), budget: int = 1 << 62
) -> Blocks:
    out = Blocks()
    for node in containers:
        walk_container(node, out, protected=protected, budget=budget)
    subtitle_near(containers, out)
    return out


def looks_like_prose(text: str) -> bool:
    # Only the tail matters; searching a `$`-anchored pattern would scan the whole paragraph.
    tail = text[-8:]
    return bool(_SENTENCE_END.search(tail) or _KOREAN_SENTENCE_END.search(tail))
