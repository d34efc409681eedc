"""Build data/gold/ko_real/quotes.jsonl (offsets and labels only) from an annotation source that names strings.

Dev-only. The annotations point at the texts of ``../shared/corpus/ko_real/<page>/expected.txt`` by strings the
annotator chose; this script turns them into Python str offsets, checks that every span round-trips, and writes
the gold without any of the text. The source itself quotes the articles, so it is not committed: ``export``
writes it back from the gold and the texts, to edit and build again.

    python data/gold/ko_real/build.py build SOURCE     # SOURCE -> data/gold/ko_real/quotes.jsonl
    python data/gold/ko_real/build.py export SOURCE    # quotes.jsonl + texts -> SOURCE
    python data/gold/ko_real/build.py show [PAGE]      # each gold item with its text, for review

Source format (README.md in this folder has the annotation conventions), one item per line, ``#`` comments:

    = <page id>                                   starts a document
    H <anchor>                                    a heading: the whole line that holds the anchor
    H= <anchor>                                   a heading: exactly the anchor's span (a crosshead fused to text)
    D speaker | speaker_kind | title | affiliation | <anchor>     direct quote (the anchor expands to its marks)
    I speaker | speaker_kind | title | affiliation | <anchor>     indirect speech (exactly the anchor's span)
    R person | title | affiliation | form | <anchor>             a role; form is apposition or clause

``-`` is an empty field; several speakers of one quote are joined with ``+`` (the first is ``speaker``).
An anchor is ``TEXT``, ``TEXT@n`` (its n-th occurrence, from 1) or ``FROM ~~ TO`` (from FROM's start to the
end of the first TO after it; FROM may carry ``@n``).
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
GOLD = HERE / "quotes.jsonl"
CORPUS = ROOT.parent / "shared" / "corpus" / "ko_real"
OPEN_CLOSE = {"“": "”", '"': '"', "‘": "’", "'": "'"}
KINDS = {"D": "direct", "I": "indirect"}
SPEAKER_KINDS = {"person", "organisation", "anonymous"}
FORMS = {"apposition", "clause"}


def read_text(page: str) -> str:
    return (CORPUS / page / "expected.txt").read_text(encoding="utf-8")


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _occurrence(text: str, needle: str, n: int, after: int = 0) -> int:
    pos = after - 1
    for _ in range(n):
        pos = text.find(needle, pos + 1)
        if pos < 0:
            raise ValueError(f"not found (occurrence {n}): {needle!r}")
    return pos


def _split_at(anchor: str) -> tuple[str, int]:
    m = re.fullmatch(r"(.*?)@(\d+)", anchor, flags=re.S)
    return (m.group(1), int(m.group(2))) if m else (anchor, 1)


def resolve(text: str, anchor: str) -> tuple[int, int]:
    if " ~~ " in anchor:
        first, last = anchor.split(" ~~ ", 1)
        first, n = _split_at(first)
        start = _occurrence(text, first, n)
        end = _occurrence(text, last, 1, start + len(first)) + len(last)
        return start, end
    needle, n = _split_at(anchor)
    start = _occurrence(text, needle, n)
    if text.find(needle, start + 1) >= 0 and n == 1 and "@" not in anchor:
        raise ValueError(f"ambiguous anchor (give @n): {needle!r}")
    return start, start + len(needle)


def expand_to_marks(text: str, start: int, end: int) -> tuple[int, int]:
    """The inner span of the quote marks around [start, end): the nearest opening mark on the left, its closing
    mark on the right; a span already bounded by marks stays."""
    if start > 0 and end < len(text) and OPEN_CLOSE.get(text[start - 1]) == text[end]:
        return start, end
    opener = max(text.rfind(m, 0, start + 1 if text[start] in OPEN_CLOSE else start) for m in OPEN_CLOSE)
    if opener < 0:
        raise ValueError(f"no opening quote mark before {text[start : start + 20]!r}")
    if opener == start:
        start += 1
    close = text.find(OPEN_CLOSE[text[opener]], max(end, opener + 1))
    if close < 0:
        raise ValueError(f"no closing mark for {text[opener : opener + 20]!r}")
    return opener + 1, close


def _line_span(text: str, start: int) -> tuple[int, int]:
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", start)
    return lo, len(text) if hi < 0 else hi


def _opt(field: str) -> str | None:
    field = field.strip()
    return None if field in ("", "-") else field


def parse_source(path: Path) -> list[dict]:
    docs: list[dict] = []
    doc: dict | None = None
    text = ""
    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.rstrip()
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            if line.startswith("= "):
                page = line[2:].strip()
                text = read_text(page)
                doc = {
                    "id": page,
                    "sha256": sha256(text),
                    "chars": len(text),
                    "headings": [],
                    "quotes": [],
                    "roles": [],
                }
                docs.append(doc)
                continue
            if doc is None:
                raise ValueError("an item before the first '= <page>' line")
            tag, _, rest = line.partition(" ")
            if tag in ("H", "H="):
                s, e = resolve(text, rest.strip())
                doc["headings"].append(list(_line_span(text, s) if tag == "H" else (s, e)))
            elif tag in KINDS:
                speaker, kind, title, affiliation, anchor = (f.strip() for f in rest.split("|", 4))
                s, e = resolve(text, anchor)
                if tag == "D":
                    s, e = expand_to_marks(text, s, e)
                speakers = [] if _opt(speaker) is None else speaker.split("+")
                if _opt(kind) is not None and kind not in SPEAKER_KINDS:
                    raise ValueError(f"speaker kind {kind!r} not in {sorted(SPEAKER_KINDS)}")
                q = {
                    "start": s,
                    "end": e,
                    "kind": KINDS[tag],
                    "speaker": speakers[0] if speakers else None,
                    "speaker_kind": _opt(kind),
                    "title": _opt(title),
                    "affiliation": _opt(affiliation),
                }
                if len(speakers) > 1:
                    q["co_speakers"] = speakers[1:]
                doc["quotes"].append(q)
            elif tag == "R":
                person, title, affiliation, form, anchor = (f.strip() for f in rest.split("|", 4))
                if form not in FORMS:
                    raise ValueError(f"role form {form!r} not in {sorted(FORMS)}")
                s, e = resolve(text, anchor)
                doc["roles"].append(
                    {
                        "person": person,
                        "title": title,
                        "affiliation": _opt(affiliation),
                        "form": form,
                        "start": s,
                        "end": e,
                    }
                )
            else:
                raise ValueError(f"unknown item {tag!r}")
        except ValueError as err:
            raise SystemExit(f"{path}:{lineno}: {err}\n  {line}") from None
    for d in docs:
        d["quotes"].sort(key=lambda q: q["start"])
        d["roles"].sort(key=lambda r: r["start"])
        d["headings"].sort()
        check(d, read_text(d["id"]))
    return docs


def check(doc: dict, text: str) -> None:
    """Spans inside the text, quotes not overlapping one another, direct quotes bounded by marks."""
    spans = sorted((q["start"], q["end"]) for q in doc["quotes"])
    for a, b in pairwise(spans):
        if b[0] < a[1]:
            raise SystemExit(f"{doc['id']}: overlapping quotes {text[a[0] : a[1]]!r} / {text[b[0] : b[1]]!r}")
    for q in doc["quotes"]:
        if not 0 <= q["start"] < q["end"] <= len(text):
            raise SystemExit(f"{doc['id']}: quote span out of the text: {q}")
        if q["kind"] == "direct" and OPEN_CLOSE.get(text[q["start"] - 1]) != text[q["end"]]:
            raise SystemExit(f"{doc['id']}: direct quote not bounded by marks: {text[q['start'] : q['end']]!r}")


def write_gold(docs: list[dict]) -> None:
    GOLD.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")


def _anchor(text: str, s: int, e: int) -> str:
    piece = text[s:e]
    n = 1
    pos = text.find(piece)
    while pos != s:
        pos = text.find(piece, pos + 1)
        n += 1
    return piece if n == 1 and text.find(piece, s + 1) < 0 else f"{piece}@{n}"


def export(path: Path) -> None:
    lines = ["# Exported from data/gold/ko_real/quotes.jsonl: edit, then `build.py build` this file.", ""]
    for d in (json.loads(x) for x in GOLD.read_text(encoding="utf-8").splitlines() if x.strip()):
        text = read_text(d["id"])
        lines.append(f"= {d['id']}")
        lines += [f"H= {_anchor(text, s, e)}" for s, e in d["headings"]]
        for q in d["quotes"]:
            speaker = "+".join([q["speaker"], *q.get("co_speakers", [])]) if q["speaker"] else "-"
            fields = [speaker, q["speaker_kind"], q["title"], q["affiliation"]]
            tag = "D" if q["kind"] == "direct" else "I"
            lines.append(f"{tag} " + " | ".join(f or "-" for f in fields) + f" | {_anchor(text, q['start'], q['end'])}")
        for r in d["roles"]:
            fields = [r["person"], r["title"], r["affiliation"], r["form"]]
            lines.append("R " + " | ".join(f or "-" for f in fields) + f" | {_anchor(text, r['start'], r['end'])}")
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")


def show(page: str | None) -> None:
    for d in (json.loads(x) for x in GOLD.read_text(encoding="utf-8").splitlines() if x.strip()):
        if page and d["id"] != page:
            continue
        text = read_text(d["id"])
        print(f"= {d['id']}")
        for s, e in d["headings"]:
            print(f"  H  {text[s:e]!r}")
        for q in d["quotes"]:
            who = q["speaker"] or "-"
            print(
                f"  {q['kind'][0].upper()}  [{who} / {q['speaker_kind']} / {q['title']} / {q['affiliation']}] {text[q['start'] : q['end']]!r}"
            )
        for r in d["roles"]:
            print(
                f"  R  {r['person']} | {r['title']} | {r['affiliation']} ({r['form']})  {text[r['start'] : r['end']]!r}"
            )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("command", choices=("build", "export", "show"))
    ap.add_argument("arg", nargs="?")
    args = ap.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"build.py: the texts are not at {CORPUS}", file=sys.stderr)
        return 1
    if args.command == "build":
        docs = parse_source(Path(args.arg))
        write_gold(docs)
        print(
            f"wrote {GOLD}: {len(docs)} documents, {sum(len(d['quotes']) for d in docs)} quotes, "
            f"{sum(len(d['roles']) for d in docs)} roles"
        )
    elif args.command == "export":
        export(Path(args.arg))
    else:
        show(args.arg)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
