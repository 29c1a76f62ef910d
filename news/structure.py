"""Cut an article (plain text or HTML) into classified blocks: title, headings, captions and body paragraphs.

Plain text: paragraphs are separated by blank lines or by single line breaks (news copy uses both); a line that
does not end a sentence and is followed by a lowercase line is a hard-wrapped paragraph and is joined back.
HTML: block elements become blocks; `h1` is the title, `h2`–`h6` headings, `figcaption` captions.
A caption is a block that starts with a photo credit ("Сүрөт:", "Фото:", "Photo:") or ends with one.
"""

from __future__ import annotations

import functools
import logging
import re
import unicodedata
from collections.abc import Iterable

from news.models import Block, BlockKind

logger = logging.getLogger(__name__)

# The patterns kept as strings are for rare cases (HTML, captions, headings) and compiled on first use (re keeps
# compiled patterns), which keeps `import news` fast.
_HTML_TAG = (
    r"(?i)<(?:p|div|br|h[1-6]|figcaption|figure|article|body|html|section|blockquote|li|ul|ol|span|a|em|strong|b|i|"
    r"img|table|td|header|footer|main)\b[^<>]{0,2000}>"
)
# Control characters other than tab and newline; also zero-width and bidi marks that only hide text.
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
# Runs of spaces and the odd space characters (tab, no-break, thin...) that become one plain space.
_SPACES_RE = re.compile(r"[\t\u00a0\u2000-\u200a\u202f\u205f\u3000][ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]*| {2,}")
# With a look for two spaces, tells whether _SPACES_RE matches, several times faster: every paragraph is looked at
# and most have nothing to replace.
_ODD_SPACE_RE = re.compile(r"[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_CAPTION_START_RE = re.compile(
    r"^\s*[(\[]?\s*(?:Сүрөт|Сүрөттө|Сүрөттөр|Фото|Фотосу|Фотография|Фотографии|Видео|Иллюстрация|Коллаж|Скриншот|"
    r"Photo|Photos|Photograph|Picture|Image|Images|Illustration|Video|Caption|Credit)\b\s*(?:[:|/—–-]|\s(?=[A-ZА-ЯЁӨҮҢ«\"“]))",
)
_CAPTION_TAIL = (
    r"(?:^|[.!?…»\"”]\s+|\(\s*)(?:Сүрөт|Фото|Photo|Photograph|Picture|Image|Видео|Video)\s*[:|/—–-]\s*(?:[^.!?]|\.(?=\S)){0,200}[.)]?\s*$"
)
_CAPTION_WORD_RE = re.compile(r"Сүрөт|Фото|Photo|Picture|Image|Видео|Video")
_TERMINAL = frozenset(".!?…:;,")
# A sentence ending inside the block ("…could." — Coach Marco Silva): a heading is a single phrase.
_INNER_SENTENCE_END = r"[.!?…][»\"”“]?\s+\S"
_TRAILING_MARKS = "»\"”“’')]* "
_BLANK_LINE_RE = re.compile(r"\n[ \t\u00a0]*\n")
_NON_WORD_RE = re.compile(r"\W+")


def normalize_text(text: str) -> str:
    """Normalise Unicode (NFC), drop control characters, unify line breaks and spaces, keep paragraph breaks."""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2029", "\n\n").replace("\u2028", "\n")
    text = _CONTROL_RE.sub("", text)
    return text


def looks_like_html(text: str) -> bool:
    """Tell whether the text is HTML markup rather than plain text."""
    return "<" in text and ">" in text and bool(re.search(_HTML_TAG, text[:200000]))


def split_blocks(text: str, *, title: str | None = None) -> tuple[Block, ...]:
    """Return the article's blocks, classified; `title` (when known) marks a first block that repeats it."""
    text = normalize_text(text)
    if looks_like_html(text):
        raw = list(_html_blocks(text))
    else:
        raw = [(None, p) for p in _plain_paragraphs(text)]
    return classify(raw, title=title)


def _plain_paragraphs(text: str) -> list[str]:
    out: list[str] = []
    for chunk in _BLANK_LINE_RE.split(text):
        lines = [line.strip() for line in chunk.split("\n")]
        if "  " in chunk or _ODD_SPACE_RE.search(chunk):
            lines = [_SPACES_RE.sub(" ", line).strip() for line in lines]
        lines = [line for line in lines if line]
        current = ""
        for line in lines:
            if current and _continues(current, line):
                current += " " + line
            else:
                if current:
                    out.append(current)
                current = line
        if current:
            out.append(current)
    return out


def _continues(previous: str, line: str) -> bool:
    """Is `line` the rest of a hard-wrapped paragraph that `previous` began?"""
    last = previous.rstrip(_TRAILING_MARKS)[-1:] if previous.rstrip(_TRAILING_MARKS) else ""
    first = line[0]
    return bool(last) and last not in _TERMINAL and (first.islower() or first.isdigit())


def classify(raw: Iterable[tuple[BlockKind | None, str]], *, title: str | None = None) -> tuple[Block, ...]:
    """Classify paragraphs; a kind given by markup (h1, figcaption) is kept."""
    items = [(kind, text.strip()) for kind, text in raw]
    items = [(kind, text) for kind, text in items if text]
    blocks: list[Block] = []
    title_key = _key(title) if title else None
    have_title = False
    for i, (kind, text) in enumerate(items):
        if kind is None:
            kind = _guess_kind(text, first=not blocks, more=i + 1 < len(items), title_key=title_key)
        if kind is BlockKind.TITLE:
            if have_title or (title_key and _key(text) != title_key and blocks):
                kind = BlockKind.HEADING
            have_title = True
        blocks.append(Block(kind, text))
    return tuple(blocks)


def _key(text: str) -> str:
    return _NON_WORD_RE.sub(" ", text.casefold()).strip()


def _keys_to(text: str, key: str) -> bool:
    """Tell whether `_key(text) == key`, ruling out a long lead by its start instead of keying all of it."""
    # The key of a prefix is a prefix of the key (case folding and collapsing non-word runs look at one
    # character at a time), so a start that does not key into `key` cannot.
    return key.startswith(_key(text[: len(key) + 40])) and _key(text) == key


def _guess_kind(text: str, *, first: bool, more: bool, title_key: str | None) -> BlockKind:
    if _CAPTION_START_RE.match(text) and len(text) < 400:
        return BlockKind.CAPTION
    if len(text) < 400 and _CAPTION_WORD_RE.search(text) and re.search(_CAPTION_TAIL, text) and text.count(". ") <= 3:
        return BlockKind.CAPTION
    stripped = text.rstrip(_TRAILING_MARKS)
    ends_sentence = bool(stripped) and stripped[-1] in _TERMINAL
    if not first and ends_sentence:
        return BlockKind.BODY  # only a first block can be the title, and a heading is not a sentence
    words = len(text.split())
    if first and title_key is not None and _keys_to(text, title_key):
        # A first paragraph that repeats the title is the title, unless it is a whole sentence (then it is the lead).
        return BlockKind.BODY if text.rstrip(_TRAILING_MARKS)[-1:] == "." else BlockKind.TITLE
    if first and title_key is None and more and not ends_sentence and len(text) <= 250 and words <= 30:
        return BlockKind.TITLE
    if first and title_key is None and more and stripped.endswith("?") and words <= 15:
        return BlockKind.TITLE
    if (
        not ends_sentence
        and words <= 14
        and len(text) <= 140
        and not text[0].islower()
        and text[0] not in "-–—•*"
        and not re.search(_INNER_SENTENCE_END, text)
    ):
        return BlockKind.HEADING
    return BlockKind.BODY


# ----------------------------------------------------------------------------------------------------- HTML

_BLOCK_TAGS = frozenset(
    "p div li blockquote section article main header footer td th dd dt pre address aside figure tr table ul ol "
    "body html form center".split()
)
_SKIP_TAGS = frozenset("script style noscript template svg head iframe object canvas button select textarea nav".split())
_HEADING_TAGS = frozenset("h2 h3 h4 h5 h6".split())


@functools.cache
def _parser_class() -> type:
    """Build the HTML block collector on first use: most input is plain text, so html.parser is loaded lazily."""
    from html.parser import HTMLParser

    class _BlockParser(HTMLParser):
        """Collect the text of block elements; the kind of a block comes from its tag."""

        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.blocks: list[tuple[BlockKind | None, str]] = []
            self._parts: list[str] = []
            self._kind: BlockKind | None = None
            self._skip = 0
            self._title_tag: list[str] = []
            self._in_title_tag = False

        def _flush(self) -> None:
            text = "".join(self._parts).strip()
            if text:
                for line in text.split("\n"):
                    if line.strip():
                        self.blocks.append((self._kind, line))
            self._parts = []
            self._kind = None

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag in _SKIP_TAGS:
                self._skip += 1
                return
            if tag == "title":
                self._in_title_tag = True
                return
            if tag == "br":
                self._parts.append("\n")
            elif tag == "h1":
                self._flush()
                self._kind = BlockKind.TITLE
            elif tag in _HEADING_TAGS:
                self._flush()
                self._kind = BlockKind.HEADING
            elif tag in ("figcaption", "caption"):
                self._flush()
                self._kind = BlockKind.CAPTION
            elif tag in _BLOCK_TAGS:
                self._flush()

        def handle_endtag(self, tag: str) -> None:
            if tag in _SKIP_TAGS:
                self._skip = max(0, self._skip - 1)
                return
            if tag == "title":
                self._in_title_tag = False
                return
            if tag in _BLOCK_TAGS or tag in _HEADING_TAGS or tag in ("h1", "figcaption", "caption"):
                self._flush()

        def handle_data(self, data: str) -> None:
            if self._in_title_tag:
                self._title_tag.append(data)
                return
            if self._skip:
                return
            self._parts.append(data.replace("\n", " "))

        def close(self) -> None:
            super().close()
            self._flush()

    return _BlockParser


def _html_blocks(text: str) -> list[tuple[BlockKind | None, str]]:
    parser = _parser_class()()
    try:
        parser.feed(text)
        parser.close()
    except Exception:  # html.parser is lenient, but a broken document must never stop an analysis.
        logger.warning("HTML could not be fully parsed; using what was read")
    blocks = [(kind, _SPACES_RE.sub(" ", text)) for kind, text in parser.blocks]
    if not any(kind is BlockKind.TITLE for kind, _ in blocks):
        page_title = " ".join("".join(parser._title_tag).split())
        if page_title:
            blocks.insert(0, (BlockKind.TITLE, page_title))
    return blocks
