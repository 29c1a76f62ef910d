"""A local Telegram Bot API emulator: the real bot talks to it as to api.telegram.org, tests act as its users.

A package of its own: it imports nothing of Kabarchy, and only it needs aiohttp (the `emulator` extra). README.md
beside this file says what it emulates, its control API and its limits.

Starting it
-----------
In the same event loop (tests, `kabarchy demo`)::

    async with Emulator() as emulator:             # serves on a free 127.0.0.1 port
        application = (
            ApplicationBuilder().token(DEFAULT_TOKEN)
            .base_url(emulator.bot_base_url)           # f"{emulator.root}/bot"
            .base_file_url(emulator.file_base_url)     # f"{emulator.root}/file/bot"
            .build()
        )

In tests, the `emulator` fixture (tests/conftest.py) gives a started Emulator and `emulator_bot` a PTB Bot on it.
As a process: `python -m botapi_emulator --port 8081 [--token T] [--username U] [--no-privacy] [--flood] [--latency S]`
prints its root URL (http://127.0.0.1:PORT) as the first line of stdout and stops cleanly on SIGTERM/SIGINT; point the
bot at it with TELEGRAM_API_URL=that URL and drive it with `EmulatorClient(root)`. It binds 127.0.0.1 only, and
delivers webhooks to loopback addresses only: it never touches the network.

The control API
---------------
The same coroutines exist on `Emulator` (in process) and `EmulatorClient` (over HTTP: POST /control/<name> with a
JSON object of keyword arguments, answered {"ok": true, "result": ...} or {"ok": false, "error": "..."} with 400,
404 or 408 for a wait that timed out; GET /control lists every signature). Mistakes raise `EmulatorError`, waits
that run out raise `TimeoutError`.

- Setting up: create_user, create_users (bulk, e.g. 10,000 recipients), create_chat ("group", "supergroup" with
  is_forum, "channel"; the bot is a member, of a channel an administrator, unless bot_status says otherwise),
  create_topic, set_member, set_bot_status, block_bot, unblock_bot, deactivate_user, migrate_group.
- Acting as users (each makes the update Telegram would send, with real update_id, message_id, date):
  send_message (/commands get bot_command entities; in a channel it is a channel post), edit_message, send_sticker,
  send_photo, forward_message, press_button (by label or index; data= forges any payload), callback_answer,
  send_inline_query (returns what the bot answered), choose_inline_result, send_update (any raw update).
- Reading: bot_messages / bot_message (the bot's messages as they are now: text after entity parsing, source markup,
  keyboard, thread), messages, next_bot_message / next_bot_edit / next_bot_activity (wait without polling; each chat
  remembers what was already read, so a reply that came first is not missed), mark_read, calls / call_count /
  call_stats / wait_for_calls (the log of every Bot API call with time.time() stamps), pending_updates,
  wait_until_polling (the bot is up and idle), bot_info, my_commands.
- Faults and limits: inject_retry_after (next N calls of a method, optionally to one chat, answer 429 with
  retry_after), inject_error (any code, or a dropped connection), clear_faults, set_flood_limits (Telegram's limits
  enforced with 429s: FloodLimits(global_per_second=30, per_chat_per_second=1, per_chat_burst=3,
  per_group_per_minute=20, paid_per_second=1000); off by default), set_latency, reset.

Example
-------
::

    user = await emulator.create_user(first_name="Айгүл", language_code="ky")
    await emulator.send_message(user["id"], "/latest")
    reply = await emulator.next_bot_message(user["id"])
    assert reply.button_texts == [["◀", "▶"]]
    query = await emulator.press_button(user["id"], reply.message_id, "▶")
    answer = await emulator.callback_answer(query["id"])       # {"text": ..., "show_alert": ..., ...}
    page = await emulator.next_bot_edit(user["id"], message_id=reply.message_id)
    assert await emulator.call_count(method="sendMessage", ok=True) == 1

What it checks like Telegram
----------------------------
Tokens (401 for a wrong one), method names (404 "Not Found"; a real method it does not emulate answers 400 naming
it), HTML / MarkdownV2 / Markdown entity parsing with Telegram's error texts, the 4096-character limit on the text
after parsing, empty texts, keyboards (callback_data 1-64 bytes), reply parameters, forum threads, "message is not
modified", messages to edit/delete not found, 403 for blocked/deactivated users, kicked bots and chats the bot never
entered, 400 with migrate_to_chat_id for a migrated group, long polling (offset, limit, allowed_updates, 409 for a
second poller or while a webhook is set), webhooks (secret token header, retries with backoff, last_error_message),
callback and inline query answers (expiry, double answers, result validation), commands per scope and language,
privacy mode in groups (commands for the bot, replies to it and service messages only, unless it is an admin).
"""

from botapi_emulator.control import EmulatorClient
from botapi_emulator.model import ApiError, BotMessage, Call, EmulatorError, FloodLimits
from botapi_emulator.server import CONTROL_METHODS, DEFAULT_TOKEN, Emulator

__all__ = [
    "CONTROL_METHODS",
    "DEFAULT_TOKEN",
    "ApiError",
    "BotMessage",
    "Call",
    "Emulator",
    "EmulatorClient",
    "EmulatorError",
    "FloodLimits",
]
