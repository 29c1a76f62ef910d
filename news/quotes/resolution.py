"""Resolution: turn the subject an attribution names into the speaker, the way a reader follows the article.

- A pronoun (`— деди ал`, `— сказала она`, `he said`) points back to the nearest sentence whose subject is a
  person of the right gender, or to the speaker of a quote in it; a sentence whose subject is itself a pronoun
  passes the search on further back.
- A role (`— деди депутат`, `the spokesman said`) is its holder: the nearest subject that can hold it (someone
  with no other role written next to them, or with this one), else the last person the article gave this role,
  else someone described by it before (`«Азаттыктын» түркмөн кызматынын кабарчысы`), else the role as written. A
  role that names its owner (`кыздын агасы`) is the person written with that very phrase, or stays a role.
- A body named by its kind (`министрлик`, `ведомство`, `the company`) is the body of that kind named before it.
- A quote with no attribution of its own keeps the speaker of the quote before it, unless a sentence between
  them brings someone new in; a quote that follows the sentence introducing its speaker gets that subject.
- The first person of an interview (`Я сказал Аннабель: «…»`) is whoever's turn it is (`Чарли Брукер: …`).

A speaker found only by following the text back is kept when the way back is short and has one answer; a wrong
name is worse than none.
"""

from __future__ import annotations

import re
from itertools import pairwise
from collections.abc import Sequence
from dataclasses import dataclass

from news.morph import ky_forms, ky_genitive, ru_genitive_phrase
from news.quotes.attribution import Grammar, Subject
from news.quotes.attribution.phrases import span_text
from news.quotes.cues import is_cue, is_de, is_speech_verb
from news.quotes.document import Document, Token
from news.quotes.lexicon import Lexicon, fold, statement_word
from news.quotes.mentions import (
    Index,
    Mention,
    body_stem,
    en_describes,
    noun_forms,
    role_stem,
    ru_verb_like,
    surname_shape,
)
from news.quotes.spans import Candidate

# Kinds of body a minister heads: "глава ведомства", "министрликтин башчысы".
_MINISTRIES = frozenset(("ведомство", "министерство", "министрлик"))
# Words that make a title a past one: "мурдагы вице-мэр", "бывший министр", "the former minister".
_FORMER_WORDS = frozenset("мурдагы мурунку экс бывший бывшая бывшего прежний former ex".split())
# How many sentences back a pronoun, a role or a bare quote may look for what it points to.
_REACH = 6
_TURN_RE = re.compile(r"^\s*((?:[A-ZА-ЯЁӨҮҢ][\w'’.-]*\s+){0,2}[A-ZА-ЯЁӨҮҢ][\w'’-]+)\s*(?:\([^()]{1,40}\))?\s*:\s")


@dataclass(slots=True)
class Speaker:
    name: str
    kind: str  # "person", "role", "body", "media", "group"
    mention: Mention | None = None
    gender: str = ""

    @property
    def named(self) -> bool:
        return self.kind == "person"


# Who stands trial: in a court report, the one whose case ("X-тын иши", "по делу X") is heard.
_ACCUSED = frozenset(("айыпталуучу", "соттолуучу", "обвиняемый", "обвиняемая", "подсудимый", "подсудимая"))

# Who runs a business, by the word for anyone who does (a company's head may be called so; the legal forms of a
# company, written before its name or after it, are a lexicon kind).
_BUSINESS = frozenset(
    "ишкер бизнесмен предприниматель предпринимательница бизнесвумен businessman businesswoman entrepreneur".split()
)

# Verbs of answering: whoever answers a question is someone other than who asked it.
_GIVE_OUT = ("тарат", "жарыяла", "жөнөт", "чыгар", "тастыкта", "тапшыр")  # Kyrgyz verbs that give a statement out (or confirm it)
_REPRESENTATIVES = ("өкүл",)  # "башкармалыктын өкүлү": whoever speaks for that body
_OWNER_PRONOUNS = {"анын": "", "алардын": "+", "его": "m", "ее": "f", "её": "f", "их": "+", "his": "m", "her": "f",
                   "their": "+"}  # a relation's owner, and the sex it shows
_FIRST_OF = frozenset(("биринчи", "первый", "первого", "первым", "first"))  # "the first deputy": a deputy
_PLAINTIFFS = ("истец", "истица")  # whoever brought the suit
_SPOKES = ("spokesman", "spokeswoman", "spokesperson")
_STATE_KINDS = ("ведомство", "мекеме", "орган")  # kinds of body that are the state's, never a company's
# ... and a Russian one is no theatre's, school's, club's or party's (Kyrgyz "мекеме" is any institution)
_INSTITUTIONS = frozenset(
    "театр музей библиотека филармония кинотеатр киносеть школа больница поликлиника университет вуз академия "
    "колледж лицей гимназия лаборатория клуб аэропорт вокзал порт "
    "федерация лига команда партия фракция движение ассоциация фонд профсоюз организация объединение союз "
    "телеканал радиостанция газета журнал издание портал редакция".split()
)
_GOVERNMENTS = ("правительство", "өкмөт", "government", "кабмин")  # kinds no other body with a name of its own is
_SEEN = ("seen", "obtained", "leaked", "shown", "shared")  # what a newspaper did with a document it did not write
# A Kyrgyz doer's suffix on a verb's stem: коргоочу (корго-), сатуучу (сат-), айдоочу (айда-)
_KY_DOER_RE = re.compile(r"(?:[оөуүаеы]{2}чу|[оөуүаеы]{2}чү|чу|чү|чы|чи)$")
_AGES = {"teenager": (13, 19), "youngster": (8, 21)}  # nouns for someone of an age the article wrote
_AGE_BEFORE_RE = re.compile(r"\b(\d{1,2})-year-old\s+$")
_AGE_AFTER_RE = re.compile(r",\s*(?:an?\s+)?(\d{1,2})(?:-year-old)?\b")  # "Halkett, 19," / "Halkett, a 19-year-old"
_PEOPLE = ("woman", "man", "person")  # English words for anyone: "said the woman" after "a mother … said"
_KY_PEOPLE = ("аял", "эркек", "кыз", "жигит", "киши")  # ... and Kyrgyz: "— деди аял" after "жигиттин апасы … айтты"
_INTERLOCUTORS = ("собеседник", "собеседница", "interlocutor", "маектеш")  # whoever an outlet spoke to, introduced before
# Someone who asked not to be named is someone new, unnamed: "аты-жөнүн атабоо шарты менен", "попросил не называть
# его имени", "on condition of anonymity", "asked not to be named".
_ANONYMOUS_RE = re.compile(
    r"(?:аты-жөнүн|атын|ысмын|ысымын|фамилиясын) "
    r"(?:атабоо|жарыялабоо|жазбоо|айтпоо|ачыкка чыгарбоо|айтуудан баш тарт|атоодон баш тарт)"
    r"|не (?:называть|раскрывать|указывать|публиковать) (?:(?:его|ее|её|их|свое|своё|свою|своих) )?(?:им|фамили)"
    r"|не называть"
    r"|на условиях анонимности|анонимно"
    r"|condition of anonymity|not to be named|not to be identified|not wish to be (?:named|identified)"
    r"|declined to be named|did not want to be named|spoke anonymously|wished to remain anonymous"
    r"|(?:his|her|their) names? not be (?:used|published|given)|name (?:was )?withheld|(?:has|have) not been (?:named|identified)",
    re.IGNORECASE,
)
_REPLIES = ("жооп бер", "ответил", "ответила", "replied", "answered", "responded")


class Discourse:
    """The quotes found so far and what each sentence is about, read in article order."""

    def __init__(self, doc: Document, index: Index, grammar: Grammar) -> None:
        self.doc = doc
        self.index = index
        self.grammar = grammar
        self.said: list[tuple[Candidate, Speaker | None]] = []
        self._subjects: dict[tuple[int, int | None], Subject | None] = {}
        self._turns: dict[int, Speaker | None] | None = None
        self.genders: dict[str, str] = {}  # learned from the pronouns resolved so far ("He told parliament")
        self._finding_owner = False

    # ---------------------------------------------------------------------------------------- entry

    def speaker(self, cand: Candidate, subject: Subject | None) -> Speaker | None:
        """Resolve the subject of a quote's attribution, or find a speaker from the text around it."""
        if subject is None:
            if cand.frame in ("resumed", "reopened", "inside") and self.said:
                found = self.said[-1][1] if self._same_stretch(self.said[-1][0], cand, 0) else None
            else:
                found = self._continuation(cand)
            return self._not_spoken_of(cand, found)
        found = self.resolve(subject, cand.sent, cand.mark_start, cand)
        if subject.kind == "pronoun" and found is not None:
            found = self._answerer(cand, found)
        if subject.kind == "pronoun":
            found = self._asked_one(cand) or found
        if subject.kind == "pronoun" and found is not None and found.mention is not None and subject.gender != "+" and (
            self._named_in(cand, found.mention)
        ):
            # "Ал … X өзү тандаганын айтты. X күбө катары гана тартылган. «… Xтин кабинетинен …», — деди ал": the
            # one the quote speaks of is not "ал"; the pronoun points further back, past them
            again = self.antecedent(cand.sent, cand.mark_start, gender=subject.gender, skip=found.mention.key)
            if again is not None and (again.mention is None or not self._named_in(cand, again.mention)):
                return again
        if subject.kind != "person":
            found = self._not_spoken_of(cand, found)
        return found

    def _not_spoken_of(self, cand: Candidate, found: Speaker | None) -> Speaker | None:
        """A speaker found by pointing back is not someone the quote names ("«Бегимай бүгүн бир да топту түшүргөн
        жок»" is said of Бегимай, by someone else; "«Айназик мени урушат»"): then the one quoted before who is
        not named in it, or nobody."""
        m = found.mention if found is not None and found.kind == "person" else None
        if m is None or not self._named_in(cand, m):
            return found
        for prev, speaker in reversed(self.said):
            if not self._same_stretch(prev, cand, 2):
                break
            if speaker is not None and speaker.kind == "person" and speaker.name != found.name and (
                speaker.mention is None or not self._named_in(cand, speaker.mention)
            ):
                return speaker
        return None

    def _named_in(self, cand: Candidate, m: Mention) -> bool:
        """Does the quote call this person by their given name (capitalised: "Максат" the name, not "максат" a
        goal)? A surname may be a relative's too ("уулум Хантер Байденге")."""
        first = m.first
        if not first:
            full = self.index.fullest(m).split()  # "Айназик" for Айназик Бектенова
            first = fold(full[0]) if len(full) >= 2 else ""
        if len(first) < 3:
            return False
        words = re.findall(r"[\w'’-]+", self.doc.text(cand.block)[cand.start : cand.end])
        if any(w[:1].isupper() and (fold(w) == first or len(first) >= 5 and fold(w)[:5] == first[:5]) for w in words):
            return True
        # "«… Шамшиевдин кабинетинен алып келишчү»": the surname alone, in a case, with no given name of another
        # before it, is the one spoken of
        key = m.key
        if not surname_shape(key, self.doc.lang):
            return False
        for k, w in enumerate(words):
            low = fold(w)
            if w[:1].isupper() and low != key and low.startswith(key) and not (k and words[k - 1][:1].isupper()):
                return True
        return False

    def _answerer(self, cand: Candidate, found: Speaker) -> Speaker:
        """"«…?» — деп сурады X. «…» — деп жооп берди ал": the one who answers a question is not the one who asked
        it, but the one spoken to before."""
        if len(self.said) < 2 or not self.said[-1][0].end:
            return found
        (asked, asker), (_, other) = self.said[-1], self.said[-2]
        question = self.doc.text(asked.block)[asked.start : asked.end].rstrip(" »\"”").endswith("?")
        c1, c2 = cand.clause
        clause = self.doc.text(cand.block)[c1:c2].lower()
        if not question or not any(w in clause for w in _REPLIES) or asker is None or other is None:
            return found
        if asker.name == found.name and other.name != asker.name and other.kind == "person":
            return other
        return found

    def _asked_one(self, cand: Candidate) -> Speaker | None:
        """"Судья Тойчиевден … сураганда, ал «…» деп жооп берди": the one asked (in the ablative, before a verb of
        asking in the same sentence) is the one who answers."""
        if self.doc.lang != "ky":
            return None
        c1, c2 = cand.clause if cand.clause != (0, 0) else (cand.end, cand.end)
        s = self.doc.sents[cand.sent]
        text = self.doc.text(cand.block)
        if "жооп" not in text[c1:c2] + text[cand.end : s.end][:40] or "сура" not in text[s.start : cand.mark_start]:
            return None
        for m in self.index.in_sentence(cand.sent):
            if m.kind != "person" or m.start >= cand.mark_start:
                continue
            word = self.doc.tokens[m.tokens[1] - 1].low
            if re.search(r"(?:[дт][аеоө]н)$", word) and len(word) > 5:
                return Speaker(self.index.fullest(m), "person", m, m.gender)
        return None

    def record(self, cand: Candidate, speaker: Speaker | None) -> None:
        self.said.append((cand, speaker))

    def resolve(self, subject: Subject, si: int, pos: int, cand: Candidate | None = None) -> Speaker | None:
        kind = subject.kind
        if kind == "person" and subject.mention is not None:
            m = subject.mention
            company = self._company_named_in_full(m)
            if company is not None:
                return company
            return Speaker(self.index.fullest(m), "person", m, m.gender)
        if kind == "pronoun":
            if subject.gender == "+":
                return None  # "алар", "они": a group nobody named
            aged = self._of_age(subject.phrase, si, pos)
            if aged is not None:
                return aged  # "the 19-year-old said" after "Coultard, 19,"
            found = self.antecedent(si, pos, gender=subject.gender)
            if found is not None and found.mention is not None and subject.gender:
                self.genders.setdefault(self._gender_key(found.mention), subject.gender)
            return found
        if kind == "self":
            found = self.turn(self.doc.sents[si].block)
            if found is not None and found.mention is not None and subject.gender:
                self.genders.setdefault(self._gender_key(found.mention), subject.gender)  # "Я подумала": a woman
            return found
        if kind == "role":
            owned = self._owner_named(subject, si)
            if owned is not None:
                return owned
            if subject.new and self.doc.lang == "en" and subject.role in _SPOKES and " " not in subject.phrase and si:
                # 'The Environment Agency said levels would peak. "…," a spokesperson said.': the body's
                said = self.subject_of(si - 1)
                if said is not None and said.kind == "body" and said.mention is not None and self._reports(si - 1):
                    body = self.resolve(said, si - 1, self.doc.sents[si - 1].end) if said.generic or said.role else (
                        Speaker(said.mention.text, "body", said.mention)
                    )
                    if body is not None and body.kind == "body":
                        words = body.name.split()  # "for the Environment Agency", "for Defra", "for NHS England"
                        article = "the " if len(words) > 1 and not words[0].isupper() else ""
                        return Speaker(f"{subject.phrase} for {article}{body.name}", "role", body.mention)
            if subject.new or self._anonymous(si) and not subject.owned and len(subject.phrase.split()) > 1:
                # "a police spokesman", "The headteacher of a school in Fife, who did not wish to be identified,
                # told the BBC": someone new, not someone named
                return Speaker(subject.phrase, "role")
            held = self.holder(subject, si, pos)
            if held is not None and held.kind == "person" and held.mention is not None and self.doc.lang == "en":
                # "The association's spokesman said" is not a party's spokesman named before: the one held must be
                # of that body ("The chief executive of the trust, X" for "the trust's chief executive")
                possessed = re.match(r"(?:the\s+)?([a-z]+)['’]s\s", subject.phrase, re.IGNORECASE)
                kind = possessed.group(1).lower() if possessed is not None else ""
                said = self.index.role_phrase_of(held.mention).lower() + " " + " ".join(
                    self.doc.text(x.block)[self.doc.sents[x.sent].start : x.start].lower()
                    for x in self.index.by_key.get(held.mention.key, ())
                )  # (the words before the name where the article gave the role: "The chief executive of the trust, X")
                if possessed is not None and kind not in said:
                    held = self._en_body_role(subject, si) or held
            if held is None or held.kind == "role" and (
                held.name == subject.phrase or self.doc.lang == "en" and held.name.islower()
            ):  # (or only described: "the family of a 71-year-old man")
                # nobody named holds it: "представитель ведомства" is the representative of the body named before;
                # "his family" the family of the man the text is about
                return (
                    self._ru_owner_named(subject, si) or self._en_owner(subject, si) or self._en_body_role(subject, si)
                    or held
                )
            return held
        if kind == "body":
            if subject.generic:
                named = self._said_in_full(subject, si) or self.named_body(subject, si)
                if named is not None:
                    return named
            elif self.doc.lang == "ru" and subject.phrase.islower() and (subject.role,) in self.doc.lex.body_names:
                # "регионального минкультуры": the ministry the article named in full, when it did
                named = self.named_body(subject, si)
                if named is not None:
                    return named
            return Speaker(subject.phrase, "body") if subject.phrase else None
        if kind == "media":
            return Speaker(subject.phrase, "media", subject.mention)
        if kind == "document":
            if subject.new and subject.phrase:
                return Speaker(subject.phrase, "body")  # "пояснительная записка к законопроекту": the note itself
            return self._document_author(si, subject.role)
        if kind == "it":
            # '"…," it said in a statement': the body or the medium a sentence just before has speak or act
            for k in range(si - 1, max(-1, si - 3), -1):
                subj = self.subject_of(k)
                if subj is not None and subj.kind in ("body", "media"):
                    return self.resolve(subj, k, self.doc.sents[k].end)
                if subj is not None and subj.kind == "group" and subj.phrase[:1].isupper() and not (
                    subj.role and fold(subj.phrase.split()[0]).startswith(subj.role)
                ):  # (not "Officials said", capitalised only by the sentence)
                    return Speaker(subj.phrase, "body")  # "Harrow Brothers, which employs 80 people, said"
                m = subj.mention if subj is not None and subj.kind == "person" else None
                if m is not None and not self._gender(m) and not self.index.role_of(m) and fold(m.words[0]) not in (
                    self.doc.lex.titles
                ):
                    # "Northvale Freight, which employs 300 people, said …": what "it" stands for is no person
                    return Speaker(self.index.fullest(m), "body", m)
                if subj is not None and subj.kind in ("person", "role", "pronoun"):
                    return None
            return None
        if kind == "group":
            return Speaker(subject.phrase, "group") if subject.phrase else None
        if kind == "passive" and subject.generic:
            # "— говорится в сообщении", "— деп жазылган анда": the statement of whoever issued it.
            return self._statement_author(si) or self._last_reporter(si)
        return None

    def _document_author(self, si: int, noun: str) -> Speaker | None:
        """Who sent the letter or issued the statement that '"…," the letter said' quotes: the subject of the
        nearest sentence before that names it ("X told families in a letter", "In a statement, the club said")."""
        forms = (noun,)  # (not "one of the most critical reports": documents in general)
        for k in range(si - 1, max(-1, si - 6), -1):
            toks = self.doc.sentence_tokens(k)
            if not any(t.low in forms for t in toks):
                continue
            for j, t in enumerate(toks[:-1]):
                # "A report by technology consultancy Brightwater Research said …", "A survey published last month
                # by the Mobile Users Council": whose the document is
                by = next((k for k in range(j + 1, min(len(toks), j + 5)) if toks[k].low in ("by", "from")), -1)
                if t.low in forms and by > 0 and all(
                    not x.upper and x.low not in ("and", "or") and not is_cue(self.doc.lex, x.low)
                    and x.low not in _SEEN  # ("seen by the Independent")
                    for x in toks[j + 1 : by]
                ):
                    m = next((self.index.at_token[x.index] for x in toks[by + 1 : by + 5] if x.index in self.index.at_token),
                             None)
                    if m is not None and m.kind in ("body", "org", "media"):
                        return Speaker(self._body_phrase(m), "body", m)
                    if m is not None and m.kind in ("person", "single") and len(m.words) > 1:
                        return Speaker(self.index.fullest(m), "person", m, m.gender)
            at = next((i for i, t in enumerate(toks[1:4], 1) if t.low in forms), -1)
            if self.doc.lang == "en" and at > 0 and toks[0].low in ("a", "an") and all(not t.upper for t in toks[1:at]) and (
                not any(  # (a report "by X" is X's, if named; one "seen by" a newspaper is not the paper's)
                    toks[i].low in ("by", "from") and toks[i - 1].low not in _SEEN for i in range(at + 1, min(len(toks), at + 5))
                )
            ):
                # "A consultation paper, seen by the Independent, says …": a document no one is named as issuing
                # speaks for itself
                return Speaker(span_text(self.doc, toks[1], toks[at]), "body")
            subj = self.subject_of(k)
            if subj is not None and subj.kind in ("person", "body", "media", "group", "role", "pronoun", "it"):
                return self.resolve(subj, k, self.doc.sents[k].end)
            return None
        # "The Commons education committee found that … The report said:": a body that has just found or published
        # something, in the sentence right before
        subj = self.subject_of(si - 1) if si else None
        if subj is not None and subj.kind == "body":
            return self.resolve(subj, si - 1, self.doc.sents[si - 1].end)
        return None

    def _said_in_full(self, subject: Subject, si: int) -> Speaker | None:
        """A body's kind alone ("— сказали в пресс-службе") after a sentence that gave the same kind with its owner
        as the one who spoke ("В пресс-службе правительства области сообщили, что …"): that body."""
        lex = self.doc.lex
        words = subject.phrase.split()
        if self.doc.lang == "ru" and len(words) == 2 and subject.role and fold(words[0]).startswith(subject.role[:6]):
            # "В пресс-службе НГАУ подтвердили … «…», — пояснили в пресс-службе вуза": the service that spoke just
            # before, as it was named there
            for s in range(si - 1, max(-1, si - 2), -1):  # (only right before: "пресс-служба ЦИК … В мэрии Оша …")
                said = self.subject_of(s)
                if said is not None and said.kind == "body" and said.phrase and self._reports(s) and (
                    fold(said.phrase.split()[0]) == fold(words[0]) and len(said.phrase.split()) > 1
                    and said.phrase != subject.phrase
                ):
                    return Speaker(said.phrase, "body", said.mention)
        if len(words) != 1 or not subject.role:
            return None
        if subject.role in lex.generic_bodies:
            # "— рассказали в ведомстве" after "сообщили РИА Новости в региональном минздраве": the body that spoke
            for s in range(si - 1, max(-1, si - 4), -1):
                said = self.subject_of(s)
                if said is not None and said.kind == "body" and said.mention is not None:
                    break  # a body named by its name: named_body finds it
                if said is not None and said.kind == "body" and said.phrase and self._reports(s) and (
                    not said.generic or len(said.phrase.split()) > 1
                ):
                    if self._named_since(s, si):
                        return None
                    return Speaker(said.phrase, "body")  # a body with a word that tells which: "региональный минздрав"
        for s in range(si - 1, max(-1, si - 4), -1):
            if not any(subject.role in noun_forms(lex, t.low) for t in self.doc.sentence_tokens(s)):
                continue
            said = self.subject_of(s)
            if said is None or said.kind != "body" or not said.phrase:
                continue
            if said.mention is not None and said.phrase == said.mention.text:
                return None  # a body the index knows by name: named_body gives it as written
            words = said.phrase.split()
            at = next((k for k, w in enumerate(words) if subject.role in noun_forms(lex, fold(w))), -1)
            if len(words) < 2 or at < 0:
                continue
            if said.role == subject.role:
                if self._named_since(s, si):
                    return None
                return self.resolve(said, s, self.doc.sents[s].start)
            if at > 0 and self.doc.lang == "ru" and len(words) - at > 1:
                # "В Ошском городском центре профилактики заболеваний сообщили …" then "— говорится в сообщении
                # центра": the body the index read there, in the nominative
                named = next((
                    m for m in self.index.in_sentence(s)
                    if m.kind == "body" and any(subject.role in noun_forms(lex, fold(w)) for w in m.words[1:])
                ), None)
                if named is not None and fold(words[0])[:4] == fold(named.words[0])[:4]:
                    return Speaker(named.text, "body", named)  # (the same words: "Ошском" is "Ошский")
                # "В пресс-службе банка «Невский капитал» подтвердили …" then "— сообщили в банке": the bank named
                # there, from its kind on
                return Speaker(" ".join([subject.role, *words[at + 1 :]]), "body")
        return None

    def _spoke_as_body(self, m: Mention) -> bool:
        """Is a name of several words, with no title, the subject of a verb of saying followed by "it" ("Natural
        Resources Wales said it had issued …")? Then it is a body, and "the organisation" may stand for it."""
        tokens = self.doc.tokens
        k = m.tokens[1]
        return (
            m.kind in ("org", "single", "person")
            and len(m.words) > 1
            and not any(fold(w) in self.doc.lex.titles for w in m.words)
            and k + 1 < len(tokens)
            and is_speech_verb(self.doc.lex, tokens[k].low)
            and tokens[k + 1].low in ("it", "its")
        )

    def _named_since(self, s: int, si: int) -> bool:
        """Has an English article named a body between a sentence that described one and the quote ("…, Britain's
        privacy regulator has said. … fined by the Information Commissioner's Office")? Then the name is what the
        description was of, and named_body finds it."""
        return self.doc.lang == "en" and any(m.kind in ("org", "body") and s < m.sent < si for m in self.index.mentions)

    def _company_named_in_full(self, m: Mention) -> Speaker | None:
        """"Altyn-Tash said" after "Altyn-Tash Mining …": one word that begins the name of an organisation the
        article wrote in full is that organisation, not a person."""
        if len(m.words) != 1 or any(x.kind == "person" and len(x.words) > 1 for x in self.index.by_key.get(m.key, ())):
            return None
        for x in self.index.mentions:
            if x.kind in ("org", "single") and x.case == "nom" and len(x.words) > 1 and x.words[0] == m.words[0] and (
                not self.index.is_person(x)
            ):
                return Speaker(" ".join(x.words), "body", x)
        return None

    # ---------------------------------------------------------------------------------------- pointing back

    def subject_of(self, si: int, end: int | None = None) -> Subject | None:
        key = (si, end)
        if key not in self._subjects:
            self._subjects[key] = self.grammar.sentence_subject(self.doc, self.index, si, end)
        return self._subjects[key]

    def _said_in(self, si: int, before: int | None) -> list[Speaker]:
        return [
            s for c, s in self.said if c.sent == si and s is not None and (before is None or c.mark_start < before)
        ]

    def antecedent(self, si: int, pos: int, *, gender: str = "", skip: str = "") -> Speaker | None:
        """Who a pronoun at `pos` of sentence `si` points back to; a gendered one may look further back. `skip`: the
        key of a person it cannot be."""
        found = self._antecedent(si, pos, gender=gender, skip=skip)
        if skip and found is not None and found.mention is not None and found.mention.key == skip:
            return None
        return found

    def _antecedent(self, si: int, pos: int, *, gender: str = "", skip: str = "") -> Speaker | None:
        reach = 2 * _REACH if gender in ("m", "f") else _REACH
        low = max(-1, si - reach)
        k = si + 1
        while k - 1 > low:
            k -= 1
            end = pos if k == si else None
            spoken = [
                s
                for s in self._said_in(k, end)
                if s.kind in ("person", "role")
                and _fits(self._gender(s.mention) if s.mention is not None else self._role_gender(s), gender)
                and not (skip and s.mention is not None and s.mention.key == skip)
            ]
            if not spoken and k < si:
                reporter = self._speaking_person(k)
                if reporter is not None and _fits(self._gender(reporter), gender):
                    return Speaker(self.index.fullest(reporter), "person", reporter, reporter.gender)
            subject = self.subject_of(k, end) if k != si or self._has_words_before(k, pos) else None
            topic = self._en_topic(k) if subject is None and not spoken else None
            if topic is not None and _fits(self._gender(topic), gender):
                return Speaker(self.index.fullest(topic), "person", topic, topic.gender)
            first = self.doc.sentence_tokens(k)[0].low if k < si and subject is not None and not spoken else ""
            owner = _OWNER_PRONOUNS.get(first)
            if owner is not None and not self._reports(k) and (
                subject.owned
                or subject.kind == "person"
                and subject.mention is not None
                and gender in ("m", "f")
                and owner == gender
                and self._gender(subject.mention) not in ("", gender)
            ):  # ("Her neighbour, Janice Orrell, has started a petition. … she said": the neighbour may be "she")
                # "Анын эки кызы Түркияда иштейт", "Her husband, Colin, rebuilt the bar. … she says": a relation
                # of the one spoken of keeps the topic; the pronoun after it points further back
                low = max(-1, low - 1)
                continue
            if skip and subject is not None and subject.mention is not None and subject.mention.key == skip:
                low = max(-1, low - 1)  # a sentence about the one it cannot be: look one further back
                continue
            if subject is not None and subject.kind == "person" and subject.mention is not None:
                m = subject.mention
                # The subject, even when the sentence quotes someone else in it ("Абдылдаев Сатыбалдиеванын «…»
                # деген билдирүүсүн сынга алды. «…», — деди ал").
                if _fits(self._gender(m), gender):
                    return Speaker(self.index.fullest(m), "person", m, m.gender)
                if gender in ("m", "f") and k < si and not spoken and self.doc.lang == "en":
                    # "Leanne Okafor's son Tobias was admitted … '…,' she said": not the son, so his owner
                    owner_m = next(
                        (x for x in self.index.in_sentence(k) if x.possessive and (x.kind == "person" or len(x.words) > 1)
                         and x.kind in ("person", "single") and x.end <= m.start
                         and x.start >= m.start - 40 and _fits(self._gender(x), gender)),
                        None,
                    )
                    if owner_m is not None:
                        return Speaker(self.index.fullest(owner_m), "person", owner_m, owner_m.gender)
            if spoken:
                return spoken[-1]
            if k < si and subject is not None and subject.kind == "pronoun" and _fits(subject.gender, gender):
                # "Ал мурда базарда жашылча сатчу. «…», — дейт ал": a sentence that goes on about someone with a
                # pronoun leaves them the one meant, one sentence further back
                low = max(-1, low - 1)
                continue
            if subject is not None and subject.kind == "role" and gender != "+" and _counted(subject.phrase):
                continue  # "күн сайын 40тай бала келет", "two residents said": many, not the one "ал" stands for
            if subject is not None and subject.kind == "role" and k == si - 1 and not spoken and not subject.new and (
                not subject.owned and not self._anonymous(k) and subject.role and gender != "+"
            ):
                # "Мурдагы вице-мэр … моюнуна алган эмес. «…» — деген ал": the one the sentence before is about, by
                # a title the article gave someone it named
                held = self.holder(subject, k, self.doc.sents[k].end)
                if held is not None and held.kind == "person" and held.mention is not None and _fits(
                    self._gender(held.mention), gender
                ):
                    return held
            if subject is not None and subject.kind == "role" and (
                subject.new or k < si and not subject.owned and self._anonymous(k)
            ):  # ("Крупный зерновой трейдер, согласившийся поговорить на условиях анонимности, …": someone new)
                if _fits(subject.gender, gender):
                    return Speaker(subject.phrase, "role", gender=subject.gender)  # "A ministry spokeswoman said …"
                continue
            if subject is not None and subject.kind == "role" and subject.owned and not _fits(subject.gender, gender):
                # "Neil Dawlish's mother … spent two nights on a trolley. He told the BBC": not the mother but the
                # one whose mother she is
                owners = [
                    m
                    for m in self.index.in_sentence(k)
                    if m.kind in ("person", "single") and (m.possessive or m.case == "gen") and m.text in subject.phrase
                ]
                if len(owners) == 1 and _fits(self._gender(owners[0]), gender):
                    m = owners[0]
                    return Speaker(self.index.fullest(m), "person", m, m.gender)
            if subject is not None and subject.kind == "role" and subject.owned and self.doc.lang == "en" and (
                re.search(r"[A-Z][\w-]*['’]s\s", subject.phrase) and _fits(subject.gender, gender) and k < si
            ):
                # "Dolan's partner at the time, who was in the flat, told the trial … '…,' she said": someone's
                # relation, unnamed, is the one the pronoun stands for
                return Speaker(subject.phrase, "role", gender=subject.gender)
            if subject is not None and subject.kind == "role":
                found = self.holder(subject, k, self.doc.sents[k].end, reach=2)
                if found is not None and found.kind == "role" and found.name == subject.phrase:
                    # "… уточнил представитель министерства. «…», — добавил он": of the ministry named before
                    found = self._ru_owner_named(subject, k) or found
                # A role given as someone's relation ("брат одного из погибших") is that one person, named or not.
                # So is an unnamed role in the sentence right before: "… рассказал пилот управления МЧС. «…», —
                # сказал он."
                if (
                    found is not None
                    and found.kind != "person"
                    and self.doc.lang == "en"
                    and k >= si - 1
                    and gender
                    and _fits(found.gender or subject.gender, gender)
                    and self._reports(k)
                    and not _holds_office(self.doc.lex, subject.phrase)  # an office's holder is named somewhere
                    and not _FORMER_RE.match(subject.phrase)  # "the former Wales midfielder": what someone once was
                    and not any(m.kind in ("person", "single") for m in self.index.in_sentence(k))
                ):
                    return found  # "The regional police commander told the BBC … he said": nobody is named
                if found is not None and _fits(found.gender or subject.gender, gender) and (
                    found.kind == "person" or not gender or subject.owned or k >= si - 1 and self.doc.lang != "en"
                ):
                    return found
                if found is None and subject.owned and self._reports(k) and self.doc.lang == "ky":
                    # "Анын апасы Азаттыкка … айтты. … «…», — деди ал": the relation who spoke, with whose relation
                    # she is ("Акжол Арстанбековдун апасы")
                    return Speaker(self._with_owner(subject.phrase, k), "role")
            people = [
                m for m in self.index.in_sentence(k) if m.kind == "person" and not m.possessive and m.key != skip
                and not self._in_time_of(m)
            ]
            if k < si and (subject is None or subject.kind not in ("person", "pronoun")):
                # "… with his wife, the singer Alma. … she admits", "Алгачкы операция … Эргешовго жасалды. «…», —
                # дейт ал": the one person the sentence names.
                if len(people) == 1 and _fits(self._gender(people[0]), gender):
                    m = people[0]
                    return Speaker(self.index.fullest(m), "person", m, m.gender)
            if k < si and gender in ("m", "f") and subject is not None and subject.kind == "person":
                # "Mr Brown met Ms Hill. … she said": the subject is a man; the one woman named is meant.
                fitting = [m for m in people if self._gender(m) == gender]
                if len(fitting) == 1:
                    m = fitting[0]
                    return Speaker(self.index.fullest(m), "person", m, m.gender)
        return None

    def _en_owner(self, subject: Subject, si: int) -> Speaker | None:
        """"Derek Ashworth was crossing the road … his family said": whose family, by the pronoun."""
        lex = self.doc.lex
        if not (subject.owned and subject.role in lex.kin and len(subject.phrase.split()) == 1 and self.doc.lang == "en"):
            return None
        toks = self.doc.sentence_tokens(si)
        at = next(
            (k - 1 for k, t in enumerate(toks) if k and t.low == subject.phrase.lower() and toks[k - 1].low in (
                "his", "her"
            )), -1,
        )
        if at >= 0 and not self._finding_owner:
            self._finding_owner = True  # (the owner is found by pointing back, which may meet this role again)
            try:
                owner = self.antecedent(si, toks[at].start, gender="m" if toks[at].low == "his" else "f")
            finally:
                self._finding_owner = False
            if owner is not None and owner.kind == "person":
                return Speaker(f"{owner.name}'s {subject.phrase}", "role")
        return None

    def _en_topic(self, si: int) -> Mention | None:
        """"For Bakhtiyar, leaving is not yet an option": an English sentence that opens with "For"/"As for" and a
        name set off by a comma is about that person."""
        if self.doc.lang != "en":
            return None
        toks = self.doc.sentence_tokens(si)
        if len(toks) > 2 and toks[0].low == "as" and toks[1].low == "for":
            k = 2  # "As for X, …"
        else:
            k = int(bool(toks) and toks[0].low == "for")
        if not k or k >= len(toks):
            return None
        m = self.index.at_token.get(toks[k].index)
        if m is None or m.kind not in ("person", "single") or m.possessive or m.tokens[1] >= len(self.doc.tokens):
            return None
        if not self.doc.text(m.block)[m.end : m.end + 1] == ",":
            return None
        known = m.kind == "person" or self.index.is_person(m) or len(m.words) == 1 and m.key in self.index.by_first
        return m if known else None

    def _anonymous(self, si: int) -> bool:
        """Does the sentence say that someone asked not to be named?"""
        s = self.doc.sents[si]
        return _ANONYMOUS_RE.search(self.doc.text(s.block)[s.start : s.end]) is not None

    def _in_time_of(self, m: Mention) -> bool:
        """Does a Russian name only date something ("при президенте Исламе Каримове", "при Сталине")?"""
        if self.doc.lang != "ru":
            return False
        tokens = self.doc.tokens
        k = m.tokens[0] - 1
        if k >= 0 and tokens[k].sent == m.sent and role_stem(self.doc.lex, tokens[k].low) is not None:
            k -= 1  # the title between
        return k >= 0 and tokens[k].sent == m.sent and tokens[k].low == "при"

    def _role_gender(self, s: Speaker) -> str:
        """A role's sex when its words show it ("spokeswoman", "медсестра"), else the one recorded."""
        if s.gender:
            return s.gender
        gendered = self.doc.lex.gendered
        return next((gendered[w] for w in (fold(x) for x in s.name.split()) if w in gendered), "")

    def _gender(self, m: Mention) -> str:
        return m.gender or self.genders.get(self._gender_key(m), "")

    def _gender_key(self, m: Mention) -> str:
        """Whose sex a pronoun told: the person by surname, and by given name too when the article names two with
        that surname ("Sam Okafor" and "Laura Okafor")."""
        firsts = {x.first for x in self.index.by_key.get(m.key, ()) if x.first}
        if len(firsts) < 2:
            return m.key
        first = m.first or self.index.fullest(m).split()[0].lower()
        return f"{m.key} {first}"

    def _speaking_person(self, si: int) -> Mention | None:
        """A person in the sentence who is the subject of a verb of saying ("… after Sir Alan Fairley said …")."""
        if self.doc.lang != "en":
            return None
        tokens = self.doc.tokens
        subject = self.subject_of(si)
        toks = self.doc.sentence_tokens(si)
        caption = len(toks) > 1 and toks[1].low == "caption"
        for m in self.index.in_sentence(si):
            if caption and subject is not None and subject.mention is not None and m.end <= subject.mention.start:
                continue  # "Image caption X says … Y, who runs the trust, said": the caption's speaker is not the one
            if m.kind == "person" and not m.possessive and not m.after_preposition and m.tokens[1] < len(tokens):
                nxt = tokens[m.tokens[1]]
                # "Sir Alan Fairley said", not "… e-mailed Mr Keane pointing out": a finite verb only.
                # (after a comma only when the name is set off by commas itself: "…, PC Lorraine Haughey, said";
                # "a petition addressed to President X, said" ends an apposition about another)
                text = self.doc.text(m.block)
                gap = text[m.end : nxt.start]
                set_off = re.search(r",\s*(?:\w+\.?\s+)?$", text[max(0, m.start - 12) : m.start]) is not None
                if nxt.sent == si and is_cue(self.doc.lex, nxt.low) and not nxt.low.endswith("ing") and (
                    not gap.strip() or set_off
                ):
                    return m
        return None

    def _has_words_before(self, si: int, pos: int) -> bool:
        s = self.doc.sents[si]
        return bool(self.doc.tokens_between(s.block, s.start, pos))

    def holder(self, subject: Subject, si: int, pos: int, *, reach: int = _REACH) -> Speaker | None:
        """Who holds the role a subject names, or the role itself when nobody named does."""
        role = subject.role
        lex = self.doc.lex
        named = self._named_after(subject, si)
        if named is not None:
            return named  # "— дейт карыя. Карыянын аты Тойчубек Арзыматов"
        if subject.new and not subject.owned and self.doc.lang == "ru" and role not in lex.kin and subject.phrase:
            return Speaker(subject.phrase, "role")  # "очевидец, проезжавший мимо": someone new, not anyone named
        owner_words = subject.phrase.split()[:-1]
        if subject.owned and role in lex.kin and not subject.new and si > 0 and self._reports(si - 1) and owner_words and all(
            w.islower() and body_stem(lex, fold(w)) is None for w in owner_words
        ):
            # "Баланын атасы X … айтты. «…» — деди бейтаптын атасы": the one who has just told, a relation of the
            # same kind, though the owner is called by another word (the child, the patient, the dead man); not a
            # body's representative ("Чек ара кызматынын өкүлү"), whose owner is the body
            before = self.subject_of(si - 1)
            m = before.mention if before is not None and before.kind == "person" else None
            if m is not None and _same_role(lex, self.index.role_of(m), role) and self._sex_agrees(subject, m):
                return Speaker(self.index.fullest(m), "person", m, m.gender)
        accused = self._accused(subject, si)
        if accused is not None:
            return accused
        former = self._former_holder(subject, si)
        if former is not None:
            return former
        if subject.owned and role in lex.kin and len(subject.phrase.split()) == 1 and self.doc.lang == "ky":
            return self._relation_of_last(role, si)
        if subject.owned and role in lex.gendered and self.doc.lang == "ru" and si > 0:
            # "X рассказала, что к заболевшему сыну … «…», — говорит мама трехлетнего Артема": the one the sentence
            # before was about, of the kin's sex, who has a relative there
            before = self.subject_of(si - 1)
            m = before.mention if before is not None and before.kind == "person" else None
            kin = any(
                f in lex.kin or f.startswith(("ребен", "ребён", "дет"))
                for t in self.doc.sentence_tokens(si - 1)
                for f in noun_forms(lex, t.low)
            )
            if m is not None and kin and self._gender(m) == lex.gendered[role] and fold(m.words[-1]) not in fold(
                subject.phrase
            ):
                return Speaker(self.index.fullest(m), "person", m, m.gender)
        if role in _PLAINTIFFS:
            # "— заявил «Ъ» истец": the one who brought the suit ("X подал иск", "обратился в суд с иском"), or
            # the title alone
            for k in range(si - 1, max(-1, si - 12), -1):
                toks = self.doc.sentence_tokens(k)
                if any(t.low.startswith("иск") and len(t.low) <= 6 for t in toks):
                    subj = self.subject_of(k)
                    m = subj.mention if subj is not None and subj.kind == "person" else None
                    if m is None:  # the first person the sentence names in the nominative
                        m = next((x for x in self.index.in_sentence(k) if x.kind == "person" and x.case == "nom"), None)
                    if m is not None:
                        return Speaker(self.index.fullest(m), "person", m, m.gender)
            return Speaker(subject.phrase, "role")
        if role in _INTERLOCUTORS and re.search(r"\s(?:в|во|на|из)\s|,\s(?:знаком|близк)", subject.phrase):
            # "Собеседник «Ъ» в банке-кредиторе", "собеседник РБК, близкий к …": a source described by where they
            # work or what they know is someone new
            return Speaker(subject.phrase, "role")
        source = role in lex.sources
        people = [m for m in self.index.mentions if m.kind == "person" and (m.sent < si or m.sent == si and m.start < pos)]
        if role in _AGES:
            # "the teenager said" after "19-year-old Jordan Baker" / "Jordan Baker, 19,": the one of that age
            low, high = _AGES[role]
            keys = {m.key for m in people}  # (the age may be written with the surname alone: "Halkett, 19,")
            aged = {
                m.key: next(p for p in people if p.key == m.key)
                for m in self.index.mentions
                if m.key in keys and (m.sent < si or m.sent == si and m.start < pos) and (
                    low <= (self._age(m) or -1) <= high or role == "teenager" and self._called_teenage(m)
                )
            }
            if len(aged) == 1:
                m = next(iter(aged.values()))
                return Speaker(self.index.fullest(m), "person", m, m.gender)
            return Speaker(subject.phrase, "role")  # nobody of that age: not some adult named before
        if len(subject.phrase.split()) > 1:
            # "кыздын агасы", "Армения президенти", "глава ГКНБ": the person the article wrote with that phrase.
            key = _phrase_key(self.doc, subject.phrase)
            for m in reversed(people):
                held = _phrase_key(self.doc, m.role_phrase) if m.role_phrase else ()
                if held and (held[-len(key) :] == key or self.doc.lang == "ru" and len(key) == 2 and held[0] == key[0] and held[-1] == key[-1]):
                    # ("глава округа" for "Глава Улетовского муниципального округа Андрей Шелковников")
                    return Speaker(self.index.fullest(m), "person", m, m.gender)
        if len(subject.phrase.split()) > 1 and role in lex.heads:
            # "глава ГКНБ" after "Председатель ГКНБ Айбек Муканбетов": whoever heads the same body.
            owner = _owner_key(self.doc, subject.phrase)
            for m in reversed(people):
                if m.role_phrase and _same_owner(self.doc, _owner_key(self.doc, m.role_phrase), owner) and (
                    _phrase_key(self.doc, m.role_phrase)[-1 if self.doc.lang == "ky" else 0] in lex.heads
                ):
                    return Speaker(self.index.fullest(m), "person", m, m.gender)
            head = self._head_of_body(subject, si, owner, people)
            if head is not None:
                return head
        if _office(lex, subject.phrase):
            # An office one person holds: the one the article named with it ("Президент тендерди …").
            for m in reversed(people):
                if _same_role(lex, m.role, role) and _office(lex, m.role_phrase or m.role):
                    return Speaker(self.index.fullest(m), "person", m, m.gender)
            # or the one head the article named by a title any head has ("главе города Олегу Кравцу … мэр
            # признал"), when nobody holds the office by name and there is one such head
            heads = {
                m.key: m
                for m in people
                if m.role in lex.generic and m.role in lex.heads and m.sent >= si - 8 and self._sex_agrees(subject, m)
            }
            if len(heads) == 1 and not any(m.role and _office(lex, m.role_phrase or m.role) for m in people):
                m = next(iter(heads.values()))
                return Speaker(self.index.fullest(m), "person", m, m.gender)
        # Whoever was just quoted or is the subject of the sentence before, when they can hold the role; a sentence
        # that only goes on about them ("Анын айтымында, …") reaches one further back.
        last = si - 2
        k = si + 1
        while k - 1 > max(-1, last):
            k -= 1
            end = pos if k == si else None
            for s in self._said_in(k, end)[::-1]:
                if s.kind == "person" and s.mention is not None and self._can_hold(s.mention, subject):
                    return s  # (a body quoted before holds no title: "— говорится в сообщении центра")
            if k == si and not self._has_words_before(k, pos):
                continue
            # "X … бөлүп сүйлөп, раиска судья Y ага эскертүү берди. «…» — деди судья": the one the sentence gave
            # this very role, before a subject who has none
            titled = [m for m in people if m.sent == k and m.role and _same_role(lex, m.role, role)]
            if titled and self._owners_agree(subject, titled[-1]):
                m = titled[-1]
                return Speaker(self.index.fullest(m), "person", m, m.gender)
            subj = self.subject_of(k, end)
            if subj is None:
                continue
            if subj.kind == "role" and k == si - 1 and role in lex.generic and role not in lex.sources and (
                subj.role not in lex.sources and self._anonymous(k) and _fits(subj.gender, subject.gender)
            ):
                # "Жыйындарга катышкан пенсионер аты-жөнүн жазбоону суранды. «…» — деди карыя": the one who has
                # just asked not to be named, by a word for anyone, not someone quoted before
                return Speaker(subj.phrase, "role")
            if self.doc.lang == "ky" and subj.kind == "role" and k < si and not subj.owned and role in lex.generic and (
                _same_role(lex, subj.role, role)
            ):
                # "… жашаган 70 жаштагы карыя … эскерди. «…» — деди карыя": the one just brought in by that word,
                # not someone named before whom the word could also describe
                sent = self.doc.sents[k]
                if not subj.new and " " not in subj.phrase and (
                    self.doc.text(sent.block)[sent.start : sent.end].lstrip().startswith(subj.phrase)
                ):
                    # ... unless the word opens its sentence with nothing to describe it, and only points back
                    # itself ("пенсионер X … Карыянын айтымында, …"): then whoever it stands for
                    back = self.resolve(subj, k, self.doc.sents[k].start)
                    if back is not None and back.kind == "person":
                        return back
                return Speaker(subj.phrase, "role")
            if subj.kind == "pronoun" and k < si and last == si - 2 and not self._said_in(k, None):
                last -= 1
                continue
            if subj.kind == "person" and subj.mention is not None:
                m = subj.mention
                if self._can_hold(m, subject) or self._named_by_another_title(m, subject, k, si, people) or (
                    role in _INTERLOCUTORS and k == si - 1 and self._reports(k) and self._sex_agrees(subject, m)
                ):
                    # ("Как пояснил ТАСС глава района Виктор Шелехов, …" then "— сказал собеседник агентства")
                    return Speaker(self.index.fullest(m), "person", m, m.gender)
            elif source and subj.kind in ("body", "person", "media") and role in ("собеседник",):
                return self.resolve(subj, k, self.doc.sents[k].end)
        if role in ("собеседник", "собеседница") and not re.search(r"\s(?:в|во|на|из)\s", subject.phrase) and self.said:
            # "«…», — сказал Неустроев. По словам Неустроева, … «…», — добавил собеседник агентства": the one who
            # has just been talking to the outlet
            cand, said = self.said[-1]
            sourced = any(
                t.low.startswith(("источник", "собеседни"))
                for k in range(cand.sent + 1, si)
                for t in self.doc.sentence_tokens(k)
            ) or any(  # (not after "По информации источника агентства …", or "Мать одного из … рассказала": them;
                # "Около полуночи пенсионерка потеряла сознание" tells nothing)
                (other := self.subject_of(k)) is not None and other.kind in ("role", "group") and self._reports(k)
                for k in range(cand.sent + 1, si)
            )
            if said is not None and said.kind == "person" and said.mention is not None and cand.sent >= si - 3 and (
                self._sex_agrees(subject, said.mention)
            ) and not sourced:
                return said
        # Someone the article wrote with the title that spells the office out: "Министрлер кабинетинин төрагасынын
        # орун басары X … — деди вице-премьер"
        titles = self._written_out_titles(subject)
        for m in reversed(people) if titles else ():
            if m.sent >= si - 30 and self._written_out_as(m, titles) and self._sex_agrees(subject, m):
                return Speaker(self.index.fullest(m), "person", m, m.gender)
        # The last person the article gave this role, of the same owner when the role names one ("Тажикстандын Чек
        # ара кызматынын өкүлү" is not the "ыйгарым укуктуу өкүл" of a province).
        for m in reversed(people):
            if _same_role(lex, m.role, role) and m.sent >= si - 30 and self._owners_agree(subject, m) and (
                self._sex_agrees(subject, m)  # ("— сказала депутат" is no deputy named before as a man)
            ):
                return Speaker(self.index.fullest(m), "person", m, m.gender)
        if self.doc.lang == "ky" and (role in lex.generic or role in _REPRESENTATIVES) and _genitive_owners(subject.phrase):
            # "— деп жооп берди башкармалыктын өкүлү": the one official of that body quoted lately
            quoted = [s.mention for c, s in self.said if s is not None and s.mention is not None and c.sent >= si - 8]
            fitting = {m.key: m for m in quoted if self._owners_agree(subject, m) and self._sex_agrees(subject, m)}
            if not fitting:
                # or an official of that body the article named, who has not spoken yet
                named = [m for m in people if m.sent >= si - 8 and m.role and not m.possessive]
                fitting = {m.key: m for m in named if self._owner_in_title(subject, m) and self._sex_agrees(subject, m)}
            if len(fitting) == 1:
                m = next(iter(fitting.values()))
                return Speaker(self.index.fullest(m), "person", m, m.gender)
        # Someone described by the role before, unnamed: "«Азаттыктын» түркмөн кызматынын кабарчысы".
        for k in range(si - 1, max(-1, si - reach), -1):
            subj = self.subject_of(k)
            if subj is not None and subj.kind == "role" and self.doc.lang == "ky" and role in _KY_PEOPLE and (
                k >= si - 2 and subj.role not in lex.sources and subj.role not in _KY_PEOPLE and not _counted(subj.phrase)
                and self._reports(k)
            ):
                # "Ошол жигиттин апасы «Азаттыкка» … айтты. … «…» — деди аял": the one who just told, by a word for anyone
                return Speaker(self._with_owner(subj.phrase, k), "role")
            if subj is not None and subj.kind == "role" and subj.role == role and (
                len(subj.phrase) > len(subject.phrase) or subj.new and k >= si - 2
            ):  # ("An official at the ministry, who …, said … '…,' the official said": the one just brought in)
                return Speaker(subj.phrase, "role")
            if subj is not None and subj.kind == "role" and subj.new and (
                k == si - 1 or k == si - 2 and self.doc.lang == "ky" and (s1 := self.subject_of(si - 1)) is not None
                and s1.kind == "pronoun"  # ("… мекендешибиз аты-жөнүн жазбоону суранды. Ал … айтат. «…» — дейт мигрант")
            ) and (
                self.doc.lang in ("ru", "ky") or self.doc.lang == "en" and role in _PEOPLE and subj.gender == subject.gender
            ) and (_fits(subj.gender, subject.gender) and role not in lex.sources and subj.role not in lex.sources):
                # "Еще одна мать … попросила не называть ее имени. «…», — рассказала женщина": the one just brought
                # in, by another word, not someone named before
                return Speaker(subj.phrase, "role")
            if subj is not None and subj.kind == "role" and role in _INTERLOCUTORS and (
                subj.role in lex.sources or (subj.new or self._anonymous(k) or k == si - 1) and self._reports(k)
            ) and subj.role not in _INTERLOCUTORS:
                # (or anyone unnamed who told the outlet in the sentence right before: "Житель района …, чей дом
                # снесли, рассказал «Фергане», что … «…», — сказал собеседник издания")
                # "Источник в театре рассказал … — говорит собеседник издания": the one the outlet spoke to
                return Speaker(subj.phrase, "role")
        # The person the text has been about, under another title ("the minister" for a secretary of state).
        # A role written with its own description ("сотрудник томского управления лесного хозяйства")
        # brings someone in; a bare one ("— деди министр") may point back to them.
        if not source and not subject.owned and not self._described(subject):
            passed = False
            for k in range(si - 1, max(-1, si - 5), -1):
                subj = self.subject_of(k)
                m = subj.mention if subj is not None and subj.kind == "person" else None
                if m is None and subj is not None and subj.kind == "role" and self.doc.lang == "ky" and not subj.new:
                    # "Жеңиштен кийин балуан … маек курду. «…» — деди чемпион": the one person the article gave
                    # the role the sentence before names
                    fits = {x.key: x for x in people if _same_role(lex, self.index.role_of(x), subj.role)}
                    m = next(iter(fits.values())) if len(fits) == 1 else None
                if m is None and (subj is None or subj.kind == "self"):
                    # "Биз Токтобүбү Асанакунова менен жолуктук. … тон кийген аял …": the one person it names
                    named = [x for x in self.index.in_sentence(k) if x.kind == "person" and not x.possessive]
                    m = named[0] if len(named) == 1 else None

                if m is not None:
                    if not self._may_be_titled(m, role) or passed and not self.index.role_of(m) or (
                        not self._sex_agrees(subject, m)
                    ):
                        # "тургун Нурбек Абдыжапаров" is no vice-premier; past him, only someone written with a
                        # title that fits
                        passed = True
                        continue
                    return Speaker(self.index.fullest(m), "person", m, m.gender)
        if reach == _REACH and self.doc.lang == "en" and subject.phrase.lower().startswith("former ") and not any(
            _same_role(lex, self.index.role_of(m), role) for m in people
        ):
            # "Asked whether his job was under threat, the former Wales flanker said": what the one quoted just
            # before once was, when nobody named holds it
            cand, said = self.said[-1] if self.said else (None, None)
            if cand is not None and said is not None and said.kind == "person" and cand.sent >= si - 4:
                return said
        if subject.generic:
            return None
        if len(subject.phrase.split()) == 1 and si > 0 and self._reports(si - 1):
            # "Сотрудник посольства … сообщил «Фергане», что … «…», — сказал дипломат": the one the sentence just
            # before brought in, unnamed, called by another title
            before = self.subject_of(si - 1)
            if before is not None and before.kind == "role" and before.role != role and len(before.phrase.split()) > 1 and (
                _fits(before.gender, subject.gender)
            ):
                return Speaker(before.phrase, "role")
        later = self._named_later(subject, si)
        if later is not None:
            return later
        if role in lex.generic and self.doc.lang == "ru" and len(subject.phrase.split()) == 1:
            # "Доклад директора департамента Геннадия Рябцева слушали час. По его словам, … «…», — пояснил
            # чиновник": a title any official goes by, for the one person the sentences just before name
            for k in range(si - 1, max(-1, si - 3), -1):
                named = {
                    m.key: m
                    for m in self.index.in_sentence(k)
                    if m.kind == "person" and not m.possessive and self._sex_agrees(subject, m)
                }
                if len(named) == 1:
                    m = next(iter(named.values()))
                    return Speaker(self.index.fullest(m), "person", m, m.gender)
                if named:
                    break
        if (
            self.doc.lang in ("ru", "en")
            and (
                len(subject.phrase.split()) == 1
                # "the head teacher added": a title of two lowercase words is as bare
                or self.doc.lang == "en" and len(subject.phrase.split()) == 2 and subject.phrase.islower()
                and "'" not in subject.phrase and "’" not in subject.phrase
            )
            and not subject.new
            and not subject.owned
            and role not in lex.sources
            and any(m.kind == "person" for m in self.index.mentions)
        ):
            # "— сказал юрист", "— рассказала пенсионерка": a bare title stands for someone the article named,
            # and when the rules cannot tell whom, the title is a wrong name; better none
            return None
        return Speaker(subject.phrase, "role") if subject.phrase else None

    def _owner_named(self, subject: Subject, si: int) -> Speaker | None:
        """"a spokesperson for the regulator" after "the Office for Product Safety and Standards …": the role, with
        the body its kind points back to."""
        lex = self.doc.lex
        owner = re.match(r"(.+\bfor the) ([a-z]+)$", subject.phrase) if self.doc.lang == "en" else None
        if owner is None or owner.group(2) not in lex.body_heads | lex.generic_bodies:
            return None
        kind = owner.group(2)
        body = self.named_body(Subject("body", phrase=kind, role=kind, generic=True), si)
        if body is None or body.mention is None:
            return None
        return Speaker(f"{owner.group(1)} {body.name}", "role")

    def _en_body_role(self, subject: Subject, si: int) -> Speaker | None:
        """"The association's spokesman said", nobody named holding it: the spokesman of the association named
        before ("Enforcement Services Association spokesman")."""
        lex = self.doc.lex
        possessed = re.match(r"(?:the\s+)?([a-z]+)['’]s\s+([a-z][a-z -]*)$", subject.phrase, re.IGNORECASE)
        if self.doc.lang != "en" or possessed is None or fold(possessed.group(1)) not in lex.body_heads | (
            lex.generic_bodies
        ) or role_stem(lex, fold(possessed.group(2).split()[-1])) is None:
            return None
        kind = fold(possessed.group(1))
        body = self.named_body(Subject("body", phrase=kind, role=kind, generic=True), si)
        if body is None or body.mention is None:
            return None
        return Speaker(f"{body.name} {possessed.group(2)}", "role")

    def _ru_owner_named(self, subject: Subject, si: int) -> Speaker | None:
        """"представитель ведомства", "источник в министерстве": the role, with the body named before that its
        kind points back to ("представитель Госавтоинспекции", "источник в Росавиации")."""
        if self.doc.lang != "ru":
            return None
        lex = self.doc.lex
        words = subject.phrase.split()
        if len(words) < 2 or any(w[:1].isupper() for w in words[1:]):
            return None
        kinds = [(i, body_stem(lex, fold(w))) for i, w in enumerate(words[1:], 1)]
        kinds = [(i, k) for i, k in kinds if k is not None]
        if len(kinds) != 1 or kinds[0][0] != len(words) - 1 or kinds[0][1] in lex.companies:
            return None  # (the kind last, alone: not "представитель министерства здравоохранения", said in full)
        kind = kinds[0][1]
        body = self.named_body(Subject("body", phrase=kind, role=kind, generic=True), si)
        if kind in lex.generic_bodies and (body is None or body.mention is None or body.mention.kind != "body"):
            # "ведомство": the state body named last (not a plant's initials, "ГЭС")
            last = next((m for m in reversed(self.index.mentions) if m.kind == "body" and si - 6 <= m.sent <= si), None)
            body = Speaker(self._body_phrase(last), "body", last) if last is not None else None
        if body is None or body.mention is None or body.kind != "body" or body.mention.kind != "body":
            return None
        if subject.role in _INTERLOCUTORS:
            return None  # "собеседник агентства": the one the outlet spoke to, not the outlet
        have = self._kind_of(body.mention) or lex.synonyms.get(fold(body.mention.words[0]), "")
        if kind == "министерство" and len(body.mention.words) == 1 and fold(body.mention.words[0]).startswith("мин"):
            have = kind  # a ministry by its short name: "Минцифры", "Минздрав"
        if kind not in lex.generic_bodies and not (have and _kinds_agree(have, kind, lex)):
            return None  # "председатель жюри" is of no body but a jury: a kind, of a body of that kind
        named = body.name
        before = self.doc.tokens[body.mention.tokens[0] - 1] if body.mention.tokens[0] > 0 else None
        if words[-2] in ("в", "во") and before is not None and before.low in ("в", "во") and len(body.mention.words) == 1:
            # "источник в ведомстве" -> "источник в Росавиации": the name as the article wrote it after "в"
            named = self.doc.text(body.mention.block)[body.mention.start : body.mention.end]
            return Speaker(" ".join([*words[:-1], named]), "role", body.mention)
        return Speaker(self._compose(subject.phrase, named, body.mention), "role", body.mention)

    def _named_later(self, subject: Subject, si: int) -> Speaker | None:
        """"Бул тууралуу саламаттык сактоо министринин орун басары билдирди. «…» — деди ал. … Министрдин орун басары
        Адыл Токтоматов …": an official first written by the title alone, named with it a few sentences on."""
        lex = self.doc.lex
        if subject.new or subject.role in lex.sources or subject.role in lex.generic:
            return None
        if len(subject.phrase.split()) < 2 and not _office(lex, subject.phrase):
            return None  # a bare "депутат" may be anyone; a title with what it is of, or an office, is one person
        found = {
            m.key: m
            for m in self.index.mentions
            if m.kind == "person" and si < m.sent <= si + 12 and m.role and _same_role(lex, m.role, subject.role)
            and self._owners_agree(subject, m) and self._sex_agrees(subject, m)
        }
        if len(found) != 1:
            return None
        m = next(iter(found.values()))
        return Speaker(self.index.fullest(m), "person", m, m.gender)

    def _with_owner(self, phrase: str, si: int) -> str:
        """"апасы" -> "Акжол Арстанбековдун апасы": a relation written with a pronoun or nothing for its owner, given
        the owner the sentence before is about."""
        if len(phrase.split()) != 1 or si < 1:
            return phrase
        subj = self.subject_of(si - 1)
        if subj is None or subj.kind != "person" or subj.mention is None:
            return phrase
        owner = self.index.fullest(subj.mention).split()
        owner[-1] = ky_genitive(owner[-1])
        return " ".join([*owner, phrase])

    def _relation_of_last(self, role: str, si: int) -> Speaker | None:
        """"«…», — дейт Шерзод. «…», — деп күлдү атасы": a relation named by the possessive alone is the one the
        sentences just before named with it ("Алтынайдын атасы Жеңишбек Токоев"), else the relation of the one just
        quoted, so never that one: the one quoted before them, whose relation they were brought in as, or nobody."""
        titled = [m for m in self.index.mentions if m.kind == "person" and m.role == role and si - 2 <= m.sent <= si]
        if titled:
            m = titled[-1]
            return Speaker(self.index.fullest(m), "person", m, m.gender)
        people = [(c, s) for c, s in self.said if s is not None and s.kind == "person" and c.sent >= si - 6]
        if not people:
            return None
        last = people[-1][1]
        for _, s in reversed(people[:-1]):
            if s.name != last.name:
                return s
        return None

    def _named_after(self, subject: Subject, si: int) -> Speaker | None:
        """"— дейт карыя. Карыянын аты Тойчубек Арзыматов": the sentence right after names the one the role is."""
        if self.doc.lang != "ky" or not subject.role or si + 1 >= len(self.doc.sents):
            return None
        toks = self.doc.sentence_tokens(si + 1)
        for k, t in enumerate(toks[:-2]):
            if toks[k + 1].low not in ("аты", "ысымы", "аты-жөнү"):
                continue
            forms = ky_forms(t.low)
            if len(forms) > 1 and forms[0].case == "gen" and fold(forms[0].stem) == subject.role:
                m = self.index.at_token.get(toks[k + 2].index)
                if m is not None and m.kind in ("person", "single"):
                    self.index.confirm(m)
                    return Speaker(self.index.fullest(m), "person", m, m.gender)
        return None

    def _head_of_body(
        self, subject: Subject, si: int, owner: tuple[str, ...], people: list[Mention]
    ) -> Speaker | None:
        """"ведомствонун башчысы" after "Энергетика министрлиги …" and "Энергетика министри Жыргалбек Тажибаев":
        the owner is a kind of body, the body is the one named before, and its head is the person written with a
        title that names that body."""
        lex = self.doc.lex
        if len(owner) != 1:
            return None
        forms = noun_forms(lex, owner[0])  # (Russian keeps the owner as written: "ведомства")
        kind = next((f for f in (owner[0], *forms) if f in lex.body_heads), None)
        if kind is None:
            return None
        body = self.named_body(Subject("body", phrase=kind, role=kind, generic=True), si)
        if body is None or body.mention is None:
            if kind not in _MINISTRIES:
                return None
            # "— добавила глава ведомства" after "министр просвещения Гульмира Асанбекова", with no ministry named as
            # a body: the minister heads it (the one the article last named so, of the verb's sex)
            for m in reversed(people):
                if m.sent >= si - 30 and self.index.role_of(m).startswith("минист") and self._sex_agrees(subject, m):
                    return Speaker(self.index.fullest(m), "person", m, m.gender)
            return None
        for m in reversed(people):
            # the one whose title the body's name is part of: "Председатель Республиканского комитета профсоюза … и
            # науки Абдыкадыр уулу Эрмек" heads it, whoever else's title shares a word with it
            if self.doc.lang == "ru" and m.case == "nom" and not m.after_preposition and any(
                x.key == body.mention.key and x.sent == m.sent and 0 <= m.tokens[0] - x.tokens[1] <= 3
                and x.tokens[0] > 0 and _nominative_title(self.doc, self.doc.tokens[x.tokens[0] - 1])
                for x in self.index.in_sentence(m.sent)
            ):  # (a title in the nominative before the body: not "с главой МИД Литвы Линасом …", another's)
                return Speaker(self.index.fullest(m), "person", m, m.gender)
        kind = self._kind_of(body.mention)
        names = {fold(w)[:5] for w in body.mention.words if len(w) >= 4 and kind not in noun_forms(lex, fold(w))}
        if not names:
            return None
        for m in reversed(people):
            words = [fold(w) for w in (m.role_phrase or "").split()]
            if self.index.role_of(m) and any(w[:5] in names for w in words):
                return Speaker(self.index.fullest(m), "person", m, m.gender)
        return None

    def _described(self, subject: Subject) -> bool:
        """Is a role written with an owner of its own ("сотрудник томского управления", "Тажикстандын Чек ара
        кызматынын өкүлү"), which brings someone in rather than pointing back? Kyrgyz participles before a role
        ("тон кийген аял") only describe."""
        if self.doc.lang == "ky":
            return bool(_genitive_owners(subject.phrase))
        return len(subject.phrase.split()) > 1

    def _may_be_titled(self, m: Mention, role: str) -> bool:
        """Can a person the article wrote with one role be called by another: no role written, a role for any
        trade, or one that shares a word with it ("башкы дарыгеринин орун басары" is a дарыгер, "заместитель
        министра" a замминистра)?"""
        held = self.index.role_of(m)
        lex = self.doc.lex
        if not held or _same_role(lex, held, role) or role in lex.generic or _plays(lex, held, role):
            return True
        if (held in lex.residents or held in lex.generic and self.doc.lang == "ru") and (role,) not in lex.offices and (
            role not in lex.heads
        ):
            # "айылдын тургуну X" may be "Дыйкан" later, "выпускница академии X" an "актриса", not "вице-премьер"
            return True
        words = [fold(w) for w in re.split(r"[\s,]+", m.role_phrase or held) if w]
        if role.startswith("вице-") and any(w.startswith("заместител") for w in words):
            role = role[5:]  # "вице-мэр" is the "заместитель мэра"
        stem = role[:5]
        # (or the words before the name make the role: "«Кылым шамы» укук коргоо борборунун жетекчиси X" is an "укук
        # коргоочу")
        return any(len(w) >= 4 and (w[:5] == stem or w[:5] in role or stem in w) for w in words) or self._described_as(
            m, role
        )

    def _sex_agrees(self, subject: Subject, m: Mention) -> bool:
        """A role whose verb shows a sex ("— ответил глава минфина", "— сказала врач") is not held by someone the
        article shows to be of the other."""
        held = self._gender(m)
        said = subject.gender
        if said not in ("m", "f") and self.doc.lang == "ru":
            # "— говорит местный пенсионер": a Russian title with a woman's form of its own says a man
            said = _RU_PAIRED.get(subject.role, "")
        return said not in ("m", "f") or held not in ("m", "f") or held == said

    def _owner_in_title(self, subject: Subject, m: Mention) -> bool:
        """Is the owner a role names ("администрациянын өкүлү") in the person's own title, the words right before
        the name back to a "жана" or a comma ("… администрациясынын башчысынын орун басары Майрамбек Осмонов")?"""
        owner = _genitive_owners(subject.phrase)
        tokens = self.doc.tokens
        lo = m.tokens[0]
        words: list[str] = []
        for k in range(lo - 1, max(-1, lo - 9), -1):
            t = tokens[k]
            if t.block != m.block or t.low in ("жана", "менен") or re.search(r"[,;:.]", self.doc.text(m.block)[t.end : tokens[k + 1].start]):
                break
            words.extend(_word_keys(t.low))
        return bool(owner & set(words))

    def _owners_agree(self, subject: Subject, m: Mention) -> bool:
        """A role written with its owner ("Тажикстандын Чек ара кызматынын өкүлү", "the Dunmore manager") is held
        only by someone written with that owner too."""
        if self.doc.lang == "en":
            owners = {fold(w) for w in subject.phrase.split()[1:] if w[:1].isupper()} | (
                {fold(subject.phrase.split()[0])} if subject.phrase[:1].isupper() and " " in subject.phrase else set()
            )
            owners = {w for w in owners if not re.search(r"-[a-z]+$", w)} - {"the", "a", "an"}  # not "Oscar-nominated"
            # only the names of things the article names ("Dunmore" of Dunmore Athletic), not "Oscar-nominated"
            named = {fold(w) for x in self.index.mentions if x.kind in ("org", "body", "place", "media") for w in x.words}
            owners &= named
            if not owners:
                return True
            lo = m.tokens[0]
            near = {t.low for t in self.doc.tokens[max(0, lo - 6) : lo] if t.block == m.block}
            if owners & (near | {fold(w) for w in m.role_phrase.split()}):
                return True
            # "The WHO official" for "X, the World Health Organization's representative": the initials of a name
            # written in the title, before the person or in apposition after them
            acronyms = {fold(w) for w in subject.phrase.split() if w.isupper() and len(w) >= 2}
            for x in self.index.by_key.get(m.key, [m]) if acronyms else ():
                around = self.doc.tokens[max(0, x.tokens[0] - 6) : x.tokens[1] + 8]
                for o in self.index.mentions:
                    if o.kind in ("org", "body") and len(o.words) >= 2 and o.sent == x.sent and any(
                        t.index == o.tokens[0] for t in around
                    ) and "".join(w[0] for w in o.words if w[:1].isupper()).casefold() in acronyms:
                        return True
            return False
        if self.doc.lang != "ky":
            return True
        owner = _genitive_owners(subject.phrase)
        if not owner:
            return True
        # the words written before the person, up to eight: "Президенттин эмгек миграциясы боюнча кеңешчиси X"
        written: set[str] = set()
        for x in self.index.by_key.get(m.key, [m]):
            lo = x.tokens[0]
            for t in self.doc.tokens[max(0, lo - 8) : lo]:
                if t.block == x.block:
                    written |= _word_keys(t.low)
            for w in x.role_phrase.split():
                written |= _word_keys(w)  # a title after a dash too
        return bool(owner & written)

    def _named_by_another_title(self, m: Mention, subject: Subject, k: int, si: int, people: list[Mention]) -> bool:
        """"Психикалык ден соолук борборунун директору Чынар Ажыкулова … деп атады. «…» — дейт дарыгер": a titled
        person brought in by the sentence right before, called by another title that nobody in the article holds."""
        lex = self.doc.lex
        if k != si - 1 or not m.role or len(subject.phrase.split()) != 1 or subject.role in lex.sources:
            return False
        if subject.owned or subject.role in lex.kin or subject.role in lex.offices or not self._sex_agrees(subject, m):
            return False
        if any(x.sent != m.sent for x in self.index.by_key.get(m.key, ()) if x.sent < m.sent):
            return False  # only someone the sentence introduces ...
        if not self._reports(k) and not self._de_clause(k):
            return False  # ... as saying or thinking something (not "мугалим X уулун ооруканага алып келди")
        return not any(
            _same_role(lex, x.role, subject.role) or subject.role[:5] in fold(x.role_phrase) for x in people if x.role
        )

    def _former_holder(self, subject: Subject, si: int) -> Speaker | None:
        """"Мурдагы вице-мэр …", "the former minister said": the one the article named as the former holder ("шаардын
        мурдагы вице-мэри Асылбек Куттубаев"), who holds no title now for the index."""
        if not subject.role:
            return None
        own = self.doc.sentence_tokens(si)
        if not any(
            a.low in _FORMER_WORDS and role_stem(self.doc.lex, b.low) == subject.role for a, b in pairwise(own)
        ):
            return None
        tokens = self.doc.tokens
        found: Mention | None = None
        for m in self.index.mentions:
            if m.kind != "person" or m.sent >= si:
                continue
            before = [t for t in tokens[max(0, m.tokens[0] - 4) : m.tokens[0]] if t.sent == m.sent]
            if any(t.low in _FORMER_WORDS for t in before) and any(
                role_stem(self.doc.lex, t.low) == subject.role for t in before
            ):
                found = m
        if found is None:
            return None
        return Speaker(self.index.fullest(found), "person", found, found.gender)

    def _accused(self, subject: Subject, si: int) -> Speaker | None:
        """"Айыпталуучу өзү … — деди ал" in a court report on "X-тын иши боюнча" ("по делу X"): the one whose case
        it is."""
        if subject.role not in _ACCUSED:
            return None
        tokens = self.doc.tokens
        for m in self.index.mentions:
            if m.kind != "person" or m.sent > si:
                continue
            after = tokens[m.tokens[1]].low if m.tokens[1] < len(tokens) else ""
            before = " ".join(t.low for t in tokens[max(0, m.tokens[0] - 2) : m.tokens[0]])
            if after.startswith(("иши", "ишин", "ишине")) or before.endswith(("по делу", "дело")):
                return Speaker(self.index.fullest(m), "person", m, m.gender)
        return None

    def _of_age(self, phrase: str, si: int, pos: int) -> Speaker | None:
        """The one person named before with the age an epithet gives ("the 19-year-old"), if only one has it."""
        age = re.match(r"(\d{1,3})-year-old$", phrase)
        if age is None:
            return None
        people = [m for m in self.index.mentions if m.kind == "person" and (m.sent < si or m.sent == si and m.start < pos)]
        aged = {m.key: m for m in people if self._age(m) == int(age.group(1))}
        if len(aged) != 1:
            return None
        m = next(iter(aged.values()))
        return Speaker(self.index.fullest(m), "person", m, m.gender)

    def _called_teenage(self, m: Mention) -> bool:
        """"Teenage substitute Leo Baptiste-Rourke": a teenager the article gives no age."""
        before = self.doc.tokens[max(0, m.tokens[0] - 3) : m.tokens[0]]
        return any(t.sent == m.sent and t.low in ("teenage", "teenaged", "teen") for t in before)

    def _age(self, m: Mention) -> int | None:
        """The age written next to a person: "19-year-old Jordan Baker", "Jordan Baker, 19,"."""
        text = self.doc.text(m.block)
        found = _AGE_BEFORE_RE.search(text[max(0, m.start - 16) : m.start]) or _AGE_AFTER_RE.match(text[m.end : m.end + 8])
        return int(found.group(1)) if found else None

    def _can_hold(self, m: Mention, subject: Subject) -> bool:
        """Can this person be the one a role stands for: the same role, a role that fits any trade ("эксперт"
        for an economist), or no role written at all (not for unnamed sources and relations)?"""
        lex = self.doc.lex
        role = subject.role
        held = self.index.role_of(m)
        if not self._owners_agree(subject, m) or not self._sex_agrees(subject, m):
            return False
        if _same_role(lex, held, role) or _plays(lex, held, role):
            return True
        if role in lex.sources or subject.owned:
            return False
        # someone with no title, or a title any trade may be called by ("эксперт" for an economist); an expert is
        # not thereby a minister. A head of something named by a title any head has ("глава региона") may be
        # called by the office later ("губернатор").
        return (
            not held and not self._given_to_another(m, role)
            or role in lex.generic
            or held in lex.generic and held in lex.heads and (role,) in lex.offices
            # a head by another word for a head: "Председатель профсоюзной организации X … — подчеркнула
            # профсоюзный лидер"
            # (a finance director is no leader; a department's director is no governor, an office of its own)
            or held in lex.heads and role in lex.heads and self.doc.lang != "en" and (role,) not in lex.offices
            # a title any member of something has, called by what she is: "Член Совета Федерации X … сказала сенатор"
            or held in lex.generic and self.doc.lang == "ru" and (role,) not in lex.offices
            # the head of what the role makes: "фермердик чарбанын башчысы X … Фермер …", "глава фермерского
            # хозяйства X … — сказал фермер"
            or held in lex.heads and self._described_as(m, role)
            # two titles before the name: "Медиа укугу боюнча юрист, «…» институтунун кызматкери Асел Жумакадырова"
            or self._titled_also(m, role)
            # a surgeon the article said leads the department, called its head: "хирург X бөлүмдү жетектейт. … —
            # деди бөлүм башчысы"
            or self._leads(m, subject)
            # the head of a company, called what anyone who runs a business is: "«X» ЖЧКнын директору Y … — деди
            # ишкер", "директор ООО «X» Y … — говорит предприниматель"
            or role in _BUSINESS and held in lex.heads and self._heads_a_company(m)
        )

    def _written_out_titles(self, subject: Subject) -> tuple[tuple[str, ...], ...]:
        """The titles that spell out the office a subject names (`written_out`), or none."""
        lex = self.doc.lex
        words = tuple(fold(w) for w in subject.phrase.split() if fold(w) not in ("the", "a", "an"))
        return next((lex.written_out[words[k:]] for k in range(len(words)) if words[k:] in lex.written_out), ())

    def _written_out_as(self, m: Mention, titles: tuple[tuple[str, ...], ...]) -> bool:
        """Was this person written with one of these titles: the words before a mention of them hold it, word by
        word, by their first letters?"""
        for x in self.index.by_key.get(m.key, [m]):
            lo = x.tokens[0]
            before = [
                t.low
                for t in self.doc.tokens[max(0, lo - 10) : lo]
                if t.block == x.block and t.sent == x.sent and t.low not in _FIRST_OF
            ]  # ("төрагасынын биринчи орун басары" is the chairman's deputy too, the first one)
            for title in titles:
                n = len(title)
                if n <= len(before) and all(
                    b[: min(5, len(w))] == w[: min(5, len(w))] for b, w in zip(before[-n:], title, strict=True)
                ):
                    return True
        return False

    def _heads_a_company(self, m: Mention) -> bool:
        """Is this person written as the head of a company: a company's kind or legal form among the words before a
        mention of them ("«Баткен Агро» ЖЧКнын директору", "генеральный директор ООО «Вектор»")?"""
        lex = self.doc.lex
        for x in self.index.by_key.get(m.key, [m]):
            lo = x.tokens[0]
            for t in self.doc.tokens[max(0, lo - 8) : lo]:
                if t.block == x.block and (
                    lex.legal_form(t.text) or any(f in lex.companies for f in noun_forms(lex, t.low))
                ):
                    return True
        return False

    def _leads(self, m: Mention, subject: Subject) -> bool:
        """Does a sentence that has this person as its subject say they lead (жетектейт, башкарат) what the
        Kyrgyz head's title owns ("бөлүмдү жетектейт" for the "бөлүм башчысы")?"""
        lex = self.doc.lex
        if self.doc.lang != "ky" or subject.role not in lex.heads:
            return False
        owner = _owner_key(self.doc, subject.phrase)
        if not owner:
            return False
        for x in self.index.by_key.get(m.key, [m]):
            if x.case != "nom":
                continue
            toks = self.doc.sentence_tokens(x.sent)
            if any(t.low.startswith(_KY_LEAD_STEMS) for t in toks) and any(
                noun_forms(lex, t.low)[0] == owner[-1] for t in toks
            ):
                return True
        return False

    def _titled_also(self, m: Mention, role: str) -> bool:
        """Is the role one of several titles written before a mention of this person, with nothing but titles,
        names and genitives between ("юрист, «Медиа полиси институтунун» кызматкери Асел Жумакадырова")?"""
        lex = self.doc.lex
        tokens = self.doc.tokens
        for x in self.index.mentions:
            if x.key != m.key or x.kind != "person":
                continue
            for k in range(x.tokens[0] - 1, max(-1, x.tokens[0] - 8), -1):
                t = tokens[k]
                if t.sent != x.sent:
                    break
                stem = role_stem(lex, t.low)
                if stem is not None and _same_role(lex, stem, role) and k < x.tokens[0] - 1:
                    return True
                if not (t.upper or stem is not None or body_stem(lex, t.low) is not None or _GENITIVE_END_RE.search(t.low)):
                    break
        return False

    def _described_as(self, m: Mention, role: str) -> bool:
        """Do the words before any mention of this person, in its sentence, make the role ("фермердик" for фермер;
        "укугун коргогон" for укук коргоочу, a doer by the verb's stem)?"""
        stem = _KY_DOER_RE.sub("", role) if self.doc.lang == "ky" else role
        if len(stem) < 5 and not (stem != role and len(stem) >= 4):
            return False
        for x in self.index.mentions:
            if x.key != m.key or x.kind != "person":
                continue
            before = [t for t in self.doc.tokens[max(0, x.tokens[0] - 8) : x.tokens[0]] if t.sent == x.sent]
            if any(t.low.startswith(stem) and t.low != role for t in before):
                return True
        return False

    def _given_to_another(self, m: Mention, role: str) -> bool:
        """Has the article given this role, a specific one, to someone else ("Brennock's trainer, Dominic
        Achterberg"): then "the trainer" is not Brennock, who has no title."""
        lex = self.doc.lex
        if not role or role in lex.generic or lex.lang != "en":
            return False  # (Kyrgyz and Russian go on calling the one they are about by titles the text gave others)
        return any(
            x.kind == "person" and x.key != m.key and _same_role(lex, self.index.role_of(x), role)
            for x in self.index.mentions
        )

    def named_body(self, subject: Subject, si: int) -> Speaker | None:
        """The body a generic noun points back to: "министрлик" -> "Тажикстандын Ички иштер министрлиги"."""
        role = subject.role
        lex = self.doc.lex
        owner = self._owner_kind(subject)
        if owner and owner != role and lex.lang == "ru" and owner in lex.companies and si > 0 and self._reports(si - 1):
            # "В Свердловском филиале «Т Плюс» ситуацию подтвердили. «…», — ответили в пресс-службе компании": the
            # company that has just spoken, by the name in quote marks it was written with
            said = self.subject_of(si - 1)
            m = said.mention if said is not None and said.kind == "body" else None
            named = self.index.at_token.get(m.tokens[1]) if m is not None else None
            if named is not None and named.quoted and named.kind in ("org", "body") and named.block == m.block:
                name = named.text if named.text.startswith("«") else f"«{named.text}»"
                words = subject.phrase.split()
                at = max(k for k, w in enumerate(words) if owner in noun_forms(lex, fold(w)))
                return Speaker(" ".join([*words[:at], name, *words[at + 1 :]]), "body", named)
        if owner and owner != role:
            # "пресс-служба мэрии", "министрликтин басма сөз кызматы": the owner is the body named before
            found = self.named_body(Subject("body", phrase=owner, role=owner, generic=True), si)
            if found is not None and lex.lang == "ru" and len(owner) >= 6 and owner not in lex.generic_bodies and (
                owner not in lex.synonyms
            ) and owner not in lex.companies and not (found.mention is not None and found.mention.quoted) and not any(
                fold(w).startswith(owner[:5]) for w in found.name.split()
            ):
                found = None  # "пресс-служба областной прокуратуры" is no court's: a named body of that kind, or none
            if found is not None:
                return Speaker(self._compose(subject.phrase, found.name, found.mention), "body", found.mention)
            if lex.lang == "ru":
                return None  # "пресс-служба акимата" with no акимат named: as written, not another body's service
        if lex.lang == "en" and role in _UNITS:
            unit = self._en_unit_of(role, si)
            if unit is not None:
                return unit
        company = role in lex.companies
        candidates = [
            m
            for m in self.index.mentions
            if (
                m.kind in ("body", "org", "media")
                # "Tien Shan Gold … the company said": a name of several words that is nobody's; in English, one word
                # the article never gives a first name or a pronoun ("Fetchwell said it …")
                or lex.lang == "en" and role in lex.generic_bodies and self._spoke_as_body(m)
                or company and m.kind == "single" and not self.index.is_person(m) and (
                    len(m.words) > 1 or lex.lang == "en" and self.index.is_thing(self.doc, m)
                    # "QazFuel plans to contest the fine. '…,' the company said": the name the sentence before opened
                    # with, never a person's
                    or lex.lang == "en" and m.initial and si - 2 <= m.sent < si and m.key not in self.index.by_key
                    and m.key not in self.index.by_first
                )
                # "The auction house, Haus Lindqvist, said …": a name in apposition to the kind is that body
                or lex.lang == "en" and role and m.kind == "single" and not self.index.is_person(m)
                and m.tokens[0] > 0 and role in noun_forms(lex, self.doc.tokens[m.tokens[0] - 1].low)
                and self.doc.text(m.block)[self.doc.tokens[m.tokens[0] - 1].end : m.start] == ", "
            )
            and si - 3 * _REACH < m.sent <= si
            and not self._told(m)
            and fold(m.words[0]) not in lex.function  # ("ЖКХ Саратовской области": housing, no body)
            # a kind alone ("Компания" opening a sentence) names no body; "Минобороны" does
            and not (
                m.initial
                and tuple(fold(w) for w in m.words) not in lex.body_names
                and all(any(f in lex.body_heads for f in noun_forms(lex, fold(w))) for w in m.words)
            )
        ]
        if lex.lang == "en" and role:
            # "The World Food Programme (WFP), the UN agency handling the logistics, said … the agency added": the
            # name an apposition gives this kind
            apposed = [m for m in candidates if self._apposed_kind(m) == role]
            if apposed:
                return Speaker(apposed[-1].text, "body", apposed[-1])
        for m in reversed(candidates):
            # the body named with this kind ("министрлик" -> "… министрлиги"); a kind that may stand for any body
            # ("регулятор") is not matched by a name that merely contains it
            if role and (
                role not in lex.generic_bodies and any(
                    lex.synonyms.get(f, f) == lex.synonyms.get(role, role) for w in m.words for f in noun_forms(lex, fold(w))
                )  # (a synonym names the same kind: "администрация" -> "Мэрия Якутска")
                # a ministry by its short name: "в министерстве" -> "Минздрав России"
                or lex.lang == "ru" and role == "министерство" and fold(m.words[0]).startswith("мин") and m.kind == "body"
                # ... though a name whose head is that kind is one: "Tana Basin Power Authority" -> "the authority"
                or lex.lang == "en" and len(m.words) > 1 and role in noun_forms(lex, fold(m.words[-1]))
            ):
                named = self.index.at_token.get(m.tokens[1])
                if named is not None and named.quoted and named.kind in ("org", "media") and named.block == m.block and (
                    lex.lang == "ru"  # Kyrgyz writes the kind after the name: «Тулпар Авиа» авиакомпаниясы
                ) and not any(w[:1].isupper() for w in m.words[1:]):  # (not "администрация Василеостровского района
                    # «Фонтанке»": a body named already, then the outlet told)
                    # "Правозащитная организация «Гражданский мост»": the kind, then the name it goes by
                    return Speaker(f"{self._body_phrase(m)} «{named.text}»", "body", named)
                return Speaker(self._body_phrase(m), "body", m)
            # ... or written right after it: "Regulator Ofgem said …" then "the regulator said"
            before = self.doc.tokens[m.tokens[0] - 1] if m.tokens[0] > 0 else None
            if (
                lex.lang == "en"
                and role
                and before is not None
                and before.sent == m.sent
                and role in noun_forms(lex, before.low)
            ):
                return Speaker(m.text, "body", m)
        # The body the article is about: named most often, and lately (Минобороны over a district it names once);
        # a medium only for a medium's kind ("телеканал").
        if lex.lang == "ru" and role and (role,) in lex.body_names:
            # "в областном минздраве": a body by its own short name is that body or none, not another the article
            # named ("Госавтоинспекция")
            same = [
                m for m in candidates
                if fold(m.words[0]).startswith(role)
                # "минкультуры" for "Министерство культуры Омской области", "минздрав" for "… здравоохранения"
                or role.startswith("мин") and len(role) > 5 and len(m.words) > 1
                and fold(m.words[0]).startswith("министерств") and fold(m.words[1])[:3] == role[3:6]
            ]
            return Speaker(self._body_phrase(same[-1]), "body", same[-1]) if same else None
        media_noun = role in ("телеканал", "канал", "газета", "агентство", "издание", "агенттик", "гезит")
        candidates = [m for m in candidates if (m.kind == "media") == media_noun]
        # A name in quote marks is a company or a product: only a company's kind points back to one. Other kinds
        # (министрлик, ведомство) point to a body the lexicons know, or an acronym, not to "Facebook".
        if company:
            # (English writes company names without quote marks: "Tien Shan Gold", "Kilbride Rovers")
            candidates = [m for m in candidates if m.quoted or m.kind != "org" or lex.lang == "en"] or candidates

            # a company is one named as a company is, in quote marks (not a state or a place: "Центральной России")
            if lex.lang != "en":
                # (or one written right after this very kind: "в ассоциации «Тепличный союз Поволжья»")
                candidates = [
                    m for m in candidates if m.quoted or m.kind == "org" or role and self._kind_before(m) == role
                ] or candidates
            # a name written with a company's legal form is a company for certain ("АО «Тошшахартрансхизмат»",
            # "«Асман» ЖЧК"), where a name in quote marks alone may be a newspaper's ("корреспондент «Газеты»")
            candidates = [m for m in candidates if self._legal_form_with(m)] or candidates
        else:
            # ... and not a body of another kind ("министрлик" is no "ооруканасы")
            candidates = [
                m
                for m in candidates
                if (not m.quoted or lex.lang == "ru" and self._kind_before(m) == role)
                and (m.kind in ("body", "media") or _acronym_name(m.words) and fold(m.words[0]) not in lex.function
                     or m.quoted
                     # "the Gas and Electricity Markets Authority": an English name whose head is a body's kind
                     or lex.lang == "en" and m.kind == "org" and len(m.words) > 1
                     and body_stem(lex, fold(m.words[-1])) is not None
                     # "Natural Resources Wales … a statement from the organisation": any body stands for it
                     or lex.lang == "en" and role in lex.generic_bodies and self._spoke_as_body(m))
                and (role in lex.generic_bodies or _kinds_agree(self._kind_of(m), role, lex))
                # "в отзыве правительства" is the government's, not that of an agency with a name of its own
                and not (role in _GOVERNMENTS and role not in noun_forms(lex, fold(m.words[0])) and len(m.words) == 1)
                # "Регулятордун көзөмөл департаменти" is a part of the regulator, not the regulator
                # (though an English kind before "of"/"for" heads the name: "Agency for External Labor Migration")
                and not (role in lex.generic_bodies and any(
                    role in noun_forms(lex, fold(w)) and not (lex.lang == "en" and fold(nxt) in ("of", "for"))
                    for w, nxt in pairwise(m.words)
                ))
                # a state's "ведомство" is no plant or company ("Чебоксарский завод")
                and not (role in _STATE_KINDS and self._kind_of(m) in lex.companies)
                and not (role in ("ведомство", "орган") and self._kind_of(m) in _INSTITUTIONS)
            ]
        if not candidates:
            return None
        kinded = [m for m in candidates if self._kind_named_with(m) == role]
        if role and kinded:
            # «Ала-Тоо Юнайтед» клубу and «Алтын Бүркіт» командасы: "клубдун билдирүүсү" is the club's
            candidates = kinded
        counts: dict[str, int] = {}
        for m in candidates:
            counts[m.key] = counts.get(m.key, 0) + 1
        # (between two named as often, the one a sentence is about: English opens a sentence with its subject, and
        # what follows a preposition is none: "Harrowfield United have sacked their manager after an FA Cup defeat
        # by Barnstoke Athletic. … the club said")
        english = self.doc.lang == "en"
        # "… operated by Gulfline Terminals … In a statement, Gulfline said … the company said": the company that
        # spoke just before by the first word of its name
        tokens = self.doc.tokens
        spoke = {
            fold(x.words[0])
            for k in range(max(0, si - 3), si)
            for x in (self.index.in_sentence(k) if english else ())
            if len(x.words) == 1 and x.tokens[1] < len(tokens) and is_speech_verb(self.doc.lex, tokens[x.tokens[1]].low)
        }
        # ... or by the name that opens the sentence right before, which reports what it said ("Borderlands Power
        # Networks, which supplies electricity …, said crews had …" then "the firm said")
        opened = {
            x.key
            for x in (self.index.in_sentence(si - 1) if english and si else ())
            if _opens(self.doc.sentence_tokens(si - 1), x) and self._reports(si - 1)
        }
        best = max(
            candidates,
            key=lambda m: (
                len(m.words) > 1 and fold(m.words[0]) in spoke or m.key in opened,
                counts[m.key] + (1 if m.sent >= si - 3 else 0),
                english and m.initial and m.kind != "single",
                not english or not m.after_preposition,
                m.sent,
                m.start,
            ),
        )
        # its fullest name: "Ardmore Wanderers", not the "Wanderers" written last
        size = len(best.words)
        best = max(
            (
                m for m in candidates
                if m.key == best.key and m.words[-size:] == best.words
                # (or in English, the name written whole, of which the article then used the first word:
                # "Harbourline Terminals" … "Harbourline said")
                or english and len(m.words) > size and m.words[:size] == best.words and not m.possessive
            ),
            key=lambda m: (len(m.words), m.sent),
        )
        return Speaker(self._compose(subject.phrase, self._body_phrase(best), best), "body", best)

    def _en_unit_of(self, role: str, si: int) -> Speaker | None:
        """"the branch said" after "the Kurgan branch of the Emergencies Ministry": the unit of a body the article
        wrote with that word, its place before it and its body after "of"."""
        tokens = self.doc.tokens
        for k in range(si - 1, max(-1, si - 5), -1):
            toks = self.doc.sentence_tokens(k)
            for j, t in enumerate(toks[1:-2], 1):
                if t.low != role or toks[j + 1].low != "of":
                    continue
                place = self.index.ending_at(toks[j - 1])
                if place is None or place.kind not in ("place", "org", "single") or self.index.is_person(place):
                    continue
                at = j + 2 + (toks[j + 2].low == "the")
                body = self.index.at_token.get(toks[at].index) if at < len(toks) else None
                text = self.doc.text(t.block)
                if body is not None and body.kind in ("body", "org"):
                    return Speaker(text[place.start : tokens[body.tokens[1] - 1].end], "body", body)
                # ... or a body the article writes in lowercase: "the Yakutia branch of the emergencies ministry"
                head = next((x for x in toks[at : at + 3] if body_stem(self.doc.lex, x.low) is not None), None)
                if body is None and head is not None:
                    return Speaker(text[place.start : head.end], "body", place)
        return None

    def _kind_named_with(self, m: Mention) -> str:
        """The kind written with a quoted name: after it in Kyrgyz («Ала-Тоо Юнайтед» клубунан), before it in
        Russian and English (клуб «Зенит»); "" when none."""
        if not m.quoted:
            return ""
        if self.doc.lang != "ky":
            return self._kind_before(m)
        k = m.tokens[1]
        if k >= len(self.doc.tokens) or self.doc.tokens[k].block != m.block:
            return ""
        lex = self.doc.lex
        stems = [fold(f.stem) for f in ky_forms(self.doc.tokens[k].low)]
        # the stem as the morphology cuts it, voiced again where it unvoiced a last consonant (клубунан -> клуп)
        voiced = [f[:-1] + {"п": "б", "к": "г", "т": "д"}.get(f[-1], f[-1]) for f in stems if f]
        return next((f for f in (*stems, *voiced) if f in lex.body_heads or f in lex.companies), "")

    def _apposed_kind(self, m: Mention) -> str:
        """The kind an English apposition gives a name: "agency" of "The World Food Programme (WFP), the UN agency
        handling …"; "" when none follows it."""
        text = self.doc.text(m.block)
        found = _APPOSITION_RE.match(text, m.end)
        if found is None:
            return ""
        lex = self.doc.lex
        for word in found.group(1).split()[::-1]:
            # (a kind in lowercase: "Eurasianet, the Ministry of Labor said" is a phrase put first, then the subject)
            kind = body_stem(lex, fold(word)) if word[0].islower() else None
            if kind is not None:
                return kind
        return ""

    def _legal_form_with(self, m: Mention) -> bool:
        """Is a company's legal form written right before the name or right after it (ООО «X», «X» ЖЧК)?"""
        toks = self.doc.tokens
        near = [k for k in (m.tokens[0] - 1, m.tokens[1]) if 0 <= k < len(toks) and toks[k].block == m.block]
        return any(self.doc.lex.legal_form(toks[k].text) for k in near)

    def _kind_before(self, m: Mention) -> str:
        """The kind written right before a quoted name, in its lexicon form ("организация" of "Правозащитная
        организация «Гражданский мост»"), or ""."""
        k = m.tokens[0] - 1
        if k < 0 or self.doc.tokens[k].block != m.block:
            return ""
        lex = self.doc.lex
        return next((f for f in noun_forms(lex, self.doc.tokens[k].low) if f in lex.body_heads), "")

    def _told(self, m: Mention) -> bool:
        """Is a name the one told, between a verb of saying and the body that says ("— сообщили НГС в пресс-службе
        компании", "пояснили E1 в мэрии")?"""
        tokens = self.doc.tokens
        before, after = m.tokens[0] - 1, m.tokens[1]
        return (
            self.doc.lang == "ru" and before >= 0 and after < len(tokens)
            and tokens[before].sent == m.sent == tokens[after].sent
            and is_cue(self.doc.lex, tokens[before].low) and tokens[after].low in ("в", "во", "на")
        )

    def _owner_kind(self, subject: Subject) -> str:
        """The kind of body that owns the one a phrase names: мэрия of "пресс-служба мэрии", министрлик of
        "министрликтин басма сөз кызматы"; "" when there is none."""
        lex = self.doc.lex
        words = subject.phrase.split()
        if len(words) < 2:
            return ""
        kinds = [k for w in words if (k := next((f for f in noun_forms(lex, fold(w)) if f in lex.body_heads), ""))]
        if len(kinds) < 2:
            return ""
        return kinds[0] if lex.lang == "ky" else kinds[-1]

    def _kind_of(self, m: Mention) -> str:
        """The kind a body's name ends with (министрлик for "Ички иштер министрлиги"), "" for a name of its own."""
        lex = self.doc.lex
        if len(m.words) < 2:
            return ""
        # Kyrgyz and English put the kind last (Ички иштер министрлиги, Foreign Office); Russian first
        # (Министерство транспорта и коммуникаций)
        words = m.words if lex.lang == "ru" else m.words[::-1]
        for w in words[:1] if lex.lang != "ru" else words[:2]:
            kind = next((f for f in noun_forms(lex, fold(w)) if f in lex.body_heads), "")
            if kind:
                return kind
            if w.isupper() and fold(w) in lex.synonyms:
                return fold(w)  # an abbreviated kind the lexicon gives as another's: "ГУ МВД" is an управление (главк)
        return ""

    def _compose(self, phrase: str, named: str, mention: Mention | None = None) -> str:
        """Put the body named before in place of the word that only told its kind: "пресс-служба вуза" ->
        "пресс-служба МГУ", "министрликтин басма сөз кызматы" -> "Тышкы иштер министрлигинин басма сөз кызматы"."""
        words = phrase.split()
        if len(words) < 2:
            return named
        lex = self.doc.lex
        generic = [i for i, w in enumerate(words) if any(f in lex.body_heads for f in noun_forms(lex, fold(w)))]
        if not generic or generic[0] == len(words) - 1 and self.doc.lang == "ky":
            return named
        i = generic[0] if self.doc.lang == "ky" else generic[-1]
        if self.doc.lang != "ky" and i == 0:
            return phrase  # "пресс-служба аэропорта": the owner is no body the article named; keep the phrase
        if self.doc.lang == "en":
            # English puts the kind last ("the health board"): the named body only when it is of that kind, or
            # when the words before a company's kind only describe it ("the Krasnoyarsk-based airline")
            describing = all(en_describes(lex, w) for w in words[:i]) or i >= 2 and en_describes(lex, words[i - 1]) and (
                "-" in words[i - 1] and all(w[:1].isupper() for w in words[: i - 1])
            )  # ("the New York-based watchdog": a place of two words in the compound)
            if (fold(words[i]) in lex.companies or fold(words[i]) in lex.generic_bodies) and i == len(words) - 1 and (
                describing
            ):
                return named
            return named if fold(words[i]) in {fold(w) for w in named.split()} else phrase
        if self.doc.lang == "ky":
            owner = named.split()
            tail = [fold(w) for w in words[i + 1 :]]
            if tail and [fold(w) for w in owner[-len(tail) :]] == tail:
                return named  # the body named before is already this unit of it ("… министрлигинин басма сөз кызматы")
            owner[-1] = ky_genitive(owner[-1])
            return " ".join([*words[:i], *owner, *words[i + 1 :]])
        # "военное ведомство" -> "Минобороны": an adjective of the kind goes with the kind
        before = [w for w in words[:i] if not (w.islower() and re.search(r"(?:ое|ая|яя|ый|ий|ой|ые|ее)$", w))]
        if before and self.doc.lang == "ru" and mention is not None and mention.quoted:
            kind = self._kind_before(mention)  # a name in quote marks does not decline: "пресс-служба авиакомпании
            named = f"{ru_genitive_phrase(kind)} «{named}»" if kind else f"«{named}»"  # «Северное крыло»"
        elif before and self.doc.lang == "ru" and mention is not None and (
            mention.case == "nom"
            # a body's name read in any case is given in the nominative ("В мэрии Бишкека" -> "мэрия Бишкека"):
            # after the kind that owns it, it goes into the genitive ("пресс-служба мэрии Бишкека")
            or mention.kind == "body"
            # a name read in a case and given in the nominative ("Томского центра прикладной химии" -> "Томский
            # центр прикладной химии") goes back into the genitive after the kind that owns it
            or mention.kind == "body" and re.search(r"(?:ий|ый|ой|ая|ое|ее)$", named.split()[0]) is not None
        ):
            named = ru_genitive_phrase(named)  # "пресс-служба суда" -> "пресс-служба Дорогомиловского суда Москвы"
        return " ".join([*before, named, *words[i + 1 :]])

    def _body_phrase(self, m: Mention) -> str:
        """A body with its owner: "Тажикстандын Ички иштер министрлиги" rather than "Ички иштер министрлиги"."""
        if m.case != "nom":
            return m.text  # the name in the nominative, not the form the sentence needed
        text = self.doc.text(m.block)
        start = m.start
        prev = list(re.finditer(r"[\w'’-]+", text[max(0, start - 40) : start]))
        if prev and self.doc.lang == "ky":
            word = prev[-1].group()
            gap = text[max(0, start - 40) + prev[-1].end() : start]
            if word[:1].isupper() and not gap.strip() and re.search(r"(?:[ндт][ыиуү]н)$", word):
                start = max(0, start - 40) + prev[-1].start()
        if self.doc.lang == "en" and m.tokens[0] > 0 and len(m.words) == 1:
            # "Cardiff Council", "Manchester United": the place the body is named after is part of its name
            place = self.index.ending_at(self.doc.tokens[m.tokens[0] - 1])
            if place is not None and place.kind == "place" and place.block == m.block and text[place.end : m.start] == " ":
                start = place.start
        end = m.end
        after = re.match(r"(\s+[\w'’-]+){1,3}", text[end : end + 60])
        phrase = text[start:end]
        lex = self.doc.lex
        named_kind = m.words[-1] if lex.lang == "ky" else m.words[0]  # (Russian names the kind first)
        if after is not None and lex.lang != "en" and not any(
            f in lex.body_heads for w in {m.words[-1], named_kind} for f in noun_forms(lex, fold(w))
        ):
            for w in re.finditer(r"[\w'’-]+", after.group()):
                if fold(w.group()) in lex.function or ru_verb_like(fold(w.group())):
                    break  # "В Министерстве здравоохранения | на запрос редакции", "… Санкт-Петербурга | оштрафовала"
                forms = noun_forms(self.doc.lex, fold(w.group()))
                if any(f in self.doc.lex.body_heads for f in forms):
                    phrase = text[start : end + w.end()]
                    break
        elif after is not None and lex.lang == "ky" and fold(m.words[-1]) in lex.body_heads and len(m.words) == 1 and (
            fold(text[m.start : m.end]) == fold(m.words[-1])
        ):
            # "Консулдук кызматы", "Консулдук кызматтын": a kind's word, bare, used as a modifier before the kind
            # that heads the name; given with that kind in the nominative
            w = re.match(r"\s+([\w'’-]+)", after.group())
            kind = ky_forms(fold(w.group(1)))[0] if w is not None and w.group(1).islower() else None
            if kind is not None and kind.case in ("nom", "gen") and kind.stem in lex.body_heads and (
                kind.stem != fold(m.words[-1]) and kind.stem != fold(w.group(1))  # (an ending, not "банк")
            ):
                return f"{text[start:end]} {_ky_possessed(kind.stem)}"
        if lex.lang == "ru" and phrase == text[start:end] and m.tokens[1] < len(self.doc.tokens):
            owner = self.index.at_token.get(m.tokens[1])
            if owner is not None and owner.kind in ("body", "org") and owner.block == m.block and (
                text[end : owner.start] == " " and re.search(r"(?:и|ы|а|я)$", text[owner.start : owner.end])
            ):
                phrase = text[start : owner.end]  # "управление Росавиации": the body it is part of, in the genitive
        words = phrase.replace("«", "").replace("»", "").split()
        if start == m.start and words and m.words and words[0] != m.words[0] and fold(words[0])[:4] == fold(m.words[0])[:4]:
            words[0] = m.words[0]  # "В Министерстве труда, …": the name in the nominative, as the index has it
        return " ".join(words)

    def _last_reporter(self, si: int) -> Speaker | None:
        """Who issued the statement an impersonal attribution quotes: the speaker of the last such quote, or
        the subject of the sentence before that reports something."""
        if self.said:
            cand, speaker = self.said[-1]
            if speaker is not None and speaker.kind in ("body", "media", "group") and cand.sent >= si - 6:
                return speaker
        for k in range(si - 1, max(-1, si - 4), -1):
            subj = self.subject_of(k)
            # (three sentences back, only a body or an outlet: they issue statements that others go on to cite)
            kinds = ("body", "person", "media", "role", "group", "pronoun") if k >= si - 2 else ("body", "media")
            if subj is not None and subj.kind in kinds:
                if not self._reports(k):
                    continue
                return self.resolve(subj, k, self.doc.sents[k].end)
        return None

    def _statement_author(self, si: int) -> Speaker | None:
        """Who issued the statement mentioned in the sentences just before ("X билдирүү таратты. … «…» деп
        жазылган анда"): the subject of the nearest sentence that names a statement."""
        lex = self.doc.lex
        # the document the attribution names ("— говорится в обосновании к приказу"): a sentence that names the same
        # kind of document comes first ("приказ Министерства …"), before one that only cites data ("По данным ВОЗ")
        sent = self.doc.sents[si]
        text = self.doc.text(sent.block)
        close = max(text.rfind(mark, sent.start, sent.end) for mark in "»\"”")
        named = {
            p
            for t in self.doc.sentence_tokens(si)
            if t.start > close and statement_word(lex, t.low)
            for p in lex.statements
            if t.low.startswith(p)
        }
        same_kind = named  # the kind of document the attribution names ("— деп жазылган баяндамада": a report)
        if self.doc.lang != "ru":
            named = set()  # Kyrgyz names the document before the quote's verb ("… деп айтылат маалыматта")
        def names_it(k: int) -> bool:
            toks = self.doc.sentence_tokens(k)
            return bool(named) and any(
                toks[i].low.startswith(tuple(named)) and _names_a_statement(lex, toks, i) for i in range(len(toks))
            )

        for k in range(si - 1, max(-1, si - 3), -1):
            # "Об этом сообщила пресс-служба судов области. «…», — говорится в сообщении": the one whose verb is the
            # statement's own (сообщила → сообщение, заявил → заявление) issued it
            subj = self.subject_of(k)
            issued = any(
                ru_verb_like(t.low) and not statement_word(lex, t.low) and any(len(p) >= 6 and t.low[:4] == p[:4] for p in named)
                for t in self.doc.sentence_tokens(k)
            )
            if issued and self.doc.lang == "ru":
                owner = self.grammar.statement_owner(self.doc, self.index, k)
                subj = owner if owner is not None and owner.kind in ("body", "person", "media") else subj
            if issued and subj is not None and subj.kind in ("body", "person", "media"):
                return self.resolve(subj, k, self.doc.sents[k].end)
            if k == si - 1 and self.doc.lang == "ru" and subj is not None and subj.kind == "body" and (
                subj.mention is None and self._reports(k) and not self._cites_another(k)
            ):
                # "Как уточнили в пресс-службе прокуратуры, … «…», - говорится в сообщении": the body that has just
                # told it, by a verb of saying, issued the statement (not a court that a sentence before names
                # with its verdict)
                found = self.resolve(subj, k, self.doc.sents[k].end)
                if found is not None and found.kind == "body":
                    return found
        order = [k for k in range(si - 1, max(-1, si - 6), -1) if k >= si - 3 or names_it(k)]
        order.sort(key=lambda k: not names_it(k))
        if self.doc.lang == "ky":
            # "Маалыматты соттун басма сөз кызматы таратты. … «…» — деп айтылат маалыматта": the sentence that gives
            # the statement out comes before one that only cites another's ("Тергөөнүн маалыматында, …")
            order.sort(key=lambda k: not self._gives_out(k))
            cited = [k for k in order if self._cites_another(k)]
            order = [k for k in order if k not in cited] + [
                # a sentence that cites the same kind of document the attribution names is about that very one
                k for k in cited if any(t.low.startswith(tuple(same_kind)) for t in self.doc.sentence_tokens(k))
            ] or order
        for k in order:
            toks = self.doc.sentence_tokens(k)
            if not any(_names_a_statement(lex, toks, i) for i in range(len(toks))):
                continue
            # "… ожидают роста цен, говорится в письме ассоциации": Russian names the statement's owner after it,
            # and the owner speaks, not the sentence's subject
            # ... and so does Kyrgyz in a sentence that only cites it ("Акыйкатчы институтунун баяндамасына ылайык,
            # өлкөдө … бала бар"): its subject is what the report tells of
            cites = self.doc.lang == "ky" and self._cites_another(k)
            owner = self.grammar.statement_owner(self.doc, self.index, k) if self.doc.lang == "ru" or cites else None
            if owner is not None and owner.kind in ("person", "body", "media"):
                return self.resolve(owner, k, self.doc.sents[k].end)
            subj = self.subject_of(k)
            if subj is not None and subj.kind in ("person", "body", "media", "group", "role"):
                return self.resolve(subj, k, self.doc.sents[k].end)
            # "Бул тууралуу агенттиктин сайтында жарыяланды": published where its owner publishes
            owner = owner or self.grammar.statement_owner(self.doc, self.index, k)
            if owner is not None and owner.kind in ("person", "body", "media"):
                return self.resolve(owner, k, self.doc.sents[k].end)
        return None

    def _gives_out(self, si: int) -> bool:
        """Does a Kyrgyz sentence give a statement out ("Маалыматты … таратты", "билдирүү жарыялады")?"""
        toks = self.doc.sentence_tokens(si)
        at = next((k for k, t in enumerate(toks) if t.low.startswith(self.doc.lex.statements)), -1)
        return at >= 0 and any(t.low.startswith(_GIVE_OUT) for t in toks[at + 1 :])

    def _cites_another(self, si: int) -> bool:
        """Does a Kyrgyz sentence only cite someone's statement in the locative ("Тергөөнүн маалыматында, …")?"""
        toks = self.doc.sentence_tokens(si)
        if toks and toks[0].low.startswith(self.doc.lex.statements) and any(
            f.case == "loc" for f in ky_forms(toks[0].low)[:-1]
        ):
            return True  # "Документте … өзүнчө бөлүм бар": what the document holds, not who issued it
        for k, t in enumerate(toks[1:], 1):
            forms = ky_forms(t.low)
            if not t.low.startswith(self.doc.lex.statements):
                continue
            # "маалыматында", "маалыматы боюнча", "маалыматына ылайык/караганда": according to someone's
            after = toks[k + 1].low if k + 1 < len(toks) else ""
            if any(f.case == "loc" and f.possessive for f in forms[:-1]):
                return any(f.case == "gen" for f in ky_forms(toks[k - 1].low)[:-1])
            if after in ("боюнча", "ылайык", "караганда"):
                # the owner in the genitive, maybe past a word that says which ("институтунун быйылкы баяндамасына")
                return any(f.case == "gen" for x in toks[max(0, k - 2) : k] for f in ky_forms(x.low)[:-1])
        return False

    def _de_clause(self, si: int) -> bool:
        """Does a sentence hold what someone thinks or calls something ("… деп эсептейт", "… деп атады")?"""
        return any(is_de(self.doc.lex, t.low) for t in self.doc.sentence_tokens(si))

    def _reports(self, si: int) -> bool:
        """Does a sentence report something said or written (a verb of saying, an impersonal report)?"""
        return any(is_cue(self.doc.lex, t.low) for t in self.doc.sentence_tokens(si))

    # ---------------------------------------------------------------------------------------- unattributed

    def _same_stretch(self, prev: Candidate, cand: Candidate, gap: int) -> bool:
        """Are two quotes in the same paragraph, or in paragraphs at most `gap` apart?"""
        body = self.doc.body
        return 0 <= body.index(cand.block) - body.index(prev.block) <= gap

    def _continuation(self, cand: Candidate) -> Speaker | None:
        """A quote with no attribution: the speaker of the quote before it, or the subject that introduces it."""
        doc = self.doc
        prev = self.said[-1] if self.said else None
        start = prev[0].sent + 1 if prev is not None and self._same_stretch(prev[0], cand, 1) else cand.sent - 2
        # Someone new brought in by the sentences between the quotes is the one who speaks now.
        first_person = False
        for k in range(cand.sent - 1, max(start, cand.sent - 3) - 1, -1):
            if k < 0 or not self._same_stretch_sent(k, cand, 1):
                break
            subj = self.subject_of(k)
            if subj is None:
                continue
            if subj.kind == "pronoun":
                # "Она говорит, что …": the one the pronoun stands for, unless the quote before already has them
                # (and a question that quote asked has nobody: "спрашивают: «…?»").
                if prev is None or prev[1] is None or not self._same_stretch(prev[0], cand, 1):
                    return self.resolve(subj, k, doc.sents[k].start)
                return prev[1]
            if subj.kind == "self":
                turn = self.turn(doc.sents[k].block)
                if turn is not None:
                    return turn
                first_person = True
                continue  # "я" outside quote marks in flattened copy: the quote goes on
            if subj.kind in ("person", "role") or subj.kind in ("body", "media") and self._reports(k):
                return self.resolve(subj, k, doc.sents[k].end)
        near = prev is not None and self._same_stretch(prev[0], cand, 1)
        # A question others asked ("друзья спрашивают: «…?» А я отвечаю …") is not who goes on speaking.
        asked = near and (prev[1] is None and self._question(prev[0]) or first_person and prev[1].kind == "group")
        if near and prev[1] is None and not asked:
            return None  # the quote before has nobody sure, so neither has this one that goes on with it
        if near and not asked:
            return prev[1]
        if asked:
            # The quote before had no speaker (a question somebody asked): the one the text is about, further back.
            for k in range(prev[0].sent, max(-1, prev[0].sent - 3), -1):
                # the sentence that asked it first: "Она говорит, что друзья спрашивают: «…?»"
                subj = self.subject_of(k, prev[0].mark_start if k == prev[0].sent else None)
                if subj is not None and subj.kind in ("person", "pronoun"):
                    return self.resolve(subj, k, doc.sents[k].end)
        after = self._announced_after(cand)
        if after is not None:
            return after
        if cand.frame == "colon":
            subj = self.grammar.subject_before(doc, self.index, cand.block, *cand.before)
            if subj is not None:
                return self.resolve(subj, cand.sent, cand.mark_start)
        return None

    def _question(self, cand: Candidate) -> bool:
        """Does a quote ask something ("«…?»")?"""
        return self.doc.text(cand.block)[cand.start : cand.end].rstrip(" .…»\"”“'").endswith("?")

    def _announced_after(self, cand: Candidate) -> Speaker | None:
        """«…». Мындай пикирин премьер-министр X билдирди / Об этом заявил X / That was the message from X: a
        sentence right after the quote that points back at it with "this" names its speaker."""
        k = cand.sent + 1
        if k >= len(self.doc.sents) or not self._same_stretch_sent(k, cand, 0) and not self._next_block(cand, k):
            return None
        toks = self.doc.sentence_tokens(k)
        if len(toks) < 3 or toks[0].low not in _CATAPHORA.get(self.doc.lang, ()) or not self._reports(k):
            return None
        subj = self.subject_of(k)
        if subj is None or subj.kind not in ("person", "role", "body", "media"):
            return None
        return self.resolve(subj, k, self.doc.sents[k].end)

    def _next_block(self, cand: Candidate, k: int) -> bool:
        body = self.doc.body
        return body.index(self.doc.sents[k].block) - body.index(cand.block) == 1

    def _same_stretch_sent(self, si: int, cand: Candidate, gap: int) -> bool:
        body = self.doc.body
        return 0 <= body.index(cand.block) - body.index(self.doc.sents[si].block) <= gap

    # ---------------------------------------------------------------------------------------- interviews

    def turn(self, block: int) -> Speaker | None:
        """Whose turn it is in an interview ("Чарли Брукер: …" opens each of their paragraphs)."""
        if self._turns is None:
            self._turns = {}
            current: Speaker | None = None
            for b in self.doc.body:
                m = _TURN_RE.match(self.doc.text(b))
                if m is not None:
                    named = [x for x in self.index.between(self.doc, b, 0, m.end(1)) if x.kind in ("person", "single")]
                    # the label is a name by its place even when the word could be read otherwise ("Борис Ли:")
                    current = (
                        Speaker(self.index.fullest(named[0]), "person", named[0])
                        if named
                        else Speaker(" ".join(m.group(1).split()), "person")
                    )
                self._turns[b] = current
        return self._turns.get(block)


def _ky_possessed(stem: str) -> str:
    """A Kyrgyz noun with the third person's possessive ending, by the harmony of its last vowel: кызмат ->
    кызматы, бөлүм -> бөлүмү, комиссия -> комиссиясы."""
    vowels = [c for c in stem if c in "аыоуөүеиэяюё"]
    last = vowels[-1] if vowels else "ы"
    ending = {"а": "ы", "ы": "ы", "я": "ы", "о": "у", "у": "у", "ю": "у", "ө": "ү", "ү": "ү"}.get(last, "и")
    return stem + ("с" + ending if stem[-1] in "аыоуөүеиэяюё" else ending)


# Russian titles whose women's form news always uses for a woman: the one form says a man, the other a woman.
_RU_PAIRED = {
    **dict.fromkeys(
        "пенсионер житель сотрудник студент пассажир покупатель продавец учитель свидетель собеседник сосед "
        "участник работник школьник выпускник".split(), "m"
    ),
    **dict.fromkeys(
        "пенсионерка жительница сотрудница студентка пассажирка покупательница продавщица учительница свидетельница "
        "собеседница соседка участница работница школьница выпускница".split(), "f"
    ),
}


# English words for a part of a body that the article names with its place and its body ("the Kurgan branch of the
# Emergencies Ministry").
_UNITS = frozenset(("branch", "division", "directorate", "department", "office", "unit", "bureau"))


def _nominative_title(doc: Document, t: Token) -> bool:
    """Is a word a title in its nominative, the form a dictionary gives ("председатель", "глава")?"""
    stem = role_stem(doc.lex, t.low)
    return stem is not None and fold(t.low) == stem


def _opens(toks: list[Token], m: Mention) -> bool:
    """Does the name open its sentence, after "The" at most ("The Trussell Trust, which …, said")?"""
    first = toks[0].index
    return m.tokens[0] == first or m.tokens[0] == first + 1 and toks[0].low == "the"


def _genitive_owners(phrase: str) -> set[str]:
    """The words of a Kyrgyz role phrase that own its head, in the genitive ("Тажикстандын Чек ара кызматынын
    өкүлү" -> тажик…, кызма…), by their first five letters."""
    words = phrase.split()[:-1]
    keys = {k for w in words if len(ky_forms(w)) > 1 and ky_forms(w)[0].case == "gen" for k in _word_keys(w)}
    for a, b in pairwise(fold(w) for w in words):
        if a == "айыл" and b[:5] in _KY_RURAL_OWNERS:
            keys |= _KY_RURAL_OWNERS  # "айыл өкмөтүнүн башчысы" heads the "айыл аймагы": one office by either name
    return keys


# The stems of the Kyrgyz verbs that make the subject the head of their object: жетектейт, башкарат.
_KY_LEAD_STEMS = ("жетекте", "башкар")


# The rural district ("айыл аймагы") and its administration ("айыл өкмөтү") have one head.
_KY_RURAL_OWNERS = frozenset({"аймаг", "өкмөт"})


def _word_keys(word: str) -> set[str]:
    """A Kyrgyz word's first five letters and the stems of its genitive readings ("акимдин" and "акиминин" share
    аким), for telling whether two phrases name the same owner."""
    low = fold(word)
    return {low[:5], *(fold(f.stem) for f in ky_forms(low)[:-1] if f.case == "gen" and len(f.stem) >= 4)}


def _owner_key(doc: Document, phrase: str) -> tuple[str, ...]:
    """The owner in a role phrase: "ГКНБ" of "глава ГКНБ", "УКМК" of "УКМКнын төрагасы"."""
    key = _phrase_key(doc, phrase)
    return key[:-1] if doc.lang == "ky" else key[1:]


def _plays(lex: Lexicon, held: str, role: str) -> bool:
    """Is a player named one way the one a sport's word names ("— сказал футболист" for the "защитник «Урала»")?"""
    return role in lex.players and (held in lex.players or held in lex.positions)


_RU_REGION_HEADS = frozenset(("области", "края", "республики", "округа", "региона"))


def _same_owner(doc: Document, held: tuple[str, ...], wanted: tuple[str, ...]) -> bool:
    """Is the body a title names the one another names: the same words, or in Russian and English the words of the
    shorter among the longer ("глава банка" for the "председатель правления банка «Кредо»")?"""
    if held == wanted or doc.lang == "ky" or not wanted:
        return held == wanted
    if doc.lang == "ru" and wanted in (("региона",), ("субъекта",)) and held and held[-1] in _RU_REGION_HEADS:
        return True  # "глава региона" for the "Губернатор Омской области": a region by any of its kinds
    words = {w.strip("«»\"“”") for w in held}
    return all(w.strip("«»\"“”") in words for w in wanted)


def _phrase_key(doc: Document, phrase: str) -> tuple[str, ...]:
    """A role phrase with each word reduced to its stem: "Армениянын президенти" ~ "Армения президенти"."""
    return tuple(noun_forms(doc.lex, fold(w))[0] if doc.lang == "ky" else fold(w) for w in phrase.split())


# Words that open a sentence pointing back at the quote before it: "Мындай пикирин …", "Об этом …", "This …".
_CATAPHORA = {
    "ky": frozenset("мындай ушундай бул ушул буга ушуга ошол ошондой".split()),
    "ru": frozenset("об это такое такую так эти этими".split()),
    "en": frozenset("this that these those so".split()),
}


# After an English name: its acronym in brackets, then ", the/a/an" and up to four words to the noun it is ("the UN
# agency handling …", "a trade body").
_APPOSITION_RE = re.compile(r"(?:\s+\([A-Z][\w&.-]*\))?,\s+(?:the|a|an)\s+((?:[\w'’-]+\s+){0,3}[\w'’-]+)(?=[\s,.;])")


# The genitive a title's owner takes: Kyrgyz -нын/-дын/-тын …, Russian -ого/-а/-ы …, English 's.
_GENITIVE_END_RE = re.compile(r"(?:[нтд][ыиуү]н|ого|его|ой|ей|ых|их|а|я|ы|и|'s|’s)$")


def _kinds_agree(have: str, want: str, lex: Lexicon | None = None) -> bool:
    """Can a body named with one kind be meant by another: the same, one inside the other (канал, телеканал),
    kinds the lexicon gives as one ("the department" for the Home Office), or either unknown."""
    if lex is not None and have and want and lex.synonyms.get(have, have) == lex.synonyms.get(want, want):
        return True
    return not have or not want or have in want or want in have


_NUMBER_WORDS = frozenset(
    "эки үч төрт беш алты жети сегиз тогуз он жыйырма отуз кырк элүү жүз миң ондогон жүздөгөн миңдеген көптөгөн"
    " два две три четыре пять шесть семь восемь девять десять двадцать сто тысяча десятки сотни тысячи несколько"
    " two three four five six seven eight nine ten twenty hundred dozens hundreds thousands several".split()
)


def _counted(phrase: str) -> bool:
    """Does a role phrase count people ("40тай бала", "эки тургун", "несколько жителей", "two residents")?"""
    first = phrase.split()[0].lower() if phrase.split() else ""
    return first[:1].isdigit() or first in _NUMBER_WORDS


def _acronym_name(words: tuple[str, ...]) -> bool:
    return len(words) == 1 and len(words[0]) >= 2 and words[0].isupper()


def _office(lex: Lexicon, phrase: str) -> bool:
    """Does a role phrase end with an office one person holds ("Президент", "the prime minister")?"""
    words = [fold(w) for w in phrase.split()]
    for office in lex.offices:
        size = len(office)
        if len(words) < size:
            continue
        tail = words[-size:]
        if tail[:-1] == list(office[:-1]) and office[-1] in noun_forms(lex, tail[-1]):
            return True
    return False


def _holds_office(lex: Lexicon, phrase: str) -> bool:
    """Does a role phrase end in an office with one holder ("the first minister", "Scotland's first minister")?"""
    words = tuple(fold(w) for w in phrase.split())
    return any(words[-size:] in lex.offices for size in (1, 2, 3) if len(words) >= size)


_FORMER_RE = re.compile(r"(?:(?:the|a|an|his|her)\s+)?(?:former|ex-|one-time|onetime)\b", re.IGNORECASE)


def _fits(have: str, want: str) -> bool:
    return not have or not want or have == want


def _same_role(lex: Lexicon, have: str, want: str) -> bool:
    """The same role, one a form of the other (депутат, депутаты), or words the lexicon gives as one (адвокат,
    коргоочу; тренер, машыктыруучу)."""
    have, want = lex.synonyms.get(have, have), lex.synonyms.get(want, want)
    return _similar_role(have, want)


def _similar_role(have: str, want: str) -> bool:
    return bool(have) and bool(want) and (have == want or have.startswith(want) or want.startswith(have))


def _names_a_statement(lex: Lexicon, toks: Sequence[Token], i: int) -> bool:
    """Does the i-th word name a statement, or give one out with a verb of the same stem ("ответили письменно")?
    A verb under "не" gives none ("на запрос не ответили"), nor does declining one ("от комментариев отказались")."""
    low = toks[i].low
    before = toks[i - 1].low if i else ""
    if before == "от":
        return False  # "от комментариев отказались": declined to give one
    if lex.lang == "ky" and low.startswith(_KY_STATEMENT_VERBS):
        return True  # "… маалымдады", "… билдирди": a statement given out by a verb of the same stem
    return low.startswith(lex.statements) and (statement_word(lex, low) or before != "не")


_KY_STATEMENT_VERBS = ("маалымдады", "маалымдашты", "маалымдаган", "билдирди", "билдиришти", "билдирген")
