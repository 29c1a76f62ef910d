"""Errors handlers expect: raised anywhere below a handler, answered by the one error handler (handlers/fallback.py).

    UserError                 an expected problem the user can fix: answered with its text, in their language
    ├── UsageError            missing or malformed arguments ("/article abc")
    ├── NotFoundError         the thing asked for is not stored (any more)
    ├── StaleButtonError      callback data from an old keyboard, or forged
    ├── DeniedError           the sender may not do this here (not an admin of the bot, or of the group)
    ├── IngestError           /add could not store the page (`reason` says why; raised by bot/ingest.py)
    └── AddFeedError          /addfeed could not add the feed (`reason` says why; raised by bot/feeds.py)

This module imports no handler, so the service ports (handlers/services.py) and the bot layer can raise these.
"""

from __future__ import annotations

from handlers.i18n import N_, translator
from handlers.render import escape, truncate

TEXT_SORRY = N_("Sorry, something went wrong on my side. Please try again in a minute.")
TEXT_STALE_BUTTON = N_("This button is out of date. Send the command again.")
TEXT_INGEST = {
    "invalid_url": N_("That does not look like a web address. Send /add followed by a link starting with https://"),
    "private": N_("Refused: {detail} is a private or local network address, and I only fetch public web pages."),
    "unreachable": N_("I could not open that page: {detail}"),
    "not_article": N_("I found no article text on that page."),
    "rejected": N_("That page could not be stored: {detail}"),
}
TEXT_ADD_FEED = {
    "invalid_url": N_("That is not a web address. Send a link that starts with http:// or https://."),
    "unreachable": N_("Could not fetch that address: {detail}"),
    "private": N_("Refused: {detail} is a private or local network address, and I only fetch public web pages."),
    "no_feed": N_("This page is not a feed, and it links no feed I could read."),
    "unsafe": N_("Refused: this document declares XML entities (an XML bomb or an external entity)."),
    "broken": N_("This is not a readable feed: {detail}"),
    "unexpected": N_("Something went wrong while adding the feed. Please try again later."),
}
TEXT_ADMINS_ONLY = N_("Only the bot's admins can do this, so nothing was changed or stored.")
DETAIL_CHARS = 200


class UserError(Exception):
    """An expected problem, answered with `text` (a message id, translated later) formatted with `values`."""

    def __init__(self, text: str, **values: object) -> None:
        super().__init__(text)
        self.text = text
        self.values = values

    def render(self, language: str) -> str:
        """Return the escaped, translated message."""
        _ = translator(language).gettext
        return escape(_(self.text).format(**{k: str(v) for k, v in self.values.items()}))


class UsageError(UserError):
    """Missing or malformed arguments."""


class NotFoundError(UserError):
    """The article, quote or page asked for is not stored."""


class StaleButtonError(UserError):
    """A button's callback data is from an older keyboard, or was forged."""

    def __init__(self) -> None:
        super().__init__(TEXT_STALE_BUTTON)


class DeniedError(UserError):
    """The sender may not do this: by default, because only the bot's admins may."""

    def __init__(self, text: str = TEXT_ADMINS_ONLY, **values: object) -> None:
        super().__init__(text, **values)


class IngestError(UserError):
    """A URL could not be stored; `reason` is one of TEXT_INGEST's keys, `detail` a short technical cause."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(TEXT_INGEST.get(reason, TEXT_INGEST["rejected"]), detail=detail or reason)
        self.reason = reason
        self.detail = detail


class AddFeedError(UserError):
    """A feed could not be added; `reason` is one of TEXT_ADD_FEED's keys, `detail` the technical cause.

    For "private", `detail` is the refused host.
    """

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(TEXT_ADD_FEED.get(reason, TEXT_ADD_FEED["unexpected"]), detail=truncate(detail, DETAIL_CHARS))
        self.reason = reason
        self.detail = detail

    def __str__(self) -> str:
        return f"{self.reason}: {self.detail}" if self.detail else self.reason
