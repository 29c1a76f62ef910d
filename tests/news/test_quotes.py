"""Direct quotes and their speakers: every pattern of issue 2 in Kyrgyz, Russian and English, and the traps."""

from __future__ import annotations

import re

import pytest

from news import analyse, extract_quotes
from tests.news.articles import ARTICLES


def norm(text: str) -> str:
    """Compare quotes as the corpus scorer does: no quote marks, no edge punctuation, one space, casefolded."""
    text = re.sub(r"[«»„“”‟\"]", "", text)
    text = re.sub(r"\s+", " ", text).strip(" .,;:!?…-–—")
    return text.casefold()


def pairs(text: str, language: str | None = None) -> list[tuple[str, str | None]]:
    """Quotes in article order, as (text, speaker)."""
    quotes = sorted(extract_quotes(text, language=language), key=lambda q: q.position)
    return [(q.text, q.speaker) for q in quotes]


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a.key)
def test_test_articles_quotes_and_speakers(article) -> None:
    result = analyse(article.text, title=article.title)
    found = sorted(result.quotes, key=lambda q: q.position)
    assert [norm(q.text) for q in found] == [norm(e.text) for e in article.quotes]
    for quote, expected in zip(found, article.quotes):
        if expected.speaker is None:
            assert quote.speaker is None, quote.text
        else:
            # The speaker may carry more of the name or the role than the test states; the surname must agree.
            assert quote.speaker is not None and quote.speaker.split()[-1] == expected.speaker.split()[-1], quote


@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a.key)
def test_quoted_names_titles_and_scare_quotes_are_not_quotes(article) -> None:
    found = {norm(q.text) for q in analyse(article.text, title=article.title).quotes}
    for name in article.not_quotes:
        assert norm(name) not in found


KYRGYZ = [
    # «…», — деди X.
    (
        "Президент Владимир Путин Бишкекке келди. «Биз чек ара маселесин толук чечтик», — деди Путин.",
        [("Биз чек ара маселесин толук чечтик", "Владимир Путин")],
    ),
    # «…», — деген X парламенттин жыйынында.
    (
        "Президент Садыр Жапаров парламентте сүйлөдү. "
        "«Албетте, биз кичинекей өлкөбүз. Ошондуктан калыс болушубуз керек», — деген Жапаров парламенттин жыйынында.",
        [("Албетте, биз кичинекей өлкөбүз. Ошондуктан калыс болушубуз керек", "Садыр Жапаров")],
    ),
    # X: «…»
    ("Жапаров: «Биз бардык өлкөлөр менен кызматташууга даярбыз».", [("Биз бардык өлкөлөр менен кызматташууга даярбыз", "Жапаров")]),
    # X … «…» деп билдирди / айтты / жазды / белгиледи / кошумчалады
    (
        "Министр Эдил Байсалов жыйында «Мамлекеттик тил баарыбызды бириктирет» деп билдирди.",
        [("Мамлекеттик тил баарыбызды бириктирет", "Эдил Байсалов")],
    ),
    (
        "Экономист Төлөн Абдыров «баалар дагы бир аз көтөрүлөт» деп айтты.",
        [("баалар дагы бир аз көтөрүлөт", "Төлөн Абдыров")],
    ),
    (
        "Депутат Жанар Акаева өзүнүн баракчасына «Бул чечим элге пайда алып келбейт» деп жазды.",
        [("Бул чечим элге пайда алып келбейт", "Жанар Акаева")],
    ),
    (
        "Эксперт Азамат Осмонов «жаңы эреже эки жылдан кийин гана натыйжа берет» деп кошумчалады.",
        [("жаңы эреже эки жылдан кийин гана натыйжа берет", "Азамат Осмонов")],
    ),
    # «…», — деди ал: "ал" is the person named last
    (
        "Депутат Гүлшаар Асылбаева сессияда сөз алды. Ал бюджетке сын айтты. «Бул долбоор даяр эмес», — деди ал.",
        [("Бул долбоор даяр эмес", "Гүлшаар Асылбаева")],
    ),
    # «…, — деди ал. — …»: one quote broken by its attribution gives two quotes
    (
        "Мэр Айбек Жунушалиев журналисттерге жооп берди. "
        "«Биз сунушту колдойбуз, — деди ал. — Бирок курулуштун мөөнөтүн узартуу керек».",
        [("Биз сунушту колдойбуз", "Айбек Жунушалиев"), ("Бирок курулуштун мөөнөтүн узартуу керек", "Айбек Жунушалиев")],
    ),
    # «…», — дейт X. — … » : the second part reopens with a dash
    (
        "«Чечим туура болду», — дейт саясат таануучу Эмил Жороев. — Бирок ал кечигип кабыл алынды».",
        [("Чечим туура болду", "Эмил Жороев"), ("Бирок ал кечигип кабыл алынды", "Эмил Жороев")],
    ),
    # the speaker in the genitive: the nominative, fullest form
    (
        "Садыр Жапаров Москвага барды. «Биз даярбыз», — деп жазылган Жапаровдун билдирүүсүндө.",
        [("Биз даярбыз", "Садыр Жапаров")],
    ),
    # a role after the verb, resolved to the person
    (
        "Өзгөн шаарынын акими Каныбек Апбасов жол эки күндө ачыларын айтты. "
        "«Азыр акыркы иштер бүтүп жатат», — деди аким.",
        [("Азыр акыркы иштер бүтүп жатат", "Каныбек Апбасов")],
    ),
    # a quote that follows its speaker's sentence with no verb of its own
    (
        "Бишкектик Азат аттуу таксист компаниянын ишине нааразы.\n“Миң сом тапсаң, 250 сом комиссияга кетет. Бул өтө көп”.",
        [("Миң сом тапсаң, 250 сом комиссияга кетет. Бул өтө көп", "Азат")],
    ),
    # passive: no speaker
    ("Мурда «бул жол эки жылда толук бүтөт» деп айтылган.", [("бул жол эки жылда толук бүтөт", None)]),
    # "according to X": the quote is X's
    (
        "Эксперт Темир Сариев кырдаалды баалады. Анын сөзүнө караганда, «экономика туруктуу өсүп жатат».",
        [("экономика туруктуу өсүп жатат", "Темир Сариев")],
    ),
    (
        "Ташиевдин айтымында, «чек ара маселеси толугу менен чечилди».",
        [("чек ара маселеси толугу менен чечилди", "Ташиев")],
    ),
    # two surnames side by side are two people; "ал" is the subject
    ("Жапаров Ташиевди колдоду. «Ал өз ишин жакшы аткарып жатат», — деди ал.", [("Ал өз ишин жакшы аткарып жатат", "Жапаров")]),
    # an organisation named by its role: the body named before it
    (
        "УКМКнын маалыматына ылайык, шектүү кармалган. «Тергөө улантылууда», — деп билдирди ведомство.",
        [("Тергөө улантылууда", "УКМК")],
    ),
    # an honorific is part of the name; a name before "сотто:" and a deп verb after the quote
    (
        "«Мен 30 жылдан бери ушул жерде жашайм. Мындай суу ташкынын көргөн эмесмин», — дейт 65 жаштагы Асан ата.",
        [("Мен 30 жылдан бери ушул жерде жашайм. Мындай суу ташкынын көргөн эмесмин", "Асан ата")],
    ),
    (
        "Айыпталуучу Бакыт Осмонов сотто: “Мен эч кимди алдаган жокмун” деп айтты.",
        [("Мен эч кимди алдаган жокмун", "Бакыт Осмонов")],
    ),
    (
        "Шаарда өрт чыкты. «Өрт толугу менен өчүрүлдү», — деп маалымдады Өзгөчө кырдаалдар министрлиги.",
        [("Өрт толугу менен өчүрүлдү", "Өзгөчө кырдаалдар министрлиги")],
    ),
    (
        "Адвокат Нурбек Токтакунов сотко даттанды. Адвокаттын айтымында, “тергөө мыйзамсыз жүргүзүлгөн”.",
        [("тергөө мыйзамсыз жүргүзүлгөн", "Нурбек Токтакунов")],
    ),
    # a group, not the person named last
    (
        "Тургун Нургүл Асанова демилгени колдоду. Экологдор болсо «дарак отургузуу жетишсиз» деп эсептешет.",
        [("дарак отургузуу жетишсиз", "Экологдор")],
    ),
]

RUSSIAN = [
    ("«Мы не допустим повышения цен», — заявил Садыр Жапаров.", [("Мы не допустим повышения цен", "Садыр Жапаров")]),
    (
        "Министр финансов Алмаз Бакетаев выступил в парламенте. «Цены будут расти медленнее», — говорит он.",
        [("Цены будут расти медленнее", "Алмаз Бакетаев")],
    ),
    (
        "Глава МИД Жээнбек Кулубаев заявил: «Переговоры продолжатся в следующем месяце».",
        [("Переговоры продолжатся в следующем месяце", "Жээнбек Кулубаев")],
    ),
    (
        "«Мы готовы, — сказал премьер-министр Адылбек Касымалиев. — Но нам нужны гарантии».",
        [("Мы готовы", "Адылбек Касымалиев"), ("Но нам нужны гарантии", "Адылбек Касымалиев")],
    ),
    (
        "«Это решение давно назрело», — рассказал агентству «Кабар» депутат Надира Нарматова.",
        [("Это решение давно назрело", "Надира Нарматова")],
    ),
    (
        "Экономист Ирина Смирнова оценила реформу. «Эффект появится через два года», — отметила эксперт.",
        [("Эффект появится через два года", "Ирина Смирнова")],
    ),
    # an agency that relays a quote is not its speaker
    ("«Санкции не работают и не будут работать», — передает ТАСС.", [("Санкции не работают и не будут работать", None)]),
    (
        "Министр Иванов выступил. «Мы готовы», — сказал он, «но нужны гарантии».",
        [("Мы готовы", "Иванов"), ("но нужны гарантии", "Иванов")],
    ),
    ("По словам Сергея Лаврова, «переговоры зашли в тупик».", [("переговоры зашли в тупик", "Сергей Лавров")]),
    (
        "Как заявил министр иностранных дел Сергей Лавров, «Россия готова к диалогу».",
        [("Россия готова к диалогу", "Сергей Лавров")],
    ),
    # the speaker in an oblique case comes out in the nominative
    (
        "Депутат Илья Березнюк выступил на сессии. По мнению Березнюка, реформа запоздала. "
        "«Мы потеряли три года», — сказал эксперт.",
        [("Мы потеряли три года", "Илья Березнюк")],
    ),
]

ENGLISH = [
    ('"We are ready to talk," Japarov said.', [("We are ready to talk", "Japarov")]),
    ('"We are ready to talk," said Sadyr Japarov.', [("We are ready to talk", "Sadyr Japarov")]),
    ('Sadyr Japarov said: "We are ready to talk."', [("We are ready to talk.", "Sadyr Japarov")]),
    (
        'Foreign Minister Jeenbek Kulubaev met reporters. "The border is open," he said. "Trade will grow."',
        [("The border is open", "Jeenbek Kulubaev"), ("Trade will grow.", "Jeenbek Kulubaev")],
    ),
    (
        "Ambulance worker Jamie Kennedy moved into a hotel.\n\n"
        'He told the BBC: "It was a difficult decision.\n\n"But I would never forgive myself if the kids got ill."',
        [
            ("It was a difficult decision.", "Jamie Kennedy"),
            ("But I would never forgive myself if the kids got ill.", "Jamie Kennedy"),
        ],
    ),
    (
        '"Customers are getting used to the idea of an \'always available\' society," says Cara Diemont of IT firm '
        "Dimension Data.",
        [("Customers are getting used to the idea of an 'always available' society", "Cara Diemont")],
    ),
    (
        "Later the prime minister's spokesman was asked about the row. The spokesman said: \"He no longer works here.\"",
        [("He no longer works here.", "prime minister's spokesman")],
    ),
    ('"This is a disaster," the mayor\'s office said in a statement.', [("This is a disaster", "office")]),
    (
        'Kulubaev spoke to reporters. "I think," he said, "we are ready to talk."',
        [("I think", "Kulubaev"), ("we are ready to talk.", "Kulubaev")],
    ),
    ('According to Interior Minister Ulan Niyazbekov, "the situation is stable".', [("the situation is stable", "Niyazbekov")]),
    ('"We did everything we could." - Coach Marco Silva', [("We did everything we could.", "Silva")]),
    ('"Inquiries are continuing," a police spokesman said.', [("Inquiries are continuing", "spokesman")]),
    ('"Nobody told us anything," one resident, who asked not to be named, said.', [("Nobody told us anything", "resident")]),
]


@pytest.mark.parametrize(("text", "expected"), KYRGYZ)
def test_kyrgyz_patterns(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert pairs(text, "ky") == expected


@pytest.mark.parametrize(("text", "expected"), RUSSIAN)
def test_russian_patterns(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert pairs(text, "ru") == expected


@pytest.mark.parametrize(("text", "expected"), ENGLISH)
def test_english_patterns(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert [(q, s.split()[-1] if s else s) for q, s in pairs(text, "en")] == [
        (q, s.split()[-1] if s else s) for q, s in expected
    ]


@pytest.mark.parametrize(
    "text",
    [
        # names of people, companies, parties, places; titles of works and laws; slogans; scare quotes
        "«Ата Мекен» партиясы шайлоого катышат.",
        "«Манас» эпосу ЮНЕСКОнун тизмесине кирген.",
        "«Кумтөр» кенинде иштер улантылууда.",
        "«Газпром» компаниясы Кыргызстанга газ берет.",
        "Адвокат бул ишти «буйрутма» деп атады.",
        "Шольц Путинге телефон чалып, «Пандора кутусун» ачты деп айыпталган.",
        "«Кытай – Кыргызстан – Өзбекстан» темир жолу 2030-жылга чейин курулат.",
        "«Мамлекеттик тил жөнүндө» мыйзам кабыл алынды.",
        "Макала «Мыйзамсыз куугунтук» деп аталган.",
        "Компания «Газпром» увеличила поставки.",
        "Закон «Об образовании» вступил в силу.",
        "Минтруда предлагает пересмотреть пенсии по принципу «мало работал — мало получи».",
        "Фильм «Ирония судьбы» снова покажут по телевизору.",
        'The "Silk Road" project will be finished next year.',
        'The senator called the plan "reckless" and "ill-advised".',
        'The so-called "rally around the flag" effect was small.',
        '"Zenit" beat "Spartak" 2-1 on Sunday.',
        # a crosshead in quote marks that ran into the next sentence
        '"Жесткая реальность" Дэвид потерял связь со своим сыном.',
    ],
)
def test_not_quotes(text: str) -> None:
    assert pairs(text) == []


def test_fragments_inside_reported_speech_are_not_key_quotes() -> None:
    text = (
        "Зурабишвили президенттин мандаты «мыйзамдуу шайланган парламент жаңы адамды тандаганга чейин уланарын» "
        "кошумчалады. Elizabeth Warren called him a \"murderer\"."
    )
    assert pairs(text) == []


def test_quotes_are_ranked_with_positions_in_article_order() -> None:
    text = (
        "«Ооба», — деди Путин.\n\n"
        "«Биз Кыргызстан менен бардык багыттар боюнча кызматташууга даярбыз. Бул биз үчүн маанилүү», "
        "— деди Садыр Жапаров.\n\n"
        "Мурда «жол быйыл бүтөт» деп айтылган."
    )
    quotes = extract_quotes(text)
    assert [q.position for q in sorted(quotes, key=lambda q: q.position)] == [0, 1, 2]
    assert quotes[0].speaker == "Садыр Жапаров"
    assert [q.score for q in quotes] == sorted((q.score for q in quotes), reverse=True)
    assert all(q.sentence is not None for q in quotes)


def test_speaker_is_the_fullest_nominative_form() -> None:
    text = (
        "Кыргызстандын президенти Садыр Жапаров Москвага барды. Жапаровдун сапары эки күнгө созулат.\n\n"
        "«Биз жаңы келишимдерге кол коебуз», — деди Жапаров."
    )
    assert pairs(text) == [("Биз жаңы келишимдерге кол коебуз", "Садыр Жапаров")]


@pytest.mark.parametrize(
    ("text", "language", "speaker"),
    [
        # A name that only owns the role: the speaker is the adviser, not the president.
        ("Мектеп ачылды. «Биз дагы мектеп курабыз», — деди Садыр Жапаровдун кеңешчиси.", "ky",
         "Садыр Жапаровдун кеңешчиси"),
        ("Мектеп ачылды. Жапаровдун кеңешчиси «биз дагы беш мектеп курабыз жана токтобойбуз» деп билдирди.", "ky",
         "Жапаровдун кеңешчиси"),
        ("Мектеп ачылды. Жапаровдун орун басары: «Биз дагы беш мектеп курабыз жана токтобойбуз».", "ky",
         "Жапаровдун орун басары"),
        ("Садыр Жапаров мектепке барды. «Мы построим ещё пять школ», — сказал советник Садыра Жапарова.", "ru",
         "советник Садыра Жапарова"),
        ("Садыр Жапаров посетил школу. Помощник президента Садыра Жапарова заявил: «Мы построим ещё пять школ».", "ru",
         "Помощник президента Садыра Жапарова"),
        ('A school opened. "We will build five more schools," said an aide to Sadyr Japarov.', "en",
         "aide to Sadyr Japarov"),
        ('A school opened. "We see no reason for panic," a spokesman for Sadyr Japarov told reporters.', "en",
         "spokesman for Sadyr Japarov"),
        ('A school opened. "We will build five more schools," Japarov\'s spokesman said.', "en", "Japarov's spokesman"),
        # A name after the role is its holder, and the speaker.
        ("Мектеп ачылды. «Биз дагы мектеп курабыз», — деди Жапаровдун кеңешчиси Бакыт Осмонов.", "ky",
         "Бакыт Осмонов"),
        ("Мектеп ачылды. Президенттин басма катчысы Аскар Алыбаев «биз дагы беш мектеп курабыз» деп билдирди.", "ky",
         "Аскар Алыбаев"),
        ("Школа открылась. «Мы не видим оснований для паники», — заявил пресс-секретарь президента Аскар Алыбаев.",
         "ru", "Аскар Алыбаев"),
        ("Школа открылась. «Это решение давно назрело», — сказал советник президента Надира Нарматова.", "ru",
         "Надира Нарматова"),
        ('A school opened. "We will build five more schools," said Sadyr Japarov\'s spokesman, Askar Alybaev.', "en",
         "Askar Alybaev"),
    ],
)
def test_a_name_that_owns_the_role_is_not_the_speaker(text: str, language: str, speaker: str) -> None:
    assert [s for _, s in pairs(text, language)] == [speaker]


@pytest.mark.parametrize(
    ("text", "language", "speaker"),
    [
        ("Суд вынес решение. «Приговор будет обжалован», — сообщили в пресс-службе ГУВД Бишкека.", "ru",
         "пресс-служба ГУВД Бишкека"),
        ("Суд вынес решение. «Приговор будет обжалован», — сообщили в прокуратуре.", "ru", "прокуратура"),
        ("Суд вынес решение. «Приговор будет обжалован», — заявили в министерстве юстиции.", "ru",
         "министерство юстиции"),
        ("Суд вынес решение. «Приговор будет обжалован», — отметили в администрации президента.", "ru",
         "администрация президента"),
        ("Суд вынес решение. «Приговор будет обжалован», — сообщили в понедельник в МВД.", "ru", "МВД"),
        ("Суд вынес решение. «Приговор будет обжалован», — заявили в Минздраве.", "ru", "Минздрав"),
        ("Суд вынес решение. «Приговор будет обжалован», — заявили в Кремле.", "ru", "Кремль"),
        ("Мэрия билдирүү таратты. «Жолдор жазга чейин оңдолот», — деп билдирди мэриянын басма сөз кызматы.", "ky",
         "мэриянын басма сөз кызматы"),
        ("Тергөө жүрүп жатат. «Шектүү кармалды жана камакка алынды», — деп айтылат ИИМдин маалыматында.", "ky", "ИИМ"),
    ],
)
def test_a_body_speaks_as_it_is_named(text: str, language: str, speaker: str) -> None:
    assert [s for _, s in pairs(text, language)] == [speaker]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("В селе открылась школа. «Теперь детям не придётся ездить далеко», — рассказала жительница села Джала Нургуль.",
         "Нургуль"),
        ("В селе открылась школа. «Теперь детям не придётся ездить далеко», — рассказала жительница села Кара-Суу "
         "Нургуль Асанова.", "Нургуль Асанова"),
        ("В городе открылась школа. «Школа нужна была давно», — сказал мэр города Ош Таалай Сарыбаев.",
         "Таалай Сарыбаев"),
    ],
)
def test_a_settlement_named_before_a_person_is_not_part_of_the_name(text: str, speaker: str) -> None:
    assert [s for _, s in pairs(text, "ru")] == [speaker]


def test_a_place_after_a_plural_verb_is_not_a_body() -> None:
    text = "Суд вынес решение. «Приговор будет обжалован», — рассказали в Бишкеке."
    [(_, speaker)] = pairs(text, "ru")
    assert speaker is None or "Бишкек" not in speaker


@pytest.mark.parametrize(
    "text",
    [
        "«Бул жабылбаган тырмакча менен башталган абзац жана ал эч качан жабылбайт",
        "Жабылган» гана тырмакча бар, — деди ал.",
        '" " " «» „“ «»',
        "«" * 200,
        "»" * 200 + " — деди ал.",
    ],
)
def test_unbalanced_marks_give_a_sensible_result(text: str) -> None:
    for quote in extract_quotes(text):
        assert quote.text and quote.text in text
