-- 0003 (PostgreSQL only): every quote and article names the blocks of ids it lies in, so that a search reads the
-- newest matches of its words through the GIN index alone (storage/search.py, newest_matches).
--
-- A GIN index returns its matches in no order; a search wants the newest few. Until now a window of the newest ids
-- was a condition on the primary key, ANDed with the GIN matches of the whole table: every window paid for every
-- posting of its words (a common word: tens of thousands). Now the window is also a condition on `recency`, the
-- blocks of 256 ids ('a<id/256>') and of 8,192 ids ('b<id/8192>') a row lies in, kept in the same GIN index as the
-- words, so the index intersects the words with the window and skips the postings outside it.
ALTER TABLE quotes ADD COLUMN recency tsvector
    GENERATED ALWAYS AS (('a' || (id >> 8)::text || ' b' || (id >> 13)::text)::tsvector) STORED;
ALTER TABLE articles ADD COLUMN recency tsvector
    GENERATED ALWAYS AS (('a' || (id >> 8)::text || ' b' || (id >> 13)::text)::tsvector) STORED;

DROP INDEX quotes_search_all;
DROP INDEX quotes_search_speaker;
DROP INDEX articles_search_all;
DROP INDEX articles_search_title;
CREATE INDEX quotes_search_all ON quotes USING gin (search_all, recency);
CREATE INDEX quotes_search_speaker ON quotes USING gin (search_speaker, recency);
CREATE INDEX articles_search_all ON articles USING gin (search_all, recency);
CREATE INDEX articles_search_title ON articles USING gin (search_title, recency);
