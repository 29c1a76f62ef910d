"""End-to-end fixtures: the real `kabarchy run` process (python -m bot run) against the Bot API emulator.

The emulator runs in the test's event loop; the bot is a subprocess configured only through its environment
(TELEGRAM_BOT_TOKEN=botapi_emulator.DEFAULT_TOKEN, TELEGRAM_API_URL=emulator.root, KABARCHY_DB, KABARCHY_ADMINS ...),
started in a scratch directory so no .env of the checkout is read. Teardown sends SIGTERM and asserts a clean exit:
code 0 and no traceback on stderr.

One bot process per test module keeps the suite fast. Module-scoped async fixtures need a module-scoped event loop,
so a module using them declares

    pytestmark = pytest.mark.asyncio(loop_scope="module")

Both back ends: a test that uses a database (through `seeded_db`, `bot`, `e2e_emulator` or `database`) runs once
on SQLite and once on PostgreSQL, a module's SQLite tests first. The PostgreSQL run needs $KABARCHY_TEST_POSTGRES
(tests/postgres.py) and skips, saying why, without it. A database location (`Location`) is a SQLite file's Path or
a postgresql:// URL; `read_db`, `seed_database`, `start_bot` and `bot_env` take either.

Fixtures
    backend        (module) "sqlite" or "postgresql": the back end of this run of the module
    e2e_emulator   (module) a started Emulator, one per back end, so the two runs of a module share nothing
    seeded_db      (module) a small database holding the demo articles (bot/demo/articles.jsonl): 10 articles
                   (4 ky, 3 ru, 3 en), 20 quotes; `ARTICLES` maps each title to its id there
    bot            (module) a BotProcess polling the e2e_emulator on seeded_db, with ADMIN_ID as its admin
    user           (function) a new private-chat user (Kyrgyz Telegram app) on the e2e_emulator: its id
    database       (function) where a new database is, on the back end: a file in tmp_path (not made yet; the
                   first to open it migrates it), or a new migrated PostgreSQL database, dropped after the test

Helpers, for a test that needs its own database, environment or process
    new_database(backend, directory) -> context of a Location  `database` for a wider scope (a module fixture)
    seed_database(location, drafts=None) -> dict[str, int]    store drafts (default: the demo articles)
    start_bot(emulator, db=..., workdir=..., admins=(...), env={...}, webhook=False) -> BotProcess
                                                               started and ready; it runs in `workdir` and logs there
    BotProcess.stop(signal=SIGTERM) -> int;  .stderr_text();  .assert_clean_exit()
    bot_env(emulator, db, admins) -> dict                      the environment start_bot uses
    read_db(location, sql, params) -> list[tuple]              a read-only query on a running bot's database
                                                               (`?` placeholders, on either back end)
    await eventually(check, timeout=...)                       wait until check() is truthy (the bot works in
                                                               the background: a channel post is stored silently)

Another area's module (feeds, digests) can reuse these: `start_bot(..., env={"KABARCHY_FEED_INTERVAL": "1"})`,
then drive the emulator (`user`, `e2e_emulator.send_message`, `next_bot_message`) and read the database.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import sqlite3
import sys
from collections.abc import AsyncIterator, Callable, Coroutine, Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

import asyncpg
import pytest
import pytest_asyncio

from bot.demo import load_articles, seed
from botapi_emulator import DEFAULT_TOKEN, Emulator
from news.models import ArticleDraft
from storage import Store
from storage.postgres import is_dsn, numbered
from tests import postgres

T = TypeVar("T")
Location = Path | str  # a SQLite file, or a postgresql:// URL
BACKENDS = ["sqlite", "postgresql"]
ROOT = Path(__file__).resolve().parents[2]
ADMIN_ID = 4242
START_TIMEOUT = 60.0
STOP_TIMEOUT = 20.0
ARTICLES: dict[str, int] = {}  # title -> id in the seeded_db fixture, filled when it is built


def free_port() -> int:
    """Return a free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run_blocking(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine to its end on an event loop of its own in a worker thread (sync code, inside a running loop)."""
    with ThreadPoolExecutor(max_workers=1) as worker:
        return worker.submit(asyncio.run, coroutine).result()


@contextmanager
def new_database(backend: str, directory: Path) -> Iterator[Location]:
    """Yield a new database's location on `backend`: a file in `directory`, or a PostgreSQL database dropped after."""
    if backend == "sqlite":
        yield directory / "kabarchy.db"
        return
    dsn = run_blocking(postgres.create_database())
    try:
        yield dsn
    finally:
        run_blocking(postgres.drop_database(dsn))


async def seed_database(location: Location, drafts: Iterable[ArticleDraft] | None = None) -> dict[str, int]:
    """Store the drafts (default: the demo articles) in the database at `location`; return title -> id."""
    store = await Store.open(location)
    try:
        drafts = list(drafts) if drafts is not None else load_articles(now=datetime.now(UTC))
        results = await seed(store, drafts)
        ordered = sorted(drafts, key=lambda d: d.published.timestamp() if d.published else 0.0)
        return {d.title or "": r.article_id for d, r in zip(ordered, results, strict=True)}
    finally:
        await store.close()


def read_db(location: Location, sql: str, params: Iterable[object] = ()) -> list[tuple]:
    """Run a read-only query on a database a bot may be using (on SQLite, WAL lets it read while the bot writes)."""
    if is_dsn(location):
        return run_blocking(_read_postgres(str(location), sql, tuple(params)))
    conn = sqlite3.connect(f"file:{location}?mode=ro", uri=True, timeout=10)
    try:
        return list(conn.execute(sql, tuple(params)))
    finally:
        conn.close()


async def _read_postgres(dsn: str, sql: str, params: tuple[object, ...]) -> list[tuple]:
    conn = await asyncpg.connect(dsn, server_settings={"default_transaction_read_only": "on"})
    try:
        return [tuple(row) for row in await conn.fetch(numbered(sql), *params)]
    finally:
        await conn.close()


async def eventually(check: Callable[[], T], *, timeout: float = 15.0, step: float = 0.05) -> T:
    """Return check()'s first truthy result, trying every `step` seconds; fail after `timeout`."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        result = check()
        if result:
            return result
        if loop.time() > deadline:
            raise AssertionError(f"still false after {timeout}s: {check}")
        await asyncio.sleep(step)


def bot_env(emulator: Emulator, db: Location, admins: Iterable[int] = (ADMIN_ID,)) -> dict[str, str]:
    """Return the environment for `kabarchy run` against the emulator (nothing inherited from a developer's .env)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "KABARCHY_"))}
    env.update(
        TELEGRAM_BOT_TOKEN=DEFAULT_TOKEN,
        TELEGRAM_API_URL=emulator.root,
        KABARCHY_DB=str(db),
        KABARCHY_ADMINS=",".join(str(a) for a in admins),
        KABARCHY_TIMEZONE="Asia/Bishkek",
        KABARCHY_LANGUAGE="ky",
        PTB_TIMEDELTA="1",
        PYTHONUNBUFFERED="1",
    )
    return env


@dataclass
class BotProcess:
    """A running `kabarchy run` process."""

    process: asyncio.subprocess.Process
    db: Location
    env: dict[str, str]
    log: Path  # stdout and stderr of the process
    returncode: int | None = field(default=None)

    def stderr_text(self) -> str:
        """Return what the process wrote so far."""
        return self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else ""

    async def stop(self, sig: int = signal.SIGTERM, *, timeout: float = STOP_TIMEOUT) -> int:
        """Send `sig` and wait for the exit; return the exit code (killing it after `timeout`)."""
        if self.process.returncode is None:
            self.process.send_signal(sig)
            try:
                await asyncio.wait_for(self.process.wait(), timeout)
            except TimeoutError:
                self.process.kill()
                await self.process.wait()
                raise AssertionError(f"the bot did not stop within {timeout}s:\n{self.stderr_text()}") from None
        self.returncode = self.process.returncode
        return self.returncode

    def assert_clean_exit(self) -> None:
        """Assert exit code 0 and no traceback in the output."""
        output = self.stderr_text()
        assert self.returncode == 0, f"exit code {self.returncode}:\n{output}"
        assert "Traceback" not in output, output


async def _ready(emulator: Emulator, process: asyncio.subprocess.Process, *, webhook: bool) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + START_TIMEOUT
    while loop.time() < deadline:
        if process.returncode is not None:
            return
        if webhook:
            if (emulator.webhook_info() or {}).get("url"):
                return
        elif emulator.polling:
            return
        await asyncio.sleep(0.05)
    raise TimeoutError(f"the bot was not ready within {START_TIMEOUT}s")


async def start_bot(
    emulator: Emulator,
    *,
    db: Location,
    workdir: Path,
    admins: Iterable[int] = (ADMIN_ID,),
    env: Mapping[str, str] | None = None,
    webhook: bool = False,
    args: Iterable[str] = (),
) -> BotProcess:
    """Start `python -m bot run` in `workdir` against the emulator and wait until it polls (or has set its webhook)."""
    full_env = bot_env(emulator, db, admins)
    full_env.update(env or {})
    log = workdir / f"bot-{len(list(workdir.glob('bot-*.log')))}.log"
    with log.open("wb") as output:
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "-v", "run", *args,
            cwd=workdir, env=full_env, stdin=asyncio.subprocess.DEVNULL, stdout=output, stderr=output,
        )
    handle = BotProcess(process, db, full_env, log)
    try:
        await _ready(emulator, process, webhook=webhook)
    except BaseException:
        await handle.stop(signal.SIGKILL)
        raise
    if process.returncode is not None:
        raise AssertionError(f"the bot exited with {process.returncode} at start:\n{handle.stderr_text()}")
    return handle


@pytest.fixture(scope="module", params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    """The back end of this run of the module (PostgreSQL skips, with the reason, when no server is configured)."""
    if request.param == "postgresql":
        postgres.require()
    return request.param


@pytest.fixture
def database(backend: str, tmp_path: Path) -> Iterator[Location]:
    """Where a new database is, for one test, on the module's back end."""
    with new_database(backend, tmp_path) as location:
        yield location


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def e2e_emulator(backend: str) -> AsyncIterator[Emulator]:
    """A Bot API emulator shared by one test module on one back end."""
    async with Emulator() as running:
        yield running


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def seeded_db(backend: str, tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[Location]:
    """A database holding the demo articles, for one test module on one back end."""
    with new_database(backend, tmp_path_factory.mktemp("e2e")) as location:
        ARTICLES.clear()
        ARTICLES.update(await seed_database(location))
        yield location


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def bot(
    e2e_emulator: Emulator, seeded_db: Location, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[BotProcess]:
    """The real bot process, polling the module's emulator, on the module's seeded database."""
    await e2e_emulator.create_user(ADMIN_ID, first_name="Админ", language_code="ky")
    process = await start_bot(e2e_emulator, db=seeded_db, workdir=tmp_path_factory.mktemp("bot"))
    try:
        yield process
    finally:
        await process.stop()
    process.assert_clean_exit()


@pytest_asyncio.fixture(loop_scope="module")
async def user(e2e_emulator: Emulator) -> int:
    """A new user with a private chat with the bot (Telegram app in Kyrgyz); its id."""
    created = await e2e_emulator.create_user(first_name="Айбек", language_code="ky")
    return created["id"]
