"""Kyrgyz: the verb of saying closes the quote and its subject comes after it, or opens the sentence.

- `«…», — деди X.` / `«…», — деп билдирди X.` / `«…» — деп кайрылат депутат.`: the subject follows the verb,
  past adverbials in oblique cases (`жыйында`, `журналисттерге`, `бүгүн`).
- `«…» — деп премьер-министр X … билдирди.` / `«…», — депутат X деген пикирин билдирди.`: between деп and the verb.
- `X «…» деп билдирди.` / `X билдирди: «…»` / `Xдин айтымында, «…»`: the subject opens the sentence.
- `«…», — деп айтылат министрликтин билдирүүсүндө.`: an impersonal verb, and the owner of the statement speaks;
  with no owner nobody is named.

A noun phrase is read through its case endings: genitives own the head after them (`мэриянын басма сөз кызматы`,
`Карабаевдин адвокаты Кантемир Турдалиев`), and a name right after a role is its holder and the speaker
(`Армениянын президенти Серж Саргсян`). A word in an oblique case is never the subject.
"""

from __future__ import annotations

import re

from news.morph import KyForm, ky_forms, ky_nominative
from news.quotes.attribution.phrases import clean, punct_between, span_text
from news.quotes.attribution.subject import Subject
from news.quotes.cues import is_de, is_speech_verb, pronoun
from news.quotes.document import Document, Token
from news.quotes.lexicon import fold
from news.quotes.mentions import Index, Mention, body_stem, role_stem, surname_shape
from news.quotes.spans import Candidate

# Small words that may sit inside a noun phrase: "дагы бир мүчөсү", "мурдагы министр".
_NP_GLUE = frozenset("дагы бир эле да жана мурдагы экс азыркы учурдагы мурунку".split())
# Nouns after a genitive that make "according to X": Ташиевдин айтымында, Xтин пикиринде, Xтин сөзүнө караганда.
_ACCORDING = (
    "айтым", "пикир", "сөзүн", "сөзү", "билдиргениндей", "билдиргендей", "айткандай", "белгилегендей", "маалымат",
    "жазгандай", "эсептегендей", "эсебинде",
)
# Postpositions: the noun before one is in an oblique phrase ("күбө катары", "Асанов менен", "мэрия тарабынан").
_POSTPOSITIONS = frozenset(
    (
        "катары сыяктуу сымал үчүн менен боюнча тууралуу жөнүндө аркылуу тарабынан тараптан чейин каршы ордуна "
        "жагынан"
    ).split()
)
# "Xтен билдиришкендей": as was reported from X.
_AS_REPORTED_FROM = frozenset(
    "билдиришкендей маалымдашкандай кабарлашкандай айтышкандай билдиргендей маалымдагандай".split()
)
# How many words may stand between a genitive and the head it owns.
_NP_REACH = 4


def _forms(t: Token) -> tuple[KyForm, ...]:
    return ky_forms(t.low)


def _case_forms(t: Token) -> tuple[KyForm, ...]:
    """The readings that tell a word's case; a compound's endings are its last part's ("аты-жөнүн" is жөн-ү-н, not a
    genitive of "аты-жө")."""
    low = t.low
    if "-" in low and not t.upper:
        last = low.rsplit("-", 1)[1]
        if len(last) >= 3:
            return ky_forms(last)
    return ky_forms(low)


def _is_genitive(t: Token) -> bool:
    forms = _case_forms(t)
    return len(forms) > 1 and forms[0].case == "gen"


def _is_oblique(t: Token) -> bool:
    forms = _case_forms(t)
    return len(forms) > 1 and forms[0].case in ("acc", "dat", "loc", "abl")


_INTERVIEW_LABEL_RE = re.compile(r"[А-ЯЁӨҮҢA-Z][\w’'-]*(?:\s+[А-ЯЁӨҮҢA-Z][\w’'-]*){0,2}\s*:\s")


def _noun(doc: Document, t: Token) -> tuple[str, str, KyForm] | None:
    """Read a lowercase word as a role or a body noun: (kind, lexicon form, its reading)."""
    lex = doc.lex
    if t.low in lex.function:
        return None  # "ага" as it stands is "to him", not a brother
    forms = _forms(t)
    for f in forms:
        stem = f.stem
        if stem in lex.role_heads:
            return "role", stem, f
        if stem in lex.body_heads:
            return "body", stem, f
    if not t.upper:
        for f in forms:
            if lex.is_doer(f.stem):
                return "role", f.stem, f  # "археолог", "токойчу": a doer by its suffix
    return None


class Kyrgyz:
    def clause_subject(self, doc: Document, index: Index, cand: Candidate) -> Subject | None:
        c1, c2 = cand.clause
        toks = doc.tokens_between(cand.block, c1, c2)
        if not toks:
            return None
        lex = doc.lex
        head = [t.low for t in toks[:5]]
        passive = next((k for k, w in enumerate(head) if w in lex.passive), -1)
        if passive >= 0:
            # "— деп жазылган билдирүүдө", "— деп жазылган анда": a statement reported before, by whoever made it;
            # "«…» деп айтылган убадалар" (promises that were made) names nobody.
            nxt = toks[passive + 1].low if passive + 1 < len(toks) else ""
            points_back = nxt in ("анда", "ошондо", "ошол") or nxt.startswith(lex.statements)
            return _statement_owner(doc, index, toks) or Subject("passive", generic=points_back)
        cites = next((k for k, t in enumerate(toks[:10]) if t.low.startswith("цитирле")), -1)
        if cites > 0:
            # "— деп Ларионованы цитирлейт ТАСС агенттиги": the one cited, in the accusative
            cited = _cited(index, toks[cites - 1])
            if cited is not None:
                return cited
        owner = _words_given(doc, index, toks[:12])
        if owner is not None:
            return owner  # "— деп РИА Новости агенттиги Волкованын сөзүн келтирет": whose words the outlet gives
        # "«…» деп билдиргенде, …", "«…» дегенин эстеди": the quote sits in a clause whose subject comes before it.
        subordinate = toks[0].low in ("дегенин", "дегенди", "дегени") or (
            toks[0].low == "деп" and len(toks) >= 2 and _SUBORDINATE_RE.search(toks[1].low) is not None
        )
        if not subordinate:
            found = _scan(doc, index, toks, clause=True)
            if found is not None:
                return found
        verb = next((k for k in range(1, min(len(toks), 3)) if _plural_verb(toks[k].low)), 0)
        if toks[0].low == "деп" and verb:
            # "— деп билдиришти министрликтен", "— деп жооп беришти башкармалыгынан": they said from the
            # ministry, the ministry said it.
            source = _ablative_body(doc, index, toks, verb + 1)
            if source is not None:
                return source
            # "Экологдор «…» деп эсептешет": a group said it.
            before = self.subject_before(doc, index, cand.block, *cand.before)
            if before is not None:
                return before
            return Subject("group", phrase="")
        return self.subject_before(doc, index, cand.block, *cand.before)

    def subject_before(self, doc: Document, index: Index, b: int, start: int, end: int) -> Subject | None:
        label = _INTERVIEW_LABEL_RE.match(doc.text(b))
        if label is not None and start < label.end() < end:
            start = label.end()  # "Бакай Мамыракунов: … X парламентте «…» деп убада берген": past the turn's label
        toks = doc.tokens_between(b, start, end)
        if not toks:
            return None
        # "Ташиевдин айтымында, «…»": the genitive before "according to" is the speaker.
        for i, t in enumerate(toks[1:], 1):
            if _according_to_in_reply(t, toks[i + 1] if i + 1 < len(toks) else None):
                continue
            if t.low.startswith(_ACCORDING) or t.low.startswith(doc.lex.statements):
                if toks[i - 1].low in ("анын", "алардын", "өзүнүн"):
                    return Subject("pronoun", gender="+" if toks[i - 1].low == "алардын" else "")
            # "Коалициянын билдирүүсүндө мындай делет:": the owner of a statement in the locative speaks too
            in_statement = t.low.startswith(doc.lex.statements) and any(
                f.case == "loc" and f.possessive for f in ky_forms(t.low)[:-1]
            )
            if t.low.startswith(_ACCORDING) or in_statement:
                owner = _genitive_owner(doc, index, toks, i - 1)
                if owner is not None:
                    return owner
        # "Өкүмдө соттун мындай деген жыйынтыгы бар: «…»": a statement that exists ("бар"), owned by a genitive a
        # few words before it ("мындай деген" between), is its owner's words
        if len(toks) >= 3 and toks[-1].low == "бар" or len(toks) >= 2 and toks[-1].low.startswith(doc.lex.statements):
            last = len(toks) - (2 if toks[-1].low == "бар" else 1)
            t = toks[last]
            if t.low.startswith(doc.lex.statements) and any(f.possessive and f.case == "nom" for f in ky_forms(t.low)[:-1]):
                for k in range(last - 1, max(-1, last - 4), -1):
                    prev = toks[k]
                    if punct_between(doc, prev, toks[k + 1]):
                        break
                    if not _is_genitive(prev):
                        continue
                    owner = _genitive_owner(doc, index, toks, k)
                    if owner is not None:
                        return owner
                    break
        # "Kloop басылмасы Абдыразаковдун соттогу акыркы сөзүн келтирет: «…»": whose words the outlet gives
        owner = _words_given(doc, index, toks)
        if owner is not None:
            return owner
        for k, t in enumerate(toks[1:], 1):
            # "Reuters агенттиги мэр Хасан Озтүрктү цитата келтирди: «…»", "… Xти цитирлейт:": the one cited
            if t.low.startswith("цитирле") or t.low == "цитата" and k + 1 < len(toks) and toks[k + 1].low.startswith(
                "келтир"
            ):
                cited = _cited(index, toks[k - 1])
                if cited is not None:
                    return cited
        # "Министрликтен билдиришкендей, «…»": as they said from the ministry, the ministry says it.
        for i, t in enumerate(toks[1:], 1):
            if t.low in _AS_REPORTED_FROM:
                first = i - 1
                while first > 0 and i - first < 6 and not punct_between(doc, toks[first - 1], toks[first]) and (
                    toks[first - 1].upper or _is_genitive(toks[first - 1]) or _bare_word(doc, toks[first - 1])
                ):
                    first -= 1
                found = _ablative_body(doc, index, toks[:i], first)
                if found is not None:
                    return found
        # The subject of the verb that frames the quote comes after any clause embedded before it
        # ("… кымбаттап жатканын Мирлан аттуу соодагер айтты:", "… дегенде Осмонкулов сөздү бөлүп:").
        cut = max((k + 1 for k, t in enumerate(toks[:-1]) if _ends_clause(t.low)), default=0)
        if cut:
            found = _scan(doc, index, toks[cut:], clause=False)
            if found is not None:
                return found
        return _scan(doc, index, toks, clause=False)

    def statement_owner(self, doc: Document, index: Index, si: int) -> Subject | None:
        return _statement_owner(doc, index, doc.sentence_tokens(si))

    def sentence_subject(self, doc: Document, index: Index, si: int, end: int | None = None) -> Subject | None:
        sent = doc.sents[si]
        toks = [t for t in doc.sentence_tokens(si) if end is None or t.start < end]
        if not toks:
            return None
        found = self.subject_before(doc, index, sent.block, toks[0].start, toks[-1].end)
        if found is not None and found.kind == "pronoun":
            # "Ал 20 жылдан бери тоодо иштейт, аты Адылбек Кенжесариев": the sentence names who "ал" is
            for k, t in enumerate(toks[:-1]):
                if t.low in ("аты", "ысымы", "аты-жөнү"):
                    m = index.at_token.get(toks[k + 1].index)
                    if m is not None and m.kind in ("person", "single") and m.case == "nom":
                        index.confirm(m)
                        return Subject("person", m)
        if found is None or found.kind == "role":
            # "… ашпозчу болуп иштеген Назгүл аттуу келин …": the one the sentence gives a name by "аттуу"
            for k, t in enumerate(toks[:-1]):
                if toks[k + 1].low == "аттуу":
                    m = index.ending_at(t)
                    if m is not None and m.kind in ("person", "single") and m.case == "nom":
                        index.confirm(m)
                        return Subject("person", m)
        if found is not None and found.kind == "role" and not found.owned:
            # "Медиа укугу боюнча юрист, «…» институтунун кызматкери Асел Жумакадырова … сынга алды": titles, one after
            # another, before the name they all belong to
            head = next((k for k, t in enumerate(toks) if role_stem(doc.lex, t.low) == found.role), -1)
            k = head + 1 if head >= 0 else len(toks)
            while k < min(len(toks), head + 10):
                t = toks[k]
                m = index.at_token.get(t.index)
                if m is not None and m.kind == "person" and m.case == "nom":
                    return Subject("person", m)
                gap = _QUOTED_NAME_RE.sub("", doc.text(t.block)[toks[k - 1].end : t.start])
                if gap.strip(" ,«»\"“”") or not (
                    t.upper or role_stem(doc.lex, t.low) is not None or body_stem(doc.lex, t.low) is not None
                    or _is_genitive(t)
                ):
                    break
                k += max(1, m.tokens[1] - m.tokens[0]) if m is not None else 1  # a name of several words at once
        if found is not None and found.kind in ("role", "pronoun"):
            # "ун саткан аял өзүн Гүлсара деп тааныштырды": the one who introduced themselves by that name
            for k, t in enumerate(toks[:-3]):
                if t.low == "өзүн" and toks[k + 2].low == "деп" and toks[k + 3].low.startswith(("тааныштыр", "атады")):
                    m = index.at_token.get(toks[k + 1].index)
                    if m is not None and m.kind in ("person", "single"):
                        index.confirm(m)
                        return Subject("person", m)
        return found


# Words that close a clause embedded in a sentence: a participle or verbal noun in the accusative ("тураарын",
# "экенин", "болгонун", "кылышын"), a temporal or conditional converb ("дегенде", "болсо"), a quoting "деп".
_CLAUSE_END_RE = re.compile(
    r"(?:[гк][аеоө]н[ыиуү]н|[аеоөыиуү]р[ыиуү]н|экен[ыиуү]н|[дт][ыиуү]г[ыиуү]н|ш[ыиуү]н|"
    r"[гк][аеоө]нд[аеоө]|[гк][аеоө]нд[аеоө]н|с[аеоө]|деп|деген|дегенде)$"
)
# The forms of a verb after деп that make the quote part of a subordinate clause: "«…» деп билдиргенде, …".
_SUBORDINATE_RE = re.compile(r"(?:[гк][аеоө]нд[аеоө]|[гк][аеоө]нд[аеоө]н|[ыиуү]п|с[аеоө]|[гк][аеоө]н[ыиуү]н)$")


_ONE_OF = ("бири", "бирөөсү", "бирөө")
# A past participle made a noun, in the genitive plural: "бошотулгандардын", "кармалгандардын" (of those …).
_DOERS_GEN_RE = re.compile(r"[гк][аеоө]н(?:дар|дер|дор|дөр|тар|тер|тор|төр)[дт][ыиуү]н$")
_SEX_NOUNS = frozenset(("аял", "эркек", "келин", "жигит"))
# A patronymic in a case ("Абдырасул уулунун", "Асан кызына")
_FATHER_CASED_RE = re.compile(r"(?:уулу|кызы)(?:нун|нын|на|н|нда|нан)")
_NAME_WORDS = frozenset(("аты-жөнүн", "атын", "ысмын", "ысымын", "фамилиясын"))  # one's name, as the object of a verb
_UNNAMED = ("атабоо", "айтпоо", "жарыялабоо", "жазбоо", "айтуудан", "атоодон", "ачыкка")
_QUOTED_NAME_RE = re.compile(r"«[^«»\n]{1,60}»|“[^“”\n]{1,60}”|\"[^\"\n]{1,60}\"")


def _according_to_in_reply(t: Token, after: Token | None) -> bool:
    """"Досмамбетовдун сөзүнө … жооп кайтарды": a dative of "word" or "opinion" is what someone answers, not
    "according to", unless "караганда" follows ("сөзүнө караганда")."""
    if t.low.startswith(_ACCORDING) and ky_forms(t.low)[0].case == "acc":
        return True  # "машыктыруучусунун сөзүн угуп": what someone heard, not "according to"
    if t.low.startswith(_ACCORDING) and ky_forms(t.low)[0].case == "nom" and ky_forms(t.low)[0].possessive and (
        after is None or after.low != "боюнча"
    ):
        return True  # "ишкерлердин пикири эске алынбай калды": their opinion, the subject of its own clause
    return (
        t.low.startswith(_ACCORDING)
        and t.low.endswith(("үнө", "уна", "ына", "ине", "сына", "сине", "ге", "га"))
        and (after is None or after.low != "караганда")
    )


def _ends_clause(low: str) -> bool:
    return len(low) > 4 and bool(_CLAUSE_END_RE.search(low)) or low in ("деп", "деген")


def _ablative_body(doc: Document, index: Index, toks: list[Token], first: int) -> Subject | None:
    """A body in the ablative after the verb, with the words that name it: "— деп маалымдашты фонддон",
    "— деп билдиришти Суу ресурстары кызматынын Баткен облустук башкармалыгынан", "— деп билдиришти БШКдан"."""
    for k in range(first, min(len(toks), first + 8)):
        if k > first and punct_between(doc, toks[k - 1], toks[k]):
            return None
        m = index.at_token.get(toks[k].index)
        if m is not None and m.kind in ("body", "org", "media") and m.tokens[1] - 1 == toks[k].index:
            if ky_forms(toks[k].text)[0].case == "abl":
                return Subject("body", m, phrase=m.text)
        noun = _noun(doc, toks[k])
        if noun is None or noun[0] != "body" or noun[2].case != "abl":
            continue
        head = ky_nominative(toks[k].text)
        words = [t.text for t in toks[first:k]] + [head]
        generic = not any(t.upper and not t.initial for t in toks[first : k + 1])
        return Subject("body", phrase=clean(" ".join(words)), role=noun[1], generic=generic)
    return None


def _plural_verb(low: str) -> bool:
    return low.endswith(("шат", "шет", "шот", "шөт", "шты", "шти", "штү", "шту", "шкан", "шкен", "шкон", "шкөн"))


def _role_subject(doc: Document, toks: list[Token], first: int, noun: tuple[str, str, KyForm], head: Token) -> Subject:
    """A role with its modifiers; one that is a relation to its owner ("кыздын апасы") is owned."""
    start = toks[first]
    # owned when a genitive names the one it is a relation to ("кыздын апасы"), not when participles describe it
    # "Анын эки кызы", "— деп күлдү атасы": a relation in the possessive is someone's, named or not
    owned = noun[1] in doc.lex.kin and (any(_is_genitive(x) for x in toks[first : toks.index(head)]) or noun[2].possessive)
    # "дагы бир тургуну", "бир кызматкер": someone new, not anyone named before; so is "тургундардын бири, … аял"
    # (one of them) and one who asked not to be named ("аты-жөнүн айтпоону өтүнгөн аял")
    words = toks[first : toks.index(head)]
    one_of = any(t.low in _ONE_OF for t in words)
    new = any(t.low == "бир" and not (k and words[k - 1].low == "ар") for k, t in enumerate(words)) or one_of or any(
        t.low in _NAME_WORDS and k + 1 < len(words) and words[k + 1].low.startswith(_UNNAMED)
        for k, t in enumerate(words)
    )
    owned = owned and not one_of
    end = head
    k = toks.index(head) + 1
    if k < len(toks) and toks[k].low in _SEX_NOUNS and not punct_between(doc, head, toks[k]) and not (
        noun[2].possessive and first < toks.index(head) and _is_genitive(toks[toks.index(head) - 1])
    ):
        end = toks[k]  # "пенсионер аял": what she is, and that she is a woman
    return Subject("role", phrase=span_text(doc, start, end), role=noun[1], owned=owned, new=new)


def _scan(doc: Document, index: Index, toks: list[Token], *, clause: bool) -> Subject | None:
    """Find the first subject in a stretch of narrative words: a name, a pronoun, a role or a body, in the
    nominative, with the genitives that own it.

    A head is only the subject once the phrase has ended: "Сенаттын | бюджет комитетинин мүчөсү Анна Ли" and
    "шаардык | милициясынын башчысынын орун басары Эркин Сатаров" go on to the name.
    """
    np_first: int | None = None  # where the noun phrase being read starts (its first modifier)
    since = 0  # words read since np_first without reaching a head
    pending: Subject | None = None  # a head read, until the phrase is seen to end
    pending_first = 0
    addressed: Mention | None = None  # a person named in an oblique case
    closed = False  # the pending head is possessed ("Xтин адвокаты"): its phrase is whole
    i = 0
    n = len(toks)
    while i < n:
        t = toks[i]
        if pending is not None:
            step = _continues(doc, index, toks, i, pending.kind, closed=closed, clause=clause)
            if step == "end":
                return pending
            if step == "part":
                i += 1  # (the phrase already holds it, and ends with it: see _role_subject)
                closed = True
                continue
            if step == "oblique":
                pending, np_first = None, None  # "РБК агенттигине": the name belonged to an oblique phrase
                m = index.at_token.get(t.index)
                if m is not None and _addressed(doc, index, toks, i, m):
                    addressed = m  # "… башчысы X-га кайрылганыбызда, ал …"
                i += 1 if m is None else m.tokens[1] - m.tokens[0]
                continue
            pending = None
            if np_first is None:
                np_first, since = pending_first, 0
        m = index.at_token.get(t.index)
        if m is not None:
            width = m.tokens[1] - m.tokens[0]
            text = doc.text(m.block)
            if text[m.start - 1 : m.start] == "(" and text[m.end : m.end + 1] == ")":
                i += width  # "партиясынын (КСДП) өкүлү": an acronym in brackets repeats the name before it
                continue
            after = toks[i + width].low if i + width < n else ""
            if m.kind in ("single", "person") and len(m.words) == 1 and _FATHER_CASED_RE.fullmatch(after) and not (
                surname_shape(fold(m.words[0]), "ky")
            ):  # (after a surname "кызынын" is her daughter's: "Бурмакан Сейитова кызынын финалын")
                # "Абдырасул уулунун адвокаты …": a father-first name whose patronymic bears the case; in the
                # genitive it owns the next noun, in another case it is no subject
                if after.endswith(("нун", "нын")):
                    if np_first is None:
                        np_first, since = i, 0
                else:
                    np_first = None
                i += width + 1
                continue
            if m.case == "gen" or m.case == "attr" or (m.kind == "place" and m.case == "nom"):
                # An owner or a place before the head: "Армениянын президенти", "БАЭдеги элчилиги".
                if np_first is None:
                    np_first, since = i, 0
                i += width
                continue
            if m.case == "obl":
                if _addressed(doc, index, toks, i, m):
                    addressed = m  # "X-га кайрылганыбызда, ал …"
                nxt = toks[i + width].low if i + width < n else ""
                if not (np_first is not None and _PAST_PARTICIPLE_RE.search(nxt)):
                    np_first = None  # (but "Нурсултандын | Өзгөндө калган | агасы": a participle's place)
                i += width
                continue
            if _before_postposition(doc, toks, i + width):
                np_first = None  # "Асанов менен сүйлөшкөн …": the name is the object of a postposition
                i += width + 1
                continue
            clause_end = _relative_clause_after(doc, index, toks, i + width) if m.case == "nom" else -1
            if clause_end > 0:
                # "Азаттык суроо жөнөткөн Саламаттык сактоо министрлиги …": the name is the subject of a participle
                # that describes the noun after it, which is the sentence's subject
                np_first = None
                i = clause_end
                continue
            if m.kind == "person":
                return Subject("person", m)
            if m.kind in ("media", "body", "org"):
                last = _body_head_after(doc, toks, i + width - 1)
                # "«Дордой» базарында", "РБК агенттигине": a name that is no body's own head, before a possessed noun
                # in an oblique case, owns that noun ("Министрлер кабинети түнкүсүн …" is the cabinet, at night)
                bare_name = m.quoted or width == 1 and _noun(doc, toks[i]) is None
                if last < 0 or bare_name and _owned_oblique_after(doc, toks, i + width):
                    np_first = None  # "РБК агенттигине": the body's name in an oblique phrase
                    i += width + 1
                    continue
                if last > i + width - 1 and _is_genitive(toks[last]):
                    # "«Ата-Журт Кыргызстан» фракциясынын мүчөсү Эрмек Сатыбалдиев": the body, with its kind in the
                    # genitive, owns what follows
                    if np_first is None:
                        np_first, since = i, 0
                    i = last + 1
                    continue
                start = toks[np_first] if np_first is not None else t
                if m.kind == "media" and last == i + width - 1:
                    pending = Subject("media", m, phrase=m.text)
                else:
                    pending = Subject("body", m, phrase=span_text(doc, start, toks[last]))
                pending_first = np_first if np_first is not None else i
                closed = False
                i = last + 1
                continue
            if m.kind == "single":
                if clause and np_first is None and _lone_after_verb(doc, toks, i, width):
                    index.confirm(m)
                    return Subject("person", m)
                if np_first is None:
                    np_first, since = i, 0
                i += width
                continue
            i += width
            continue
        low = t.low
        gender = pronoun("ky", low)
        if gender is not None and np_first is None and not (i + 1 < n and toks[i + 1].low == "эми" and low == "ал"):
            if addressed is not None and i > 0 and _WHEN_RE.search(toks[i - 1].low) and punct_between(
                doc, toks[i - 1], t, ","
            ):
                # "Айыл өкмөтүнүн башчысы X-га кайрылганыбызда, ал … айтты": the one addressed in the clause before
                index.confirm(addressed)
                return Subject("person", addressed)
            return Subject("pronoun", gender=gender)  # "Ал эми дыйкан X …" ("as for") is no pronoun
        if np_first is None and _DOERS_GEN_RE.search(low) and i + 1 < n and toks[i + 1].low in _ONE_OF and not (
            punct_between(doc, t, toks[i + 1])
        ) and (i + 2 == n or not punct_between(doc, toks[i + 1], toks[i + 2])):
            # "Бошотулгандардын бири … айтып берди": one of those who were released, someone new
            pending = Subject("role", phrase=span_text(doc, t, toks[i + 1]), role="бири", new=True)
            pending_first, closed = i, True
            i += 2
            continue
        noun = _noun(doc, t) if not t.upper or t.initial else None
        if noun is not None:
            kind, stem, form = noun
            if form.case == "gen" and form.plural and kind == "role" and i + 1 < n and toks[i + 1].low in _ONE_OF and (
                not punct_between(doc, t, toks[i + 1])
                and (i + 2 == n or not punct_between(doc, toks[i + 1], toks[i + 2]))
            ):  # (with a comma after it, what follows says who: "Жүргүнчүлөрдүн бири, … Назгүл Сейдакматова")
                # "айдоочулардын бири Азаттыкка … айтты": one of them, someone new, named by what they all are
                first = np_first if np_first is not None else _compound_start(doc, toks, i)
                while first < i and _PARTICIPLE_RE.search(toks[first].low):
                    first += 1  # ("… сатып алып жаткан | өзбекстандык соодагерлердин бири": the clause describes them)
                pending, pending_first, closed = (
                    Subject("role", phrase=span_text(doc, toks[first], toks[i + 1]), role=stem, new=True), first, True
                )
                i += 2
                continue
            if form.case == "gen":
                if np_first is None:
                    np_first, since = _owner_start(doc, toks, i), 0
                i += 1
                continue
            if form.oblique:
                np_first = None
                i += 1
                continue
            first = np_first if np_first is not None else _compound_start(doc, toks, i)
            pending_first = first
            closed = form.possessive and form.case == "nom" and first < i and (
                _is_genitive(toks[i - 1]) or _is_genitive(toks[first])  # "Xтын Өзгөндө калган агасы"
            )
            if form.plural:
                pending = Subject("group", phrase=span_text(doc, toks[first], t)) if kind == "role" else None
                if pending is None:
                    np_first = None
            elif kind == "role":
                pending = _role_subject(doc, toks, first, noun, t)
            else:
                generic = not any(x.upper and not x.initial for x in toks[first : i + 1])
                pending = Subject("body", phrase=span_text(doc, toks[first], t), role=stem, generic=generic)
            i += 1
            continue
        # "аты-жөнүн атагысы келбеген кызматкер", "ооруканада жаткан апа": an object or an adverbial inside a
        # participle's clause describes the noun after it
        object_of_participle = (
            _case_forms(t)[0].case in ("acc", "loc", "abl", "dat")
            and len(_case_forms(t)) > 1
            and any(_PAST_PARTICIPLE_RE.search(x.low) for x in toks[i + 1 : i + 3])
        )
        if np_first is not None:
            if _is_genitive(t) or object_of_participle:
                since = 0
            elif low in _NP_GLUE or not (_is_oblique(t) or is_speech_verb(doc.lex, low) or is_de(doc.lex, low)):
                since += 1
                if since > _NP_REACH:
                    np_first = None
            else:
                np_first = None
        elif (_is_genitive(t) or object_of_participle) and not is_speech_verb(doc.lex, low):
            np_first, since = _owner_start(doc, toks, i) if _is_genitive(t) else i, 0
        i += 1
    return pending


def _continues(
    doc: Document, index: Index, toks: list[Token], i: int, head: str, *, closed: bool = False, clause: bool = False
) -> str:
    """Does the noun phrase go on at word i ("go"), end before it ("end"), or turn out oblique ("oblique")?

    A head possessed by the genitive right before it closes its phrase ("Шектүүлөрдүн биринин адвокаты |
    коргоосундагы адамдын …"), unless a name in apposition or a postposition follows."""
    t = toks[i]
    if punct_between(doc, toks[i - 1], t, ",.;:!?()—–"):
        if head == "role" and _apposition_after_comma(doc, index, toks, i):
            return "go"  # "Микрорайондун тургуну, пенсионер Гүлнара Осмонова"
        return "end"
    m = index.at_token.get(t.index)
    if m is not None:
        if head == "role" and m.kind in ("person", "single") and m.case == "nom":
            return "go"  # the name in apposition: "… кызматкери Асел Дөөлөткелдиева"
        if head == "role" and _addressed(doc, index, toks, i, m):
            return "oblique"  # "сөз базанын механиги Бакберген Сулуевге берилди": the role goes with the name's case
        after = toks[i + m.tokens[1] - m.tokens[0]] if i + m.tokens[1] - m.tokens[0] < len(toks) else None
        if head == "role" and m.quoted and after is not None and (noun := _noun(doc, after)) is not None and (
            noun[0] == "body" and noun[2].case == "gen"
        ):
            return "go"  # "Төө буурчак экспорттоочу «Талас Агро» компаниясынын директору": the trade tells the kind
        return "end"  # "Депутат | Кыргызстандагы Кытай ашканалары": a new phrase begins
    if head == "body" and _WHERE_OF_RE.search(t.low) and not closed:
        return "oblique"  # "Сот залындагы акыркы сөзүндө ал …": the noun owns a place that says where, no subject
    if t.low == "жана" and i + 1 < len(toks):
        return "go"
    if head == "role" and t.low in _SEX_NOUNS and _noun(doc, toks[i - 1]) is not None and not closed:
        return "part"  # "пенсионер аял", "сатуучу эркек": a trade before the word for a woman or a man, one phrase
    if t.low[:1].isdigit() and head == "body":
        return "end"  # "Акыйкатчы институту | 2024-жыл боюнча …": a date says when, no part of the name
    if t.low in _POSTPOSITIONS:
        return "oblique"
    if closed:
        return "end"
    # a head already possessed ("Акыйкатчы институту") owns no possessed noun after it without a genitive: "Акыйкатчы
    # институту | баяндамасын тапшырды" is the institute, then what it submitted
    headed = any(f.possessive and f.case == "nom" for f in _forms(toks[i - 1])[:-1]) and head == "body" and (
        _POSSESSED_OBLIQUE_RE.search(t.low) is not None or _case_forms(t)[0].case == "acc"
    )
    if headed:
        return "end"
    noun = _noun(doc, t)
    if noun is not None:
        form = noun[2]
        if head == "body" and noun[0] == "role" and form.case == "nom" and not form.plural:
            return "go"  # "бөлүм башчы", "министрлик өкүлү": the body's role is the head
        prev = _noun(doc, toks[i - 1])
        if head == "role" and noun[1] in doc.lex.kin and form.possessive and form.case == "nom" and (
            prev is not None and prev[0] == "role" and prev[2].case == "nom" and not prev[2].possessive
        ):
            return "end"  # "бир аял | уулу … депортацияланганын айтты": her son begins a clause of his own
        if head == "role" and noun[0] == "role" and form.case == "nom" and not (form.plural or form.possessive) and (
            prev is not None and prev[0] == "role" and prev[2].case == "nom" and not (prev[2].possessive or prev[2].plural)
        ):
            return "go"  # "ардагер мугалим", "пенсионер дыйкан": a bare noun before a role describes it; the last is the head
        if form.oblique:
            # "РБК агенттигине": a name and its kind in the possessive make one oblique phrase.
            return "oblique" if form.possessive else "end"
        # "полиция департаментинин …", "Өкүлдөр палатасынын …" go on; a new noun in the nominative
        # ("Борбордун жетекчиси | адистер …") is the next phrase.
        return "go" if form.case == "gen" or form.possessive else "end"
    if _is_genitive(t):
        return "go"
    if head in ("body", "role") and not clause and _POSSESSED_OBLIQUE_RE.search(t.low) and _owned_oblique_after(
        doc, toks, i
    ) and not is_speech_verb(doc.lex, t.low) and (
        fold(_forms(t)[0].stem) not in doc.lex.calendar  # ("Фермер күзүндө насыя алган": in autumn)
    ):
        # "Сот жыйынында …": a bare noun and the possessed noun after it make one oblique phrase (not after the
        # verb, where "— деди депутат жыйында" is the deputy at the meeting)
        return "oblique"
    # "Steppe Policy Lab изилдөө борборунун эксперти": a modifier, then a genitive or a head.
    if not (_is_oblique(t) or is_speech_verb(doc.lex, t.low) or is_de(doc.lex, t.low)) and t.low not in doc.lex.function:
        for k in range(i + 1, min(len(toks), i + 3)):
            if punct_between(doc, toks[k - 1], toks[k]):
                break
            if _CLAUSE_OBJECT_RE.search(toks[k].low):
                break  # "маселе талкууланып жатканын маалымдады": a participle's clause, the object of the verb
            if _is_genitive(toks[k]):
                return "go"
            noun = _noun(doc, toks[k])
            if noun is not None:
                # "тургуну | №1 шаардык ооруканада" is a place; "бир соодагер | салык кызматкерлери келип …": people in
                # the plural after a role are the subject of a clause of their own
                plural_people = head == "role" and noun[0] == "role" and noun[2].plural and noun[2].case == "nom"
                return "end" if noun[2].oblique or plural_people else "go"
    return "end"


# A possessed noun in the locative made an attribute: зал-ы-н-да-гы, имарат-ы-н-да-гы ("сот залындагы": in the court's hall).
_WHERE_OF_RE = re.compile(r"(?:[ыиуү]|с[ыиуү])н(?:да|де|до|дө|та|те|то|тө)(?:гы|ги|гу|гү|кы|ки|ку|кү)$")
# A possessed noun in an oblique case shows the pronominal "н" before its ending: жыйын-ы-н-да, мэрия-сы-н-а
_POSSESSED_OBLIQUE_RE = re.compile(
    r"(?:[ыиуү]|с[ыиуү])н(?:да|де|до|дө|та|те|то|тө|а|е|о|ө|ан|ен|он|өн|дан|ден|дон|дөн|тан|тен|тон|төн)$"
)  # (the ablative too: зал-ы-нан)


def _addressed(doc: Document, index: Index, toks: list[Token], i: int, m: Mention) -> bool:
    """Is the mention at word i a person spoken to or given something, a name in the dative, accusative or
    ablative ("Бакберген Сулуевге", "Жумаевден"), known to be a person: written with a given name here or
    before? A lone capitalised word in the locative is a place more often ("уулу Казанда окуйт")."""
    if m.kind != "person" or m.case != "obl":
        return False
    last = toks[min(len(toks) - 1, i + m.tokens[1] - m.tokens[0] - 1)]
    if _case_forms(last)[0].case not in ("dat", "acc", "abl"):
        return False
    return len(m.words) > 1 or any(len(x.words) > 1 for x in index.by_key.get(m.key, ()) if x.kind == "person")


def _relative_clause_after(doc: Document, index: Index, toks: list[Token], k: int) -> int:
    """Where a participle's clause that a name opens ends, when a noun phrase follows it ("Азаттык | суроо
    жөнөткөн | министрлик"): the index of the word after the participle, else -1."""
    for j in range(k, min(len(toks) - 1, k + 3)):
        if punct_between(doc, toks[j - 1], toks[j]):
            return -1
        if _PAST_PARTICIPLE_RE.search(toks[j].low) and not punct_between(doc, toks[j], toks[j + 1]):
            nxt = toks[j + 1]
            named = index.at_token.get(nxt.index)
            noun = _noun(doc, nxt)
            last = toks[min(len(toks), j + 1 + (named.tokens[1] - named.tokens[0] if named is not None else 1)) - 1]
            if (named is not None and named.kind in ("body", "org", "media") and named.case == "nom" or (
                noun is not None and noun[0] == "body" and noun[2].case == "nom"
            )) and not _is_oblique(last):  # (the noun the participle describes is the subject; "… өткөн IT-форумда" is
                # where, not who)
                return j + 1
            return -1
    return -1


def _before_postposition(doc: Document, toks: list[Token], k: int) -> bool:
    return k < len(toks) and toks[k].low in _POSTPOSITIONS and not punct_between(doc, toks[k - 1], toks[k])


def _apposition_after_comma(doc: Document, index: Index, toks: list[Token], i: int) -> bool:
    """After a role and a comma, a name described by more words: the name holds them all. "Микрорайондун тургуну,
    пенсионер Гүлнара Осмонова", "Кара-Бактын тургуну, эки баланын энеси Ырыс Маматжанова", "тургуну, үч небересин
    баккан 70 жаштагы Сабыра Үмөталиева"."""
    gap = doc.text(toks[i].block)[toks[i - 1].end : toks[i].start]
    if gap.strip(" \u00a00123456789-«\"“") != ",":
        return False  # a comma, and perhaps a number that is no word: "негиздөөчүсү, 29 жаштагы …"
    for k in range(i, min(len(toks), i + 8)):
        t = toks[k]
        if k > i and punct_between(doc, toks[k - 1], t, ",.;:!?()—–"):
            return False  # (quote marks around a company's name go on: «Сакчы Лаб» компаниясынын)
        m = index.at_token.get(t.index)
        if m is not None:
            if m.kind in ("person", "single") and m.case == "nom":
                return k > i or _before_punct(doc, toks, m.tokens[1] - toks[0].index)
            if m.kind == "place" or m.case in ("gen", "attr"):
                continue  # "Ош шаарынын", "Ак-Муздагы": a place or an owner in the description
            after = m.tokens[1] - toks[0].index
            if m.kind in ("org", "body", "media") and after < len(toks) and _is_genitive(toks[after]):
                continue  # "адис, «Сакчы Лаб» компаниясынын негиздөөчүсү X": a company's name before its kind
            return False
        low = t.low
        if is_de(doc.lex, low) or is_speech_verb(doc.lex, low) or low in ("жана", "бирок", "болсо"):
            return False
        if _FINITE_RE.search(low) and len(low) > 4 and _noun(doc, t) is None:
            return False  # a verb ends the clause: the name is not in apposition
    return False


# Finite verbs that end a clause: past (-ды, -ти), present (-т, -йт), plural (-шты, -шат).
_FINITE_RE = re.compile(r"(?:[дт][ыиуү]|[аеоө]йт|[ыиуү]ят|ш[ыиуү]|ш[аеоө]т|[аеоөыиуү]т)$")


def _bare_word(doc: Document, t: Token) -> bool:
    """A lowercase word with no ending at all, no verb and no function word: a noun in the nominative."""
    low = t.low
    return (
        not t.upper
        and all(f.case == "nom" and not f.plural for f in ky_forms(low))
        and low not in doc.lex.function
        and not is_speech_verb(doc.lex, low)
        and not is_de(doc.lex, low)
        and not _CLAUSE_END_RE.search(low)
    )


def _before_punct(doc: Document, toks: list[Token], k: int) -> bool:
    return k >= len(toks) or punct_between(doc, toks[k - 1], toks[k])


def _owner_start(doc: Document, toks: list[Token], i: int) -> int:
    """Where an owner in the genitive starts: a bare place noun before it belongs to it ("айыл өкмөтүнүн башчысы",
    "айыл аймагынын башчысы")."""
    before = toks[i - 1] if i > 0 else None
    if before is not None and (before.low,) in doc.lex.place_heads and not punct_between(doc, before, toks[i]):
        return i - 1
    return i


def _compound_start(doc: Document, toks: list[Token], i: int) -> int:
    """Up to two bare nouns right before a head belong to it ("басма сөз кызматы", "Ички иштер министрлиги")."""
    first = i
    for k in range(i - 1, max(-1, i - 3), -1):
        t = toks[k]
        if punct_between(doc, t, toks[k + 1]) or is_de(doc.lex, t.low) or is_speech_verb(doc.lex, t.low):
            break
        if t.low == "бир":
            # "токмоктук бир эне", "дагы бир тургун": someone new, with the article "бир" in the phrase
            first = k - 1 if k > 0 and toks[k - 1].low == "дагы" else k
            break
        if t.low in doc.lex.function or _is_oblique(t) or t.low.endswith(("ып", "ип", "уп", "үп")):
            break
        first = k
    return first


def _body_head_after(doc: Document, toks: list[Token], last: int) -> int:
    """A capitalised body name may go on in lowercase to its head: "Тышкы иштер министрлиги"; -1 when that head
    is in an oblique case ("РБК агенттигине")."""
    own = _noun(doc, toks[last])
    if own is not None and own[0] == "body" and own[2].case == "nom" and own[2].possessive:
        return last  # "… министрлиги | ашуудагы кыймыл …": a name that ends with its own head ends there
    for k in range(last + 1, min(len(toks), last + 4)):
        if punct_between(doc, toks[k - 1], toks[k]) or toks[k].upper:
            break  # (a capital begins another name: "Акыйкатчы институту баяндамасын | Жогорку Кеңешке")
        noun = _noun(doc, toks[k])
        if noun is not None and noun[0] == "body":
            return -1 if noun[2].oblique else k
    return last


# A participle or name-giver right before a name describes it: "кийим саткан Айпери", "Канат аттуу айдоочу".
_PARTICIPLE_RE = re.compile(r"(?:[гк][аеоө]н|[ч][ыиуү]|аттуу|деген)$")


def _owned_oblique_after(doc: Document, toks: list[Token], k: int) -> bool:
    """A name right before a possessed noun in an oblique case names that noun's owner: "«Дордой» базарында",
    "РБК агенттигине"."""
    if k >= len(toks) or punct_between(doc, toks[k - 1], toks[k]) or toks[k].upper:
        return False
    forms = _forms(toks[k])
    return len(forms) > 1 and forms[0].possessive and forms[0].case in ("dat", "loc", "abl", "acc")


def _lone_after_verb(doc: Document, toks: list[Token], i: int, width: int) -> bool:
    """A lone proper noun right after the verb, and nothing but punctuation after it: "— деди Шольц.", or after
    the participles that describe it: "— дейт базарда кийим саткан Айпери."."""
    if i == 0:
        return False
    said = [is_de(doc.lex, t.low) or is_speech_verb(doc.lex, t.low) for t in toks[:i]]
    if not any(said[-3:]) and not (any(said) and _PARTICIPLE_RE.search(toks[i - 1].low)):
        return False
    nxt = i + width
    return nxt >= len(toks) or punct_between(doc, toks[nxt - 1], toks[nxt]) or toks[nxt].low in (
        "ата", "апа", "эже", "байке", "агай", "эжеке", "аке", "уулу", "кызы",
    )


# A past participle in the locative, with or without a possessive: the "when" of a clause (кайрылганда,
# кайрылганыбызда, сураганымда).
_WHEN_RE = re.compile(r"[гк][аеоө]н(?:[ыиуү](?:[мңн]|б[ыиуү]з))?д[аеоө]$")
_PAST_PARTICIPLE_RE = re.compile(r"(?:[гк][аеоө]н)$")
# A participle in the accusative ends a clause that is what was said: "жатканын", "өскөнүн", "бергенин"
_CLAUSE_OBJECT_RE = re.compile(r"[гк][аеоө]н[ыиуү]н$")


def _cited(index: Index, last: Token) -> Subject | None:
    """The person a verb of citing takes as its object, ending at this word, with the object's ending read off
    ("Хасан Озтүрктү цитата келтирди" is Хасан Озтүрк)."""
    cited = index.ending_at(last)
    if cited is None or cited.kind not in ("person", "single") or cited.case == "gen":
        return None
    acc = next((f for f in ky_forms(cited.words[-1])[:-1] if f.case == "acc" and len(f.stem) >= 4), None)
    if acc is not None and cited.words[-1] == last.text:
        cited.words = (*cited.words[:-1], acc.stem)
        cited.key = fold(acc.stem)
    index.confirm(cited)
    return Subject("person", cited)


def _words_given(doc: Document, index: Index, toks: list[Token]) -> Subject | None:
    """The person whose words ("сөзүн", "сөздөрүн", "билдирүүсүн") an outlet gives ("келтирет"): the genitive before
    them, past up to three words that describe the words ("Абдыразаковдун соттогу акыркы сөзүн келтирет")."""
    for k, t in enumerate(toks):
        if not t.low.startswith(("сөзүн", "сөздөрүн", "билдирүүсүн")) or not any(
            x.low.startswith("келтир") for x in toks[k + 1 : k + 3]
        ):
            continue
        for j in range(k - 1, max(-1, k - 5), -1):
            if punct_between(doc, toks[j], toks[j + 1]):
                break
            owner = index.ending_at(toks[j])
            if owner is not None:
                if owner.kind in ("person", "single") and owner.case == "gen":
                    index.confirm(owner)
                    return Subject("person", owner)
                break
    return None


def _genitive_owner(doc: Document, index: Index, toks: list[Token], k: int) -> Subject | None:
    """The owner a genitive at k names, as a subject: a person or a body the index knows, or a role or a body by
    its kind ("Ташиевдин айтымында", "соттун … жыйынтыгы", "министрликтин билдирүүсүндө")."""
    m = index.ending_at(toks[k])
    if m is not None and m.case == "gen":
        if m.kind in ("person", "single"):
            index.confirm(m)
            return Subject("person", m)
        return Subject("body", m, phrase=m.text)
    noun = _noun(doc, toks[k])
    if noun is not None and noun[2].case == "gen":
        if noun[0] == "role":
            return _role_subject(doc, toks, k, noun, toks[k])
        return Subject("body", phrase=noun[1], role=noun[1], generic=True)
    return None


def _named_word(index: Index, t: Token) -> bool:
    """Is a word part of an outlet's or an organisation's name the index read ("24.kg")?"""
    m = index.at_token.get(t.index) or index.ending_at(t)
    return m is not None and m.kind in ("media", "org")


def _told_before(doc: Document, index: Index, toks: list[Token], k: int) -> Subject | None:
    """"министрликтин Kaktus.media басылмасына берген жообунда", "министрликтин Kloop'тун суроосуна берген
    жообунда": the one told, in the dative right before the participle at k, with its name; the genitive before
    them owns the document."""
    j = k - 1
    if j < 1 or _case_forms(toks[j])[0].case != "dat" or punct_between(doc, toks[j], toks[k]):
        return None
    j -= 1
    while j >= 0 and (toks[j].upper or _named_word(index, toks[j])) and not punct_between(doc, toks[j], toks[j + 1]):
        j -= 1  # the outlet's name ("24.kg" too, which opens with a digit), or the name whose question it was
    if j < 0 or j == k - 2 or punct_between(doc, toks[j], toks[j + 1]) or not _is_genitive(toks[j]):
        return None
    m = index.ending_at(toks[j])
    if m is not None and m.kind in ("body", "org", "media", "person"):
        return Subject("person", m) if m.kind == "person" else Subject("body", m, phrase=m.text)
    noun = _noun(doc, toks[j])
    if noun is not None and noun[0] == "body":
        return Subject("body", phrase=noun[1], role=noun[1], generic=True)
    return None


def _statement_owner(doc: Document, index: Index, toks: list[Token]) -> Subject | None:
    """«…», — деп айтылат министрликтин билдирүүсүндө: the owner of the statement speaks."""
    lex = doc.lex
    for i, t in enumerate(toks):
        if not t.low.rsplit("-", 1)[-1].startswith(lex.statements):
            continue  # (the last part of a compound tells what it is: "Telegram-каналында", "фейсбук-баракчасында")
        # "— деп айтылат аудиттин жыйынтыгында": the document's, whoever issued it before, unless its owner is
        # named ("Эсептөө палатасынын аудитинин жыйынтыгында")
        chained = i + 1 < len(toks) and _is_genitive(t) and toks[i + 1].low.startswith(lex.statements)
        for k in range(i - 1, max(-1, i - 6), -1):
            prev = toks[k]
            if k == i - 1 and _PAST_PARTICIPLE_RE.search(prev.low):
                told = _told_before(doc, index, toks, k)
                if told is not None:
                    return told
                # "Министрлер кабинети 28-августта кабыл алган токтомдо": the one who issued it, in the nominative
                # before the participle
                for j in range(k - 1, max(-1, k - 5), -1):
                    if punct_between(doc, toks[j], toks[j + 1]):
                        break
                    by = index.ending_at(toks[j])
                    # (or in the genitive: "ишкананын сессияга берген маалымкатында")
                    if by is not None and by.case in ("nom", "gen") and by.kind in ("body", "org", "media", "person"):
                        if by.kind == "person":
                            return Subject("person", by)
                        return Subject("body", by, phrase=by.text)
                noun = _noun(doc, toks[k - 1]) if k >= 1 else None
                if noun is not None and noun[0] == "body" and noun[2].case == "nom" and not noun[2].plural:
                    # "министрликтин басма сөз кызматы тараткан маалыматта": the body named by its kind, with its
                    # owner in the genitive, before the participle
                    start = k - 1
                    for j in range(k - 2, max(-1, k - 6), -1):
                        if punct_between(doc, toks[j], toks[j + 1]) or toks[j].upper:
                            break
                        if _is_genitive(toks[j]):
                            start = j
                            break
                    return Subject("body", phrase=span_text(doc, toks[start], toks[k - 1]), role=noun[1], generic=True)
            if prev.low == "тарабынан" and k > 0:
                # "… министрлиги тарабынан таратылган маалыматта": the statement issued by the ministry
                by = index.ending_at(toks[k - 1])
                if by is not None and by.kind in ("body", "org", "media"):
                    return Subject("body", by, phrase=by.text)
                noun = _noun(doc, toks[k - 1])
                if noun is not None and noun[0] == "body":
                    return Subject("body", phrase=noun[1], role=noun[1], generic=True)
            m = index.ending_at(prev)
            if m is not None and m.case == "gen":
                if m.kind in ("person", "single"):
                    index.confirm(m)
                    return Subject("person", m)
                return Subject("body", m, phrase=m.text)
            noun = _noun(doc, prev)
            if noun is not None and noun[2].case == "gen":
                if noun[0] == "body":
                    return Subject("body", phrase=noun[1], role=noun[1], generic=True)
                return Subject("role", phrase=noun[1], role=noun[1])
            if _is_genitive(prev) and _forms(prev)[0].stem.startswith(lex.statements):
                # "— деп айтылат токтомдун негиздемесинде": the document's, whoever issued it before
                return Subject("passive", generic=True)
        if chained:
            return Subject("passive", generic=True)
        # (a reading of the statement word itself: "токтомдо" is no "токто-м-до")
        if any(f.possessive and f.stem.startswith(lex.statements) for f in ky_forms(t.low)[:-1]):
            return Subject("pronoun")  # "билдирүүсүндө": its statement, of the one named before
        return None
    return None


GRAMMAR = Kyrgyz()
