"""Dev-only training code of news-assets (never in the news-assets wheel): ``news_assets_training.ner`` builds
the NER tagger's model (``scripts/train_ner.py``) and its cross-validation (``bench/ner.py``, ``bench/entities.py``)."""
