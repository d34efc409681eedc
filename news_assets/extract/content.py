"""Find the main content of a page and turn it into blocks of text in reading order.

Selection is Readability's idea on a budget: paragraph-like elements (found with one CSS query, not a walk
over every node) give points to their ancestors; class/id hints, link density and sibling merging pick the
container. Text comes out of the container with one `text()` call: before it, every block element gets a
marker text node in front of it and behind it, every link gets markers around it, so one pass over the text
yields the blocks, their kind (heading, list item) and their link density, without per-node Python work.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

from . import boilerplate as bp

# Removed before anything else: never article text. `form` is kept (ASP.NET wraps whole pages in one).
_STRIP = (
    "script, style, noscript, template, svg, iframe, object, embed, canvas, button, select, textarea, input, "
    "nav, aside, footer, map, audio, video, dialog, math, link, meta, [hidden], "
    '[style*="display:none" i], [style*="display: none" i], [role="navigation"], [role="dialog"], '
    '[role="alert"], [role="complementary"], [aria-modal="true"]'
)
_PARAGRAPHS = (
    "p, pre, td, div:not(:has(a, blockquote, dl, div, img, ol, p, pre, table, ul, section, article, h1, h2, h3, "
    "h4, h5, h6, figure, header, li, br))"
)
_BLOCKS = (
    "p, div, section, article, main, header, blockquote, pre, ul, ol, li, dl, dt, dd, table, thead, tbody, tr, "
    "td, th, caption, figure, figcaption, address, details, summary, form, fieldset, legend, center, "
    "h1, h2, h3, h4, h5, h6, br, hr"
)
_HEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
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

BLOCK = "\x1e"
HEAD = "\x01"
ITEM = "\x05"
LINK_OPEN = "\x02"
LINK_CLOSE = "\x03"
_LINK_SPLIT = re.compile("([\x02\x03])")
_COMMAS = re.compile("[,，、]")
_SENTENCE_END = re.compile(r"[.!?。！？…\"'”’)\]]\s*$")
_KOREAN_SENTENCE_END = re.compile(r"(?:다|요|죠|까|니다|음|함|됨|임)[.!?…\"'”’]*\s*$")


def strip_chrome(tree: LexborHTMLParser) -> list[LexborNode]:
    """Unlink the never-content elements; the scripts are returned still holding their text."""
    scripts = []
    for node in tree.css(_STRIP):
        # recursive=False only unlinks the element: its subtree (a script's text) stays readable for the
        # script-JSON fallback and nothing is walked node by node.
        if node.tag == "script":
            scripts.append(node)
        node.decompose(recursive=False)
    return scripts


def _hint(node: LexborNode) -> str:
    attrs = node.attributes
    cls = attrs.get("class") or ""
    ident = attrs.get("id") or ""
    return f"{cls} {ident}".lower() if cls or ident else ""


def _is_unlikely(node: LexborNode) -> bool:
    tag = node.tag
    if tag in _NEVER_UNLIKELY:
        return False
    attrs = node.attributes
    role = attrs.get("role")
    if role and role.lower() in _UNLIKELY_ROLES:
        return True
    cls = attrs.get("class") or ""
    ident = attrs.get("id") or ""
    if not cls and not ident:
        return False
    hint = f"{cls} {ident}".lower()
    return bp.UNLIKELY.search(hint) is not None and bp.MAYBE.search(hint) is None


def _class_weight(node: LexborNode) -> int:
    attrs = node.attributes
    weight = 0
    for value in (attrs.get("class"), attrs.get("id")):
        if value:
            value = value.lower()
            if bp.NEGATIVE.search(value):
                weight -= 25
            if bp.POSITIVE.search(value):
                weight += 25
    return weight


@dataclass(slots=True)
class _Candidate:
    node: LexborNode
    score: float
    adjusted: float | None = None


@dataclass(slots=True)
class Scorer:
    body: LexborNode
    candidates: dict[int, _Candidate] = field(default_factory=dict)
    unlikely: dict[int, bool] = field(default_factory=dict)
    density: dict[int, tuple[int, float]] = field(default_factory=dict)

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
            if current.tag in ("body", "html", "-document"):
                break
            chain.append(current)
            current = current.parent
        for n in reversed(chain):
            if not result:
                result = _is_unlikely(n)
            memo[n.mem_id] = result
        return result

    def _candidate(self, node: LexborNode) -> _Candidate:
        key = node.mem_id
        cand = self.candidates.get(key)
        if cand is None:
            cand = _Candidate(node, _TAG_INIT.get(node.tag, 0) + _class_weight(node))
            self.candidates[key] = cand
        return cand

    def add(self, owner: LexborNode, length: int, text: str) -> None:
        """Credit a paragraph of `length` characters whose nearest container is `owner`."""
        score = 1 + len(_COMMAS.findall(text)) + min(length // 100, 3)
        node = owner
        level = 0
        while node is not None and level < 5:
            tag = node.tag
            if tag in ("html", "-document") or tag is None:
                break
            self._candidate(node).score += score / (1 if level == 0 else 2 if level == 1 else level * 3)
            node = node.parent
            level += 1

    def text_and_density(self, node: LexborNode) -> tuple[int, float]:
        key = node.mem_id
        known = self.density.get(key)
        if known is not None:
            return known
        text_len = len(node.text().strip())
        link_len = 0.0
        if text_len:
            for a in node.css("a"):
                href = a.attributes.get("href") or ""
                link_len += len(a.text().strip()) * (0.3 if href.startswith("#") else 1.0)
        result = (text_len, min(link_len / text_len, 1.0) if text_len else 0.0)
        self.density[key] = result
        return result

    def adjusted(self, cand: _Candidate) -> float:
        if cand.adjusted is None:
            cand.adjusted = cand.score * (1 - self.text_and_density(cand.node)[1])
        return cand.adjusted

    def score_of(self, node: LexborNode) -> float | None:
        cand = self.candidates.get(node.mem_id)
        return None if cand is None else self.adjusted(cand)


def score_paragraphs(body: LexborNode) -> Scorer:
    scorer = Scorer(body)
    owners_seen: set[int] = set()
    for p in body.css(_PARAGRAPHS):
        text = p.text().strip()
        length = len(text)
        parent = p.parent
        if parent is not None and parent.mem_id not in owners_seen:
            owners_seen.add(parent.mem_id)
            _score_direct_text(scorer, parent)
        if length < 25 or scorer.in_unlikely(p):
            continue
        if parent is not None:
            scorer.add(parent, length, text)
    # Korean CMSs write the body as bare text between <br>s in one <div>: the text that sits directly in
    # such an element counts as its own paragraph.
    for br in body.css("br"):
        parent = br.parent
        if parent is not None and parent.mem_id not in owners_seen:
            owners_seen.add(parent.mem_id)
            _score_direct_text(scorer, parent)
    return scorer


def _score_direct_text(scorer: Scorer, node: LexborNode) -> None:
    direct = node.text(deep=False).strip()
    if len(direct) >= 25 and not scorer.in_unlikely(node):
        scorer.add(node, len(direct), direct)


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
    ranked = sorted(scorer.candidates.values(), key=lambda c: c.score, reverse=True)[:12]
    ranked.sort(key=scorer.adjusted, reverse=True)
    top = ranked[0]
    top_node = top.node
    top_score = scorer.adjusted(top)
    if top_node.tag in ("html", "body"):
        return [top_node]

    # When several near-top candidates share an ancestor, the article is that ancestor.
    alternatives = [_ancestors(c.node) for c in ranked[1:6] if top_score and scorer.adjusted(c) / top_score >= 0.75]
    if len(alternatives) >= 3:
        parent = top_node.parent
        while parent is not None and parent.tag not in ("body", "html"):
            key = parent.mem_id
            if sum(1 for chain in alternatives if key in chain) >= 3:
                top_node = parent
                break
            parent = parent.parent

    # Climb while the parent scores higher: the article text may be split over several children.
    last = scorer.score_of(top_node) or top_score
    threshold = last / 3
    parent = top_node.parent
    while parent is not None and parent.tag not in ("body", "html"):
        parent_score = scorer.score_of(parent)
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
    while parent is not None and parent.tag not in ("body", "html"):
        children = list(parent.iter())
        if len(children) != 1:
            break
        top_node = parent
        parent = top_node.parent

    top_score = scorer.score_of(top_node) or top_score
    parent = top_node.parent
    if parent is None:
        return [top_node]
    sibling_threshold = max(10.0, top_score * 0.2)
    top_class = top_node.attributes.get("class") or ""
    picked = []
    for sibling in parent.iter():
        if sibling.mem_id == top_node.mem_id:
            picked.append(sibling)
            continue
        bonus = top_score * 0.2 if top_class and sibling.attributes.get("class") == top_class else 0.0
        score = scorer.score_of(sibling)
        if score is not None and score + bonus >= sibling_threshold:
            picked.append(sibling)
        elif sibling.tag == "p":
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
    dropped_links: int = 0  # link-dominated blocks removed (menus, teaser lists)


KIND_TEXT = 0
KIND_HEADING = 1
KIND_ITEM = 2


def _squash(text: str) -> str:
    return " ".join(text.split())


def clean_container(node: LexborNode, out: Blocks, total_len: int) -> None:
    """Take captions and subtitles out of the container and unlink chrome that sits inside it."""
    for cap in node.css("figcaption"):
        text = _squash(cap.text())
        if text:
            out.captions.append(text)
        cap.decompose(recursive=False)
    for h1 in node.css("h1"):
        h1.decompose(recursive=False)
    for el in node.css("[class], [id]"):
        hint = _hint(el)
        if not hint:
            continue
        if bp.CAPTION_HINT.search(hint):
            text = _squash(el.text())
            if text and len(text) < 600:
                out.captions.append(text)
                el.decompose(recursive=False)
            continue
        if bp.SUBTITLE_HINT.search(hint):
            lines = [_squash(t) for t in el.text(separator="\n").split("\n")]
            lines = [t for t in lines if t]
            if lines and sum(map(len, lines)) < 400:
                out.subtitles.extend(lines)
                el.decompose(recursive=False)
            continue
        if "summary" in hint or "요약" in hint:
            text = _squash(el.text())
            if bp.classify(text[:12].strip()) == bp.SUMMARY_START or text.startswith(("AI 요약", "AI요약", "요약")):
                el.decompose(recursive=False)
                continue
        if el.tag in _NEVER_UNLIKELY or el.tag in ("p", "span", "b", "strong", "em", "i"):
            continue
        unlikely = bp.UNLIKELY.search(hint) and not bp.MAYBE.search(hint)
        if unlikely and len(el.text()) < 0.5 * total_len:
            el.decompose(recursive=False)


def mark_and_read(node: LexborNode) -> str:
    """The container's text with block/heading/item/link markers (see module docstring)."""
    for el in node.css(_BLOCKS):
        tag = el.tag
        if tag == "br" or tag == "hr":
            el.insert_before(BLOCK)
        elif tag in _HEADINGS:
            el.insert_before(BLOCK + HEAD)
            el.insert_after(BLOCK)
        elif tag == "li" or tag == "dt" or tag == "dd":
            el.insert_before(BLOCK + ITEM)
            el.insert_after(BLOCK)
        else:
            el.insert_before(BLOCK)
            el.insert_after(BLOCK)
    for a in node.css("a"):
        a.insert_before(LINK_OPEN)
        a.insert_after(LINK_CLOSE)
    return node.text()


def split_blocks(marked: str, out: Blocks) -> None:
    in_link = False
    for part in marked.split(BLOCK):
        if not part or part.isspace():
            continue
        kind = KIND_TEXT
        if HEAD in part:
            kind = KIND_HEADING
            part = part.replace(HEAD, "")
        if ITEM in part:
            kind = KIND_ITEM if kind == KIND_TEXT else kind
            part = part.replace(ITEM, "")
        if in_link or LINK_OPEN in part or LINK_CLOSE in part:
            link_chars = 0
            plain = []
            for seg in _LINK_SPLIT.split(part):
                if seg == LINK_OPEN:
                    in_link = True
                elif seg == LINK_CLOSE:
                    in_link = False
                elif seg:
                    plain.append(seg)
                    if in_link:
                        link_chars += len(seg.strip())
            text = _squash("".join(plain))
            density = min(link_chars / len(text), 1.0) if text else 0.0
        else:
            text = _squash(part)
            density = 0.0
        if text:
            out.items.append((text, kind, density))


def extract_blocks(containers: list[LexborNode]) -> Blocks:
    out = Blocks()
    for node in containers:
        total = len(node.text())
        clean_container(node, out, total)
        split_blocks(mark_and_read(node), out)
    return out


def looks_like_prose(text: str) -> bool:
    return bool(_SENTENCE_END.search(text) or _KOREAN_SENTENCE_END.search(text))
