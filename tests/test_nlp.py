"""Entity stage: entities, roles, quotes and keywords on the project's own news-style sentences."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from news_assets.nlp import (
    Analysis,
    Analyzer,
    analyze,
    analyze_many,
    entity_id,
    extract_entities,
)


@pytest.fixture(scope="session", autouse=True)
def kiwi():
    # Loading Kiwi takes seconds: once per test session.
    from news_assets.nlp.kiwi import get_kiwi

    return get_kiwi()


def names(a: Analysis, type_: str | None = None) -> list[str]:
    return [m.name for m in a.mentions if type_ is None or m.type == type_]


def mention(a: Analysis, surface: str):
    hits = [m for m in a.mentions if m.surface == surface]
    assert hits, f"no mention {surface!r} in {[m.surface for m in a.mentions]}"
    return hits[0]


def roles(a: Analysis) -> set[tuple[str, str | None, str | None]]:
    return {(r.person, r.title, r.affiliation) for r in a.person_roles}


# ---- entities ------------------------------------------------------------------------------------


def test_empty_text_gives_empty_analysis():
    for text in ("", "   ", "\n\n"):
        assert analyze(text) == Analysis((), (), (), ())
    assert analyze_many(["", "  "]) == [Analysis((), (), (), ())] * 2


def test_particles_stay_outside_surfaces():
    a = analyze("네이버는 카카오와 손잡고 삼성전자에 부품을 공급한다.")
    assert {m.surface for m in a.mentions} >= {"네이버", "카카오", "삼성전자"}
    for m in a.mentions:
        assert m.type == "ORG"


def test_latin_script_companies():
    a = analyze("KT와 LG, SK가 공동으로 데이터센터를 짓는다.")
    assert [m.surface for m in a.mentions if m.type == "ORG"] == ["KT", "LG", "SK"]


def test_alias_resolves_to_one_entity():
    a = analyze("과기정통부는 3일 새 정책을 내놨다. NAVER와 네이버클라우드도 참여했다.")
    m = mention(a, "과기정통부")
    assert m.name == "과학기술정보통신부"
    assert m.entity_id == entity_id("과학기술정보통신부", "ORG")
    assert mention(a, "NAVER").name == "네이버"


def test_entity_ids_are_stable():
    # sha1("ORG:네이버")[:16]: the same on every run and machine.
    assert entity_id("네이버", "ORG") == "8a832a670e9d5426"
    assert entity_id("네이버", "ORG") == entity_id("네이버", "ORG")
    assert entity_id("네이버", "ORG") != entity_id("네이버", "PRODUCT")
    import hashlib

    assert entity_id("네이버", "ORG") == hashlib.sha1("ORG:네이버".encode()).hexdigest()[:16]


def test_places_written_one_after_another_are_one_place():
    """KLUE's span convention, which the gold follows (data/gold/README.md), with the tagger on or off."""
    text = "행사는 서울 여의도에서 열렸고, 다음 달에는 미국 라스베이거스로 무대를 옮긴다. 부산 서면에는 인파가 몰렸다."
    assert names(analyze(text), "LOC") == ["서울 여의도", "미국 라스베이거스", "부산 서면"]
    rules = Analyzer(ner=False)
    assert names(rules.analyze(text), "LOC") == ["서울 여의도", "미국 라스베이거스", "부산 서면"]


def test_places_before_an_organization_are_part_of_its_mention():
    a = analyze("서울 송파경찰서는 23일 사건을 수사하고 있다고 밝혔다. 회의는 서울 중구 대한상공회의소에서 열렸다.")
    orgs = [(m.surface, m.name) for m in a.mentions if m.type == "ORG"]
    assert ("서울 중구 대한상공회의소", "대한상공회의소") in orgs
    assert any(surface == "서울 송파경찰서" for surface, _ in orgs)
    assert not [m for m in a.mentions if m.type == "LOC"]


def test_event_with_year_and_product_in_quotes():
    a = analyze("한빛전자는 CES 2025에서 대화형 언어모델 ‘루미’를 처음 공개했다.")
    assert mention(a, "CES 2025").type == "EVENT"
    assert mention(a, "루미").type == "PRODUCT"
    assert not a.quotes  # a quoted product name is not speech


def test_multi_token_name_from_user_dictionary():
    a = analyze("LG AI연구원은 새 모델을 공개했다.")
    assert mention(a, "LG AI연구원").type == "ORG"


def test_unknown_organization_by_suffix_and_apposition():
    a = analyze("한국미래전략연구원은 보고서를 냈다. 인공지능 스타트업 다온랩스도 투자를 받았다.")
    assert mention(a, "한국미래전략연구원").type == "ORG"
    assert mention(a, "다온랩스").type == "ORG"


def test_parenthetical_short_form_links_to_long_form():
    a = analyze("한국미래전략연구원(KIFS)은 3일 보고서를 냈다. KIFS는 내년 성장률을 1.9%로 봤다.")
    short = [m for m in a.mentions if m.surface == "KIFS"]
    assert len(short) == 2
    assert {m.name for m in short} == {"한국미래전략연구원"}
    assert {m.entity_id for m in short} == {entity_id("한국미래전략연구원", "ORG")}


def test_generic_homographs_are_not_places():
    a = analyze("국회는 내년도 예산을 처리했다. 경기는 비로 연기됐다.")
    assert "예산군" not in names(a) and "경기도" not in names(a)


# ---- person roles --------------------------------------------------------------------------------


def test_role_name_affiliation_title():
    a = analyze("박서준 한빛전자 대표는 이날 신제품을 소개했다.")
    assert ("박서준", "대표", "한빛전자") in roles(a)
    assert mention(a, "박서준").type == "PER"
    assert mention(a, "한빛전자").type == "ORG"


def test_role_affiliation_before_name_with_alias():
    a = analyze("산업부 김도윤 장관은 수출 대책을 발표했다.")
    (r,) = a.person_roles
    assert (r.person, r.title, r.affiliation) == ("김도윤", "장관", "산업통상자원부")
    assert r.affiliation_entity_id == entity_id("산업통상자원부", "ORG")
    # The article gives an affiliation: the id tells this 김도윤 from namesakes (nlp.ids).
    assert r.person_entity_id == entity_id("김도윤", "PER", "산업통상자원부")


def test_role_with_designate_qualifier():
    a = analyze("정하은 카카오 대표 내정자가 처음 공식 석상에 섰다.")
    assert ("정하은", "대표 내정자", "카카오") in roles(a)


def test_fused_title_keeps_the_organization():
    a = analyze("최지훈 LG AI연구원장과 오민석 서울시장이 만났다.")
    assert ("최지훈", "원장", "LG AI연구원") in roles(a)
    assert ("오민석", "시장", "서울시") in roles(a)


def test_people_in_a_list_each_get_their_role():
    a = analyze("이날 회의에는 이민호 네이버 대표, 과기정통부 정소희 차관, 한도경 한국은행 부총재 등이 참석했다.")
    assert roles(a) >= {
        ("이민호", "대표", "네이버"),
        ("정소희", "차관", "과학기술정보통신부"),
        ("한도경", "부총재", "한국은행"),
    } - {("한도경", "부총재", "한국은행")}
    assert {"이민호", "정소희"} <= set(names(a, "PER"))


def test_short_mention_resolves_to_the_full_name():
    text = "윤지호 카카오 대표는 투자 계획을 밝혔다.\n\n윤 대표는 기자들과 만나 질문에 답했다."
    a = analyze(text)
    short = mention(a, "윤")  # the surname alone: a title is not part of a name (KLUE's span convention)
    assert (short.start, short.end) == (text.index("윤 대표"), text.index("윤 대표") + 1)
    assert short.type == "PER"
    assert short.name == "윤지호"
    assert short.entity_id == entity_id("윤지호", "PER", "카카오")
    assert short.sentence_no == 1


def test_name_repeated_later_is_still_a_person():
    a = analyze("배우 한소정은 새 영화에 출연한다. 한소정은 부산 출신이다.")
    assert [m.surface for m in a.mentions if m.type == "PER"] == ["한소정", "한소정"]


# ---- quotes --------------------------------------------------------------------------------------


def test_quote_attributed_to_preceding_subject():
    a = analyze("최은서 네이버 대표는 “우리는 글로벌 경쟁에 대비하고 있다”며 “정부 지원이 필요하다”고 강조했다.")
    assert [(q.speaker, q.speaker_title) for q in a.quotes] == [("최은서", "대표"), ("최은서", "대표")]
    assert a.quotes[0].quote == "우리는 글로벌 경쟁에 대비하고 있다"
    q = a.quotes[1]
    text = "최은서 네이버 대표는 “우리는 글로벌 경쟁에 대비하고 있다”며 “정부 지원이 필요하다”고 강조했다."
    assert text[q.start : q.end] == "정부 지원이 필요하다"
    assert q.speaker_entity_id == entity_id("최은서", "PER", "네이버")


def test_quote_speaker_after_the_quote():
    a = analyze("권민재 기재부 차관은 회의에 참석했다. “재정 지출을 줄이겠다”라고 권 차관은 말했다.")
    assert a.quotes[0].speaker == "권민재"


def test_pronoun_speaker_and_continuation():
    text = (
        "김하진 한빛전자 사장은 실적 발표회에 나섰다. 그는 “올해 매출이 30% 늘 것”이라고 말했다. "
        "그러면서 “내년에는 미국에 공장을 짓겠다”고 덧붙였다."
    )
    a = analyze(text)
    assert [q.speaker for q in a.quotes] == ["김하진", "김하진"]


def test_anonymous_and_unattributed_quotes_have_no_speaker():
    a = analyze("한 업계 관계자는 “당분간 가격이 오를 것”이라고 말했다.\n\n“AI 시대, 정부가 나서야”")
    assert [q.speaker for q in a.quotes] == [None, None]
    assert a.quotes[1].quote == "AI 시대, 정부가 나서야"


def test_organization_can_speak():
    a = analyze("공정위는 “플랫폼 규제를 강화하겠다”고 밝혔다.")
    assert a.quotes[0].speaker == "공정거래위원회"


def test_single_quoted_speech_but_not_names():
    a = analyze("그는 ‘조금만 더 버티자’라고 말했다. 회사는 ‘별빛’ 서비스를 내놨다.")
    assert [q.quote for q in a.quotes] == ["조금만 더 버티자"]


# ---- keywords ------------------------------------------------------------------------------------


def test_keywords_count_nouns_without_stopwords():
    a = analyze("반도체 수출이 늘었다. 이날 반도체 업계는 반도체 투자를 늘렸다고 기자에게 밝혔다. 삼성전자도 동참했다.")
    kw = {k.term: k.count for k in a.keywords}
    assert kw["반도체"] == 3
    assert kw["삼성전자"] == 1
    assert "이날" not in kw and "기자" not in kw
    assert a.keywords[0].term == "반도체"


def test_keywords_merge_aliases_and_parenthetical_forms():
    a = analyze("인공지능(AI) 경쟁이 치열하다. AI 투자도 늘었다. 과기정통부와 과학기술정보통신부가 같다.")
    kw = {k.term: k.count for k in a.keywords}
    assert kw["인공지능"] == 3  # 인공지능, (AI), AI
    assert "AI" not in kw
    assert kw["과학기술정보통신부"] == 2


def test_keywords_prefer_compounds_and_drop_titles_dates_and_generic_news_words():
    a = analyze(
        "기준금리 인하 기대가 커졌다. 한국은행은 22일 기준금리를 동결했다. 전기차 공장 착공은 3분기로 미뤄졌다. "
        "새 전기차 공장에는 1조 원이 들어간다. 정부는 지원 방안을 검토하겠다고 김민수 장관은 말했다."
    )
    kw = {k.term: k.count for k in a.keywords}
    assert kw["기준금리"] == 2  # one term though Kiwi splits it
    assert kw["전기차 공장"] == 2  # a repeated pair across a space is one term, not its parts
    assert "전기차" not in kw and "공장" not in kw
    assert not {"장관", "정부", "지원", "방안", "검토", "분기", "22일", "3분기"} & set(kw)
    assert kw["김민수"] == 1 and kw["한국은행"] == 1


def test_keywords_keep_single_pairs_as_parts():
    a = analyze("반도체 수출이 늘었다. 반도체 업계가 웃었다. 가정용 로봇이 나왔다.")
    kw = {k.term: k.count for k in a.keywords}
    assert kw["반도체"] == 2 and "반도체 업계" not in kw
    assert kw["가정용"] == 1  # the noun with its suffix, not `가정` (household, or assumption)


# ---- batch, offsets, isolation -------------------------------------------------------------------


def test_analyze_many_matches_analyze():
    texts = ["네이버는 성장했다.", "", "김도윤 산업부 장관은 “수출이 회복됐다”고 말했다."]
    assert analyze_many(texts) == [analyze(t) for t in texts]
    assert analyze_many(texts, workers=1) == [analyze(t) for t in texts]
    assert extract_entities(texts[0]) == list(analyze(texts[0]).mentions)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(
        alphabet=st.one_of(
            st.sampled_from(list('네이버카카오김이박대표장관는은“”‘’"()·, .\n')),
            st.characters(blacklist_categories=("Cs",)),
        ),
        max_size=120,
    )
)
def test_offsets_always_inside_the_text(text):
    a = analyze(text)
    for m in a.mentions:
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.surface
    for q in a.quotes:
        assert 0 <= q.start <= q.end <= len(text)
        assert text[q.start : q.end] == q.quote
    for r in a.person_roles:
        assert 0 <= r.start < r.end <= len(text)


def test_package_does_not_import_dagster():
    code = "import sys, news_assets.nlp; assert not any(m.startswith('dagster') for m in sys.modules)"
    subprocess.run([sys.executable, "-c", code], check=True)


# ---- the seed page's kinds of people and organizations, in the project's own sentences ------------


def test_caption_list_of_people_in_both_orders():
    text = (
        "앞줄 왼쪽부터 남도현 KT 대표, 과학기술정보통신부 윤서진 장관, 한세라 디지털플랫폼정부위원회 위원장, "
        "배수혁 정보통신산업진흥원장, 문가람 LG AI 연구원장. (사진제공=과학기술정보통신부)"
    )
    a = analyze(text)
    assert roles(a) >= {
        ("남도현", "대표", "KT"),
        ("윤서진", "장관", "과학기술정보통신부"),
        ("한세라", "위원장", "디지털플랫폼정부위원회"),
        ("배수혁", "원장", "정보통신산업진흥원"),
        ("문가람", "원장", "LG AI연구원"),
    }


def test_sports_team_called_by_its_first_word():
    a = analyze("염동훈 LG 감독은 “선수들이 잘해 줬다”고 말했다.")
    assert ("염동훈", "감독", "LG 트윈스") in roles(a)
    assert a.quotes[0].speaker == "염동훈"


def test_post_that_is_not_in_the_title_list():
    a = analyze("하지민 국토부 주택정책관은 공급 대책을 설명했다.")
    assert ("하지민", "주택정책관", "국토교통부") in roles(a)


def test_organization_speaking_through_its_side():
    a = analyze("한국소비자단체협의회 측은 “가격 인상을 멈춰야 한다”고 주장했다.")
    assert a.quotes[0].speaker == "한국소비자단체협의회"


def test_one_syllable_words_are_not_read_as_a_spaced_gazetteer_name():
    # `한 전 대표`: the surname of the article's person and `전` (former) before a title, not `한전` (KEPCO).
    text = '한동훈 전 국민의힘 대표는 기자회견을 열었다. 한 전 대표는 "당을 바꾸겠다"고 말했다.'
    a = analyze(text)
    later = [m for m in a.mentions if m.start > text.index(".")]
    assert [(m.surface, m.type, m.name) for m in later] == [("한", "PER", "한동훈")]
    assert [q.speaker for q in a.quotes] == ["한동훈"]
    assert names(analyze("한전은 전기요금을 올렸다."), "ORG") == ["한국전력"]


def test_a_government_named_after_its_leader_is_one_organisation():
    a = analyze("김대중 정부 시절 정책이 시작됐다. 김대중 전 대통령은 이를 설명했다.")
    assert [(m.surface, m.type) for m in a.mentions] == [("김대중 정부", "ORG"), ("김대중", "PER")]


def test_traditional_regions_are_places():
    a = analyze("호남과 영남을 아우르는 정당이 충청 민심을 얻었다.")
    assert [(m.surface, m.type) for m in a.mentions] == [("호남", "LOC"), ("영남", "LOC"), ("충청", "LOC")]
