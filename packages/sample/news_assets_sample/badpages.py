"""Pages a crawler brings home that are not articles: section lists, 404s, script shells, cut-off downloads."""

from __future__ import annotations

import random
from datetime import datetime

from .chrome import Headline
from .layouts import SECTIONS, esc
from .outlets import Outlet


def index_page(outlet: Outlet, board: list[Headline], rng: random.Random, fetched: datetime) -> str:
    """A section front: many headlines with teasers, no article of its own."""
    section = rng.choice(list(SECTIONS))
    base = f"https://{outlet.domain}"
    items = []
    for h in rng.sample(board, min(len(board), 20)):
        minute = rng.randint(0, fetched.hour * 60 + fetched.minute)
        stamp = f"{fetched:%Y-%m-%d} {minute // 60:02d}:{minute % 60:02d}"
        items.append(
            f'<li class="list-item"><div class="list-titles"><a href="{base}/news/{rng.randint(100000, 999999)}">'
            f"<strong>{esc(h.title)}</strong></a></div>"
            f'<p class="list-summary">{esc(h.lead[:90])}…</p>'
            f'<div class="list-dated">{esc(h.section)} | {stamp}</div></li>'
        )
    pages = "".join(f'<a href="?page={n}">{n}</a>' for n in range(1, 11))
    nav = "".join(f'<li><a href="{base}/section/{i}">{esc(s)}</a></li>' for i, s in enumerate(SECTIONS))
    return (
        f'<!DOCTYPE html>\n<html lang="ko">\n<head>\n<meta charset="utf-8">\n<title>{esc(section)} - {esc(outlet.name)}</title>\n'
        f'<meta property="og:type" content="website">\n<link rel="canonical" href="{base}/section/{esc(section)}">\n</head>\n'
        f'<body>\n<header><h1><a href="{base}/">{esc(outlet.name)}</a></h1><nav><ul>{nav}</ul></nav></header>\n'
        f'<main class="section-list"><h2 class="section-title">{esc(section)}</h2>\n'
        f'<ul class="type-list">{"".join(items)}</ul>\n<div class="paging">{pages}</div></main>\n'
        f"<footer><p>{esc(outlet.address)} | 등록번호 {outlet.registration}</p><p>ⓒ {esc(outlet.name)} All rights reserved.</p>"
        "</footer>\n</body>\n</html>\n"
    )


def error_page(outlet: Outlet) -> str:
    base = f"https://{outlet.domain}"
    return (
        '<!DOCTYPE html>\n<html lang="ko">\n<head>\n<meta charset="utf-8">\n'
        f"<title>페이지를 찾을 수 없습니다 - {esc(outlet.name)}</title>\n</head>\n<body>\n"
        f'<div class="error-wrap"><h1><a href="{base}/">{esc(outlet.name)}</a></h1>\n'
        '<h2>404 Not Found</h2>\n<p class="msg">페이지를 찾을 수 없습니다.</p>\n'
        "<p>요청하신 페이지의 주소가 잘못 입력되었거나, 페이지의 주소가 변경 혹은 삭제되어 요청하신 페이지를 찾을 수 없습니다.</p>\n"
        "<p>입력하신 주소가 정확한지 다시 한번 확인해 주시기 바랍니다.</p>\n"
        f'<p><a href="{base}/">메인으로 가기</a> <a href="javascript:history.back()">이전 페이지</a></p></div>\n'
        "</body>\n</html>\n"
    )


def scripts_only(outlet: Outlet, rng: random.Random, target: str) -> str:
    """A bot-check or redirect shell: nothing but scripts."""
    token = "".join(rng.choice("0123456789abcdef") for _ in range(32))
    return (
        "<html><head>"
        f'<script src="https://{outlet.domain}/cdn-cgi/challenge-platform/scripts/jsd/main.js"></script>'
        f"<script>window.__CHALLENGE__={{token:'{token}',ts:{rng.randint(10**9, 2 * 10**9)}}};</script>"
        "</head><body>"
        "<script>(function(){var d=document,s=d.createElement('script');s.src='/js/verify.min.js?v="
        f"{token[:8]}';s.onload=function(){{window.location.replace('{target}')}};d.body.appendChild(s);}})();</script>"
        "<script>setTimeout(function(){document.cookie='cf_clearance="
        f"{token}; path=/';location.reload();}},5000);</script>"
        "</body></html>\n"
    )


def truncate(data: bytes, rng: random.Random) -> bytes:
    """Cut a download short in the middle of the article body, inside a tag."""
    start, end = data.find(b"<p>"), data.rfind(b"</p>")
    if start < 0 or end <= start:
        start, end = data.find(b'id="articleBody"'), data.find(b"Copyright")
    if start < 0 or end <= start:
        return data[: len(data) // 2]
    middle = start + (end - start) * rng.randint(30, 70) // 100
    tag = data.find(b"<", middle)
    return data[: (tag + 3) if tag > 0 else middle]


def empty() -> bytes:
    return b""
