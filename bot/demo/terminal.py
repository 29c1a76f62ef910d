"""Telegram HTML as a terminal shows it: bold and italics (ANSI when colour is on), links with their address,
blockquotes indented with a bar."""

from __future__ import annotations

from html.parser import HTMLParser

_BOLD = ("\x1b[1m", "\x1b[22m")
_ITALIC = ("\x1b[3m", "\x1b[23m")
_LINK = ("\x1b[4m", "\x1b[24m")
_DIM = ("\x1b[2m", "\x1b[22m")
QUOTE_BAR = "  │ "


class _TerminalHTML(HTMLParser):
    def __init__(self, *, color: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.color = color
        self.out: list[str] = []
        self.links: list[tuple[str, int]] = []  # href and where its text starts in `out`
        self.quote_depth = 0

    def _style(self, pair: tuple[str, str], index: int) -> None:
        if self.color:
            self.out.append(pair[index])

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("b", "strong"):
            self._style(_BOLD, 0)
        elif tag in ("i", "em"):
            self._style(_ITALIC, 0)
        elif tag == "a":
            self.links.append((dict(attrs).get("href") or "", len(self.out)))
            self._style(_LINK, 0)
        elif tag == "blockquote":
            if self.out and not "".join(self.out[-1:]).endswith("\n"):
                self.out.append("\n")
            self.quote_depth += 1
            self.out.append(QUOTE_BAR)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("b", "strong"):
            self._style(_BOLD, 1)
        elif tag in ("i", "em"):
            self._style(_ITALIC, 1)
        elif tag == "a" and self.links:
            href, start = self.links.pop()
            self._style(_LINK, 1)
            text = "".join(self.out[start:])
            if href and href not in text:
                self.out.append(f" <{href}>")
        elif tag == "blockquote":
            self.quote_depth = max(0, self.quote_depth - 1)

    def handle_data(self, data: str) -> None:
        if self.quote_depth:
            data = data.replace("\n", "\n" + QUOTE_BAR)
        self.out.append(data)


def render(html_text: str, *, color: bool = False) -> str:
    """Return a Telegram HTML message as terminal text."""
    parser = _TerminalHTML(color=color)
    parser.feed(html_text)
    parser.close()
    return "".join(parser.out)


def dim(text: str, *, color: bool) -> str:
    """Return text dimmed when colour is on."""
    return f"{_DIM[0]}{text}{_DIM[1]}" if color else text
