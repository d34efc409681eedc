"""Per-article keyword counts: the terms a reader would search for.

Terms are entity names (canonical, so aliases add up) and noun compounds:

- **within a written word**, a run of nouns (NNG/NNP/SL, with a noun prefix or a derivational suffix such as
  `용`/`형` inside it) is one term: Kiwi splits `기준금리` into `기준/NNG 금리/NNG`, the term is `기준금리`;
  `가정용` stays `가정용`, not `가정`;
- **across a space**, two such nouns side by side (`전기차 공장`, `가정용 로봇`) are one term when the pair comes
  back in the article (at least ``MIN_PAIR`` times): repetition is what tells a compound from two nouns that
  happen to meet. Those occurrences count for the compound only, not for its parts (a part written alone
  elsewhere still counts on its own).

Never terms: stopwords (`stopwords.txt`: generic news vocabulary), titles (`titles.csv`: `장관`, `대표` — the
role tables carry them), one-syllable nouns, and anything with a digit that is not an entity name (`22일`,
`3분기`).
"""

from __future__ import annotations

import re
from collections import Counter
from typing import NamedTuple

from .entities import Ent
from .model import Keyword
from .units import Tok

KEY_TAGS = frozenset({"NNG", "NNP", "SL"})
# Derivational suffixes that make a new noun (`가정용`, `한국형`, `친환경성`), kept inside a term; the plural
# `들`, adjectival `적`, honorifics and counters are not.
SUFFIX_NOT = frozenset(
    {"들", "적", "님", "씨", "등", "쯤", "째", "별", "간", "상", "하", "내", "외", "당", "분", "여", "꼴"}
)
MIN_PAIR = 2
_DIGIT = re.compile(r"\d")


class Item(NamedTuple):
    term: str
    start: int
    end: int
    alone: bool  # the whole written word is this noun run (nothing after it in the word)
    first: bool  # the run starts its written word
    sent: int


def _ok(term: str, stopwords: frozenset[str], titles: frozenset[str]) -> bool:
    if len(term) < 2 or term in stopwords or term in titles:
        return False
    return not _DIGIT.search(term)


def _items(text: str, toks: list[Tok], ents: list[Ent]) -> list[Item]:
    """Noun runs outside entity mentions, one per run, with where they stand in their written word."""
    out: list[Item] = []
    ents = sorted(ents, key=lambda x: x.start)
    k = 0
    n = len(toks)
    i = 0
    while i < n:
        t = toks[i]
        while k < len(ents) and ents[k].end <= t.start:
            k += 1
        in_ent = k < len(ents) and ents[k].start <= t.start < ents[k].end
        if in_ent or not (t.tag in KEY_TAGS or (t.tag == "XPN" and i + 1 < n and toks[i + 1].tag in KEY_TAGS)):
            i += 1
            continue
        j = i + 1
        end = t.end
        while j < n and toks[j].start == end and toks[j].sent == t.sent:
            nxt = toks[j]
            if any(e.start <= nxt.start < e.end for e in ents[k : k + 2]):
                break
            if nxt.tag in KEY_TAGS or (nxt.tag == "XSN" and nxt.form not in SUFFIX_NOT):
                end = nxt.end
                j += 1
                continue
            break
        first = i == 0 or toks[i - 1].end < t.start
        alone = j == n or toks[j].start > end
        if not alone and toks[j].tag == "XSN" and toks[j].form == "적":
            i = j  # `이국적`, `경제적`: an adjective, not a topic
            continue
        out.append(Item(text[t.start : end], t.start, end, alone, first, t.sent))
        i = j
    return out


def _is_space(text: str, a: int, b: int) -> bool:
    gap = text[a:b]
    return bool(gap) and not gap.strip() and "\n" not in gap


def keywords(
    text: str,
    toks: list[Tok],
    ents: list[Ent],
    aliases: dict[str, str],
    stopwords: frozenset[str],
    titles: frozenset[str] = frozenset(),
) -> tuple[Keyword, ...]:
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}

    def bump(term: str, pos: int) -> None:
        counts[term] += 1
        first.setdefault(term, pos)

    items = _items(text, toks, ents)
    terms = [aliases.get(it.term, it.term) for it in items] if aliases else [it.term for it in items]
    ok = [_ok(term, stopwords, titles) for term in terms]
    # Pairs of nouns side by side across one space (`전기차 공장`), counted to find the repeated ones.
    pairs: list[int] = []  # index of the first item of each pair
    pair_counts: Counter[str] = Counter()
    for p in range(len(items) - 1):
        a, b = items[p], items[p + 1]
        if ok[p] and ok[p + 1] and a.alone and b.first and a.sent == b.sent and _is_space(text, a.end, b.start):
            pairs.append(p)
            pair_counts[f"{terms[p]} {terms[p + 1]}"] += 1
    in_pair: set[int] = set()
    for p in pairs:
        if p in in_pair:
            continue  # `A B C`: `A B` took B
        term = f"{terms[p]} {terms[p + 1]}"
        if pair_counts[term] >= MIN_PAIR:
            bump(term, items[p].start)
            in_pair.update((p, p + 1))
    for p, it in enumerate(items):
        if p not in in_pair and ok[p]:
            bump(terms[p], it.start)
    for x in ents:
        if len(x.name) >= 2 and x.name not in stopwords:
            bump(x.name, x.start)
    return tuple(Keyword(term, c) for term, c in sorted(counts.items(), key=lambda kv: (-kv[1], first[kv[0]])))
