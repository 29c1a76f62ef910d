"""The Bot API methods the emulator answers, with Telegram's validation and error texts.

Parameters arrive as a JSON body, a form or multipart (python-telegram-bot sends forms whose non-string values are
JSON-encoded); `normalize` turns any of them into typed values. Every call is recorded in the world's call log.
"""

from __future__ import annotations

import functools
import json
import logging
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Protocol

from botapi_emulator.entities import (
    EntityParseError,
    finish_text,
    parse_html,
    parse_markdown,
    parse_markdown_v2,
    utf16_len,
)
from botapi_emulator.model import ApiError, Call, Chat, StoredMessage, bad_request, now
from botapi_emulator.world import FloodGate, World


class Host(Protocol):
    """What the Bot API methods need from the emulator that serves them (server.Emulator)."""

    world: World
    flood_gate: FloodGate | None
    supports_inline_queries: bool
    query_ttl: float

    async def long_poll(
        self, *, offset: int | None, limit: int | None, timeout: float, allowed_updates: list[str] | None
    ) -> list[dict]: ...

    def check_webhook_url(self, url: str) -> None: ...

    def set_webhook(self, url: str | None, **options: Any) -> None: ...

    def webhook_info(self) -> dict: ...

    def change_bot_membership(
        self, chat: Chat, status: str, *, by_user_id: int | None, rights: dict | None = None
    ) -> dict: ...

logger = logging.getLogger(__name__)

# Limits on the text after entity parsing, counted in UTF-16 code units like entity offsets (and like
# handlers/render.py): never more lenient than Telegram.
MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_CALLBACK_DATA = 64
DISCONNECT = object()  # marker: drop the connection instead of answering

_INT_PARAMS = frozenset(
    {"message_id", "message_thread_id", "user_id", "offset", "limit", "cache_time", "max_connections",
     "until_date", "reply_to_message_id", "width", "height", "duration"}
)
_FLOAT_PARAMS = frozenset({"timeout"})
_BOOL_PARAMS = frozenset(
    {"disable_notification", "protect_content", "allow_paid_broadcast", "show_alert", "is_personal",
     "drop_pending_updates", "for_channels", "has_spoiler", "revoke_messages", "only_if_banned",
     "allow_sending_without_reply", "disable_content_type_detection", "show_caption_above_media",
     "disable_web_page_preview"}
)
# JSON-valued parameters and how Telegram names them in "can't parse ... JSON object".
_JSON_PARAMS = {
    "reply_markup": "reply keyboard markup", "entities": "entities", "caption_entities": "caption entities",
    "link_preview_options": "link preview options", "reply_parameters": "reply parameters",
    "results": "inline query results", "commands": "commands", "scope": "BotCommandScope",
    "allowed_updates": "allowed updates", "button": "inline query results button", "message_ids": "message_ids",
    "rights": "chat administrator rights", "media": "media", "menu_button": "menu button",
}
_BUTTON_KINDS = (
    "url", "callback_data", "web_app", "login_url", "switch_inline_query", "switch_inline_query_current_chat",
    "switch_inline_query_chosen_chat", "copy_text", "callback_game", "pay",
)
_BUTTON_URL = re.compile(r"^(?:(?:https?|tg)://\S+|[\w-]+(?:\.[\w-]+)+(?:/\S*)?)$", re.IGNORECASE)
_COMMAND_NAME = re.compile(r"^[a-z0-9_]{1,32}$")
_LANGUAGE = re.compile(r"^(?:[a-z]{2})?$")
_CHAT_ACTIONS = frozenset(
    {"typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice", "upload_document",
     "choose_sticker", "find_location", "record_video_note", "upload_video_note"}
)
_SCOPES = frozenset(
    {"default", "all_private_chats", "all_group_chats", "all_chat_administrators", "chat", "chat_administrators",
     "chat_member"}
)
_INLINE_RESULT_TYPES = frozenset(
    {"article", "photo", "gif", "mpeg4_gif", "video", "audio", "voice", "document", "location", "venue", "contact",
     "game", "sticker"}
)
_NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly the same as a current "
    "content and reply markup of the message"
)
_QUERY_EXPIRED = "query is too old and response timeout expired or query ID is invalid"


@dataclass(frozen=True, slots=True)
class Upload:
    """A file the bot uploaded in a multipart request."""

    filename: str
    content_type: str
    data: bytes


Handler = Callable[["BotApi", dict], Awaitable[Any]]
_HANDLERS: dict[str, tuple[str, Handler]] = {}


def method(name: str) -> Callable[[Handler], Handler]:
    """Register a Bot API method under its case-insensitive name."""

    def register(handler: Handler) -> Handler:
        _HANDLERS[name.lower()] = (name, handler)
        return handler

    return register


@functools.cache
def real_method_names() -> dict[str, str]:
    """Return every Bot API method python-telegram-bot knows, to tell "not emulated" from "does not exist"."""
    try:
        import telegram
    except ImportError:  # the emulator does not need python-telegram-bot to run
        return {}
    return {
        name.lower(): name
        for name in dir(telegram.Bot)
        if name[:1].islower() and any(c.isupper() for c in name) and callable(getattr(telegram.Bot, name))
    }


# --------------------------------------------------------------------------------------------- parameters


def normalize(raw: dict[str, Any]) -> dict[str, Any]:
    """Turn request parameters (JSON values or form strings) into typed values, raising Bot API errors."""
    params: dict[str, Any] = {}
    for name, value in raw.items():
        if isinstance(value, Upload):
            params[name] = value
        elif name in ("chat_id", "from_chat_id"):
            params[name] = _chat_id(value)
        elif name in _INT_PARAMS:
            params[name] = _number(name, value, int)
        elif name in _FLOAT_PARAMS:
            params[name] = _number(name, value, float)
        elif name in _BOOL_PARAMS:
            params[name] = value if isinstance(value, bool) else str(value).strip().lower() in ("true", "1")
        elif name in _JSON_PARAMS:
            if isinstance(value, str):
                try:
                    value = json.loads(value)
                except ValueError:
                    raise bad_request(f"can't parse {_JSON_PARAMS[name]} JSON object") from None
            params[name] = value
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            params[name] = str(value)
        else:
            params[name] = value
    return params


def _chat_id(value: Any) -> int | str:
    if isinstance(value, bool):
        return ""
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = str(value).strip()
    if re.fullmatch(r"-?\d{1,20}", text):
        return int(text)
    return text


def _number(name: str, value: Any, kind: type) -> Any:
    if isinstance(value, bool):
        raise bad_request(f'field "{name}" must be of type {"Integer" if kind is int else "Number"}')
    try:
        number = float(value) if kind is float else int(str(value).strip()) if isinstance(value, str) else value
        if kind is int and isinstance(number, float):
            if not number.is_integer():
                raise ValueError
            number = int(number)
        return kind(number)
    except (TypeError, ValueError):
        raise bad_request(f'field "{name}" must be of type {"Integer" if kind is int else "Number"}') from None


def loggable(params: dict[str, Any]) -> dict[str, Any]:
    """Return params as they go into the call log: uploads become a small description."""
    if not any(isinstance(v, Upload) for v in params.values()):
        return params
    return {
        k: ({"upload": v.filename, "size": len(v.data)} if isinstance(v, Upload) else v) for k, v in params.items()
    }


# --------------------------------------------------------------------------------------------- the methods


class BotApi:
    """Answer Bot API calls against the world of one emulator."""

    def __init__(self, emulator: Host) -> None:
        self.emu = emulator

    @property
    def world(self) -> World:
        return self.emu.world

    async def call(self, name: str, raw: dict[str, Any], *, at: float | None = None) -> tuple[int, Any]:
        """Run one Bot API method; return the HTTP status and the JSON body (or DISCONNECT). `at` is when the request
        arrived (the call log's time; now when not given)."""
        arrived = time.time() if at is None else at
        key = name.lower()
        entry = _HANDLERS.get(key)
        canonical = entry[0] if entry else real_method_names().get(key, name)
        params: dict[str, Any] = raw
        status: int
        body: Any
        try:
            if entry is None:
                if key in real_method_names():
                    logger.warning("bot called %s, which the emulator does not implement", canonical)
                    raise bad_request(f"method {canonical} is not supported by the Kabarchy Bot API emulator")
                raise ApiError(404, "Not Found")
            params = normalize(raw)
            fault = self.world.take_fault(key, params.get("chat_id"))
            if fault is not None:
                if fault.disconnect:
                    self._log(canonical, params, arrived, ok=False, error_code=None, description="disconnected")
                    return 0, DISCONNECT
                raise ApiError(
                    fault.error_code,
                    fault.description,
                    {"retry_after": fault.retry_after} if fault.retry_after is not None else None,
                )
            result = await entry[1](self, params)
            status, body = 200, {"ok": True, "result": result}
            self._log(canonical, params, arrived, ok=True)
        except ApiError as exc:
            status, body = exc.code, exc.payload()
            self._log(canonical, params, arrived, ok=False, error_code=exc.code, description=exc.description)
        logger.debug("%s -> %s", canonical, status)
        return status, body

    def _log(self, method_name: str, params: dict, at: float, *, ok: bool, error_code: int | None = None,
             description: str | None = None) -> None:
        world = self.world
        world.log_call(
            Call(
                seq=len(world.calls),
                method=method_name,
                params=loggable(params),
                at=at,
                ok=ok,
                error_code=error_code,
                description=description,
                chat_id=params.get("chat_id") if isinstance(params, dict) else None,
            )
        )

    # ----------------------------------------------------------------------------------------- helpers

    def formatted(self, params: dict, text_key: str, entities_key: str, *, required: bool) -> tuple:
        """Parse a text or caption with its parse_mode; return (text, entities, source, parse_mode)."""
        source = params.get(text_key)
        if source is None or source == "":
            if required:
                raise bad_request("message text is empty")
            return "", [], None, None
        source = str(source)
        parse_mode = params.get("parse_mode") or None
        entities: list[dict]
        try:
            if parse_mode is None:
                text, entities = source, self.explicit_entities(params.get(entities_key), source)
            elif parse_mode.lower() == "html":
                text, entities = parse_html(source, resolve_user=self.world.user_dict)
            elif parse_mode.lower() == "markdownv2":
                text, entities = parse_markdown_v2(source)
            elif parse_mode.lower() == "markdown":
                text, entities = parse_markdown(source)
            else:
                raise bad_request("unsupported parse_mode")
        except EntityParseError as exc:
            raise bad_request(f"can't parse entities: {exc}") from None
        text, entities = finish_text(text, entities)
        if not text and required:
            raise bad_request("message text is empty")
        return text, entities, source, parse_mode

    @staticmethod
    def explicit_entities(value: Any, text: str) -> list[dict]:
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(e, dict) for e in value):
            raise bad_request("can't parse entities JSON object")
        total = utf16_len(text)
        entities = []
        for entity in value:
            offset, length = entity.get("offset"), entity.get("length")
            if not isinstance(entity.get("type"), str) or not isinstance(offset, int) or not isinstance(length, int):
                raise bad_request("can't parse MessageEntity")
            if offset < 0 or length <= 0 or offset + length > total:
                continue  # Telegram silently drops entities outside the text
            entities.append(dict(entity))
        return entities

    @staticmethod
    def reply_markup(value: Any, *, inline_only: bool = False) -> dict | None:
        """Validate reply_markup like Telegram; return it (None when absent)."""
        if value is None:
            return None
        if not isinstance(value, dict):
            raise bad_request("can't parse reply keyboard markup JSON object")
        if "inline_keyboard" in value:
            rows = value["inline_keyboard"]
            if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
                raise bad_request(
                    'can\'t parse inline keyboard button: Field "inline_keyboard" of the InlineKeyboardMarkup '
                    "should be an Array of Arrays"
                )
            count = 0
            for row in rows:
                for button in row:
                    count += 1
                    if not isinstance(button, dict):
                        raise bad_request("can't parse inline keyboard button: InlineKeyboardButton must be an Object")
                    if not isinstance(button.get("text"), str):
                        raise bad_request('can\'t parse inline keyboard button: Field "text" must be of type String')
                    if not button["text"].strip():
                        raise bad_request("BUTTON_TEXT_INVALID")
                    kinds = [kind for kind in _BUTTON_KINDS if kind in button]
                    if not kinds:
                        raise bad_request(
                            "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"
                        )
                    if "callback_data" in button:
                        data = button["callback_data"]
                        if not isinstance(data, str) or not 1 <= len(data.encode("utf-8")) <= MAX_CALLBACK_DATA:
                            raise bad_request("BUTTON_DATA_INVALID")
                    if "url" in button and not (isinstance(button["url"], str) and _BUTTON_URL.match(button["url"])):
                        raise bad_request("BUTTON_URL_INVALID")
            if count > 100:
                raise bad_request("reply markup is too long")
            return {"inline_keyboard": rows}
        if inline_only:
            raise bad_request("inline keyboard expected")
        if any(key in value for key in ("keyboard", "remove_keyboard", "force_reply")):
            return value
        raise bad_request("can't parse reply keyboard markup JSON object")

    def reply_to(self, chat: Chat, params: dict) -> dict:
        """Return the reply_to_message field for reply_parameters / reply_to_message_id, or {}."""
        reply = params.get("reply_parameters")
        if reply is not None and not isinstance(reply, dict):
            raise bad_request("can't parse reply parameters JSON object")
        if reply is None and params.get("reply_to_message_id") is None:
            return {}
        if reply is None:
            reply = {
                "message_id": params["reply_to_message_id"],
                "allow_sending_without_reply": params.get("allow_sending_without_reply", False),
            }
        target_chat = chat
        if reply.get("chat_id") not in (None, chat.id):
            target_chat = self.world.chat_for_bot(_chat_id(reply["chat_id"]))
        message_id = reply.get("message_id")
        stored = target_chat.messages.get(message_id) if isinstance(message_id, int) else None
        if stored is None or stored.deleted:
            if reply.get("allow_sending_without_reply"):
                return {}
            raise bad_request("message to be replied not found")
        return {"reply_to_message": self.world.without_reply(stored.data)}

    def admit(self, chat: Chat, params: dict) -> None:
        """Answer 429 when the enforced flood limits are exceeded."""
        gate = self.emu.flood_gate
        if gate is None:
            return
        retry_after = gate.admit(chat, paid=bool(params.get("allow_paid_broadcast")), at=time.monotonic())
        if retry_after is not None:
            raise ApiError(429, f"Too Many Requests: retry after {retry_after}", {"retry_after": retry_after})

    def send(self, chat: Chat, content: dict, params: dict, *, method_name: str, source: str | None,
             parse_mode: str | None) -> dict:
        """Store a message the bot sends after the checks every send shares; return it in Telegram's shape."""
        thread = self.world.thread_fields(chat, params.get("message_thread_id"), for_bot=True)
        reply = self.reply_to(chat, params)
        self.admit(chat, params)
        self.world.check_can_send(chat)
        fields = {**thread, **reply, **content}
        if params.get("protect_content"):
            fields["has_protected_content"] = True
        markup = params.get("reply_markup")
        keyboard = markup if isinstance(markup, dict) and "inline_keyboard" not in markup else None
        stored = self.world.store_message(
            chat, fields, sender=self.world.bot.id, from_bot=True, method=method_name, source=source,
            parse_mode=parse_mode, reply_keyboard=keyboard,
        )
        return stored.data

    def bot_message(self, params: dict, *, action: str) -> tuple[Chat | None, StoredMessage]:
        """Find the message an edit targets, by chat_id+message_id or inline_message_id."""
        inline_id = params.get("inline_message_id")
        if inline_id:
            location = self.world.inline_messages.get(str(inline_id))
            if location is None:
                raise bad_request("MESSAGE_ID_INVALID")
            chat = self.world.chats[location[0]]
            return None, chat.messages[location[1]]
        chat = self.world.chat_for_bot(params.get("chat_id"))
        message_id = params.get("message_id")
        if message_id is None:
            raise bad_request("message identifier is not specified")
        stored = chat.messages.get(message_id)
        if stored is None or stored.deleted:
            raise bad_request(f"message to {action} not found")
        if not stored.from_bot:
            raise bad_request(f"message can't be {action}ed")
        return chat, stored

    def apply_edit(self, chat: Chat | None, stored: StoredMessage, changes: dict, *, source: str | None = None,
                   parse_mode: str | None = None, keep_source: bool = False) -> Any:
        """Replace a message's content; answer "not modified" when nothing changes."""
        old = stored.data
        new = dict(old)
        for key, value in changes.items():
            if value is None or value == []:
                new.pop(key, None)
            else:
                new[key] = value
        if all(new.get(k) == old.get(k) for k in set(new) | set(old)):
            raise bad_request(_NOT_MODIFIED)
        new["edit_date"] = now()
        stored.data = new
        stored.edit_count += 1
        if not keep_source:
            stored.source, stored.parse_mode = source, parse_mode
        location_chat = chat or self.world.chats[new["chat"]["id"]]
        self.world.record_bot_event(location_chat, stored, "edited")
        return True if chat is None else new

    # ----------------------------------------------------------------------------------------- identity

    @method("getMe")
    async def get_me(self, params: dict) -> dict:
        return {
            **self.world.bot.to_dict(),
            "can_join_groups": True,
            "can_read_all_group_messages": not self.world.privacy_mode,
            "supports_inline_queries": self.emu.supports_inline_queries,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    @method("logOut")
    async def log_out(self, params: dict) -> bool:
        return True

    @method("close")
    async def close(self, params: dict) -> bool:
        return True

    # ----------------------------------------------------------------------------------------- updates

    @method("getUpdates")
    async def get_updates(self, params: dict) -> list:
        return await self.emu.long_poll(
            offset=params.get("offset"),
            limit=params.get("limit"),
            timeout=params.get("timeout") or 0.0,
            allowed_updates=self.allowed_updates(params),
        )

    @staticmethod
    def allowed_updates(params: dict) -> list[str] | None:
        value = params.get("allowed_updates")
        if value is None:
            return None
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise bad_request("can't parse allowed updates JSON object")
        return value

    @method("setWebhook")
    async def set_webhook(self, params: dict) -> bool:
        url = str(params.get("url") or "")
        allowed = self.allowed_updates(params)
        secret = params.get("secret_token")
        if secret is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", str(secret)):
            raise bad_request("secret token contains unallowed characters")
        max_connections = params.get("max_connections", 40)
        if not 1 <= max_connections <= 100:
            raise bad_request("bad webhook: max_connections must be between 1 and 100")
        if url:
            self.emu.check_webhook_url(url)
        self.emu.set_webhook(
            url or None,
            secret_token=secret,
            max_connections=max_connections,
            allowed_updates=allowed,
            drop_pending_updates=bool(params.get("drop_pending_updates")),
            ip_address=params.get("ip_address"),
        )
        return True

    @method("deleteWebhook")
    async def delete_webhook(self, params: dict) -> bool:
        self.emu.set_webhook(None, drop_pending_updates=bool(params.get("drop_pending_updates")))
        return True

    @method("getWebhookInfo")
    async def get_webhook_info(self, params: dict) -> dict:
        return self.emu.webhook_info()

    # ----------------------------------------------------------------------------------------- sending

    @method("sendMessage")
    async def send_message(self, params: dict) -> dict:
        text, entities, source, parse_mode = self.formatted(params, "text", "entities", required=True)
        markup = self.reply_markup(params.get("reply_markup"))
        preview = params.get("link_preview_options")
        if preview is not None and not isinstance(preview, dict):
            raise bad_request("can't parse link preview options JSON object")
        chat = self.world.chat_for_bot(params.get("chat_id"))
        if utf16_len(text) > MAX_TEXT:
            raise bad_request("message is too long")
        content: dict[str, Any] = {"text": text}
        if entities:
            content["entities"] = entities
        if preview:
            content["link_preview_options"] = preview
        if markup and markup.get("inline_keyboard"):
            content["reply_markup"] = markup
        return self.send(chat, content, params, method_name="sendMessage", source=source, parse_mode=parse_mode)

    async def _send_media(self, params: dict, *, kind: str, method_name: str) -> dict:
        caption, entities, source, parse_mode = self.formatted(params, "caption", "caption_entities", required=False)
        markup = self.reply_markup(params.get("reply_markup"))
        chat = self.world.chat_for_bot(params.get("chat_id"))
        if utf16_len(caption) > MAX_CAPTION:
            raise bad_request("message caption is too long")
        stored_file = self._input_file(params.get(kind), kind)
        size = len(stored_file.content) if stored_file.content is not None else 0
        if kind == "photo":
            media: Any = [
                {"file_id": stored_file.file_id, "file_unique_id": stored_file.file_unique_id, "width": w,
                 "height": h, "file_size": size}
                for w, h in ((90, 51), (320, 180), (1280, 720))
            ]
        else:
            upload = params.get(kind)
            media = {"file_id": stored_file.file_id, "file_unique_id": stored_file.file_unique_id,
                     "file_size": size}
            if isinstance(upload, Upload):
                media["file_name"] = upload.filename
                media["mime_type"] = upload.content_type
        content: dict[str, Any] = {kind: media}
        if caption:
            content["caption"] = caption
        if entities:
            content["caption_entities"] = entities
        if markup and markup.get("inline_keyboard"):
            content["reply_markup"] = markup
        if params.get("has_spoiler"):
            content["has_media_spoiler"] = True
        return self.send(chat, content, params, method_name=method_name, source=source, parse_mode=parse_mode)

    def _input_file(self, value: Any, kind: str):
        world = self.world
        folder = "photos" if kind == "photo" else "documents"
        if isinstance(value, Upload):
            extension = value.filename.rpartition(".")[2] if "." in value.filename else "bin"
            return world.add_file(value.data, folder=folder, extension=extension)
        if not value or not isinstance(value, str):
            raise bad_request(f"there is no {kind} in the request")
        if value in world.files:
            return world.files[value]
        if re.match(r"^https?://", value):
            # A URL is accepted as Telegram would, but the emulator never fetches anything.
            return world.add_file(None, folder=folder, extension="jpg" if kind == "photo" else "bin")
        raise bad_request("wrong file identifier/HTTP URL specified")

    @method("sendPhoto")
    async def send_photo(self, params: dict) -> dict:
        return await self._send_media(params, kind="photo", method_name="sendPhoto")

    @method("sendDocument")
    async def send_document(self, params: dict) -> dict:
        return await self._send_media(params, kind="document", method_name="sendDocument")

    @method("sendChatAction")
    async def send_chat_action(self, params: dict) -> bool:
        action = params.get("action")
        chat = self.world.chat_for_bot(params.get("chat_id"))
        if action not in _CHAT_ACTIONS:
            raise bad_request("wrong parameter action in request")
        self.world.check_can_send(chat)
        return True

    # ----------------------------------------------------------------------------------------- editing

    @method("editMessageText")
    async def edit_message_text(self, params: dict) -> Any:
        text, entities, source, parse_mode = self.formatted(params, "text", "entities", required=True)
        markup = self.reply_markup(params.get("reply_markup"), inline_only=True)
        preview = params.get("link_preview_options")
        chat, stored = self.bot_message(params, action="edit")
        if "text" not in stored.data:
            raise bad_request("there is no text in the message to edit")
        if utf16_len(text) > MAX_TEXT:
            raise bad_request("MESSAGE_TOO_LONG")
        changes = {
            "text": text,
            "entities": entities,
            # Editing the text without a keyboard removes the keyboard, as on Telegram.
            "reply_markup": markup if markup and markup["inline_keyboard"] else None,
        }
        if preview is not None:
            changes["link_preview_options"] = preview
        return self.apply_edit(chat, stored, changes, source=source, parse_mode=parse_mode)

    @method("editMessageCaption")
    async def edit_message_caption(self, params: dict) -> Any:
        caption, entities, source, parse_mode = self.formatted(params, "caption", "caption_entities", required=False)
        markup = self.reply_markup(params.get("reply_markup"), inline_only=True)
        chat, stored = self.bot_message(params, action="edit")
        if "text" in stored.data:
            raise bad_request("there is no caption in the message to edit")
        if utf16_len(caption) > MAX_CAPTION:
            raise bad_request("MESSAGE_CAPTION_TOO_LONG")
        changes = {
            "caption": caption or None,
            "caption_entities": entities,
            "reply_markup": markup if markup and markup["inline_keyboard"] else None,
        }
        return self.apply_edit(chat, stored, changes, source=source, parse_mode=parse_mode)

    @method("editMessageReplyMarkup")
    async def edit_message_reply_markup(self, params: dict) -> Any:
        markup = self.reply_markup(params.get("reply_markup"), inline_only=True)
        chat, stored = self.bot_message(params, action="edit")
        changes = {"reply_markup": markup if markup and markup["inline_keyboard"] else None}
        return self.apply_edit(chat, stored, changes, keep_source=True)

    @method("deleteMessage")
    async def delete_message(self, params: dict) -> bool:
        chat = self.world.chat_for_bot(params.get("chat_id"))
        message_id = params.get("message_id")
        if message_id is None:
            raise bad_request("message identifier is not specified")
        self._delete(chat, message_id, strict=True)
        return True

    @method("deleteMessages")
    async def delete_messages(self, params: dict) -> bool:
        chat = self.world.chat_for_bot(params.get("chat_id"))
        ids = params.get("message_ids")
        if not isinstance(ids, list) or not all(isinstance(i, int) for i in ids) or not 1 <= len(ids) <= 100:
            raise bad_request("message_ids must be a non-empty list of at most 100 message identifiers")
        for message_id in ids:
            self._delete(chat, message_id, strict=False)
        return True

    def _delete(self, chat: Chat, message_id: int, *, strict: bool) -> None:
        stored = chat.messages.get(message_id)
        if stored is None or stored.deleted:
            if strict:
                raise bad_request("message to delete not found")
            return
        admin = chat.bot_status in ("administrator", "creator") and chat.bot_rights.get("can_delete_messages", True)
        allowed = (
            chat.type == "private"
            or (stored.from_bot and chat.type != "channel")
            or admin
        )
        if not allowed or "forum_topic_created" in stored.data:
            if strict:
                raise bad_request("message can't be deleted")
            return
        stored.deleted = True
        if stored.from_bot:
            self.world.record_bot_event(chat, stored, "deleted")

    # ----------------------------------------------------------------------------------------- queries

    @method("answerCallbackQuery")
    async def answer_callback_query(self, params: dict) -> bool:
        query = self.world.callback_queries.get(str(params.get("callback_query_id") or ""))
        text = params.get("text")
        if text is not None and len(str(text)) > 200:
            raise bad_request("MESSAGE_TOO_LONG")
        if query is None or query.answer is not None or time.monotonic() - query.created > self.emu.query_ttl:
            raise bad_request(_QUERY_EXPIRED)
        query.answer = {
            "callback_query_id": query.id,
            "text": text,
            "show_alert": bool(params.get("show_alert", False)),
            "url": params.get("url"),
            "cache_time": params.get("cache_time", 0),
        }
        if not query.future.done():
            query.future.set_result(query.answer)
        return True

    @method("answerInlineQuery")
    async def answer_inline_query(self, params: dict) -> bool:
        query = self.world.inline_queries.get(str(params.get("inline_query_id") or ""))
        results = params.get("results")
        if not isinstance(results, list):
            raise bad_request("can't parse inline query results JSON object")
        if len(results) > 50:
            raise bad_request("RESULTS_TOO_MUCH")
        seen: set[str] = set()
        for result in results:
            self._check_inline_result(result, seen)
        next_offset = str(params.get("next_offset") or "")
        if len(next_offset.encode("utf-8")) > 64:
            raise bad_request("NEXT_OFFSET_INVALID")
        button = params.get("button")
        if button is not None:
            start = button.get("start_parameter") if isinstance(button, dict) else None
            if not isinstance(button, dict) or not isinstance(button.get("text"), str) or (
                "web_app" not in button and not (isinstance(start, str) and re.fullmatch(r"[A-Za-z0-9_-]{1,64}", start))
            ):
                raise bad_request("START_PARAM_INVALID")
        if query is None or query.answer is not None or time.monotonic() - query.created > self.emu.query_ttl:
            raise bad_request(_QUERY_EXPIRED)
        query.answer = {
            "inline_query_id": query.id,
            "results": results,
            "next_offset": next_offset,
            "cache_time": params.get("cache_time", 300),
            "is_personal": bool(params.get("is_personal", False)),
            "button": button,
        }
        if not query.future.done():
            query.future.set_result(query.answer)
        return True

    def _check_inline_result(self, result: Any, seen: set[str]) -> None:
        if not isinstance(result, dict):
            raise bad_request("can't parse inline query result: InlineQueryResult must be an Object")
        kind = result.get("type")
        if kind not in _INLINE_RESULT_TYPES:
            raise bad_request(f'can\'t parse inline query result: Unsupported inline query result type "{kind}"')
        result_id = result.get("id")
        if not isinstance(result_id, str) or not 1 <= len(result_id.encode("utf-8")) <= 64:
            raise bad_request("RESULT_ID_INVALID")
        if result_id in seen:
            raise bad_request("RESULT_ID_DUPLICATE")
        seen.add(result_id)
        if kind == "article":
            if not isinstance(result.get("title"), str) or not result["title"].strip():
                raise bad_request('can\'t parse inline query result: Field "title" must be of type String')
            if "input_message_content" not in result:
                raise bad_request(
                    'can\'t parse inline query result: Field "input_message_content" must be of type Object'
                )
        content = result.get("input_message_content")
        if content is not None:
            if not isinstance(content, dict):
                raise bad_request("can't parse input message content: InputMessageContent must be an Object")
            if "message_text" in content or kind == "article":
                text, *_ = self.formatted(content, "message_text", "entities", required=True)
                if utf16_len(text) > MAX_TEXT:
                    raise bad_request("MESSAGE_TOO_LONG")
        if result.get("reply_markup") is not None:
            self.reply_markup(result["reply_markup"], inline_only=True)

    # ----------------------------------------------------------------------------------------- bot settings

    def _scope_key(self, params: dict) -> str:
        scope = params.get("scope") or {"type": "default"}
        if not isinstance(scope, dict) or scope.get("type") not in _SCOPES:
            raise bad_request("can't parse BotCommandScope JSON object")
        if scope["type"] in ("chat", "chat_administrators", "chat_member"):
            chat = self.world.chat_for_bot(_chat_id(scope.get("chat_id")))
            scope = {**scope, "chat_id": chat.id}
            if scope["type"] == "chat_member" and scope.get("user_id") not in self.world.users:
                raise bad_request("user not found")
        return json.dumps(scope, sort_keys=True)

    def _language(self, params: dict) -> str:
        language = str(params.get("language_code") or "")
        if not _LANGUAGE.match(language):
            raise bad_request("invalid language code specified")
        return language

    @method("setMyCommands")
    async def set_my_commands(self, params: dict) -> bool:
        commands = params.get("commands")
        if not isinstance(commands, list) or not all(isinstance(c, dict) for c in commands):
            raise bad_request("can't parse commands JSON object")
        if len(commands) > 100:
            raise bad_request("too many commands specified")
        for command in commands:
            name, description = command.get("command"), command.get("description")
            if not isinstance(name, str) or not _COMMAND_NAME.match(name):
                raise bad_request("BOT_COMMAND_INVALID")
            if not isinstance(description, str) or not 1 <= len(description.strip()) <= 256:
                raise bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        key = (self._scope_key(params), self._language(params))
        cleaned = [{"command": c["command"], "description": c["description"]} for c in commands]
        if cleaned:
            self.world.commands[key] = cleaned
        else:
            self.world.commands.pop(key, None)
        return True

    @method("getMyCommands")
    async def get_my_commands(self, params: dict) -> list:
        return list(self.world.commands.get((self._scope_key(params), self._language(params)), []))

    @method("deleteMyCommands")
    async def delete_my_commands(self, params: dict) -> bool:
        self.world.commands.pop((self._scope_key(params), self._language(params)), None)
        return True

    def _set_text(self, params: dict, *, field: str, store: dict, limit: int) -> bool:
        value = str(params.get(field) or "")
        if len(value) > limit:
            raise bad_request(f"{field.replace('_', ' ')} is too long")
        language = self._language(params)
        if value:
            store[language] = value
        else:
            store.pop(language, None)
        return True

    @method("setMyDescription")
    async def set_my_description(self, params: dict) -> bool:
        return self._set_text(params, field="description", store=self.world.descriptions, limit=512)

    @method("getMyDescription")
    async def get_my_description(self, params: dict) -> dict:
        language = self._language(params)
        return {"description": self.world.descriptions.get(language, self.world.descriptions.get("", ""))}

    @method("setMyShortDescription")
    async def set_my_short_description(self, params: dict) -> bool:
        return self._set_text(params, field="short_description", store=self.world.short_descriptions, limit=120)

    @method("getMyShortDescription")
    async def get_my_short_description(self, params: dict) -> dict:
        language = self._language(params)
        short = self.world.short_descriptions
        return {"short_description": short.get(language, short.get("", ""))}

    @method("setMyName")
    async def set_my_name(self, params: dict) -> bool:
        return self._set_text(params, field="name", store=self.world.names, limit=64)

    @method("getMyName")
    async def get_my_name(self, params: dict) -> dict:
        language = self._language(params)
        names = self.world.names
        return {"name": names.get(language, names.get("", self.world.bot.first_name))}

    @method("setChatMenuButton")
    async def set_chat_menu_button(self, params: dict) -> bool:
        button = params.get("menu_button") or {"type": "default"}
        if not isinstance(button, dict) or button.get("type") not in ("commands", "web_app", "default"):
            raise bad_request("can't parse menu button JSON object")
        chat_id = params.get("chat_id")
        key = None if chat_id in (None, "") else self.world.chat_for_bot(chat_id).id
        self.world.menu_buttons[key] = button
        return True

    @method("getChatMenuButton")
    async def get_chat_menu_button(self, params: dict) -> dict:
        chat_id = params.get("chat_id")
        key = None if chat_id in (None, "") else self.world.chat_for_bot(chat_id).id
        menu = self.world.menu_buttons
        return menu.get(key) or menu.get(None) or {"type": "commands"}

    # ----------------------------------------------------------------------------------------- chats

    @method("getChat")
    async def get_chat(self, params: dict) -> dict:
        chat = self.world.chat_for_bot(params.get("chat_id"))
        data = {
            **self.world.chat_dict(chat),
            "accent_color_id": abs(chat.id) % 7,
            "max_reaction_count": 11,
            "accepted_gift_types": {
                "unlimited_gifts": False, "limited_gifts": False, "unique_gifts": False,
                "premium_subscription": False, "gifts_from_channels": False,
            },
        }
        return data

    @method("getChatMember")
    async def get_chat_member(self, params: dict) -> dict:
        chat = self.world.chat_for_bot(params.get("chat_id"))
        user_id = params.get("user_id")
        if user_id is None:
            raise bad_request("user_id is empty")
        if user_id != self.world.bot.id and user_id not in self.world.users:
            raise bad_request("user not found")
        return self.world.member_dict(chat, user_id)

    @method("getChatAdministrators")
    async def get_chat_administrators(self, params: dict) -> list:
        chat = self.world.chat_for_bot(params.get("chat_id"))
        if chat.type == "private":
            raise bad_request("there are no administrators in the private chat")
        admins = [
            self.world.member_dict(chat, user_id)
            for user_id, status in chat.members.items()
            if status in ("creator", "administrator")
        ]
        if chat.bot_status == "administrator":
            admins.append(self.world.member_dict(chat, self.world.bot.id))
        return admins

    @method("getChatMemberCount")
    async def get_chat_member_count(self, params: dict) -> int:
        chat = self.world.chat_for_bot(params.get("chat_id"))
        if chat.type == "private":
            return 2
        present = sum(1 for s in chat.members.values() if s in ("creator", "administrator", "member"))
        return present + (1 if chat.bot_status in ("member", "administrator", "creator") else 0)

    @method("leaveChat")
    async def leave_chat(self, params: dict) -> bool:
        chat = self.world.chat_for_bot(params.get("chat_id"))
        if chat.type == "private":
            raise bad_request("chat member status can't be changed in private chats")
        self.emu.change_bot_membership(chat, "left", by_user_id=self.world.bot.id)
        return True

    # ----------------------------------------------------------------------------------------- files

    @method("getFile")
    async def get_file(self, params: dict) -> dict:
        stored = self.world.files.get(str(params.get("file_id") or ""))
        if stored is None:
            raise bad_request("wrong file_id or the file is temporarily unavailable")
        data = {"file_id": stored.file_id, "file_unique_id": stored.file_unique_id, "file_path": stored.path}
        if stored.content is not None:
            data["file_size"] = len(stored.content)
        return data


def file_content(world: World, path: str) -> bytes | None:
    """Return the bytes served at {root}/file/bot<token>/<path>."""
    stored = world.file_paths.get(path)
    return stored.content if stored else None

