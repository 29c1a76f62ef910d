"""Normalise Kyrgyz, Russian and English words for search: tokens, folding, query words and suffix-chain matching.

How search uses this module (see storage/search.py for the I/O half):

1. The store indexes every word as written (lowercased, by SQLite's `unicode61` tokenizer) and keeps a vocabulary
   of those terms keyed by `fold(term)` (ё -> е, Latin accents dropped).
2. A query is cut into `QueryWord`s by `parse_query`. Each word carries a few *bases*: the word itself, its
   Kyrgyz stems (the word with a valid suffix chain cut off) and its Russian stem (one vowel ending cut off).
3. The store reads the vocabulary terms that start with a base and keeps those for which `matches_word` is true:
   the rest of the term after the base must be a whole chain of Kyrgyz suffixes (plural, possessive, case, the
   relative -гы, a personal ending), a Russian case ending, or an English -s/-es/-ed/-ing. Words shorter than
   `MIN_PREFIX` characters match only themselves.
4. The surviving terms become an exact-term FTS query, so `Жапаров` finds `Жапаровдун` and `Жапаровго`,
   `өлкө` finds `өлкөлөрдүн`, `Путин` finds `Путина`, but `ал` never finds `Албетте` and `орус` never finds
   `Орусия`.

Suffixes are matched in every vowel-harmony variant on purpose: loanwords and abbreviations (`АКШнын`) do not
follow the spelling rules, and a prefix plus a whole suffix chain is already precise.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from news.models import QueryWord

# Same idea of a word as SQLite's unicode61 tokenizer: runs of letters and digits; everything else separates.
_WORD = re.compile(r"[^\W_]+")

MIN_PREFIX = 3  # shorter words match exactly only: `ал` (he/she) must not find `алар`, `Албетте`, `алкактуу`
MIN_STEM = 4  # a stem cut from a query keeps at least this many letters: `жана` must not become `жан`
MAX_WORD = 40  # longer "words" are noise (hashes, base64): never indexed in the vocabulary nor searched
MAX_QUERY_WORDS = 8

_HIGH = "ыиуү"
_LOW = "аеоө"


def _alt(options: set[str]) -> str:
    # Longest first so the regex engine tries the fuller suffix before its prefix.
    return "|".join(sorted(options, key=lambda s: (-len(s), s)))


_PLURAL = {c + v + "р" for c in "лдт" for v in _LOW}
# Possessives: 1st and 2nd person (мекеним, өлкөбүз, силердин ...) and 3rd person (администрациясы, китеби).
_POSSESSIVE_12 = (
    {"м", "ң"}
    | {v + "м" for v in _HIGH}
    | {v + "ң" for v in _HIGH}
    | {"ң" + v + "з" for v in _HIGH}
    | {v + "ң" + v + "з" for v in _HIGH}
    | {"б" + v + "з" for v in _HIGH}
    | {v + "б" + v + "з" for v in _HIGH}
    | {"ң" + v + "р" for v in _LOW}
    | {h + "ң" + v + "р" for h, v in zip(_HIGH, _LOW, strict=True)}
)
_POSSESSIVE_3 = set(_HIGH) | {"с" + v for v in _HIGH}
# Cases after a bare stem or a plural; -нын/-ны after a vowel: Орусиянын, Орусияны.
_CASE = (
    {c + v + "н" for c in "ндт" for v in _HIGH}  # genitive -нын/-дын/-тын
    | {c + v for c in "ндт" for v in _HIGH}  # accusative -ны/-ды/-ты
    | {c + v for c in "гк" for v in _LOW}  # dative -га/-ка
    | {c + v for c in "дт" for v in _LOW}  # locative -да/-та
    | {c + v + "н" for c in "дт" for v in _LOW}  # ablative -дан/-тан
    | {c + v + "й" for c in "дт" for v in _LOW}  # similative -дай: Путиндей
)
# After a 1st/2nd-person possessive the dative can be a bare vowel: атама, өлкөңө.
_CASE_AFTER_12 = _CASE | set(_LOW)
# After a 3rd-person possessive the cases take an н: администрациясын, -на, -нда, -нан/-ндан.
_CASE_AFTER_3 = (
    {"н"}
    | {"н" + v + "н" for v in _HIGH}
    | {"н" + v for v in _LOW}
    | {"нд" + v for v in _LOW}
    | {"н" + v + "н" for v in _LOW}
    | {"нд" + v + "н" for v in _LOW}
)
_RELATIVE = {c + v for c in "гк" for v in _HIGH}  # -гы after the locative: Кыргызстандагы
_PERSONAL = (
    {"м" + v + "н" for v in _HIGH}
    | {"с" + v + "ң" for v in _HIGH}
    | {"с" + v + "з" for v in _HIGH}
    | {"б" + v + "з" for v in _HIGH}
    | {"п" + v + "з" for v in _HIGH}
)


def _case(cases: set[str]) -> str:
    return f"(?:(?:{_alt(cases)})(?:{_alt(_RELATIVE)})?)?"


_KY_CHAIN = re.compile(
    f"(?:{_alt(_PLURAL)})?"
    f"(?:{_case(_CASE)}"
    f"|(?:{_alt(_POSSESSIVE_12)}){_case(_CASE_AFTER_12)}"
    f"|(?:{_alt(_POSSESSIVE_3)}){_case(_CASE_AFTER_3)})"
    f"(?:{_alt(_PERSONAL)})?"
)

# Russian noun and adjective endings a term may add to a base (the empty ending included).
_RU_ENDINGS = frozenset(
    "а я о е ё ы и у ю ь й ой ей ёй ий ый ая яя ое ее ые ие ую юю ом ем ём ам ям ах ях ами ями ов ев ёв "
    "ого его ому ему ым им ых их ыми ими ою ею ью ья ье ьи ьё ьем ьев".split()
)
# Endings cut from a Russian query word to find its base. Surname and plural endings (-ов, -ев, -ин) are left
# alone: `Жапаров` stays whole, otherwise it would also find the first name `Жапар`.
_RU_STRIP = tuple(
    sorted(
        (e for e in _RU_ENDINGS if e not in {"ов", "ев", "ёв", "ьев", "ом", "ем", "ём", "ьем"}),
        key=len,
        reverse=True,
    )
)
_EN_ENDINGS = frozenset({"s", "es", "ed", "d", "ing"})

_VOWELS = set("аеёиоуыэюяөү" + "aeiouy")
# Kyrgyz voices a final к/п before a vowel: китеп -> китеби, жүрөк -> жүрөгү.
_VOICED = {"к": "г", "п": "б"}

_LATIN_FOLD = {
    cp: unicodedata.normalize("NFKD", chr(cp))[0]
    for cp in range(0x00C0, 0x0250)
    if unicodedata.normalize("NFKD", chr(cp))[0] != chr(cp) and unicodedata.normalize("NFKD", chr(cp))[0].isascii()
}
_FOLD = str.maketrans({"ё": "е", "Ё": "Е", **{chr(k): v for k, v in _LATIN_FOLD.items()}})


def tokenize(text: str) -> list[str]:
    """Split text into lowercase word tokens the way the search index sees them."""
    if not text:
        return []
    if not text.isascii() and not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return _WORD.findall(text.lower())


def fold(word: str) -> str:
    """Return the vocabulary key of a lowercase word: ё as е, Latin letters without accents."""
    return word.translate(_FOLD)


def is_suffix_chain(rest: str) -> bool:
    """Tell whether `rest` is a whole chain of Kyrgyz noun suffixes (the empty chain included)."""
    return _KY_CHAIN.fullmatch(rest) is not None


def kyrgyz_stems(word: str) -> tuple[str, ...]:
    """Return the stems of a Kyrgyz word form, longest first: every cut whose rest is a valid suffix chain."""
    # A one-letter rest is too ambiguous to cut from a query (путин is not пути + accusative -н).
    return tuple(word[:cut] for cut in range(len(word) - 2, MIN_STEM - 1, -1) if is_suffix_chain(word[cut:]))


def russian_stem(word: str) -> str | None:
    """Return the word without its Russian vowel ending, or None when nothing can be cut."""
    for ending in _RU_STRIP:
        if word.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            return word[: -len(ending)]
    return None


@lru_cache(maxsize=4096)
def query_word(word: str) -> QueryWord:
    """Describe one query word: its folded form and the bases whose inflected forms it should find."""
    word = fold(word)
    if len(word) < MIN_PREFIX or word.isdigit():
        return QueryWord(word=word, bases=(word,), exact=True)
    bases = [word]
    if word[-1] in _VOICED:
        bases.append(word[:-1] + _VOICED[word[-1]])
    bases.extend(kyrgyz_stems(word)[:6])
    ru = russian_stem(word)
    if ru is not None:
        bases.append(ru)
    # Each base must stay at least as long as MIN_PREFIX so a short base never opens a huge vocabulary range.
    unique = tuple(dict.fromkeys(b for b in bases if len(b) >= MIN_PREFIX))
    return QueryWord(word=word, bases=unique, exact=False)


def parse_query(query: str, *, max_words: int = MAX_QUERY_WORDS) -> tuple[QueryWord, ...]:
    """Turn free text typed by a user into at most `max_words` distinct query words.

    Anything that is not a letter or digit separates words, so FTS syntax, SQL and emoji are never more than
    plain words; overlong words are dropped because no indexed word can match them.
    """
    if not isinstance(query, str):
        return ()
    # A 10 KB paste costs no more than its first few words.
    words = [w for w in tokenize(query[:2000]) if len(w) <= MAX_WORD]
    return tuple(query_word(w) for w in dict.fromkeys(words))[:max_words]


def matches_word(qw: QueryWord, term: str) -> bool:
    """Tell whether an indexed word (lowercase) is a form of the query word."""
    key = fold(term)
    if key == qw.word:
        return True
    if qw.exact:
        return False
    for base in qw.bases:
        if not key.startswith(base):
            continue
        rest = key[len(base) :]
        if base != qw.word and base[:-1] == qw.word[:-1] and qw.word[-1] in _VOICED:
            # The voiced base stands for the word only before a vowel: китеби, not китебге.
            if rest and rest[0] in _VOWELS and is_suffix_chain(rest):
                return True
            continue
        if not rest or is_suffix_chain(rest) or rest in _RU_ENDINGS or rest in _EN_ENDINGS:
            return True
    return False


def normalise_speaker(speaker: str | None) -> str | None:
    """Return a speaker's name as lowercase folded words, for grouping and equality."""
    if not speaker:
        return None
    words = [fold(w) for w in tokenize(speaker)]
    return " ".join(words) or None


def fingerprint(text: str) -> int:
    """Return a 63-bit fingerprint of the words of a text, blind to case, punctuation and spacing.

    The same article from two sources gets the same value even when their line breaks and quote marks differ.
    """
    digest = hashlib.blake2b(" ".join(tokenize(fold(text))).encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 1


# ----------------------------------------------------------------------------------------------- case reading
#
# The text engine reads names and the nouns around a quote through their case: `Жапаровдун` is the genitive of
# `Жапаров`, `Актөбөгө` a dative that cannot be part of the name after it, `министрлигинин` the genitive of the
# possessive `министрлиги`. Search above only asks "is this a form of that word"; this asks "which form is it".


@dataclass(frozen=True, slots=True)
class KyForm:
    """One reading of a Kyrgyz noun form: its stem and the endings on it."""

    stem: str
    case: str  # "nom", "gen", "acc", "dat", "loc", "abl", "sim" (Путиндей)
    possessive: bool = False  # министрлиги, президенти, апасы (and the 1st/2nd person: өлкөбүз)
    plural: bool = False
    relative: bool = False  # -гы after the locative: Бишкектеги, Кыргызстандагы

    @property
    def oblique(self) -> bool:
        """The dative, accusative, locative, ablative or similative: a form that never names a subject."""
        return self.case in ("acc", "dat", "loc", "abl", "sim") or self.relative


def _cases() -> dict[str, str]:
    table: dict[str, str] = {}
    for c in "ндт":
        for v in _HIGH:
            table[c + v + "н"] = "gen"
            table[c + v] = "acc"
    for c in "гк":
        for v in _LOW:
            table[c + v] = "dat"
    for c in "дт":
        for v in _LOW:
            table[c + v] = "loc"
            table[c + v + "н"] = "abl"
            table[c + v + "й"] = "sim"
    return table


_CASE_LABEL = _cases()
# After a 3rd-person possessive every case takes an н: министрлигинин, -не, -нде, -нен, -н.
_CASE3_LABEL = {"н": "acc"}
for _v in _HIGH:
    _CASE3_LABEL["н" + _v + "н"] = "gen"
for _v in _LOW:
    _CASE3_LABEL["н" + _v] = "dat"
    _CASE3_LABEL["нд" + _v] = "loc"
    _CASE3_LABEL["н" + _v + "н"] = "abl"
    _CASE3_LABEL["нд" + _v + "н"] = "abl"
_CASE12_LABEL = {**_CASE_LABEL, **{v: "dat" for v in _LOW}}

_TAGGED_CHAIN = re.compile(
    f"(?P<pl>{_alt(_PLURAL)})?"
    f"(?:(?P<c0>{_alt(set(_CASE_LABEL))})(?P<r0>{_alt(_RELATIVE)})?"
    f"|(?P<p12>{_alt(_POSSESSIVE_12)})(?:(?P<c12>{_alt(set(_CASE12_LABEL))})(?P<r12>{_alt(_RELATIVE)})?)?"
    f"|(?P<p3>{_alt(_POSSESSIVE_3)})(?:(?P<c3>{_alt(set(_CASE3_LABEL))})(?P<r3>{_alt(_RELATIVE)})?)?)?"
)

# The vowels a suffix may have after the last vowel of its stem: low and high. After у the low vowel is а
# (окуучулар, кулга), after ү it is ө (күндөр); after о and ө the low vowel is rounded too (жолдор, көлдө).
_HARMONY = {"а": "аы", "я": "аы", "ы": "аы", "о": "оу", "ё": "оу", "у": "ау", "ю": "ау", "е": "еи", "э": "еи",
            "и": "еи", "ө": "өү", "ү": "өү"}
_VOICELESS = set("кпстфхцчшщ")
_ALL_VOWELS = set("аеёиоуыэюяөү")


def _harmonic(stem: str, suffix: str) -> bool:
    """Does each vowel of the suffix follow the vowel before it (Путинге, Жапаровдун, not Жапаровдын;
    айдоочулардын: а after у, then ы after а)?"""
    last = next((c for c in reversed(stem.lower()) if c in _ALL_VOWELS), None)
    if last is None:
        return True
    for c in suffix:
        if c in _ALL_VOWELS:
            if c not in _HARMONY[last]:
                return False
            last = c
    return True


def _assimilated(stem: str, morpheme: str, kind: str) -> bool:
    """Does the first sound of the first ending agree with the end of the stem (Трампка, Бишкектин, Москванын)?"""
    end = stem[-1].lower()
    if end in "ьъ" or not end.isalpha() or end.isascii():
        return True  # loanwords with a soft sign and Latin stems follow no one rule
    vowel = end in _ALL_VOWELS
    voiceless = end in _VOICELESS
    c = morpheme[0]
    if kind == "pl":
        return (c == "л" and (vowel or end in "рй")) or (c == "д" and not (vowel or voiceless or end in "рй")) or (
            c == "т" and voiceless
        )
    if kind in ("gen", "acc"):
        return (c == "н" and vowel) or (c == "д" and not vowel and not voiceless) or (c == "т" and voiceless)
    if kind == "dat":
        return (c == "г" and not voiceless) or (c == "к" and voiceless)
    if kind in ("loc", "abl", "sim"):
        return (c == "д" and not voiceless) or (c == "т" and voiceless)
    if kind == "p3":
        return (c == "с" and vowel) or (c in _HIGH and not vowel)
    # 1st/2nd person possessives: өлкөм, өлкөбүз after a vowel, элим, элибиз after a consonant
    return (c in "мңб" and vowel) or (c in _HIGH and not vowel)


@lru_cache(maxsize=65536)
def ky_forms(word: str) -> tuple[KyForm, ...]:
    """Return the readings of a Kyrgyz noun form, shortest stem first; the word itself, as a nominative, is last
    (so there is always one).

    Endings are checked against vowel harmony and consonant assimilation, so `Табылды` (a name) is also read as
    `Табыл` + accusative but `Зулайка` is not `Зулай` + dative (that would be `Зулайга`). An acronym takes any
    lowercase ending (АКШнын, УКМКга, БАЭдеги); an apostrophe before the ending marks it too (OCCRP’ге).
    """
    out: list[KyForm] = []
    low = word.lower()
    tail = len(word) - len(word.rstrip("абвгдеёжзийклмнопрстуфхцчшщъыьэюяңөү"))
    apostrophe = max(word.rfind("'"), word.rfind("’"))
    if apostrophe > 0 and apostrophe == len(word) - tail - 1 and tail:
        form = _tagged(word[:apostrophe], low[apostrophe + 1 :], check=False)
        return (form, KyForm(word, "nom")) if form is not None else (KyForm(word, "nom"),)
    if 0 < tail < len(word) and word[: len(word) - tail].isupper() and len(word) - tail >= 2:
        form = _tagged(word[: len(word) - tail], low[len(word) - tail :], check=False)
        return (form, KyForm(word, "nom")) if form is not None else (KyForm(word, "nom"),)
    # a stem of three letters at least: "орун" is not "ор" + endings; but a long vowel is a word ("ээси": ээ, owner)
    first = 2 if len(low) > 2 and low[0] == low[1] and low[0] in "аеэиоөуүы" else 3
    if len(word) > 3 and word[0].isupper() and low[1] not in "аеэиоөуүыяюё" and low[0] in "аеэиоөуүы":
        first = 2  # a short name: "Оштон", "Ошко" (Ош); a stem of a vowel and a consonant, capitalised
    for cut in range(first, len(word)):
        form = _tagged(word[:cut], low[cut:], check=True)
        if form is not None:
            out.append(form)
    out.append(KyForm(word, "nom"))
    return tuple(out)


def _tagged(stem: str, rest: str, *, check: bool) -> KyForm | None:
    m = _TAGGED_CHAIN.fullmatch(rest)
    if m is None or not rest:
        return None
    pl = m.group("pl")
    if m.group("p3") is not None:
        first, kind = (pl, "pl") if pl else (m.group("p3"), "p3")
        case = _CASE3_LABEL.get(m.group("c3") or "", "nom")
        form = KyForm(_unvoice(stem, rest), case, possessive=True, plural=bool(pl), relative=bool(m.group("r3")))
    elif m.group("p12") is not None:
        first, kind = (pl, "pl") if pl else (m.group("p12"), "p12")
        case = _CASE12_LABEL.get(m.group("c12") or "", "nom")
        form = KyForm(_unvoice(stem, rest), case, possessive=True, plural=bool(pl), relative=bool(m.group("r12")))
    elif m.group("c0") is not None:
        case = _CASE_LABEL[m.group("c0")]
        first, kind = (pl, "pl") if pl else (m.group("c0"), case)
        form = KyForm(stem, case, plural=bool(pl), relative=bool(m.group("r0")))
    else:
        first, kind = pl, "pl"
        form = KyForm(stem, "nom", plural=True)
    if check and not (_harmonic(stem, rest) and _assimilated(stem, first, kind)):
        return None
    return form


def _unvoice(stem: str, rest: str) -> str:
    """министрлиги -> министрлик: a stem voiced before a vowel ending is given back its own final consonant."""
    if rest[0] in _ALL_VOWELS and stem[-1:] in ("г", "б"):
        return stem[:-1] + ("к" if stem[-1] == "г" else "п")
    return stem


def ky_nominative(word: str) -> str:
    """Take the case ending off a Kyrgyz noun, keeping its plural and possessive: фонддон -> фонд,
    башкармалыгынан -> башкармалыгы, УКМКдан -> УКМК. A word with no case ending is returned as it is."""
    low = word.lower()
    for cut in range(2 if word[:2].isupper() else 3, len(word)):
        form = _tagged(word[:cut], low[cut:], check=not word[:cut].isupper())
        if form is None or form.case == "nom":
            continue
        m = _TAGGED_CHAIN.fullmatch(low[cut:])
        assert m is not None
        for group in ("c3", "c12", "c0"):
            if m.group(group) is not None:
                return word[: cut + m.start(group)]
    return word


def ky_genitive(word: str) -> str:
    """Put a Kyrgyz noun (or the last word of a name) in the genitive: министрлиги -> министрлигинин,
    Бишкек -> Бишкектин, УКМК -> УКМКнын."""
    if not word:
        return word
    last = next((c for c in reversed(word.lower()) if c in _ALL_VOWELS), "ы")
    vowel = {"а": "ы", "я": "ы", "ы": "ы", "о": "у", "ё": "у", "у": "у", "ю": "у", "е": "и", "э": "и", "и": "и",
             "ө": "ү", "ү": "ү"}[last]
    if word.isupper():
        return word + "нын"
    end = word[-1].lower()
    if end in _ALL_VOWELS:
        first = "н"
    elif end in _VOICELESS:
        first = "т"
    else:
        first = "д"
    return word + first + vowel + "н"


_RU_HUSHING = "гкхжшщч"


def _ru_genitive_adjective(word: str) -> str | None:
    low = word.lower()
    if low.endswith(("ый", "ой")):
        return word[:-2] + "ого"
    if low.endswith("ий"):
        return word[:-2] + ("ого" if low[-3:-2] in "гкх" else "его")
    if low.endswith("ая"):
        return word[:-2] + ("ей" if low[-3:-2] in "жшщч" else "ой")
    if low.endswith("яя"):
        return word[:-2] + "ей"
    if low.endswith("ое"):
        return word[:-2] + "ого"
    if low.endswith("ее"):
        return word[:-2] + "его"
    return None


def _ru_genitive_noun(word: str) -> str | None:
    low = word.lower()
    if low.endswith(("ия", "ие")):
        return word[:-1] + ("и" if low.endswith("ия") else "я")
    if low.endswith("а"):
        return word[:-1] + ("и" if low[-2:-1] in _RU_HUSHING else "ы")
    if low.endswith("я"):
        return word[:-1] + "и"
    if low.endswith("о"):
        return word[:-1] + "а"
    if low.endswith("й"):
        return word[:-1] + "я"
    if low[-1:] in "бвгджзклмнпрстфхцчшщ":
        return word + "а"
    return None  # "-ь" is either gender; other endings do not decline


def ru_genitive_phrase(name: str) -> str:
    """Put a Russian body's name in the genitive, as it stands after "пресс-служба": Дорогомиловский суд Москвы ->
    Дорогомиловского суда Москвы, мэрия Оша -> мэрии Оша, Центральная избирательная комиссия -> Центральной
    избирательной комиссии. The adjectives and the first noun change; what follows them (already a genitive, an
    acronym, a name in quote marks) stays. A name it cannot decline safely is returned as it is."""
    words = name.split()
    out = []
    for k, word in enumerate(words):
        if len(word) >= 2 and word[:2].isupper() or not word[:1].isalpha():
            return name  # an acronym or a quoted name first: it does not decline
        adjective = _ru_genitive_adjective(word)
        if adjective is not None and k + 1 < len(words):
            out.append(adjective)
            continue
        noun = _ru_genitive_noun(word)
        if noun is None:
            return name
        return " ".join([*out, noun, *words[k + 1 :]])
    return name
