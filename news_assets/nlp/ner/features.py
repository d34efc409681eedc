"""Features of Kiwi morphemes for the NER sequence tagger (pure Python, no Dagster).

A sentence is a list of `Morph` (Kiwi's form and tag, its character span in the text, and whether it opens or
closes a written word, i.e. an eojeol). `sentence_features` turns it into one list of crfsuite attribute strings
per morpheme:

- the morpheme itself: form, tag, form/tag, coarse tag, character shape, length, first/last syllables;
- where it sits in its written word (`B`egin, `I`nside, `E`nd, `S`ingle) and whether the word is the sentence's
  first or last;
- its neighbours ±2 (forms and tags, tag bigrams, form bigrams), the last morpheme of the previous written word and
  the first of the next one;
- the gazetteer (`news_assets.nlp.gazetteer`): the longest gazetteer surface covering it, written over one or more
  morphemes (`B`/`I` and the entity type), and whether it or a neighbour is a title word (`대표`, `장관`);
- common surnames, for the first syllable of a name;
- word-cluster ids (at several granularities) learned from unlabelled text by ``scripts/train_ner.py``; they
  travel inside the model file, so no word list is written in the repository.

The per-morpheme part is cached by (form, tag): news repeats its vocabulary, so most morphemes cost one dict
lookup plus the context features.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from ..gazetteer import Gazetteer, norm_key

# The most frequent Korean family names (a general fact about Korean, not mined from any data set).
SURNAMES = frozenset(
    "김이박최정강조윤장임한오서신권황안송류유전홍고문양손배백허남심노하곽성차주우구민진나지엄채원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예경봉사부"
) | frozenset(("황보", "남궁", "제갈", "선우", "독고", "사공"))

# How far (in morphemes) a gazetteer surface may reach.
_GAZ_MAX_MORPHS = 6


class Morph(NamedTuple):
    form: str
    tag: str
    start: int
    end: int
    word_begin: bool  # first morpheme of its written word
    word_end: bool  # last morpheme of its written word
    oov: bool = False  # a word Kiwi does not know (its guess of a name)


def _char_class(ch: str) -> str:
    if "\uac00" <= ch <= "\ud7a3":
        return "H"
    if ch.isdigit():
        return "D"
    if ch.isascii() and ch.isalpha():
        return "U" if ch.isupper() else "L"
    if "\u4e00" <= ch <= "\u9fff":
        return "C"
    if "\u3130" <= ch <= "\u318f" or "\u1100" <= ch <= "\u11ff":
        return "J"
    if ch.isalpha():
        return "A"
    return "P"


def shape(form: str) -> str:
    """Character classes with runs collapsed: `삼성SDI` → `HU`, `3.5` → `DPD`."""
    out: list[str] = []
    for ch in form:
        c = _char_class(ch)
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out[:4])


def morphs_of(text: str, kiwi_tokens: Iterable) -> list[list[Morph]]:
    """Kiwi tokens of a text, cut into sentences (Kiwi's ``sent_position``), as `Morph` lists."""
    sents: list[list[Morph]] = []
    cur: list[Morph] = []
    last_sent = None
    n = len(text)
    new = tuple.__new__  # skips the Python-level __new__ NamedTuple generates: one call fewer per morpheme
    for t in kiwi_tokens:
        sp = t.sent_position
        if cur and sp != last_sent:
            sents.append(cur)
            cur = []
        last_sent = sp
        s = t.start
        e = s + t.len
        # Kiwi's overlapping pieces (`하/XSV ㄴ/ETM` of one syllable) share the word: no space before them.
        begin = s == 0 or text[s - 1].isspace()
        end = e >= n or text[e].isspace()
        cur.append(new(Morph, (t.form, t.tag, s, e, begin, end, t.oov)))
    if cur:
        sents.append(cur)
    return sents


class FeatureExtractor:
    """Builds crfsuite attributes for morpheme sentences; one per process (it caches per-morpheme parts)."""

    def __init__(self, gz: Gazetteer | None, clusters: Mapping[str, Sequence[str]] | None = None) -> None:
        self.gz = gz
        self.titles = gz.titles if gz is not None else frozenset()
        self.clusters = dict(clusters or {})
        self._cache: dict[tuple[str, str], list[str]] = {}
        max_len = gz.max_key_len if gz is not None else 0
        self._gaz_max_chars = max_len

    # -- per morpheme (cached) -------------------------------------------------------------------------------
    def _static(self, form: str, tag: str) -> list[str]:
        key = (form, tag)
        got = self._cache.get(key)
        if got is not None:
            return got
        low = form.lower()
        feats = [
            "w=" + low,
            "t=" + tag,
            "wt=" + low + "/" + tag,
            "t1=" + tag[:1],
            "sh=" + shape(form),
            "ln=" + str(min(len(form), 6)),
        ]
        if len(form) > 1:
            feats.append("p1=" + form[:1])
            feats.append("s1=" + form[-1:])
        if len(form) > 2:
            feats.append("p2=" + form[:2])
            feats.append("s2=" + form[-2:])
        if form in self.titles:
            feats.append("title")
        if form[:1] in SURNAMES or form[:2] in SURNAMES:
            feats.append("surname")
            if len(form) == 3 and shape(form) == "H":
                feats.append("name3")
        if self.gz is not None and tag[:1] in "NS" and len(form) > 1:
            entry = self.gz.lookup(form, nnp=tag == "NNP")
            if entry is not None:
                feats.append("gz=" + entry.type)
        cl = self.clusters.get(low + "/" + tag[:2])
        if cl is not None:
            feats.extend(cl)
        if len(self._cache) < 500_000:
            self._cache[key] = feats
        return feats

    def _gazetteer_tags(self, text: str, sent: Sequence[Morph]) -> list[str | None]:
        """`B-ORG`/`I-ORG`… for morphemes covered by the longest gazetteer surface, scanning left to right."""
        out: list[str | None] = [None] * len(sent)
        gz = self.gz
        if gz is None:
            return out
        n = len(sent)
        i = 0
        limit = self._gaz_max_chars
        entries = gz.entries
        weak = gz.weak
        prefixes = gz.key_prefixes
        # Nouns and symbols, the only morphemes a surface is made of: tested once per morpheme, not per scan.
        ns = [m.tag[:1] in "NS" for m in sent]
        while i < n:
            first = sent[i]
            if not ns[i] or (not first.word_begin and not ns[i - 1]):
                i += 1
                continue
            best = -1
            best_type = ""
            nnp = False
            for j in range(i, min(n, i + _GAZ_MAX_MORPHS)):
                m = sent[j]
                if not ns[j]:
                    break
                nnp = nnp or m.tag == "NNP"
                if m.end - first.start > limit + 4:
                    break
                key = norm_key(text[first.start : m.end])
                if key not in prefixes:
                    break
                # The surface must end where a written word ends or before a non-noun (a particle).
                if not m.word_end and j + 1 < n and ns[j + 1]:
                    continue
                entry = entries.get(key)
                if entry is not None and (nnp or key not in weak):
                    best = j
                    best_type = entry.type
            if best >= 0:
                out[i] = "B-" + best_type
                for j in range(i + 1, best + 1):
                    out[j] = "I-" + best_type
                i = best + 1
            else:
                i += 1
        return out

    # -- per sentence ----------------------------------------------------------------------------------------
    def sentence_features(self, text: str, sent: Sequence[Morph]) -> list[list[str]]:
        n = len(sent)
        if n == 0:
            return []
        statics = [self._static(m.form, m.tag) for m in sent]
        forms = [m.form.lower() for m in sent]
        tags = [m.tag for m in sent]
        gaz = self._gazetteer_tags(text, sent)
        clusters = [self.clusters.get(f + "/" + t[:2]) for f, t in zip(forms, tags, strict=True)]
        titles = self.titles
        # The last morpheme of the previous written word and the first of the next one, per morpheme.
        prev_word_last = [-1] * n
        last_end = -1
        for i, m in enumerate(sent):
            if m.word_begin and i > 0:
                last_end = i - 1
            prev_word_last[i] = last_end
        next_word_first = [n] * n
        nxt = n
        for i in range(n - 1, -1, -1):
            next_word_first[i] = nxt
            if sent[i].word_begin:
                nxt = i
        first_word = True
        out: list[list[str]] = []
        for i, m in enumerate(sent):
            if m.word_begin and i > 0:
                first_word = False
            f = list(statics[i])
            wb, we = m.word_begin, m.word_end
            pos = "S" if wb and we else "B" if wb else "E" if we else "I"
            tag = tags[i]
            f.append("pos=" + pos)
            f.append("pt=" + pos + tag)
            if m.oov:
                f.append("oov")
                f.append("oov" + pos)
            if first_word:
                f.append("firstword")
            if i > 0:
                f.append("w-1=" + forms[i - 1])
                f.append("t-1=" + tags[i - 1])
                f.append("tt=" + tags[i - 1] + tag)
                f.append("ww=" + forms[i - 1] + "|" + forms[i])
                c = clusters[i - 1]
                if c is not None:
                    f.append("c-1=" + c[0])
                if i > 1:
                    f.append("w-2=" + forms[i - 2])
                    f.append("t-2=" + tags[i - 2])
            else:
                f.append("BOS")
            if i + 1 < n:
                f.append("w+1=" + forms[i + 1])
                f.append("t+1=" + tags[i + 1])
                f.append("tt+=" + tag + tags[i + 1])
                f.append("ww+=" + forms[i] + "|" + forms[i + 1])
                c = clusters[i + 1]
                if c is not None:
                    f.append("c+1=" + c[0])
                if forms[i + 1] in titles:
                    f.append("title+1")
                if i + 2 < n:
                    f.append("w+2=" + forms[i + 2])
                    f.append("t+2=" + tags[i + 2])
                    if forms[i + 2] in titles:
                        f.append("title+2")
            else:
                f.append("EOS")
            j = prev_word_last[i]
            if j >= 0:
                f.append("pw=" + forms[j] + "/" + tags[j][:2])
            j = next_word_first[i]
            if j < n:
                f.append("nw=" + forms[j] + "/" + tags[j][:2])
                if forms[j] in titles:
                    f.append("nwtitle")
            g = gaz[i]
            if g is not None:
                f.append("gzs=" + g)
            out.append(f)
        return out
