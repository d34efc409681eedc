"""Person roles in the shapes real Korean news writes them (issue 18): a gloss in parentheses or a `·` inside the
title, an institution before a title before the name, foreign names before an organisation, `겸` chains, `·` lists
of names. Fictional names, one mechanism per test."""

from __future__ import annotations

from news_assets.nlp import analyze


def roles(text: str) -> set[tuple[str, str | None, str | None]]:
    return {(r.person, r.title, r.affiliation) for r in analyze(text).person_roles}


def test_age_in_parentheses_before_affiliation_and_title():
    assert ("김하진", "대표", "가람전자") in roles("김하진(54) 가람전자 대표는 공장을 짓는다고 밝혔다.")


def test_title_across_a_gloss_and_a_middle_dot():
    found = roles("데이브 코렐 미국 백악관 인공지능(AI)·반도체 차르는 회의에 나왔다.")
    assert ("데이브 코렐", "인공지능(AI)·반도체 차르", "백악관") in found


def test_institution_before_title_before_name():
    assert ("권민재", "1차장", "국가안보실") in roles("국가안보실 1차장 권민재는 회의를 주재했다.")


def test_foreign_name_with_a_space_inside_one_word_and_an_office_ending():
    found = roles("제이크 설리번 백악관 국가안보보좌관은 회의에 나왔다.")
    assert ("제이크 설리번", "국가안보보좌관", "백악관") in found


def test_two_titles_joined_by_gyeom():
    found = roles("중재에 나선 한병도 대표 직무대행 겸 원내대표가 당규를 바꿨다.")
    assert {("한병도", "대표 직무대행", None), ("한병도", "원내대표", None)} <= found


def test_names_listed_with_a_middle_dot_share_the_title():
    found = roles("하지만 이하율·박규환 최고위원은 곧장 반대했다.")
    assert {("이하율", "최고위원", None), ("박규환", "최고위원", None)} <= found


def test_an_ordinary_noun_title_before_a_copula_is_no_role():
    assert not roles("이는 장동혁 지도부 주장이지만 부족하다는 지적이 나온다.")


def test_words_before_a_korean_name_and_its_age_are_not_part_of_the_name():
    found = roles("원주 누리 강동희(47) 감독에 대한 영장이 청구됐다.")
    assert ("강동희", "감독", None) in {(p, t, None) for p, t, _ in found}
    assert not any(p.startswith("누리") for p, _, _ in found)


def test_a_foreign_name_does_not_run_into_the_organisation_before_a_post():
    analysis = analyze('블라디미르 코스텐코 누리후드 공동창업자 겸 최고경영자는 "증권을 토큰으로 바꾸겠다"고 말했다.')
    found = {(r.person, r.title, r.affiliation) for r in analysis.person_roles}
    assert ("블라디미르 코스텐코", "공동창업자", "누리후드") in found
    assert ("블라디미르 코스텐코", "최고경영자", "누리후드") in found
    assert [q.speaker for q in analysis.quotes] == ["블라디미르 코스텐코"]


def test_a_one_syllable_family_name_after_a_foreign_given_name_is_part_of_the_name():
    analysis = analyze('마이크 호 누리9 공동창업자는 "토큰이 미래다"라고 밝혔다.')
    assert ("마이크 호", "공동창업자", "누리9") in {(r.person, r.title, r.affiliation) for r in analysis.person_roles}
    assert [q.speaker for q in analysis.quotes] == ["마이크 호"]


def test_a_person_named_by_a_letter_keeps_ssi_in_the_name_not_in_the_span():
    text = '경찰에 따르면 A씨는 지난달 서울 강남구에서 체포됐다. A씨는 "억울하다"고 말했다.'
    analysis = analyze(text)
    people = [m for m in analysis.mentions if m.type == "PER"]
    assert [(m.surface, m.name) for m in people] == [("A", "A씨"), ("A", "A씨")]
    assert [q.speaker for q in analysis.quotes if q.speaker_kind == "person"] == ["A씨"]


def test_a_numeral_after_a_name_is_not_a_family_name():
    # `두` is a surname and the numeral `two` (`두/MM`): the two actors, not a person called `박서윤 두`.
    analysis = analyze("유아인 박서윤 두 배우가 주연을 맡았다.")
    assert not any(" " in m.name for m in analysis.mentions if m.type == "PER")
    assert not analysis.person_roles


def test_a_foreign_name_the_tagger_reads_as_two_people_ends_before_the_organisation():
    # The tagger splits `에릭` and `트럼프` into two person spans (the second below the mention threshold) and the
    # rules read three proper nouns before the post: the name is the two words, the third the organisation.
    analysis = analyze('에릭 트럼프 누리비트코인 최고전략책임자는 "채굴이 답"이라고 말했다.')
    found = {(r.person, r.title, r.affiliation) for r in analysis.person_roles}
    assert ("에릭 트럼프", "최고전략책임자", "누리비트코인") in found
    assert [q.speaker for q in analysis.quotes] == ["에릭 트럼프"]


def test_korean_names_listed_with_spaces_are_not_one_foreign_name():
    found = roles("정하온 고윤 이서진 전 국무총리가 새정당 후보 지지를 선언했다.")
    assert not any(" " in p for p, _, _ in found)
    assert all(a is None or a not in ("고윤", "이서진") for _, _, a in found)
