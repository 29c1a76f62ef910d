"""Trust, through the real Application against the Bot API emulator: channels publish only once an admin allowed
them, truthful replies, bounded keywords and cards, each chat's digest in its own language, /help's sections."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from telegram.ext import Application

from bot.app import build_application, running
from bot.config import Config
from bot.ingest import Ingester
from botapi_emulator import DEFAULT_TOKEN, BotMessage, Emulator
from handlers import admin, channels, errors, feeds, quotes, start, subscribe
from handlers.i18n import translator
from handlers.render import truncate
from news.models import ChannelStatus
from storage import Store
from tests.digest_articles import EN_TRADE, KY_ROADS

ADMIN = 4242
WAIT = 10.0

POST = """Ош шаарында жаңы базар курулат

Ош шаарынын мэриясы шаардын түштүгүндө заманбап дыйкан базарын курууну пландап жатат. Курулуш кийинки жылы \
башталат.

«Жаңы базар дыйкандарга түшүмүн ортомчусуз сатууга мүмкүнчүлүк берет», — деди мэриянын өкүлү Бакыт Төрөбаев."""

LONG_PASTE = "Бишкекте жаңы парк ачылды жана шаардын тургундары аны күтүп жүрүшкөн. " * 12


def tr(language: str, text: str, **values: object) -> str:
    return translator(language).gettext(text).format(**values)


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    opened = await Store.open(tmp_path / "kabarchy.db")
    try:
        yield opened
    finally:
        await opened.close()


@pytest.fixture
async def app(emulator: Emulator, store: Store, tmp_path: Path) -> AsyncIterator[Application]:
    await emulator.create_user(ADMIN, first_name="Админ", language_code="ky")
    config = Config(token=DEFAULT_TOKEN, api_url=emulator.root, db_path=tmp_path / "kabarchy.db",
                    admins=frozenset({ADMIN}))
    application = build_application(config, store=store)
    async with running(application):
        await emulator.wait_until_polling()
        yield application


async def ask(emulator: Emulator, chat_id: int, text: str) -> BotMessage:
    await emulator.send_message(chat_id, text)
    return await emulator.next_bot_message(chat_id, timeout=WAIT)


async def settled(emulator: Emulator, app: Application) -> None:
    """Wait until the bot has fetched every update and no handler is running (as the demo's chat does)."""
    quiet = 0
    for _ in range(500):
        await asyncio.sleep(0.01)
        busy = (
            await emulator.pending_updates() > 0
            or not app.update_queue.empty()
            or app.update_processor.current_concurrent_updates > 0
        )
        quiet = 0 if busy else quiet + 1
        if quiet >= 3:
            return


async def _eventually(read, expected, *, timeout: float = WAIT):  # noqa: ANN001, ANN202
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        value = await read()
        if value == expected or loop.time() > deadline:
            return value
        await asyncio.sleep(0.05)


# --- channels ---------------------------------------------------------------------------------------------------


async def test_a_channel_publishes_only_after_an_admin_allowed_it(
    app: Application, emulator: Emulator, store: Store
) -> None:
    owner = await emulator.create_user(first_name="Stranger", language_code="en")
    channel = await emulator.create_chat("channel", title="Ош Жаңылыктары", username="osh_news",
                                         bot_status="left", owner_id=owner["id"])
    await emulator.set_bot_status(channel["id"], "administrator", by_user_id=owner["id"])
    question = await emulator.next_bot_message(ADMIN, timeout=WAIT)
    assert "Ош Жаңылыктары" in question.text and "@osh_news" in question.text and "Stranger" in question.text
    assert question.button_texts == [[tr("ky", channels.TEXT_ALLOW), tr("ky", channels.TEXT_IGNORE)]]
    # Posts before a decision are not stored, and nobody is asked twice.
    await emulator.send_message(channel["id"], POST)
    await settled(emulator, app)
    assert await store.articles.count() == 0
    assert await emulator.bot_messages(ADMIN) == [question]
    query = await emulator.press_button(ADMIN, question.message_id, tr("ky", channels.TEXT_ALLOW))
    await emulator.callback_answer(query["id"], timeout=WAIT)
    decided = await emulator.next_bot_edit(ADMIN, message_id=question.message_id, timeout=WAIT)
    assert "✅" in decided.text and (await store.channels.status(channel["id"])) is ChannelStatus.ALLOWED
    await emulator.send_message(channel["id"], POST.replace("Ош шаарында", "Ош шаарында дагы"))
    stored = await _eventually(lambda: store.articles.count(), 1)
    assert stored == 1
    listed = await ask(emulator, ADMIN, "/channels")
    assert "Ош Жаңылыктары" in listed.text and tr("ky", channels.TEXT_ARTICLES, count=1) in listed.text
    # Revoke, keeping nothing: its article goes, its new posts are not stored.
    await emulator.press_button(ADMIN, listed.message_id, 0)
    confirm = await emulator.next_bot_edit(ADMIN, message_id=listed.message_id, timeout=WAIT)
    assert confirm.button_texts[0] == [tr("ky", channels.TEXT_KEEP), tr("ky", channels.TEXT_REMOVE)]
    await emulator.press_button(ADMIN, listed.message_id, tr("ky", channels.TEXT_REMOVE))
    revoked = await emulator.next_bot_edit(ADMIN, message_id=listed.message_id, timeout=WAIT)
    assert "⛔" in revoked.text and await store.articles.count() == 0
    await emulator.send_message(channel["id"], POST.replace("базар", "мектеп"))
    await settled(emulator, app)
    assert await store.articles.count() == 0
    assert await emulator.bot_messages(channel["id"]) == []  # nothing is ever said in the channel


async def test_a_post_from_an_unknown_channel_asks_the_admins_and_a_stranger_cannot_decide(
    app: Application, emulator: Emulator, store: Store
) -> None:
    stranger = (await emulator.create_user(first_name="Stranger", language_code="en"))["id"]
    channel = await emulator.create_chat("channel", title="Fake News", username="fake_news")
    await emulator.send_message(channel["id"], POST)
    question = await emulator.next_bot_message(ADMIN, timeout=WAIT)
    assert "Fake News" in question.text and await store.articles.count() == 0
    assert (await store.channels.status(channel["id"])) is ChannelStatus.PENDING
    # A stranger's /channels is refused, and so is a forged button pressed under the bot's refusal.
    refusal = await ask(emulator, stranger, "/channels")
    assert refusal.text == tr("en", "Only the bot's admins can do this, so nothing was changed or stored.")
    query = await emulator.press_button(stranger, refusal.message_id, data=f"ch:a:{channel['id']}")
    answer = await emulator.callback_answer(query["id"], timeout=WAIT)
    assert answer.get("show_alert") is True
    assert (await store.channels.status(channel["id"])) is ChannelStatus.PENDING
    # Ignored: later posts are not stored, and the admins are not asked again.
    await emulator.press_button(ADMIN, question.message_id, tr("ky", channels.TEXT_IGNORE))
    await emulator.next_bot_edit(ADMIN, message_id=question.message_id, timeout=WAIT)
    await emulator.send_message(channel["id"], POST.replace("базар", "парк"))
    await settled(emulator, app)
    assert await store.articles.count() == 0 and len(await emulator.bot_messages(ADMIN)) == 1


# --- truthful replies -------------------------------------------------------------------------------------------


async def test_a_private_address_is_refused_as_such(app: Application, emulator: Emulator) -> None:
    reply = await ask(emulator, ADMIN, "/add http://169.254.169.254/latest/meta-data/")
    assert reply.text == tr("ky", errors.TEXT_INGEST["private"], detail="169.254.169.254")
    assert reply.text != tr("ky", errors.TEXT_INGEST["invalid_url"])


async def test_a_users_long_text_is_a_search_not_a_refusal(
    app: Application, emulator: Emulator, store: Store
) -> None:
    user = (await emulator.create_user(first_name="Айбек", language_code="ky"))["id"]
    reply = await ask(emulator, user, LONG_PASTE)
    query = quotes.text_query(LONG_PASTE)
    assert query and len(query) <= 200 and LONG_PASTE.startswith(query)
    assert reply.text == tr("ky", quotes.TEXT_NO_QUOTES, query=truncate(query, 60))
    assert await store.articles.count() == 0


async def test_an_admins_message_without_a_title_line_is_stored_only_when_confirmed(
    app: Application, emulator: Emulator, store: Store
) -> None:
    one_line = "Бишкекте бүгүн жаңы парк ачылды жана шаардын тургундары аны көптөн бери күтүп жүрүшкөн. " * 110
    assert len(one_line) > 9000
    question = await ask(emulator, ADMIN, one_line[:4000])
    assert question.text == tr("ky", admin.TEXT_CONFIRM_UNTITLED) and await store.articles.count() == 0
    await emulator.press_button(ADMIN, question.message_id, tr("ky", admin.TEXT_DONT_STORE))
    assert (await emulator.next_bot_message(ADMIN, timeout=WAIT)).text == tr("ky", admin.TEXT_NOT_STORED)
    assert await store.articles.count() == 0
    again = await ask(emulator, ADMIN, one_line[:4000])
    await emulator.press_button(ADMIN, again.message_id, tr("ky", admin.TEXT_STORE_ANYWAY))
    stored = await emulator.next_bot_message(ADMIN, timeout=WAIT)
    assert stored.text.startswith(tr("ky", admin.TEXT_STORED, id=1)) and await store.articles.count() == 1
    # The same button again is out of date: nothing is stored twice.
    assert again.reply_markup is not None
    data = again.reply_markup["inline_keyboard"][0][0]["callback_data"]
    query = await emulator.press_button(ADMIN, again.message_id, data=data)
    answer = await emulator.callback_answer(query["id"], timeout=WAIT)
    assert answer.get("text") == tr("ky", errors.TEXT_STALE_BUTTON)
    assert await store.articles.count() == 1


# --- bounds -----------------------------------------------------------------------------------------------------


async def test_keywords_are_bounded_and_settings_always_fit(app: Application, emulator: Emulator, store: Store) -> None:
    user = (await emulator.create_user(language_code="en"))["id"]
    await ask(emulator, user, "/subscribe 08:00 Asia/Bishkek")
    await emulator.next_bot_message(user, timeout=WAIT)
    saved = await ask(emulator, user, "/include " + "ж" * 3900 + ", суу")
    assert tr("en", subscribe.T_KEYWORD_TOO_LONG, count=50) in saved.text
    sub = await store.subscribers.for_chat(user)
    assert sub is not None and sub.include == ("суу",)
    # A database written by an older version holds a 12,000-character keyword: the card still fits.
    await store.db.write("UPDATE subscribers SET include_keywords = ?, exclude_keywords = ? WHERE id = ?",
                         (json.dumps(["ж" * 12_000] * 20), json.dumps(["ы" * 12_000]), sub.id))
    card = await ask(emulator, user, "/settings")
    assert len(card.text) < 4096 and "ж" * 49 + "…" in card.text
    assert await emulator.call_count(method="sendMessage", ok=False) == 0


async def test_every_card_fits_one_message_whatever_is_stored(
    app: Application, emulator: Emulator, store: Store
) -> None:
    result = await Ingester(store).save(KY_ROADS)
    huge = "Жол " * 250_000
    await store.db.write(
        "UPDATE articles SET title = ?, source = ?, lead = ?, author = ?, url = ? WHERE id = ?",
        (huge, huge, huge, huge, "https://example.kg/" + "a" * 100_000, result.article_id),
    )
    await store.db.write("UPDATE quotes SET text = ?, speaker = ? WHERE article_id = ?",
                         (huge, huge, result.article_id))
    await store.db.write("UPDATE summary_sentences SET text = ? WHERE article_id = ?", (huge, result.article_id))
    user = (await emulator.create_user(language_code="ru"))["id"]
    for command in ("/latest", f"/article {result.article_id}", "/quotes", "/quotes Жол", "/search Жол"):
        await emulator.send_message(user, command)
        reply = await emulator.next_bot_message(user, timeout=WAIT)
        assert len(reply.text) <= 4096, command
    answer = await emulator.send_inline_query(user, "", timeout=WAIT)  # the latest key quotes
    assert answer["results"]
    await emulator.choose_inline_result(answer["inline_query_id"], answer["results"][0]["id"], chat_id=user)
    await settled(emulator, app)
    await ask(emulator, user, "/subscribe")
    await Ingester(store).save(EN_TRADE)
    await store.db.write("UPDATE articles SET title = ?, source = ? WHERE id > ?", (huge, huge, result.article_id))
    await ask(emulator, user, "/digest")
    await settled(emulator, app)
    assert await emulator.call_count(ok=False) == 0
    # Each answer was one message: nothing was split into a flood.
    sent = await emulator.bot_messages(user)
    assert len(sent) <= 12 and all(len(m.text) <= 4096 for m in sent)


# --- languages and help -----------------------------------------------------------------------------------------


async def test_time_zone_buttons_speak_the_chats_language(app: Application, emulator: Emulator) -> None:
    user = (await emulator.create_user(language_code="ky"))["id"]
    await ask(emulator, user, "/language")
    reply = await ask(emulator, user, "/subscribe")
    assert reply.button_texts[0] == ["Бишкек", "Ош", "Алматы"]
    english = (await emulator.create_user(language_code="en"))["id"]
    reply = await ask(emulator, english, "/subscribe")
    labels = [label for row in reply.button_texts for label in row]
    assert labels[:3] == ["Bishkek", "Osh", "Almaty"] and "New York" in labels
    assert not any(ch in "".join(labels) for ch in "БОАТМ")
    await emulator.press_button(english, reply.message_id, "Osh")
    card = await emulator.next_bot_edit(english, message_id=reply.message_id, timeout=WAIT)
    assert "Asia/Bishkek" in card.text
    assert subscribe.resolve_timezone("Нью-Йорк") == subscribe.resolve_timezone("new york") == "America/New_York"


async def test_help_lists_the_digest_commands_apart_from_the_admins_feeds(app: Application, emulator: Emulator) -> None:
    for language in ("ky", "ru", "en"):
        await app.bot_data["store"].chats.set_language(ADMIN, language)
        app.chat_data[ADMIN].clear()  # forget the cached language
        reply = await ask(emulator, ADMIN, "/help")
        text = reply.text
        feeds_heading = tr(language, feeds.TEXT_HELP).split("\n")[0]
        admin_heading = tr(language, start.TEXT_HELP_ADMIN).split("\n")[0]
        digest_line = tr(language, subscribe.T_HELP).split("\n")[0]
        assert text.index(digest_line) < text.index(admin_heading) < text.index(feeds_heading), language
        assert "/subscribe" not in text[text.index(feeds_heading):], language


async def test_each_chat_gets_its_digest_in_its_subscribers_language(
    app: Application, emulator: Emulator, store: Store
) -> None:
    english = (await emulator.create_user(language_code="en"))["id"]
    russian = (await emulator.create_user(language_code="en"))["id"]
    for user in (english, russian):
        await ask(emulator, user, "/subscribe 08:00 Asia/Bishkek")
    await store.chats.set_language(russian, "ru")  # the chat's own choice wins over its subscriber's app
    await Ingester(store).save(KY_ROADS)
    for user in (english, russian):
        sub = await store.subscribers.for_chat(user)
        assert sub is not None
        await store.subscribers.set_next_due(sub.id, datetime.now(UTC) - timedelta(minutes=1))
        await emulator.mark_read(user)
    app.bot_data["digests"].wake()
    english_digest = await emulator.next_bot_message(english, timeout=WAIT)
    russian_digest = await emulator.next_bot_message(russian, timeout=WAIT)
    assert english_digest.text.startswith("📰 News digest")
    assert russian_digest.text.startswith("📰 Дайджест новостей")
