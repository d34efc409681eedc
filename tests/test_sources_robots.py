"""robots.txt by RFC 9309: groups by product token, the longest matching rule, Allow winning ties, `*` and `$`."""

import pytest

from news_assets.sources.http.robots import RobotsRules, normalize, product_token

UA = "news-assets/0.1 (+https://example.org/contact)"
BASE = "https://news.example"


def allowed(text, path, user_agent=UA):
    return RobotsRules.parse(text, user_agent).allowed(BASE + path)


def test_the_longest_match_wins_whatever_the_order():
    text = "User-agent: *\nAllow: /news/public/\nDisallow: /news/\n"
    reordered = "User-agent: *\nDisallow: /news/\nAllow: /news/public/\n"
    for robots in (text, reordered):
        assert allowed(robots, "/news/public/1") and not allowed(robots, "/news/2")
        assert allowed(robots, "/about")
    # The first matching rule (urllib.robotparser's reading) would allow /news/secret here; the longer rule wins.
    assert not allowed("User-agent: *\nAllow: /\nDisallow: /news/secret\n", "/news/secret/1")


def test_allow_wins_a_tie():
    assert allowed("User-agent: *\nDisallow: /page\nAllow: /page\n", "/page")
    # Same length with wildcards: /*.htm and /page: five octets each.
    assert allowed("User-agent: *\nDisallow: /page\nAllow: /*.htm\n", "/page.htm")


@pytest.mark.parametrize(
    ("rule", "path", "matches"),
    [
        ("/*.php$", "/index.php", True),
        ("/*.php$", "/index.php?x=1", False),
        ("/*.php", "/index.php?x=1", True),
        ("/fish*", "/fish.html", True),
        ("/fish*", "/Fish.html", False),
        ("/*/amp$", "/2026/11/16/amp", True),
        ("/*/amp$", "/2026/amp/x", False),
        ("/search?q=", "/search?q=korea", True),
        ("/$", "/", True),
        ("/$", "/a", False),
        ("/a$b", "/a$b", True),
        ("/%7Euser", "/~user/x", True),
        ("/기사", "/%ED%82%B0", False),
        ("/기사", "/%EA%B8%B0%EC%82%AC/1", True),
    ],
)
def test_wildcards_anchors_and_percent_encoding(rule, path, matches):
    assert allowed(f"User-agent: *\nDisallow: {rule}\n", path) is not matches


def test_groups_by_product_token_merged_else_star():
    text = """
# comment
User-agent: otherbot
Disallow: /

User-agent: News-Assets   # case-insensitive
Disallow: /drafts/
Sitemap: https://news.example/sitemap.xml

User-agent: *
Disallow: /

user-agent: news-assets/2.0
disallow: /private/
"""
    rules = RobotsRules.parse(text, UA)
    # Both groups naming the token count, the * group does not.
    assert rules.allowed(BASE + "/news/1")
    assert not rules.allowed(BASE + "/drafts/1") and not rules.allowed(BASE + "/private/1")
    assert not RobotsRules.parse(text, "someone-else/1.0").allowed(BASE + "/news/1")
    assert product_token(UA) == "news-assets"


def test_consecutive_user_agents_share_a_group_and_rules_before_any_group_are_ignored():
    text = "Disallow: /orphan\nUser-agent: a\nUser-agent: news-assets\nDisallow: /shared\nUser-agent: b\nAllow: /\n"
    assert allowed(text, "/orphan") and not allowed(text, "/shared/x")
    assert allowed(text, "/shared/x", "b/1.0")


def test_empty_rules_robots_txt_itself_and_no_group():
    assert allowed("User-agent: *\nDisallow:\n", "/anything")
    assert allowed("User-agent: *\nDisallow: /\n", "/robots.txt")
    assert allowed("", "/x") and allowed("User-agent: otherbot\nDisallow: /\n", "/x")
    assert not RobotsRules.disallow_all().allowed(BASE + "/x") and RobotsRules.allow_all().allowed(BASE + "/x")


def test_crawl_delay_of_the_chosen_group():
    text = "User-agent: *\nCrawl-delay: 9\nUser-agent: news-assets\nCrawl-delay: 2.5\nDisallow: /x\n"
    assert RobotsRules.parse(text, UA).crawl_delay == 2.5
    assert RobotsRules.parse(text, "other").crawl_delay == 9


def test_normalisation():
    assert normalize("/%7e/%2f/기") == "/~/%2F/%EA%B8%B0"
