"""The emulator's Bot API side, driven by python-telegram-bot's own `Bot` as the real bot would use it."""

from __future__ import annotations

import asyncio
import datetime as dtm
import json
import socket

import aiohttp
import pytest
from aiohttp import web
from telegram import (
    Bot,
    BotCommand,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeChat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    ReplyParameters,
)
from telegram.constants import ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Conflict,
    EndPointNotFound,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
)

from botapi_emulator import DEFAULT_TOKEN, Emulator, FloodLimits

KEYBOARD = InlineKeyboardMarkup(
    [[InlineKeyboardButton("◀", callback_data="page:0"), InlineKeyboardButton("▶", callback_data="page:2")]]
)


@pytest.fixture
def ptb_timedelta(monkeypatch: pytest.MonkeyPatch) -> None:
    """Opt in to PTB's timedelta retry_after, else constructing RetryAfter warns (an error under filterwarnings)."""
    monkeypatch.setenv("PTB_TIMEDELTA", "1")


async def user_id(emulator: Emulator, **kwargs) -> int:
    return (await emulator.create_user(**kwargs))["id"]


def lowered(error: Exception) -> str:
    # python-telegram-bot strips "Bad Request: " and changes the case of the rest.
    return str(error).lower()


# --------------------------------------------------------------------------------------------- identity


async def test_get_me_describes_the_configured_bot(emulator_bot: Bot) -> None:
    me = await emulator_bot.get_me()
    assert (me.id, me.username, me.is_bot) == (123456789, "kabarchy_test_bot", True)
    assert me.supports_inline_queries is True
    assert me.can_read_all_group_messages is False  # privacy mode, as Telegram's default


async def test_wrong_token_is_unauthorized(emulator: Emulator) -> None:
    bot = Bot("987654:WrongTokenForTheEmulator", base_url=emulator.bot_base_url)
    with pytest.raises(InvalidToken):
        await bot.initialize()
    await bot.shutdown()


async def test_unknown_method_is_404_and_unemulated_method_is_named(emulator: Emulator, emulator_bot: Bot) -> None:
    with pytest.raises(EndPointNotFound):
        await emulator_bot.do_api_request("sendTelepathicMessage")
    uid = await user_id(emulator)
    with pytest.raises(BadRequest, match="(?i)pinchatmessage is not supported by the kabarchy bot api emulator"):
        await emulator_bot.pin_chat_message(uid, 1)


# --------------------------------------------------------------------------------------------- sending


async def test_send_message_parses_html_and_records_what_was_sent(emulator: Emulator, emulator_bot: Bot) -> None:
    uid = await user_id(emulator, first_name="Айгүл", language_code="ky")
    source = '<b>Жаңылык</b>: <a href="https://24.kg/1">Бишкекте жаан</a> 🌧 <i>18:00</i>'
    sent = await emulator_bot.send_message(
        uid, source, parse_mode=ParseMode.HTML, reply_markup=KEYBOARD,
        link_preview_options=LinkPreviewOptions(is_disabled=True), allow_paid_broadcast=True,
    )
    assert sent.text == "Жаңылык: Бишкекте жаан 🌧 18:00"
    assert [(e.type, e.offset, e.length) for e in sent.entities] == [
        ("bold", 0, 7), ("text_link", 9, 13), ("italic", 26, 5),
    ]
    assert sent.reply_markup == KEYBOARD
    assert sent.chat.id == uid and sent.from_user.id == emulator.bot_id
    assert abs(sent.date.timestamp() - dtm.datetime.now(dtm.UTC).timestamp()) < 60

    stored = await emulator.next_bot_message(uid)
    assert (stored.message_id, stored.text, stored.source, stored.parse_mode) == (
        sent.message_id, sent.text, source, "HTML",
    )
    assert stored.button_texts == [["◀", "▶"]]
    assert stored.link_preview_options == {"is_disabled": True}
    [call] = await emulator.calls(method="sendMessage")
    assert call.ok and call.chat_id == uid and call.params["text"] == source
    assert call.params["allow_paid_broadcast"] is True


async def test_message_ids_grow_per_chat(emulator: Emulator, emulator_bot: Bot) -> None:
    first, second = await user_id(emulator), await user_id(emulator)
    await emulator.send_message(first, "салам")
    in_first = await emulator_bot.send_message(first, "a")
    in_second = await emulator_bot.send_message(second, "b")
    assert (in_first.message_id, in_second.message_id) == (2, 1)


@pytest.mark.parametrize(
    ("source", "fragment"),
    [
        ("Баа < 100 сом", 'unsupported start tag "" at byte offset'),
        ("<b>Жабылбаган тег", 'can\'t find end tag corresponding to start tag "b"'),
        ("<b>x</i>", 'unmatched end tag at byte offset 4, expected "</b>", found "</i>"'),
        ("<div>блок</div>", 'unsupported start tag "div"'),
        ("<br>", 'unsupported start tag "br"'),
    ],
)
async def test_bad_html_is_a_bad_request(emulator: Emulator, emulator_bot: Bot, source: str, fragment: str) -> None:
    uid = await user_id(emulator)
    with pytest.raises(BadRequest) as caught:
        await emulator_bot.send_message(uid, source, parse_mode=ParseMode.HTML)
    assert lowered(caught.value) == f"can't parse entities: {fragment}" or fragment in lowered(caught.value)
    assert await emulator.bot_messages(uid) == []


async def test_length_limit_counts_text_after_entity_parsing(emulator: Emulator, emulator_bot: Bot) -> None:
    uid = await user_id(emulator)
    body = "к" * 4096
    sent = await emulator_bot.send_message(uid, f"<b>{body[:2000]}</b><i>{body[2000:]}</i>", parse_mode="HTML")
    assert len(sent.text) == 4096
    with pytest.raises(BadRequest, match="(?i)message is too long"):
        await emulator_bot.send_message(uid, body + "!")
    with pytest.raises(BadRequest, match="(?i)message is too long"):
        await emulator_bot.send_message(uid, body[:4095] + "🇰🇬")  # counted in UTF-16 code units
    with pytest.raises(BadRequest, match="(?i)message text is empty"):
        await emulator_bot.send_message(uid, "<b> </b>\n", parse_mode="HTML")


async def test_keyboard_validation(emulator: Emulator, emulator_bot: Bot) -> None:
    uid = await user_id(emulator)
    too_long = InlineKeyboardMarkup([[InlineKeyboardButton("x", callback_data="ы" * 33)]])  # 66 bytes
    with pytest.raises(BadRequest, match="(?i)button_data_invalid"):
        await emulator_bot.send_message(uid, "text", reply_markup=too_long)
    exactly = InlineKeyboardMarkup([[InlineKeyboardButton("x", callback_data="d" * 64)]])
    await emulator_bot.send_message(uid, "text", reply_markup=exactly)


async def test_reply_parameters_and_threads(emulator: Emulator, emulator_bot: Bot) -> None:
    owner = await user_id(emulator)
    group = (await emulator.create_chat("supergroup", title="Редакция", is_forum=True, owner_id=owner))["id"]
    topic = await emulator.create_topic(group, "Шашылыш кабарлар")
    asked = await emulator.send_message(group, "/latest", user_id=owner, message_thread_id=topic)

    reply = await emulator_bot.send_message(
        group, "Акыркы кабарлар", message_thread_id=topic,
        reply_parameters=ReplyParameters(message_id=asked["message_id"]),
    )
    assert reply.message_thread_id == topic and reply.is_topic_message
    assert reply.reply_to_message.message_id == asked["message_id"]
    assert (await emulator.bot_messages(group, message_thread_id=topic))[0].reply_to_message_id == asked["message_id"]

    with pytest.raises(BadRequest, match="(?i)message thread not found"):
        await emulator_bot.send_message(group, "x", message_thread_id=9999)
    with pytest.raises(BadRequest, match="(?i)message to be replied not found"):
        await emulator_bot.send_message(group, "x", reply_parameters=ReplyParameters(message_id=9999))
    lenient = ReplyParameters(message_id=9999, allow_sending_without_reply=True)
    assert (await emulator_bot.send_message(group, "x", reply_parameters=lenient)).reply_to_message is None


async def test_photo_upload_and_user_photo_download(emulator: Emulator, emulator_bot: Bot) -> None:
    uid = await user_id(emulator)
    photo = await emulator_bot.send_photo(uid, b"\x89PNG fake bytes", caption="<b>Сүрөт</b>", parse_mode="HTML")
    assert photo.caption == "Сүрөт" and photo.photo
    [call] = await emulator.calls(method="sendPhoto")
    assert call.params["photo"]["size"] == len(b"\x89PNG fake bytes")

    sent = await emulator.send_photo(uid, caption="Окуя болгон жер")
    file = await emulator_bot.get_file(sent["photo"][-1]["file_id"])
    content = await file.download_as_bytearray()
    assert bytes(content).startswith(b"\x89PNG\r\n\x1a\n")
    with pytest.raises(BadRequest, match="(?i)message caption is too long"):
        await emulator_bot.send_photo(uid, sent["photo"][0]["file_id"], caption="x" * 1025)


# --------------------------------------------------------------------------------------------- editing


async def test_edits_and_not_modified(emulator: Emulator, emulator_bot: Bot) -> None:
    uid = await user_id(emulator)
    sent = await emulator_bot.send_message(uid, "<b>1-бет</b>", parse_mode="HTML", reply_markup=KEYBOARD)

    with pytest.raises(BadRequest, match="(?i)message is not modified"):
        await emulator_bot.edit_message_text("<b>1-бет</b>", uid, sent.message_id, parse_mode="HTML",
                                             reply_markup=KEYBOARD)
    with pytest.raises(BadRequest, match="(?i)message is not modified"):
        await emulator_bot.edit_message_reply_markup(uid, sent.message_id, reply_markup=KEYBOARD)

    edited = await emulator_bot.edit_message_text("<b>2-бет</b>", uid, sent.message_id, parse_mode="HTML",
                                                  reply_markup=KEYBOARD)
    assert edited.text == "2-бет" and edited.edit_date is not None
    after = await emulator.next_bot_edit(uid, message_id=sent.message_id)
    assert (after.text, after.edit_count, after.event) == ("2-бет", 1, "edited")

    # Editing the text without a keyboard removes the keyboard, as on Telegram.
    await emulator_bot.edit_message_text("3-бет", uid, sent.message_id)
    assert (await emulator.bot_message(uid, sent.message_id)).reply_markup is None
    await emulator_bot.edit_message_reply_markup(uid, sent.message_id, reply_markup=KEYBOARD)
    assert (await emulator.bot_message(uid, sent.message_id)).buttons[1]["callback_data"] == "page:2"

    with pytest.raises(BadRequest, match="(?i)message to edit not found"):
        await emulator_bot.edit_message_text("x", uid, 999)
    mine = await emulator.send_message(uid, "менин билдирүүм")
    with pytest.raises(BadRequest, match="(?i)message can't be edited"):
        await emulator_bot.edit_message_text("x", uid, mine["message_id"])


async def test_delete_message(emulator: Emulator, emulator_bot: Bot) -> None:
    uid = await user_id(emulator)
    sent = await emulator_bot.send_message(uid, "убактылуу")
    assert await emulator_bot.delete_message(uid, sent.message_id) is True
    assert await emulator.bot_messages(uid) == []
    assert (await emulator.bot_messages(uid, include_deleted=True))[0].deleted
    with pytest.raises(BadRequest, match="(?i)message to delete not found"):
        await emulator_bot.delete_message(uid, sent.message_id)


# --------------------------------------------------------------------------------------------- errors


async def test_forbidden_chats(emulator: Emulator, emulator_bot: Bot) -> None:
    blocked = await user_id(emulator)
    await emulator.block_bot(blocked)
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await emulator_bot.send_message(blocked, "Күнүмдүк дайджест")
    await emulator.unblock_bot(blocked)
    await emulator_bot.send_message(blocked, "Кайра кош келиңиз")

    stranger = await user_id(emulator, private_chat=False)
    with pytest.raises(Forbidden, match="bot can't initiate conversation with a user"):
        await emulator_bot.send_message(stranger, "Салам")

    gone = await user_id(emulator)
    await emulator.deactivate_user(gone)
    with pytest.raises(Forbidden, match="user is deactivated"):
        await emulator_bot.send_message(gone, "Салам")

    group = (await emulator.create_chat("group", title="Үй-бүлө"))["id"]
    await emulator.set_bot_status(group, "kicked")
    with pytest.raises(Forbidden, match="bot was kicked from the group chat"):
        await emulator_bot.send_message(group, "Салам")

    channel = (await emulator.create_chat("channel", title="Кабарлар", bot_status="member"))["id"]
    with pytest.raises(BadRequest, match="(?i)need administrator rights in the channel chat"):
        await emulator_bot.send_message(channel, "Пост")
    with pytest.raises(BadRequest, match="(?i)chat not found"):
        await emulator_bot.send_message(-100999, "Салам")


async def test_migrated_group_answers_chat_migrated(emulator: Emulator, emulator_bot: Bot) -> None:
    group = (await emulator.create_chat("group", title="Класс"))["id"]
    supergroup = (await emulator.migrate_group(group))["id"]
    with pytest.raises(ChatMigrated) as caught:
        await emulator_bot.send_message(group, "Дайджест")
    assert caught.value.new_chat_id == supergroup
    assert (await emulator_bot.send_message(supergroup, "Дайджест")).chat.type == "supergroup"


async def test_injected_retry_after(emulator: Emulator, emulator_bot: Bot, ptb_timedelta: None) -> None:
    slow, other = await user_id(emulator), await user_id(emulator)
    await emulator.inject_retry_after(2, retry_after=3, chat_id=slow)
    await emulator_bot.send_message(other, "not affected")
    for _ in range(2):
        with pytest.raises(RetryAfter) as caught:
            await emulator_bot.send_message(slow, "дайджест")
        assert caught.value.retry_after == dtm.timedelta(seconds=3)
    await emulator_bot.send_message(slow, "дайджест")
    stats = await emulator.call_stats()
    assert (stats["calls"], stats["ok"], stats["errors"]) == (4, 2, {"429": 2})
    failed = await emulator.calls(ok=False)
    assert [c.description for c in failed] == ["Too Many Requests: retry after 3"] * 2


async def test_injected_server_error_and_disconnect(emulator: Emulator, emulator_bot: Bot) -> None:
    uid = await user_id(emulator)
    await emulator.inject_error(error_code=502, description="Bad Gateway")
    with pytest.raises(NetworkError, match="Bad Gateway"):
        await emulator_bot.send_message(uid, "x")
    await emulator.inject_error(disconnect=True)
    with pytest.raises(NetworkError):
        await emulator_bot.send_message(uid, "x")
    await emulator_bot.send_message(uid, "x")
    assert await emulator.call_count(method="sendMessage", ok=True) == 1


async def test_flood_model_answers_429_when_limits_are_exceeded(
    emulator: Emulator, emulator_bot: Bot, ptb_timedelta: None
) -> None:
    # Rates this low make the outcome independent of how fast the machine is.
    await emulator.set_flood_limits(FloodLimits(per_chat_per_second=0.01, per_chat_burst=2, per_group_per_minute=2))
    uid = await user_id(emulator)
    await emulator_bot.send_message(uid, "1")
    await emulator_bot.send_message(uid, "2")
    with pytest.raises(RetryAfter) as caught:
        await emulator_bot.send_message(uid, "3")
    assert caught.value.retry_after >= dtm.timedelta(seconds=50)

    group = (await emulator.create_chat("group", title="Чат"))["id"]
    await emulator.set_flood_limits({"per_chat_burst": 5, "per_group_per_minute": 2})
    await emulator_bot.send_message(group, "1")
    await emulator_bot.send_message(group, "2")
    with pytest.raises(RetryAfter) as caught:
        await emulator_bot.send_message(group, "3")
    assert dtm.timedelta(seconds=1) <= caught.value.retry_after <= dtm.timedelta(seconds=60)

    await emulator.set_flood_limits(None)
    await emulator_bot.send_message(group, "3")


# --------------------------------------------------------------------------------------------- settings and chats


async def test_commands_per_scope_and_language(emulator: Emulator, emulator_bot: Bot) -> None:
    ky = [BotCommand("latest", "Акыркы жаңылыктар"), BotCommand("quotes", "Цитаталар")]
    ru = [BotCommand("latest", "Последние новости")]
    await emulator_bot.set_my_commands(ky, scope=BotCommandScopeAllPrivateChats(), language_code="ky")
    await emulator_bot.set_my_commands(ru, language_code="ru")
    assert await emulator_bot.get_my_commands(scope=BotCommandScopeAllPrivateChats(), language_code="ky") == tuple(ky)
    assert await emulator_bot.get_my_commands(language_code="ru") == tuple(ru)
    assert await emulator_bot.get_my_commands() == ()
    assert await emulator.my_commands(scope={"type": "all_private_chats"}, language_code="ky") == [
        {"command": "latest", "description": "Акыркы жаңылыктар"},
        {"command": "quotes", "description": "Цитаталар"},
    ]
    await emulator_bot.delete_my_commands(language_code="ru")
    assert await emulator_bot.get_my_commands(language_code="ru") == ()

    with pytest.raises(BadRequest, match="(?i)bot_command_invalid"):
        await emulator_bot.set_my_commands([BotCommand("Latest!", "x")])
    with pytest.raises(BadRequest, match="(?i)chat not found"):
        await emulator_bot.set_my_commands(ky, scope=BotCommandScopeChat(-1001))

    await emulator_bot.set_my_description("Кабарчы — жаңылыктар боту", language_code="ky")
    await emulator_bot.set_my_short_description("Жаңылыктар", language_code="ky")
    assert (await emulator_bot.get_my_description(language_code="ky")).description == "Кабарчы — жаңылыктар боту"
    info = await emulator.bot_info()
    assert info["short_descriptions"] == {"ky": "Жаңылыктар"} and len(info["commands"]) == 1


async def test_chat_information_and_administrators(emulator: Emulator, emulator_bot: Bot) -> None:
    owner, reader = await user_id(emulator, first_name="Редактор"), await user_id(emulator)
    channel = await emulator.create_chat("channel", title="Кабарчы", username="kabarchy_news", owner_id=owner,
                                         member_ids=[reader])
    chat = await emulator_bot.get_chat("@kabarchy_news")
    assert (chat.id, chat.type, chat.title) == (channel["id"], "channel", "Кабарчы")
    admins = await emulator_bot.get_chat_administrators(channel["id"])
    assert {(a.user.id, a.status) for a in admins} == {(owner, "creator"), (emulator.bot_id, "administrator")}
    bot_member = (await emulator_bot.get_chat_member(channel["id"], emulator.bot_id))
    assert bot_member.can_post_messages is True
    assert (await emulator_bot.get_chat_member(channel["id"], reader)).status == "member"
    assert await emulator_bot.get_chat_member_count(channel["id"]) == 3
    with pytest.raises(BadRequest, match="(?i)no administrators in the private chat"):
        await emulator_bot.get_chat_administrators(owner)

    assert await emulator_bot.leave_chat(channel["id"]) is True
    with pytest.raises(Forbidden, match="bot is not a member of the channel chat"):
        await emulator_bot.send_message(channel["id"], "x")
    assert await emulator_bot.send_chat_action(owner, "typing") is True
    with pytest.raises(BadRequest, match="(?i)wrong parameter action"):
        await emulator_bot.send_chat_action(owner, "dancing")


# --------------------------------------------------------------------------------------------- updates


async def test_get_updates_offsets_limits_and_allowed_updates(emulator: Emulator, emulator_bot: Bot) -> None:
    uid = await user_id(emulator)
    for text in ("/start", "/latest", "/help"):
        await emulator.send_message(uid, text)
    first_two = await emulator_bot.get_updates(limit=2, timeout=0)
    assert [u.message.text for u in first_two] == ["/start", "/latest"]
    assert first_two[0].message.entities[0].type == "bot_command"
    # Not confirmed yet: the same updates come again until an offset confirms them.
    assert len(await emulator_bot.get_updates(timeout=0)) == 3
    rest = await emulator_bot.get_updates(offset=first_two[-1].update_id + 1, timeout=0)
    assert [u.message.text for u in rest] == ["/help"]
    assert await emulator.pending_updates() == 1

    await emulator_bot.get_updates(offset=rest[-1].update_id + 1, timeout=0, allowed_updates=["callback_query"])
    await emulator.send_message(uid, "not wanted")
    assert await emulator.pending_updates() == 0
    await emulator_bot.get_updates(timeout=0, allowed_updates=[])
    await emulator.send_message(uid, "wanted again")
    assert [u.message.text for u in await emulator_bot.get_updates(timeout=0)] == ["wanted again"]


async def test_long_poll_returns_as_soon_as_an_update_arrives(emulator: Emulator, emulator_bot: Bot) -> None:
    uid = await user_id(emulator)
    poll = asyncio.create_task(emulator_bot.get_updates(timeout=30))
    await emulator.wait_until_polling()
    await emulator.send_message(uid, "/start")
    # Far less than the 30 s poll: only an answer triggered by the update makes it in time.
    updates = await asyncio.wait_for(poll, timeout=10)
    assert [u.message.text for u in updates] == ["/start"]


async def test_a_second_poller_terminates_the_first(emulator: Emulator, emulator_bot: Bot) -> None:
    first = asyncio.create_task(emulator_bot.get_updates(timeout=30))
    await emulator.wait_until_polling()
    # A second instance of the same bot, as when two processes run with one token.
    async with Bot(DEFAULT_TOKEN, base_url=emulator.bot_base_url) as second:
        assert await second.get_updates(timeout=0) == ()
    with pytest.raises(Conflict, match="terminated by other getUpdates request"):
        await asyncio.wait_for(first, timeout=10)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def test_webhook_delivery_with_secret_token_and_retries(emulator: Emulator, emulator_bot: Bot) -> None:
    received: list[tuple[str | None, dict]] = []
    arrived = asyncio.Event()
    failures = [500]  # the webhook fails once, then works

    async def hook(request: web.Request) -> web.Response:
        if failures:
            return web.Response(status=failures.pop())
        received.append((request.headers.get("X-Telegram-Bot-Api-Secret-Token"), await request.json()))
        arrived.set()
        return web.Response(text="ok")

    app = web.Application()
    app.router.add_post("/hook", hook)
    runner = web.AppRunner(app)
    await runner.setup()
    port = free_port()
    site = web.TCPSite(runner, "127.0.0.1", port)
    await site.start()
    try:
        uid = await user_id(emulator)
        assert await emulator_bot.set_webhook(f"http://127.0.0.1:{port}/hook", secret_token="s3cret-token")
        with pytest.raises(Conflict, match="webhook is active"):
            await emulator_bot.get_updates(timeout=0)
        await emulator.send_message(uid, "/start")
        await asyncio.wait_for(arrived.wait(), timeout=10)
        [(secret, update)] = received
        assert secret == "s3cret-token" and update["message"]["text"] == "/start"
        info = await emulator_bot.get_webhook_info()
        assert info.url == f"http://127.0.0.1:{port}/hook" and info.pending_update_count == 0
        assert info.last_error_message == "Wrong response from the webhook: 500 Internal Server Error"
        assert await emulator_bot.delete_webhook()
        assert await emulator_bot.get_updates(timeout=0) == ()
    finally:
        await runner.cleanup()
    with pytest.raises(BadRequest, match="(?i)bad webhook"):
        await emulator_bot.set_webhook("https://example.com/hook")


async def test_json_form_and_query_requests_are_all_understood(emulator: Emulator) -> None:
    uid = await user_id(emulator)
    url = f"{emulator.bot_base_url}{DEFAULT_TOKEN}"
    markup = {"inline_keyboard": [[{"text": "Ачуу", "callback_data": "open:1"}]]}
    async with aiohttp.ClientSession() as session:
        payload = {"chat_id": uid, "text": "json", "reply_markup": markup}
        async with session.post(f"{url}/sendMessage", json=payload) as r:
            assert (r.status, (await r.json())["result"]["reply_markup"]) == (200, markup)
        form = {"chat_id": str(uid), "text": "<i>form</i>", "parse_mode": "HTML", "reply_markup": json.dumps(markup)}
        async with session.post(f"{url}/sendmessage", data=form) as r:
            assert (await r.json())["result"]["entities"] == [{"type": "italic", "offset": 0, "length": 4}]
        async with session.get(f"{url}/sendMessage", params={"chat_id": uid, "text": "query"}) as r:
            assert (await r.json())["result"]["text"] == "query"
        async with session.post(f"{url}/sendMessage", json={"chat_id": uid}) as r:
            assert (r.status, await r.json()) == (
                400, {"ok": False, "error_code": 400, "description": "Bad Request: message text is empty"},
            )
        async with session.post(f"{url}/sendMessage", data={"chat_id": uid, "text": "x", "reply_markup": "{"}) as r:
            assert (await r.json())["description"] == "Bad Request: can't parse reply keyboard markup JSON object"
    assert [c.method for c in await emulator.calls()] == ["sendMessage"] * 5


async def test_markdown_v2_through_python_telegram_bot(emulator: Emulator, emulator_bot: Bot) -> None:
    uid = await user_id(emulator)
    sent = await emulator_bot.send_message(uid, r"*Кабар* _кыскача_ 1\.5%", parse_mode=ParseMode.MARKDOWN_V2)
    assert sent.text == "Кабар кыскача 1.5%" and [e.type for e in sent.entities] == ["bold", "italic"]
    with pytest.raises(BadRequest, match="(?i)character '.' is reserved"):
        await emulator_bot.send_message(uid, "1.5%", parse_mode=ParseMode.MARKDOWN_V2)
    with pytest.raises(BadRequest, match="(?i)unsupported parse_mode"):
        await emulator_bot.send_message(uid, "x", parse_mode="BBCode")


async def test_reply_keyboards_and_menu_button(emulator: Emulator, emulator_bot: Bot) -> None:
    from telegram import MenuButtonCommands, ReplyKeyboardMarkup

    uid = await user_id(emulator)
    languages = ReplyKeyboardMarkup([["Кыргызча", "Русский", "English"]], one_time_keyboard=True)
    sent = await emulator_bot.send_message(uid, "Тилди тандаңыз", reply_markup=languages)
    assert sent.reply_markup is None  # Telegram returns inline keyboards only
    stored = await emulator.bot_message(uid, sent.message_id)
    assert stored.reply_keyboard["keyboard"][0][0]["text"] == "Кыргызча" and stored.reply_markup is None
    await emulator_bot.set_chat_menu_button(uid, MenuButtonCommands())
    assert (await emulator_bot.get_chat_menu_button(uid)).type == "commands"
