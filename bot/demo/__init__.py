"""`kabarchy demo`: the bot and a local Bot API emulator in one process, and a chat with it in the terminal.

The sample articles (articles.jsonl, written for the demo: invented people and events in Kyrgyz, Russian and English
news styles) are stored on first use; tests reuse them as a small realistic database.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

from bot.ingest import Ingester
from news.models import ArticleDraft, SaveResult
from storage import Store
from storage.clock import utc_now

ARTICLES_FILE = Path(__file__).with_name("articles.jsonl")


def load_articles(path: Path = ARTICLES_FILE, *, now: datetime | None = None) -> list[ArticleDraft]:
    """Return the sample articles as drafts, newest first as in the file.

    With `now`, the dates move together so the newest article is an hour old: the demo's news is always fresh,
    and tests do not depend on the clock of the machine they run on.
    """
    drafts = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            item = json.loads(line)
            drafts.append(
                ArticleDraft(
                    text=item["text"],
                    title=item.get("title"),
                    url=item.get("url"),
                    source=item.get("source"),
                    author=item.get("author"),
                    language=item.get("language"),
                    published=datetime.fromisoformat(item["published"]) if item.get("published") else None,
                )
            )
    if now is not None:
        newest = max((d.published for d in drafts if d.published), default=None)
        if newest is not None:
            shift = now - timedelta(hours=1) - newest
            drafts = [replace(d, published=d.published + shift) if d.published else d for d in drafts]
    return drafts


async def seed(store: Store, drafts: list[ArticleDraft] | None = None) -> list[SaveResult]:
    """Store the sample articles (oldest first, so ids grow with time); already stored ones are recognised."""
    drafts = drafts or load_articles(now=utc_now())
    ordered = sorted(drafts, key=lambda d: d.published.timestamp() if d.published else 0.0)
    return [result async for result in Ingester(store).save_many(ordered)]
