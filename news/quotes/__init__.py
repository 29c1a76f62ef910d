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

from collections.abc import Sequence

from news.models import Block, Quote
from news.quotes.attribution import grammar
from news.quotes.document import Document
from news.quotes.mentions import build_index
from news.quotes.ranking import Found, rank
from news.quotes.resolution import Discourse
from news.quotes.spans import candidates
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
    out: list[Found] = []
    for cand in found:
        subject = None
        if cand.frame in ("after", "inside"):
            subject = rules.clause_subject(doc, index, cand)
        elif cand.frame in ("colon", "according"):
            subject = rules.subject_before(doc, index, cand.block, *cand.before)
        speaker = discourse.speaker(cand, subject)
        discourse.record(cand, speaker)
        text = doc.text(cand.block)[cand.start : cand.end]
        out.append(
            Found(
                text,
                speaker.name if speaker else None,
                bool(speaker and speaker.named),
                cand.frame != "standalone",
                cand.sent,
            )
        )
    return rank(out)
