"""HTML for Telegram: escaping every value, and splitting long messages under the 4096-character limit.

Telegram counts the limit on the text left after entity parsing, in UTF-16 code units. `split_html` cuts at the best
boundary it can find (blank line, line, sentence, word, and only then anywhere), never inside a tag or an entity, and
closes the tags open at a cut and reopens them at the start of the next part, so every part parses on its own.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

TELEGRAM_LIMIT = 4096
_TOKEN = re.compile(r"<[^<>]*>|&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[A-Za-z]{2,8});|[^<&]+|[<&]", re.S)
_TAG = re.compile(r"<\s*(/?)\s*([A-Za-z][A-Za-z0-9-]*)[^>]*>", re.S)
_SENTENCE_END = ".!?…»\"”)"
_SAFE_SCHEMES = ("http://", "https://", "tg://")
MAX_URL_CHARS = 2048  # a longer "URL" is not a link worth giving (and would swell the message)


def escape(value: object) -> str:
    """Escape a value for Telegram HTML (text and attribute values alike)."""
    return html.escape(str(value), quote=True)


def link(url: str | None, text: str) -> str:
    """Return an escaped `<a>` link, or just the escaped text when the URL is missing or not http(s)/tg."""
    if not url or not url.lower().startswith(_SAFE_SCHEMES) or len(url) > MAX_URL_CHARS:
        return escape(text)
    return f'<a href="{escape(url)}">{escape(text)}</a>'


def bold(text: str) -> str:
    """Return escaped text in bold."""
    return f"<b>{escape(text)}</b>"


def italic(text: str) -> str:
    """Return escaped text in italics."""
    return f"<i>{escape(text)}</i>"


def blockquote(text: str) -> str:
    """Return escaped text as a Telegram blockquote."""
    return f"<blockquote>{escape(text)}</blockquote>"


def visible_length(fragment: str) -> int:
    """Return the length Telegram counts: text without tags, entities decoded, in UTF-16 code units."""
    text = html.unescape(re.sub(r"<[^<>]*>", "", fragment))
    return len(text.encode("utf-16-le")) // 2


def truncate(text: str, limit: int, *, ellipsis: str = "…") -> str:
    """Shorten plain text to at most `limit` characters, at a word boundary where one is near."""
    if len(text) <= limit:
        return text
    cut = text[: max(0, limit - len(ellipsis))]
    space = cut.rfind(" ")
    if not text[len(cut)].isspace() and space > limit * 0.6:
        cut = cut[:space]
    return cut.rstrip(" ,;:—-") + ellipsis


@dataclass(slots=True)
class _Atom:
    raw: str
    weight: int  # UTF-16 units of visible text; 0 for tags
    tag: str | None = None  # lower-case tag name for tags
    closing: bool = False
    char: str = ""  # the decoded visible character, for boundary detection


def _atoms(fragment: str) -> list[_Atom]:
    atoms: list[_Atom] = []
    for match in _TOKEN.finditer(fragment):
        token = match.group(0)
        if token.startswith("<") and len(token) > 1:
            tag = _TAG.match(token)
            if tag:
                atoms.append(_Atom(token, 0, tag.group(2).lower(), bool(tag.group(1))))
                continue
        if token.startswith("&") and len(token) > 1:
            char = html.unescape(token)
            atoms.append(_Atom(token, len(char.encode("utf-16-le")) // 2, char=char))
            continue
        for ch in token:
            raw = escape(ch) if ch in "<&" else ch
            atoms.append(_Atom(raw, len(ch.encode("utf-16-le")) // 2, char=ch))
    return atoms


def _neighbour_char(atoms: list[_Atom], index: int, step: int) -> str:
    index += step
    while 0 <= index < len(atoms):
        if atoms[index].tag is None:
            return atoms[index].char
        index += step
    return ""


def _boundary_rank(atoms: list[_Atom], index: int) -> int:
    """Rank a cut after atoms[index]: 4 blank line, 3 line, 2 sentence, 1 word, 0 none."""
    ch = atoms[index].char
    if ch == "\n":
        return 4 if _neighbour_char(atoms, index, -1) == "\n" else 3
    if ch == " ":
        prev = _neighbour_char(atoms, index, -1)
        return 2 if prev and prev in _SENTENCE_END else 1
    if ch and ch in ".!?…" and _neighbour_char(atoms, index, 1) in (" ", "\n", ""):
        return 2
    return 0


def split_html(fragment: str, *, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """Split an HTML message into parts that each fit `limit`, cutting at the best boundary and never in a tag."""
    if visible_length(fragment) <= limit:
        return [fragment.strip()] if fragment.strip() else []
    atoms = _atoms(fragment)
    parts: list[str] = []
    start = 0
    reopen: list[_Atom] = []
    while start < len(atoms):
        total, end = 0, start
        stack: list[_Atom] = list(reopen)
        # For each boundary rank, the latest cut seen: (atom index, visible length so far, open tags there).
        latest: dict[int, tuple[int, int, list[_Atom]]] = {}
        while end < len(atoms) and total + atoms[end].weight <= limit:
            atom = atoms[end]
            total += atom.weight
            if atom.tag is not None:
                _apply(stack, atom)
            else:
                rank = _boundary_rank(atoms, end)
                if rank:
                    latest[rank] = (end, total, list(stack))
            end += 1
        if end >= len(atoms):
            body = "".join(a.raw for a in reopen) + "".join(a.raw for a in atoms[start:])
            if body.strip():
                parts.append(body.strip())
            break
        cut = _choose_cut(latest, limit)
        if cut is None:
            cut_at = max(start, end - 1)
            open_tags = _stack_through(reopen, atoms, start, cut_at)
        else:
            cut_at, open_tags = cut
        body = "".join(a.raw for a in reopen) + "".join(a.raw for a in atoms[start : cut_at + 1])
        body += "".join(f"</{a.tag}>" for a in reversed(open_tags))
        if body.strip():
            parts.append(body.strip())
        reopen = open_tags
        start = cut_at + 1
        while start < len(atoms) and atoms[start].tag is None and atoms[start].char.isspace():
            start += 1
    return parts


def _choose_cut(latest: dict[int, tuple[int, int, list[_Atom]]], limit: int) -> tuple[int, list[_Atom]] | None:
    """Pick the strongest boundary that still fills at least half a part; else the strongest of any."""
    for rank in sorted(latest, reverse=True):
        index, filled, stack = latest[rank]
        if filled >= limit // 2:
            return index, stack
    if latest:
        index, _, stack = latest[max(latest)]
        return index, stack
    return None


def _apply(stack: list[_Atom], atom: _Atom) -> None:
    if atom.closing:
        for i in range(len(stack) - 1, -1, -1):
            if stack[i].tag == atom.tag:
                del stack[i:]
                break
    elif not atom.raw.rstrip(">").endswith("/"):
        stack.append(atom)


def _stack_through(reopen: list[_Atom], atoms: list[_Atom], start: int, end: int) -> list[_Atom]:
    stack = list(reopen)
    for atom in atoms[start : end + 1]:
        if atom.tag is not None:
            _apply(stack, atom)
    return stack


def join_blocks(blocks: list[str], *, limit: int = TELEGRAM_LIMIT, separator: str = "\n\n") -> list[str]:
    """Pack whole HTML blocks into as few messages as fit; a block too long on its own is split with split_html."""
    messages: list[str] = []
    current = ""
    for block in blocks:
        block = block.strip()
        if not block:
            continue
        candidate = f"{current}{separator}{block}" if current else block
        if visible_length(candidate) <= limit:
            current = candidate
            continue
        if current:
            messages.append(current)
        if visible_length(block) <= limit:
            current = block
        else:
            pieces = split_html(block, limit=limit)
            messages.extend(pieces[:-1])
            current = pieces[-1] if pieces else ""
    if current:
        messages.append(current)
    return messages
