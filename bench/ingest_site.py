"""A generated news web: feeds and article pages in Kyrgyz, Russian and English, for bench/ingest.py.

    site = generate_site(seed=7, feeds=50, items=2000)   # {path: (body bytes, content type)}
    python bench/ingest_site.py --seed 7 --feeds 50 --items 2000    # serve it on 127.0.0.1; prints the base URL

Every feed carries teasers only ("…", "Толугу менен", "Подробнее", "Read more"), so every item costs a page fetch
and an extraction, as on most real news sites. Pages have what real pages have around the article: menus,
scripts, styles, a cookie banner, related links, comments, a footer; some Russian sites are windows-1251. The news
is invented from the templates below; the seed makes it the same in the server and in the benchmark.
"""

from __future__ import annotations

import argparse
import asyncio
import html
import random
import signal
import sys
import threading
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

HOST = "http://fixtures.invalid"  # rewritten to the server's address by tests/webserver.py

KY = {
    "names": "Бакыт Жумабеков|Айгүл Сапарова|Нурлан Осмонов|Гүлнара Ташиева|Азамат Асанов|Чолпон Мамбетова|"
    "Эркин Токтогулов|Жылдыз Касымова|Мирлан Абдыкадыров|Бермет Садыкова|Улукбек Орозбеков|Динара Калыбекова",
    "roles": "министр|мэр|депутат|эксперт|аким|экономист|департаменттин башчысы|ассоциациянын төрагасы",
    "places": "Бишкек|Ош|Нарын|Талас|Каракол|Баткен|Токмок|Жалал-Абад|Балыкчы|Кара-Балта|Өзгөн|Чолпон-Ата",
    "topics": "суу түтүгү|жол куруу|мектеп|оорукана|айыл чарба|туризм|энергетика|таза аба|коомдук транспорт|"
    "бала бакча|спорт комплекси|базар",
    "titles": [
        "{place} шаарында {topic} боюнча жаңы долбоор башталды",
        "{place}: {topic} маселеси кайрадан талкууланды",
        "{role} {name} {topic} тууралуу билдирүү жасады",
        "{place} аймагында {topic} үчүн {n} миллион сом бөлүндү",
    ],
    "sentences": [
        "{place} шаарынын мэриясы {topic} боюнча {n} миллион сомдук долбоорду бекитти.",
        "Долбоорго ылайык, иштер {month} айында башталып, жыл аягына чейин бүтөт.",
        "{role} {name} маалымат жыйында долбоордун {m} пайызы жергиликтүү бюджеттен каржыланарын айтты.",
        "Тургундар {topic} маселеси бир нече жылдан бери чечилбей келгенин белгилешти.",
        "Өткөн жылы {place} аймагында {m} объект оңдолуп, {n} үй-бүлө жаңы кызматка ээ болгон.",
        "Адистердин баамында, долбоор ишке ашса, {n} жаңы жумуш орду ачылат.",
        "Шаардык кеңештин депутаттары {topic} боюнча коомдук угуу өткөрүүнү сунушташты.",
        "Министрликтин маалыматына караганда, быйыл ушундай {m} долбоор каралган.",
    ],
    "quotes": [
        "Биз бул маселени жыл аягына чейин чечебиз жана ар бир тыйындын эсебин элге көрсөтөбүз",
        "Калктын пикири биз үчүн абдан маанилүү, ошондуктан ар бир сунушту карап чыгабыз",
        "Бул каражат биринчи кезекте мектептерге жана ооруканаларга жумшалат",
        "Мындай чоң өзгөрүүнү тургундар менен талкуулабай туруп баштоого болбойт",
        "Курулуш сапаттуу болушу үчүн ар бир баскычты өзүбүз көзөмөлдөйбүз",
    ],
    "say": ["— деди {name}.", "— деп белгиледи {role} {name}.", "— деп кошумчалады {name}."],
    "marks": ("«", "»"),
    "more": "Толугу менен",
    "months": "март|апрель|май|июнь|июль|август|сентябрь|октябрь",
    "site": "Кабар Ордо {n}",
    "menu": "Саясат|Экономика|Коом|Спорт|Маданият",
    "cookie": "Бул сайт cookie файлдарын колдонот.",
    "related": "Окшош жаңылыктар",
    "comment": "Абдан жакшы жаңылык, биздин айылга да ушундай долбоор керек!",
}
RU = {
    "names": "Алексей Петров|Мария Иванова|Сергей Ким|Елена Смирнова|Тимур Исмаилов|Ольга Кузнецова|"
    "Руслан Ахмедов|Наталья Попова|Игорь Волков|Анна Лебедева|Марат Джумабаев|Светлана Орлова",
    "roles": "министр|мэр|депутат|эксперт|глава района|экономист|председатель комитета|директор департамента",
    "places": "Бишкек|Ош|Нарын|Талас|Каракол|Баткен|Токмок|Джалал-Абад|Балыкчы|Кара-Балта|Чолпон-Ата|Кант",
    "topics": "водопровод|ремонт дорог|новая школа|больница|сельское хозяйство|туризм|энергетика|"
    "чистый воздух|общественный транспорт|детский сад|спорткомплекс|рынок",
    "titles": [
        "В городе {place} начался проект «{topic}»",
        "{place}: тему «{topic}» снова обсудили в мэрии",
        "{role} {name} рассказал о планах по теме «{topic}»",
        "На проект «{topic}» в городе {place} выделят {n} миллионов сомов",
    ],
    "sentences": [
        "Мэрия города {place} утвердила проект «{topic}» стоимостью {n} миллионов сомов.",
        "Работы начнутся в {month} и должны завершиться до конца года.",
        "{role} {name} на пресс-конференции сообщил, что {m} процентов средств выделит местный бюджет.",
        "Жители отмечают, что проблема «{topic}» не решалась уже несколько лет.",
        "В прошлом году в регионе отремонтировали {m} объектов, услугами воспользовались {n} семей.",
        "По оценке специалистов, проект создаст {n} новых рабочих мест.",
        "Депутаты городского совета предложили провести общественные слушания по теме «{topic}».",
        "По данным министерства, в этом году запланировано ещё {m} подобных проектов.",
    ],
    "quotes": [
        "Мы решим этот вопрос до конца года и покажем жителям, куда ушёл каждый сом",
        "Мнение горожан для нас очень важно, поэтому мы рассмотрим каждое предложение",
        "Эти средства в первую очередь пойдут на школы и больницы",
        "Нельзя начинать такие перемены, не обсудив их с жителями",
        "Мы сами будем контролировать каждый этап строительства",
    ],
    "say": ["— сказал {name}.", "— отметил {role} {name}.", "— добавил {name}."],
    "marks": ("«", "»"),
    "more": "Подробнее",
    "months": "марте|апреле|мае|июне|июле|августе|сентябре|октябре",
    "site": "Вечерний город {n}",
    "menu": "Политика|Экономика|Общество|Спорт|Культура",
    "cookie": "Сайт использует файлы cookie.",
    "related": "Читайте также",
    "comment": "Давно пора, у нас во дворе та же проблема!",
}
EN = {
    "names": "Daniyar Omurov|Sarah Mitchell|Aibek Usenov|Laura Chen|Kanat Sydykov|James Porter|"
    "Aida Bekova|Michael Grant|Nurbek Tashiev|Emma Walsh|Ruslan Karimov|Olivia Reed",
    "roles": "minister|mayor|lawmaker|analyst|governor|economist|committee chair|department head",
    "places": "Bishkek|Osh|Naryn|Talas|Karakol|Batken|Tokmok|Jalal-Abad|Balykchy|Kara-Balta|Cholpon-Ata|Kant",
    "topics": "water mains|road repairs|a new school|the hospital|farming|tourism|energy|clean air|public transport|"
    "kindergartens|a sports centre|the market",
    "titles": [
        "{place} starts work on {topic}",
        "{place} council takes up {topic} again",
        "{role} {name} sets out plans for {topic}",
        "{place} to spend {n} million soms on {topic}",
    ],
    "sentences": [
        "The {place} city government approved a {n} million som project on {topic} on Tuesday.",
        "Work is due to begin in {month} and to finish by the end of the year.",
        "{role} {name} told reporters that {m} percent of the money would come from the local budget.",
        "Residents say the problem of {topic} has gone unsolved for several years.",
        "Last year {m} sites were repaired in the region, serving {n} families.",
        "Specialists estimate the project will create {n} new jobs.",
        "City council members proposed public hearings on {topic} before construction starts.",
        "The ministry said {m} similar projects were planned for this year.",
    ],
    "quotes": [
        "We will settle this by the end of the year and show people where every som went",
        "What residents think matters to us, so we will look at every proposal",
        "This money goes to schools and hospitals first",
        "You cannot start a change this big without talking it through with the people who live here",
        "We will check every stage of the construction ourselves",
    ],
    "say": ["{name} said.", "said {role} {name}.", "{name} added."],
    "marks": ("“", "”"),
    "more": "Read more",
    "months": "March|April|May|June|July|August|September|October",
    "site": "Mountain Herald {n}",
    "menu": "Politics|Business|Society|Sport|Culture",
    "cookie": "This site uses cookies.",
    "related": "Related stories",
    "comment": "About time, our street has had the same problem for years!",
}
LANGUAGES = {"ky": KY, "ru": RU, "en": EN}
START = datetime(2026, 1, 1, tzinfo=UTC)


def _pick(rng: random.Random, options: str | list[str]) -> str:
    return rng.choice(options.split("|") if isinstance(options, str) else options)


def _fill(rng: random.Random, vocab: dict, template: str, values: dict[str, str]) -> str:
    text = template.format(
        n=rng.randint(12, 950), m=rng.randint(3, 60), month=_pick(rng, vocab["months"]), **values
    )
    return text[0].upper() + text[1:]


def article(rng: random.Random, language: str, number: int) -> tuple[str, list[str]]:
    """Return a title and paragraphs (two or three of them with attributed quotes)."""
    vocab = LANGUAGES[language]
    values = {
        "place": _pick(rng, vocab["places"]),
        "topic": _pick(rng, vocab["topics"]),
        "name": _pick(rng, vocab["names"]),
        "role": _pick(rng, vocab["roles"]),
    }
    title = _fill(rng, vocab, _pick(rng, vocab["titles"]), values)
    sentences = list(vocab["sentences"])
    rng.shuffle(sentences)
    paragraphs = []
    quotes = rng.sample(vocab["quotes"], k=rng.randint(2, 3))
    opening, closing = vocab["marks"]
    for index in range(rng.randint(6, 9)):
        if index in (2, 5, 7) and quotes:
            speaker = {**values, "name": _pick(rng, vocab["names"]), "role": _pick(rng, vocab["roles"])}
            said = _fill(rng, vocab, _pick(rng, vocab["say"]), speaker)
            if language == "en":
                said = said if said.startswith(speaker["name"]) else said[0].lower() + said[1:]
                paragraphs.append(f"{opening}{quotes.pop()},{closing} {said}")
            else:
                paragraphs.append(f"{opening}{quotes.pop()}{closing}, {said}")
            continue
        chosen = [sentences[(index * 2 + k) % len(sentences)] for k in range(2)]
        paragraphs.append(" ".join(_fill(rng, vocab, s, values) for s in chosen))
    # A serial number keeps every generated article distinct for deduplication.
    paragraphs.append(_fill(rng, vocab, vocab["sentences"][0], values).rstrip(".") + f" ({number}).")
    return title, paragraphs


def page_html(language: str, site: str, title: str, paragraphs: list[str], *, published: datetime,
              author: str, path: str, charset: str) -> str:
    """Return an article page with the clutter real news pages have."""
    vocab = LANGUAGES[language]
    menu = "".join(f'<li><a href="/{language}/{i}">{html.escape(m)}</a></li>'
                   for i, m in enumerate(vocab["menu"].split("|")))
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs[:3])
    body += "\n<script>document.write('<div class=\"ad\">ad</div>');</script>\n"
    body += "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs[3:])
    return f"""<!DOCTYPE html>
<html lang="{language}">
<head>
<meta charset="{charset}">
<title>{html.escape(title)} | {html.escape(site)}</title>
<link rel="canonical" href="{path}">
<meta property="og:title" content="{html.escape(title)}">
<meta property="og:site_name" content="{html.escape(site)}">
<meta name="author" content="{html.escape(author)}">
<meta property="article:published_time" content="{published.isoformat()}">
<style>.banner {{ display: none }} body {{ font-family: serif }}</style>
<script>window.dataLayer = window.dataLayer || []; function track() {{ dataLayer.push(arguments); }}</script>
</head>
<body>
<div class="cookie-banner">{html.escape(vocab["cookie"])} <button>OK</button></div>
<header><a class="logo" href="/{language}/">{html.escape(site)}</a><nav><ul>{menu}</ul></nav></header>
<main>
<article class="post">
<h1>{html.escape(title)}</h1>
<div class="meta"><span class="author">{html.escape(author)}</span>
<time datetime="{published.isoformat()}">{published:%d.%m.%Y}</time></div>
<div class="post-body">
{body}
</div>
</article>
<aside class="related"><h3>{html.escape(vocab["related"])}</h3><ul><li><a href="/{language}/x">…</a></li></ul></aside>
<section class="comments"><div class="comment"><p>{html.escape(vocab["comment"])}</p></div></section>
</main>
<footer>© 2026 {html.escape(site)}</footer>
<script>(function () {{ var s = "tail"; }})();</script>
</body>
</html>
"""


def feed_xml(language: str, site: str, number: int, items: list[dict]) -> str:
    """Return an RSS 2.0 feed with teaser descriptions."""
    vocab = LANGUAGES[language]
    entries = []
    for item in items:
        teaser = html.escape(f"<p>{item['teaser']}…</p> <p><a href=\"{item['path']}\">{vocab['more']}</a></p>")
        entries.append(f"""    <item>
      <title>{html.escape(item['title'])}</title>
      <link>{HOST}{item['path']}</link>
      <guid isPermaLink="false">bench-{number}-{item['number']}</guid>
      <pubDate>{format_datetime(item['published'], usegmt=True)}</pubDate>
      <description>{teaser}</description>
    </item>""")
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0">
  <channel>
    <title>{html.escape(site)}</title>
    <link>{HOST}/site{number}/</link>
    <description>{html.escape(site)}</description>
    <language>{language}</language>
{chr(10).join(entries)}
  </channel>
</rss>
"""


def generate_site(*, seed: int = 7, feeds: int = 50, items: int = 2000) -> dict[str, tuple[bytes, str]]:
    """Return every route of the generated web: `feeds` feeds sharing `items` items, and one page per item."""
    rng = random.Random(seed)
    routes: dict[str, tuple[bytes, str]] = {}
    languages = ["ky", "ru", "en"]
    per_feed = [items // feeds + (1 if i < items % feeds else 0) for i in range(feeds)]
    counter = 0
    for number in range(feeds):
        language = languages[number % 3]
        vocab = LANGUAGES[language]
        site = vocab["site"].format(n=number + 1)
        # Every fourth Russian site is an old CMS in windows-1251.
        charset = "windows-1251" if language == "ru" and number % 4 == 1 else "utf-8"
        feed_items = []
        for index in range(per_feed[number]):
            counter += 1
            title, paragraphs = article(rng, language, counter)
            published = START + timedelta(minutes=counter * 7)
            path = f"/site{number}/news/{counter}"
            author = _pick(rng, vocab["names"])
            page = page_html(language, site, title, paragraphs, published=published, author=author,
                             path=path, charset=charset)
            encoded = page.encode(charset, errors="xmlcharrefreplace")
            routes[path] = (encoded, f"text/html; charset={charset}")
            teaser = paragraphs[0][: rng.randint(120, 200)].rsplit(" ", 1)[0]
            feed_items.append({"title": title, "path": path, "published": published, "number": index,
                               "teaser": teaser})
        feed_items.reverse()  # newest first, as feeds are
        routes[f"/site{number}/feed.xml"] = (
            feed_xml(language, site, number, feed_items).encode("utf-8"), "application/rss+xml; charset=utf-8"
        )
    return routes


def feed_paths(feeds: int) -> list[str]:
    """Return the feed paths generate_site serves."""
    return [f"/site{number}/feed.xml" for number in range(feeds)]


def site_server(routes: dict[str, tuple[bytes, str]]) -> ThreadingHTTPServer:
    """Return an HTTP server on a free 127.0.0.1 port answering GET for the routes (404 for anything else)."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            route = routes.get(self.path.split("?", 1)[0])
            body, content_type = route if route is not None else (b"not found", "text/plain")
            self.send_response(200 if route is not None else 404)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - quiet: thousands of requests
            pass

    return ThreadingHTTPServer(("127.0.0.1", 0), Handler)


async def serve(seed: int, feeds: int, items: int) -> None:
    """Serve the generated web on 127.0.0.1 until SIGTERM/SIGINT; print the base URL first."""
    routes = {
        path: (body if isinstance(body, bytes) else body.encode("utf-8"), content_type)
        for path, (body, content_type) in generate_site(seed=seed, feeds=feeds, items=items).items()
    }
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    server = site_server(routes)
    thread = threading.Thread(target=server.serve_forever, name="bench-site", daemon=True)
    thread.start()
    try:
        print(f"http://127.0.0.1:{server.server_address[1]}", flush=True)
        await stop.wait()
    finally:
        server.shutdown()
        server.server_close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--feeds", type=int, default=50)
    parser.add_argument("--items", type=int, default=2000)
    args = parser.parse_args()
    asyncio.run(serve(args.seed, args.feeds, args.items))
    return 0


if __name__ == "__main__":
    sys.exit(main())
