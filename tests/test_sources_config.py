import re
from datetime import date
from pathlib import Path

import pytest

from news_assets.sources import HttpSource, LandingSource, SourceConfigError, WarcSource, load_sources
from news_assets.sources.ccnews import CcNewsSource

REPO = Path(__file__).resolve().parents[1]


def write(tmp_path, text):
    path = tmp_path / "sources.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_without_a_file_the_landing_folder_is_the_only_source(monkeypatch, tmp_path):
    monkeypatch.delenv("NEWS_ASSETS_SOURCES", raising=False)
    monkeypatch.setenv("NEWS_ASSETS_LANDING", str(tmp_path / "landing"))
    (source,) = load_sources()
    assert isinstance(source, LandingSource)
    assert source.root == (tmp_path / "landing").resolve() and source.name == "landing"


def test_env_var_names_the_file(monkeypatch, tmp_path):
    path = write(tmp_path, "sources:\n  - kind: landing\n    root: pages\n")
    monkeypatch.setenv("NEWS_ASSETS_SOURCES", str(path))
    (source,) = load_sources()
    assert source.root == tmp_path / "pages"


def test_example_file_has_all_three_kinds():
    sources = load_sources(REPO / "sources.example.yaml")
    assert [type(s) for s in sources] == [LandingSource, WarcSource, HttpSource]
    landing, warc, http = sources
    assert landing.root == REPO / "data" / "landing"
    assert warc.outlets["www.hanbit-economy.co.kr"] == "hanbit"
    assert warc.index.path == REPO / "data" / "warc_state" / "warc_index.json"
    assert http.settings.max_bytes == 5_000_000 and http.settings.per_host_concurrency == 2
    assert http.settings.user_agent.startswith("news-assets/")
    assert [o.id for o in http.outlets] == ["hanbit", "seoul"]
    assert http.outlets[1].own_hosts == {"www.seoul-ilbo.kr", "m.seoul-ilbo.kr"}


def test_example_files_commented_out_ccnews_source_is_valid(tmp_path):
    """The example's ccnews entry is commented out (its scan assets do not exist yet); uncommented, it loads."""
    lines = (REPO / "sources.example.yaml").read_text(encoding="utf-8").splitlines()
    start = lines.index("  # - kind: ccnews")
    block = [line.replace("# ", "", 1) for line in lines[start:] if line.startswith("  # ")]
    assert len(block) > 5
    path = tmp_path / "sources.yaml"
    path.write_text("\n".join([*lines[:start], *block]) + "\n", encoding="utf-8")
    *_, ccnews = load_sources(path)
    assert isinstance(ccnews, CcNewsSource) and ccnews.name == "ccnews"
    assert ccnews.listing == "https://data.commoncrawl.org/crawl-data/CC-NEWS/2026/11/warc.paths.gz"
    assert ccnews.base_url == "https://data.commoncrawl.org/" and ccnews.languages == ("ko",)
    assert ccnews.cache_dir == tmp_path / "data" / "ccnews" and not ccnews.allow_private
    assert ccnews.outlets == {"www.hanbit-economy.co.kr": "hanbit"} and ccnews.max_bytes == 5_000_000
    assert list(ccnews.pages(date(2026, 11, 16))) == []  # no pages for a day until the scan assets exist


def test_full_config_is_read_with_relative_paths_and_names(tmp_path):
    path = write(
        tmp_path,
        """
sources:
  - kind: warc
    paths: ["archives/*.warc.gz", "/abs/one.warc"]
  - kind: warc
    name: old-archives
    paths: archives-old/**/*.warc
    max_bytes: 1000
  - kind: warc
    paths: ["x.warc"]
  - kind: http
    user_agent: test-agent/1.0
    timeout_s: 2
    per_host_rps: 0.5
    retries: 0
    allow_hosts: [CDN.Example.org]
    allow_private: true
    state_dir: state
    outlets:
      - id: a
        feeds: ["https://a.example/rss"]
        hosts: [m.a.example]
""",
    )
    first, second, third, http = load_sources(path)
    assert [s.name for s in (first, second, third, http)] == ["warc", "old-archives", "warc-2", "http"]
    assert first.paths == (str(tmp_path / "archives/*.warc.gz"), "/abs/one.warc")
    assert second.paths == (str(tmp_path / "archives-old/**/*.warc"),) and second.max_bytes == 1000
    assert first.index.path is None
    settings = http.settings
    assert settings.timeout_s == 2.0 and settings.per_host_rps == 0.5 and settings.retries == 0
    assert settings.allow_hosts == ("cdn.example.org",) and settings.allow_private is True
    assert settings.state_dir == str(tmp_path / "state")
    assert http.outlets[0].own_hosts == {"a.example", "m.a.example"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[]", "single key 'sources'"),
        ("sources: []", "non-empty list"),
        ("sources:\n  - kind: ftp\n", "unknown kind 'ftp'"),
        (
            "sources:\n  - root: x\n",
            'source 1: field "kind": Field required; expected one of landing, warc, http, ccnews',
        ),
        ("sources:\n  - kind: landing\n", 'source 1 (kind landing): field "root": Field required'),
        (
            "sources:\n  - kind: landing\n    root: x\n    rooot: y\n",
            'source 1 (kind landing): field "rooot": unknown field; did you mean "root"?',
        ),
        ("sources:\n  - kind: warc\n", 'source 1 (kind warc): field "paths": Field required'),
        ("sources:\n  - kind: warc\n    paths: [1, 2]\n", 'field "paths[1]": Input should be a valid string, got 2'),
        (
            "sources:\n  - kind: warc\n    paths: [a]\n    outlets: [a, b]\n",
            'field "outlets": Input should be a valid dictionary',
        ),
        (
            "sources:\n  - kind: warc\n    paths: [a]\n    max_bytes: -1\n",
            'field "max_bytes": Input should be greater than 0, got -1',
        ),
        ("sources:\n  - {kind: landing, root: a}\n  - {kind: landing, root: b, name: landing}\n", "used twice"),
        (
            "sources:\n  - kind: http\n    outlets: [{id: a, feeds: ['https://a/']}]\n",
            'source 1 (kind http): field "user_agent": Field required',
        ),
        ("sources:\n  - kind: http\n    user_agent: x\n", 'source 1 (kind http): field "outlets": Field required'),
        ("sources:\n  - kind: http\n    user_agent: x\n    outlets: [{id: a}]\n", "at least one of"),
        (
            "sources:\n  - kind: http\n    user_agent: x\n    outlets: [{id: a, feeds: ['file:///etc/passwd']}]\n",
            "only http(s) URLs",
        ),
        (
            "sources:\n  - kind: http\n    user_agent: x\n    outlets: [{id: a, sitemaps: ['ftp://a.example/s.xml']}]\n",
            "only http(s) URLs",
        ),
        (
            "sources:\n  - kind: http\n    user_agent: x\n    per_host_rps: 0\n    outlets: [{id: a, feeds: ['https://a/']}]\n",
            'field "per_host_rps": Input should be greater than 0, got 0',
        ),
        (
            "sources:\n  - kind: http\n    user_agent: x\n    retries: 1.5\n    outlets: [{id: a, feeds: ['https://a/']}]\n",
            'field "retries": Input should be a valid integer, got 1.5',
        ),
        (
            "sources:\n  - kind: http\n    user_agent: x\n    allow_hosts: ['https://cdn/']\n"
            "    outlets: [{id: a, feeds: ['https://a/']}]\n",
            "host names, not URLs",
        ),
        (
            "sources:\n  - kind: http\n    user_agent: x\n    outlets: [{id: a, feeds: ['https://a/'], feed: []}]\n",
            'field "outlets[0].feed": unknown field; did you mean "feeds"?',
        ),
        (
            "sources:\n  - kind: http\n    user_agent: x\n"
            "    outlets: [{id: a, feeds: ['https://a/']}, {id: a, feeds: ['https://b/']}]\n",
            "outlet id 'a' is used twice",
        ),
        ("sources: [\n", "not valid YAML"),
    ],
)
def test_bad_configs_are_clear_errors(tmp_path, text, message):
    path = write(tmp_path, text)
    with pytest.raises(SourceConfigError) as caught:
        load_sources(path)
    assert message in str(caught.value)
    assert str(path) in str(caught.value)


def test_missing_file_is_a_config_error(tmp_path):
    with pytest.raises(SourceConfigError, match="cannot read"):
        load_sources(tmp_path / "absent.yaml")


HTTP_OK = "    user_agent: x\n    outlets: [{id: a, feeds: ['https://a/']}]\n"


def error_lines(path):
    with pytest.raises(SourceConfigError) as caught:
        load_sources(path)
    assert type(caught.value) is SourceConfigError and isinstance(caught.value, ValueError)
    return str(caught.value).splitlines()


@pytest.mark.parametrize(
    ("text", "line"),
    [
        pytest.param(
            "sources:\n  - kind: landing\n    root: x\n  - kind: http\n    name: yonhap\n    per_host_concurrency: two\n"
            + HTTP_OK,
            'source 2 ("yonhap", kind http): field "per_host_concurrency": Input should be a valid integer, got \'two\'',
            id="wrong-type",
        ),
        pytest.param(
            "sources:\n  - kind: warc\n    name: archives\n    paths: [a]\n    max_bytes: true\n",
            'source 1 ("archives", kind warc): field "max_bytes": Input should be a valid integer, got True',
            id="bool-is-not-a-number",
        ),
        pytest.param(
            "sources:\n  - kind: http\n    name: 연합\n    timeout_s: '20'\n" + HTTP_OK,
            'source 1 ("연합", kind http): field "timeout_s": Input should be a valid number, got \'20\'',
            id="string-is-not-a-number",
        ),
        pytest.param(
            "sources:\n  - kind: landing\n  - kind: landing\n    name: crawl\n",
            'source 2 ("crawl", kind landing): field "root": Field required',
            id="missing-field",
        ),
        pytest.param(
            "sources:\n  - kind: landing\n    name: crawl\n    root: null\n",
            'source 1 ("crawl", kind landing): field "root": Field required',
            id="null-required-field",
        ),
        pytest.param(
            "sources:\n  - kind: http\n    name: yonhap\n    per_host_rsp: 2\n" + HTTP_OK,
            'source 1 ("yonhap", kind http): field "per_host_rsp": unknown field; did you mean "per_host_rps"?',
            id="misspelt-field",
        ),
        pytest.param(
            "sources:\n  - kind: landing\n    root: x\n    colour: blue\n",
            'source 1 (kind landing): field "colour": unknown field; expected one of name, kind, root',
            id="unknown-field",
        ),
        pytest.param(
            "sources:\n  - kind: http\n    user_agent: x\n    outlets: [{id: a, feeds: ['https://a/'], hostz: [b]}]\n",
            'source 1 (kind http): field "outlets[0].hostz": unknown field; did you mean "hosts"?',
            id="unknown-outlet-field",
        ),
        pytest.param(
            "sources:\n  - kind: landing\n    root: x\n  - kind: s3\n    name: bucket\n",
            'source 2 ("bucket", kind s3): field "kind": unknown kind \'s3\'; expected one of landing, warc, http, ccnews',
            id="unknown-kind",
        ),
        pytest.param(
            "sources:\n  - {kind: landing, root: a, name: crawl}\n  - {kind: warc, paths: [b], name: crawl}\n",
            "source 2 (\"crawl\", kind warc): field \"name\": name 'crawl' is used twice (source 1 is also named 'crawl')",
            id="duplicate-name",
        ),
        pytest.param(
            "sources:\n  - {kind: warc, paths: [a]}\n  - {kind: warc, paths: [b], name: warc-2}\n  - {kind: warc, paths: [c]}\n"
            "  - {kind: warc, paths: [d], name: warc-3}\n",
            "source 4 (\"warc-3\", kind warc): field \"name\": name 'warc-3' is used twice (source 3 is also named 'warc-3')",
            id="name-taken-by-a-default",
        ),
        pytest.param(
            "sources:\n  - kind: http\n    name: yonhap\n    user_agent: x\n"
            "    outlets: [{id: a, feeds: ['https://a/']}, {id: a, feeds: ['https://b/']}]\n",
            'source 1 ("yonhap", kind http): field "outlets": outlet id \'a\' is used twice (outlets[0] and outlets[1])',
            id="duplicate-outlet-id",
        ),
        pytest.param(
            "sources:\n  - kind: warc\n    paths: [a]\n    outlets: {www.example.kr: ''}\n",
            "source 1 (kind warc): field \"outlets['www.example.kr']\": String should have at least 1 character, got ''",
            id="mapping-value",
        ),
        pytest.param(
            "sources:\n  - just a string\n",
            "source 1: expected a mapping with a 'kind', got 'just a string'",
            id="item-not-a-mapping",
        ),
    ],
)
def test_errors_name_the_file_the_source_and_the_field(tmp_path, text, line):
    path = tmp_path / "my-sources.yaml"
    path.write_text(text, encoding="utf-8")
    assert f"{path}: {line}" in error_lines(path)


def test_every_problem_is_one_line(tmp_path):
    path = write(
        tmp_path,
        "sources:\n  - kind: landing\n    name: crawl\n  - kind: warc\n    paths: []\n    max_bytes: 0\n"
        "  - kind: http\n    user_agent: x\n    outlets: [{id: a, feeds: ['https://a/']}]\n",
    )
    assert error_lines(path) == [
        f'{path}: source 1 ("crawl", kind landing): field "root": Field required',
        f'{path}: source 2 (kind warc): field "paths": List should have at least 1 item after validation, not 0',
        f'{path}: source 2 (kind warc): field "max_bytes": Input should be greater than 0, got 0',
    ]


def test_nulls_defaults_and_integral_floats_are_accepted(tmp_path):
    path = write(
        tmp_path,
        """
sources:
  - kind: warc
    name: null
    paths: one.warc
    outlets: null
    max_bytes: null
    state_dir: null
  - kind: http
    user_agent: "  spaced agent  "
    retries: 2.0
    total_timeout_s: null
    proxy: null
    state_dir: null
    outlets:
      - id: a
        sitemaps: " https://a.example/s.xml "
        hosts: [M.A.Example]
""",
    )
    warc, http = load_sources(path)
    assert warc.name == "warc" and warc.paths == (str(tmp_path / "one.warc"),) and warc.max_bytes == 5_000_000
    assert warc.outlets == {} and warc.index.path is None
    settings = http.settings
    assert settings.user_agent == "  spaced agent  " and settings.retries == 2 and type(settings.retries) is int
    assert settings.total_timeout_s is None and settings.proxy is None and settings.state_dir is None
    assert settings.allow_private is False
    assert type(settings.timeout_s) is float and settings.max_document_bytes == 50_000_000
    assert http.outlets[0].sitemaps == ("https://a.example/s.xml",) and http.outlets[0].hosts == ("m.a.example",)


def test_ccnews_source(tmp_path):
    from news_assets.sources.ccnews import CcNewsSource

    path = write(
        tmp_path,
        """
sources:
  - kind: ccnews
    listing: https://data.commoncrawl.org/crawl-data/CC-NEWS/2026/11/warc.paths.gz
    languages: ko
    cache_dir: cache
    outlets: {hanbit-economy.co.kr: hanbit}
  - kind: ccnews
    listing: lists/warc.paths
    base_url: archives
    allow_private: true
""",
    )
    remote, local = load_sources(path)
    assert isinstance(remote, CcNewsSource) and remote.name == "ccnews" and local.name == "ccnews-2"
    assert remote.base_url == "https://data.commoncrawl.org/" and remote.languages == ("ko",)
    assert remote.cache_dir == tmp_path / "cache" and remote.allow_private is False
    assert remote.outlets == {"hanbit-economy.co.kr": "hanbit"} and list(remote.pages(date(2026, 11, 16))) == []
    assert local.listing == str(tmp_path / "lists/warc.paths") and local.base_url == str(tmp_path / "archives")
    assert local.allow_private is True and local.cache_dir is None
    for text, message in (
        ("    languages: [ko, en]\n", "field \"languages[1]\": Input should be 'ko'"),
        ("    base_url: ftp://x/\n", 'field "base_url": only http(s) URLs'),
        ("    listng: x\n", 'field "listng": unknown field; did you mean "listing"?'),
    ):
        bad = write(tmp_path, "sources:\n  - kind: ccnews\n    listing: x.paths\n" + text)
        with pytest.raises(SourceConfigError, match=re.escape(message)):
            load_sources(bad)
