"""Kabarchy's pure text engine: language, structure, sentences, summaries and quotes. No I/O, no clock.

The bottom layer (news <- storage <- handlers <- bot): it imports none of the others, nor Telegram, SQLite, HTTP or
asyncio. Besides `analyse` it holds feed and page parsing (news.parse), search normalisation (news.morph), digest
composition and schedules (news.digest, news.schedule, where the default time zone is), and the domain types every
layer shares (news.models); types that belong to one layer (HTTP results, scheduler state, store counts) live there.
"""

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
