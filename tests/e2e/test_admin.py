"""Admins, end to end: /add from a local web server, articles sent or forwarded in private, channel posts, /stats."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
import pytest_asyncio

from botapi_emulator import BotMessage, Emulator
from handlers import admin, channels, errors, views
from handlers.access import TEXT_ADMINS_ONLY
from handlers.i18n import translator
from tests.e2e.conftest import (
    ADMIN_ID,
    BotProcess,
    Location,
    eventually,
    new_database,
    read_db,
    seed_database,
    start_bot,
)
from tests.webserver import WebServer

pytestmark = pytest.mark.asyncio(loop_scope="module")

WAIT = 20.0

PAGE = """<!doctype html>
<html lang="ky"><head><meta charset="utf-8">
<title>Токмокто жаңы бала бакча ачылды | Чүй Кабарлары</title>
<meta property="og:title" content="Токмокто 200 орундуу жаңы бала бакча ачылды">
<meta property="og:site_name" content="Чүй Кабарлары">
<meta property="article:published_time" content="2026-11-20T09:00:00+06:00">
<link rel="canonical" href="https://chui-kabar.example/ky/tokmok-kindergarten">
</head><body>
<nav><a href="/">Башкы бет</a> <a href="/sport">Спорт</a></nav>
<article>
<h1>Токмокто 200 орундуу жаңы бала бакча ачылды</h1>
<p>Токмок шаарында 200 балага ылайыкталган жаңы бала бакча ишке кирди. Курулушка шаардын бюджетинен жана
эл аралык донорлордон 60 миллион сом жумшалды.</p>
<p>Бала бакчада алты топ, бассейн жана медициналык бөлмө бар. Тарбиячылар жаңы программа боюнча окутулду.</p>
<p>«Эми шаардагы кезек эки эсе кыскарат. Ата-энелер балдарын жумушка барар алдында тынч калтыра алышат», — деди
Токмок шаарынын мэри Талант Асанбеков.</p>
<p>Шаардын билим берүү бөлүмүнүн башчысы Мээрим Дүйшөнова кийинки жылы дагы бир бала бакча курулаарын айтты.</p>
<p>«Биз 2027-жылга чейин кезекти толугу менен жоюуну максат кылып жатабыз», — деп билдирди Мээрим Дүйшөнова.</p>
</article>
<footer>© Чүй Кабарлары</footer>
</body></html>
"""

FORWARDED = """Каракол аэропорту эл аралык каттамдарды кабыл ала баштайт

Каракол аэропорту кийинки жылдын жазынан тартып Алматы жана Новосибирск шаарларынан түз каттамдарды кабыл алат. \
Бул тууралуу Транспорт министрлиги билдирди.

«Учуп-конуу тилкеси толугу менен оңдолду, эми аэропорт ири учактарды да кабыл ала алат», — деди министрдин \
орун басары Алмаз Жээнбеков.

Ысык-Көл облусунун туризм тармагы бул жаңылыкты кубаныч менен кабыл алды."""

CHANNEL_POST = """Ош шаарында жаңы базар курулат

Ош шаарынын мэриясы шаардын түштүгүндө заманбап дыйкан базарын курууну пландап жатат. Курулуш кийинки жылы \
башталат.

«Жаңы базар дыйкандарга түшүмүн ортомчусуз сатууга мүмкүнчүлүк берет», — деди мэриянын өкүлү Бакыт Төрөбаев."""


def tr(lang: str, text: str, **values: object) -> str:
    return translator(lang).gettext(text).format(**values)


async def ask(emulator: Emulator, chat_id: int, text: str) -> BotMessage:
    await emulator.send_message(chat_id, text)
    return await emulator.next_bot_message(chat_id, timeout=WAIT)


def article_count(db: Location) -> int:
    return read_db(db, "SELECT count(*) FROM articles")[0][0]


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def web() -> AsyncIterator[WebServer]:
    async with WebServer() as server:
        yield server


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def admin_bot(
    backend: str, e2e_emulator: Emulator, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[BotProcess]:
    """A bot whose fetcher may read 127.0.0.1 (the test web server), on a database with the demo articles."""
    workdir = tmp_path_factory.mktemp("admin")
    with new_database(backend, workdir) as db:
        await seed_database(db)
        await e2e_emulator.create_user(ADMIN_ID, first_name="Админ", language_code="ky")
        process = await start_bot(e2e_emulator, db=db, workdir=workdir, env={"KABARCHY_FETCH_PRIVATE": "true"})
        try:
            yield process
        finally:
            await process.stop()
        process.assert_clean_exit()


async def test_add_stores_a_page_and_recognises_it_again(
    admin_bot: BotProcess, e2e_emulator: Emulator, web: WebServer
) -> None:
    url = web.add("/ky/tokmok-kindergarten", PAGE)
    before = article_count(admin_bot.db)
    reply = await ask(e2e_emulator, ADMIN_ID, f"/add {url}")
    article_id = read_db(admin_bot.db, "SELECT max(id) FROM articles")[0][0]
    assert reply.text.startswith(tr("ky", admin.TEXT_STORED, id=article_id))
    assert "Токмокто 200 орундуу жаңы бала бакча ачылды" in reply.text
    assert "— Талант Асанбеков" in reply.text and "— Мээрим Дүйшөнова" in reply.text
    assert "Чүй Кабарлары" in reply.text
    assert article_count(admin_bot.db) == before + 1
    assert read_db(admin_bot.db, "SELECT url FROM articles WHERE id = ?", (article_id,)) == [
        ("https://chui-kabar.example/ky/tokmok-kindergarten",)
    ]

    again = await ask(e2e_emulator, ADMIN_ID, f"/add {url}")
    assert again.text.startswith(tr("ky", admin.TEXT_ALREADY, id=article_id))
    assert article_count(admin_bot.db) == before + 1


@pytest.mark.parametrize(
    ("path", "body", "status", "content_type", "expected"),
    [
        ("/missing", "not here", 404, "text/html", (errors.TEXT_INGEST["unreachable"], {"detail": "HTTP 404"})),
        ("/menu", "<html><body><nav>Башкы бет</nav></body></html>", 200, "text/html",
         (errors.TEXT_INGEST["not_article"], {})),
        ("/image.png", "PNG", 200, "image/png",
         (errors.TEXT_INGEST["unreachable"], {"detail": "not a web page (image/png)"})),
    ],
)
async def test_add_explains_pages_it_cannot_store(
    admin_bot: BotProcess, e2e_emulator: Emulator, web: WebServer, path: str, body: str, status: int,
    content_type: str, expected: tuple[str, dict],
) -> None:
    url = web.add(path, body, status=status, content_type=content_type)
    before = article_count(admin_bot.db)
    reply = await ask(e2e_emulator, ADMIN_ID, f"/add {url}")
    text, values = expected
    assert reply.text == tr("ky", text, **values)
    assert article_count(admin_bot.db) == before


@pytest.mark.parametrize(
    ("command", "expected"),
    [
        ("/add", admin.TEXT_ADD_USAGE),
        ("/add not-a-link", errors.TEXT_INGEST["invalid_url"]),
        ("/add ftp://example.kg/file", errors.TEXT_INGEST["invalid_url"]),
        ("/add https://a.kg/1 https://b.kg/2", admin.TEXT_ADD_USAGE),
    ],
)
async def test_add_checks_its_argument(
    admin_bot: BotProcess, e2e_emulator: Emulator, command: str, expected: str
) -> None:
    reply = await ask(e2e_emulator, ADMIN_ID, command)
    assert reply.text == tr("ky", expected)


async def test_non_admins_are_refused_and_nothing_is_stored(
    admin_bot: BotProcess, e2e_emulator: Emulator, web: WebServer
) -> None:
    url = web.add("/ky/refused", PAGE.replace("Токмокто", "Кантта"))
    stranger = (await e2e_emulator.create_user(first_name="Stranger", language_code="en"))["id"]
    before = article_count(admin_bot.db)
    assert (await ask(e2e_emulator, stranger, f"/add {url}")).text == tr("en", TEXT_ADMINS_ONLY)
    await e2e_emulator.forward_message(stranger, text=FORWARDED, origin_sender_name="Кабар")
    assert (await e2e_emulator.next_bot_message(stranger, timeout=WAIT)).text == tr("en", TEXT_ADMINS_ONLY)
    assert (await ask(e2e_emulator, stranger, "/stats")).text == tr("en", TEXT_ADMINS_ONLY)
    assert web.hits("/ky/refused") == 0
    assert article_count(admin_bot.db) == before


async def test_an_admins_forwarded_article_is_stored(admin_bot: BotProcess, e2e_emulator: Emulator) -> None:
    channel = await e2e_emulator.create_chat("channel", title="Ысык-Көл Таңы", username="issykkul_tany")
    post = await e2e_emulator.send_message(channel["id"], "Кыска кабар")  # an unknown channel: nothing stored
    question = await e2e_emulator.next_bot_message(ADMIN_ID, timeout=WAIT)
    assert "Ысык-Көл Таңы" in question.text and question.button_texts == [
        [tr("ky", channels.TEXT_ALLOW), tr("ky", channels.TEXT_IGNORE)]
    ]
    before = article_count(admin_bot.db)
    await e2e_emulator.forward_message(
        ADMIN_ID, text=FORWARDED, origin_chat_id=channel["id"], origin_message_id=post["message_id"] + 40
    )
    reply = await e2e_emulator.next_bot_message(ADMIN_ID, timeout=WAIT)
    article_id = read_db(admin_bot.db, "SELECT max(id) FROM articles")[0][0]
    assert reply.text.startswith(tr("ky", admin.TEXT_STORED, id=article_id))
    assert "Каракол аэропорту эл аралык каттамдарды кабыл ала баштайт" in reply.text
    assert "— Алмаз Жээнбеков" in reply.text
    row = read_db(admin_bot.db, "SELECT title, source, url FROM articles WHERE id = ?", (article_id,))
    assert row == [("Каракол аэропорту эл аралык каттамдарды кабыл ала баштайт", "Ысык-Көл Таңы",
                    f"https://t.me/issykkul_tany/{post['message_id'] + 40}")]
    assert article_count(admin_bot.db) == before + 1

    short = await e2e_emulator.forward_message(ADMIN_ID, text="Салам!", origin_sender_name="Досум")
    assert short["text"] == "Салам!"
    assert (await e2e_emulator.next_bot_message(ADMIN_ID, timeout=WAIT)).text == tr("ky", admin.TEXT_TOO_SHORT)


async def test_an_admins_long_message_is_stored_with_its_first_line_as_title(
    admin_bot: BotProcess, e2e_emulator: Emulator
) -> None:
    text = FORWARDED.replace("Каракол", "Нарын").replace("Алмаз Жээнбеков", "Айбек Осмонов") + "\n\n" + (
        "Аэропорттун жетекчилиги жаңы терминалдын долбоорун да даярдап жатканын билдирди. " * 2
    )
    reply = await ask(e2e_emulator, ADMIN_ID, text)
    assert "Нарын аэропорту эл аралык каттамдарды кабыл ала баштайт" in reply.text
    assert "— Айбек Осмонов" in reply.text


async def test_channel_posts_are_stored_silently_once_an_admin_allowed_the_channel(
    admin_bot: BotProcess, e2e_emulator: Emulator
) -> None:
    channel = await e2e_emulator.create_chat("channel", title="Ош Жаңылыктары", username="osh_news", bot_status="left")
    await e2e_emulator.set_bot_status(channel["id"], "administrator")
    question = await e2e_emulator.next_bot_message(ADMIN_ID, timeout=WAIT)
    assert "Ош Жаңылыктары" in question.text
    before = article_count(admin_bot.db)
    await e2e_emulator.press_button(ADMIN_ID, question.message_id, tr("ky", channels.TEXT_ALLOW))
    allowed = await e2e_emulator.next_bot_edit(ADMIN_ID, message_id=question.message_id, timeout=WAIT)
    assert allowed.text.startswith("✅") and article_count(admin_bot.db) == before
    await e2e_emulator.send_message(channel["id"], "Кутман таң!")  # short: not an article
    post = await e2e_emulator.send_message(channel["id"], CHANNEL_POST)

    def stored() -> list[tuple]:
        sql = "SELECT id, title, source, url FROM articles WHERE source = ?"
        return read_db(admin_bot.db, sql, ("Ош Жаңылыктары",))

    row = await eventually(stored)
    assert row[0][1:] == ("Ош шаарында жаңы базар курулат", "Ош Жаңылыктары",
                          f"https://t.me/osh_news/{post['message_id']}")
    assert article_count(admin_bot.db) == before + 1

    # An edited post updates the same article.
    edited = CHANNEL_POST.replace("Бакыт Төрөбаев", "Бакыт Төрөев")
    await e2e_emulator.edit_message(channel["id"], post["message_id"], edited)
    sql = "SELECT article_id FROM quotes WHERE speaker = ?"
    await eventually(lambda: read_db(admin_bot.db, sql, ("Бакыт Төрөев",)))
    assert article_count(admin_bot.db) == before + 1
    quote = await ask(e2e_emulator, ADMIN_ID, "/quotes Төрөев")
    assert f"/article_{row[0][0]}" in quote.text
    assert await e2e_emulator.bot_messages(channel["id"]) == []


async def test_stats_for_admins(admin_bot: BotProcess, e2e_emulator: Emulator) -> None:
    reply = await ask(e2e_emulator, ADMIN_ID, "/stats")
    count = article_count(admin_bot.db)
    assert tr("ky", views.TEXT_STATS_TITLE) in reply.text
    assert f"{count}" in reply.text
    assert "ky: " in reply.text and "ru: 3" in reply.text and "en: 3" in reply.text
