-- 0002: small indexes of quote speakers and article titles alone.
-- A column filter on the big indexes ("speaker : x") reads every posting of x in every column, so a rare match
-- costs as much as a full scan (7-12 ms at a million quotes); these indexes hold only the short column, so
-- "quotes by speaker" and "matches in the title" are exact-term lookups again. No sizes, no positions: search
-- ranks candidates itself (storage/search.py).

CREATE VIRTUAL TABLE quote_speakers_fts USING fts5 (
    speaker,
    content = 'quotes', content_rowid = 'id', detail = none, columnsize = 0,
    tokenize = 'unicode61 remove_diacritics 0'
);
CREATE TRIGGER quote_speakers_fts_insert AFTER INSERT ON quotes BEGIN
    INSERT INTO quote_speakers_fts (rowid, speaker) VALUES (new.id, new.speaker);
END;
CREATE TRIGGER quote_speakers_fts_delete AFTER DELETE ON quotes BEGIN
    INSERT INTO quote_speakers_fts (quote_speakers_fts, rowid, speaker) VALUES ('delete', old.id, old.speaker);
END;
CREATE TRIGGER quote_speakers_fts_update AFTER UPDATE OF speaker ON quotes BEGIN
    INSERT INTO quote_speakers_fts (quote_speakers_fts, rowid, speaker) VALUES ('delete', old.id, old.speaker);
    INSERT INTO quote_speakers_fts (rowid, speaker) VALUES (new.id, new.speaker);
END;
INSERT INTO quote_speakers_fts (quote_speakers_fts) VALUES ('rebuild');

CREATE VIRTUAL TABLE article_titles_fts USING fts5 (
    title,
    content = 'articles', content_rowid = 'id', detail = none, columnsize = 0,
    tokenize = 'unicode61 remove_diacritics 0'
);
CREATE TRIGGER article_titles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO article_titles_fts (rowid, title) VALUES (new.id, new.title);
END;
CREATE TRIGGER article_titles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO article_titles_fts (article_titles_fts, rowid, title) VALUES ('delete', old.id, old.title);
END;
CREATE TRIGGER article_titles_fts_update AFTER UPDATE OF title ON articles BEGIN
    INSERT INTO article_titles_fts (article_titles_fts, rowid, title) VALUES ('delete', old.id, old.title);
    INSERT INTO article_titles_fts (rowid, title) VALUES (new.id, new.title);
END;
INSERT INTO article_titles_fts (article_titles_fts) VALUES ('rebuild');
