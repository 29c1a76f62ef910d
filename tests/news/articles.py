"""Articles written for the tests, in the styles of Kyrgyz, Russian and English news copy.

Every name, number and event here is invented for the tests. Each article lists the quotes a careful editor would
pull out (text as between the marks, speaker in the fullest form the article uses; None for nobody).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Expected:
    text: str
    speaker: str | None


@dataclass(frozen=True)
class Article:
    key: str
    language: str
    title: str | None
    text: str
    quotes: tuple[Expected, ...] = ()
    not_quotes: tuple[str, ...] = ()  # quoted names, titles and scare quotes that must not come out
    captions: tuple[str, ...] = ()
    headings: tuple[str, ...] = ()
    attribution_only: tuple[str, ...] = ()
    extra: dict[str, str] = field(default_factory=dict)


KY_TAX = Article(
    key="ky_tax",
    language="ky",
    title="Жогорку Кеңеш салык кодексине өзгөртүүлөрдү кабыл алды",
    text="""Жогорку Кеңештин депутаттары 12-мартта салык кодексине өзгөртүүлөрдү үчүнчү окууда кабыл алышты. Бул тууралуу парламенттин басма сөз кызматы билдирди.

Жогорку Кеңештин жыйыны. Сүрөт: парламенттин басма сөз кызматы.

Финансы министри Алмаз Бакетаев мыйзам долбоорун сунуштап, бюджетке кошумча 3 млрд сом түшөрүн айтты.

«Бул өзгөртүүлөр чакан ишкерлерге оорчулук жаратпайт. Тескерисинче, отчет берүү жеңилдейт», — деди Бакетаевдин орун басары Нурлан Осмонов.

Министрдин айтымында, жаңы эрежелер 2025-ж. 1-январдан тартып күчүнө кирет.

«Биз ар бир беренени эксперттер менен талкууладык», — деди министр.

Оппозициядагы «Ата Мекен» партиясы мыйзамга каршы чыкты. Депутат Дастан Бекешев: «Бул мыйзам элдин чөнтөгүнө сокку урат».

«Биз бул долбоорду колдобойбуз, — деди Бекешев. — Анткени ал ишкерлердин кызыкчылыгын такыр эске албайт».

Мурда «салык жеңилдиги баарына бирдей берилет» деп айтылган убадалар аткарылган жок.

Президент Садыр Жапаров өз кезегинде «Мыйзам ачык-айкын болушу керек, ар бир сом эсептелиши зарыл» деп белгиледи.

Бизнес эмне дейт

«Биз салык төлөөгө даярбыз, бирок эрежелер туруктуу болушу керек», — дейт Бишкектеги «Ала-Тоо Трейд» компаниясынын директору Айгүл Токтосунова.

«Ар жыл сайын эреже өзгөрсө, инвестор келбейт. Биз узак мөөнөттүү пландарды түзө албай жатабыз».

АКШнын жана БУУнун өкүлдөрү ж.б. эл аралык уюмдар 2023-ж. 5-декабрда «көлөкө» экономика боюнча отчет жарыялашкан. Анда «Манас» эпосу жана «Кыргызстан – 2030» программасы да эскерилген.
""",
    quotes=(
        Expected(
            "Бул өзгөртүүлөр чакан ишкерлерге оорчулук жаратпайт. Тескерисинче, отчет берүү жеңилдейт",
            "Нурлан Осмонов",
        ),
        Expected("Биз ар бир беренени эксперттер менен талкууладык", "Алмаз Бакетаев"),
        Expected("Бул мыйзам элдин чөнтөгүнө сокку урат", "Дастан Бекешев"),
        Expected("Биз бул долбоорду колдобойбуз", "Дастан Бекешев"),
        Expected("Анткени ал ишкерлердин кызыкчылыгын такыр эске албайт", "Дастан Бекешев"),
        Expected("салык жеңилдиги баарына бирдей берилет", None),
        Expected("Мыйзам ачык-айкын болушу керек, ар бир сом эсептелиши зарыл", "Садыр Жапаров"),
        Expected("Биз салык төлөөгө даярбыз, бирок эрежелер туруктуу болушу керек", "Айгүл Токтосунова"),
        Expected(
            "Ар жыл сайын эреже өзгөрсө, инвестор келбейт. Биз узак мөөнөттүү пландарды түзө албай жатабыз",
            "Айгүл Токтосунова",
        ),
    ),
    not_quotes=("Ата Мекен", "Ала-Тоо Трейд", "көлөкө", "Манас", "Кыргызстан – 2030"),
    captions=("Жогорку Кеңештин жыйыны. Сүрөт: парламенттин басма сөз кызматы.",),
    headings=("Бизнес эмне дейт",),
    attribution_only=("Бул тууралуу парламенттин басма сөз кызматы билдирди.",),
)

KY_FLOOD = Article(
    key="ky_flood",
    language="ky",
    title="Ошто сел жүрүп, 40 үйдү суу каптады",
    text="""Ош облусунун Кара-Суу районунда 3-июнда сел жүрүп, 40тан ашык үйдү суу каптады. Бул тууралуу Өзгөчө кырдаалдар министрлиги маалымдады.

Сел түнкү саат экилерде жүргөн. Жергиликтүү тургундар суу бир нече мүнөттүн ичинде короолорго киргенин айтышты.

Айылдын тургуну Гүлнара Маматова үйүнөн эч нерсе алып чыга албаганын билдирди.

«Балдарды көтөрүп эле качтык. Үйдө калган буюмдардын баары суу болуп калды», — деди ал.

Район акими Бакыт Сатыбалдиев жабыркагандарга убактылуу баш калкалоочу жай ачылганын айтты.

«Ар бир үй-бүлөгө азык-түлүк жана таза суу берилет. Зыяндын көлөмүн комиссия эсептеп жатат», — деди аким.

Министрликтин маалыматына ылайык, куткаруучулар 120 кишини коопсуз жерге көчүрүшкөн. Ведомство тургундарды дарыянын жээгинен алыс болууга чакырды.

«Жаан дагы эки күн уланат. Тоо этектериндеги айылдардын тургундары сак болушу керек», — деп эскертти министрликтин өкүлү Айбек Жусупов.
""",
    quotes=(
        Expected(
            "Балдарды көтөрүп эле качтык. Үйдө калган буюмдардын баары суу болуп калды",
            "Гүлнара Маматова",
        ),
        Expected(
            "Ар бир үй-бүлөгө азык-түлүк жана таза суу берилет. Зыяндын көлөмүн комиссия эсептеп жатат",
            "Бакыт Сатыбалдиев",
        ),
        Expected(
            "Жаан дагы эки күн уланат. Тоо этектериндеги айылдардын тургундары сак болушу керек",
            "Айбек Жусупов",
        ),
    ),
    attribution_only=("Бул тууралуу Өзгөчө кырдаалдар министрлиги маалымдады.",),
)

RU_BUSINESS = Article(
    key="ru_business",
    language="ru",
    title="Минэкономики пообещало снизить налоги для малого бизнеса",
    text="""Министерство экономики Киргизии в среду представило законопроект о снижении налогов для малого бизнеса. Об этом сообщает пресс-служба ведомства.

Фото: пресс-служба Минэкономики

«Мы рассчитываем, что уже в следующем году около 20 тыс. предпринимателей выйдут из тени», — заявил министр экономики Данияр Амангельдиев.

По его словам, документ прошел общественное обсуждение и учитывает замечания бизнеса.

«Это не популизм. Мы посчитали каждый сом», — подчеркнул он.

Депутат Жогорку Кенеша Елена Петрова заявила: «Законопроект сырой, его нужно дорабатывать».

«Бизнес устал от постоянных изменений, — говорит председатель ассоциации предпринимателей Максат Токтогулов. — Нам нужна стабильность хотя бы на пять лет».

Что говорят эксперты

Экономист Ирина Смирнова считает, что эффект появится не сразу.

"Снижение ставок даст результат только через два-три года", - отметила эксперт.

В бюджете на эти цели выделено 5 млн руб., в т.ч. на обучение предпринимателей. В. В. Иванов, глава комитета, 16 мая 2023 г. назвал проект «шагом в правильном направлении». Против выступила партия «Ата-Журт», сославшись на закон «О налогах».

«Налоговая реформа необходима и откладывать ее нельзя», — передает ТАСС.
""",
    quotes=(
        Expected(
            "Мы рассчитываем, что уже в следующем году около 20 тыс. предпринимателей выйдут из тени",
            "Данияр Амангельдиев",
        ),
        Expected("Это не популизм. Мы посчитали каждый сом", "Данияр Амангельдиев"),
        Expected("Законопроект сырой, его нужно дорабатывать", "Елена Петрова"),
        Expected("Бизнес устал от постоянных изменений", "Максат Токтогулов"),
        Expected("Нам нужна стабильность хотя бы на пять лет", "Максат Токтогулов"),
        Expected("Снижение ставок даст результат только через два-три года", "Ирина Смирнова"),
        Expected("Налоговая реформа необходима и откладывать ее нельзя", None),
    ),
    not_quotes=("шагом в правильном направлении", "Ата-Журт", "О налогах"),
    captions=("Фото: пресс-служба Минэкономики",),
    headings=("Что говорят эксперты",),
    attribution_only=("Об этом сообщает пресс-служба ведомства.",),
)

RU_COURT = Article(
    key="ru_court",
    language="ru",
    title="Суд продлил арест бывшему главе таможни",
    text="""Первомайский районный суд Бишкека продлил арест бывшему главе таможенной службы Кубанычу Асанову до 20 декабря. Об этом сообщили в пресс-службе суда.

Асанова обвиняют в злоупотреблении должностным положением. Сам он вину не признает.

«Мой подзащитный готов сотрудничать со следствием, но доказательств его вины в деле нет», — сказал адвокат Асанова Тимур Бекмуратов.

Прокурор Алина Сыдыкова настаивала на продлении меры пресечения. «Обвиняемый может оказать давление на свидетелей», — заявила она в суде.

Заседание прошло в закрытом режиме.
""",
    quotes=(
        Expected(
            "Мой подзащитный готов сотрудничать со следствием, но доказательств его вины в деле нет",
            "Тимур Бекмуратов",
        ),
        Expected("Обвиняемый может оказать давление на свидетелей", "Алина Сыдыкова"),
    ),
)

EN_RATES = Article(
    key="en_rates",
    language="en",
    title="Central bank holds rates as inflation cools",
    text="""The central bank kept its key rate at 13% on Thursday, citing slowing inflation. The decision was announced in Bishkek.

Photo: Reuters

"We see inflation easing, but the risks have not gone away," said Melis Bokonbaev, the bank's chairman.

Mr. Bokonbaev told reporters at 5 p.m. that U.S. officials had been briefed. He said: "We will act again if prices start to rise."

"It was the right call," said Aida Usenova, an economist at the Central Asia Policy Institute. "Cutting now would have been premature."

Finance Minister John Carter said the budget was on track. He told parliament: "Revenue is growing faster than we planned.

"We will also cut spending on administration by 10% next year."

What comes next

Analysts described the move as "prudent". The bank's "Silk Road" lending programme and the "Fair Tax Act" were not discussed.

"Markets reacted calmly," she added.

Ms Usenova expects the next change on Jan. 13, when the U.N. report on the region is due.
""",
    quotes=(
        Expected("We see inflation easing, but the risks have not gone away", "Melis Bokonbaev"),
        Expected("We will act again if prices start to rise.", "Melis Bokonbaev"),
        Expected("It was the right call", "Aida Usenova"),
        Expected("Cutting now would have been premature.", "Aida Usenova"),
        Expected("Revenue is growing faster than we planned.", "John Carter"),
        Expected("We will also cut spending on administration by 10% next year.", "John Carter"),
        Expected("Markets reacted calmly", "Aida Usenova"),
    ),
    not_quotes=("prudent", "Silk Road", "Fair Tax Act"),
    captions=("Photo: Reuters",),
    headings=("What comes next",),
)

EN_SCHOOL = Article(
    key="en_school",
    language="en",
    title="Parents protest over school closure",
    text="""Dozens of parents gathered outside the education ministry on Monday to protest against plans to close a village school.

The ministry says the school in Kara-Dobo has only 40 pupils and is too expensive to run.

"My children would have to walk eight kilometres every day," said Nurbek Asanov, a father of three. "In winter that is simply impossible."

A ministry spokeswoman said the decision was not final. "We are listening to the parents and will look at every option," she said.

Teacher Gulmira Ibraeva, who has worked at the school for 22 years, said: "This school is the heart of the village."
""",
    quotes=(
        Expected("My children would have to walk eight kilometres every day", "Nurbek Asanov"),
        Expected("In winter that is simply impossible.", "Nurbek Asanov"),
        Expected("We are listening to the parents and will look at every option", "spokeswoman"),
        Expected("This school is the heart of the village.", "Gulmira Ibraeva"),
    ),
)

KY_NAMES_ONLY = Article(
    key="ky_names_only",
    language="ky",
    title="«Кара-Балта» заводу жаңы ээге өттү",
    text="""Чүй облусундагы «Кара-Балта» тоо-кен комбинатынын акцияларын «Алтын Инвест» компаниясы сатып алды. Бул тууралуу Мамлекеттик мүлк фонду маалымдады.

Комбинат мурда «Кыргызалтын» ААКнын карамагында болгон. Келишимге «Тоо-Кен Өнүгүү» жана «Ала-Тоо Финанс» фирмалары да кол койгон.

Келишим «Инвестициялар жөнүндө» мыйзамга ылайык түзүлгөн. Долбоор «Жашыл экономика» программасынын алкагында ишке ашат.

Эксперттер мурда бул келишимди «ачык эмес» деп атаган. Жергиликтүү тургундар «Таза суу» коомдук бирикмесине кайрылышкан.
""",
    not_quotes=(
        "Кара-Балта",
        "Алтын Инвест",
        "Кыргызалтын",
        "Тоо-Кен Өнүгүү",
        "Ала-Тоо Финанс",
        "Инвестициялар жөнүндө",
        "Жашыл экономика",
        "ачык эмес",
        "Таза суу",
    ),
    attribution_only=("Бул тууралуу Мамлекеттик мүлк фонду маалымдады.",),
)

RU_FLATTENED = Article(
    key="ru_flattened",
    language="ru",
    title="Жители Оша жалуются на перебои с водой",
    text=(
        "Жители Оша жалуются на нехватку воды Местные власти обещают решить проблему к осени "
        "\"Мы уже три недели живем без воды\", - рассказала жительница города Айгуль Маматова. "
        "По ее словам, воду привозят раз в неделю. \"Дети болеют. Никто не приходит\". "
        "Мэрия объяснила перебои ремонтом насосной станции. \"Работы завершатся в августе\", - заявил "
        "заместитель мэра Бакыт Исаков. \"Нет воды - нет жизни\" Эксперты считают, что проблема глубже. "
        "\"Сети изношены на 80%. Их нужно менять целиком, а не латать\", - говорит инженер Тимур Алиев, "
        "который 20 лет проработал в водоканале."
    ),
    quotes=(
        Expected("Мы уже три недели живем без воды", "Айгуль Маматова"),
        Expected("Дети болеют. Никто не приходит", "Айгуль Маматова"),
        Expected("Работы завершатся в августе", "Бакыт Исаков"),
        Expected("Сети изношены на 80%. Их нужно менять целиком, а не латать", "Тимур Алиев"),
    ),
    not_quotes=("Нет воды - нет жизни",),
)

ARTICLES = (KY_TAX, KY_FLOOD, KY_NAMES_ONLY, RU_BUSINESS, RU_COURT, RU_FLATTENED, EN_RATES, EN_SCHOOL)
