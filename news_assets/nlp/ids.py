"""Stable entity ids.

An id is the first 16 hex digits of ``sha1("{TYPE}:{canonical name}")`` over the UTF-8 of the NFC-normalised
name. It depends only on the canonical name and the type, so it is the same on every run and machine, and an
alias resolves to the id of its canonical name (과기정통부 and 과학기술정보통신부 share one id).

Namesakes: a person whose article states an affiliation (`김민수 한빛전자 대표`) gets
``sha1("PER:{name}|{affiliation's canonical name}")``, so two people of one name with different affiliations
are two entities. A mention of the name with no affiliation in its article keeps the plain ``PER:{name}`` id,
unless the same day's articles name exactly one affiliation for that name: then it is that person
(:func:`link_namesakes`, run per day by ``transform.nlp_tables``). Both steps read only the day's own articles,
so ids do not depend on the order days are (back)filled in.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from .model import Analysis


# Cached: an article names its people and organisations many times, and news names the same ones every day.
@lru_cache(maxsize=1 << 16)
def entity_id(name: str, type: str, qualifier: str | None = None) -> str:
    """``qualifier``: the affiliation that tells a person from a namesake (PER only)."""
    key = f"{type}:{unicodedata.normalize('NFC', name)}"
    if qualifier:
        key += "|" + unicodedata.normalize("NFC", qualifier)
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def link_namesakes(analyses: Sequence[Analysis]) -> list[Analysis]:
    """One day's analyses with each unqualified person id (`PER:name`) moved to the name's one qualified id
    of the day, when there is exactly one; with two or more (namesakes) or none it stays as it is."""
    qualified: dict[str, set[str]] = defaultdict(set)
    for a in analyses:
        for m in a.mentions:
            if m.type == "PER" and m.entity_id != entity_id(m.name, "PER"):
                qualified[m.name].add(m.entity_id)
    move = {entity_id(name, "PER"): next(iter(ids)) for name, ids in qualified.items() if len(ids) == 1}
    if not move:
        return list(analyses)
    out = []
    for a in analyses:
        if not any(m.entity_id in move for m in a.mentions):
            out.append(a)
            continue
        out.append(
            Analysis(
                tuple(
                    replace(m, entity_id=move[m.entity_id]) if m.type == "PER" and m.entity_id in move else m
                    for m in a.mentions
                ),
                tuple(
                    replace(r, person_entity_id=move[r.person_entity_id]) if r.person_entity_id in move else r
                    for r in a.person_roles
                ),
                tuple(
                    replace(q, speaker_entity_id=move[q.speaker_entity_id])
                    if q.speaker_entity_id is not None and q.speaker_entity_id in move
                    else q
                    for q in a.quotes
                ),
                a.keywords,
            )
        )
    return out
