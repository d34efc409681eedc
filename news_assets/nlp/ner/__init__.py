"""A learned named-entity tagger (linear-chain CRF over Kiwi morphemes); no Dagster import.

```python
from news_assets.nlp.kiwi import get_kiwi
from news_assets.nlp.ner import default_tagger

spans = default_tagger().tag(text, get_kiwi().tokenize(text))  # [Span(start, end, type)], PER/ORG/LOC
```

The model is package data (``news_assets/data/ner/``), rebuilt by ``python scripts/train_ner.py``.
"""

from .features import FeatureExtractor, Morph, morphs_of
from .tagger import NerTagger, Span, decode, default_tagger

__all__ = ["FeatureExtractor", "Morph", "NerTagger", "Span", "decode", "default_tagger", "morphs_of"]
