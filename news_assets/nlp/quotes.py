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
- `-다는/-라는 게(것이) [X의] 설명이다`: credited to X (`[… 고팠다는] 게 그의 기억이다`);
- `X에 따르면` + the rest of the sentence, credited to X.

The verb of saying may have its subject between the content and itself (`[… 내렸다고] 뉴욕타임스 등이 보도했다`,
`[… 있다고] FT는 전했다`: credited to that subject), an adverb before it (`분명히 했다`), a particle after the
quotative (`[… 중이라고]도 했다`); a plain `했다` in the past is saying (`~다고 했다`), the present `~다고 한다` is
hearsay. `-다며/-라며/-냐며` report what was said before any verb (`[… 거짓말이라며] 증거를 제시했다`).

The clause starts after the last connective ending (`맹비난하며`, not the `-고` of `-고 있다`), the first topic of
the clause (`두 사람은`; a later topic is inside the content: `현대건설 측은 [공사 기간은 … 결과라는] 입장이다`),
a comma that does not join two nouns of a list, or a quote before the quotative. Who said it: `speakers.Attributor`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from .found import Ent, Role
from .gazetteer import Gazetteer
from .lexicon import ANONYMOUS
from .speakers import ORG_SIDE, Attributor, PersonIndex, Speaker, headline_speakers, particle_of
from .units import Unit

_QUOTATIVE = re.compile(r"^\s*(?:이?라고|고|며|이?라며|라면서|면서|하며|하고|이?라는|는)")
# `[이름 / 기관 직함 : 말]`: a broadcaster's caption quoting without marks (the words: group 3).
_CAPTION_QUOTE = re.compile(
    r"\[\s*([^\[\]\n:/=“”\"]{2,30}?)\s*(?:/\s*([^\[\]\n:=“”\"]{1,40}?))?\s*:\s*([^\[\]\n“”\"]{4,}?)\s*\]"
)
_SPEECH_END = re.compile(r"(?:다|요|까|죠|냐|자|라|네|지|나|군|어|아|마|오)[.!?…~]*$")
# Endings that report what was said: `바란다고`, `뿐이라고`, `싸우냐고`, `나서자고`, `가난했다며`.
_REPORTING_EC = re.compile(r"(?:다|라|냐|자)(?:고|며|면서)$")
_REPORTING_ETM = re.compile(r"(?:다|라|냐|자)는$")
# `-다며/-라며/-냐며`: what was said, whatever verb follows (`… 거짓말이라며 증거를 제시했다`).
_REPORTING_WHILE = re.compile(r"(?:다|라|냐)(?:며|면서)$")
# Verbs of saying: a noun with 하다 (`강조했다`) or a verb (`밝혔다`).
SAY_NOUNS = frozenset(
    {"말", "강조", "주장", "발표", "명령", "약속", "예고", "호소", "비판", "설명", "언급", "보도", "지적", "반박",
     "맞대응", "당부", "촉구", "요구", "경고", "제안", "토로", "역설", "답변", "발언", "요청", "선언", "해명", "부인",
     "공지", "고백", "폭로", "반발", "비난", "항의", "전언", "증언", "진술", "답", "질문", "부탁", "통보", "공언",
     "자신", "장담", "단언", "일축", "반문", "제기", "표명", "고지", "발의", "주문", "지시", "보고", "회고",
     "엄포", "응수", "꼬집", "성토", "규정", "평가절하", "확언", "공표", "천명", "피력", "설파", "훈수", "조언",
     "귀띔", "소개", "부연", "항변", "하소연", "자평", "시인", "논평", "강변", "반론", "일갈", "발끈", "호언"}
)  # fmt: skip
SAY_VERBS = frozenset(
    {
        "밝히",
        "전하",
        "말하",
        "덧붙이",
        "묻",
        "답하",
        "알리",
        "외치",
        "털어놓",
        "꼬집",
        "되묻",
        "적",
        "쓰",
        "못박",
        "내세우",
    }
)
# A noun of saying that the next verb takes as its object (`엄포를 놓았다`, `입장을 밝혔다`).
SAY_OBJECTS = frozenset({"엄포", "입장", "뜻", "의사", "목소리", "의견", "견해", "메시지", "의지", "선"})
# `-다는/-라는` before these, then the copula: a position stated (`… 결과라는 입장이다`).
STATED = frozenset({"입장", "설명", "주장", "기억", "전언", "해명", "취지", "전망", "분석", "지적", "얘기", "이야기"})
# `-다는/-라는` before these, then a verb of saying (`… 명명하겠다는 의지를 밝혔다`).
INTENT = frozenset({"의지", "방침", "점", "각오", "뜻", "입장", "의사", "견해", "생각", "계획", "목표", "소감", "포부"})
CONNECTIVE = re.compile(r"(?:며|면서|고|는데|지만|으나|어서|아서|해서|니까|므로|나)$")
# Bound nouns `-다는` leads to before `[X의] 설명이다` (`… 고팠다는 게 그의 기억이다`, `… 것이 경찰의 설명이다`).
_THAT = frozenset({"것", "게"})


@dataclass(slots=True)
class QuoteCand:
    start: int
    end: int
    kind: str
    speaker: Speaker | None


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Direct quotes: `“…”`; `"…"` on one line (also closed by `”`: mixed marks); `‘…’` and `'…'` when speech; a
    broadcast caption without marks, `[이름 / 기관 직함 : 말]` (its words after the colon)."""
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
            nl = text.find("\n", i + 1)
            ends = [j for j in (text.find('"', i + 1), text.find("”", i + 1)) if j > i and (nl < 0 or j < nl)]
            if ends:
                j = min(ends)
                spans.append((i + 1, j))
                i = j + 1
                continue
        elif ch in "‘'":
            j = text.find("’" if ch == "‘" else "'", i + 1)
            if j > i and "\n" not in text[i:j]:
                inner = text[i + 1 : j]
                if _QUOTATIVE.match(text[j + 1 : j + 8]) and _SPEECH_END.search(inner) and " " in inner:
                    spans.append((i + 1, j))
                    i = j + 1
                    continue
        elif ch == "[":
            m = _CAPTION_QUOTE.match(text, i)
            if m:
                spans.append((m.start(3), m.end(3)))
                i = m.end()
                continue
        i += 1
    return [(s, e) for s, e in spans if e > s]


def _all_toks(u: Unit) -> list:
    return [*u.toks, *u.tail]


def _unit_end(u: Unit) -> int:
    return max([u.end, *(t.end for t in u.tail)])


def _is_passive(u: Unit) -> bool:
    return any(t.tag == "VX" and t.form == "지" for t in u.tail)


def _past_say(toks: list) -> bool:
    """`했다`, `했고`, `했지만`: 하다 in the past, the verb of `~다고 했다` (not the hearsay `~다고 한다`)."""
    return (len(toks) >= 2 and toks[0].tag in ("VV", "VX") and toks[0].form == "하" and toks[1].tag == "EP") and toks[
        1
    ].form in ("었", "였", "았")


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
        if _past_say(toks):
            return True
        if w.toks and w.core in SAY_OBJECTS and w.particle in ("을", "를", "도"):
            return True
        if not (first.tag == "MAG" and len(toks) == 1):
            return False  # one adverb may stand between: `거듭 밝혔다`, `분명히 했다`
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
    """Indirect speech in ``units``; ``sources`` maps a span to the word that names its speaker when that word is
    not the clause's topic or subject before it (`X에 따르면`, `… 게 X의 설명이다`, `… 했다고 X가 보도했다`)."""

    def __init__(
        self, text: str, units: list[Unit], direct: Sequence[tuple[int, int]], titles: frozenset[str] = frozenset()
    ) -> None:
        self.text = text
        self.titles = titles
        self.units = units
        self.direct = direct
        self.sources: dict[tuple[int, int], Unit] = {}

    def _in_direct(self, lo: int, hi: int) -> bool:
        return any(s - 1 < hi and lo <= e + 1 for s, e in self.direct)

    def _quotative(self, u: Unit) -> tuple[str, str, int] | None:
        """(``EC`` or ``ETM``, the ending, its end) of the word's reporting ending: its last token, or the one
        before a particle (`중이라고도`, `없다고는`)."""
        toks = _all_toks(u)
        if not toks:
            return None
        last = toks[-1]
        if last.tag == "JX" and len(toks) >= 2 and toks[-2].tag == "EC":
            last = toks[-2]
        if last.tag == "EC" and _REPORTING_EC.search(last.form):
            return "EC", last.form, last.end
        if last.tag == "ETM" and _REPORTING_ETM.search(last.form):
            return "ETM", last.form, last.end
        return None

    def spans(self) -> list[tuple[int, int]]:
        out: list[tuple[int, int]] = []
        units = self.units
        for k, u in enumerate(units):
            toks = _all_toks(u)
            if not toks or k + 1 >= len(units):
                continue
            if (
                u.toks
                and u.particle == "에"
                and _all_toks(units[k + 1])[:1]
                and _all_toks(units[k + 1])[0].form == "따르"
            ):
                span = self._according_to(k + 1)
                if span:
                    out.append(span)
                    self.sources[span] = u
                continue
            q = self._quotative(u)
            if q is None:
                continue
            source: Unit | None = None
            if q[0] == "EC":
                ok = _saying(units, k + 1) or (bool(_REPORTING_WHILE.search(q[1])) and not self._after_label(u))
                if not ok:
                    source = self._subject_then_saying(k + 1)
                    ok = source is not None
            else:
                ok = _stated(units, k + 1)
                if not ok:
                    ok, source = self._that_is_whose(k + 1)
            if not ok:
                continue
            end = q[2]
            start = self._clause_start(k, external=source is not None)
            if start is None or self._in_direct(start, end):
                continue
            out.append((start, end))
            if source is not None:
                self.sources[(start, end)] = source
        # `[… 불가피하다며 … 강화하겠다고] 설명했다`: one clause reports both; keep the longest span of a start.
        longest: dict[int, tuple[int, int]] = {}
        for sp in out:
            if sp[0] not in longest or sp[1] > longest[sp[0]][1]:
                longest[sp[0]] = sp
        return [sp for sp in out if longest[sp[0]] == sp]

    def direct_sources(self) -> None:
        """A direct quote followed by `-는/-라는` and whose words they are: `"…"라는 게 김 의원의 설명이다` (김 의원),
        `'…'는 일부 의원들 의견` (일부 의원들)."""
        units = self.units
        starts = [u.start for u in units]
        for s, e in self.direct:
            k = bisect_left(starts, e + 1)
            if k + 1 >= len(units) or units[k].start != e + 1:
                continue
            toks = _all_toks(units[k])
            if not toks or toks[-1].tag != "ETM" or not toks[-1].form.endswith("는"):
                continue
            _, owner = self._that_is_whose(k + 1)
            if owner is None:
                for m in range(k + 2, min(k + 5, len(units))):
                    w, prev = units[m], units[m - 1]
                    if w.core in SPEECH_NOUNS and prev.toks and (prev.open_end or prev.particle == "의"):
                        owner = prev
                        break
                    if not prev.toks or not (prev.open_end or prev.particle == "의"):
                        break
            if owner is not None and owner.core not in _CONTENT_NOUNS:
                self.sources[(s, e)] = owner

    def _after_label(self, u: Unit) -> bool:
        """The quotative follows a term in single quotes (`'가짜 뉴스'라며 날을 세웠다`): a label, not speech."""
        return self.text[max(u.start - 1, 0) : u.start] in ("’", "'") or self.text[
            max(_all_toks(u)[0].start - 1, 0) : _all_toks(u)[0].start
        ] in ("’", "'")

    def _names_someone(self, u: Unit) -> bool:
        """A noun phrase with `도` that can be the speaker (`류츠핑 텐센트 사장도`, `경찰도`), not content
        (`대체품도`)."""
        return bool(u.toks) and (
            u.core in self.titles or u.core_tags[-1:] == ("NNP",) or u.core in ANONYMOUS or u.core in ORG_SIDE
        )

    def _subject_then_saying(self, k: int) -> Unit | None:
        """`[…다고] X(Y) 등이 보도했다`, `[…다고] FT는 전했다`: the subject's word, when a verb of saying follows it."""
        units = self.units
        for m in range(k, min(k + 6, len(units))):
            w = units[m]
            if w.sent != units[k].sent:
                return None
            particle = particle_of(w)
            if particle in ("은", "는", "이", "가", "도"):
                return w if _saying(units, m + 1) else None
            if w.toks and not w.open_end:
                return None
            if not w.toks and self.text[w.start : w.start + 1] not in "()":
                return None
        return None

    def _that_is_whose(self, k: int) -> tuple[bool, Unit | None]:
        """`-다는 게(것이) [X의] 설명이다`: (a stated position?, X's word if X is written)."""
        units = self.units
        if k >= len(units) or units[k].core not in _THAT or units[k].particle not in ("이", "가", "은"):
            return False, None
        owner: Unit | None = None
        for m in range(k + 1, min(k + 6, len(units))):
            w = units[m]
            if not w.toks:
                return False, None
            if w.particle == "의" and owner is None:
                owner = w
                continue
            if w.open_end and owner is None:
                continue  # `이 당선인의`: the words of X's noun phrase
            tail = [t.tag for t in w.tail]
            return (w.core in STATED and "VCP" in tail and "ETM" not in tail), owner
        return False, None

    def _breaks(self, p: Unit, j: int) -> bool:
        """Unit ``p`` (before unit ``j``) ends the clause before it: a comma that is no list's, a connective ending
        (not `-고` before an auxiliary: `준비하고 있다고`), `따르면`."""
        units = self.units
        toks = _all_toks(p)
        ch = self.text[p.start : p.start + 1]
        if not p.toks and ch in "]":
            return True  # `[매체=이름 기자]`
        if not p.toks and ch in ",;:":
            before = units[p.idx - 1] if p.idx > 0 else None
            after = units[j] if j < len(units) else None
            listed = (
                before is not None
                and before.toks
                and before.open_end
                and after is not None
                and after.toks
                and before.core_tags[-1:] == ("NNP",)
                and after.core_tags[:1] == ("NNP",)
            )
            return not listed  # `알리바바, 텐센트 등`: a list of names goes on
        if (
            toks
            and toks[-1].tag == "EC"
            and CONNECTIVE.search(toks[-1].form)
            and not _REPORTING_EC.search(toks[-1].form)
        ):
            nxt = _all_toks(units[j])[:1] if j < len(units) else []
            return not (toks[-1].form in ("고", "어", "아", "여") and nxt and nxt[0].tag == "VX")
        return bool(toks and toks[0].form == "따르")

    def _clause_start(self, k: int, external: bool = False) -> int | None:
        """Where the content of the quotative at unit ``k`` starts: after a first subject that a later subject or
        topic follows (`[데이비스가] 살해 의도는 없었다고`: the later one is the content's), else after the clause's
        first topic (`X는`, or `X도` naming someone), else at the start of the clause. ``external``: the speaker
        is named outside the clause (`… 게 X의 설명이다`, `…다고 X가 보도했다`), so every topic is content."""
        units = self.units
        sent = units[k].sent
        j = k
        while j > 0:
            p = units[j - 1]
            if p.sent != sent or "\n" in units[j].pre_gap:
                break
            if self._in_direct(p.start, _unit_end(p)):
                break
            if self._breaks(p, j):
                break
            j -= 1
        marked = [(i, particle_of(units[i])) for i in range(j, k)]
        marked = [(i, m) for i, m in marked if m in ("은", "는", "께서는", "도", "이", "가", "께서")]
        topics = [i for i, m in marked if m in ("은", "는", "께서는") or (m == "도" and self._names_someone(units[i]))]
        first = j
        subject_first = bool(marked) and marked[0][1] in ("이", "가", "께서") and len(marked) > 1
        if external:
            pass
        elif subject_first and not self._relative(marked[0][0], k):
            first = marked[0][0] + 1
        elif topics:
            first = topics[0] + 1
        if first < j or first > k or (first == k and not (first > j and self._predicate(units[k]))):
            return None
        return units[first].start

    def _relative(self, i: int, k: int) -> bool:
        """The subject at unit ``i`` belongs to a relative clause: an adnominal ending follows it before ``k``
        (`정부가 추진하는 정책은`)."""
        return any(t.tag == "ETM" for u in self.units[i + 1 : k] for t in u.tail)

    @staticmethod
    def _predicate(u: Unit) -> bool:
        """A word that is a clause of its own (`사실무근이라고`, `아니라고`): content of one word after the topic."""
        return any(t.tag in ("VCP", "VCN") or t.tag.startswith(("VV", "VA")) for t in _all_toks(u))

    def _according_to(self, k: int) -> tuple[int, int] | None:
        """`X에 따르면 …`: the rest of the sentence."""
        units = self.units
        if k + 1 >= len(units) or not any(t.form == "면" for t in _all_toks(units[k])):
            return None  # `에 따라` is no source
        j = k + 1
        while j < len(units) and not units[j].toks and self.text[units[j].start : units[j].start + 1] in ",":
            j += 1  # `시에 따르면, …`
        if j >= len(units):
            return None
        first = units[j]
        while j + 1 < len(units) and units[j + 1].sent == first.sent and "\n" not in units[j + 1].pre_gap:
            j += 1
        end = _unit_end(units[j])
        while end > first.start and self.text[end - 1] in ".!? ":
            end -= 1
        if end <= first.start or self._in_direct(first.start, end):
            return None
        return first.start, end


# Nouns `'…'는` may lead to when the words in single quotes were said (`'…'는 일부 의원들 의견`).
SPEECH_NOUNS = SAY_NOUNS | STATED | SAY_OBJECTS | {"의견", "말", "발언", "반응", "불만", "우려", "목소리", "글", "반박"}
# Genitives before a noun of speech that say what the words are, not whose (`'…'는 제목의 글`, `취지의 발언`).
_CONTENT_NOUNS = frozenset({"제목", "내용", "취지", "문구", "요지", "골자", "글", "뜻", "말", "메시지", "주제"})
# Nouns after an adnominal verb of saying that keep it an act of saying (`'…'고 말한 뒤`).
_AFTER_SAYING = frozenset({"뒤", "후", "바", "것", "데", "적", "만큼", "가운데", "이후", "직후", "다음", "순간"})


def _speech_after(text: str, units: list[Unit], close: int) -> bool:
    """The words in single quotes closing at ``close`` were said: `-며`, a verb of saying after `-고` (not an
    adnominal one before a noun: `'…'고 규정한 당헌`, a rule's text), a noun of speech soon after `-는`."""
    k = bisect_left([u.start for u in units], close + 1)
    k -= 1 if k > 0 and _unit_end(units[k - 1]) > close + 1 else 0
    while k < len(units) and units[k].start <= close and _unit_end(units[k]) <= close + 1:
        k += 1  # the closing mark itself
    if k >= len(units):
        return False
    forms = [t.form for t in _all_toks(units[k]) if t.start > close]
    if not forms:
        return False
    quot = forms[-1] if forms[-1] not in ("도", "는") or len(forms) == 1 else forms[-2]
    if quot.endswith(("며", "면서")):
        return True
    if quot.endswith("고"):
        if not _saying(units, k + 1):
            return False
        w = units[k + 1] if _all_toks(units[k + 1])[0].tag != "MAG" else units[min(k + 2, len(units) - 1)]
        if not any(t.tag == "ETM" for t in w.tail):
            return True
        nxt = units[w.idx + 1] if w.idx + 1 < len(units) else None
        return nxt is not None and nxt.core in _AFTER_SAYING
    return any(u.core in SPEECH_NOUNS for u in units[k + 1 : k + 4])


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
    if units:
        direct = [sp for sp in direct if text[sp[0] - 1] not in "‘'" or _speech_after(text, units, sp[1])]
    reader = IndirectReader(text, units, direct, gz.titles)
    indirect = reader.spans() if units else []
    if units:
        reader.direct_sources()
    spans = sorted([(s, e, "direct") for s, e in direct] + [(s, e, "indirect") for s, e in indirect])
    kept: list[tuple[int, int, str]] = []
    for sp in spans:
        if kept and sp[0] < kept[-1][1]:
            continue
        kept.append(sp)
    if not kept:
        return []
    index = PersonIndex(text, ents, tagger_people, roles, gz.titles)
    attributed = Attributor(text, units, ents, index, gz, headings).attribute(kept, reader.sources)
    headline_speakers(text, attributed, headings)
    return [QuoteCand(a.start, a.end, a.kind, a.speaker) for a in attributed]
