"""Quoted speech and who said it.

Quote spans: `“…”` and `"…"` always; `‘…’` only when it is speech — its text ends like a sentence and a
quotative (`라고`, `고`, `며`, …) follows — because single quotes mostly mark names and emphasis. Nested
quotes stay inside the outer one.

The speaker, in order: a subject after the quote in the same sentence (`“…”라고 최 대표는 말했다`); the
nearest subject before it in the sentence, topic (`은/는`) before subject (`이/가`) markers, skipping the
text of earlier quotes (`최수연 네이버 대표는 “…”며 “…”고`); `그는`/`그녀는` → the last person who was a
subject; a sentence without a subject continues the previous quote's speaker (`그러면서 “…”라고 덧붙였다`).
A subject that is not a named entity (`한 관계자는`) gives no speaker.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from .entities import Ent
from .lexicon import ANONYMOUS, PRONOUNS
from .units import Unit

_QUOTATIVE = re.compile(r"^\s*(?:이?라고|고|며|이?라며|라면서|면서|하며|하고|이?라는|는)")
_SPEECH_END = re.compile(r"(?:다|요|까|죠|냐|자|라|네|지|나|군|어|아|마|오)[.!?…~]*$")
_SENT_END = re.compile(r"[.?!](?=\s|$)|\n")
TOPIC = frozenset({"은", "는", "께서는"})
SUBJECT = frozenset({"이", "가", "께서", "도"})


@dataclass(slots=True)
class QuoteCand:
    start: int
    end: int
    speaker: Ent | None
    title: str | None


def quote_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "“":
            j = text.find("”", i + 1)
            if j > i:
                spans.append((i + 1, j))
                i = j + 1
                continue
        elif ch == '"':
            j = text.find('"', i + 1)
            nl = text.find("\n", i + 1)
            if j > i and (nl < 0 or j < nl):
                spans.append((i + 1, j))
                i = j + 1
                continue
        elif ch == "‘":
            j = text.find("’", i + 1)
            if j > i and "\n" not in text[i:j]:
                inner = text[i + 1 : j]
                if _QUOTATIVE.match(text[j + 1 : j + 8]) and _SPEECH_END.search(inner) and " " in inner:
                    spans.append((i + 1, j))
                    i = j + 1
                    continue
        i += 1
    return [(s, e) for s, e in spans if e > s]


def _sentence_bounds(text: str, spans: list[tuple[int, int]]) -> list[int]:
    """Sentence start offsets; a full stop inside a quote does not end the sentence around it."""
    starts = [0]
    k = 0
    for m in _SENT_END.finditer(text):
        pos = m.start()
        while k < len(spans) and spans[k][1] < pos:
            k += 1
        if k < len(spans) and spans[k][0] <= pos < spans[k][1]:
            continue
        if not text[starts[-1] : pos].strip():
            starts[-1] = m.end()  # `다.\n\n그러면서`: the blank lines are no sentence of their own
            continue
        starts.append(m.end())
    return starts


class Attributor:
    def __init__(self, text: str, units: list[Unit], ents: list[Ent], titles: dict[str, str]) -> None:
        self.text = text
        self.units = units
        self.unit_starts = [u.start for u in units]
        self.ents = sorted(ents, key=lambda e: e.start)
        self.ent_starts = [e.start for e in self.ents]
        self.titles = titles  # person name -> first title seen
        self.person_subjects: list[tuple[int, Ent]] = []
        for u in units:
            if u.particle in TOPIC or u.particle in SUBJECT:
                ent = self._subject_ent(u)
                if ent is not None and ent.type == "PER":
                    self.person_subjects.append((u.start, ent))

    def _chunk_start(self, u: Unit) -> int:
        k = u.idx
        while k > 0:
            p, gap = self.units[k - 1], self.units[k].pre_gap
            if not (gap and not gap.strip() and "\n" not in gap):
                break
            if not p.toks and k >= 4 and self._aside_before(k):
                k -= 4  # `방지호 한국교육과정평가원(평가원) 원장은`: over the parenthesis
                continue
            if not (p.toks and p.open_end and p.sent == u.sent):
                break
            k -= 1
        return self.units[k].start

    def _aside_before(self, k: int) -> bool:
        """Whether units k-4..k-1 read `a(x)` (a word, then one word in parentheses glued to it)."""
        a, o, x, c = self.units[k - 4 : k]
        text = self.text
        return (
            bool(a.toks)
            and text[o.start : o.start + 1] == "("
            and o.start == a.end
            and bool(x.toks)
            and x.start == o.start + 1
            and text[c.start : c.start + 1] == ")"
            and c.start == x.end
            and a.sent == self.units[k].sent
        )

    def _subject_ent(self, u: Unit) -> Ent | None:
        if not u.toks:
            return None
        start = self._chunk_start(u)
        lo = bisect_left(self.ent_starts, start)
        hi = bisect_right(self.ent_starts, u.end)
        inside = [e for e in self.ents[lo:hi] if e.end <= u.end + 1 and e.type in ("PER", "ORG", "LOC")]
        if u.core in ANONYMOUS:
            return None
        people = [e for e in inside if e.type == "PER"]
        if people:
            return people[-1]
        if inside and (u.core == "측" or inside[-1].end >= u.end):
            return inside[-1]
        return None

    def _pronoun_person(self, pos: int) -> Ent | None:
        k = bisect_right([p for p, _ in self.person_subjects], pos) - 1
        if k >= 0:
            return self.person_subjects[k][1]
        people = [e for e in self.ents if e.type == "PER" and e.start < pos]
        return people[-1] if people else None

    def _subject_in(self, lo: int, hi: int, skip: list[tuple[int, int]], *, nearest: bool) -> tuple[bool, Ent | None]:
        """(found a subject?, its entity) among units in [lo, hi), outside quote spans."""
        a = bisect_right(self.unit_starts, lo - 1)
        b = bisect_right(self.unit_starts, hi - 1)
        cands = [u for u in self.units[a:b] if u.toks and u.end <= hi and not self._in_quote(u.start, skip)]
        for group in (TOPIC, SUBJECT):
            hits = [u for u in cands if u.particle in group]
            if not hits:
                continue
            u = hits[-1] if nearest else hits[0]
            if u.core in PRONOUNS or u.core in ("그", "그녀"):
                return True, self._pronoun_person(u.start)
            return True, self._subject_ent(u)
        return False, None

    def _in_quote(self, pos: int, spans: list[tuple[int, int]]) -> bool:
        k = bisect_right(self._span_starts, pos) - 1
        return k >= 0 and spans[k][0] - 1 <= pos < spans[k][1] + 1

    def attribute(self, spans: list[tuple[int, int]]) -> list[QuoteCand]:
        text = self.text
        starts = _sentence_bounds(text, spans)
        self._span_starts = [s - 1 for s, _ in spans]
        out: list[QuoteCand] = []
        prev: QuoteCand | None = None
        prev_sent = -10
        for n, (s, e) in enumerate(spans):
            k = bisect_right(starts, s - 1) - 1
            sent_lo = starts[k]
            sent_hi = starts[k + 1] if k + 1 < len(starts) else len(text)
            nxt = spans[n + 1][0] - 1 if n + 1 < len(spans) and spans[n + 1][0] < sent_hi else sent_hi
            found, speaker = self._subject_in(e + 1, nxt, spans, nearest=False)
            if not found:
                found, speaker = self._subject_in(sent_lo, s - 1, spans, nearest=True)
            if not found and prev is not None and k - prev_sent <= 1:
                speaker = prev.speaker
            title = None
            if speaker is not None and speaker.type == "PER":
                title = speaker.title or self.titles.get(speaker.name)
            cand = QuoteCand(s, e, speaker, title)
            out.append(cand)
            prev, prev_sent = cand, k
        return out


def find_quotes(text: str, units: list[Unit], ents: list[Ent], titles: dict[str, str]) -> list[QuoteCand]:
    spans = quote_spans(text)
    if not spans:
        return []
    return Attributor(text, units, ents, titles).attribute(spans)
