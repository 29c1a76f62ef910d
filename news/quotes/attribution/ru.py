"""Russian: after a dash the verb comes first and its subject follows; before a colon the subject opens the clause.

- `«…», — заявил X.` / `— сказал он` / `— заявил пилот красноярского управления МЧС`: the first nominative after
  the verb, past recipients (`агентству`, `«Медузе»`, `журналистам`) and phrases with a preposition.
- `«…», — сообщили в Минобороны` / `— говорится в сообщении министерства`: a plural or impersonal verb, and the
  body after `в` speaks; `— говорится в сообщении` alone points back to whoever issued it.
- `«…», — цитирует пресс-служба вуза Петрову` / `— приводит слова Уайта`: the one quoted is the object.
- `«…», — передает ТАСС`: a medium relays the words and is not their speaker.
- `X заявил: «…»`, `По словам X, «…»`, `Как заявил X, «…»`: the subject stands before the quote.

A role takes its genitive modifiers after it (`сотрудник томского управления лесного хозяйства`), and a name
in apposition to it is the speaker (`руководитель проекта, заведующий кафедрой Олег Миронов`).
"""

from __future__ import annotations

import re

from news.quotes.attribution.phrases import clean, punct_between, span_text
from news.quotes.attribution.subject import Subject
from news.quotes.cues import FIRST_PERSON, is_cue, pronoun, verb_gender
from news.quotes.document import Document, Token
from news.quotes.lexicon import Lexicon, fold, statement_word
from news.quotes.mentions import (
    RU_PREPOSITIONS,
    RU_STRESSED_ENDING,
    Index,
    Mention,
    body_stem,
    doer_stem,
    noun_forms,
    renominate,
    role_stem,
    surname_sex,
)
from news.quotes.spans import Candidate

# Words after a title that belong to the clause, not to the title: adverbs and plural adjectives ("мэр впервые
# публично признал"), objects in the accusative ("В пресс-службе сети информацию подтвердили")
_RU_ADVERB_RE = re.compile(r"(?:о|ые|ие|ию|ую|ью|юю)$")
_PREPOSITIONS = RU_PREPOSITIONS
# Dative recipients of a verb of saying: "— рассказал агентству", "— сообщил журналистам".
_RECIPIENT_RE = re.compile(r"(?:у|ю|ам|ям|ому|ему|е)$")
# Dative recipients of a verb of saying, the outlet's name after them: "— рассказал агентству X".
_RECIPIENTS = frozenset(
    "агентству изданию газете телеканалу радиостанции журналу порталу сайту журналистам корреспонденту "
    "корреспондентам репортерам репортёрам журналисту телеканалам изданиям редакции".split()
)
_GENITIVE_RE = re.compile(r"(?:ого|его|ой|ей|ых|их|а|я|ы|и|ов|ев)$")
_VERB_RE = re.compile(r"(?:ил|ила|ал|ала|ял|яла|ел|ела|ул|ула|ли|ует|ает|яет|ирует|ется|ится|ят|ют|ут|ит|ет)(?:ся|сь)?$")
_PLURAL_VERB_RE = re.compile(r"(?:ли|ют|ят|ут|ат)(?:ся|сь)?$")
_ONE_OF = frozenset("одного одной одним одну".split())
_TOLD = frozenset("мне нам ему ей им тебе вам журналистам".split())
_POSSESSIVE_GENDER = {"его": "m", "ее": "f", "её": "f", "их": "+"}
_SUBORDINATE = frozenset(
    "что чтобы который которая которое которые которого которой которому которым котором которую которых которыми "
    "чей чья чье чьи чьих если когда хотя потому".split()
)
_LOCATIVE_BODY = (("стве", "ство"), ("ении", "ение"), ("ии", "ия"), ("ле", "ль"))
_FEMININE_BODIES = ("служб", "прокуратур", "генпрокуратур", "дум", "палат", "инспекци", "администрац", "полици")
_RU_ADJ_RE = re.compile(r"(?:ом|ем|ой|ей|ых|их|ого|его)$")
# Short names of bodies: Минфин, Госдума, Генпрокуратура, Росстат (not adjectives: Генеральный, Российский)
_BODY_SHORT_RE = re.compile(
    r"^(?!Господ|Госпож)(?:Мин|Гос|Ген|Рос|Кыргыз(?!стан|ск))[а-яё]{3,}(?<![ыио]й)(?<![ая]я)(?<![ое]е)(?<![ыи]е)$"
)


# An active participle in the nominative: стоящий, проходившая, ожидающие.
_PARTICIPLE_RE = re.compile(r"(?:[ую]щ|[ая]щ|вш)(?:ий|ая|ие)$")

# A role noun made feminine by its suffix tells who holds it: исследовательница, журналистка, пенсионерка, активистка.
_FEMININE_ROLE_RE = re.compile(r"(?:ница|иня|есса|истка|антка|ентка|ерка|чица|щица|ушка)$")

def _nominative_body(word: str, lex: Lexicon | None = None) -> str:
    """The nominative of a body's name in another case: пресс-службе -> пресс-служба, Минздраве -> Минздрав,
    мэрии -> мэрия (the lexicon's form when it knows the word, else by the ending)."""
    low = fold(word)
    if word[:2].isupper() or low in ("минобороны",) or _BODY_SHORT_RE.match(word) and low.endswith(("ии", "ы")) and (
        low.startswith("мин") or low.endswith("ы")
    ):
        return word  # "Минэкологии", "Минприроды": a short name made of a genitive does not decline
    if _BODY_SHORT_RE.match(word) and low.endswith("ии"):
        return word[:-1] + "я"  # "в Росавиации", "в Госавтоинспекции": a short name made of a noun declines
    if lex is not None:
        for form in noun_forms(lex, low):
            if form in lex.body_heads or (form,) in lex.bodies:
                return word[0] + form[1:] if word[0].isupper() else form
    if not low.endswith(("е", "и")):
        return word
    for ending, nominative in _LOCATIVE_BODY:
        if low.endswith(ending):
            return word[: -len(ending)] + nominative
    stem = low.rsplit("-", 1)[-1][:-1]
    if stem.startswith(_FEMININE_BODIES):
        return word[:-1] + "а"
    return word[:-1] if low.endswith("е") else word


def _is_verb(doc: Document, low: str) -> bool:
    # ("отдела", "села" of a body's kind end as a past tense does: "руководитель отдела Никита Шварев"; so do the
    # nouns in -л in the genitive: "сотрудница вокзала", "директор канала")
    return is_cue(doc.lex, low) or bool(_VERB_RE.search(low)) and len(low) > 4 and body_stem(doc.lex, low) is None and (
        low[:-1] not in _NOUNS_IN_L
    )


# Words for someone beside another: a colleague, a neighbour, a fellow student.
_PEERS = frozenset("коллега сосед соседка напарник напарница сослуживец одноклассник одноклассница однокурсник".split())


_PREDICATIVES = frozenset(
    "намерен намерена намерены должен должна должны готов готова готовы вынужден вынуждена вынуждены обязан обязана "
    "обязаны уверен уверена уверены согласен согласна согласны рад рада рады".split()
)
_REFLEXIVE = frozenset("свой своя свое своё свои своего своей своих своему своим своими своей своею".split())


# Nouns in -л, whose genitive in -ла looks like a past tense.
_NOUNS_IN_L = frozenset(
    "вокзал зал канал телеканал сериал персонал филиал капитал материал журнал портал арсенал финал полуфинал "
    "интервал пенал трибунал сигнал квартал"
    .split()
)


def _verb_token(doc: Document, t: Token) -> bool:
    """A verb, by its ending, among lowercase words (a capitalised "Джала" is a name, not a past tense)."""
    return (not t.upper or t.initial) and _is_verb(doc, t.low)


def _role_head(doc: Document, t: Token) -> str | None:
    if t.upper and not t.initial:
        return None
    return role_stem(doc.lex, t.low) or (doer_stem(doc.lex, t.low) if not t.upper else None)


def _body_head(doc: Document, t: Token) -> str | None:
    stem = body_stem(doc.lex, t.low)
    if stem is None and _BODY_SHORT_RE.match(t.text):
        return t.low
    return stem


_POSTED = ("посольств", "представительств", "консульств", "миссии", "офиса", "филиала", "отделения", "бюро")


def _after_adjective(toks: list[Token], k: int) -> bool:
    """Does word k follow an adjective in an oblique case ("новосибирского | филиала")?"""
    return k > 0 and not toks[k - 1].upper and bool(re.search(r"(?:ого|его|ой|ей|ому|ему)$", toks[k - 1].low))


_REGION_GENITIVES = frozenset("области края района округа республики".split())


def _genitive_tail(doc: Document, toks: list[Token], i: int, index: Index, *, whole: bool = False) -> int:
    """The last word of the genitives after a head: "пилот | красноярского управления МЧС". `whole`: the head is
    the last word of a body's name the index read whole."""
    last = i
    head = index.at_token.get(toks[i].index)
    if head is not None and head.kind in ("body", "org") and head.tokens[1] - head.tokens[0] > 1:
        # the head opens a body's name the index read whole: "управления СКР по Ярославской области"
        last = min(len(toks) - 1, i + head.tokens[1] - head.tokens[0] - 1)
    taken = -1  # a word taken with the one before it
    # "В Министерстве экономики и финансов рост цен связывают": a body's name the index read whole ends where it does,
    # unless a word the endings do not tell is joined to a genitive after it ("производителей кофе и чая")
    ends_name = whole or last > i
    for k in range(last + 1, min(len(toks), last + 8)):
        t = toks[k]
        if k <= taken:
            continue
        if punct_between(doc, toks[k - 1], t, ",.;:!?()—–"):
            break
        if last == k - 1 and not t.upper and t.low not in ("и", "по") and k >= 2 and toks[k - 2].upper and (
            toks[k - 1].low in _REGION_GENITIVES
        ):
            break  # "в министерстве здравоохранения Курской области задержки объяснили": the region ends the name
        if t.low == "по" and last == k - 1 and k + 2 < len(toks) and toks[k + 1].upper and (
            toks[k + 2].low in ("области", "краю", "району", "округу", "республике", "городу")
            and _body_head(doc, toks[i]) is not None
        ):
            last = taken = k + 2  # "департамент экологии по Карагандинской области": where the body works
            continue
        if t.low == "по" and last == k - 1 and k + 1 < len(toks) and not toks[k + 1].upper and (
            _body_head(doc, toks[i]) is not None and not punct_between(doc, t, toks[k + 1])
        ):
            last = taken = k + 1  # "департамент по труду и занятости населения": what the body is for
            if k + 2 < len(toks) and re.search(r"(?:ым|им|ой|ей|ому|ему)$", toks[k + 1].low) and not toks[k + 2].upper and (
                not punct_between(doc, toks[k + 1], toks[k + 2])
            ):
                last = taken = k + 2  # "департамент по чрезвычайным ситуациям": an adjective, then its noun
            continue
        m = index.at_token.get(t.index)
        if k + 2 < len(toks) and t.upper and t.low.endswith(("ой", "ей")) and toks[k + 1].low.endswith(("е", "у", "ю")) and (
            (told_to := index.at_token.get(toks[k + 2].index)) is not None and told_to.kind == "media"
        ):
            break  # "В областном комитете … Русской службе Би-би-си подтвердили": the service of an outlet, told
        if t.low in ("того", "той", "тех") and last == k - 1 and k + 2 < len(toks) and toks[k + 1].low == "же" and (
            not punct_between(doc, t, toks[k + 2]) and not toks[k + 2].upper
        ):
            last = taken = k + 2  # "сотрудница той же подстанции": the same one, and which
            continue
        if t.low == "из" and toks[k - 1].low in ("одного", "одной", "одним", "одну", "один", "одна"):
            # "брат одного из погибших рабочих", "фельдшер одной из подстанций": one of them, and who they are (the
            # genitive plural after "из", whatever its ending)
            for j in range(k + 1, min(len(toks), k + 5)):
                x = toks[j]
                if x.upper or punct_between(doc, toks[j - 1], x) or _verb_token(doc, x) or x.low in _SUBORDINATE:
                    break
                last = taken = j
                if not x.low.endswith(("ых", "их")):
                    break  # the noun, after its adjectives
            continue
        if t.low in ("в", "во") and k + 1 < len(toks) and toks[k + 1].upper and any(
            x.low.startswith(_POSTED) for x in toks[i : k]
        ):
            place = index.at_token.get(toks[k + 1].index)
            if place is not None and place.kind == "place":
                last = k + place.tokens[1] - place.tokens[0]  # "посольства Таджикистана в России": where it sits
                break
        if t.low in _RECIPIENTS:
            break  # "— сообщили в администрации Березовского агентству": the one told
        if t.low == "и" and k + 1 < len(toks) and not toks[k + 1].upper and _GENITIVE_RE.search(toks[k + 1].low) and (
            last == k - 1 and not punct_between(doc, t, toks[k + 1])
        ):
            # "министерства промышленности и энергетики": two genitives joined; the second ends as the first does,
            # whatever else it looks like ("промышленности и торговли" is no past tense)
            if toks[k + 1].low[-1] == toks[k - 1].low[-1]:
                last = taken = k + 1
            continue
        if m is not None and m.quoted and toks[k - 1].low in _REGION_GENITIVES:
            break  # "в министерстве культуры Самарской области «Ъ-Волга» сообщили": the outlet told, after the region
        if t.low in _REFLEXIVE or t.low in _PREDICATIVES:
            # "осужденный | своей вины не признал": one's own is the object's, never a title's owner; "адвокат |
            # намерена подать": a short adjective is the predicate
            break
        if t.low in _PREPOSITIONS or t.low in doc.lex.function or _verb_token(doc, t) and not (
            _after_adjective(toks, k) and k - 1 != taken  # ("одного из … детей рассказала": the noun was read)
        ):
            break  # (a word after an adjective in a case is its noun: "новосибирского филиала", not a verb in -ла)
        if m is not None and m.kind == "single" and len(m.words) == 1 and t.low.endswith(("ья", "ии")) and (
            _body_head(doc, toks[k - 1]) is not None or toks[k - 1].text[:2].isupper() or last == k - 1
        ):
            last = k  # "в Минэкологии Подмосковья", "МЧС Приморья": a region in the genitive after a body
            continue
        if m is not None and m.kind == "body" and m.tokens[0] == t.index and last == k - 1 and (
            m.tokens[1] - m.tokens[0] > 1
        ):
            # "пресс-служба Первомайского райсуда Бишкека": a body's name the index read whole, in the genitive
            last = taken = min(len(toks) - 1, k + (m.tokens[1] - m.tokens[0]) - 1)
            continue
        if m is not None and m.kind in ("person", "single") and _adjective_of_name(doc, toks, k, m):
            last = k  # "экономист Высшей школы экономики": a capitalised adjective, then the lowercase name
            continue
        if m is not None and m.kind in ("person", "single"):
            after = index.at_token.get(toks[k + 1].index) if k + 1 < len(toks) and len(m.words) == 1 else None
            owner = m.case == "obl" or (after is not None and after.kind in ("person", "single"))
            if owner and role_stem(doc.lex, toks[i].low) in doc.lex.kin:
                # "советник (президента) Садыра Жапарова": a name in the genitive owns the role.
                last = min(len(toks) - 1, k + (m.tokens[1] - m.tokens[0]) - 1)
            break  # otherwise the name in apposition: "глава МИД Павел Климкин"
        told = m is not None and m.kind == "media" and k + (m.tokens[1] - m.tokens[0]) < len(toks) and _verb_token(
            doc, toks[k + (m.tokens[1] - m.tokens[0])]
        )  # "В министерстве … края ТАСС сообщили": the outlet is told
        told = told or k + 1 < len(toks) and _verb_token(doc, toks[k + 1]) and re.match(r"[A-Za-z0-9]", t.text) and (
            m is None or not m.quoted and m.kind != "body"
        )
        # ("В министерстве … области E1 сообщили": an outlet right before the verb is the one told)
        if t.upper and len(t.text) >= 2 and t.text[:2].isupper() and not told and (m is None or m.kind != "media"):
            last = k if m is None else min(len(toks) - 1, k + (m.tokens[1] - m.tokens[0]) - 1)  # "СК по … области"
            continue
        if m is not None and m.kind == "media":
            after = k + (m.tokens[1] - m.tokens[0])
            if after < len(toks) and _verb_token(doc, toks[after]):
                break  # "в пресс-службе Минздрава 24.kg уточнили": the outlet is told
            head = _role_head(doc, toks[i])
            if head is not None and head not in _MEDIA_PEOPLE and last == i:
                break  # "— сказал водитель 24.kg": no driver is an outlet's; the outlet is the one told
            if m.quoted and toks[after - 1].low.endswith(("е", "у", "ю")):
                break  # "в письменном ответе министерства «Медузе»": an outlet in the dative is the one answered
            if _body_head(doc, toks[k - 1]) is not None and not toks[k - 1].upper:
                break  # "в ответе ведомства «Азия-Плюс»": an outlet that does not decline, after a body, was answered
        if m is not None and m.kind in ("media", "org") and m.quoted and k + (m.tokens[1] - m.tokens[0]) < len(toks) and (
            _verb_token(doc, toks[k + (m.tokens[1] - m.tokens[0])])
        ) and fold(m.words[-1]).endswith(("е", "у", "ю")) and (len(m.words) > 1 or last == k - 1 and k > i + 1):
            # "В пресс-службе тверского минздрава «Новой газете» сообщили", "В администрации Василеостровского
            # района «Фонтанке» пояснили": an outlet in the dative right before the verb is told
            break
        if m is not None and m.kind in ("media", "org") and m.quoted and k + (m.tokens[1] - m.tokens[0]) < len(toks) and (
            _verb_token(doc, toks[k + (m.tokens[1] - m.tokens[0])])
        ) and _body_head(doc, toks[k - 1]) is None and not toks[k - 1].text[:2].isupper() and not (
            _role_head(doc, toks[k - 1]) is not None and fold(m.words[-1]).endswith(("а", "я"))
        ):
            # "В министерстве … области «Медузе» ответили": a quoted name right before the verb, not after a kind
            # it names ("банка «Невский капитал» подтвердили") or a title it owns ("Представитель «Мегафона»
            # сообщил"), is the one told
            break
        if t.upper and t.low.endswith(("у", "ю", "ам", "ям")) and (m is None or m.kind != "place"):
            break  # a name in the dative is whom it was said to: "в пресс-службе ведомства «Интерфаксу» сообщили"
        after_plural_adjective = k > i + 1 and toks[k - 1].low.endswith(("ых", "их"))
        if k <= i + 2 and not t.upper and not _verb_token(doc, t) and t.low not in _SUBORDINATE and role_stem(
            doc.lex, t.low
        ) is None and (not ends_name or k + 2 < len(toks) and toks[k + 1].low == "и" and _GENITIVE_RE.search(
            toks[k + 2].low
        )) and not punct_between(doc, toks[k - 1], t, "»”\"") and not _RU_ADVERB_RE.search(t.low):
            # ("сети «Малахит-Кино» отмену": the name ends it; "мэр впервые публично признал": adverbs are no part)
            # "глава айыл окмоту": words the endings do not tell, right after the role, still belong to it.
            last = k
            continue
        if not t.upper and punct_between(doc, toks[k - 1], t, "»”\""):
            break  # a name in quote marks ends the owner: "В пресс-службе «Северной нивы» переговоры не подтвердили"
        if _GENITIVE_RE.search(t.low) and not told or after_plural_adjective or (
            m is not None and m.kind in ("org", "media", "body", "place") and not told
        ):
            last = k
            if m is not None:
                last = max(last, min(len(toks) - 1, k + (m.tokens[1] - m.tokens[0]) - 1))
            continue
        break
    return last


_ADJECTIVE_RE = re.compile(r"(?:ой|ей|ий|ый|ая|яя|ое|ее|ые|ие|ого|его|ых|их|ому|ему|ым|им)$")
# A number sign and its number right after a word: "маршрута № 92", "школы №5".
_NUMBER_AFTER_RE = re.compile(r"[ \u00a0]+(№[ \u00a0]?\d+(?:[-/]?[А-Яа-яA-Za-z0-9])?)(?!\w)")


def _adjective_of_name(doc: Document, toks: list[Token], k: int, m: Mention) -> bool:
    """A lone capitalised adjective before a lowercase noun begins the name of a body: "Высшей школы",
    "Московский университет" (a person's name is followed by a verb, a name or punctuation)."""
    if len(m.words) != 1 or k + 1 >= len(toks) or not _ADJECTIVE_RE.search(toks[k].low):
        return False
    nxt = toks[k + 1]
    return not (
        nxt.upper
        or punct_between(doc, toks[k], nxt)
        or _verb_token(doc, nxt)
        or nxt.low in _PREPOSITIONS
        or nxt.low in doc.lex.function
    )


class Russian:
    def clause_subject(self, doc: Document, index: Index, cand: Candidate) -> Subject | None:
        c1, c2 = cand.clause
        toks = doc.tokens_between(cand.block, c1, c2)
        if not toks:
            return None
        lex = doc.lex
        cue = next((i for i, t in enumerate(toks[:4]) if is_cue(lex, t.low)), -1)
        if cue < 0:
            cue = next((i for i, t in enumerate(toks[:2]) if _VERB_RE.search(t.low)), -1)
        verb = toks[cue].low if cue >= 0 else ""
        if cue > 0:
            # "«…», — Путин заявил": the subject before the verb.
            found = _scan(doc, index, toks[:cue], verb="")
            if found is not None:
                return found
        after = toks[cue + 1 :] if cue >= 0 else toks
        one = next((j for j, t in enumerate(after[:4]) if t.low in ("один", "одна") and j + 2 < len(after) and (
            after[j + 1].low == "из" and after[j + 2].low in ("них", "нас", "вас")
        )), -1)
        if one >= 0 and all(index.at_token.get(t.index) is not None or t.upper for t in after[:one]) and not any(
            (x := index.at_token.get(t.index)) is not None and x.kind in ("person", "single") for t in after[one + 3 :]
        ):  # (not "— рассказала одна из них, Лариса Мохова": then she)
            # "— сказал РБК один из них": one of those the text spoke of, nobody named (the outlet is the one told)
            return Subject("pronoun", gender="+")
        if verb in lex.passive:
            note = _bill_note(doc, after)
            if note is None and len(after) == 2 and after[0].low in ("в", "во") and after[1].low in ("документе", "тексте"):
                # "В справке-обосновании к проекту приводятся данные … «…», — отмечается в документе": that note
                before = doc.sentence_tokens(cand.sent - 1) if cand.sent else []
                note = next((n for i, t in enumerate(before) if t.low in ("в", "во") and (n := _bill_note(doc, before[i:]))),
                            None)
            if note is not None:
                return note
            which = next((j for j, t in enumerate(after[:8]) if t.low in ("который", "которое", "которую", "которые")), -1)
            if which > 0 and statement_word(lex, after[which - 1].low):
                # "— говорится в письме, которое мэрия прислала «Медузе»": the one who sent it
                verb = next((x for x in after[which + 1 : which + 8] if _PAST_RE.search(x.low) and _verb_token(doc, x)), None)
                sender = _scan(doc, index, after[which + 1 :], verb=verb.low if verb else "")
                if sender is not None and sender.kind in ("body", "person", "media") and not any(
                    x.low.startswith("получ") for x in after[which + 1 : which + 8]
                ):  # (what an outlet received is the giver's: below)
                    return sender
            received = next((j for j, t in enumerate(after[:12]) if t.low.startswith(("получил", "получен"))), -1)
            if received >= 0 and any(t.low.startswith("котор") for t in after[:received]):
                # "— говорится в комментарии, который РИА Новости получило в пресс-службе оператора": whose it is
                body = _body_after_v(doc, index, after[received + 1 :])
                if body is not None:
                    return body
            return _statement_owner(doc, index, after) or Subject("passive", generic=True)
        if verb.startswith(("привод", "привел", "привёл")) or verb.startswith("переда") and any(
            t.low == "слова" for t in after[:3]
        ):  # ("— передает слова подсудимого корреспондент": whose words are passed on, as with "приводит")
            # "— приводит слова Уайта …", "— приводит пресс-служба слова председателя совета Нурлана Байсалова":
            # the one whose words are given.
            words_at = next((k for k, t in enumerate(after) if t.low == "слова"), -1)
            if words_at > 0 and after[words_at - 1].low in _POSSESSIVE_GENDER:
                # "— приводит его слова пресс-служба мэрии": the one "его" points to
                return Subject("pronoun", gender=_POSSESSIVE_GENDER[after[words_at - 1].low])
            for t in after[words_at + 1 : words_at + 8] if words_at >= 0 else ():
                if t.low in _HONORIFICS_GEN:
                    continue  # "приводит слова госпожи Сухановой"
                m = index.at_token.get(t.index)
                if m is not None and m.kind in ("body", "org") and not m.quoted and t.upper:
                    # "приводит слова Сухановой пресс-служба …", read as one body: the surname of someone named before
                    named = _named_in_genitive(index, t.low)
                    if named is not None:
                        return Subject("person", named)
                if m is not None and m.kind in ("person", "single") and not m.quoted:  # (not «Буревестника», a club)
                    if m.case != "obl" and len(m.words) > 1:
                        renominate(m)
                    elif len(m.words) == 1:
                        # "приводит слова Кравца": the surname in the genitive of someone named before ("Михаил
                        # Кравец"), the vowel that drops included
                        named = _named_in_genitive(index, fold(m.words[0]))
                        if named is not None:
                            return Subject("person", named)
                    index.confirm(m)
                    return Subject("person", m)
            if words_at >= 0 and words_at + 1 < len(after):
                # "— приводит слова футболиста пресс-служба клуба": the one a title in the genitive stands for
                stem = _role_head(doc, after[words_at + 1])
                if stem and after[words_at + 1].low != stem:
                    return Subject("role", phrase=stem, role=stem)
        if verb.startswith("цитиру"):
            # "— цитирует пресс-служба вуза Петрову": the person quoted, not the one who quotes.
            people = [index.at_token[t.index] for t in after if t.index in index.at_token]
            people = [m for m in people if m.kind in ("person", "single")]
            if not people:
                # "— цитирует вице-министра Kazinform": a role in the accusative, and its holder
                for k, t in enumerate(after[:4]):
                    stem = _role_head(doc, t)
                    if stem is not None and t.low != stem:
                        return Subject("role", phrase=stem, role=stem)
            if people:
                return _cited(index, people[-1])
        if _PLURAL_VERB_RE.search(verb):
            body = _body_after_v(doc, index, after)
            if body is not None:
                return body
            if after and after[0].low == "там" and cand.sent > 0:
                # "В пресс-службе губернатора ситуацию комментировать не стали. «…», — сообщили там": the body the
                # sentence before put "в"
                body = _body_after_v(doc, index, doc.sentence_tokens(cand.sent - 1))
                if body is not None:
                    return body
            owner = _statement_owner(doc, index, after)
            if owner is not None and owner.kind in ("body", "media", "person"):
                return owner  # "— написали в телеграм-канале движения": whose channel it is
        found = _scan(doc, index, after, verb=verb)
        if found is not None:
            if found.kind == "media" and verb in lex.relay:
                return Subject("relay")
            if found.kind in ("pronoun", "role") and not found.gender:
                found.gender = verb_gender("ru", verb) or (_FEMININE_ROLE_RE.search(found.role) and "f" or "")
            return found
        if verb in lex.relay:
            return Subject("relay")
        if _PLURAL_VERB_RE.search(verb) and after and not after[0].upper and after[0].low not in lex.function and (
            after[0].low.endswith(("ы", "и")) and not _verb_token(doc, after[0]) and not _RU_ADVERB_RE.search(after[0].low)
            and len(after[0].low) > 3
        ):
            # "— написали фанаты в своем телеграм-канале": many people named by what they are, not the one quoted
            # before; the association the sentence before was about, when it was about one, else nobody named
            prev = self.sentence_subject(doc, index, cand.sent - 1) if cand.sent else None
            if prev is not None and prev.kind == "body":
                return prev
            return Subject("group", phrase="")
        before = self.subject_before(doc, index, cand.block, *cand.before)
        if before is not None:
            return before
        gender = verb_gender("ru", verb)
        if gender and gender != "+":
            # "«…», — сказала." with no subject: the woman spoken of before.
            return Subject("pronoun", gender=gender)
        return None

    def subject_before(self, doc: Document, index: Index, b: int, start: int, end: int) -> Subject | None:
        return self._subject(doc, index, b, start, end, framing=True)

    def _subject(self, doc: Document, index: Index, b: int, start: int, end: int, *, framing: bool) -> Subject | None:
        """The subject of the words before a quote (framing: the verb right before the colon frames it) or of a
        narrative sentence."""
        toks = doc.tokens_between(b, start, end)
        if framing and len(toks) > 3 and toks[-1].low in _TOLD and is_cue(doc.lex, toks[-2].low):
            toks = toks[:-1]  # "… Лариса Гуляева сказала мне: «…»": the one told is not in the way
        cites = next((k for k, t in enumerate(toks) if t.low.startswith(("цитиру", "процитир"))), -1) if framing else -1
        if 0 < cites < len(toks) - 1:
            # "Пресс-служба прокуратуры цитирует Еникеева: «…»": the one quoted, in the accusative, not the one quoting
            cited = next((m for t in toks[cites + 1 :] if (m := index.at_token.get(t.index)) is not None), None)
            if cited is not None and cited.kind in ("person", "single"):
                return _cited(index, cited)
        if not toks:
            return None
        text = doc.text(b)
        pre = text[start:end]
        owner = re.search(r"[Пп]о\s+(его|ее|её|их)\s+(?:словам|мнению|оценке|признанию|данным)", pre)
        if owner is not None:
            # "По ее мнению, «…»": the one she stands for
            return Subject("pronoun", gender={"его": "m", "их": "+"}.get(owner.group(1), "f"))
        according = re.search(r"[Пп]о\s+(?:словам|мнению|оценке|признанию|данным)\s", pre)
        if according is not None and framing and is_cue(doc.lex, toks[-1].low):
            # "По словам пассажиров, на вопрос … сотрудница авиакомпании ответила: «…»": the verb before the colon
            # has a subject of its own, who speaks; "по словам" only says who told it
            comma = pre.find(",", according.end())
            own = self._subject(doc, index, b, start + comma + 1, end, framing=True) if comma > 0 else None
            if own is not None and own.kind in ("person", "role", "body", "media"):
                return own
        if according is not None:
            # the one named up to the comma: "По словам министра, в Апанасенковском округе …" is the minister's
            comma = pre.find(",", according.end())
            toks = [
                t for t in toks if t.start >= start + according.start() and (comma < 0 or t.start < start + comma)
            ] or toks  # (and from "по словам" on: "С Закировым, по словам тренера, …" is the coach's)
            named = [index.at_token[t.index] for t in toks if t.index in index.at_token]
            people = [m for m in named if m.kind == "person"]
            for t in toks:
                m = index.at_token.get(t.index)
                if m is not None and m.kind == "single" and people and people[0].tokens[0] > m.tokens[0]:
                    continue  # "по словам … отделения Авиалесоохраны Натальи Бурдиной": the name, not its body
                if m is not None and m.kind in ("person", "single"):
                    written = tuple(x.text for x in doc.tokens[m.tokens[0] : m.tokens[1]])
                    as_written = written == m.words
                    if m.case == "obl" and not as_written and len(written) == len(m.words) > 1 and (
                        written[0] == m.words[0]
                    ):
                        m.words, as_written = written, True  # "Ивана Петрова" read as "Ивана Петров": the whole name
                    if m.case in ("nom", "obl") and len(m.words) >= 1 and as_written:
                        # "по словам Сергея Лаврова": the name stands in the genitive (unless the index has put it
                        # in the nominative already: "терапевта Бактыгуль Амановой")
                        renominate(m)
                    index.confirm(m)
                    return Subject("person", m)
            for k, t in enumerate(toks):
                stem = _role_head(doc, t)
                if stem in doc.lex.sources:
                    break  # a source, with where it is, below: "По словам источника в администрации президента"
                if stem and t.low != stem:
                    return Subject("role", phrase=stem, role=stem)
            first = next((k for k, t in enumerate(toks) if t.start >= start + according.end()), -1)
            stem = _body_head(doc, toks[first]) if 0 <= first < len(toks) - 1 and not toks[first].upper else None
            if stem is not None:
                # "По данным департамента здравоохранения Костромской области, …": the body, in the nominative
                last = _genitive_tail(doc, toks, first, index)
                words = [_nominative_body(toks[first].text, doc.lex)] + [t.text for t in toks[first + 1 : last + 1]]
                return Subject("body", phrase=clean(" ".join(words)), role=stem)
        source = re.match(r"\s*[Пп]о\s+(?:словам|информации|данным)\s+(источник[а-я]*|собеседни[кц][а-я]*)\s", pre)
        if source is not None:
            # "По информации источника агентства в правоохранительных органах, …", "По словам собеседника агентства
            # в краевом МЧС, …": the unnamed source, in the nominative, with whose source and where
            at = next((k for k, t in enumerate(toks) if t.low == fold(source.group(1))), -1)
            if at >= 0:
                last = _source_place(doc, index, toks, _genitive_tail(doc, toks, at, index))
                low = fold(source.group(1))
                head = "источник" if low.startswith("источник") else "собеседница" if "ц" in low else "собеседник"
                words = [head, *(t.text for t in toks[at + 1 : last + 1])]
                return Subject("role", phrase=clean(" ".join(words)), role=head)
        if toks[0].low == "как" and len(toks) > 2 and is_cue(doc.lex, toks[1].low):
            # "Как сообщается на сайте районной администрации, …", "Как сообщила мэрия, …".
            # "Как отметил аналитик агентства «Зерно-Инфо» Денис Воронцов, …": a role and its holder, as after a dash.
            if not framing:
                # a narrative sentence: the "как" clause ends at its comma ("Как пояснил ТАСС глава района Виктор
                # Шелехов, дым накрыл райцентр Ербогачен")
                cut = next((k for k in range(3, len(toks)) if punct_between(doc, toks[k - 1], toks[k], ",")), len(toks))
                toks = toks[:cut]
            last = index.ending_at(toks[-1])
            if last is not None and last.kind in ("person", "single") and last.case == "nom" and len(toks) > 3:
                # "Как отметил председатель комитета по …, недропользованию и … Таалайбек Сагынов, «…»": the name
                # that closes the clause holds the long title before it
                index.confirm(last)
                return Subject("person", last)
            if _PLURAL_VERB_RE.search(toks[1].low):
                # "Как сообщили ТАСС в департаменте здравоохранения …, …": an impersonal verb; the body after "в"
                # speaks and the agency before it is told
                found = _body_after_v(doc, index, toks[2:])
                if found is not None:
                    return found
            found = _scan(doc, index, toks[2:], verb=toks[1].low)
            if found is None or found.kind not in ("person", "role"):
                found = _reported_by(doc, index, toks[2:]) or found
            if found is not None:
                return found
        if framing and len(toks) > 2 and toks[-1].low in doc.lex.passive:
            # "В заявлении компании «Текстограф», разработчика …, говорится: «…»": the statement's owner
            found = _bill_note(doc, toks[:-1]) or _statement_owner(doc, index, toks[:-1])
            if found is not None and found.kind != "passive":
                return found
        if framing and len(toks) > 2 and is_cue(doc.lex, toks[-1].low) and not punct_between(doc, toks[-2], toks[-1]):
            # "На вопрос о том, что он изменит, Ворончихин ответил: «…»": the name right before the verb
            named = index.ending_at(toks[-2])
            if named is not None and named.kind in ("person", "single") and named.case == "nom":
                index.confirm(named)
                return Subject("person", named)
        if framing and len(toks) > 2 and is_cue(doc.lex, toks[-1].low):
            # "Она говорит, что друзья спрашивают: «…»": the verb before the colon frames the quote, and its
            # subject is in its own clause.
            that = max((k for k, t in enumerate(toks[:-1]) if t.low in _SUBORDINATE), default=-1)
            if that > 0:
                clause = toks[that + 1 : -1]
                found = _scan(doc, index, clause, verb="")
                if found is not None:
                    return found
                if _PLURAL_VERB_RE.search(toks[-1].low):
                    # "друзья спрашивают", "ей ответили": people other than the sentence's subject
                    return Subject("group", phrase=span_text(doc, clause[0], clause[-1]) if clause else "")
        found = self._main_subject(doc, index, toks)
        if found is None and _PAST_RE.search(toks[0].low) and (is_cue(doc.lex, toks[0].low) or is_cue(doc.lex, toks[-1].low)) or (
            found is None and toks[0].low in FIRST_PERSON["ru"]
        ):
            # "Говорила ему: «…»", "Я еще подумала: «…»": the speaker's own words; a past verb shows their sex
            past = next((verb_gender("ru", t.low) for t in toks if _PAST_RE.search(t.low) and is_cue(doc.lex, t.low)), "")
            return Subject("self", gender=past if past in ("m", "f") else "")
        return found

    def statement_owner(self, doc: Document, index: Index, si: int) -> Subject | None:
        toks = doc.sentence_tokens(si)
        # "Суд приговорил X …, сообщила в четверг пресс-служба областной прокуратуры": a reporting clause at the end
        # of the sentence, after a comma, names who reported it
        for i in range(len(toks) - 1, 0, -1):
            t = toks[i]
            if is_cue(doc.lex, t.low) and _PAST_RE.search(t.low) and punct_between(doc, toks[i - 1], t, ","):
                found = _scan(doc, index, toks[i + 1 :], verb=t.low)
                if found is not None and found.kind in ("body", "media", "person"):
                    return found
                break
        for i, t in enumerate(toks):
            if t.low.startswith("котор") and i and punct_between(doc, toks[i - 1], t, ","):
                if statement_word(doc.lex, toks[i - 1].low) and t.low in ("который", "которое", "которую", "которые"):
                    # "из ответа, который полиция Новосибирской области прислала Би-би-си": the one who sent it
                    verb = next((x for x in toks[i + 1 : i + 8] if _PAST_RE.search(x.low) and _verb_token(doc, x)), None)
                    found = _scan(doc, index, toks[i + 1 :], verb=verb.low if verb else "")
                    if found is not None and found.kind in ("body", "person", "media"):
                        return found
                break  # "в заявлении, которое опубликовано в телеграм-канале предприятия": where, not whose
            if t.low in ("в", "на") and i + 1 < len(toks) or i == 0 or statement_word(doc.lex, t.low):
                # "на сайте министерства опубликовано", "приказ Министерства здравоохранения опубликован"
                found = _statement_owner(doc, index, toks[i + 1 :] if t.low in ("в", "на") else toks[i:])
                if found is not None and found.kind != "passive":
                    return found
        return None

    def sentence_subject(self, doc: Document, index: Index, si: int, end: int | None = None) -> Subject | None:
        toks = [t for t in doc.sentence_tokens(si) if end is None or t.start < end]
        if not toks:
            return None
        text = doc.text(toks[0].block)
        head = doc.crosshead_end(si)
        if head >= 0 and any(t.start >= head for t in toks):
            # "«Я верила не тем людям» Мать одного из … говорит": a crosshead in quote marks run into the text
            # (XL-Sum) is no part of the sentence after it
            toks = [t for t in toks if t.start >= head]
        for k in range(len(toks) - 1, 0, -1):
            t, prev = toks[k], toks[k - 1]
            if t.upper and not t.initial and not text[prev.end : t.start].strip() and (
                role_stem(doc.lex, t.low) is not None
                and prev.low not in _PREPOSITIONS
                and any(
                    index.at_token.get(x.index) is not None and index.at_token[x.index].kind == "person"
                    for x in toks[k + 1 : k + 10]
                )
            ):
                # "… на улице Ленина, 1963 год Куратор выставки Вера Лопухина рассказала": a photo caption run into
                # the text (XL-Sum) ends where a capitalised title opens the real sentence
                toks = toks[k:]
                break
        for k, t in enumerate(toks):
            if t.low.startswith("цитиру"):
                # "Ее цитирует пресс-служба министерства: «…»": the one quoted is the object, here a pronoun
                near = [x.low for x in toks[max(0, k - 1) : k] + toks[k + 1 : k + 2]]
                gender = next((_POSSESSIVE_GENDER[w] for w in near if w in _POSSESSIVE_GENDER), None)
                if gender is not None:
                    return Subject("pronoun", gender=gender)
        found = self._subject(doc, index, doc.sents[si].block, toks[0].start, toks[-1].end, framing=False)
        if found is None:
            # "За помощью она обратилась к юристу …": a pronoun after an adverbial opening is the subject
            for k, t in enumerate(toks[:6]):
                gender = {"он": "m", "она": "f", "они": "+"}.get(t.low)
                if gender is not None and (k == 0 or toks[k - 1].low not in _PREPOSITIONS):
                    return Subject("pronoun", gender=gender)
                if _verb_token(doc, t):
                    break
        if found is None or found.kind == "group":
            # "Законопроект разработала группа депутатов во главе с Алмазбеком Турдакуновым": the one who leads
            for k in range(len(toks) - 3):
                if (toks[k].low, toks[k + 1].low, toks[k + 2].low) in (("во", "главе", "с"), ("во", "главе", "со")):
                    m = index.at_token.get(toks[k + 3].index)
                    if m is not None and m.kind == "person":
                        return Subject("person", m)
        return found

    def _main_subject(self, doc: Document, index: Index, toks: list[Token]) -> Subject | None:
        """The subject of a main clause: before "что"/"который", or "в X" before a plural verb (the body); in
        reported speech, the one named after the verb of saying ("…, рассказал 26 июля пилот управления МЧС")."""
        for i, t in enumerate(toks[1:-1], 1):
            if is_cue(doc.lex, t.low) and punct_between(doc, toks[i - 1], t, ",") and not t.upper:
                if _PLURAL_VERB_RE.search(t.low):
                    # "…, сообщили ТАСС в пресс-службе X": an impersonal verb; the agency after it is told
                    found = _body_after_v(doc, index, toks[i + 1 :])
                    if found is not None:
                        return found
                after = toks[i + 1 :]
                cut = next((j for j, x in enumerate(after) if x.low in _SUBORDINATE), len(after))
                # "Источник в театре, знакомый с ситуацией, рассказал «Медузе», что …": what follows "что" is
                # what was told, not who told it
                found = _scan(doc, index, after[:cut], verb=t.low)
                if found is not None and found.kind == "media" and cut < len(after):
                    found = None  # "…, рассказал РБК, что …": the outlet was told
                if found is not None and found.kind == "media" and found.mention is not None and after and (
                    found.mention.tokens[0] == after[0].index and not t.low.endswith(("ет", "ют", "ит", "ят"))
                ):
                    # "Одна из пассажирок, Чолпон Эсеналиева, рассказала Kaktus.media по телефону:": the outlet right
                    # after a past verb was told; the subject is before the verb (not "…, сообщает Kaktus.media")
                    found = None
                if found is not None and found.kind in ("person", "role", "body", "media"):
                    return found
        main = []
        for t in toks:
            if t.low in _SUBORDINATE and main:
                break
            main.append(t)
        for i, t in enumerate(main[:-1]):
            if t.low in ("в", "во") and i + 2 < len(main) + 1:
                found = _body_after_v(doc, index, main[i:], require_verb=True)
                if found is not None:
                    return found
        # "Об этом сообщили в пресс-службе вуза": an impersonal verb of saying, then the body after "в"
        for i, t in enumerate(main[:-2]):
            data = _PAST_RE.search(t.low) and any(x.low in _DATA for x in main[:i])  # "данные предоставили в …"
            if _PLURAL_VERB_RE.search(t.low) and (is_cue(doc.lex, t.low) or data) and not t.upper:
                found = _body_after_v(doc, index, main[i + 1 :])
                if found is not None:
                    return found
                break
        found = _scan(doc, index, main, verb="", main_clause=True)
        if found is None and len(main) < len(toks):
            found = _scan(doc, index, toks[len(main) :], verb="", main_clause=True)
            if found is not None and found.kind != "person":
                return None
        return found


_PAST_RE = re.compile(r"(?:л|ла|ли)$")
# What a body gives out as a report: "Такие данные 24.kg предоставили в управлении образования"
_DATA = frozenset("данные сведения информацию цифры статистику".split())


_HONORIFICS_GEN = frozenset("господина госпожи г-на г-жи".split())


def _cited(index: Index, m: Mention) -> Subject:
    """The person a verb of citing quotes ("цитирует Ольгу Белецкую"), in the nominative."""
    if len(m.words) > 1 and m.words[0].endswith(("у", "ю")):
        # "цитирует … Ольгу Белецкую": the one quoted is in the accusative
        m.words = tuple(_nominative_accusative(m.words))
        m.key = fold(m.words[-1])
    elif re.search(r"[еэ]я$", m.words[-1]):
        m.words = (*m.words[:-1], m.words[-1][:-1] + "й")  # "… Ли Вэя": Ли Вэй
        m.key = fold(m.words[-1])
    elif m.case != "obl" and re.search(r"(?:ов|ев|ёв|ин|ын)а$", m.words[-1]):
        renominate(m)  # "цитирует … Эсенбая Карабалаева": a man in the accusative (a woman's is -ову)
    index.confirm(m)
    return Subject("person", m)


def _named_in_genitive(index: Index, low: str) -> Mention | None:
    """A person the article named whose surname this word is in the genitive: Петрова, Кравца (Кравец), Зайца
    (Заяц), Волка (Волк), Сухановой (Суханова)."""
    for x in index.mentions:
        if x.kind != "person" or len(x.words) < 2:
            continue
        surname = fold(x.words[-1])
        forms = {surname + "а", surname + "я"}
        if surname.endswith("ва") or surname.endswith("на"):
            forms.add(surname[:-1] + "ой")  # Суханова -> Сухановой
        if surname.endswith("ец"):
            forms.add(surname[:-2] + "ца")
        if surname.endswith("ок"):
            forms.add(surname[:-2] + "ка")
        if surname.endswith("яц"):
            forms.add(surname[:-2] + "йца")
        if low in forms:
            return x
    return None


def _reported_by(doc: Document, index: Index, toks: list[Token]) -> Subject | None:
    """Who "как сообщается (на сайте) X" names: a person, a body, or a body noun in any case."""
    for i, t in enumerate(toks[:6]):
        m = index.at_token.get(t.index)
        if m is not None and m.kind in ("person", "single"):
            index.confirm(m)
            return Subject("person", m)
        if m is not None and m.kind == "media" and m.case == "obl" and i + 1 < len(toks):
            continue  # "Как уточнила «Интерфаксу» пресс-служба райсуда": the outlet in the dative is told
        if m is not None and m.kind in ("body", "org", "media"):
            return Subject("body", m, phrase=m.text)
        stem = _body_head(doc, t)
        if stem is not None and t.low not in ("сайте", "сайт", "странице"):
            first = i - 1 if i and _RU_ADJ_RE.search(toks[i - 1].low) else i
            last = _genitive_tail(doc, toks, i, index)
            words = [_nominative_adjective(x.text) for x in toks[first:i]] + [_nominative_body(t.text)]
            words += [x.text for x in toks[i + 1 : last + 1]]
            return Subject("body", phrase=clean(" ".join(words)), role=stem)
    return None


def _nominative_accusative(words: tuple[str, ...]) -> list[str]:
    """Ольгу Белецкую -> Ольга Белецкая, Марию Петрову -> Мария Петрова: a woman's name in the accusative."""
    out = []
    for w in words:
        for ending, nominative in (("ую", "ая"), ("ю", "я"), ("у", "а")):
            if w.endswith(ending):
                w = w[: -len(ending)] + nominative
                break
        out.append(w)
    return out


def _nominative_adjective(word: str, noun: str = "") -> str:
    """городской -> городская (before a feminine body noun), военного -> военное, районном управлении ->
    районное, районном суде -> районный: enough for a body's name (the noun in the nominative tells the gender)."""
    if noun and not noun.endswith(("а", "я", "о", "е", "ы", "и")):
        if word.endswith(("ском", "ном", "вом")) and word[:-2].lower() in RU_STRESSED_ENDING:
            return word[:-2] + "ой"  # stressed: городской, областной
        for ending, nominative in (("ском", "ский"), ("ом", "ый"), ("ем", "ий"), ("ого", "ый"), ("ой", "ый")):
            if word.endswith(ending):
                found = word[: -len(ending)] + nominative
                # after к, г, х Russian writes и: алматинского -> алматинский, not "алматинскый"
                return found[:-2] + "ий" if found[-3:-2] in ("к", "г", "х") and found.endswith("ый") else found
        return word
    if word.endswith("ей") and word[-3:-2] in ("ж", "ш", "щ", "ч"):
        return word[:-2] + "ая"  # управляющей -> управляющая
    for ending, nominative in (("ой", "ая"), ("ей", "яя"), ("ого", "ое"), ("ом", "ое"), ("ых", "ые")):
        if word.endswith(ending):
            return word[: -len(ending)] + nominative
    return word


def _body_after_v(doc: Document, index: Index, toks: list[Token], *, require_verb: bool = False) -> Subject | None:
    """"— сообщили в пресс-службе МВД", "В Greenpeace обращают внимание": the body after "в" speaks."""
    for i, t in enumerate(toks[:-1]):
        if t.low not in ("в", "во"):
            continue
        head = toks[i + 1]
        if punct_between(doc, t, head, ",.;:!?()—–"):
            continue
        named_head = index.at_token.get(head.index)
        if (
            i + 2 < len(toks)
            and _RU_ADJ_RE.search(head.low)
            # (a capitalised adjective the index took for a lone name: "в Свердловском филиале «Т Плюс»")
            and (not head.upper or named_head is None or named_head.kind == "single" and len(named_head.words) == 1)
            and _body_head(doc, toks[i + 2]) is not None
        ):
            adjective = head  # "в военном ведомстве": an adjective before the body belongs to its name
            head = toks[i + 2]
            i += 1
        else:
            adjective = None
        m = index.at_token.get(head.index)
        if m is not None and m.kind == "place":
            continue  # "— рассказали в Бишкеке"
        is_body = m is not None and m.kind in ("org", "media", "body")
        stem = _body_head(doc, head)
        if not is_body and stem is None:
            continue  # "— сообщили в понедельник в МВД"
        last = i + 1
        if m is not None:
            last = i + (m.tokens[1] - m.tokens[0])
        last = _genitive_tail(doc, toks, last, index, whole=m is not None and m.tokens[1] - m.tokens[0] > 1)
        if require_verb:
            nxt = toks[last + 1 : last + 8]  # "в управлении образования на запрос «Медузы» ответили", "в ответ на …"
            cut = next((k for k in range(1, len(nxt)) if punct_between(doc, nxt[k - 1], nxt[k], ",.;:!?()—–")), None)
            nxt = nxt[:cut]
            if not any(_PLURAL_VERB_RE.search(x.low) and _is_verb(doc, x.low) for x in nxt):
                return None
        words = [_nominative_body(head.text, doc.lex)] + [x.text for x in toks[i + 2 : last + 1]]
        if adjective is not None:
            words.insert(0, _nominative_adjective(adjective.text, words[0]))
        elif len(words) > 1 and head.upper and _RU_ADJ_RE.search(head.low) and _body_head(doc, toks[i + 2]) is not None:
            # a name the index read whole, opening with its adjective: "в Генеральной прокуратуре Узбекистана"
            words[1] = _nominative_body(words[1], doc.lex)
            words[0] = _nominative_adjective(head.text, words[1])
        phrase = clean(" ".join(words))
        if m is not None and m.quoted and adjective is None and last == i + (m.tokens[1] - m.tokens[0]):
            phrase = m.text  # "в «Заре» ответили": the name as the article writes it where nothing governs it
        generic = m is None and not any(x.upper for x in toks[i + 1 : last + 1])
        return Subject("body", m, phrase=phrase, role=stem or "", generic=generic)
    return None


_WHERE_POSTED = ("сайт", "страниц", "канал", "телеграм", "telegram", "аккаунт", "соцсет", "блог")
# Roles an outlet may own ("корреспондент 24.kg", "источник «Ъ»"); after any other the outlet is the one told
_MEDIA_PEOPLE = frozenset(
    "корреспондент журналист журналистка редактор главред обозреватель колумнист ведущий ведущая автор источник "
    "собеседник собеседница представитель сотрудник сотрудница аналитик фотограф фотокорреспондент блогер".split()
)
_LOCAL_ADJECTIVES = ("региональн", "областн", "краев", "городск", "республиканск", "окружн", "районн", "муниципальн")


_BILL_NOTE_RE = re.compile(
    r"^(?:в|во)\s+(?:(?P<note>пояснительн(?:ой|ая)\s+записк[еи])|(?P<brief>справк[еи]-обосновани[ие])|"
    r"(?P<fin>финансово-экономическом\s+обосновании)|обосновании(?=\s+к\s+законопроекту))"
    r"(?P<to>\s+к\s+(?:законопроекту|поправкам))?$"
)
_BILL_NOTES = {"note": "пояснительная записка", "brief": "справка-обоснование", "fin": "финансово-экономическое обоснование"}


def _bill_note(doc: Document, toks: list[Token]) -> Subject | None:
    """"— говорится в пояснительной записке к законопроекту": the note that goes with a draft speaks for itself (its
    authors sign it only as the draft's), in the nominative."""
    for n in range(len(toks[:7]), 1, -1):
        m = _BILL_NOTE_RE.match(" ".join(t.low for t in toks[:n]))
        if m is not None and n < len(toks) and not m.group("to") and toks[n].low not in ("к", "ко") and (
            _body_head(doc, toks[n]) is not None or toks[n].upper
        ):
            return None  # "в пояснительной записке департамента финансов": the body whose note it is speaks
        if m is not None:
            head = next((name for key, name in _BILL_NOTES.items() if m.group(key)), "обоснование")
            return Subject("document", phrase=head + (m.group("to") or ""), role=head.split()[-1], new=True)
    return None


def _statement_owner(doc: Document, index: Index, toks: list[Token]) -> Subject | None:
    """"— говорится в сообщении министерства": the owner of the statement speaks."""
    lex = doc.lex
    for k in range(len(toks) - 2, 0, -1):
        # "в сообщении на сайте регионального правительства": where the statement was put up, then whose it is
        if toks[k].low in ("на", "в") and toks[k + 1].low.startswith(_WHERE_POSTED) and (
            statement_word(lex, toks[k - 1].low.rsplit("-", 1)[-1])
        ):
            toks = [*toks[:k], *toks[k + 2 :]]
    for i, t in enumerate(toks[:6]):
        # "в сообщении", "в Telegram-канале": the last part of a compound counts
        if not statement_word(lex, t.low.rsplit("-", 1)[-1]):
            continue
        if i + 1 < len(toks) and statement_word(lex, toks[i + 1].low) and _RU_ADJ_RE.search(t.low):
            continue  # "в письменном ответе департамента": an adjective like a statement's word, then the statement
        if i + 1 < len(toks) and not punct_between(doc, t, toks[i + 1]):
            nxt = toks[i + 1]
            m = index.at_token.get(nxt.index)
            if m is not None and m.kind in ("org", "media", "body"):
                end = i + m.tokens[1] - m.tokens[0]
                last = _genitive_tail(doc, toks, end, index) if not m.quoted and end < len(toks) else end
                tail = []
                for x in toks[end + 1 : last + 1]:
                    if not (x.upper or _GENITIVE_RE.search(x.low)):
                        break  # "приказ Министерства здравоохранения опубликован": no genitive, no name
                    tail.append(x.text)
                if tail:
                    # "в письме Национальной ассоциации производителей холодных десертов": the name goes on
                    return Subject("body", m, phrase=clean(" ".join([*m.words, *tail])))
                return Subject("body", m, phrase=m.text)
            if m is not None and m.kind in ("person", "single"):
                index.confirm(m)
                return Subject("person", m)
            # "в заявлении краевого управления Роспотребнадзора": adjectives before the body's head
            h = i + 1
            while h < min(len(toks) - 1, i + 3) and not toks[h].upper and _ADJECTIVE_RE.search(toks[h].low) and (
                _body_head(doc, toks[h]) is None
            ):
                h += 1
            head = toks[h]
            stem = _body_head(doc, head) if h == i + 1 or not punct_between(doc, toks[h - 1], head) else None
            if stem is not None:
                last = _genitive_tail(doc, toks, h, index)
                # "городской администрации" is a body of its own; "надзорного ведомства" the one named before
                generic = (
                    h == i + 1
                    or stem in lex.generic_bodies
                    # "регионального правительства": the region's government the article named ("Правительство
                    # Калужской области"); "городской администрации" with none named stays as written
                    or all(x.low.startswith(_LOCAL_ADJECTIVES) for x in toks[i + 1 : h]) and any(
                        m.kind == "body" and len(m.words) > 1 and any(
                            lex.synonyms.get(f, f) == lex.synonyms.get(stem, stem) for f in noun_forms(lex, fold(m.words[0]))
                        )  # ("городской администрации" for "Мэрия Якутска")
                        for m in index.mentions
                    )
                ) and not any(x.upper for x in toks[h : last + 1])
                noun = _nominative_body(head.text, lex)
                adjectives = [_nominative_adjective(x.text, noun) for x in toks[i + 1 : h]]
                words = [*adjectives, noun, *(x.text for x in toks[h + 1 : last + 1])]
                return Subject("body", phrase=clean(" ".join(words)), role=stem, generic=generic)
        return None
    return None


def _in_a_list(doc: Document, toks: list[Token], k: int) -> bool:
    """Is a word that ends as a verb does one of a list of genitives ("министра промышленности, торговли и
    развития", "хозяйства и торговли области"): after a comma or "и", before "и", a comma or a genitive, and no
    verb of saying?"""
    if k == 0 or k + 1 >= len(toks) or is_cue(doc.lex, toks[k].low):
        return False
    before = punct_between(doc, toks[k - 1], toks[k], ",") or toks[k - 1].low == "и"
    nxt = toks[k + 1]
    after = nxt.low == "и" or punct_between(doc, toks[k], nxt, ",") or (
        not nxt.upper and not punct_between(doc, toks[k], nxt) and _GENITIVE_RE.search(nxt.low) is not None
        and not _verb_token(doc, nxt)
    )
    return before and after


def _scan(
    doc: Document, index: Index, toks: list[Token], *, verb: str, main_clause: bool = False
) -> Subject | None:
    """The first nominative subject among the words: a name, a role with its genitives, a body, a pronoun."""
    lex = doc.lex
    n = len(toks)
    i = 0
    told_end = -1  # where a recipient in the dative ends, right after the verb
    while i < n:
        t = toks[i]
        m = index.at_token.get(t.index)
        if m is not None:
            width = m.tokens[1] - m.tokens[0]
            prev = toks[i - 1].low if i else ""
            if m.after_preposition or prev in _PREPOSITIONS or m.case in ("obl", "gen"):
                told_end = m.tokens[1] if m.case == "obl" and i <= 1 else -1  # ("Русской службе | Би-би-си")
                i += width
                continue
            if m.kind == "org" and m.quoted and verb and i == 0 and _RECIPIENT_RE.search(fold(m.words[-1]).split(".")[0]):
                i += width  # "— рассказывает «Медузе» сотрудник …": the outlet told, in the dative
                continue
            if m.kind in ("media", "org") and verb and (i <= 1 or t.index == told_end) and _someone_after(
                doc, index, toks, i + width
            ):
                i += width  # "— рассказала АКИpress пассажирка …", "— сказала Оморова Интерфаксу": the one told
                continue
            if m.kind == "media" and verb and i == 0 and not main_clause:
                # "— рассказал ТАСС по телефону один из пассажиров, монтажник Денис Ухтомцев": told, and who told
                rest = _scan(doc, index, toks[width:], verb=verb)
                if rest is not None and rest.kind in ("person", "role"):
                    return rest
            if m.kind == "media":
                if verb and i == 0 and _RECIPIENT_RE.search(t.low) and (fold(t.text),) not in lex.media:
                    i += width  # "— рассказал «Медузе» сотрудник …": the medium told, not telling
                    continue
                if verb and 0 < i and i + width == n and not toks[i - 1].upper and (
                    toks[i - 1].low not in lex.function and _role_head(doc, toks[i - 1]) not in _MEDIA_PEOPLE
                ):
                    i += width  # "— рассказал мужчина 24.kg": the one who spoke, then the outlet told
                    continue
                if main_clause:
                    i += width
                    continue
                return Subject("media", m, phrase=m.text)
            if m.kind in ("person", "single"):
                if m.kind == "single" and not index.is_person(m) and not _single_speaks(doc, toks, i, width, verb):
                    i += width
                    continue
                index.confirm(m)
                return Subject("person", m)
            if m.kind in ("body", "org") and not m.quoted:
                named = index.at_token.get(toks[i + width].index) if i + width < n else None
                if named is not None and named.quoted and named.kind in ("org", "media"):
                    # "Правозащитная организация «Укук жана адилет»": the kind, then the name it goes by.
                    return Subject("body", named, phrase=named.text)
            if m.kind in ("body", "org"):
                if main_clause:
                    # The subject of a sentence is a person when one is named in the nominative; an acronym's case
                    # cannot be seen ("замглавы центра «Горспас» МЧС Илья Романов заявил").
                    later = _scan(doc, index, toks[i + width :], verb=verb, main_clause=True)
                    if later is not None and later.kind == "person":
                        return later
                    if m.kind == "org":
                        i += width
                        continue
                return Subject("body", m, phrase=m.text)
            i += width
            continue
        low = t.low
        if main_clause and low in FIRST_PERSON["ru"]:
            return Subject("self")
        if low in ("один", "одна") and i + 2 < n and toks[i + 1].low == "из":
            # "— заявил журналистам один из вкладчиков": someone new, one of a group
            last = _genitive_tail(doc, toks, i + 1, index)
            if last + 1 < n and punct_between(doc, toks[last], toks[last + 1], ","):
                # "Одна из пострадавших, Гульнара Абдыкадырова, рассказала", "Одна из организаторов, учительница
                # биологии Елена Смирнова, говорит": the name in apposition
                for j in range(last + 1, min(n, last + 14)):  # to the comma that closes the apposition
                    if j > last + 1 and punct_between(doc, toks[j - 1], toks[j]):
                        break
                    named = index.at_token.get(toks[j].index)
                    if named is not None and named.kind in ("person", "single") and named.case == "nom":
                        index.confirm(named)
                        return Subject("person", named)
                closing = next(
                    (j for j in range(last + 2, min(n, last + 10)) if punct_between(doc, toks[j - 1], toks[j], ",")), -1
                )
                head = None
                for x in toks[last + 1 : closing if closing > 0 else last + 1]:
                    if x.low in _PREPOSITIONS or x.upper:
                        break
                    if _role_head(doc, x) and _nominative_role(x.low, _role_head(doc, x) or ""):
                        head = x
                        break
                if head is not None:
                    # "Одна из пострадавших, 71-летняя пенсионерка из Астаны, рассказала": what she is, in apposition
                    stem = _role_head(doc, head) or ""
                    opening = next(x for x in toks[last + 1 :] if not any(c.isdigit() for c in x.text) or x is head)
                    return Subject("role", phrase=span_text(doc, opening, head), role=stem, new=True)
            if last + 1 < n and not punct_between(doc, toks[last], toks[last + 1]):
                # "Одна из организаторов протеста Елизавета Кунгурова написала": the name right after, no comma
                named = index.at_token.get(toks[last + 1].index)
                if named is not None and named.kind in ("person", "single") and named.case == "nom" and (
                    len(named.words) > 1
                ):
                    index.confirm(named)
                    return Subject("person", named)
            if last > i + 1:
                head = next((x for x in toks[i + 2 : last + 1] if _role_head(doc, x)), None)
                stem = _role_head(doc, head) if head is not None else ""
                return Subject("role", phrase=span_text(doc, t, toks[last]), role=stem or "", new=True)
        gender = pronoun("ru", low)
        if gender is not None:
            return Subject("pronoun", gender=gender)
        if low in _PREPOSITIONS:
            i = _skip_phrase(doc, index, toks, i)
            continue
        if verb and i <= 2 and low in _RECIPIENTS:
            # "— рассказал агентству Ассошиэйтед пресс …", "— заявил изданию Business Insider …": skip the
            # one told, with its name.
            i += 1
            if i < n and toks[i].index in index.at_token:
                nxt = index.at_token[toks[i].index]
                i += nxt.tokens[1] - nxt.tokens[0]
            continue
        stem = _role_head(doc, t)
        if stem is not None:
            if not _nominative_role(low, stem):
                i += 1
                continue
            last = _genitive_tail(doc, toks, i, index)
            if last == i and i + 2 < n and toks[i + 1].low == "по" and not toks[i + 2].upper and (
                toks[i + 2].low.endswith(("ам", "ям", "ию", "ии", "ству", "нию"))
            ) and not punct_between(doc, t, toks[i + 1]):
                # "Директор по закупкам одного из крупнейших ретейлеров", "уполномоченный по правам человека": what
                # the office is for, then whose
                last = _genitive_tail(doc, toks, i + 2, index)
            if last > i and stem in lex.kin and any(
                index.at_token.get(x.index) is not None and index.at_token[x.index].kind in ("person", "single")
                for x in toks[i + 1 : last + 1]
            ):
                # The role's owner is named; a name right after is the one who holds it ("адвокат Асанова Тимур
                # Бекмуратов"), else the speaker is the role ("советник Садыра Жапарова").
                holder = index.at_token.get(toks[last + 1].index) if last + 1 < n else None
                if holder is not None and holder.kind in ("person", "single") and holder.case == "nom":
                    index.confirm(holder)
                    return Subject("person", holder)
                if last + 1 < n and punct_between(doc, toks[last], toks[last + 1], ","):
                    # "Соседка Семеновой, многодетная мать Анна Крылова, говорит": the name in apposition holds it
                    for j in range(last + 1, min(n, last + 6)):
                        if j > last + 1 and punct_between(doc, toks[j - 1], toks[j]) or _verb_token(doc, toks[j]):
                            break
                        named = index.at_token.get(toks[j].index)
                        if named is not None and named.kind in ("person", "single") and named.case == "nom" and (
                            len(named.words) > 1
                        ):
                            index.confirm(named)
                            return Subject("person", named)
                return Subject("role", phrase=span_text(doc, t, toks[last]), role=stem, owned=True)
            # A name in apposition further on: "ведущий автор исследования, заведующий … Михаил Пантелеев",
            # "директор лаборатории … при Университете Корнелла Абель Мендес".
            k = last + 1
            bracketed = -1
            while k < min(n, last + 24):
                x = toks[k]
                prev = toks[k - 1]
                if "(" in doc.text(x.block)[prev.end : x.start] and k == last + 1:
                    # "директор Национального союза … («Союзмолоко») Артем Белов": the body's short name in brackets
                    close = next((j for j in range(k + 1, min(n, k + 5)) if ")" in doc.text(toks[j].block)[
                        toks[j - 1].end : toks[j].start
                    ]), -1)
                    if close > 0 and ")" not in doc.text(x.block)[x.start : toks[close - 1].end]:
                        k = bracketed = close
                        continue
                if k != bracketed and punct_between(doc, prev, x, ".;:!?()—–") and not (
                    # "Института океанологии им. П.П. Ширшова": an abbreviation's or an initial's full stop
                    doc.text(x.block)[prev.end : x.start].strip() == "."
                    and (prev.low in ("им", "г", "ул", "пр", "св") or len(prev.text) == 1 and prev.upper)
                ):
                    break
                mx = index.at_token.get(x.index)
                if mx is not None and mx.kind in ("person", "single") and k == last + 1 and not prev.upper and (
                    prev.low.endswith(("ого", "его", "ой", "ей", "ых", "их"))
                ):
                    # "— говорит мама трехлетнего Артема": an adjective in the genitive makes the name whose the
                    # role is, not who holds it
                    return Subject("role", phrase=span_text(doc, t, doc.tokens[mx.tokens[1] - 1]), role=stem,
                                   owned=stem in lex.kin)
                if mx is not None and mx.kind in ("person", "single") and not mx.after_preposition and mx.case != "obl":
                    index.confirm(mx)
                    return Subject("person", mx)
                if _verb_token(doc, x) and not _after_adjective(toks, k) and not _in_a_list(doc, toks, k) or (
                    x.low in _SUBORDINATE
                ):
                    break
                k += (mx.tokens[1] - mx.tokens[0]) if mx is not None else 1
            for k in range(i + 1, last + 1):
                told = k + 2 < n and toks[k].low.endswith(("ой", "ей")) and toks[k + 1].low.endswith(("е", "у", "ю")) and (
                    (mk := index.at_token.get(toks[k + 2].index)) is not None and mk.kind == "media"
                )
                if told or toks[k].low in _RECIPIENTS:
                    last = k - 1  # "пенсионерка | Русской службе Би-би-си": the one told is no part of her title
                    break
            if stem in lex.sources:
                # "источник в правительстве", "источник в силовых структурах", "источник “Ъ” в компании"
                last = _source_place(doc, index, toks, last)
            else:
                # "водитель погрузчика с соседнего склада", "сотрудница авиакомпании у стойки", "представитель …
                # в Пензе": where an unnamed person works or stands
                last = _role_whereabouts(doc, index, toks, last)
            phrase = span_text(doc, t, _source_described(doc, toks[last]) if stem in lex.sources else toks[last])
            numbered = _NUMBER_AFTER_RE.match(doc.text(t.block), toks[last].end)
            if numbered is not None and last > i:
                # "водитель маршрута № 92", "мать ученика школы №5": which one, by its number (numbers are no tokens)
                phrase += " " + " ".join(numbered.group(1).split())
            phrase += _quoted_owner(doc, toks[last])  # "Представитель «Мегафона»": whose, by a name in quote marks
            # "учительница одной из ошских школ": someone unnamed, new to the article
            new = any(x.low == "из" and k > i + 1 and toks[k - 1].low in _ONE_OF for k, x in enumerate(toks[i : last + 1], i))
            # "Еще одна мать, чей сын …", "Другая жительница": someone besides the one before
            # "Его коллега, электрослесарь …": someone's colleague or neighbour, a new person
            peer = i > 0 and toks[i - 1].low in ("его", "ее", "её", "их") and stem in _PEERS
            new = new or peer
            after = doc.tokens[toks[last].index + 1] if toks[last].index + 1 < len(doc.tokens) else None
            if last == i and after is not None and after.sent == t.sent and not after.upper and punct_between(
                doc, toks[last], after, ","
            ) and re.search(r"(?:вший|вшая|вшие|ший|шая|щий|щая|щие)$", after.low):
                new = True  # "— рассказал очевидец, проезжавший мимо": described by what they did, someone new
            if peer and last == i:
                # "Его коллега, электрослесарь с 15-летним стажем, добавил": what the colleague is, in apposition
                apposed = _apposed_title(doc, toks[last])
                if apposed is not None:
                    phrase = span_text(doc, t, apposed)
            new = new or i > 0 and toks[i - 1].low in ("другой", "другая") or i > 1 and (
                toks[i - 1].low in ("один", "одна") and toks[i - 2].low in ("еще", "ещё")
            )
            # "Стоящий рядом покупатель вмешивается": a participle with words of its own before the role brings
            # someone in, as English "a" (one right before it is a set title: "бывший чиновник", "ведущий аналитик")
            new = new or any(
                _PARTICIPLE_RE.search(toks[k].low) and not any(punct_between(doc, toks[j], toks[j + 1]) for j in range(k, i))
                for k in range(max(0, i - 3), i - 1)
            )
            return Subject("role", phrase=phrase, role=stem, owned=last > i and stem in lex.kin, new=new)
        bstem = _body_head(doc, t)
        if bstem is not None and low == bstem:
            named = index.at_token.get(toks[i + 1].index) if i + 1 < n else None
            if bstem in _PRESS_UNITS and (owner := _quoted_owner(doc, t)):
                # "— ответила пресс-служба «Самоката»": a company's press service, the company named in quote marks
                return Subject("body", phrase=t.text + owner, role=bstem)
            if named is not None and named.quoted and named.kind in ("org", "media"):
                # "— пишет газета «Вечерний Бишкек»": the kind, then the name it goes by.
                return Subject("media" if named.kind == "media" else "body", named, phrase=named.text)
            last = _genitive_tail(doc, toks, i, index)
            owner = _quoted_owner(doc, toks[last])  # "Пресс-служба «Мегафона»"
            generic = not owner and not any(x.upper for x in toks[i : last + 1])
            return Subject("body", phrase=span_text(doc, t, toks[last]) + owner, role=bstem, generic=generic)
        i += 1
    return None


_PRESS_UNITS = frozenset(("пресс-служба", "пресс-центр"))  # a body's own service, never a kind its name is of
_QUOTED_OWNER_RE = re.compile(r"[ \u00a0]+«([^«»\n]{1,60})»")


def _quoted_owner(doc: Document, last: Token) -> str:
    """A name in quote marks right after a title or a body's kind, which names whose it is ("представитель
    «Мегафона»", "пресс-служба «Яндекс Go»"), with a space before it; "" when there is none, or when it is in the
    dative, the one told ("пресс-служба «Медузе»")."""
    found = _QUOTED_OWNER_RE.match(doc.text(last.block), last.end)
    if found is None:
        return ""
    words = found.group(1).split()
    dative = fold(words[-1]).endswith(("е", "у", "ю", "ам", "ям")) if words else False
    if not words or len(words) > 4 or not words[0][:1].isupper() or dative:
        return ""
    return f" «{' '.join(words)}»"


# "знакомый с ситуацией", "близкий к руководству": how an unnamed source knows what they tell
_ACQUAINTED = frozenset("знакомый знакомая знакомые близкий близкая близкие".split())


def _role_whereabouts(doc: Document, index: Index, toks: list[Token], i: int) -> int:
    """The last word of a phrase that says where someone unnamed stands or works, after their title: "у" and a
    noun in the genitive, "с"/"со" and an adjective and its noun in the genitive, "в"/"во" and a place the index
    knows. A name after it means the title is that person's, and nothing is taken."""
    k = i + 1
    # (not "из": "мама второклассника из Ташкента" is as often given without where she is from as with it)
    if k + 1 >= len(toks) or toks[k].low not in ("с", "со", "у", "в", "во") or punct_between(doc, toks[i], toks[k]):
        return i
    prep = toks[k].low
    for j in range(k + 1, min(len(toks), k + 5)):
        x = toks[j]
        if punct_between(doc, toks[j - 1], x) or x.low in doc.lex.function or _verb_token(doc, x) and not (
            _after_adjective(toks, j)
        ):
            return i
        m = index.at_token.get(x.index)
        if m is not None:
            if m.kind == "place" and j == k + 1 or m.kind == "place" and all(
                _RU_ADJ_RE.search(y.low) for y in toks[k + 1 : j]
            ):
                end = k + (m.tokens[1] - m.tokens[0]) + (j - k - 1)
                return _unless_named(index, toks, i, min(end, len(toks) - 1))
            if prep in ("в", "во") or m.kind in ("person", "single"):
                return i
        if prep in ("в", "во"):
            continue  # only a place the index knows: not "в интервью", "в разговоре"
        if x.upper:
            return i
        if _RU_ADJ_RE.search(x.low) and not x.low.endswith(("ом", "ем")):
            continue  # an adjective in the genitive: "с соседнего | склада", "из столичной | школы"
        if re.search(r"(?:а|я|ы|и|ов|ев|ей)$", x.low) and (prep not in ("с", "со") or j > k + 1):
            # the noun, in the genitive ("с" only after an adjective: "с соседнего склада", not "сын с сентября")
            return _unless_named(index, toks, i, j)
        return i
    return i


def _unless_named(index: Index, toks: list[Token], i: int, end: int) -> int:
    """The end of a title's phrase, unless a name follows it (then the title is that person's)."""
    nxt = index.at_token.get(toks[end + 1].index) if end + 1 < len(toks) else None
    return i if nxt is not None and nxt.kind in ("person", "single") else end


def _apposed_title(doc: Document, last: Token) -> Token | None:
    """The last word of a title in apposition after a comma, closed by another comma ("коллега, электрослесарь с
    15-летним стажем, добавил"): a role first, then up to five words with no verb."""
    words = doc.tokens
    k = last.index + 1
    if k >= len(words) or words[k].sent != last.sent or not punct_between(doc, last, words[k], ","):
        return None
    bare = re.sub(r"^(?:электро|газо|тепло|авиа|фото|видео|радио|агро|авто)", "", words[k].low)
    if words[k].upper or _role_head(doc, words[k]) is None and role_stem(doc.lex, bare) is None:
        return None  # (a compound's last part tells the trade: "электрослесарь")
    for j in range(k + 1, min(len(words), k + 7)):
        if words[j].sent != last.sent:
            return None
        if punct_between(doc, words[j - 1], words[j]):
            return words[j - 1] if punct_between(doc, words[j - 1], words[j], ",") else None
        if _verb_token(doc, words[j]) and not _after_adjective(words, j):
            return None
    return None


def _source_described(doc: Document, last: Token) -> Token:
    """The last word of ", знакомый с …," / ", близкий к …," after an unnamed source: the apposition that says who
    they are ("источник РБК, близкий к руководству перевозчика"), to the comma that closes it, read in the sentence
    (past a clause cut at the comma); the source's own last word when there is none."""
    words = doc.tokens
    k = last.index + 1
    if k + 1 >= len(words) or words[k].low not in _ACQUAINTED or words[k + 1].low not in ("с", "со", "к", "ко"):
        return last
    if words[k].sent != last.sent or not punct_between(doc, last, words[k], ",") or punct_between(
        doc, words[k], words[k + 1]
    ):
        return last
    for j in range(k + 2, min(len(words) + 1, k + 10)):
        if j == len(words) or words[j].sent != last.sent or punct_between(doc, words[j - 1], words[j]):
            return words[j - 1] if j > k + 2 else last
        if _verb_token(doc, words[j]) and not _after_adjective(words, j) or words[j].low in _SUBORDINATE:
            return last
    return last


def _source_place(doc: Document, index: Index, toks: list[Token], i: int) -> int:
    """The last word of "в X" after an unnamed source: "источник в театре", "источник в силовых структурах", and
    the genitives that say whose X it is ("в окружном правительстве Югры", "на станции скорой медицинской
    помощи")."""
    end = _source_place_end(doc, toks, i)
    return _genitive_tail(doc, toks, end, index) if end > i else end


def _source_place_end(doc: Document, toks: list[Token], i: int) -> int:
    k = i + 1
    if k >= len(toks) or toks[k].low not in ("в", "во", "на") or punct_between(doc, toks[i], toks[k], ",.;:!?()—–"):
        return i  # (a quote mark may close the outlet's name: "источник “Ъ” в отрасли")
    one_of = k + 2 < len(toks) and toks[k + 1].low in ("одном", "одной") and toks[k + 2].low == "из"
    if one_of:
        k += 2  # "в одном из банков-конкурентов"
    for j in range(k + 1, min(len(toks), k + 4)):
        x = toks[j]
        if punct_between(doc, toks[j - 1], x) or _verb_token(doc, x) and not _after_adjective(toks, j) and (
            j > k + 1  # (right after "в" comes a noun, whatever its ending: "в отрасли")
        ) or x.low in doc.lex.function:
            return i  # ("в авиационной отрасли": a noun after an adjective in its case is no verb in -ли)
        plural_noun = toks[j - 1].low.endswith(("ых", "их")) and not x.low.endswith(("ых", "их"))  # "торговых сетей"
        if not (_ADJECTIVE_RE.search(x.low) or _RU_ADJ_RE.search(x.low)) or x.upper or plural_noun:
            # ("в областном правительстве": an adjective in the locative, then its noun) and the genitive that
            # says whose: "в экстренных службах региона"
            nxt = toks[j + 1] if j + 1 < len(toks) else None
            if nxt is not None and x.upper and not x.initial and j == k + 1 and _RU_ADJ_RE.search(x.low) and not (
                nxt.upper or punct_between(doc, x, nxt) or _verb_token(doc, nxt) or nxt.low in doc.lex.function
            ):
                return j + 1  # "в Жилищном комитете": a body's own name, an adjective capitalised, then its noun
            if nxt is not None and not x.upper and nxt.text.isupper() and len(nxt.text) >= 2 and not punct_between(
                doc, x, nxt
            ):
                return j + 1  # "в региональном управлении МВД": whose, by its initials
            after = toks[j + 2] if j + 2 < len(toks) else None
            if nxt is not None and after is not None and not x.upper and nxt.upper and not nxt.initial and (
                nxt.low.endswith(("ской", "цкой")) and after.low in _REGION_GENITIVES
                and not punct_between(doc, x, nxt) and not punct_between(doc, nxt, after)
            ):
                return j + 2  # "в правительстве Курганской области": the region's, in the genitive
            # (not "в одном из банков-кредиторов | сети": which one it is ends the phrase)
            if nxt is not None and not one_of and not x.upper and not nxt.upper and not punct_between(doc, x, nxt) and (
                _GENITIVE_RE.search(nxt.low) and not _verb_token(doc, nxt) and nxt.low not in doc.lex.function
            ):
                after = toks[j + 2] if j + 2 < len(toks) else None
                if after is not None and _RU_ADJ_RE.search(nxt.low) and not after.upper and not punct_between(
                    doc, nxt, after
                ) and _GENITIVE_RE.search(after.low) and after.low not in doc.lex.function and not _verb_token(doc, after):
                    return j + 2  # "на рынке складской недвижимости": an adjective in the genitive, then its noun
                return j + 1
            return j
    return i


def _someone_after(doc: Document, index: Index, toks: list[Token], k: int) -> bool:
    """Does a person or a role in the nominative follow at once, with no punctuation between?"""
    if k >= len(toks) or punct_between(doc, toks[k - 1], toks[k]):
        return False
    m = index.at_token.get(toks[k].index)
    if m is not None:
        return m.kind == "person" and m.case == "nom"
    for j in range(k + 1, min(len(toks), k + 4)):
        if punct_between(doc, toks[j - 1], toks[j]):
            break
        named = index.at_token.get(toks[j].index)
        if named is not None:
            if named.kind == "person" and named.case == "nom":
                return True  # "— рассказала АКИpress пассажирка рейса Гульзат Муратова"
            break
    stem = _role_head(doc, toks[k])
    if stem is None and k + 1 < len(toks) and _RU_ADJ_NOM_RE.search(toks[k].low):
        stem = _role_head(doc, toks[k + 1])  # "… главный тренер"
    return stem is not None


_RU_ADJ_NOM_RE = re.compile(r"(?:ый|ий|ой|ая|яя)$")


def _single_speaks(doc: Document, toks: list[Token], i: int, width: int, verb: str) -> bool:
    """A lone proper noun is a person when it stands right after the verb of saying ("— сказал Бальбек") or right
    before a verb as its subject ("Фара же говорит", "Эми сейчас празднует")."""
    if verb and i <= 2:
        return True
    for t in toks[i + width : i + width + 3]:
        if _is_verb(doc, t.low):
            return True
        if punct_between(doc, toks[i + width - 1], t):
            break
    return False


def _skip_phrase(doc: Document, index: Index, toks: list[Token], i: int) -> int:
    """Skip a preposition and the noun phrase it governs ("через главную газету страны «…»"): stop at a name,
    a role in the nominative, a verb or punctuation."""
    j = i + 1
    while j < len(toks):
        t = toks[j]
        if punct_between(doc, toks[j - 1], t, ",.;:!?()—–"):
            break
        m = index.at_token.get(t.index)
        if j > i + 1:
            if m is not None and m.kind in ("person", "single"):
                break
            if t.low in (role_stem(doc.lex, t.low), _body_head(doc, t)) or _is_verb(doc, t.low):
                break  # a nominative role or body after the phrase: "во вторник | пресс-служба мэрии"
            if t.low in ("один", "одна") and j + 1 < len(toks) and toks[j + 1].low == "из":
                break  # "в соцсетях | одна из местных жительниц"
        j += (m.tokens[1] - m.tokens[0]) if m is not None else 1
    return j


def _nominative_role(low: str, stem: str) -> bool:
    """Is this form of a role word the nominative (сотрудник, пресс-секретарь, глава), not сотрудника?"""
    # ("врач-эндокринолог": a role of two roles, in the nominative when its first part is)
    return low == stem or low == stem + "ница" or "-" in low and low.split("-", 1)[0] == stem


def _surname_like(m: Mention) -> bool:
    return len(m.words[-1]) > 4 and bool(re.search(r"(?:ов|ев|ин|ова|ева|ина|ский|ская)$", m.words[-1].lower()))


GRAMMAR = Russian()
