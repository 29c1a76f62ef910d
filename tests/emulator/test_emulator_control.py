"""The control side over HTTP: EmulatorClient against an emulator in another process, and the routes' errors."""

from __future__ import annotations

import asyncio
import inspect
import signal
import sys
from collections.abc import AsyncIterator

import aiohttp
import pytest
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup

from botapi_emulator import CONTROL_METHODS, DEFAULT_TOKEN, BotMessage, Call, Emulator, EmulatorClient, EmulatorError


@pytest.mark.parametrize("name", CONTROL_METHODS)
def test_client_mirrors_the_in_process_api(name: str) -> None:
    local = inspect.signature(getattr(Emulator, name))
    remote = inspect.signature(getattr(EmulatorClient, name))
    assert remote == local, f"EmulatorClient.{name}{remote} != Emulator.{name}{local}"
    assert inspect.iscoroutinefunction(getattr(EmulatorClient, name))
    assert getattr(Emulator, name).__doc__, f"Emulator.{name} needs a docstring: /control lists it"


@pytest.fixture
async def emulator_process() -> AsyncIterator[tuple[asyncio.subprocess.Process, str]]:
    """`python -m botapi_emulator` on a free port; yields the process and its root URL (its first line of output)."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "botapi_emulator", "--port", "0", "--username", "kabarchy_news_bot",
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    try:
        line = await asyncio.wait_for(process.stdout.readline(), timeout=30)
        assert line.startswith(b"http://127.0.0.1:"), line + await process.stderr.read()
        yield process, line.decode().strip()
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()


async def test_client_drives_an_emulator_in_another_process(
    emulator_process: tuple[asyncio.subprocess.Process, str],
) -> None:
    process, root = emulator_process
    async with EmulatorClient(root) as client, Bot(DEFAULT_TOKEN, base_url=f"{root}/bot") as bot:
        assert (await bot.get_me()).username == "kabarchy_news_bot"
        uid = (await client.create_user(first_name="Бакыт", language_code="ky"))["id"]
        await client.send_message(uid, "/latest")
        [update] = await bot.get_updates(timeout=0)
        keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Окуу", callback_data="open:7")]])
        await bot.send_message(uid, "<b>Жаңылык</b>", parse_mode="HTML", reply_markup=keyboard,
                               reply_to_message_id=update.message.message_id)

        message = await client.next_bot_message(uid)
        assert isinstance(message, BotMessage)
        assert (message.text, message.source, message.reply_to_message_id) == ("Жаңылык", "<b>Жаңылык</b>", 1)
        with pytest.raises(TimeoutError, match="no new message from the bot"):
            await client.next_bot_message(uid, timeout=0.2)

        query = await client.press_button(uid, message.message_id, "Окуу")
        [pressed] = await bot.get_updates(offset=update.update_id + 1, timeout=0)
        assert pressed.callback_query.id == query["id"] and pressed.callback_query.data == "open:7"
        await pressed.callback_query.answer("Ачылды", show_alert=True)
        answer = await client.callback_answer(query["id"])
        assert (answer["text"], answer["show_alert"]) == ("Ачылды", True)
        with pytest.raises(EmulatorError, match="no button 'Жабуу'"):
            await client.press_button(uid, message.message_id, "Жабуу")

        await client.inject_retry_after(1, retry_after=2)
        assert await client.wait_for_calls(1, timeout=5) == 1
        calls = await client.calls(method="sendMessage")
        assert all(isinstance(c, Call) for c in calls) and calls[0].params["parse_mode"] == "HTML"
        assert (await client.call_stats(method=None))["calls"] == await client.call_count()

        await client.reset()
        assert await client.call_count() == 0

    process.send_signal(signal.SIGTERM)
    assert await asyncio.wait_for(process.wait(), timeout=10) == 0


async def test_control_routes_explain_mistakes(emulator: Emulator) -> None:
    async with aiohttp.ClientSession() as session:
        async with session.get(f"{emulator.root}/control") as response:
            index = (await response.json())["result"]
        assert set(index) == set(CONTROL_METHODS)
        assert index["press_button"].startswith("press_button(chat_id: 'int', message_id: 'int'")
        async with session.post(f"{emulator.root}/control/teleport", json={}) as response:
            assert response.status == 404
        async with session.post(f"{emulator.root}/control/create_user", json={"colour": "blue"}) as response:
            assert response.status == 400 and "colour" in (await response.json())["error"]
        async with session.get(f"{emulator.root}/control/create_user?user_id=77&first_name=Aida") as response:
            assert (await response.json())["result"]["id"] == 77
        async with session.post(f"{emulator.root}/control/send_message", json={"chat_id": 5, "text": "x"}) as r:
            assert (r.status, (await r.json())["error"]) == (400, "no chat 5; create it first")


async def test_bulk_users_and_call_statistics(emulator: Emulator, emulator_bot: Bot) -> None:
    ids = await emulator.create_users(50, first_id=500_001)
    assert ids[0] == 500_001 and ids[-1] == 500_050
    await asyncio.gather(*(emulator_bot.send_message(uid, "Күнүмдүк дайджест") for uid in ids))
    assert await emulator.wait_for_calls(50, timeout=10) == 50
    stats = await emulator.call_stats()
    assert (stats["calls"], stats["ok"], stats["errors"]) == (50, 50, {})
    assert 1 <= stats["max_per_second"] <= 50 and stats["first_at"] <= stats["last_at"]
    sent = [await emulator.bot_messages(uid) for uid in ids]
    assert all(len(messages) == 1 for messages in sent)


async def test_reading_positions_per_chat(emulator: Emulator, emulator_bot: Bot) -> None:
    uid = (await emulator.create_user())["id"]
    first = await emulator_bot.send_message(uid, "биринчи")
    await emulator_bot.send_message(uid, "экинчи")
    await emulator_bot.edit_message_text("биринчи (түзөтүлгөн)", uid, first.message_id)
    await emulator_bot.delete_message(uid, first.message_id)

    # Each reader keeps its own position: new messages, edits, and everything in order.
    assert [(await emulator.next_bot_message(uid)).text for _ in range(2)] == ["биринчи", "экинчи"]
    assert (await emulator.next_bot_edit(uid)).text == "биринчи (түзөтүлгөн)"
    activity = [await emulator.next_bot_activity(uid) for _ in range(4)]
    assert [(a.event, a.text) for a in activity] == [
        ("sent", "биринчи"), ("sent", "экинчи"), ("edited", "биринчи (түзөтүлгөн)"),
        ("deleted", "биринчи (түзөтүлгөн)"),
    ]
    with pytest.raises(TimeoutError, match=f"no new message from the bot in chat {uid} within 0.1s"):
        await emulator.next_bot_message(uid, timeout=0.1)

    await emulator_bot.send_message(uid, "окулбай калат")
    await emulator.mark_read(uid)
    waiting = asyncio.create_task(emulator.next_bot_message(uid, timeout=10))
    await asyncio.sleep(0)
    await emulator_bot.send_message(uid, "жаңы")
    assert (await waiting).text == "жаңы"


async def test_member_changes_and_raw_updates(emulator: Emulator, emulator_bot: Bot) -> None:
    owner, reader = (await emulator.create_user())["id"], (await emulator.create_user(first_name="Жаңы"))["id"]
    group = (await emulator.create_chat("supergroup", title="Окурмандар", owner_id=owner))["id"]
    await emulator_bot.get_updates(timeout=0, allowed_updates=["message", "chat_member", "message_reaction"])
    await emulator.set_member(group, reader, "member")
    await emulator.set_member(group, reader, "administrator", by_user_id=owner)
    reaction = {"chat": {"id": group, "type": "supergroup", "title": "Окурмандар"}, "message_id": 1,
                "date": 1_700_000_000, "old_reaction": [], "new_reaction": [{"type": "emoji", "emoji": "👍"}]}
    assert await emulator.send_update({"message_reaction": reaction}) is not None
    updates = await emulator_bot.get_updates(timeout=0)
    kinds = [next(k for k in u.to_dict() if k != "update_id") for u in updates]
    assert kinds == ["chat_member", "message", "chat_member", "message_reaction"]
    assert updates[1].message.new_chat_members[0].id == reader
    assert updates[2].chat_member.new_chat_member.status == "administrator"
    assert (await emulator_bot.get_chat_member(group, reader)).status == "administrator"
    with pytest.raises(EmulatorError, match="an update has exactly one of"):
        await emulator.send_update({"message": {}, "edited_message": {}})


def test_the_emulator_depends_on_no_project_layer() -> None:
    import ast
    from pathlib import Path

    package = Path(__file__).resolve().parents[2] / "bot" / "emulator"
    for path in package.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            for name in names:
                assert name.split(".")[0] not in {"news", "storage", "handlers"}, f"{path.name} imports {name}"
                if name.startswith("bot."):
                    assert name.startswith("botapi_emulator"), f"{path.name} imports {name}"
