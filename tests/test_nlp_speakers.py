"""Who said what (issue 18): speakers across the article, organisations and anonymous speakers, headline and
caption forms, indirect speech, bylines. Fictional names and sentences, one mechanism per test."""

from __future__ import annotations

from news_assets.nlp import analyze


def said(text: str) -> list[tuple[str, str | None, str | None]]:
    return [(q.kind, q.speaker, q.speaker_kind) for q in analyze(text).quotes]


def test_indirect_speech_is_a_quote_of_its_own_kind():
    a = analyze("권민재 기재부 차관은 재정 지출을 줄이겠다고 밝혔다. 그는 “세수가 부족하다”고 말했다.")
    assert [(q.kind, q.quote, q.speaker) for q in a.quotes] == [
        ("indirect", "재정 지출을 줄이겠다고", "권민재"),
        ("direct", "세수가 부족하다", "권민재"),
    ]


def test_hearsay_plans_and_passives_are_no_indirect_speech():
    text = "업계에서는 가격이 오를 것이라고 한다. 회사는 공장을 지을 방침이다. 그가 사임했다고 알려졌다."
    assert said(text) == []


def test_stated_position_and_according_to():
    a = analyze("다만 한빛건설 측은 공사 기간이 안전을 고려한 결과라는 입장이다. 업계에 따르면 공사는 내년에 끝난다.")
    assert [(q.kind, q.quote) for q in a.quotes] == [
        ("indirect", "공사 기간이 안전을 고려한 결과라는"),
        ("indirect", "공사는 내년에 끝난다"),
    ]
    assert a.quotes[0].speaker_kind == "organisation"


def test_anonymous_speaker_is_marked_with_its_affiliation():
    a = analyze("한빛전자 관계자는 “당분간 가격이 오를 것”이라고 말했다.")
    q = a.quotes[0]
    assert (q.speaker, q.speaker_kind, q.speaker_affiliation) == (None, "anonymous", "한빛전자")


def test_subject_of_a_relative_clause_does_not_speak():
    text = (
        "김하진 한빛전자 사장은 실적 발표회에 나섰다. 그는 “매출이 늘 것”이라고 말했다. "
        "박소율 의원이 지원 의사를 밝힌 데 대해 “함께 하길 바란다”고 화답했다."
    )
    assert [q.speaker for q in analyze(text).quotes] == ["김하진", "김하진"]


def test_zero_subject_takes_the_last_speaker_not_an_organisation_topic():
    text = (
        "김하진 한빛전자 사장은 “매출이 늘 것”이라고 말했다. 한빛전자는 올해 공장을 짓는다. "
        "증설과 관련해서는 “속도를 내겠다”고 설명했다."
    )
    assert [q.speaker for q in analyze(text).quotes] == ["김하진", "김하진"]


def test_a_subject_inside_reported_content_after_the_quote_is_not_the_speaker():
    text = "김하진 한빛전자 사장은 “끝까지 가겠다”며 “도와달라”고 주민들이 나서 달라고 호소했다."
    assert [q.speaker for q in analyze(text).quotes if q.kind == "direct"] == ["김하진", "김하진"]


def test_foreign_surname_links_to_the_full_name():
    text = (
        "크리스 하워드 미국 재무장관은 회의에 참석했다. 하워드 장관은 “관세는 유지된다”고 말했다. "
        "하워드는 “협상은 계속된다”고 덧붙였다."
    )
    a = analyze(text)
    assert [q.speaker for q in a.quotes] == ["크리스 하워드", "크리스 하워드"]
    assert a.quotes[0].speaker_title == "재무장관"


def test_quote_alone_then_this_is_what_he_said():
    text = "“관세는 유지된다.”\n\n29일 크리스 하워드 미국 재무장관은 기자회견에서 이같이 말했다."
    assert [q.speaker for q in analyze(text).quotes] == ["크리스 하워드"]


def test_broadcast_caption_names_the_speaker():
    text = '정부가 대책을 내놨습니다.\n[권민재 / 기획재정부 차관 : "세수가 부족합니다."]'
    q = analyze(text).quotes[0]
    assert (q.speaker, q.speaker_title, q.speaker_affiliation) == ("권민재", "차관", "기획재정부")


def test_headline_name_before_the_quote():
    text = '권민재 "재정 지출 줄인다"\n\n권민재 기재부 차관은 회의를 열었다.'
    assert [q.speaker for q in analyze(text).quotes] == ["권민재"]


def test_organisation_named_by_a_person_is_an_organisation():
    q = analyze("하워드 행정부는 “관세를 유지한다”고 밝혔다.").quotes[0]
    assert (q.speaker, q.speaker_kind) == ("하워드 행정부", "organisation")


def test_bylines_are_never_roles():
    a = analyze(
        "[한빛일보=권민재 기자] 김하진 한빛전자 사장은 공장을 짓는다고 밝혔다.\n\n칼럼니스트 박소율 soyul@example.com"
    )
    people = {r.person for r in a.person_roles}
    assert "김하진" in people and "권민재" not in people and "박소율" not in people


def test_headline_quote_summing_up_several_body_quotes_of_one_speaker():
    text = (
        "“물가 잡고 일자리 늘린다”\n\n권민재 기재부 차관은 “물가를 반드시 잡겠다”고 말했다. "
        "그는 “일자리를 늘리겠다”고 덧붙였다. 박소율 의원은 “반대한다”고 말했다."
    )
    assert next(q.speaker for q in analyze(text).quotes) == "권민재"


def indirect(text: str) -> list[tuple[str, str | None, str | None]]:
    return [(q.quote, q.speaker, q.speaker_kind) for q in analyze(text).quotes if q.kind == "indirect"]


def test_progressive_and_auxiliary_verbs_do_not_cut_the_content():
    assert indirect("조하은 대변인은 정부가 추가 대책을 준비하고 있다고 전했다.") == [
        ("정부가 추가 대책을 준비하고 있다고", "조하은", "person")
    ]
    assert indirect("한빛전자는 공장 증설을 검토하고 있다는 입장이다.") == [
        ("공장 증설을 검토하고 있다는", "한빛전자", "organisation")
    ]


def test_a_later_topic_is_inside_the_content_and_one_word_content_counts():
    assert indirect("한빛건설 측은 공사 지연은 없을 것이라는 입장을 밝혔다.") == [
        ("공사 지연은 없을 것이라는", "한빛건설", "organisation")
    ]
    assert indirect("한빛그룹 관계자는 사실무근이라고 해명했다.") == [("사실무근이라고", None, "anonymous")]


def test_a_first_subject_speaks_when_the_content_has_its_own_topic():
    assert indirect("나도윤(41)이 살해 의도는 없었다고 주장했다.") == [("살해 의도는 없었다고", "나도윤", "person")]


def test_quotative_while_and_past_plain_saying():
    text = "강태오 시장은 시민 안전이 최우선이라며 대책 마련을 지시했다. 그는 추가 예산을 검토 중이라고도 했다."
    assert indirect(text) == [
        ("시민 안전이 최우선이라며", "강태오", "person"),
        ("추가 예산을 검토 중이라고", "강태오", "person"),
    ]
    # the present `~다고 한다` stays hearsay; a label in single quotes before `-라며` is no speech
    assert indirect("주민들 사이에서는 공사가 늦어진다고 한다. 야당은 이를 '졸속 행정'이라며 날을 세웠다.") == []


def test_subject_between_the_content_and_the_verb_of_saying():
    text = "한빛일보에 따르면 협상은 다음 달 재개된다. 양측이 합의문 초안을 교환했다고 한빛통신(HBT) 등이 보도했다."
    got = indirect(text)
    assert [q for q, _, _ in got] == ["협상은 다음 달 재개된다", "양측이 합의문 초안을 교환했다고"]
    assert all(k == "organisation" for _, _, k in got)


def test_that_is_whose_position():
    text = "박서윤 한빛은행 행장이 회견을 열었다. 금리 인하는 시기상조라는 게 박 행장의 설명이다."
    assert indirect(text) == [("금리 인하는 시기상조라는", "박서윤", "person")]


def test_generic_organisation_nouns_stand_for_the_named_organisation():
    text = (
        "가수 하도윤의 소속사 한빛엔터테인먼트는 18일 입장을 냈다. 소속사 측은 “사실이 아니다”라고 밝혔다. "
        "노조는 “교섭을 이어가겠다”고 말했다."
    )
    assert [(q.speaker, q.speaker_kind) for q in analyze(text).quotes] == [
        ("한빛엔터테인먼트", "organisation"),
        ("노조", "organisation"),
    ]
    text = "서울시는 대책을 내놨다. 시에 따르면, 버스 500대가 멈춘다."
    assert [(q.speaker, q.speaker_kind) for q in analyze(text).quotes] == [("서울시", "organisation")]


def test_a_short_form_in_parentheses_stands_for_the_full_name():
    text = "한빛타임스(HBT)는 이날 보도를 냈다. 업체들이 국산 칩을 쓰기 시작했다고 HBT는 전했다."
    assert [q.speaker for q in analyze(text).quotes] == ["한빛타임스"]


def test_broadcast_captions_in_other_shapes():
    text = (
        '[인터뷰] 정하늘 / 한빛당 의원 : "위헌 소지가 큽니다."\n'
        "[정하늘 / 한빛당 원내대변인]\n"
        '"다시 논의해야 합니다."\n'
        "[김 모 씨 / 인근 주민 : 밤새 잠을 못 잤어요.]\n"
        "[사진/한빛뉴스]\n"
        '"모두가 지켜봤습니다."'
    )
    got = [(q.quote, q.speaker, q.speaker_kind) for q in analyze(text).quotes]
    assert got[:3] == [
        ("위헌 소지가 큽니다.", "정하늘", "person"),
        ("다시 논의해야 합니다.", "정하늘", "person"),
        ("밤새 잠을 못 잤어요.", None, "anonymous"),
    ]
    assert got[3][1] is None  # a photo credit names no speaker


def test_heading_names_an_organisation_or_a_surname_in_chinese_characters():
    text = (
        '한빛전자 "공장 증설 검토"\n'
        '尹 대구 찾아 "지역 균형 발전"\n'
        "윤하람 한빛당 대표는 22일 대구를 찾았다. 윤 대표는 “지역 균형 발전이 먼저”라고 말했다. "
        "한빛전자는 “공장 증설을 검토하고 있다”고 밝혔다."
    )
    got = [(q.speaker, q.speaker_kind) for q in analyze(text).quotes]
    assert got[:2] == [("한빛전자", "organisation"), ("윤하람", "person")]


def test_straight_single_quotes_and_mixed_marks():
    text = (
        "정하늘 의원은 '개정안은 위헌 소지가 크다'고 말했다. 이어 \"다시 논의하자”고 했다. "
        "'과반수 득표자가 없으면 결선투표를 한다'고 규정한 당규가 문제다. "
        "'이대로는 선거를 못 치른다'는 일부 의원들 의견도 나왔다."
    )
    got = [(q.quote, q.speaker, q.speaker_kind) for q in analyze(text).quotes]
    assert got == [
        ("개정안은 위헌 소지가 크다", "정하늘", "person"),
        ("다시 논의하자", "정하늘", "person"),
        ("이대로는 선거를 못 치른다", None, "anonymous"),
    ]


def test_reporter_bylines_outside_brackets_are_no_roles():
    text = "(서울=한빛뉴스) 정하늘 기자 = 한빛당은 회의를 열었다.\n\n사진=강바다 기자\n\n워싱턴=윤솔 특파원"
    assert analyze(text).person_roles == ()
    assert [(r.person, r.title) for r in analyze("정하늘 한빛일보 기자는 현장에 있었다.").person_roles] == [
        ("정하늘", "기자")
    ]


def test_a_subject_after_the_quote_in_the_next_clause_does_not_speak():
    text = "최민준 장관은 “검토하겠다”고 했고, 박소율 의원은 “시간이 없다”고 반박했다."
    assert [q.speaker for q in analyze(text).quotes] == ["최민준", "박소율"]


def test_a_paragraph_of_one_quote_ending_on_a_full_stop_is_body_text():
    text = (
        "김하진 한빛전자 사장은 18일 기자간담회에서 이같이 밝혔다.\n\n“올해는 반드시 흑자를 내겠습니다.”\n\n"
        "그는 이어 “투자도 늘리겠다”고 덧붙였다."
    )
    assert [q.speaker for q in analyze(text).quotes] == ["김하진", "김하진"]


def test_a_broadcast_transcript():
    text = (
        "[앵커]\n정부가 오늘 부동산 대책을 발표했습니다. 강바다 기자가 보도합니다.\n\n[리포트]\n"
        '[권민재/국토교통부 장관 : "집값을 반드시 잡겠습니다."]\n\n시민들의 반응은 엇갈렸습니다.\n\n'
        '[윤솔/서울 마포구 : "너무 늦었어요."]\n\n한빛일보 보도에 따르면 정부는 추가 대책도 검토 중입니다.'
    )
    a = analyze(text)
    assert [(q.speaker, q.speaker_kind, q.speaker_title) for q in a.quotes] == [
        ("권민재", "person", "장관"),
        ("윤솔", "person", None),  # `서울 마포구`: where she lives, no title
        ("한빛일보", "organisation", None),  # `X 보도에 따르면`: X
    ]
    assert [r.person for r in a.person_roles] == []  # the reporter the anchor hands over to has no role


def test_a_source_named_after_the_content_or_a_bound_noun_is_no_fallback():
    text = (
        "정하늘 씨는 2010년부터 한빛상사 직원이었으나 실제 일은 본사 밖에서 했다고 회사 측은 밝혔다. "
        "강바다 전 지국장이 '소문이 진실이라고 믿었다'는 취지의 발언을 한 것은 판례를 염두에 둔 것이다."
    )
    got = [(q.quote, q.speaker) for q in analyze(text).quotes]
    assert got[0][1] != "정하늘"  # the company side speaks, not the subject of the content
    assert got[-1] == ("소문이 진실이라고 믿었다", "강바다")
