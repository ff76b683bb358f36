"""Benchmarks: the pipeline against a naive spaCy loop, and the worker end to end on a real broker."""
