"""`NerTagger`: PER/ORG/LOC spans from Kiwi morphemes with the linear-chain CRF shipped as package data.

The model file (``news_assets/data/ner/ner-crf.zip``, built by ``scripts/train_ner.py``) is a zip holding the
crfsuite model (``crf.model``), the word clusters its features use (``clusters.tsv``) and ``meta.json``. It is
read once per process through ``importlib.resources``.

Labels are BIO over morphemes; a span runs from its first morpheme's start to its last morpheme's end, so
particles stay outside (``<삼성전자>는``) and a name written over several words is one span
(``<미국 워싱턴DC>``) — the KLUE NER conventions the model was trained on.
"""

from __future__ import annotations

import io
import json
import threading
import zipfile
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources

import numpy as np
import pycrfsuite

from ..gazetteer import Gazetteer, default_gazetteer
from .compiled import CompiledCrf, Weights
from .features import FeatureExtractor, Morph, morphs_of

MODEL_NAME = "ner-crf.zip"
SCORED_TYPES = ("PER", "ORG", "LOC")


@dataclass(frozen=True, slots=True)
class Span:
    start: int  # str offset into the text
    end: int  # exclusive
    type: str
    p: float = 1.0  # the CRF's lowest marginal probability of the span's labels (its confidence)


def decode(text: str, sent: Sequence[Morph], labels: Sequence[str]) -> list[Span]:
    """BIO or BILOU labels over morphemes → character spans (an ``I-X`` after ``O`` or another type opens a
    span; ``L-X`` and ``U-X`` close one)."""
    spans: list[Span] = []
    cur_type: str | None = None
    cur_start = cur_end = 0
    for m, lab in zip(sent, labels, strict=True):
        if lab == "O" or not lab:
            if cur_type is not None:
                spans.append(Span(cur_start, cur_end, cur_type))
                cur_type = None
            continue
        bio, typ = lab[0], lab[2:]
        if bio in "BU" or typ != cur_type:
            if cur_type is not None:
                spans.append(Span(cur_start, cur_end, cur_type))
            cur_type, cur_start, cur_end = typ, m.start, m.end
        else:
            cur_end = max(cur_end, m.end)
        if bio in "LU":
            spans.append(Span(cur_start, cur_end, cur_type))
            cur_type = None
    if cur_type is not None:
        spans.append(Span(cur_start, cur_end, cur_type))
    out = []
    for s in spans:
        start, end = s.start, s.end
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            out.append(Span(start, end, s.type))
    return out


def read_model_bundle(data: bytes) -> tuple[bytes, dict[str, list[str]], dict]:
    """(crfsuite model bytes, clusters, meta) from the zip written by the training script."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        model = z.read("crf.model")
        meta = json.loads(z.read("meta.json"))
        clusters = parse_clusters(z.read("clusters.tsv").decode("utf-8")) if "clusters.tsv" in z.namelist() else {}
    return model, clusters, meta


def parse_clusters(tsv: str) -> dict[str, list[str]]:
    """``key<TAB>id<TAB>id…`` lines → {key: [c0=id, c1=id, …]} (coarse first)."""
    out: dict[str, list[str]] = {}
    for line in tsv.splitlines():
        if not line:
            continue
        key, *ids = line.split("\t")
        out[key] = [f"c{k}={v}" for k, v in enumerate(ids)]
    return out


_model_bytes: bytes | None = None


def shipped_model() -> bytes:
    """The shipped model file's bytes, read once per process."""
    global _model_bytes
    if _model_bytes is None:
        _model_bytes = (resources.files("news_assets.data") / "ner" / MODEL_NAME).read_bytes()
    return _model_bytes


class NerTagger:
    """Tags PER/ORG/LOC (and, if the model has them, other types) in a text given Kiwi's tokens of it."""

    def __init__(self, model: bytes | None = None, *, gz: Gazetteer | None = None, types: Iterable[str] | None = None):
        data = model if model is not None else shipped_model()
        crf, clusters, meta = read_model_bundle(data)
        self.meta = meta
        reader = pycrfsuite.Tagger()
        reader.open_inmemory(crf)
        features = FeatureExtractor(gz if gz is not None else default_gazetteer(), clusters)
        self._crf = CompiledCrf(features, Weights.from_crfsuite_info(reader.info()))
        reader.close()
        self.types = frozenset(types) if types is not None else frozenset(SCORED_TYPES)

    def tag_many(self, texts: Iterable[tuple[str, Iterable]]) -> list[list[Span]]:
        """`tag` for many (text, Kiwi tokens) pairs at once (faster per text than one by one)."""
        pairs = [(text, morphs_of(text, tokens) if text else []) for text, tokens in texts]
        out: list[list[Span]] = []
        for (text, sents), tagged in zip(pairs, self._crf.tag(pairs), strict=True):
            spans: list[Span] = []
            for sent, (ids, probs) in zip((s for s in sents if s), tagged, strict=True):
                spans.extend(self._spans(text, sent, ids, probs))
            out.append(spans)
        return out

    def _spans(self, text: str, sent: Sequence[Morph], ids: np.ndarray, probs: np.ndarray) -> list[Span]:
        """`decode` over the stretches of labels that are not ``O`` (most of a sentence is ``O``)."""
        outside = self._crf.outside
        labels = ids.tolist()
        names = self._crf.labels
        out: list[Span] = []
        n = len(labels)
        if labels.count(outside) == n:
            return out  # most sentences: counted in C, not walked in Python
        i = 0
        while i < n:
            if labels[i] == outside:
                i += 1
                continue
            # A run of labelled morphemes; `decode` splits it where a new span begins.
            lo = i
            while i < n and labels[i] != outside:
                i += 1
            piece = sent[lo:i]
            starts = [m.start for m in piece]
            for sp in decode(text, piece, [names[k] for k in labels[lo:i]]):
                if sp.type in self.types:
                    a = lo + bisect_left(starts, sp.start)
                    b = lo + bisect_left(starts, sp.end)
                    out.append(Span(sp.start, sp.end, sp.type, float(probs[a:b].min(initial=1.0))))
        return out

    def tag(self, text: str, kiwi_tokens: Iterable) -> list[Span]:
        """Spans (``text[start:end]``, type) in text order; ``kiwi_tokens`` is ``Kiwi.tokenize(text)``."""
        return self.tag_many([(text, kiwi_tokens)])[0]


_default: NerTagger | None = None
_default_lock = threading.Lock()


def default_tagger() -> NerTagger:
    """The process-wide tagger over the shipped model and the default gazetteer."""
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = NerTagger()
    return _default
