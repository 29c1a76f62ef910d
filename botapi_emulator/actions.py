"""The in-process control API, mixed into Emulator: set up users and chats, act as users, read what the bot did.

Every public coroutine here is also served as POST /control/<name> and mirrored by EmulatorClient. Methods raise
EmulatorError for requests that make no sense (an unknown chat, a button that does not exist) and TimeoutError
when a wait runs out.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from botapi_emulator.entities import finish_text
from botapi_emulator.model import (
    CHAT_TYPES,
    MEMBER_STATUSES,
    ApiError,
    BotMessage,
    Call,
    Chat,
    EmulatorError,
    StoredMessage,
    User,
    now,
)
from botapi_emulator.world import ALL_UPDATE_TYPES, TINY_PNG, CallWaiter, Fault, PendingQuery, World

if TYPE_CHECKING:
    from botapi_emulator.botapi import BotApi


class Actions:
    """What a test, a benchmark or the demo can do around the bot; Emulator provides world, api and config."""

    world: World
    api: BotApi
    supports_inline_queries: bool
    _query_ids: itertools.count

    # ----------------------------------------------------------------------------------------- setting up

    async def create_user(
        self,
        user_id: int | None = None,
        *,
        first_name: str = "Test",
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = "en",
        is_premium: bool = False,
        private_chat: bool = True,
    ) -> dict:
        """Create a user; with private_chat the user has started the bot, so the bot may write to them."""
        world = self.world
        if user_id is None:
            user_id = world.allocate_user_id()
        if user_id in world.users or user_id == world.bot.id or user_id <= 0:
            raise EmulatorError(f"user id {user_id} is taken or invalid")
        user = User(user_id, first_name, last_name, username, language_code, is_premium=is_premium)
        world.users[user_id] = user
        if private_chat:
            self._private_chat(user_id)
        return user.to_dict()

    async def create_users(
        self,
        count: int,
        *,
        first_id: int | None = None,
        first_name: str = "User",
        language_code: str | None = "en",
        private_chat: bool = True,
    ) -> list[int]:
        """Create many users at once (e.g. 10,000 digest recipients); return their ids."""
        ids: list[int] = []
        for number in range(count):
            user = await self.create_user(
                None if first_id is None else first_id + number,
                first_name=f"{first_name} {number + 1}", language_code=language_code, private_chat=private_chat,
            )
            ids.append(user["id"])
        return ids

    def _private_chat(self, user_id: int) -> Chat:
        chat = self.world.chats.get(user_id)
        if chat is None:
            self.world.user(user_id)
            chat = Chat(id=user_id, type="private", user_id=user_id)
            self.world.chats[user_id] = chat
        return chat

    async def create_chat(
        self,
        chat_type: str,
        *,
        title: str,
        chat_id: int | None = None,
        username: str | None = None,
        is_forum: bool = False,
        owner_id: int | None = None,
        admin_ids: list[int] | tuple[int, ...] = (),
        member_ids: list[int] | tuple[int, ...] = (),
        bot_status: str | None = None,
        bot_rights: dict | None = None,
    ) -> dict:
        """Create a group, supergroup (optionally a forum) or channel; the bot is a member (of a channel: admin)."""
        world = self.world
        if chat_type not in CHAT_TYPES or chat_type == "private":
            raise EmulatorError("chat_type is one of: group, supergroup, channel (users have private chats)")
        if is_forum and chat_type != "supergroup":
            raise EmulatorError("only a supergroup can be a forum")
        if chat_id is None:
            chat_id = world.allocate_chat_id(chat_type)
        if chat_id >= 0 or chat_id in world.chats:
            raise EmulatorError(f"chat id {chat_id} is taken or not a group/channel id (those are negative)")
        if username and username.lower() in world.usernames:
            raise EmulatorError(f"username @{username} is taken")
        status = bot_status or ("administrator" if chat_type == "channel" else "member")
        if status not in MEMBER_STATUSES or status == "creator":
            raise EmulatorError("bot_status is one of: administrator, member, left, kicked")
        chat = Chat(id=chat_id, type=chat_type, title=title, username=username, is_forum=is_forum,
                    bot_status=status, bot_rights=dict(bot_rights or {}))
        for user_id in member_ids:
            world.user(user_id)
            chat.members[user_id] = "member"
        for user_id in admin_ids:
            world.user(user_id)
            chat.members[user_id] = "administrator"
        if owner_id is not None:
            world.user(owner_id)
            chat.members[owner_id] = "creator"
        world.chats[chat_id] = chat
        if username:
            world.usernames[username.lower()] = chat_id
        return world.chat_dict(chat)

    async def create_topic(self, chat_id: int, name: str, *, icon_color: int = 7322096) -> int:
        """Create a forum topic (silently, as setup); return its message_thread_id."""
        world = self.world
        chat = world.chat(chat_id)
        if not chat.is_forum:
            raise EmulatorError(f"chat {chat_id} is not a forum")
        created = {"forum_topic_created": {"name": name, "icon_color": icon_color}}
        stored = world.store_message(chat, created, sender=self._actor(chat, None), from_bot=False)
        # A topic is identified by the id of the message that created it.
        thread_id = stored.data["message_id"]
        stored.data = {**stored.data, "message_thread_id": thread_id, "is_topic_message": True}
        chat.topics[thread_id] = name
        return thread_id

    def _actor(self, chat: Chat, by_user_id: int | None) -> int:
        """Return who performs an action in a chat: the given user, the owner, an admin, or else a new owner."""
        if by_user_id is not None:
            if by_user_id != self.world.bot.id:
                self.world.user(by_user_id)
            return by_user_id
        if chat.type == "private":
            return chat.user_id
        for wanted in ("creator", "administrator"):
            for user_id, status in chat.members.items():
                if status == wanted:
                    return user_id
        owner = self.world.allocate_user_id()
        self.world.users[owner] = User(owner, "Owner", language_code="en")
        chat.members[owner] = "creator"
        return owner

    async def set_member(self, chat_id: int, user_id: int, status: str, *, by_user_id: int | None = None) -> dict:
        """Change a user's status in a group or channel; the bot gets chat_member (if allowed) and a service message."""
        world = self.world
        chat = world.chat(chat_id)
        if chat.type == "private":
            raise EmulatorError("private chats have no members to change")
        if status not in MEMBER_STATUSES:
            raise EmulatorError(f"status is one of: {', '.join(MEMBER_STATUSES)}")
        world.user(user_id)
        actor = by_user_id if by_user_id is not None else user_id
        old = world.member_dict(chat, user_id)
        chat.members[user_id] = status
        new = world.member_dict(chat, user_id)
        update = {"chat": world.chat_dict(chat), "from": world.user_dict(actor), "date": now(),
                  "old_chat_member": old, "new_chat_member": new}
        world.enqueue("chat_member", update)
        was_in = old["status"] in ("creator", "administrator", "member")
        is_in = status in ("creator", "administrator", "member")
        if chat.type != "channel" and was_in != is_in:
            key = "new_chat_members" if is_in else "left_chat_member"
            value = [world.user_dict(user_id)] if is_in else world.user_dict(user_id)
            stored = world.store_message(chat, {key: value}, sender=actor, from_bot=False)
            self._deliver(chat, stored.data)
        return update

    def change_bot_membership(
        self, chat: Chat, status: str, *, by_user_id: int | None, rights: dict | None = None
    ) -> dict:
        """Change the bot's status in a chat and send the bot my_chat_member, as Telegram does."""
        world = self.world
        actor = self._actor(chat, by_user_id)
        old = world.member_dict(chat, world.bot.id)
        chat.bot_status = status
        chat.bot_rights = dict(rights or {}) if status == "administrator" else {}
        new = world.member_dict(chat, world.bot.id)
        update = {"chat": world.chat_dict(chat), "from": world.user_dict(actor), "date": now(),
                  "old_chat_member": old, "new_chat_member": new}
        world.enqueue("my_chat_member", update)
        return update

    async def set_bot_status(
        self, chat_id: int, status: str, *, by_user_id: int | None = None, rights: dict | None = None
    ) -> dict:
        """Add, promote, demote, remove or ban the bot in a group or channel; the bot gets my_chat_member."""
        chat = self.world.chat(chat_id)
        if chat.type == "private":
            raise EmulatorError("in a private chat use block_bot / unblock_bot")
        if status not in ("administrator", "member", "left", "kicked"):
            raise EmulatorError("status is one of: administrator, member, left, kicked")
        joined = chat.bot_status in ("left", "kicked") and status in ("administrator", "member")
        update = self.change_bot_membership(chat, status, by_user_id=by_user_id, rights=rights)
        if joined and chat.type != "channel":
            stored = self.world.store_message(
                chat, {"new_chat_members": [self.world.bot.to_dict()]}, sender=update["from"]["id"], from_bot=False
            )
            self._deliver(chat, stored.data)
        return update

    async def block_bot(self, user_id: int) -> dict:
        """Make a user block the bot: my_chat_member (member -> kicked), then sends to them answer 403."""
        chat = self._private_chat(user_id)
        if chat.bot_status == "kicked":
            raise EmulatorError(f"user {user_id} has already blocked the bot")
        return self.change_bot_membership(chat, "kicked", by_user_id=user_id)

    async def unblock_bot(self, user_id: int) -> dict:
        """Make a user unblock (restart) the bot: my_chat_member (kicked -> member)."""
        chat = self._private_chat(user_id)
        if chat.bot_status != "kicked":
            raise EmulatorError(f"user {user_id} has not blocked the bot")
        return self.change_bot_membership(chat, "member", by_user_id=user_id)

    async def deactivate_user(self, user_id: int) -> None:
        """Delete a user's account: sends to them answer 403 "user is deactivated"."""
        self.world.user(user_id).deactivated = True

    async def migrate_group(self, chat_id: int, *, new_chat_id: int | None = None) -> dict:
        """Upgrade a group to a supergroup: service messages in both, and the old id answers 400 migrate_to_chat_id."""
        world = self.world
        old = world.chat(chat_id)
        if old.type != "group" or old.migrated_to is not None:
            raise EmulatorError(f"chat {chat_id} is not a basic group that can be migrated")
        if new_chat_id is None:
            new_chat_id = world.allocate_chat_id("supergroup")
        if new_chat_id in world.chats:
            raise EmulatorError(f"chat id {new_chat_id} is taken")
        actor = self._actor(old, None)
        new = Chat(id=new_chat_id, type="supergroup", title=old.title, members=dict(old.members),
                   bot_status=old.bot_status, bot_rights=dict(old.bot_rights))
        world.chats[new_chat_id] = new
        stored = world.store_message(old, {"migrate_to_chat_id": new_chat_id}, sender=actor, from_bot=False)
        old.migrated_to = new_chat_id
        self._deliver(old, stored.data)
        stored = world.store_message(new, {"migrate_from_chat_id": chat_id}, sender=actor, from_bot=False)
        self._deliver(new, stored.data)
        return world.chat_dict(new)

    # ----------------------------------------------------------------------------------------- acting as users

    def _speaker(self, chat_id: int, user_id: int | None) -> tuple[Chat, int | None]:
        """Return the chat and who writes in it, joining users to groups and restarting blocked bots as clients do."""
        world = self.world
        if chat_id in world.users and chat_id not in world.chats:
            self._private_chat(chat_id)
        chat = world.chat(chat_id)
        if chat.migrated_to is not None:
            raise EmulatorError(f"chat {chat_id} was migrated to {chat.migrated_to}")
        if chat.type == "private":
            if user_id not in (None, chat.user_id):
                raise EmulatorError(f"only user {chat.user_id} writes in their private chat with the bot")
            if world.users[chat.user_id].deactivated:
                raise EmulatorError(f"user {chat.user_id} is deactivated")
            if chat.bot_status == "kicked":
                # A Telegram client unblocks the bot when the user writes to it again.
                self.change_bot_membership(chat, "member", by_user_id=chat.user_id)
            return chat, chat.user_id
        if chat.type == "channel":
            if user_id is not None:
                world.user(user_id)
            return chat, user_id
        if user_id is None:
            raise EmulatorError(f"say which user writes in chat {chat_id} (user_id=...)")
        user = world.user(user_id)
        if user.deactivated:
            raise EmulatorError(f"user {user_id} is deactivated")
        status = chat.members.get(user_id, "left")
        if status == "kicked":
            raise EmulatorError(f"user {user_id} is banned from chat {chat_id}")
        if status == "left":
            chat.members[user_id] = "member"
        return chat, user_id

    def _placement(self, chat: Chat, message_thread_id: int | None, reply_to_message_id: int | None) -> dict:
        fields = self.world.thread_fields(chat, message_thread_id, for_bot=False)
        if reply_to_message_id is not None:
            fields["reply_to_message"] = self.world.without_reply(self.world.stored(chat, reply_to_message_id).data)
        return fields

    def _deliver(self, chat: Chat, data: dict, *, edited: bool = False) -> int | None:
        """Queue the update a user's message makes, if the bot can see it (channel admin, privacy mode)."""
        world = self.world
        if chat.type == "channel":
            if chat.bot_status not in ("administrator", "creator"):
                return None
            return world.enqueue("edited_channel_post" if edited else "channel_post", data)
        if chat.type != "private" and not world.bot_sees_group_message(chat, data):
            return None
        return world.enqueue("edited_message" if edited else "message", data)

    def _user_text(self, text: str, entities: list[dict] | None) -> tuple[str, list[dict]]:
        if not isinstance(text, str) or not text.strip():
            raise EmulatorError("a Telegram client does not send an empty message")
        return finish_text(text, [dict(e) for e in entities or ()])

    def _post(self, chat: Chat, sender: int | None, content: dict, *, message_thread_id: int | None,
              reply_to_message_id: int | None) -> dict:
        fields = self._placement(chat, message_thread_id, reply_to_message_id)
        if chat.type == "channel" and sender is not None:
            fields["author_signature"] = self.world.users[sender].first_name
            sender = None
        stored = self.world.store_message(chat, {**fields, **content}, sender=sender, from_bot=False)
        self._deliver(chat, stored.data)
        return stored.data

    async def send_message(
        self,
        chat_id: int,
        text: str,
        *,
        user_id: int | None = None,
        message_thread_id: int | None = None,
        reply_to_message_id: int | None = None,
        entities: list[dict] | None = None,
    ) -> dict:
        """Send a text as a user (in a private chat chat_id is the user's id; in a channel it is a channel post)."""
        chat, sender = self._speaker(chat_id, user_id)
        text, found = self._user_text(text, entities)
        content: dict[str, Any] = {"text": text}
        if found:
            content["entities"] = found
        return self._post(chat, sender, content, message_thread_id=message_thread_id,
                          reply_to_message_id=reply_to_message_id)

    async def edit_message(
        self, chat_id: int, message_id: int, text: str, *, entities: list[dict] | None = None
    ) -> dict:
        """Edit a user's (or channel's) own text message; the bot gets edited_message / edited_channel_post."""
        world = self.world
        chat = world.chat(chat_id)
        stored = world.stored(chat, message_id)
        if stored.from_bot or "text" not in stored.data:
            raise EmulatorError("users can only edit their own text messages")
        text, found = self._user_text(text, entities)
        data = {**stored.data, "text": text, "edit_date": now()}
        data.pop("entities", None)
        if found:
            data["entities"] = found
        stored.data = data
        stored.edit_count += 1
        self._deliver(chat, data, edited=True)
        return data

    async def send_sticker(
        self, chat_id: int, *, emoji: str = "👍", user_id: int | None = None, message_thread_id: int | None = None
    ) -> dict:
        """Send a sticker as a user."""
        chat, sender = self._speaker(chat_id, user_id)
        stored_file = self.world.add_file(TINY_PNG, folder="stickers", extension="webp")
        sticker = {
            "file_id": stored_file.file_id, "file_unique_id": stored_file.file_unique_id, "type": "regular",
            "width": 512, "height": 512, "is_animated": False, "is_video": False, "emoji": emoji,
            "file_size": len(TINY_PNG),
        }
        return self._post(chat, sender, {"sticker": sticker}, message_thread_id=message_thread_id,
                          reply_to_message_id=None)

    async def send_photo(
        self,
        chat_id: int,
        *,
        caption: str | None = None,
        user_id: int | None = None,
        message_thread_id: int | None = None,
    ) -> dict:
        """Send a photo (a tiny PNG the bot can download with getFile) with an optional caption, as a user."""
        chat, sender = self._speaker(chat_id, user_id)
        sizes = []
        for width, height in ((90, 90), (320, 320), (800, 800)):
            stored_file = self.world.add_file(TINY_PNG, folder="photos", extension="png")
            sizes.append({"file_id": stored_file.file_id, "file_unique_id": stored_file.file_unique_id,
                          "width": width, "height": height, "file_size": len(TINY_PNG)})
        content: dict[str, Any] = {"photo": sizes}
        if caption and caption.strip():
            text, found = finish_text(caption, [])
            content["caption"] = text
            if found:
                content["caption_entities"] = found
        return self._post(chat, sender, content, message_thread_id=message_thread_id, reply_to_message_id=None)

    async def forward_message(
        self,
        chat_id: int,
        *,
        text: str | None = None,
        user_id: int | None = None,
        origin_user_id: int | None = None,
        origin_chat_id: int | None = None,
        origin_message_id: int | None = None,
        origin_sender_name: str | None = None,
        origin_date: int | None = None,
        message_thread_id: int | None = None,
    ) -> dict:
        """Forward a message as a user, from a user, a hidden user (sender name), a chat or a channel post."""
        world = self.world
        chat, sender = self._speaker(chat_id, user_id)
        date = origin_date or now()
        entities: list[dict] = []
        if origin_chat_id is not None:
            origin_chat = world.chat(origin_chat_id)
            if origin_chat.type == "channel":
                origin: dict[str, Any] = {"type": "channel", "date": date, "chat": world.chat_dict(origin_chat),
                                          "message_id": origin_message_id or 1}
            else:
                origin = {"type": "chat", "date": date, "sender_chat": world.chat_dict(origin_chat)}
            if origin_message_id is not None and origin_message_id in origin_chat.messages and text is None:
                source = origin_chat.messages[origin_message_id].data
                text, entities = source.get("text"), list(source.get("entities", []))
        elif origin_user_id is not None:
            origin = {"type": "user", "date": date, "sender_user": world.user(origin_user_id).to_dict()}
        elif origin_sender_name:
            origin = {"type": "hidden_user", "date": date, "sender_user_name": origin_sender_name}
        else:
            raise EmulatorError("say where it was forwarded from: origin_user_id, origin_chat_id or origin_sender_name")
        if text is None:
            raise EmulatorError("a forwarded text message needs text (or an existing origin_message_id)")
        text, found = self._user_text(text, entities)
        content: dict[str, Any] = {"forward_origin": origin, "text": text}
        if found:
            content["entities"] = found
        return self._post(chat, sender, content, message_thread_id=message_thread_id, reply_to_message_id=None)

    async def press_button(
        self,
        chat_id: int,
        message_id: int,
        button: str | int | None = None,
        *,
        data: str | None = None,
        user_id: int | None = None,
    ) -> dict:
        """Press an inline button by its text or index in reading order; `data` sends any callback_data instead.

        Returns the CallbackQuery the bot receives; read the bot's answer with callback_answer(query["id"]).
        """
        world = self.world
        chat = world.chat(chat_id)
        stored = world.stored(chat, message_id)
        if not stored.from_bot and stored.inline_message_id is None:
            raise EmulatorError(f"message {message_id} in chat {chat_id} is not from the bot")
        if data is None:
            data = self._button_data(stored, button)
        if chat.type == "private":
            presser = chat.user_id
        elif user_id is None:
            raise EmulatorError(f"say which user presses the button in chat {chat_id} (user_id=...)")
        else:
            presser = world.user(user_id).id
        if user_id is not None and presser != user_id:
            raise EmulatorError(f"only user {presser} can press buttons in their private chat")
        query_id = str(next(self._query_ids))
        payload: dict[str, Any] = {
            "id": query_id,
            "from": world.user_dict(presser),
            "chat_instance": str((chat.id * 2654435761) % (1 << 62)),
            "data": data,
        }
        if stored.inline_message_id is not None:
            payload["inline_message_id"] = stored.inline_message_id
        else:
            payload["message"] = stored.data
        world.callback_queries[query_id] = PendingQuery(
            query_id, presser, time.monotonic(), asyncio.get_running_loop().create_future(), payload
        )
        world.enqueue("callback_query", payload)
        return payload

    @staticmethod
    def _button_data(stored: StoredMessage, button: str | int | None) -> str:
        markup = stored.data.get("reply_markup") or {}
        buttons = [b for row in markup.get("inline_keyboard", []) for b in row]
        labels = ", ".join(repr(b["text"]) for b in buttons) or "none"
        if button is None:
            raise EmulatorError("say which button: its text or its index")
        if isinstance(button, int) and not isinstance(button, bool):
            if not 0 <= button < len(buttons):
                raise EmulatorError(f"no button #{button}; the buttons are: {labels}")
            found = buttons[button]
        else:
            matches = [b for b in buttons if b["text"] == button]
            if not matches:
                raise EmulatorError(f"no button {button!r}; the buttons are: {labels}")
            found = matches[0]
        if "callback_data" not in found:
            kind = next((k for k in found if k != "text"), "other")
            raise EmulatorError(f"button {found['text']!r} is a {kind} button; it sends no callback query")
        return found["callback_data"]

    async def callback_answer(self, callback_query_id: str, *, timeout: float = 5.0) -> dict:
        """Wait for the bot's answerCallbackQuery to a pressed button; return its text, show_alert, url, cache_time."""
        query = self.world.callback_queries.get(str(callback_query_id))
        if query is None:
            raise EmulatorError(f"no callback query {callback_query_id}")
        try:
            return await asyncio.wait_for(asyncio.shield(query.future), timeout)
        except TimeoutError:
            raise TimeoutError(f"the bot did not answer callback query {callback_query_id} within {timeout}s") from None

    async def send_inline_query(
        self, user_id: int, query: str, *, offset: str = "", chat_type: str = "sender", timeout: float = 5.0
    ) -> dict:
        """Type `@bot query` as a user; wait for answerInlineQuery and return it (inline_query_id, results, ...)."""
        world = self.world
        if not self.supports_inline_queries:
            raise EmulatorError("inline mode is off for this bot (supports_inline_queries=False)")
        user = world.user(user_id)
        query_id = str(next(self._query_ids))
        payload = {"id": query_id, "from": user.to_dict(), "query": query, "offset": offset, "chat_type": chat_type}
        pending = PendingQuery(query_id, user_id, time.monotonic(), asyncio.get_running_loop().create_future(), payload)
        world.inline_queries[query_id] = pending
        world.enqueue("inline_query", payload)
        try:
            return await asyncio.wait_for(asyncio.shield(pending.future), timeout)
        except TimeoutError:
            raise TimeoutError(f"the bot did not answer the inline query within {timeout}s") from None

    async def choose_inline_result(self, inline_query_id: str, result_id: str, *, chat_id: int) -> dict:
        """Pick one of the bot's inline results: the user sends it into chat_id "via @bot"; return that message."""
        world = self.world
        pending = world.inline_queries.get(str(inline_query_id))
        if pending is None or pending.answer is None:
            raise EmulatorError(f"inline query {inline_query_id} has no answer from the bot")
        result = next((r for r in pending.answer["results"] if r.get("id") == result_id), None)
        if result is None:
            ids = ", ".join(repr(r.get("id")) for r in pending.answer["results"])
            raise EmulatorError(f"no result {result_id!r}; the results are: {ids}")
        message_content = result.get("input_message_content") or {}
        if "message_text" not in message_content:
            raise EmulatorError("the emulator sends only results with a text input_message_content")
        try:
            text, entities, _, _ = self.api.formatted(message_content, "message_text", "entities", required=True)
        except ApiError as exc:
            raise EmulatorError(exc.description) from None
        target = world.chats.get(chat_id)
        private = target.type == "private" if target is not None else chat_id in world.users
        chat, sender = self._speaker(chat_id, None if private else pending.user_id)
        if sender != pending.user_id:
            raise EmulatorError(f"user {pending.user_id} cannot write in the private chat of user {chat_id}")
        content: dict[str, Any] = {"text": text, "via_bot": world.bot.to_dict()}
        if entities:
            content["entities"] = entities
        markup = result.get("reply_markup")
        if markup and markup.get("inline_keyboard"):
            content["reply_markup"] = markup
        stored = world.store_message(chat, content, sender=sender, from_bot=False)
        chosen: dict[str, Any] = {"result_id": result_id, "from": world.user_dict(pending.user_id),
                                  "query": pending.payload["query"]}
        if "reply_markup" in content:
            stored.inline_message_id = f"BAAAA{next(self._query_ids):x}"
            world.inline_messages[stored.inline_message_id] = (chat.id, stored.data["message_id"])
            chosen["inline_message_id"] = stored.inline_message_id
        self._deliver(chat, stored.data)
        if world.inline_feedback:
            world.enqueue("chosen_inline_result", chosen)
        return stored.data

    async def send_update(self, update: dict) -> int | None:
        """Queue any update payload as is, e.g. {"message_reaction": {...}}; return its update_id (None if filtered)."""
        kinds = [k for k in update if k != "update_id"]
        if len(kinds) != 1 or kinds[0] not in ALL_UPDATE_TYPES:
            raise EmulatorError(f"an update has exactly one of: {', '.join(sorted(ALL_UPDATE_TYPES))}")
        return self.world.enqueue(kinds[0], update[kinds[0]])

    # ----------------------------------------------------------------------------------------- reading

    async def bot_messages(
        self, chat_id: int, *, message_thread_id: int | None = None, include_deleted: bool = False
    ) -> list[BotMessage]:
        """Return the bot's messages in a chat as they are now (text after edits, keyboard), oldest first."""
        chat = self.world.chat(chat_id)
        return [
            BotMessage.of(chat.id, s, s.state)
            for s in chat.messages.values()
            if s.from_bot
            and (include_deleted or not s.deleted)
            and (message_thread_id is None or s.data.get("message_thread_id") == message_thread_id)
        ]

    async def bot_message(self, chat_id: int, message_id: int) -> BotMessage:
        """Return one bot message as it is now."""
        chat = self.world.chat(chat_id)
        stored = chat.messages.get(message_id)
        if stored is None or not stored.from_bot:
            raise EmulatorError(f"no bot message {message_id} in chat {chat_id}")
        return BotMessage.of(chat.id, stored, stored.state)

    async def messages(self, chat_id: int) -> list[dict]:
        """Return every message in a chat (users' and the bot's, not deleted) in Telegram's shape."""
        chat = self.world.chat(chat_id)
        return [s.data for s in chat.messages.values() if not s.deleted]

    async def _next_event(self, chat_id: int, key: str, match: Callable[[BotMessage], bool], timeout: float,
                          what: str) -> BotMessage:
        chat = self.world.chat(chat_id)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            start = max(chat.cursors.get(key, 0), chat.read_floor)
            for index in range(start, len(chat.events)):
                if match(chat.events[index]):
                    chat.cursors[key] = index + 1
                    return chat.events[index]
            chat.cursors[key] = len(chat.events)
            remaining = deadline - loop.time()
            if remaining <= 0:
                raise TimeoutError(f"no {what} from the bot in chat {chat_id} within {timeout}s")
            waiter = loop.create_future()
            chat.waiters.append(waiter)
            try:
                await asyncio.wait_for(waiter, remaining)
            except TimeoutError:
                raise TimeoutError(f"no {what} from the bot in chat {chat_id} within {timeout}s") from None
            finally:
                if waiter in chat.waiters:
                    chat.waiters.remove(waiter)

    async def next_bot_message(self, chat_id: int, *, timeout: float = 5.0) -> BotMessage:
        """Return the oldest new bot message in the chat not yet returned here; wait for one up to timeout.

        Each chat keeps its own reading position, so a reply that arrived before the call is not missed.
        """
        return await self._next_event(chat_id, "sent", lambda m: m.event == "sent", timeout, "new message")

    async def next_bot_edit(self, chat_id: int, *, message_id: int | None = None, timeout: float = 5.0) -> BotMessage:
        """Return the message after the bot's next edit in the chat (of message_id, if given; edits of other
        messages before it are skipped)."""
        return await self._next_event(
            chat_id, "edited",
            lambda m: m.event == "edited" and (message_id is None or m.message_id == message_id),
            timeout, "edit",
        )

    async def next_bot_activity(self, chat_id: int, *, timeout: float = 5.0) -> BotMessage:
        """Return the next thing the bot did in the chat: a message sent, edited or deleted (see .event)."""
        return await self._next_event(chat_id, "any", lambda m: True, timeout, "activity")

    async def mark_read(self, chat_id: int) -> None:
        """Skip everything the bot did in the chat so far for the next_bot_* readers."""
        chat = self.world.chat(chat_id)
        chat.read_floor = len(chat.events)

    def _select_calls(self, method: str | None, chat_id: int | str | None, ok: bool | None, since: int) -> list[Call]:
        return [
            c for c in self.world.calls[since:]
            if (method is None or c.method == method)
            and (chat_id is None or c.chat_id == chat_id)
            and (ok is None or c.ok == ok)
        ]

    async def calls(
        self, *, method: str | None = None, chat_id: int | str | None = None, ok: bool | None = None, since: int = 0
    ) -> list[Call]:
        """Return the Bot API calls the bot made (method, params, time, outcome), from sequence number `since`."""
        return self._select_calls(method, chat_id, ok, since)

    async def call_count(
        self, *, method: str | None = None, chat_id: int | str | None = None, ok: bool | None = None
    ) -> int:
        """Count the Bot API calls the bot made."""
        if method is None and chat_id is None and ok is None:
            return len(self.world.calls)
        return len(self._select_calls(method, chat_id, ok, 0))

    async def call_stats(self, *, method: str | None = "sendMessage", since: int = 0) -> dict:
        """Summarise calls of a method: counts, errors by code, achieved rate and the busiest second."""
        selected = self._select_calls(method, None, None, since)
        ok_times = sorted(c.at for c in selected if c.ok)
        errors = Counter(str(c.error_code) for c in selected if not c.ok)
        busiest = 0
        left = 0
        for right, at in enumerate(ok_times):
            while at - ok_times[left] >= 1.0:
                left += 1
            busiest = max(busiest, right - left + 1)
        span = ok_times[-1] - ok_times[0] if len(ok_times) > 1 else 0.0
        return {
            "method": method,
            "calls": len(selected),
            "ok": len(ok_times),
            "errors": dict(errors),
            "first_at": ok_times[0] if ok_times else None,
            "last_at": ok_times[-1] if ok_times else None,
            "rate_per_second": (len(ok_times) - 1) / span if span > 0 else None,
            "max_per_second": busiest,
        }

    async def wait_for_calls(
        self, count: int, *, method: str | None = "sendMessage", ok: bool | None = True, timeout: float = 30.0
    ) -> int:
        """Wait until the log holds `count` matching calls; return how many it holds."""
        loop = asyncio.get_running_loop()
        waiter = CallWaiter(method, ok, count, loop.create_future())
        for call in self.world.calls:
            waiter.consider(call)
        if waiter.future.done():
            return waiter.count
        self.world.call_waiters.append(waiter)
        try:
            return await asyncio.wait_for(waiter.future, timeout)
        except TimeoutError:
            raise TimeoutError(f"only {waiter.count} of {count} {method or ''} calls within {timeout}s") from None

    async def pending_updates(self) -> int:
        """Return how many updates the bot has not confirmed yet."""
        return len(self.world.updates)

    async def my_commands(self, *, scope: dict | None = None, language_code: str = "") -> list[dict]:
        """Return the commands the bot set for exactly this scope and language (as getMyCommands)."""
        key = json.dumps(scope or {"type": "default"}, sort_keys=True)
        return list(self.world.commands.get((key, language_code), []))

    # ----------------------------------------------------------------------------------------- faults and limits

    async def inject_retry_after(
        self, count: int = 1, *, retry_after: int = 1, method: str = "sendMessage", chat_id: int | str | None = None
    ) -> None:
        """Make the next `count` calls of `method` (to chat_id, if given) answer 429 with parameters.retry_after."""
        self._inject(count, method, chat_id, 429, f"Too Many Requests: retry after {retry_after}",
                     retry_after=retry_after)

    async def inject_error(
        self,
        count: int = 1,
        *,
        error_code: int = 500,
        description: str = "Internal Server Error",
        method: str = "sendMessage",
        chat_id: int | str | None = None,
        disconnect: bool = False,
    ) -> None:
        """Make the next `count` matching calls fail with error_code/description, or drop the connection."""
        self._inject(count, method, chat_id, error_code, description, disconnect=disconnect)

    def _inject(self, count: int, method: str, chat_id: Any, code: int, description: str, *,
                retry_after: int | None = None, disconnect: bool = False) -> None:
        if count < 1:
            raise EmulatorError("count must be at least 1")
        self.world.faults.append(
            Fault("*" if method == "*" else method.lower(), chat_id, count, code, description,
                  retry_after=retry_after, disconnect=disconnect)
        )

    async def clear_faults(self) -> None:
        """Forget injected failures that have not fired yet."""
        self.world.faults.clear()
