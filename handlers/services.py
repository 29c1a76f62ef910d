"""Service ports: what handlers ask of the bot layer, and what it answers. A leaf: it imports no handler module.

The bot layer implements them and post_init (bot/app.py) puts the implementations in bot_data, where handlers reach
them through BotContext (handlers/context.py):

    IngestService   bot/ingest.py's Ingester: /add <url>, an admin's message, a channel post
    FeedService     bot/feeds.py's FeedPoller: /addfeed, /resumefeed, "check now"
    DigestService   bot/digests.py's DigestScheduler: its clock, and wake() after a schedule changed

Their expected failures are handlers.errors' UserErrors (IngestError, AddFeedError), which the error handler answers
in the user's language; anything else is a bug and is logged.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from news.models import ArticleDraft, Feed, SaveResult


class IngestService(Protocol):
    """Store articles: analysed off the event loop, deduplicated, written in one transaction each."""

    async def ingest_url(self, url: str) -> SaveResult:
        """Fetch the page at `url`, extract its article and store it; raise IngestError for expected failures."""
        ...

    async def save(self, draft: ArticleDraft, *, backlog: bool = False) -> SaveResult:
        """Analyse and store one article (or recognise it as a duplicate or an update of a stored one)."""
        ...


@dataclass(frozen=True, slots=True)
class AddedFeed:
    """What adding a feed did: the feed, whether it is new, its items and how many were stored (as backlog)."""

    feed: Feed
    created: bool
    items: int = 0
    stored: int = 0
    discovered_from: str | None = None  # the HTML page whose <link rel="alternate"> named the feed


class FeedService(Protocol):
    """The feed poller, as the feed commands see it."""

    async def add_feed(self, url: str, *, added_by: int | None = None) -> AddedFeed:
        """Validate (fetch once), add and ingest a feed; raise AddFeedError."""
        ...

    def wake(self, *, force: bool = False) -> None:
        """Look for due feeds now; `force` polls every unpaused feed."""
        ...


class DigestService(Protocol):
    """The digest scheduler, as the subscription commands see it."""

    def now(self) -> datetime:
        """Return the current time (aware, UTC) as the scheduler sees it."""
        ...

    def wake(self) -> None:
        """Tell the scheduler that schedules changed, so it looks at the database again now."""
        ...
