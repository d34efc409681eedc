"""Per-article keyword counts: entity names (canonical, so aliases add up) and the other noun compounds."""

from __future__ import annotations

from collections import Counter

from .entities import Ent
from .model import Keyword
from .units import Tok

KEY_TAGS = frozenset({"NNG", "NNP", "SL"})


def _ok(term: str, stopwords: frozenset[str]) -> bool:
    if term in stopwords:
        return False
    if len(term) < 2:
        return False
    return not term.isdigit()


def keywords(
    text: str, toks: list[Tok], ents: list[Ent], aliases: dict[str, str], stopwords: frozenset[str]
) -> tuple[Keyword, ...]:
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}

    def bump(term: str, pos: int) -> None:
        term = aliases.get(term, term)
        if not _ok(term, stopwords):
            return
        counts[term] += 1
        first.setdefault(term, pos)

    ents = sorted(ents, key=lambda x: x.start)
    k = 0
    run_start = run_end = -1
    for t in toks:
        while k < len(ents) and ents[k].end <= t.start:
            k += 1
        in_ent = k < len(ents) and ents[k].start <= t.start < ents[k].end
        if t.tag in KEY_TAGS and not in_ent and t.start == run_end:
            run_end = t.end
            continue
        if run_start >= 0:
            bump(text[run_start:run_end], run_start)
            run_start = run_end = -1
        if t.tag in KEY_TAGS and not in_ent:
            run_start, run_end = t.start, t.end
    if run_start >= 0:
        bump(text[run_start:run_end], run_start)
    for x in ents:
        bump(x.name, x.start)
    return tuple(Keyword(term, c) for term, c in sorted(counts.items(), key=lambda kv: (-kv[1], first[kv[0]])))
