"""EmulatorClient: the control API of an emulator running elsewhere (another process), over HTTP.

Every method has the same name, signature and result as the method of `Emulator`, so test code can take either.
Errors: EmulatorError for a request the emulator refuses, TimeoutError when a wait runs out.
"""

from __future__ import annotations

from typing import Any

import aiohttp

from botapi_emulator.model import BotMessage, Call, EmulatorError, FloodLimits

__all__ = ["EmulatorClient"]


class EmulatorClient:
    """Drive an emulator through its /control routes; use `async with EmulatorClient(root) as client:`."""

    def __init__(self, root: str, *, request_timeout: float = 30.0) -> None:
        self.root = root.rstrip("/")
        self.request_timeout = request_timeout
        self._session: aiohttp.ClientSession | None = None

    async def __aenter__(self) -> EmulatorClient:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None

    async def _call(self, name: str, *, wait: float = 0.0, **kwargs: Any) -> Any:
        if self._session is None:
            self._session = aiohttp.ClientSession()
        # Every argument is sent, None included: the signatures mirror Emulator's, so defaults agree.
        timeout = aiohttp.ClientTimeout(total=self.request_timeout + wait)
        async with self._session.post(f"{self.root}/control/{name}", json=kwargs, timeout=timeout) as response:
            body = await response.json(content_type=None)
        if body.get("ok"):
            return body["result"]
        if response.status == 408:
            raise TimeoutError(body.get("error", "timed out"))
        raise EmulatorError(body.get("error") or f"HTTP {response.status}")

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
        return await self._call(
            "create_user", user_id=user_id, first_name=first_name, last_name=last_name, username=username,
            language_code=language_code, is_premium=is_premium, private_chat=private_chat,
        )

    async def create_users(
        self,
        count: int,
        *,
        first_id: int | None = None,
        first_name: str = "User",
        language_code: str | None = "en",
        private_chat: bool = True,
    ) -> list[int]:
        return await self._call(
            "create_users", count=count, first_id=first_id, first_name=first_name, language_code=language_code,
            private_chat=private_chat,
        )

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
        return await self._call(
            "create_chat", chat_type=chat_type, title=title, chat_id=chat_id, username=username, is_forum=is_forum,
            owner_id=owner_id, admin_ids=list(admin_ids), member_ids=list(member_ids), bot_status=bot_status,
            bot_rights=bot_rights,
        )

    async def create_topic(self, chat_id: int, name: str, *, icon_color: int = 7322096) -> int:
        return await self._call("create_topic", chat_id=chat_id, name=name, icon_color=icon_color)

    async def set_member(self, chat_id: int, user_id: int, status: str, *, by_user_id: int | None = None) -> dict:
        return await self._call("set_member", chat_id=chat_id, user_id=user_id, status=status, by_user_id=by_user_id)

    async def set_bot_status(
        self, chat_id: int, status: str, *, by_user_id: int | None = None, rights: dict | None = None
    ) -> dict:
        return await self._call("set_bot_status", chat_id=chat_id, status=status, by_user_id=by_user_id,
                                rights=rights)

    async def block_bot(self, user_id: int) -> dict:
        return await self._call("block_bot", user_id=user_id)

    async def unblock_bot(self, user_id: int) -> dict:
        return await self._call("unblock_bot", user_id=user_id)

    async def deactivate_user(self, user_id: int) -> None:
        await self._call("deactivate_user", user_id=user_id)

    async def migrate_group(self, chat_id: int, *, new_chat_id: int | None = None) -> dict:
        return await self._call("migrate_group", chat_id=chat_id, new_chat_id=new_chat_id)

    # ----------------------------------------------------------------------------------------- acting as users

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
        return await self._call(
            "send_message", chat_id=chat_id, text=text, user_id=user_id, message_thread_id=message_thread_id,
            reply_to_message_id=reply_to_message_id, entities=entities,
        )

    async def edit_message(
        self, chat_id: int, message_id: int, text: str, *, entities: list[dict] | None = None
    ) -> dict:
        return await self._call("edit_message", chat_id=chat_id, message_id=message_id, text=text, entities=entities)

    async def send_sticker(
        self, chat_id: int, *, emoji: str = "👍", user_id: int | None = None, message_thread_id: int | None = None
    ) -> dict:
        return await self._call("send_sticker", chat_id=chat_id, emoji=emoji, user_id=user_id,
                                message_thread_id=message_thread_id)

    async def send_photo(
        self,
        chat_id: int,
        *,
        caption: str | None = None,
        user_id: int | None = None,
        message_thread_id: int | None = None,
    ) -> dict:
        return await self._call("send_photo", chat_id=chat_id, caption=caption, user_id=user_id,
                                message_thread_id=message_thread_id)

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
        return await self._call(
            "forward_message", chat_id=chat_id, text=text, user_id=user_id, origin_user_id=origin_user_id,
            origin_chat_id=origin_chat_id, origin_message_id=origin_message_id,
            origin_sender_name=origin_sender_name, origin_date=origin_date, message_thread_id=message_thread_id,
        )

    async def press_button(
        self,
        chat_id: int,
        message_id: int,
        button: str | int | None = None,
        *,
        data: str | None = None,
        user_id: int | None = None,
    ) -> dict:
        return await self._call("press_button", chat_id=chat_id, message_id=message_id, button=button, data=data,
                                user_id=user_id)

    async def callback_answer(self, callback_query_id: str, *, timeout: float = 5.0) -> dict:
        return await self._call("callback_answer", wait=timeout, callback_query_id=callback_query_id, timeout=timeout)

    async def send_inline_query(
        self, user_id: int, query: str, *, offset: str = "", chat_type: str = "sender", timeout: float = 5.0
    ) -> dict:
        return await self._call("send_inline_query", wait=timeout, user_id=user_id, query=query, offset=offset,
                                chat_type=chat_type, timeout=timeout)

    async def choose_inline_result(self, inline_query_id: str, result_id: str, *, chat_id: int) -> dict:
        return await self._call("choose_inline_result", inline_query_id=inline_query_id, result_id=result_id,
                                chat_id=chat_id)

    async def send_update(self, update: dict) -> int | None:
        return await self._call("send_update", update=update)

    # ----------------------------------------------------------------------------------------- reading

    async def bot_messages(
        self, chat_id: int, *, message_thread_id: int | None = None, include_deleted: bool = False
    ) -> list[BotMessage]:
        result = await self._call("bot_messages", chat_id=chat_id, message_thread_id=message_thread_id,
                                  include_deleted=include_deleted)
        return [BotMessage.from_dict(m) for m in result]

    async def bot_message(self, chat_id: int, message_id: int) -> BotMessage:
        return BotMessage.from_dict(await self._call("bot_message", chat_id=chat_id, message_id=message_id))

    async def messages(self, chat_id: int) -> list[dict]:
        return await self._call("messages", chat_id=chat_id)

    async def next_bot_message(self, chat_id: int, *, timeout: float = 5.0) -> BotMessage:
        return BotMessage.from_dict(await self._call("next_bot_message", wait=timeout, chat_id=chat_id,
                                                     timeout=timeout))

    async def next_bot_edit(self, chat_id: int, *, message_id: int | None = None, timeout: float = 5.0) -> BotMessage:
        return BotMessage.from_dict(await self._call("next_bot_edit", wait=timeout, chat_id=chat_id,
                                                     message_id=message_id, timeout=timeout))

    async def next_bot_activity(self, chat_id: int, *, timeout: float = 5.0) -> BotMessage:
        return BotMessage.from_dict(await self._call("next_bot_activity", wait=timeout, chat_id=chat_id,
                                                     timeout=timeout))

    async def mark_read(self, chat_id: int) -> None:
        await self._call("mark_read", chat_id=chat_id)

    async def calls(
        self, *, method: str | None = None, chat_id: int | str | None = None, ok: bool | None = None, since: int = 0
    ) -> list[Call]:
        result = await self._call("calls", method=method, chat_id=chat_id, ok=ok, since=since)
        return [Call.from_dict(c) for c in result]

    async def call_count(
        self, *, method: str | None = None, chat_id: int | str | None = None, ok: bool | None = None
    ) -> int:
        return await self._call("call_count", method=method, chat_id=chat_id, ok=ok)

    async def call_stats(self, *, method: str | None = "sendMessage", since: int = 0) -> dict:
        return await self._call("call_stats", method=method, since=since)

    async def wait_for_calls(
        self, count: int, *, method: str | None = "sendMessage", ok: bool | None = True, timeout: float = 30.0
    ) -> int:
        return await self._call("wait_for_calls", wait=timeout, count=count, method=method, ok=ok, timeout=timeout)

    async def pending_updates(self) -> int:
        return await self._call("pending_updates")

    async def wait_until_polling(self, *, timeout: float = 10.0) -> None:
        await self._call("wait_until_polling", wait=timeout, timeout=timeout)

    async def bot_info(self) -> dict:
        return await self._call("bot_info")

    async def my_commands(self, *, scope: dict | None = None, language_code: str = "") -> list[dict]:
        return await self._call("my_commands", scope=scope, language_code=language_code)

    # ----------------------------------------------------------------------------------------- faults and limits

    async def inject_retry_after(
        self, count: int = 1, *, retry_after: int = 1, method: str = "sendMessage", chat_id: int | str | None = None
    ) -> None:
        await self._call("inject_retry_after", count=count, retry_after=retry_after, method=method, chat_id=chat_id)

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
        await self._call("inject_error", count=count, error_code=error_code, description=description, method=method,
                         chat_id=chat_id, disconnect=disconnect)

    async def clear_faults(self) -> None:
        await self._call("clear_faults")

    async def set_flood_limits(self, limits: FloodLimits | dict | None) -> None:
        await self._call("set_flood_limits", limits=limits.to_dict() if isinstance(limits, FloodLimits) else limits)

    async def set_latency(self, seconds: float) -> None:
        await self._call("set_latency", seconds=seconds)

    async def reset(self) -> None:
        await self._call("reset")
