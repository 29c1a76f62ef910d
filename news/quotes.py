"""Find direct quotes and who said them, in Kyrgyz, Russian and English news.

A quote is the text between paired double quote marks that reads as speech. It is attributed after the marks
(`«…», — деди Путин.`, `«…» — заявил X.`, `"…," said X.`, `"…," she says.`, `"…" - Coach X`), before them
(`X: «…»`, `X said: "…"`, `X … «…» деп билдирди.`, `По словам X, «…»`, `Ташиевдин айтымында, «…»`), broken by
its attribution (`«…, — деди ал. — …»`, `"…," he said, "…"`), or it stands as sentences of its own next to its
speaker (an English quote running over paragraphs, a quote after the sentence that introduces its speaker).
Quote marks around names, titles, laws, slogans and one- or two-word scare quotes sit inside a sentence and are
left out, as are naming phrases (`«…» деп аталган`) and fragments inside reported speech (`«…экенин» белгиледи`).

The speaker comes from the attribution when it names someone, and otherwise from the text before it: a pronoun
(`ал`, `он`, `she`) or a role (`аким`, `эксперт`, `the spokesman`) points back to the person who is the subject of
the sentences before, or who spoke last; an unnamed role stays a role (`a police spokesman`, `кыздын апасы`). Names
are given in the fullest form the article uses, in the nominative (`Жапаровдун` -> `Садыр Жапаров`). A passive
attribution (`деп айтылган`) has no speaker, and a news agency that relays a quote (`— передаёт ТАСС`) is not its
speaker. There is no model: the rules read the attribution grammar of each language and the article's own names.
"""

from __future__ import annotations

import bisect
import functools
import logging
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import islice

from news.models import Block, BlockKind, Quote
from news.sentences import QuoteSpan, quote_spans, sentence_bounds

logger = logging.getLogger(__name__)

# ------------------------------------------------------------------------------------------------ lexicons

# Patterns for rare cases are kept as strings (named without _RE) and compiled where used: re keeps them compiled
# after the first time, and `import news` does not pay for them.
_CAP = "A-ZÀ-ÖØ-ÞĀ-ŽА-ЯЁӨҮҢӘҒҚҰҺІЇЄЎ"
_LOW = "a-zß-öø-ÿā-žа-яёөүңәғқұһіїєў"
_NAME_TOKEN = rf"[{_CAP}](?:[{_LOW}{_CAP}]|['’\-](?=[{_LOW}{_CAP}]))*"
_RUN_RE = re.compile(
    rf"(?:{_NAME_TOKEN}|[{_CAP}]\.)(?:[ \u00a0](?:{_NAME_TOKEN}|[{_CAP}]\.))*"
    rf"(?:[ \u00a0](?:уулу|кызы|улы|оглы|уулунун|кызынын|уулуна|кызына|уулун|кызын)\b)?"
)
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’\-.][^\W\d_]+)*", re.UNICODE)
_ACRONYM_RE = re.compile(rf"^[{_CAP}]{{2,}}[{_LOW}]{{0,5}}$")
_PATRONYMIC = ("уулу", "кызы", "улы", "оглы")

# Capitalised function words that start sentences; per language, because "Эми" is a name in Russian text and
# the word "now" in Kyrgyz.
_CAP_STOP_KY = frozenset(
    """
    бул ал алар анын аны ага алардын бирок ошондой ошол ошондуктан анткени мындан мындай эгер андан ошентип буга
    бүгүн кийин быйыл былтыр азыр учурда негизи демек балким албетте мисалы жалпысынан ушул эми биз мен сен сиз
    силер булар кээ айрым көп бардык баары ар эч дагы да же жана менен үчүн боюнча тууралуу жөнүндө соң
    маалыматка ылайык эскерте белгилей ошону мурда мурдараак кийинчерээк жыйынтыгында натыйжада учурунда
    """.split()
)
_CAP_STOP_RU = frozenset(
    """
    в во на но а и он она они оно это этот эта эти как по при после до для от из с со у за о об так также однако
    кроме между если когда хотя еще ещё уже сейчас сам сама сами его ее её их мы я ты вы там тут здесь все всё что
    кто где почему зачем который которая поэтому тем затем потом ранее позже впрочем напомним итак среди помимо
    согласно благодаря несмотря вместе ряд многие некоторые около опрос
    """.split()
)
_CAP_STOP_EN = frozenset(
    """
    the a an but and or in on at to for of by with from as if when while he she it they we i you his her its
    their our this that these those there here what who how why where after before since however meanwhile also
    so then now yet still some many most more one two such both all each every no not according last first next
    today yesterday tomorrow asked later earlier once only even just well traditionally short
    monday tuesday wednesday thursday friday saturday sunday january february march april may june july august
    september october november december
    """.split()
)
_CAP_STOP = {"ky": _CAP_STOP_KY | _CAP_STOP_EN, "ru": _CAP_STOP_RU | _CAP_STOP_EN, "en": _CAP_STOP_EN}
_CAP_STOP_ALL = _CAP_STOP_KY | _CAP_STOP_RU | _CAP_STOP_EN

# Words that name a role, not a person: stems of five letters or more match by prefix, short ones exactly.
_ROLE_STEMS = tuple(
    """
    президент премьер министр депутат губернатор эксперт экономист юрист адвокат аналитик журналист активист
    спикер төрага директор жетекчи башчы кызматкер прокурор судья элчиси генерал профессор академик дарыгер
    мугалим окутуучу изилдөөчү публицист жазуучу саясатчы оппозиционер айдоочу таксист тургун катчысы кеңешчи
    баяндамачы политолог чиновник руководител председател начальник представител пресс-секретар пресс-служб
    сотрудник специалист собеседник источник тренер ученый учёный корреспондент заместител советник следовател
    инспектор командир основател владел менеджер официальн помощник басары
    spokes minister secretary official chairman chairwoman expert analyst lawyer leader mayor governor senator
    professor executive manager editor reporter correspondent ambassador judge technician doctor nurse officer
    commissioner adviser advisor founder presenter journalist campaigner candidate chancellor councillor
    economist researcher scientist captain director president premier
    """.split()
)
_ROLE_EXACT = frozenset(
    """
    аким акими акимдин акимге акимин мэр мэри мэрдин мэрге апасы атасы энеси агасы эжеси иниси жубайы аялы
    күйөөсү баласы өкүл өкүлү өкүлдөрү өкүлүнүн автор автору глава главы лидер врач врача акын wife husband mother
    father son daughter brother sister friend aide head chair boss coach owner chief model actress actor singer
    student teacher worker driver farmer resident pensioner
    """.split()
)
_CAP_ROLE_WORDS = frozenset(
    """
    президент премьер-министр премьер министр депутат аким мэр губернатор эксперт экономист юрист адвокат аналитик
    журналист активист спикер төрага директор экс-президент вице-президент вице-премьер вице-мэр генерал профессор
    академик посол элчи судья прокурор политолог председатель глава представитель экс-министр
    mr mrs ms miss dr sir dame lord lady prof president prime minister secretary senator sen rep gov governor mayor
    chancellor judge general gen col chief director editor leader former ex-model professor premier speaker
    chairman tory labour democratic republican democrat foreign home health finance justice defence defense
    deputy vice ambassador commissioner presenter reporter correspondent economist analyst lawyer technician
    managing executive
    """.split()
)
_TITLES = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f", "dr": "", "sir": "m", "dame": "f", "lord": "m", "lady": "f"}
_ORG_STEMS = tuple(
    """
    кеңеш министрлиг министрлик комитет уюм партия палата департамент агенттик компания банк фонд университет
    академия институт өкмөт парламент мэрия администрация прокуратура федерация республика биримдик улуттар
    союз ассоциация борбор штаб аппарат кабинет кызмат министерств служб совет федерац республик академи
    агентств компани правительств дума сенат центр организац ассоциац объединен корпорац холдинг газет журнал
    телеканал радио издани кремл управлен отдел коллеги лаборатори кафедр факультет школ клуб музей театр суд
    ведомств мекеме
    """.split()
)
_ORG_EN = frozenset(
    """
    party council executive government ministry department service agency office university college institute
    association foundation bank group inc ltd corp company club committee commission court parliament senate
    congress house assembly union league network news times post journal daily herald guardian telegraph hotel
    hospital school church airport station street road square park river lake county city state states kingdom
    republic nations east west north south united national international federal scottish british american
    european asia europe africa america central middle capitol new los san hong saudi sri puerto war twitter
    facebook instagram youtube
    """.split()
)
_MEDIA = frozenset(
    """
    тасс риа интерфакс reuters ap afp рбк азаттык kaktus kloop клооп sputnik спутник кабар kabar akipress акипресс
    24.kg bbc cnn itar-tass bloomberg интерфакс-украина уну униан
    """.split()
)
_RELAY_VERBS = frozenset(
    "передает передаёт передало сообщает сообщило пишет цитирует reports reported кабарлады кабарлайт жазат".split()
)
_RECIPIENT_WORDS = frozenset(
    """
    агентству изданию газете телеканалу радиостанции журналу порталу сайту журналистам корреспонденту репортерам
    репортёрам телеканалам агенттигине басылмасына гезитине журналисттерге
    """.split()
)

_KY_DE = frozenset("деди дейт деген дешти дешет дептир дейди дегенин дегенди деп дешкен дешип десе".split())
_KY_PASSIVE = frozenset(
    """
    айтылган айтылат айтылды айтылып делген делинген делет делинет делди делип жазылган жазылат жазылып жазылды
    белгиленген көрсөтүлгөн билдирилген билдирилет айтылууда
    """.split()
)
_KY_NAMING = frozenset("атады аталган аталат аталып атаган атап атышты аташты атоодо аталды аталышы".split())
_KY_SPEECH_VERBS = tuple(
    """
    айт билдир жаз белгиле кошумчала эскерт түшүндүр ыраста сура жооп баса жыйынтыкта баянда кайрыл маалымда
    кабарла эсте атырыл сүйлө тастыкта ишендир чакыр сына эсепте мүнөздө баала жарыяла моюнда
    """.split()
)
_RU_CUES = frozenset(
    """
    сказал сказала сказали заявил заявила заявили отметил отметила отметили подчеркнул подчеркнула подчеркнули
    добавил добавила добавили пояснил пояснила пояснили сообщил сообщила сообщили уточнил уточнила уточнили признал
    признала признали написал написала написали заметил заметила заметили рассказал рассказала рассказали ответил
    ответила ответили указал указала указали напомнил напомнила напомнили предупредил предупредила предупредили
    констатировал констатировала говорит говорят говорил говорила говорили считает считают полагает уверен уверена
    объясняет объяснил объяснила иронизирует предлагает предложил предложила утверждает утверждал утверждала
    замечает возмутился возмутилась продолжил продолжила резюмировал резюмировала заключил заключила посетовал
    посетовала пожаловался пожаловалась призвал призвала признался призналась отмечает подчеркивает подчёркивает
    добавляет поясняет сообщает рассказывает пишет цитирует передает передаёт уточняет заверил заверила отрезал
    отрезала парировал парировала вспоминает вспомнил вспомнила рассуждает поделился поделилась признается
    признаётся настаивает спросил спросила спрашивает восклицает объявил объявила заявляет предупреждает
    констатирует объясняет акцентировал обратил обратила высказался высказалась прокомментировал
    прокомментировала комментирует жалуется сетует удивляется смеется смеётся шутит пошутил пошутила
    """.split()
)
_RU_PASSIVE = frozenset(
    "говорится сказано указано отмечается сообщается подчеркивается подчёркивается говорилось пишется отмечалось".split()
)
_EN_CUES = frozenset(
    """
    said says say told tells added adds stated states noted notes explained explains wrote writes warned warns
    insisted insists claimed claims asked asks replied replies tweeted posted argued argues confessed confesses
    admitted admits continued continues recalled recalls commented comments acknowledged acknowledges urged urges
    suggested suggests declared declares announced announces concluded confirmed confirms remarked observed
    stressed stresses emphasised emphasized laughed joked agreed agrees answered responded shouted exclaimed
    whispered predicted cautioned conceded concedes boasted complained complains lamented reported according
    """.split()
)
_PRONOUNS = {
    "ал": "", "алар": "", "өзү": "",
    "он": "m", "она": "f", "они": "",
    "he": "m", "she": "f", "they": "",
}
_FEMALE_SURNAME_ENDINGS = ("ова", "ева", "ёва", "ина", "ская", "цкая", "ая")
_MALE_SURNAME_ENDINGS = ("ов", "ев", "ёв", "ин", "ский", "цкий")
# Surname endings reliable enough to call a lone capitalised word a person.
_SURNAME_RE = re.compile(r"(?:ов|ев|ёв|ова|ева|ёва|ин|енко|швили|дзе|уулу|кызы)$")
# Kyrgyz adjective and place endings that look like surnames to the rule above.
_NOT_SURNAME_RE = re.compile(r"(?:стан|стандын|дагы|тагы|лык|лик|лук|лүк|дык|дик|дук|дүк|тык|тик|тук|түк)$")
# Case endings cut off names, only when what is left is a name the article uses (or looks like a surname).
_KY_CASE_SET = frozenset(
    """
    нын нин нун нүн дын дин дун дүн тын тин тун түн ын ин ун үн га ге го гө ка ке ко кө ны ни ну нү ды ди ду
    дү ты ти ту тү да де до дө та те то тө нда нде ндо ндө дан ден дон дөн тан тен тон төн нан нен нон нөн
    ндан нден ндон ндөн дагы деги тагы теги а е
    """.split()
)
_RU_CASE_SET = frozenset("ого ому ыми ой ою ом ем ым им ей ую а я у ю е".split())
_KY_GENITIVE_RE = re.compile(r"(?:[ндт][ыиуү]н)$")
_SENT_END_RE = re.compile(r"[.!?…]")
_ENDS_SENTENCE_RE = re.compile(r"^\s*(?:[.!?…]|$)")
_SPLIT_ATTRIBUTION_RE = re.compile(r"(?<=[,.!?…])\s+[—–-]{1,2}\s*(?=[a-zа-яёөүң])")
_REOPEN = r"[.,:!?…]\s+[—–-]{1,2}\s+(?=\S)"


# Word endings of common nouns and adjectives that names do not have: a capitalised "Конституция",
# "Белоруссии", "Корнеллского" or "Жакынкы" is not part of a person's name.
_NOT_NAME_RE = re.compile(
    r"(?:ция|ции|цию|цией|ия|ии|ию|ией|ость|ости|ство|ства|ству|ством|ение|ения|ению|ением|ание|ания|тель|"
    r"кы|ки|ку|кү|дагы|тагы|деги|теги|лык|лик|лук|лүк|дык|дик|дук|дүк|тык|тик|тук|түк|стандагы)$"
)
# Adjective endings: not a name, unless they close one (Сергей Чалый, Алексей Навальный, Лев Толстой).
_ADJECTIVE_RE = re.compile(r"(?:ский|ская|ское|ские|ского|ской|ских|ском|скому|ный|ная|ное|ные|ного|ных|ном|ному|ый|ое|ые|ого|ому)$")

_FEMALE_HINT_RE = re.compile(
    r"\b(?:wife|mother|daughter|sister|girlfriend|actress|woman|grandmother|aunt|widow|mrs|ms|miss)\b\W+(?:\w+\W+){0,2}$",
    re.IGNORECASE,
)
_MALE_HINT_RE = re.compile(
    r"\b(?:husband|father|son|brother|boyfriend|actor|man|grandfather|uncle|widower|mr)\b\W+(?:\w+\W+){0,2}$",
    re.IGNORECASE,
)
_SPEECH_AFTER_RE = re.compile(
    r"\s*,?\s*(?:же\s+)?(?:says|said|told|tells|added|adds|wrote|writes|explains|explained|spoke|speaks|warned|"
    r"insisted|argued|noted|tweeted|говорит|сказала?|заявила?|отметила?|"
    r"рассказала?|пишет|считает|деди|дейт|айтты|билдирди)\b"
)
# A dash and nothing but a name (with a role) to the end of the sentence.
_BARE_NAME = rf"(?:[{_CAP}][\w'’.-]*\s+){{0,5}}[{_CAP}][\w'’-]+\s*[.!?]?\s*$"
# A sentence that opens "according to X," and goes on with a quote.
_ACCORDING_RE = re.compile(
    r"(?:^|\s)(?:[А-ЯЁA-Z]\S*(?:нын|нин|нун|нүн|дын|дин|дун|дүн|тын|тин|тун|түн)\s+(?:айтымында|сөзүнө\s+караганда|"
    r"пикиринде|билдиргениндей|айткандай|белгилегендей|маалыматында|жазгандай)|"
    r"[Кк]ак\s+(?:заявил|сказал|отметил|подчеркнул|пояснил|написал|сообщил|рассказал|считает|говорит)\w*\s.{1,120}|"
    r"[Пп]о\s+(?:словам|мнению|данным|информации|оценке)\s.{1,120}|"
    r"[Aa]ccording\s+to\s.{1,120}|[Aa]s\s.{1,80}\s(?:said|put\s+it|noted|told\s+\w+|wrote))\s*,\s*$"
)
# "Republicans said", "Democrats said": groups, not people.
_GROUP_RE = re.compile(r"(?:ans|ats|ives|als|ists|ites)$")
_AGE_AFTER_RE = re.compile(r",\s*(?:котор\w+\s+)?\d{1,3}(?:\s*(?:год|года|лет|жаш\w*|years?))?\s*,")
_KY_PLURAL = r"(?:лар|лер|лор|лөр|дар|дер|дор|дөр|тар|тер|тор|төр)[^\W\d_]*$"
_RU_PLURAL_ROLE = r"(?:ты|ры|ки|ни|ли|цы|ы)$"
_TRAILING_LOWER_RE = re.compile(rf"[{_LOW}]+$")
_NAME_TOKEN_RE = re.compile(_NAME_TOKEN)
_PREV_WORD_RE = re.compile(r"([^\W\d_][\w'’-]*)[ ,]{1,2}$")
_DASH_ONLY_RE = re.compile(r"\s*[—–\-•*]\s*")
_AFTER_QUOTE_RE = re.compile(r"\s*(,?)\s*([—–-]{0,2})\s*")
# How far back from a quote the text is read for its speaker; keeps broken, unpunctuated text linear.
_WINDOW = 600
_NAMED_AFTER_RE = re.compile(r"(?:имени|им\.|named after)\s*$", re.IGNORECASE)


# ------------------------------------------------------------------------------------------------ mentions


@dataclass(slots=True)
class _Mention:
    block: int
    start: int
    end: int
    tokens: tuple[str, ...]  # the name as written, titles removed, last token in the nominative
    kind: str  # "person", "single" (a lone capitalised word, maybe a person), "org"
    key: str = ""  # casefolded nominative surname (last token)
    first_key: str = ""
    nominative: bool = True
    possessive: bool = False
    gender: str = ""
    title: str = ""

    @property
    def is_person(self) -> bool:
        return self.kind == "person"


@functools.lru_cache(maxsize=65536)
def _fold(word: str) -> str:
    return word.casefold().replace("ё", "е")


def _is_acronym(token: str) -> bool:
    return bool(_ACRONYM_RE.match(token)) and sum(1 for c in token if c.isupper()) >= 2


def _bare_acronym(word: str) -> str:
    """Cut a Kyrgyz case ending off an acronym: УКМКнын -> УКМК, АКШка -> АКШ."""
    return _TRAILING_LOWER_RE.sub("", word.rstrip(".")) or word


@functools.lru_cache(maxsize=65536)
def _role_word(word: str) -> bool:
    w = _fold(word)
    if w.startswith("ex-") or w.startswith("экс-"):
        w = w.split("-", 1)[1]
    return w in _ROLE_EXACT or (len(w) >= 5 and w.startswith(_ROLE_STEMS))


@functools.lru_cache(maxsize=65536)
def _org_word(word: str) -> bool:
    w = _fold(word)
    if len(w) < 3:
        return False
    if w.isascii():
        # English words do not inflect: match whole words, so "Sanders" is not "san" and "Warren" not "war".
        return w in _ORG_EN or (w.endswith("s") and w[:-1] in _ORG_EN)
    return w.startswith(_ORG_STEMS)


@functools.lru_cache(maxsize=65536)
def _surname_like(word: str) -> bool:
    low = word.lower().rstrip(".")
    return bool(_SURNAME_RE.search(low)) and not _NOT_SURNAME_RE.search(low)


class _Names:
    """The capitalised words an article uses, for cutting case endings off names."""

    def __init__(self, texts: Sequence[str], lang: str) -> None:
        self.lang = lang
        self._texts = texts
        self._cache: dict[str, tuple[str, bool]] = {}

    @functools.cached_property
    def attested(self) -> set[str]:
        # Built on first use: English names have no case endings to check, so English articles never need it.
        attested: set[str] = set()
        for text in self._texts:
            attested.update(_NAME_TOKEN_RE.findall(text))
        return attested

    def nominative(self, token: str) -> tuple[str, bool]:
        """Return the token without its case ending, and whether it was already nominative."""
        cached = self._cache.get(token)
        if cached is None:
            bare, stems = _case_stems(token, self.lang == "ky")
            cached = next(((stem, False) for stem, sure in stems if sure or stem in self.attested), (bare, True))
            self._cache[token] = cached
        return cached


@functools.lru_cache(maxsize=65536)
def _case_stems(token: str, kyrgyz: bool) -> tuple[str, tuple[tuple[str, bool], ...]]:
    """Return the token (a possessive cut off) and the stems a case ending may hide on it, in the order tried.

    A sure stem looks like a surname and is taken as it is; the others only when the article uses them. What a
    token may hide does not depend on the article, so it is worked out once for all articles.
    """
    if token.endswith(("'s", "’s")):
        token = token[:-2]
    if len(token) < 4 or _is_acronym(token):
        return token, ()
    stems: list[tuple[str, bool]] = []
    if kyrgyz or any(c in "өүң" for c in token.lower()):
        for size in (4, 3, 2, 1):
            if token[-size:] in _KY_CASE_SET and len(token) - size >= 3:
                stems.append((token[:-size], size > 1 and _surname_like(token[:-size])))
    for size in (3, 2, 1):
        suffix = token[-size:]
        if suffix in _RU_CASE_SET and len(token) - size >= 3:
            stems.append((token[:-size], False))
            if suffix in ("ой", "ую", "ей"):
                stems.append((token[:-size] + "а", False))
    return token, tuple(stems)


# A settlement's name follows these words: "жительница села Джала Нургуль", "мэр города Ош Ж. Ж.", "village of X".
_SETTLEMENT_BEFORE_RE = re.compile(
    r"(?<!\w)(?:села|селе|село|селом|города|городе|город|поселка|посёлка|поселке|посёлке|деревни|деревне|аила|аиле|"
    r"village\s+of|town\s+of|city\s+of)\s+$",
    re.IGNORECASE,
)
_SPACES_RE = re.compile(r"[ \u00a0]+")


def _mentions_in(
    text: str, block: int, start: int, end: int, skip: Sequence[tuple[int, int]], names: _Names, lang: str
) -> list[_Mention]:
    """Return the name-like mentions of a stretch of one block, leaving out the stretches in `skip` (quotes)."""
    out: list[_Mention] = []
    skip_starts = [s for s, _ in skip]
    for m in _RUN_RE.finditer(text, start, end):
        s = m.start()
        if skip:
            i = bisect.bisect_right(skip_starts, s) - 1
            if i >= 0 and skip[i][0] <= s < skip[i][1]:
                continue
        if s > 0 and text[s - 1] in "«„\"“":
            continue
        run = m.group()
        if _SETTLEMENT_BEFORE_RE.search(text, max(0, s - 16), s):
            # "жительница села Джала Нургуль": the first word names the place, the rest (if any) a person.
            cut = _SPACES_RE.search(run)
            if cut is None:
                continue
            s, run = s + cut.end(), run[cut.end() :]
        single = " " not in run and "\u00a0" not in run
        if single:
            # One capitalised word: most often a sentence's first word; decide it from the cached flags.
            acronym, not_name, adjective, is_title, role = _token_flags(run, lang)
            if acronym:
                out.append(_Mention(block, s, m.end(), (_bare_acronym(run),), "org"))
                continue
            if not_name or adjective or is_title or role or (lang in ("ky", "ru") and run[0].isascii()):
                if lang in ("ky", "ru") and run[0].isascii() and len(run) > 1 and not not_name:
                    out.append(_Mention(block, s, m.end(), (run,), "org"))
                continue
        if _NAMED_AFTER_RE.search(text, max(0, s - 12), s):
            continue  # "имени Дмитрия Рогачева" names an institution, not a person present
        if single:
            # What _classify_run and _segment_mentions make of a word the flags let through, without the run
            # splitting: an organisation word alone names nothing, anything else may be a person.
            if not _org_word(run):
                out.append(_person_mention([(s, m.end(), run)], block, "", names, lang))
        else:
            out.extend(_classify_run(text, s, run, block, names, lang))
    return out


@functools.lru_cache(maxsize=65536)
def _token_flags(word: str, lang: str) -> tuple[bool, bool, bool, bool, bool]:
    """Classify a capitalised token once: (acronym, not a name, adjective-like, title, role)."""
    bare = word.rstrip(".")
    low = _fold(bare)
    acronym = _is_acronym(bare)
    stop = _CAP_STOP.get(lang, _CAP_STOP_ALL)
    not_name = (len(bare) == 1 and not word.endswith(".")) or low in stop or bool(_NOT_NAME_RE.search(low))
    adjective = bool(_ADJECTIVE_RE.search(low))
    return acronym, not_name, adjective, low in _TITLES, low in _CAP_ROLE_WORDS or _role_word(word)


def _classify_run(text: str, start: int, run: str, block: int, names: _Names, lang: str) -> list[_Mention]:
    # A run is words joined by single spaces (see _RUN_RE): split it without a regex.
    tokens: list[tuple[int, int, str]] = []
    pos = start
    for word in run.replace("\u00a0", " ").split(" "):
        tokens.append((pos, pos + len(word), word))
        pos += len(word) + 1
    if lang in ("ky", "ru") and run[0].isascii():
        if all(t[2][0].isascii() for t in tokens):
            # In Kyrgyz and Russian copy people are written in Cyrillic; Latin runs are companies and media.
            if len(tokens) == 1 and len(tokens[0][2]) == 1:
                return []
            return [_Mention(block, tokens[0][0], tokens[-1][1], tuple(t[2] for t in tokens), "org")]
    if lang == "en" and tokens[0][2] == "The" and len(tokens) >= 2:
        return [_Mention(block, tokens[1][0], tokens[-1][1], tuple(t[2] for t in tokens[1:]), "org")]
    out: list[_Mention] = []
    current: list[tuple[int, int, str]] = []
    title = ""
    last = len(tokens) - 1

    def flush() -> None:
        nonlocal current, title
        if current:
            out.extend(_segment_mentions(current, block, title, names, lang))
            title = ""
        current = []

    for i, tok in enumerate(tokens):
        word = tok[2]
        acronym, not_name, adjective, is_title, role = _token_flags(word, lang)
        if acronym:
            flush()
            out.append(_Mention(block, tok[0], tok[1], (_bare_acronym(word),), "org"))
            continue
        if not_name or (adjective and not (current and i == last)):
            flush()
            continue
        if is_title:
            flush()
            title = _fold(word.rstrip("."))
            continue
        if role and (i < last or _fold(word) in _CAP_ROLE_WORDS):
            flush()
            continue
        if i < last and not current and _token_flags(tokens[i + 1][2], lang)[4] and lang == "en":
            continue  # "Education Secretary Jane Hill": a word that qualifies the role after it
        current.append(tok)
        if (
            lang == "ky"
            and i < last
            and _KY_GENITIVE_RE.search(word)
            and (not names.nominative(word)[1] or not _surname_like(tokens[i + 1][2]))
        ):
            flush()
    flush()
    return out


def _segment_mentions(
    seg: list[tuple[int, int, str]], block: int, title: str, names: _Names, lang: str
) -> list[_Mention]:
    out: list[_Mention] = []
    org_at = -1
    for k, t in enumerate(seg):
        if _org_word(t[2]):
            org_at = k
            break
    if org_at >= 0:
        # "Садыр Жапаров Жогорку Кеңештин …": a person, then an organisation ending in its head noun.
        begin = org_at - 1 if org_at >= 1 and not _surname_like(seg[org_at - 1][2]) else org_at
        if org_at > begin:
            out.append(_Mention(block, seg[begin][0], seg[org_at][1], tuple(t[2] for t in seg[begin : org_at + 1]), "org"))
        rest = seg[org_at + 1 :]
        seg = seg[:begin]
        if rest:
            out.extend(_segment_mentions(rest, block, "", names, lang))
        if not seg:
            return out
    seg = _person_window(seg, names, lang)
    out.insert(0, _person_mention(seg, block, title, names, lang))
    return out


def _person_window(seg: list[tuple[int, int, str]], names: _Names, lang: str) -> list[tuple[int, int, str]]:
    """Pick the name out of a longer run of capitalised words ("Мухаммедкалый Абылгазиев Ички" -> the first two)."""
    while len(seg) > 2 and (_role_word(seg[-1][2]) or _org_word(seg[-1][2])):
        seg = seg[:-1]
    if len(seg) < 3:
        return seg
    words = [t[2] for t in seg]
    if any(len(w.rstrip(".")) == 1 for w in words[:-1]) or words[-1].lower().startswith(_PATRONYMIC):
        return seg  # initials (George W. Bush) and patronymics (Сейтек Жумакадыр уулу) belong to the name
    if re.search(r"(?:вич|вна|ична)$", words[-1].lower()):
        return seg[-3:]
    for i in range(len(seg) - 1):
        if _surname_like(words[i + 1]) and not _surname_like(words[i]):
            return seg[i : i + 2]
    # Prefer a pair with no case ending and no hyphenated place ("Олаф Шольц Киевге", "Пуэрто-Рико Дженнифер …").
    def bad(w: str) -> bool:
        return not names.nominative(w)[1]

    def place(w: str) -> bool:
        return bool(re.match(r"[^\W\d_]+-[A-ZА-ЯЁӨҮҢ]", w))

    pairs = [i for i in range(len(seg) - 1) if not bad(words[i]) and not bad(words[i + 1]) and not place(words[i])]
    if pairs:
        i = pairs[0] if lang == "ky" else pairs[-1]
        return seg[i : i + 2]
    return seg[:2] if lang == "ky" else seg[-2:]


def _person_mention(seg: list[tuple[int, int, str]], block: int, title: str, names: _Names, lang: str) -> _Mention:
    words = [t[2] for t in seg]
    possessive = words[-1].endswith(("'s", "’s"))
    if len(words) >= 2 and words[-1].lower().startswith(_PATRONYMIC):
        words[-1] = words[-1][:4]
        key_word, nominative = names.nominative(words[-2])
        words[-2] = key_word
    else:
        key_word, nominative = names.nominative(words[-1])
        words[-1] = key_word
    gender = _TITLES.get(title, "")
    if not gender and lang == "ru":
        if key_word.lower().endswith(_FEMALE_SURNAME_ENDINGS):
            gender = "f"
        elif key_word.lower().endswith(_MALE_SURNAME_ENDINGS):
            gender = "m"
    return _Mention(
        block,
        seg[0][0],
        seg[-1][1],
        tuple(words),
        "person" if len(words) >= 2 or title else "single",
        key=_fold(key_word),
        first_key=_fold(names.nominative(words[0])[0]) if len(words) >= 2 else "",
        nominative=nominative,
        possessive=possessive,
        gender=gender,
        title=title,
    )


# The written forms of a name by one of its words: tokens -> (the best mention, where each mention is).
_Forms = dict[str, dict[tuple[str, ...], tuple[_Mention, list[tuple[int, int]]]]]

# ------------------------------------------------------------------------------------------------ article


@dataclass(slots=True)
class _Found:
    block: int
    start: int
    end: int
    text: str
    speaker: str | None
    sentence: int
    attributed: bool
    named: bool


class _Article:
    """One article prepared for quote finding: blocks, spans, sentences and mentions.

    The names (mentions and what is indexed from them) are found on first use: an article whose quote marks turn
    out to hold only names and titles never needs a speaker, and the names are most of the work.
    """

    def __init__(
        self,
        blocks: Sequence[Block],
        lang: str,
        bounds: dict[int, list[tuple[int, int]]] | None,
        spans: dict[int, list[QuoteSpan]] | None = None,
    ) -> None:
        self.blocks = blocks
        self.lang = lang
        self.body = [i for i, b in enumerate(blocks) if b.kind is BlockKind.BODY]
        self.spans: dict[int, list[QuoteSpan]] = {}
        self.splits: dict[tuple[int, int], tuple[tuple[int, int], tuple[int, int], tuple[int, int]]] = {}
        self.sents: list[tuple[int, int, int]] = []
        self.sent_starts: dict[int, list[int]] = {}
        self.sent_offset: dict[int, int] = {}
        for b in self.body:
            text = blocks[b].text
            block_spans = spans[b] if spans is not None and b in spans else quote_spans(text)
            self.spans[b] = block_spans
            bb = bounds[b] if bounds is not None and b in bounds else sentence_bounds(text, block_spans)
            self.sent_offset[b] = len(self.sents)
            self.sent_starts[b] = [s for s, _ in bb]
            self.sents.extend((b, s, e) for s, e in bb)
        self.names = _Names([b.text for b in blocks], lang)
        # The quoted stretches of each body block, left out when names are looked for; None past the last quote.
        self._quoted: dict[int, list[tuple[int, int]] | None] = {}
        self.active = self._find_splits()
        self.confirmed: set[str] = set()  # lone words that an attribution showed to be people ("— говорит Фара")
        self.learned_gender: dict[str, str] = {}  # from pronouns resolved so far ("He told parliament")
        self.found: list[_Found] = []
        self.found_by_sentence: dict[int, list[_Found]] = {}

    def _find_splits(self) -> bool:
        """Find the quotes broken by their attribution; return False when no quote can be speech."""
        blocks, lang = self.blocks, self.lang
        # Speakers are looked for before their quotes only: names after the last possible quote do not matter.
        last = max(
            (b for b in self.body if any(_may_be_speech(blocks[b].text, s) for s in self.spans[b] if not s.depth)),
            default=-1,
        )
        for b in self.body:
            if b > last:
                self._quoted[b] = None
                continue
            text = blocks[b].text
            skip: list[tuple[int, int]] = []
            for span in self.spans[b]:
                if span.depth:
                    continue
                split = _split_inside(text, span, lang)
                if split is not None:
                    # The attribution inside a broken quote is narrative: "…, — говорит Сергей Чалый. — …".
                    self.splits[(b, span.mark_start)] = split
                    skip.append((span.mark_start, split[1][0]))
                    skip.append((split[1][1], span.mark_end))
                else:
                    skip.append((span.mark_start, span.mark_end))
            self._quoted[b] = skip
        return last >= 0

    @functools.cached_property
    def mentions(self) -> dict[int, list[_Mention]]:
        """Find the names in the narrative of each body block (quoted text left out), in order of position."""
        mentions: dict[int, list[_Mention]] = {}
        for b, skip in self._quoted.items():
            text = self.blocks[b].text
            mentions[b] = [] if skip is None else _mentions_in(text, b, 0, len(text), skip, self.names, self.lang)
        self._resolve_singles(mentions)
        for ms in mentions.values():
            ms.sort(key=lambda m: m.start)
        return mentions

    @functools.cached_property
    def mention_starts(self) -> dict[int, list[int]]:
        return {b: [m.start for m in ms] for b, ms in self.mentions.items()}

    @functools.cached_property
    def orgs(self) -> dict[int, list[_Mention]]:
        return {
            b: [m for m in ms if m.kind == "org" and not (len(m.tokens) == 1 and _org_word(m.tokens[0]))]
            for b, ms in self.mentions.items()
        }

    # Every written form of a name, by surname and by first name, for the fullest form of a speaker.

    @functools.cached_property
    def forms(self) -> _Forms:
        return self._index_forms(lambda m: m.key)

    @functools.cached_property
    def first_forms(self) -> _Forms:
        return self._index_forms(lambda m: m.first_key)

    def _index_forms(self, key_of: Callable[[_Mention], str]) -> _Forms:
        table: _Forms = {}
        for ms in self.mentions.values():
            for m in ms:
                if m.kind != "org" and m.key and key_of(m):
                    self._index(table, key_of(m), m)
        return table

    @staticmethod
    def _index(table: _Forms, key: str, m: _Mention) -> None:
        forms = table.setdefault(key, {})
        entry = forms.get(m.tokens)
        if entry is None:
            forms[m.tokens] = (m, [(m.block, m.start)])
        else:
            if m.nominative and not entry[0].nominative:
                forms[m.tokens] = (m, entry[1])
            entry[1].append((m.block, m.start))

    def mentions_in(self, b: int, start: int, end: int) -> list[_Mention]:
        """Return the mentions of block `b` that start in [start, end)."""
        starts = self.mention_starts[b]
        return self.mentions[b][bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]

    def add(self, found: _Found) -> None:
        self.found.append(found)
        self.found_by_sentence.setdefault(found.sentence, []).append(found)

    def _resolve_singles(self, mentions: dict[int, list[_Mention]]) -> None:
        all_mentions = [m for ms in mentions.values() for m in ms]
        surnames = {m.key for m in all_mentions if m.kind == "person" and len(m.tokens) >= 2}
        for b, ms in mentions.items():
            if any(m.kind == "person" and len(m.tokens) >= 2 for m in ms):  # only these may split
                mentions[b] = [x for m in ms for x in self._split_pair(m, surnames)]
        all_mentions = [m for ms in mentions.values() for m in ms]
        surnames = {m.key for m in all_mentions if m.kind == "person"}
        firsts = {m.first_key for m in all_mentions if m.kind == "person" and m.first_key}
        for m in all_mentions:
            text = self.blocks[m.block].text
            before = text[max(0, m.start - 40) : m.start]
            if not m.gender and self.lang == "en":
                if _FEMALE_HINT_RE.search(before):
                    m.gender = "f"
                elif _MALE_HINT_RE.search(before):
                    m.gender = "m"
            if m.kind != "single":
                continue
            after = text[m.end : m.end + 30].lower()
            word = m.tokens[-1]
            if (
                m.key in surnames
                or m.key in firsts
                or after.startswith((" аттуу", " деген ат"))
                or (self.lang != "en" and len(word) > 4 and _surname_like(word) and not _org_word(word))
                or (_SPEECH_AFTER_RE.match(after) and not _GROUP_RE.search(word))
                or _AGE_AFTER_RE.match(after)
                or (_after_role(before) and not _org_word(word))
            ):
                m.kind = "person"
        # A gender seen once (Ms Sturgeon, Mr McConnell, Медведева) holds for every mention of that name.
        genders: dict[str, str] = {}
        for m in all_mentions:
            if m.gender and m.key:
                genders.setdefault(m.key, m.gender)
        for m in all_mentions:
            if not m.gender and m.key in genders:
                m.gender = genders[m.key]

    def _split_pair(self, m: _Mention, surnames: set[str]) -> list[_Mention]:
        """Split "Путин Жапаров менен" (two people side by side) and "Байден уулу" (Biden's son, not a patronymic)."""
        if m.kind != "person" or len(m.tokens) < 2:
            return [m]
        if m.tokens[-1].lower().startswith(_PATRONYMIC):
            prev_key = _fold(self.names.nominative(m.tokens[-2])[0])
            if len(m.tokens) >= 3 and prev_key in surnames - {m.key}:
                return [
                    _Mention(m.block, m.start, m.end, m.tokens[:-1], "person", key=prev_key, first_key=m.first_key,
                             gender=m.gender)
                ]
            return [m]
        if len(m.tokens) == 2:
            first = _fold(self.names.nominative(m.tokens[0])[0])
            both_surnames = self.lang != "en" and _surname_like(m.tokens[0]) and _surname_like(m.tokens[1])
            if both_surnames or (first in surnames and first != m.key and (m.key in surnames or _surname_like(m.tokens[1]))):
                text = self.blocks[m.block].text
                gap = text.find(" ", m.start, m.end)
                if gap > 0:
                    one = _Mention(m.block, m.start, gap, (self.names.nominative(m.tokens[0])[0],), "person", key=first)
                    two = _Mention(m.block, gap + 1, m.end, (m.tokens[1],), "person", key=m.key,
                                   nominative=m.nominative, gender=m.gender)
                    return [one, two]
        return [m]

    @functools.cached_property
    def role_map(self) -> dict[str, _Mention]:
        """Map role words to the person they were attached to ("Tory leader Michael Howard", "акими Каныбек Апбасов")."""
        roles: dict[str, _Mention] = {}
        for b in self.body:
            text = self.blocks[b].text
            for m in self.mentions[b]:
                if not m.is_person:
                    continue
                before = _WORD_RE.findall(text[max(0, m.start - 40) : m.start])[-3:]
                for w in before:
                    if _role_word(w):
                        roles[_role_key(w)] = m
        return roles

    # --------------------------------------------------------------------------------------------- helpers

    def sentence_of(self, b: int, pos: int) -> int:
        starts = self.sent_starts[b]
        i = bisect.bisect_right(starts, pos) - 1
        return self.sent_offset[b] + max(i, 0)

    def is_person(self, m: _Mention) -> bool:
        return m.kind == "person" or (m.kind == "single" and m.key in self.confirmed)

    def persons_between(self, b: int, start: int, end: int) -> list[_Mention]:
        return [m for m in self.mentions_in(b, start, end) if m.end <= end and self.is_person(m)]

    def fullest(self, m: _Mention) -> str:
        """Return the fullest nominative form of a person mention, preferring one near it."""
        best: _Mention | None = None
        best_rank: tuple[int, int, int, int, int] | None = None
        here = m.block * 10_000_000 + m.start
        tables = [(2, self.forms.get(m.key, {}))]
        if len(m.tokens) == 1 and not m.title:
            tables.append((1, self.first_forms.get(m.key, {})))  # a first name alone stands for the full name
        for match, forms in tables:
            for tokens, (other, places) in forms.items():
                if len(tokens) < len(m.tokens) or not self.is_person(other):
                    continue
                if match == 1 and len(tokens) < 2:
                    continue
                distance = min(abs(b * 10_000_000 + p - here) for b, p in places[:50])
                rank = (len(tokens), match, sum(len(t) for t in tokens), 1 if other.nominative else 0, -distance)
                if best_rank is None or rank > best_rank:
                    best, best_rank = other, rank
        chosen = best or m
        words = [w.rstrip(".") if len(w) > 2 else w for w in chosen.tokens]
        return _clean_name(" ".join(words))

    def confirm(self, m: _Mention) -> str:
        """Take a lone capitalised word as a person because an attribution names it ("— говорит Фара")."""
        if m.key:
            self.confirmed.add(m.key)
        name = self.fullest(m)
        if len(m.tokens) == 1 and " " not in name:
            # A Kyrgyz honorific is part of how the article names the person: "Асан ата", "Гүлнара эже".
            honorific = _HONORIFIC_RE.match(self.blocks[m.block].text, m.end)
            if honorific:
                name += " " + honorific.group(1)
        return name

    def org_before(self, b: int, pos: int) -> str | None:
        """Return the organisation named last before `pos` (an acronym, a Latin name, a named body)."""
        order = self.body[: self.body.index(b) + 1]
        for bb in reversed(order[-4:]):
            orgs = [m for m in self.orgs[bb] if bb != b or m.start < pos]
            if orgs:
                return _clean_name(" ".join(orgs[-1].tokens))
        return None

    def antecedent(self, b: int, pos: int, *, gender: str = "", role: str = "", depth: int = 8) -> str | None:
        """Return who a pronoun or role at `pos` points back to: a recent speaker or the first person named."""
        si = self.sentence_of(b, pos)
        fallback: str | None = None
        for k in range(si, max(-1, si - depth), -1):
            sb, ss, se = self.sents[k]
            limit = pos if k == si else se
            text = self.blocks[sb].text
            if role:
                hit = self._role_in(sb, ss, limit, role)
                if hit:
                    return hit
            quoted = [f for f in self.found_by_sentence.get(k, ()) if f.start < limit and f.speaker and f.named]
            if quoted and (not gender or self._speaker_gender(quoted[-1].speaker) in ("", gender)):
                return quoted[-1].speaker
            subject = self._role_subject(sb, ss, limit)
            if subject is not None and _gender_ok(subject.gender, gender):
                return self.fullest(subject)
            persons = [
                m
                for m in self.mentions_in(sb, max(ss, limit - _WINDOW), limit)
                if m.end <= limit and self.is_person(m) and _gender_ok(m.gender, gender)
            ]
            persons = [
                m
                for m in persons
                if not _possessive_of_role(text, m) and _gender_ok(self.learned_gender.get(m.key, ""), gender)
            ]
            if persons:
                nominative = [m for m in persons if m.nominative] if self.lang == "ky" else persons
                chosen = (nominative or persons)[0]
                if gender and chosen.key:
                    self.learned_gender.setdefault(chosen.key, gender)
                return self.fullest(chosen)
            if not role and fallback is None:
                # "A ministry spokeswoman said … "…," she said": an unnamed role that reports is the speaker. An
                # English indefinite role is someone new; otherwise a name further back may be the same person.
                reported = self._reporting_role(sb, ss, limit, gender)
                if reported is not None:
                    phrase, indefinite = reported
                    if indefinite:
                        return phrase
                    fallback = phrase
        return fallback or self.reporting_role_before(b, pos)

    def _reporting_role(self, b: int, start: int, end: int, gender: str) -> tuple[str, bool] | None:
        text = self.blocks[b].text
        words = list(_WORD_RE.finditer(text, start, min(end, start + _WINDOW)))
        folded = [_fold(w.group()) for w in words]
        if not any(_is_speech_verb(w, self.lang) for w in folded):
            return None
        for i, w in enumerate(words[:6]):
            if _role_word(w.group()) and not _plural_role(w.group(), self.lang) and _gender_ok(_role_gender(folded[i]), gender):
                if i + 1 < len(words) and any(
                    self.is_person(m) for m in self.mentions_in(b, words[i + 1].start(), words[i + 1].start() + 1)
                ):
                    return None  # the role comes with a name, handled as a person
                indefinite = self.lang == "en" and any(f in ("a", "an") for f in folded[max(0, i - 3) : i])
                return _role_phrase(text, w.start(), w.end(), self.lang), indefinite
        return None

    def _speaker_gender(self, speaker: str | None) -> str:
        if not speaker:
            return ""
        key = _fold(speaker.split()[-1])
        if key in self.learned_gender:
            return self.learned_gender[key]
        for ms in self.mentions.values():
            for m in ms:
                if m.key == key and m.gender:
                    return m.gender
        return ""

    def _role_subject(self, b: int, start: int, end: int) -> _Mention | None:
        """A sentence that opens with a role ("The Tory leader was asked…", "Президент … заметив") means its holder."""
        text = self.blocks[b].text
        words = list(islice(_WORD_RE.finditer(text, start, min(end, start + 60)), 4))
        for w in words:
            low = _fold(w.group())
            if _role_word(w.group()):
                held = self.role_map.get(_role_key(w.group()))
                # Only when no name follows the role right away ("Депутат Исхак Пирматов" names its own holder).
                if held is not None and not self.mentions_in(b, w.end(), w.end() + 3):
                    return held
                return None
            if low not in ("the", "a", "an", "former", "ex") and not w.group()[0].isupper():
                return None
        return None

    def _role_in(self, b: int, start: int, end: int, role: str) -> str | None:
        text = self.blocks[b].text
        for w in _WORD_RE.finditer(text, max(start, end - _WINDOW), end):
            if _role_key(w.group()) != role or not _subject_role_form(w.group(), role, self.lang):
                continue
            # A person named with the role ("акими Каныбек Апбасов", "Юрист «…» Вадим Жернаков").
            for m in self.mentions_in(b, w.end(), w.end() + 61):
                if self.is_person(m) and not re.search(r"[.,;:!?]", text[w.end() : m.start]):
                    return self.fullest(m)
            if w.group()[0].islower() or self.lang == "en":
                return _role_phrase(text, w.start(), w.end(), self.lang)
            return None
        return None

    def reporting_role_before(self, b: int, pos: int) -> str | None:
        """Return a role phrase that is the subject of a reporting verb just before `pos` ("кыздын апасы … билдирди")."""
        si = self.sentence_of(b, pos)
        for k in range(si - 1, max(-1, si - 6), -1):
            sb, ss, se = self.sents[k]
            text = self.blocks[sb].text
            words = list(_WORD_RE.finditer(text, ss, min(se, ss + _WINDOW)))
            if not words:
                continue
            folded = [_fold(w.group()) for w in words]
            if self.lang == "ky":
                if not _is_speech_verb(folded[-1], self.lang):
                    continue
            elif not any(_is_speech_verb(w, self.lang) for w in folded):
                continue
            for w in words:
                if _role_word(w.group()) and w.group()[0].islower() and not _plural_role(w.group(), self.lang):
                    return _role_phrase(text, w.start(), w.end(), self.lang)
        return None


@functools.lru_cache(maxsize=16384)
def _role_key(word: str) -> str:
    """Reduce a role word to a key that its case forms share (акими/аким, эксперт/эксперта, spokesman)."""
    w = _fold(word)
    for stem in _ROLE_STEMS:
        if w.startswith(stem):
            return stem
    return w[:4]


def _subject_role_form(word: str, key: str, lang: str) -> bool:
    """Is this role word a single holder in a subject-like form (депутат, акими, эксперт), not "депутаттарды"?"""
    rest = _fold(word)[len(key) :]
    if lang == "ky":
        return not re.search(r"(?:лар|лер|лор|лөр|дар|дер|дор|дөр|тар|тер|тор|төр|[гк][аеоө]|[ндт][аеоө]н?|[ндт][ыиуү])$", rest)
    if lang == "ru":
        return rest in ("", "а", "у", "ом", "е", "ом", "ем", "ь", "я", "ю", "ем", "и") and not word.endswith("ы")
    return not rest.endswith("s") or rest.endswith("'s")


def _plural_role(word: str, lang: str) -> bool:
    """Many holders of a role ("эксперттер", "депутаттарды", "эксперты", "officials") are not the one who spoke."""
    w = _fold(word)
    if lang == "ky":
        return bool(re.search(_KY_PLURAL, w))
    if lang == "ru":
        return bool(re.search(_RU_PLURAL_ROLE, w))
    return w.endswith("s") and not w.endswith(("'s", "’s", "ss"))


def _role_gender(word: str) -> str:
    if word.endswith(("woman", "women")) or word in ("wife", "mother", "daughter", "sister", "actress"):
        return "f"
    if word.endswith(("man", "men")) or word in ("husband", "father", "son", "brother", "actor"):
        return "m"
    return ""


def _gender_ok(have: str, want: str) -> bool:
    return not have or not want or have == want


def _after_role(before: str) -> bool:
    """Does `before` end with a lowercase role word and a space ("акими ", "the spokesman ") before a name?"""
    # The word is the last one before the trailing space or comma: searching from the space before it finds the
    # same match as searching every position of the window, without trying a match at each one.
    start = before.rfind(" ", 0, len(before.rstrip(" ,"))) + 1
    prev = _PREV_WORD_RE.search(before, start)
    return prev is not None and prev.group(1)[0].islower() and _role_word(prev.group(1))


def _possessive_of_role(text: str, m: _Mention) -> bool:
    """Is this "Jamie's" in "Jamie's wife Ashley" (the name that follows is the one meant)?"""
    if not m.possessive:
        return False
    after = _WORD_RE.findall(text[m.end : m.end + 40])
    return len(after) >= 2 and _role_word(after[0]) and after[1][:1].isupper()


_EN_ROLE_OF_RE = re.compile(r"\b([A-Za-z-]+)\s+(?:to|for|of)\s+(?:the\s+)?$")
_RU_WORD_BEFORE_RE = re.compile(r"(?<![\w-])([а-яёА-ЯЁ][а-яё-]*)(?=\s+)")


def _owner_of_role(text: str, m: _Mention, lang: str, attested: set[str]) -> str | None:
    """If the name only owns the speaker's role, return the role phrase ("Жапаровдун кеңешчиси", "советник Садыра
    Жапарова", "Japarov's spokesman", "an aide to Sadyr Japarov"): the speaker is the adviser, not the president.

    A name that follows the role is the holder and the speaker ("Путиндин басма катчысы Дмитрий Песков"), so the
    role must not be followed by a capitalised word.
    """
    if lang == "ky" or m.possessive:
        if lang == "ky" and m.nominative:
            return None
        after = list(_WORD_RE.finditer(text, m.end, min(len(text), m.end + 40)))[:3]
        if text[m.end : after[0].start()].strip(" ") if after else True:
            return None
        for i, w in enumerate(after[:2]):
            if w.group()[0].isupper():
                return None
            if _role_word(w.group()):
                nxt = after[i + 1].group() if i + 1 < len(after) else ""
                if nxt[:1].isupper() and not re.search(r"[,.;:!?()—–]", text[w.end() : after[i + 1].start()]):
                    return None
                return _clean_name(text[m.start : w.end()])
        return None
    window = text[max(0, m.start - 40) : m.start]
    if lang == "en":
        of = _EN_ROLE_OF_RE.search(window)
        if of and of.group(1)[0].islower() and _role_word(of.group(1)):
            return _clean_name(window[of.start(1) :] + text[m.start : m.end])
        return None
    if lang != "ru":
        return None
    # The role right before the name, or one word before that: "советник Садыра Жапарова", "помощник
    # президента Садыра Жапарова".
    near = list(_RU_WORD_BEFORE_RE.finditer(window))[-2:]
    role = next((w for w in near if _role_word(w.group(1)) and not _is_speech_verb(w.group(1), lang)), None)
    between = window[role.end() :] if role else ""
    if role is None or between.strip(" ").count(" ") > 1 or re.search(r"[^\w\s-]", between):
        return None
    # "советник Садыра Жапарова" is a genitive only if the article names "Жапаров" too: "депутат Надира Нарматова"
    # (with "— сказал", as Russian says it of a woman deputy) is the holder of the role, in the nominative.
    written = text[m.start : m.end].split()
    surname = _ru_nominative_from_genitive(" ".join(written)).split()[-1]
    if surname == written[-1] or surname not in attested:
        return None
    return _clean_name(window[role.start(1) :] + text[m.start : m.end])


def _is_speech_verb(word: str, lang: str) -> bool:
    if lang == "ky":
        return word.startswith(_KY_SPEECH_VERBS) or word in _KY_DE
    if lang == "ru":
        return word in _RU_CUES
    return word in _EN_CUES


# Words that come before a role without belonging to it: participles ("маек курган өкүл", "иштеп жүргөн") and
# small words ("— деди дагы бир тургун", "деди кечээ аким").
_KY_PARTICIPLE_RE = re.compile(r"(?:[гк][аеоө]н|ып|ип|уп|үп)$")
_KY_NOT_COMPOUND = frozenset("бир дагы да де эле кечээ бүгүн эртең азыр ошол бул ал анын алардын менен жана".split())


def _role_phrase(text: str, start: int, end: int, lang: str) -> str:
    """Return the noun phrase around a role word: its genitive modifiers, or an English possessive before it."""
    before = list(_WORD_RE.finditer(text, max(0, start - 80), start))
    begin = start
    if lang == "ky":
        taken = 0
        for i, w in enumerate(reversed(before)):
            word = w.group()
            if re.search(r"[,.;:!?()—–]", text[w.end() : begin]) or taken >= 4:
                break
            low = _fold(word)
            if low in _KY_DE or low in _CAP_STOP_KY or _is_speech_verb(low, lang):
                break
            # Genitive modifiers and names, and up to two bare nouns of a compound right before the head
            # ("басма сөз кызматы").
            compound = i == taken < 2 and low not in _KY_NOT_COMPOUND and not _KY_PARTICIPLE_RE.search(low)
            if _KY_GENITIVE_RE.search(low) or word[0].isupper() or compound:
                begin = w.start()
                taken += 1
                continue
            break
        # "“Яндекс.Таксинин” өкүлү": keep a quoted owner's opening mark out of the phrase but its words in.
    elif lang == "en":
        for w in reversed(before):
            word = w.group()
            if re.search(r"[,.;:!?()]", text[w.end() : begin]):
                break
            if _fold(word) in ("the", "a", "an", "his", "her", "their", "its") or _fold(word) in _EN_CUES:
                break
            begin = w.start()
            if len(text[begin:end].split()) >= 4:
                break
    phrase = text[begin:end]
    if lang == "ru":
        after = re.match(r"\s+([а-яё]+(?:ы|и|а|я)|[А-ЯЁ]{2,})\b", text[end : end + 30])
        if after and not _is_speech_verb(after.group(1), lang):
            phrase = text[begin : end + after.end()]
    return _clean_name(phrase)


def _clean_name(name: str) -> str:
    name = re.sub(r"[«»\"“”„]", "", name)
    return " ".join(name.split()).strip(" ,.;:-—–")


# ------------------------------------------------------------------------------------------------ extraction


def find_quotes(
    blocks: Sequence[Block],
    *,
    language: str,
    bounds: dict[int, list[tuple[int, int]]] | None = None,
    spans: dict[int, list[QuoteSpan]] | None = None,
) -> list[_Found]:
    """Return the quotes of the body blocks in article order, with speakers resolved.

    `bounds` and `spans` (sentence offsets and quote spans per block index) may be passed when already computed.
    """
    if spans is not None and not any(spans.values()):
        return []  # no quote marks at all
    art = _Article(blocks, language, bounds, spans)
    if not art.active:
        return []  # quote marks only around names and titles
    for bi, b in enumerate(art.body):
        text = blocks[b].text
        top = [s for s in art.spans[b] if s.depth == 0]
        next_opens = bi + 1 < len(art.body) and blocks[art.body[bi + 1]].text[:1] in "\"“«„"
        for si, span in enumerate(top):
            following = top[si + 1] if si + 1 < len(top) else None
            for found in _pieces(art, b, text, span, following, next_opens):
                art.add(found)
    return art.found


_SPEECH_NEAR_RE = re.compile(r"\s*(?:[,:—–-]|де[пдйгш]|said|says|told|added)", re.IGNORECASE)


def _may_be_speech(text: str, span: QuoteSpan) -> bool:
    """A cheap first look: could this quote be speech rather than a name or a title in quote marks?"""
    if span.virtual or span.unclosed or span.end - span.start > 40:
        return True
    if _SPEECH_NEAR_RE.match(text, span.mark_end) or text[max(0, span.mark_start - 3) : span.mark_start].rstrip().endswith(":"):
        return True
    if text[span.start : span.end].rstrip()[-1:] in (",", "!", "?", "."):
        return True  # "Great job," he said.
    return len(_WORD_RE.findall(text, span.start, span.end)) >= 3


def _words(text: str) -> int:
    return len(_WORD_RE.findall(text))


def _count_words(text: str, start: int, end: int, *, limit: int) -> int:
    """Count the words of `text[start:end]` up to `limit`, without splitting a long quote to its end."""
    return sum(1 for _ in islice(_WORD_RE.finditer(text, start, end), limit))


def _tokens(text: str, start: int, end: int) -> list[re.Match[str]]:
    return list(_WORD_RE.finditer(text, start, end))


def _pieces(
    art: _Article, b: int, text: str, span: QuoteSpan, following: QuoteSpan | None, next_opens: bool
) -> list[_Found]:
    si = art.sentence_of(b, span.mark_start)
    _, s_start, s_end = art.sents[si]
    s_start = max(s_start, span.mark_start - _WINDOW)
    pre = text[s_start : span.mark_start]
    post_end = max(min(s_end, span.mark_end + _WINDOW), span.mark_end)
    if following is not None and following.mark_start < post_end:
        # The attribution runs to the end of the sentence, past quoted names, but not into the next quote.
        if text[: following.mark_start].rstrip()[-1:] in ".!?…:":
            post_end = following.mark_start
    inner = text[span.start : span.end]

    # A quote broken by its attribution: «…, — деди ал. — …» and "…, - говорит она. - …".
    split = art.splits.get((b, span.mark_start))
    if split is not None:
        (a1, a2), (c1, c2), (b1, b2) = split
        speaker, named = _speaker_from_clause(art, b, c1, c2, span.mark_start)
        if speaker is None:
            speaker, named = _speaker_before(art, b, s_start, span.mark_start)
        return [
            _make(art, b, a1, a2, speaker, si, True, named),
            _make(art, b, b1, b2, speaker, si, True, named),
        ]

    starts_sentence = not pre.strip() or bool(_DASH_ONLY_RE.fullmatch(pre))
    colon = pre.rstrip().endswith(":")
    words = _count_words(text, span.start, span.end, limit=6)  # the rules below tell 0, 2, 3 and 6 words apart
    if words == 0:
        return []

    attribution = _attribution_after(text, span, post_end, art.lang)
    if attribution == "naming":
        return []
    if isinstance(attribution, tuple):
        kind, c1, c2 = attribution
        if kind in ("dash", "de") or starts_sentence or colon:
            speaker, named = _speaker_from_clause(art, b, c1, c2, span.mark_start)
            if speaker is None and art.lang == "ky" and _plural_verb(text, c1, c2):
                # "Экологдор «…» деп эсептешет": a group said it, not the person named last.
                speaker, named = _plural_subject(text, s_start, span.mark_start), False
                speaker = speaker or ""
            if speaker == "":
                speaker, named = None, False
            elif speaker is None:
                if colon:
                    speaker, named = _speaker_colon(art, b, s_start, span.mark_start)
                else:
                    speaker, named = _speaker_before(art, b, s_start, span.mark_start)
            return [_make(art, b, span.start, span.end, speaker, si, True, named)]
        return []

    if span.virtual:
        # The rest of a quote reopened with a dash after its attribution: «…», — дейт X. — …».
        speaker = art.antecedent(b, span.mark_start)
        return [_make(art, b, span.start, span.end, speaker, si, True, speaker is not None)]
    post = text[span.mark_end : post_end]
    ends_sentence = bool(_ENDS_SENTENCE_RE.match(post)) or (
        _SENT_END_RE.search(inner[-2:]) is not None
        and (not post.strip() or post.lstrip()[:1].isupper() or post.lstrip()[:1] in "«\"“„")
    )
    if span.unclosed and not (next_opens or _SENT_END_RE.search(inner[-3:])):
        return []
    if colon and ends_sentence and (words >= 2 or _SENT_END_RE.search(inner)):
        speaker, named = _speaker_colon(art, b, s_start, span.mark_start)
        return [_make(art, b, span.start, span.end, speaker, si, True, named)]
    if pre.rstrip().endswith(",") and _cue_before_comma(pre, art.lang) and (ends_sentence or _SENT_END_RE.search(inner[-2:])):
        # The rest of a quote after its attribution: "I think," he said, "we are ready." / «…», — сказал он, «…».
        speaker = art.antecedent(b, span.mark_start)
        return [_make(art, b, span.start, span.end, speaker, si, True, speaker is not None)]
    if ends_sentence and words >= 2 and _ACCORDING_RE.search(pre):
        # "По словам X, «…»", "Ташиевдин айтымында, «…»", "According to X, "…"": X is the speaker.
        persons = art.persons_between(b, s_start, span.mark_start) or [
            m for m in art.mentions_in(b, s_start, span.mark_start) if m.kind == "single"
        ]
        if persons:
            name = art.confirm(persons[0])
            if art.lang == "ru" and re.search(r"(?:[Пп]о\s+(?:словам|мнению|оценке))", pre):
                name = _ru_nominative_from_genitive(name)
            return [_make(art, b, span.start, span.end, name, si, True, True)]
        speaker, named = _speaker_before(art, b, s_start, span.mark_start)
        return [_make(art, b, span.start, span.end, speaker, si, True, named)]
    if starts_sentence and ends_sentence and words >= 3 and (_SENT_END_RE.search(inner) or words >= 6):
        if not _looks_like_title(inner):
            speaker = art.antecedent(b, span.mark_start)
            return [_make(art, b, span.start, span.end, speaker, si, False, speaker is not None)]
    return []


def _ru_nominative_from_genitive(name: str) -> str:
    """"По словам Сергея Лаврова" -> Сергей Лавров; "по мнению Ирины Петровой" -> Ирина Петрова."""
    words = name.split()
    out = []
    for i, w in enumerate(words):
        first_of_two = i == 0 and len(words) > 1
        if re.search(r"(?:ов|ев|ёв|ин|ын)а$", w):
            w = w[:-1]
        elif re.search(r"(?:ов|ев|ёв|ин|ын)ой$", w):
            w = w[:-2] + "а"
        elif re.search(r"(?:ск|цк)ого$", w):
            w = w[:-3] + "ий"
        elif w.endswith("ея"):
            w = w[:-2] + "ей"
        elif first_of_two and w.endswith("ия"):
            w = w[:-2] + "ий"
        elif first_of_two and re.search(r"[бвгдзклмнпрстфхцчшщ]а$", w):
            w = w[:-1]
        elif first_of_two and w.endswith("ы"):
            w = w[:-1] + "а"
        out.append(w)
    return " ".join(out)


def _make(art: _Article, b: int, start: int, end: int, speaker: str | None, si: int, attributed: bool, named: bool) -> _Found:
    text = art.blocks[b].text
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",—–"):
        end -= 1
    while end > start + 1 and text[end - 1] == "-" and text[end - 2].isspace():
        end -= 1
        while end > start and text[end - 1].isspace():
            end -= 1
    return _Found(b, start, end, text[start:end], speaker or None, si, attributed, named and bool(speaker))


def _looks_like_title(inner: str) -> bool:
    # A title is a few capitalised words: nine words tell, however long the quote.
    words = [w.group() for w in islice(_WORD_RE.finditer(inner), 9)]
    return len(words) <= 8 and all(w[0].isupper() for w in words)


def _split_inside(
    text: str, span: QuoteSpan, lang: str
) -> tuple[tuple[int, int], tuple[int, int], tuple[int, int]] | None:
    if all(text.find(dash, span.start, span.end) < 0 for dash in "—–-"):
        return None  # no dash, no attribution inside: spare the regex a scan of the whole quote
    for tries, m in enumerate(_SPLIT_ATTRIBUTION_RE.finditer(text, span.start, span.end)):
        if tries >= 5:
            return None
        reopen = re.compile(_REOPEN).search(text, m.end(), min(span.end, m.end() + 400))
        if not reopen:
            return None
        clause = _WORD_RE.findall(text[m.end() : reopen.start()])
        if not clause or len(clause) > 40:
            continue
        if not _clause_has_cue([_fold(w) for w in clause[:4]], lang):
            continue
        return (span.start, m.start()), (m.end(), reopen.start() + 1), (reopen.end(), span.end)
    return None


def _clause_has_cue(words: Sequence[str], lang: str) -> bool:
    if not words:
        return False
    if words[0] in _KY_DE:
        return True
    if lang in ("ru", "ky", "other") and any(w in _RU_CUES or w in _RU_PASSIVE for w in words[:3]):
        return True
    if lang in ("en", "other"):
        return any(w in _EN_CUES for w in words[:6])
    return False


def _attribution_after(text: str, span: QuoteSpan, end: int, lang: str) -> tuple[str, int, int] | str | None:
    """Classify what follows a quote: ("dash"|"comma"|"de", clause start, clause end), "naming", or None."""
    start = span.mark_end
    m = _AFTER_QUOTE_RE.match(text, start, end)
    assert m is not None
    comma, dash = m.group(1), m.group(2)
    if not comma and not span.unclosed and text[span.start : span.end].rstrip()[-1:] == ",":
        comma = ","  # "…," he said: English puts the comma inside the marks
    c1 = m.end()
    # The first words decide; the rest of a long sentence after the quote need not be split into words.
    words = list(islice(_WORD_RE.finditer(text, c1, end), 6))
    if not words or words[0].start() - c1 > 2:
        return None
    folded = [_fold(w.group()) for w in words[:6]]
    first = folded[0]
    if first in _KY_DE or first in ("дегенин", "дегенди"):
        if first == "деп" and len(folded) > 1 and folded[1] in _KY_NAMING:
            return "naming"
        if first == "деген" and not dash and not comma and not words[1:2] or (
            first == "деген" and not dash and not comma and not words[1].group()[:1].isupper()
        ):
            return "naming"
        return ("de", c1, end)
    if not dash and not comma:
        # English attribution without a comma after "!" or "?": "…is sad!" he wrote.
        if lang == "en" and _clause_has_cue(folded[:3], "en") and (
            text[span.end - 1 : span.end] in "!?." or folded[0] in _PRONOUNS or words[0].group()[0].isupper()
        ):
            return ("comma", c1, end)
        return None
    if not words[0].group()[0].islower() and lang != "en":
        # "«…», — Путин заявил." is rare; a capital after the dash is mostly a new line of dialogue.
        if not (len(folded) > 1 and (folded[1] in _RU_CUES or folded[1] in _KY_DE)):
            return None
    if _clause_has_cue(folded, lang) or (lang == "ru" and _looks_like_ru_verb(folded[:2])):
        return ("dash" if dash else "comma", c1, end)
    if lang == "ky" and dash and any(w in _KY_DE for w in folded[:3]):
        return ("dash", c1, end)
    if dash and re.compile(_BARE_NAME).match(text, c1, end):
        return ("dash", c1, end)  # sports and interview style: "…" — Coach Marco Silva
    return None


def _looks_like_ru_verb(words: Sequence[str]) -> bool:
    return any(
        re.search(r"(?:ил|ила|ал|ала|ял|яла|ел|ела|ул|ула|ует|ает|яет|ирует|ется|ится)(?:ся|сь)?$", w) for w in words
    )


def _speaker_from_clause(art: _Article, b: int, c1: int, c2: int, quote_pos: int) -> tuple[str | None, bool]:
    """Return the speaker an attribution clause names, "" for a passive or relayed quote with no speaker, or None."""
    text = art.blocks[b].text
    lang = art.lang
    words = _tokens(text, c1, c2)
    folded = [_fold(w.group()) for w in words]
    cue = next((i for i, w in enumerate(folded[:8]) if _is_cue_word(w, lang)), -1)
    if cue < 0 and lang == "ru" and folded and _looks_like_ru_verb(folded[:2]):
        cue = 0 if _looks_like_ru_verb(folded[:1]) else 1
    mentions = art.mentions_in(b, c1, c2)
    verb = folded[cue] if cue >= 0 else ""
    passive = any(w in _KY_PASSIVE or w in _RU_PASSIVE for w in folded[:4])

    if lang == "en":
        # A cue inside a relative clause is not the attribution: "one resident, who asked not to be named, said".
        cues = [i for i, w in enumerate(folded[:12]) if w in _EN_CUES and not (i and folded[i - 1] in ("who", "which", "that"))]
        cue = cues[0] if cues else cue
    if lang == "en" and cue > 0:
        # "…," Bloomberg said. / "…," the spokesman said. / "…," she says.
        return _en_subject(art, b, text, words[:cue], words[cue].start(), quote_pos)

    after_start = words[cue + 1].start() if cue >= 0 and cue + 1 < len(words) else (c2 if cue >= 0 else c1)
    # Skip a recipient: "— рассказал агентству Ассошиэйтед пресс старший научный сотрудник X".
    skip_from = skip_until = -1
    for i in range(max(cue + 1, 0), min(len(words), cue + 7)):
        if folded[i] in _RECIPIENT_WORDS:
            skip_from = words[i].start()
            skip_until = words[i + 1].end() if i + 1 < len(words) else words[i].end()
    if lang == "ru" and cue >= 0 and verb.endswith("ли"):
        body = _ru_body_after(text, words[cue + 1 : cue + 6])
        if body:
            return body, True  # "— сообщили в пресс-службе МВД": the body speaks
    after = [m for m in mentions if m.start >= after_start and not skip_from <= m.start <= skip_until]
    before = [m for m in mentions if m.start < after_start] if lang != "en" else []
    people = [m for m in after + before if art.is_person(m)]
    if lang == "ky":
        people = [m for m in people if m.nominative] or people
    if people and (owned := _owner_of_role(text, people[0], lang, art.names.attested)):
        if len(people) == 1 or _owner_of_role(text, people[1], lang, art.names.attested):
            return owned, True
        people = people[1:]
    if people:
        m = people[0]
        if _fold(m.tokens[-1]) in _MEDIA and verb in _RELAY_VERBS:
            return "", False
        return art.confirm(m), True
    if verb in _RELAY_VERBS and any(_fold(m.tokens[0]) in _MEDIA for m in after):
        return "", False
    # A lone capitalised word right after the verb is the speaker: "— говорит Фара", "— деди Шольц".
    if cue >= 0 and cue + 1 < len(words):
        near_starts = {w.start() for w in words[cue + 1 : cue + 5]}
        lone = next(
            (
                m
                for m in after
                if m.start in near_starts
                and m.kind == "single"
                and not _PREPOSITION_BEFORE_RE.search(text, max(0, m.start - 8), m.start)  # "— рассказали в Оше"
            ),
            None,
        )
        # Only when nothing but punctuation or an honorific follows: "— дейт 65 жаштагы Асан ата", not the first
        # word of "Өзгөчө кырдаалдар министрлиги".
        if (
            lone is not None
            and _fold(lone.tokens[-1]) not in _MEDIA
            and re.compile(_LONE_END).match(text, lone.end, c2)
        ):
            return art.confirm(lone), True
    near = folded[cue + 1 : cue + 3] if cue >= 0 else folded[:2]
    for w in near:
        if w in _PRONOUNS:
            found = art.antecedent(b, quote_pos, gender=_PRONOUNS[w] or _verb_gender(verb))
            return found, found is not None
    for i in range(max(cue + 1, 0), min(len(words), cue + 9)):
        w = words[i].group()
        if lang == "ky" and i + 1 < len(words) and _KY_GENITIVE_RE.search(folded[i]):
            continue  # a genitive is a modifier ("мэриянын басма сөз кызматы"); the head comes after it
        if w[0].islower() and (_role_word(w) or (_org_word(w) and lang == "ky")):
            return _role_resolve(art, b, quote_pos, text, words[i], in_clause=True)
    if passive:
        # "— деп жазылган уюмдун билдирүүсүндө": the owner of the statement; "деп айтылган сөздөр": nobody.
        for i, w in enumerate(folded[:6]):
            if w.startswith(("билдирүү", "маалымат", "сообщени", "заявлени", "релиз", "документ")):
                owner = folded[i - 1] if i > 0 else ""
                if owner and _KY_GENITIVE_RE.search(owner):
                    if _org_word(owner):
                        return art.org_before(b, quote_pos) or _clean_name(words[i - 1].group()), True
                    written = words[i - 1].group()
                    if _is_acronym(_bare_acronym(written)):
                        return _bare_acronym(written), True  # "ИИМдин маалыматында": ИИМ
                    return _clean_name(written), True
                if w.endswith(("сүн", "сын", "син", "сун")):
                    found = art.antecedent(b, quote_pos)
                    return found, found is not None
                if lang == "ru":
                    return art.reporting_role_before(b, quote_pos) or "", False
        return "", False
    orgs = [m for m in after if m.kind == "org"]
    if orgs and verb not in _RELAY_VERBS:
        return _clean_name(" ".join(orgs[0].tokens)), True
    return None, False


# Nominatives of the locatives a body is named in after "в": "в министерстве" -> министерство.
_RU_LOCATIVE_ENDINGS = (("стве", "ство"), ("ении", "ение"), ("ии", "ия"), ("ле", "ль"))
_RU_FEMININE_BODIES = ("служб", "прокуратур", "генпрокуратур", "дум", "палат", "инспекц", "групп", "больниц", "школ")
_RU_BODY_RE = re.compile(r"^(?:Мин|Гос|Ген)[а-яё]{3,}$")
_PREPOSITION_BEFORE_RE = re.compile(r"(?<!\w)(?:в|во|на|из|от|к|у|с|по|in|at|from|to)\s+$", re.IGNORECASE)


def _ru_nominative_body(word: str) -> str:
    """The nominative of a body's name in the locative: пресс-службе -> пресс-служба, Минздраве -> Минздрав."""
    low = _fold(word)
    if _is_acronym(word) or not low.endswith(("е", "и")):
        return word
    stem = low.rsplit("-", 1)[-1][:-1]
    if stem.startswith(_RU_FEMININE_BODIES):
        return word[:-1] + "а"
    for ending, nominative in _RU_LOCATIVE_ENDINGS:
        if low.endswith(ending):
            return word[: -len(ending)] + nominative
    return word[:-1] if low.endswith("е") else word


def _ru_body_after(text: str, words: Sequence[re.Match[str]]) -> str | None:
    """The body a plural speech verb names after "в": "— сообщили в пресс-службе МВД", "— заявили в Минздраве".

    The head is an organisation or role word, an acronym or a ministry's short name; its genitive modifiers follow
    ("в администрации президента"); a place ("— рассказали в Бишкеке") is not a body.
    """
    for i, w in enumerate(words[:-1]):
        if _fold(w.group()) not in ("в", "во"):
            continue
        head = words[i + 1]
        word = head.group()
        if re.search(r"[,.;:!?()—–]", text[w.end() : head.start()]):
            continue
        if not (
            any(_org_word(x) or _role_word(x) for x in (word, _ru_nominative_body(word)))
            or _is_acronym(word)
            or _RU_BODY_RE.match(word)
        ):
            continue  # "— сообщили в понедельник в МВД", "— рассказали в Бишкеке"
        phrase = [_ru_nominative_body(word)]
        last = head
        for nxt in words[i + 2 : i + 4]:
            gap = text[last.end() : nxt.start()]
            token = nxt.group()
            if gap.strip() or not (_is_acronym(token) or re.search(r"(?:а|я|ы|и|ого|его)$", _fold(token))):
                break
            phrase.append(token)
            last = nxt
        return _clean_name(" ".join(phrase))
    return None


def _cue_before_comma(pre: str, lang: str) -> bool:
    """Does the text before a quote end with an attribution and a comma ("…," he said, "…")?"""
    words = [_fold(w) for w in _WORD_RE.findall(pre[-60:])][-4:]
    return bool(words) and any(_is_cue_word(w, lang) for w in words) and bool(re.search(_QUOTE_BEFORE, pre))


_QUOTE_BEFORE = r"[»\"”“][^«»\"“”]{1,60},\s*$"
_HONORIFIC_RE = re.compile(r"\s+(ата|апа|эже|байке|агай|эжеке|аке)\b")
_LONE_END = (
    r"\s*(?:$|[.,;:!?)—–-]|(?:ата|апа|эже|байке|агай|эжеке|аке|уулу|кызы)\b|,\s*котор|в\s|на\s|after|on\s|in\s)"
)
_KY_PLURAL_VERB = r"(?:[ыиуү]?ш[аеоө]т|[ыиуү]шт[ыиуү]|[ыиуү]?шк[аеоө]н|ш[ыиуү]п)$"


def _plural_verb(text: str, start: int, end: int) -> bool:
    words = _WORD_RE.findall(text, start, min(end, start + 80))
    return len(words) >= 2 and words[0].lower() == "деп" and bool(re.search(_KY_PLURAL_VERB, words[1].lower()))


def _plural_subject(text: str, start: int, end: int) -> str | None:
    first = _WORD_RE.match(text, start, end)
    if first and re.search(_KY_PLURAL, first.group().lower()):
        return first.group()
    return None


_DETERMINERS = frozenset("the a an one his her their its this that our".split())


def _en_subject(
    art: _Article, b: int, text: str, words: Sequence[re.Match[str]], limit: int, quote_pos: int
) -> tuple[str | None, bool]:
    """The subject of an English speech verb: a name, a pronoun, a role ("a police spokesman"), or a noun phrase."""
    if not words:
        return None, False
    start = words[0].start()
    # "In a statement, the company said": the subject comes after the last comma before the verb, unless a name
    # with an apposition does ("Mr MacDonell, political editor of The Scotsman, said").
    near = art.mentions_in(b, start, limit)
    persons = [m for m in near if art.is_person(m)] or [
        m for m in near if m.kind == "single" and not text[m.end : limit].strip()  # "…," Bloomberg said.
    ]
    persons = [m for m in persons if not m.possessive or not _possessive_of_role(text, m)]
    owned = _owner_of_role(text, persons[0], art.lang, art.names.attested) if persons else None
    if owned and all(_owner_of_role(text, m, art.lang, art.names.attested) for m in persons):
        return owned, True  # "a spokesman for Vladimir Putin told reporters"
    folded = [_fold(w.group()) for w in words]
    pronoun = next((i for i, w in enumerate(folded) if w in _PRONOUNS), -1)
    if persons and (pronoun < 0 or words[pronoun].start() > persons[0].start):
        return art.confirm(persons[0]), True
    if pronoun >= 0:
        found = art.antecedent(b, quote_pos, gender=_PRONOUNS[folded[pronoun]])
        return found, found is not None
    for i, w in enumerate(words):
        if _role_word(w.group()) and not (folded[i].endswith(("'s", "’s")) and i < len(words) - 1):
            if any(f in ("a", "an", "one") for f in folded[max(0, i - 3) : i]):
                return _role_phrase(text, w.start(), w.end(), art.lang), True  # someone new and unnamed
            return _role_resolve(art, b, quote_pos, text, w)
    orgs = [m for m in art.mentions_in(b, start, limit) if m.kind == "org"]
    if orgs:
        return _clean_name(" ".join(orgs[0].tokens)), True
    # "the company said", "the mayor's office said": the noun phrase before the verb.
    head = len(words) - 1
    first = head
    while first > 0 and folded[first - 1] not in _DETERMINERS and head - first < 2:
        if re.search(r"[,;:()]", text[words[first - 1].end() : words[first].start()]):
            break
        first -= 1
    if folded[head] in _DETERMINERS:
        return None, False
    return _clean_name(text[words[first].start() : words[head].end()]), True


def _verb_gender(verb: str) -> str:
    if verb.endswith(("ла", "лась")):
        return "f"
    if verb.endswith(("л", "лся")):
        return "m"
    return ""


def _is_cue_word(w: str, lang: str) -> bool:
    if w in _KY_DE:
        return True
    if lang == "en":
        return w in _EN_CUES
    return w in _RU_CUES or w in _RU_PASSIVE or (lang == "ky" and _is_speech_verb(w, "ky"))


def _role_resolve(
    art: _Article, b: int, quote_pos: int, text: str, word: re.Match[str], *, in_clause: bool = False
) -> tuple[str | None, bool]:
    """Resolve "— деди аким", "— сказал эксперт", "the spokesman said" to the person or body meant."""
    role = _fold(word.group())
    if _org_word(role) and not _role_word(role):
        org = art.org_before(b, quote_pos)
        if org:
            return org, True
        return _role_phrase(text, word.start(), word.end(), art.lang), True
    if in_clause and art.lang == "ky":
        before = _WORD_RE.findall(text[max(0, word.start() - 40) : word.start()])[-1:]
        if before and _KY_GENITIVE_RE.search(_fold(before[0])) and not _is_speech_verb(_fold(before[0]), "ky"):
            # An owned role names its own holder: "“Яндекс.Таксинин” өкүлү", "кыздын апасы".
            return _role_phrase(text, word.start(), word.end(), art.lang), True
    found = art.antecedent(b, quote_pos, role=_role_key(word.group()))
    if found:
        return found, True
    return _role_phrase(text, word.start(), word.end(), art.lang), True


def _speaker_before(art: _Article, b: int, s_start: int, quote_pos: int) -> tuple[str | None, bool]:
    """The subject named before the quote in its sentence (`X … «…» деп билдирди`), or the one before that."""
    text = art.blocks[b].text
    persons = art.persons_between(b, s_start, quote_pos)
    if persons:
        return _first_person(art, text, persons)
    for w in _tokens(text, s_start, quote_pos):
        if art.lang == "ky" and _KY_GENITIVE_RE.search(_fold(w.group())):
            continue  # a genitive is a modifier ("палатасынын"); the head comes after it
        if _role_word(w.group()) or (art.lang == "ky" and w.group()[0].islower() and _org_word(w.group())):
            if w.group()[0].isupper() and art.lang != "ky":
                return _role_resolve(art, b, quote_pos, text, w)
            return _role_phrase(text, w.start(), w.end(), art.lang), True
    orgs = [m for m in art.mentions_in(b, s_start, quote_pos) if m.kind == "org"]
    if orgs:
        return _clean_name(" ".join(orgs[0].tokens)), True
    speaker = art.antecedent(b, quote_pos)
    return speaker, speaker is not None


def _first_person(art: _Article, text: str, persons: list[_Mention]) -> tuple[str | None, bool]:
    """The subject among the people named before a quote: in Kyrgyz the first in the nominative; a name that only
    owns the speaker's role gives the role ("Жапаровдун кеңешчиси «…» деди")."""
    nominative = [m for m in persons if m.nominative] if art.lang == "ky" else persons
    first = (nominative or persons)[0]
    owned = _owner_of_role(text, first, art.lang, art.names.attested)
    if owned and not any(m.start > first.end for m in nominative or persons):
        return owned, True
    return art.fullest(first), True


def _speaker_colon(art: _Article, b: int, s_start: int, quote_pos: int) -> tuple[str | None, bool]:
    """`X said: "…"`, `Жапаров: «…»`, `Он добавил: "…"`: the subject of the clause before the colon."""
    text = art.blocks[b].text
    words = _tokens(text, s_start, quote_pos)
    folded = [_fold(w.group()) for w in words]
    persons = art.persons_between(b, s_start, quote_pos)
    if art.lang == "en":
        cue = max((i for i, w in enumerate(folded) if w in _EN_CUES), default=-1)
        if cue > 0:
            return _en_subject(art, b, text, words[:cue], words[cue].start(), quote_pos)
        if persons:
            return art.fullest(persons[0]), True
        return None, False
    if persons:
        return _first_person(art, text, persons)
    # "Шольц: «…»": a lone name right before the colon.
    lone = [m for m in art.mentions_in(b, s_start, quote_pos) if m.kind == "single"]
    if lone and not text[lone[-1].end : quote_pos].strip(" :"):
        return art.confirm(lone[-1]), True
    for i, w in enumerate(folded):
        if w in _PRONOUNS:
            found = art.antecedent(b, words[i].start(), gender=_PRONOUNS[w])
            return found, found is not None
    for w in words:
        if _role_word(w.group()):
            return _role_resolve(art, b, quote_pos, text, w)
    orgs = [m for m in art.mentions_in(b, s_start, quote_pos) if m.kind == "org"]
    if orgs:
        return _clean_name(" ".join(orgs[0].tokens)), True
    return None, False


# ------------------------------------------------------------------------------------------------ ranking


def rank_quotes(found: Sequence[_Found]) -> tuple[Quote, ...]:
    """Turn found quotes into `Quote`s, ranked best first; `position` keeps the article order."""
    n = max(len(found), 1)
    quotes: list[Quote] = []
    for pos, f in enumerate(found):
        words = _words(f.text)
        score = 0.0
        if f.speaker:
            score += 1.0 if f.named else 0.6
        if f.attributed:
            score += 0.5
        score += min(words, 40) / 40
        if words < 5:
            score -= 0.6
        if words > 90:
            score -= 0.3 * min((words - 90) / 90, 1.0)
        score += 0.4 * (1 - pos / n)
        quotes.append(Quote(f.text, f.speaker, pos, round(score, 4), f.sentence))
    quotes.sort(key=lambda q: (-q.score, q.position))
    return tuple(quotes)


def extract_quotes(text: str, *, language: str | None = None) -> tuple[Quote, ...]:
    """Return the direct quotes of an article (plain text or HTML), ranked best first."""
    from news.analysis import analyse

    return analyse(text, language=language).quotes
