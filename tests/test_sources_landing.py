from datetime import date, datetime

import pytest

from news_assets.kst import KST
from news_assets.sources import ManifestError, day_fingerprint, landed_days, read_landing_day
from news_assets.sources.charset import charset_from_content_type

DAY = date(2026, 11, 16)
HEADER = "file,url,outlet,fetched_at,http_status,content_type\n"


def write_day(root, rows, files):
    folder = root / DAY.isoformat()
    (folder / "pages").mkdir(parents=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    (folder / "manifest.csv").write_text(HEADER + "".join(rows), encoding="utf-8")
    return folder


def test_reads_every_manifest_row_with_its_bytes_and_headers(tmp_path):
    write_day(
        tmp_path,
        [
            "pages/a.html,https://a.example/1,alpha,2026-11-16T09:30:00+09:00,200,text/html; charset=EUC-KR\n",
            "pages/b.html,https://b.example/2,beta,2026-11-16T23:59:00+09:00,404,\n",
        ],
        {"pages/a.html": "안녕".encode("cp949"), "pages/b.html": b"<html></html>"},
    )
    pages = list(read_landing_day(tmp_path, DAY))
    assert [p.url for p in pages] == ["https://a.example/1", "https://b.example/2"]
    first, second = pages
    assert first.html == "안녕".encode("cp949")
    assert first.declared_charset == "euc-kr"
    assert first.fetched_at == datetime(2026, 11, 16, 9, 30, tzinfo=KST)
    assert first.read_error is None and first.source == "landing"
    assert second.http_status == 404 and second.content_type is None and second.declared_charset is None
    assert first.page_id != second.page_id and len(first.page_id) == 16


def test_missing_file_and_escaping_path_become_pages_with_a_read_error(tmp_path):
    (tmp_path / "secret.txt").write_text("do not read")
    write_day(
        tmp_path,
        [
            "pages/gone.html,https://a.example/gone,alpha,2026-11-16T10:00:00+09:00,200,\n",
            "../secret.txt,https://a.example/escape,alpha,2026-11-16T10:00:00+09:00,200,\n",
            ",https://a.example/nofile,alpha,not-a-date,,\n",
        ],
        {},
    )
    gone, escape, nofile = read_landing_day(tmp_path, DAY)
    assert gone.html is None and gone.read_error.startswith("missing_file")
    assert escape.html is None and escape.read_error.startswith("unsafe_path")
    assert nofile.html is None and nofile.read_error.startswith("missing_file")
    # An unusable timestamp keeps the page on its folder's day instead of failing the partition.
    assert nofile.fetched_at == datetime(2026, 11, 16, tzinfo=KST)


def test_manifest_without_required_columns_is_a_clear_error(tmp_path):
    folder = tmp_path / DAY.isoformat()
    folder.mkdir()
    (folder / "manifest.csv").write_text("path,link\nx,y\n")
    with pytest.raises(ManifestError, match="missing columns"):
        list(read_landing_day(tmp_path, DAY))


def test_landed_days_and_fingerprint_follow_changes(tmp_path):
    assert landed_days(tmp_path / "absent") == []
    folder = write_day(
        tmp_path, ["pages/a.html,https://a.example/1,alpha,2026-11-16T09:30:00+09:00,200,\n"], {"pages/a.html": b"x"}
    )
    (tmp_path / "not-a-day").mkdir()
    assert landed_days(tmp_path) == [DAY]
    before = day_fingerprint(tmp_path, DAY)
    assert before == day_fingerprint(tmp_path, DAY)
    (folder / "pages" / "a.html").write_bytes(b"changed content")
    assert day_fingerprint(tmp_path, DAY) != before
    assert day_fingerprint(tmp_path, date(2026, 11, 17)) is None


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("text/html; charset=EUC-KR", "euc-kr"),
        ('text/html; charset="utf-8"', "utf-8"),
        ("text/html", None),
        ("", None),
        (None, None),
    ],
)
def test_charset_from_content_type(header, expected):
    assert charset_from_content_type(header) == expected
