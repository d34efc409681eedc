from pathlib import Path

import pytest

from news_assets.sources import HttpSource, LandingSource, SourceConfigError, WarcSource, load_sources

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
    assert settings.allow_hosts == ("cdn.example.org",)
    assert settings.state_dir == str(tmp_path / "state")
    assert http.outlets[0].own_hosts == {"a.example", "m.a.example"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[]", "single key 'sources'"),
        ("sources: []", "non-empty list"),
        ("sources:\n  - kind: ftp\n", "unknown kind 'ftp'"),
        ("sources:\n  - root: x\n", "unknown kind None"),
        ("sources:\n  - kind: landing\n", "missing 'root'"),
        ("sources:\n  - kind: landing\n    root: x\n    rooot: y\n", "unknown keys ['rooot']"),
        ("sources:\n  - kind: warc\n", "missing 'paths'"),
        ("sources:\n  - kind: warc\n    paths: [1, 2]\n", "'paths' must be a list of strings"),
        ("sources:\n  - kind: warc\n    paths: [a]\n    outlets: [a, b]\n", "map host names"),
        ("sources:\n  - kind: warc\n    paths: [a]\n    max_bytes: -1\n", "'max_bytes' must be at least 0"),
        ("sources:\n  - {kind: landing, root: a}\n  - {kind: landing, root: b, name: landing}\n", "used twice"),
        ("sources:\n  - kind: http\n    outlets: [{id: a, feeds: ['https://a/']}]\n", "missing 'user_agent'"),
        ("sources:\n  - kind: http\n    user_agent: x\n", "missing 'outlets'"),
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
            "'per_host_rps' must be greater than 0",
        ),
        (
            "sources:\n  - kind: http\n    user_agent: x\n    retries: 1.5\n    outlets: [{id: a, feeds: ['https://a/']}]\n",
            "'retries' must be a number",
        ),
        (
            "sources:\n  - kind: http\n    user_agent: x\n    allow_hosts: ['https://cdn/']\n"
            "    outlets: [{id: a, feeds: ['https://a/']}]\n",
            "host names, not URLs",
        ),
        (
            "sources:\n  - kind: http\n    user_agent: x\n    outlets: [{id: a, feeds: ['https://a/'], feed: []}]\n",
            "outlets[0]: unknown keys ['feed']",
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
