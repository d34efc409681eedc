"""Gazetteer files: the shipped CSVs, users' own CSVs, weak aliases, Kiwi registration."""

from __future__ import annotations

import csv

import pytest

from news_assets.nlp import Gazetteer, default_gazetteer, load_gazetteer
from news_assets.nlp.gazetteer import ENTITY_TYPES, default_dir, env_paths


def test_default_directory_is_package_data():
    assert default_dir().name == "gazetteer"
    for name in ("organizations.csv", "government.csv", "places.csv", "titles.csv", "stopwords.txt"):
        assert (default_dir() / name).is_file(), name


def test_shipped_csvs_are_well_formed():
    for path in (p for p in default_dir().iterdir() if p.name.endswith(".csv")):
        with path.open(encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        assert rows, path
        if path.name.startswith("titles"):
            assert all(r["title"].strip() for r in rows)
            continue
        for r in rows:
            assert r["name"].strip(), path
            assert r["type"] in ENTITY_TYPES, (path, r)


def test_default_gazetteer_knows_the_major_names():
    gz = default_gazetteer()
    assert isinstance(gz, Gazetteer)
    for surface, name, type_ in [
        ("과기정통부", "과학기술정보통신부", "ORG"),
        ("산업부", "산업통상자원부", "ORG"),
        ("기재부", "기획재정부", "ORG"),
        ("금융위", "금융위원회", "ORG"),
        ("공정위", "공정거래위원회", "ORG"),
        ("NAVER", "네이버", "ORG"),
        ("naver", "네이버", "ORG"),
        ("SK하이닉스", "SK하이닉스", "ORG"),
        ("LG AI 연구원", "LG AI연구원", "ORG"),
        ("판교", "판교", "LOC"),
        ("라스베이거스", "라스베이거스", "LOC"),
        ("CES", "CES", "EVENT"),
    ]:
        entry = gz.lookup(surface)
        assert entry is not None, surface
        assert (entry.name, entry.type) == (name, type_)
    assert {"장관", "대표", "내정자", "원장", "위원장", "의원", "기자"} <= gz.titles
    assert {"기자", "이날", "관계자", "때문"} <= gz.stopwords


def test_weak_aliases_need_a_proper_noun_reading():
    gz = default_gazetteer()
    assert gz.lookup("예산") is None  # "budget", not 예산군
    assert gz.lookup("예산", nnp=True).name == "예산군"
    assert gz.lookup("경기") is None
    assert gz.lookup("경기도").name == "경기도"


def test_user_csv_extends_and_overrides(tmp_path):
    (tmp_path / "mine.csv").write_text(
        "name,type,aliases,note\n다온모빌리티,ORG,다온|DAON,a startup we follow\n네이버,PRODUCT,,re-typed on purpose\n",
        encoding="utf-8",
    )
    (tmp_path / "titles_extra.csv").write_text("title,note\n수석코치,\n", encoding="utf-8")
    (tmp_path / "stopwords_extra.txt").write_text("# mine\n브리핑\n", encoding="utf-8")
    gz = load_gazetteer([tmp_path])
    assert gz.lookup("DAON").name == "다온모빌리티"
    assert gz.lookup("daon").name == "다온모빌리티"
    assert gz.lookup("네이버").type == "PRODUCT"  # later files win
    assert "수석코치" in gz.titles and "장관" in gz.titles
    assert "브리핑" in gz.stopwords
    only = load_gazetteer([tmp_path / "mine.csv"], include_default=False)
    assert only.lookup("과기정통부") is None
    assert only.lookup("다온") is not None


def test_user_csv_is_used_by_the_rules(tmp_path):
    from news_assets.nlp.analysis import analyze_tokens
    from news_assets.nlp.kiwi import get_kiwi

    (tmp_path / "mine.csv").write_text("name,type,aliases,note\n별빛항공우주,ORG,별빛,\n", encoding="utf-8")
    gz = load_gazetteer([tmp_path])
    text = "별빛항공우주는 위성을 쏘아 올렸다."
    a = analyze_tokens(text, get_kiwi().tokenize(text), gz)
    assert [(m.surface, m.type) for m in a.mentions] == [("별빛항공우주", "ORG")]


def test_bad_type_is_reported_with_its_line(tmp_path):
    (tmp_path / "bad.csv").write_text("name,type,aliases,note\n무언가,THING,,\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.csv:2"):
        load_gazetteer([tmp_path], include_default=False)


def test_env_var_lists_extra_directories(monkeypatch, tmp_path):
    import os

    monkeypatch.setenv("NEWS_ASSETS_GAZETTEER", f"{tmp_path}{os.pathsep}{tmp_path / 'b'}")
    assert env_paths() == [str(tmp_path), str(tmp_path / "b")]
    monkeypatch.delenv("NEWS_ASSETS_GAZETTEER")
    assert env_paths() == []


def test_kiwi_gets_the_multi_word_names():
    from news_assets.nlp.kiwi import get_kiwi

    toks = get_kiwi().tokenize("과학기술정보통신부와 LG AI연구원")
    assert [(t.form, t.tag) for t in toks if t.tag == "NNP"] == [("과학기술정보통신부", "NNP"), ("LG AI연구원", "NNP")]


def test_extra_gazetteer_folder_reaches_kiwi_through_the_analyzer(tmp_path):
    """A name only in a folder given to an Analyzer is one Kiwi token (NNP) and one mention of its type;
    without that folder Kiwi cuts it into common nouns."""
    from news_assets.nlp.analyzer import Analyzer

    (tmp_path / "mine.csv").write_text("name,type,aliases,note\n하늘바다우주항공,ORG,,\n", encoding="utf-8")
    text = "하늘바다우주항공은 위성을 쏘아 올렸다."
    assert "하늘바다우주항공" not in [t.form for t in Analyzer.shared().kiwi.tokenize(text)]

    analyzer = Analyzer([tmp_path], workers=1)
    toks = analyzer.kiwi.tokenize(text)
    assert [(t.form, t.tag) for t in toks if t.start < len("하늘바다우주항공")] == [("하늘바다우주항공", "NNP")]
    for a in (analyzer.analyze(text), analyzer.analyze_many([text, ""])[0], analyzer.analyze_many([text])[0]):
        assert [(m.surface, m.name, m.type) for m in a.mentions] == [("하늘바다우주항공", "하늘바다우주항공", "ORG")]


def test_shared_analyzer_is_one_per_gazetteer_configuration(monkeypatch, tmp_path):
    from news_assets.nlp import analyzer as analyzer_module
    from news_assets.nlp.analyzer import Analyzer, default_analyzer

    assert Analyzer.shared() is Analyzer.shared(())
    monkeypatch.delenv("NEWS_ASSETS_GAZETTEER", raising=False)
    assert default_analyzer() is Analyzer.shared()

    # Without loading another Kiwi: the same folder, however written, is one configuration.
    monkeypatch.setattr(analyzer_module, "new_kiwi", lambda gz, workers: object())
    monkeypatch.setattr(Analyzer, "_shared", {})
    (tmp_path / "mine.csv").write_text("name,type,aliases,note\n하늘바다우주항공,ORG,,\n", encoding="utf-8")
    mine = Analyzer.shared([tmp_path])
    assert Analyzer.shared([str(tmp_path)]) is mine
    assert Analyzer.shared() is not mine
    assert mine.gazetteer.lookup("하늘바다우주항공") is not None

    # The Analyzer reads no environment variable: its folders are its arguments.
    monkeypatch.setenv("NEWS_ASSETS_GAZETTEER", str(tmp_path))
    assert Analyzer().gazetteer.lookup("하늘바다우주항공") is None
