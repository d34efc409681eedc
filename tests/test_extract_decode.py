"""Decoding: BOM, UTF-8, declared charsets (HTTP over meta), CP949 for EUC-KR labels, mojibake refusal."""

import codecs

import pytest

from news_assets.extract import NotAnArticle, decode_html, extract_article
from news_assets.extract.decode import normalize_charset

# 똠 and 햏 are in CP949 but not in the EUC-KR (KS X 1001) table: their CP949 bytes are no EUC-KR at all.
BODY = (
    "<p>동네 분식집들이 새 메뉴로 똠양꿍 떡볶이를 내놓으면서 점심시간마다 줄이 길게 늘어서고 있다. "
    "가게 주인들은 매운맛을 조금 줄여 어린 손님도 먹을 수 있게 했다고 설명했다.</p>"
    "<p>한 가게 주인은 “처음에는 낯설어하던 손님들이 이제는 일부러 찾아온다”며 “햏볶이라는 별명까지 붙었다”고 웃었다. "
    "재료 값이 오르고 있지만 당분간 가격은 그대로 두기로 했다.</p>"
)


def page(meta: str = "", body: str = BODY) -> str:
    return f"<!DOCTYPE html><html lang='ko'><head>{meta}<title>분식집 새 메뉴 인기</title></head><body><article>{body}</article></body></html>"


@pytest.mark.parametrize("syllable", ["똠", "햏"])
def test_cp949_only_syllables_are_not_euc_kr(syllable):
    with pytest.raises(UnicodeDecodeError):
        syllable.encode("cp949").decode("euc_kr")


def test_utf8_page():
    d = decode_html(page().encode("utf-8"))
    assert d.detected_charset == "utf-8"
    assert "똠양꿍" in d.text
    assert d.replacements == 0 and not d.mojibake


@pytest.mark.parametrize(
    ("bom", "codec"),
    [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")],
)
def test_bom_wins(bom, codec):
    html = page('<meta charset="euc-kr">')
    d = decode_html(bom + html.encode(codec))
    assert d.detected_charset == codec
    assert "햏볶이" in d.text
    article = extract_article(bom + html.encode(codec))
    assert "햏볶이" in article.body
    assert article.detected_charset == codec


@pytest.mark.parametrize("label", ["euc-kr", "EUC-KR", "ks_c_5601-1987", "x-windows-949", "cp949"])
def test_euc_kr_labels_read_as_cp949(label):
    raw = page(f'<meta http-equiv="Content-Type" content="text/html; charset={label}">').encode("cp949")
    d = decode_html(raw)
    assert d.detected_charset == "cp949"
    assert d.declared_charset == label.lower()
    article = extract_article(raw)
    assert "똠양꿍 떡볶이" in article.body
    assert "햏볶이" in article.body
    assert article.detected_charset == "cp949"
    assert article.declared_charset == label.lower()


def test_meta_charset_attribute_form():
    raw = page('<meta charset="euc-kr">').encode("cp949")
    assert extract_article(raw).detected_charset == "cp949"


def test_undeclared_cp949_is_recognised():
    raw = page().encode("cp949")
    article = extract_article(raw)
    assert article.detected_charset == "cp949"
    assert article.declared_charset is None
    assert "똠양꿍" in article.body


def test_euc_kr_declared_page_whose_bytes_are_utf8_decodes_as_utf8():
    raw = page('<meta charset="euc-kr">').encode("utf-8")
    d = decode_html(raw)
    assert d.detected_charset == "utf-8"
    assert d.declared_charset == "euc-kr"
    article = extract_article(raw)
    assert "똠양꿍" in article.body
    assert article.detected_charset == "utf-8"
    assert article.declared_charset == "euc-kr"


def test_http_charset_overrides_meta():
    # The page claims a Cyrillic charset in its meta; the HTTP header tells the truth.
    raw = page('<meta charset="iso-8859-5">').encode("cp949")
    d = decode_html(raw, http_charset="EUC-KR")
    assert d.detected_charset == "cp949"
    assert d.declared_charset == "euc-kr"
    article = extract_article(raw, http_charset="EUC-KR")
    assert "똠양꿍" in article.body
    assert article.declared_charset == "euc-kr"


def test_wrong_http_charset_falls_back_to_meta():
    raw = page('<meta charset="euc-kr">').encode("cp949")
    article = extract_article(raw, http_charset="utf-8")
    assert "똠양꿍" in article.body
    assert article.detected_charset == "cp949"


def test_latin1_label_on_korean_bytes_reads_cp949():
    raw = page('<meta charset="iso-8859-1">').encode("cp949")
    assert extract_article(raw).detected_charset == "cp949"


def test_undecodable_junk_is_refused_not_garbled():
    junk = bytes((i * 37 + 11) % 128 + 128 for i in range(4000))
    raw = b"<html><head><title>x</title></head><body><p>" + junk + b"</p></body></html>"
    d = decode_html(raw)
    assert d.mojibake
    with pytest.raises(NotAnArticle) as err:
        extract_article(raw)
    assert err.value.reason == "not_decodable"


def test_a_few_stray_bytes_in_a_utf8_page_are_tolerated():
    raw = page('<meta charset="utf-8">').encode("utf-8").replace("재료".encode(), b"\xb0\xa1")
    article = extract_article(raw)
    assert article.detected_charset == "utf-8"
    assert "똠양꿍" in article.body


@pytest.mark.parametrize(
    ("label", "codec"),
    [("EUC-KR", "cp949"), ("utf8", "utf-8"), ("latin1", "cp1252"), ("base64", None), ("nonsense", None), ("", None)],
)
def test_normalize_charset(label, codec):
    assert normalize_charset(label) == codec
