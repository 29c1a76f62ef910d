"""The emulator's state: users, chats and their messages, the update queue, the call log, faults and flood limits.

Everything here is synchronous and runs on the event loop of the emulator; waiting is done with futures that
state changes resolve, so nothing polls.
"""

from __future__ import annotations

import asyncio
import itertools
import math
import struct
import time
import zlib
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from botapi_emulator.model import (
    ApiError,
    BotMessage,
    Call,
    Chat,
    EmulatorError,
    FloodLimits,
    StoredMessage,
    User,
    bad_request,
    forbidden,
    now,
)

ALL_UPDATE_TYPES = frozenset(
    {
        "message", "edited_message", "channel_post", "edited_channel_post", "business_connection",
        "business_message", "edited_business_message", "deleted_business_messages", "message_reaction",
        "message_reaction_count", "inline_query", "chosen_inline_result", "callback_query", "shipping_query",
        "pre_checkout_query", "purchased_paid_media", "poll", "poll_answer", "my_chat_member", "chat_member",
        "chat_join_request", "chat_boost", "removed_chat_boost",
    }
)
# What Telegram sends when allowed_updates was never set or set to an empty list.
DEFAULT_UPDATE_TYPES = ALL_UPDATE_TYPES - {"chat_member", "message_reaction", "message_reaction_count"}
CHAT_NOUNS = {"group": "group chat", "supergroup": "supergroup chat", "channel": "channel chat"}
ADMIN_RIGHTS = {
    "can_be_edited": False, "is_anonymous": False, "can_manage_chat": True, "can_delete_messages": True,
    "can_manage_video_chats": True, "can_restrict_members": True, "can_promote_members": False,
    "can_change_info": True, "can_invite_users": True, "can_post_stories": True, "can_edit_stories": True,
    "can_delete_stories": True,
}
CHANNEL_ADMIN_RIGHTS = {"can_post_messages": True, "can_edit_messages": True}
SUPERGROUP_ADMIN_RIGHTS = {"can_pin_messages": True, "can_manage_topics": True}


def _tiny_png() -> bytes:
    """Build a valid 1x1 PNG, the content of every photo a simulated user sends."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x1f\x6f\xa8")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


TINY_PNG = _tiny_png()


@dataclass(slots=True)
class StoredFile:
    file_id: str
    file_unique_id: str
    path: str
    content: bytes | None  # None for a URL the bot passed: the emulator never fetches anything


@dataclass(slots=True)
class PendingQuery:
    """A callback or inline query waiting for the bot's answer."""

    id: str
    user_id: int
    created: float
    future: asyncio.Future
    payload: dict = field(default_factory=dict)
    answer: dict | None = None


@dataclass(slots=True)
class Fault:
    """An injected failure: the next `remaining` matching calls fail."""

    method: str  # lower-case method name, or "*"
    chat_id: int | str | None
    remaining: int
    error_code: int
    description: str
    retry_after: int | None = None
    disconnect: bool = False

    def matches(self, method: str, chat_id: Any) -> bool:
        return (self.method in ("*", method)) and (self.chat_id is None or self.chat_id == chat_id)


@dataclass(slots=True)
class CallWaiter:
    """Someone waiting until `target` calls matching (method, ok) have been logged; counts incrementally."""

    method: str | None
    ok: bool | None
    target: int
    future: asyncio.Future
    count: int = 0

    def matches(self, call: Call) -> bool:
        return (self.method is None or call.method == self.method) and (self.ok is None or call.ok == self.ok)

    def consider(self, call: Call) -> None:
        if self.matches(call):
            self.count += 1
            if self.count >= self.target and not self.future.done():
                self.future.set_result(self.count)


class FloodGate:
    """Telegram's limits: messages per second overall, a short burst then 1/s per chat, 20/min per group."""

    def __init__(self, limits: FloodLimits) -> None:
        self.limits = limits
        self._global: deque[float] = deque()
        self._paid: deque[float] = deque()
        self._chat_tokens: dict[int, tuple[float, float]] = {}
        self._group: dict[int, deque[float]] = {}

    def admit(self, chat: Chat, *, paid: bool, at: float) -> int | None:
        """Return None and count the message when it is within limits, else the seconds to wait."""
        limits = self.limits
        window, per_second = (self._paid, limits.paid_per_second) if paid else (self._global, limits.global_per_second)
        while window and window[0] <= at - 1.0:
            window.popleft()
        waits: list[float] = []
        if len(window) >= per_second:
            waits.append(window[0] + 1.0 - at)
        tokens, last = self._chat_tokens.get(chat.id, (float(limits.per_chat_burst), at))
        tokens = min(float(limits.per_chat_burst), tokens + (at - last) * limits.per_chat_per_second)
        if tokens < 1.0:
            waits.append((1.0 - tokens) / limits.per_chat_per_second)
        group = None
        if chat.type != "private":
            group = self._group.setdefault(chat.id, deque())
            while group and group[0] <= at - 60.0:
                group.popleft()
            if len(group) >= limits.per_group_per_minute:
                waits.append(group[0] + 60.0 - at)
        if waits:
            return max(1, math.ceil(max(waits)))
        window.append(at)
        self._chat_tokens[chat.id] = (tokens - 1.0, at)
        if group is not None:
            group.append(at)
        return None


class World:
    """All state of one emulated bot and the users and chats around it."""

    def __init__(self, bot: User, *, privacy_mode: bool, inline_feedback: bool) -> None:
        self.bot = bot
        self.privacy_mode = privacy_mode
        self.inline_feedback = inline_feedback
        self.update_listeners: list[Callable[[], None]] = []
        self.reset()

    def reset(self) -> None:
        """Forget every user, chat, update, query, call and fault."""
        self.users: dict[int, User] = {}
        self.chats: dict[int, Chat] = {}
        self.usernames: dict[str, int] = {}
        self.updates: deque[dict] = deque()
        self.next_update_id = 1
        self.allowed_updates: frozenset[str] | None = None
        self.callback_queries: dict[str, PendingQuery] = {}
        self.inline_queries: dict[str, PendingQuery] = {}
        self.inline_messages: dict[str, tuple[int, int]] = {}
        self.files: dict[str, StoredFile] = {}
        self.file_paths: dict[str, StoredFile] = {}
        self.commands: dict[tuple[str, str], list[dict]] = {}
        self.descriptions: dict[str, str] = {}
        self.short_descriptions: dict[str, str] = {}
        self.names: dict[str, str] = {}
        self.menu_buttons: dict[int | None, dict] = {}  # chat id (None: the default) -> MenuButton
        self.webhook: dict | None = None
        self.calls: list[Call] = []
        self.call_waiters: list[CallWaiter] = []
        self.faults: list[Fault] = []
        self._ids = itertools.count(1)
        self._next_user_id = 1_000_001
        self._next_group = 1

    # ----------------------------------------------------------------------------------------- ids and lookups

    def new_id(self, prefix: str = "") -> str:
        """Return a fresh opaque identifier (query ids, file ids)."""
        return f"{prefix}{next(self._ids):x}{int(time.time() * 1000) % 0xFFFFFF:06x}"

    def allocate_user_id(self) -> int:
        while self._next_user_id in self.users or self._next_user_id == self.bot.id:
            self._next_user_id += 1
        user_id = self._next_user_id
        self._next_user_id += 1
        return user_id

    def allocate_chat_id(self, chat_type: str) -> int:
        while True:
            seq = self._next_group
            self._next_group += 1
            # Basic groups look like -4xxxxxxxxx, supergroups and channels like -100xxxxxxxxxx, as on Telegram.
            chat_id = -(4_000_000_000 + seq) if chat_type == "group" else -(1_002_000_000_000 + seq)
            if chat_id not in self.chats:
                return chat_id

    def user(self, user_id: int) -> User:
        user = self.users.get(user_id)
        if user is None:
            raise EmulatorError(f"no user {user_id}; create it first")
        return user

    def chat(self, chat_id: int | str) -> Chat:
        if isinstance(chat_id, str):
            found = self.usernames.get(chat_id.lstrip("@").lower())
            if found is None:
                raise EmulatorError(f"no chat {chat_id}")
            chat_id = found
        chat = self.chats.get(chat_id)
        if chat is None:
            raise EmulatorError(f"no chat {chat_id}; create it first")
        return chat

    def stored(self, chat: Chat, message_id: int) -> StoredMessage:
        stored = chat.messages.get(message_id)
        if stored is None or stored.deleted:
            raise EmulatorError(f"no message {message_id} in chat {chat.id}")
        return stored

    def user_dict(self, user_id: int) -> dict | None:
        if user_id == self.bot.id:
            return self.bot.to_dict()
        user = self.users.get(user_id)
        return user.to_dict() if user else None

    # ----------------------------------------------------------------------------------------- Telegram shapes

    def chat_dict(self, chat: Chat) -> dict:
        data: dict[str, Any] = {"id": chat.id, "type": chat.type}
        if chat.type == "private":
            user = self.users[chat.user_id]
            data["first_name"] = user.first_name
            if user.last_name:
                data["last_name"] = user.last_name
            if user.username:
                data["username"] = user.username
            return data
        data["title"] = chat.title
        if chat.username:
            data["username"] = chat.username
        if chat.is_forum:
            data["is_forum"] = True
        return data

    def member_dict(self, chat: Chat, user_id: int) -> dict:
        """Return the ChatMember object for a user (or the bot) in a chat."""
        user = self.user_dict(user_id)
        if user_id == self.bot.id:
            status = chat.bot_status
            rights = chat.bot_rights
        else:
            status = chat.members.get(user_id, "member" if chat.user_id == user_id else "left")
            rights = {}
        if status == "creator":
            return {"status": "creator", "user": user, "is_anonymous": False}
        if status == "administrator":
            data = {"status": "administrator", "user": user, **ADMIN_RIGHTS}
            if chat.type == "channel":
                data.update(CHANNEL_ADMIN_RIGHTS)
            elif chat.type == "supergroup":
                data.update(SUPERGROUP_ADMIN_RIGHTS)
            data.update(rights)
            return data
        if status == "kicked":
            return {"status": "kicked", "user": user, "until_date": 0}
        return {"status": status, "user": user}

    @staticmethod
    def without_reply(data: dict) -> dict:
        """Return a message as it appears inside reply_to_message: Telegram nests one level only."""
        if "reply_to_message" not in data:
            return data
        return {k: v for k, v in data.items() if k != "reply_to_message"}

    # ----------------------------------------------------------------------------------------- Bot API access

    def chat_for_bot(self, chat_id: Any) -> Chat:
        """Resolve chat_id as the Bot API does, raising its errors for unknown, unreachable or migrated chats."""
        if chat_id is None or chat_id == "":
            raise bad_request("chat_id is empty")
        chat = None
        if isinstance(chat_id, str):
            found = self.usernames.get(chat_id.lstrip("@").lower()) if chat_id.startswith("@") else None
            chat = self.chats.get(found) if found is not None else None
        elif isinstance(chat_id, int):
            chat = self.chats.get(chat_id)
            if chat is None and chat_id in self.users:
                raise forbidden("bot can't initiate conversation with a user")
        if chat is None:
            raise bad_request("chat not found")
        if chat.migrated_to is not None:
            raise ApiError(
                400,
                "Bad Request: group chat was upgraded to a supergroup chat",
                {"migrate_to_chat_id": chat.migrated_to},
            )
        if chat.type != "private":
            noun = CHAT_NOUNS[chat.type]
            if chat.bot_status == "kicked":
                raise forbidden(f"bot was kicked from the {noun}")
            if chat.bot_status == "left":
                raise forbidden(f"bot is not a member of the {noun}")
        return chat

    def check_can_send(self, chat: Chat) -> None:
        """Raise what Telegram answers when the message itself is fine but the chat refuses it."""
        if chat.type == "private":
            user = self.users[chat.user_id]
            if user.deactivated:
                raise forbidden("user is deactivated")
            if chat.bot_status == "kicked":
                raise forbidden("bot was blocked by the user")
        elif chat.type == "channel" and (
            chat.bot_status not in ("administrator", "creator") or not chat.bot_rights.get("can_post_messages", True)
        ):
            raise bad_request("need administrator rights in the channel chat")

    # ----------------------------------------------------------------------------------------- messages

    def store_message(
        self,
        chat: Chat,
        content: dict,
        *,
        sender: int | None,
        from_bot: bool,
        method: str = "",
        source: str | None = None,
        parse_mode: str | None = None,
        reply_keyboard: dict | None = None,
    ) -> StoredMessage:
        """Add a message to a chat; `sender` is a user id (None: the channel itself posts)."""
        message_id = chat.allocate_message_id()
        data: dict[str, Any] = {"message_id": message_id}
        if chat.type == "channel":
            data["sender_chat"] = self.chat_dict(chat)
        elif sender is not None:
            data["from"] = self.user_dict(sender)
        data["chat"] = self.chat_dict(chat)
        data["date"] = now()
        data.update(content)
        stored = StoredMessage(
            data=data, from_bot=from_bot, method=method, source=source, parse_mode=parse_mode,
            reply_keyboard=reply_keyboard,
        )
        chat.messages[message_id] = stored
        if from_bot:
            self.record_bot_event(chat, stored, "sent")
        return stored

    def record_bot_event(self, chat: Chat, stored: StoredMessage, event: str) -> None:
        chat.events.append(BotMessage.of(chat.id, stored, event))
        self.wake(chat.waiters)

    @staticmethod
    def wake(waiters: list) -> None:
        for future in waiters:
            if not future.done():
                future.set_result(None)
        waiters.clear()

    def thread_fields(self, chat: Chat, thread_id: int | None, *, for_bot: bool) -> dict:
        """Return message_thread_id/is_topic_message (and the topic's root as reply) for a message in a thread."""
        if thread_id is None:
            return {}
        if chat.is_forum:
            if thread_id not in chat.topics:
                if for_bot:
                    raise bad_request("message thread not found")
                raise EmulatorError(f"no topic {thread_id} in chat {chat.id}")
            root = chat.messages.get(thread_id)
            fields: dict[str, Any] = {"message_thread_id": thread_id, "is_topic_message": True}
            if root is not None:
                # Telegram shows every message of a topic as a reply to the topic's creation message.
                fields["reply_to_message"] = self.without_reply(root.data)
            return fields
        if chat.type == "supergroup" and thread_id in chat.messages:
            return {"message_thread_id": thread_id}
        if for_bot:
            raise bad_request("message thread not found")
        raise EmulatorError(f"chat {chat.id} has no thread {thread_id}")

    # ----------------------------------------------------------------------------------------- updates

    def enqueue(self, kind: str, payload: dict) -> int | None:
        """Queue an update for the bot unless allowed_updates excludes its type; return its update_id."""
        allowed = self.allowed_updates or DEFAULT_UPDATE_TYPES
        if kind not in allowed:
            return None
        update_id = self.next_update_id
        self.next_update_id += 1
        self.updates.append({"update_id": update_id, kind: payload})
        for listener in self.update_listeners:
            listener()
        return update_id

    def confirm_updates(self, offset: int) -> None:
        """Forget updates before offset; a negative offset keeps only the last -offset updates."""
        if offset < 0:
            while len(self.updates) > -offset:
                self.updates.popleft()
            return
        while self.updates and self.updates[0]["update_id"] < offset:
            self.updates.popleft()

    def bot_sees_group_message(self, chat: Chat, data: dict) -> bool:
        """Apply privacy mode: without admin rights a bot sees commands, replies to it and service messages only."""
        if chat.bot_status in ("left", "kicked"):
            return False
        if chat.type == "channel":
            return chat.bot_status in ("administrator", "creator")
        if not self.privacy_mode or chat.bot_status in ("administrator", "creator"):
            return True
        if not any(key in data for key in ("text", "caption")):
            return "sticker" not in data and "photo" not in data  # service messages
        reply = data.get("reply_to_message")
        if reply and reply.get("from", {}).get("id") == self.bot.id and not reply.get("forum_topic_created"):
            return True
        if data.get("via_bot", {}).get("id") == self.bot.id:
            return True
        text = data.get("text", data.get("caption", ""))
        entities = data.get("entities", data.get("caption_entities", []))
        for entity in entities:
            if entity["type"] == "bot_command" and entity["offset"] == 0:
                command = text[: entity["length"]]
                target = command.partition("@")[2]
                return not target or target.lower() == (self.bot.username or "").lower()
        return False

    # ----------------------------------------------------------------------------------------- call log

    def log_call(self, call: Call) -> None:
        self.calls.append(call)
        if self.call_waiters:
            for waiter in self.call_waiters:
                waiter.consider(call)
            self.call_waiters = [w for w in self.call_waiters if not w.future.done()]

    def take_fault(self, method: str, chat_id: Any) -> Fault | None:
        for fault in self.faults:
            if fault.matches(method, chat_id):
                fault.remaining -= 1
                if fault.remaining <= 0:
                    self.faults.remove(fault)
                return fault
        return None

    # ----------------------------------------------------------------------------------------- files

    def add_file(self, content: bytes | None, *, folder: str, extension: str) -> StoredFile:
        file_id = self.new_id("AgAD")
        stored = StoredFile(
            file_id=file_id,
            file_unique_id=self.new_id("AQAD"),
            path=f"{folder}/file_{len(self.files)}.{extension}",
            content=content,
        )
        self.files[file_id] = stored
        self.file_paths[stored.path] = stored
        return stored
