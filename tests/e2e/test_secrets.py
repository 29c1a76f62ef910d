"""No secret on any output path: the token and the webhook secret never reach stderr, a traceback, the error handler's
log, `kabarchy run`'s start-up messages or the demo, whatever a Bot API server (or a proxy before it) answers."""

from __future__ import annotations

import asyncio
import json
import signal
import sys
from pathlib import Path

from botapi_emulator import DEFAULT_TOKEN, Emulator
from tests.e2e.conftest import ROOT, Location, bot_env, eventually, free_port, seed_database, start_bot
from tests.webserver import WebServer

TOKEN = "987654321:AAH-Recognisable_Kabarchy-Secret-42"
WEBHOOK_SECRET = "Webhook-Secret_Recognisable-42"
SECRETS = (TOKEN, TOKEN.split(":")[1], WEBHOOK_SECRET, DEFAULT_TOKEN.split(":")[1])


async def kabarchy(*args: str, env: dict[str, str], stdin: bytes = b"", cwd: Path) -> tuple[int, str]:
    """Run `python -m bot ARGS`; return its exit code and everything it wrote (stdout and stderr)."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", *args, cwd=cwd, env=env,
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await asyncio.wait_for(process.communicate(stdin), 90)
    return process.returncode or 0, output.decode("utf-8", "replace")


def leaked(output: str) -> list[str]:
    return [secret for secret in SECRETS if secret in output]


async def test_no_secret_reaches_start_up_failures_or_the_demo(tmp_path: Path) -> None:
    """Neither opens the bot's database (start-up fails before it; the demo makes its own): one run, not one per back
    end."""
    outputs: dict[str, str] = {}
    # 1. A Bot API server (or a proxy) whose errors echo the request path, token included: start-up fails in one line.
    async with WebServer() as hostile, Emulator() as placeholder:
        env = bot_env(placeholder, tmp_path / "kabarchy.db")
        env.update(TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_URL=hostile.base_url, KABARCHY_WEBHOOK_SECRET=WEBHOOK_SECRET)
        path = f"/bot{TOKEN}/getMe"
        answers = [
            (403, "application/json", json.dumps({"ok": False, "error_code": 403,
                                                  "description": f"Forbidden: {path} ({WEBHOOK_SECRET})"})),
            (502, "text/html", f"<html>Bad Gateway: upstream {hostile.base_url}{path} failed</html>"),
            (409, "application/json", json.dumps({"ok": False, "description": f"Conflict at {path}"})),
            (500, "application/json", json.dumps({"ok": False, "description": f"{path}",
                                                  "parameters": {"odd": path}})),
        ]
        for number, (status, content_type, body) in enumerate(answers):
            hostile.add(path, body, status=status, content_type=content_type)
            for verbosity in ((), ("-vv",)):
                code, output = await kabarchy(*verbosity, "run", env=env, cwd=tmp_path)
                outputs[f"run {status} {verbosity}"] = output
                assert code == 2 and "kabarchy: " in output and "[secret]" in output, output
                assert verbosity or "Traceback" not in output, output  # a traceback only when asked for
            assert len(hostile.requests_to(path)) == 2 * (number + 1)

    # 2. The demo, chatting with -vv.
    env = bot_env(placeholder, tmp_path / "demo.db")
    code, output = await kabarchy("-vv", "demo", "--no-color", "--language", "en", env=env, cwd=ROOT,
                                  stdin=b"/start\n/latest\n1\n/nonsense\n")
    outputs["demo"] = output
    assert code == 0 and "bot> " in output

    for name, output in outputs.items():
        assert not leaked(output), f"{name} printed a secret:\n{output}"


async def test_no_secret_reaches_the_running_bots_log(database: Location, tmp_path: Path) -> None:
    # The running bot, on a webhook, meets a Bot API error that echoes the token: the error handler logs it.
    async with Emulator(TOKEN) as emulator:
        await seed_database(database)
        port = free_port()
        bot = await start_bot(emulator, db=database, workdir=tmp_path, env={
            "TELEGRAM_BOT_TOKEN": TOKEN,
            "KABARCHY_WEBHOOK_URL": f"http://127.0.0.1:{port}/bot{TOKEN}/{WEBHOOK_SECRET}",
            "KABARCHY_WEBHOOK_SECRET": WEBHOOK_SECRET,
            "KABARCHY_WEBHOOK_PORT": str(port),
        }, webhook=True)
        try:
            user = (await emulator.create_user(language_code="en"))["id"]
            await emulator.inject_error(error_code=400, description=f"Bad Request: /bot{TOKEN}/sendMessage",
                                        method="sendMessage")
            await emulator.send_message(user, "/help")
            await emulator.next_bot_message(user, timeout=20)  # the apology, after the failed reply
            await eventually(lambda: "unexpected error while handling an update" in bot.stderr_text())
        finally:
            assert await bot.stop(signal.SIGTERM) == 0
    output = bot.stderr_text()
    assert "Traceback" in output and "[secret]" in output
    assert not leaked(output), f"run webhook printed a secret:\n{output}"
