"""The Application from build_application, run in process against the emulator: wiring, paging, limits."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from telegram import Update
from telegram.ext import Application, CommandHandler

from bot.app import FALLBACK_GROUP, MAIN_GROUP, build_application, running
from bot.config import Config
from bot.demo import seed
from botapi_emulator import DEFAULT_TOKEN, Emulator
from handlers import fallback, quotes
from handlers.context import BotContext, Settings
from handlers.i18n import translator
from news.models import ArticleDraft
from storage import Store
from tests.webserver import WebServer

ADMIN = 777


def transport_articles(count: int) -> list[ArticleDraft]:
    """Articles that all quote the same plan, so one search has many pages."""
    start = datetime(2026, 10, 1, 8, 0, tzinfo=UTC)
    return [
        ArticleDraft(
            title=f"Шаардын транспорт долбоору: {n}-кезек",
            text=(
                f"Бишкек шаарынын мэриясы транспорт долбоорунун {n}-кезегин тааныштырды.\n\n"
                f"«Жаңы транспорт долбоору шаардын борборунда {n}-кварталдан башталат», — деди мэриянын өкүлү "
                f"Азамат Мамытов.\n\nИштер жыл аягына чейин бүтөт."
            ),
            url=f"https://kabar.example/ky/transport-{n}",
            source="Кабар",
            language="ky",
            published=start + timedelta(hours=n),
        )
        for n in range(1, count + 1)
    ]


@dataclass
class Running:
    emulator: Emulator
    application: Application
    store: Store
    user: int


@pytest.fixture
async def bot(emulator: Emulator, tmp_path: Path) -> AsyncIterator[Running]:
    store = await Store.open(tmp_path / "kabarchy.db")
    await seed(store, transport_articles(14))
    config = Config(
        token=DEFAULT_TOKEN, api_url=emulator.root, db_path=tmp_path / "kabarchy.db", admins=frozenset({ADMIN}),
        fetch_private_addresses=True,
    )
    application = build_application(config, store=store)
    user = (await emulator.create_user(first_name="Айгүл", language_code="ky"))["id"]
    await emulator.create_user(ADMIN, first_name="Admin", language_code="en")
    try:
        async with running(application):
            await emulator.wait_until_polling()
            yield Running(emulator, application, store, user)
    finally:
        await store.close()


async def test_post_init_fills_bot_data_and_registers_everything(bot: Running) -> None:
    data = bot.application.bot_data
    assert data["store"] is bot.store
    assert isinstance(data["settings"], Settings) and data["settings"].bot_username == "kabarchy_test_bot"
    assert data["settings"].admins == frozenset({ADMIN}) and data["settings"].default_language == "ky"
    assert data["settings"].timezone == "Asia/Bishkek"  # the configured default, held once
    assert not {"admins", "default_language", "default_timezone"} & set(data)
    assert data["ingest"] is not None
    assert bot.application.context_types.context is BotContext
    groups = bot.application.handlers
    assert [type(h) for h in groups[FALLBACK_GROUP]] == [fallback.Unhandled]
    commands = {c for h in groups[MAIN_GROUP] if isinstance(h, CommandHandler) for c in h.commands}
    assert {"start", "help", "latest", "article", "quotes", "search", "language", "add", "stats"} <= commands
    assert bot.application.bot.defaults.link_preview_options.is_disabled is True


async def test_a_long_query_pages_through_its_token(bot: Running) -> None:
    emulator, user = bot.emulator, bot.user
    query = "транспорт долбоору шаардын борборунда"
    await emulator.send_message(user, f"/quotes {query}")
    first = await emulator.next_bot_message(user)
    assert "1–5" in first.text and "— Азамат Мамытов" in first.text
    assert first.buttons[0]["callback_data"].startswith("k1:qt:1:")
    query_id = (await emulator.press_button(user, first.message_id, "▶"))["id"]
    await emulator.callback_answer(query_id)
    second = await emulator.next_bot_edit(user, message_id=first.message_id)
    assert "6–10" in second.text and "— Азамат Мамытов" in second.text and second.text != first.text
    assert [b["text"] for b in second.buttons] == ["◀", "▶"]


async def test_inline_results_page_with_next_offset(bot: Running) -> None:
    first = await bot.emulator.send_inline_query(bot.user, "транспорт")
    assert len(first["results"]) == 10 and first["next_offset"] == "10"
    rest = await bot.emulator.send_inline_query(bot.user, "транспорт", offset=first["next_offset"])
    assert len(rest["results"]) == 4 and rest["next_offset"] == ""
    assert not {r["id"] for r in first["results"]} & {r["id"] for r in rest["results"]}


async def test_another_areas_command_is_not_called_unknown(bot: Running) -> None:
    async def cmd_ping(update: Update, context: BotContext) -> None:
        await update.effective_message.reply_text("pong")

    # Registered after the fallback, as another area's block would be: the fallback still sees it.
    bot.application.add_handler(CommandHandler("ping", cmd_ping))
    await bot.emulator.send_message(bot.user, "/ping")
    assert (await bot.emulator.next_bot_message(bot.user)).text == "pong"
    await bot.emulator.send_message(bot.user, "/pong")
    reply = await bot.emulator.next_bot_message(bot.user)
    assert reply.text == translator("ky").gettext(fallback.TEXT_UNKNOWN_COMMAND).format(command="/pong")


async def test_a_reply_survives_a_429(bot: Running) -> None:
    await bot.emulator.inject_retry_after(1, retry_after=1, method="sendMessage", chat_id=bot.user)
    await bot.emulator.send_message(bot.user, "/quotes Мамытов")
    reply = await bot.emulator.next_bot_message(bot.user, timeout=10)
    assert translator("ky").gettext(quotes.TEXT_QUOTES_TITLE).format(query="Мамытов") in reply.text
    assert await bot.emulator.call_count(method="sendMessage", ok=False) == 1


async def test_a_slow_add_does_not_hold_up_other_users(bot: Running) -> None:
    async with WebServer() as web:
        slow = web.url("/_/hold?delay=4")
        await bot.emulator.send_message(ADMIN, f"/add {slow}")
        await bot.emulator.send_message(bot.user, "/help")
        # Handled one after the other, /help would wait the four seconds /add spends fetching.
        help_reply = await bot.emulator.next_bot_message(bot.user, timeout=2.5)
        assert help_reply.text
        add_reply = await bot.emulator.next_bot_message(ADMIN, timeout=15)
        assert "could not open" in add_reply.text or "no article" in add_reply.text
