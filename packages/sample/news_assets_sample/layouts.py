"""One HTML page per outlet layout. Each layout is modelled on a family of real Korean news sites: where the
title, dates, bylines and metadata sit differs, and so does the chrome around the article.

Where a downstream extractor finds things:

econ-daily       <h1 class="main_title">, lead bullets in div.sub_title, body in div.articleView > p / h3.sub_tit,
                 ▲captions in div.img_caption; OpenGraph + article:published_time; JSON-LD NewsArticle (no body).
cms-articleview  div.article-head-title, div.article-head-sub (lines split by <br>), ul.infomation (승인/수정),
                 body in article#article-view-content-div > p / h3 (a byline-only <p> closes it), <figcaption>;
                 OpenGraph + article:published_time; no JSON-LD.
legacy-table     EUC-KR, <table> layout, body in td#articleBody as text split by <br><br>, "[대한일보=… 기자]"
                 opens the first paragraph, dates as `기사입력 2026-11-16 오후 2:45:00`; no canonical, no JSON-LD.
wire-agency      h1.tit, `송고시간`, "(서울=누리통신) … 기자 =" dateline opens the first paragraph; JSON-LD
                 NewsArticle carries articleBody (the clean body, paragraphs separated by blank lines).
tech-modern      AI-summary box above the body (not the subtitle), <time datetime>, body in div.article__body;
                 og article:published_time in UTC ("Z"); JSON-LD @graph with NewsArticle.
next-spa         visible body empty (skeleton); the article lives only in <script id="__NEXT_DATA__"> as
                 props.pageProps.article (title, subTitle, contentHtml, publishedAt, updatedAt, reporters, images);
                 on odd article numbers the body is Arc XP-style `content_elements` (one item per paragraph).
cms-articleview  also: a bookmark notice, `이 기사 어땠나요?`, a hashtag row and a tip line inside the article
                 element, and a share-by-mail copy of the body hidden by the page's own <style>.
"""

from __future__ import annotations

import html
import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from . import chrome
from .chrome import Headline
from .outlets import Outlet, Reporter
from .text import Story

SECTIONS: dict[str, tuple[str, ...]] = {
    "경제": ("경제일반", "금융", "부동산", "증권", "재테크"),
    "증권": ("시황", "종목", "해외증시", "가상자산"),
    "산업": ("산업일반", "자동차", "에너지", "유통", "중소기업"),
    "IT·과학": ("IT일반", "인공지능", "게임", "모바일", "과학"),
    "정치": ("정치일반", "대통령실", "국회·정당", "외교·안보"),
    "사회": ("사회일반", "교육", "사건·사고", "노동", "환경"),
    "전국": ("수도권", "부산·경남", "대구·경북", "광주·전라", "충청", "강원", "제주"),
    "국제": ("국제일반", "미국", "중국", "일본", "유럽"),
    "문화": ("문화일반", "공연·전시", "책", "여행", "음식"),
    "스포츠": ("야구", "축구", "배구", "농구", "골프"),
    "오피니언": ("사설", "칼럼", "기고", "기자수첩"),
}


@dataclass(slots=True)
class PageSpec:
    outlet: Outlet
    url: str
    canonical: str | None
    story: Story
    title: str
    authors: list[Reporter]
    published: datetime
    updated: datetime | None
    fetched: datetime
    dateline: str | None  # "(서울=누리통신) 홍채원 기자 = " on wire copies
    board: list[Headline]
    rng: random.Random
    article_no: int


@dataclass(frozen=True, slots=True)
class Layout:
    render: Callable[[PageSpec], str]
    shows_subtitle: bool
    has_canonical: bool


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def attr(text: str) -> str:
    return html.escape(text, quote=True)


def script_json(obj: object) -> str:
    return json.dumps(obj, ensure_ascii=False).replace("</", "<\\/")


def iso(dt: datetime) -> str:
    return dt.isoformat(timespec="seconds")


def dash(dt: datetime) -> str:
    return dt.strftime("%Y-%m-%d %H:%M")


def dot(dt: datetime) -> str:
    return dt.strftime("%Y.%m.%d %H:%M")


def ampm(dt: datetime) -> str:
    hour = dt.hour % 12 or 12
    return f"{dt:%Y-%m-%d} {'오전' if dt.hour < 12 else '오후'} {hour}:{dt:%M:%S}"


def utc_z(dt: datetime) -> str:
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def description(story: Story) -> str:
    first = story.paragraphs[0]
    return first if len(first) <= 110 else first[:108] + "…"


def byline_names(authors: list[Reporter]) -> str:
    return ", ".join(f"{a.name} 기자" for a in authors)


def _first_para(spec: PageSpec, prefix: str = "") -> str:
    return (spec.dateline or prefix) + spec.story.blocks[0].text


def _img(spec: PageSpec, i: int) -> str:
    return f"https://img.{spec.outlet.domain.removeprefix('www.')}/news/{spec.published:%Y/%m/%d}/{spec.article_no}_{i}.jpg"


def _nav_links(outlet: Outlet, base: str) -> str:
    items = []
    for n, (section, subs) in enumerate(SECTIONS.items()):
        sub = "".join(f'<li><a href="{base}/list/{n:02d}{m:02d}">{esc(s)}</a></li>' for m, s in enumerate(subs))
        items.append(
            f'<li class="depth1"><a href="{base}/list/{n:02d}">{esc(section)}</a><ul class="depth2">{sub}</ul></li>'
        )
    return "".join(items)


def _others(spec: PageSpec, n: int) -> list[Headline]:
    return chrome.ranking(spec.board, spec.story.story_id, spec.rng, n, spec.title)


def _rank_items(spec: PageSpec, n: int, base: str, cls: str = "") -> str:
    rows = _others(spec, n)
    out = []
    for i, h in enumerate(rows, 1):
        no = spec.rng.randint(100000, 999999)
        out.append(f'<li{cls}><span class="num">{i}</span><a href="{base}/{no}">{esc(h.title)}</a></li>')
    return "".join(out)


def _ga(site: str) -> str:
    return (
        '<script async src="https://www.googletagmanager.com/gtag/js?id=G-'
        + site.upper()[:6]
        + '"></script>\n<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}'
        "gtag('js',new Date());gtag('config','G-" + site.upper()[:6] + "');</script>"
    )


def _full_menu(base: str, cls: str) -> str:
    """The "전체메뉴" sitemap most Korean news sites carry in a hidden layer or the footer."""
    cols = []
    for n, (section, subs) in enumerate(SECTIONS.items()):
        links = "".join(f'<li><a href="{base}/list/{n:02d}{m:02d}">{esc(s)}</a></li>' for m, s in enumerate(subs))
        cols.append(
            f'<div class="{cls}-col"><h4><a href="{base}/list/{n:02d}">{esc(section)}</a></h4><ul>{links}</ul></div>'
        )
    extra = "".join(
        f'<li><a href="{base}/{slug}">{esc(label)}</a></li>'
        for slug, label in (
            ("photo", "포토"),
            ("video", "영상"),
            ("newsletter", "뉴스레터"),
            ("event", "이벤트"),
            ("report", "기사제보"),
            ("rss", "RSS"),
            ("pdf", "지면보기"),
            ("english", "English"),
        )
    )
    return f'<div class="{cls}" aria-hidden="true">{"".join(cols)}<ul class="{cls}-extra">{extra}</ul></div>'


def _latest(spec: PageSpec, n: int, base: str) -> str:
    """최신기사 with teasers: other stories' opening lines, a classic trap for text extractors."""
    rows = []
    for h in _others(spec, n):
        minutes = spec.rng.randint(1, 300)
        rows.append(
            f'<li><a href="{base}/{spec.rng.randint(100000, 999999)}"><strong>{esc(h.title)}</strong>'
            f'<span class="lead">{esc(h.lead[:70])}…</span></a><em>{minutes}분 전</em></li>'
        )
    return "".join(rows)


def _ad_scripts(spec: PageSpec) -> str:
    """Ad slots, consent and measurement scripts: bytes without article text, as on real pages."""
    key = "".join(spec.rng.choice("0123456789abcdef") for _ in range(24))
    site = spec.outlet.id
    slots = ",".join(
        f"{{id:'ad-{site}-{name}',size:[{w},{h}],targeting:{{section:'{spec.story.section}',pos:'{name}'}}}}"
        for name, w, h in (
            ("top", 970, 90),
            ("right1", 300, 250),
            ("right2", 300, 600),
            ("mid", 640, 360),
            ("bottom", 728, 90),
        )
    )
    return (
        f"<script>window.adQueue=window.adQueue||[];window.adQueue.push({{publisher:'{site}',key:'{key}',slots:[{slots}]}});"
        "(function(w,d){var s=d.createElement('script');s.async=true;s.src='https://ads.example-adnet.co.kr/tag.js?pub="
        f"{site}';var x=d.getElementsByTagName('script')[0];x.parentNode.insertBefore(s,x);}})(window,document);</script>\n"
        "<script>(function(){var c=document.cookie.match(/consent=([^;]+)/);if(!c){var b=document.createElement('div');"
        "b.className='cookie-banner';b.innerHTML='이 사이트는 서비스 개선을 위해 쿠키를 사용합니다. "
        "<button onclick=\"document.cookie=\\'consent=1;path=/;max-age=31536000\\';this.parentNode.remove()\">동의</button>';"
        "document.addEventListener('DOMContentLoaded',function(){document.body.appendChild(b)});}})();</script>\n"
        "<script>window.addEventListener('load',function(){try{var t=performance.getEntriesByType('navigation')[0];"
        f"navigator.sendBeacon('https://log.example-adnet.co.kr/p?site={site}&ttfb='+Math.round(t.responseStart)+'&dcl='+"
        "Math.round(t.domContentLoadedEventEnd)+'&load='+Math.round(t.loadEventEnd));}catch(e){}});</script>\n"
        "<script>var _scrollDepth=[25,50,75,100],_sent={};window.addEventListener('scroll',function(){var h=document."
        "documentElement,p=Math.round((h.scrollTop+h.clientHeight)/h.scrollHeight*100);_scrollDepth.forEach(function(x){"
        "if(p>=x&&!_sent[x]){_sent[x]=1;window.dataLayer&&window.dataLayer.push({event:'scroll_depth',depth:x});}});},"
        "{passive:true});</script>"
    )


# --- econ-daily ------------------------------------------------------------------------------------------------


def econ_daily(spec: PageSpec) -> str:
    o, s, rng = spec.outlet, spec.story, spec.rng
    base = f"https://{o.domain}"
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": spec.title,
        "datePublished": iso(spec.published),
        "author": [{"@type": "Person", "name": a.name} for a in spec.authors],
        "publisher": {
            "@type": "Organization",
            "name": o.name,
            "logo": {"@type": "ImageObject", "url": f"{base}/images/logo.png"},
        },
        "mainEntityOfPage": spec.canonical,
        "image": [_img(spec, 1)],
        "articleSection": s.section,
    }
    if spec.updated:
        ld["dateModified"] = iso(spec.updated)
    head = [
        '<!DOCTYPE html>\n<html lang="ko">\n<head>\n<meta charset="utf-8">',
        '<meta http-equiv="X-UA-Compatible" content="IE=edge">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(spec.title)} - {esc(o.name)}</title>",
        f'<meta name="description" content="{attr(description(s))}">',
        f'<meta name="keywords" content="{attr(",".join(s.keywords))}">',
        '<meta property="og:type" content="article">',
        f'<meta property="og:site_name" content="{attr(o.name)}">',
        f'<meta property="og:title" content="{attr(spec.title)}">',
        f'<meta property="og:description" content="{attr(description(s))}">',
        f'<meta property="og:url" content="{attr(spec.canonical or spec.url)}">',
        f'<meta property="og:image" content="{_img(spec, 1)}">',
        f'<meta property="article:published_time" content="{iso(spec.published)}">',
    ]
    if spec.updated:
        head.append(f'<meta property="article:modified_time" content="{iso(spec.updated)}">')
    head += [
        f'<meta property="article:section" content="{attr(s.section)}">',
        '<meta name="twitter:card" content="summary_large_image">',
        f'<link rel="canonical" href="{attr(spec.canonical or spec.url)}">',
        f'<link rel="stylesheet" href="{base}/css/common.css?v=20261101">',
        f'<link rel="stylesheet" href="{base}/css/view.css?v=20261101">',
        f'<script type="application/ld+json">{script_json(ld)}</script>',
        _ga("hanbit"),
        "</head>",
    ]
    nav = _nav_links(o, base)
    info = f'<span class="date">입력 {dash(spec.published)}</span>'
    if spec.updated:
        info += f' <span class="date">수정 {dash(spec.updated)}</span>'
    reporters = "".join(
        f'<span class="reporter"><a href="{base}/reporter/{a.email.split("@")[0]}">{esc(a.name)} 기자</a></span>'
        for a in spec.authors
    )
    sub = ""
    if s.subtitle:
        sub = '<div class="sub_title">' + "".join(f"<h2>{esc(p)}</h2>" for p in s.points) + "</div>"
    body = []
    for i, b in enumerate(s.blocks):
        text = _first_para(spec) if i == 0 else b.text
        if b.kind == "h":
            body.append(f'<h3 class="sub_tit">{esc(text)}</h3>')
        else:
            body.append(f"<p>{esc(text)}</p>")
        if i == 0 and s.captions:
            body.append(_econ_figure(spec, 1, s.captions[0]))
        if i == 3 and len(s.captions) > 1:
            body.append(_econ_figure(spec, 2, s.captions[1]))
    mk_rows = "".join(
        f'<tr><td>{esc(n)}</td><td>{p}</td><td class="up">{c}</td></tr>' for n, p, c in chrome.gainers(rng)
    )
    coin_rows = "".join(
        f'<li><span class="name">{esc(n)}</span><span class="price">{p}</span><span class="rate">{c}</span></li>'
        for n, p, c in chrome.coins(rng)
    )
    idx = "".join(f"<li><strong>{n}</strong> {v} <em>{c}</em></li>" for n, v, c in chrome.indices(rng))
    react = "".join(
        f'<li><button type="button">{esc(label)}<span>{n}</span></button></li>' for label, n in chrome.reactions(rng)
    )
    fonts = "".join(
        f'<li><button type="button" data-size="{i}">{f}</button></li>' for i, f in enumerate(chrome.FONT_SIZES)
    )
    share = "".join(f'<li><a href="#" class="sns sns{i}">{x}</a></li>' for i, x in enumerate(chrome.SHARE))
    return "\n".join(
        [
            *head,
            '<body>\n<div id="wrap">',
            '<div class="skip"><a href="#container">본문 바로가기</a></div>',
            '<header id="header"><div class="top_util">',
            f'<span class="today">{chrome.kst_header_date(spec.fetched)}</span>',
            f'<span class="weather">{chrome.weather_widget(rng)}</span>',
            '<ul class="util"><li><a href="/member/login">로그인</a></li><li><a href="/member/join">회원가입</a></li>'
            '<li><a href="/subscribe">구독신청</a></li><li><a href="/newsletter">뉴스레터</a></li></ul></div>',
            f'<h1 class="logo"><a href="{base}/"><img src="{base}/images/logo.png" alt="{attr(o.name)}"></a></h1>',
            f'<nav id="gnb"><ul>{nav}</ul></nav>',
            f'<div class="stock_ticker"><ul>{idx}</ul></div></header>',
            '<div id="container"><div class="view_wrap"><div class="view_top">',
            f'<div class="breadcrumb"><a href="{base}/">홈</a> &gt; <a href="{base}/list/{s.section}">{esc(s.section)}</a></div>',
            f'<h1 class="main_title">{esc(spec.title)}</h1>',
            f'<div class="view_info">{info} {reporters}</div>',
            f'<div class="font_size"><span class="blind">글자크기</span><ul>{fonts}</ul></div>',
            f'<div class="share"><ul>{share}</ul></div></div>',
            '<div class="view_contents">',
            sub,
            '<div class="articleView" itemprop="articleBody">',
            *body,
            "</div>",
            "".join(
                f'<div class="reporter_box"><strong>{esc(a.name)} 기자</strong> <span class="email">{esc(a.email)}</span> '
                f'<a href="{base}/reporter/{a.email.split("@")[0]}">기사 더보기</a></div>'
                for a in spec.authors
            ),
            f'<div class="copyright">〈저작권자ⓒ {esc(o.name)}, 무단전재 및 재배포 금지〉</div>',
            f'<div class="reaction"><ul>{react}</ul></div>',
            f'<p class="promo">{esc(rng.choice(chrome.PROMOS))}</p>',
            "</div></div>",
            '<aside id="aside"><section class="main_news"><h2>주요 뉴스</h2><ul>',
            _rank_items(spec, 8, f"{base}/news/view"),
            '</ul></section><section class="most_view"><h2>많이 본 뉴스</h2><ol>',
            _rank_items(spec, 10, f"{base}/news/view"),
            "</ol></section>",
            f'<section class="stock"><h2>오늘의 상승종목</h2><p class="time">{chrome.market_label(spec.fetched)}</p>'
            f"<table><thead><tr><th>종목</th><th>현재가</th><th>등락률</th></tr></thead><tbody>{mk_rows}</tbody></table></section>",
            '<section class="coin"><h2>실시간 암호화폐 시세</h2><ul class="head"><li>종목</li><li>현재가(원)</li><li>변동률</li></ul>'
            f'<ul class="list">{coin_rows}</ul><p class="note">* 24시간 변동률 기준</p></section>',
            "</aside></div>",
            '<section class="latest_news"><h2>최신기사</h2><ul>'
            + _latest(spec, 12, f"{base}/news/view")
            + "</ul></section>",
            _full_menu(base, "all_menu"),
            '<footer id="footer"><ul class="f_menu"><li><a href="/company">회사소개</a></li><li><a href="/ad">광고문의</a></li>'
            '<li><a href="/privacy"><strong>개인정보처리방침</strong></a></li><li><a href="/youth">청소년보호정책</a></li>'
            '<li><a href="/email">이메일무단수집거부</a></li></ul>',
            f"<address>{esc(o.address)} | 대표전화 {o.phone} | 인터넷신문 등록번호 {o.registration} | "
            f"발행·편집인 {esc(o.publisher)} | 청소년보호책임자 {esc(o.publisher)}</address>",
            f'<p class="copy">ⓒ {esc(o.name)} All rights reserved.</p></footer>',
            "</div>",
            _ad_scripts(spec),
            f'<script src="{base}/js/jquery-3.7.1.min.js"></script><script src="{base}/js/view.js?v=20261101"></script>',
            "</body>\n</html>\n",
        ]
    )


def _econ_figure(spec: PageSpec, i: int, caption: str) -> str:
    return (
        f'<div class="imgBox"><img src="{_img(spec, i)}" alt="{attr(caption)}">'
        f'<div class="img_caption">▲{esc(caption)}</div></div>'
    )


# --- cms-articleview ---------------------------------------------------------------------------------------------


def cms_articleview(spec: PageSpec) -> str:
    o, s, rng = spec.outlet, spec.story, spec.rng
    base = f"https://{o.domain}"
    lead_author = spec.authors[0] if spec.authors else None
    head = [
        '<!doctype html>\n<html lang="ko">\n<head>\n<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width,initial-scale=1.0,minimum-scale=1.0,maximum-scale=1.0">',
        f"<title>{esc(spec.title)} - {esc(o.name)}</title>",
        f'<meta name="description" content="{attr(description(s))}">',
        f'<meta name="author" content="{attr(", ".join(a.name for a in spec.authors))}">',
        f'<meta property="og:site_name" content="{attr(o.name)}">',
        '<meta property="og:type" content="article">',
        "<style>.mailform-copy{display:none}.bookmark-toast{position:fixed}</style>",
        f'<meta property="og:title" content="{attr(spec.title)}">',
        f'<meta property="og:description" content="{attr(description(s))}">',
        f'<meta property="og:url" content="{attr(spec.canonical or spec.url)}">',
        f'<meta property="og:image" content="{_img(spec, 1)}">',
        f'<meta property="article:section" content="{attr(s.section)}">',
        f'<meta property="article:published_time" content="{iso(spec.published)}">',
    ]
    if spec.updated:
        head.append(f'<meta property="article:modified_time" content="{iso(spec.updated)}">')
    head += [
        f'<link rel="canonical" href="{attr(spec.canonical or spec.url)}">',
        f'<link rel="stylesheet" href="{base}/layout/css/style.css?v=2611">',
        f'<link rel="stylesheet" href="{base}/layout/css/fontawesome.css">',
        _ga("seoul"),
        "</head>",
    ]
    menu = "".join(
        f'<li><a href="{base}/news/articleList.html?sc_section_code=S1N{i}">{esc(sec)}</a></li>'
        for i, sec in enumerate(SECTIONS, 1)
    )
    info = []
    if lead_author:
        info.append(f'<li><i class="icon-user-o"></i> {esc(byline_names(spec.authors))}</li>')
    # Same CMS, different house style: one paper labels the time 승인, the other 등록.
    label = "등록" if o.id == "haean" else "승인"
    info.append(f'<li><i class="icon-clock-o"></i> {label} {dot(spec.published)}</li>')
    if spec.updated:
        info.append(f'<li><i class="icon-clock-o"></i> 수정 {dot(spec.updated)}</li>')
    comment_rows = chrome.comments(rng, spec.published)
    info.append(f'<li><i class="icon-comment-o"></i> 댓글 {len(comment_rows)}</li>')
    body = []
    if s.captions:
        body.append(
            f'<figure class="photo-layout image photo-center"><img src="{_img(spec, 1)}" alt="{attr(s.captions[0])}">'
            f"<figcaption>{esc(s.captions[0])}</figcaption></figure>"
        )
    for i, b in enumerate(s.blocks):
        text = _first_para(spec) if i == 0 else b.text
        body.append(f'<h3 class="sub-title">{esc(text)}</h3>' if b.kind == "h" else f"<p>{esc(text)}</p>")
        if i == 2:
            rel = _others(spec, 2)
            body.append(
                '<div class="article-relation"><strong>관련기사</strong><ul>'
                + "".join(
                    f'<li><a href="{base}/news/articleView.html?idxno={rng.randint(100000, 399999)}">{esc(h.title)}</a></li>'
                    for h in rel
                )
                + "</ul></div>"
            )
        if i == 4 and len(s.captions) > 1:
            body.append(
                f'<figure class="photo-layout image"><img src="{_img(spec, 2)}"><figcaption>{esc(s.captions[1])}</figcaption></figure>'
            )
    if lead_author:
        body.append(f"<p>{esc(lead_author.name)} 기자 {esc(lead_author.email)}</p>")
    # Chrome real CMSs leave inside the article element: a bookmark notice, a reaction prompt, a hashtag row,
    # a tip line, and a copy of the body for the share-by-mail form that the page's own CSS hides.
    if s.keywords:
        body.append("<p>" + esc(" ".join("#" + k.replace(" ", "") for k in s.keywords[:4])) + "</p>")
    body.append('<div class="bookmark-toast"><p>해당 기사를 북마크했습니다.</p></div><p>이 기사 어땠나요?</p>')
    body.append(f"<p>기사문의 및 제보 : tip@{o.domain.removeprefix('www.')}</p>")
    body.append(
        '<div class="mailform-copy">' + "".join(f"<p>{esc(b.text)}</p>" for b in s.blocks if b.kind != "h") + "</div>"
    )
    sub = ""
    if s.subtitle:
        sub = '<h2 class="article-head-sub">' + "<br>".join(esc(p) for p in s.points) + "</h2>"
    cmts = "".join(
        f'<li class="comment-item"><span class="nick">{u}</span><p>{esc(t)}</p><span class="date">{d}</span></li>'
        for u, t, d in comment_rows
    )
    return "\n".join(
        [
            *head,
            '<body>\n<div id="user-wrap" class="size-max">',
            '<header id="user-header"><div class="header-top">',
            f'<span class="today">{chrome.kst_header_date(spec.fetched)}</span>',
            '<ul class="header-util"><li><a href="/member/login.html">로그인</a></li><li><a href="/member/join.html">회원가입</a></li></ul></div>',
            f'<div class="header-logo"><a href="{base}/"><img src="{base}/image/logo/toplogo.png" alt="{attr(o.name)}"></a></div>',
            f'<nav class="nav-menu"><ul>{menu}</ul></nav></header>',
            '<div id="user-container"><div class="float-center max-width-1080">',
            '<section class="user-section"><div class="article-view-head">',
            f'<ul class="location"><li><a href="{base}/">홈</a></li><li>{esc(s.section)}</li></ul>',
            f'<h3 class="article-head-title">{esc(spec.title)}</h3>',
            sub,
            f'<div class="info-group"><ul class="infomation">{"".join(info)}</ul>',
            '<div class="article-util"><button type="button" class="font-size">글씨크기</button>'
            + "".join(f'<button type="button">{f}</button>' for f in chrome.FONT_SIZES)
            + '<button type="button" class="print">인쇄하기</button></div>',
            '<div class="share-sns">'
            + "".join(f'<a href="#" title="{x}">{x}</a>' for x in chrome.SHARE)
            + "</div></div></div>",
            '<article id="article-view-content-div" class="article-veiw-body view-page font-size17" itemprop="articleBody">'
            + "\n".join(body)
            + "</article>",
            f'<div class="view-copyright">저작권자 © {esc(o.name)} 무단전재 및 재배포 금지</div>',
            '<div class="view-editors"><strong>' + esc(byline_names(spec.authors)) + "</strong> 다른기사 보기</div>",
            '<div class="article-recommend">'
            + "".join(f"<button>{esc(lbl)} {n}</button>" for lbl, n in chrome.reactions(rng, chrome.REACTIONS_ALT))
            + "</div>",
            f'<section class="comment-wrap"><h4>댓글 <span>{cmts.count("comment-item")}</span></h4>'
            '<p class="comment-login">로그인 후 댓글을 남겨주세요</p>'
            f"<ul>{cmts}</ul></section>",
            "</section>",
            '<aside class="user-aside"><div class="auto-article"><h4 class="auto-titles">많이 본 뉴스</h4><ul class="auto-list">',
            _rank_items(spec, 10, f"{base}/news/articleView.html?idxno="),
            '</ul></div><div class="photo-news"><h4>포토뉴스</h4><ul>',
            _rank_items(spec, 4, f"{base}/news/photoView.html?idxno="),
            "</ul></div></aside></div></div>",
            '<section class="latest-news"><h4>최신뉴스</h4><ul>'
            + _latest(spec, 10, f"{base}/news/articleView.html?idxno=")
            + "</ul></section>",
            _full_menu(base, "allmenu"),
            '<footer id="user-footer"><div class="footer-menu"><a href="/com/about.html">회사소개</a> <a href="/member/rule.html">이용약관</a> '
            '<a href="/member/privacy.html">개인정보처리방침</a> <a href="/com/youth.html">청소년보호정책</a></div>',
            f'<div class="footer-address">{esc(o.name)} | 주소 : {esc(o.address)} | 대표전화 : {o.phone} | '
            f"등록번호 : {o.registration} | 발행인·편집인 : {esc(o.publisher)} | 청소년보호책임자 : {esc(o.publisher)}</div>",
            f'<div class="footer-copyright">Copyright © {spec.published.year} {esc(o.name)}. All rights reserved. '
            f"mail to {esc('webmaster@' + o.domain.removeprefix('www.'))}</div></footer>",
            "</div>",
            f'<script src="{base}/plugin/jquery/jquery-1.12.4.min.js"></script><script src="{base}/layout/js/common.js"></script>',
            _ad_scripts(spec),
            "</body>\n</html>\n",
        ]
    )


# --- legacy-table (EUC-KR) --------------------------------------------------------------------------------------


def legacy_table(spec: PageSpec) -> str:
    o, s, rng = spec.outlet, spec.story, spec.rng
    base = f"https://{o.domain}"
    lead = spec.authors[0] if spec.authors else None
    names = "·".join(a.name for a in spec.authors)
    prefix = f"[{o.name}={names} 기자] " if lead and not spec.dateline else ""
    parts = []
    for i, b in enumerate(s.blocks):
        text = _first_para(spec, prefix) if i == 0 else b.text
        parts.append(f"<b>{esc(text)}</b>" if b.kind == "h" else esc(text))
        if i == 1 and s.captions:
            parts.append(
                '<table align="center" border="0" cellpadding="0" cellspacing="0" width="500"><tr><td>'
                f'<img src="{_img(spec, 1)}" width="500" border="0"></td></tr>'
                f'<tr><td class="caption" style="padding:5px;font-size:12px;color:#666">▲ {esc(s.captions[0])}</td></tr></table>'
            )
    parts.extend(f"{esc(a.name)} 기자 {esc(a.email)}" for a in spec.authors)
    body = "<br><br>\n".join(parts)
    menu = " | ".join(
        f'<a href="{base}/news/list.php?sec={i}"><font color="#ffffff">{esc(sec)}</font></a>'
        for i, sec in enumerate(SECTIONS, 1)
    )
    dates = f"기사입력 {ampm(spec.published)}"
    if spec.updated:
        dates += f" | 최종수정 {ampm(spec.updated)}"
    ranks = "".join(
        f'<tr><td class="rank_num">{i}</td><td class="rank_tit"><a href="{base}/news/read.php?no={rng.randint(100000, 999999)}">{esc(h.title)}</a></td></tr>'
        for i, h in enumerate(_others(spec, 10), 1)
    )
    stock = "".join(
        f"<tr><td>{esc(n)}</td><td align=right>{p}</td><td align=right><font color=red>{c}</font></td></tr>"
        for n, p, c in chrome.gainers(rng, 4)
    )
    return "\n".join(
        [
            '<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">',
            "<html>\n<head>",
            '<meta http-equiv="Content-Type" content="text/html; charset=euc-kr">',
            f"<title>{esc(o.name)} - {esc(spec.title)}</title>",
            f'<meta name="title" content="{attr(spec.title)}">',
            f'<meta name="description" content="{attr(description(s))}">',
            f'<link rel="stylesheet" href="{base}/css/style.css" type="text/css">',
            '<script language="javascript" src="/js/common.js"></script>',
            "<script language=\"javascript\">function fontPlus(){var o=document.getElementById('articleBody');"
            "o.style.fontSize=(parseInt(o.style.fontSize||14)+1)+'px';}</script>",
            "</head>",
            '<body topmargin="0" leftmargin="0" marginwidth="0" marginheight="0" bgcolor="#ffffff">',
            '<table width="1000" border="0" cellpadding="0" cellspacing="0" align="center">',
            f'<tr><td height="30" class="top_date">{chrome.kst_header_date(spec.fetched)} | '
            '<a href="/member/login.php">로그인</a> | <a href="/member/join.php">회원가입</a></td></tr>',
            f'<tr><td height="90"><a href="{base}/"><img src="{base}/img/logo.gif" alt="{attr(o.name)}" border="0"></a></td></tr>',
            f'<tr><td height="35" bgcolor="#1f3d7a" class="menu">{menu}</td></tr>',
            "</table>",
            '<table width="1000" border="0" cellpadding="0" cellspacing="0" align="center"><tr>',
            '<td width="680" valign="top">',
            f'<table width="100%"><tr><td class="location">홈 &gt; {esc(s.section)}</td></tr>',
            f'<tr><td class="view_title" style="padding:15px 0"><font size="5"><b>{esc(spec.title)}</b></font></td></tr>',
            f'<tr><td class="view_date" style="color:#888">{dates}</td></tr>',
            '<tr><td class="view_tool"><a href="javascript:fontPlus()">[글자크기 +]</a> '
            + " ".join(f'<a href="#">{f}</a>' for f in chrome.FONT_SIZES)
            + ' <a href="javascript:window.print()">[인쇄]</a> <a href="#">[메일]</a></td></tr>',
            f'<tr><td id="articleBody" class="view_text" style="font-size:14px;line-height:160%">{body}</td></tr>',
            f'<tr><td class="copyright" style="padding:20px 0">Copyright ⓒ {esc(o.name)}. 무단전재 및 재배포 금지</td></tr>',
            '<tr><td class="ad_box"><a href="/ad/click.php?id=301">[쇼핑특가] 겨울 한정 ‘똠얌꿍 컵라면’ 1+1 행사 바로가기</a></td></tr>',
            "</table></td>",
            '<td width="20"></td><td width="300" valign="top">',
            f'<table width="100%" class="rank_box"><tr><td colspan="2" class="box_tit"><b>많이 본 기사</b></td></tr>{ranks}</table>',
            f'<table width="100%" class="stock_box"><tr><td colspan="3"><b>오늘의 상승종목</b> <span>{chrome.market_label(spec.fetched)}</span></td></tr>{stock}</table>',
            "</td></tr></table>",
            '<table width="1000" align="center" class="latest"><tr><td><b>최신기사</b><ul>'
            + _latest(spec, 10, f"{base}/news/read.php?no=")
            + "</ul></td></tr></table>",
            '<table width="1000" align="center" class="sitemap"><tr><td>'
            + _full_menu(base, "sitemap")
            + "</td></tr></table>",
            _ad_scripts(spec),
            '<table width="1000" align="center" class="footer"><tr><td align="center" style="font-size:11px;color:#777;padding:20px">',
            f"{esc(o.address)} | 전화 {o.phone} | 등록번호 {o.registration} | 발행인 {esc(o.publisher)}<br>",
            f"Copyright ⓒ {esc(o.name)}. All rights reserved.",
            "</td></tr></table>",
            "</body>\n</html>\n",
        ]
    )


# --- wire-agency ---------------------------------------------------------------------------------------------------


def wire_agency(spec: PageSpec) -> str:
    o, s, rng = spec.outlet, spec.story, spec.rng
    base = f"https://{o.domain}"
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": spec.title,
        "datePublished": iso(spec.published),
        "author": [{"@type": "Person", "name": a.name, "email": a.email} for a in spec.authors],
        "publisher": {"@type": "NewsMediaOrganization", "name": o.name},
        "articleSection": s.section,
        "articleBody": s.body,
        "inLanguage": "ko",
        "mainEntityOfPage": {"@type": "WebPage", "@id": spec.canonical},
    }
    if spec.updated:
        ld["dateModified"] = iso(spec.updated)
    body = []
    for i, b in enumerate(s.blocks):
        text = _first_para(spec) if i == 0 else b.text
        body.append(f'<h3 class="tit-sub">{esc(text)}</h3>' if b.kind == "h" else f"<p>{esc(text)}</p>")
        if i == 0 and s.captions:
            body.append(
                f'<div class="comp-box photo-group"><figure><div class="img-con"><img src="{_img(spec, 1)}" alt=""></div>'
                f'<figcaption class="desc-con"><p class="txt-desc">{esc(s.captions[0])}</p></figcaption></figure></div>'
            )
    body += [f'<p class="txt-email">{esc(a.email)}</p>' for a in spec.authors[:1]]
    body.append(
        f'<p class="txt-copyright adrs">&lt;저작권자(c) {esc(o.name)}, 무단 전재-재배포, AI 학습 및 활용 금지&gt;</p>'
    )
    body.append(f'<p class="txt-time">{spec.published:%Y/%m/%d %H:%M} 송고</p>')
    times = f'<p class="update-time" data-published-time="{dash(spec.published)}">송고시간{dash(spec.published)}</p>'
    if spec.updated:
        times += f'<p class="update-time">업데이트{dash(spec.updated)}</p>'
    writers = "".join(
        f'<div class="writer-zone01"><a href="{base}/reporter/{a.email.split("@")[0]}"><strong class="tit-name">{esc(a.name)}</strong>'
        f" 기자</a></div>"
        for a in spec.authors
    )
    menu = "".join(f'<li><a href="{base}/{i:02d}">{esc(sec)}</a></li>' for i, sec in enumerate(SECTIONS, 1))
    return "\n".join(
        [
            '<!DOCTYPE html>\n<html lang="ko">\n<head>\n<meta charset="UTF-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1.0">',
            f"<title>{esc(spec.title)} | {esc(o.name)}</title>",
            f'<meta property="og:title" content="{attr(spec.title)}">',
            f'<meta property="og:description" content="{attr(description(s))}">',
            f'<meta property="og:url" content="{attr(spec.canonical or spec.url)}">',
            '<meta property="og:type" content="article">',
            f'<link rel="canonical" href="{attr(spec.canonical or spec.url)}">',
            f'<script type="application/ld+json">{script_json(ld)}</script>',
            f'<link rel="stylesheet" href="{base}/static/css/article.css">',
            _ga("nuri"),
            "</head>",
            '<body class="article">',
            f'<header class="header-wrap"><div class="logo"><a href="{base}/">{esc(o.name)}</a></div>',
            f'<nav class="nav-gnb"><ul>{menu}</ul></nav>',
            '<div class="search"><input type="text" placeholder="검색어를 입력하세요"></div></header>',
            '<main id="container"><div class="content01 scroll-article-zone01">',
            f'<div class="title-article01"><span class="sect">{esc(s.section)}</span><h1 class="tit">{esc(spec.title)}</h1>',
            f"{times}</div>",
            writers,
            '<div class="article-util"><ul class="font-zone">'
            + "".join(f"<li><button>{f}</button></li>" for f in chrome.FONT_SIZES)
            + '</ul><ul class="share-zone">'
            + "".join(f"<li><button>{x}</button></li>" for x in chrome.SHARE)
            + "</ul></div>",
            '<article class="story-news article">',
            "\n".join(body),
            "</article>",
            '<div class="empathy-zone01">'
            + "".join(f'<button type="button">{esc(label)} <em>{n}</em></button>' for label, n in chrome.reactions(rng))
            + "</div>",
            "</div>",
            '<aside class="aside-article"><div class="rank-news01"><h2 class="tit">많이 본 뉴스</h2><ol>',
            _rank_items(spec, 10, f"{base}/view/AKR{spec.published:%Y%m%d}"),
            '</ol></div><div class="main-news01"><h2 class="tit">주요 뉴스</h2><ul>',
            _rank_items(spec, 6, f"{base}/view/AKR{spec.published:%Y%m%d}"),
            "</ul></div></aside></main>",
            '<section class="latest-news01"><h2 class="tit">최신 뉴스</h2><ul>'
            + _latest(spec, 12, f"{base}/view/AKR")
            + "</ul></section>",
            _full_menu(base, "allmenu-zone"),
            f'<footer class="footer-wrap"><p>{esc(o.address)} | 대표전화 {o.phone} | 등록번호 {o.registration}</p>'
            f"<p>Copyright (c) {esc(o.name)} All rights reserved.</p></footer>",
            f'<script src="{base}/static/js/article.min.js" defer></script>',
            _ad_scripts(spec),
            "</body>\n</html>\n",
        ]
    )


# --- tech-modern -------------------------------------------------------------------------------------------------


def tech_modern(spec: PageSpec) -> str:
    o, s, rng = spec.outlet, spec.story, spec.rng
    base = f"https://{o.domain}"
    article = {
        "@type": "NewsArticle",
        "@id": f"{spec.canonical}#article",
        "headline": spec.title,
        "datePublished": iso(spec.published),
        "author": [
            {"@type": "Person", "name": a.name, "url": f"{base}/author/{a.email.split('@')[0]}"} for a in spec.authors
        ],
        "articleSection": [s.section],
        "keywords": s.keywords,
        "isPartOf": {"@id": f"{spec.canonical}#webpage"},
    }
    if spec.updated:
        article["dateModified"] = iso(spec.updated)
    ld = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebPage", "@id": f"{spec.canonical}#webpage", "url": spec.canonical, "name": spec.title},
            article,
            {"@type": "Organization", "@id": f"{base}/#org", "name": o.name},
        ],
    }
    summary = [p.text.split(". ")[0].rstrip(".") + "." for p in s.blocks if p.kind == "p"][:3]
    body = []
    for i, b in enumerate(s.blocks):
        text = _first_para(spec) if i == 0 else b.text
        body.append(f"<h2>{esc(text)}</h2>" if b.kind == "h" else f"<p>{esc(text)}</p>")
        if i == 1:
            body.extend(
                f'<figure class="article__image"><img src="{_img(spec, n)}" loading="lazy" alt="">'
                f"<figcaption>{esc(c)}</figcaption></figure>"
                for n, c in enumerate(s.captions, 1)
            )
            body.append('<aside class="inline-ad" data-ad-slot="article_mid">광고</aside>')
        if i == 3:
            rel = _others(spec, 1)
            if rel:
                body.append(
                    f'<div class="related-inline"><strong>함께 보면 좋은 기사</strong> <a href="{base}/news/{rng.randint(10000, 99999)}">{esc(rel[0].title)}</a></div>'
                )
    times = f'<time class="published" datetime="{iso(spec.published)}">{dot(spec.published)}</time>'
    if spec.updated:
        times += f' <time class="updated" datetime="{iso(spec.updated)}">업데이트 {dot(spec.updated)}</time>'
    head = [
        '<!DOCTYPE html>\n<html lang="ko" data-theme="light">\n<head>\n<meta charset="UTF-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{esc(spec.title)} | {esc(o.name)}</title>",
        f'<meta name="description" content="{attr(description(s))}">',
        '<meta property="og:type" content="article">',
        f'<meta property="og:title" content="{attr(spec.title)}">',
        f'<meta property="og:url" content="{attr(spec.canonical or spec.url)}">',
        f'<meta property="og:image" content="{_img(spec, 1)}">',
        f'<meta property="article:published_time" content="{utc_z(spec.published)}">',
    ]
    if spec.updated:
        head.append(f'<meta property="article:modified_time" content="{utc_z(spec.updated)}">')
    head += [
        f'<meta property="article:author" content="{attr(byline_names(spec.authors))}">',
        f'<link rel="canonical" href="{attr(spec.canonical or spec.url)}">',
        f'<link rel="preload" href="{base}/assets/fonts/pretendard.woff2" as="font" crossorigin>',
        f'<link rel="stylesheet" href="{base}/assets/app.3f9c1e.css">',
        f'<script type="application/ld+json">{script_json(ld)}</script>',
        _ga("pangyo"),
        "</head>",
    ]
    nav = "".join(f'<a href="{base}/section/{i}" class="gnb__link">{esc(sec)}</a>' for i, sec in enumerate(SECTIONS))
    cm = chrome.comments(rng, spec.published)
    cmts = "".join(f'<li class="comment"><b>{u}</b><p>{esc(t)}</p><time>{d}</time></li>' for u, t, d in cm)
    coins = "".join(f"<tr><th>{esc(n)}</th><td>{p}</td><td>{c}</td></tr>" for n, p, c in chrome.coins(rng)[:6])
    return "\n".join(
        [
            *head,
            '<body class="page-article">',
            f'<header class="gnb"><a class="gnb__logo" href="{base}/">{esc(o.name)}</a><nav class="gnb__nav">{nav}</nav>'
            '<button class="gnb__search" aria-label="검색">검색</button><a class="gnb__subscribe" href="/subscribe">구독하기</a></header>',
            '<main class="layout"><article class="article">',
            f'<div class="article__category"><a href="{base}/section/{esc(s.section)}">{esc(s.section)}</a></div>',
            f'<h1 class="article__title">{esc(spec.title)}</h1>',
            f'<div class="article__meta"><span class="byline">{esc(byline_names(spec.authors))}</span> {times}</div>',
            '<div class="article__tools"><div class="fontsize" role="group" aria-label="글자 크기 설정">'
            + "".join(f"<button>{f}</button>" for f in chrome.FONT_SIZES)
            + '</div><div class="share">'
            + "".join(f"<button>{x}</button>" for x in chrome.SHARE)
            + "</div></div>",
            '<section class="ai-summary"><h2 class="ai-summary__title">AI 요약</h2><ul>'
            + "".join(f"<li>{esc(x)}</li>" for x in summary)
            + '</ul><p class="ai-summary__notice">이 요약은 AI가 작성했으며 기사 내용과 다를 수 있습니다. '
            "전체 맥락을 이해하려면 기사 본문을 함께 확인하세요.</p></section>",
            '<div class="article__body" data-article-body>',
            "\n".join(body),
            "</div>",
            '<div class="article__tags">'
            + "".join(f'<a href="{base}/tag/{esc(k)}">#{esc(k)}</a>' for k in s.keywords)
            + "</div>",
            '<div class="article__reactions">'
            + "".join(
                f'<button class="reaction">{esc(label)} <span>{n}</span></button>'
                for label, n in chrome.reactions(rng, chrome.REACTIONS_ALT)
            )
            + "</div>",
            f'<p class="article__copyright">ⓒ {esc(o.name)}, 무단 전재 및 재배포 금지</p>',
            f'<section class="comments" id="comments"><h3>댓글 <span>{len(cm)}</span></h3>'
            f'<textarea placeholder="로그인 후 댓글을 작성할 수 있습니다."></textarea><ul>{cmts}</ul></section>',
            "</article>",
            '<aside class="sidebar"><section class="ranking"><h2>많이 본 뉴스</h2><ol>',
            _rank_items(spec, 10, f"{base}/news"),
            "</ol></section>",
            f'<section class="market"><h2>실시간 암호화폐 시세</h2><table>{coins}</table>'
            "<p>* 24시간 변동률 기준</p></section>",
            f'<section class="newsletter"><h2>뉴스레터</h2><p>{esc(rng.choice(chrome.PROMOS))}</p></section></aside>',
            "</main>",
            '<section class="latest"><h2>방금 들어온 뉴스</h2><ul>'
            + _latest(spec, 12, f"{base}/news")
            + "</ul></section>",
            _full_menu(base, "megamenu"),
            f'<footer class="footer"><p>(주){esc(o.name)}미디어 | 대표 {esc(o.publisher)} | {esc(o.address)} | '
            f"인터넷신문 등록번호 {o.registration} | 대표전화 {o.phone}</p>"
            f"<p>ⓒ {esc(o.name)} All rights reserved.</p></footer>",
            f'<script src="{base}/assets/app.3f9c1e.js" type="module"></script>',
            _ad_scripts(spec),
            "</body>\n</html>\n",
        ]
    )


# --- next-spa ----------------------------------------------------------------------------------------------------


def next_spa(spec: PageSpec) -> str:
    o, s, rng = spec.outlet, spec.story, spec.rng
    parts = []
    for i, b in enumerate(s.blocks):
        text = _first_para(spec) if i == 0 else b.text
        parts.append(f"<h3>{esc(text)}</h3>" if b.kind == "h" else f"<p>{esc(text)}</p>")
        if i == 0:
            parts.extend(
                f'<figure><img src="{_img(spec, n)}" alt=""/><figcaption>{esc(c)}</figcaption></figure>'
                for n, c in enumerate(s.captions, 1)
            )
    article = {
        "id": spec.article_no,
        "title": spec.title,
        "subTitle": s.subtitle or "",
        "section": {"code": "S" + str(list(SECTIONS).index(s.section) + 1).zfill(2), "name": s.section},
        "publishedAt": iso(spec.published),
        "updatedAt": iso(spec.updated) if spec.updated else None,
        "reporters": [{"name": a.name, "email": a.email} for a in spec.authors],
        "contentHtml": "".join(parts),
        "images": [{"src": _img(spec, n), "caption": c} for n, c in enumerate(s.captions, 1)],
        "tags": s.keywords,
        "canonicalUrl": spec.canonical,
    }
    if spec.article_no % 2:
        # Half of these pages store the body as Arc XP / Fusion-style content elements, one item per
        # paragraph, heading or photo, instead of one HTML string.
        elements: list[dict[str, object]] = []
        for i, b in enumerate(s.blocks):
            text = _first_para(spec) if i == 0 else b.text
            elements.append({"_id": f"e{i}", "type": "header" if b.kind == "h" else "text", "content": text})
            if i == 0:
                elements.extend(
                    {"_id": f"i{n}", "type": "image", "url": _img(spec, n), "caption": c}
                    for n, c in enumerate(s.captions, 1)
                )
        del article["contentHtml"]
        article["content_elements"] = elements
    ranking = [h.title for h in _others(spec, 10)]
    latest = [
        {"id": rng.randint(10**6, 10**7), "title": h.title, "lead": h.lead[:80], "section": h.section}
        for h in _others(spec, 15)
    ]
    menu = [{"name": k, "children": [{"name": c, "href": f"/section/{k}/{c}"} for c in v]} for k, v in SECTIONS.items()]
    data = {
        "props": {
            "pageProps": {
                "article": article,
                "ranking": ranking,
                "latest": latest,
                "menu": menu,
                "adSlots": ["top_banner", "article_mid", "right_1", "bottom"],
            },
            "__N_SSP": True,
        },
        "page": "/article/[id]",
        "query": {"id": str(spec.article_no)},
        "buildId": "hNw" + str(rng.randint(10**8, 10**9 - 1)),
        "isFallback": False,
        "gssp": True,
        "locale": "ko",
        "scriptLoader": [],
    }
    build = data["buildId"]
    chunks = "".join(
        f'<script src="/_next/static/chunks/{name}-{rng.randint(10**12, 10**13 - 1):x}.js" defer=""></script>'
        for name in ("webpack", "framework", "main", "pages/_app", "pages/article/[id]")
    )
    nav = "".join(f'<a class="Gnb_item__k2P0x" href="/section/{i}">{esc(sec)}</a>' for i, sec in enumerate(SECTIONS))
    return (
        '<!DOCTYPE html><html lang="ko"><head><meta charSet="utf-8"/>'
        '<meta name="viewport" content="width=device-width, initial-scale=1"/>'
        f"<title>{esc(spec.title)} | {esc(o.name)}</title>"
        f'<meta property="og:title" content="{attr(spec.title)}"/>'
        f'<meta property="og:description" content="{attr(description(s))}"/>'
        f'<meta property="og:site_name" content="{attr(o.name)}"/>'
        f'<link rel="canonical" href="{attr(spec.canonical or spec.url)}"/>'
        f'<link rel="preload" href="/_next/static/css/{rng.randint(10**12, 10**13 - 1):x}.css" as="style"/>'
        f"{chunks}"
        f'<script src="/_next/static/{build}/_buildManifest.js" defer=""></script>'
        "</head><body>"
        '<div id="__next"><div class="Layout_wrap__Qm1xZ">'
        f'<header class="Header_header__x1Y2z"><a class="Header_logo__a8Bc3" href="/">{esc(o.name)}</a>'
        f'<nav class="Gnb_gnb__p0Q9r">{nav}</nav></header>'
        '<main class="Article_container__Zz81k"><div class="Skeleton_title__r2T6u"></div>'
        '<div class="Skeleton_meta__f0H1a"></div>' + '<div class="Skeleton_line__w9E2b"></div>' * 8 + "</main>"
        f'<footer class="Footer_footer__L3mN4"><p>{esc(o.address)} | 등록번호 {o.registration} | 발행·편집인 '
        f"{esc(o.publisher)}</p><p>ⓒ {esc(o.name)}. 무단전재 및 재배포 금지</p></footer>"
        "</div></div>"
        f'<script id="__NEXT_DATA__" type="application/json">{script_json(data)}</script>'
        + _ad_scripts(spec)
        + "</body></html>\n"
    )


LAYOUTS: dict[str, Layout] = {
    "econ-daily": Layout(econ_daily, shows_subtitle=True, has_canonical=True),
    "cms-articleview": Layout(cms_articleview, shows_subtitle=True, has_canonical=True),
    "legacy-table": Layout(legacy_table, shows_subtitle=False, has_canonical=False),
    "wire-agency": Layout(wire_agency, shows_subtitle=False, has_canonical=True),
    "tech-modern": Layout(tech_modern, shows_subtitle=False, has_canonical=True),
    "next-spa": Layout(next_spa, shows_subtitle=True, has_canonical=True),
}
