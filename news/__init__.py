"""Kabarchy's pure text engine: language, structure, sentences, summaries and quotes. No I/O, no clock."""
