"""Closed word lists the rules use (the open lists — names, titles, stopwords — are the gazetteer CSVs)."""

from __future__ import annotations

SURNAMES = frozenset(
    [
        "김",
        "이",
        "박",
        "최",
        "정",
        "강",
        "조",
        "윤",
        "장",
        "임",
        "한",
        "오",
        "서",
        "신",
        "권",
        "황",
        "안",
        "송",
        "전",
        "홍",
        "유",
        "고",
        "문",
        "양",
        "손",
        "배",
        "백",
        "허",
        "남",
        "심",
        "노",
        "하",
        "곽",
        "성",
        "차",
        "주",
        "우",
        "구",
        "민",
        "류",
        "나",
        "진",
        "지",
        "엄",
        "채",
        "원",
        "천",
        "방",
        "공",
        "현",
        "함",
        "변",
        "염",
        "여",
        "추",
        "도",
        "소",
        "석",
        "선",
        "설",
        "마",
        "길",
        "연",
        "위",
        "표",
        "명",
        "기",
        "반",
        "라",
        "왕",
        "금",
        "옥",
        "육",
        "인",
        "맹",
        "제",
        "모",
        "탁",
        "국",
        "어",
        "은",
        "편",
        "용",
        "예",
        "경",
        "봉",
        "사",
        "부",
        "가",
        "복",
        "태",
        "목",
        "형",
        "피",
        "두",
        "감",
        "음",
        "빈",
        "동",
        "온",
        "호",
        "범",
        "좌",
        "팽",
        "승",
        "간",
        "상",
        "갈",
        "단",
        "견",
        "당",
        "화",
        "창",
        "곡",
        "미",
        "리",
        "로",
    ]
)
COMPOUND_SURNAMES = frozenset({"남궁", "황보", "제갈", "선우", "독고", "사공", "서문", "동방", "어금"})

# Organization suffixes that are names on their own (`한국미래연구원`): the prefix only has to be two syllables.
ORG_SUFFIX_STRONG = (
    "위원회", "진흥원", "연구원", "연구소", "평가원", "개발원", "정책원", "공사", "공단", "재단", "협회",
    "협의회", "연합회", "연맹", "중공업", "엔터테인먼트", "텔레콤", "박물관", "미술관", "대학교", "의료원",
    "지방법원", "고등법원", "지방검찰청", "노동조합", "조합",
)  # fmt: skip
# Suffixes with common generic uses (`시중은행`, `대학병원`): the prefix must hold a proper noun or Latin.
ORG_SUFFIX_WEAK = (
    "그룹", "은행", "증권", "전자", "건설", "화학", "제약", "바이오", "항공", "해운", "자동차", "물산", "병원",
    "대학", "일보", "신문", "노조", "랩스", "테크", "소프트", "모빌리티", "솔루션", "에너지", "홀딩스",
    "게임즈", "스튜디오", "벤처스", "파트너스", "캐피탈", "인베스트먼트", "자산운용", "상사", "컴퍼니",
    "코리아", "네트웍스", "시스템즈", "로보틱스", "푸드", "제과", "유통", "쇼핑", "마켓", "닷컴", "헬스케어",
    "메디컬", "모터스", "엔터", "뱅크", "페이", "생명", "화재", "카드", "리서치", "컨설팅", "AI", "리테일", "청",
    "마트",
)  # fmt: skip
ORG_NOT = frozenset(
    {"시중은행", "지방은행", "인터넷은행", "인터넷전문은행", "중앙은행", "국책은행", "투자은행", "저축은행",
     "상업은행", "대형은행", "유가증권", "대학병원", "종합병원", "동물병원", "요양병원", "걸그룹", "보이그룹",
     "아이돌그룹", "대기업그룹", "조직위원회", "운영위원회", "소위원회", "이사회", "노동조합", "협동조합"}
)  # fmt: skip

LOC_SUFFIX_ADMIN = ("특별시", "광역시", "시", "군", "구", "도", "동", "읍")
LOC_SUFFIX_VENUE = (
    "해수욕장", "축구경기장", "경기장", "야구장", "구장", "체육관", "공항", "항", "역", "공원", "광장", "회관",
    "타워", "청사", "돔", "아레나", "컨벤션센터", "전시장", "대교", "터널", "섬", "산", "강", "해협", "만",
    "필드", "스타디움", "파크", "아트센터", "해변", "호수", "공항역",
)  # fmt: skip
LOC_NOT = (
    "지역",
    "무역",
    "영역",
    "권역",
    "구역",
    "전역",
    "부동산",
    "생산",
    "자산",
    "재산",
    "출산",
    "공산",
    "시도",
    "제도",
    "속도",
)

EVENT_SUFFIX = (
    "축제", "영화제", "박람회", "엑스포", "페스티벌", "전시회", "포럼", "콘퍼런스", "컨퍼런스", "정상회의",
    "선수권대회", "선수권", "올림픽", "월드컵", "비엔날레", "영화상", "시상식", "페어", "챔피언십", "어워즈",
    "어워드", "국제대회", "전략대화", "전략회의", "서밋", "쇼",
)  # fmt: skip

# Words written before a title that belong to it (`전 장관`, `현 대표`).
TITLE_MODIFIERS = frozenset({"전", "현", "前", "現", "신임", "초대", "차기", "당시", "전임"})
# Titles that are also ordinary nouns (`시장` "market", `주장` "claim"): a two-syllable name needs a stronger one.
WEAK_TITLES = frozenset(
    {"이사", "위원", "대표", "주장", "의장", "수석", "후보", "작가", "배우", "가수", "시인", "기자", "시장", "선수", "감독",
     "단장", "소장", "대사", "지사", "이사장", "회장"}
)  # fmt: skip
# One-syllable place suffixes that must be a morpheme of their own (`수원/NNP 역/NNG`, not `K/SL 방산/NNG`).
SHORT_VENUE = frozenset({"섬", "산", "강", "만", "역", "항", "돔"})

# Subjects that are people but not named: a quote after them has no speaker.
ANONYMOUS = frozenset(
    {"관계자", "시민", "주민", "상인", "관광객", "전문가", "누리꾼", "네티즌", "소식통", "당국자", "인사", "참석자",
     "직원", "학생", "교사", "학부모", "환자", "소비자", "업계", "측근", "한", "다른", "또다른", "또", "이용자",
     "시민단체", "단체", "회사", "업체", "정부", "당국", "대변인실", "이들", "그들", "모두", "일부", "많은"}
)  # fmt: skip
PRONOUNS = frozenset({"그", "그녀", "그는", "그녀는", "그가", "그녀가"})

# Nouns right before or after a quoted name that say what kind of name it is (`언어모델 ‘허니비’`).
PRODUCT_CUES = frozenset(
    {"서비스", "앱", "애플리케이션", "어플", "모델", "언어모델", "거대언어모델", "스마트폰", "폰", "제품", "신제품",
     "브랜드", "플랫폼", "게임", "신작", "치료제", "신약", "약", "백신", "전기차", "차", "차량", "SUV", "세단",
     "반도체", "칩", "샘플", "메모리", "노트북", "태블릿", "로봇", "챗봇", "솔루션", "소프트웨어", "기기",
     "에어컨", "냉장고", "TV", "라인업", "시리즈", "요금제", "카드", "상품", "신차", "트럭", "드론", "위성"}
)  # fmt: skip
WORK_CUES = frozenset(
    {"영화", "드라마", "작품", "앨범", "정규", "미니앨범", "싱글", "타이틀곡", "곡", "신곡", "노래", "소설", "장편",
     "단편", "책", "시집", "에세이", "개막작", "폐막작", "웹툰", "예능", "프로그램", "뮤지컬", "연극", "오페라",
     "다큐멘터리", "주연작", "출연작", "화제작", "흥행작", "번역본", "신간", "저서", "집", "오리지널"}
)  # fmt: skip
EVENT_CUES = frozenset(
    {"전시", "특별전", "기획전", "전시회", "행사", "대회", "축제", "회의", "전략회의", "포럼", "콘퍼런스", "캠페인",
     "박람회", "세미나", "토론회", "간담회", "설명회", "공연", "콘서트", "투어", "시상식", "결승", "리그"}
)  # fmt: skip
# Verbs after a quoted name that make it a product launch (`‘허니비’를 공개했다`).
LAUNCH_VERBS = ("공개", "출시", "선보", "내놓", "발표", "개발", "선보였", "탑재")

# A common noun naming the kind of organization right before an unknown proper noun (`스타트업 누리랩스`,
# `소속사 하이브`): the proper noun is that organization.
ORG_APPOSITION = frozenset(
    {"그룹", "밴드", "회사", "기업", "스타트업", "업체", "플랫폼", "소속사", "출판사", "시민단체", "단체", "제약사",
     "게임사", "자회사", "계열사", "운용사", "증권사", "보험사", "카드사", "건설사", "완성차", "통신사", "방송사",
     "언론사", "배급사", "제작사", "연구소", "구단", "팀", "정당", "노조", "협회", "은행", "벤처캐피털", "투자사",
     "컨소시엄", "유통사", "항공사", "여행사", "조선사", "배터리사", "반도체사", "플랫폼사", "핀테크", "앱"}
)  # fmt: skip

# Offices the role reader takes next to a name though titles.csv (also a tagger feature) lacks them, and endings
# that make a word such an office (`공동창업자`, `국가안보보좌관`).
OFFICE_WORDS = frozenset(
    {"고문", "왕자", "국왕", "왕세자", "공주", "여왕", "차르", "특사", "창업자", "설립자", "창립자"}
)
OFFICE_ENDINGS = ("창업자", "설립자", "보좌관", "책임자", "고문")
# Posts held in a company or another organisation: news writes the organisation between the name and the post
# (`<name> <organisation> 공동창업자`), so a foreign name of three or more words right before one of them usually
# ends one word earlier (`roles.RoleReader._foreign_end`). Words ending in `OFFICE_ENDINGS`' `창업자`, `책임자`
# count too (`최고전략책임자`).
ORG_POSTS = frozenset(
    {"대표", "공동대표", "대표이사", "사장", "부사장", "회장", "부회장", "명예회장", "의장", "이사", "전무",
     "상무", "최고경영자", "CEO", "CTO", "CFO", "COO", "CSO", "창업자", "창업주", "공동창업자", "설립자", "창립자",
     "구단주", "편집장", "행장", "은행장"}
)  # fmt: skip
ORG_POST_ENDINGS = ("창업자", "책임자", "설립자")
# Words that end a foreign name without being an organisation (`도널드 트럼프 주니어`).
NAME_SUFFIXES = frozenset({"주니어", "시니어", "2세", "3세", "4세"})

# Titles of people in sports teams: with these, a bare `LG` or `울산` is the team.
SPORTS_TITLES = frozenset(
    {"감독", "선수", "코치", "주장", "단장", "구단주", "수석코치", "투수", "타자", "포수", "골키퍼"}
)
# Endings of a common noun that is a title when it stands right after a name (`주택정책관`, `예보분석관`).
TITLE_ENDINGS = ("관", "실장", "국장", "과장", "팀장", "본부장", "단장", "센터장", "소장", "위원", "담당", "책임자")

# Political parties are named `…당` (`정의당`, `개혁신당`); these endings are common nouns, not parties.
PARTY_NOT_ENDINGS = frozenset(
    {"정당", "여당", "야당", "양당", "신당", "식당", "성당", "강당", "전당", "서당", "사당", "회당", "법당", "불당",
     "본당", "명당", "수당", "배당", "해당", "담당", "상당", "제당", "당당", "일당", "로당", "예배당", "공당"}
)  # fmt: skip
# Titles that only a party member holds, or that make the word before them a party (`한길당 의원`).
PARTY_TITLES = frozenset(
    {"의원", "국회의원", "대표", "당대표", "원내대표", "최고위원", "대변인", "수석대변인", "사무총장", "비대위원장",
     "정책위의장", "원내수석부대표", "후보", "예비후보", "당선인", "위원장"}
)  # fmt: skip

# Name-shaped words (a surname syllable and one or two more) that are not people: languages, sports positions,
# and common nouns Kiwi does not know and reads as proper nouns. A word `<country>어` is a language too.
NOT_NAMES = frozenset(
    {
        # languages
        "한국어", "영어", "중국어", "일본어", "독일어", "불어", "노어", "서반아어", "라틴어", "아랍어", "한자어",
        "외래어", "표준어", "방언", "모국어", "외국어", "고유어",
        # sports positions and roles
        "리베로", "세터", "센터", "라이트", "레프트", "공격수", "수비수", "미드필더", "골키퍼", "포수", "투수",
        "유격수", "지명타자", "마무리", "선발", "가드", "포워드", "윙어", "스트라이커", "주전", "에이스",
        "용병", "신인", "감독대행",
        # common nouns Kiwi reads as proper nouns
        "문답지", "문제지", "답안지", "시험지", "수험표", "수험생",
        # generic technology and media terms written in Latin letters (the gold guidelines: not names)
        "AI", "LLM", "GPU", "CPU", "NPU", "HBM", "DRAM", "SSD", "OLED", "LCD", "MMORPG", "RPG", "SNS", "OTT",
        "IT", "ICT", "IoT", "VR", "AR", "XR", "EV", "SUV", "API", "SaaS", "5G", "6G", "PC", "TV", "CEO", "CFO",
        "CTO", "ESG", "GDP", "IPO", "M&A", "R&D",
    }
)  # fmt: skip
# Generic facilities that end like a named venue (`놀이공원` is any amusement park).
VENUE_NOT = frozenset(
    {"놀이공원", "테마파크", "워터파크", "국립공원", "도립공원", "군립공원", "근린공원", "체육공원", "도시철도역",
     "지하철역", "기차역", "전철역", "실내체육관", "주경기장", "보조경기장", "국제공항", "정부청사", "시민회관",
     "문화회관"}
)  # fmt: skip

# Words that make an article a sports report: there, `<company> <…스>` is a club (`누리전자 썬더스`).
SPORTS_CONTEXT = frozenset(
    {"감독", "선수", "경기", "연승", "연패", "세트", "승점", "시즌", "리그", "구단", "프로배구", "프로야구",
     "프로축구", "프로농구", "득점", "우승"}
)  # fmt: skip
# How club nicknames end (`트윈스`, `라이온즈`, `자이언츠`, `피닉스`).
TEAM_NICK_ENDINGS = ("스", "즈", "츠")
