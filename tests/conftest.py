"""Shared fixtures. Keep this file small: fixtures of one area belong in that area's conftest."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator

# PTB 22 warns that RetryAfter.retry_after becomes a timedelta; the project opts in (bot.cli does the same at start),
# so the deprecation warning never turns into an error under filterwarnings=error.
os.environ.setdefault("PTB_TIMEDELTA", "1")

import pytest  # noqa: E402
from telegram import Bot  # noqa: E402
from telegram.ext import Application, ApplicationBuilder, CallbackContext  # noqa: E402

from botapi_emulator import DEFAULT_TOKEN, Emulator  # noqa: E402


@pytest.fixture
async def emulator() -> AsyncIterator[Emulator]:
    """A Bot API emulator serving on a free 127.0.0.1 port for one test (token: botapi_emulator.DEFAULT_TOKEN)."""
    async with Emulator() as running:
        yield running


@pytest.fixture
async def emulator_bot(emulator: Emulator) -> AsyncIterator[Bot]:
    """A python-telegram-bot `Bot` talking to the `emulator` fixture."""
    async with Bot(DEFAULT_TOKEN, base_url=emulator.bot_base_url, base_file_url=emulator.file_base_url) as bot:
        yield bot


@pytest.fixture
async def job_application(emulator: Emulator) -> AsyncIterator[Application]:
    """A started Application on the emulator, for its JobQueue: job errors land in bot_data["job_errors"]."""
    application = ApplicationBuilder().token(DEFAULT_TOKEN).base_url(emulator.bot_base_url).build()
    errors: list[BaseException] = []
    application.bot_data["job_errors"] = errors

    async def collect(update: object, context: CallbackContext) -> None:
        errors.append(context.error)  # type: ignore[arg-type]

    application.add_error_handler(collect)
    async with application:
        await application.start()
        try:
            yield application
        finally:
            await application.stop()


@pytest.fixture(scope="session", autouse=True)
def _postgres_template() -> object:
    """Drop the PostgreSQL template database tests/postgres.py made, once the run is over."""
    from tests import postgres

    yield None
    postgres.drop_template()
