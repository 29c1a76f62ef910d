-- 0003: trust. Channels publish only once an admin allowed them; an article remembers the source that stored it,
-- so only that source (or an admin) can edit it; a subscription remembers its subscriber's language for digests.

CREATE TABLE channels (
    id             INTEGER PRIMARY KEY,  -- Telegram chat id of the channel
    title          TEXT,
    username       TEXT,
    -- pending: the admins were asked; allowed: its posts are stored; ignored / revoked: its posts are not
    status         TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'allowed', 'ignored', 'revoked')),
    added_by       INTEGER,  -- the Telegram user who made the bot an administrator, when Telegram said
    decided_by     INTEGER,  -- the admin who last allowed, ignored or revoked it (NULL: the command line)
    first_seen_at  TEXT NOT NULL,
    decided_at     TEXT,
    updated_at     TEXT NOT NULL
);

-- Who stored an article: 'feed:<id>', 'channel:<chat id>', or NULL for an admin (/add, a message, `kabarchy ingest`).
ALTER TABLE articles ADD COLUMN origin TEXT;
UPDATE articles SET origin = 'feed:' || feed_id WHERE feed_id IS NOT NULL;
-- Channel posts were stored with the GUID tg:<chat id>:<message id>.
UPDATE articles SET origin = 'channel:' || substr(guid, 4, instr(substr(guid, 4), ':') - 1)
 WHERE origin IS NULL AND guid LIKE 'tg:-%:%';
CREATE INDEX articles_origin ON articles (origin) WHERE origin IS NOT NULL;

-- The language of the person who subscribed (their app's, or their choice then); the chat's own choice wins.
ALTER TABLE subscribers ADD COLUMN language TEXT;
