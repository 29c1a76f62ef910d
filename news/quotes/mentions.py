"""Mentions: the article's own index of the people, bodies, media and places it names.

Capitalised words that follow each other make a run; morphology and the lexicons cut it into names:

- a Kyrgyz word with an oblique case ending (dative, accusative, locative, ablative, -гы) closes a name
  (`Актөбөгө | Билим`), and a genitive makes what comes before it the owner of what follows
  (`Армениянын | президенти Серж Саргсян`); a Russian word after a preposition is not a subject;
- a capitalised word that opens a sentence is a name only when the article also writes it capitalised elsewhere,
  or a name follows it in the same run (`Мирлан Бакиров`), or it has a surname's shape;
- closed-class words, months, roles (`Депутат Исхак Пирматов`: the role of the name after it), titles
  (`Sir Alan Fairley`), bodies (`Тышкы иштер министрлиги`), media and places (`Кыргызстан`, `Ысык-Көл облусу`) are
  told apart by the lexicons; a Latin run in Kyrgyz or Russian copy names a company or a medium, not a person.

Every person is kept with the role written next to it (`акими Талант Апсаматов`, `Labour MP Tom Pryce`),
its gender where the language shows it, and its written forms, so that a speaker is given in its fullest
nominative form (`Жапаровдун` -> `Садыр Жапаров`, `Fairley` -> `Sir Alan Fairley`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise

from news.morph import KyForm, ky_forms, ky_nominative
from news.quotes.cues import is_speech_verb, verb_gender
from news.quotes.document import Document, Token
from news.quotes.lexicon import Lexicon, fold

PATRONYMIC = frozenset(
    ("уулу", "кызы", "улы", "оглы", "угли", "гызы")
    + ("uulu", "kyzy", "uly", "ogly", "ugli", "qizi", "gyzy")  # as English copy spells them: "Sadyrbek uulu"
)
# Words that say which child or sibling ("Улуу кызы", "Кенже уулу" opening a sentence: the elder daughter, the youngest
# son), no father's name before "кызы"/"уулу".
_KY_KIN_ORDER = frozenset("улуу кичүү кенже ортончу тун жалгыз биринчи экинчи үчүнчү".split())
_DAUGHTER_OF = frozenset(("кызы", "гызы", "kyzy", "qizi", "gyzy"))
# Surname endings of the region, reliable enough to call a lone capitalised word a person.
_SURNAME_RE = re.compile(
    r"(?:[оеё]в|[оеё]ва|ин|ина|ын|ына|ский|ская|цкий|цкая|енко|швили|дзе|ян|янц|уулу|кызы|ович|евич|овна|евна)$"
)
# Endings no given name has: two of them side by side are two people ("Путин Жапаров менен").
_STRONG_SURNAME_RE = re.compile(r"(?:[оеё]в|[оеё]ва|ский|ская|цкий|цкая|енко|швили|дзе|ян)$")
_FEMALE_RE = re.compile(r"(?:[оеё]ва|ина|ына|ская|цкая|овна|евна|ична|кызы|[оеё]вой|иной|ыной|ской|цкой)$")
_MALE_RE = re.compile(r"(?:[оеё]в|ин|ын|ский|цкий|ович|евич|ич|уулу)$")
# Russian given names that end in -а/-я but are men's.
# How many Kyrgyz and Kazakh women's given names begin ("moon", "flower", "pearl", …), and some men's (Айбек,
# Нурлан): a name that begins so and ends in a consonant tells no sex.
_CA_FEMALE_GIVEN = ("ай", "гүл", "гул", "бермет", "жылдыз", "нур", "чолпон", "асел", "салтанат", "назгүл", "динар")
_RU_MALE_A = frozenset("илья никита кузьма фома лука савва данила гаврила миша саша женя паша слава витя".split())
RU_PREPOSITIONS = frozenset(
    "в во на с со к ко по о об от из у за для до без при про над под перед через после между около против из-за "
    "из-под вокруг среди вдоль возле ради вместо кроме".split()
)
_EN_PREPOSITIONS = frozenset("in on at to for of by with from into about after before over under near against".split())
_EN_NAME_PARTICLES = frozenset("de da van von der den le la du bin ibn al el mc".split())
# Prepositions and conjunctions a title-case name capitalises ("Doctors Without Borders", "Action Against Hunger")
_EN_NAME_PREPOSITIONS = frozenset("without against for of and on in at to under with from by beyond across into".split())
_LATIN = re.compile(r"^[A-Za-z0-9]")
# English plural proper nouns that name groups: "Republicans said", "Democrats".
_GROUP_RE = re.compile(r"(?:ans|ats|ives|als|ists|ites)$")
# Words before a role that say it is not held now: "мурдагы министр", "бывший мэр", "former minister".
_NOT_NOW = frozenset("мурдагы мурунку болочок экс бывший будущий прежний экс former ex future late then".split())
_CAPITAL_RE = re.compile(r"(?<![\w'’.-])[^\W\d_a-zа-яёөүң]\w*")
_TITLE_WORDS = frozenset("mr mrs ms miss sir dame lord lady dr prof".split())
_INITIAL_RE = re.compile(r"^\w$")


@dataclass(slots=True, eq=False)
class Mention:
    """A name in the narrative: a person, a body, a medium, a place or an unknown proper noun ("single")."""

    kind: str  # "person", "single", "body", "media", "org", "place", "title" (a name inside another's name)
    block: int
    start: int
    end: int
    sent: int
    words: tuple[str, ...]  # as the speaker would be given: nominative, titles kept (Sir Alan Fairley)
    key: str = ""  # folded last name word (the surname), nominative
    first: str = ""  # folded first name word when there are two or more
    # "nom"; "gen" (owns what follows); "attr" (Бишкектеги: describes what follows); "obl" (never a subject)
    case: str = "nom"
    gender: str = ""
    role: str = ""  # folded head of the role written next to it (депутат, spokesman)
    role_phrase: str = ""
    possessive: bool = False  # English "Japarov's"
    quoted: bool = False  # written in quote marks: «Кыргыз темир жолу», "Zenit"
    initial: bool = False  # opens its sentence
    after_preposition: bool = False
    tokens: tuple[int, int] = (0, 0)  # token indices [first, last)

    @property
    def text(self) -> str:
        return " ".join(self.words)

    @property
    def is_person(self) -> bool:
        return self.kind == "person"


@dataclass(slots=True)
class Index:
    """Every mention of an article, by sentence, with the people grouped by surname and by first name."""

    mentions: list[Mention]
    by_sentence: dict[int, list[Mention]]
    by_key: dict[str, list[Mention]] = field(default_factory=dict)
    by_first: dict[str, list[Mention]] = field(default_factory=dict)
    confirmed: set[str] = field(default_factory=set)
    at_token: dict[int, Mention] = field(default_factory=dict)  # by the index of its first token
    _fullest: dict[tuple[object, ...], str] = field(default_factory=dict)
    honorifics: frozenset[str] = frozenset()  # words after a given name that are no surname (эже, апа)
    companies: frozenset[str] = frozenset()  # keys of one-word names written with a legal form ("Brandauer AG")

    def in_sentence(self, si: int) -> list[Mention]:
        return self.by_sentence.get(si, [])

    def between(self, doc: Document, b: int, start: int, end: int) -> list[Mention]:
        out: list[Mention] = []
        for si in range(doc.sentence_at(b, start), doc.sentence_at(b, max(start, end - 1)) + 1):
            out.extend(m for m in self.in_sentence(si) if m.block == b and start <= m.start and m.end <= end)
        return out

    def is_person(self, m: Mention) -> bool:
        return m.kind == "person" or (m.kind == "single" and m.key in self.confirmed)

    def is_thing(self, doc: Document, m: Mention) -> bool:
        """Is a one-word English name a company's: never written with a given name, a title or as a person, and
        once the subject of a verb of saying followed by "it" ("Fetchwell said it discovered …")?"""
        same = [x for x in self.mentions if x.key == m.key]
        if len(m.words) != 1 or m.key in self.by_key or m.key in self.confirmed or any(
            x.kind == "person" or len(x.words) > 1 for x in same
        ):
            return False
        tokens = doc.tokens
        return any(
            x.tokens[1] + 1 < len(tokens)
            and is_speech_verb(doc.lex, tokens[x.tokens[1]].low)
            and tokens[x.tokens[1] + 1].low in ("it", "its")
            for x in same
        )

    def role_of(self, m: Mention) -> str:
        """The role written next to a person anywhere in the article ("Абдиев" was "башчысы Руслан Абдиев")."""
        if m.role:
            return m.role
        return next((x.role for x in self.by_key.get(m.key, ()) if x.role), "")

    def role_phrase_of(self, m: Mention) -> str:
        """The role phrase written next to a person anywhere in the article."""
        if m.role_phrase:
            return m.role_phrase
        return next((x.role_phrase for x in self.by_key.get(m.key, ()) if x.role_phrase), "")

    def ending_at(self, t: Token) -> Mention | None:
        """The mention whose last word is token t ("Жапаровдун" of "Садыр Жапаровдун"), if any."""
        for k in range(t.index, max(-1, t.index - 5), -1):
            m = self.at_token.get(k)
            if m is not None:
                return m if m.tokens[1] - 1 == t.index else None
        return None

    def confirm(self, m: Mention) -> None:
        """Take a lone proper noun as a person: an attribution named it as the one who spoke (not a name the article
        wrote with a company's legal form: "Brandauer AG … Brandauer reported a loss")."""
        if m.kind == "single" and m.key and m.key not in self.companies:
            self.confirmed.add(m.key)
            m.kind = "person"
            self.by_key.setdefault(m.key, []).append(m)

    def fullest(self, m: Mention) -> str:
        """Return the fullest nominative form the article gives a person (Жапаровдун -> Садыр Жапаров)."""
        memo = (m.key, m.words, m.gender, m.sent, len(self.by_key.get(m.key, ())))
        found = self._fullest.get(memo)
        if found is None:
            found = self._fullest[memo] = self._find_fullest(m)
        return found

    def _find_fullest(self, m: Mention) -> str:
        best = m
        candidates = list(self.by_key.get(m.key, ()))
        if len(m.words) == 2 and (fold(m.words[-1]) in PATRONYMIC or _RU_PATRONYMIC_RE.search(fold(m.words[-1]))):
            # "Асан уулу" for "Асан уулу Бакыт": the name that begins with the patronymic; "Мария Ивановна" for
            # "Мария Ивановна Топал": a given name and a patronymic, for the name they begin
            candidates.extend(
                x for xs in self.by_key.values() for x in xs if len(x.words) > 2 and x.words[:2] == m.words
            )
        honorific = len(m.words) == 2 and fold(m.words[-1]) in self.honorifics
        if honorific or len(m.words) - (1 if m.words[0].lower().rstrip(".") in _TITLE_WORDS else 0) == 1:
            # ... and so does a first name with an honorific: "Бурул апа", "Токтобүбү эже"
            # A first name alone stands for the whole name, when only one person of the article has it.
            owners = {
                x.key
                for x in self.by_first.get(m.key, ())
                if len(x.words) >= 2 and fold(x.words[-1]) not in self.honorifics
            }
            if len(owners) == 1:
                candidates.extend(self.by_first[m.key])
            elif not owners and len(m.words) == 1:
                # "Naoki and Emma Tashiro … says Emma": a name the index could not yet call a person's, whose first
                # word is this one, when only one such name is written
                full = {" ".join(x.words): x for x in self.mentions if x.kind == "single" and len(x.words) == 2
                        and x.words[0] == m.words[0]}
                if len(full) == 1:
                    other = next(iter(full.values()))
                    return " ".join(other.words)
        best_rank = _rank(best, m, self.honorifics)
        for other in candidates:
            if other.kind != "person" or (m.gender and other.gender and m.gender != other.gender):
                continue
            rank = _rank(other, m, self.honorifics)
            if rank > best_rank:
                best, best_rank = other, rank
        return " ".join(best.words)


def _rank(m: Mention, near: Mention, honorifics: frozenset[str] = frozenset()) -> tuple[int, int, int, int]:
    distance = abs(m.sent - near.sent)
    size = len(m.words) - (1 if len(m.words) > 1 and fold(m.words[-1]) in honorifics else 0)  # "Ширин эже" is one name
    return (size, 1 if m.case == "nom" else 0, sum(len(w) for w in m.words), -distance)


# ------------------------------------------------------------------------------------------------ building


def build_index(doc: Document) -> Index:
    """Find the names of the narrative of every body block and index the people among them."""
    attested = _attested(doc)
    mentions = _known_phrases(doc)
    taken = {k for m in mentions for k in range(*m.tokens)}
    for run in _runs(doc, taken):
        found = _read_run(doc, run, attested)
        last = found[-1] if found else None
        if (
            last is not None
            and last.tokens[1] == run[-1].index + 1
            and not (len(last.words) > 1 and _STRONG_SURNAME_RE.search(last.words[-1].lower()))
            and not any(w.lower() in PATRONYMIC for w in last.words)  # "Гүлүмкан Абдылас кызы айылдагы мектепте",
            # "Асанбек уулу Тилек жолду …": a person
            and _place_head_after(doc, run[-1])
            and last.kind != "body"  # ("Кыргызгидромет тоолордо …": a body, then where)
            # ("Бекболот айылда … жүрөт": the given name of someone the article named, not a village's)
            and not (len(last.words) == 1 and any(
                x.kind == "person" and x.first == fold(last.words[0]) for x in mentions
            ))
        ):
            # "Ленин районунун", "Кара-Буура айылы", "Чүй проспектиси": a name before a place's head is a place.
            last.kind = "place"
        if (
            doc.lang == "ru"
            and last is not None
            and last.kind == "single"
            and len(found) == 1
            and len(last.words) == 1
            and last.tokens[0] == run[0].index
            and _place_head_before(doc, run[0])
        ):
            # "провинции Сонгкхла", "села Бирлик": a name right after a place's head, in Russian, is that place
            last.kind = "place"
        pronoun = all(t.low in doc.lex.function for t in run) and (
            doc.lang != "en" or len(run) == 1 and run[0].initial
        )  # "Outside court, the daughter … said": a preposition opening the sentence names no court
        # "Маалыматты соттун басма сөз кызматы таратты": a word in a case, capitalised by the sentence, is no name
        oblique = doc.lang == "ky" and len(run) == 1 and run[0].initial and not found and ky_forms(run[0].text)[0].oblique
        head = _body_continuation(doc, run) if not pronoun and not oblique else None
        last = found[-1] if found else None  # ("Ал сот залында": a pronoun opening the sentence names no court)
        if head is not None and doc.lang == "ky" and last is not None and last.case not in ("nom", "attr") and (
            last.case != "gen" or _head_case(doc, head)[0] != "nom"
        ):
            # "Кыргызстанда өз кызматы": a place in a case, then a kind; but "Кыргызстандын чекене соода
            # ишканаларынын улуттук ассоциациясы" is a name that opens with its owner
            head = None
        if head is not None and (last is None or last.tokens[1] == run[-1].index + 1 and (
            last.kind != "person"
            # "Бишкектин Свердлов райондук соту": a district named for a man is no man
            or doc.lang == "ky" and head.index > run[-1].index + 1
            and doc.tokens[run[-1].index + 1].low.startswith(_KY_PLACE_ADJECTIVES)
        )):
            # "Өзгөчө кырдаалдар министрлиги", "Тышкы иштер министрлиги": capitals, then lowercase to a body's head.
            first = doc.tokens[last.tokens[0]] if last is not None else run[-1]
            if last is not None:
                found.pop()
            case, name = _head_case(doc, head)
            words = (*(t.text for t in doc.tokens[first.index : head.index]), name)
            if doc.lang == "ru" and case != "nom":
                neuter = name.endswith(("ие", "ство", "ение", "ьство", "бюро"))  # управление, агентство
                words = (*(_ru_nominative_adjective(w, neuter=neuter) for w in words[:-1]), name)
            last_t = head
            if doc.lang == "ru":
                # "в Ошском городском центре профилактики заболеваний": what the body is of, in the genitive
                tail = _ru_genitive_tail(doc, head)
                words = (*words, *(t.text for t in tail))
                last_t = tail[-1] if tail else head
            found.append(
                Mention("body", first.block, first.start, last_t.end, first.sent, words, key=fold(name), case=case,
                        initial=first.initial, tokens=(first.index, last_t.index + 1))
            )
        mentions.extend(found)
    if doc.lang == "ru":
        mentions = _ru_body_names(doc, mentions)
    mentions.sort(key=lambda m: m.tokens[0])
    if doc.lang == "ru":
        mentions = _ru_owned_bodies(doc, _ru_kind_and_name(doc, mentions))
        _ru_adjectives_before_nouns(doc, mentions)
        _ru_quoted_names_in_nominative(doc, mentions)
        for m in mentions:
            before = doc.tokens[m.tokens[0] - 1] if m.tokens[0] else None
            if m.kind in ("single", "person") and len(m.words) == 1 and before is not None and (
                before.block == m.block and (
                    not before.upper and any((f,) in doc.lex.place_heads for f in _noun_stems("ru", before.low))
                    # "Жительница Майкудука пенсионерка …": whose resident or native she is, in the genitive
                    or before.low.startswith(("жител", "уроженц", "уроженк", "выходц")) and m.words[0][-1] in "аяиы"
                )
            ):
                m.kind = "place"  # "в микрорайоне Джал", "на улице Ленина": the name of the place the head names
        for m in mentions:
            if m.kind in ("person", "single") and len(m.words) == 1 and _RU_SURNAME_CASE_RE.search(fold(m.words[0])):
                m.case = "obl"  # "Мать одной из учениц Маркеловой", "пост Турсуновой": a woman's surname in a case
            before = doc.tokens[m.tokens[0] - 1] if m.tokens[0] else None
            if m.kind in ("person", "single") and before is not None and before.sent == m.sent and (
                _RU_PARTICIPLE_RE.search(before.low) and before.initial
                and role_stem(doc.lex, before.low) is None  # (not a noun that was a participle: "нападающий X")
            ):
                m.case = "obl"  # "Защищающая Ветлугина адвокат …": the participle's object, not the subject
        for m, nxt in pairwise(mentions):
            before = doc.tokens[m.tokens[0] - 1] if m.tokens[0] else None
            if m.kind in ("single", "person") and len(m.words) == 1 and nxt.kind in ("single", "person") and (
                len(nxt.words) >= 2 and nxt.tokens[0] == m.tokens[1] and doc.text(m.block)[m.end : nxt.start] == " "
                and before is not None and before.block == m.block and not before.upper
                and role_stem(doc.lex, before.low) is not None
            ):
                # "глава Березников Константин Светлаков": a word between a title and a full name is what the title is
                # of (a town, in the genitive), not a second person
                m.kind, m.case = "place", "gen"
    if doc.lang == "en":
        for n, m in enumerate(mentions):
            if m.kind in ("body", "org") and not m.quoted:
                head = _en_committee_after(doc, m)
                if head is not None:
                    # "the Commons education and skills committee", "the Senate foreign relations committee"
                    words = (*m.words, *(t.text for t in doc.tokens[m.tokens[1] : head.index + 1]))
                    mentions[n] = replace(m, kind="body", end=head.end, words=words, key=head.low,
                                          tokens=(m.tokens[0], head.index + 1))
        things: set[str] = set()
        for m in mentions:
            after = doc.text(m.block)[m.end : m.end + 12]
            if m.kind == "single" and len(m.words) == 1 and _EN_WHICH_RE.match(after):
                things.add(m.key)  # "Stridely, which claims a million users, said": a thing, not a person
            nxt = doc.tokens[m.tokens[1]] if m.tokens[1] < len(doc.tokens) else None
            if m.kind == "single" and len(m.words) == 1 and not m.possessive and nxt is not None and (
                nxt.block == m.block and not nxt.upper and doc.text(m.block)[m.end : nxt.start] == " "
                and role_stem(doc.lex, nxt.low) == nxt.low and fold(m.words[0]) not in doc.lex.titles
                and fold(m.words[0]) not in doc.lex.demonyms
            ):
                things.add(m.key)  # "Castleford boss Niall Cusack": whose boss, a club, not a person
        # (one that opens a longer name is that name's short form, found when it speaks: "Calderbrook Dairies")
        things -= {fold(m.words[0]) for m in mentions if len(m.words) > 1}
        for m in mentions:
            if m.key in things and m.kind == "single" and len(m.words) == 1:
                m.kind = "org"
        for m in mentions:
            # "Regulator Ofgem said", "the airline Skyway": one name right after a body's kind is that body
            before = doc.tokens[m.tokens[0] - 1] if m.tokens[0] > 0 else None
            if (
                m.kind == "single"
                and len(m.words) == 1
                and before is not None
                and before.sent == m.sent
                and _is_body_word(doc.lex, before.low)
                and not _is_role_word(doc.lex, before.low)
                and _gap_ok(doc.text(m.block), before.end, m.start)
            ):
                m.kind = "org"
    by_sentence: dict[int, list[Mention]] = {}
    for m in mentions:
        by_sentence.setdefault(m.sent, []).append(m)
    index = Index(
        mentions,
        by_sentence,
        at_token={m.tokens[0]: m for m in mentions},
        honorifics=doc.lex.honorifics,
        companies=frozenset(
            fold(m.words[0]) for m in mentions if len(m.words) == 2 and doc.lex.legal_form(m.words[-1])
        ),
    )
    if doc.lang == "ru":
        _ru_fathers_names_in_case(index)
    _settle_people(doc, index)
    if doc.lang == "ru":
        _ru_given_names_in_case(doc, index)
    return index


def _ru_fathers_names_in_case(index: Index) -> None:
    """"По словам Камчыбек кызы Нуризы": a Kyrgyz name with the father's name first declines its last word in
    Russian; give every mention the form the article first wrote in the nominative (Камчыбек кызы Нуриза)."""
    first: dict[tuple[str, str], Mention] = {}
    for m in index.mentions:
        if m.kind != "person" or len(m.words) != 3 or m.words[1].lower() not in PATRONYMIC:
            continue
        head = (fold(m.words[0]), fold(m.words[1]))
        named = first.get(head)
        if named is None:
            if m.case == "nom" and not m.after_preposition:
                first[head] = m
            continue
        if m.words[2] != named.words[2] and fold(m.words[2])[:-1].startswith(fold(named.words[2])[:-1][:4]):
            m.words, m.key = named.words, named.key


_MAN_GENITIVE_SURNAME_RE = re.compile(r"(?:ов|ев|ёв|ин|ын)а$")


def _ru_given_names_in_case(doc: Document, index: Index) -> None:
    """"Тимура Алиева" read as "Тимура Алиев": a man's surname put back in the nominative takes his given name along
    (Тимур Алиев), where the given name stands as written, in the genitive a man's name takes."""
    tokens = doc.tokens
    for m in index.mentions:
        if m.kind != "person" or len(m.words) != 2 or m.tokens[1] - m.tokens[0] != 2:
            continue
        given, surname = tokens[m.tokens[0]], tokens[m.tokens[0] + 1]
        if m.words[0] != given.text or m.words[1] == surname.text or not _MAN_GENITIVE_SURNAME_RE.search(surname.low):
            continue
        if m.words[1] != surname.text[:-1] or not re.search(r"[бвгдзклмнпрстфхцчшщ]а$|[еиаоу]я$", given.low):
            continue
        before = tokens[given.index - 1] if given.index > 0 else None
        after = tokens[surname.index + 1] if surname.index + 1 < len(tokens) else None
        if given.initial or before is None or before.sent != given.sent or (
            after is not None and after.sent == given.sent and not after.upper and ru_verb_like(after.low)
            and not after.low.endswith(("ли", "ют", "ят", "ут", "ат"))
            and doc.text(given.block)[surname.end : after.start] == " "
        ):
            # "Людмила Корнеева показывает": a name that opens the sentence, or the subject of a verb, is nominative
            # (not "Мирбека Эсенгулова приговорили": an object of an impersonal plural)
            continue
        nominative = ru_nominative_name((given.text, surname.text))[0]
        if nominative != given.text:
            m.words = (nominative, m.words[1])
            m.first = fold(nominative)


def _attested(doc: Document) -> set[str]:
    """The folded stems of the words the article writes capitalised where no sentence starts."""
    seen: set[str] = set()
    for t in doc.tokens:
        if not t.upper and not t.initial and doc.lang in ("ru", "ky"):
            seen.add("~" + t.low)  # a word the article writes in lowercase is a common noun ("ледника", "ледник")
            continue
        nxt = doc.tokens[t.index + 1] if t.index + 1 < len(doc.tokens) else None
        if doc.lang == "ru" and t.upper and nxt is not None and _given_before_surname(doc, t, nxt):
            seen.add("+" + t.low)  # "Гулайым Ташиевой 34 года": a given name as it stands, before a surname
        if t.initial or not t.upper:
            continue
        seen.add(t.low)
        seen.add("=" + t.low)  # the word as written, apart from the stems it may be read to
        if doc.lang == "ky":
            nxt = doc.tokens[t.index + 1] if t.index + 1 < len(doc.tokens) else None
            if nxt is not None and nxt.upper and nxt.block == t.block and any(
                _STRONG_SURNAME_RE.search(f.stem.lower()) for f in ky_forms(nxt.text)
            ):
                # "Гүлзада Абдымомунова", "Айзада Сыдыкованын": a given name as it stands, with no case to cut
                seen.add("+" + t.low)
            seen.update(fold(f.stem) for f in ky_forms(t.text)[:-1] if not f.possessive)
        elif doc.lang == "ru":
            seen.update(_ru_stems(t.low))
        elif t.low.endswith("'s"):
            seen.add(t.low[:-2])
    # Capitals in the title, the crossheads and the quotes count too, where no sentence starts.
    texts = [block.text for b, block in enumerate(doc.blocks) if b not in doc.spans] + doc.quoted_text()
    for text in texts:
        for m in _CAPITAL_RE.finditer(text):
            if m.start() > 0 and text[max(0, m.start() - 2) : m.start()].strip() not in (".", "!", "?", "…"):
                seen.add(fold(m.group()))
    return seen


_DOTTED_NAME_RE = re.compile(r"\d+\.[^\W\d_]")
_EN_POINTS = frozenset(("west", "east", "north", "south"))
_INITIALS_RE = re.compile(r"[^\W\d_](?:\.[^\W\d_])*$")  # "J", "R.K" before ". Menon": one name


def _runs(doc: Document, taken: set[int]) -> Iterator[list[Token]]:
    """Yield the runs of capitalised narrative words, joined by nothing but a space, in one script."""
    run: list[Token] = []
    tokens = doc.tokens
    for t in tokens:
        if t.index in taken:
            if run:
                yield run
                run = []
            continue
        joins = (
            bool(run)
            and run[-1].block == t.block
            and (
                _gap_ok(doc.text(t.block), run[-1].end, t.start)
                or doc.text(t.block)[run[-1].end : t.start] == ". " and _initials_before(doc, run, t)
                or doc.lang == "en" and doc.text(t.block)[run[-1].end : t.start] == ". " and all(
                    x.low in doc.lex.titles for x in run
                )  # "Dr. Alma Reyes", "Gov. Dan Ruiz": an abbreviated title and the name after it
                or doc.lang == "en" and doc.text(t.block)[run[-1].end : t.start] == " & "  # "Hollin & Frayne"
                or doc.lang == "en" and (_plural_possessive(doc, run[-1], t) or _listed_in_name(doc, run, t))
            )
            and (
                doc.lang == "en"
                or bool(_LATIN.match(run[-1].text)) == bool(_LATIN.match(t.text))
                or _one_quoted_name(doc, run[0], t)  # «Жолдош Go», «Ала-Тоо Resort»: one name in quote marks
            )
        )
        if (t.upper or _DOTTED_NAME_RE.match(t.text)) and not (  # "24.kg", not "18.00дөрдө"
            doc.lang == "en" and (_EN_MODIFIER_COMPOUND_RE.search(t.text) or _before_modifier_compound(doc, t))
        ):
            if run and not joins:
                yield run
                run = []
            run.append(t)
        elif joins and (
            t.low in PATRONYMIC and not (len(run) == 1 and run[0].initial and run[0].low in _KY_KIN_ORDER)
            or (doc.lang == "en" and t.low in _EN_NAME_PARTICLES)
            or (t.low in doc.lex.honorifics and len(run) == 1)
            or (doc.lang == "en" and t.low in ("of", "for", "and", "to") and _org_continues(doc, run, t))
            or (doc.lang == "en" and t.low == "and" and any(
                doc.text(t.block)[a.end : b.start] == ", " for a, b in zip(run, run[1:])
            ))  # "Bakers, Food and Allied Workers' Union": the list goes on
        ):
            run.append(t)
        elif run:
            yield run
            run = []
    if run:
        yield run


# "The Krasnoyarsk-based airline", "Soviet-built planes": a compound that describes what follows is no name
_EN_MODIFIER_COMPOUND_RE = re.compile(
    r"-(?:based|born|bred|headquartered|owned|led|run|backed|funded|listed|registered|made|built|bound|linked|"
    r"affiliated|controlled|operated|designed|trained|educated|raised|style)$"
)


# What follows a thing's name and never a person's: "Stridely, which claims …", "Pulsewise, based in Bristol, …"
_EN_WHICH_RE = re.compile(r",\s+(?:which\s|(?:based|headquartered|listed)\s+(?:in|on)\s)")


def _initials_before(doc: Document, run: list[Token], t: Token) -> bool:
    """"Dr R.K. Menon", "А. Петров": initials and the surname after them are one name; "Plan B. Mr Hollis" is not."""
    lex = doc.lex
    return (
        _INITIALS_RE.match(run[-1].text) is not None
        and t.low not in lex.titles
        and all(x.low in lex.titles or _INITIALS_RE.match(x.text) for x in run[:-1])
    )


def _head_case(doc: Document, head: Token) -> tuple[str, str]:
    """The case of a body's head word and the head in the nominative: палатасынын -> ("gen", "палатасы"),
    банка -> ("gen", "банк")."""
    if doc.lang == "ky":
        forms = ky_forms(head.low)
        form = next((f for f in forms if fold(f.stem) in doc.lex.body_heads), forms[-1])
        if form.case == "nom":
            return "nom", head.text
        return ("gen" if form.case == "gen" else "obl"), ky_nominative(head.text)
    stem = body_stem(doc.lex, head.low)
    if stem is None or stem == head.low:
        return "nom", head.text
    return ("gen" if _RU_TAIL_RE.search(head.low) else "obl"), stem


def _ru_genitive_tail(doc: Document, head: Token) -> list[Token]:
    """The lowercase genitives after a body's head that say what it is of ("центре | профилактики заболеваний"),
    up to a verb, a preposition, a capital or punctuation."""
    out: list[Token] = []
    last = head
    for t in doc.tokens[head.index + 1 : head.index + 4]:
        if t.upper or t.block != head.block or not _gap_ok(doc.text(t.block), last.end, t.start) or (
            t.low in doc.lex.function or t.low in RU_PREPOSITIONS or ru_verb_like(t.low) or not _RU_TAIL_RE.search(t.low)
        ):
            break
        out.append(t)
        last = t
    return out


def _ru_nominative_adjective(word: str, *, neuter: bool = False) -> str:
    """Всемирного -> Всемирный, Государственной -> Государственная: enough to name a body in the nominative
    (Сибирского главного -> Сибирское главное before a neuter noun)."""
    if neuter and word.endswith(("ого", "его", "ому", "ему", "ом", "ем")) and len(word) > 5:
        stem = word[: -3 if word.endswith(("ого", "его", "ому", "ему")) else -2]
        soft = word.endswith(("его", "ему", "ем")) and stem[-1:] not in "жшчщ"
        return stem + ("ее" if soft or stem[-1:] in "жшчщ" else "ое")
    for ending, nominative in (("ого", "ый"), ("его", "ий"), ("ому", "ый"), ("ой", "ая"), ("ей", "яя"), ("ом", "ый"),
                               ("ую", "ая"), ("ых", "ые"), ("их", "ие"), ("ыми", "ые"), ("ими", "ие"), ("ым", "ый"),
                               ("им", "ий")):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            stem = word[: -len(ending)]
            if nominative == "ый" and stem[-1:] in "кгхжшчщ":
                nominative = "ий"  # Сокулукского -> Сокулукский, not -скый
            if nominative in ("ый", "ий") and stem.lower() in RU_STRESSED_ENDING:
                nominative = "ой"  # городского -> городской, not городский
            if nominative == "яя" and stem[-1:] in "жшчщ":
                nominative = "ая"  # Высшей -> Высшая, not Высшяя
            return stem + nominative
    return word


# Adjectives whose nominative ends in a stressed -ой (городской, морской), not -ый/-ий, by their stem.
RU_STRESSED_ENDING = frozenset("городск областн окружн краев морск мужск донск лесн полев".split())


_PRONOUN_WORDS = frozenset("ал алар бул ушул ошол анын алардын он она оно они его её ее их".split())


_EN_LOCAL = frozenset(
    "village city town district regional county parish municipal provincial state local cantonal borough metropolitan"
    " prefectural federal".split()
)


_EN_COMMITTEES = frozenset(("committee", "commission", "panel", "subcommittee", "inquiry"))


def _en_committee_after(doc: Document, m: Mention) -> Token | None:
    """The head of a committee named after its body and what it looks at, in lowercase ("Commons | education and
    skills committee"), within four words; None if there is none."""
    tokens = doc.tokens
    k = m.tokens[1]
    for j in range(k, min(len(tokens), k + 5)):
        t = tokens[j]
        if t.block != m.block or t.upper or not t.low.isalpha() or not _gap_ok(doc.text(t.block), tokens[j - 1].end, t.start):
            return None
        if t.low in _EN_COMMITTEES:
            return t if j > k else None
    return None


# Sports a club or a team is named by after its name ("Rhayader Otters swimming club" names the club by what it does)
_EN_SPORTS = frozenset(
    "football rugby cricket tennis golf hockey netball athletics boxing chess bowls basketball volleyball".split()
)


def _en_local_body(doc: Document, run: list[Token]) -> Token | None:
    """English names a local body by its place and a lowercase kind: "the Kamiyashiro village council", "Naryn
    city court"; the head, or None."""
    tokens = doc.tokens
    k = run[-1].index + 1
    if len(run) > 2 or k >= len(tokens):
        return None
    club = False
    if tokens[k].low in _EN_LOCAL and _gap_ok(doc.text(tokens[k].block), run[-1].end, tokens[k].start):
        k += 1
    elif (tokens[k].low in _EN_SPORTS or tokens[k].low.endswith("ing") and len(tokens[k].low) > 5) and not (
        tokens[k].upper
    ) and _gap_ok(doc.text(tokens[k].block), run[-1].end, tokens[k].start):
        k += 1  # "Rhayader Otters swimming club", "Brackley Town football club": what the club does
        club = True
    if k >= len(tokens) or k > run[-1].index + 2:
        return None
    t = tokens[k]
    if t.upper or t.block != run[-1].block or not _gap_ok(doc.text(t.block), tokens[k - 1].end, t.start):
        return None
    if club:
        return t if t.low in ("club", "team", "society", "association") else None
    return t if body_stem(doc.lex, t.low) is not None and t.low in ("council", "court", "police", "authority",
                                                                    "administration", "government", "assembly") else None


def _en_title_complement(doc: Document, run: list[Token]) -> int | None:
    """An English run that is a title going on with "for"/"of" ("Vice Finance Minister | for International Affairs"):
    0 when the run is the title itself (a role word, then "for"/"of" and a capital); the number of words of what the
    title is for, when the run follows "<role> for" and ends in a name of two words ("International Affairs | Kenji
    Arakawa"); None otherwise."""
    lex = doc.lex
    tokens = doc.tokens
    last = run[-1]
    nxt = tokens[last.index + 1] if last.index + 1 < len(tokens) else None
    after = tokens[last.index + 2] if last.index + 2 < len(tokens) else None
    if (
        nxt is not None and after is not None and nxt.low in ("for", "of") and not nxt.upper and after.upper
        and after.block == last.block and (role_stem(lex, last.low) or "") in _EN_OFFICE_TITLES
    ):
        return 0
    first = run[0]
    if first.index < 2 or len(run) < 3:
        return None
    before, title = tokens[first.index - 1], tokens[first.index - 2]
    if before.low not in ("for", "of") or before.upper or (role_stem(lex, title.low) or "") not in _EN_MINISTERS:
        return None  # (a spokesman for a body speaks for the body: "spokesman for Al Noor Infrastructure")
    if any(t.low in lex.function or body_stem(lex, t.low) is not None for t in run[-2:]):
        return None
    return len(run) - 2


# Offices of state whose title names a field of affairs after "for"/"of": "Minister for International Affairs X"
_EN_MINISTERS = frozenset(("minister", "secretary", "commissioner", "ombudsman", "envoy"))
# Titles that take what they are for after them: "Minister for Trade", "Secretary of State for Health"
_EN_OFFICE_TITLES = frozenset(("minister", "secretary", "commissioner", "ombudsman", "envoy", "spokesman",
                               "spokeswoman", "spokesperson", "director", "chairman", "chairwoman", "president"))


def _given_then_surname(doc: Document, run: list[Token]) -> bool:
    """Does a Kyrgyz run end in a given name in the nominative and a surname ("Азамат Керимбаев"), a person's
    name, not a place's ("Бишкектин Свердлов")?"""
    if len(run) < 2:
        return False
    given = run[-2]
    return (
        ky_forms(given.low)[0].case == "nom"
        and not _STRONG_SURNAME_RE.search(given.low)
        and (fold(given.low),) not in doc.lex.places
        and body_stem(doc.lex, given.low) is None
    )


def _body_continuation(doc: Document, run: list[Token]) -> Token | None:
    """The head of a body's name that goes on in lowercase after a run of capitals, within two words."""
    if doc.lang == "en":
        return _en_local_body(doc, run)
    if _LATIN.match(run[0].text):
        return None  # "Open Borders Watch эл аралык укук коргоо уюму": a Latin name is whole, the rest describes it
    if doc.lang == "ru" and not (_RU_ADJECTIVE_ANY_RE.search(run[-1].low) or _RU_ADJECTIVE_LOC_RE.search(run[-1].low)):
        return None  # "Всемирного банка", "Государственная дума"; not "цитирует Абдыразакову пресс-служба"
    if doc.lang == "ru" and run[-1].low.endswith(("ого", "его")) and any(
        _written_as_name(doc, run[-1].text[:-3] + end) for end in ("ой", "ий", "ый")
    ):
        return None  # "слова Шпилевого | пресс-служба клуба": a surname the article writes as "Игорь Шпилевой"
    if doc.lang == "ru" and run[-1].low.endswith(("ым", "им")) and _written_as_name(doc, run[-1].text[:-2]):
        return None  # "с господином Крутиковым | компании": a surname the article writes as "Крутиков"
    after = doc.tokens[run[-1].index + 1].low if run[-1].index + 1 < len(doc.tokens) else ""
    if doc.lang == "ky" and _STRONG_SURNAME_RE.search(run[-1].low) and len(run[-1].low) > 4 and not (
        after.startswith(_KY_PLACE_ADJECTIVES) and not _given_then_surname(doc, run)
    ):  # ("Свердлов райондук соту": a district named for a man; not "юрист Азамат Керимбаев | айылдык кеңештердин")
        return None  # "Үсөнов эми команда …": a person's name, then the rest of the sentence
    if doc.lang == "ky" and body_stem(doc.lex, run[-1].low) is not None and ky_forms(run[-1].low)[0].case == "nom":
        return None  # "Министрлик | кыймылдын жаңы тартибин …": the name ends at its head
    if doc.lang == "ky" and len(run) == 1 and run[0].initial and ky_forms(run[0].low)[0].case in ("loc", "abl", "dat"):
        return None  # "Айылда компания …": a word in a case ending that opens the sentence names nothing
    tokens = doc.tokens
    last = run[-1]
    owner_head: Token | None = None  # a head in the genitive, which may own the real one further on
    for k in range(last.index + 1, min(len(tokens), last.index + 8)):
        t = tokens[k]
        prev = tokens[k - 1]
        gap = doc.text(t.block)[prev.end : t.start]
        if t.upper or t.block != last.block or gap.strip(" ,\u00a0") or "," in gap and k > last.index + 3:
            return owner_head
        if doc.lang == "ru" and ("," in gap or ru_verb_like(t.low) or t.low in RU_PREPOSITIONS):
            return None  # "Новосибирской области | предупредили"
        if doc.lang == "ru" and k == last.index + 1 and any((x,) in doc.lex.place_heads for x in _noun_stems("ru", t.low)):
            return None  # "Нижегородской области | отказ администрации": the adjective and its place make a whole
        if doc.lang == "ky" and body_stem(doc.lex, t.low) is not None and _genitive_noun(doc.lex, t.low):
            owner_head = t  # "… соода ишканаларынын | улуттук ассоциациясы": the owner; the head may follow
            continue
        if doc.lang == "ky" and owner_head is not None and body_stem(doc.lex, t.low) is not None and (
            ky_forms(t.low)[0].case in ("dat", "loc", "abl", "acc")
        ):
            return owner_head  # "… ишканасынын | кеңешке берген": another body, in the case the verb needs
        if body_stem(doc.lex, t.low) is not None:
            # The head in any case: "Эсептөө палатасынын", "Всемирного банка" (the mention gets the case); a
            # second head right after it is the real one ("Микрофинансылык уюмдар ассоциациясы").
            while (
                doc.lang == "ky"
                and t.index + 1 < len(tokens)
                and tokens[t.index + 1].block == t.block
                and not tokens[t.index + 1].upper
                and _gap_ok(doc.text(t.block), t.end, tokens[t.index + 1].start)
                and body_stem(doc.lex, tokens[t.index + 1].low) not in (None, "тарап")  # not "… тарабынан" (by)
                and ky_forms(t.low)[0].case in ("nom", "gen")
                # "Курулуш инспекциясы | компаниянын …": a head with its own possessive ending closes the name
                and not (ky_forms(t.low)[0].case == "nom" and ky_forms(t.low)[0].possessive)
                # "… ишканасынын | кеңешке берген": a head in an oblique case is what the name acts on
                and not ky_forms(tokens[t.index + 1].low)[0].oblique
            ):
                t = tokens[t.index + 1]
            return t
        if t.low in ("жана", "и") or doc.lang == "ky" and t.low.startswith(_KY_PLACE_ADJECTIVES):
            continue  # "Билим берүү жана илим кызматкерлеринин профсоюзу", "Алай райондук акимчилиги"
        if t.low in doc.lex.function or t.low in _PRONOUN_WORDS:
            return owner_head  # "Мирзиёев | ал мамлекеттик … ишканасына": the name is the subject, not a name's part
        if role_stem(doc.lex, t.low) is not None and not _genitive_noun(doc.lex, t.low) and not _plural_noun(doc, t):
            return owner_head  # a role ends it; people in the plural name what the body is of ("байкоочулар кеңеши")
        if doc.lang == "ru" and (_RU_ADJECTIVE_ANY_RE.search(t.low) or _RU_ADJECTIVE_LOC_RE.search(t.low)):
            continue  # "Сокулукского районного суда", "в Ошском городском центре": adjectives agree with the head
        if (
            doc.lang == "ky"
            and _KY_ACCUSATIVE_RE.search(t.low)
            and k + 1 < len(tokens)
            and _KY_VERBAL_NOUN_RE.search(tokens[k + 1].low)
        ):
            continue  # "Кар көчкүлөрдү болжолдоо борбору": the object of the verbal noun that names the body's work
        if not _nominative_noun(doc.lex, t.low) and not _genitive_noun(doc.lex, t.low):
            return owner_head
    return owner_head


_KY_ACCUSATIVE_RE = re.compile(r"(?:[дтн][ыиуү])$")
_KY_PLACE_ADJECTIVES = ("райондук", "облустук", "шаардык", "айылдык")
_KY_VERBAL_NOUN_RE = re.compile(r"(?:оо|өө|уу|үү|ээ|аа)$")


# "по" + these says how or why ("по итогам заседания", "по данным", "по словам"), never what a body is for.
_RU_PO_ADVERBIAL = (
    "итог", "данн", "слова", "словам", "мнени", "оценк", "сведени", "информаци", "результат", "просьб", "повод",
    "факт", "причин", "случа", "традици", "предварительн", "официальн", "инициатив", "решени", "приказ", "поручени",
)
_RU_TAIL_RE = re.compile(r"(?:ого|его|ой|ей|ых|их|ий|ства|ения|ии|ия|ов|ев|а|я|ы|и)$")


def _ru_body_names(doc: Document, mentions: list[Mention]) -> list[Mention]:
    """Russian names bodies by a capitalised kind and its genitives: "Министерство транспорта и дорожного
    хозяйства Татарстана", "Служба антимонопольного регулирования при Кабинете министров"."""
    tokens = doc.tokens
    at = {m.tokens[0]: m for m in mentions}
    covered = {k for m in mentions for k in range(*m.tokens)}
    out: list[Mention] = []
    for t in tokens:
        if not t.upper or t.text.isupper() or (
            t.index in covered and (at.get(t.index) is None or at[t.index].kind not in ("body", "single"))
        ):
            continue
        kind = body_stem(doc.lex, t.low)
        if kind is None or " " in kind or len(kind) < 4:
            continue  # a kind of body, in any case: "Министерство", "Службе"
        last = t
        k = t.index + 1
        while k < len(tokens) and k < t.index + 8:
            x = tokens[k]
            gap = doc.text(t.block)[last.end : x.start].strip(" \u00a0")
            if x.block != t.block or gap and not (gap == "," and _listed_genitive(tokens, k, t.block)):
                break
            named = at.get(x.index)
            # "при Кабинете министров", "по защите депозитов": the word after the preposition, in its case
            after_pri = tokens[k - 1].low == "при" or tokens[k - 1].low == "по" and not x.upper
            if named is not None and named.kind in ("person", "single") and not (_RU_TAIL_RE.search(x.low) or after_pri):
                break
            if named is not None and named.kind == "person":
                break  # "… МЧС | Сергей Абанин"
            if x.upper and _surname_in_genitive(doc, x):
                break  # "пресс-служба думы | Ковальчука" after "Анатолий Ковальчук": whom it quotes, not the name
            if named is not None and named.kind == "media" or (fold(x.text),) in doc.lex.media:
                break  # "В Минздраве России | Би-би-си сообщили": the outlet told
            if x.low == "при" and not (k + 1 < len(tokens) and tokens[k + 1].upper):
                break  # "Служба антимонопольного регулирования | при профильном министерстве": whose it is, no name
            if x.low in RU_PREPOSITIONS and x.low not in ("при", "по") or x.low in doc.lex.function and x.low not in ("и", "при", "по"):
                break  # "в ответе Минкультуры | на запрос редакции", "Правительство | пока не дало"
            placed = at.get(last.index) is not None and at[last.index].kind == "place" and not any(
                (f,) in doc.lex.place_heads for f in _noun_stems("ru", x.low)
            )  # (but "Калужской | области": a region's kind goes with its name)
            if placed and not x.upper and x.low not in ("и", "при", "по"):
                break  # "В пресс-службе Минздрава России | перебои назвали": the country ends the name
            nxt = tokens[k + 1] if k + 1 < len(tokens) and tokens[k + 1].block == t.block else None
            if x.low == "по" and (nxt is None or not nxt.upper and (
                at.get(last.index) is not None and at[last.index].kind == "place" or nxt.low.startswith(_RU_PO_ADVERBIAL)
            )):
                # "в сообщении Банка России | по итогам заседания": after a place only a region goes on ("МЧС России
                # по Алтайскому краю"), and "по итогам", "по данным" say how, not what the body is for
                break
            # (the noun of an adjective before it, in the same case: "лыжных гонок", "по чрезвычайным ситуациям")
            agrees = not x.upper and not ru_verb_like(x.low) and (
                last.low.endswith(("ых", "их")) and x.low not in doc.lex.function
                or last.low.endswith(("ым", "им")) and x.low.endswith(("ам", "ям"))
            )
            if x.low in ("и", "при", "по") or after_pri or agrees or _RU_TAIL_RE.search(x.low) and not ru_verb_like(x.low):
                last = x
                k += 1
                continue
            break
        while last.low in ("и", "при", "по") and last.index > t.index:
            last = tokens[last.index - 1]
        if last is t:
            continue
        covered.update(range(t.index, last.index + 1))
        head = t.text[0] + kind[1:]  # the kind in the nominative: "Службе" -> "Служба"
        words = (head, *(x.text for x in tokens[t.index + 1 : last.index + 1]))
        out.append(Mention("body", t.block, t.start, last.end, t.sent, words, key=t.low, initial=t.initial,
                           tokens=(t.index, last.index + 1)))
    if not out:
        return mentions
    taken = {k for m in out for k in range(*m.tokens)}
    return [m for m in mentions if m.tokens[0] not in taken] + out


_RU_REGIONS_DATIVE = frozenset("краю области району округу республике городу".split())
_RU_MISSIONS = ("посольств", "консульств", "генконсульств", "представительств", "постпредств", "диппредставительств",
                "дипмисси", "миссия", "миссии")


def _ru_owned_bodies(doc: Document, mentions: list[Mention]) -> list[Mention]:
    """A body's name goes on with where it works: "районный суд Бишкека" (a place in the genitive), "ГУ МЧС" (an
    acronym of the body above it), "ГУ МЧС по Оренбургской области" (по and a place)."""
    tokens = doc.tokens
    out: list[Mention] = []
    for n, m in enumerate(mentions):
        prev = out[-1] if out else None
        if prev is not None and prev.kind in ("body", "org") and prev.block == m.block and prev.tokens[1] == m.tokens[0]:
            gap = doc.text(m.block)[prev.end : m.start]
            joins = not gap.strip(" \u00a0") and (
                m.kind == "place" and m.case == "obl"
                # "Арбитражный суд Свердловской области": a region's adjective in the genitive, then its kind
                or m.kind == "place" and len(m.words) == 1 and re.search(r"(?:ской|цкой|ого|его)$", m.words[0])
                and _place_head_after(doc, tokens[m.tokens[1] - 1])
                and re.search(r"(?:ти|я|а|ы|и)$", tokens[m.tokens[1]].low) is not None
                or _acronym(prev.words[-1]) and _acronym(m.words[0]) and m.kind in ("body", "org")
                # "Следственное управление СК по Башкортостану": a body's kind, then whose it is, by an acronym
                or prev.kind == "body" and _acronym(m.words[0]) and m.kind == "body" and not _acronym(prev.words[-1])
                and (
                    body_stem(doc.lex, fold(prev.words[-1])) is not None
                    # "Центр общественных связей ГКНБ": a unit's name, then the body it belongs to
                    or len(prev.words) > 1 and (fold(m.words[0]),) in doc.lex.body_names
                )
                # "Управление Роспотребнадзора по Республике Дагестан": the republic's name after its kind
                or prev.kind == "body" and m.kind in ("place", "single") and len(prev.words) > 2
                and prev.words[-2].lower() == "по" and any(
                    (f,) in doc.lex.place_heads for f in _noun_stems("ru", fold(prev.words[-1]))
                )
            )
            if joins:
                last = tokens[m.tokens[1] - 1]
                nxt = tokens[last.index + 1] if last.index + 1 < len(tokens) else None
                if m.kind == "place" and nxt is not None and nxt.block == m.block and _place_head_after(doc, last):
                    last = nxt  # "прокуратуры Ярославской области": the region's kind goes with its name
                out[-1] = _joined(doc, prev, last)
                continue
        nxt_m = mentions[n + 1] if n + 1 < len(mentions) else None
        if prev is not None and prev.kind == "body" and len(prev.words) == 1 and m.kind == "single" and (
            len(m.words) == 1 and prev.tokens[1] == m.tokens[0] and prev.block == m.block
            and nxt_m is not None and nxt_m.kind == "person" and nxt_m.tokens[0] == m.tokens[1]
            and not _acronym(prev.words[0]) and body_stem(doc.lex, fold(prev.words[0])) is not None
        ):
            # "демограф Университета Кэйо Сатоси Ханада": the word between a body's kind and a person is the body's
            # name
            out[-1] = _joined(doc, prev, tokens[m.tokens[1] - 1])
            continue
        if m.kind in ("place", "org", "single") and prev is not None and prev.kind in ("body", "org") and (
            prev.block == m.block
        ):
            k = prev.tokens[1]
            if k + 1 == m.tokens[0] and tokens[k].low in ("в", "во", "при") and len(prev.words) > 1 and (
                any(fold(w).startswith(_RU_MISSIONS) for w in prev.words[:2]) and tokens[k - 1].upper
                and re.search(r"(?:е|и)$", tokens[m.tokens[1] - 1].low)
                and _gap_ok(doc.text(m.block), tokens[k - 1].end, tokens[k].start)
                and _gap_ok(doc.text(m.block), tokens[k].end, tokens[k + 1].start)
            ):
                # "посольство России в Сербии", "генконсульство Кыргызстана в Екатеринбурге": a mission is named by
                # whose it is and where it sits
                out[-1] = _joined(doc, prev, tokens[m.tokens[1] - 1])
                continue
            if (
                k + 3 == m.tokens[0]
                and tokens[k].low == "по"
                and tokens[k - 1].upper
                and re.search(r"(?:ому|ему|ой)$", tokens[k + 1].low)
                and tokens[k + 2].low in _RU_REGIONS_DATIVE
            ):
                out[-1] = _joined(doc, prev, tokens[m.tokens[1] - 1])  # "УМВД по городскому округу Подольск"
                continue
            if k + 1 == m.tokens[0] and tokens[k].low == "по" and tokens[k - 1].upper:
                last = tokens[m.tokens[1] - 1]
                nxt = tokens[last.index + 1] if last.index + 1 < len(tokens) else None
                region = nxt is not None and nxt.block == m.block and (
                    _place_head_after(doc, last) or nxt.low in _RU_REGIONS_DATIVE
                )
                if region:
                    last = nxt  # "по Оренбургской области", "по Краснодарскому краю"
                if region or m.kind == "place" or len(m.words) == 1 and last.low.endswith(("и", "е", "у", "ю")):
                    out[-1] = _joined(doc, prev, last)  # "ГУ МЧС России по Кабардино-Балкарии"
                    continue
        out.append(m)
    return out


_RU_ADJECTIVE_ANY_RE = re.compile(r"(?:ий|ый|ая|яя|ое|ее|ые|ие|ого|его|ых|их|ому|ему|ой|ей|ым|им|ыми|ими)$")
# an adjective in the locative, masculine or neuter: "в Ошском городском центре", "в Национальном банке"
_RU_ADJECTIVE_LOC_RE = re.compile(r"(?:ск|цк|ьн|н|ов|ев)(?:ом|ем)$")  # (бассейновом, отраслевом)


def _ru_adjectives_before_nouns(doc: Document, mentions: list[Mention]) -> None:
    """"Московский экономист", "Бишкекский горсуд": one capitalised adjective before a lowercase role or body
    describes it and is nobody's name (a surname is followed by a verb, a name or punctuation)."""
    tokens = doc.tokens
    people = {x.key for x in mentions if x.kind == "person" and len(x.words) > 1}
    for m in mentions:
        if m.kind not in ("single", "person") or len(m.words) != 1 or m.tokens[1] >= len(tokens):
            continue
        if m.key in people:
            continue  # "слова Заречного пресс-служба": the surname of "Олег Заречный", not an adjective
        low = fold(m.words[0])
        if not _RU_ADJECTIVE_ANY_RE.search(low) or re.search(r"(?:ов|ев|ёв|ин|ын)(?:а|ой|ым|у)$", low):
            continue
        nxt = tokens[m.tokens[1]]
        if nxt.upper or nxt.block != m.block or not _gap_ok(doc.text(m.block), m.end, nxt.start):
            continue
        if role_stem(doc.lex, nxt.low) is not None or body_stem(doc.lex, nxt.low) is not None or (
            # "сотрудник Алтайской гляциологической станции": adjectives in one case, then their noun
            low.endswith(("ской", "цкой", "ной")) and nxt.low.endswith("ой") and _RU_ADJECTIVE_ANY_RE.search(nxt.low)
        ):
            m.kind = "title"
        elif nxt.low in doc.lex.companies and _ru_noun_agreeing(doc.lex, low, nxt.low):
            # "Заволжская агрогруппа увеличила выручку": a company's name, its kind in lowercase
            m.kind, m.words, m.key, m.first, m.gender = "org", (m.words[0], nxt.text), nxt.low, low, ""
            m.end, m.tokens = nxt.end, (m.tokens[0], nxt.index + 1)


def _joined(doc: Document, m: Mention, last: Token) -> Mention:
    """The mention m stretched to end at the token `last`."""
    words = (*m.words, *(t.text for t in doc.tokens[m.tokens[1] : last.index + 1]))
    return replace(m, kind="body", end=last.end, words=words, tokens=(m.tokens[0], last.index + 1))


def _ru_kind_and_name(doc: Document, mentions: list[Mention]) -> list[Mention]:
    """A body written as its kind in lowercase and then a name: "в мэрии Оша", "аэропорту Ош", "авиакомпании
    «Кут Эйр»". The mention takes in the kind, in the nominative (мэрия Ош)."""
    tokens = doc.tokens
    covered = {k for m in mentions for k in range(*m.tokens)}
    out: list[Mention] = []
    for m in mentions:
        k = m.tokens[0] - 1
        if m.kind in ("place", "single", "org") and not m.quoted and k >= 0 and k not in covered and (
            m.case != "gen" or m.kind == "place"
        ) and not (
            m.kind == "single" and re.search(r"(?:[оеё]в|ин|ын|ский|цкий|енко|ян)$", m.words[-1].lower())
            and m.tokens[1] < len(tokens) and tokens[m.tokens[1]].block == m.block
            and _RU_PAST_RE.search(tokens[m.tokens[1]].low) and not tokens[m.tokens[1]].upper
        ) and not (
            m.kind == "single" and len(m.words) == 1 and _surname_in_genitive(doc, tokens[m.tokens[0]])
        ):
            # (not "В суде Вершинин заявил": a name right before its verb is the subject, not the court's name; nor
            # "пресс-служба думы Ковальчука" after "Анатолий Ковальчук": the man it quotes)
            after = [x for x in tokens[m.tokens[1] : m.tokens[1] + 3] if x.block == m.block]
            while after and not after[0].upper and _RU_ADJECTIVE_ANY_RE.search(after[0].low) and (
                body_stem(doc.lex, after[0].low) is None
            ):
                after = after[1:]  # ("Бишкекского межрайонного суда": past the adjectives to the head)
            if after and not after[0].upper and len(m.words) == 1 and (
                _RU_ADJECTIVE_ANY_RE.search(m.words[0].lower()) and body_stem(doc.lex, after[0].low) is not None
            ):
                out.append(m)  # "пресс-служба Первомайского райсуда": the adjective goes with the body after it
                continue
            t = tokens[k]
            gap = doc.text(m.block)[t.end : m.start]
            kind = body_stem(doc.lex, t.low) if t.block == m.block and not t.upper else None
            if kind is not None and " " not in kind and not gap.strip(" \u00a0«\"“"):
                case = "nom" if t.low == kind else "obl"
                # the name as written: a place in the genitive owns the body ("мэрия Бишкека"), one in apposition
                # stays as it is ("аэропорт Ош")
                name = tuple(x.text for x in tokens[m.tokens[0] : m.tokens[1]])
                end, last = m.tokens[1], tokens[m.tokens[1] - 1]
                if m.kind == "place" and _place_head_after(doc, last) and _RU_TAIL_RE.search(tokens[end].low):
                    # "в прокуратуре Ярославской области": the region's kind goes with its name
                    name, end, last = (*name, tokens[end].text), end + 1, tokens[end]
                out.append(replace(m, kind="body", start=t.start, end=last.end, words=(kind, *name), case=case,
                                   tokens=(k, end), after_preposition=False))
                continue
        out.append(m)
    return out


def _listed_genitive(tokens: list[Token], k: int, block: int) -> bool:
    """After a comma, a body's name goes on with a list of genitives closed by "и": "Министерство труда,
    социального обеспечения и миграции"."""
    x = tokens[k]
    if x.upper or not _RU_TAIL_RE.search(x.low) or ru_verb_like(x.low):
        return False
    return any(y.low == "и" and y.block == block for y in tokens[k + 1 : k + 4])


def _plural_noun(doc: Document, t: Token) -> bool:
    if doc.lang == "ky":
        return ky_forms(t.low)[0].plural
    return doc.lang == "ru" and t.low.endswith(("ов", "ей", "и", "ы"))


def ru_verb_like(low: str) -> bool:
    return low.endswith(("ла", "ли", "ло", "ет", "ит", "ют", "ят", "ал", "ил", "ся", "сь"))


def _genitive_noun(lex: Lexicon, low: str) -> bool:
    if lex.lang == "ky":
        forms = ky_forms(low)
        return len(forms) > 1 and forms[0].case == "gen"
    return False


def _place_head_before(doc: Document, first: Token) -> bool:
    """Is the word right before a capitalised one a lowercase head of a place's name (провинции, села, области)?"""
    tokens = doc.tokens
    if first.index == 0:
        return False
    t = tokens[first.index - 1]
    if t.upper or t.block != first.block or not _gap_ok(doc.text(t.block), t.end, first.start):
        return False
    return any((form,) in doc.lex.place_heads for form in _noun_stems(doc.lex.lang, t.low))


def _place_head_after(doc: Document, last: Token) -> bool:
    """Is the word right after a run of capitals the head of a place's name (району, айылы, көчөсү, области)?"""
    tokens = doc.tokens
    k = last.index + 1
    if k >= len(tokens):
        return False
    t = tokens[k]
    if t.upper or t.block != last.block or not _gap_ok(doc.text(t.block), last.end, t.start):
        return False
    return any((form,) in doc.lex.place_heads for form in _noun_stems(doc.lex.lang, t.low))


def _nominative_noun(lex: Lexicon, low: str) -> bool:
    if lex.lang == "ky":
        forms = ky_forms(low)
        return len(forms) == 1 or forms[0].case == "nom"
    if lex.lang == "ru":
        return body_stem(lex, low) in (low, None) and not low.endswith(("ого", "ому", "ым", "ой", "ом", "ем", "у", "ю"))
    return True


def _known_phrases(doc: Document) -> list[Mention]:
    """Media and bodies whose names go on in lowercase: "Первый канал", "Ассошиэйтед пресс", "Новая газета"."""
    lex = doc.lex
    out: list[Mention] = []
    tokens = doc.tokens
    i = 0
    starts = lex.media_starts
    while i < len(tokens):
        t = tokens[i]
        if not t.upper or t.low not in starts:
            i += 1
            continue
        found = 0
        for size in (4, 3, 2):
            seq = tokens[i : i + size]
            if len(seq) < size or any(x.block != t.block for x in seq):
                continue
            if not all(_gap_ok(doc.text(t.block), a.end, b.start) for a, b in pairwise(seq)):
                continue
            words = tuple(x.low for x in seq)
            if words in lex.media or (not all(x.upper for x in seq) and _stem_phrase(lex, words) in lex.media):
                found = size
                break
        if found:
            seq = tokens[i : i + found]
            first, last = seq[0], seq[-1]
            before = doc.text(first.block)[max(0, first.start - 1) : first.start]
            out.append(
                Mention("media", first.block, first.start, last.end, first.sent, tuple(x.text for x in seq),
                        key=last.low, initial=first.initial, tokens=(first.index, last.index + 1),
                        quoted=bool(before) and before in _OPENING_MARKS)
            )
            i += found
        else:
            i += 1
    return out


def _stem_phrase(lex: Lexicon, words: tuple[str, ...]) -> tuple[str, ...]:
    """The phrase with its last word in the form the lexicon lists: "первого канала" -> "первого канал"."""
    for form in _noun_stems(lex.lang, words[-1]):
        phrase = (*words[:-1], form)
        if phrase in lex.media:
            return phrase
    return words


def _org_continues(doc: Document, run: list[Token], t: Token) -> bool:
    """"Ministry of Emergency Situations", "Bank of England": a body's word, "of", and more capitals."""
    tokens = doc.tokens
    nxt = tokens[t.index + 1] if t.index + 1 < len(tokens) else None
    if nxt is None or not nxt.upper or nxt.block != t.block or not _gap_ok(doc.text(t.block), t.end, nxt.start):
        return False
    if any(_is_body_word(doc.lex, x.low) for x in run):
        return True
    # "Fire and Rescue Service": the capitals after "and" end in a body's kind
    last = nxt
    for x in tokens[nxt.index + 1 : nxt.index + 4]:
        if not x.upper or x.block != t.block or not _gap_ok(doc.text(t.block), last.end, x.start):
            break
        last = x
    return t.low == "and" and last is not nxt and _is_body_word(doc.lex, last.low)


def _listed_in_name(doc: Document, run: list[Token], t: Token) -> bool:
    """"Department for Culture, Media and Sport", "Bakers, Food and Allied Workers' Union": a body's name that
    lists its fields, with commas, up to "and" and one more capitalised word."""
    if not t.upper or doc.text(t.block)[run[-1].end : t.start] != ", ":
        return False
    if any(x.low in ("of", "for") for x in run):
        return _listed_in_name_ahead(doc, t, body=False)
    # "Bakers, Food and Allied Workers' Union": a list that ends in a body's kind ("Russia, China and Iran" does not)
    return len([x for x in run if x.low != "the"]) == 1 and _listed_in_name_ahead(doc, t, body=True)


def _listed_in_name_ahead(doc: Document, t: Token, *, body: bool) -> bool:
    tokens = doc.tokens
    text = doc.text(t.block)
    for j in range(t.index + 1, min(len(tokens), t.index + 8)):
        x, prev = tokens[j], tokens[j - 1]
        if x.block != t.block:
            return False
        gap = text[prev.end : x.start]
        if x.low == "and" and _gap_ok(text, prev.end, x.start) and prev.upper:
            rest = []
            for y in tokens[j + 1 : j + 5]:
                if not y.upper or y.block != t.block or not _gap_ok(text, tokens[y.index - 1].end, y.start) and not (
                    _plural_possessive(doc, tokens[y.index - 1], y)
                ):
                    break
                rest.append(y)
            return bool(rest) and (not body or _is_body_word(doc.lex, rest[-1].low))
        if not x.upper or not (_gap_ok(text, prev.end, x.start) or gap == ", "):
            return False
    return False


def _en_of_body(lex: Lexicon, folded: Sequence[str]) -> bool:
    """"Ministry of Emergency Situations", "Office for Product Safety and Standards": a body's kind, then of/for."""
    link = next((w for w in ("of", "for") if w in folded[1:-1]), "")
    return bool(link) and _is_body_word(lex, folded[folded.index(link) - 1])


def _before_modifier_compound(doc: Document, t: Token) -> bool:
    """Is an English capitalised word the first of a place in a compound modifier ("the New York-based watchdog",
    "a Hong Kong-listed firm"), no name of its own?"""
    tokens = doc.tokens
    for k in range(t.index + 1, min(len(tokens), t.index + 3)):
        nxt = tokens[k]
        if nxt.block != t.block or doc.text(t.block)[tokens[k - 1].end : nxt.start] != " " or not nxt.upper:
            return False
        if _EN_MODIFIER_COMPOUND_RE.search(nxt.text):
            return True
    return False


def _one_quoted_name(doc: Document, first: Token, t: Token) -> bool:
    """Are two words inside one short pair of quote marks that opens right before the first ("«Жолдош Go»")?"""
    text = doc.text(t.block)
    if first.start == 0 or text[first.start - 1] not in "«\"“„":
        return False
    close = re.match(r"[^«»\"“”„\n]{0,40}?[»\"”“]", text[t.end : t.end + 42])
    return close is not None and not re.search(r"[«»\"“”„]", text[first.start : t.start])


def _plural_possessive(doc: Document, prev: Token, t: Token) -> bool:
    """"Citizens' Advice", "Norfolk Patients' Voice": a plural possessive inside a capitalised name."""
    text = doc.text(t.block)
    if not (t.upper and prev.upper and prev.low.endswith("s") and text[prev.end : t.start] in ("' ", "’ ")):
        return False
    # (not the close of a crosshead in single quotes run into the text: "'Heart of the Potteries' Labour MP …")
    line = text[max(0, prev.start - 80) : prev.end]
    opened = max(line.rfind(" '"), line.rfind(" ‘"), line.rfind(". '"))
    return opened < 0 or any(c in line[opened + 2 :] for c in ".!?'’")


def _gap_ok(text: str, end: int, start: int) -> bool:
    gap = text[end:start]
    return 0 < len(gap) <= 2 and not gap.strip(" \u00a0")


# ------------------------------------------------------------------------------------------------ reading a run


@functools.lru_cache(maxsize=65536)
def _ru_stems(low: str) -> tuple[str, ...]:
    """Stems a Russian case ending may hide on a word: Березнюка -> березнюк, Еркаевой -> еркаев."""
    out = []
    for ending in ("ого", "ому", "ыми", "ими", "ой", "ей", "ую", "юю", "ом", "ем", "ым", "им", "а", "я", "у", "ю", "е", "ы", "и"):
        if low.endswith(ending) and len(low) - len(ending) >= 3:
            out.append(low[: -len(ending)])
    return tuple(out)


@dataclass(slots=True)
class _Word:
    token: Token
    nominative: str  # the word in the nominative, as written (case ending cut)
    case: str  # "nom", "gen", "obl"


def _ky_reading(
    word: str,
    attested: set[str],
    lex: Lexicon,
    *,
    after_name: bool = False,
    before_surname: bool = False,
    by_patronymic: bool = False,
) -> KyForm:
    """Choose the reading of a capitalised Kyrgyz word: a stem the article or the lexicons know, else the one
    with a single case ending (a possessive and a case on an unknown stem are too uncertain to cut)."""
    forms = ky_forms(word)
    nominative = forms[-1]
    whole = fold(word)
    if (whole,) in lex.places or (whole,) in lex.media or (whole,) in lex.bodies:
        return nominative  # "Кыргызстан", not "Кыргызс" + ablative
    for f in forms[:-1]:
        stem = fold(f.stem)
        if f.case == "gen" and ((stem,) in lex.places or (stem,) in lex.bodies):
            return f  # "Бишкектин Свердлов районунда": a place's genitive, before a district named for a man
    if before_surname or "+" + whole in attested:
        # "Гүлзада Мурзабекова", "Мамасадык Турдукеев": a given name before a surname, here or elsewhere ("— дейт
        # Гүлзада" is no "Гүлза" in the locative)
        return nominative
    if by_patronymic and _KY_ADJECTIVE_RE.search(whole):
        return nominative  # "Абдыкалык уулу Нурлан": a father's name in -лык is no word made from a place
    adjective = _KY_ADJECTIVE_RE.search(whole)
    if adjective and len(whole) - len(adjective.group()) >= 3:
        # "Бишкектик", "Кыргызстандык": a word made from a place describes what follows it.
        return KyForm(word[: adjective.start()], "nom", relative=True)
    for f in forms[:-1]:
        stem = fold(f.stem)
        # The stem written on its own elsewhere, or a place, a medium or a body the lexicons know.
        if "=" + stem in attested or (stem,) in lex.places or (stem,) in lex.media or (stem,) in lex.bodies:
            return f
    if by_patronymic:
        # "Жолдошбек кызы Айзада", "Мирбек Табылды уулу": a name right after or before the patronymic is whole, no
        # "Айза" or "Табыл" in a case
        return nominative
    for f in forms[:-1]:
        if f.possessive and len(f.stem) < 5:
            continue
        if f.case in ("acc", "abl") and not after_name and not surname_shape(f.stem, "ky"):
            continue  # names end like these endings: Дастан, Султан, Табылды
        if f.case in ("gen", "dat", "loc", "acc", "abl") and len(f.stem) >= 3:
            return f
    if forms and forms[0].stem != word and word[:2].isupper():
        return forms[0]  # an acronym with an ending: АКШнын, УКМКга
    return nominative


_LATIN_WITH_ENDING_RE = re.compile(r"([A-Za-z][A-Za-z0-9.]*)([а-яөүң]{1,5})$")


def _ky_stand_in(ending: str) -> str:
    """A Kyrgyz stem that takes this ending as the Latin name before it did (the ending's first sound follows the
    stem's last one, its vowel the stem's vowels): Kloop-тун like топ-тун, Reuters-ке like мектеп-ке."""
    front = any(c in "еэиөү" for c in ending)
    if ending[0] in "ткчс":
        return "мектеп" if front else "топ"
    if ending[0] == "н":
        return "эне" if front else "ата"
    return "эл" if front else "кабар"


def _words_of(doc: Document, run: list[Token], attested: set[str]) -> list[_Word]:
    out: list[_Word] = []
    for k, t in enumerate(run):
        if doc.lang == "ky" and not _LATIN.match(t.text):
            # After a name, an accusative or ablative ending is another person's case ("Жаред Полис Байденди").
            nxt = run[k + 1].text if k + 1 < len(run) else ""
            f = _ky_reading(
                t.text,
                attested,
                doc.lex,
                after_name=len(out) >= 2 and out[-1].case == "nom",
                # (a surname with a case ending too: "Айзада Сыдыкованын" is no "Айза" in the locative)
                before_surname=bool(nxt) and any(
                    _STRONG_SURNAME_RE.search(f.stem.lower()) is not None for f in ky_forms(nxt)
                ),
                # (and a father's name before "уулу"/"кызы": "Мирбек Табылды уулу" is no "Табыл" in the accusative)
                by_patronymic=bool(nxt) and nxt.lower() in PATRONYMIC
                or len(out) >= 2 and out[-1].token.low in PATRONYMIC and out[-2].case == "nom"
                and out[-2].token.low not in doc.lex.function  # (not "Анын уулу Казанда": his son, in Kazan)
                and out[-1].token.index == t.index - 1 and not (k + 1 < len(run) and run[k + 1].low in PATRONYMIC),
            )
            case = "gen" if f.case == "gen" else ("attr" if f.relative else ("obl" if f.oblique else "nom"))
            out.append(_Word(t, f.stem if f.stem != t.text else t.text, case))
        elif doc.lang == "ky" and ("'" in t.text or "’" in t.text):
            # A Latin name with a Kyrgyz ending after an apostrophe: OCCRP’ге, Kloop’тун.
            f = ky_forms(t.text)[0]
            case = "nom" if f.stem == t.text else "gen" if f.case == "gen" else "obl"
            out.append(_Word(t, f.stem, case))
        elif doc.lang == "ky" and (joined := _LATIN_WITH_ENDING_RE.match(t.text)) is not None:
            # ... or written straight on: Kloopко, Kloopтун, Reutersке
            f = ky_forms(_ky_stand_in(joined.group(2)) + joined.group(2))[0]  # the ending, on a Cyrillic stand-in
            case = "gen" if f.case == "gen" else "obl" if f.oblique else "nom"
            out.append(_Word(t, joined.group(1), case))
        elif doc.lang == "en" and t.low.endswith("'s"):
            out.append(_Word(t, t.text[:-2], "gen"))
        elif doc.lang == "ru" and not _LATIN.match(t.text):
            w = _ru_word(doc.lex, t, attested)
            if w.case == "obl" and len(out) >= 2 and out[-1].case == "nom" and out[-1].token.index == t.index - 1 and (
                t.low.endswith(("ова", "ева", "ина", "ына")) and out[-1].token.low.endswith(("а", "я"))
                and not out[-1].token.low.endswith(("ея", "ря"))
                and not any("=" + stem in attested for stem in _ru_stems(out[-1].token.low))
            ):
                # "мать Максима Галина Тюрикова" after "Максим Тюриков": after whose she is, a woman's name and her
                # surname, not his in the genitive
                w = _Word(t, t.text, "nom")
            out.append(w)
        else:
            out.append(_Word(t, t.text, "nom"))
    return out


# Verb forms that open a sentence capitalised and are no names: "Построить …", "Говорила …".
# Past-tense verbs, but not nouns in the genitive like "портала", "канала" (so no "-ала", "-али")
_RU_PAST_RE = re.compile(r"(?:[аеиоуыя]л|[аеиоуыя]лся|[иея]ла|[аеиоуыя]лась)$")
_RU_PAST_FORM_RE = re.compile(r"[аеиоуыя]л(?:ся|а|ась)?$")  # a singular past tense, whose sex cues.verb_gender reads
_VERBISH = {"ru": re.compile(r"(?:ть|ться|чь|[аеиоуя]л[аио]?|[аеиоуя]лся|ет|ит|ют|ят)$")}
# Kyrgyz adjectives made from a name: -лык, -дык, -тык and their harmony variants (Бишкектик, Кыргызстандык).
_KY_ADJECTIVE_RE = re.compile(r"(?:[лдт][ыиуү]к)$")
_RU_ADJECTIVE_RE = re.compile(r"(?:ого|его|ому|ему|ым|ых|их|ую|ыми|ими)$")
# Nominative adjectives; surnames in -ский, -цкий (Зеленский) are names and are left out.
_RU_ADJECTIVE_NOM_RE = re.compile(r"(?:[^кц]ая|[^кцрлд]ий|ый|ое|ее|ые|ие|[^кц]ой)$")
AGE_RE = re.compile(r"^\d{1,3}-year-old$")  # an English age used as a noun's modifier or as a noun
# A statistics office by its short name: Росстат, Кыргызстат, Новосибирскстат, in any case
_RU_STAT_RE = re.compile(r"^[А-ЯЁ][а-яё-]+стат(?:а|у|ом|е)?$")
# (not "Господин", a title)
_RU_BODY_SHORT_RE = re.compile(r"^(?!Господ|Госпож)(?:Мин|Гос|Рос|Нац|Кыргыз(?!стан|ск))[а-яё]{3,}$")
# A woman's surname in an oblique case looks like an adjective: Абдыразаковой, Петровой, Ильиной.
# Kyrgyz state bodies and companies named "Кыргыз-" + what they do: Кыргызгидромет, Кыргызпатент, Кыргызалтын.
_KY_STATE_BODY_RE = re.compile(r"^Кыргыз(?!стан|ча|дар|дын|га|ды|тар)[а-яөүң]{4,}$")
_RU_SURNAME_CASE_RE = re.compile(r"(?:ов|ев|ёв|ин|ын)ой$")
# A surname in -ов/-ев/-ин in any case: Минаев, Минаеву, Мингазовой, Росляковым.
_RU_SURNAME_FORMS_RE = re.compile(r"(?:[оеё]в|ин|ын)(?:|а|у|ым|ой|е|ых|ы|ого|ому)$")
_RU_APPOSED_VERB_RE = re.compile(r",[^,.;:!?«»\"\n]{2,60},\s+([а-яё]+(?:л|ла))\b")
_RU_ADJECTIVE_NOM_ANY_RE = re.compile(r"(?:ий|ый|ой|ая|яя|ое|ее)$")
_RU_LAW_ARTICLE_RE = re.compile(r"(?:\bст\.|\bстат[а-я]+|\bч\.|\bп\.|\bпункт[а-я]*)\s*\d[\d.,\s–-]*(?:[а-я]+\s+)?$")
_RU_MAN_ADJECTIVAL_RE = re.compile(r"^[^-]+[^внр]ой$")  # Ланской, Толстой, Трубецкой (not Петровой, Ильиной)
# A given name in -ым (Гулайым, Нурайым, Айым) is no adjective in the instrumental (not -ным, -ским, -овым)
_RU_GIVEN_IN_YM_RE = re.compile(r"(?<![нкцвш])ым$")
_RU_SURNAME_FORM_RE = re.compile(r"(?:[оеё]в|ин|ын)(?:|а|у|ым|ой)$")
_RU_PATRONYMIC_RE = re.compile(r"(?:вич|вна|ична|ич)$")


def _ru_word(lex: Lexicon, t: Token, attested: set[str]) -> _Word:
    """A capitalised Russian word in the nominative: a place or body by the lexicons (Белоруссии -> Белоруссия),
    a name by the form the article writes elsewhere (Уайта -> Уайт); otherwise as written."""
    low = t.low
    if (low,) in lex.places or (low,) in lex.media or (low,) in lex.bodies:
        return _Word(t, t.text, "nom")
    for form in _noun_stems("ru", low)[1:]:
        if (form,) in lex.places or (form,) in lex.bodies:
            return _Word(t, t.text[0] + form[1:], "obl")
    for stem in _ru_stems(low):
        if "=" + stem in attested:
            return _Word(t, t.text[: len(stem)], "obl")
        if stem[-1:] in ("е", "а") and low[len(stem) :] in ("я", "ю", "ем", "е") and "=" + stem + "й" in attested:
            return _Word(t, t.text[: len(stem)] + "й", "obl")  # "жена Сергея", "с Андреем": Сергей, Андрей
    if len(low) > 5 and _RU_SURNAME_PREPOSITIONAL_RE.search(low):
        return _Word(t, t.text[:-1], "obl")  # "при президенте Исламе Каримове": no surname ends so in the nominative
    return _Word(t, t.text, "nom")


_RU_SURNAME_PREPOSITIONAL_RE = re.compile(r"(?:[оеё]в|ын)е$")  # (not "-ине": "Марине", "Ирине")


def _lex_kind(lex: Lexicon, words: Sequence[str]) -> str:
    """Does the lexicon know these (folded, nominative) words as a whole: media, place, body, role?"""
    key = tuple(words)
    if key in lex.media:
        return "media"
    if key in lex.places:
        return "place"
    if key in lex.bodies:
        return "body"
    if key in lex.roles:
        return "role"
    return ""


_OPENING_MARKS = "«„“\"'‘"
# A settlement's name follows these words: "жительница села Джала Нургуль", "мэр города Ош …", "village of X".
_SETTLEMENT_BEFORE_RE = re.compile(
    r"(?<!\w)(?:села|селе|село|селом|города|городе|город|поселка|посёлка|поселке|посёлке|деревни|деревне|аила|"
    r"микрорайона|микрорайоне|жилмассива|жилмассиве|"
    r"аиле|айылынын|айылында|шаарынын|шаарында|улица|улице|улицы|улицу|проспекте|проспекта|проспект|переулке|"
    r"village\s+of|town\s+of|city\s+of)\s+$",
    re.IGNORECASE,
)
# "Жительница 7-го микрорайона Галия Шаршенова": a numbered district has no name of its own.
_NUMBERED_PLACE_RE = re.compile(r"\d[\w-]*\s+\w+\s+$")
# A street's name takes two words: "на улице Академика Парина", "проспекте Маршала Жукова", "улица Льва Толстого".
_STREETS_LISTED_RE = re.compile(
    r"(?<!\w)(?:улиц|проспект|переул|бульвар|площад|набережн)\w*\s+(?:[А-ЯЁ][\w-]*(?:,\s+|\s+и\s+))*$"
)
_STREET_BEFORE_RE = re.compile(
    r"(?<!\w)(?:улиц[аеуы]|улицей|проспект[аеу]?|переул(?:ок|к[аеу])|бульвар[аеу]?|площад[иь]|набережн[аяойю]{2})\s+$",
    re.IGNORECASE,
)
_NAMED_AFTER_RE = re.compile(r"(?<!\w)(?:имени|им\.|named after|атындагы)\s*$", re.IGNORECASE)


def _read_run(doc: Document, run: list[Token], attested: set[str]) -> list[Mention]:
    if not run:
        return []
    lex = doc.lex
    words = _words_of(doc, run, attested)
    text = doc.text(run[0].block)
    before = text[max(0, run[0].start - 12) : run[0].start]
    opened = bool(before) and before[-1] in _OPENING_MARKS and (len(before) < 2 or before[-2] in " \n\u00a0(—–-«„“\"")
    if not opened and doc.lang == "ru" and before.rstrip().endswith(("-", "–", "—")) and doc.in_quoted_name(
        run[0].block, run[0].start
    ):
        opened = True  # «Республика - Ата-Журт»: the second part of a quoted name after a dash
    if doc.lang == "en" and (title_for := _en_title_complement(doc, run)) is not None:
        # "Vice Finance Minister | for | International Affairs Kenji Arakawa": a title, what it is for, then the name
        if title_for == 0:
            return []
        return [_mention(doc, words[:title_for], "title", "nom"), *_read_run(doc, run[title_for:], attested)]
    if doc.lang == "en" and len(run) >= 3 and any(
        t.text[:1].isupper() and t.text[1:].islower() and t.low in _EN_NAME_PREPOSITIONS for t in run[1:-1]
    ) and not any(t.low in lex.titles or t.text.endswith(("'s", "’s")) for t in run):
        # "Doctors Without Borders", "Action Against Hunger": a word of grammar capitalised inside a run is capitalised
        # by the name, which is a thing's (no person's name has one), whole
        return [_mention(doc, words, _lex_kind(lex, [fold(w.nominative) for w in words]) or "org", words[-1].case)]
    if doc.lang == "ru" and len(words) == 1 and "+" + run[0].low in attested and not opened:
        # "— говорит Гулайым" after "Гулайым Ташиевой 34 года": a given name the article wrote before a surname
        return [_mention(doc, words, "person", "nom")]
    if doc.lang == "ru" and len(words) == 2 and _STREET_BEFORE_RE.search(before):
        return [_mention(doc, words, "place", words[-1].case)]
    if doc.lang == "ru" and len(words) == 1 and _STREETS_LISTED_RE.search(
        text[max(0, run[0].start - 80) : run[0].start]
    ):
        # "На проспектах Аль-Фараби, Абая и Саина": streets named after people, listed after their kind
        return [_mention(doc, words, "place", "obl")]
    if _SETTLEMENT_BEFORE_RE.search(before) and len(words) > 1 and not _NUMBERED_PLACE_RE.search(
        text[max(0, run[0].start - 30) : run[0].start]
    ) and not (
        doc.lang == "ru" and len(words) == 2 and all(w.token.low.endswith(("у", "ю")) for w in words)
    ):  # (but "главе города Олегу Кравцу": two words in the dative are a man's name)
        # "жительница села Джала Нургуль": the first word names the village, the rest a person.
        return [_mention(doc, words[:1], "place", words[0].case), *_read_run(doc, run[1:], attested)]
    if doc.lang == "ru" and len(words) >= 3 and run[0].index > 0 and not _RU_PATRONYMIC_RE.search(words[1].token.low) and (
        words[-1].token.low not in PATRONYMIC and words[1].token.low not in PATRONYMIC  # ("мэрии Токтогул уулу Нурбек")
        and not _LATIN.match(words[0].token.text)
    ) and (
        (prev := doc.tokens[run[0].index - 1]).block == run[0].block and not prev.initial
        and body_stem(lex, prev.low) is not None and prev.low != body_stem(lex, prev.low)
        and _gap_ok(text, prev.end, run[0].start)
    ):
        # "демограф университета Кэйо Сатоси Ханада", "администрации Бишкека Айбек Жунусов": the word after a body's
        # kind in a case is its name or its place, and the person follows
        known = _lex_kind(lex, [fold(words[0].nominative)])
        kind = known if known in ("place", "body", "media") else "org"
        return [_mention(doc, words[:1], kind, "nom"), *_read_run(doc, run[1:], attested)]
    if doc.lang == "ru" and len(words) == 2 and run[0].index > 0 and (
        (prep := doc.tokens[run[0].index - 1]).block == run[0].block and prep.low in ("в", "во", "на")
        and _gap_ok(text, prep.end, run[0].start) and run[0].low.endswith(("е", "и", "ах", "ях"))
        and _STRONG_SURNAME_RE.search(run[1].low)
    ):
        # "Дистанцию на Алтае Сагитов пробежал": where, in the locative, then who (a surname in the nominative)
        return [_mention(doc, words[:1], "place", "obl"), *_read_run(doc, run[1:], attested)]
    if doc.lang == "ky" and re.match(r"\s+атындагы(?!\w)", text[run[-1].end : run[-1].end + 12]):
        # "Жусуп Баласагын атындагы Кыргыз улуттук университети": the one a body is named after is part of its name
        return [_mention(doc, words, "title", words[-1].case)]
    if _NAMED_AFTER_RE.search(before):
        # "имени Дмитрия Рогачева": part of a body's name; a name may follow it ("… Рогачева Павел Смирнов").
        initials = next((k for k, w in enumerate(words) if len(w.token.text) > 1), len(words))
        # ("имени Г. В. Плеханова Сергей Гладышев": initials, then the surname, are the one it is named after)
        size = min(len(words), initials + 1) if initials else (2 if len(words) >= 2 else 1)
        return [_mention(doc, words[:size], "title", words[size - 1].case), *_read_run(doc, run[size:], attested)]
    en_title = doc.lang == "en" and len(words) > 2 and fold(words[1 if words[0].token.low == "the" else 0].nominative) in (
        lex.titles
    )  # "The Reverend Simon Cardew", "the Rev Jane Hollis": a title before a name
    if doc.lang == "en" and len(words) > 1 and words[0].token.low == "the" and not en_title:
        # "The Babylon Bee, a parody website, …"; "The Foreign Office" is a body the lexicons know
        folded = [fold(w.nominative) for w in words[1:]]
        known = _lex_kind(lex, folded)
        if len(folded) == 1 and (known == "role" or _is_role_word(lex, folded[0]) and not _is_body_word(lex, folded[0])):
            return []  # "The Minister for Agriculture, Conor Mulqueeney, said": a title, capitalised as an office
        if len(folded) == 1 and nationality_before_noun(doc, words[1].token):
            return []  # "The Kazakh central bank held its rate": a nationality before its body
        if known not in ("body", "media", "place"):
            known = "body" if _en_of_body(lex, folded) else "org"
        return [_mention(doc, words[1:], known, words[-1].case)]
    if en_title and words[0].token.low == "the":
        return _segment(doc, words[1:])
    if doc.lang == "en" and re.search(r"(?:^|\s)[Tt]he\s$", before) and words and not words[0].token.initial and not en_title:
        # English puts no article before a person's name: "the Babylon Bee", "the Lyric" are things; the lexicons
        # may know which ("the Home Office" is a body).
        known = _lex_kind(lex, [fold(w.nominative) for w in words])
        if known == "role" and len(words) == 1 or len(words) == 1 and nationality_before_noun(doc, words[0].token):
            return []  # "the MP said", "the MSP said": a title, not a thing's name; "the Tajik president's office"
        rest = [fold(w.nominative) for w in words[1:]]
        if 2 <= len(rest) <= 3 and (fold(words[0].nominative),) in lex.body_names and not any(
            _is_body_word(lex, f) or (f,) in lex.places or f in lex.function or f in lex.companies for f in rest
        ):
            # "chief secretary to the Treasury Giles Remnant": the body the title is of, then the one who holds it
            return [_mention(doc, words[:1], "body", "nom"), *_segment(doc, words[1:])]
        return [_mention(doc, words, known if known in ("body", "media", "place") else "org", words[-1].case)]
    if doc.lang == "en" and len(words) >= 3 and not opened and _en_portfolio_before(doc, run[0]) and not any(
        _is_body_word(lex, fold(w.nominative)) or fold(w.nominative) in lex.companies for w in words[-2:]
    ) and _en_surname_again(doc, run):
        # "Minister of Health Alibek Sultanov", "Minister of Energy and Water Resources Daler Juma": what the office
        # is of, then the one who holds it
        return [*_segment(doc, words[:-2]), *_segment(doc, words[-2:])]
    if opened:
        # A name in quote marks is a company, a party, a newspaper or a work; it may go on in lowercase to the
        # closing mark ("«Укук жана адилет»"). A possessive is no name's ending («Тактама» is not "to my Такта").
        if doc.lang == "ky":
            words = [_quoted_word(w, doc, attested) for w in words]
        if all(fold(w.nominative) in lex.function for w in words):
            return []  # "We want …", "Я не …": a quoted sentence, not a name
        words = words + [_Word(t, t.text, "nom") for t in _lowercase_to_close(doc, run[-1])]
        kind = "media" if _lex_kind(lex, [fold(w.nominative) for w in words]) == "media" else "org"
        case = words[-1].case
        if kind == "org" and doc.lang == "ru" and len(words) == 1 and any(
            (stem,) in lex.media for stem in _noun_stems("ru", fold(words[0].nominative))[1:]
        ):
            kind, case = "media", "obl"  # 'сообщили "Интерфаксу"': an outlet in a case, the one told
        m = _mention(doc, words, kind, case)
        m.quoted = True
        return [m]
    # The run's first word when it opens the sentence: a name only with evidence of one.
    first = words[0]
    if first.token.initial and not _name_evidence(doc, words, attested):
        words = words[1:]
    out: list[Mention] = []
    segment: list[_Word] = []
    for w in words:
        low = fold(w.nominative)
        # A closed-class word written with a capital where no sentence starts is a name: "Валентина Ким", "Ли Вэй"
        surname_like_word = not w.token.initial and len(low) > 1 and (bool(segment) and (
            len(segment) == 1 or _RU_PATRONYMIC_RE.search(fold(segment[-1].nominative)) is not None
        ) or w is not words[-1])  # (and after a patronymic: "Ольга Викторовна Ким")
        if (low in lex.function and not surname_like_word) or low in lex.calendar and not _named_like_a_month(
            doc, words, w
        ) or (len(w.token.text) == 1 and doc.lang != "en"):
            # A closed-class word is no name, unless it comes capitalised after a given name: "Валентина Ким".
            out.extend(_segment(doc, segment))
            segment = []
            continue
        if segment and _starts_anew(doc, segment, w, run_end=w is words[-1]):
            out.extend(_segment(doc, segment))
            segment = []
        if _acronym(w.nominative) and doc.lang != "en":
            # An acronym is a body or a country of its own: "УКМК", "НМИЦ ДГОИ", "АКШнын".
            out.extend(_segment(doc, segment))
            out.extend(_segment(doc, [w]))
            segment = []
            continue
        segment.append(w)
        if w.case != "nom":
            # A case ending closes the name: the genitive owns what follows, an oblique form stands alone.
            out.extend(_segment(doc, segment))
            segment = []
    out.extend(_segment(doc, segment))
    return out


# A woman's surname in an oblique case: Петровой, Ильиной, Ковалевской, Петровою
_RU_FEMININE_SURNAME_CASE_RE = re.compile(r"(?:ов|ев|ёв|ин|ын|ск|цк)(?:ой|ою)$")


# Offices named with what they are of or for: "Minister of Health", "Secretary of State", "Mayor of London".
_EN_PORTFOLIO_TITLES = frozenset(
    "minister ministers secretary commissioner mayor governor president chairman chairwoman chair head director "
    "ambassador envoy ombudsman speaker chancellor premier".split()
)


# Surnames of the former Soviet Union in English spelling: Sultanov, Abdrakhmanova, Nazarzoda, Grigoryan, Tkachenko
_EN_TRANSLIT_SURNAME_RE = re.compile(
    r"(?:ov|ova|ev|eva|yev|yeva|in|ina|zoda|zade|yan|ian|uly|kyzy|uulu|enko|shvili|dze|skiy|sky|ski|skaya)$"
)


def _en_surname_again(doc: Document, run: list[Token]) -> bool:
    """Is the run's last word a surname: shaped as one of the former Soviet Union's, or written elsewhere in the
    article, capitalised, as a surname is ("Pompeo said")?"""
    last = run[-1]
    if len(last.low) > 4 and _EN_TRANSLIT_SURNAME_RE.search(last.low):
        return True
    return any(t.low == last.low and t.upper and not (run[0].index <= t.index <= last.index) for t in doc.tokens)


# Russian participles: защищающая, пострадавший, задержанного
_RU_PARTICIPLE_RE = re.compile(r"(?:ющ|ящ|ущ|ащ|вш)(?:ий|ая|ее|ие|его|ей|ую|им|ая|ого|ему)$")


def _en_portfolio_before(doc: Document, first: Token) -> bool:
    """Does a capitalised run follow "<title> of" or "<title> for", or another portfolio and "and", so that it
    begins with what the office is of ("Minister of Energy and Water Resources …")?"""
    tokens = doc.tokens
    k = first.index - 1
    while k > 0 and tokens[k].block == first.block and k > first.index - 8:
        t = tokens[k]
        if t.low in ("of", "for"):
            prev = tokens[k - 1]
            return prev.block == first.block and prev.low in _EN_PORTFOLIO_TITLES
        if t.low != "and" or not tokens[k - 1].upper:
            return False
        k -= 1
        while k > 0 and tokens[k].upper and tokens[k].block == first.block:
            k -= 1  # the portfolio before "and"
    return False


def en_describes(lex: Lexicon, word: str) -> bool:
    """Does an English word only describe the noun after it ("the Krasnoyarsk-based airline", "the Siberian
    carrier", "the regional airline"), rather than name a kind of its own ("the health board")?"""
    low = fold(word)
    return bool(_EN_MODIFIER_COMPOUND_RE.search(low) or low in lex.demonyms or _EN_ADJECTIVE_RE.search(low))


_EN_ADJECTIVE_RE = re.compile(r"^[a-z]+(?:al|ic|ian|ese|ish|ern|ous|ive|ary|less|ful)$")


def nationality_before_noun(doc: Document, t: Token) -> bool:
    """Is an English word a nationality used as an adjective, before a role or a body ("the Tajik president's
    office", "Kyrgyz border guards"), not a name of its own?"""
    lex = doc.lex
    if fold(t.text) not in lex.demonyms or t.index + 1 >= len(doc.tokens):
        return False
    for nxt in doc.tokens[t.index + 1 : t.index + 3]:  # "the Tajik labour ministry": past one word that says which
        word = re.sub(r"['’]s$", "", nxt.low)
        if nxt.upper or nxt.block != t.block:
            return False
        if role_stem(lex, word) is not None or body_stem(lex, word) is not None:
            return True
        if nxt is doc.tokens[t.index + 1] and word not in lex.function and word not in EN_AUXILIARIES and not (
            is_speech_verb(lex, word) or word.endswith("ed")
        ) and not t.initial:
            return True  # "two Chinese vessels", "a British holidaymaker": a nationality before any noun describes it
    return False


# English auxiliaries: a word after a name that makes it a clause's subject, not a part of a name.
EN_AUXILIARIES = frozenset("is was are were has have had will would can could should may might must did does do".split())


def _quoted_word(w: _Word, doc: Document, attested: set[str]) -> _Word:
    """A Kyrgyz word of a name in quote marks, read again without possessive endings: «Азаттыктын» is Азаттык in
    the genitive, «Тактама» is Тактама."""
    if w.nominative == w.token.text:
        return w
    form = next((f for f in ky_forms(w.token.text) if f.stem == w.nominative), None)
    if form is None or not form.possessive or "=" + fold(form.stem) in attested:
        return w
    return _Word(w.token, w.token.text, "nom")


_RU_NAME_PREPOSITIONS = frozenset("без для за против на в во с со по от к".split())


def _lowercase_to_close(doc: Document, last: Token) -> list[Token]:
    """The lowercase words after a capitalised word up to the closing quote mark of a short name in quotes."""
    text = doc.text(last.block)
    tail = text[last.end : last.end + 60]
    close = re.match(r"[^«»“”\"„.!?;:\n]{1,50}?[»”\"]", tail)
    if close is None or not close.group().strip("»”\" "):
        return []
    end = last.end + close.end() - 1
    out = []
    for t in doc.tokens[last.index + 1 :]:
        if t.block != last.block or t.start >= end:
            break
        if t.upper:
            return []  # another capitalised word: a run of its own, leave the name as read
        if t.low in doc.lex.function and t.low not in ("жана", "и", "and", "of", "for", "de") and not (
            doc.lang == "ru" and t.low in _RU_NAME_PREPOSITIONS
        ):
            return []  # "We want our club back": a slogan, not a name (but «Врачи без границ», «Город для людей»)
        out.append(t)
    if len(out) <= 3:
        return out
    # a longer phrase in quotes is a title or a slogan, not a name, unless a body's kind names it right before:
    # "правозащитная организация «Центральноазиатская инициатива за свободу слова»"
    opening = text.rfind(" ", 0, max(0, last.start - 1))
    kind = re.findall(r"[\w-]+", text[max(0, opening - 30) : last.start])
    named_kind = bool(kind) and any(
        f in doc.lex.body_heads or f in doc.lex.companies for f in _noun_stems(doc.lang, fold(kind[-1]))
    )
    return out if named_kind and len(out) <= 6 and text[last.start - 1 : last.start] in "«“\"" else []


def _starts_anew(doc: Document, segment: list[_Word], w: _Word, *, run_end: bool = False) -> bool:
    """Does this word begin another name than the one before it ("Владимир Путин | Бишкекке", "Путин | Жапаров")?"""
    low = fold(w.nominative)
    if low in PATRONYMIC or low in doc.lex.honorifics:
        return False
    if doc.lang == "ru" and len(segment) == 1 and _RU_FEMININE_SURNAME_CASE_RE.search(w.token.low) and (
        segment[0].token.low.endswith(("ы", "и", "е", "у")) and segment[0].token.index == w.token.index - 1
    ):
        return False  # "Ирины Петровой", "Ирины Ковалевской": a woman's given name and surname in one case
    if doc.lang == "ru" and len(segment) == 1 and _RU_SURNAME_CASE_RE.search(w.token.low) and (
        segment[0].token.index == w.token.index - 1
        and re.search(r"[бвгджзйклмнпрстфхцчшщь]$", segment[0].token.low)
        and not _STRONG_SURNAME_RE.search(segment[0].token.low)
        and not _lex_kind(doc.lex, (fold(segment[0].nominative),))
    ):
        return False  # "матери Жылдыз Абдыкаимовой", "у Айгуль Садыковой": a woman's given name that does not decline
    nxt = doc.tokens[w.token.index + 1] if w.token.index + 1 < len(doc.tokens) else None
    if nxt is not None and nxt.block == w.token.block and nxt.low in PATRONYMIC and len(segment) == 1:
        return False  # "Эрмек Токтогул уулу": a father's name may be a place's too
    serves = doc.lang == "en" and _lex_kind(doc.lex, (low,)) == "place" and (
        len(segment) == 1 and _acronym(segment[0].nominative)
        # ("Arts Council England", "Citizens Advice Trust Scotland": a body's name, then the country it serves)
        or run_end and len(segment) >= 2 and (
            _is_body_word(doc.lex, fold(segment[-1].nominative)) or fold(segment[-1].nominative) in doc.lex.companies
            # "Natural Resources Wales", "Food Standards Scotland": a plural noun, then the country; no person's name
            or fold(segment[-1].nominative).endswith("s") and not fold(segment[-1].nominative).endswith(("ss", "us", "is"))
            and not any(fold(x.nominative) in doc.lex.titles for x in segment)
        )
        # "Historic England", "Natural England": an adjective, then the country, names a body (no given name is one)
        or len(segment) == 1 and _EN_ADJECTIVE_RE.match(fold(segment[0].nominative)) is not None
        and fold(segment[0].nominative) not in doc.lex.demonyms and not segment[0].token.initial
    )
    if _lex_kind(doc.lex, (low,)) in ("place", "media") and len(segment) >= 1 and not serves:
        return True  # ("NHS England", "NHS Scotland": an acronym, then the country it serves, is one body)
    before = tuple(fold(x.nominative) for x in segment)
    if any(
        (*before[-size:], stem) in doc.lex.body_names for size in (1, 2) for stem in _noun_stems(doc.lang, low)
    ):
        return False  # "(Депутат) Жогорку Кенеша": the rest of a body's name the lexicon knows
    if before in doc.lex.media and not any(m[: len(before) + 1] == (*before, low) for m in doc.lex.media):
        return True  # "Азаттык | Транспорт жана коммуникациялар министрлигине кайрылды": the outlet, then a body
    if doc.lang == "ru" and _ru_short_body(doc.lex, w) or doc.lang == "ky" and _KY_STATE_BODY_RE.match(w.nominative):
        return True
    if doc.lang == "ru" and _RU_ADJECTIVE_ANY_RE.search(low) and low.endswith(("ой", "ому", "ей", "ему")) and (
        w.token.index + 1 < len(doc.tokens)
    ):
        # "рассказал Прядко Русской службе Би-би-си": an adjective in a case with its lowercase noun is the one told
        nxt = doc.tokens[w.token.index + 1]
        if not nxt.upper and nxt.block == w.token.block and (
            body_stem(doc.lex, nxt.low) is not None or role_stem(doc.lex, nxt.low) is not None
        ):
            return True
    if doc.lang != "en" and (_is_role_word(doc.lex, low) or _is_body_word(doc.lex, low)):
        return True  # "Жанарбек Акаев | Министрлер кабинети"
    if len(segment) >= 2 and w.case != "nom" and fold(segment[-1].nominative) not in PATRONYMIC and not (
        _LATIN.match(w.token.text)
    ):
        return True  # "Жаред Полис | Байденди": a whole name, then someone else in an oblique case
    last = segment[-1]
    if fold(last.nominative) in PATRONYMIC:
        # "Сейтек Абдыкадыр уулу | …" ends a name; "Жолдош уулу Мирлан" (the patronymic first) goes on.
        name = [x for x in segment if fold(x.nominative) in PATRONYMIC or not _is_role_word(doc.lex, fold(x.nominative))]
        return len(name) >= 2 and fold(name[0].nominative) not in PATRONYMIC and not (len(name) == 2 and w.case == "nom")
    # After a surname comes someone or something else ("Мухаммедкалый Абылгазиев | Ички иштер министрлиги",
    # "Путин | Жапаров"), not more of the name: news writes the given name first. Court and school copy writes a
    # surname first ("ашпозчусу Шакирова Гүлмира"): a lone surname, then a given name in the nominative that has
    # no surname's ending, is one name.
    if run_end and _surname_first(doc, segment, w):
        return False
    return bool(_STRONG_SURNAME_RE.search(last.nominative.lower())) and len(last.nominative) > 4 and len(
        w.nominative
    ) > 2


def _surname_first(doc: Document, segment: list[_Word], w: _Word) -> bool:
    """Is `w` the given name after a surname written first ("Шакирова Гүлмира")?"""
    return (
        doc.lang in ("ky", "ru")
        and len(segment) == 1
        and w.case == "nom"
        and segment[0].case == "nom"
        and len(segment[0].nominative) > 4
        and bool(_STRONG_SURNAME_RE.search(segment[0].nominative.lower()))
        and not _SURNAME_RE.search(w.nominative.lower())
        and not _LATIN.match(w.token.text)
        and len(w.nominative) > 2
        and not (doc.lang == "ru" and w.token.low.endswith(("у", "ю", "ом", "ем", "ой")))  # "Оморова | Интерфаксу"
        # a Kyrgyz given name has no ending to read ("Гүлмира"); "Керимбеков | Фейсбуктагы" is something else
        and not (doc.lang == "ky" and len(ky_forms(w.token.low)) > 1)
    )


def _ru_noun_agreeing(lex: Lexicon, adjective: str, low: str) -> bool:
    """Is a lowercase word after a Russian adjective a noun of its gender ("Заволжская агрогруппа", "Северное
    объединение"), not a verb, an adverb or a closed-class word ("Заволжская заявила", "Петровская тоже")?"""
    if low in lex.function or ru_verb_like(low) or len(low) < 4 or low.endswith(("о", "и", "ы", "ому", "ой")) and not (
        adjective.endswith(("ое", "ее"))
    ):
        return False
    if adjective.endswith(("ая", "яя")):
        return low.endswith(("а", "я")) and not low.endswith(("ла", "ся"))
    if adjective.endswith(("ое", "ее")):
        return low.endswith(("о", "е")) and not low.endswith(("ло", "ее", "ие"))
    return bool(re.search(r"[бвгджзкмнпрстфхцчшщ]$", low))


def _name_evidence(doc: Document, words: list[_Word], attested: set[str]) -> bool:
    w = words[0]
    low = fold(w.nominative)
    lex = doc.lex
    if low in lex.function or low in lex.calendar:
        return False
    if doc.lang == "ru" and _RU_PARTICIPLE_RE.search(low) and "=" + low not in attested:
        return False  # "Защищающая Ветлугина адвокат …": a participle opens the sentence, not a name
    if doc.lang == "ky" and _KY_STATE_BODY_RE.match(w.nominative):
        return True  # "Кыргызгидромет … эскертти"
    kind = _lex_kind(lex, (low,))
    if kind == "body" and (low,) not in lex.body_names and len(words) > 1 and not (
        doc.lang == "en" and (_is_body_word(lex, fold(words[1].nominative)) or (fold(words[1].nominative),) in lex.places
                              or fold(words[1].nominative) in ("for", "of", "on"))  # "Department for Education …"
    ):
        # "Компания Жогорку …": a kind of body opening the sentence, then another name (English has no bare kind
        # there: "Police Service of Northern Ireland", "Police Scotland" open with their names)
        return False
    if len(words) > 1 and doc.lang in ("ru", "ky") and not kind and words[1].case != "nom" and (
        _written_in_lowercase(doc.lang, w.token.low, attested)
    ):
        return False  # "Автобус Оштон борборго каттап …": a common noun opening the sentence, then a place in a case
    if low in attested or fold(w.token.text) in attested or kind in ("media", "place", "body", "role"):
        # ... but "Ледник уходит вверх" in an article that writes "ледника", "ледник" in the middle of its sentences:
        # a common noun capitalised by the sentence (or a caption), whatever other capitals it has
        return bool(kind) or len(words) > 1 or doc.lang not in ("ru", "ky") or not _written_in_lowercase(
            doc.lang, w.token.low, attested
        )
    if _acronym(w.nominative) or doc.lang != "en" and _LATIN.match(w.token.text):
        return True  # "УКМКнын маалыматына …", "Kloop журналисттери …": capitals that are no sentence's doing
    if doc.lang == "en" and low in lex.titles:
        return True
    if re.search(r"[a-zа-яё][A-ZА-ЯЁ]", w.token.text):
        return True  # "QazFuel plans to …", "McAllister said": a capital inside the word is no sentence's doing
    if len(words) == 1 and re.match(r",\s*\d{1,3}\s*,", doc.text(w.token.block)[w.token.end : w.token.end + 8]) and (
        low not in lex.function and not _is_role_word(lex, low) and not _is_body_word(lex, low)
    ):
        return True  # "Jade, 29, a mother of two, said": an age is given to a person
    if doc.lang == "en" and len(words) == 1 and re.match(r",\s+(?:the|a|an)\s", doc.text(w.token.block)[w.token.end :]) and (
        not _is_role_word(lex, low) and not _is_body_word(lex, low) and low not in lex.function
    ):
        return True  # "Waterlines, the trade body for the industry, said": a name, then what it is
    if doc.lang == "en" and len(words) == 1 and _EN_WHICH_RE.match(doc.text(w.token.block)[w.token.end : w.token.end + 20]) and (
        not _is_role_word(lex, low) and not _is_body_word(lex, low) and low not in lex.function
    ):
        return True  # "Pulsewise, based in Bristol, said": a thing's name opening the sentence
    if doc.lang == "en" and len(words) == 1 and not low.endswith("s") and low not in lex.function:
        # "Defra said in a statement:": one word right before a verb of saying is who said it (not "Officials")
        nxt = doc.tokens[w.token.index + 1] if w.token.index + 1 < len(doc.tokens) else None
        if nxt is not None and nxt.sent == w.token.sent and is_speech_verb(lex, nxt.low) and not (
            _is_role_word(lex, low) or _is_body_word(lex, low)
        ):
            return True
    if doc.lang == "ru" and len(words) == 1 and _RU_ADJECTIVE_NOM_ANY_RE.search(low):
        nxt = doc.tokens[w.token.index + 1] if w.token.index + 1 < len(doc.tokens) else None
        if nxt is not None and nxt.sent == w.token.sent and not nxt.upper and (
            doc.text(w.token.block)[w.token.end : nxt.start] == " "
        ) and (role_stem(lex, nxt.low) is not None or _is_body_word(lex, nxt.low) or _ru_noun_agreeing(lex, low, nxt.low)):
            # "Детский эндокринолог …": an adjective before its noun, no surname; before a company's kind it opens
            # the company's name ("Заволжская агрогруппа"), read whole later
            return nxt.low in lex.companies and role_stem(lex, nxt.low) is None
    if surname_shape(w.nominative, doc.lang) and (
        len(words) > 1 or _STRONG_SURNAME_RE.search(low) or low.endswith(("ин", "ын")) and doc.lang != "ky"
    ):
        # "Жапаров заявил", "Путин заявил", "Асанова Гүлзат"; a lone "-ина" word opening the sentence ("Картина
        # рассказывает", "Причина …") needs the article to write it with a capital elsewhere; so does a Kyrgyz
        # genitive ("Иштин тергөөсүн …")
        return True
    if doc.lang == "ky" and ky_forms(w.token.text)[0].plural:
        return False  # "Пенсиялар …", "Депутаттар …": a plural noun, capitalised by the sentence
    if doc.lang == "ru" and low.endswith(("ые", "ие")) and low not in attested:
        return False  # "Ученые Пермского университета …", "Местные жители …": a plural, capitalised by the sentence
    if doc.lang == "ky" and len(words) > 1 and (form := ky_forms(w.token.low)[0]).oblique and (
        form.stem.startswith(lex.statements) or _is_role_word(lex, form.stem) or _is_body_word(lex, form.stem)
    ):
        return False  # "Маалыматты Свердлов райондук прокуратурасы таратты": a common noun in a case, then a name
    if doc.lang == "ky" and len(words) > 1 and any(f.oblique for f in ky_forms(w.token.text)[:-1]) and (
        len(words) > 2 or not surname_shape(words[1].nominative, "ky")
    ):
        return False  # "Токтомду Жаратылыш ресурстары …": a noun in a case ending, then a name of something
    verbish = _VERBISH.get(doc.lang)
    if w.case == "nom" and len(words) > 1 and not (verbish is not None and verbish.search(low)):
        nxt = words[1]
        written = fold(nxt.token.text)
        if doc.lang != "en" and any("=" + stem in attested for stem in _noun_stems(doc.lang, written) if stem != written):
            # "Слова Уайта": the name after it is an oblique form of one written alone elsewhere (Уайт), so the
            # capital of the first word is the sentence's.
            return False
        nlow = fold(nxt.nominative)
        return nlow not in lex.function and nlow not in lex.calendar
    return False


def _given_before_surname(doc: Document, t: Token, nxt: Token) -> bool:
    """Is a capitalised Russian word a given name, written right before a surname (in any case)?"""
    lex = doc.lex
    return (
        nxt.upper
        and nxt.block == t.block
        and re.fullmatch(r"[А-ЯЁ][а-яё]{2,}", t.text) is not None
        and bool(_STRONG_SURNAME_RE.search(nxt.low) or _RU_SURNAME_FORMS_RE.search(nxt.low))
        and _gap_ok(doc.text(t.block), t.end, nxt.start)
        and (t.low,) not in lex.media
        and (t.low,) not in lex.places
        and (t.low,) not in lex.bodies
        and not _is_role_word(lex, t.low)
    )


def _named_like_a_month(doc: Document, words: list[_Word], w: _Word) -> bool:
    """Is an English month's name (or its short form) a given name before a surname ("Jan Vermeulen", "June
    Tabor"), not a date ("in June", "Jan 5")?"""
    if doc.lang != "en" or w is words[-1]:
        return False
    nxt = words[words.index(w) + 1]
    prev = doc.tokens[w.token.index - 1] if w.token.index > 0 else None
    return (
        fold(nxt.nominative) not in doc.lex.calendar
        and fold(nxt.nominative) not in doc.lex.function
        and nxt.token.index == w.token.index + 1
        # ("in June", "last May", "since March")
        and not (prev is not None and prev.sent == w.token.sent and prev.low in _BEFORE_A_DATE and _gap_ok(
            doc.text(w.token.block), prev.end, w.token.start
        ))
    )


_BEFORE_A_DATE = frozenset(
    "in on since until till by from during last next this early late mid of before after between through to".split()
)


def _ru_short_body(lex: Lexicon, w: _Word) -> bool:
    """Is a Russian word a body's short name ("Минтруда", "Госдума", "Росстат"), not a surname that happens to
    begin so ("Мингазова", "Минина", "Гостева", "Рослякова")?"""
    if not _RU_BODY_SHORT_RE.match(w.token.text):
        return False
    return any((s,) in lex.body_names for s in _noun_stems("ru", w.token.low)) or not (
        surname_shape(fold(w.nominative), "ru") or _RU_SURNAME_FORMS_RE.search(w.token.low)
    )


def _written_in_lowercase(lang: str, low: str, attested: set[str]) -> bool:
    """Does the article write this word in lowercase somewhere, in any case form ("Ледник" and "ледника")?"""
    mine = set(_lower_forms(lang, low))
    head = "~" + low[:3]
    return any(x.startswith(head) and mine.intersection(_lower_forms(lang, x[1:])) for x in attested)


def _lower_forms(lang: str, low: str) -> tuple[str, ...]:
    """The forms of a word its lowercase uses elsewhere may take: itself and its case forms on one stem."""
    stems = _ru_stems(low) if lang == "ru" else tuple(fold(f.stem) for f in ky_forms(low))
    return (low, *stems)


_RU_INDECLINABLE_RE = re.compile(r"[^аеёиоуыэюя](?:ых|их)$")
_GLUED_INITIALS_RE = re.compile(r"^((?:[А-ЯЁӨҮҢ]\.){1,2})([А-ЯЁӨҮҢ][а-яёөүң]+(?:-[А-ЯЁӨҮҢ][а-яёөүң]+)?)$")


def _indeclinable_surname(doc: Document, folded: list[str]) -> bool:
    """Is this Russian run a person whose surname is like an adjective in -ых/-их (Нина Черных, Олег Долгих)? With
    a given name, every word before the surname is a noun-like name; alone, the article writes it after one."""
    last = folded[-1]
    if len(last) < 5 or not _RU_INDECLINABLE_RE.search(last):
        return False
    lex = doc.lex
    if len(folded) > 1:
        return len(folded) <= 3 and all(
            len(f) > 2
            and not _RU_ADJECTIVE_RE.search(f)
            and not _RU_ADJECTIVE_NOM_RE.search(f)
            and not _is_role_word(lex, f)
            and not _is_body_word(lex, f)
            and (f,) not in lex.places
            and f not in lex.function
            for f in folded[:-1]
        )
    word = last[:1].upper() + last[1:]
    for b in doc.body:
        for m in re.finditer(r"(?<!\w)([А-ЯЁ][а-яё]{2,}) " + re.escape(word) + r"(?!\w)", doc.text(b)):
            if _indeclinable_surname(doc, [fold(m.group(1)), last]):
                return True
    return False


_DOMAIN_NAME_RE = re.compile(
    r"^[A-Za-zА-Яа-яЁё0-9-]+\.(?:ru|kg|kz|uz|tj|tm|az|am|ge|ua|by|md|com|net|org|info|media|news|tv|asia|eu|uk)$",
    re.IGNORECASE,
)


_RU_SKY_RE = re.compile(r"(?:ский|ская|ское|ские|ского|ской)$")


def _ru_place_adjective(doc: Document, t: Token) -> bool:
    """Is a capitalised Russian word in -ский an adjective of a place (Шымкентский, Ошская), not a surname: made
    from a place the lexicons know, or listed with another such word ("Атырауский, Павлодарский и …")?"""
    m = _RU_SKY_RE.search(t.low)
    if m is None:
        return False
    stem = t.low[: m.start()]
    if (stem,) in doc.lex.places or len(stem) >= 3 and (stem + "а",) in doc.lex.places:
        return True
    tokens = doc.tokens
    text = doc.text(t.block)
    for k in (t.index - 1, t.index + 1):
        if 0 <= k < len(tokens) and tokens[k].block == t.block and tokens[k].upper and _RU_SKY_RE.search(tokens[k].low):
            a, b = sorted((tokens[k], t), key=lambda x: x.start)
            if text[a.end : b.start] in (", ", " и "):
                return True  # coordinated with another: a list of things, not of people ("Ивановский и Петровский"
                # would be two surnames with no given names, which news does not write)
    nxt = tokens[t.index + 1] if t.index + 1 < len(tokens) else None
    if nxt is not None and nxt.block == t.block and not nxt.upper and text[t.end : nxt.start] == " " and (
        (fold(nxt.low),) in doc.lex.place_heads or any(
            (s,) in doc.lex.place_heads or s == "сторона" for s in _noun_stems("ru", nxt.low)
        )
    ):
        return True  # "Джизакской областей", "Петроградской стороны": the adjective of a place, with its kind
    return False


def surname_shape(word: str, lang: str) -> bool:
    return lang != "en" and len(word) > 4 and bool(_SURNAME_RE.search(word.lower()))


def _segment(doc: Document, seg: list[_Word]) -> list[Mention]:
    """Classify a stretch of capitalised words that belong together."""
    if not seg:
        return []
    lex = doc.lex
    lang = doc.lang
    folded = [fold(w.nominative) for w in seg]
    case = seg[-1].case
    if len(seg) == 1 and _DOMAIN_NAME_RE.match(seg[0].token.text):
        return [_mention(doc, seg, "media", case)]  # "URA.RU", "Kun.uz", "Kaktus.media": an outlet named by its site
    if lang == "en" and len(seg) >= 2 and len(seg[-1].token.text) == 1 and seg[-1].token.text.isupper() and (
        doc.text(seg[-1].token.block)[seg[-1].token.end : seg[-1].token.end + 1] != "."
    ):
        return [_mention(doc, seg, "org", case)]  # "Line D", "Plan B", "Group C": no surname is one letter
    if len(seg) == 1 and seg[0].token.initial and folded[0] not in {b[0] for b in lex.body_names if len(b) == 1} and (
        _is_role_word(lex, folded[0]) or _is_body_word(lex, folded[0])
    ):
        return []  # a common noun capitalised where a sentence starts: "Компания", "Депутат"
    if lang == "en" and len(seg) == 1 and folded[0] in lex.demonyms and not seg[0].token.initial and (
        seg[0].token.index == 0 or doc.tokens[seg[0].token.index - 1].low in ("the", "a", "an")
        or AGE_RE.match(doc.tokens[seg[0].token.index - 1].low)
    ):
        return []  # "The 47-year-old Irishman was appointed": what he is, not his name
    if lang == "ru" and len(seg) == 1 and not seg[0].token.initial and any(
        (f,) in lex.place_heads for f in _noun_stems(lang, folded[0])
    ) and any(
        _lex_kind(lex, (f,)) == "place"
        for t in doc.tokens[seg[0].token.index + 1 : seg[0].token.index + 2]
        if t.upper and t.block == seg[0].token.block
        for f in _noun_stems(lang, fold(t.text))
    ):
        return [_mention(doc, seg, "place", case)]  # "Республики | Коми": the kind of a place before its name
    if len(seg) == 1 and (glued := _GLUED_INITIALS_RE.match(seg[0].token.text)) is not None:
        # "— заявил С.Ковалихин «Интерфаксу»": initials written onto the surname; the surname is the name's key
        surname = glued.group(2)
        if lang == "ky":
            # "Н.Абдыкадыровдун адвокаты": the surname bears the case; the name is given in the nominative
            reading = _ky_reading(surname, set(), lex)
            if reading.case != "nom" and surname_shape(fold(reading.stem), "ky"):
                surname, case = surname[: len(reading.stem)], "gen" if reading.case == "gen" else "obl"
        m = _mention(doc, seg, "person", case)
        m.words, m.key = (surname,), fold(surname)
        return [m]
    # Media, places and bodies the lexicons know, matched whole.
    kind = _lex_kind(lex, folded)
    if kind in ("media", "place", "body"):
        return [_mention(doc, seg, kind, case)]
    if lang == "ru" and len(seg) == 1 and any((stem,) in lex.media for stem in _ru_stems(folded[0])):
        return [_mention(doc, seg, "media", "obl")]  # "сообщила Интерфаксу": an outlet in a case, the one told
    if lang == "ru" and len(seg) >= 4:
        # "из Гатчины Наталья Юрьевна Свиридова": a patronymic tells where the name begins; the words before the
        # given name belong to the phrase before it
        p = next((k for k, w in enumerate(seg) if k >= 2 and _RU_PATRONYMIC_RE.search(fold(w.token.text))), 0)
        before = doc.tokens[seg[0].token.index - 1] if seg[0].token.index else None
        if p and before is not None and before.low in RU_PREPOSITIONS and before.sent == seg[0].token.sent:
            return [*_segment(doc, seg[: p - 1]), *_segment(doc, seg[p - 1 :])]
    if lang in ("ky", "ru") and all(_LATIN.match(w.token.text) for w in seg):
        # People are written in Cyrillic in Kyrgyz and Russian copy: a Latin run is a company or a medium.
        return [_mention(doc, seg, "org", case)]
    # A place at the start of a run ("Москва Кремль") or the whole run, after a title ("Former Downing Street").
    skip = 1 if lang == "en" and folded[0] in ("the", "former", "ex") and len(seg) > 1 else 0
    if (
        lang == "en"
        and len(seg) == 2
        and (folded[0],) in lex.places
        and not seg[0].token.initial
        and _lex_kind(lex, folded[1:]) == ""
        and (folded[1],) not in lex.place_heads
        and not _is_body_word(lex, folded[1])
        and not _is_role_word(lex, folded[1])
    ):
        return [_mention(doc, seg, "single", case)]  # "Jordan Fenwick", "Israel Adeyemi": a given name that is a place's
    if lang == "en" and len(seg) >= 2 and (folded[0],) in lex.places and _lex_kind(lex, folded) == "" and (
        _is_body_word(lex, folded[-1]) or folded[-1] in lex.companies
    ) and not any((f,) in lex.place_heads for f in folded[1:]):
        # "Samarkand Trust Bank", "Cardiff Council": a body named after its place, whole
        return [_mention(doc, seg, "body" if _is_body_word(lex, folded[-1]) else "org", case)]
    if lang in ("ky", "ru") and len(seg) == 2 and seg[0].case == "nom" and (
        (folded[0],) in lex.places and _lex_kind(lex, folded[1:]) == "" and _STRONG_SURNAME_RE.search(folded[1])
        or (folded[1],) in lex.places and _lex_kind(lex, folded[:1]) == "" and _STRONG_SURNAME_RE.search(folded[1])
    ) and not any(_is_body_word(lex, f) or _is_role_word(lex, f) or (f,) in lex.place_heads for f in folded):
        # "Манас Төрөбеков", "Айдар Панфилов": a given name or a surname that is also a place's, in a person's name
        return [_mention(doc, seg, "person", case)]
    fathers = folded[-1] in PATRONYMIC or len(folded) > skip + 1 and folded[skip + 1] in PATRONYMIC
    # ("Токтогул уулу Бакыт": a father's name before "уулу" may be a place's too)
    for size in range(min(len(seg) - skip, lex.longest_place) if not fathers else 0, 0, -1):
        if tuple(folded[skip : skip + size]) in lex.places and not (
            lang == "en" and size == 1 and folded[skip] in _EN_POINTS and skip + 1 < len(seg)
        ):  # ("West Yorkshire Police": the point of the compass is part of the name after it, not "the West")
            head = _mention(doc, seg[skip : skip + size], "place", case if skip + size == len(seg) else "nom")
            return [head, *_segment(doc, seg[skip + size :])]
    if lang == "en" and folded[0] == "the" and len(seg) > 1:
        if folded[1] in lex.titles and len(seg) > 2:
            return _segment(doc, seg[1:])  # "The Reverend Simon Cardew": a title, then a name
        return [_mention(doc, seg[1:], "org", case)]
    if lang == "ru" and len(seg) >= 3:
        # "Депутат Жогорку Кенеша Мирлан Абдыкалык уулу": a body the lexicon knows, in any case, inside a role and
        # a name; the role goes with the name
        k = 0
        while k < len(seg) - 2 and _is_role_word(lex, folded[k]):
            k += 1
        for size in (3, 2):
            if k + size < len(seg) and any(
                (*folded[k : k + size - 1], stem) in lex.body_names for stem in _noun_stems(lang, folded[k + size - 1])
            ):
                body = _mention(doc, seg[k : k + size], "body", "gen")
                return [body, *_segment(doc, [*seg[:k], *seg[k + size :]])]
    if lang == "ru" and len(seg) >= 2 and any((f,) in lex.place_heads for f in _noun_stems(lang, folded[0])):
        # "Река Петорка", "Республики Коми | Инна Салтыкова": a place head and its name, then whatever follows
        return [_mention(doc, seg[:2], "place", case if len(seg) == 2 else "nom"), *_segment(doc, seg[2:])]
    if lang == "en" and len(seg) == 1 and nationality_before_noun(doc, seg[0].token):
        return []  # "Kyrgyz border guards": a nationality before its noun
    # Acronyms: bodies and places the lexicons know, else organisations (УКМК, NATO); a role is no name (MP).
    if len(seg) == 1 and lang == "en" and _is_role_word(lex, folded[0]):
        return []
    if len(seg) == 1 and _acronym(seg[0].nominative) and lang == "ru" and _RU_LAW_ARTICLE_RE.search(
        doc.text(seg[0].token.block)[max(0, seg[0].token.start - 30) : seg[0].token.start]
    ):
        return []  # "(ст. 238 УК)", "по ч. 2 статьи 159 УК РФ": a code of laws, no body
    if len(seg) == 1 and _acronym(seg[0].nominative):
        return [_mention(doc, seg, "org", case)]
    if lang == "en" and len(seg) == 2 and _acronym(seg[0].nominative) and (folded[1],) in lex.places:
        return [_mention(doc, seg, "org", case)]  # "NHS England": a body named for the country it serves
    surname = (
        lang == "ru"
        and len(seg) >= 2
        and re.search(r"(?:ск|цк)(?:ую|ой|ого|ому|им|ая|ий)$", folded[-1]) is not None
        and not _RU_ADJECTIVE_RE.search(folded[0])
        and not _RU_ADJECTIVE_NOM_RE.search(folded[0])
    )  # "Ольгу Белецкую", "Андрея Зеленского": a given name, then a surname in -ский
    if lang == "ru" and len(seg) == 1 and folded[0].endswith(("ого", "его")):
        # "слова Шпилевого": a surname like an adjective, which the article writes whole elsewhere (Игорь Шпилевой)
        for end in ("ой", "ий", "ый"):
            nominative = seg[0].token.text[:-3] + end
            if _written(doc, nominative):
                m = _mention(doc, seg, "single", "obl")
                m.words, m.key = (nominative,), fold(nominative)
                return [m]
    if (
        lang == "ru"
        and len(seg) >= 3
        and _STRONG_SURNAME_RE.search(folded[-1])
        and not _RU_ADJECTIVE_RE.search(folded[-2])
        and not _RU_ADJECTIVE_NOM_RE.search(folded[-2])
        and not _is_role_word(lex, folded[-2])
        and not _is_body_word(lex, folded[-2])
        and any(_RU_ADJECTIVE_RE.search(f) for f in folded[:-2])
    ):
        # "Адвокат Залесского Кирилл Бахметьев": whose lawyer (a genitive owner), then the lawyer's own name
        owners = _segment(doc, seg[:-2])
        for m in owners:
            if m.kind in ("person", "single") and _RU_ADJECTIVE_RE.search(fold(m.words[-1])):
                m.case = "obl"
        return [*owners, *_segment(doc, seg[-2:])]
    before = doc.tokens[seg[0].token.index - 1] if seg[0].token.index else None
    if (
        lang == "ru"
        and len(seg) == 3
        and before is not None
        and before.sent == seg[0].token.sent
        and role_stem(lex, before.low) in lex.kin
        and _STRONG_SURNAME_RE.search(folded[-1])
        and not _SURNAME_RE.search(folded[1])
        and folded[0].endswith(("а", "я"))
    ):
        # "мать Максима Галина Тюрикова": whose mother (a name in the genitive), then the mother's own name
        owner = _segment(doc, seg[:1])
        for m in owner:
            m.case = "obl"
        return [*owner, *_segment(doc, seg[1:])]
    if lang == "ru" and len(seg) == 2 and (nominative := _ru_instrumental_name(seg[0].token.text, seg[1].token.text)):
        # "во главе с Алмазбеком Турдакуновым": a name in the instrumental, not an adjective's phrase
        m = _mention(doc, seg, "person", "obl")
        m.words, m.key, m.first = nominative, fold(nominative[1]), fold(nominative[0])
        m.gender = _gender(nominative, "ru")
        return [m]
    if lang == "ru" and not surname and len(seg) > 2 and _is_role_word(lex, folded[0]) and _indeclinable_surname(
        doc, folded[1:]
    ):
        return _segment(doc, seg[1:])  # "Соседка Вера Пронских": the role, then the name (the role is attached later)
    if lang == "ru" and not surname and _indeclinable_surname(doc, folded):
        # "Нина Черных", "заявила Черных": a surname in -ых/-их does not decline; a name of something ends in a noun
        return [_mention(doc, seg, "person" if len(seg) > 1 else "single", seg[0].case if len(seg) > 1 else "nom")]
    if lang == "ru" and not surname and any(_RU_ADJECTIVE_RE.search(f) and len(f) > 5 for f in folded) and not (
        len(seg) == 2 and _RU_GIVEN_IN_YM_RE.search(folded[0]) and _RU_SURNAME_FORM_RE.search(folded[1])
    ):  # (not "Гулайым Асанова": a Kyrgyz given name in -ым, then a surname)
        return [_mention(doc, seg, "org", "gen")]  # "Корнеллского университета", "Президиума Верховного Совета"
    if lang == "ru" and len(seg) >= 2 and re.search(r"летн(?:ий|яя|ие)$", folded[0]):
        return _segment(doc, seg[1:])  # "Семнадцатилетняя Айпери Медетбек кызы": her age, then her name
    if lang == "ru" and len(seg) >= 2 and len(folded[0]) > 4 and re.search(r"(?:ый|ой|ая|ое|ые)$", folded[0]) and not (
        seg[0].token.initial
    ) and not (re.search(r"[бт]ая$", folded[0]) and _RU_SURNAME_FORMS_RE.search(folded[-1])):
        # (but "Эсенбая Карабалаева": a Central Asian given name in -бай/-тай in a case, then a surname)
        # "храма Святой Троицы", "на Красной площади": an adjective opens the name of a thing; no given name ends so.
        # The name ends with its noun; a person may follow ("… Кыргызской Республики Эрнист Капаров").
        return [_mention(doc, seg[:2], "org", seg[1].case), *_segment(doc, seg[2:])]
    if lang == "ru" and len(seg) == 1 and _ru_place_adjective(doc, seg[0].token):
        return [_mention(doc, seg, "org", case)]  # "Атырауский, Павлодарский и Шымкентский": of places, no surnames
    if lang == "ru" and len(seg) == 1 and _RU_ADJECTIVE_NOM_RE.search(folded[0]) and len(folded[0]) > 5 and not (
        _RU_SURNAME_CASE_RE.search(folded[0])
    ):
        return [_mention(doc, seg, "org", case)]  # "Советская", "Национальный": an adjective, not a name
    if lang == "ky" and len(seg) == 1 and _KY_STATE_BODY_RE.match(seg[0].nominative):
        return [_mention(doc, seg, "body", case)]  # "Кыргызгидромет", "Кыргызпатенттин": a state body's short name
    if lang == "ru" and (_ru_short_body(lex, seg[0]) or _RU_STAT_RE.search(seg[0].token.text)):
        m = _mention(doc, seg[:1], "body", case)  # "Минтруда", "Мингорисполкома", "Новосибирскстата"
        word = seg[0].token.text
        k = seg[0].token.index - 1
        if k >= 1 and not doc.tokens[k].upper and doc.tokens[k].low.endswith(("ой", "ей")):
            k -= 1  # "в барнаульской Госавтоинспекции"
        before = doc.tokens[k] if k >= 0 else None
        if word.endswith("ии") and not word.startswith("Мин") and before is not None and before.low in ("в", "во", "о", "об"):
            # "в Госавтоинспекции": a name made of a noun declines (the ministries' frozen genitives do not:
            # "в Минэкологии")
            m.words, m.case = (word[:-1] + "я",), "obl"
        elif word.endswith("е") and not word.endswith("ие") and before is not None and (
            before.low in ("в", "во", "о", "об")
        ):
            # "в Ростуризме", "в Госдуме": the locative of a short name, back to its nominative (masculine unless the
            # lexicon knows it as feminine)
            feminine = (fold(word[:-1] + "а"),) in lex.body_names
            m.words, m.case = (word[:-1] + "а" if feminine else word[:-1],), "obl"
        return [m, *_segment(doc, seg[1:])]
    if lang == "en" and any(_plural_possessive(doc, seg[k].token, seg[k + 1].token) for k in range(len(seg) - 1)):
        # "Norfolk Patients' Voice": a people's possessive names a body
        m = _mention(doc, seg, "org", case)
        m.words = tuple(
            w.nominative + doc.text(w.token.block)[w.token.end]
            if k + 1 < len(seg) and _plural_possessive(doc, w.token, seg[k + 1].token)
            else w.nominative
            for k, w in enumerate(seg)
        )
        return [m]
    # A role or a title at the start belongs to the name after it ("Депутат Исхак Пирматов", "Mr Law").
    lead = 0
    title_gender = ""
    while lead < len(seg) - 1:
        low = folded[lead]
        if lang == "en" and low in lex.titles:
            title_gender = title_gender or lex.titles[low]
            lead += 1
            continue
        doer = seg[lead].token.initial and lang != "en" and doer_stem(lex, low) is not None  # "Реаниматолог Адилет …"
        if _is_role_word(lex, low) or doer or (lang == "en" and _is_body_word(lex, low)) or low in ("экс", "ex", "former"):
            lead += 1
            continue
        if low in lex.demonyms and len(seg) - lead >= 3:
            lead += 1  # "Welshman Gethin Pryce": the nationality describes the name after it
            continue
        break
    if lang == "en":
        # "Foreign Minister Aibek Dooronov", "Labour MP Tom Pryce", "Deputy Energy Minister Jasur Toshpulatov": all
        # up to the last role is the title.
        last_role = max((k for k in range(len(seg) - 1) if _is_role_word(lex, folded[k])), default=-1)
        lead = max(lead, last_role + 1)
    if lang == "en" and _en_of_body(lex, folded):
        return [_mention(doc, seg, "body", case)]  # "Ministry of Emergency Situations", "Office for Product Safety"
    if lang == "en" and lead == 0 and len(seg) > 1:
        last = folded[-1]
        if _is_body_word(lex, last) or len(seg) > 2 and (last,) in lex.places and _is_body_word(lex, folded[-2]):
            return [_mention(doc, seg, "org", case)]  # ("Arts Council England": a body and the country it serves)
        if (last,) in lex.place_heads:
            return [_mention(doc, seg, "place", case)]
        if _is_role_word(lex, last):
            return []  # a title without a name: "Industry Secretary", "Prime Minister"
        if _GROUP_RE.search(last) and (
            last[:-1] in lex.demonyms
            or any(f in lex.demonyms or _is_body_word(lex, f) or (f,) in lex.places for f in folded[:-1])
        ):  # (not "Gareth Evans": a surname in -ans)
            return [_mention(doc, seg, "org", case)]  # "Irish Americans", "Senate Democrats"
    if lead == len(seg) - 1 and len(seg) > 1 or (
        len(seg) == 1 and (_is_role_word(lex, folded[0]) or seg[0].token.initial and _is_body_word(lex, folded[0]))
    ):
        if _is_role_word(lex, folded[-1]) or _is_body_word(lex, folded[-1]):
            # Only common nouns capitalised where a sentence starts: "Депутат", "Министрлик", "Компания".
            return []
    role = " ".join(w.token.text for w in seg[:lead] if fold(w.nominative) not in lex.titles)
    name = seg[lead:]
    if lang == "en" and lead and len(name) == 1 and _is_body_word(lex, folded[lead - 1]) and not (
        _is_role_word(lex, folded[lead - 1])
    ):
        return [_mention(doc, name, "org", case)]  # "Regulator Ofgem", "Airline Skyway": a body's kind, its name
    role_word = fold(seg[lead - 1].nominative) if lead else ""
    titles = [w.token.text.rstrip(".") for w in seg[:lead] if fold(w.nominative) in lex.titles]
    if lang != "en" and len(name) > 1 and _is_body_word(lex, fold(name[-1].nominative)):
        return [_mention(doc, seg, "body", case)]
    if len(name) > 4:
        name = name[-3:] if lang == "en" else name[:3]
    if (
        lang == "ru"
        and len(name) == 3
        and not _RU_PATRONYMIC_RE.search(name[1].nominative.lower())
        and fold(name[-1].nominative) not in PATRONYMIC  # "Мирлан Абдыкалык уулу" in Russian copy
        and fold(name[1].nominative) not in PATRONYMIC  # ... and "Асан уулу Бектур", the patronymic first
        # a foreign name of three words ("Мария Хосе Альварадо") is written whole more than once
        and _written(doc, " ".join(w.token.text for w in name)) < 2
        # (an East Asian name is three short words: "Ким Со Ён", "Пак Мин Джун", "Нгуен Ван Хунг")
        and not all(len(w.token.text) <= 5 for w in name)
    ):
        # Russian names have three words only with a patronymic: "Нацбанка | Елена Корнилова".
        return [*_segment(doc, seg[: lead + 1]), *_segment(doc, name[1:])] if lead == 0 else _segment(doc, name[1:])
    # English writes many things in capitals (films, theatres, teams): two words are a person only with some
    # evidence, found when people are settled; Kyrgyz and Russian capitalise little else than names.
    kind = "person" if titles or len(name) >= 2 and (lang != "en" or role) else "single"
    m = _mention(doc, name, kind, case, titles=titles)
    if role and lang == "ru" and name[-1].case == "obl" and role_stem(lex, role_word) == role_word:
        role = ""  # "Представитель Гаврилова": the name in the genitive owns the role, it does not hold it
    if role:
        m.role = _role_key(lex, role_word) if _is_role_word(lex, role_word) else doer_stem(lex, role_word) or role_word
        m.role_phrase = role
    if title_gender:
        m.gender = title_gender
    return [m]


def _written_as_name(doc: Document, word: str) -> bool:
    """Does the article write this word on its own, not as the first word of a name in quote marks ("Шпилевой",
    not «Сибирский рейтинг»)?"""
    pattern = re.compile(r"(?<![\w«\"“„'])" + re.escape(word) + r"(?!\w)")
    return any(pattern.search(doc.text(b)) for b in doc.body)


def _written(doc: Document, phrase: str) -> int:
    """How many times the article writes this exact phrase."""
    return sum(doc.text(b).count(phrase) for b in doc.body)


@functools.lru_cache(maxsize=65536)
def _acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    upper = sum(1 for c in letters if c.isupper())
    # "УКМК", "СПбГУ"; "УрФУ", "МинЮст" with a lowercase letter inside, when capitals are most of a short word
    return len(letters) >= 2 and upper >= 2 and (word[:2].isupper() or upper * 2 >= len(letters) and len(letters) <= 6)


def _mention(doc: Document, seg: list[_Word], kind: str, case: str, *, titles: Sequence[str] = ()) -> Mention:
    first_t, last_t = seg[0].token, seg[-1].token
    text = doc.text(first_t.block)
    words = []
    for k, w in enumerate(seg):  # "R.K. Menon", "Hollin & Frayne" as written
        initial = k + 1 < len(seg) and _INITIALS_RE.match(w.nominative) and text[w.token.end] == "."
        words.append(w.nominative + "." if initial else w.nominative)
        if k + 1 < len(seg) and text[w.token.end : seg[k + 1].token.start] == " & ":
            words.append("&")
    if doc.lang == "ru" and kind == "person" and len(words) == 2 and words[0].endswith(("ря", "ея")) and (
        _RU_INDECLINABLE_RE.search(words[1].lower())
    ):
        # "тренера Игоря Саввиных": a surname that does not decline, after a man's name in the genitive
        words[0] = words[0][:-1] + ("ь" if words[0].endswith("ря") else "й")
    if kind in ("person", "single") and len(words) >= 2 and (
        words[-1].lower() in PATRONYMIC or fold(words[-1]) in doc.lex.honorifics
    ):
        key = fold(words[-2])
    else:
        key = fold(words[-1])
    if kind in ("person", "single") and len(words) == 2 and fold(words[-1]) in doc.lex.honorifics:
        kind = "person"
    if kind in ("person", "single") and len(words) >= 3 and words[1].lower() in PATRONYMIC:
        key = fold(words[-1])  # Жунус уулу Адыл: the patronymic first, the given name last
    surname_first = (
        kind in ("person", "single")
        and len(words) == 2
        and doc.lang in ("ky", "ru")
        and len(words[0]) > 4
        and bool(_STRONG_SURNAME_RE.search(words[0].lower()))
        and not _SURNAME_RE.search(words[1].lower())
    )
    if surname_first:
        key = fold(words[0])  # Шакирова Гүлмира: "— деди Шакирова" is her
    after_preposition = _after_preposition(doc, first_t)
    m = Mention(
        kind=kind,
        block=first_t.block,
        start=first_t.start,
        end=last_t.end,
        sent=first_t.sent,
        words=tuple([*titles, *words]),
        possessive=doc.lang == "en" and last_t.low.endswith("'s"),
        key=key,
        first=(fold(words[1]) if surname_first else fold(words[0])) if len(words) >= 2 else "",
        case=case,
        initial=first_t.initial,
        after_preposition=after_preposition,
        tokens=(first_t.index, last_t.index + 1),
    )
    if kind in ("person", "single"):
        m.gender = _gender(words, doc.lang)
        if doc.lang == "ru" and case == "nom" and len(words) == 2 and _RU_MAN_ADJECTIVAL_RE.search(words[1].lower()) and (
            re.search(r"[бвгджзклмнпрстфхцчшщ]$", given := words[0].lower()) and not given.startswith(_CA_FEMALE_GIVEN)
        ) and not _is_role_word(doc.lex, fold(given)):
            m.gender = "m"  # "Кирилл Ланской", "Лев Толстой": a man's given name, then a surname like an adjective
        if after_preposition and doc.lang == "ru":
            m.case = "obl"
            m.words = tuple(_ru_unambiguous_nominative(m.words))  # "с Айымкан Жунушевой" -> Айымкан Жунушева
    return m


def _ru_unambiguous_nominative(words: Sequence[str]) -> list[str]:
    """Put back in the nominative the Russian name endings that can only be oblique: a woman's surname in -овой,
    -евой, -иной (Жунушевой -> Жунушева), a man's in -овым, -евым, -иным (Петровым -> Петров)."""
    out = []
    for w in words:
        if re.search(r"(?:ов|ев|ёв|ин|ын)ой$", w):
            w = w[:-2] + "а"
        elif re.search(r"(?:ов|ев|ёв|ин|ын)ым$", w):
            w = w[:-2]
        out.append(w)
    return out


_DETERMINERS_EN = frozenset(("the", "a", "an", "its", "his", "her", "their", "this", "that"))


def _ru_quoted_names_in_nominative(doc: Document, mentions: list[Mention]) -> None:
    """A Russian name in quote marks declines ("в «Заре»", "«Семейного рынка»"): when the article also writes it
    where no preposition governs it ("холдинг «Заря»"), that form is the name."""
    quoted = [m for m in mentions if m.quoted and m.kind in ("org", "media")]
    if len(quoted) < 2:
        return
    free = [m for m in quoted if not _ru_governed(doc, m)]
    for m in quoted:
        if m in free and m.case == "nom":
            continue
        forms = {
            x.words
            for x in free
            if x.words != m.words and len(x.words) == len(m.words) and all(
                _same_stem(fold(a), fold(b)) for a, b in zip(x.words, m.words, strict=True)
            )
        }
        if len(forms) == 1:
            m.words = forms.pop()
            m.key = fold(m.words[-1])
            m.first = fold(m.words[0]) if len(m.words) >= 2 else ""


def _ru_governed(doc: Document, m: Mention) -> bool:
    """Is a quoted Russian name right after a preposition ("в «Заре»", "от «Милкора»")?"""
    k = m.tokens[0] - 1
    if k < 0 or doc.tokens[k].block != m.block:
        return False
    prev = doc.tokens[k]
    return prev.low in RU_PREPOSITIONS and doc.text(m.block)[prev.end : m.start].strip() in ("«", '"', "„", "“")


def _same_stem(a: str, b: str) -> bool:
    """Two forms of one Russian word: all but their endings (up to three letters) the same (заря/заре, рынок/рынка)."""
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n >= 3 and n >= min(len(a), len(b)) - 2 and max(len(a), len(b)) - n <= 3


def _after_preposition(doc: Document, first: Token) -> bool:
    """Is a name the object of a preposition ("в Бишкеке", "of the Commons", "in its report")?"""
    tokens = doc.tokens
    k = first.index - 1
    text = doc.text(first.block)
    if doc.lang == "en":
        # look past determiners to the preposition
        while k >= 0 and tokens[k].block == first.block and tokens[k].low in _DETERMINERS_EN:
            k -= 1
    if k < 0 or tokens[k].block != first.block or first.start - tokens[k].end > 40:
        return False
    prev = tokens[k]
    if prev.low not in (RU_PREPOSITIONS if doc.lang in ("ru", "ky") else _EN_PREPOSITIONS):
        return False
    return not any(c in ",.;:!?()«»\"“”" for c in text[prev.end : first.start])


def _gender(words: Sequence[str], lang: str) -> str:
    fathers = next((w.lower() for w in words[1:] if w.lower() in PATRONYMIC), "")
    if fathers:
        # "Камчыбек кызы Нуриза", "Адыл Жунус уулу": a daughter or a son of the one named
        return "f" if fathers in _DAUGHTER_OF else "m"
    if lang == "en":
        return ""
    last = words[-1].lower()
    if len(words) == 1 and lang == "ru" and last.endswith(("ей", "ий")) and not last.endswith(("ией", "ьей")) and (
        len(last) > 3
    ):
        return "m"  # Андрей, Матвей, Дмитрий, Юрий: no woman's name ends so (Марией, Натальей are her instrumental)
    if len(words) == 1 and not _STRONG_SURNAME_RE.search(last) and not _FEMALE_RE.search(last):
        return ""  # a given name alone: Айжаркын, Бакыт, Айымкан tell no gender by their ending
    if _FEMALE_RE.search(last):
        return "f"
    if _MALE_RE.search(last):
        return "m"
    if lang == "ru":
        given = words[0].lower()
        if given in _RU_MALE_A:
            return "m"
        if given.endswith(("ея", "ря")):
            return ""  # "Игоря Саввиных", "Андрея Черных": a man's name in the genitive, with a surname that tells nothing
        if given.endswith(("а", "я")):
            return "f"
        if given.endswith(("и", "ы", "е", "э", "о", "у", "ю", "ь")):
            return ""  # Эми, Чарли, Мэри, Бактыгуль: names whose ending tells no gender
        if given.startswith(_CA_FEMALE_GIVEN):
            return ""  # Айжан, Айгерим, Гульнур: Central Asian women's names end in a consonant too
        return "m"
    return ""


@functools.lru_cache(maxsize=65536)
def _noun_stems(lang: str, low: str) -> tuple[str, ...]:
    """The nominative stems a folded noun form may be read as, most specific first."""
    if lang == "ky":
        return tuple(dict.fromkeys(fold(f.stem) for f in ky_forms(low)))
    if lang == "ru":
        out = [low]
        for ending, repl in (
            ("ами", "а"), ("ами", ""), ("ями", "я"), ("ой", "а"), ("ей", "я"), ("ом", ""), ("ем", "ь"), ("ем", "й"),
            ("ах", "а"), ("ах", ""), ("ов", ""), ("ев", "й"), ("ам", ""), ("ам", "а"), ("ии", "ия"), ("ии", "ие"),
            ("ия", "ие"), ("ию", "ия"), ("ие", "ие"), ("ве", "в"), ("е", "а"), ("е", "о"), ("е", ""), ("и", "а"),
            ("и", "я"), ("и", "ь"), ("и", ""), ("ы", "а"), ("ы", ""), ("у", "а"), ("у", ""), ("ю", "я"), ("ю", "ь"),
            ("а", ""), ("а", "о"), ("я", "ь"), ("я", "й"), ("я", "е"), ("ь", ""), ("е", "ь"), ("е", "й"), ("ю", "й"),
            ("ей", "ь"),  # the genitive plural of a noun in -ь: "областей", "площадей"
            # nouns declined as adjectives: "нападающего", "заведующему" -> нападающий, заведующий (not "ведущего",
            # which mostly qualifies the noun after it: "ведущего аналитика")
            ("ающего", "ающий"), ("яющего", "яющий"), ("ующего", "ующий"), ("ающему", "ающий"), ("яющему", "яющий"),
            ("ующему", "ующий"), ("ающим", "ающий"), ("яющим", "яющий"), ("ующим", "ующий"),
            # ... and participles that name someone: "подсудимого", "обвиняемому", "задержанного"
            ("имого", "имый"), ("емого", "емый"), ("нного", "нный"), ("имому", "имый"), ("емому", "емый"),
            ("нному", "нный"), ("шего", "ший"), ("шему", "ший"),
        ):  # ("минстрое", "минстрою" -> минстрой)
            if low.endswith(ending) and len(low) - len(ending) >= 2:
                out.append(low[: -len(ending)] + repl)
        for stem, base in (("матер", "мать"), ("дочер", "дочь")):
            if low.startswith(stem) and low[len(stem) :] in ("и", "ью", "ей", "ям", "ями", "ях"):
                out.append(base)  # "матери", "дочерью": the two nouns whose stem grows "-ер-" in the cases
        return tuple(dict.fromkeys(out))
    out = [low]
    if low.endswith("'s"):
        out.append(low[:-2])
    elif low.endswith("ies"):
        out.append(low[:-3] + "y")
    elif low.endswith("es"):
        out.extend((low[:-2], low[:-1]))
    elif low.endswith("s") and not low.endswith("ss"):
        out.append(low[:-1])
    if low.endswith("men"):
        out.append(low[:-3] + "man")
    return tuple(out)


def _is_role_word(lex: Lexicon, low: str) -> bool:
    if low.startswith(_ROLE_PREFIXES) and len(low) > 7 and _is_role_word(lex, low.split("-", 1)[1]):
        return True  # "Вице-губернатор", "экс-депутат": a role after the prefix
    if lex.lang == "ru" and low.startswith(_RU_COMPOUND_FIRSTS) and role_stem(lex, low) is not None:
        return True  # "Кинокритик", "Авиадиспетчер": a trade made with a first part
    return any((s,) in lex.roles or s in lex.role_heads for s in _noun_stems(lex.lang, low))


def _is_body_word(lex: Lexicon, low: str) -> bool:
    return any((s,) in lex.bodies or s in lex.body_heads for s in _noun_stems(lex.lang, low))


def _role_key(lex: Lexicon, low: str) -> str:
    for s in _noun_stems(lex.lang, low):
        if (s,) in lex.roles or s in lex.role_heads:
            return s
    return role_stem(lex, low) or low  # ("Медиаюрист": the trade after its first part)


def role_stem(lex: Lexicon, low: str) -> str | None:
    """The role a word names, in its lexicon form (депутаты -> депутат, spokesmen -> spokesman), or None. A word
    that is also a function word names no role as it stands (Kyrgyz "ага" is "to him"; "агасы" is a brother)."""
    if low in lex.function:
        return None
    for s in _noun_stems(lex.lang, low):
        if s in lex.role_heads:
            return s
    if lex.lang == "ru" and "-" in low and not low.startswith(_ROLE_PREFIXES):
        first, rest = low.split("-", 1)
        for part in (first, rest):  # "врач-эндокринолог", "инженер-строитель": a role of two roles
            if len(part) > 3 and (found := role_stem(lex, part)) is not None:
                return found
    if lex.lang == "en" and "-" in low and low.rsplit("-", 1)[1] in ("grader", "grade", "year-old") and (
        low.rsplit("-", 1)[1] in lex.role_heads
    ):
        return low.rsplit("-", 1)[1]  # "a ninth-grader": which grade, then the role
    if lex.lang == "ru" and low.startswith(_RU_COMPOUND_FIRSTS) and "-" not in low:
        for first in _RU_COMPOUND_FIRSTS:
            rest = low[len(first) :]
            if low.startswith(first) and len(rest) >= 5 and (found := role_stem(lex, rest)) is not None:
                return found  # "кинокритик", "фотокорреспондент", "авиадиспетчер": a role made with a first part
    for prefix in _ROLE_PREFIXES:
        # "вице-министра", "vice-chairman", "экс-депутат": the role after the prefix
        if low.startswith(prefix) and len(low) > len(prefix) + 2:
            rest = role_stem(lex, low[len(prefix) :])
            if rest is not None:
                return prefix + rest
    return None


_ROLE_PREFIXES = ("вице-", "vice-", "экс-", "ex-", "deputy-")
# First parts Russian compounds put before a trade: кино-критик, фото-корреспондент, авиа-диспетчер
_RU_COMPOUND_FIRSTS = ("кино", "фото", "видео", "медиа", "авиа", "авто", "агро", "электро", "радио", "теле", "газо", "тепло")


def doer_stem(lex: Lexicon, low: str) -> str | None:
    """A lowercase noun that names a doer by its suffix (археолог, токойчу), in its base form, or None."""
    for s in _noun_stems(lex.lang, low):
        if lex.is_doer(s):
            return s
    return None


def body_stem(lex: Lexicon, low: str) -> str | None:
    """The body a word names, in its lexicon form (министрлигинин -> министрлик, пресс-службе -> пресс-служба)."""
    for s in _noun_stems(lex.lang, low):
        if s in lex.body_heads:
            return s
    return None


def noun_forms(lex: Lexicon, low: str) -> tuple[str, ...]:
    return _noun_stems(lex.lang, low)


# ------------------------------------------------------------------------------------------------ people


def _settle_people(doc: Document, index: Index) -> None:
    """Decide which lone proper nouns are people, attach the roles written next to people, group them."""
    # Two passes: a name shown to be a person (Donald Trump, with a role) makes its surname alone one (Trump).
    for _ in range(2):
        _settle_singles(doc, index)
    _attach_roles(doc, index)


def _settle_singles(doc: Document, index: Index) -> None:
    lex = doc.lex
    tokens = doc.tokens
    keys = {m.key for m in index.mentions if m.kind == "person"}
    firsts = {m.first for m in index.mentions if m.kind == "person" and m.first}
    groups = _plural_names(doc, index) if doc.lang == "en" else set()
    for m in index.mentions:
        if m.kind != "single":
            continue
        if m.key in groups or m.key in index.companies or doc.lang == "en" and _after_company_word(doc, m):
            # "Kilbride Rovers have sacked …", "low-cost carrier SkyStep", "Brandauer" after "Brandauer AG": a team or
            # a company, not a person
            m.kind = "org"
            continue
        word = m.words[-1]
        nxt = tokens[m.tokens[1]] if m.tokens[1] < len(tokens) else None
        named = nxt is not None and nxt.block == m.block and nxt.low in ("аттуу", "деген", "named", "по")
        text = doc.text(m.block)
        if (
            m.key in keys
            or m.key in firsts
            or len(m.words) >= 2 and _recurs(index, m)
            or _after_role_word(lex, text[max(0, m.start - 30) : m.start])
            or (named and nxt is not None and nxt.low != "по")
            or surname_shape(word, doc.lang)
            or _apposition_age(doc, m)
        ):
            m.kind = "person"
        elif _is_body_word(lex, m.key):
            m.kind = "body"


def _after_company_word(doc: Document, m: Mention) -> bool:
    """Is an English name written right after a word for a company ("carrier SkyStep", "miner Tien Shan Gold")?"""
    k = m.tokens[0] - 1
    if k < 0:
        return False
    t = doc.tokens[k]
    if t.block != m.block or t.upper or not _gap_ok(doc.text(m.block), t.end, m.start):
        return False
    if re.match(r",\s*\d{1,3},", doc.text(m.block)[m.end : m.end + 8]) or (
        k and doc.tokens[k - 1].low in ("retired", "former", "veteran", "young", "elderly", "local", "fellow")
    ):
        return False  # "retired miner Walter Brierley, 81,": a person, by an age or a word only people are
    return any(f in doc.lex.companies for f in _noun_stems("en", t.low))



def _plural_names(doc: Document, index: Index) -> set[str]:
    """English names in -s that take a plural verb ("Kilbride Rovers have", "the Wanderers are"): teams, bands,
    companies; a person's name takes "has", "is"."""
    tokens = doc.tokens
    out = set()
    for m in index.mentions:
        if m.kind not in ("single", "person") or not m.key.endswith("s") or m.key.endswith(("ss", "'s")):
            continue
        k = m.tokens[1]
        if k < len(tokens) and tokens[k].block == m.block and tokens[k].low in ("have", "are", "were"):
            before = tokens[m.tokens[0] - 1].low if m.tokens[0] else ""
            if before not in ("and", "&"):
                out.add(m.key)
    return out


def renominate(m: Mention) -> None:
    """Put a Russian name read in the genitive ("Дмитрия Петрова") in the nominative, with its key, given name and
    sex read again from the new words (a man's given name in -а/-я is no woman's)."""
    m.words = tuple(ru_nominative_name(m.words))
    m.key = fold(m.words[-1])
    m.first = fold(m.words[0]) if len(m.words) >= 2 else ""
    m.gender = _gender(m.words, "ru") if len(m.words) >= 2 else surname_sex(m.words[-1]) or m.gender


def _after_dative(doc: Document, m: Mention) -> bool:
    """Does a dative title or "к" come just before this Russian name ("главе города Олегу Кравцу", "министру
    Ивану Петрову", "к Ивану Петрову")? Then -у/-ю on it are the dative, not a woman's accusative (Дарью, Анну)."""
    lex = doc.lex
    text = doc.text(m.block)
    after = m.start
    # far enough for a title with its owners: "к юристу правозащитной группы «Право призывника» Ольге Пастуховой"
    for t in reversed(doc.tokens[max(0, m.tokens[0] - 8) : m.tokens[0]]):
        if t.block != m.block or re.search(r"[.,;:!?()—–]", text[t.end : after]):
            return False
        after = t.start
        if t.low in ("к", "ко"):
            return True
        stem = role_stem(lex, t.low)
        if stem is not None and t.low != stem and t.low.endswith(("у", "ю", "е")):
            return True
        if stem is not None or _RU_PAST_RE.search(t.low) and not t.upper:
            return False  # another title, or a verb: what it governs is not known
    return False


def _ru_instrumental_name(given: str, surname: str) -> tuple[str, str] | None:
    """A man's name in the instrumental, back in the nominative, or None: Алмазбеком Турдакуновым -> Алмазбек
    Турдакунов, Сергеем Лавровым -> Сергей Лавров, Игорем Лисицким -> Игорь Лисицкий."""
    g, s = given.lower(), surname.lower()
    if len(g) < 4 or not g.endswith(("ом", "ем")):
        return None
    if re.search(r"(?:ов|ев|ёв|ин|ын)ым$", s):
        last = surname[:-2]
    elif re.search(r"(?:ск|цк)им$", s):
        last = surname[:-2] + "ий"
    else:
        return None
    first = given[:-3] + "ей" if g.endswith("еем") else given[:-2] + ("ь" if g.endswith("ем") else "")
    return first, last


def _ru_dative_name(words: tuple[str, ...]) -> tuple[str, str] | None:
    """A man's or a woman's name in the dative, back in the nominative, or None when it is not one: Олегу Кравцу ->
    Олег Кравец, Сергею Лаврову -> Сергей Лавров, Игорю Белых -> Игорь Белых; Анне Петровой -> Анна Петрова."""
    given, surname = words
    g, s = given.lower(), surname.lower()
    if len(g) < 3:
        return None
    if g.endswith(("у", "ю")) and not g.endswith(("уу", "юу")) and (
        re.search(r"(?:ов|ев|ёв|ин|ын|ск|цк|[бвгджзклмнпрстфхцчшщ])(?:у|ому)$", s) or _RU_INDECLINABLE_RE.search(s)
    ):
        # Олегу -> Олег, Сергею -> Сергей, Николаю -> Николай, Геннадию -> Геннадий, Игорю -> Игорь
        first = given[:-1] + ("й" if g.endswith(("ею", "аю", "ию")) else "ь" if g.endswith("ю") else "")
        if s.endswith("ому"):
            last = surname[:-3] + "ий"  # Лисицкому -> Лисицкий
        elif _RU_INDECLINABLE_RE.search(s):
            last = surname
        elif s.endswith("йцу"):
            last = surname[:-3] + "яц"  # Зайцу -> Заяц
        elif re.search(r"[бвгджзклмнпрстфхчшщ]цу$", s):
            last = surname[:-2] + "ец"  # Кравцу -> Кравец
        else:
            last = surname[:-1]
        return first, last
    if g.endswith("е") and re.search(r"(?:ов|ев|ёв|ин|ын)ой$|(?:ск|цк)ой$", s) and not g.endswith(("ие", "ее")):
        return given[:-1] + ("я" if g[-2] in "ьи" else "а"), surname[:-2] + ("ая" if s.endswith("кой") else "а")
    return None


def ru_nominative_name(words: tuple[str, ...]) -> list[str]:
    """Сергея Лаврова -> Сергей Лавров, Ирины Петровой -> Ирина Петрова: a name in the genitive, back."""
    out = []
    for i, w in enumerate(words):
        first = i == 0 and len(words) > 1
        if re.search(r"(?:ов|ев|ёв|ин|ын)а$", w):
            w = w[:-1]
        elif re.search(r"(?:ов|ев|ёв|ин|ын)ой$", w):
            w = w[:-2] + "а"
        elif re.search(r"(?:ск|цк)ого$", w):
            w = w[:-3] + "ий"
        elif i and re.search(r"(?:ск|цк)ой$", w):
            w = w[:-2] + "ая"  # Ирины Ковалевской -> Ирина Ковалевская
        elif re.search(r"[еэ]я$", w) or first and re.search(r"[аоу]я$", w):
            w = w[:-1] + "й"  # Сергея -> Сергей, Ли Вэя -> Ли Вэй, Эсенбая -> Эсенбай, Николая -> Николай
        elif first and w.endswith("ря"):
            w = w[:-1] + "ь"  # Игоря -> Игорь, Лазаря -> Лазарь
        elif first and w.endswith("ия"):
            w = w[:-2] + "ий"
        elif first and re.search(r"[бвгдзклмнпрстфхцчшщ]а$", w):
            w = w[:-1]
        elif first and w.endswith("ы"):
            w = w[:-1] + "а"
        elif first and w.endswith(("ьи", "ии")):
            w = w[:-1] + "я"  # Натальи -> Наталья, Марии -> Мария, Ильи -> Илья
        elif first and re.search(r"[гкхжшчщ]и$", w):
            w = w[:-1] + "а"  # Ольги -> Ольга
        elif i and i == len(words) - 1 and w.endswith("йца"):
            w = w[:-3] + "яц"  # a fleeting vowel: Дмитрия Зайца -> Дмитрий Заяц
        elif i and i == len(words) - 1 and re.search(r"[бвгджзклмнпрстфхчшщ]ца$", w):
            w = w[:-2] + "ец"  # Олега Кравца -> Олег Кравец
        elif i and i == len(words) - 1 and w.endswith("еца"):
            w = w[:-1]  # no vowel drops: Ивана Швеца -> Иван Швец
        out.append(w)
    return out


def _ru_woman_as_written(words: Sequence[str]) -> bool:
    """A given name that shows no genitive before a surname in -ова/-ина: a woman named in the nominative
    ("Бактыгуль Осмонова", "Жылдыз Асанова"), where a man in the genitive would read "Бактыгуля Осмонова"."""
    return len(words) == 2 and re.search(r"(?:ов|ев|ёв|ин|ын)а$", words[1]) is not None and (
        re.search(r"[бвгджзйклмнпрстфхцчшщь]$", fold(words[0])) is not None
    )


_RU_GENITIVE_NAME_RE = re.compile(r"(?:ов|ев|ёв|ин|ын)(?:а|ой)$|(?:ск|цк)(?:ого|ой)$")
_CLOSING_QUOTES = ("»", "\"", "”", "“")
_OPENING_QUOTES = ("«", "\"", "“", "„")


def _ru_genitives(stem: str) -> tuple[str, ...]:
    """The genitive singular a Russian role noun may have: "министра", "жителя", "матери" (мать and дочь grow
    "-ер-" in the cases)."""
    if stem in ("мать", "дочь"):
        return (stem[:-1] + "ери",)
    return (stem + "а", stem[:-1] + "я") if stem.endswith(("ь", "й")) else (stem + "а",)


def _attach_roles(doc: Document, index: Index) -> None:
    lex = doc.lex
    tokens = doc.tokens
    if doc.lang == "ru":
        for m in index.mentions:
            dative = (
                _ru_dative_name(m.words)
                if m.kind == "person" and m.case == "nom" and len(m.words) == 2 and _after_dative(doc, m)
                else None
            )
            if dative is not None:
                # "главе города Олегу Кравцу": a name in the dative is whom something is given or said to
                m.words, m.case = dative, "obl"
                m.key, m.first = fold(dative[-1]), fold(dative[0])
                m.gender = _gender(dative, "ru")
            elif m.kind == "person" and m.case == "nom" and len(m.words) == 1 and m.words[0].endswith(("у", "ю")) and (
                _after_dative(doc, m)
            ):
                m.case = "obl"  # "роль бабушки, бабушку Клавдию": a name in the case of the title before it
        for m in index.mentions:
            if m.kind == "person" and m.role and len(m.words) == 1 and _owner_of_next(doc, index, m):
                # "Соседка Лысых по площадке Тамара Кравчук": whose neighbour, then the neighbour
                m.case, m.role, m.role_phrase = "obl", "", ""
    # Roles written right before a person in lowercase ("акими Талант Апсаматов", "the spokesman Jim Bell").
    for m in index.mentions:
        if m.kind != "person" or m.role:
            continue
        lo = m.tokens[0]
        # far enough for a role with its genitives: "министр транспорта и коммуникаций Кыргызстана Жаныбек …"
        skip_to = -1
        for k in range(lo - 1, max(-1, lo - (8 if doc.lang == "ru" and m.case == "nom" else 5)), -1):
            if k > skip_to >= 0:
                continue
            t = tokens[k]
            if t.block != m.block:
                break
            gap = doc.text(m.block)[t.end : tokens[k + 1].start]
            if doc.lang != "en" and gap.strip() in _CLOSING_QUOTES:
                # "директор учреждения «Бишкекский зоопарк» Алия Нурматова": a quoted name inside the role
                named = index.ending_at(t)
                if named is not None and named.quoted and named.kind in ("org", "media", "body"):
                    # (a name of one word is passed already: the opening mark before it is next)
                    skip_to = named.tokens[0] if named.tokens[0] < k else -2
                    continue
            if k == skip_to:
                skip_to = -2  # the quoted name's first word: the opening mark before it is part of the name
                continue
            if doc.lang == "en" and k == lo - 1 and t.low in lex.titles and m.words[0] == t.text.rstrip("."):
                lo -= 1  # "Building safety minister Lord Whitcombe": the title is part of the name, the role before it
                continue
            if skip_to == -2:
                skip_to = -1
                if gap.strip() in _OPENING_QUOTES:
                    gap = ""
            if t.upper and doc.lang != "en" and not (t.initial and role_stem(lex, t.low) is not None):
                owner = index.ending_at(t)
                if _acronym(t.text) or index.at_token.get(t.index) is not None and index.at_token[t.index].kind in (
                    "body", "org", "place"
                ) or doc.lang == "ru" and owner is not None and owner.kind in ("person", "single") and (
                    owner.case == "obl" or len(owner.words) == 1 and _RU_ADJECTIVE_RE.search(fold(owner.words[0]))
                ) or (
                    doc.lang == "ru" and owner is None and index.at_token.get(t.index) is None and _RU_ADJECTIVE_RE.search(t.low)
                ):  # ("Глава Улетовского муниципального округа Андрей Шелковников": an adjective of the owner)
                    continue  # "глава ГКНБ Айбек Муканбетов", "адвокат Залесского Кирилл Бахметьев": whose role it is
                break
            if re.search(r"[.;:!?()«»\"“”]", gap):
                break
            if doc.lang == "ky" and t.low.startswith(("айтым", "пикир", "сөзүнө")):
                break  # "Машыктыруучунун айтымында, Сагынбаев …": according to the coach, not the coach
            if doc.lang == "en" and (is_speech_verb(lex, t.low) or (
                (other := index.ending_at(t)) is not None and other.kind == "person" and other is not m
            )):
                break  # "Prosecutor Imogen Tasker said Harrowby …": the title is the one's before the verb
            if doc.lang == "ru" and t.low in ("с", "со"):
                break  # "во главе с Алмазбеком Турдакуновым", "встреча с министром X": not a title of the name
            if doc.lang == "ru" and k < lo - 1 and not t.upper and _RU_PAST_RE.search(t.low) and role_stem(lex, t.low) is None:
                break  # "Тренер похвалил связующего Артема Седых": a verb between, the role is another's
            bare = t.low.removeprefix("ex-").removeprefix("экс-")
            stem = role_stem(lex, bare) or (doer_stem(lex, bare) if not t.upper and doc.lang != "en" else None)
            if stem is not None and doc.lang == "ru" and m.case == "obl" and (
                t.low == stem or fold(t.low) in (stem + "и", stem + "ы")
            ):
                # "советник Садыра Жапарова", "Соседи Абдимомунова": the name in the genitive owns the role, it does
                # not hold it
                break
            owned_role = k > 0 and role_stem(lex, tokens[k - 1].low) is not None  # "Сестра предпринимателя X"
            genitive_role = stem is not None and not owned_role and fold(t.low) in _ru_genitives(stem)
            # (the soft stems too: "жителя", "водителя", "матери"; not a role's owner: "Мать активиста Людмила Сафонова")
            placed = k < lo - 1 and all(
                (x := index.at_token.get(tokens[j].index)) is not None and x.kind == "place" and x.case == "obl"
                for j in range(k + 1, lo) if tokens[j].upper
            ) and all(tokens[j].upper for j in range(k + 1, lo))
            near = k == lo - 1 or placed and not owned_role
            if stem is not None and doc.lang == "ru" and near and genitive_role and (
                _RU_GENITIVE_NAME_RE.search(m.words[-1].lower())
            ) and not _ru_woman_as_written(m.words):
                # ("жителя Нарына Бакытбека Омурбекова": a place in the genitive between the role and the name)
                # "фильм режиссера Айпери Касымбековой": the role and the name in the same genitive, one person
                renominate(m)
            elif stem is not None and doc.lang == "ru" and k < lo - 1 and fold(t.low) in (
                _ru_genitives(stem) if stem in ("мать", "дочь") else (stem + "а",)
            ) and (
                not owned_role and not _ru_woman_as_written(m.words)  # ("Заместитель министра … Бактыгуль Осмонова")
                and _RU_GENITIVE_NAME_RE.search(m.words[-1].lower())
                and all(not x.upper and _RU_TAIL_RE.search(x.low) for x in tokens[k + 1 : lo])
                and "," not in doc.text(m.block)[t.end : m.start]  # ("По словам защитника, показания X": not his)
            ):
                # "Доклад директора департамента транспорта Геннадия Рябцева": a title in the genitive, its
                # genitives, then the name in the same genitive
                renominate(m)
            elif stem is not None and doc.lang == "ru" and m.case != "obl" and fold(t.low) != stem:
                continue  # "Наставник спортсменки Виктор Ли": a role in the genitive owns the one before it
            if stem is not None:
                before = tokens[k - 1].low if k else ""
                if t.low.startswith(("ex-", "экс-")) or before in _NOT_NOW:
                    break  # "болочок президент", "former minister": not the one who holds it now
                m.role = stem
                m.gender = m.gender or lex.gendered.get(t.low, "") or lex.gendered.get(stem, "")
                begin = k
                if doc.lang == "ky":
                    # A role of several words ("орун басары") and the genitive owners that come with it:
                    # "кыздын агасы", "Өзгөн шаарынын акими", "башкы дарыгеринин орун басары".
                    for lead in lex.role_lead_ins.get(stem, ()):
                        size = len(lead)
                        if begin - size >= 0 and tuple(x.low for x in tokens[begin - size : begin]) == lead:
                            begin -= size
                            break
                if doc.lang == "en":
                    # Capitalised words that qualify the role belong to it: "Tory leader", "Labour MP".
                    while begin - 1 >= 0 and begin > k - 2 and tokens[begin - 1].block == m.block:
                        prev = tokens[begin - 1]
                        owner = index.at_token.get(prev.index)
                        gap = doc.text(m.block)[prev.end : tokens[begin].start]
                        if not prev.upper or prev.initial and prev.low in lex.function or gap.strip() or (
                            owner is not None and owner.kind == "person"
                        ):
                            break
                        begin -= 1
                if doc.lang == "ky":
                    # Bare nouns that name what the role is of: "Энергетика министри", "Билим берүү министри".
                    while begin - 1 >= 0 and begin > k - 2 and tokens[begin - 1].block == m.block:
                        prev = tokens[begin - 1]
                        owner = index.at_token.get(prev.index)
                        gap = doc.text(m.block)[prev.end : tokens[begin].start]
                        if gap.strip() or prev.low in lex.function or prev.initial and not prev.upper or (
                            owner is not None and owner.kind in ("person", "single") and owner.tokens[1] == begin
                            and len(owner.words) > 1
                        ) or not all(f.case == "nom" and not f.plural for f in ky_forms(prev.low)):
                            break
                        begin -= 1
                    top = begin
                    while begin - 1 >= 0 and tokens[begin - 1].block == m.block:
                        prev = tokens[begin - 1]
                        if any(f.case == "gen" for f in ky_forms(prev.low)[:-1]) and begin > top - 3:
                            begin -= 1
                            continue
                        break
                # The phrase runs from the role's owners to the name: "кыздын агасы", "глава ГКНБ".
                m.role_phrase = doc.text(m.block)[tokens[begin].start : tokens[lo - 1].end].strip(" ,")
                if doc.lang != "en" and begin >= 1 and tokens[begin - 1].block == m.block and (
                    doc.text(m.block)[tokens[begin - 1].end : tokens[begin].start] == ", "
                    and (tokens[begin - 1].initial or begin >= 2 and tokens[begin - 2].sent != tokens[begin - 1].sent)
                    and (role_stem(lex, tokens[begin - 1].low) or doer_stem(lex, tokens[begin - 1].low)) is not None
                ):
                    # "Эколог, руководитель фонда «Таза ауа» Айжан Бекмухамбет": two titles, both hers
                    m.role_phrase = tokens[begin - 1].text + ", " + m.role_phrase
                break
    # English apposition after a name: "Hope Well, a local farmer, said" / "Jean Morel, vice president of …".
    if doc.lang == "en":
        for m in index.mentions:
            if m.kind in ("person", "single") and not m.role:
                after = doc.text(m.block)[m.end : m.end + 80]
                ap = re.match(
                    r",\s+(?!(?:whose|who|which|where|when)\b)"  # ("Worcester, whose son, …": not what the place is)
                    r"(?:(?:a|an|the|his|her|its|their)\s+)?((?:[\w'’-]+\s+){0,4}?)([\w-]+)\s*(?:,|\.\s|\.$|of\b|at\b|for\b|who\b)",
                    after,
                )
                related = _EN_TITLE_BEFORE_RE.search(doc.text(m.block), max(0, m.start - 60), m.start)
                if ap and related and fold(related.group(1)) in lex.kin and role_stem(lex, fold(related.group(1))):
                    ap = None  # "Her brother, Keith, a retired plumber, fitted": her brother, before his trade
                if ap and (m.after_preposition or re.match(r"\s*[A-Z]", after[ap.end() :]) and ap.group().endswith(",")):
                    # "Speaking from its offices in Rotterdam, Nordzee's managing director, Jan Vermeulen, said": the
                    # title goes with the name after it, not with a place after a preposition
                    ap = None
                if ap:
                    stem = role_stem(lex, fold(ap.group(2)))
                    if stem:
                        m.role = stem
                        m.kind = "person"
                        m.gender = m.gender or lex.gendered.get(fold(ap.group(2)), "")
                        # "Dr Renee Castellano, the county's health director.": the words that say which director
                        m.role_phrase = m.role_phrase or (ap.group(1) + ap.group(2)).strip()
                        continue
                # ... and before it: "Its chair, Alison Tranter, said", "The union's general secretary, Ann Bell, said"
                text = doc.text(m.block)
                before = _EN_TITLE_BEFORE_RE.search(text, max(0, m.start - 60), m.start)
                if before and re.match(r"\s*(?:,|said\b|told\b)", text[m.end : m.end + 8]):
                    stem = role_stem(lex, fold(before.group(1)))
                    if stem:
                        m.role, m.kind, m.role_phrase = stem, "person", before.group(1)
                        m.gender = m.gender or lex.gendered.get(fold(before.group(1)), "")
    # A title after a dash that ends the sentence: "Асанбек Мамбетов — Ленин районунун акиминин орун басары.",
    # "Олег Шумейко — директор новосибирского филиала".
    if doc.lang in ("ky", "ru"):
        for m in index.mentions:
            if m.kind != "person":
                continue  # (the title after the dash says what the person is, over a word before the name)
            text = doc.text(m.block)
            copula = re.match(r"\s*[—–]\s+([^.!?;:«»\"]{3,120}?)[.!?]", text[m.end : m.end + 130])
            if copula is None:
                continue
            words = copula.group(1).split()
            last, first = fold(words[-1]), fold(words[0])
            stem = role_stem(lex, last) if doc.lang == "ky" else role_stem(lex, first)
            if stem is not None:
                m.role = stem
                m.role_phrase = copula.group(1).strip()
    for m in index.mentions:
        if m.kind == "person":
            index.by_key.setdefault(m.key, []).append(m)
            if m.first:
                index.by_first.setdefault(m.first, []).append(m)
    if doc.lang in ("ru", "ky"):
        for m in index.mentions:
            if m.kind == "person" and not m.gender and m.case == "nom" and len(m.words) > 1:
                m.gender = surname_sex(m.words[-1])  # "Зарина Каримова": a woman; "Олег Шумейко": unknown
    # A gender seen once (Ms Sturgeon, Асанова) holds for every mention of the name; in Russian the past tense
    # of the verb right after the name says it surely ("Седых признался"), over a guess from a given name's ending
    # ("Артема Седых": a man's name in the genitive, not a woman's).
    genders: dict[str, str] = {}
    if doc.lang == "ru":
        text_of = doc.text
        for m in index.mentions:
            if m.kind != "person" or m.case == "obl" or m.tokens[1] >= len(tokens):
                continue
            verb = tokens[m.tokens[1]]
            low = verb.low
            if verb.block != m.block or verb.upper or text_of(m.block)[m.end : verb.start].strip():
                # "Такуя Ониси, отец двоих детей, назвал": the verb after an apposition in commas
                apposed = _RU_APPOSED_VERB_RE.match(text_of(m.block), m.end)
                # "— рассказала Саакян": a verb of saying right before the name, whose subject it is
                k = m.tokens[0] - 1
                verb = tokens[k] if k >= 0 else None
                if apposed is not None and ru_verb_like(apposed.group(1)):
                    low = apposed.group(1)
                elif verb is None or verb.block != m.block or text_of(m.block)[verb.end : m.start].strip() or not (
                    is_speech_verb(lex, verb.low)
                ):
                    continue
                else:
                    low = verb.low
            sex = verb_gender("ru", low) if _RU_PAST_FORM_RE.search(low) else ""
            if sex in ("m", "f"):
                genders.setdefault(m.key, sex)
        for m in index.mentions:
            if m.kind == "person" and m.key in genders:
                m.gender = genders[m.key]
                first = (
                    _ru_given_nominative(m.words[0], m.gender) if len(m.words) == 2 and not surname_sex(m.words[1]) else None
                )  # (a surname in the nominative, "Айсулуу Мамбетова", says the given name is one too)
                if first is not None:
                    # "Артема Седых" is Артем Седых, "Дарью Черных" Дарья Черных: a given name in a case before a
                    # surname that does not decline
                    m.words, m.first = (first, m.words[1]), fold(first)
    by_first: dict[tuple[str, str], str] = {}
    firsts: dict[str, set[str]] = {}
    for m in index.mentions:
        if m.first and m.kind in ("person", "single"):
            firsts.setdefault(m.key, set()).add(m.first)
        if m.gender and m.kind == "person":
            genders.setdefault(m.key, m.gender)
            by_first.setdefault((m.key, m.first), m.gender)
    for m in index.mentions:
        if m.gender or m.key not in genders:
            continue
        if m.first and len(firsts.get(m.key, set()) | {m.first}) > 1:
            # "Sam Okafor" and "Laura Okafor": the sex of one is not the other's
            m.gender = by_first.get((m.key, m.first), "")
        else:
            m.gender = genders[m.key]


# A role and its owner (a possessive), then a comma right before the name: "Its chair, ", "The firm's founder, ".
_EN_TITLE_BEFORE_RE = re.compile(
    r"(?:^|[.;:]\s+|\b(?:[Ii]ts|[Hh]is|[Hh]er|[Tt]heir|[Tt]he\s+[\w-]+['’]s?)\s+)(?:[a-z-]+\s+)?([a-z-]+),\s+$"
)


def _owner_of_next(doc: Document, index: Index, m: Mention) -> bool:
    """Does a full name in the nominative follow a lone surname after a role, in the same phrase (a few words, no
    punctuation, no verb between)? Then the surname is the role's owner: "Соседка Лысых по площадке Тамара Кравчук"."""
    tokens = doc.tokens
    text = doc.text(m.block)
    k = m.tokens[1]
    while k < min(len(tokens), m.tokens[1] + 4) and tokens[k].block == m.block:
        if re.search(r"[.,;:!?()«»\"“”—–]", text[tokens[k - 1].end : tokens[k].start]):
            return False
        nxt = index.at_token.get(k)
        if nxt is not None:
            return nxt.kind == "person" and nxt.case == "nom" and len(nxt.words) > 1
        if tokens[k].upper or tokens[k].low.endswith(("ла", "ал", "ил", "ел", "ет", "ит")):
            return False
        k += 1
    return False


def _ru_given_nominative(given: str, sex: str) -> str | None:
    """A Russian given name in an oblique case, back in the nominative, for a man or a woman; None if it is not in
    one: Артема -> Артем, Андрея -> Андрей; Дарью -> Дарья, Марину -> Марина, Ольги -> Ольга, Марии -> Мария."""
    low = given.lower()
    if len(low) < 4 or low in _RU_MALE_A:
        return None
    if sex == "m":
        if low.endswith(("ея", "ия")):
            return given[:-1] + "й"
        if low.endswith("а") and not low.endswith(("ья", "ия")):
            return given[:-1]
        return None
    if sex == "f":
        for ending, nominative in (
            ("ью", "ья"), ("ьи", "ья"), ("ье", "ья"), ("ию", "ия"), ("ии", "ия"), ("у", "а"), ("ы", "а"), ("е", "а")
        ):
            if low.endswith(ending) and low[-len(ending) - 1] not in "аеёиоуыэюя":  # (not Айсулуу)
                return given[: -len(ending)] + nominative
        if low.endswith("и") and low[-2] in "гкхжшчщ":
            return given[:-1] + "а"  # Ольги
    return None


def surname_sex(word: str) -> str:
    """The sex a Russian-style surname in the nominative shows: Каримов, Петровский -> m; Каримова -> f; else ""."""
    low = word.lower()
    if re.search(r"(?:ова|ева|ёва|ина|ына|ская|цкая)$", low):
        return "f"
    if re.search(r"(?:ов|ев|ёв|ин|ын|ский|цкий)$", low):
        return "m"
    return ""


def _recurs(index: Index, m: Mention) -> bool:
    """Is the last word of a name also written alone, or with a title, elsewhere ("Colin Marsh" ... "Mr Marsh")?"""
    return any(x is not m and x.key == m.key and (len(x.words) == 1 or x.words[0].lower() in _TITLE_WORDS)
               for x in index.mentions if x.kind in ("person", "single"))


def _surname_in_genitive(doc: Document, x: Token) -> bool:
    """Is a capitalised Russian word in the genitive a surname the article writes in full elsewhere, after a given
    name ("Ковальчука" for "Анатолий Ковальчук", "Петровой" for "Анна Петрова", "Бережного" for "Олег Бережной")?"""
    low = x.low
    if low.endswith(("ого", "его")):
        stems = {low[:-3] + end for end in ("ой", "ий", "ый")}  # "Бережного" for "Олег Бережной"
    elif low.endswith("ой"):
        stems = {low[:-2] + "а", low[:-2] + "ая"}  # "Петровой" for "Анна Петрова"
    else:
        stems = {low[:-1]} if low.endswith(("а", "я")) else set()
    if not stems or len(low) < 5:
        return False
    tokens = doc.tokens
    return any(
        t.low in stems and t.upper and t.index > 0 and tokens[t.index - 1].upper and tokens[t.index - 1].sent == t.sent
        and not tokens[t.index - 1].initial
        for t in tokens
    )


def _after_role_word(lex: Lexicon, before: str) -> bool:
    """Does a lowercase role word come right before ("акими ", "wife ", "the spokesman ")?"""
    words = re.findall(r"[\w'’-]+|[^\w\s]", before)
    if not words or not words[-1][0].islower():
        return False
    return role_stem(lex, fold(words[-1]).removeprefix("ex-").removeprefix("экс-")) is not None


def _apposition_age(doc: Document, m: Mention) -> bool:
    """"Frank Tilley, 86,", "Бекжан, 9 жашта,"; or an age before the name: "тогуз жаштагы Бекжан", "54-летняя
    Нина"."""
    text = doc.text(m.block)
    after = text[m.end : m.end + 24]
    if re.match(r",\s*\d{1,3}(?:\s*(?:-?жаштагы|год|года|лет|years?))?\s*,", after):
        return True
    # (in Kyrgyz and Russian one lowercase word may stand between, where someone is from or what they do: "27
    # жаштагы бишкектик Эрмек"; not "the 23-year-old from Bath")
    return bool(
        re.search(
            r"(?:жаштагы|жашар|-летн(?:ий|яя|его|ей)|-year-old)\s+(?:[а-яёөүң-]{4,}\s+)?$",
            text[max(0, m.start - 40) : m.start],
        )
    )
