"""What an attribution names: the `Subject` a language's grammar reads, and the `Grammar` each language provides."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from news.quotes.document import Document
from news.quotes.mentions import Index, Mention
from news.quotes.spans import Candidate


@dataclass(slots=True)
class Subject:
    """Who a clause says spoke, before pronouns and roles are resolved."""

    kind: str  # "person", "pronoun", "role", "body", "media", "group", "self", "passive", "relay", "it",
    # "document" ("the letter said": whoever sent it)
    mention: Mention | None = None
    phrase: str = ""  # a role, body, group or medium as the article writes it
    gender: str = ""  # what a pronoun or a verb asks for: "m", "f", "+" (many), "" (any)
    role: str = ""  # the role's lexicon form, for finding its holder
    generic: bool = False  # a body named by its kind only ("министрлик", "ведомство"): the one named before
    owned: bool = False  # a role that names its owner ("кыздын апасы", "Japarov's spokesman")
    new: bool = False  # someone brought in unnamed: "a police spokesman said", "one resident said"


class Grammar(Protocol):
    def clause_subject(self, doc: Document, index: Index, cand: Candidate) -> Subject | None:
        """The subject an attribution clause (after or inside the quote) names."""

    def subject_before(self, doc: Document, index: Index, b: int, start: int, end: int) -> Subject | None:
        """The subject of the sentence part before a quote (a colon, `according to`, `X «…» деп`)."""

    def sentence_subject(self, doc: Document, index: Index, si: int, end: int | None = None) -> Subject | None:
        """The subject of a narrative sentence, for what pronouns, roles and bare quotes point back to."""

    def statement_owner(self, doc: Document, index: Index, si: int) -> Subject | None:
        """Who a sentence says issued a statement, when it names no subject: "агенттиктин сайтында жарыяланды"."""
