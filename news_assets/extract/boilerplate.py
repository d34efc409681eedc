"""Boilerplate that survives inside the article container of Korean (and other) news pages, as text patterns
and as class/id hints.

The text patterns classify one block (a paragraph, list item, heading …) at a time. Most are anchored and
only applied to short blocks, so a real paragraph that merely mentions `구독` or `댓글` is never dropped, and
none can backtrack badly on long input.
"""

from __future__ import annotations

import re

# Block kinds `classify` returns.
KEEP = 0
DROP = 1
CAPTION = 2
DATE = 4
# Headings of boxes whose items follow as separate blocks: the heading and its items are dropped.
LIST_START = 5  # 주요 뉴스, 많이 본 뉴스, 관련 기사 …
TICKER_START = 6  # 오늘의 상승종목, 실시간 암호화폐 시세 …
SUMMARY_START = 7  # AI 요약, 요약 …
CRUMB = 8  # 홈 > 경제 > 금융
# A line opened by ▶ ▷ ■ ◆ …: a promo when it is a link (or says so), a speaker or section line of a
# transcript or interview when it is text. `assemble` decides with the block's link density.
MARKED = 9

_SHORT = 160

# Words of the font-size bar and the share/tool bars; a block made only of these is chrome.
_TOOL_WORDS = frozenset(
    re.split(
        r"\s+",
        """가장작게 작게 기본 크게 가장크게 글자크기 글씨크기 글자 글씨 크기 본문 폰트 확대 축소 설정 조절 변경
        인쇄 인쇄하기 프린트 스크랩 공유 공유하기 닫기 열기 페이스북 트위터 엑스 카카오톡 카카오스토리 카카오
        네이버 밴드 네이버밴드 링크 링크복사 URL URL복사 주소복사 복사 메일 이메일 보내기 댓글 텔레그램 라인
        북마크 기사저장 저장 번역 음성듣기 기사듣기 듣기 본문듣기 읽어주기 음성 재생 정지 목록 이전 다음 이전기사
        다음기사 신고 추천 SNS 가 가+ 가- A A+ A- + - | · X facebook twitter kakao band url copy print share
        email mail""".strip(),
    )
)
_TOOL_SPLIT = re.compile(r"[\s|·/,]+")

_REACTION = re.compile(
    r"^(?:(?:좋아요|화나요|슬퍼요|추가\s?취재\s?원해요|후속\s?기사\s?원해요|훈훈해요|놀랐어요|감동이에요|응원해요|"
    r"추천해요|싫어요|최고예요|흥미로워요|기뻐요|재밌어요|궁금해요|공감|비공감|추천|비추천|찬성|반대)"
    r"\s?[:：]?\s?\d{0,9}\s?)+$"
)
_LIST_HEADING = re.compile(
    r"^(?:(?:[가-힣A-Za-z0-9]{2,10}\s)?(?:(?:주요|많이\s?본|가장\s?많이\s?본|관련|추천|인기|최신|실시간|이\s?시각|지금|"
    r"오늘의|포토|랭킹|많이\s?읽은|함께\s?보면\s?좋은|함께\s?볼만한|이\s?기자의\s?다른|기자의\s?다른|"
    r"놓치면\s?안\s?될|지금\s?뜨는|화제의|섹션별|분야별|언론사별|최근|핫|HOT|Hot|Best|BEST)\s?){1,3}(?:뉴스|기사|포토|영상)"
    r"(?:\s?(?:더보기|\+|>|›|»))?|핫\s?이슈|헤드라인|이슈\s?&?\s?톡|오피니언|"
    r"Related(?:\s(?:Articles|Stories|News|Coverage|Content))?|Most\s(?:Read|Popular|Viewed)|Recommended(?:\sfor\syou)?|"
    r"Read\s(?:More|Next)|More\s(?:from|on)\s.{1,40}|More\sStories|You\smay\salso\slike|Trending(?:\sNow)?|"
    r"Popular\s(?:Now|Stories)|"
    # The same boxes on German, French, Spanish, Italian, Japanese and Chinese sites.
    r"Mehr\szum\sThema|Lesen\sSie\s(?:auch|mehr)|Auch\sinteressant|Das\skönnte\sSie\sauch\sinteressieren|"
    r"Weitere\s(?:Artikel|Nachrichten|Themen)|Meistgelesen|Zum\sThema|"
    r"(?:À\s)?[Ll]ire\saussi|Sur\sle\smême\ssujet|Les\splus\slus|"
    r"Lee\stambién|Te\spuede\sinteresar|Noticias\srelacionadas|Lo\smás\sleído|Leggi\sanche|"
    r"関連(?:ニュース|記事)|こんな特集も|注目(?:ニュース|の動画)|トップニュース|あわせて読みたい|おすすめ記事|"
    r"この記事を書いた人|相关(?:新闻|阅读|文章)|推荐阅读|热门(?:文章|新闻))\s?[>›»:：]?$"
)
_TICKER_HEADING = re.compile(
    r"^(?:오늘의\s?(?:상승|하락|관심|인기)\s?종목|실시간\s?(?:암호화폐|가상화폐|가상자산|코인)\s?시세|"
    r"(?:암호화폐|가상화폐|코인)\s?시세|증시\s?현황|시장\s?지표|주요\s?지수|\d{1,2}\.\d{1,2}\s?장\s?(?:종료|마감|중|시작))$"
)
_TICKER_ROW = re.compile(
    r"^(?:종목|종목명|현재가(?:\(원\))?|변동률|등락률|등락폭|전일대비|거래량|시가총액|코스피|코스닥|나스닥|다우|환율|"
    r"\*?\s?24시간\s?변동률\s?기준\.?|[\s\d,.+\-−%▲▼△▽()원$₩]+)$"
)
_SUMMARY_HEADING = re.compile(
    r"^(?:AI\s?요약|요약|기사\s?요약|핵심\s?요약|3줄\s?요약|세\s?줄\s?요약|한눈에\s?보기|AI\s?Summary|Summary|"
    r"요약\s?보기|AI\s?요약\s?보기)$"
)
_AI_DISCLAIMER = re.compile(r"(?:AI|인공지능).{0,30}(?:요약|생성|작성).{0,40}(?:습니다|입니다|바랍니다)")
# Unanchored patterns start every alternative with a literal and avoid IGNORECASE, so the regex engine
# can skip along the text by first character instead of trying every alternative at every position.
_COPYRIGHT = re.compile(
    r"무단\s?전재|재배포\s?금지|무단\s?복제|재배포\s?및|AI\s?학습|ⓒ|©|\([cC]\)\s|[Cc]opyright|COPYRIGHT|저작권자|"
    r"[Aa]ll\s[Rr]ights\s[Rr]eserved|ALL\sRIGHTS\sRESERVED"
)
_PROMO = re.compile(
    r"구독\s?하(?:세요|기|시면)|구독\s?(?:신청|버튼|하러)|에서\s.{0,30}구독|네이버에서|뉴스스탠드|"
    r"기사\s?제보|제보\s?(?:하기|전화|메일|는)|카카오톡\s?(?:채널|친구)|앱\s?(?:다운로드|설치)|바로가기\s?[>›]?$"
)
# Lines opened by an arrow or a square/diamond bullet: promos or speaker lines, told apart by `assemble`.
_MARKED_LINE = re.compile(r"[▶☞►▷■◆◇□●]")
# What a marked line says when it is a promo even without a link.
MARKED_PROMO = re.compile(
    r"바로\s?가기|보러\s?가기|클릭|다운로드|구독|앱\s|설치|이벤트|무료|신청|관련\s?기사|기사\s?보기|더\s?보기|"
    r"영상\s?보기|제보|카카오톡|유튜브|네이버|채널|홈페이지|https?://|www\."
)
_PROMO_LINE = re.compile(
    r"(?:\[?광고\]?$|AD$|제보$|"
    r"(?:advertisement(?:\s?\d{1,2})?|anzeige|werbung|publicité|sponsored(?:\scontent)?|story continues below.*|continue reading.*|"
    r"sign up for.*|subscribe to.*|follow us on.*|share this (?:article|story).*)$)",
    re.IGNORECASE,
)
_COMMENT = re.compile(
    r"^(?:댓글\s?\d*\s?개?|댓글\s?(?:쓰기|달기|보기|작성|운영\s?규정|정렬|새로고침|더보기)|의견\s?쓰기|로그인|"
    r"로그인\s?(?:후|하시면).{0,40}|\d{1,4}\s?/\s?\d{3,4}|전체\s?댓글\s?\d*|댓글을?\s?(?:입력|남겨).{0,30}|"
    r"최신순|공감순|추천순|과거순|답글\s?\d*|\d+\s?comments?|comments?|leave a (?:comment|reply)|"
    r"log\s?in to comment.*)$",
    re.IGNORECASE,
)
_FOOTER = re.compile(
    r"대표\s?전화|사업자\s?등록\s?번호|등록\s?번호\s?[:：]|발행인|편집인|청소년\s?보호\s?책임자|발행\s?일자|"
    r"등록\s?일자|제호|개인정보\s?처리\s?방침|이메일\s?무단\s?수집|고충\s?처리인|통신판매업"
)
_CAPTION = re.compile(
    r"^(?:[▲△]|\[?\s?사진\s?[=:：]|<\s?사진\s?[=:]|\(\s?사진\s?(?:제공)?\s?[=:]|사진\s?제공\s?[=:]|"
    r"\[\s?(?:사진|그래픽|자료|출처)\s?[=:][^\]]{1,40}\]$|(?:사진|그래픽|자료)\s?[=:]\s?[^\s]{1,20}(?:\s?제공)?$|"
    r"/\s?(?:사진|그래픽)\s?[=:])"
)
# Notices and labels of the page's tools and widgets that land inside the container: bookmark/share
# notices, reaction prompts, view counts, hashtag rows, tip lines, reporter and section labels.
_WIDGET_LINE = re.compile(
    r"^(?:(?:해당\s?)?기사(?:를|가)?\s?(?:북마크|스크랩|저장)(?:했습니다|하였습니다|되었습니다|됐습니다)\.?|"
    r"북마크(?:가|를|에)?\s?(?:추가|해제|삭제|저장)(?:되었습니다|했습니다|됐습니다|하기)?\.?|"
    r"(?:링크|주소|URL|url)(?:가|이)?\s?(?:복사|클립보드에\s?복사)(?:되었습니다|됐습니다|했습니다)\.?|"
    r"(?:이|본)\s?기사(?:가|를|는)?\s?(?:어땠나요|어떠셨나요|어떻게\s?생각하시나요|추천합니다|도움이\s?되셨나요)\??|"
    r"(?:조회(?:수)?|읽음|조회\s?수|views?|Views?)\s?[:：]?\s?[\d,]{1,12}\s?(?:회)?|"
    r"(?:#[^\s#]{1,30}\s{0,3}){1,20}|"
    r"(?:■\s?)?(?:기사\s?)?(?:문의|제보)(?:\s?(?:및|·|/|와|or)\s?(?:기사\s?)?(?:제보|문의))?\s?[:：)]?.{0,60}"
    r"(?:@|\d{2,4}[-.)]\s?\d{3,4}[-.]\d{4}|카카오톡|kakao).{0,40}|"
    r"[가-힣]{2,4}\s?기자\s?(?:프로필|구독(?:하기)?|페이지|홈|의\s?다른\s?기사|다른\s?기사(?:\s?보기)?|정보|\+)|"
    r"기자\s?(?:프로필|구독(?:하기)?|페이지)|"
    r"(?:정치|경제|사회|국제|세계|문화|생활|라이프|스포츠|연예|IT|과학|IT·과학|오피니언|사설|칼럼|전국|지역|산업|"
    r"증권|금융|부동산|엔터|건강|헬스|여행|교육|날씨)(?:\s?(?:>|·|일반|뉴스))?|"
    r".{0,30}집계한\s?결과입니다\.?)$"
)
_STAMP_ONLY = re.compile(
    r"^(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}\.?\s?\d{1,2}:\d{2}(?::\d{2})?\s?(?:송고|입력|작성|발행)\s?$|[\s|·:：]{0,3}(?:최초\s?입력|기사\s?입력|입력|기사\s?수정|최종\s?수정|수정|승인|등록|업데이트|송고|발행|게재|"
    r"작성)\s?(?:일시|일자|시간|일)?\s?[:：]?\s?\d{4}[-./년]\s?\d{1,2}[-./월]\s?\d{1,2}[^가-힣|]{0,24}(?:오전|오후)?"
    r"[^가-힣|]{0,12})+$"
)


_CRUMB_LINE = re.compile(r"^(?:홈|HOME|Home|home|메인|Main)\s?[>›»〉/]\s?\S.{0,80}$")
_CRUMB_SPLIT = re.compile(r"\s?[>›»〉/]\s?")
_HOME = frozenset({"홈", "HOME", "Home", "home", "메인", "Main", "뉴스", "News", "전체기사"})


def section_from_crumbs(crumbs: list[str]) -> str | None:
    """The section a breadcrumb trail names: its first step after the home link (`홈 > 경제 > 금융` → 경제)."""
    steps = [c.strip() for crumb in crumbs for c in _CRUMB_SPLIT.split(crumb)]
    steps = [c for c in steps if c and c not in _HOME]
    return steps[0][:40] if steps else None


def is_tool_bar(text: str) -> bool:
    if len(text) > 200:
        return False
    first = text.split(None, 1)[0] if text else ""
    if first not in _TOOL_WORDS and first.strip("|·/,") not in _TOOL_WORDS:
        return False
    words = [w for w in _TOOL_SPLIT.split(text) if w]
    return bool(words) and len(words) <= 24 and all(w in _TOOL_WORDS for w in words)


# Every whole-line pattern in one anchored regex: one `match` call per block, failing on the first
# character for almost every real paragraph.
_LINE = re.compile(
    "|".join(
        f"(?P<{name}>{'(?i:' if pattern.flags & re.IGNORECASE else '(?:'}{pattern.pattern.lstrip('^')}))"
        for name, pattern in (
            ("caption", _CAPTION),
            ("reaction", _REACTION),
            ("comment", _COMMENT),
            ("summary", _SUMMARY_HEADING),
            ("list", _LIST_HEADING),
            ("ticker", _TICKER_HEADING),
            ("tickerrow", _TICKER_ROW),
            ("stamp", _STAMP_ONLY),
            ("widget", _WIDGET_LINE),
            ("marked", _MARKED_LINE),
            ("promo", _PROMO_LINE),
            ("crumb", _CRUMB_LINE),
        )
    )
)
_LINE_KIND = {
    "reaction": DROP,
    "comment": DROP,
    "summary": SUMMARY_START,
    "list": LIST_START,
    "ticker": TICKER_START,
    "tickerrow": DROP,
    "stamp": DATE,
    "widget": DROP,
    "marked": MARKED,
    "promo": DROP,
    "crumb": CRUMB,
}
# Literal pre-checks in front of the unanchored patterns: a regex of plain literals (no IGNORECASE) skips
# along the text by first character, far cheaper than the full pattern or a loop of `in` tests.
_COPYRIGHT_HINT = re.compile(r"무단|재배포|AI|ⓒ|©|\([cC]\)|opyright|OPYRIGHT|저작권|ights|IGHTS")
_PROMO_HINT = re.compile(r"구독|네이버|뉴스스탠드|제보|카카오톡|앱|바로가기")
_FOOTER_HINT = re.compile(r"대표|사업자|등록|발행|편집인|청소년|제호|개인정보|이메일|고충|통신판매")
# All three in one search: most short blocks hold none, and one scan of the text then rules out all three.
_ANY_HINT = re.compile("|".join(p.pattern for p in (_COPYRIGHT_HINT, _PROMO_HINT, _FOOTER_HINT)))


def classify(text: str) -> int:
    """What to do with one block of text found inside the article container."""
    n = len(text)
    if n > 400:
        return KEEP
    if n > _SHORT:
        # Only captions, footers, copyright notices and AI disclaimers come this long.
        if _CAPTION.match(text):
            return CAPTION
        if n <= 300:
            if _FOOTER_HINT.search(text) and _FOOTER.search(text):
                return DROP
            if _COPYRIGHT_HINT.search(text) and _COPYRIGHT.search(text) and _is_notice(text):
                return DROP
        if n <= 200 and ("AI" in text or "인공지능" in text) and _AI_DISCLAIMER.search(text):
            return DROP
        return KEEP
    m = _LINE.match(text)
    # Every alternative of `_LINE` is a named group: a match always names the one that matched.
    kind = m.lastgroup if m is not None else None
    if kind is not None:
        return CAPTION if kind == "caption" else _LINE_KIND[kind]
    if is_tool_bar(text):
        return DROP
    if _ANY_HINT.search(text) is not None:
        if _COPYRIGHT_HINT.search(text) and _COPYRIGHT.search(text):
            return DROP
        if _PROMO_HINT.search(text) and _PROMO.search(text):
            return DROP
        if _FOOTER_HINT.search(text) and _FOOTER.search(text):
            return DROP
    if ("AI" in text or "인공지능" in text) and _AI_DISCLAIMER.search(text):
        return DROP
    return KEEP


def _is_notice(text: str) -> bool:
    # A long copyright notice, not a sentence about copyright: it has no sentence-final verb.
    return not re.search(r"(?:다|요|죠)[.!?]\s|[a-z]{3}[.!?]\s[A-Z]", text)


def is_ticker_row(text: str) -> bool:
    return len(text) <= 40 and _TICKER_ROW.match(text) is not None


# --- class / id hints -------------------------------------------------------------------------------------


def _factored(pattern: str) -> re.Pattern[str]:
    """Compile a big `a|b|c…` alternation with the alternatives grouped by first letter.

    Python's regex engine tries every alternative at every position; grouped as `c(?:aption|omment…)` it
    tries one letter per group instead, several times faster on the long class strings of modern sites.
    """
    parts, depth, start, i = [], 0, 0, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 2
            continue
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    groups: dict[str, list[str]] = {}
    others = []
    for part in parts:
        if part and part[0].isalnum() and (len(part) == 1 or part[1] not in "?*+{"):
            groups.setdefault(part[0], []).append(part[1:])
        else:
            others.append(part)
    factored = [f"{c}(?:{'|'.join(rests)})" for c, rests in groups.items()]
    return re.compile("|".join(factored + others))


# Containers that are chrome, never article text (matched against `class` + `id`, lower-cased).
UNLIKELY = _factored(
    r"-ad-|ai2html|banner|breadcrumb|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|header|legends|"
    r"menu|related|relation|remark|replies|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|"
    r"agegate|pagination|pager|popup|yom-remote|newsletter|subscribe|promo|outbrain|taboola|dable|"
    r"reply|ticker|recommend|popular|most_?view|hot_?news|best_?news|share|font_?size|fontsize|"
    r"txt_?size|text_?size|reaction|emotion|copyright|reporter_?(?:info|area|box|prof)|journalist|"
    r"tag_?list|keyword|more_?news|other_?news|news_?list|list_?news|latest|widget|crypto|"
    r"ai_?summary|summary_?ai|navbar|topbar|cookie|consent|onetrust|ot-sdk|ot-pc|ot-main|didomi|"
    r"privacy|cmp-|paywall-?(?:prompt|offer|banner)|modal|overlay|"
    # Short names only at the start of a word: inside random ids (`…-nbsns8`) they mean nothing.
    r"(?:^|(?<=[\s_-]))(?:rss|cmt|rank|sns|gnb|lnb|snb|util|stock|coin)"
)
# Chrome that no article-like word in the same class list can excuse: ads, consent layers, and elements
# hidden by a utility class (`hidden`, `sr-only`, Korean CMSs' `blind` for screen-reader-only labels).
ALWAYS_CHROME = re.compile(
    r"(?:^|[\s_-])ads?(?:$|[\s_-])|advert|adsense|adslot|ad_?box|ad_?wrap|ad_?area|ad_?container|gpt-ad|"
    r"cookie|consent|onetrust|didomi|"
    r"(?:^|\s)(?:hidden|is-hidden|visually-hidden|sr-only|screen-reader-text|blind|hide|d-none|invisible|offscreen)"
    r"(?:$|\s)"
)
# Names that may also be the article (`article-comments-wrap` …): an UNLIKELY match with one of these is kept
# during scoring.
MAYBE = _factored(r"and|article|body|column|content|main|shadow|story|entry|post|news_?view|view_?con|txt")
POSITIVE = _factored(
    r"article|body|content|entry|hentry|h-entry|main|page|post|text|blog|story|news_?body|article_?body|"
    r"articlebody|view_?con|viewcon|art_?txt|article_?txt|news_?view|article_?view|view_?txt|cont_?art|"
    r"newsct|dic_?area|atc_?view|news_?text|article_?cont|read_?body|par"
)
NEGATIVE = _factored(
    r"-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|masthead|media|meta|"
    r"outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget|"
    r"reply|ticker|recommend|popular|subscribe|newsletter|font|reporter|byline|copyright|"
    r"keyword|reaction|emotion|caption|photo_?desc|more_?news|other_?news|latest|cookie|consent|"
    r"onetrust|ot-sdk|ot-pc|ot-main|privacy|modal|overlay|(?:^|(?<=[\s_-]))(?:cmt|rank|sns|stock|coin)"
)
# Elements that hold a photo caption or credit (kept out of the body, into `captions`).
CAPTION_HINT = _factored(
    r"caption|figcaption|photo_?desc|img_?desc|image_?desc|pic_?desc|photo_?txt|img_?txt|photo_?cap|img_?cap|"
    r"desc_?photo|txt_?caption|photo_?info|img_?info|credit"
)
# Elements that hold the sub-headline / lead lines above the body.
SUBTITLE_HINT = _factored(
    r"sub_?title|subtitle|sub-title|sub_?tit|subtit|sub_?head|subhead|head-?sub|head_sub|standfirst|dek\b|"
    r"article_?lead|lead_?text|summary_?title|sub_?heading"
)
# Breadcrumbs (`홈 > 경제`): not text, but they name the section when the metadata does not.
BREADCRUMB_HINT = _factored(r"breadcrumb|location|navi_?path|path_?nav|crumb")
# Elements that hold the byline: their text is names (kept as authors), not body.
BYLINE_HINT = _factored(
    r"byline|by_?line|writer|reporter_?(?:name|nm|info|area|box)?|journalist(?:_?name)?|author(?:_?name)?|"
    r"name_?reporter|repo_?name|gija"
)


_NAME_PARTS = re.compile(r"[-_]+")
# Last parts of a class name that say the box is chrome, whatever namespace precedes them.
_CHROME_LAST = re.compile(
    r"(?:relat(?:ed|ion)s?|comments?|cmt|reply|replies|recommend\w*|share|sns|rank\w*|popular|banner|promo|"
    r"sponsor\w*|subscribe|newsletter|copyright|reactions?|emotions?|footer|header|sidebar|tags?|keywords?|social|"
    r"popup|modal|menu|toolbar|tools?|actions?|buttons?|btns?)$"
)


def chrome_named(hint: str) -> bool:
    """Chrome no article-like word can excuse: ads, consent layers, hidden elements, and class names whose
    last part names chrome after an article prefix (`article-relation`, `article_comment`: the prefix is a
    namespace, the last part says what the box is)."""
    if ALWAYS_CHROME.search(hint) is not None:
        return True
    for token in hint.split():
        parts = [p for p in _NAME_PARTS.split(token) if p]
        if len(parts) > 1 and _CHROME_LAST.match(parts[-1]):
            return True
    return False


_HINT_CACHE: dict[str, bool] = {}
_WEIGHT_CACHE: dict[str, int] = {}
_CACHE_MAX = 20_000


def unlikely_hint(hint: str) -> bool:
    """Whether a lower-cased `class id` string names chrome (and nothing article-like); cached, because
    class names repeat across the elements of a page and across the pages of a site."""
    known = _HINT_CACHE.get(hint)
    if known is None:
        known = UNLIKELY.search(hint) is not None and MAYBE.search(hint) is None
        if len(_HINT_CACHE) > _CACHE_MAX:
            _HINT_CACHE.clear()
        _HINT_CACHE[hint] = known
    return known


def class_weight(value: str) -> int:
    """Readability's class/id weight of one lower-cased attribute value: -25, 0 or +25 (cached)."""
    known = _WEIGHT_CACHE.get(value)
    if known is None:
        known = (25 if POSITIVE.search(value) else 0) - (25 if NEGATIVE.search(value) else 0)
        if len(_WEIGHT_CACHE) > _CACHE_MAX:
            _WEIGHT_CACHE.clear()
        _WEIGHT_CACHE[value] = known
    return known
