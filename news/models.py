"""Domain types shared by every layer: frozen, slotted, free of I/O."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class BlockKind(StrEnum):
    """What a paragraph-level block of an article is."""

    TITLE = "title"
    HEADING = "heading"
    CAPTION = "caption"
    BODY = "body"


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph-level unit of an article, classified."""

    kind: BlockKind
    text: str


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of the body, with the index of the block it came from."""

    text: str
    block: int
    start: int  # character offset of the sentence inside its block


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quote and who said it.

    `text` is the words inside the quote marks (marks left out); `speaker` is the person or organisation as the
    article names them, in the fullest nearby form, or None when anonymous or passive. `position` is the quote's
    order in the article; `score` orders quotes by how worth showing they are (higher first).
    """

    text: str
    speaker: str | None
    position: int
    score: float = 0.0
    sentence: int | None = None


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything `news.analyse` learns about one article."""

    language: str  # "ky" | "ru" | "en" | "other"
    title: str | None
    lead: str | None
    blocks: tuple[Block, ...]
    sentences: tuple[Sentence, ...]
    summary: tuple[str, ...]
    quotes: tuple[Quote, ...]  # ranked: the first ones are the ones worth showing


@dataclass(frozen=True, slots=True)
class ArticleDraft:
    """An article as it arrives, before it is analysed and stored.

    `text` is plain text with blank lines between paragraphs (or HTML, which `news.analyse` also reads).
    """

    text: str
    title: str | None = None
    url: str | None = None
    guid: str | None = None
    source: str | None = None
    published: datetime | None = None
    author: str | None = None
    language: str | None = None
    feed_id: int | None = None
    extra: dict[str, str] = field(default_factory=dict)
