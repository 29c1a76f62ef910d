"""Tell Kyrgyz, Russian and English apart, for an article or a single sentence.

Letters decide first: Latin against Cyrillic, then the letters only Kazakh uses (ә ғ қ ұ һ і) against the ones
Kyrgyz shares with it (ң ө ү). Many Kyrgyz sentences have none of ң ө ү, so function words and case suffixes
break the tie between Kyrgyz and Russian. No model, no data files: this runs in microseconds.
"""

from __future__ import annotations

import functools
import logging
import re

logger = logging.getLogger(__name__)

LANGUAGES = ("ky", "ru", "en", "other")

_WORD_RE = re.compile(r"(?<!\d)[^\W\d_]+", re.UNICODE)

# Frequent Kyrgyz words that are not Russian words.
_KY_WORDS = frozenset(
    """
    менен жана деп деди дейт деген дешти үчүн боюнча тууралуу жөнүндө бул ал алар анын аны ага алардын бирок
    дагы деле эле эмес жок бар болуп болгон болот болду кийин чейин мындан мындай ошондой ошол ошону ошондуктан
    анткени биз биздин мен сиз силер эки бир үч төрт беш алты жети сегиз тогуз он жыл жылы жылдын айтты
    билдирди билдирген айткан жатат жаткан керек учурда тарабынан эми азыр бүгүн кээ бардык баары ар ким эмне
    кандай качан кайда себеби мисалы албетте башка жаңы чоң көп аз иш киши адам өлкө шаар айыл эл мамлекет бийлик
    президенти министри депутаты кызматы башчысы маалымат маалыматка ылайык айтымында кабарлады маалымдады
    белгиледи кошумчалады жазды эскертти түшүндүрдү катары аркылуу сыяктуу ошондой эле тышкары кийинки
    мурунку быйыл былтыр азырынча ушул ушундай андан мына келет келди кетти берди алды кылды кылган берген
    """.split()
)

# Frequent Russian words that are not Kyrgyz words.
_RU_WORDS = frozenset(
    """
    и в во на что не по с со он она оно они это этот эта эти как для от из к о об у за был была были было
    который которая которые которых которого также но а же бы ли его ее её их при до после или уже только так
    еще ещё все всё чтобы если том того более может будет сказал заявил года году время очень можно нужно
    когда где тем чем этом этого мы вы я ты нет там здесь себя свой своей своих своего кто между через
    без под над перед около против однако поэтому потому хотя также несколько сейчас теперь ранее именно
    выступил выступила выступили заявила сообщили отметила считают
    """.split()
)

_EN_WORDS = frozenset(
    """
    the a of and to in is that for it was on with as he she they his her by at be this are from have has had not
    but or an which were said says will would their who been there its also more about after than them we you
    i one all new people year years what when if can could just over into up out so no only other some time
    """.split()
)



# Letters are counted on encoded bytes, where a count is one C pass instead of a regex scan: ASCII letters are
# the bytes A-Z a-z, and the Cyrillic block U+0400-U+04FF is exactly the characters whose UTF-8 lead byte is D0-D3.
_NOT_ASCII_LETTER = bytes(b for b in range(128) if not (65 <= b <= 90 or 97 <= b <= 122))
_CYRILLIC_LEADS = (b"\xd0", b"\xd1", b"\xd2", b"\xd3")
_KY_LETTERS = "ңөүҢӨҮ"
_KK_LETTERS = "әғқұһіӘҒҚҰҺІ"
_UK_LETTERS = "їєґЇЄҐ"
# The letters that tell Kyrgyz, Kazakh and Ukrainian apart are rare: pick them all out in one scan, count after.
_TELLTALE_RE = re.compile(f"[{_KY_LETTERS}{_KK_LETTERS}{_UK_LETTERS}]")
# A sample this long decides as well as the whole text does, and keeps long texts fast.
_SAMPLE = 3000


def detect_language(text: str) -> str:
    """Return "ky", "ru", "en" or "other" for an article, a paragraph or a single sentence."""
    if not text:
        return "other"
    if len(text) > _SAMPLE:
        mid = len(text) // 2
        text = text[: _SAMPLE // 3] + " " + text[mid - _SAMPLE // 6 : mid + _SAMPLE // 6] + " " + text[-_SAMPLE // 3 :]
    latin = len(text.encode("ascii", "ignore").translate(None, _NOT_ASCII_LETTER))
    cyrillic = sum(map(text.encode("utf-8", "surrogatepass").count, _CYRILLIC_LEADS))
    if latin == 0 and cyrillic == 0:
        return "other"
    if latin > cyrillic:
        return _latin_language(text)
    telltale = "".join(_TELLTALE_RE.findall(text))
    ky_letters = sum(map(telltale.count, _KY_LETTERS))
    kk_letters = sum(map(telltale.count, _KK_LETTERS))
    uk_letters = sum(map(telltale.count, _UK_LETTERS))
    # Kazakh letters must be more than a stray name: Kyrgyz texts quote Kazakh names now and then.
    if kk_letters >= 2 and kk_letters * 40 >= cyrillic and kk_letters * 2 > ky_letters:
        return "other"
    if uk_letters >= 2 and uk_letters * 60 >= cyrillic:
        return "other"
    return _cyrillic_language(text, ky_letters, cyrillic)


def _latin_language(text: str) -> str:
    words = _WORD_RE.findall(text[:1500].lower())
    if not words:
        return "other"
    hits = sum(1 for w in words if w in _EN_WORDS)
    # Short English sentences may have one function word only ("Putin met Japarov in Moscow.").
    if hits >= 1 and hits * 12 >= len(words):
        return "en"
    if len(words) <= 3 and all(w.isascii() for w in words):
        return "en"
    return "other"


# Word endings, looked up in sets: Kyrgyz case, plural and verb endings; Russian inflections.
_KY_ENDINGS = frozenset(
    """
    нын дын тын нин дин тин нун дун тун нүн дүн түн ган ген гон гөн кан кен кон көн сын син сун сүн дан ден дон
    дөн тан тен тон төн нан нен лар лер лор лөр дар дер дор дөр тар тер тор төр шты шти шту штү шат шет ышкан
    ишкен ып ип уп үп
    """.split()
)
_RU_ENDINGS = frozenset(
    """
    ого его ому ему ыми ими ами ями ых их ой ей ий ый ая яя ое ее ые ие ться тся ет ют ут ит ат ение ения ости
    ость ство ства ешь ишь ла ли
    """.split()
)
_KY_SPELLING_RE = re.compile(r"[кгхжшч]ы|аа|уу|ыы")


@functools.lru_cache(maxsize=32768)
def _word_evidence(word: str) -> tuple[float, float]:
    """Weigh one word for Kyrgyz and for Russian. News repeats its vocabulary, so each word is weighed once."""
    word = word.lower()
    ky = 2.0 * (word in _KY_WORDS) + 2.0 * sum(map(word.count, _KY_LETTERS))
    ru = 2.0 * (word in _RU_WORDS)
    if len(word) > 3:
        endings = (word[-2:], word[-3:], word[-4:])
        ky += any(e in _KY_ENDINGS for e in endings)
        ru += any(e in _RU_ENDINGS for e in endings)
    # Russian spelling never writes кы гы хы жы шы чы, nor doubled аа уу ыы; Kyrgyz does all the time.
    ky += 2.0 * len(_KY_SPELLING_RE.findall(word))
    ru += "щ" in word or "ъ" in word or "ё" in word
    return ky, ru


def _cyrillic_language(text: str, ky_letters: int, cyrillic: int) -> str:
    # ң ө ү are about 6% of Kyrgyz letters; a Russian text has them only in quoted Kyrgyz names.
    if ky_letters >= 3 and ky_letters * 50 >= cyrillic:
        return "ky"
    # Capitalised words are left out: in Russian copy, Kyrgyz words come as names (Гүлшаар Асылбаева).
    # Function words open sentences in both languages ("Бул", "Бирок", "Однако") and are never names: they count.
    every = _WORD_RE.findall(text[:1000])
    words = [w for w in every if not w[0].isupper() or w.lower() in _KY_WORDS or w.lower() in _RU_WORDS]
    if len(words) < 3:
        words = every
    ky = ru = 0.0
    for word in words:
        word_ky, word_ru = _word_evidence(word)
        ky += word_ky
        ru += word_ru
    if ky_letters * 30 >= cyrillic and ky_letters >= 2:
        ky += 3 + ky_letters / 2
    if ky > ru:
        return "ky"
    if ru > ky:
        return "ru"
    return "ky" if ky_letters else "ru"
