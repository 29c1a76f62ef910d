"""The emulator's world: users, chats, stored messages, and the public read-only views of them.

Exceptions:

    EmulatorError        a control request that cannot be done (unknown chat, no such button); HTTP 400 on /control
    ApiError             a Bot API error answered to the bot in Telegram's shape (internal to the emulator)
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass, field, fields
from typing import Any

__all__ = [
    "ApiError",
    "BotMessage",
    "Call",
    "Chat",
    "EmulatorError",
    "FloodLimits",
    "StoredMessage",
    "User",
]

CHAT_TYPES = ("private", "group", "supergroup", "channel")
MEMBER_STATUSES = ("creator", "administrator", "member", "left", "kicked")


class EmulatorError(Exception):
    """A control request the emulator cannot carry out, such as pressing a button that does not exist."""


class ApiError(Exception):
    """A Bot API error, answered as {"ok": false, "error_code": ..., "description": ..., "parameters": ...}."""

    def __init__(self, code: int, description: str, parameters: dict | None = None) -> None:
        super().__init__(description)
        self.code = code
        self.description = description
        self.parameters = parameters

    def payload(self) -> dict:
        body: dict[str, Any] = {"ok": False, "error_code": self.code, "description": self.description}
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def bad_request(text: str) -> ApiError:
    return ApiError(400, f"Bad Request: {text}")


def forbidden(text: str) -> ApiError:
    return ApiError(403, f"Forbidden: {text}")


def now() -> int:
    """Return the current unix time in whole seconds, as Telegram dates are."""
    return int(time.time())


@dataclass(frozen=True, slots=True)
class FloodLimits:
    """Telegram's broadcasting limits, enforced with 429 answers when the emulator is given them."""

    global_per_second: float = 30.0
    paid_per_second: float = 1000.0
    per_chat_per_second: float = 1.0
    per_chat_burst: int = 3
    per_group_per_minute: int = 20

    @classmethod
    def from_dict(cls, data: dict) -> FloodLimits:
        names = {f.name for f in fields(cls)}
        unknown = set(data) - names
        if unknown:
            raise EmulatorError(f"unknown flood limit(s): {', '.join(sorted(unknown))}")
        return cls(**data)

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(slots=True)
class User:
    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = None
    is_bot: bool = False
    is_premium: bool = False
    deactivated: bool = False

    def to_dict(self) -> dict:
        data: dict[str, Any] = {"id": self.id, "is_bot": self.is_bot, "first_name": self.first_name}
        if self.last_name:
            data["last_name"] = self.last_name
        if self.username:
            data["username"] = self.username
        if self.language_code:
            data["language_code"] = self.language_code
        if self.is_premium:
            data["is_premium"] = True
        return data


@dataclass(slots=True)
class StoredMessage:
    """A message as the chat holds it now; `data` is replaced, never mutated, so snapshots can share it."""

    data: dict
    from_bot: bool
    method: str = ""
    source: str | None = None
    parse_mode: str | None = None
    edit_count: int = 0
    deleted: bool = False
    inline_message_id: str | None = None  # set for a message a user sent via the bot's inline mode, with buttons
    reply_keyboard: dict | None = None  # a ReplyKeyboardMarkup/Remove or ForceReply: Telegram's Message omits them

    @property
    def state(self) -> str:
        """Return "deleted", "edited" or "sent": what last happened to the message."""
        return "deleted" if self.deleted else "edited" if self.edit_count else "sent"


@dataclass(slots=True)
class Chat:
    id: int
    type: str
    title: str | None = None
    username: str | None = None
    user_id: int | None = None  # the other side of a private chat
    is_forum: bool = False
    members: dict[int, str] = field(default_factory=dict)  # user id -> status
    bot_status: str = "member"  # in a private chat: "member", or "kicked" once the user blocked the bot
    bot_rights: dict = field(default_factory=dict)
    migrated_to: int | None = None
    topics: dict[int, str] = field(default_factory=dict)  # message_thread_id -> name
    next_message_id: int = 1
    messages: dict[int, StoredMessage] = field(default_factory=dict)
    # What the bot did in this chat, in order, and how far each reader has read it (see Emulator.next_bot_message).
    events: list[BotMessage] = field(default_factory=list)
    cursors: dict[str, int] = field(default_factory=dict)
    read_floor: int = 0
    waiters: list = field(default_factory=list)

    def allocate_message_id(self) -> int:
        message_id = self.next_message_id
        self.next_message_id += 1
        return message_id


@dataclass(frozen=True, slots=True)
class BotMessage:
    """A message the bot sent, as a user sees it: plain text after entity parsing, the keyboard, the thread."""

    chat_id: int
    message_id: int
    text: str  # the text, or the caption of a photo or document
    entities: list[dict]
    source: str | None  # the text exactly as the bot sent it, markup included
    parse_mode: str | None
    reply_markup: dict | None  # the inline keyboard
    reply_keyboard: dict | None  # a reply keyboard, its removal or a force reply sent with the message
    message_thread_id: int | None
    reply_to_message_id: int | None
    link_preview_options: dict | None
    date: int
    edit_date: int | None
    edit_count: int
    deleted: bool
    method: str  # sendMessage, sendPhoto, ...
    event: str  # what happened to produce this view: "sent", "edited" or "deleted"
    raw: dict  # the Message object in Telegram's shape

    @classmethod
    def of(cls, chat_id: int, stored: StoredMessage, event: str) -> BotMessage:
        data = stored.data
        reply = data.get("reply_to_message")
        return cls(
            chat_id=chat_id,
            message_id=data["message_id"],
            text=data.get("text", data.get("caption", "")),
            entities=data.get("entities", data.get("caption_entities", [])),
            source=stored.source,
            parse_mode=stored.parse_mode,
            reply_markup=data.get("reply_markup"),
            reply_keyboard=stored.reply_keyboard,
            message_thread_id=data.get("message_thread_id"),
            reply_to_message_id=reply["message_id"] if reply else None,
            link_preview_options=data.get("link_preview_options"),
            date=data["date"],
            edit_date=data.get("edit_date"),
            edit_count=stored.edit_count,
            deleted=stored.deleted,
            method=stored.method,
            event=event,
            raw=data,
        )

    @property
    def buttons(self) -> list[dict]:
        """Return the inline keyboard's buttons in reading order (rows left to right, top to bottom)."""
        if not self.reply_markup:
            return []
        return [button for row in self.reply_markup.get("inline_keyboard", []) for button in row]

    @property
    def button_texts(self) -> list[list[str]]:
        """Return the inline keyboard as rows of button labels."""
        if not self.reply_markup:
            return []
        return [[button["text"] for button in row] for row in self.reply_markup.get("inline_keyboard", [])]

    def to_dict(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_dict(cls, data: dict) -> BotMessage:
        return cls(**data)


@dataclass(frozen=True, slots=True)
class Call:
    """One Bot API request the bot made, with its outcome; `at` is time.time() when it arrived."""

    seq: int
    method: str
    params: dict
    at: float
    ok: bool
    error_code: int | None = None
    description: str | None = None
    chat_id: int | str | None = None

    def to_dict(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def from_dict(cls, data: dict) -> Call:
        return cls(**data)
