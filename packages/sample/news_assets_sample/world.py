"""The recurring cast of the sample news: invented people, companies and products next to real ministries and
places. The same names come back day after day so that entity trends have something to show."""

from __future__ import annotations

from .text import Entity


def _org(key: str, name: str, abbr: str | None = None, paren: bool = True) -> Entity:
    return Entity(key, name, "ORG", abbr=abbr, paren=paren)


def _per(key: str, name: str, title: str, org: str | None, surname_len: int = 1) -> Entity:
    return Entity(key, name, "PER", title=title, org=org, surname=name[:surname_len])


def _loc(key: str, name: str) -> Entity:
    return Entity(key, name, "LOC")


def _prod(key: str, name: str) -> Entity:
    return Entity(key, name, "PRODUCT")


def _event(key: str, name: str, abbr: str | None = None) -> Entity:
    return Entity(key, name, "EVENT", abbr=abbr)


_ORGS = [
    _org("msit", "과학기술정보통신부", "과기정통부"),
    _org("motie", "산업통상자원부", "산업부"),
    _org("moef", "기획재정부", "기재부"),
    _org("fsc", "금융위원회", "금융위"),
    _org("bok", "한국은행", "한은"),
    _org("moe", "교육부"),
    _org("molit", "국토교통부", "국토부"),
    _org("mofa", "외교부"),
    _org("kma", "기상청"),
    _org("customs", "관세청"),
    _org("kice", "한국교육과정평가원", "평가원"),
    _org("police", "경찰청"),
    _org("seoul_city", "서울시"),
    _org("busan_city", "부산시"),
    _org("ulsan_city", "울산시"),
    _org("assembly", "국회"),
    _org("office", "대통령실"),
    _org("reb", "한국부동산원", "부동산원"),
    _org("kgia", "한국게임산업협회", "게임산업협회"),
    _org("nipa", "정보통신산업진흥원", "NIPA"),
    _org("kdi", "한국개발연구원", "KDI"),
    _org("fed", "미국 연방준비제도", "연준"),
    _org("budget_cmte", "예산결산특별위원회", "예결위"),
    _org("sci_cmte", "과학기술정보방송통신위원회", "과방위"),
    _org("barun", "바른입시연구소"),
    _org("party_a", "새물결당"),
    _org("party_b", "한길당"),
    # companies: invented ones and real big names (with invented people only)
    _org("nuri", "누리전자"),
    _org("hanbit_mob", "한빛모빌리티"),
    _org("seon", "세온바이오"),
    _org("byeolbit", "별빛게임즈"),
    _org("gureum", "구름소프트"),
    _org("daon", "다온증권"),
    _org("hangyeol", "한결건설"),
    _org("pureun", "푸른제약"),
    _org("onnuri", "온누리마트"),
    _org("samsung", "삼성전자"),
    _org("skhynix", "SK하이닉스"),
    _org("lg", "LG전자"),
    _org("lges", "LG에너지솔루션"),
    _org("lgai", "LG AI연구원"),
    _org("kt", "KT"),
    _org("skt", "SK텔레콤"),
    _org("naver", "네이버"),
    _org("kakao", "카카오"),
    _org("hyundai", "현대자동차", "현대차"),
    _org("mmca", "국립현대미술관"),
    _org("ebs", "EBS"),
    _org("luminous", "루미너스"),
    _org("garam_univ", "가람대학교", "가람대"),
    # volleyball clubs, company name + nickname
    _org("team_thunders", "누리전자 썬더스", "썬더스", paren=False),
    _org("team_racers", "한빛모빌리티 레이서스", "레이서스", paren=False),
    _org("team_bluewings", "다온증권 블루윙스", "블루윙스", paren=False),
    _org("team_hammers", "한결건설 해머스", "해머스", paren=False),
    _org("team_phoenix", "세온바이오 피닉스", "피닉스", paren=False),
    _org("team_marines", "온누리 마린스", "마린스", paren=False),
]

_PEOPLE = [
    _per("han_doyun", "한도윤", "대표", "nuri"),
    _per("jung_yuha", "정유하", "연구소장", "nuri"),
    _per("choi_jihun", "최지훈", "대표", "hanbit_mob"),
    _per("seo_minjae", "서민재", "장관", "msit"),
    _per("park_seoyeon", "박서연", "차관", "motie"),
    _per("yoon_jaewon", "윤재원", "장관", "moef"),
    _per("oh_sejin", "오세진", "위원장", "fsc"),
    _per("lim_chaeyun", "임채윤", "총재", "bok"),
    _per("moon_taeho", "문태호", "대표", "kakao"),
    _per("na_yujin", "나유진", "대표", "naver"),
    _per("baek_seunghyun", "백승현", "대표", "kt"),
    _per("yeo_minho", "여민호", "원장", "lgai"),
    _per("shin_yerin", "신예린", "대표", "byeolbit"),
    _per("gu_taeyang", "구태양", "대표", "gureum"),
    _per("ryu_seonyoung", "류선영", "장관", "moe"),
    _per("bang_jiho", "방지호", "원장", "kice"),
    _per("kim_narae", "김나래", "예보분석관", "kma"),
    _per("go_eunseong", "고은성", "시장", "seoul_city"),
    _per("tak_gyeongmin", "탁경민", "시장", "ulsan_city"),
    _per("ha_yoonseul", "하윤슬", "시장", "busan_city"),
    _per("kwon_doha", "권도하", "연구원", "daon"),
    _per("lee_soyul", "이소율", "연구위원", "kdi"),
    _per("ju_hangyeol", "주한결", "의원", "party_a"),
    _per("byeon_siwoo", "변시우", "의원", "party_b"),
    _per("yeon_jihu", "연지후", "대변인", "office"),
    _per("namgung_seon", "남궁선", "장관", "mofa", surname_len=2),
    _per("pyo_seunghun", "표승훈", "장관", "molit"),
    _per("jang_seohu", "장서후", "회장", "kgia"),
    _per("yeom_jiwoo", "염지우", "소장", "barun"),
    _per("ma_dogyeong", "마도경", "청장", "customs"),
    _per("eom_taegyeong", "엄태경", "대표", "seon"),
    _per("mo_hayeon", "모하연", "상품기획자", "onnuri"),
    _per("seok_jian", "석지안", "학예연구사", "mmca"),
    _per("no_haram", "노하람", "감독", "team_thunders"),
    _per("gi_seongmin", "기성민", "감독", "team_racers"),
    _per("cha_museok", "차무석", "감독", "team_bluewings"),
    _per("ok_jaeha", "옥재하", "감독", "team_hammers"),
    _per("bae_junseo", "배준서", "선수", "team_thunders"),
    _per("yu_gangmin", "유강민", "선수", "team_racers"),
    _per("seol_hajun", "설하준", "선수", "team_bluewings"),
    _per("pi_donghyeok", "피동혁", "선수", "team_hammers"),
    # A namesake: another 한도윤, written about on the day the other one launches a robot (`corpus.NAMESAKE_DAY`).
    _per("han_doyun_prof", "한도윤", "교수", "garam_univ"),
]

_PLACES = [
    _loc("seoul", "서울"),
    _loc("yeouido", "서울 여의도"),
    _loc("gwanghwamun", "서울 광화문"),
    _loc("jamsil", "서울 잠실"),
    _loc("gangnam", "강남"),
    _loc("songpa", "송파"),
    _loc("nowon", "노원"),
    _loc("busan", "부산"),
    _loc("gwangalli", "광안리"),
    _loc("donghae", "동해"),
    _loc("bexco", "부산 벡스코"),
    _loc("pangyo", "판교"),
    _loc("seongnam", "경기 성남"),
    _loc("lasvegas", "라스베이거스"),
    _loc("ulsan", "울산"),
    _loc("sejong", "세종"),
    _loc("sejong_gov", "정부세종청사"),
    _loc("gangwon", "강원"),
    _loc("jeju", "제주"),
    _loc("daejeon", "대전"),
    _loc("incheon", "인천"),
    _loc("suwon", "수원"),
    _loc("daegu", "대구"),
    _loc("gwangju", "광주"),
    _loc("usa", "미국"),
    _loc("china", "중국"),
    _loc("japan", "일본"),
    _loc("vietnam", "베트남"),
    _loc("europe", "유럽"),
    _loc("shenzhen", "중국 선전"),
    _loc("washington", "워싱턴"),
    _loc("sea", "동남아"),
    _loc("thailand", "태국"),
]

_PRODUCTS = [
    _prod("nuribot2", "누리봇 2"),
    _prod("nuribot_mini", "누리봇 미니"),
    _prod("ev7", "한빛 EV7"),
    _prod("chronicle", "별빛 크로니클"),
    _prod("gureum_legend", "구름 레전드"),
    _prod("tomyum", "온누리 똠얌꿍면"),
    _prod("seon_vaccine", "세온플루"),
]


def build_cast(year: int) -> dict[str, Entity]:
    """Everyone and everything the stories may name. Event names carry the year of the corpus."""
    events = [
        _event("gstar", f"지스타 {year}"),
        _event("ces", f"CES {year + 1}"),
        _event("apec", "APEC 정상회의"),
        _event("suneung", f"{year + 1}학년도 대학수학능력시험", "수능"),
        _event("ksf", "코리아세일페스타"),
        _event("aiweek", "판교 AI 위크"),
        _event("vleague", "V리그"),
    ]
    cast: dict[str, Entity] = {}
    for e in [*_ORGS, *_PEOPLE, *_PLACES, *_PRODUCTS, *events]:
        if e.key in cast:
            raise ValueError(f"duplicate cast key {e.key}")
        cast[e.key] = e
    return cast


def people_of(cast: dict[str, Entity], org_keys: list[str]) -> list[Entity]:
    return [e for e in cast.values() if e.type == "PER" and e.org in org_keys]
