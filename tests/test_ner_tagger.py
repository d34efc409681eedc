"""The shipped NER model (news_assets/data/ner/) on sentences written for these tests; no ../shared data needed."""

from __future__ import annotations

import itertools
from importlib import resources

import pytest

from news_assets.nlp.kiwi import get_kiwi
from news_assets.nlp.ner import NerTagger, Span, default_tagger
from news_assets.nlp.ner.tagger import MODEL_NAME

SENTENCES = [
    "김민준 대표는 10일 서울 강남구에서 열린 행사에서 한빛전자의 새 전략을 발표했다.",
    "네이버와 카카오는 부산시와 인공지능 인재 양성 협약을 맺었다고 밝혔다.",
    "박서연 씨는 지난달 미국 뉴욕에서 귀국한 뒤 경찰에 출석했다.",
    "삼성전자는 올해 3분기 영업이익이 작년보다 늘었다고 공시했다.",
]


def _tag(text: str) -> list[Span]:
    return default_tagger().tag(text, get_kiwi().tokenize(text))


def _found(text: str) -> set[tuple[str, str]]:
    return {(text[s.start : s.end], s.type) for s in _tag(text)}


def test_model_is_package_data_with_notice():
    folder = resources.files("news_assets.data") / "ner"
    assert (folder / MODEL_NAME).is_file()
    assert (folder / MODEL_NAME).read_bytes()[:2] == b"PK"
    notice = (folder / "NOTICE").read_text(encoding="utf-8")
    assert "CC BY-SA 4.0" in notice and "KLUE" in notice


def test_loads_once_per_process():
    assert default_tagger() is default_tagger()
    assert set(default_tagger().meta["types"]) == {"PER", "ORG", "LOC"}


def test_person_org_place():
    found = _found(SENTENCES[0])
    assert ("김민준", "PER") in found
    assert ("한빛전자", "ORG") in found
    assert any(t == "LOC" and "강남구" in s for s, t in found)
    found = _found(SENTENCES[1])
    assert {("네이버", "ORG"), ("카카오", "ORG")} <= found
    assert ("박서연", "PER") in _found(SENTENCES[2])
    assert ("삼성전자", "ORG") in _found(SENTENCES[3])


def test_title_and_particles_outside_the_span():
    for text in SENTENCES:
        for s in _tag(text):
            surface = text[s.start : s.end]
            assert not surface.endswith(("는", "은", "의", "와", "에서")), surface
            assert "대표" not in surface


@pytest.mark.parametrize("text", SENTENCES)
def test_offsets_inside_the_text(text: str):
    spans = _tag(text)
    assert spans
    for s in spans:
        assert 0 <= s.start < s.end <= len(text)
        assert text[s.start : s.end] == text[s.start : s.end].strip()
        assert s.type in {"PER", "ORG", "LOC"}
    starts = [s.start for s in spans]
    assert starts == sorted(starts)
    assert all(a.end <= b.start for a, b in itertools.pairwise(spans))


def test_article_offsets_across_sentences_and_paragraphs():
    text = "\n\n".join(SENTENCES)
    spans = _tag(text)
    assert len(spans) >= 8
    by_sentence = {(text[s.start : s.end], s.type) for s in spans}
    assert ("박서연", "PER") in by_sentence and ("삼성전자", "ORG") in by_sentence


def test_deterministic_and_fresh_tagger_agrees():
    text = " ".join(SENTENCES)
    tokens = get_kiwi().tokenize(text)
    first = default_tagger().tag(text, tokens)
    assert default_tagger().tag(text, tokens) == first
    assert NerTagger().tag(text, tokens) == first


@pytest.mark.parametrize("text", ["", "   ", "\n\n"])
def test_empty_text(text: str):
    assert default_tagger().tag(text, get_kiwi().tokenize(text) if text else []) == []


def test_merged_analysis_fills_where_the_rules_find_nothing():
    """With the tagger (``Analyzer(ner=True)``): KLUE's conventions where no rule speaks — a surname alone is a
    person (`<박>씨`), a place before an organization's own word is part of it (`<서울 송파경찰서>`)."""
    from news_assets.nlp.analysis import analyze_tokens
    from news_assets.nlp.analyzer import default_analyzer

    an = default_analyzer()

    def found(text: str) -> set[tuple[str, str]]:
        a = analyze_tokens(text, an.kiwi.tokenize(text), an.gazetteer, default_tagger())
        return {(m.surface, m.type) for m in a.mentions}

    assert ("박", "PER") in found("경찰은 박씨의 딸과 김모씨 등 16명을 불구속 입건했다.")
    assert ("서울 송파경찰서", "ORG") in found("서울 송파경찰서는 23일 사건을 수사하고 있다고 밝혔다.")


def _sample_bodies(limit: int) -> list[str]:
    import json

    from tests.paths import SAMPLE_DIR

    bodies = []
    for path in sorted((SAMPLE_DIR / "_truth").glob("*.jsonl"))[:2]:
        for line in path.read_text(encoding="utf-8").splitlines():
            doc = json.loads(line)
            if doc["kind"] == "article" and doc["body"]:
                bodies.append(doc["body"])
    return bodies[:limit]


def test_compiled_inference_equals_crfsuite():
    """The numpy inference (`ner.compiled`) gives crfsuite's labels and marginals on the same model, and its
    per-group attributes are exactly `sentence_features`' attributes."""
    import pycrfsuite

    from news_assets.nlp.ner.features import morphs_of
    from news_assets.nlp.ner.tagger import read_model_bundle, shipped_model

    crf_bytes, _, _ = read_model_bundle(shipped_model())
    reference = pycrfsuite.Tagger()
    reference.open_inmemory(crf_bytes)
    compiled = NerTagger()._crf
    features = compiled.groups.fx
    texts = SENTENCES + _sample_bodies(12)
    tokens = [get_kiwi().tokenize(t) for t in texts]
    sents = [morphs_of(t, k) for t, k in zip(texts, tokens, strict=True)]
    tagged = compiled.tag(list(zip(texts, sents, strict=True)))
    morphemes = checked = 0
    for text, text_sents, text_tagged in zip(texts, sents, tagged, strict=True):
        for sent, (ids, probs) in zip(text_sents, text_tagged, strict=True):
            attributes = features.sentence_features(text, sent)
            assert [set(a) for a in attributes] == compiled.groups.attributes(text, sent)
            labels = reference.tag(attributes)
            assert [compiled.labels[i] for i in ids.tolist()] == labels
            if set(labels) != {"O"}:  # a sentence with no span gets no marginals (1.0): nothing uses them
                for i, label in enumerate(labels):
                    assert abs(reference.marginal(label, i) - probs[i]) < 1e-4
                    checked += 1
            morphemes += len(sent)
    assert morphemes > 1000 and checked > 500


def test_tag_many_equals_tag_one_by_one():
    texts = [*SENTENCES, "", *_sample_bodies(6)]
    tokens = [get_kiwi().tokenize(t) if t else [] for t in texts]
    together = default_tagger().tag_many(zip(texts, tokens, strict=True))
    assert together == [default_tagger().tag(t, k) for t, k in zip(texts, tokens, strict=True)]
    assert together[len(SENTENCES)] == []
    assert sum(map(len, together)) > 20


def _made_up_sentences() -> list[str]:
    syllables = "가나다라마바사아자차카타파하거너더러머버서어저처커터퍼허고노도로모보소오조초"
    words = ["".join(p) for p in itertools.product(syllables[:24], syllables[24:], "림솔빈")][:600]
    return [f"{words[i]}{words[i + 1]} 씨는 {words[i + 2]}에서 {words[i + 3]}을 팔았다." for i in range(0, 596, 4)]


def test_the_score_rows_are_shared_by_inputs_the_model_knows_alike():
    """A long-running process meets new words and word pairs without end. A row is kept per set of attributes the
    model knows, so new words mostly share rows (one row per input was seven per new word and two per new pair,
    382k rows against 48k on 13k KLUE sentences)."""
    tagger = NerTagger()
    groups = tagger._crf.groups
    texts = _made_up_sentences()
    _ = [tagger.tag(t, get_kiwi().tokenize(t)) for t in texts[:5]]
    rows_before, morphemes_before = groups.rows.size, len(groups._morphemes)
    spans = [tagger.tag(t, get_kiwi().tokenize(t)) for t in texts[5:]]
    new_morphemes = len(groups._morphemes) - morphemes_before
    assert new_morphemes > 200  # the texts did bring new words
    assert groups.rows.size - rows_before < 2 * new_morphemes
    assert spans == [NerTagger().tag(t, get_kiwi().tokenize(t)) for t in texts[5:]]


def test_the_score_rows_start_afresh_past_their_limit_and_tag_the_same(monkeypatch):
    from news_assets.nlp.ner import compiled

    texts = _made_up_sentences()
    expected = [default_tagger().tag(t, get_kiwi().tokenize(t)) for t in texts]
    monkeypatch.setattr(compiled, "_ROWS_LIMIT", 200)
    tagger = NerTagger()
    found, sizes, first_groups = [], [], tagger._crf.groups
    for t in texts:
        found.append(tagger.tag(t, get_kiwi().tokenize(t)))
        sizes.append(tagger._crf.groups.rows.size)
    assert tagger._crf.groups is not first_groups  # it did start afresh
    assert max(sizes) < 200 + 100  # the limit, plus what one call adds
    assert found == expected
