"""Names written between quotation marks or title brackets (`언어모델 ‘허니비’`, `《긴 여름》`).

The name inside is a product, a work or an event, as the gazetteer says or as the nouns around it tell
(`언어모델`, `앨범`, `영화제`, a launch verb after it). `‘…’` that is speech (ends like a sentence, a quotative
follows) is no name.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from .found import P_QUOTED, Found
from .gazetteer import Entry, Gazetteer
from .lexicon import EVENT_CUES, EVENT_SUFFIX, LAUNCH_VERBS, PRODUCT_CUES, WORK_CUES
from .units import Unit

_SPEECH_END = re.compile(r"(?:다|요|까|죠|냐|자|라|네|지|나|군|어|아|마)[.!?…~]*$")
_QUOTATIVE = re.compile(r"^\s*(?:이?라고|고\b|고 |며|이?라며|라면서|면서|하고|이?라는|는 )")
_NAME_MARKS = {"‘": "’", "“": "”", "《": "》", "〈": "〉", "「": "」", "『": "』", "<": ">", "'": "'"}
_CUES = (("PRODUCT", PRODUCT_CUES), ("WORK", WORK_CUES), ("EVENT", EVENT_CUES))
_LONG_CUES = tuple((typ, tuple(c for c in cues if len(c) >= 2)) for typ, cues in _CUES)


class QuotedNames:
    """The quoted names of one article (``add_all``); the same quoted name again keeps its type."""

    def __init__(self, text: str, units: list[Unit], gz: Gazetteer, found: Found, new_names: dict[str, str]) -> None:
        self.text = text
        self.units = units
        self.gz = gz
        self.found = found
        self.new_names = new_names  # names learnt from this article -> type (shared with the other rules)
        # Built on the first quoted name: most articles and sentences have none.
        self._unit_ends: list[int] = []
        self._sent_spans: dict[int, tuple[int, int]] = {}

    def _index(self) -> None:
        if self._unit_ends or not self.units:
            return
        self._unit_ends = [u.end for u in self.units]
        for u in self.units:
            lo, hi = self._sent_spans.get(u.sent, (u.start, u.end))
            self._sent_spans[u.sent] = (min(lo, u.start), max(hi, u.end))

    def add_all(self) -> None:
        text = self.text
        i = 0
        while True:
            m = re.compile(r"[‘《〈「『]").search(text, i)
            if not m:
                return
            close = _NAME_MARKS[m.group()]
            s = m.end()
            e = text.find(close, s)
            i = s
            if e < 0 or e - s > 40 or e == s or "\n" in text[s:e]:
                continue
            inner = text[s:e]
            after = text[e + 1 : e + 12]
            if m.group() == "‘" and _QUOTATIVE.match(after) and _SPEECH_END.search(inner):
                continue
            entry = self._classify_quoted(inner, m.start(), e + 1)
            if entry is not None:
                sent = self._sent_at(s)
                self.found.add(s, e, entry, sent, P_QUOTED)
                self.new_names.setdefault(entry.name, entry.type)

    def _classify_quoted(self, inner: str, open_at: int, close_end: int) -> Entry | None:
        entry = self.gz.lookup(inner, nnp=True)
        if entry is not None:
            return Entry(entry.name, entry.type)
        learnt = self.new_names.get(inner)
        if learnt in ("PRODUCT", "WORK", "EVENT"):
            return Entry(inner, learnt)  # the same quoted name again (`‘누리봇 2’를 내놓고`)
        bare = re.sub(r"^(?:(?:19|20)\d\d|제\d+회)\s*|\s*(?:19|20)\d\d$", "", inner)
        if bare != inner and (entry := self.gz.lookup(bare, nnp=True)) is not None:
            return Entry(inner, entry.type)
        before = self.text[max(0, open_at - 12) : open_at].split()
        after_words = self.text[close_end : close_end + 12].split()
        prev_word = before[-1] if before and self.text[open_at - 1 : open_at] == " " else None
        scores = {"PRODUCT": 0, "WORK": 0, "EVENT": 0}

        def cue(word: str, weight: int, *, after: bool = False) -> None:
            # `3집` → `집`; `역할수행게임(MMORPG)` → also `역할수행게임`; `상품인` (apposition) → also `상품`
            forms = {re.sub(r"^\d+|[^\w]", "", word), re.sub(r"^\d+|[^\w]", "", re.sub(r"\([^()]*\)$", "", word))}
            if not after:
                forms |= {w[:-1] for w in forms if len(w) > 2 and w.endswith("인")}
            for (typ, cues), (_, long_cues) in zip(_CUES, _LONG_CUES, strict=True):
                if any(
                    w in cues or (after and w.startswith(long_cues)) or (not after and w.endswith(long_cues))
                    for w in forms
                ):
                    scores[typ] += weight

        if prev_word:
            cue(prev_word, 3)
        if after_words and self.text[close_end : close_end + 1] == " ":
            cue(after_words[0], 3, after=True)
        sent_text = self._sentence_text(open_at)
        for w in sent_text.split():
            cue(w, 1)
        for suf in EVENT_SUFFIX:
            if inner.endswith(suf):
                scores["EVENT"] += 4
        after = self.text[close_end : close_end + 20]
        if any(v in after for v in LAUNCH_VERBS):
            scores["PRODUCT"] += 1
        best = max(scores, key=lambda t: scores[t])
        if scores[best] < 3:
            return None
        return Entry(inner, best)

    def _sent_at(self, pos: int) -> int:
        if not self.units:
            return 0
        self._index()
        k = bisect_right(self._unit_ends, pos)
        return self.units[min(k, len(self.units) - 1)].sent

    def _sentence_text(self, pos: int) -> str:
        sent = self._sent_at(pos)
        lo, hi = self._sent_spans.get(sent, (0, 0))
        return self.text[lo:hi]
