"""Direct quotes and who said them, in Kyrgyz, Russian and English news.

One entry point, `extract`, runs five stages, each a module of its own:

1. `spans`: quote marks become candidates, and each is decided to be a quote (with the frame of its attribution:
   after it, inside it, before a colon, `according to`, or none) or a name, a title, a scare quote, a fragment.
2. `mentions`: the article's own index of people (with their inflected forms and the roles written next to them),
   bodies, media and places, read through morphology (`news.morph`) and the lexicons (`lexicon/`, data files).
3. `attribution`: one module per language (`ky`, `ru`, `en`) says where the verb of saying and its subject sit,
   and what the subject is: a person, a pronoun, a role, a body, a medium, an impersonal report.
4. `resolution`: pronouns, roles, the owner of a role, bodies named by their kind, and a speaker that continues
   over the quotes that follow.
5. `ranking`: which quotes to show first.

There is no model: the rules read each language's grammar of attribution and the article's own names. Nothing here
reads the clock or does I/O beyond the package's word lists.
"""

from __future__ import annotations

import re

from collections.abc import Sequence

from news.models import Block, Quote
from news.quotes.attribution import grammar
from news.quotes.document import Document
from news.quotes.mentions import build_index
from news.quotes.ranking import Found, rank
from news.quotes.resolution import Discourse, Speaker
from news.quotes.spans import Candidate, candidates
from news.sentences import QuoteSpan

__all__ = ["extract"]


def extract(
    blocks: Sequence[Block],
    *,
    language: str,
    bounds: dict[int, list[tuple[int, int]]] | None = None,
    spans: dict[int, list[QuoteSpan]] | None = None,
) -> tuple[Quote, ...]:
    """Return the direct quotes of an article's body blocks with their speakers, ranked best first.

    `bounds` and `spans` (sentence offsets and quote spans per block index) may be passed when already computed.
    """
    if spans is not None and not any(spans.values()):
        return ()  # no quote marks at all
    doc = Document(blocks, language, bounds, spans)
    found = candidates(doc)
    if not found:
        return ()
    index = build_index(doc)
    rules = grammar(language)
    discourse = Discourse(doc, index, rules)
    speakers: list[Speaker | None] = []
    for cand in found:
        subject = None
        if cand.frame in ("after", "inside"):
            subject = rules.clause_subject(doc, index, cand)
        elif cand.frame in ("colon", "according"):
            subject = rules.subject_before(doc, index, cand.block, *cand.before)
        speaker = discourse.speaker(cand, subject)
        discourse.record(cand, speaker)
        speakers.append(speaker)
    # A paragraph that opens a quote and does not close it goes on in the next one, which opens the mark again
    # ("«… \n «…», — дейт Гүлзада"): the speaker is the one that paragraph's attribution names.
    for k in range(len(found) - 2, -1, -1):
        cand, nxt = found[k], found[k + 1]
        if cand.frame == "standalone" and speakers[k + 1] is not None and _runs_on(doc, cand, nxt):
            speakers[k] = speakers[k + 1]
    out: list[Found] = []
    names: dict[str, str] = {}  # each speaker's name as shown, spelled out once
    for cand, speaker in zip(found, speakers, strict=True):
        text = doc.text(cand.block)[cand.start : cand.end]
        if speaker is not None and speaker.name not in names:
            names[speaker.name] = _spelled_out(doc, speaker.name)
        out.append(
            Found(
                text,
                names[speaker.name] if speaker else None,
                bool(speaker and speaker.named),
                cand.frame != "standalone",
                cand.sent,
            )
        )
    return rank(out)


_ACRONYM_RE = re.compile(r"[A-Z]{2,6}")
_NAME_WORDS_RE = re.compile(r"(?:[A-Z][\w'’]*|and|of|for|the|to|on|&)(?:\s+(?:[A-Z][\w'’]*|and|of|for|the|to|on|&))+")


def _spelled_out(doc: Document, name: str) -> str:
    """An English body given by its initials ("the HSE said") in the fullest form the article writes it: the
    capitalised name whose initials they are ("Health and Safety Executive", "Information Commissioner's Office",
    "Committee to Protect Journalists")."""
    if doc.lang != "en" or not _ACRONYM_RE.fullmatch(name):
        return name
    for b in doc.body:
        for m in _NAME_WORDS_RE.finditer(doc.text(b)):
            words = [w for w in m.group().split() if w not in ("and", "of", "for", "the", "to", "on", "&")]
            article = next((a for a in ("the ", "a ", "an ") if m.group().lower().startswith(a)), "")
            if words and words[0] in ("The", "A", "An"):
                words = words[1:]  # "A Court of Arbitration for Sport (CAS) panel": the article is no initial
            if "".join(w[0] for w in words) == name and len(words) == len(name):
                return m.group()[len(article) :]
    return name


def _runs_on(doc: Document, cand: Candidate, nxt: Candidate) -> bool:
    """Is `cand` a quote left open at the end of its paragraph, and `nxt` the next paragraph's quote that goes on
    with it (its mark opens the paragraph)?"""
    span = next((s for s in doc.spans[cand.block] if s.mark_start == cand.mark_start and s.depth == 0), None)
    if span is None or not span.unclosed or doc.text(cand.block)[cand.end :].strip(" .,!?…\u00a0"):
        return False
    blocks = doc.body
    at = blocks.index(cand.block) if cand.block in blocks else -1
    return 0 <= at < len(blocks) - 1 and nxt.block == blocks[at + 1] and not doc.text(nxt.block)[: nxt.mark_start].strip()
