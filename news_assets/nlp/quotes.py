"""Quoted speech: direct quotes in quote marks and indirect speech without them, and who said each.

Direct: `“…”` and `"…"` always; `‘…’` only when it is speech — its text ends like a sentence and a quotative
(`라고`, `고`, `며`, …) follows — because single quotes mostly mark names and emphasis. Nested quotes stay inside
the outer one.

Indirect (kind ``indirect``): reported content without marks, from the first word of its clause through the word
that carries the quotative ending, without the verb of saying (data/gold/ko_real/README.md):

- `-다고/-라고/-냐고/-자고/-다며/-라며` right before a verb of saying, reporting, claiming or announcing
  (`[연방대법원이 이를 번복하길 바란다고] 밝혔다`, `… 것이라고 엄포를 놓기도 했다`); not before a passive
  (`~다고 알려졌다`, `전해졌다`: hearsay) nor a verb that is not one of saying (`~다고 한다`, `생각한다`);
- `-다는/-라는` before a stated position (`[… 결과라는] 입장이다`, `설명이다`, `주장이다`) or before a noun of intent
  that a verb of saying takes (`[… 명명하겠다는] 의지도 밝혔다`); not `방침이다`, `계획이다` (plans);
- `X에 따르면` + the rest of the sentence, credited to X.

The clause starts after the last connective ending (`맹비난하며`), topic (`두 사람은`), comma or quote before the
quotative. Who said it: `speakers.Attributor`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .found import Ent, Role
from .gazetteer import Gazetteer
from .speakers import Attributor, PersonIndex, Speaker, headline_speakers
from .units import Unit

_QUOTATIVE = re.compile(r"^\s*(?:이?라고|고|며|이?라며|라면서|면서|하며|하고|이?라는|는)")
_SPEECH_END = re.compile(r"(?:다|요|까|죠|냐|자|라|네|지|나|군|어|아|마|오)[.!?…~]*$")
# Endings that report what was said: `바란다고`, `뿐이라고`, `싸우냐고`, `나서자고`, `가난했다며`.
_REPORTING_EC = re.compile(r"(?:다|라|냐|자)(?:고|며|면서)$")
_REPORTING_ETM = re.compile(r"(?:다|라|냐|자)는$")
# Verbs of saying: a noun with 하다 (`강조했다`) or a verb (`밝혔다`).
SAY_NOUNS = frozenset(
    {"말", "강조", "주장", "발표", "명령", "약속", "예고", "호소", "비판", "설명", "언급", "보도", "지적", "반박",
     "맞대응", "당부", "촉구", "요구", "경고", "제안", "토로", "역설", "답변", "발언", "요청", "선언", "해명", "부인",
     "공지", "고백", "폭로", "반발", "비난", "항의", "전언", "증언", "진술", "답", "질문", "부탁", "통보", "공언",
     "자신", "장담", "단언", "일축", "반문", "제기", "표명", "고지", "발의", "주문", "지시", "보고", "회고",
     "엄포", "응수", "꼬집", "성토", "규정", "평가절하", "확언", "공표", "천명", "피력", "설파", "훈수", "조언"}
)  # fmt: skip
SAY_VERBS = frozenset(
    {"밝히", "전하", "말하", "덧붙이", "묻", "답하", "알리", "외치", "털어놓", "꼬집", "되묻", "적", "쓰"}
)
# A noun of saying that the next verb takes as its object (`엄포를 놓았다`, `입장을 밝혔다`).
SAY_OBJECTS = frozenset({"엄포", "입장", "뜻", "의사", "목소리", "의견", "견해", "메시지", "의지"})
# `-다는/-라는` before these, then the copula: a position stated (`… 결과라는 입장이다`).
STATED = frozenset({"입장", "설명", "주장", "기억", "전언", "해명", "취지", "전망", "분석", "지적", "얘기", "이야기"})
# `-다는/-라는` before these, then a verb of saying (`… 명명하겠다는 의지를 밝혔다`).
INTENT = frozenset({"의지", "방침", "점", "각오", "뜻", "입장", "의사", "견해", "생각", "계획", "목표", "소감", "포부"})
CONNECTIVE = re.compile(r"(?:며|면서|고|는데|지만|으나|어서|아서|해서|니까|므로|나)$")


@dataclass(slots=True)
class QuoteCand:
    start: int
    end: int
    kind: str
    speaker: Speaker | None


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


def _all_toks(u: Unit) -> list:
    return [*u.toks, *u.tail]


def _unit_end(u: Unit) -> int:
    return max([u.end, *(t.end for t in u.tail)])


def _is_passive(u: Unit) -> bool:
    return any(t.tag == "VX" and t.form == "지" for t in u.tail)


def _saying(units: list[Unit], k: int) -> bool:
    """Unit ``k`` (or the one after an adverb) is a verb of saying, or its object (`엄포를 놓기도 했다`)."""
    for j in (k, k + 1):
        if j >= len(units):
            return False
        w = units[j]
        toks = _all_toks(w)
        if not toks:
            return False
        first = toks[0]
        if _is_passive(w):
            return False
        if first.tag == "NNG" and first.form in SAY_NOUNS and (len(toks) > 1 and toks[1].tag == "XSV"):
            return True
        if first.tag.startswith("VV") and first.form in SAY_VERBS:
            return True
        if w.toks and w.core in SAY_OBJECTS and w.particle in ("을", "를", "도"):
            return True
        if not (first.tag == "MAG" and len(toks) == 1):
            return False  # one adverb may stand between: `거듭 밝혔다`
    return False


def _stated(units: list[Unit], k: int) -> bool:
    """Unit ``k`` is a stated position (`입장이다`) or a noun of intent a verb of saying takes (`의지를 밝혔다`)."""
    if k >= len(units) or not units[k].toks:
        return False
    w = units[k]
    tail = [t.tag for t in w.tail]
    if w.core in STATED and "VCP" in tail and "ETM" not in tail:
        return True
    return w.core in INTENT and w.particle in ("을", "를", "도", "은") and _saying(units, k + 1)


class IndirectReader:
    def __init__(self, text: str, units: list[Unit], direct: Sequence[tuple[int, int]]) -> None:
        self.text = text
        self.units = units
        self.direct = direct

    def _in_direct(self, lo: int, hi: int) -> bool:
        return any(s - 1 < hi and lo <= e + 1 for s, e in self.direct)

    def spans(self) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        units = self.units
        for k, u in enumerate(units):
            toks = _all_toks(u)
            if not toks or k + 1 >= len(units):
                continue
            last = toks[-1]
            if last.tag == "EC" and _REPORTING_EC.search(last.form):
                ok = _saying(units, k + 1)
            elif last.tag == "ETM" and _REPORTING_ETM.search(last.form):
                ok = _stated(units, k + 1)
            elif (
                u.toks
                and u.particle == "에"
                and _all_toks(units[k + 1])[:1]
                and _all_toks(units[k + 1])[0].form == "따르"
            ):
                span = self._according_to(k + 1)
                if span:
                    out.append(span)
                continue
            else:
                continue
            if not ok:
                continue
            end = _unit_end(u)
            start = self._clause_start(k)
            if start is None or self._in_direct(start, end):
                continue
            out.append((start, end))
        return out

    def _clause_start(self, k: int) -> int | None:
        units = self.units
        j = k
        while j > 0:
            p = units[j - 1]
            if p.sent != units[k].sent or "\n" in units[j].pre_gap:
                break
            if self._in_direct(p.start, _unit_end(p)):
                break
            toks = _all_toks(p)
            ch = self.text[p.start : p.start + 1]
            if not p.toks and ch in ",;:":
                break
            if p.toks and p.particle in ("은", "는", "께서는"):
                break
            if (
                toks
                and toks[-1].tag == "EC"
                and CONNECTIVE.search(toks[-1].form)
                and not _REPORTING_EC.search(toks[-1].form)
            ):
                break
            if toks and toks[0].form == "따르":
                break
            j -= 1
        if k - j < 1:
            return None
        return units[j].start

    def _according_to(self, k: int) -> tuple[int, int] | None:
        """`X에 따르면 …`: the rest of the sentence."""
        units = self.units
        if k + 1 >= len(units) or not any(t.form == "면" for t in _all_toks(units[k])):
            return None  # `에 따라` is no source
        first = units[k + 1]
        j = k + 1
        while j + 1 < len(units) and units[j + 1].sent == first.sent and "\n" not in units[j + 1].pre_gap:
            j += 1
        end = _unit_end(units[j])
        while end > first.start and self.text[end - 1] in ".!? ":
            end -= 1
        if end <= first.start or self._in_direct(first.start, end):
            return None
        return first.start, end


def find_quotes(
    text: str,
    units: list[Unit],
    ents: list[Ent],
    roles: Sequence[Role],
    gz: Gazetteer,
    tagger_people: Sequence[tuple[int, int]] = (),
    headings: Sequence[tuple[int, int]] = (),
) -> list[QuoteCand]:
    direct = quote_spans(text)
    indirect = IndirectReader(text, units, direct).spans() if units else []
    spans = sorted([(s, e, "direct") for s, e in direct] + [(s, e, "indirect") for s, e in indirect])
    kept: list[tuple[int, int, str]] = []
    for sp in spans:
        if kept and sp[0] < kept[-1][1]:
            continue
        kept.append(sp)
    if not kept:
        return []
    index = PersonIndex(text, ents, tagger_people, roles, gz.titles)
    attributed = Attributor(text, units, ents, index, gz, headings).attribute(kept)
    headline_speakers(text, attributed, headings)
    return [QuoteCand(a.start, a.end, a.kind, a.speaker) for a in attributed]
