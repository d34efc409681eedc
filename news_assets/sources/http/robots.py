"""robots.txt as RFC 9309 reads it, fetched once per origin and run.

Parsing (`RobotsRules.parse`): lines are `<field>: <value>`, `#` starts a comment, field names are
case-insensitive. A group begins with one or more consecutive `user-agent` lines and holds the `allow` /
`disallow` rules (and the non-standard `crawl-delay`) up to the next `user-agent` line that follows a rule.
Unknown fields (`sitemap`, `host` …) neither end nor belong to a group; a rule before any `user-agent` line
belongs to no group.

Which group: the crawler's product token (the user agent up to its first `/` or space, e.g. `news-assets` for
`news-assets/0.1 (+https://…)`) compared case-insensitively with each group's user-agent values; every group
naming it is merged into one. Without such a group, the `*` groups merged; without those, everything is allowed.

Which rule: the one whose path pattern matches the longest part of the URL's path and query (counted in octets
of the pattern, as written after normalisation); when an `allow` and a `disallow` pattern of the same length
both match, `allow` wins. `*` matches any run of characters, a trailing `$` anchors the pattern at the end of
the path; otherwise a pattern matches a prefix. An empty `disallow` is no rule. `/robots.txt` itself is always
allowed. Patterns and paths are compared after the same percent-encoding normalisation: non-ASCII characters
are UTF-8 percent-encoded, escapes of unreserved characters (`%41` → `A`) decoded, other escapes upper-cased.

Availability (RFC 9309 §2.3.1): a 2xx robots.txt is parsed (its first 500 KiB); a 4xx other than 429 means no
rules, everything allowed; anything else (5xx, 429, network failure, refused address) makes the host off limits
for the run.
"""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from news_assets.sources.http.urls import host_of, origin_of

ROBOTS_MAX_BYTES = 500 * 1024
_UNRESERVED = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
_ESCAPE = re.compile(r"%([0-9A-Fa-f]{2})")


def product_token(user_agent: str) -> str:
    """`news-assets` for `news-assets/0.1 (+https://example.org)`."""
    return re.split(r"[/\s]", user_agent.strip(), maxsplit=1)[0].lower()


def normalize(path: str) -> str:
    """Percent-encoding made canonical, so that `/한` and `/%ED%95%9C`, `/%7e` and `/~` compare equal."""
    out: list[str] = []
    for char in path:
        if ord(char) < 128:
            out.append(char)
        else:
            out.extend(f"%{byte:02X}" for byte in char.encode("utf-8"))
    text = "".join(out)

    def canonical(match: re.Match[str]) -> str:
        value = int(match.group(1), 16)
        return chr(value) if value in _UNRESERVED else f"%{value:02X}"

    return _ESCAPE.sub(canonical, text)


@dataclass(frozen=True, slots=True)
class Rule:
    allow: bool
    pattern: str
    regex: re.Pattern[str] = field(compare=False, repr=False)

    @classmethod
    def of(cls, allow: bool, value: str) -> Rule:
        pattern = normalize(value)
        anchored = pattern.endswith("$")
        body = pattern[:-1] if anchored else pattern
        regex = ".*".join(re.escape(part) for part in body.split("*"))
        return cls(allow, pattern, re.compile(regex + (r"\Z" if anchored else ""), re.DOTALL))

    def matches(self, path: str) -> bool:
        return self.regex.match(path) is not None


@dataclass(slots=True)
class _Group:
    agents: list[str] = field(default_factory=list)
    rules: list[Rule] = field(default_factory=list)
    crawl_delay: float | None = None


@dataclass(frozen=True, slots=True)
class RobotsRules:
    """The rules of one robots.txt that apply to one crawler."""

    rules: tuple[Rule, ...] = ()
    crawl_delay: float | None = None

    @classmethod
    def allow_all(cls) -> RobotsRules:
        return cls()

    @classmethod
    def disallow_all(cls) -> RobotsRules:
        return cls((Rule.of(False, "/"),))

    @classmethod
    def parse(cls, text: str, user_agent: str) -> RobotsRules:
        groups: list[_Group] = []
        current: _Group | None = None
        in_agents = False
        for raw in text.splitlines():
            line = raw.split("#", 1)[0].strip()
            if ":" not in line:
                continue
            name, value = (part.strip() for part in line.split(":", 1))
            name = name.lower()
            if name in ("user-agent", "useragent", "user agent"):
                if not in_agents or current is None:
                    current = _Group()
                    groups.append(current)
                current.agents.append(product_token(value) or value.lower())
                in_agents = True
                continue
            if name in ("allow", "disallow"):
                in_agents = False
                if current is None or (name == "disallow" and not value):
                    continue
                if name == "allow" and not value:
                    continue
                current.rules.append(Rule.of(name == "allow", value))
            elif name in ("crawl-delay", "crawl_delay"):
                in_agents = False
                if current is not None:
                    try:
                        delay = float(value)
                    except ValueError:
                        continue
                    if delay >= 0:
                        current.crawl_delay = delay
        token = product_token(user_agent)
        chosen = [g for g in groups if token and token in g.agents]
        if not chosen:
            chosen = [g for g in groups if "*" in g.agents]
        delays = [g.crawl_delay for g in chosen if g.crawl_delay is not None]
        return cls(tuple(rule for g in chosen for rule in g.rules), max(delays) if delays else None)

    def decide(self, url: str) -> Rule | None:
        """The rule that decides `url` (None: no rule matches, so it is allowed)."""
        parts = urlsplit(url)
        path = normalize((parts.path or "/") + (f"?{parts.query}" if parts.query else ""))
        if path == "/robots.txt":
            return None
        best: Rule | None = None
        for rule in self.rules:
            if not rule.matches(path):
                continue
            # Longer pattern first; at equal length an allow rule beats a disallow rule.
            if best is None or (len(rule.pattern), rule.allow) > (len(best.pattern), best.allow):
                best = rule
        return best

    def allowed(self, url: str) -> bool:
        rule = self.decide(url)
        return rule is None or rule.allow


class RobotsCache:
    def __init__(self, fetcher, user_agent: str, limiter=None) -> None:
        self.fetcher = fetcher
        self.user_agent = user_agent
        self.limiter = limiter
        self._rules: dict[str, asyncio.Future[tuple[RobotsRules, str]]] = {}

    async def refusal(self, url: str, hosts: frozenset[str]) -> str | None:
        """None when `url` may be fetched, else why not."""
        origin = origin_of(url)
        pending = self._rules.get(origin)
        if pending is None:
            # One fetch per origin even when many tasks ask at once: the first creates it, the rest await it.
            pending = asyncio.ensure_future(self._load(origin, hosts))
            self._rules[origin] = pending
        rules, why = await asyncio.shield(pending)
        rule = rules.decide(url)
        if rule is None or rule.allow:
            return None
        return why or f"{origin}/robots.txt forbids {url} (Disallow: {rule.pattern})"

    async def _load(self, origin: str, hosts: frozenset[str]) -> tuple[RobotsRules, str]:
        fetched = await self.fetcher.fetch(
            f"{origin}/robots.txt",
            hosts | {host_of(origin)},
            check_robots=False,
            max_bytes=ROBOTS_MAX_BYTES,
            truncate=True,
        )
        status = fetched.status
        if fetched.body is not None and status is not None and 200 <= status < 300:
            rules = RobotsRules.parse(fetched.body.decode("utf-8", "replace"), self.user_agent)
            if rules.crawl_delay and self.limiter is not None:
                self.limiter.slow_down(host_of(origin), rules.crawl_delay)
            return rules, ""
        if status is not None and 400 <= status < 500 and status != 429:
            return RobotsRules.allow_all(), ""  # no robots.txt: everything is allowed
        return (
            RobotsRules.disallow_all(),
            f"{origin}/robots.txt unavailable ({fetched.error}), the host is off limits for this run",
        )
