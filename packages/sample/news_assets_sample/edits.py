"""How a partner outlet touches a wire story before printing it: a new headline, a sentence cut, a verb
swapped. The copy stays a near-duplicate, and its truth is recomputed from the sentences that remain."""

from __future__ import annotations

import random
from dataclasses import replace

from .text import Sentence, Story

# Swaps a desk editor makes at the end of a sentence; none of them touches a name or a quote.
_REWORDS = (
    ("말했다.", "설명했다."),
    ("밝혔다.", "전했다."),
    ("강조했다.", "힘주어 말했다."),
    ("늘었다.", "증가했다."),
    ("줄었다.", "감소했다."),
    ("예정이다.", "계획이다."),
    ("전망이다.", "것으로 보인다."),
    ("나온다.", "제기된다."),
    ("열었다.", "개최했다."),
)


def _reword(sentence: Sentence) -> Sentence | None:
    tail_start = sentence.text.rfind("”") + 1
    head, tail = sentence.text[:tail_start], sentence.text[tail_start:]
    for old, new in _REWORDS:
        if tail.endswith(old):
            return replace(sentence, text=head + tail[: -len(old)] + new)
    return None


def _drop_candidates(story: Story) -> list[tuple[int, int]]:
    out = []
    for b, block in enumerate(story.blocks):
        if b == 0 or block.kind != "p":
            continue
        for i, s in enumerate(block.sentences):
            if s.introduces:
                continue
            if len(block.sentences) > 1 and i > 0:
                out.append((b, i))
            elif len(block.sentences) == 1 and not any(x.introduces for x in block.sentences):
                out.append((b, -1))
    return out


def near_copy(story: Story, rng: random.Random) -> tuple[Story, str, bool]:
    """A lightly edited copy: (story, headline, whether the outlet adds its own reporter to the byline)."""
    copy = story.copy()
    changed = False
    if rng.random() < 0.6:
        cands = _drop_candidates(copy)
        if cands:
            b, i = rng.choice(cands)
            if i < 0:
                del copy.blocks[b]
            else:
                del copy.blocks[b].sentences[i]
            changed = True
    if not changed or rng.random() < 0.4:
        spots = [
            (b, i, new)
            for b, block in enumerate(copy.blocks)
            if block.kind == "p"
            for i, s in enumerate(block.sentences)
            if (new := _reword(s)) is not None
        ]
        if spots:
            b, i, new = rng.choice(spots)
            copy.blocks[b].sentences[i] = new
            changed = True
    if not changed:
        # Nothing else to touch: trim the last paragraph, as a desk short of space would.
        del copy.blocks[-1]
    title = story.title
    if rng.random() < 0.6:
        options = story.titles[1:] or [f"{story.title}(종합)"]
        title = rng.choice(options)
    return copy, title, rng.random() < 0.5
