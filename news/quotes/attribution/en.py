"""English: the attribution follows the quote (`"…," X said`, `"…," said X`) or precedes it with a colon.

- `"…," Bloomberg said.` / `"…," she says.` / `"…," the mayor's office said.`: the subject before the verb.
- `"…," said Pete Larkin.` / `"…," said its chairman, Sir Martin Hale.` / `"…," says Nina Ostrova of IT
  firm Brightwave.`: the subject after the verb; a name in apposition to a role is the speaker; an
  apposition after a name is its role (`said Hope Well, a local farmer`).
- `Ms Rennie, deputy editor of The Courier, said: "…"` / `He told the BBC: "…"`: the subject opens the
  clause before the colon; relative clauses (`, whose films include …,`) are left out.
- A cue inside a relative clause is not the attribution: `one resident, who asked not to be named, said`.
"""

from __future__ import annotations

import re

from news.quotes.attribution.phrases import punct_between, span_text
from news.quotes.attribution.subject import Subject
from news.quotes.cues import FIRST_PERSON, is_cue, pronoun
from news.quotes.document import Document, Token
from news.quotes.lexicon import Lexicon, fold
from news.quotes.mentions import AGE_RE, EN_AUXILIARIES, Index, Mention, body_stem, nationality_before_noun, role_stem
from news.quotes.spans import Candidate

_RELATIVE = frozenset(("who", "whose", "which", "where", "whom"))


def _relative(t: Token) -> bool:
    """Does a word open a relative clause ("who", "which")? "WHO" in capitals is the World Health Organization."""
    return t.low in _RELATIVE and not t.text.isupper()
_DETERMINERS = frozenset("the a an one his her their its this that our".split())
_POSSESSIVE_PRONOUNS = {"his": "m", "her": "f", "their": "+"}
_PREPOSITIONS = frozenset(
    "in on at to for of by with from into about after before over under near against outside inside across behind"
    " beyond beside through throughout within without among between around towards despite".split()
)


def _main_tokens(doc: Document, toks: list[Token]) -> list[Token]:
    """The words of a clause without its relative clauses (", whose films include …,")."""
    out: list[Token] = []
    skipping = False
    for i, t in enumerate(toks):
        if skipping:
            if i and punct_between(doc, toks[i - 1], t, ",;:()—–"):
                skipping = False
            else:
                continue
        if _relative(t) and i and punct_between(doc, toks[i - 1], t, ","):
            skipping = True
            continue
        out.append(t)
    return out


class English:
    def clause_subject(self, doc: Document, index: Index, cand: Candidate) -> Subject | None:
        c1, c2 = cand.clause
        toks = doc.tokens_between(cand.block, c1, c2)
        if not toks:
            return None
        lex = doc.lex
        cues = [
            i
            for i, t in enumerate(toks[:14])
            if is_cue(lex, t.low) and not (i and toks[i - 1].low in ("who", "which", "that"))
            and not (i and toks[i - 1].low in _DETERMINERS)  # ("the report said": a noun after its article)
        ]
        if not cues:
            # "…" — Coach Marco Silva: the attribution is a name alone.
            return _first_np(doc, index, toks, after_verb=True)
        cue = cues[0]
        at = next((j for j, t in enumerate(toks[:14]) if t.low == "quoted"), -1)
        if 0 <= at and any(
            toks[j].low == "as" and is_cue(lex, toks[j + 1].low) for j in range(at + 1, min(len(toks) - 1, at + 12))
        ):
            # '"…," state news agency TDH quoted Oil and Gas Minister Myrat Orazberdiyev as saying': the one quoted
            quoted = _first_np(doc, index, toks[at + 1 :], after_verb=True)
            if quoted is not None and quoted.kind in ("person", "role"):
                return quoted
        if cue > 0:
            found = _subject_of_verb(doc, index, toks[:cue])
            if found is not None and found.kind == "role":
                found = _named_as(doc, index, toks[:cue]) or found  # '"…," a driller who gave his name as X told'
            if found is not None:
                return found
            if toks[cue].low in ("told", "tells"):
                return None  # '"…," the former sprinter told BBC Scotland': after "told" comes whom, not who
        found = _first_np(doc, index, toks[cue + 1 :], after_verb=True)
        if found is not None and found.kind == "role":
            # '"…," said the fisherman, who would give only one name, Rodel': the name the clause gives them
            found = _named_as(doc, index, toks[cue + 1 :]) or found
        return found

    def subject_before(self, doc: Document, index: Index, b: int, start: int, end: int) -> Subject | None:
        toks = _after_caption(doc, index, doc.tokens_between(b, start, end))
        if not toks:
            return None
        text = doc.text(b)[start:end].lower()
        if "according to" in text:
            k = next((i for i, t in enumerate(toks) if t.low == "to"), None)
            if k is not None:
                # The one "according to" names is the source, though it stands after a preposition: "According to
                # the Retail Council," / "According to Jane Marsh,".
                for t in toks[k + 1 : k + 3]:
                    m = index.at_token.get(t.index)
                    if m is None:
                        continue
                    if m.kind in ("org", "body", "media") and not m.possessive:
                        return Subject("media" if m.kind == "media" else "body", m, phrase=m.text)
                    if m.kind in ("person", "single") and not m.possessive and (
                        m.kind == "person" or len(m.words) > 1 or index.is_person(m)
                    ):
                        index.confirm(m)
                        return Subject("person", m)
                    break
                return _first_np(doc, index, toks[k + 1 :], after_verb=True)
        # The first verb of saying with a subject before it: "Asked whether the cash would continue, the minister
        # said:" (neither "Asked" nor "continue" has one)
        for cue in (i for i, t in enumerate(toks) if i and is_cue(doc.lex, t.low)):
            found = _subject_of_verb(doc, index, toks[:cue])
            if found is not None and found.kind == "role":
                found = _named_as(doc, index, toks[:cue]) or found
            if found is not None:
                return found
        return _first_np(doc, index, toks, after_verb=False)

    def statement_owner(self, doc: Document, index: Index, si: int) -> Subject | None:
        return None

    def sentence_subject(self, doc: Document, index: Index, si: int, end: int | None = None) -> Subject | None:
        toks = [t for t in doc.sentence_tokens(si) if end is None or t.start < end]
        sent = doc.sents[si]
        heads = list(_RUN_IN_CROSSHEAD_RE.finditer(doc.text(sent.block), sent.start, sent.end))
        if heads and toks:
            # "… visitors in August 'Nobody is listening' Alasdair Strachan, who farms near Salen, said": a caption
            # and a crosshead run into the sentence (XL-Sum); its subject comes after them
            toks = [t for t in toks if t.start >= heads[-1].end()] or toks
        toks = _after_caption(doc, index, toks)
        if len(toks) > 2 and toks[0].low == "according" and toks[1].low == "to":
            # "According to Simon Achebe of Halden Securities, the merger was expected": the source is the topic
            m = index.at_token.get(toks[2].index)
            if m is not None and (m.kind == "person" or m.kind == "single" and len(m.words) > 1) and not m.possessive:
                index.confirm(m)
                return Subject("person", m)
            # "According to a Scottish government spokesperson, ministers had …": an unnamed source or a body
            comma = next((k for k in range(3, len(toks)) if punct_between(doc, toks[k - 1], toks[k], ",")), -1)
            if comma > 2 and toks[2].low in ("a", "an", "the"):
                named = index.at_token.get(toks[comma].index)
                if named is not None and named.kind in ("person", "single") and len(named.words) > 1:
                    index.confirm(named)  # "According to a local forestry official, Gulbahor Nazarova, …"
                    return Subject("person", named)
                source = _first_np(doc, index, toks[2:comma], after_verb=False)
                if source is not None and source.kind == "role":
                    return source
        inverted = _inverted_copula(doc, index, toks)
        if inverted is not None:
            return inverted
        found = _subject_of_verb(doc, index, toks) if toks else None
        if found is not None and found.kind == "role":
            found = _named_as(doc, index, toks) or found
        if found is None or found.kind == "pronoun" and found.gender in ("", "+") or found.kind == "document":
            # ("They were discovered by security researcher Hannah Pilkington": they, the files; she found them;
            # "The petition was started by Lorraine Stanyer, who …": its author)
            agent = _passive_agent(index, toks)
            if agent is not None:
                return agent
        return found


def _inverted_copula(doc: Document, index: Index, toks: list[Token]) -> Subject | None:
    """The subject of a sentence that fronts what it says and puts the copula before the name: "Among those dismayed
    by the news is Mark Venning, whose wife …", "Also injured was Tom Hale"."""
    if len(toks) < 4 or toks[0].low not in ("among", "also"):
        return None
    for k in range(1, min(len(toks) - 1, 12)):
        if toks[k].low in ("is", "was", "are", "were") and not punct_between(doc, toks[k - 1], toks[k]):
            m = index.at_token.get(toks[k + 1].index)
            if m is not None and (m.kind == "person" or m.kind == "single" and len(m.words) > 1) and not (
                punct_between(doc, toks[k], toks[k + 1])
            ) and _said_of_a_person(doc, m):
                index.confirm(m)
                return Subject("person", m)
            return None
    return None


def _said_of_a_person(doc: Document, m: Mention) -> bool:
    """Does what follows a name say it is a person's: a relative clause on who or whose, an age, a role in
    apposition ("Mark Venning, whose wife …", "Tom Hale, 34,", "Ann Dyer, a nurse"), or nothing at all for a name
    already known as a person's?"""
    rest = doc.text(m.block)[m.end : m.end + 60]
    if re.match(r",\s+(?:who|whose)\b|,\s+\d{1,3},", rest):
        return True
    apposed = re.match(r",\s+(?:a|an|the)\s+((?:[\w'’-]+\s+){0,2}[\w'’-]+)", rest)
    if apposed is not None:
        return any(role_stem(doc.lex, fold(w)) is not None for w in apposed.group(1).split())
    return m.kind == "person" or len(m.words) == 2 and not rest.lstrip()[:1].isalpha()


# How past participles end, regular and not: discovered, taken, shown, held, caught, found, made, paid, sent, built,
# left, kept, shot, won, lost, cut, done
_PARTICIPLE_ENDINGS = ("ed", "en", "wn", "ld", "ht", "nd", "de", "id", "nt", "lt", "ft", "pt", "ot", "on", "st", "ut", "ne")


def _after_caption(doc: Document, index: Index, toks: list[Token]) -> list[Token]:
    """The words of a sentence after a caption run into it (XL-Sum): it ends where a capitalised opener follows a
    lowercase word ("… raised £14m from investors last year In a statement, …") or a capitalised trade opens a
    name ("… into the market place Butcher Geoffrey Lumsdaine, whose shop …, told")."""
    if not toks:
        return toks
    lex = doc.lex
    text = doc.text(toks[0].block)
    for k in range(len(toks) - 2, 0, -1):
        t, prev = toks[k], toks[k - 1]
        if t.upper and not prev.upper and text[prev.end : t.start] == " " and prev.low not in _PREPOSITIONS and (
            prev.low not in _DETERMINERS
        ) and (  # ("a petition addressed to | President Sadyr Japarov": the name is the preposition's object)
            t.low in _CAPTION_ENDS_BEFORE
            or role_stem(lex, t.low) is not None and (named := index.at_token.get(toks[k + 1].index)) is not None
            and named.kind in ("person", "single") and len(named.words) > 1
        ):
            return toks[k:]
        if t.low == "the" and t.text == "The" and prev.upper and not toks[k + 1].upper and text[prev.end : t.start] == " ":
            # "… the most westerly town in mainland Britain The local MP, Daniel Carthew, said": an article opens the
            # sentence after a caption that ends on a name (within a name it goes before one: "in The Hague")
            return toks[k:]
    # A caption run into the sentence also ends before a full name after a lowercase word:
    # - "… sandbags into the market place Butcher Geoffrey Lumsdaine, whose shop …, told": one a relative clause
    #   describes, when a verb of saying follows it and none comes before;
    # - "Image caption Derek Holloway says he was given three dates for surgery Imran Qadri, who runs the trust,
    #   said …": after a marked caption, the last name a relative clause or a verb of saying follows.
    caption = len(toks) > 3 and toks[1].low == "caption" and toks[0].low in ("image", "media", "video")
    for k in range(len(toks) - 2, 2, -1):
        t, prev = toks[k], toks[k - 1]
        named = index.at_token.get(t.index)
        if named is not None and prev.low in lex.titles and k > 3:
            k, t, prev = k - 1, prev, toks[k - 2]  # "Insp Graeme Fyvie": the title opens the name
        if named is None or named.kind not in ("person", "single") or len(named.words) < 2 or (
            prev.upper and prev.low not in lex.calendar  # ("… shortly after 07:00 on Sunday Insp Graeme Fyvie")
        ):
            continue
        after = text[named.end : named.end + 12]
        if caption:
            nxt = doc.tokens[named.tokens[1]] if named.tokens[1] < len(doc.tokens) else None
            if re.match(r",\s+(?:who|which)\b", after) or nxt is not None and is_cue(lex, nxt.low) or (
                after.startswith(",") and any(is_cue(lex, x.low) for x in toks if named.end < x.start <= named.end + 50)
            ):  # ("… Insp Graeme Fyvie, of Police Scotland, said:", "… X, Network Rail's route director, said:")
                return toks[k:]
        elif text[prev.end : t.start] == " " and re.match(r",\s+(?:who|whose)\b", after) and any(
            is_cue(lex, x.low) for x in toks if x.start > named.end
        ) and not any(is_cue(lex, x.low) for x in toks[:k]):
            return toks[k:]
    return toks


def _passive_agent(index: Index, toks: list[Token]) -> Subject | None:
    """"For 22 years it has been driven by Gwen Alderson": the one a passive verb says did it."""
    for k in range(1, len(toks) - 1):
        if toks[k].low != "by" or not toks[k - 1].low.endswith(_PARTICIPLE_ENDINGS):
            continue
        if not any(x.low in ("been", "was", "were", "is", "are", "be") for x in toks[max(0, k - 4) : k - 1]):
            continue
        # the name, past the trade written before it ("by security researcher Hannah Pilkington")
        m = next((index.at_token[x.index] for x in toks[k + 1 : k + 5] if x.index in index.at_token), None)
        if m is not None and (m.kind == "person" or m.kind == "single" and len(m.words) > 1) and all(
            not x.upper for x in toks[k + 1 : k + 5] if x.index < m.tokens[0]
        ):
            index.confirm(m)
            return Subject("person", m)
    return None


_CONJUNCTIONS = frozenset(("but", "and", "yet", "so", "or"))
# Words that open a sentence and, capitalised after a lowercase word with no stop between, show where a caption run
# into the text ended (not "The" or "Mr", which names and titles take: "told The Times", "said Mr Brown")
_CAPTION_ENDS_BEFORE = frozenset(
    "in but he she they we his her their according speaking asked after before when however meanwhile".split()
)
_ADVERBIAL_OPENERS = frozenset(
    "in on at for after before during earlier later then however but and meanwhile speaking asked when while "
    "yesterday today also now still instead according as".split()
)


def _subject_of_verb(doc: Document, index: Index, toks: list[Token]) -> Subject | None:
    """The subject right before a verb of saying: the comma-separated part that is neither an adverbial
    ("In a statement,") nor an apposition ("Ms Rennie, deputy editor of The Courier, said")."""
    parts: list[list[Token]] = [[]]
    inside = -1  # the end of a name written with commas ("Department for Culture, Media and Sport")
    for i, t in enumerate(toks):
        if i and t.index >= inside and punct_between(doc, toks[i - 1], t, ",;—–()"):
            parts.append([])
        parts[-1].append(t)
        named = index.at_token.get(t.index)
        if named is not None:
            inside = max(inside, named.tokens[1])
    last = parts[-1]
    if len(parts) >= 2 and 2 <= len(last) <= 7 and is_cue(doc.lex, last[-1].low) and last[-1].low in ("said", "says"):
        # "The agreement …, was signed by … (CNPC), Turkmenistan's foreign ministry said": the reporting clause that
        # ends the sentence names who said it all
        found = _first_np(doc, index, last[:-1], after_verb=False)
        if found is not None and found.kind in ("body", "person", "role", "media"):
            return found
    for part in parts[1:]:
        # "Chile's labour ministry has offered to mediate, an official there told Reuters, asking …": a reporting
        # clause set off by commas, with someone new as its subject, tells who says what the article then quotes
        verb = next((j for j, x in enumerate(part) if x.low in ("told", "said")), -1)
        if 2 <= verb <= 4 and part[0].low in ("a", "an") and not any(x.upper for x in part[:verb]):
            found = _first_np(doc, index, part[:verb], after_verb=False)
            if found is not None and found.kind == "role":
                return found
    skipped = -1
    for k, part in enumerate(parts):
        if len(part) > 1 and part[0].low in _CONJUNCTIONS:
            part = part[1:]  # "But Neil Ash, of the Hale Institute, said": the conjunction opens, the name follows
        opener = part[0].low if part else ""
        adverbial = (
            opener in _ADVERBIAL_OPENERS or opener in _PREPOSITIONS or opener.endswith(("ing", "ed")) and k < len(parts) - 1
            and len(opener) > 4 and len(part) > 1  # ("Ed Harlow, for the Liberal Democrats,", "Khurshed, a farmer,")
            # (not "Retired fisherman Jory Tremenheere, 78, said": a participle before a trade describes the person)
            and not (len(part) > 1 and role_stem(doc.lex, part[1].low) is not None)
        )
        if not part or (adverbial and len(parts) > 1 and k < len(parts) - 1):
            if not any(_finite_verb(doc, part, j) for j in range(1, len(part))):
                skipped = k  # ("In a field outside Gulistan, a picker …": no name for an apposition to describe)
            continue
        if _bracketed(doc, part):
            continue  # "… through Greater Manchester Police (GMP), his family said": the initials repeat a name
        if part and _relative(part[0]):
            break
        # The subject is the first part that is not an adverbial; appositions and relative clauses follow it.
        nxt_part = parts[k + 1] if k + 1 < len(parts) else []
        head_words = next(
            (nxt_part[:j] for j in range(1, len(nxt_part)) if nxt_part[j].low in _PREPOSITIONS), nxt_part
        )  # (the apposition's own words, not those of a phrase after it: "a specialist at the Centre for …")
        after_part = parts[k + 2] if k + 2 < len(parts) else []
        if part and nxt_part and nxt_part[0].low in ("the", "a", "an") and any(
            (x.low == "body" or body_stem(doc.lex, x.low) is not None) and not x.low.endswith(("'s", "’s"))
            for x in head_words
        ) and bool(after_part) and not after_part[0].upper and after_part[0].low not in _BE_FORMS:
            # (then the body's own verb: "said", "called for"; not a passive: "Line D, the fourth branch of the
            # network, was signed")
            # "Waterlines, the trade body for the industry, said": the body in apposition is the name before it
            named = index.at_token.get(part[0].index)
            if named is not None and named.kind in ("single", "org", "body") and named.tokens[1] - named.tokens[0] == len(
                part
            ):
                return Subject("body", named, phrase=named.text)
        found = _first_np(doc, index, part, after_verb=False, adjacent=True)
        if found is None:
            continue
        if found.kind == "body" and k + 2 < len(parts) and _bracketed(doc, parts[k + 1]) and parts[k + 2]:
            # "Police Service of Northern Ireland (PSNI) Insp Gareth Neill said": the body, its initials, then the
            # officer who speaks for it
            named = index.ending_at(parts[k + 2][-1])
            if named is not None and named.kind == "person" and named.tokens[0] - parts[k + 2][0].index <= 1:
                return Subject("person", named)
        if found.kind == "role" and k and part[0].low in ("a", "an") and parts[k - 1] and skipped != k - 1:
            # "… tabled by crossbench peer Lord Tennant, a former chief fire officer, who said": the role in
            # apposition describes the one just named (past an age: "Aidana Toktogulova, 24, a design student")
            before = parts[k - 1]
            if k >= 2 and parts[k - 2] and len(before) == 1 and before[0].low.isdigit():
                before = parts[k - 2]
            named = index.ending_at(before[-1])
            if named is not None and named.kind in ("person", "single") and not named.possessive:
                index.confirm(named)
                return Subject("person", named)
        possessed = found.kind == "body" and found.mention is not None and found.mention.possessive and len(part) > (
            found.mention.tokens[1] - found.mention.tokens[0]
        )  # "Cornwall Council's portfolio holder for transport, Rob Tremain, said": a title owned by the body
        if (found.kind == "role" or possessed) and k + 2 < len(parts) and parts[k + 1] and (
            parts[k + 1][0].low in ("the", "a", "an") and not any(x.upper and x.index in index.at_token and (
                index.at_token[x.index].kind == "person") for x in parts[k + 1])
        ) and parts[k + 2]:
            # "The convener of Comhairle nan Eilean Siar, the Western Isles council, Donald John MacSween, said": a
            # description of what the role is of, then the name
            named = index.at_token.get(parts[k + 2][0].index)
            if named is not None and named.kind in ("person", "single") and not named.possessive and (
                named.tokens[1] - named.tokens[0] == len(parts[k + 2])
            ):
                index.confirm(named)
                return Subject("person", named)
        if (found.kind == "role" or possessed) and k + 1 < len(parts):
            # "The head of the audit office, Anna Lowe, also said": the name in apposition, alone in its part.
            appos = parts[k + 1]
            titled = 0  # "the chief medical officer, Dr Alma Reyes, said": a title before the name is the name's
            while titled < len(appos) - 1 and appos[titled].low in doc.lex.titles:
                titled += 1
            nxt = next((index.at_token[t.index] for t in appos[titled : titled + 1] if t.index in index.at_token), None)
            whole = nxt is not None and nxt.tokens[1] - nxt.tokens[0] == len(appos) - titled
            # "His coach, the former Davis Cup player Neil Ashcombe, said": a role phrase ending in the name
            last = index.ending_at(parts[k + 1][-1]) if len(parts[k + 1]) > 1 else None
            described = last is not None and all(
                not x.upper or role_stem(doc.lex, x.low) is not None or x.low in doc.lex.titles
                for x in parts[k + 1][: len(parts[k + 1]) - (last.tokens[1] - last.tokens[0])]
            )  # "One victim, retired postman Derek Allard, 78, lost £64,000"; "…, Brigadier General Omar al-Tayeb,"
            if nxt is None and last is not None and last.kind in ("person", "single") and (
                parts[k + 1][0].low in ("the", "a") or described
            ) and len(last.words) > 1:
                index.confirm(last)
                return Subject("person", last)
            width = nxt.tokens[1] - nxt.tokens[0] if nxt is not None else 0
            affiliated = nxt is not None and len(nxt.words) > 1 and titled + width < len(appos) and (
                appos[titled + width].low in ("of", "from", "at")
            )  # "A lawyer for the two cafes, Mel Dorr of the firm Hatch & Lee, said": a name, then where she works
            if nxt is not None and (nxt.kind == "person" or nxt.kind == "single" and (whole or affiliated)):
                index.confirm(nxt)
                return Subject("person", nxt)
        return found
    # "One machine can do the work of 100 pickers Chepkoech Highlands Tea, which owns the estate, said": a caption run
    # into the sentence; the name that a relative clause describes, right before it, is who spoke
    for k in range(len(parts) - 1):
        if parts[k] and parts[k + 1] and parts[k + 1][0].low in ("which", "who"):
            named = index.ending_at(parts[k][-1])
            # (the verb of saying is the relative clause's own when nothing follows "which": "Any appeal would be
            # heard by Planning Decisions Wales, which said": then even a name after a preposition speaks)
            own_verb = k + 1 == len(parts) - 1 and len(parts[k + 1]) == 1
            if named is not None and len(named.words) > 1 and not named.possessive and (
                not named.after_preposition or own_verb
            ):
                if named.kind in ("org", "body", "media") or named.kind == "single" and parts[k + 1][0].low == "which":
                    return Subject("body", named, phrase=named.text)
                if named.kind in ("person", "single"):
                    index.confirm(named)
                    return Subject("person", named)
    return None


# What an issuer writes and "says" for it: "the letter said" is the one who sent it, "a council statement" the council's.
_STATEMENTS = frozenset(
    "statement letter report release email e-mail memo note notice message post document filing submission tweet"
    " announcement communique ruling judgment judgement verdict complaint lawsuit petition resolution directive decree"
    " circular bulletin update study survey review audit assessment analysis paper indictment affidavit"
    " notification guidance advisory".split()
)
_AGENTIVE_RE = re.compile(r"(?:er|or|ist|ian|ant|ent)$")
_DEGREE_WORDS = frozenset("even much far still slightly somewhat no any ever".split())
_POSTED = frozenset(("embassy", "consulate", "mission", "representation", "delegation"))
_BE_FORMS = frozenset("was were is are been being be".split())


_RUN_IN_CROSSHEAD_RE = re.compile(r"(?<=\s)['‘][A-Z][^'’\n.!?]{1,60}['’]\s+(?=[A-Z])")
_OPENING_MARKS = {"'": "'", "‘": "’", '"': '"', "“": "”"}


def _in_crosshead(doc: Document, t: Token) -> bool:
    """Is a word inside a crosshead in quote marks that opens its sentence ("'We let him down' Captain X said")?"""
    text = doc.text(t.block)
    head = text[doc.sents[t.sent].start : t.start].lstrip()
    close = _OPENING_MARKS.get(head[:1])
    return close is not None and close not in head[1:]


def _epithet(doc: Document, toks: list[Token], i: int) -> int:
    """How many words from i name a national or an age ("Spaniard", "South African", "24-year-old"); 0 if none."""
    lex = doc.lex
    if i + 1 < len(toks) and f"{toks[i].low} {toks[i + 1].low}" in lex.demonyms:
        return 2
    if nationality_before_noun(doc, toks[i]):
        return 0  # "the Tajik labour ministry said": a nationality before its noun is no epithet
    if toks[i].low in lex.demonyms or AGE_RE.match(toks[i].low):
        return 1
    return 0


def _first_np(
    doc: Document, index: Index, toks: list[Token], *, after_verb: bool, adjacent: bool = True
) -> Subject | None:
    """The first noun phrase that can be a subject: a name, a pronoun, a role; a body when there is none.

    A lone capitalised word is taken as a person only right next to the verb (`"…," Bloomberg said`).
    """
    lex = doc.lex
    n = len(toks)
    i = 0
    fallback: Subject | None = None
    weak: Subject | None = None  # a person or a role named only as an owner ("the president's mind")
    while i < n:
        t = toks[i]
        if not after_verb and i and _finite_verb(doc, toks, i) and not _names_a_body(doc, toks, i):
            break  # "The report shows the cost of the new road": past the verb there is no subject
        if t.low == "one" and i + 2 < n and toks[i + 1].low == "of" and fallback is None and weak is None:
            # "One of the injured crew members, a boatman from Palawan, told DZBB": someone new, one of a group
            for k in range(i + 2, min(n, i + 7)):
                if punct_between(doc, toks[k - 1], toks[k]) or toks[k].upper:
                    break
                stem = role_stem(lex, toks[k].low)
                if stem is not None and _plural(toks[k].low, stem):
                    return Subject("role", phrase=span_text(doc, t, toks[k]), role=stem, new=True)
        if t.low == "the" and i + 1 < n:
            # "the Spaniard said", "said the 24-year-old": an epithet for someone named before, as a pronoun
            width = _epithet(doc, toks, i + 1)
            if width and AGE_RE.match(toks[i + 1].low) and i + 1 + width < n and role_stem(lex, toks[i + 1 + width].low):
                # "the 47-year-old mother of four told the BBC": an age and what she is, for someone named before
                noun = toks[i + 1 + width].low
                end = i + 2 + width
                if end + 1 < n and toks[end].low == "of" and not toks[end + 1].upper:
                    end += 2
                if end == n or after_verb or _verb_next(lex, toks, end):
                    return Subject("pronoun", gender=lex.gendered.get(noun, ""))
            if width and (i + 1 + width == n or after_verb or _verb_next(lex, toks, i + 1 + width)):
                last = toks[i + width].low
                gender = "m" if last.endswith("man") else "f" if last.endswith("woman") else ""
                # ("the 19-year-old said": the one the article gave that age, when it gave it to one)
                return Subject("pronoun", gender=gender, phrase=last if AGE_RE.match(last) else "")
        m = index.at_token.get(t.index)
        if m is not None:
            width = m.tokens[1] - m.tokens[0]
            prev = toks[i - 1].low if i else ""
            if prev in _PREPOSITIONS or m.after_preposition:
                i += width
                continue
            if m.kind in ("person", "single"):
                nxt = toks[i + width].low if i + width < n else ""
                owns_role = nxt and role_stem(lex, nxt) and not punct_between(doc, toks[i + width - 1], toks[i + width])
                if m.possessive and i == 0 and not owns_role and not after_verb and (
                    m.kind == "person" or index.is_person(m)
                ):
                    # "Mr Hardy's letter said", "Fenwick's winner … came": the owner is what the clause is about
                    return Subject("person", m)
                if m.possessive or owns_role:
                    # "Japarov's spokesman", "Jamie's wife Ashley": the name owns the role after it.
                    if weak is None and m.kind == "person":
                        weak = Subject("person", m)
                    i += width
                    continue
                at_verb = after_verb and i == 0 or not after_verb and (i + width == n or _verb_next(lex, toks, i + width))
                if after_verb and i == 1 and len(m.words) > 1 and not toks[0].upper and toks[0].low not in _DETERMINERS:
                    at_verb = True  # "said commuter Joanna Pike": one word that describes her, then her name
                if not after_verb and len(m.words) > 1 and i + width + 1 < n and toks[i + width].low in ("from", "of") and (
                    all(x.upper for x in toks[i + width + 1 :])
                ):
                    at_verb = True  # "One, Peter Grewal from Leicester, said": a name, then where he is from
                if not after_verb and len(m.words) > 1 and i == 0 and i + width + 1 < n and (
                    toks[i + width].low in ("from", "of") and toks[i + width + 1].upper
                    and (org := index.at_token.get(toks[i + width + 1].index)) is not None and not index.is_person(org)
                ):
                    # "Emily Carstairs of Jefferies cut her price target": a full name, then the firm she is of, then
                    # her verb
                    after = org.tokens[1] - toks[0].index
                    at_verb = at_verb or 0 < after < n and not punct_between(doc, toks[after - 1], toks[after]) and (
                        is_cue(lex, toks[after].low) or not toks[after].upper and toks[after].low not in lex.function
                        and after + 1 < n and toks[after + 1].low in ("her", "his", "their")
                    )
                if not after_verb and len(m.words) > 1 and i == 0 and i + width + 1 < n and (
                    toks[i + width].low in ("from", "of") and toks[i + width + 1].low in ("the", "a", "an")
                ):
                    # "Oleg Zabolotny of the Vologda environmental group Chisty Sever said": a name, then the body he
                    # is of, up to the verb of saying
                    verb = next((j for j in range(i + width + 2, min(n, i + width + 10)) if _finite_verb(doc, toks, j)), -1)
                    at_verb = at_verb or verb > 0 and is_cue(lex, toks[verb].low) and not any(
                        punct_between(doc, toks[j - 1], toks[j]) for j in range(i + width, verb + 1)
                    )
                person_after = False  # before a verb: "Martin Hale said Pike had …" qualifies no one
                for j in range(i + width, min(n, i + width + 5)):
                    if _finite_verb(doc, toks, j):
                        break
                    nm = index.at_token.get(toks[j].index)
                    if nm is not None and nm.kind == "person":
                        person_after = True
                        break
                if m.kind == "single" and person_after and not index.is_person(m):
                    i += width  # "Skyway deputy chief executive Paul Quinn": the company qualifies the person
                    continue
                if m.kind == "single" and not (adjacent and at_verb):
                    if index.is_person(m):
                        return Subject("person", m)
                    i += width
                    continue
                index.confirm(m)
                return Subject("person", m)
            if m.quoted and i + width < n and index.at_token.get(toks[i + width].index) is not None:
                i += width  # "'Unacceptable' NHS England said": a crosshead in quote marks, run into the text
                continue
            if m.kind in ("org", "body", "media") and i + width < n and toks[i + width].low in _PLACE_NOUNS and (
                not punct_between(doc, toks[i + width - 1], toks[i + width])
            ):
                i += width + 1  # "The Central Asian country, a leading seller of flour, …": a place, not a body
                continue
            if m.kind in ("org", "body", "media") and fallback is None:
                fallback = Subject("media" if m.kind == "media" else "body", m, phrase=m.text)
            i += width
            continue
        low = t.low
        if low in FIRST_PERSON["en"] and not after_verb and not _in_crosshead(doc, t):
            return Subject("self")
        if low == "it" and (i == 0 or after_verb) and (after_verb or _verb_next(lex, toks, i + 1) or i + 1 == n):
            return Subject("it")  # '"…," it said in a statement': the body the text is about
        gender = pronoun("en", low)
        if gender is None and not after_verb and i == 0 and not any(
            role_stem(lex, x.low) or index.at_token.get(x.index) is not None for x in toks[i + 1 : i + 4]
        ):  # ("Her fellow co-founder Callum Baird said": her co-founder speaks, not she)
            # "Her statement said": the owner speaks; "Her son, David Collins, told": the son does.
            gender = _POSSESSIVE_PRONOUNS.get(low)
        if gender is not None:
            return Subject("pronoun", gender=gender)
        if low in _PREPOSITIONS and not after_verb:
            # "The report shows the cost of the new road": what follows a preposition is no subject.
            i = _skip_phrase(doc, toks, i)
            continue
        if low in _PREPOSITIONS:
            i += 1
            continue
        if low in _STATEMENTS and i == 1 and not after_verb and n > 3 and toks[2].low == "from" and (
            toks[0].low in ("a", "an", "the", "this", "that")
        ):
            # "A statement from the organisation read: '…'": whoever it is from
            owner = _first_np(doc, index, toks[3:], after_verb=False)
            if owner is not None and owner.kind in ("person", "body", "role", "pronoun"):
                return owner
            named = index.at_token.get(toks[3].index)
            if named is not None and named.kind in ("single", "org") and not named.possessive:
                # "A statement from Caledonian MacBrayne said": a name nobody gives a first name, the one it is from
                return Subject("body", named, phrase=named.text)
        if low in _STATEMENTS and i == 1 and toks[0].low in ("the", "this", "that") and (
            after_verb and n == 2 or not after_verb and (n == 2 or _verb_next(lex, toks, 2))
        ):
            return Subject("document", phrase=low, role=low)  # '"…," the letter said': whoever sent the letter
        if low in _STATEMENTS and i and not after_verb and body_stem(lex, toks[i - 1].low) is not None:
            kind = body_stem(lex, toks[i - 1].low)  # "a council statement said": the council's
            return Subject("body", phrase=toks[i - 1].text, role=kind, generic=True)
        stem = role_stem(lex, low)
        comparative = i > 0 and toks[i - 1].low in _DEGREE_WORDS or i + 1 < n and toks[i + 1].low == "than"
        if stem is None and not after_verb and _AGENTIVE_RE.search(low) and len(low) >= 6 and not t.upper and (
            not comparative  # ("an even bigger share", "a far larger sum than": no trade)
        ) and (
            body_stem(lex, low) is None  # "A government grant covered the rest": a body's kind is no trade
            and low not in _STATEMENTS  # ("a council statement said": no one's trade)
        ) and any(
            x.low in ("a", "an", "one", "another") for x in toks[max(0, i - 2) : i]
        ) and (i + 1 == n or punct_between(doc, t, toks[i + 1], ",") or _verb_next(lex, toks, i + 1)) and not any(
            role_stem(lex, x.low) is not None for x in _unbroken(doc, toks, i + 1, 2)
        ):  # ("A senior emergency nurse said": an adjective in -or, then the role it describes)
            # "A second exporter, whose company …, said", "One shopkeeper said": someone new, named by a trade
            first = _phrase_start(toks, i)
            return Subject("role", phrase=span_text(doc, toks[first], t), role=low, new=True)
        if stem is not None and low.endswith("'s") and weak is None:
            first = _phrase_start(toks, i)
            weak = Subject("role", phrase=span_text(doc, toks[first], t).removesuffix("'s").removesuffix("’s"), role=stem)
        if stem is not None and not low.endswith("'s") and not _plural(low, stem):
            # A name in apposition after the role is its holder: "its chairman, Sir Martin Hale".
            # what the role is of, by name, and a name joined to it by a short word ("The convener of Comhairle nan
            # Eilean Siar"), is no holder; a name after a lowercase "of" phrase is ("chair of the judges Professor X")
            owner_end = -1
            for k in range(i + 1, min(n, i + 14)):
                if _relative(toks[k]):
                    break  # "the council's finance director, who sat beside Ms Oduya": not in apposition
                if not after_verb and _finite_verb(doc, toks, k) and not index.at_token.get(toks[k].index) and (
                    toks[k].low not in ("named", "called")  # ("a passenger named Shokhrukh": his name)
                ):
                    break  # "The Stoke boss was also unhappy with referee Daniel Crewe": past its verb, no apposition
                mx = index.at_token.get(toks[k].index)
                if mx is not None and mx.after_preposition and k > 0 and toks[k - 1].low in ("of", "for"):
                    owner_end = mx.tokens[1]
                elif mx is not None and 0 <= owner_end and mx.tokens[0] - owner_end == 1 and (
                    doc.tokens[owner_end].low == "and" and mx.tokens[1] < len(doc.tokens)
                    and (after := index.at_token.get(mx.tokens[1])) is not None and after.kind in ("person", "single")
                ):
                    owner_end = mx.tokens[1]  # "Minister of Energy and Water Resources Daler Juma": a second portfolio
                    continue
                elif mx is not None and 0 <= owner_end and mx.tokens[0] - owner_end == 1 and all(
                    len(x.low) <= 3 and not x.upper and x.low not in ("and", "or") for x in doc.tokens[owner_end : mx.tokens[0]]
                ) and not punct_between(doc, doc.tokens[owner_end - 1], toks[k]):
                    owner_end = mx.tokens[1]
                    continue
                if mx is not None and mx.kind in ("person", "single") and not mx.after_preposition and not mx.possessive:
                    index.confirm(mx)
                    return Subject("person", mx)
                if toks[k].low in _DETERMINERS and punct_between(doc, toks[k - 1], toks[k], ".;:!?"):
                    break
            # a compound role ends at its last role word: "a deputy foreign minister"
            for k in range(i + 1, min(n, i + 3)):
                if punct_between(doc, toks[k - 1], toks[k]) or toks[k].upper or is_cue(lex, toks[k].low):
                    break
                if toks[k].low in _AUXILIARIES or toks[k].low in _PREPOSITIONS or toks[k].low in _DETERMINERS:
                    break
                nxt_stem = role_stem(lex, toks[k].low)
                if nxt_stem is not None and not toks[k].low.endswith("'s"):
                    if toks[k].low == "general" and k == i + 1:
                        # "director general", "attorney general": the adjective after the role, not an army's general
                        i, t, low = k, toks[k], toks[k].low
                        break
                    i, t, stem, low = k, toks[k], nxt_stem, toks[k].low
                    break
            first = _phrase_start(toks, i)
            indefinite = any(x.low in ("a", "an", "one", "another") for x in toks[max(0, first - 1) : i])
            owned = stem in lex.kin and (
                any(x.low.endswith("'s") for x in toks[first:i])
                or (first > 0 and toks[first - 1].low in ("its", "his", "her", "their"))  # "her daughter said"
            )
            last = t
            if stem in lex.kin and i + 2 < n and toks[i + 1].low in ("to", "for", "of"):
                # "an aide to Sadyr Japarov", "a spokeswoman for Kyrgyzstan's natural resources ministry": the
                # owner comes with the role, up to the verb.
                end = _owner_end(doc, index, toks, i + 2)
                if end >= i + 2:
                    last = toks[end]
                    owned = True
                    if toks[i + 2].low == "one" and i + 3 < n and toks[i + 3].low == "of":
                        indefinite = True  # "the daughter of one of Farrant's victims": someone new, of one of many
            elif i + 2 < n and toks[i + 1].low == "of" and (not toks[i + 2].upper or (
                (named_of := index.at_token.get(toks[i + 2].index)) is not None and named_of.kind in ("place", "single")
                and not index.is_person(named_of)
            )) and (
                toks[i + 2].low not in _DETERMINERS or toks[i + 2].low in ("a", "an")
            ):  # ("the headteacher of a secondary school in Fife", "one resident of Shengeldy": which one, unnamed)
                # "the director general of sea transportation said": what the office is of belongs to its name
                end = _owner_end(doc, index, toks, i + 2)
                if end >= i + 2:
                    last = toks[end]
            phrase = span_text(doc, toks[first], last)
            gender = lex.gendered.get(low, "")
            return Subject("role", phrase=phrase, role=stem, owned=owned, new=indefinite, gender=gender)
        body_before = fallback is not None and fallback.kind == "body" and fallback.mention is None and i > 0 and (
            body_stem(lex, toks[i - 1].low) is not None
        )  # "regional police officials": the body qualifies the people
        if stem is not None and _plural(low, stem) and (fallback is None or body_before) and not _name_follows(
            index, toks, i
        ):
            # "the county commissioners said": a group, with the words that tell which
            first = _phrase_start(toks, i)
            last = t
            named = index.at_token.get(toks[i + 2].index) if i + 2 < n and toks[i + 1].low in ("at", "from") else None
            if named is not None and named.kind in ("org", "body", "single", "media") and not named.possessive:
                last = doc.tokens[named.tokens[1] - 1]  # "analysts at Northgate Securities wrote": whose analysts
            fallback = Subject("group", phrase=span_text(doc, toks[first], last), role=stem)
        bstem = body_stem(lex, low)
        fm = fallback.mention if fallback is not None and fallback.kind == "body" else None
        if bstem is not None and fm is not None and len(fm.words) == 1 and fm.kind == "org" and (
            0 < t.index - fm.tokens[1] <= 3
            and all(not x.upper and x.low not in _PREPOSITIONS for x in doc.tokens[fm.tokens[1] : t.index])
        ) and not low.endswith("'s"):
            # "The Vologda regional prosecutor's office announced": a name the lexicons do not know, then words
            # that describe a body and its kind, is that body
            fallback = None
        if bstem is not None and bstem in doc.lex.companies and fallback is None and (
            any(x.low in ("a", "an", "one") for x in toks[max(0, i - 3) : i])
            and any(x.low == "who" and x.sent == t.sent for x in doc.tokens[t.index + 1 : t.index + 8])
        ):
            # "A machine operator on the early shift, who did not give his name, told BBC Tees": a person by trade
            first = _phrase_start(toks, i)
            return Subject("role", phrase=span_text(doc, toks[first], t), role=bstem, new=True)
        if bstem is not None and fallback is None and not low.endswith("'s") and not (
            bstem in doc.lex.companies and _plural(low, bstem)
        ):  # ("Two suppliers overcharged homes": many companies, none of them the one that speaks)
            j = i + 1
            while j < n and toks[j].low in lex.function and toks[j].text.isupper():
                j += 1  # a legal form: "refiner OJSC «Kyrgyzaltyn»"
            named = index.at_token.get(toks[j].index) if j < n and toks[j].sent == t.sent and not t.upper else None
            if named is not None and (named.kind in ("org", "body") or named.kind == "single" and named.quoted) and (
                not named.possessive
            ) and (
                not punct_between(doc, toks[j - 1], toks[j], ",;.")
            ):
                # "Gold refiner OJSC "Kyrgyzaltyn" said", "the airline Skyway said": the kind, then its name
                return Subject("body", named, phrase=named.text)
            first = _phrase_start(toks, i)
            last = t
            if i + 2 < n and toks[i + 1].low == "of" and toks[i + 2].upper:
                # "The Altai regional branch of Russia's Emergencies Ministry said": whose branch it is
                end = _owner_end(doc, index, toks, i + 2)
                if end >= i + 2:
                    last = toks[end]
            elif i + 2 < n and bstem in _POSTED and toks[i + 1].low == "in" and not punct_between(doc, t, toks[i + 2]):
                # "the US embassy in Manila wrote": a mission is named with where it sits
                place = index.at_token.get(toks[i + 2].index)
                if place is not None and place.kind in ("place", "single") and not index.is_person(place):
                    last = doc.tokens[place.tokens[1] - 1]
            owner = index.at_token.get(toks[first].index)
            # "Kyrgyzstan's central bank": a country's body is that body, not one of its kind named before
            placed = owner is not None and owner.possessive and owner.kind == "place" and first < i
            fallback = Subject("body", phrase=span_text(doc, toks[first], last), role=bstem, generic=not placed)
        i += 1
    return fallback or weak


def _owner_end(doc: Document, index: Index, toks: list[Token], k: int) -> int:
    """The last word of the owner after "spokeswoman for": a name, or a noun phrase up to the verb, a comma or
    a relative clause; k - 1 when there is none."""
    last = k - 1
    stop = min(len(toks), k + 7)
    j = k
    while j < stop:
        t = toks[j]
        if j > k and punct_between(doc, toks[j - 1], t):
            break
        if _relative(t) or t.low == "that" or is_cue(doc.lex, t.low) or t.low in _AUXILIARIES:
            break
        if j > k and _finite_verb(doc, toks, j) and not t.low.endswith("s"):
            break  # "… ministry said", not "natural resources"
        if j > k and not t.upper and t.low.endswith("ing") and len(t.low) >= 5 and toks[j - 1].low not in (
            "and", "of", "for", "or", "the", "a", "an", "its", "their"
        ) and index.at_token.get(t.index) is None:
            break  # "the mother of a two-year-old boy | recovering from pneumonia": a participle's clause describes
        m = index.at_token.get(t.index)
        if m is not None:
            j = m.tokens[1] - toks[0].index  # the whole name (within the words given)
            last = min(j, len(toks)) - 1
            continue
        if t.low not in _DETERMINERS and t.low not in _PREPOSITIONS and t.low not in ("and",):
            last = j
        j += 1
    return last


def _name_follows(index: Index, toks: list[Token], i: int) -> bool:
    return any(
        (m := index.at_token.get(x.index)) is not None and m.kind == "person" for x in toks[i + 1 : i + 4]
    )


_AUXILIARIES = EN_AUXILIARIES


def _finite_verb(doc: Document, toks: list[Token], i: int) -> bool:
    """Is word i the verb of its clause: a verb of saying, an auxiliary, or a word in -s/-ed after a noun?"""
    t = toks[i]
    if t.upper:
        return False
    low = t.low
    prev = toks[i - 1]
    if prev.low in _DETERMINERS:
        return False  # "the report", "a statement": a noun after its article
    if is_cue(doc.lex, low) and not low.endswith("ing") or low in _AUXILIARIES:
        return True
    return (
        low.endswith(("s", "ed"))
        and not low.endswith(("ss", "'s"))
        and not prev.upper
        and prev.low not in _DETERMINERS
        and prev.low not in _PREPOSITIONS
        and role_stem(doc.lex, low) is None
        # ("home affairs spokesman", "public affairs officer": a plural noun that qualifies the role after it; "the
        # natural resources ministry": or the body after it)
        and not (i + 1 < len(toks) and role_stem(doc.lex, toks[i + 1].low) is not None)
        and not (i + 1 < len(toks) and not toks[i + 1].upper and body_stem(doc.lex, toks[i + 1].low) is not None)
    )


def _verb_next(lex: Lexicon, toks: list[Token], k: int) -> bool:
    """Is the word after a name a verb of its clause ("Dooronov spoke", "Marsh has said"), not a role or a noun
    the name qualifies ("Skyway deputy chief executive Paul Quinn")?"""
    if k >= len(toks):
        return False
    low = toks[k].low
    return (
        not toks[k].upper
        and low not in _PREPOSITIONS
        and low not in ("and", "or", "of")
        and role_stem(lex, low) is None
        and body_stem(lex, low) is None
    )


def _skip_phrase(doc: Document, toks: list[Token], i: int) -> int:
    """Skip a preposition's noun phrase ("On Friday | the governor's spokesman"): up to four words, stopping at
    punctuation, a verb of saying or a determiner that opens the next phrase."""
    j = i + 2
    while (
        j < min(len(toks), i + 5)
        and not punct_between(doc, toks[j - 1], toks[j])
        and not is_cue(doc.lex, toks[j].low)
        and toks[j].low not in _DETERMINERS
        and not (toks[j].upper and not toks[j - 1].upper and not _modifies_next(doc, toks, j))
    ):  # ("In a statement | Hebridean Link said"; but "in several other European countries" is one phrase)
        j += 1
    return min(j, len(toks))


def _names_a_body(doc: Document, toks: list[Token], i: int) -> bool:
    """Does a word that may be a verb begin the words that end with a body's kind ("The Hesse | state culture
    ministry", "the county | council said"), a noun and no verb?"""
    if toks[i].low in _AUXILIARIES or toks[i].low.endswith("ed"):
        return False  # ("children is limited to", "the board | reported")
    for k in range(i, min(len(toks), i + 3)):
        if k > i and punct_between(doc, toks[k - 1], toks[k]) or toks[k].upper or toks[k].low in doc.lex.function:
            return False
        if body_stem(doc.lex, toks[k].low) is not None and not toks[k].low.endswith(("'s", "’s")):
            return True  # (the word itself may be the kind: "the county council | said")
    return False


def _modifies_next(doc: Document, toks: list[Token], j: int) -> bool:
    """Is a capitalised word an adjective or a name in front of a lowercase noun ("European countries", "Kassel
    museum"), not a name that opens a new phrase?"""
    if j + 1 >= len(toks) or punct_between(doc, toks[j], toks[j + 1]) or toks[j + 1].upper:
        return False
    nxt = toks[j + 1].low
    return nxt not in doc.lex.function and not is_cue(doc.lex, nxt) and not _finite_verb(doc, toks, j + 1)


_PLACE_NOUNS = frozenset("country nation republic state city region province town village capital island".split())


def _named_as(doc: Document, index: Index, toks: list[Token]) -> Subject | None:
    """The name someone unnamed goes by in a clause about them: "A woman who gave her name only as Gulnara said",
    "a miner, identified only as Daniyar, said", "a teenager who asked to be called Aida"."""
    for k, t in enumerate(toks[:-1]):
        if t.low == "as" and k and toks[k - 1].low in ("name", "only", "names", "simply", "herself", "himself") or (
            t.low == "called" and k and toks[k - 1].low in ("be", "only")
        ) or t.low == "name" and k and toks[k - 1].low in ("first", "one", "given") and punct_between(
            doc, t, toks[k + 1], ","
        ):
            # ("who gave his name as Bauyrzhan", "who introduced herself simply as Irina", "who gave only her first
            # name, Farzona", "who would give only one name, Rodel")
            m = index.at_token.get(toks[k + 1].index)
            if m is not None and m.kind in ("person", "single") and not m.possessive:
                index.confirm(m)
                return Subject("person", m)
    return None


def _bracketed(doc: Document, part: list[Token]) -> bool:
    """Are these words alone in brackets ("(GMP)")?"""
    text = doc.text(part[0].block)
    return text[: part[0].start].rstrip().endswith("(") and text[part[-1].end :].lstrip().startswith(")")


def _unbroken(doc: Document, toks: list[Token], k: int, width: int) -> list[Token]:
    """Up to `width` words from `k` on that no punctuation separates from the word before them."""
    out: list[Token] = []
    for j in range(k, min(len(toks), k + width)):
        if j == 0 or punct_between(doc, toks[j - 1], toks[j]):
            break
        out.append(toks[j])
    return out


def _plural(low: str, stem: str) -> bool:
    return low != stem and (low.endswith("s") or low.endswith("men")) and not low.endswith("'s")


def _phrase_start(toks: list[Token], i: int) -> int:
    """Where a role's phrase begins: after its determiner ("the governor's spokesman", "a police spokesman")."""
    first = i
    for k in range(i - 1, max(-1, i - 6), -1):
        low = toks[k].low
        if low in _DETERMINERS or low in _PREPOSITIONS or is_cue_word(low):
            break
        first = k
    return first


def is_cue_word(low: str) -> bool:
    return low in ("said", "says", "told", "added")


GRAMMAR = English()
