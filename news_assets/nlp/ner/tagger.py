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

import pycrfsuite

from ..gazetteer import Gazetteer, default_gazetteer
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
        self._crf = crf  # crfsuite reads the model from this buffer: it must outlive the tagger
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open_inmemory(crf)
        self._features = FeatureExtractor(gz if gz is not None else default_gazetteer(), clusters)
        self.types = frozenset(types) if types is not None else frozenset(SCORED_TYPES)
        self._lock = threading.Lock()  # a crfsuite tagger is not thread-safe

    def tag_morphs(self, text: str, sents: Iterable[Sequence[Morph]]) -> list[Span]:
        out: list[Span] = []
        feats = self._features
        for sent in sents:
            if not sent:
                continue
            xseq = feats.sentence_features(text, sent)
            with self._lock:
                labels = self._tagger.tag(xseq)
                marginal = self._tagger.marginal
                probs = [marginal(lab, i) if lab != "O" else 1.0 for i, lab in enumerate(labels)]
            starts = [m.start for m in sent]
            for sp in decode(text, sent, labels):
                if sp.type in self.types:
                    lo = bisect_left(starts, sp.start)
                    hi = bisect_left(starts, sp.end)
                    out.append(Span(sp.start, sp.end, sp.type, min(probs[lo:hi], default=1.0)))
        return out

    def tag(self, text: str, kiwi_tokens: Iterable) -> list[Span]:
        """Spans (``text[start:end]``, type) in text order; ``kiwi_tokens`` is ``Kiwi.tokenize(text)``."""
        if not text:
            return []
        return self.tag_morphs(text, morphs_of(text, kiwi_tokens))


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
