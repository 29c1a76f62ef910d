"""A real python-telegram-bot Application, polling (or on a webhook), talking to the emulator as users act."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dtm
import socket
from collections.abc import AsyncIterator

import pytest
from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    InlineQueryResultArticle,
    InputTextMessageContent,
    Update,
)
from telegram.ext import (
    Application,
    ApplicationBuilder,
    BaseHandler,
    CallbackQueryHandler,
    ChatMemberHandler,
    ChosenInlineResultHandler,
    CommandHandler,
    ContextTypes,
    InlineQueryHandler,
    MessageHandler,
    filters,
)

from botapi_emulator import DEFAULT_TOKEN, Emulator, EmulatorError


@contextlib.asynccontextmanager
async def running_bot(
    emulator: Emulator, *handlers: BaseHandler, webhook_port: int | None = None
) -> AsyncIterator[Application]:
    """Run an Application with these handlers against the emulator; fail the test if a handler raised."""
    errors: list[BaseException] = []

    async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        errors.append(context.error)

    app = (
        ApplicationBuilder()
        .token(DEFAULT_TOKEN)
        .base_url(emulator.bot_base_url)
        .base_file_url(emulator.file_base_url)
        .build()
    )
    for handler in handlers:
        app.add_handler(handler)
    app.add_error_handler(on_error)
    async with app:
        await app.start()
        if webhook_port is None:
            await app.updater.start_polling(timeout=dtm.timedelta(seconds=2), allowed_updates=Update.ALL_TYPES)
        else:
            await app.updater.start_webhook(
                listen="127.0.0.1", port=webhook_port, url_path="hook", secret_token="s3cret-token",
                webhook_url=f"http://127.0.0.1:{webhook_port}/hook", allowed_updates=Update.ALL_TYPES,
            )
        try:
            yield app
        finally:
            await app.updater.stop()
            await app.stop()
    assert not errors, errors


async def greet(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await update.effective_message.reply_text(f"Кош келиңиз, {update.effective_user.first_name}! {context.args}")


PAGES = InlineKeyboardMarkup(
    [[InlineKeyboardButton("◀", callback_data="page:1"), InlineKeyboardButton("▶", callback_data="page:2")],
     [InlineKeyboardButton("Булак", url="https://24.kg")]]
)


async def latest(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    await update.effective_message.reply_text("<b>1-бет</b>", reply_markup=PAGES, parse_mode="HTML")


async def turn_page(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    query = update.callback_query
    await query.answer(f"{query.data} ачылды")
    await query.edit_message_text(f"<b>{query.data.removeprefix('page:')}-бет</b>", reply_markup=PAGES,
                                  parse_mode="HTML")


async def test_commands_round_trip_in_private_and_groups(emulator: Emulator) -> None:
    aigul = (await emulator.create_user(first_name="Айгүл", language_code="ky"))["id"]
    group = (await emulator.create_chat("group", title="Редакция", member_ids=[aigul]))["id"]
    async with running_bot(emulator, CommandHandler("start", greet)):
        await emulator.send_message(aigul, "/start quotes_12")
        reply = await emulator.next_bot_message(aigul)
        assert reply.text == "Кош келиңиз, Айгүл! ['quotes_12']"

        # With privacy mode the bot never sees commands for other bots nor plain talk in groups.
        await emulator.send_message(group, "/start@other_bot a", user_id=aigul)
        await emulator.send_message(group, "Кечки жаңылыктар качан?", user_id=aigul)
        await emulator.send_message(group, "/start@kabarchy_test_bot b", user_id=aigul)
        reply = await emulator.next_bot_message(group)
        assert reply.text == "Кош келиңиз, Айгүл! ['b']"
    assert [c.params["text"] for c in await emulator.calls(method="sendMessage")] == [
        "Кош келиңиз, Айгүл! ['quotes_12']", "Кош келиңиз, Айгүл! ['b']",
    ]


async def test_two_users_at_once(emulator: Emulator) -> None:
    users = [(await emulator.create_user(first_name=name))["id"] for name in ("Азамат", "Olga", "Ben")]
    async with running_bot(emulator, CommandHandler("start", greet)):
        await asyncio.gather(*(emulator.send_message(uid, "/start") for uid in users))
        replies = await asyncio.gather(*(emulator.next_bot_message(uid) for uid in users))
    assert [r.text for r in replies] == ["Кош келиңиз, Азамат! []", "Кош келиңиз, Olga! []", "Кош келиңиз, Ben! []"]


async def test_callback_buttons(emulator: Emulator) -> None:
    uid = (await emulator.create_user())["id"]
    async with running_bot(emulator, CommandHandler("latest", latest), CallbackQueryHandler(turn_page)):
        await emulator.send_message(uid, "/latest")
        page = await emulator.next_bot_message(uid)
        assert page.button_texts == [["◀", "▶"], ["Булак"]]

        query = await emulator.press_button(uid, page.message_id, "▶")
        assert (await emulator.callback_answer(query["id"]))["text"] == "page:2 ачылды"
        edited = await emulator.next_bot_edit(uid, message_id=page.message_id)
        assert (edited.text, edited.source) == ("2-бет", "<b>2-бет</b>")

        await emulator.press_button(uid, page.message_id, 0)  # by index, in reading order
        assert (await emulator.next_bot_edit(uid)).text == "1-бет"
        await emulator.press_button(uid, page.message_id, data="page:99")  # a stale or forged payload
        assert (await emulator.next_bot_edit(uid)).text == "99-бет"

        with pytest.raises(EmulatorError, match="no button 'Кийинки'; the buttons are: '◀', '▶', 'Булак'"):
            await emulator.press_button(uid, page.message_id, "Кийинки")
        with pytest.raises(EmulatorError, match="is a url button"):
            await emulator.press_button(uid, page.message_id, "Булак")
    assert (await emulator.bot_message(uid, page.message_id)).edit_count == 3


async def test_inline_query_answer_choice_and_inline_buttons(emulator: Emulator) -> None:
    chosen = asyncio.Queue()

    async def answer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.inline_query
        await query.answer(
            [InlineQueryResultArticle(
                id="quote-7", title="Атамбаев",
                input_message_content=InputTextMessageContent("<b>«Биз жаңы жол издейбиз»</b> — Атамбаев",
                                                              parse_mode="HTML"),
                reply_markup=InlineKeyboardMarkup([[InlineKeyboardButton("Дагы", callback_data="more")]]),
            )],
            cache_time=0, next_offset="10",
        )

    async def remember(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await chosen.put(update.chosen_inline_result)

    async def more(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await update.callback_query.answer()
        await update.callback_query.edit_message_text("Дагы цитаталар")

    uid = (await emulator.create_user())["id"]
    async with running_bot(emulator, InlineQueryHandler(answer), ChosenInlineResultHandler(remember),
                           CallbackQueryHandler(more)):
        answered = await emulator.send_inline_query(uid, "Атамбаев")
        assert [r["title"] for r in answered["results"]] == ["Атамбаев"] and answered["next_offset"] == "10"

        sent = await emulator.choose_inline_result(answered["inline_query_id"], "quote-7", chat_id=uid)
        assert sent["text"] == "«Биз жаңы жол издейбиз» — Атамбаев"
        assert sent["via_bot"]["username"] == "kabarchy_test_bot"
        result = await asyncio.wait_for(chosen.get(), timeout=10)
        assert result.result_id == "quote-7" and result.inline_message_id

        query = await emulator.press_button(uid, sent["message_id"], "Дагы")
        assert query["inline_message_id"] == result.inline_message_id and "message" not in query
        assert (await emulator.next_bot_edit(uid)).text == "Дагы цитаталар"


async def test_inline_answer_with_bad_html_is_refused(emulator: Emulator) -> None:
    refused = asyncio.Queue()

    async def answer(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        try:
            await update.inline_query.answer([InlineQueryResultArticle(
                id="1", title="x", input_message_content=InputTextMessageContent("<b>x", parse_mode="HTML"))])
        except Exception as exc:  # the test reads what the bot saw
            await refused.put(exc)

    uid = (await emulator.create_user())["id"]
    async with running_bot(emulator, InlineQueryHandler(answer)):
        with pytest.raises(TimeoutError):
            await emulator.send_inline_query(uid, "x", timeout=0.5)
        error = await asyncio.wait_for(refused.get(), timeout=10)
    assert "can't find end tag" in str(error).lower()


async def test_channels_members_and_blocking(emulator: Emulator) -> None:
    member_updates = asyncio.Queue()
    posts = asyncio.Queue()

    async def on_member(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        change = update.my_chat_member
        await member_updates.put((change.chat.id, change.old_chat_member.status, change.new_chat_member.status))

    async def on_post(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        await posts.put((update.channel_post.chat.id, update.channel_post.text, update.channel_post.sender_chat.id))

    owner = (await emulator.create_user(first_name="Редактор"))["id"]
    channel = (await emulator.create_chat("channel", title="Кабарлар", owner_id=owner, bot_status="left"))["id"]
    async with running_bot(emulator, ChatMemberHandler(on_member, ChatMemberHandler.MY_CHAT_MEMBER),
                           MessageHandler(filters.UpdateType.CHANNEL_POST, on_post)):
        await emulator.send_message(channel, "Бот көрбөгөн пост")
        await emulator.set_bot_status(channel, "administrator", by_user_id=owner)
        assert await asyncio.wait_for(member_updates.get(), 10) == (channel, "left", "administrator")
        await emulator.send_message(channel, "Бишкекте жаңы мектеп ачылды")
        assert await asyncio.wait_for(posts.get(), 10) == (channel, "Бишкекте жаңы мектеп ачылды", channel)

        await emulator.block_bot(owner)
        assert await asyncio.wait_for(member_updates.get(), 10) == (owner, "member", "kicked")
    assert posts.empty()


async def test_edited_messages_stickers_photos_and_forwards(emulator: Emulator) -> None:
    async def describe(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        message = update.effective_message
        if update.edited_message:
            text = f"түзөтүлдү: {message.text}"
        elif message.sticker:
            text = f"стикер {message.sticker.emoji}"
        elif message.photo:
            file = await message.photo[-1].get_file()
            size = len(await file.download_as_bytearray())
            text = f"сүрөт ({size} байт): {message.caption}"
        elif message.forward_origin:
            text = f"{message.forward_origin.type}: {message.text}"
        else:
            text = f"текст: {message.text}"
        await context.bot.send_message(message.chat.id, text)

    uid = (await emulator.create_user())["id"]
    channel = (await emulator.create_chat("channel", title="24.kg"))["id"]
    post = await emulator.send_message(channel, "Парламент мыйзамды кабыл алды")
    async with running_bot(emulator, MessageHandler(filters.ALL, describe)):
        first = await emulator.send_message(uid, "Салам")
        await emulator.edit_message(uid, first["message_id"], "Саламатсызбы")
        await emulator.send_sticker(uid, emoji="🔥")
        await emulator.send_photo(uid, caption="Ош шаары")
        await emulator.forward_message(uid, origin_chat_id=channel, origin_message_id=post["message_id"])
        await emulator.forward_message(uid, text="Жашыруун булак", origin_sender_name="Белгисиз")
        replies = [(await emulator.next_bot_message(uid)).text for _ in range(6)]
    assert replies[:3] == ["текст: Салам", "түзөтүлдү: Саламатсызбы", "стикер 🔥"]
    assert replies[3].startswith("сүрөт (") and replies[3].endswith("): Ош шаары")
    assert replies[4:] == ["channel: Парламент мыйзамды кабыл алды", "hidden_user: Жашыруун булак"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def test_application_on_a_webhook(emulator: Emulator) -> None:
    uid = (await emulator.create_user(first_name="Нурлан"))["id"]
    async with running_bot(emulator, CommandHandler("start", greet), webhook_port=free_port()):
        info = await emulator.bot_info()
        assert info["webhook"]["url"].endswith("/hook")
        await emulator.send_message(uid, "/start")
        assert (await emulator.next_bot_message(uid, timeout=10)).text == "Кош келиңиз, Нурлан! []"
    [call] = await emulator.calls(method="setWebhook")
    assert call.params["secret_token"] == "s3cret-token"
