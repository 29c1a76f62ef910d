"""`kabarchy run` itself: webhook mode, clean stops on SIGINT and SIGTERM, clear messages for a bad configuration."""

from __future__ import annotations

import asyncio
import signal
import sys
from pathlib import Path

import pytest

from botapi_emulator import Emulator
from handlers import start
from handlers.i18n import translator
from tests.e2e.conftest import Location, bot_env, free_port, read_db, seed_database, start_bot

WAIT = 20.0


async def run_to_exit(env: dict[str, str], cwd: Path, *, timeout: float = 60.0) -> tuple[int, str]:
    """Run `python -m bot run` until it exits; return the exit code and its stderr."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", cwd=cwd, env=env,
        stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    _, stderr = await asyncio.wait_for(process.communicate(), timeout)
    return process.returncode or 0, stderr.decode("utf-8", "replace")


async def test_webhook_mode_answers_and_stops_cleanly(emulator: Emulator, database: Location, tmp_path: Path) -> None:
    await seed_database(database)
    port = free_port()
    env = {
        "KABARCHY_WEBHOOK_URL": f"http://127.0.0.1:{port}/telegram/hook",
        "KABARCHY_WEBHOOK_SECRET": "e2e-secret_token",
        "KABARCHY_WEBHOOK_PORT": str(port),
    }
    bot = await start_bot(emulator, db=database, workdir=tmp_path, env=env, webhook=True)
    try:
        info = (await emulator.bot_info())["webhook"]
        assert info["url"] == f"http://127.0.0.1:{port}/telegram/hook"
        user = (await emulator.create_user(first_name="Бермет", language_code="ru"))["id"]
        await emulator.send_message(user, "/help")
        reply = await emulator.next_bot_message(user, timeout=WAIT)
        assert translator("ru").gettext(start.TEXT_HELP_TITLE) in reply.text
        assert (await emulator.bot_info())["webhook"].get("last_error_message") is None
    finally:
        await bot.stop(signal.SIGTERM)
    bot.assert_clean_exit()


async def test_sigint_stops_polling_cleanly(
    emulator: Emulator, backend: str, database: Location, tmp_path: Path
) -> None:
    bot = await start_bot(emulator, db=database, workdir=tmp_path, admins=())
    user = (await emulator.create_user(first_name="Aibek", language_code="en"))["id"]
    await emulator.send_message(user, "/start")
    await emulator.next_bot_message(user, timeout=WAIT)
    await bot.stop(signal.SIGINT)
    bot.assert_clean_exit()
    if backend == "sqlite":  # a WAL file is SQLite's; on PostgreSQL a proper close shows only as the clean exit
        # The store was closed properly: the WAL was folded into the database file.
        assert not Path(f"{database}-wal").exists() or Path(f"{database}-wal").stat().st_size == 0
    assert read_db(database, "SELECT type FROM chats WHERE id = ?", (user,)) == [("private",)]


async def test_a_missing_token_is_one_clear_line(tmp_path: Path) -> None:
    env = {k: v for k, v in bot_env_without_emulator(tmp_path).items() if k != "TELEGRAM_BOT_TOKEN"}
    code, stderr = await run_to_exit(env, tmp_path)
    assert code == 2
    assert stderr.strip().startswith("kabarchy: TELEGRAM_BOT_TOKEN is not set")
    assert "Traceback" not in stderr and len(stderr.strip().splitlines()) == 1


async def test_a_rejected_token_is_one_clear_line(emulator: Emulator, tmp_path: Path) -> None:
    env = bot_env(emulator, tmp_path / "kabarchy.db")
    env["TELEGRAM_BOT_TOKEN"] = "987654321:AAEwrongTokenForTheEmulator"
    code, stderr = await run_to_exit(env, tmp_path)
    assert code == 2
    assert "kabarchy: Telegram rejected TELEGRAM_BOT_TOKEN" in stderr
    assert "Traceback" not in stderr


async def test_an_unreachable_api_is_one_clear_line(tmp_path: Path) -> None:
    env = bot_env_without_emulator(tmp_path)
    env["TELEGRAM_API_URL"] = f"http://127.0.0.1:{free_port()}"
    code, stderr = await run_to_exit(env, tmp_path)
    assert code == 2
    assert "kabarchy: cannot reach the Bot API" in stderr
    assert "Traceback" not in stderr


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("TELEGRAM_BOT_TOKEN", "not a token", "does not look like a bot token"),
        ("KABARCHY_TIMEZONE", "Mars/Olympus", "KABARCHY_TIMEZONE"),
        ("KABARCHY_ADMINS", "12,abc", "KABARCHY_ADMINS"),
    ],
)
async def test_bad_configuration_is_one_clear_line(tmp_path: Path, name: str, value: str, message: str) -> None:
    env = bot_env_without_emulator(tmp_path)
    env[name] = value
    code, stderr = await run_to_exit(env, tmp_path)
    assert code == 2
    assert message in stderr and "Traceback" not in stderr


def bot_env_without_emulator(tmp_path: Path) -> dict[str, str]:
    """The run environment pointing at nothing: for failures that happen before any request."""

    class _Nowhere:
        root = "http://127.0.0.1:9"

    return bot_env(_Nowhere(), tmp_path / "kabarchy.db")  # type: ignore[arg-type]


async def test_the_token_never_reaches_the_log(emulator: Emulator, database: Location, tmp_path: Path) -> None:
    from botapi_emulator import DEFAULT_TOKEN

    bot = await start_bot(emulator, db=database, workdir=tmp_path, admins=())
    user = (await emulator.create_user(first_name="Aibek", language_code="en"))["id"]
    await emulator.send_message(user, "/start")
    await emulator.next_bot_message(user, timeout=WAIT)
    # A failing Bot API call makes PTB log the error it got; the token must not be in it.
    await emulator.inject_error(1, error_code=500, description="Internal Server Error", chat_id=user)
    await emulator.send_message(user, "/help")  # its reply meets the 500 and is logged as an error
    await emulator.send_message(user, "/latest")
    await emulator.next_bot_message(user, timeout=WAIT)
    await bot.stop(signal.SIGTERM)
    bot.assert_clean_exit()
    log = bot.stderr_text()
    assert "Internal Server Error" in log
    assert "starting as @" in log  # -v: the log is on
    assert DEFAULT_TOKEN not in log and DEFAULT_TOKEN.split(":")[1] not in log
