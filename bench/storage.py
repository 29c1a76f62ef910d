"""Benchmark the article store: import rate, search latency, database size and peak memory.

    .venv/bin/python bench/storage.py [--articles 100000] [--workers 2] [--db PATH] [--keep]
    .venv/bin/python bench/storage.py --db postgresql://postgres@127.0.0.1/postgres   # PostgreSQL next to SQLite

Builds a database from generated articles (Kyrgyz, Russian and English news written from templates in this file,
about ten attributed quotes each), then runs a few hundred varied searches: quotes by words, quotes by speaker,
articles by words. Prints the numbers next to the targets (search p95 <= 20 ms at 100,000 articles, import
>= 1,000 articles/s with analysis on 2 cores, peak memory <= 200 MB) and, as baselines in the same run, the import
with one batch in flight (the pipeline before issue 12) and FTS5's own bm25 ranking over the same database for some
of the same words.

With `--db postgresql://…` (a server where it may create a database) it makes a new database there, imports and
searches it, does the same on a SQLite file, and prints both side by side with PostgreSQL's targets (search
p95 <= 10 ms, import >= 300 articles/s).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.ingest import IN_FLIGHT, Ingester, prepare  # noqa: E402
from bot.workers import WorkerPool  # noqa: E402
from news.models import ArticleDraft  # noqa: E402
from storage import Store  # noqa: E402

# ------------------------------------------------------------------------------------------------ vocabulary

KY_FIRST = (
    "Садыр Акылбек Камчыбек Нурлан Азамат Бакыт Эркин Айгүл Жылдыз Гүлнара Таалайбек Улукбек Мирлан Чолпон Бермет "
    "Алмазбек Темир Дастан Канат Марат Асель Нуржан Айбек Эльвира Кубанычбек Адилет Жеңиш Бактыгүл Нургүл Сүйүнбек "
    "Төлөгөн Үмүт Өмүрбек Айжан Динара Тилек Мелис Эмил Жаныбек Назгүл"
).split()
KY_SURNAME_ROOTS = (
    "Жапар Таши Акылбек Касым Осмон Абдыкадыр Турдали Мамбет Сатыбалди Бекташ Жумабек Токтогул Асан Үсөн Калыбек "
    "Эшим Садык Орозбек Керимбек Алым Дөөлөт Өмүрзак Шаршен Байзак Темирбек Сулайман Арстанбек Маматкады Чынгыш "
    "Рахман Абдыракман Кубат Нурбек Сыдык Тагай Качкын Момун Чоро Бөкөнбай Дүйшөн"
).split()
KY_ROLES = "президент депутат министр аким эксперт мэр төрага өкүл экономист юрист дарыгер мугалим".split()
KY_PLACES = (
    "Бишкек Ош Нарын Талас Каракол Баткен Токмок Москва Алматы Ташкент Кытай Орусия Казакстан Өзбекстан Тажикстан "
    "Түркия Германия АКШ Европа Кыргызстан Чүй Жалалабад"
).split()
KY_NOUNS = (
    "өлкө мамлекет өкмөт парламент мыйзам бюджет экономика билим саламаттык жол суу энергетика айыл шаар соода "
    "инвестиция салык баа пенсия мектеп оорукана долбоор келишим кызматташуу коопсуздук маданият спорт туризм мал "
    "түшүм жер тоо көл аба климат сайлоо реформа коррупция сот прокуратура укук эркиндик маалымат интернет "
    "технология завод фабрика кен алтын көмүр электр газ нан эт сүт дыйкан жумушчу жаштар аял бала үй-бүлө "
    "бажы банк кредит валюта доллар сом насыя тариф транспорт аэропорт унаа"
).split()
KY_ADJ = "маанилүү жаңы чоң кичине курч татаал жакшы начар туруктуу ачык калыс жергиликтүү ири".split()
KY_VERBS = "талкууланды каралды ачылды жабылды жогорулады төмөндөдү токтотулду уланды бекитилди".split()
KY_SAY = ("деди", "деп билдирди", "деп белгиледи", "деп кошумчалады", "деди", "деди")

RU_FIRST = (
    "Владимир Сергей Алексей Дмитрий Михаил Андрей Николай Ольга Татьяна Елена Марина Игорь Виктор Павел Анна "
    "Ирина Юрий Максим Артем Наталья Константин Григорий Вера Людмила Роман"
).split()
RU_SURNAMES = (
    "Путин Лавров Песков Мишустин Захаров Смирнов Иванов Кузнецов Попов Соколов Лебедев Козлов Новиков Морозов "
    "Волков Соловьев Васильев Зайцев Павлов Семенов Голубев Виноградов Богданов Воробьев Федоров"
).split()
RU_NOUNS = [
    ("экономика", "экономики", "экономике"),
    ("страна", "страны", "стране"),
    ("правительство", "правительства", "правительстве"),
    ("закон", "закона", "законе"),
    ("бюджет", "бюджета", "бюджете"),
    ("санкции", "санкций", "санкциях"),
    ("рынок", "рынка", "рынке"),
    ("граница", "границы", "границе"),
    ("безопасность", "безопасности", "безопасности"),
    ("энергетика", "энергетики", "энергетике"),
    ("торговля", "торговли", "торговле"),
    ("инфляция", "инфляции", "инфляции"),
    ("образование", "образования", "образовании"),
    ("медицина", "медицины", "медицине"),
    ("выборы", "выборов", "выборах"),
    ("реформа", "реформы", "реформе"),
    ("сотрудничество", "сотрудничества", "сотрудничестве"),
    ("инвестиции", "инвестиций", "инвестициях"),
    ("налог", "налога", "налоге"),
    ("транспорт", "транспорта", "транспорте"),
]
RU_PLACES = [
    ("Россия", "России"),
    ("Москва", "Москвы"),
    ("Киргизия", "Киргизии"),
    ("Казахстан", "Казахстана"),
    ("Китай", "Китая"),
    ("Европа", "Европы"),
    ("Бишкек", "Бишкека"),
    ("Ташкент", "Ташкента"),
    ("Германия", "Германии"),
    ("Турция", "Турции"),
]
RU_SAY = ("заявил", "сказал", "отметил", "подчеркнул", "добавил", "пояснил")
RU_ADJ = "важный новый сложный серьезный устойчивый открытый региональный".split()

EN_FIRST = "John Mary David Sarah Michael Emma James Laura Robert Anna Peter Helen Thomas Julia Daniel".split()
EN_SURNAMES = "Smith Brown Johnson Miller Davis Wilson Taylor Clark Lewis Walker Hall Young King Wright Green".split()
EN_NOUNS = (
    "economy government market election budget border trade energy inflation sanctions parliament court school "
    "hospital investment tax pension water gold mine bank currency airport railway climate"
).split()
EN_PLACES = "Kyrgyzstan Bishkek Russia China Kazakhstan Europe Germany Turkey Tashkent Almaty".split()
EN_SAY = ("said", "told reporters", "added", "said", "noted")

SITES = ("azattyk.org", "24.kg", "kaktus.media", "kabar.kg", "akipress.com", "knews.kg", "vesti.kg", "economist.kg")

_SYLLABLES = (
    "ка ла ма на та ба да жа са ра кы лы мы ны ты бы ды жы ко ло мо но то бо до жо кө лө мө нө тө бө дө жү кү лү мү нү "
    "ту ду"
).split()
_CODAS = ("", "н", "р", "т", "к", "ш", "з", "л", "й", "м")


def _harmony(stem: str) -> tuple[str, str]:
    """Return (low vowel, high vowel) harmonising with the stem's last vowel."""
    for ch in reversed(stem.lower()):
        if ch in "аыяё":
            return "а", "ы"
        if ch in "еиэ":
            return "е", "и"
        if ch in "оую":
            return "о", "у"
        if ch in "өү":
            return "ө", "ү"
    return "а", "ы"


def ky(stem: str, case: str) -> str:
    """Inflect a Kyrgyz noun (bench-grade rules, good enough to exercise search)."""
    low, high = _harmony(stem)
    last = stem[-1].lower()
    vowel = last in "аеёиоуыэюяөү"
    voiceless = last in "кпстфхцчшщ"
    if case == "gen":
        return stem + ("н" if vowel else "т" if voiceless else "д") + high + "н"
    if case == "acc":
        return stem + ("н" if vowel else "т" if voiceless else "д") + high
    if case == "dat":
        return stem + ("к" if voiceless else "г") + low
    if case == "loc":
        return stem + ("т" if voiceless else "д") + low
    if case == "abl":
        return stem + ("т" if voiceless else "д") + low + "н"
    if case == "pl":
        return stem + ("л" if vowel or last in "йр" else "т" if voiceless else "д") + low + "р"
    if case == "plgen":
        plural = ky(stem, "pl")
        return ky(plural, "gen")
    return stem


class Generator:
    """Deterministic varied news articles in three languages, each with about ten attributed quotes."""

    def __init__(self, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        rng = random.Random(seed + 1)
        self.ky_people = [
            (rng.choice(KY_FIRST), root + rng.choice(("ов", "ев", "ова", "ева")))
            for root in KY_SURNAME_ROOTS
            for _ in range(3)
        ]
        self.ru_people = [(f, s) for f in RU_FIRST for s in RU_SURNAMES]
        rng.shuffle(self.ru_people)
        self.ru_people = self.ru_people[:150]
        self.en_people = [(f, s) for f in EN_FIRST for s in EN_SURNAMES]
        # A long tail of rare words, as real news has (names of villages, companies, terms).
        self.rare = sorted(
            {
                "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 4))) + rng.choice(_CODAS)
                for _ in range(40_000)
            }
        )
        self.rare_weights = [1.0 / (i + 1) ** 0.9 for i in range(len(self.rare))]
        self.cum_rare = list(_accumulate(self.rare_weights))
        self.start = datetime(2023, 1, 1, tzinfo=UTC)

    def _rare(self) -> str:
        return self.rng.choices(self.rare, cum_weights=self.cum_rare, k=1)[0]

    def article(self, index: int) -> ArticleDraft:
        """Return the article number `index` (the same one every run)."""
        self.rng.seed(index * 7919 + 13)
        roll = self.rng.random()
        if roll < 0.5:
            title, paragraphs, language = self._kyrgyz()
        elif roll < 0.8:
            title, paragraphs, language = self._russian()
        else:
            title, paragraphs, language = self._english()
        site = self.rng.choice(SITES)
        published = self.start + timedelta(minutes=index * 7 + self.rng.randint(0, 300))
        return ArticleDraft(
            text="\n\n".join(paragraphs),
            title=title,
            url=f"https://{site}/news/{language}/{index}",
            guid=f"https://{site}/?p={index}" if self.rng.random() < 0.5 else None,
            source=site,
            published=published,
        )

    def _kyrgyz(self) -> tuple[str, list[str], str]:
        r = self.rng
        people = [r.choice(self.ky_people) for _ in range(3)]
        place = r.choice(KY_PLACES)
        noun = r.choice(KY_NOUNS)
        first, last = people[0]
        title = f"{first} {last}: {ky(place, 'gen')} {noun} маселеси {r.choice(KY_VERBS)}"
        lead = (
            f"{r.choice(KY_ROLES).capitalize()} {first} {last} {r.randint(1, 28)}-майда {ky(place, 'loc')} "
            f"{ky(r.choice(KY_NOUNS), 'gen')} {r.choice(KY_NOUNS)} маселесин талкуулады."
        )
        paragraphs = [lead]
        for _ in range(10):
            f, l = r.choice(people)
            n1, n2, n3 = r.sample(KY_NOUNS, 3)
            quote = r.choice(
                (
                    f"Биз {ky(n1, 'acc')} {r.choice(KY_ADJ)} деңгээлге жеткиребиз. "
                    f"{ky(place, 'gen').capitalize()} {n2} тармагы {self._rare()} өнүгөт",
                    f"{ky(r.choice(KY_PLACES), 'loc').capitalize()} {n1} маселеси {r.choice(KY_ADJ)} бойдон калууда",
                    f"{ky(n1, 'plgen').capitalize()} баары {ky(n2, 'dat')} байланыштуу, "
                    f"{n3} боюнча {self._rare()} иштер уланат",
                    f"Бул {n1} боюнча {r.choice(KY_ADJ)} кадам. {ky(place, 'abl').capitalize()} {ky(n2, 'pl')} келет",
                    f"{l} мырза {ky(n1, 'gen')} {n2} саясатын колдойт, "
                    f"бирок {ky(n3, 'acc')} {self._rare()} кылуу керек",
                )
            )
            say = r.choice(KY_SAY)
            if say == "деди":
                attribution = f"{f} {l}" if r.random() < 0.7 else f"{r.choice(KY_ROLES)} {f} {l}"
            else:
                attribution = f"{r.choice(KY_ROLES)} {f} {l}"
            paragraphs.append(f"«{quote}», — {say} {attribution}.")
            if r.random() < 0.6:
                paragraphs[-1] += (
                    f" {ky(r.choice(KY_NOUNS), 'gen').capitalize()} {self._rare()} {self._rare()} {r.choice(KY_NOUNS)} "
                    f"{r.choice(KY_VERBS)}."
                )
        return title, paragraphs, "ky"

    def _russian(self) -> tuple[str, list[str], str]:
        r = self.rng
        people = [r.choice(self.ru_people) for _ in range(3)]
        place, place_gen = r.choice(RU_PLACES)
        noun = r.choice(RU_NOUNS)
        first, last = people[0]
        title = f"{first} {last} прокомментировал ситуацию вокруг {noun[1]} {place_gen}"
        lead = f"{first} {last} в четверг обсудил вопросы {noun[1]} и {r.choice(RU_NOUNS)[1]} на встрече в {place_gen}."
        paragraphs = [lead]
        for _ in range(10):
            f, l = r.choice(people)
            n1, n2 = r.sample(RU_NOUNS, 2)
            p1, p1_gen = r.choice(RU_PLACES)
            quote = r.choice(
                (
                    f"Мы видим, что {n1[0]} {p1_gen} развивается устойчиво, и это {r.choice(RU_ADJ)} сигнал",
                    f"Вопрос {n1[1]} остается {r.choice(RU_ADJ)}м для {p1_gen}, мы будем работать над {n2[2]}",
                    f"Ситуация с {n2[2]} требует решений, и {p1} готова к диалогу",
                    f"Нам нужно обсуждать {n1[0]} открыто, без давления со стороны {p1_gen}",
                )
            )
            paragraphs.append(f"«{quote}», — {r.choice(RU_SAY)} {f} {l}.")
            if r.random() < 0.5:
                paragraphs[-1] += f" Ранее эксперты обсуждали {n2[0]} на форуме в {p1_gen}."
        return title, paragraphs, "ru"

    def _english(self) -> tuple[str, list[str], str]:
        r = self.rng
        people = [r.choice(self.en_people) for _ in range(3)]
        place = r.choice(EN_PLACES)
        first, last = people[0]
        noun = r.choice(EN_NOUNS)
        title = f"{last} warns of {noun} risks in {place}"
        pressure = r.choice(EN_NOUNS)
        lead = f"{first} {last} said on Tuesday that the {noun} of {place} faces new pressure from {pressure}."
        paragraphs = [lead]
        for _ in range(10):
            f, l = r.choice(people)
            n1, n2 = r.sample(EN_NOUNS, 2)
            quote = r.choice(
                (
                    f"The {n1} in {r.choice(EN_PLACES)} is stronger than many expected, and the {n2} will follow",
                    f"We cannot ignore the {n1} any longer, because people in {place} feel it every day",
                    f"Our plan for the {n1} and the {n2} is clear, and we will deliver it this year",
                )
            )
            paragraphs.append(f"\u201c{quote},\u201d {f} {l} {r.choice(EN_SAY)}.")
        return title, paragraphs, "en"

    def drafts(self, count: int) -> Iterator[ArticleDraft]:
        """Yield `count` articles lazily (the whole set would not fit the memory budget)."""
        for i in range(count):
            yield self.article(i)


def _accumulate(values: list[float]) -> Iterator[float]:
    total = 0.0
    for v in values:
        total += v
        yield total


# ------------------------------------------------------------------------------------------------ queries


def queries(gen: Generator, rng: random.Random) -> dict[str, list[str]]:
    """Build a few hundred varied queries per kind: names, inflected forms, common and rare words, misses."""
    quote_q: list[str] = []
    for _ in range(60):
        quote_q.append(rng.choice(KY_NOUNS))
    for _ in range(30):
        quote_q.append(ky(rng.choice(KY_NOUNS), rng.choice(("gen", "dat", "pl", "loc"))))
    for _ in range(30):
        quote_q.append(rng.choice(KY_PLACES))
    for _ in range(30):
        quote_q.append(gen.rare[rng.randrange(len(gen.rare))])
    for _ in range(30):
        quote_q.append(f"{rng.choice(KY_NOUNS)} {rng.choice(KY_NOUNS)}")
    for _ in range(30):
        n = rng.choice(RU_NOUNS)
        quote_q.append(rng.choice(n))
    for _ in range(20):
        quote_q.append(rng.choice(EN_NOUNS) + rng.choice(("", "s")))
    for _ in range(20):
        quote_q.append(rng.choice(("ал", "жана", "биз", "и", "the", "мы", "бул")))
    for _ in range(15):
        quote_q.append(rng.choice(('"', "NEAR(", "((", "a AND b", "'; DROP TABLE x; --", "😀", "", "x" * 10_000, "*")))
    for _ in range(15):
        quote_q.append("".join(rng.choice("абвгдеёжзийклмн") for _ in range(9)))  # misses
    speaker_q: list[str] = []
    for _ in range(120):
        first, last = rng.choice(gen.ky_people)
        speaker_q.append(rng.choice((last, f"{first} {last}", ky(last, "gen"), first)))
    for _ in range(60):
        first, last = rng.choice(gen.ru_people)
        speaker_q.append(rng.choice((last, f"{first} {last}", last + "а")))
    for _ in range(40):
        first, last = rng.choice(gen.en_people)
        speaker_q.append(rng.choice((last, f"{first} {last}")))
    article_q: list[str] = []
    for _ in range(70):
        article_q.append(rng.choice(KY_NOUNS))
    for _ in range(40):
        article_q.append(rng.choice(KY_PLACES) + rng.choice(("", " " + rng.choice(KY_NOUNS))))
    for _ in range(40):
        article_q.append(rng.choice(rng.choice(RU_NOUNS)))
    for _ in range(30):
        article_q.append(rng.choice(gen.ky_people)[1])
    for _ in range(30):
        article_q.append(gen.rare[rng.randrange(len(gen.rare))])
    for _ in range(20):
        article_q.append(rng.choice(EN_NOUNS))
    return {"quotes by words": quote_q, "quotes by speaker": speaker_q, "articles by words": article_q}


# ------------------------------------------------------------------------------------------------ running


def percentile(values: list[float], p: float) -> float:
    """Return the p-th percentile (0-100) by nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))]


def rss_mb(who: int) -> float:
    """Return the peak resident memory of this process (RUSAGE_SELF) or of its largest finished child, in MB."""
    return resource.getrusage(who).ru_maxrss / 1024


async def run(args: argparse.Namespace) -> int:
    gen = Generator()
    tmp = None
    if args.db:
        path = Path(args.db)
    else:
        tmp = tempfile.TemporaryDirectory(prefix="kabarchy-bench-")
        path = Path(tmp.name) / "bench.db"
    rate: float | None = None
    if not args.search_only:
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)

        # 1. Analysis alone, one core, in this process: what each article costs before any database work.
        sample = [gen.article(10_000_000 + i) for i in range(args.sample)]
        t0 = time.perf_counter()
        prepared = [prepare(d) for d in sample]
        analysis_ms = (time.perf_counter() - t0) / len(sample) * 1000
        quotes_per_article = statistics.mean(len(p.quotes) for p in prepared if hasattr(p, "quotes"))
        print(f"analysis (news.analyse + tokens + hashes), 1 core: {analysis_ms:.2f} ms/article"
              f" = {1000 / analysis_ms:.0f} articles/s; {quotes_per_article:.1f} quotes/article found")

        # 2. Storage alone: write already-prepared articles into a scratch database.
        with tempfile.TemporaryDirectory(prefix="kabarchy-bench-w-") as scratch:
            store = await Store.open(Path(scratch) / "w.db")
            t0 = time.perf_counter()
            repo = store.articles
            for i in range(0, len(prepared), 64):
                await repo.save_prepared(prepared[i : i + 64])  # the write half alone
            storage_ms = (time.perf_counter() - t0) / len(prepared) * 1000
            await store.close()
        print(f"storage alone (one transaction per 64 articles): {storage_ms:.2f} ms/article"
              f" = {1000 / storage_ms:.0f} articles/s")
        del prepared

        # 2b. One article at a time (a feed item, an admin's /add): analysis in a thread or in worker processes,
        # and how late a 5 ms timer fires meanwhile (what a user's reply would wait for on the event loop).
        for workers in (0, args.workers):
            with tempfile.TemporaryDirectory(prefix="kabarchy-bench-s-") as scratch:
                store = await Store.open(Path(scratch) / "s.db")
                pool = WorkerPool(workers)
                ingester = Ingester(store, pool)
                await ingester.save(gen.article(20_000_000))  # start the pool outside the timing
                lags: list[float] = []
                stop = asyncio.Event()

                async def ticker() -> None:
                    while not stop.is_set():
                        t = time.perf_counter()
                        await asyncio.sleep(0.005)
                        lags.append((time.perf_counter() - t - 0.005) * 1000)

                tick = asyncio.create_task(ticker())
                t0 = time.perf_counter()
                for d in sample[:150]:
                    await ingester.save(d)
                single = 150 / (time.perf_counter() - t0)
                stop.set()
                await tick
                pool.close()
                await store.close()
            mode = "thread" if workers == 0 else f"{workers} processes"
            print(f"single saves, analysis in {mode}: {single:.0f} articles/s; event-loop lag p50"
                  f" {percentile(lags, 50):.1f} ms, p95 {percentile(lags, 95):.1f} ms, max {max(lags):.1f} ms")
        del sample

        # 3a. Baseline in the same run: the same import with one batch analysed while another is written (the
        # pipeline before issue 12), on the first --baseline articles, into a scratch database.
        baseline_rate = None
        if args.baseline:
            with tempfile.TemporaryDirectory(prefix="kabarchy-bench-b-") as scratch:
                store = await Store.open(Path(scratch) / "b.db")
                pool = WorkerPool(args.workers)
                t0 = time.perf_counter()
                async for _ in Ingester(store, pool, in_flight=1).save_many(
                    gen.drafts(args.baseline), batch_size=args.batch
                ):
                    pass
                baseline_rate = args.baseline / (time.perf_counter() - t0)
                pool.close()
                await store.close()
            print(f"baseline import, 1 batch in flight: {args.baseline} articles = {baseline_rate:.0f} articles/s")

        # 3. The real import: analysis in worker processes, writing in batches, everything included.
        store = await Store.open(path)
        pool = WorkerPool(args.workers)
        t0 = time.perf_counter()
        done = new = 0
        report_every = max(1000, args.articles // 10)
        try:
            ingester = Ingester(store, pool, in_flight=args.in_flight)
            async for result in ingester.save_many(gen.drafts(args.articles), batch_size=args.batch):
                done += 1
                new += result.status == "new"
                if done % report_every == 0:
                    elapsed = time.perf_counter() - t0
                    rss = rss_mb(resource.RUSAGE_SELF)
                    print(f"  {done:>7} articles  {done / elapsed:6.0f}/s  main rss {rss:.0f} MB",
                          flush=True)
            import_s = time.perf_counter() - t0
        finally:
            pool.close()  # stops the workers, so their peak memory is counted below
            await store.close()
        rate = args.articles / import_s
        print(f"import: {args.articles} articles ({new} new) in {import_s:.1f} s = {rate:.0f} articles/s"
              f" with {args.workers} analysis worker(s), {args.in_flight} batches in flight, analysis included")

    # 4. Searches on a freshly opened store (cold-ish caches, as after a restart).
    store = await Store.open(path)
    stats = await store.stats()
    print(f"stored: {stats.articles} articles, {stats.quotes} quotes, {stats.speakers} speakers;"
          f" database {stats.db_bytes / 1e6:.0f} MB on disk")
    qs = queries(gen, random.Random(11))
    methods = {
        "quotes by words": store.quotes.search,
        "quotes by speaker": store.quotes.by_speaker,
        "articles by words": store.articles.search,
    }
    results: dict[str, tuple[float, float, float]] = {}
    for kind, items in qs.items():
        method = methods[kind]
        for q in items[:20]:  # warm up the page cache a little, as a running bot would be
            await method(q, limit=10)
        timings = []
        empty = 0
        for q in items:
            t = time.perf_counter()
            page = await method(q, limit=10)
            timings.append((time.perf_counter() - t) * 1000)
            empty += not page.items
        results[kind] = (percentile(timings, 50), percentile(timings, 95), max(timings))
        print(f"{kind:>18}: {len(items)} queries, p50 {results[kind][0]:.2f} ms, p95 {results[kind][1]:.2f} ms,"
              f" max {results[kind][2]:.1f} ms ({empty} with no match)")
    t = time.perf_counter()
    for _ in range(50):
        await store.articles.latest(limit=10)
    print(f"            latest: {(time.perf_counter() - t) / 50 * 1000:.2f} ms mean")

    # 5. Baseline: FTS5 bm25 ranking over every match, the approach the store avoids.
    words = [w for w in qs["quotes by words"][:60] if w.strip() and w.isalpha()][:40]
    timings = []
    async with store.db.reader() as conn:
        for w in words:
            t = time.perf_counter()
            async with conn.execute(
                "SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ? ORDER BY rank LIMIT 10", ('"' + w.lower() + '"',)
            ) as cursor:
                await cursor.fetchall()
            timings.append((time.perf_counter() - t) * 1000)
    print(f"baseline bm25 'ORDER BY rank' (exact word only, no inflections): p50 {percentile(timings, 50):.2f} ms,"
          f" p95 {percentile(timings, 95):.2f} ms over {len(words)} words")
    await store.close()

    peak_self = rss_mb(resource.RUSAGE_SELF)
    peak_child = rss_mb(resource.RUSAGE_CHILDREN)
    size_mb = sum(os.path.getsize(str(path) + s) for s in ("", "-wal") if os.path.exists(str(path) + s)) / 1e6
    print(f"peak memory: main process {peak_self:.0f} MB, largest analysis worker {peak_child:.0f} MB")
    print(f"database size: {size_mb:.0f} MB")
    worst = max(v[1] for v in results.values())
    checks = [
        ("search p95 <= 20 ms", worst <= 20, f"{worst:.2f} ms"),
        ("import >= 1000 articles/s", rate is None or rate >= 1000, "not measured" if rate is None else f"{rate:.0f}/s"),
        ("peak memory <= 200 MB (main process)", peak_self <= 200, f"{peak_self:.0f} MB"),
    ]
    for name, ok, value in checks:
        print(f"{'PASS' if ok else 'FAIL'}  {name}: {value}")
    if tmp is not None and not args.keep:
        tmp.cleanup()
    elif args.keep or args.db:
        print(f"database kept at {path}")
    return 0


async def import_and_search(location: str | Path, args: argparse.Namespace, label: str) -> dict[str, float]:
    """Import --articles generated articles into `location`, then time the searches; return the figures."""
    gen = Generator()  # the same seed: both back ends get the same articles and the same queries
    if args.search_only:
        return await search_figures(location, gen, {})
    store = await Store.open(location)
    pool = WorkerPool(args.workers)
    t0 = time.perf_counter()
    done = 0
    report_every = max(1000, args.articles // 10)
    try:
        ingester = Ingester(store, pool, in_flight=args.in_flight)
        async for _ in ingester.save_many(gen.drafts(args.articles), batch_size=args.batch):
            done += 1
            if done % report_every == 0:
                print(f"  {label}: {done:>7} articles  {done / (time.perf_counter() - t0):6.0f}/s", flush=True)
        import_s = time.perf_counter() - t0
    finally:
        pool.close()
        await store.close()
    return await search_figures(location, gen, {"import articles/s": args.articles / import_s})


async def search_figures(location: str | Path, gen: Generator, figures: dict[str, float]) -> dict[str, float]:
    """Time the searches on the database at `location`; return `figures` with theirs added."""
    store = await Store.open(location)
    try:
        if store.db.dialect == "postgresql":
            # What autovacuum does after a bulk load, done now so that the planner knows the new tables.
            async with store.db.reader() as conn:
                await conn.execute("VACUUM ANALYZE")
        stats = await store.stats()
        figures["articles"] = stats.articles
        figures["quotes"] = stats.quotes
        qs = queries(gen, random.Random(11))
        methods = {
            "quotes by words": store.quotes.search,
            "quotes by speaker": store.quotes.by_speaker,
            "articles by words": store.articles.search,
        }
        for kind, items in qs.items():
            method = methods[kind]
            for q in items[:20]:
                await method(q, limit=10)
            timings = []
            for q in items:
                t = time.perf_counter()
                await method(q, limit=10)
                timings.append((time.perf_counter() - t) * 1000)
            figures[f"{kind} p50 ms"] = percentile(timings, 50)
            figures[f"{kind} p95 ms"] = percentile(timings, 95)
        figures["size on disk MB"] = (await store.db.size_bytes()) / 1e6
    finally:
        await store.close()
    return figures


async def compare_with_postgres(args: argparse.Namespace) -> int:
    """Run the import and the searches on PostgreSQL, then on SQLite, and print them side by side."""
    import asyncpg
    from urllib.parse import urlsplit, urlunsplit

    from storage.postgres import redact_dsn

    if args.search_only:
        # The databases a run with --keep left: this URL's database and the SQLite file given with --sqlite.
        if not args.sqlite or not Path(args.sqlite).is_file():
            raise SystemExit("--search-only with a postgresql:// URL needs --sqlite with the kept SQLite file")
        postgres = await import_and_search(args.db, args, "PostgreSQL")
        sqlite = await import_and_search(Path(args.sqlite), args, "SQLite")
        return _side_by_side(postgres, sqlite)
    server = urlsplit(args.db)
    name = f"kabarchy_bench_{os.getpid()}"
    target = urlunsplit((server.scheme, server.netloc, "/" + name, server.query, ""))
    admin = await asyncpg.connect(args.db)
    try:
        await admin.execute(f'CREATE DATABASE "{name}" TEMPLATE template0 ENCODING \'UTF8\'')
    finally:
        await admin.close()
    print(f"PostgreSQL: a new database {name} on {redact_dsn(args.db)}; SQLite: a file in a temporary directory")
    try:
        postgres = await import_and_search(target, args, "PostgreSQL")
        if args.keep:
            scratch = tempfile.mkdtemp(prefix="kabarchy-bench-")
            sqlite = await import_and_search(Path(scratch) / "bench.db", args, "SQLite")
            print(f"SQLite database kept: {Path(scratch) / 'bench.db'}")
        else:
            with tempfile.TemporaryDirectory(prefix="kabarchy-bench-") as scratch:
                sqlite = await import_and_search(Path(scratch) / "bench.db", args, "SQLite")
    finally:
        if not args.keep:
            admin = await asyncpg.connect(args.db)
            try:
                await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            finally:
                await admin.close()
        else:
            print(f"PostgreSQL database kept: {redact_dsn(target)}")
    return _side_by_side(postgres, sqlite)


def _side_by_side(postgres: dict[str, float], sqlite: dict[str, float]) -> int:
    print(f"\n{'':28}{'PostgreSQL':>12}{'SQLite':>12}")
    for key in postgres:
        print(f"{key:28}{postgres[key]:>12.2f}{sqlite[key]:>12.2f}"
              if isinstance(postgres[key], float) else f"{key:28}{postgres[key]:>12}{sqlite[key]:>12}")
    worst = max(v for k, v in postgres.items() if k.endswith("p95 ms"))
    print(f"{'PASS' if worst <= 10 else 'FAIL'}  PostgreSQL search p95 <= 10 ms: {worst:.2f} ms")
    if "import articles/s" in postgres:
        rate = postgres["import articles/s"]
        print(f"{'PASS' if rate >= 300 else 'FAIL'}  PostgreSQL import >= 300 articles/s: {rate:.0f}/s")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="analysis processes (0: threads)")
    parser.add_argument("--batch", type=int, default=64, help="articles per transaction")
    parser.add_argument("--in-flight", type=int, default=IN_FLIGHT, help="batches analysed while one is written")
    parser.add_argument("--baseline", type=int, default=10_000,
                        help="articles imported with 1 batch in flight first, as a baseline (0: none)")
    parser.add_argument(
        "--sample", type=int, default=300, help="articles for the analysis-only and storage-only timings"
    )
    parser.add_argument("--db", help="build the database here (default: a temporary directory); a postgresql:// URL"
                        " of a server: a new database there, then the same on SQLite, side by side")
    parser.add_argument("--keep", action="store_true", help="keep the temporary database and print its path")
    parser.add_argument("--search-only", action="store_true", help="with --db: only measure searches on that database"
                        " (a postgresql:// URL of the kept database, with --sqlite: the kept SQLite file)")
    parser.add_argument("--sqlite", help="with --search-only and a postgresql:// --db: the SQLite file to compare with")
    args = parser.parse_args(argv)
    if args.db and args.db.startswith(("postgresql://", "postgres://")):
        return asyncio.run(compare_with_postgres(args))
    if args.search_only and not (args.db and Path(args.db).is_file()):
        parser.error("--search-only needs --db with an existing database")
    return asyncio.run(run(args))


if __name__ == "__main__":
    sys.exit(main())
