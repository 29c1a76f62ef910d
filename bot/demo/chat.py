"""The terminal side of `kabarchy demo`: the person types as a Telegram user, the bot's replies are printed.

Each line is sent to the bot as a message in the person's private chat (through the emulator's control API, as
Telegram would deliver it). After each line the chat waits until the bot has finished with it, then prints what
the bot sent or edited. Buttons are listed as numbered choices; typing a number presses one. A button labelled
with a number (an article's number in a list) is pressed by typing that number, and the other buttons get numbers
no label shows, so typing what you see next to an article never presses ◀ instead. A line starting
with "@<bot username>" is an inline query; its results are numbered choices too, and picking one sends it.
Works the same with piped input (each line echoed, exit at the end of input).
"""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import TextIO

from telegram.ext import Application

from bot.demo.terminal import dim, render
from botapi_emulator import BotMessage, Emulator, EmulatorError

SETTLE_STEP = 0.02  # seconds between checks that the bot is idle
SETTLE_CHECKS = 3  # consecutive idle checks that mean the bot is done
SETTLE_TIMEOUT = 30.0
QUIT = frozenset({"/quit", "/exit"})


@dataclass(slots=True)
class Choice:
    """A numbered thing the person can pick: a button of a message, or an inline result."""

    label: str
    message_id: int | None = None  # a button: the message it is under
    index: int | None = None  # its index in reading order
    url: str | None = None  # a link button
    inline_query_id: str | None = None  # an inline result
    result_id: str | None = None


class TerminalChat:
    """One person's private chat with the bot, in a terminal."""

    def __init__(
        self,
        emulator: Emulator,
        application: Application,
        user_id: int,
        *,
        out: TextIO = sys.stdout,
        color: bool = False,
        echo: bool = False,
    ) -> None:
        self.emulator = emulator
        self.application = application
        self.user_id = user_id
        self.out = out
        self.color = color
        self.echo = echo
        self.choices: dict[int, Choice] = {}

    def say(self, text: str = "") -> None:
        """Print a line (the CLI's output, not logging)."""
        print(text, file=self.out, flush=True)

    async def settle(self) -> None:
        """Wait until the bot has fetched every update and no handler is running."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + SETTLE_TIMEOUT
        quiet = 0
        while quiet < SETTLE_CHECKS and loop.time() < deadline:
            await asyncio.sleep(SETTLE_STEP)
            busy = (
                await self.emulator.pending_updates() > 0
                or not self.application.update_queue.empty()
                or self.application.update_processor.current_concurrent_updates > 0
            )
            quiet = 0 if busy else quiet + 1

    async def show_activity(self) -> None:
        """Print what the bot did in the chat since the last call; the newest keyboard becomes the choices."""
        while True:
            try:
                message = await self.emulator.next_bot_activity(self.user_id, timeout=0)
            except TimeoutError:
                return
            self.show_message(message)

    def show_message(self, message: BotMessage) -> None:
        """Print one bot message (sent, edited or deleted) and list its buttons."""
        if message.event == "deleted":
            self.say(dim("(the bot deleted a message)", color=self.color))
            return
        label = "bot" if message.event == "sent" else "bot (edited)"
        body = render(message.source or "", color=self.color) if message.parse_mode == "HTML" else message.text
        self.say(self._block(f"{label}> ", body))
        buttons = message.buttons
        if buttons:
            labels = [button["text"] for button in buttons]
            self.choices = {
                number: Choice(button["text"], message_id=message.message_id, index=index, url=button.get("url"))
                for number, (index, button) in zip(choice_numbers(labels), enumerate(buttons), strict=True)
            }
            self._list_choices()
        self.say()

    def _block(self, prefix: str, body: str) -> str:
        pad = " " * len(prefix)
        lines = body.split("\n")
        return "\n".join([prefix + lines[0], *(pad + line for line in lines[1:])])

    def _list_choices(self) -> None:
        items = [
            f"[{number}]" if choice.label == str(number) else f"[{number}] {choice.label}"
            for number, choice in self.choices.items()
        ]
        self.say(dim("     " + "  ".join(items), color=self.color))

    async def pick(self, number: int) -> None:
        """Press button `number` of the newest keyboard, or send inline result `number`."""
        choice = self.choices[number]
        if choice.url is not None:
            self.say(dim(f"(a link button: {choice.url})", color=self.color))
            return
        if choice.inline_query_id is not None:
            sent = await self.emulator.choose_inline_result(
                choice.inline_query_id, choice.result_id or "", chat_id=self.user_id
            )
            self.say(self._block(f"you (via @{self.emulator.username})> ", sent.get("text", "")))
            self.say()
            self.choices = {}
            return
        query = await self.emulator.press_button(self.user_id, choice.message_id or 0, choice.index)
        try:
            answer = await self.emulator.callback_answer(query["id"], timeout=SETTLE_TIMEOUT)
        except TimeoutError:
            answer = {}
        if answer.get("text"):
            self.say(dim(f"({answer['text']})", color=self.color))

    async def inline(self, query: str) -> None:
        """Type "@bot query": list the bot's inline results as choices."""
        answer = await self.emulator.send_inline_query(self.user_id, query, timeout=SETTLE_TIMEOUT)
        results = answer.get("results") or []
        if not results:
            button = answer.get("button") or {}
            self.say(dim(f"(no inline results{': ' + button['text'] if button.get('text') else ''})", color=self.color))
            return
        self.say(f"@{self.emulator.username} {query}:")
        self.choices = {
            number: Choice(result.get("title", ""), inline_query_id=answer["inline_query_id"], result_id=result["id"])
            for number, result in enumerate(results, start=1)
        }
        for number, result in enumerate(results, start=1):
            description = (result.get("description") or "").split("\n")[0]
            self.say(f"  [{number}] {result.get('title', '')}: {description}")
        self.say(dim("  (type a number to send one to the chat)", color=self.color))
        self.say()

    async def handle(self, line: str) -> bool:
        """Act on one line the person typed; return False to leave."""
        text = line.strip()
        if not text:
            return True
        if self.echo:
            self.say(f"you> {text}")
        if text.lower() in QUIT:
            return False
        mention = f"@{self.emulator.username}".lower()
        try:
            if text.isdigit() and int(text) in self.choices:
                await self.pick(int(text))
            elif text.lower() == mention or text.lower().startswith(mention + " "):
                await self.inline(text[len(mention) :].strip())
            else:
                await self.emulator.send_message(self.user_id, text)
        except (EmulatorError, TimeoutError) as exc:
            self.say(dim(f"({exc})", color=self.color))
        await self.settle()
        await self.show_activity()
        return True

    async def run(self, lines: AsyncIterator[str]) -> None:
        """Process lines until the end of input or /quit."""
        async for line in lines:
            if not await self.handle(line):
                break


def choice_numbers(labels: list[str]) -> list[int]:
    """Number buttons: a label that is a number keeps it; the others take the smallest numbers no label shows."""
    taken = {int(label) for label in labels if label.isdigit() and len(label) < 7}
    numbers: list[int] = []
    spare = (n for n in range(1, len(labels) + len(taken) + 2) if n not in taken)
    used: set[int] = set()
    for label in labels:
        own = int(label) if label.isdigit() and len(label) < 7 else None
        number = own if own is not None and own not in used else next(n for n in spare if n not in used)
        used.add(number)
        numbers.append(number)
    return numbers


async def stdin_lines(prompt: str, *, interactive: bool) -> AsyncIterator[str]:
    """Yield lines from standard input until EOF, showing `prompt` before each when interactive.

    Reads through the event loop, not a thread: a thread blocked in input() would keep the process alive after
    Ctrl-C until Enter is pressed.
    """
    loop = asyncio.get_running_loop()
    fd = sys.stdin.fileno()
    chunks: asyncio.Queue[bytes] = asyncio.Queue()

    def readable() -> None:
        data = os.read(fd, 65536)
        if not data:
            loop.remove_reader(fd)
        chunks.put_nowait(data)

    try:
        loop.add_reader(fd, readable)
    except (PermissionError, OSError):
        # A regular file (`kabarchy demo < script.txt`) cannot be watched, but reading it never blocks either.
        for line in sys.stdin:
            yield line.rstrip("\n")
        return
    buffer = b""
    try:
        while True:
            if interactive:
                print(prompt, end="", flush=True)
            while b"\n" not in buffer:
                data = await chunks.get()
                if not data:
                    if buffer.strip():
                        yield buffer.decode("utf-8", "replace")
                    return
                buffer += data
            line, buffer = buffer.split(b"\n", 1)
            yield line.decode("utf-8", "replace").rstrip("\r")
    finally:
        loop.remove_reader(fd)
