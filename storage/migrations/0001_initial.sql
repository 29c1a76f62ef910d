-- 0001: the first schema. Shipped migrations are never edited; add a new numbered file instead.
-- Times are UTC ISO-8601 text ('2024-05-16T08:00:00+00:00'); fixed width, so they sort and compare as text.

CREATE TABLE feeds (
    id                    INTEGER PRIMARY KEY,
    url                   TEXT NOT NULL,
    url_key               TEXT NOT NULL UNIQUE,
    title                 TEXT,
    site_url              TEXT,
    interval_minutes      INTEGER NOT NULL DEFAULT 10 CHECK (interval_minutes > 0),
    ttl_minutes           INTEGER,
    etag                  TEXT,
    last_modified         TEXT,
    paused                INTEGER NOT NULL DEFAULT 0,
    added_at              TEXT NOT NULL,
    added_by              INTEGER,
    last_checked_at       TEXT,
    last_success_at       TEXT,
    last_error_at         TEXT,
    last_error            TEXT,
    consecutive_failures  INTEGER NOT NULL DEFAULT 0,
    failure_notified      INTEGER NOT NULL DEFAULT 0,
    next_due_at           TEXT,
    -- 0 until the first successful poll: items seen before then are stored as backlog, never announced.
    backlog_done          INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX feeds_due ON feeds (next_due_at) WHERE paused = 0;

CREATE TABLE articles (
    id             INTEGER PRIMARY KEY,
    url            TEXT,
    canonical_url  TEXT,
    url_key        TEXT,
    guid           TEXT,
    guid_key       TEXT,
    source         TEXT,
    feed_id        INTEGER REFERENCES feeds (id) ON DELETE SET NULL,
    author         TEXT,
    title          TEXT,
    lead           TEXT,
    body           TEXT NOT NULL,
    language       TEXT NOT NULL,
    published      TEXT,
    fetched        TEXT NOT NULL,
    updated        TEXT,
    -- published, else fetched; never later than fetched, so a wrong future date cannot pin an article on top.
    sort_time      TEXT NOT NULL,
    content_hash   INTEGER NOT NULL,
    source_hash    INTEGER NOT NULL,
    backlog        INTEGER NOT NULL DEFAULT 0,
    quote_count    INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX articles_guid ON articles (guid_key) WHERE guid_key IS NOT NULL;
CREATE UNIQUE INDEX articles_url ON articles (url_key) WHERE url_key IS NOT NULL;
CREATE INDEX articles_content ON articles (content_hash);
CREATE INDEX articles_source_hash ON articles (source_hash);
CREATE INDEX articles_recent ON articles (sort_time DESC, id DESC);
CREATE INDEX articles_feed ON articles (feed_id) WHERE feed_id IS NOT NULL;

CREATE TABLE summary_sentences (
    article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    text        TEXT NOT NULL,
    PRIMARY KEY (article_id, position)
) WITHOUT ROWID;

CREATE TABLE quotes (
    id            INTEGER PRIMARY KEY,
    article_id    INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,  -- order in the article
    rank          INTEGER NOT NULL,  -- 0 = the article's key quote
    text          TEXT NOT NULL,
    speaker       TEXT,              -- as the article writes it
    speaker_norm  TEXT,              -- lowercase folded words, for grouping
    score         REAL NOT NULL DEFAULT 0,
    sentence      INTEGER
);
CREATE UNIQUE INDEX quotes_article_rank ON quotes (article_id, rank);
CREATE INDEX quotes_speaker ON quotes (speaker_norm) WHERE speaker_norm IS NOT NULL;

-- Full-text indexes over the stored text (external content: the text is stored once, in its table).
-- detail=column: search needs terms and columns, not positions; it halves the index.
CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title, lead, body,
    content = 'articles', content_rowid = 'id', detail = column,
    tokenize = 'unicode61 remove_diacritics 0'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, lead, body) VALUES (new.id, new.title, new.lead, new.body);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, lead, body)
    VALUES ('delete', old.id, old.title, old.lead, old.body);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, lead, body ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, lead, body)
    VALUES ('delete', old.id, old.title, old.lead, old.body);
    INSERT INTO articles_fts (rowid, title, lead, body) VALUES (new.id, new.title, new.lead, new.body);
END;

CREATE VIRTUAL TABLE quotes_fts USING fts5 (
    text, speaker,
    content = 'quotes', content_rowid = 'id', detail = column,
    tokenize = 'unicode61 remove_diacritics 0'
);
CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_fts (rowid, text, speaker) VALUES (new.id, new.text, new.speaker);
END;
CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts (quotes_fts, rowid, text, speaker) VALUES ('delete', old.id, old.text, old.speaker);
END;
CREATE TRIGGER quotes_fts_update AFTER UPDATE OF text, speaker ON quotes BEGIN
    INSERT INTO quotes_fts (quotes_fts, rowid, text, speaker) VALUES ('delete', old.id, old.text, old.speaker);
    INSERT INTO quotes_fts (rowid, text, speaker) VALUES (new.id, new.text, new.speaker);
END;

-- Every word the indexes hold, keyed by its folded form (news.morph.fold), so a query word finds its
-- inflected forms with one range scan; `term` is '' when the word is its own key.
CREATE TABLE search_terms (
    key   TEXT NOT NULL,
    term  TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (key, term)
) WITHOUT ROWID;

CREATE TABLE chats (
    id           INTEGER PRIMARY KEY,  -- Telegram chat id
    type         TEXT NOT NULL DEFAULT 'private',
    title        TEXT,
    language     TEXT,
    is_active    INTEGER NOT NULL DEFAULT 1,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);

CREATE TABLE subscribers (
    id                    INTEGER PRIMARY KEY,
    chat_id               INTEGER NOT NULL REFERENCES chats (id) ON DELETE CASCADE ON UPDATE CASCADE,
    thread_id             INTEGER NOT NULL DEFAULT 0,  -- forum topic; 0 outside topics
    local_time            TEXT NOT NULL DEFAULT '08:00',  -- HH:MM in `timezone`
    timezone              TEXT NOT NULL DEFAULT 'Asia/Bishkek',
    frequency             TEXT NOT NULL DEFAULT 'daily' CHECK (frequency IN ('daily', 'weekly')),
    weekday               INTEGER CHECK (weekday BETWEEN 0 AND 6),  -- 0 = Monday, weekly only
    languages             TEXT NOT NULL DEFAULT '',  -- comma-separated; '' = every language
    include_keywords      TEXT NOT NULL DEFAULT '[]',  -- JSON list
    exclude_keywords      TEXT NOT NULL DEFAULT '[]',  -- JSON list
    paused                INTEGER NOT NULL DEFAULT 0,
    watermark_article_id  INTEGER NOT NULL DEFAULT 0,
    next_due_at           TEXT,
    last_sent_at          TEXT,
    created_at            TEXT NOT NULL,
    updated_at            TEXT NOT NULL,
    UNIQUE (chat_id, thread_id)
);
CREATE INDEX subscribers_due ON subscribers (next_due_at) WHERE paused = 0;

CREATE TABLE deliveries (
    id                    INTEGER PRIMARY KEY,
    subscriber_id         INTEGER NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
    chat_id               INTEGER NOT NULL,
    slot                  TEXT NOT NULL,  -- which digest: the local due time, e.g. '2024-05-16T08:00+06:00'
    state                 TEXT NOT NULL DEFAULT 'intent' CHECK (state IN ('intent', 'sent', 'failed')),
    watermark_article_id  INTEGER,  -- newest article the digest holds
    -- digests: the subscriber's watermark when the intent was written; the digest holds (from, watermark]
    from_article_id       INTEGER NOT NULL DEFAULT 0,
    message_ids           TEXT NOT NULL DEFAULT '[]',  -- JSON list of Telegram message ids
    attempts              INTEGER NOT NULL DEFAULT 0,
    error                 TEXT,
    created_at            TEXT NOT NULL,
    updated_at            TEXT NOT NULL,
    sent_at               TEXT,
    UNIQUE (subscriber_id, slot)
);
CREATE INDEX deliveries_open ON deliveries (state) WHERE state = 'intent';
-- digests: a subscriber's open intents, superseded when a newer slot is claimed
CREATE INDEX deliveries_subscriber ON deliveries (subscriber_id, state);

-- One row per lease name: the holder may act (e.g. send digests) until expires_at.
CREATE TABLE leases (
    name        TEXT PRIMARY KEY,
    holder      TEXT NOT NULL,
    expires_at  TEXT NOT NULL
) WITHOUT ROWID;
