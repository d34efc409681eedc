"""Reporter names out of bylines (`홍길동 기자 hong@example.com`, `[OO뉴스=홍길동 기자]`,
`(서울=연합뉴스) 홍길동 기자 =`, `홍길동·김철수 기자`) and out of author metadata values."""

from __future__ import annotations

import re

_ROLE = (
    r"(?:선임\s?기자|전문\s?기자|객원\s?기자|인턴\s?기자|수습\s?기자|대기자|기자|특파원|통신원|"
    r"논설\s?위원|편집\s?위원|칼럼니스트|앵커)"
)
_NAME = r"[가-힣]{2,4}"
# A name, then more names joined by ·ㆍ,/ and each optionally carrying its own role.
_NAMES = rf"{_NAME}(?:\s?{_ROLE})?(?:\s{{0,2}}[·ㆍ,、/]\s{{0,2}}{_NAME}(?:\s?{_ROLE})?){{0,5}}"
_EMAIL = r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,4}"

_NAME_ROLE = re.compile(rf"({_NAME})\s?{_ROLE}")
_NAME_ONLY = re.compile(_NAME)
_ROLE_RE = re.compile(_ROLE)
# `[이데일리=홍길동 기자]`, `[서울=뉴시스] 홍길동 기자 =`, `(서울=연합뉴스) 홍길동 김철수 기자 =`
_BRACKET = re.compile(rf"^\s?[\[(（【]\s?[^\]\)）】=\n]{{1,20}}=\s?({_NAMES})\s?{_ROLE}\s?[\])）】]")
_DATELINE = re.compile(
    rf"^\s?[\[(（【]\s?[^\]\)）】=\n]{{1,20}}=\s?[^\]\)）】\n]{{1,20}}[\])）】]\s?((?:{_NAMES}\s?)+){_ROLE}\s?="
)
# A line that is nothing but a byline: names, role, optional e-mail, optional time stamp.
_STAMP_TAIL = (
    r"(?:\s?[|·]?\s?(?:입력|수정|승인|등록|작성)?\s?[:：]?\s?\d{4}[-./]\d{1,2}[-./]\d{1,2}\.?(?:\s\d{1,2}:\d{2})?)?"
)
# What a credit may say before the names: `정리=`, `글·사진=`, `사진 :`, `취재:`.
_CREDIT = r"(?:(?:정리|글|사진|영상|취재|편집|그래픽|촬영|번역|구성|글\s?·\s?사진)\s?[=:：]\s?)"
_BYLINE_LINE = re.compile(
    rf"^[\s/|▶■●◆·]{{0,3}}{_CREDIT}?((?:{_NAMES})\s?{_ROLE})(?:\s{{0,2}}[,/|]?\s{{0,2}}{_CREDIT}?(?:{_NAMES})\s?{_ROLE}){{0,4}}"
    rf"\s?[(<\[]?\s?(?:{_EMAIL})?\s?[)>\]]?{_STAMP_TAIL}\s?$"
)
# `칼럼니스트 박생강 a@b.com`, `글 홍길동 객원기자`: the role (or credit) before the name.
_ROLE_FIRST_LINE = re.compile(
    rf"^[\s/|▶■●◆·]{{0,3}}{_ROLE}\s{{1,2}}({_NAMES})\s?[(<\[]?\s?(?:{_EMAIL})?\s?[)>\]]?{_STAMP_TAIL}\s?$"
)
# Every role word holds one of these: a line without one names no role, so it is no byline (checked before the
# two anchored patterns, which cost far more on the many short lines of an article that are not bylines).
_ROLE_WORD = re.compile(r"기자|특파원|통신원|위원|칼럼니스트|앵커")
_EMAIL_LINE = re.compile(rf"^[\s(<\[]{{0,2}}(?:{_EMAIL})[\s)>\]]{{0,2}}$")
_ENGLISH_BY = re.compile(r"^\s*(?:By|Von|Par|Por|Di)\s+", re.IGNORECASE)
# Words that fill the name slot in desk bylines (`온라인뉴스팀 기자`, `사진 기자`) but are no one's name.
_NOT_NAMES = frozenset(
    {"기자", "본지", "온라인", "디지털", "뉴스", "취재", "사진", "영상", "인턴", "편집", "사회", "경제",
     "정치", "문화", "국제", "산업", "전문", "객원", "선임", "수습", "종합", "특별", "대표", "담당",
     "정리", "촬영", "번역", "구성", "그래픽", "글사진"}
)  # fmt: skip
_DESK_SUFFIX = ("팀", "부", "국", "실", "과", "센터", "취재")


# Author values that name an organisation (the outlet, a portal, a desk), not a person: `연합뉴스 | 네이버`,
# `한국일보`, `스포티비뉴스`, `Reuters Staff`.
_ORG = re.compile(
    r"(?:일보|신문|뉴스|방송|미디어|닷컴|타임스|타임즈|저널|통신|신보|경제|스포츠|투데이|데일리|포스트|코리아|네이버|다음|"
    r"카카오|편집부|편집국|뉴스룸|취재팀|기획팀|\bTV|\bNews|\bMedia|\bTimes|\bPress|\bStaff|\bDesk|\bEditors?)\s?$|"
    r"^(?:네이버|다음|카카오|연합뉴스|뉴시스|뉴스1)(?:\s|$)",
    re.IGNORECASE,
)


def is_organisation(name: str, outlet: str | None = None) -> bool:
    """Whether an author value names an organisation (or the page's outlet) rather than a person."""
    key = "".join(name.split()).lower()
    if outlet:
        site = "".join(outlet.split()).lower()
        if key and site and (key == site or key in site or site in key):
            return True
    return _ORG.search(name) is not None


def _valid_name(name: str) -> bool:
    return name not in _NOT_NAMES and not name.endswith(_DESK_SUFFIX)


def _names_in(fragment: str) -> list[str]:
    cleaned = _ROLE_RE.sub(" ", fragment)
    return [n for n in _NAME_ONLY.findall(cleaned) if _valid_name(n)]


def _dedupe(names: list[str]) -> list[str]:
    seen: dict[str, None] = {}
    for n in names:
        n = n.strip()
        if n:
            seen.setdefault(n, None)
    return list(seen)


def is_email_line(line: str) -> bool:
    return len(line) <= 120 and _EMAIL_LINE.match(line) is not None


def byline_line_authors(line: str) -> list[str] | None:
    """Names when the whole line is a byline (`홍길동·김철수 기자 a@b.kr`); None when it is not one."""
    if len(line) > 120 or _ROLE_WORD.search(line) is None:
        return None
    m = _BYLINE_LINE.match(line) or _ROLE_FIRST_LINE.match(line)
    if m is None:
        return None
    names = _names_in(m.group(0).split("@")[0])
    return _dedupe(names) or None


_BARE_NAMES = re.compile(rf"^\s?{_CREDIT}?{_NAME}(?:\s{{0,2}}[·ㆍ,、/]\s{{0,2}}{_NAME}){{0,5}}\s?$")


def byline_block_authors(text: str) -> list[str] | None:
    """Names in an element the page marks as a byline (`<p class="byline">홍길동</p>`, `<a class="writer">`):
    there a bare name is a name, with or without `기자` and an e-mail."""
    text = " ".join(text.split())
    if not text or len(text) > 120:
        return None
    names = byline_line_authors(text)
    if names:
        return names
    bare = re.sub(_EMAIL, " ", text).strip(" ()<>[]|,")
    if _BARE_NAMES.match(bare):
        names = _dedupe(_names_in(bare))
        return names or None
    return None


def lead_authors(paragraph: str) -> tuple[list[str], str]:
    """Names from a bracket credit or dateline that opens a paragraph (`[OO뉴스=홍길동 기자]`,
    `(서울=연합뉴스) 홍길동 기자 =`), and the paragraph without it."""
    head = paragraph[:160]
    m = _BRACKET.match(head) or _DATELINE.match(head)
    if m is None:
        return [], paragraph
    return _dedupe(_names_in(m.group(1))), paragraph[m.end() :].lstrip()


def clean_author(value: str) -> list[str]:
    """Names out of one author value from metadata: `홍길동 기자`, `By Jane Doe and John Roe`,
    `홍길동 기자 hong@example.com`, `홍길동·김철수`."""
    text = re.sub(_EMAIL, " ", value[:300])
    text = _ENGLISH_BY.sub("", text).strip(" \t\r\n,;|/")
    if not text or text.startswith(("http://", "https://")):
        return []
    hangul_pairs = _NAME_ROLE.findall(text)
    if hangul_pairs:
        return _dedupe([n for n in hangul_pairs if _valid_name(n)])
    parts = re.split(r"\s*(?:[,;·ㆍ/&|]|\band\b|\bund\b|\bet\b)\s*", text)
    names = []
    for part in parts:
        part = _ROLE_RE.sub("", part).strip(" .-:")
        if 1 < len(part) <= 60 and not part.isdigit():
            names.append(part)
    return _dedupe(names)
