"""Articles written for the storage tests, in the styles of Kyrgyz, Russian and English news."""

from __future__ import annotations

from datetime import UTC, datetime

from news.models import ArticleDraft

KY_MEETING = ArticleDraft(
    title="Жапаров менен Путин Москвада жолугушту",
    text=(
        "Кыргызстандын президенти Садыр Жапаров менен Орусиянын президенти Владимир Путин 3-апрелде Москвада "
        "сүйлөшүү өткөрдү. Тараптар соода жана энергетика тармагындагы кызматташууну талкуулашты.\n\n"
        "Жапаровдун басма сөз кызматынын маалыматына ылайык, жолугушуу эки саатка созулду.\n\n"
        "«Орусия биздин негизги өнөктөшүбүз бойдон калууда, биз кызматташууну тереңдетебиз», — деди Садыр Жапаров.\n\n"
        "Путин өз кезегинде Кыргызстан менен соода жүгүртүү өскөнүн белгиледи.\n\n"
        "«Эки өлкөнүн ортосундагы соода быйыл дагы өсөт деп ишенебиз», — деди Владимир Путин.\n\n"
        "Жапаровго Москвада расмий тосуп алуу аземи уюштурулду."
    ),
    url="https://www.kabar-test.kg/news/japarov-putin-moscow/?utm_source=telegram",
    source="Кабар",
    published=datetime(2024, 4, 3, 9, 0, tzinfo=UTC),
)

KY_COUNTRIES = ArticleDraft(
    title="Борбор Азия өлкөлөрүнүн министрлери суу маселесин талкуулашты",
    text=(
        "Борбор Азия өлкөлөрүнүн тышкы иштер министрлери Бишкекте суу ресурстарын бөлүштүрүү маселесин талкуулашты.\n\n"
        "Жыйынга беш өлкөнүн өкүлдөрү катышты. Өлкөлөрдүн министрлери жаңы келишимдин долбоорун карашты.\n\n"
        "«Суу — бул биздин өлкөлөрдүн жалпы байлыгы, аны адилеттүү бөлүштүрүү керек», — деди тышкы иштер министри "
        "Жээнбек Кулубаев.\n\n"
        "Албетте, бардык маселелер бир жыйында чечилбейт, деп белгилешти эксперттер.\n\n"
        "«Келишимге кол коюу үчүн дагы бир нече айлык иш керек», — деди Казакстандын өкүлү Ержан Сапаров."
    ),
    url="https://akipress-test.kg/news/water-ministers",
    source="AKIpress",
    published=datetime(2024, 4, 5, 12, 30, tzinfo=UTC),
)

RU_TALKS = ArticleDraft(
    title="Путин провел переговоры с президентом Киргизии",
    text=(
        "Президент России Владимир Путин провел переговоры с президентом Киргизии Садыром Жапаровым в Кремле.\n\n"
        "Стороны обсудили торговлю, энергетику и трудовую миграцию. По словам помощника Путина, встреча длилась "
        "более трех часов.\n\n"
        "«Россия остается главным торговым партнером Киргизии, и мы будем развивать это сотрудничество», — "
        "заявил Владимир Путин.\n\n"
        "«Мы благодарны за поддержку наших граждан, которые работают в России», — сказал Садыр Жапаров."
    ),
    url="https://ria-test.ru/20240403/putin-japarov.html",
    source="РИА Тест",
    published=datetime(2024, 4, 3, 15, 0, tzinfo=UTC),
)

EN_WATER = ArticleDraft(
    title="Central Asian ministers discuss water sharing in Bishkek",
    text=(
        "Foreign ministers from five Central Asian countries met in Bishkek on Friday to discuss how to share "
        "water from the region's rivers.\n\n"
        "\u201cWater is the common wealth of our countries, and we must share it fairly,\u201d said Jeenbek "
        "Kulubaev, Kyrgyzstan's foreign minister.\n\n"
        "Officials said a draft agreement could be ready by the autumn.\n\n"
        "\u201cWe need several more months of work before anyone signs,\u201d Kazakhstan's envoy Yerzhan Saparov "
        "told reporters."
    ),
    url="https://times-test.com/asia/water-talks",
    source="Test Times",
    published=datetime(2024, 4, 5, 14, 0, tzinfo=UTC),
)

KY_ALBETTE = ArticleDraft(
    title="Мугалимдердин айлыгы жогорулайт",
    text=(
        "Билим берүү министрлиги мугалимдердин айлыгын сентябрдан тартып жогорулатууну сунуштады.\n\n"
        "«Албетте, бул кадам бюджетке оор жүк болот, бирок мугалимдер татыктуу айлык алышы керек», — деди "
        "министр Догдургүл Кендирбаева.\n\n"
        "Министрликтин маалыматы боюнча, айлыктар орто эсеп менен 30 пайызга көбөйөт."
    ),
    url="https://kaktus-test.kg/doc/teachers-salary.html",
    source="Kaktus",
    published=datetime(2024, 4, 6, 8, 0, tzinfo=UTC),
)

KY_AL = ArticleDraft(
    title="Нарында жаңы мектеп ачылды",
    text=(
        "Нарын облусунда 600 окуучуга ылайыкталган жаңы мектеп ачылды. Мектептин курулушуна 200 миллион сом "
        "жумшалды.\n\n"
        "«Бул мектепти айылдын балдары көптөн бери күтүп жүрүштү, ал эми эми алар жаңы класстарда окушат», — "
        "деди облустун акими Бакыт Сыдыков.\n\n"
        "Аким мектепке жаңы компьютерлер да берилерин айтты."
    ),
    url="https://kabar-test.kg/news/naryn-school",
    source="Кабар",
    published=datetime(2024, 4, 7, 8, 0, tzinfo=UTC),
)

ALL = (KY_MEETING, KY_COUNTRIES, RU_TALKS, EN_WATER, KY_ALBETTE, KY_AL)


_KY_TEMPLATE = (
    "{place} шаарында {n}-номерлүү долбоор боюнча жыйын өттү. Жыйынга {n2} адам катышты.\n\n"
    "«{place} үчүн {n}-долбоор абдан маанилүү, биз аны {year}-жылы бүтүрөбүз», — деди аким {name}.\n\n"
    "«Каражат {n3} миллион сом болот, анын жарымын өкмөт берет», — деди каржы бөлүмүнүн башчысы {name2}.\n\n"
    "Долбоордун {n}-этабы {month} айында башталат."
)
_PLACES = ("Бишкек", "Ош", "Нарын", "Талас", "Каракол", "Баткен", "Токмок", "Кара-Балта")
_NAMES = ("Азамат Токтогулов", "Нургүл Асанова", "Эркин Маматов", "Айгүл Бекова", "Тилек Осмонов")
_MONTHS = ("март", "апрель", "май", "июнь", "июль")


def generated(index: int) -> dict[str, object]:
    """Return the JSONL record of a generated Kyrgyz article number `index` (two quotes each)."""
    place = _PLACES[index % len(_PLACES)]
    text = _KY_TEMPLATE.format(
        place=place,
        n=index,
        n2=50 + index % 300,
        n3=10 + index % 900,
        year=2025 + index % 3,
        name=_NAMES[index % len(_NAMES)],
        name2=_NAMES[(index + 2) % len(_NAMES)],
        month=_MONTHS[index % len(_MONTHS)],
    )
    return {
        "title": f"{place}: {index}-долбоор боюнча жыйын",
        "text": text,
        "url": f"https://generated-test.kg/news/{index}",
        "published": f"2024-0{1 + index % 9}-{10 + index % 18}T08:00:00+06:00",
        "source": "Тест",
    }


def generated_draft(index: int) -> ArticleDraft:
    """Return the generated article number `index` as a draft."""
    record = generated(index)
    return ArticleDraft(
        text=str(record["text"]),
        title=str(record["title"]),
        url=str(record["url"]),
        source=str(record["source"]),
        published=datetime.fromisoformat(str(record["published"])),
    )


KY_FORUM = ArticleDraft(
    title="Бишкекте тышкы саясат боюнча жыйын өттү",
    text=(
        "Бишкекте тышкы саясат боюнча жыйын өттү. Жыйынга эксперттер жана депутаттар катышты.\n\n"
        "«Жапаровдун сапары эки өлкө үчүн тең пайдалуу болду», — деди саясат талдоочу Эрлан Бакиев.\n\n"
        "«Жапаровго бул маселе боюнча кат жибердик», — деди депутат Гүлмира Осмонова.\n\n"
        "«Орусиянын рыногу биздин фермерлер үчүн абдан маанилүү», — деди экономист Нурлан Асанов.\n\n"
        "«Бардык өлкөлөрдүн өкүлдөрү келишимди колдоду», — деди дипломат Айбек Мамытов.\n\n"
        "«Албетте, жыйынтыгы жакшы болот», — деди Чолпон Иманалиева.\n\n"
        "«Ал эртең Ташкентке барат», — деди Марат Бейшеев."
    ),
    url="https://forum-test.kg/news/1",
    source="Форум",
    published=datetime(2024, 4, 8, 8, 0, tzinfo=UTC),
)

RU_FORUM = ArticleDraft(
    title="В Бишкеке прошел форум экспертов",
    text=(
        "В Бишкеке прошел форум экспертов по внешней политике.\n\n"
        "«Мы ждем визита Путина в Бишкек этой осенью», — сказал политолог Игорь Семенов."
    ),
    url="https://forum-test.ru/news/2",
    source="Форум РУ",
    published=datetime(2024, 4, 8, 9, 0, tzinfo=UTC),
)
