-- 0002 (PostgreSQL; SQLite's 0004): a feed being polled is claimed, so that several bot processes never fetch it
-- at once. A claim lasts until claimed_until (a process that died leaves one that simply runs out).
ALTER TABLE feeds ADD COLUMN claimed_by text COLLATE "C";
ALTER TABLE feeds ADD COLUMN claimed_until text COLLATE "C";
