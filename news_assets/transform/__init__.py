"""Pure table transforms between assets: frames in, frames out, no Dagster.

Each function here is what one asset computes, so it can be tested and benchmarked without a run.
"""
