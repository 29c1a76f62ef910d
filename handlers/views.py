"""How articles, quotes, counts, feeds and digest settings look in messages: HTML built from stored values, escaped.

Functions return HTML blocks or whole messages (lists of chunks under Telegram's limit, from `join_blocks`); they
take the language and time zone and never touch Telegram or the store.
"""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo

from babel.dates import format_datetime

from handlers.i18n import LANGUAGE_NAMES, N_, translator
from handlers.render import bold, escape, italic, join_blocks, link, truncate
from handlers.services import AddedFeed
from news.models import ArticleBrief, Feed, Frequency, ResultPage, StoredArticle, StoredQuote, Subscriber
from news.schedule import zone
from storage.clock import utc_now
from storage.store import StoreStats

TITLE_CHARS = 200
SUMMARY_CHARS = 600
QUOTE_CHARS = 900
# Names as stored may be anything (a feed's 1 MB <author>): every value on a card is cut, so a card fits a message.
NAME_CHARS = 100
_MARKS = {"ky": ("«", "»"), "ru": ("«", "»"), "en": ("\u201c", "\u201d")}
_THIS_YEAR = {"ky": "d-MMMM, HH:mm", "ru": "d MMMM, HH:mm", "en": "d MMMM, HH:mm"}
_OTHER_YEAR = {"ky": "d-MMMM y, HH:mm", "ru": "d MMMM y, HH:mm", "en": "d MMMM y, HH:mm"}

TEXT_UNTITLED = N_("(untitled)")
TEXT_UNNAMED = N_("unnamed source")
TEXT_KEY_QUOTES = N_("Key quotes")
TEXT_SOURCE_LINK = N_("Read at the source")
TEXT_ARTICLE_NUMBER = N_("Article #{id}")
TEXT_RANGE = N_("{first}–{last} of {total}")
TEXT_RANGE_MORE = N_("{first}–{last} of {total}+")
TEXT_RANGE_OPEN = N_("{first}–{last}")
TEXT_NO_SUMMARY = N_("No summary yet.")
TEXT_STATS = N_(
    "Articles: {articles}\nQuotes: {quotes}\nSpeakers: {speakers}\nSources: {sources}\nFeeds: {feeds}\n"
    "Chats: {chats}\nDigest subscribers: {subscribers}\nNewest article: {newest}\nDatabase: {size} MB"
)
TEXT_STATS_TITLE = N_("Kabarchy in numbers")
TEXT_BY_LANGUAGE = N_("By language: {languages}")
TEXT_NEVER = N_("none yet")


def when(moment: datetime | None, zone: tzinfo, language: str, *, now: datetime | None = None) -> str:
    """Return a date and time in the reader's zone and language ("27-ноябрь, 12:40"); the year only if not this one."""
    if moment is None:
        return ""
    local = moment.astimezone(zone)
    current = (now or utc_now()).astimezone(zone)
    patterns = _THIS_YEAR if local.year == current.year else _OTHER_YEAR
    return format_datetime(local, patterns.get(language, patterns["en"]), tzinfo=zone, locale=language)


def quoted(text: str, language: str) -> str:
    """Return a quote's words in the quotation marks of its language (escaped)."""
    left, right = _MARKS.get(language, _MARKS["en"])
    return escape(f"{left}{truncate(text.strip(), QUOTE_CHARS)}{right}")


def byline(source: str | None, moment: datetime | None, zone: tzinfo, language: str) -> str:
    """Return "Source · date" in italics (escaped), or "" when neither is known."""
    parts = [p for p in (name_of(source), when(moment, zone, language)) if p]
    return italic(" · ".join(parts)) if parts else ""


def name_of(name: str | None) -> str:
    """Return a source's or a speaker's name on one line, cut to NAME_CHARS ("" when there is none)."""
    return truncate(" ".join((name or "").split()), NAME_CHARS)


def title_of(title: str | None, language: str) -> str:
    """Return a plain title, or "(untitled)" in the reader's language."""
    if title and title.strip():
        return truncate(title.strip(), TITLE_CHARS)
    return translator(language).gettext(TEXT_UNTITLED)


def page_range(page: ResultPage, language: str) -> str:
    """Return "6–10 of 23" for a page of results (escaped); "" for an empty page."""
    if not page.items:
        return ""
    _ = translator(language).gettext
    last = page.offset + len(page.items)
    if page.total_exact:
        text = TEXT_RANGE
    elif page.total <= last + 1:
        # An open-ended list (the newest articles) only knows there is more, not how much: "1–5", then ▶.
        text = TEXT_RANGE_OPEN
    else:
        text = TEXT_RANGE_MORE
    return escape(_(text).format(first=page.offset + 1, last=last, total=page.total))


def brief_block(number: int, brief: ArticleBrief, zone: tzinfo, language: str) -> str:
    """Return one list entry: number, bold title, source and time, one summary sentence."""
    lines = [f"{number}. {bold(title_of(brief.title, language))}"]
    meta = byline(brief.source, brief.published or brief.fetched, zone, language)
    if meta:
        lines.append(meta)
    if brief.lead:
        lines.append(escape(truncate(brief.lead, SUMMARY_CHARS)))
    return "\n".join(lines)


def quote_block(quote: StoredQuote, zone: tzinfo, language: str, *, with_article: bool = True) -> str:
    """Return a quote as a blockquote, then who said it and, when asked, the article, source and date."""
    _ = translator(language).gettext
    speaker = bold(name_of(quote.speaker)) if quote.speaker else italic(_(TEXT_UNNAMED))
    # The marks follow the quote's own language: a Russian quote keeps «», whoever reads it.
    lines = [f"<blockquote>{quoted(quote.text, quote.language)}</blockquote>", f"— {speaker}"]
    if with_article:
        title = title_of(quote.article_title, language)
        parts = [link(quote.article_url, truncate(title, 120))]
        meta = [p for p in (name_of(quote.source), when(quote.published, zone, language)) if p]
        if meta:
            parts.append(italic(" · ".join(meta)))
        parts.append(f"/article_{quote.article_id}")
        lines.append(" · ".join(parts))
    return "\n".join(lines)


def article_message(
    article: StoredArticle, zone: tzinfo, language: str, *, quotes: int = 3, heading: str | None = None
) -> list[str]:
    """Return an article card: linked title, source and date, summary, key quotes with speakers, the link."""
    _ = translator(language).gettext
    blocks: list[str] = []
    if heading:
        blocks.append(heading)
    title = title_of(article.title, language)
    lines = [f"<b>{link(article.url, title)}</b>"]
    meta = byline(article.source, article.published or article.fetched, zone, language)
    if meta:
        lines.append(meta)
    blocks.append("\n".join(lines))
    summary = " ".join(s.strip() for s in article.summary if s.strip()) or article.lead or ""
    blocks.append(escape(truncate(summary, SUMMARY_CHARS * 2)) if summary else italic(_(TEXT_NO_SUMMARY)))
    shown = article.quotes[:quotes]
    if shown:
        blocks.append(bold(_(TEXT_KEY_QUOTES)))
        blocks.extend(quote_block(q, zone, language, with_article=False) for q in shown)
    footer = [escape(_(TEXT_ARTICLE_NUMBER).format(id=article.id))]
    if article.url:
        footer.insert(0, "🔗 " + link(article.url, _(TEXT_SOURCE_LINK)))
    blocks.append(" · ".join(footer))
    return join_blocks(blocks)


def quotes_message(heading: str, page: ResultPage[StoredQuote], zone: tzinfo, language: str, *,
                   with_article: bool = True) -> list[str]:
    """Return a page of quotes under a heading, with the page's range."""
    top = heading
    counter = page_range(page, language)
    if counter:
        top += f"\n{italic_html(counter)}"
    blocks = [top, *(quote_block(q, zone, language, with_article=with_article) for q in page.items)]
    return join_blocks(blocks)


def briefs_message(heading: str, page: ResultPage[ArticleBrief], zone: tzinfo, language: str) -> list[str]:
    """Return a numbered page of articles under a heading, with the page's range."""
    top = heading
    counter = page_range(page, language)
    if counter:
        top += f"\n{italic_html(counter)}"
    blocks = [top, *(brief_block(page.offset + i + 1, b, zone, language) for i, b in enumerate(page.items))]
    return join_blocks(blocks)


def italic_html(fragment: str) -> str:
    """Return an already escaped fragment in italics."""
    return f"<i>{fragment}</i>"


def stats_message(stats: StoreStats, zone: tzinfo, language: str) -> list[str]:
    """Return the /stats reply."""
    _ = translator(language).gettext
    body = _(TEXT_STATS).format(
        articles=stats.articles,
        quotes=stats.quotes,
        speakers=stats.speakers,
        sources=stats.sources,
        feeds=stats.feeds,
        chats=stats.chats,
        subscribers=stats.subscribers,
        newest=when(stats.newest, zone, language) or _(TEXT_NEVER),
        size=f"{stats.db_bytes / 1e6:.1f}",
    )
    blocks = [bold("📊 " + _(TEXT_STATS_TITLE)), escape(body)]
    if stats.languages:
        languages = ", ".join(f"{code}: {count}" for code, count in stats.languages)
        blocks.append(escape(_(TEXT_BY_LANGUAGE).format(languages=languages)))
    return join_blocks(blocks)


# --- feeds ------------------------------------------------------------------------------------------------------

FEED_TITLE_CHARS = 80
FEED_ERROR_CHARS = 200
TEXT_NO_FEEDS = N_("No feeds yet. Add one with /addfeed followed by its address.")
TEXT_FEEDS_HEADING = N_("Feeds: {count}")
TEXT_PAGE = N_("Page {page} of {pages}")
TEXT_STATUS_OK = N_("working")
TEXT_STATUS_FAILING = N_("failing: {count} times in a row")
TEXT_STATUS_PAUSED = N_("paused")
TEXT_STATUS_NEW = N_("not checked yet")
TEXT_LAST_SUCCESS = N_("Last success: {when}")
TEXT_FEED_NEVER = N_("never")
TEXT_LAST_ERROR = N_("Last error ({when}): {error}")
TEXT_ARTICLES = N_("Articles: {count}")
TEXT_FEED_ADDED = N_("✅ Feed added: {title}")
TEXT_FEED_ADDED_ITEMS = N_(
    "Items in the feed: {items}. Stored as old news: {stored} (searchable, not sent to subscribers as new)."
)
TEXT_FEED_DISCOVERED = N_("The feed was found on the page {page}.")
TEXT_FEED_ALREADY = N_("This feed is already followed: #{id} {title}")
TEXT_ALERT_FAILING = N_(
    "⚠️ Feed #{id} {title} has failed {count} times in a row.\nLast error: {error}\n"
    "I keep trying, less often; /feeds shows its status."
)
TEXT_ALERT_RECOVERED = N_("✅ Feed #{id} {title} works again.")


def feed_name(feed: Feed) -> str:
    """Return a feed's title, or its address when it has none yet (plain text, bounded)."""
    return truncate(feed.title or feed.url, FEED_TITLE_CHARS)


def _feed_when(moment: datetime | None, zone: tzinfo | None, language: str) -> str:
    if moment is None:
        return translator(language).gettext(TEXT_FEED_NEVER)
    return moment.astimezone(zone or UTC).strftime("%d.%m.%Y %H:%M")


def feed_block(feed: Feed, *, articles: int, language: str, zone: tzinfo | None = None) -> str:
    """Return one feed of /feeds: number, status, title (linked), last success, last error, article count."""
    _ = translator(language).gettext
    if feed.paused:
        icon, status = "⏸", _(TEXT_STATUS_PAUSED)
    elif feed.consecutive_failures:
        icon, status = "⚠️", _(TEXT_STATUS_FAILING).format(count=feed.consecutive_failures)
    elif feed.last_success_at is None:
        icon, status = "🆕", _(TEXT_STATUS_NEW)
    else:
        icon, status = "✅", _(TEXT_STATUS_OK)
    lines = [
        f"{icon} <b>#{feed.id}</b> {link(feed.url, feed_name(feed))}",
        italic(status),
        escape(_(TEXT_LAST_SUCCESS).format(when=_feed_when(feed.last_success_at, zone, language))),
    ]
    if feed.last_error and feed.consecutive_failures:
        error = truncate(feed.last_error, FEED_ERROR_CHARS)
        lines.append(escape(_(TEXT_LAST_ERROR).format(when=_feed_when(feed.last_error_at, zone, language), error=error)))
    lines.append(escape(_(TEXT_ARTICLES).format(count=articles)))
    return "\n".join(lines)


def feeds_message(
    shown: list[Feed], counts: dict[int, int], *, total: int, page: int, pages: int, language: str,
    zone: tzinfo | None = None,
) -> list[str]:
    """Return one page of /feeds: a heading with the count, the page's feeds, and "page N of M" when there are more."""
    _ = translator(language).gettext
    if not total:
        return [escape(_(TEXT_NO_FEEDS))]
    blocks = [bold(_(TEXT_FEEDS_HEADING).format(count=total))]
    blocks += [feed_block(f, articles=counts.get(f.id, 0), language=language, zone=zone) for f in shown]
    if pages > 1:
        blocks.append(italic(_(TEXT_PAGE).format(page=page, pages=pages)))
    return join_blocks(blocks)


def added_feed_message(added: AddedFeed, *, language: str) -> str:
    """Return the answer to /addfeed: the feed, where it was found, what was stored."""
    _ = translator(language).gettext
    feed = added.feed
    if not added.created:
        return escape(_(TEXT_FEED_ALREADY).format(id=feed.id, title=feed_name(feed)))
    lines = [escape(_(TEXT_FEED_ADDED).format(title=feed_name(feed))), f"#{feed.id} {link(feed.url, feed.url)}"]
    if added.discovered_from:
        lines.append(escape(_(TEXT_FEED_DISCOVERED).format(page=added.discovered_from)))
    lines.append(escape(_(TEXT_FEED_ADDED_ITEMS).format(items=added.items, stored=added.stored)))
    return "\n".join(lines)


def feed_alert_message(feed: Feed, *, recovered: bool, language: str) -> str:
    """Return the message admins get when a feed keeps failing, or works again."""
    _ = translator(language).gettext
    if recovered:
        return escape(_(TEXT_ALERT_RECOVERED).format(id=feed.id, title=feed_name(feed)))
    return escape(
        _(TEXT_ALERT_FAILING).format(
            id=feed.id,
            title=feed_name(feed),
            count=feed.consecutive_failures,
            error=truncate(feed.last_error or "?", FEED_ERROR_CHARS),
        )
    )


# --- digest settings --------------------------------------------------------------------------------------------

# What keywords and typed values look like on a card, at most.
SHOWN_KEYWORDS_CHARS = 1200
SHOWN_VALUE_CHARS = 64
KEYWORD_CHARS = 50  # storage.subscribers.MAX_KEYWORD_CHARS: older versions stored longer ones
EVERY_WEEKDAY = (
    N_("every Monday"), N_("every Tuesday"), N_("every Wednesday"), N_("every Thursday"), N_("every Friday"),
    N_("every Saturday"), N_("every Sunday"),
)
T_SETTINGS = N_("Digest settings")
T_TIME = N_("Time")
T_TIMEZONE = N_("Time zone")
T_EVERY_DAY = N_("every day")
T_LANGUAGES = N_("Article languages")
T_ALL_LANGUAGES = N_("all languages")
T_INCLUDE = N_("Only with the words")
T_EXCLUDE = N_("Without the words")
T_NONE = N_("none")
T_STATE_PAUSED = N_("Paused")
T_NEXT = N_("Next digest")


def shown_keywords(words: tuple[str, ...] | list[str], empty: str) -> str:
    """Return keywords as a card shows them (plain text), bounded whatever is stored."""
    return truncate(", ".join(truncate(w, KEYWORD_CHARS) for w in words), SHOWN_KEYWORDS_CHARS) or empty


def local_due(moment: datetime, timezone: str) -> str:
    """Return a due moment as the subscriber's clock shows it: "17.05.2024 08:00"."""
    return moment.astimezone(zone(timezone)).strftime("%d.%m.%Y %H:%M")


def settings_message(subscriber: Subscriber, language: str) -> str:
    """Return the settings card of a subscription: time, days, zone, languages, keywords, pause or next digest."""
    _ = translator(language).gettext
    every = _(T_EVERY_DAY) if subscriber.frequency is Frequency.DAILY else _(EVERY_WEEKDAY[subscriber.weekday or 0])
    languages = ", ".join(LANGUAGE_NAMES.get(x, x) for x in subscriber.languages) or _(T_ALL_LANGUAGES)
    lines = [
        f"📰 {bold(_(T_SETTINGS))}",
        f"⏰ {escape(_(T_TIME))}: {subscriber.local_time.strftime('%H:%M')}, {escape(every)}",
        f"🌍 {escape(_(T_TIMEZONE))}: {escape(truncate(subscriber.timezone, SHOWN_VALUE_CHARS))}",
        f"🌐 {escape(_(T_LANGUAGES))}: {escape(languages)}",
        f"➕ {escape(_(T_INCLUDE))}: {escape(shown_keywords(subscriber.include, _(T_NONE)))}",
        f"➖ {escape(_(T_EXCLUDE))}: {escape(shown_keywords(subscriber.exclude, _(T_NONE)))}",
    ]
    if subscriber.paused:
        lines.append(f"⏸ {escape(_(T_STATE_PAUSED))}")
    elif subscriber.next_due_at is not None:
        lines.append(f"⏭ {escape(_(T_NEXT))}: {local_due(subscriber.next_due_at, subscriber.timezone)}")
    return "\n".join(lines)
