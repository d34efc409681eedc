"""Where the article is: the element (or run of sibling elements) of a page's body that holds its text.

Readability's idea on a budget. One CSS query finds the paragraph-like elements (<p>, and the bare text
between <br>s that Korean CMSs write); their text length credits their parent, and each distinct parent
passes the credit up five levels, so the per-paragraph Python work is a `text()` call and a dict update.
Class/id weights and chrome ancestry are only computed for the five best candidates; then the choice may
widen to a common ancestor or take in siblings that belong to the article. `text_walk` reads the text of
what is chosen here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from selectolax.lexbor import LexborNode

from . import boilerplate as bp
from .tags import BODY_OR_HTML, NEVER_UNLIKELY, TEXT, P, hint_of, tag_id

_ARTICLE = tag_id("article")
_BR = tag_id("br")
_LI = tag_id("li")

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
_UNLIKELY_ROLES = frozenset({"menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog"})
_TOP_CANDIDATES = 5
_FEW_PARAGRAPH_CHARS = 1500
_FALLBACK_LIMIT = 5000  # elements the costly fallback queries look at: enough for any article
_LEAF_DIVS = (
    "div:not(:has(div, p, table, ul, ol, dl, section, article, blockquote, pre, figure, header, form, h1, h2, h3, "
    "h4, h5, h6, li))"
)
_UNLIKELY_FACTOR = 0.25
_MAX_COMMAS = 6  # commas credited per paragraph


def _is_unlikely(node: LexborNode) -> bool:
    tag = node.tag
    if tag in NEVER_UNLIKELY:
        return False
    attrs = node.attributes
    role = attrs.get("role")
    if role and role.lower() in _UNLIKELY_ROLES:
        return True
    hint = hint_of(attrs)
    return bool(hint) and bp.unlikely_hint(hint)


def _class_weight(node: LexborNode) -> int:
    attrs = node.attributes
    weight = 0
    for value in (attrs.get("class"), attrs.get("id")):
        if value:
            weight += bp.class_weight(value.lower())
    return weight


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
        current: LexborNode | None = node
        memo = self.unlikely
        while current is not None:
            key = current.mem_id
            known = memo.get(key)
            if known is not None:
                result = known
                break
            if current.tag_id in BODY_OR_HTML:
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

    def candidate_score(self, node: LexborNode) -> float:
        """`adjusted` of a node that got credit (0 for one that did not)."""
        score = self.adjusted(node)
        return score if score is not None else 0.0

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
        score = entry[1] + _TAG_INIT.get(node.tag or "", 0) + _class_weight(node)
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
        blocks: list[LexborNode] = []
        items: list[LexborNode] = []
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
            if node.tag_id in BODY_OR_HTML and level:
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
                score = 1 + min(direct.count(","), _MAX_COMMAS) + min(len(direct) // 100, 3)
                owners[key] = [parent, score, len(direct)]
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
        # Commas capped: a table cell or box read whole (the fallback query) is no paragraph, and the commas of a
        # whole sidebar must not outweigh the article.
        score = 1 + min(text.count(","), _MAX_COMMAS) + min(length // 100, 3)
        entry = owners.get(key)
        if entry is None:
            owners[key] = [parent, score, length]
        else:
            entry[1] += score
            entry[2] += length
    return found


def _ancestors(node: LexborNode, limit: int = 64) -> list[int]:
    out: list[int] = []
    current = node.parent
    while current is not None and len(out) < limit:
        out.append(current.mem_id)
        current = current.parent
    return out


def _one_element_child(node: LexborNode) -> bool:
    """Whether `node` has exactly one element child (stops at the second: a body wrapper may have thousands)."""
    count = 0
    for _ in node.iter():
        count += 1
        if count > 1:
            return False
    return count == 1


def pick_containers(scorer: Scorer) -> list[LexborNode]:
    """The top candidate plus the siblings that belong to the article, in document order."""
    if not scorer.candidates:
        return []
    raw = sorted(scorer.candidates.values(), key=lambda e: e[1], reverse=True)[:_TOP_CANDIDATES]
    ranked = sorted((e[0] for e in raw), key=scorer.candidate_score, reverse=True)
    top_node = ranked[0]
    top_score = scorer.adjusted(top_node) or 0.0
    scorer.best = top_node
    if top_score <= 0 or top_node.tag_id in BODY_OR_HTML:
        return [top_node] if top_score > 0 else []

    # When several near-top candidates share an ancestor, the article is that ancestor.
    alternatives = [_ancestors(n) for n in ranked[1:6] if top_score and (scorer.adjusted(n) or 0) / top_score >= 0.75]
    if len(alternatives) >= 3:
        parent = top_node.parent
        while parent is not None and parent.tag_id not in BODY_OR_HTML:
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
            if node is not None and node.tag_id not in BODY_OR_HTML and not crossed_article:
                top_node = node
        break

    # Climb while the parent scores higher: the article text may be split over several children.
    last = scorer.adjusted(top_node) or top_score
    threshold = last / 3
    parent = top_node.parent
    passed_article = top_node.tag_id == _ARTICLE
    while parent is not None and parent.tag_id not in BODY_OR_HTML and not passed_article:
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
    while parent is not None and parent.tag_id not in BODY_OR_HTML:
        if parent.first_child is None or not _one_element_child(parent):
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
        same_class = bool(top_class) and sibling.tag_id != TEXT and sibling.attributes.get("class") == top_class
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
        if sibling.tag_id == P:
            child = sibling.first_child
            if child is not None and child.tag_id == TEXT and child.next is None:
                text = child.text_content.strip()  # a <p> of plain text: no links, no query needed
                length, density = len(text), 0.0
            else:
                length, density = scorer.text_and_density(sibling)
            long_clean = length > 80 and density < 0.25
            if long_clean or (0 < length <= 80 and density == 0 and re.search(r"\.( |$)", sibling.text())):
                picked.append(sibling)
    return picked
