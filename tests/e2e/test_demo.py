"""`kabarchy demo` driven like a newcomer would, with piped input: no token, no network, a chat in the terminal."""

from __future__ import annotations

import asyncio
import os
import re
import sys
from pathlib import Path

from handlers import articles, language, quotes, start, views
from handlers.i18n import translator

SCRIPT = [
    "/start",
    "/latest",
    "1",  # the first article's button
    "/quotes Токтосунов",
    "@kabarchy_demo_bot glaciers",
    "/language",
    "2",  # Русский
    "/latest 2",
    "/latest",
    "6",  # ▶: the buttons of page 1 are 1-5 and ▶
    "6",  # the sixth article: on page 2 the article buttons keep their numbers, ◀ takes a free one
]


def tr(lang: str, text: str, **values: object) -> str:
    return translator(lang).gettext(text).format(**values)


async def run_demo(lines: list[str], tmp_path: Path, *extra: str, timeout: float = 120.0) -> tuple[int, str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "KABARCHY_"))}
    env.update(PTB_TIMEDELTA="1", NO_COLOR="1", LANG="C.UTF-8")
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "demo", "--name", "Нурай", *extra, cwd=tmp_path, env=env,
        stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    stdout, stderr = await asyncio.wait_for(process.communicate("\n".join(lines).encode() + b"\n"), timeout)
    return process.returncode or 0, stdout.decode("utf-8"), stderr.decode("utf-8")


async def test_demo_chats_through_piped_input(tmp_path: Path) -> None:
    code, out, err = await run_demo(SCRIPT, tmp_path, "--db", str(tmp_path / "demo.db"))
    assert code == 0, err
    assert "Traceback" not in err and "Traceback" not in out
    # Every line is echoed, then the bot's answer follows.
    assert "you> /start" in out
    assert tr("ky", start.TEXT_WELCOME, name="Нурай") in out
    latest = out.index("you> /latest\n")
    assert tr("ky", articles.TEXT_LATEST_TITLE) in out[latest:]
    assert "1. Bishkek logistics startup raises $4 million" in out[latest:]
    assert "[1]  [2]  [3]  [4]  [5]  [6] ▶" in out[latest:]
    # The button opened the article: linked title shown with its address, quotes indented with a bar.
    card = out.index("you> 1\n")
    assert "<https://silkroadtimes.example/en/bishkek-startup-funding>" in out[card:]
    assert "  │ \u201cOnline shopping in Central Asia" in out[card:]
    found = out.index("you> /quotes Токтосунов")
    assert "— Нурлан Токтосунов" in out[found:]
    inline = out.index("you> @kabarchy_demo_bot glaciers")
    assert "[1] Jyldyz Karimova" in out[inline:] or "[1] Michael Brandt" in out[inline:]
    chosen = out.index("you> /language")
    assert tr("ky", language.TEXT_CHOOSE) in out[chosen:]
    assert "[2] Русский" in out[chosen:]
    assert tr("ru", language.TEXT_CHOSEN) in out[chosen:]
    assert tr("ru", articles.TEXT_LATEST_TITLE) in out[out.index("you> /latest 2"):]
    page_two = out.index("you> 6\n", out.index("you> /latest\n", latest + 1))
    assert "[6]  [7]  [8]  [9]  [10]  [1] ◀" in out[page_two:]
    sixth = re.search(r"^\s*6\. (.+)$", out[page_two:], re.MULTILINE)
    assert sixth is not None
    card = out[out.index("you> 6\n", page_two + 1):]
    number = re.escape(tr("ru", views.TEXT_ARTICLE_NUMBER, id="@")).replace("@", r"\d+")
    assert re.search(number, card) and card.index(sixth.group(1)) < card.index("[1]")
    assert (tmp_path / "demo.db").exists()

    # A second run on the same database keeps what was stored (and the language chosen).
    code, out, err = await run_demo(["/quotes"], tmp_path, "--db", str(tmp_path / "demo.db"))
    assert code == 0, err
    assert tr("ru", quotes.TEXT_LATEST_QUOTES) in out


async def test_demo_without_input_exits_cleanly(tmp_path: Path) -> None:
    code, out, err = await run_demo([], tmp_path)
    assert code == 0, err
    assert "Kabarchy demo" in out and "Traceback" not in err
