"""The CRF's inference in numpy, with its features summed ahead of time.

A linear-chain CRF scores label ``y`` at a morpheme as the sum of the weights of its attributes for ``y``
(`features.FeatureExtractor.sentence_features` builds about forty attribute strings per morpheme). Building those
strings and having crfsuite look each one up costs more than Kiwi's tokenization. But every attribute depends on a
few inputs only: the morpheme itself, a neighbour, a pair of neighbours, its place in the written word. So the
weights are summed once per distinct input (`Groups`) and cached as rows of one matrix; a morpheme's scores are
then the sum of about thirteen rows, and Viterbi and forward–backward run on all sentences of an article at once.

The result equals crfsuite's (same model, same labels, same marginals up to float rounding):
tests/test_ner_tagger.py checks both the attribute decomposition and the labels against crfsuite.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence

import numpy as np

from .features import FeatureExtractor, Morph

# Cached inputs per group before a cache is emptied (a long-running process sees unbounded vocabulary pairs).
_CACHE_LIMIT = 400_000
# Score rows before the rows and every cache start afresh (at the start of a call): rows are shared per set of
# known attributes, so this is reached only after a great deal of text; it bounds the matrix at about
# 2 x 1M x labels floats.
_ROWS_LIMIT = 1 << 20


class Weights:
    """State weights as {attribute: vector over labels}, the transition matrix and the label names, read from a
    crfsuite model through ``pycrfsuite.Tagger.info()``."""

    def __init__(self, labels: Sequence[str], state: Mapping[str, np.ndarray], transitions: np.ndarray) -> None:
        self.labels = list(labels)
        self.state = dict(state)
        self.transitions = transitions

    @classmethod
    def from_crfsuite_info(cls, info) -> Weights:
        labels = sorted(info.labels, key=lambda name: int(info.labels[name]))
        index = {name: i for i, name in enumerate(labels)}
        state: dict[str, np.ndarray] = {}
        for (attr, label), w in info.state_features.items():
            vec = state.get(attr)
            if vec is None:
                vec = state[attr] = np.zeros(len(labels))
            vec[index[label]] = w
        trans = np.zeros((len(labels), len(labels)))
        for (a, b), w in info.transitions.items():
            trans[index[a], index[b]] = w
        return cls(labels, state, trans)


class _Rows:
    """Summed weight vectors as rows of one growing matrix; row 0 is zeros (an attribute set the model does not
    know, or no neighbour).

    A row is kept per distinct set of attributes the model knows, not per input: most new inputs (a new word, a
    new pair of words) differ from earlier ones only in attributes the model never saw, so they share a row. The
    matrix then grows with the model's vocabulary, not with the text read: a process that tags a year of news
    does not keep a row per distinct word pair it met (13k KLUE sentences: 382k rows per input, 48k per set)."""

    def __init__(self, weights: Weights | None, *, like: _Rows | None = None) -> None:
        self._index: dict[str, int]
        self._state: np.ndarray
        if like is not None:
            self._index, self._state = like._index, like._state
        else:
            assert weights is not None
            self._index = {attr: i for i, attr in enumerate(weights.state)}
            self._state = np.array(list(weights.state.values())).reshape(len(self._index), len(weights.labels))
        self.matrix = np.zeros((1024, self._state.shape[1]))
        self.size = 1
        self._rows: dict[tuple[int, ...], int] = {}
        self._lock = threading.Lock()

    def emptied(self) -> _Rows:
        """The same model's weights, no rows yet."""
        return _Rows(None, like=self)

    def add(self, attrs: Sequence[str]) -> int:
        index = self._index
        known = tuple(i for a in attrs if (i := index.get(a)) is not None)
        if not known:
            return 0
        row = self._rows.get(known)
        if row is not None:
            return row
        with self._lock:
            row = self._rows.get(known)
            if row is not None:
                return row
            if self.size == len(self.matrix):
                grown = np.zeros((2 * len(self.matrix), self.matrix.shape[1]))
                grown[: self.size] = self.matrix
                self.matrix = grown
            row = self.size
            self.matrix[row] = self._state[list(known)].sum(axis=0)
            self.size += 1
            self._rows[known] = row
        return row


def _cached(cache: dict, key, make: Callable[[], int]) -> int:
    row = cache.get(key)
    if row is None:
        if len(cache) >= _CACHE_LIMIT:
            cache.clear()
        row = cache[key] = make()
    return row


# Padded cells (sentences × longest sentence) per Viterbi batch: sentences are batched by length, so a very long one
# does not pad thousands of short ones.
_BATCH_CELLS = 1 << 16


def _buckets(lengths: np.ndarray) -> list[list[int]]:
    """Sentence indices in batches of similar length, each within `_BATCH_CELLS` padded cells."""
    order = np.argsort(lengths, kind="stable").tolist()
    out: list[list[int]] = []
    current: list[int] = []
    for k in order:
        if current and (len(current) + 1) * lengths[k] > _BATCH_CELLS:
            out.append(current)
            current = []
        current.append(k)
    if current:
        out.append(current)
    return out


# Columns of a morpheme's per-morpheme row tuple (`Groups.morpheme`).
_STATIC, _AS_PREV, _AS_PREV2, _AS_NEXT, _AS_NEXT2, _AS_PREV_WORD, _AS_NEXT_WORD = range(7)


class Groups:
    """The attribute groups of `FeatureExtractor.sentence_features`, each summed to one row:

    - per morpheme (form, tag): its own attributes, and what it adds to a neighbour as the one before
      (``w-1=``/``t-1=``/``c-1=``), two before, after, two after, the last morpheme of the previous written word
      (``pw=``) and the first of the next (``nw=``);
    - per adjacent pair: ``tt=``/``ww=`` of the second and ``tt+=``/``ww+=`` of the first;
    - per place: ``pos=``, ``pt=``, ``oov``, ``firstword``, ``BOS``, ``EOS``;
    - per gazetteer label: ``gzs=``.

    `attributes` gives the strings of one morpheme as the union of its groups, for the test that they equal
    `sentence_features`.
    """

    def __init__(self, fx: FeatureExtractor, weights: Weights | None, *, rows: _Rows | None = None) -> None:
        self.fx = fx
        self.rows = rows if rows is not None else _Rows(weights)
        self._morphemes: dict[tuple[str, str], tuple[tuple[int, ...], str]] = {}
        self._pairs: dict[tuple[str, str, str, str], tuple[int, int]] = {}
        self._places: dict[tuple, int] = {}
        self._gazetteer: dict[str, int] = {}

    # -- attribute strings per group (the same strings sentence_features writes) ----------------------------
    def _cluster(self, low: str, tag: str) -> str | None:
        c = self.fx.clusters.get(low + "/" + tag[:2])
        return c[0] if c else None

    def neighbour_attrs(self, low: str, tag: str) -> tuple[list[str], ...]:
        """What a morpheme adds to the one after it, two after, before it, two before, as the previous written
        word's last morpheme and as the next written word's first."""
        titled = low in self.fx.titles
        c = self._cluster(low, tag)
        as_prev = ["w-1=" + low, "t-1=" + tag] + (["c-1=" + c] if c else [])
        as_prev2 = ["w-2=" + low, "t-2=" + tag]
        as_next = ["w+1=" + low, "t+1=" + tag] + (["c+1=" + c] if c else []) + (["title+1"] if titled else [])
        as_next2 = ["w+2=" + low, "t+2=" + tag] + (["title+2"] if titled else [])
        as_prev_word = ["pw=" + low + "/" + tag[:2]]
        as_next_word = ["nw=" + low + "/" + tag[:2]] + (["nwtitle"] if titled else [])
        return as_prev, as_prev2, as_next, as_next2, as_prev_word, as_next_word

    @staticmethod
    def pair_attrs(tag_a: str, tag_b: str, low_a: str, low_b: str) -> tuple[list[str], list[str]]:
        """(attributes of the second morpheme of an adjacent pair, attributes of the first)."""
        return ["tt=" + tag_a + tag_b, "ww=" + low_a + "|" + low_b], [
            "tt+=" + tag_a + tag_b,
            "ww+=" + low_a + "|" + low_b,
        ]

    @staticmethod
    def place_attrs(pos: str, tag: str, oov: bool, first_word: bool, bos: bool, eos: bool) -> list[str]:
        out = ["pos=" + pos, "pt=" + pos + tag]
        if oov:
            out += ["oov", "oov" + pos]
        if first_word:
            out.append("firstword")
        if bos:
            out.append("BOS")
        if eos:
            out.append("EOS")
        return out

    # -- rows ------------------------------------------------------------------------------------------------
    def morpheme(self, form: str, tag: str) -> tuple[tuple[int, ...], str]:
        """The morpheme's seven rows (its own, then as each neighbour) and its lower-cased form."""
        key = (form, tag)
        got = self._morphemes.get(key)
        if got is None:
            add = self.rows.add
            low = form.lower()
            got = ((add(self.fx._static(form, tag)), *map(add, self.neighbour_attrs(low, tag))), low)
            if len(self._morphemes) >= _CACHE_LIMIT:
                self._morphemes.clear()
            self._morphemes[key] = got
        return got

    def pair(self, tag_a: str, tag_b: str, low_a: str, low_b: str) -> tuple[int, int]:
        key = (tag_a, tag_b, low_a, low_b)
        got = self._pairs.get(key)
        if got is None:
            second, first = self.pair_attrs(tag_a, tag_b, low_a, low_b)
            got = (self.rows.add(second), self.rows.add(first))
            if len(self._pairs) >= _CACHE_LIMIT:
                self._pairs.clear()
            self._pairs[key] = got
        return got

    def place(self, key: tuple) -> int:
        return _cached(self._places, key, lambda: self.rows.add(self.place_attrs(*key)))

    def gazetteer(self, label: str) -> int:
        return _cached(self._gazetteer, label, lambda: self.rows.add(["gzs=" + label]))

    # -- the sentences of many texts ---------------------------------------------------------------------
    def row_ids(self, texts: Sequence[tuple[str, Sequence[Sequence[Morph]]]]) -> np.ndarray:
        """(morphemes × 11) row ids, the morphemes of all sentences of all ``texts`` in order, whose row sums are
        their state scores. Built for all of them at once: numpy's cost per call outweighs a short sentence's
        work."""
        morphemes, pairs, places = self._morphemes, self._pairs, self._places
        per: list[tuple[int, ...]] = []
        from_prev: list[int] = []
        from_next: list[int] = []
        place_rows: list[int] = []
        gaz: list[int] = []
        begins: list[bool] = []
        lengths: list[int] = []
        # The loop does only what needs a dict (each lookup is per distinct input); the neighbours' positions are
        # index arithmetic, done by numpy below for all sentences at once.
        for text, sent in ((text, sent) for text, sents in texts for sent in sents):
            last = len(sent) - 1
            lengths.append(last + 1)
            prev_tag = prev_low = ""
            first_word = True
            for i, (form, tag, _start, _end, wb, we, oov) in enumerate(sent):
                got = morphemes.get((form, tag))
                if got is None:
                    got = self.morpheme(form, tag)
                rows, low = got
                per.append(rows)
                if i:
                    pair = pairs.get((prev_tag, tag, prev_low, low))
                    if pair is None:
                        pair = self.pair(prev_tag, tag, prev_low, low)
                    from_prev.append(pair[0])
                    from_next.append(pair[1])
                    if wb:
                        first_word = False
                else:
                    from_prev.append(0)
                begins.append(wb)
                prev_tag, prev_low = tag, low
                key6 = ("S" if we else "B") if wb else ("E" if we else "I"), tag, oov, first_word, i == 0, i == last
                row = places.get(key6)
                if row is None:
                    row = self.place(key6)
                place_rows.append(row)
            from_next.append(0)
            gaz.extend(self.gazetteer(g) if g is not None else 0 for g in self.fx._gazetteer_tags(text, sent))
        total = len(per)
        idx = np.arange(total)
        size = np.array(lengths, dtype=np.intp)
        first = np.repeat(np.cumsum(size) - size, size)  # each morpheme's sentence start
        stop = first + np.repeat(size, size)  # and end
        # Written words that begin after their sentence's first morpheme: the previous word ends before one, the
        # next word starts at one.
        opens = np.flatnonzero(np.array(begins, dtype=bool) & (idx > first))
        guarded = np.append(opens, total)
        after = guarded[np.searchsorted(opens, idx, side="right")]
        next_word = np.where(after < stop, after, -1)
        k = np.searchsorted(opens, idx, side="right") - 1
        before = np.where(k >= 0, np.append(opens, 0)[k], -1)
        prev_word = np.where(before > first, before - 1, -1)
        # A zero row at the end: index -1 (no such neighbour) picks it.
        table = np.array([*per, (0,) * 7], dtype=np.intp)
        return np.column_stack(
            [
                table[:-1, _STATIC],
                table[np.where(idx - 1 >= first, idx - 1, -1), _AS_PREV],
                table[np.where(idx - 2 >= first, idx - 2, -1), _AS_PREV2],
                table[np.where(idx + 1 < stop, idx + 1, -1), _AS_NEXT],
                table[np.where(idx + 2 < stop, idx + 2, -1), _AS_NEXT2],
                table[prev_word, _AS_PREV_WORD],
                table[next_word, _AS_NEXT_WORD],
                np.array(from_prev, dtype=np.intp),
                np.array(from_next, dtype=np.intp),
                np.array(place_rows, dtype=np.intp),
                np.array(gaz, dtype=np.intp),
            ]
        )

    def attributes(self, text: str, sent: Sequence[Morph]) -> list[set[str]]:
        """Each morpheme's attribute strings as the union of its groups (what `row_ids` sums)."""
        n = len(sent)
        lows = [m.form.lower() for m in sent]
        neighbour = [self.neighbour_attrs(lows[i], m.tag) for i, m in enumerate(sent)]
        gaz = self.fx._gazetteer_tags(text, sent)
        out: list[set[str]] = []
        first_word = True
        last_end = -1
        for i, m in enumerate(sent):
            if m.word_begin and i > 0:
                first_word = False
                last_end = i - 1
            nxt = next((j for j in range(i + 1, n) if sent[j].word_begin), -1)
            wb, we = m.word_begin, m.word_end
            pos = "S" if wb and we else "B" if wb else "E" if we else "I"
            attrs = set(self.fx._static(m.form, m.tag))
            attrs |= set(self.place_attrs(pos, m.tag, m.oov, first_word, i == 0, i == n - 1))
            for j, col in ((i - 1, 0), (i - 2, 1), (i + 1, 2), (i + 2, 3), (last_end, 4), (nxt, 5)):
                if 0 <= j < n:
                    attrs |= set(neighbour[j][col])
            if i > 0:
                attrs |= set(self.pair_attrs(sent[i - 1].tag, m.tag, lows[i - 1], lows[i])[0])
            if i + 1 < n:
                attrs |= set(self.pair_attrs(m.tag, sent[i + 1].tag, lows[i], lows[i + 1])[1])
            label = gaz[i]
            if label is not None:
                attrs.add("gzs=" + label)
            out.append(attrs)
        return out


class CompiledCrf:
    """Viterbi labels and their marginal probabilities for many sentences at once."""

    def __init__(self, fx: FeatureExtractor, weights: Weights) -> None:
        self.labels = weights.labels
        self.outside = self.labels.index("O")
        self.groups = Groups(fx, weights)
        self.transitions = weights.transitions
        self._exp_transitions = np.exp(weights.transitions)

    def tag(self, texts: Sequence[tuple[str, Sequence[Sequence[Morph]]]]) -> list[list[tuple[np.ndarray, np.ndarray]]]:
        """Per text, per non-empty sentence: the Viterbi label ids and each morpheme's marginal probability of its
        label (1.0 throughout a sentence with no span: a span's confidence is all they are for). Many texts at once: Viterbi and forward–backward then take one numpy call per step for all their
        sentences."""
        groups = self.groups
        if groups.rows.size > _ROWS_LIMIT:
            # A call in another thread keeps the groups it started with: its row ids index their matrix.
            groups = self.groups = Groups(groups.fx, None, rows=groups.rows.emptied())
        sents = [[s for s in ss if s] for _, ss in texts]
        flat = [s for ss in sents for s in ss]
        results: list[tuple[np.ndarray, np.ndarray]] = [(np.empty(0, np.intp), np.empty(0))] * len(flat)
        if flat:
            ids = groups.row_ids([(text, ss) for (text, _), ss in zip(texts, sents, strict=True)])
            scores = groups.rows.matrix[ids].sum(axis=1)  # after row_ids: they grow the matrix
            lengths = np.array([len(s) for s in flat])
            offsets = np.concatenate([[0], np.cumsum(lengths)])
            for bucket in _buckets(lengths):
                for k, found in zip(bucket, self._tag_padded(scores, offsets, lengths, bucket), strict=True):
                    results[k] = found
        out = []
        k = 0
        for ss in sents:
            out.append(results[k : k + len(ss)])
            k += len(ss)
        return out

    def _tag_padded(
        self, scores: np.ndarray, offsets: np.ndarray, lengths: np.ndarray, bucket: list[int]
    ) -> list[tuple[np.ndarray, np.ndarray]]:
        lens = lengths[bucket]
        emit = np.zeros((len(bucket), int(lens.max()), len(self.labels)))
        for b, k in enumerate(bucket):
            emit[b, : lens[b]] = scores[offsets[k] : offsets[k + 1]]
        labels = self._viterbi(emit, lens)
        # Marginals only where a span was found: they are its confidence, and most sentences have none.
        live = np.arange(labels.shape[1])[None, :] < lens[:, None]
        named = np.flatnonzero(((labels != self.outside) & live).any(axis=1))
        probs = np.ones(labels.shape)
        if len(named):
            probs[named] = self._marginals(emit[named], lens[named], labels[named])
        return [(labels[b, : lens[b]], probs[b, : lens[b]]) for b in range(len(bucket))]

    def _viterbi(self, emit: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """Best label ids per sentence; ``lengths`` ascending (`_buckets` sorts them), so the sentences still
        running at step ``t`` are the rows from the first one longer than ``t``: no masking per step."""
        batch, longest, _ = emit.shape
        score = emit[:, 0].copy()
        back = np.zeros(emit.shape, dtype=np.intp)
        # [to, from]: each step reduces over the last, contiguous axis.
        trans_to_from = np.ascontiguousarray(self.transitions.T)[None]
        first_live = np.searchsorted(lengths, np.arange(longest), side="right")
        for t in range(1, longest):
            k = first_live[t]
            cand = score[k:, None, :] + trans_to_from
            best = cand.argmax(axis=2)
            back[k:, t] = best
            # The max is the value at the argmax, exactly; a reduction costs less than gathering it.
            score[k:] = cand.max(axis=2) + emit[k:, t]
        y = score.argmax(axis=1)
        out = np.zeros((batch, longest), dtype=np.intp)
        for t in range(longest - 1, -1, -1):
            k = first_live[t]
            out[k:, t] = y[k:]
            if t:
                y[k:] = back[np.arange(k, batch), t, y[k:]]
        return out

    def _marginals(self, emit: np.ndarray, lengths: np.ndarray, labels: np.ndarray) -> np.ndarray:
        """P(label at t = the Viterbi label at t) by scaled forward–backward (as crfsuite computes it)."""
        longest = emit.shape[1]
        # Per-position shift keeps exp() in range; it cancels in the normalisation of each position.
        expo = np.exp(emit - emit.max(axis=2, keepdims=True))
        trans = self._exp_transitions
        alpha = np.zeros(emit.shape)
        beta = np.ones(emit.shape)
        a = expo[:, 0]
        alpha[:, 0] = a = a / a.sum(axis=1, keepdims=True)
        for t in range(1, longest):
            a = (a @ trans) * expo[:, t]
            a = a / a.sum(axis=1, keepdims=True)
            alpha[:, t] = a
        last = (lengths - 1)[:, None]
        for t in range(longest - 2, -1, -1):
            b = trans @ (expo[:, t + 1] * beta[:, t + 1])[:, :, None]
            b = b[:, :, 0]
            b = b / b.sum(axis=1, keepdims=True)
            beta[:, t] = np.where(t >= last, 1.0, b)
        joint = alpha * beta
        joint /= joint.sum(axis=2, keepdims=True)
        return np.take_along_axis(joint, labels[:, :, None], axis=2)[:, :, 0]
