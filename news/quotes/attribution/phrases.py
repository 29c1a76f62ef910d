"""Noun phrases as the article writes them: a role or a body with its modifiers, cleaned for showing."""

from __future__ import annotations

import re

from news.quotes.document import Document, Token

_MARKS_RE = re.compile(r"[«»\"“”„‟]")


def clean(name: str) -> str:
    """Drop quote marks and edge punctuation, one space between words."""
    name = _MARKS_RE.sub("", name)
    return " ".join(name.split()).strip(" ,.;:-—–()")


def span_text(doc: Document, first: Token, last: Token) -> str:
    """The text from one token to another of the same block, cleaned."""
    return clean(doc.text(first.block)[first.start : last.end])


def punct_between(doc: Document, a: Token, b: Token, marks: str = ",.;:!?()—–") -> bool:
    """Is there punctuation between two tokens of the same block (quote marks do not count)?"""
    if a.block != b.block:
        return True
    gap = doc.text(a.block)[a.end : b.start]
    return any(c in marks for c in gap)
