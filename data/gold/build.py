"""Build data/gold/entities.jsonl from the hand-annotated markup in data/gold/source/*.txt.

The markup exists because character offsets are impossible to write by hand; the JSONL it produces is what
the benchmark reads. Run: ``python data/gold/build.py`` (rewrites data/gold/entities.jsonl).

Markup (see data/gold/README.md for the annotation guidelines):

- ``## <doc-id> <domain> [split]`` starts a document; paragraphs are separated by blank lines. Without a
  split, every third document (in file order) is held out.
- ``[surface|TYPE]`` or ``[surface|TYPE=canonical name]`` marks an entity.
- ``<r>...</r>`` or ``<r t=TITLE>...</r>`` wraps a person-role phrase: the PER inside is the person, the first
  other entity inside is the affiliation, the title is the rest of the phrase unless ``t=`` gives it.
- ``{{speaker::quoted text}}`` marks the text of a quote (inside its quote marks); an empty speaker means
  the quote has no resolvable speaker.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TOKEN = re.compile(
    r"\[(?P<surf>[^\[\]|]+)\|(?P<type>[A-Z]+)(?:=(?P<canon>[^\]]*))?\]"
    r"|<r(?: t=(?P<title>[^>]+))?>|(?P<rclose></r>)|\{\{(?P<spk>[^:{}]*)::|(?P<qclose>\}\})"
)
SPLIT_EVERY = 3  # every third document (index % 3 == 2) is held out from tuning


def parse_doc(doc_id: str, domain: str, body: str) -> dict:
    out: list[str] = []
    pos = 0
    entities: list[dict] = []
    roles: list[dict] = []
    quotes: list[dict] = []
    role_open: dict | None = None
    quote_open: dict | None = None
    for m in TOKEN.finditer(body):
        out.append(body[pos : m.start()])
        pos = m.end()
        here = sum(map(len, out))
        if m.group("surf") is not None:
            surf = m.group("surf")
            ent = {
                "start": here,
                "end": here + len(surf),
                "surface": surf,
                "type": m.group("type"),
                "name": m.group("canon") or surf,
            }
            entities.append(ent)
            out.append(surf)
            if role_open is not None:
                role_open["entities"].append(ent)
        elif m.group(0).startswith("<r"):
            assert role_open is None, (doc_id, body[m.start() : m.start() + 40])
            role_open = {"start": here, "title": m.group("title"), "entities": []}
        elif m.group("rclose"):
            assert role_open is not None, doc_id
            text = "".join(out)[role_open["start"] :]
            people = [e for e in role_open["entities"] if e["type"] == "PER"]
            others = [e for e in role_open["entities"] if e["type"] != "PER"]
            assert len(people) == 1, (doc_id, text)
            title = role_open["title"]
            if title is None:
                rest = text
                for e in role_open["entities"]:
                    rest = rest.replace(e["surface"], " ", 1)
                title = " ".join(rest.split())
            assert title, (doc_id, text)
            roles.append(
                {
                    "person": people[0]["name"],
                    "title": title,
                    "affiliation": others[0]["name"] if others else None,
                    "affiliation_type": others[0]["type"] if others else None,
                    "start": role_open["start"],
                    "end": here,
                }
            )
            role_open = None
        elif m.group("spk") is not None:
            assert quote_open is None, (doc_id, body[m.start() : m.start() + 40])
            quote_open = {"start": here, "speaker": m.group("spk").strip() or None}
        elif m.group("qclose"):
            assert quote_open is not None, doc_id
            quotes.append(
                {
                    "speaker": quote_open["speaker"],
                    "start": quote_open["start"],
                    "end": here,
                    "quote": "".join(out)[quote_open["start"] :],
                }
            )
            quote_open = None
    out.append(body[pos:])
    assert role_open is None and quote_open is None, doc_id
    text = "".join(out)
    for e in entities:
        assert text[e["start"] : e["end"]] == e["surface"]
    leftovers = re.findall(r"[\[\]{}]|</?r[ >]", text)
    assert not leftovers, (doc_id, leftovers)
    return {
        "id": doc_id,
        "domain": domain,
        "text": text,
        "sentences": count_sentences(text),
        "entities": entities,
        "roles": roles,
        "quotes": quotes,
    }


def count_sentences(text: str) -> int:
    # Counted on the text, not with Kiwi, so the gold does not depend on the analyser it evaluates.
    n = 0
    depth = 0
    for i, ch in enumerate(text):
        if ch in "“‘":
            depth += 1
        elif ch in "”’":
            depth = max(0, depth - 1)
        elif ch in ".?!" and depth == 0 and (i + 1 == len(text) or text[i + 1].isspace()):
            n += 1
    return n


def load_sources(src: Path) -> list[dict]:
    docs: list[dict] = []
    for path in sorted(src.glob("*.txt")):
        chunks = re.split(r"^## ", path.read_text(encoding="utf-8"), flags=re.M)
        for chunk in chunks[1:]:
            header, _, body = chunk.partition("\n")
            doc_id, domain, *flags = header.split()
            paragraphs = [" ".join(p.split("\n")).strip() for p in re.split(r"\n\s*\n", body.strip())]
            doc = parse_doc(doc_id, domain, "\n\n".join(p for p in paragraphs if p))
            doc["forced_split"] = flags[0] if flags else None
            docs.append(doc)
    # Documents with a split in their header (the second batch, written after the first analyser, for tuning)
    # do not take part in the every-third rule, so adding them never moves a document in or out of heldout.
    i = 0
    for d in docs:
        forced = d.pop("forced_split")
        if forced:
            d["split"] = forced
            continue
        d["split"] = "heldout" if i % SPLIT_EVERY == SPLIT_EVERY - 1 else "dev"
        i += 1
    return docs


def main() -> None:
    docs = load_sources(HERE / "source")
    out = HERE / "entities.jsonl"
    with out.open("w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    n_sent = sum(d["sentences"] for d in docs)
    n_ent = sum(len(d["entities"]) for d in docs)
    n_roles = sum(len(d["roles"]) for d in docs)
    n_quotes = sum(len(d["quotes"]) for d in docs)
    print(
        f"{len(docs)} docs, {n_sent} sentences, {n_ent} entities, {n_roles} roles, {n_quotes} quotes -> {out}",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
