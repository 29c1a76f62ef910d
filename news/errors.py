"""One exception tree for the `news` package.

    NewsError                      base: catch this to handle any failure of the text engine
    ├── InputError                 the text given cannot be analysed as it is
    │   ├── EmptyTextError         nothing but whitespace, markup or control characters
    │   └── TextTooLargeError      longer than the caller's limit (`max_chars`)
    └── ParseError                 bytes or markup (an HTML page, a feed) could not be read into article fields
        └── FeedError              a feed document that is not RSS, Atom or JSON Feed

`news.analyse` itself never raises on a `str`: empty or odd text gives an empty or partial `Analysis`. The
`require_text` check raises `InputError`s for callers (the CLI, handlers) that want to refuse bad input with a message.
"""

from __future__ import annotations


class NewsError(Exception):
    """Base class of every error the `news` package raises on purpose."""


class InputError(NewsError, ValueError):
    """The text given cannot be analysed as it is."""


class EmptyTextError(InputError):
    """The text has no readable content: only whitespace, markup or control characters."""


class TextTooLargeError(InputError):
    """The text is longer than the limit the caller set."""

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(f"text has {size} characters, more than the limit of {limit}")
        self.size = size
        self.limit = limit


class ParseError(NewsError, ValueError):
    """Bytes or markup could not be read into article fields."""


class FeedError(ParseError):
    """A feed document is not RSS, Atom or JSON Feed, or is broken beyond repair."""
