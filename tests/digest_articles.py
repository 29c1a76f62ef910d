"""News articles for the digest tests, written for them in Kyrgyz, Russian and English news styles.

Every name, number and event here is invented.
"""

from __future__ import annotations

from news.models import ArticleDraft

KY_ROADS = ArticleDraft(
    title="Бишкекте 40 көчө жаңы асфальт менен жабылат",
    url="https://kabar.example/ky/roads-2024",
    source="Кабар",
    language="ky",
    text="""Бишкек шаарынын мэриясы быйыл жайында 40 көчөнү оңдоп, жаңы асфальт төшөй турганын билдирди. Иштер июнь айында башталат.

Шаардын транспорт кызматынын башчысы Эрмек Жумабаев жолдорду оңдоого бюджеттен 900 миллион сом бөлүнгөнүн айтты.

«Биринчи кезекте мектептердин жанындагы көчөлөр оңдолот, анткени балдардын коопсуздугу баарынан маанилүү», — деди Эрмек Жумабаев.

Мэриянын маалыматына ылайык, иштер түнкүсүн жүргүзүлүп, көчөлөр толук жабылбайт.""",
)

KY_WATER = ArticleDraft(
    title="Ош облусунда 12 айылга таза суу келди",
    url="https://kabar.example/ky/osh-water",
    source="Кабар",
    language="ky",
    text="""Ош облусунун Кара-Суу районундагы 12 айылга таза суу түтүгү тартылды. Долбоор эки жыл бою ишке ашырылды.

Долбоорду Азия өнүктүрүү банкы каржылады. Жалпы наркы 14 миллион долларды түздү.

«Мурун аялдар сууну арыктан ташычу, эми ар бир үйдүн короосунда кран бар», — деди Кара-Суу районунун акими Бакыт Асанов.

Жергиликтүү тургундар суу түтүгүн күтүп жүргөнүн айтышты.""",
)

KY_SPORT = ArticleDraft(
    title="Кыргыз балбандары Азия чемпионатынан үч медаль алып келишти",
    url="https://sport.example/ky/wrestling",
    source="Спорт KG",
    language="ky",
    text="""Астанада өткөн Азия чемпионатында кыргызстандык балбандар бир алтын жана эки коло медалды жеңип алышты.

Алтын медалды 77 килограмм салмакта Актилек Сапаров утуп алды. Финалда ал казакстандык атаандашын 5:2 эсебинде жеңди.

«Бул жеңишти мени колдогон бүт элге арнайм», — деди Актилек Сапаров.

Курама команда эми Париждеги Олимпиадага даярдана баштайт.""",
)

RU_BUDGET = ArticleDraft(
    title="Правительство увеличит расходы на школы на 15 процентов",
    url="https://vesti.example/ru/budget-schools",
    source="Вести",
    language="ru",
    text="""Кабинет министров одобрил поправки в республиканский бюджет на текущий год. Расходы на строительство и ремонт школ вырастут на 15 процентов.

Дополнительные средства получат прежде всего Баткенская и Джалал-Абадская области, где школы переполнены.

«Мы не можем допустить, чтобы дети учились в три смены», — заявил министр финансов Алмаз Бакиров.

Поправки ещё должен рассмотреть парламент.""",
)

RU_FLOOD = ArticleDraft(
    title="В Оше после ливня подтопило три улицы",
    url="https://vesti.example/ru/osh-flood",
    source="Вести",
    language="ru",
    text="""Сильный ливень в Оше в ночь на четверг подтопил три улицы в южной части города. Пострадавших нет.

Спасатели МЧС откачивают воду из подвалов жилых домов на улице Ленина.

«Насосы работают всю ночь, к утру воду откачаем», — сказал начальник городского управления МЧС Айбек Токтосунов.

Синоптики обещают, что дожди продлятся до выходных.""",
)

RU_AIRPORT = ArticleDraft(
    title="Аэропорт «Манас» откроет новый терминал к осени",
    url="https://vesti.example/ru/manas-terminal",
    source="Вести",
    language="ru",
    text="""Международный аэропорт «Манас» завершает строительство нового терминала для внутренних рейсов. Его откроют в сентябре.

Терминал рассчитан на 800 пассажиров в час, в нём будет 12 стоек регистрации.

«Очереди на регистрацию уйдут в прошлое», — пообещал генеральный директор аэропорта Марат Алиев.""",
)

EN_TRADE = ArticleDraft(
    title="Dordoi traders protest new customs rules",
    url="https://news.example/en/dordoi-protest",
    source="Central Asia News",
    language="en",
    text="""Several hundred traders gathered at Bishkek's Dordoi bazaar on Thursday to protest new customs rules that take effect next month.

The rules require every importer to register goods electronically before they cross the border.

"We are not against order, we are against paperwork that takes a week," said Gulnara Isaeva, who heads the traders' association.

The customs service said it would meet the traders on Monday.""",
)

EN_SOLAR = ArticleDraft(
    title="Kyrgyzstan signs deal for its first large solar plant",
    url="https://news.example/en/solar-plant",
    source="Central Asia News",
    language="en",
    text="""Kyrgyzstan signed an agreement on Wednesday to build a 300-megawatt solar plant in the Issyk-Kul region, its first of that size.

The plant is expected to cover a tenth of the country's winter electricity shortfall.

"Sun is the one resource we have in every season," Energy Minister Taalaibek Ibraev told reporters.

Construction is due to begin next spring.""",
)

ALL_ARTICLES = (KY_ROADS, KY_WATER, KY_SPORT, RU_BUDGET, RU_FLOOD, RU_AIRPORT, EN_TRADE, EN_SOLAR)


def numbered(draft: ArticleDraft, number: int) -> ArticleDraft:
    """Return a copy of an article as another story of the same kind (its own URL and a different text)."""
    return ArticleDraft(
        title=f"{draft.title} ({number})",
        url=f"{draft.url}-{number}",
        source=draft.source,
        language=draft.language,
        text=f"{draft.text}\n\n{number}.",
    )
