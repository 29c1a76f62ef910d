"""Kabarchy's pure text engine: language, structure, sentences, summaries and quotes. No I/O, no clock."""

from news.analysis import analyse, extract_quotes
from news.errors import EmptyTextError, InputError, NewsError, ParseError, TextTooLargeError
from news.language import detect_language
from news.sentences import split_sentences
from news.structure import split_blocks
from news.summary import summarize

__all__ = [
    "EmptyTextError",
    "InputError",
    "NewsError",
    "ParseError",
    "TextTooLargeError",
    "analyse",
    "detect_language",
    "extract_quotes",
    "split_blocks",
    "split_sentences",
    "summarize",
]
