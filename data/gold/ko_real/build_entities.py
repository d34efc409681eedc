"""Build data/gold/ko_real/entities.jsonl (PER/ORG/LOC offsets and labels only) from an annotation source.

Dev-only. The annotations name each entity by its surface (and, where the surface occurs more than once and not
every occurrence is an entity, by its occurrence numbers or a short context); this script turns them into Python
str offsets, checks them, and writes the gold without any of the text. Like ``build.py``'s quotes source, the
source quotes the articles (short contexts), so it is not committed: ``export`` writes it back from the gold.

    python data/gold/ko_real/build_entities.py build SOURCE    # SOURCE -> data/gold/ko_real/entities.jsonl
    python data/gold/ko_real/build_entities.py export SOURCE   # entities.jsonl + texts -> SOURCE
    python data/gold/ko_real/build_entities.py show [PAGE]     # each text with its entities bracketed, to review
    python data/gold/ko_real/build_entities.py unmarked [PAGE] # occurrences of annotated surfaces left unmarked

Source format (README.md in this folder has the annotation conventions), one item per line, ``#`` comments:

    = <page id>                 starts a document
    TYPE SURFACE                SURFACE occurs once in the text (an error otherwise)
    TYPE SURFACE *              every occurrence of SURFACE
    TYPE SURFACE * -3,5         every occurrence but the 3rd and the 5th (numbered from 1)
    TYPE SURFACE @2,4           the 2nd and the 4th occurrence
    TYPE SURFACE ~ CONTEXT      SURFACE where it first occurs inside CONTEXT, at every occurrence of CONTEXT
                                (``CONTEXT@n`` for one occurrence of it)

TYPE is PER, ORG or LOC. SURFACE is written with ``_`` for a space (``LOC 경남_하동``); so is CONTEXT.
Entities may not overlap one another; the same span may not be given twice.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from itertools import pairwise
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
GOLD = HERE / "entities.jsonl"
CORPUS = ROOT.parent / "shared" / "corpus" / "ko_real"
TYPES = ("PER", "ORG", "LOC")
PAGES_SKIPPED = {"naver_news_read_0b6fd8_cp949_reencoded": "naver_news_read_0b6fd8"}


def read_text(page: str) -> str:
    return (CORPUS / page / "expected.txt").read_text(encoding="utf-8")


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def occurrences(text: str, needle: str) -> list[int]:
    out, pos = [], text.find(needle)
    while pos >= 0:
        out.append(pos)
        pos = text.find(needle, pos + 1)
    return out


def _numbers(field: str) -> list[int]:
    return [int(x) for x in field.split(",") if x.strip()]


def resolve(text: str, surface: str, selector: str) -> list[int]:
    """The start offsets of the entity SURFACE selected by SELECTOR (see the module docstring)."""
    found = occurrences(text, surface)
    if not found:
        raise ValueError(f"not found: {surface!r}")
    selector = selector.strip()
    if not selector:
        if len(found) > 1:
            raise ValueError(f"{surface!r} occurs {len(found)} times: give *, @n or ~ CONTEXT")
        return found
    if selector == "*":
        return found
    if m := re.fullmatch(r"\*\s*-\s*([\d,]+)", selector):
        drop = _numbers(m.group(1))
        if max(drop) > len(found):
            raise ValueError(f"{surface!r} occurs only {len(found)} times")
        return [p for i, p in enumerate(found, 1) if i not in drop]
    if m := re.fullmatch(r"@([\d,]+)", selector):
        keep = _numbers(m.group(1))
        if max(keep) > len(found):
            raise ValueError(f"{surface!r} occurs only {len(found)} times")
        return [found[i - 1] for i in keep]
    if selector.startswith("~"):
        context = selector[1:].strip()
        n = None
        if m := re.fullmatch(r"(.*?)@(\d+)", context):
            context, n = m.group(1), int(m.group(2))
        context = context.replace("_", " ")
        inner = context.find(surface)
        if inner < 0:
            raise ValueError(f"{surface!r} is not inside the context {context!r}")
        ctx = occurrences(text, context)
        if not ctx:
            raise ValueError(f"context not found: {context!r}")
        if n is not None:
            if n > len(ctx):
                raise ValueError(f"context {context!r} occurs only {len(ctx)} times")
            ctx = [ctx[n - 1]]
        return [c + inner for c in ctx]
    raise ValueError(f"bad selector {selector!r}")


def parse_source(path: Path) -> list[dict]:
    docs: list[dict] = []
    doc: dict | None = None
    text = ""
    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.split("#", 1)[0].rstrip() if not raw.lstrip().startswith("= ") else raw.rstrip()
        if not line.strip():
            continue
        try:
            if line.startswith("= "):
                page = line[2:].strip()
                text = read_text(page)
                doc = {"id": page, "sha256": sha256(text), "chars": len(text), "entities": []}
                docs.append(doc)
                continue
            if doc is None:
                raise ValueError("an item before the first '= <page>' line")
            parts = line.split(None, 2)
            if len(parts) < 2 or parts[0] not in TYPES:
                raise ValueError(f"expected 'TYPE SURFACE [SELECTOR]' with TYPE in {TYPES}")
            etype, surface = parts[0], parts[1].replace("_", " ")
            for start in resolve(text, surface, parts[2] if len(parts) > 2 else ""):
                doc["entities"].append({"start": start, "end": start + len(surface), "type": etype})
        except ValueError as err:
            raise SystemExit(f"{path}:{lineno}: {err}\n  {line}") from None
    for d in docs:
        d["entities"].sort(key=lambda e: (e["start"], e["end"]))
        check(d, read_text(d["id"]))
    return docs


def check(doc: dict, text: str) -> None:
    """Spans inside the text, not empty, no two overlapping (which also catches a span given twice)."""
    ents = doc["entities"]
    for e in ents:
        if not 0 <= e["start"] < e["end"] <= len(text) or e["type"] not in TYPES:
            raise SystemExit(f"{doc['id']}: bad entity {e}")
        piece = text[e["start"] : e["end"]]
        if piece != piece.strip():
            raise SystemExit(f"{doc['id']}: entity with outer whitespace {piece!r}")
    for a, b in pairwise(ents):
        if b["start"] < a["end"]:
            raise SystemExit(
                f"{doc['id']}: overlapping entities {text[a['start'] : a['end']]!r} ({a['type']}) / "
                f"{text[b['start'] : b['end']]!r} ({b['type']}) at {a['start']}, {b['start']}"
            )


def load_gold() -> list[dict]:
    return [json.loads(x) for x in GOLD.read_text(encoding="utf-8").splitlines() if x.strip()]


def write_gold(docs: list[dict]) -> None:
    GOLD.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")


def export(path: Path) -> None:
    lines = ["# Exported from data/gold/ko_real/entities.jsonl: edit, then `build_entities.py build` this file.", ""]
    for d in load_gold():
        text = read_text(d["id"])
        lines.append(f"= {d['id']}")
        by_surface: dict[tuple[str, str], list[int]] = {}
        for e in d["entities"]:
            by_surface.setdefault((e["type"], text[e["start"] : e["end"]]), []).append(e["start"])
        for (etype, surface), starts in by_surface.items():
            found = occurrences(text, surface)
            if starts == found:
                sel = "" if len(found) == 1 else " *"
            elif all(s in found for s in starts):
                sel = " @" + ",".join(str(found.index(s) + 1) for s in starts)
            else:  # an occurrence that overlaps another one of the same surface: cannot happen for names
                raise SystemExit(f"{d['id']}: cannot export {surface!r}")
            lines.append(f"{etype} {surface.replace(' ', '_')}{sel}")
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")


def bracketed(text: str, ents: list[dict]) -> str:
    out, pos = [], 0
    for e in ents:
        out += [text[pos : e["start"]], "[", text[e["start"] : e["end"]], "]", e["type"][0]]
        pos = e["end"]
    return "".join([*out, text[pos:]])


def show(page: str | None) -> None:
    for d in load_gold():
        if page and d["id"] != page:
            continue
        print(f"= {d['id']}  ({len(d['entities'])} entities)")
        print(bracketed(read_text(d["id"]), d["entities"]))
        print()


def unmarked(page: str | None) -> None:
    """Each occurrence of an annotated surface (two characters or more) that is not inside an entity: the usual
    annotation error is a repeated name marked once."""
    for d in load_gold():
        if page and d["id"] != page:
            continue
        text = read_text(d["id"])
        covered = [(e["start"], e["end"]) for e in d["entities"]]
        surfaces = {text[e["start"] : e["end"]] for e in d["entities"]}
        for surface in sorted(s for s in surfaces if len(s) >= 2):
            for pos in occurrences(text, surface):
                if not any(s <= pos and pos + len(surface) <= e for s, e in covered):
                    ctx = text[max(0, pos - 12) : pos + len(surface) + 12].replace("\n", " ")
                    print(f"{d['id']}: {surface!r} unmarked at {pos}: …{ctx}…")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("command", choices=("build", "export", "show", "unmarked"))
    ap.add_argument("arg", nargs="?")
    args = ap.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"build_entities.py: the texts are not at {CORPUS}", file=sys.stderr)
        return 1
    if args.command == "build":
        docs = parse_source(Path(args.arg))
        write_gold(docs)
        counts = {t: sum(e["type"] == t for d in docs for e in d["entities"]) for t in TYPES}
        print(f"wrote {GOLD}: {len(docs)} documents, " + ", ".join(f"{t} {n}" for t, n in counts.items()))
    elif args.command == "export":
        export(Path(args.arg))
    elif args.command == "show":
        show(args.arg)
    else:
        unmarked(args.arg)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
