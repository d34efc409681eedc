"""Dev-only (not in the news-assets wheel): the bundled sample corpus, realistic Korean news pages written by a
deterministic generator, and `land_sample`, which drops it into a landing folder as a crawler would.

`generate(out_dir, start, days, pages_per_day, seed)` writes, per KST day,
`<day>/manifest.csv`, `<day>/pages/*.html` and `_truth/<day>.jsonl` (what a perfect extractor and NLP stage
should find on each page). `OUTLETS` maps outlet id to its Korean name, domain and layout.
"""

from __future__ import annotations

from .corpus import generate
from .landing import SAMPLE_DIR, land_sample
from .outlets import OUTLETS

__all__ = ["OUTLETS", "SAMPLE_DIR", "generate", "land_sample"]
