"""The word lists the quote stages read, one data file per language and kind, loaded once on first use.

Files (`<lang>/<kind>.txt`, one entry per line, `#` starts a comment):

- `verbs`: verbs of saying. Kyrgyz lists stems (айт -> айтты, айткан, айтып); Russian lists past forms ending in
  "л" (their four forms are made here) and present forms as they are; English lists a regular verb once, an
  irregular one with all its forms on one line. `de` (ky) holds the forms of "де-" that close direct speech.
- `passive`: impersonal reporting (деп айтылган, говорится). `relay` (ru): verbs with which a medium relays
  someone else's words. `naming` (ky): verbs that name rather than report (деп аталган). `statements`: nouns for a
  statement whose owner speaks (билдирүүсүндө, в сообщении).
- `body_names`: bodies with a name of their own (МВД, Минобороны, УКМК, the Kremlin), never a mere kind.
- `roles`, `bodies`, `place_heads`, `places`, `titles` (en), `function`, `calendar`: nouns of what a person is,
  heads of the names of bodies, heads of the names of places, place names, titles before a name, closed-class
  words, months and weekdays. Country names in each language come from the CLDR data that Babel ships.
- `sources`: roles of a source who is not named (инсайдер, источник, source); `kin`: roles that are relations
  to someone else (апасы, адвокат, spokesman); `generic`: roles that may name anyone of a trade (эксперт, official);
  `companies`: body nouns for a company (компания, firm); `gendered` (en): role nouns that tell a gender (wife f); `honorifics` (ky): words after a name that belong to
  it (Асан ата); `offices`: roles one person holds at a time (президент, mayor); `heads`: roles that head the
  body named with them (глава ГКНБ = председатель ГКНБ, башчы, chief); `synonyms`: role words that name the same
  role, one set per line (адвокат коргоочу); `generic_bodies`: kinds of body that may stand for any body
  named before (ведомство, authority); `agentive`: endings that make a noun name a doer, for the roles no list
  can hold (археолог, токойчу); `demonyms` (en): nouns for a national (Spaniard, Welshman), which point back to
  someone named as a pronoun does; `players`: who plays a sport, named by the sport (футболист, player), which
  may be said of a player the article named by a `positions` word (защитник, forward); `residents`: roles that
  say where someone lives (тургун, житель, resident), which any trade may go with; `written_out`: an office and the
  title that spells it out ("вице-премьер = министрлер кабинетинин төрагасынын орун басары"), for someone written
  with the title and called by the office; `legal_forms`: a company's legal form as written (ООО, ЖЧК, AG, Ltd),
  matched with its case intact, so that a name written with one is a company's and never a person's.
- `media.txt` (all languages): news outlets.

Entries are matched folded (casefolded, ё as е). Kyrgyz nouns are matched through their case endings
(`news.morph.ky_forms`), Russian ones through their stems, English ones with a plural -s.
"""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass
from importlib import resources

logger = logging.getLogger(__name__)

LANGS = ("ky", "ru", "en")
# Kyrgyz ordinals end like doers: биринчи, үчүнчү, онунчу.
_ORDINAL = ("нчы", "нчи", "нчу", "нчү")


@functools.lru_cache(maxsize=131072)
def fold(word: str) -> str:
    """Return the form words are compared in: casefolded, ё as е, typographic apostrophes as '."""
    return word.casefold().replace("ё", "е").replace("’", "'")


def _read(name: str) -> list[str]:
    try:
        text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    entries = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            entries.append(line)
    return entries


def _phrases(entries: list[str]) -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(fold(w) for w in e.split()) for e in entries)


# A Kyrgyz or Russian case ending written onto initials ("ЖЧКнын", "ООО-шка" is not one): lowercase Cyrillic.
_CASE_ENDING_RE = re.compile(r"[а-яёөүң]{1,6}")


@dataclass(frozen=True)
class Lexicon:
    """Every word list of one language, folded."""

    lang: str
    verbs: frozenset[str]  # ky: stems; ru, en: every form
    verb_phrases: frozenset[tuple[str, ...]]  # two-word verbs (жооп берди): the last word a stem
    de: frozenset[str]
    passive: frozenset[str]
    relay: frozenset[str]
    naming: frozenset[str]
    statements: tuple[str, ...]  # stems (prefixes)
    roles: frozenset[tuple[str, ...]]
    bodies: frozenset[tuple[str, ...]]  # kinds of bodies (министрлик, пресс-служба) and their own names (МВД)
    body_names: frozenset[tuple[str, ...]]  # bodies named by a name of their own (Минобороны, УКМК, Kremlin)
    place_heads: frozenset[tuple[str, ...]]
    places: frozenset[tuple[str, ...]]
    titles: dict[str, str]
    function: frozenset[str]
    calendar: frozenset[str]
    media: frozenset[tuple[str, ...]]
    sources: frozenset[str]  # roles of an unnamed source (инсайдер, источник, source)
    kin: frozenset[str]  # roles that are relations to someone (апа, адвокат, spokesman)
    generic: frozenset[str]  # roles that may name anyone of a trade (эксперт, official)
    demonyms: frozenset[str]  # nouns for a national: "the Spaniard said" (en)
    companies: frozenset[str]  # body nouns for a company (компания, firm)
    gendered: dict[str, str]  # role nouns that tell their holder's gender (wife -> f)
    honorifics: frozenset[str]  # ky: written after a name and part of it (Асан ата)
    offices: frozenset[tuple[str, ...]]  # roles one person holds at a time (президент, prime minister)
    heads: frozenset[str]  # roles that head the body named with them (глава, председатель, башчы, chief)
    synonyms: dict[str, str]  # role words that name the same role, to the first of their line (коргоочу -> адвокат)
    generic_bodies: frozenset[str]  # kinds of body that may stand for any body (ведомство, authority)
    agentive: tuple[str, ...]  # endings that make a noun name a doer (-лог, -ист, -чы)
    players: frozenset[str]  # who plays a sport, named by the sport (футболист, player): said of any position
    positions: frozenset[str]  # a player's position (защитник, forward)
    residents: frozenset[str]  # where someone lives (тургун, житель, resident): any trade may go with it
    written_out: dict[tuple[str, ...], tuple[tuple[str, ...], ...]]  # an office and the titles that spell it out
    legal_forms: frozenset[str]  # a company's legal form, as written (ООО, ЖЧК, Ltd, AG): the name with it is a company

    def legal_form(self, word: str) -> bool:
        """Is a word as written a company's legal form, in any case ending ("ЖЧКнын", "ООО", "AG")?"""
        return word in self.legal_forms or any(
            word.startswith(f) and f[-1].isupper() and _CASE_ENDING_RE.fullmatch(word[len(f) :]) is not None
            for f in self.legal_forms
        )

    @functools.cached_property
    def role_heads(self) -> frozenset[str]:
        """The last word of every role (орун басар -> басар), for finding a role's head in text."""
        return frozenset(r[-1] for r in self.roles)

    def is_role(self, stem: str) -> bool:
        """Does a noun (its lexicon form) name what a person is, by the list?"""
        return stem in self.role_heads

    def is_doer(self, stem: str) -> bool:
        """Is a lowercase noun made with a suffix that makes doers (археолог, экономист, токойчу, дарыгер;
        `agentive.txt`)? Only for words written in lowercase: names end like this too (Талант, Аскер)."""
        return (
            len(stem) >= 6
            and stem.endswith(self.agentive)
            and not stem.endswith(_ORDINAL)
            and stem not in self.function
            and stem not in self.calendar
        )

    @functools.cached_property
    def role_lead_ins(self) -> dict[str, tuple[tuple[str, ...], ...]]:
        """The words before the head of each role of several words, by head: басар -> (("орун",),)."""
        out: dict[str, list[tuple[str, ...]]] = {}
        for r in self.roles:
            if len(r) > 1:
                out.setdefault(r[-1], []).append(r[:-1])
        return {head: tuple(sorted(v, key=len, reverse=True)) for head, v in out.items()}

    @functools.cached_property
    def body_heads(self) -> frozenset[str]:
        return frozenset(b[-1] for b in self.bodies)

    @functools.cached_property
    def place_words(self) -> frozenset[str]:
        return frozenset(p[0] for p in self.places)

    @functools.cached_property
    def media_starts(self) -> frozenset[str]:
        """The first words of the media names of more than one word ("первый" of "первый канал")."""
        return frozenset(m[0] for m in self.media if len(m) > 1)

    @functools.cached_property
    def longest_place(self) -> int:
        return max((len(p) for p in self.places), default=1)


def _ru_verbs(entries: list[str]) -> set[str]:
    forms: set[str] = set()
    for e in entries:
        w = fold(e)
        if w.endswith("лся"):
            base = w[:-3]
            forms.update(base + s for s in ("лся", "лась", "лось", "лись"))
        elif w.endswith("л"):
            forms.update(w + s for s in ("", "а", "о", "и"))
        else:
            forms.add(w)
    return forms


def _en_verbs(entries: list[str]) -> set[str]:
    forms: set[str] = set()
    for e in entries:
        words = [fold(w) for w in e.split()]
        if len(words) > 1:
            forms.update(words)
            continue
        w = words[0]
        forms.add(w)
        if w.endswith(("s", "sh", "ch", "x", "z")):
            forms.add(w + "es")
        elif w.endswith("y") and w[-2:-1] not in "aeiou":
            forms.add(w[:-1] + "ies")
        else:
            forms.add(w + "s")
        stem = w[:-1] if w.endswith("e") else w
        forms.add(stem + "ed" if not w.endswith("e") else w + "d")
        forms.add(stem + "ing")
        if w.endswith("y") and w[-2:-1] not in "aeiou":
            forms.add(w[:-1] + "ied")
    return forms


@functools.cache
def _countries(lang: str) -> frozenset[tuple[str, ...]]:
    """Country and territory names in `lang` from the CLDR data Babel ships, loaded on first use."""
    try:
        from babel import Locale

        names = Locale.parse(lang).territories.values()
    except Exception:  # noqa: BLE001 - a missing locale must not stop quote finding
        logger.warning("no CLDR territory names for %s", lang)
        return frozenset()
    return frozenset(tuple(fold(w) for w in n.split()) for n in names if n and not n[0].isdigit())


def _stems(lang: str, words: list[str]) -> tuple[str, ...]:
    """Stems to match as prefixes; a Kyrgyz stem's last voiceless consonant voices before a vowel (жооп ->
    жообунда), so both forms are kept."""
    stems = [fold(w) for w in words]
    if lang == "ky":
        stems += [s[:-1] + {"п": "б", "к": "г"}[s[-1]] for s in stems if s.endswith(("п", "к")) and len(s) > 3]
    return tuple(dict.fromkeys(stems))


@functools.cache
def lexicon(lang: str) -> Lexicon:
    """Return the word lists of a language (ky, ru or en); any other language reads the English ones."""
    if lang not in LANGS:
        lang = "en"
    verbs_raw = _read(f"{lang}/verbs.txt")
    single = [v for v in verbs_raw if " " not in v]
    phrases = _phrases([v for v in verbs_raw if " " in v])
    if lang == "ru":
        verbs = _ru_verbs(single)
    elif lang == "en":
        verbs = _en_verbs(verbs_raw)
        phrases = frozenset()
    else:
        verbs = {fold(v) for v in single}
    titles = {}
    for line in _read(f"{lang}/titles.txt"):
        word, _, gender = line.partition(" ")
        titles[fold(word)] = gender.strip().replace("-", "")
    return Lexicon(
        lang=lang,
        verbs=frozenset(verbs),
        verb_phrases=phrases,
        de=frozenset(fold(w) for w in _read(f"{lang}/de.txt") if " " not in w),
        passive=frozenset(fold(w) for w in _read(f"{lang}/passive.txt")),
        relay=frozenset(fold(w) for w in _read(f"{lang}/relay.txt")),
        naming=frozenset(fold(w) for w in _read(f"{lang}/naming.txt")),
        statements=_stems(lang, _read(f"{lang}/statements.txt")),
        roles=_phrases(_read(f"{lang}/roles.txt"))
        | _phrases(_read(f"{lang}/players.txt"))
        | _phrases(_read(f"{lang}/positions.txt")),
        # a company is a body that speaks too: "холдингден билдиришти", "the airline said"
        bodies=_phrases(_read(f"{lang}/bodies.txt"))
        | _phrases(_read(f"{lang}/body_names.txt"))
        | _phrases(_read(f"{lang}/companies.txt")),
        body_names=_phrases(_read(f"{lang}/body_names.txt")),
        place_heads=_phrases(_read(f"{lang}/place_heads.txt")),
        places=_phrases(_read(f"{lang}/places.txt")) | _countries(lang),
        titles=titles,
        function=frozenset(fold(w) for w in _read(f"{lang}/function.txt") if " " not in w),
        calendar=frozenset(fold(w) for w in _read(f"{lang}/calendar.txt")),
        media=_phrases(_read("media.txt")),
        sources=frozenset(fold(w).split()[-1] for w in _read(f"{lang}/sources.txt")),
        kin=frozenset(fold(w).split()[-1] for w in _read(f"{lang}/kin.txt")),
        generic=frozenset(fold(w).split()[-1] for w in _read(f"{lang}/generic.txt")),
        demonyms=frozenset(fold(w) for w in _read(f"{lang}/demonyms.txt")),
        companies=frozenset(fold(w) for w in _read(f"{lang}/companies.txt")),
        gendered={fold(w): g for w, _, g in (line.partition(" ") for line in _read(f"{lang}/gendered.txt"))},
        honorifics=frozenset(fold(w) for w in _read(f"{lang}/honorifics.txt")),
        offices=_phrases(_read(f"{lang}/offices.txt")),
        heads=frozenset(fold(w) for w in _read(f"{lang}/heads.txt")),
        synonyms={fold(w): fold(line.split()[0]) for line in _read(f"{lang}/synonyms.txt") for w in line.split()},
        generic_bodies=frozenset(fold(w) for w in _read(f"{lang}/generic_bodies.txt")),
        agentive=tuple(fold(w) for w in _read(f"{lang}/agentive.txt")),
        players=frozenset(fold(w) for w in _read(f"{lang}/players.txt")),
        positions=frozenset(fold(w) for w in _read(f"{lang}/positions.txt")),
        residents=frozenset(fold(w) for w in _read(f"{lang}/residents.txt")),
        written_out=_written_out(_read(f"{lang}/written_out.txt")),
        legal_forms=frozenset(_read(f"{lang}/legal_forms.txt")),
    )


def _written_out(lines: list[str]) -> dict[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """"вице-премьер = министрлер кабинетинин төрагасынын орун басары" -> {(вице-премьер,): ((министрлер, …),)}."""
    out: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    for line in lines:
        office, _, title = line.partition("=")
        if office.strip() and title.strip():
            out.setdefault(tuple(fold(w) for w in office.split()), []).append(tuple(fold(w) for w in title.split()))
    return {k: tuple(v) for k, v in out.items()}


# What may follow a Russian statement's stem in one of its own forms (сообщени-е, письм-ами, пост-ом, данны-х), and
# not in a verb that starts the same way (ответ-или, пост-авил, приказ-ал)
_RU_NOUN_ENDING = frozenset(
    "- а е и о у ы я ю й х м ми ом ем ой ей ам ям ах ях ами ями ов ев ую ая ое ие ия ий ых их им ым ого его ому ему".split()
)


def statement_word(lex: Lexicon, low: str) -> bool:
    """Is a folded word a form of a noun for a statement or a report ("сообщении", "письмом", "жообунда")?"""
    if not low.startswith(lex.statements):
        return False
    if lex.lang != "ru":
        return True
    return any(low.startswith(p) and (low[len(p) :] or "-") in _RU_NOUN_ENDING for p in lex.statements)
