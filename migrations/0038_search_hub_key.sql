-- Words and a place, read a page at a time: the full-text index gets a fourth column holding the
-- row's hub as one token ("hub12"), so one hub's matches of a relevance band are read straight
-- from the index, newest first (`{title} : (…) AND {hub_key} : hub12`), a page at most, instead
-- of every row of the hubs in reach checked one by one or every match in the network ranked.
-- Queries name their columns ({title search_terms description}), so a word never matches a hub key.
-- prefix = '3 4 5 6 7 8 9 10 11 12': a prefix query ("birch"*, cut to 12 letters by toFtsQuery) is one lookup
-- in a prefix index, read lazily newest first, instead of a merge of every word it starts built
-- whole per query (at a million listings: about 12 ms against 100 to 400 ms per band).
ALTER TABLE listings ADD COLUMN hub_key TEXT GENERATED ALWAYS AS ('hub' || hub_id) VIRTUAL;
ALTER TABLE requests ADD COLUMN hub_key TEXT GENERATED ALWAYS AS ('hub' || hub_id) VIRTUAL;

DROP TRIGGER listings_fts_insert;
DROP TRIGGER listings_fts_update;
DROP TABLE listings_fts;
CREATE VIRTUAL TABLE listings_fts USING fts5 (
  title, search_terms, description, hub_key, content = 'listings', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2', prefix = '3 4 5 6 7 8 9 10 11 12'
);
CREATE TRIGGER listings_fts_insert AFTER INSERT ON listings BEGIN
  INSERT INTO listings_fts (rowid, title, search_terms, description, hub_key)
    VALUES (new.id, new.title, new.search_terms, new.description, new.hub_key);
END;
CREATE TRIGGER listings_fts_update AFTER UPDATE OF title, description, category, hub_id ON listings BEGIN
  INSERT INTO listings_fts (listings_fts, rowid, title, search_terms, description, hub_key)
    VALUES ('delete', old.id, old.title, old.search_terms, old.description, old.hub_key);
  INSERT INTO listings_fts (rowid, title, search_terms, description, hub_key)
    VALUES (new.id, new.title, new.search_terms, new.description, new.hub_key);
END;
INSERT INTO listings_fts (listings_fts) VALUES ('rebuild');

DROP TRIGGER requests_fts_insert;
DROP TRIGGER requests_fts_update;
DROP TABLE requests_fts;
CREATE VIRTUAL TABLE requests_fts USING fts5 (
  title, search_terms, description, hub_key, content = 'requests', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2', prefix = '3 4 5 6 7 8 9 10 11 12'
);
CREATE TRIGGER requests_fts_insert AFTER INSERT ON requests BEGIN
  INSERT INTO requests_fts (rowid, title, search_terms, description, hub_key)
    VALUES (new.id, new.title, new.search_terms, new.description, new.hub_key);
END;
CREATE TRIGGER requests_fts_update AFTER UPDATE OF title, description, category, hub_id ON requests BEGIN
  INSERT INTO requests_fts (requests_fts, rowid, title, search_terms, description, hub_key)
    VALUES ('delete', old.id, old.title, old.search_terms, old.description, old.hub_key);
  INSERT INTO requests_fts (rowid, title, search_terms, description, hub_key)
    VALUES (new.id, new.title, new.search_terms, new.description, new.hub_key);
END;
INSERT INTO requests_fts (requests_fts) VALUES ('rebuild');
