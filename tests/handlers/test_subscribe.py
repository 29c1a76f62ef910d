"""Subscribing and the digest settings, through the real Application (bot/app.py) against the Bot API emulator."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from telegram.ext import Application

from bot.app import build_application, running
from bot.config import Config
from bot.ingest import Ingester
from botapi_emulator import DEFAULT_TOKEN, Emulator
from handlers.i18n import translator
from handlers.subscribe import T_FIRST_DIGEST, parse_time, resolve_timezone, split_keywords
from news.models import Frequency
from news.schedule import next_due
from storage import Store
from tests.digest_articles import EN_SOLAR, EN_TRADE, KY_ROADS, KY_WATER, RU_AIRPORT, RU_BUDGET, RU_FLOOD, numbered


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    opened = await Store.open(tmp_path / "kabarchy.db")
    try:
        yield opened
    finally:
        await opened.close()


@pytest.fixture
async def app(emulator: Emulator, store: Store, tmp_path: Path) -> AsyncIterator[Application]:
    config = Config(token=DEFAULT_TOKEN, api_url=emulator.root, db_path=tmp_path / "kabarchy.db")
    application = build_application(config, store=store)
    async with running(application):
        await emulator.wait_until_polling()
        yield application


async def ask(emulator: Emulator, chat_id: int, text: str, **options):
    await emulator.send_message(chat_id, text, **options)
    return await emulator.next_bot_message(chat_id)


@pytest.mark.parametrize(("text", "expected"), [("8", time(8)), ("07:30", time(7, 30)), ("7.05", time(7, 5)),
                                                ("21h15", time(21, 15)), ("24:00", None), ("7:60", None), ("x", None)])
def test_parse_time(text: str, expected: time | None) -> None:
    assert parse_time(text) == expected


@pytest.mark.parametrize(("text", "expected"), [("Europe/Berlin", "Europe/Berlin"), ("europe/berlin", "Europe/Berlin"),
                                                ("Бишкек", "Asia/Bishkek"), ("ош", "Asia/Bishkek"),
                                                ("America/Argentina/Salta", "America/Argentina/Salta"),
                                                ("Mars/Olympus", None), ("../../etc/passwd", None), ("UTC", None)])
def test_resolve_timezone(text: str, expected: str | None) -> None:
    assert resolve_timezone(text) == expected


def test_split_keywords() -> None:
    assert split_keywords("Жапаров, суу;  Садыр Жапаров\nОш") == ["Жапаров", "суу", "Садыр Жапаров", "Ош"]


async def test_subscribe_then_choose_the_time_zone_by_button(app: Application, emulator: Emulator, store: Store) -> None:
    user = await emulator.create_user(first_name="Айгүл", language_code="ky")
    reply = await ask(emulator, user["id"], "/subscribe")
    assert "08:00" in reply.text and ["Бишкек", "Ош", "Алматы"] in reply.button_texts
    await emulator.press_button(user["id"], reply.message_id, "Алматы")
    card = await emulator.next_bot_edit(user["id"], message_id=reply.message_id)
    assert "Asia/Almaty" in card.text and "08:00" in card.text
    sub = await store.subscribers.for_chat(user["id"])
    assert sub is not None and sub.timezone == "Asia/Almaty" and sub.local_time == time(8, 0) and not sub.paused
    expected = next_due(local_time=time(8, 0), timezone="Asia/Almaty", after=datetime.now(UTC))
    assert sub.next_due_at is not None and abs(sub.next_due_at - expected) < timedelta(seconds=1)


async def test_subscribe_with_time_and_zone_and_bad_input(app: Application, emulator: Emulator, store: Store) -> None:
    user = await emulator.create_user(language_code="ru")
    bad = await ask(emulator, user["id"], "/subscribe 25:00")
    assert "25:00" in bad.text and "ЧЧ:ММ" in bad.text
    bad_zone = await ask(emulator, user["id"], "/subscribe 07:30 Mars/Olympus")
    assert "Mars/Olympus" in bad_zone.text
    assert await store.subscribers.for_chat(user["id"]) is None
    done = await ask(emulator, user["id"], "/subscribe 07:30 Europe/London")
    assert "07:30" in done.text and "Europe/London" in done.text
    card = await emulator.next_bot_message(user["id"])
    assert "Настройки дайджеста" in card.text
    sub = await store.subscribers.for_chat(user["id"])
    assert sub is not None and sub.local_time == time(7, 30) and sub.timezone == "Europe/London"


async def test_settings_buttons_change_everything(app: Application, emulator: Emulator, store: Store) -> None:
    user = await emulator.create_user(language_code="en")
    await ask(emulator, user["id"], "/subscribe 08:00 Asia/Bishkek")
    card = await emulator.next_bot_message(user["id"])
    chat = user["id"]

    async def press(label: str) -> object:
        await emulator.press_button(chat, card.message_id, label)
        return await emulator.next_bot_edit(chat, message_id=card.message_id)

    assert "Choose an hour" in (await press("⏰ Time")).text
    assert "06:00" in (await press("06:00")).text
    await press("📅 How often")
    assert "every Monday" in (await press("Monday")).text
    await press("🌐 Languages")
    langs = await press("Кыргызча")
    assert ["✅ Кыргызча", "Русский", "English"] in langs.button_texts
    await press("Русский")
    back = await press("◀ Back")
    assert "Кыргызча, Русский" in back.text
    paused = await press("⏸ Pause")
    assert "Paused" in paused.text
    sub = await store.subscribers.for_chat(chat)
    assert sub is not None and sub.paused and sub.next_due_at is None
    assert sub.local_time == time(6, 0) and sub.frequency is Frequency.WEEKLY and sub.weekday == 0
    assert sub.languages == ("ky", "ru")
    resumed = await press("▶ Resume")
    assert "Next digest" in resumed.text
    sub = await store.subscribers.for_chat(chat)
    assert sub is not None and not sub.paused and sub.next_due_at is not None
    assert sub.next_due_at.astimezone(UTC).weekday() in (6, 0)  # Monday 06:00 in Bishkek is Sunday/Monday UTC
    gone = await press("✖ Unsubscribe")
    assert "/subscribe" in gone.text
    assert await store.subscribers.for_chat(chat) is None


async def test_other_time_zone_is_typed_and_other_texts_go_on(app: Application, emulator: Emulator, store: Store) -> None:
    user = await emulator.create_user(language_code="en")
    reply = await ask(emulator, user["id"], "/subscribe")
    await emulator.press_button(user["id"], reply.message_id, "Other…")
    prompt = await emulator.next_bot_message(user["id"])
    assert "Area/City" in prompt.text
    card = await ask(emulator, user["id"], "europe/berlin")
    assert "Europe/Berlin" in card.text
    sub = await store.subscribers.for_chat(user["id"])
    assert sub is not None and sub.timezone == "Europe/Berlin"
    # Not asked for any more: a text shaped like a zone is an ordinary message again (here: a quote search).
    other = await ask(emulator, user["id"], "Asia/Tokyo")
    assert "Digest settings" not in other.text
    sub = await store.subscribers.for_chat(user["id"])
    assert sub is not None and sub.timezone == "Europe/Berlin"


async def test_pause_resume_unsubscribe_commands_and_keywords(
    app: Application, emulator: Emulator, store: Store
) -> None:
    user = await emulator.create_user(language_code="ky")
    chat = user["id"]
    assert "/subscribe" in (await ask(emulator, chat, "/pause")).text  # nothing to pause yet
    await ask(emulator, chat, "/subscribe 09:00 Asia/Bishkek")
    await emulator.next_bot_message(chat)
    saved = await ask(emulator, chat, "/include Жапаров, суу")
    assert "Жапаров, суу" in saved.text
    await ask(emulator, chat, "/exclude футбол")
    sub = await store.subscribers.for_chat(chat)
    assert sub is not None and sub.include == ("Жапаров", "суу") and sub.exclude == ("футбол",)
    await ask(emulator, chat, "/include -")
    assert "токтотулду" in (await ask(emulator, chat, "/pause")).text
    assert "кайра" in (await ask(emulator, chat, "/resume")).text.lower()
    sub = await store.subscribers.for_chat(chat)
    assert sub is not None and sub.include == () and not sub.paused
    assert "/subscribe" in (await ask(emulator, chat, "/unsubscribe")).text
    assert await store.subscribers.for_chat(chat) is None


async def test_only_group_admins_change_a_group_digest(app: Application, emulator: Emulator, store: Store) -> None:
    admin = (await emulator.create_user(first_name="Админ", language_code="ru"))["id"]
    member = (await emulator.create_user(first_name="Катышуучу", language_code="ru"))["id"]
    group = await emulator.create_chat("supergroup", title="Айыл", owner_id=admin, member_ids=[member])
    refused = await ask(emulator, group["id"], "/subscribe", user_id=member)
    assert "администраторы" in refused.text
    assert await store.subscribers.for_chat(group["id"]) is None
    await ask(emulator, group["id"], "/subscribe 08:00 Asia/Bishkek", user_id=admin)
    sub = await store.subscribers.for_chat(group["id"])
    assert sub is not None
    chat = await store.chats.get(group["id"])
    assert chat is not None and chat.type == "supergroup"
    card = await emulator.next_bot_message(group["id"])
    query = await emulator.press_button(group["id"], card.message_id, "⏸ Пауза", user_id=member)
    answer = await emulator.callback_answer(query["id"])
    assert answer["show_alert"] and "администраторы" in answer["text"]
    assert (await store.subscribers.for_chat(group["id"])).paused is False  # type: ignore[union-attr]


async def test_forum_topic_and_channel_subscriptions(app: Application, emulator: Emulator, store: Store) -> None:
    owner = (await emulator.create_user(language_code="ky"))["id"]
    forum = await emulator.create_chat("supergroup", title="Форум", is_forum=True, owner_id=owner)
    topic = await emulator.create_topic(forum["id"], "Дайджест")
    await emulator.send_message(forum["id"], "/subscribe 07:00 Asia/Bishkek", user_id=owner, message_thread_id=topic)
    reply = await emulator.next_bot_message(forum["id"])
    assert reply.message_thread_id == topic
    sub = await store.subscribers.for_chat(forum["id"], thread_id=topic)
    assert sub is not None and sub.thread_id == topic
    assert await store.subscribers.for_chat(forum["id"]) is None  # the General topic has none

    channel = await emulator.create_chat("channel", title="Кабарлар", owner_id=owner)
    await emulator.send_message(channel["id"], "/subscribe 20:00 Asia/Bishkek")
    await emulator.next_bot_message(channel["id"])
    sub = await store.subscribers.for_chat(channel["id"])
    assert sub is not None and sub.local_time == time(20, 0)

    # The settings card is the bot's own channel post; a reader who presses its buttons speaks for nobody.
    reader = (await emulator.create_user(first_name="Окурман", language_code="ky"))["id"]
    card = await emulator.next_bot_message(channel["id"])
    pause = next(text for row in card.button_texts for text in row if "⏸" in text)
    query = await emulator.press_button(channel["id"], card.message_id, pause, user_id=reader)
    answer = await emulator.callback_answer(query["id"])
    assert answer["show_alert"]
    assert (await store.subscribers.for_chat(channel["id"])).paused is False  # type: ignore[union-attr]
    query = await emulator.press_button(channel["id"], card.message_id, pause, user_id=owner)
    await emulator.callback_answer(query["id"])
    assert (await store.subscribers.for_chat(channel["id"])).paused is True  # type: ignore[union-attr]

    # The same rule for the language buttons under the bot's channel post.
    await emulator.send_message(channel["id"], "/language")
    chooser = await emulator.next_bot_message(channel["id"])
    query = await emulator.press_button(channel["id"], chooser.message_id, "English", user_id=reader)
    assert (await emulator.callback_answer(query["id"]))["show_alert"]
    assert await store.chats.get_language(channel["id"]) is None


async def test_digest_on_demand_pages_and_does_not_move_the_watermark(
    app: Application, emulator: Emulator, store: Store
) -> None:
    user = await emulator.create_user(language_code="ky")
    chat = user["id"]
    empty = await ask(emulator, chat, "/digest")
    assert "жаңылыктар жок" in empty.text.lower()
    await Ingester(store).save(numbered(KY_WATER, 9))  # older news: the subscription starts after it
    await ask(emulator, chat, "/subscribe 08:00 Asia/Bishkek")
    await emulator.next_bot_message(chat)
    # None was ever sent, so not "nothing new since your last digest": when the first one comes.
    first = (await ask(emulator, chat, "/digest")).text
    sub = await store.subscribers.for_chat(chat)
    assert sub is not None and sub.next_due_at is not None
    due = sub.next_due_at.astimezone(ZoneInfo("Asia/Bishkek")).strftime("%d.%m.%Y %H:%M")
    assert first == translator("ky").gettext(T_FIRST_DIGEST).format(when=due) and "08:00" in first
    drafts = [KY_ROADS, KY_WATER, RU_BUDGET, RU_FLOOD, RU_AIRPORT, EN_TRADE, EN_SOLAR, numbered(KY_ROADS, 2),
              numbered(RU_FLOOD, 2), numbered(EN_TRADE, 2)]
    async for _ in Ingester(store).save_many(drafts):
        pass
    before = await store.subscribers.for_chat(chat)
    digest = await ask(emulator, chat, "/digest")
    assert "Жаңылыктар дайджести" in digest.text and digest.button_texts == [["Дагы ▶"]]
    assert "10 макаланын 1–8" in digest.text
    await emulator.press_button(chat, digest.message_id, "Дагы ▶")
    more = await emulator.next_bot_message(chat)
    assert "10 макаланын 9–10" in more.text and not more.button_texts
    after = await store.subscribers.for_chat(chat)
    assert before is not None and after is not None
    assert after.watermark_article_id == before.watermark_article_id  # /digest is a preview
    assert await store.deliveries.for_subscriber(after.id) == []
