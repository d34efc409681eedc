"""Data the pipeline ships and reads with importlib.resources: the gazetteer (and, later, model files)."""
