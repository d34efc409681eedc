"""The bundled sample corpus: realistic Korean news pages written by a deterministic generator.

`generate(out_dir, start, days, pages_per_day, seed)` writes, per KST day,
`<day>/manifest.csv`, `<day>/pages/*.html` and `_truth/<day>.jsonl` (what a perfect extractor and NLP stage
should find on each page). `OUTLETS` maps outlet id to its Korean name, domain and layout.
"""

from __future__ import annotations

from .corpus import generate
from .outlets import OUTLETS

__all__ = ["OUTLETS", "generate"]
