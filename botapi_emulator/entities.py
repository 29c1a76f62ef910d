"""Telegram's formatted text: parse HTML or MarkdownV2 into plain text plus entities, find commands and links.

Offsets and lengths of entities are in UTF-16 code units, as in the Bot API. Parse errors reproduce the wording of
the Bot API server (tdlib's `parse_html`/`parse_markdown_v2`), which callers prefix with
"Bad Request: can't parse entities: ".
"""

from __future__ import annotations

import re
from collections.abc import Callable

__all__ = [
    "EntityParseError",
    "detect_entities",
    "finish_text",
    "parse_html",
    "parse_markdown",
    "parse_markdown_v2",
    "utf16_len",
]

# tdlib's is_space: the characters that separate tag names and attributes.
_SPACE = frozenset(" \t\r\n\f\v\0")
_HTML_TAGS = frozenset(
    {"a", "b", "strong", "i", "em", "s", "strike", "del", "u", "ins", "tg-spoiler", "tg-emoji", "span", "pre",
     "code", "blockquote"}
)
_SIMPLE_TAG_TYPES = {
    "b": "bold", "strong": "bold", "i": "italic", "em": "italic", "u": "underline", "ins": "underline",
    "s": "strikethrough", "strike": "strikethrough", "del": "strikethrough", "tg-spoiler": "spoiler",
}
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_URL_SCHEME = re.compile(r"^(?:https?|tg|ton|ftp)://[^\s<>\"]+$", re.IGNORECASE)
_BARE_DOMAIN = re.compile(r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9-]+)*\.[a-z]{2,24}(?:[/?#]\S*)?$", re.I)
_TG_USER = re.compile(r"^tg://user\?id=(\d{1,20})$", re.IGNORECASE)
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_HTML_SPECIAL = re.compile("[<&]")


class EntityParseError(ValueError):
    """Text that Telegram refuses to parse; the message is what the Bot API reports after "can't parse entities: "."""


def utf16_len(text: str) -> int:
    """Return the length of text in UTF-16 code units, the unit of entity offsets."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _units(char: str) -> int:
    return 2 if ord(char) > 0xFFFF else 1


def _byte_offset(source: str, index: int) -> int:
    return len(source[:index].encode("utf-8", "surrogatepass"))


def _decode_entity(source: str, pos: int) -> tuple[str, int]:
    """Decode the HTML entity at source[pos] == "&"; return ("", pos) when it is not one Telegram knows."""
    n = len(source)
    end = pos + 1
    if end < n and source[end] == "#":
        end += 1
        value = 0
        if end < n and source[end] == "x":
            end += 1
            while end < n and source[end] in "0123456789abcdefABCDEF":
                value = value * 16 + int(source[end], 16)
                end += 1
        else:
            while end < n and source[end].isascii() and source[end].isdigit():
                value = value * 10 + int(source[end])
                end += 1
        if value == 0 or value >= 0x10FFFF or end - pos >= 10 or 0xD800 <= value <= 0xDFFF:
            return "", pos
        char = chr(value)
    else:
        while end < n and source[end].isascii() and source[end].isalpha():
            end += 1
        char = _NAMED_ENTITIES.get(source[pos + 1 : end], "")
        if not char:
            return "", pos
    # Like Telegram, the closing semicolon is optional.
    if end < n and source[end] == ";":
        end += 1
    return char, end


def _decode_attribute(value: str) -> str:
    if "&" not in value:
        return value
    out: list[str] = []
    i = 0
    while i < len(value):
        if value[i] == "&":
            char, end = _decode_entity(value, i)
            if char:
                out.append(char)
                i = end
                continue
        out.append(value[i])
        i += 1
    return "".join(out)


def _link_entity(url: str, offset: int, length: int, resolve_user: Callable[[int], dict | None] | None) -> dict | None:
    """Return the entity an <a href> becomes, or None for a URL Telegram silently drops."""
    match = _TG_USER.match(url)
    if match and resolve_user is not None:
        user = resolve_user(int(match.group(1)))
        if user is not None:
            return {"type": "text_mention", "offset": offset, "length": length, "user": user}
    if _URL_SCHEME.match(url):
        return {"type": "text_link", "offset": offset, "length": length, "url": url}
    if _BARE_DOMAIN.match(url):
        return {"type": "text_link", "offset": offset, "length": length, "url": f"http://{url}"}
    return None


def parse_html(source: str, *, resolve_user: Callable[[int], dict | None] | None = None) -> tuple[str, list[dict]]:
    """Parse Telegram-flavoured HTML into (text, entities), raising EntityParseError like the Bot API."""
    out: list[str] = []
    entities: list[dict] = []
    # Open tags: [tag, argument, utf16 offset, index into out, expandable]
    stack: list[list] = []
    utf16 = 0
    i, n = 0, len(source)

    def fail(message: str) -> EntityParseError:
        return EntityParseError(message)

    while i < n:
        special = _HTML_SPECIAL.search(source, i)
        stop = special.start() if special else n
        if stop > i:
            # Plain text up to the next "<" or "&" is copied in one piece.
            chunk = source[i:stop]
            out.append(chunk)
            utf16 += utf16_len(chunk)
            i = stop
            continue
        char = source[i]
        if char == "&":
            decoded, end = _decode_entity(source, i)
            out.append(decoded or "&")
            utf16 += _units(decoded) if decoded else 1
            i = end if decoded else i + 1
            continue

        begin = i
        i += 1
        if i >= n or source[i] != "/":
            start = i
            while i < n and source[i] not in _SPACE and source[i] != ">":
                i += 1
            if i >= n:
                raise fail(f"Unclosed start tag at byte offset {_byte_offset(source, begin)}")
            tag = source[start:i].lower()
            if tag not in _HTML_TAGS:
                raise fail(f'Unsupported start tag "{tag}" at byte offset {_byte_offset(source, begin)}')
            argument = ""
            expandable = False
            while True:
                while i < n and source[i] in _SPACE:
                    i += 1
                if i >= n:
                    raise fail(f'Unclosed start tag "{tag}" at byte offset {_byte_offset(source, begin)}')
                if source[i] == ">":
                    i += 1
                    break
                name_start = i
                while i < n and source[i] not in _SPACE and source[i] not in "=>":
                    i += 1
                name = source[name_start:i].lower()
                if not name:
                    raise fail(f'Empty attribute name in the tag "{tag}" at byte offset {_byte_offset(source, begin)}')
                while i < n and source[i] in _SPACE:
                    i += 1
                if i >= n or source[i] != "=":
                    if tag == "blockquote" and name == "expandable":
                        expandable = True
                        continue
                    raise fail(
                        f'Expected equal sign in declaration of an attribute of the tag "{tag}" '
                        f"at byte offset {_byte_offset(source, begin)}"
                    )
                i += 1
                while i < n and source[i] in _SPACE:
                    i += 1
                if i >= n:
                    raise fail(f'Unclosed start tag "{tag}" at byte offset {_byte_offset(source, begin)}')
                if source[i] in "'\"":
                    end = source.find(source[i], i + 1)
                    if end < 0:
                        raise fail(f"Unclosed end of attribute value at byte offset {_byte_offset(source, i)}")
                    value = _decode_attribute(source[i + 1 : end])
                    i = end + 1
                else:
                    token_start = i
                    while i < n and ((source[i].isascii() and source[i].isalnum()) or source[i] in ".-"):
                        i += 1
                    value = source[token_start:i].lower()
                    if i < n and source[i] not in _SPACE and source[i] != ">":
                        raise fail(f"Unexpected end of name token at byte offset {_byte_offset(source, token_start)}")
                if tag == "a" and name == "href":
                    argument = value
                elif tag == "code" and name == "class" and value.startswith("language-"):
                    argument = value[len("language-") :]
                elif tag == "span" and name == "class" and value.startswith("tg-"):
                    argument = value[len("tg-") :]
                elif tag == "tg-emoji" and name == "emoji-id":
                    argument = value
            if tag == "span" and argument != "spoiler":
                raise fail(f'Tag "span" must have class "tg-spoiler" at byte offset {_byte_offset(source, begin)}')
            if tag == "tg-emoji" and not (argument.isdigit() and int(argument) > 0):
                raise fail("Invalid custom emoji identifier specified")
            stack.append([tag, argument, utf16, len(out), expandable])
            continue

        # An end tag.
        if not stack:
            raise fail(f"Unexpected end tag at byte offset {_byte_offset(source, begin)}")
        i += 1
        start = i
        while i < n and source[i] not in _SPACE and source[i] != ">":
            i += 1
        end_name = source[start:i].lower()
        while i < n and source[i] in _SPACE:
            i += 1
        if i >= n or source[i] != ">":
            raise fail(f"Unclosed end tag at byte offset {_byte_offset(source, begin)}")
        i += 1
        tag, argument, offset, out_index, expandable = stack.pop()
        if end_name and end_name != tag:
            raise fail(
                f'Unmatched end tag at byte offset {_byte_offset(source, begin)}, expected "</{tag}>", '
                f'found "</{end_name}>"'
            )
        length = utf16 - offset
        if length <= 0:
            continue
        if tag in _SIMPLE_TAG_TYPES:
            entities.append({"type": _SIMPLE_TAG_TYPES[tag], "offset": offset, "length": length})
        elif tag == "span":
            entities.append({"type": "spoiler", "offset": offset, "length": length})
        elif tag == "tg-emoji":
            entities.append({"type": "custom_emoji", "offset": offset, "length": length, "custom_emoji_id": argument})
        elif tag == "blockquote":
            kind = "expandable_blockquote" if expandable else "blockquote"
            entities.append({"type": kind, "offset": offset, "length": length})
        elif tag == "a":
            url = argument or "".join(out[out_index:])
            link = _link_entity(url, offset, length, resolve_user)
            if link is not None:
                entities.append(link)
        elif tag == "pre":
            last = entities[-1] if entities else None
            if last and last["type"] == "code" and last["offset"] == offset and last["length"] == length and (
                last.get("language")
            ):
                last["type"] = "pre"
            else:
                entities.append({"type": "pre", "offset": offset, "length": length})
        elif tag == "code":
            last = entities[-1] if entities else None
            if last and last["type"] == "pre" and last["offset"] == offset and last["length"] == length and argument:
                last["language"] = argument
            else:
                entity = {"type": "code", "offset": offset, "length": length}
                if argument:
                    entity["language"] = argument
                entities.append(entity)
    if stack:
        raise fail(f'Can\'t find end tag corresponding to start tag "{stack[-1][0]}"')
    # A bare <code class="language-x"> outside <pre> is plain code.
    for entity in entities:
        if entity["type"] == "code":
            entity.pop("language", None)
    return "".join(out), entities


# MarkdownV2: characters that must be escaped outside entities, and the entity markers.
_MD2_RESERVED = frozenset("_*[]()~`>#+-=|{}.!")
_MD2_NAMES = {"*": "Bold", "_": "Italic", "__": "Underline", "~": "Strikethrough", "||": "Spoiler"}
_MD2_TYPES = {"*": "bold", "_": "italic", "__": "underline", "~": "strikethrough", "||": "spoiler"}


def parse_markdown_v2(source: str) -> tuple[str, list[dict]]:
    """Parse MarkdownV2 into (text, entities), raising EntityParseError like the Bot API."""
    out: list[str] = []
    entities: list[dict] = []
    stack: list[tuple[str, int, int]] = []  # (marker, utf16 offset, byte offset of the marker)
    utf16 = 0
    i, n = 0, len(source)
    line_start = True
    quote_start: int | None = None
    quote_expandable = False

    def emit(char: str) -> None:
        nonlocal utf16
        out.append(char)
        utf16 += _units(char)

    def close_quote() -> None:
        nonlocal quote_start, quote_expandable
        if quote_start is not None:
            end = utf16 - 1 if out and out[-1] == "\n" else utf16
            if end > quote_start:
                kind = "expandable_blockquote" if quote_expandable else "blockquote"
                entities.append({"type": kind, "offset": quote_start, "length": end - quote_start})
        quote_start = None
        quote_expandable = False

    while i < n:
        char = source[i]
        if line_start:
            line_start = False
            if char == ">" or (char == "*" and source.startswith("**>", i)):
                if quote_start is None:
                    quote_start = utf16
                i += 3 if char == "*" else 1
                if char == "*":
                    quote_expandable = True
                continue
            close_quote()
        if char == "\\" and i + 1 < n and ord(source[i + 1]) <= 126:
            emit(source[i + 1])
            i += 2
            continue
        if char == "\n":
            emit(char)
            line_start = True
            i += 1
            continue
        at_line_end = source[i + 2 : i + 3] in ("", "\n")
        if char == "|" and source.startswith("||", i) and quote_start is not None and at_line_end:
            quote_expandable = True
            i += 2
            continue
        if char == "`":
            is_pre = source.startswith("```", i)
            marker_len = 3 if is_pre else 1
            begin = i
            i += marker_len
            language = ""
            if is_pre:
                line_end = source.find("\n", i)
                first_line = source[i:line_end] if line_end >= 0 else ""
                if line_end >= 0 and first_line and " " not in first_line and "`" not in first_line:
                    language = first_line
                    i = line_end + 1
                elif line_end >= 0 and not first_line:
                    i = line_end + 1
            start = utf16
            closing = "```" if is_pre else "`"
            while i < n and not source.startswith(closing, i):
                if source[i] == "\\" and i + 1 < n and source[i + 1] in "`\\":
                    i += 1
                emit(source[i])
                i += 1
            if i >= n:
                kind = "Pre" if is_pre else "Code"
                raise EntityParseError(f"Can't find end of {kind} entity at byte offset {_byte_offset(source, begin)}")
            i += marker_len
            if utf16 > start:
                entity = {"type": "pre" if is_pre else "code", "offset": start, "length": utf16 - start}
                if language:
                    entity["language"] = language
                entities.append(entity)
            continue
        if char == "[" or (char == "!" and source.startswith("![", i)):
            stack.append(("[", utf16, _byte_offset(source, i)))
            i += 2 if char == "!" else 1
            continue
        if char == "]" and stack and stack[-1][0] == "[":
            _, start, byte_at = stack.pop()
            i += 1
            if i >= n or source[i] != "(":
                raise EntityParseError(f"Can't find end of a URL at byte offset {byte_at}")
            close = i + 1
            url_chars: list[str] = []
            while close < n and source[close] != ")":
                if source[close] == "\\" and close + 1 < n:
                    close += 1
                url_chars.append(source[close])
                close += 1
            if close >= n:
                raise EntityParseError(f"Can't find end of a URL at byte offset {_byte_offset(source, i)}")
            i = close + 1
            if utf16 > start:
                link = _link_entity("".join(url_chars), start, utf16 - start, None)
                if link is not None:
                    entities.append(link)
            continue
        marker = ""
        if source.startswith("__", i):
            marker = "__"
        elif source.startswith("||", i):
            marker = "||"
        elif char in "*_~":
            marker = char
        if marker:
            if stack and stack[-1][0] == marker:
                _, start, _ = stack.pop()
                if utf16 > start:
                    entities.append({"type": _MD2_TYPES[marker], "offset": start, "length": utf16 - start})
            else:
                stack.append((marker, utf16, _byte_offset(source, i)))
            i += len(marker)
            continue
        if char in _MD2_RESERVED:
            raise EntityParseError(f"Character '{char}' is reserved and must be escaped with the preceding '\\'")
        emit(char)
        i += 1
    if stack:
        marker, _, byte_at = stack[-1]
        name = "TextUrl" if marker == "[" else _MD2_NAMES[marker]
        raise EntityParseError(f"Can't find end of {name} entity at byte offset {byte_at}")
    close_quote()
    return "".join(out), entities


_MD1_TYPES = {"*": "bold", "_": "italic", "`": "code"}


def parse_markdown(source: str) -> tuple[str, list[dict]]:
    """Parse legacy Markdown (*bold*, _italic_, `code`, ```pre```, [text](url)) into (text, entities)."""
    out: list[str] = []
    entities: list[dict] = []
    utf16 = 0
    i, n = 0, len(source)

    def emit(text: str) -> None:
        nonlocal utf16
        out.append(text)
        utf16 += utf16_len(text)

    while i < n:
        char = source[i]
        if char == "\\" and i + 1 < n and source[i + 1] in "_*`[":
            emit(source[i + 1])
            i += 2
            continue
        if char not in "_*`[":
            emit(char)
            i += 1
            continue
        begin = _byte_offset(source, i)
        start = utf16
        if char == "`" and source.startswith("```", i):
            end = source.find("```", i + 3)
            if end < 0:
                raise EntityParseError(f"Can't find end of the entity starting at byte offset {begin}")
            body = source[i + 3 : end]
            language = ""
            first, newline, rest = body.partition("\n")
            if newline and first and " " not in first:
                language, body = first, rest
            emit(body)
            if utf16 > start:
                entity = {"type": "pre", "offset": start, "length": utf16 - start}
                if language:
                    entity["language"] = language
                entities.append(entity)
            i = end + 3
            continue
        if char == "[":
            close = source.find("]", i + 1)
            if close < 0 or not source.startswith("(", close + 1):
                raise EntityParseError(f"Can't find end of the entity starting at byte offset {begin}")
            url_end = source.find(")", close + 2)
            if url_end < 0:
                raise EntityParseError(f"Can't find end of the entity starting at byte offset {begin}")
            emit(source[i + 1 : close])
            if utf16 > start:
                link = _link_entity(source[close + 2 : url_end], start, utf16 - start, None)
                if link is not None:
                    entities.append(link)
            i = url_end + 1
            continue
        end = source.find(char, i + 1)
        if end < 0:
            raise EntityParseError(f"Can't find end of the entity starting at byte offset {begin}")
        emit(source[i + 1 : end])
        if utf16 > start:
            entities.append({"type": _MD1_TYPES[char], "offset": start, "length": utf16 - start})
        i = end + 1
    return "".join(out), entities


# Entities Telegram finds by itself in any message text (its "new entities").
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,24}(?![\w@])")
_URL = re.compile(
    r"(?<![\w@/.-])(?:(?:https?|tg|ton)://[^\s<>\"]+|www\.[^\s<>\"]+|"
    r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)*\."
    r"(?:com|org|net|info|media|news|kg|ru|kz|uz|tj|ua|by|uk|de|fr|io|me|tv|app|dev|edu|gov|int)"
    r"(?:[/?#][^\s<>\"]*)?(?![\w-]))",
    re.IGNORECASE,
)
_COMMAND = re.compile(r"(?<![\w/@<>])/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?![\w/@])")
_MENTION = re.compile(r"(?<![\w@/])@[A-Za-z][A-Za-z0-9_]{3,31}(?![\w@])")
_HASHTAG = re.compile(r"(?<![\w#&])#\w*[^\W\d]\w*")
_TRAILING_PUNCTUATION = ".,;:!?)]}'\"»"
# Entities inside which Telegram finds nothing new.
_OPAQUE = frozenset({"code", "pre", "text_link", "text_mention", "custom_emoji"})


def detect_entities(text: str, existing: list[dict] | None = None) -> list[dict]:
    """Find urls, emails, /commands, @mentions and #hashtags the way Telegram marks them in any message."""
    taken: list[tuple[int, int]] = []  # code-point spans already claimed
    found: list[tuple[int, int, str]] = []
    offsets = _Utf16Offsets(text)
    blocked = [
        (offsets.to_index(e["offset"]), offsets.to_index(e["offset"] + e["length"]))
        for e in (existing or ())
        if e["type"] in _OPAQUE
    ]

    def free(start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in taken + blocked)

    for pattern, kind in ((_EMAIL, "email"), (_URL, "url"), (_COMMAND, "bot_command"), (_MENTION, "mention"),
                          (_HASHTAG, "hashtag")):
        for match in pattern.finditer(text):
            start, end = match.span()
            if kind == "url":
                while end > start and text[end - 1] in _TRAILING_PUNCTUATION:
                    end -= 1
            if end > start and free(start, end):
                taken.append((start, end))
                found.append((start, end, kind))
    return [
        {"type": kind, "offset": offsets.to_utf16(start), "length": offsets.to_utf16(end) - offsets.to_utf16(start)}
        for start, end, kind in sorted(found)
    ]


class _Utf16Offsets:
    """Convert between code-point indexes and UTF-16 offsets of one text (a no-op for BMP-only text)."""

    __slots__ = ("_prefix",)

    def __init__(self, text: str) -> None:
        self._prefix: list[int] | None = None
        if _ASTRAL.search(text):
            prefix = [0]
            for char in text:
                prefix.append(prefix[-1] + _units(char))
            self._prefix = prefix

    def to_utf16(self, index: int) -> int:
        return index if self._prefix is None else self._prefix[index]

    def to_index(self, offset: int) -> int:
        if self._prefix is None:
            return offset
        # Offsets are few; a linear scan keeps this simple.
        for index, units in enumerate(self._prefix):
            if units >= offset:
                return index
        return len(self._prefix) - 1


# tdlib trims these from both ends of every message text.
_TRIM = " \t\r\n\f\v"


def finish_text(text: str, entities: list[dict], *, detect: bool = True) -> tuple[str, list[dict]]:
    """Trim the text like Telegram, shift entities to match, add the entities Telegram finds itself, sort them."""
    stripped_left = text.lstrip(_TRIM)
    lead = len(text) - len(stripped_left)  # trimmed characters are all in the BMP
    stripped = stripped_left.rstrip(_TRIM)
    total = utf16_len(stripped)
    kept: list[dict] = []
    for entity in entities:
        start = max(entity["offset"] - lead, 0)
        end = min(entity["offset"] + entity["length"] - lead, total)
        if end > start:
            kept.append({**entity, "offset": start, "length": end - start})
    if detect:
        kept.extend(detect_entities(stripped, kept))
    kept.sort(key=lambda e: (e["offset"], -e["length"]))
    return stripped, kept
