-- Words and a place, read hub by hub without intersecting the whole network's matches: a second
-- full-text index of the same words, ordered by hub, then newest first. Each listing (and
-- request) has two rows in it: its title alone, and its title, category names and description.
-- Their rowids are
--   hub_id × 2^33 + (2^32 − 1 − id)          the title alone
--   hub_id × 2^33 + 2^32 + (2^32 − 1 − id)   title, category names and description
-- so a hub's titles are one range of rowids and its whole rows the next, each newest first in
-- rowid order, and a relevance band of one hub is read with the range as FTS5's own rowid bounds:
-- one seek per word, then only that hub's entries, instead of `{hub_key} : hub12` intersected
-- with every row of the network that holds the words (10 to 50 ms per hub at a million
-- listings). The best band (every word in the title) reads the titles alone, so the category names
-- that most rows of a hub share are not read through and left out by a column filter. The id is
-- the low 32 bits, `(rowid | 4294967295) − rowid`; ids must stay below 2^32.
--
-- Each range also ends with a marker row (the place of an id 0 that no listing or request has)
-- holding the word `omloophubend` in every column. A query reads it as one more alternative of
-- each word, so FTS5 stops at the end of the hub's range instead of reading on into the next
-- hubs' rows in search of a match of a column filter, an AND or a NOT; it joins no row.
--
-- Contentless (content = ''): the words are stored once, in `listings` / `requests`; the triggers
-- delete an entry with the values it was written with. The first index (listings_fts, newest
-- first across the network) stays for words without a place.

CREATE VIRTUAL TABLE listings_hub_fts USING fts5 (
  title, search_terms, description, content = '',
  tokenize = 'unicode61 remove_diacritics 2', prefix = '3 4 5 6 7 8 9 10 11 12'
);
CREATE VIRTUAL TABLE requests_hub_fts USING fts5 (
  title, search_terms, description, content = '',
  tokenize = 'unicode61 remove_diacritics 2', prefix = '3 4 5 6 7 8 9 10 11 12'
);
-- Segments merged two by two (FTS5's default is four): a hub costs a seek per word and segment,
-- so fewer segments make every hub cheaper to read (filled from a million listings in one go: 8
-- segments instead of 14, the page over 41 hubs 2.8 ms instead of 5.2), for more merging as rows
-- are written (that fill 58 s instead of 39; the bench's whole seed 147 s instead of 135).
INSERT INTO listings_hub_fts (listings_hub_fts, rank) VALUES ('automerge', 2);
INSERT INTO requests_hub_fts (requests_hub_fts, rank) VALUES ('automerge', 2);

INSERT INTO listings_hub_fts (rowid, title, search_terms, description)
  SELECT id * 8589934592 + 4294967295, 'omloophubend', 'omloophubend', 'omloophubend' FROM hubs
  UNION ALL
  SELECT id * 8589934592 + 8589934591, 'omloophubend', 'omloophubend', 'omloophubend' FROM hubs;
INSERT INTO listings_hub_fts (rowid, title) SELECT hub_id * 8589934592 + 4294967295 - id, title FROM listings;
INSERT INTO listings_hub_fts (rowid, title, search_terms, description)
  SELECT hub_id * 8589934592 + 8589934591 - id, title, search_terms, description FROM listings;
-- One segment after the bulk load (later writes add segments that FTS5 merges as usual).
INSERT INTO listings_hub_fts (listings_hub_fts) VALUES ('optimize');

INSERT INTO requests_hub_fts (rowid, title, search_terms, description)
  SELECT id * 8589934592 + 4294967295, 'omloophubend', 'omloophubend', 'omloophubend' FROM hubs
  UNION ALL
  SELECT id * 8589934592 + 8589934591, 'omloophubend', 'omloophubend', 'omloophubend' FROM hubs;
INSERT INTO requests_hub_fts (rowid, title) SELECT hub_id * 8589934592 + 4294967295 - id, title FROM requests;
INSERT INTO requests_hub_fts (rowid, title, search_terms, description)
  SELECT hub_id * 8589934592 + 8589934591 - id, title, search_terms, description FROM requests;
-- One segment after the bulk load (later writes add segments that FTS5 merges as usual).
INSERT INTO requests_hub_fts (requests_hub_fts) VALUES ('optimize');

CREATE TRIGGER hubs_hub_fts_ends AFTER INSERT ON hubs BEGIN
  INSERT INTO listings_hub_fts (rowid, title, search_terms, description)
    VALUES (new.id * 8589934592 + 4294967295, 'omloophubend', 'omloophubend', 'omloophubend'),
      (new.id * 8589934592 + 8589934591, 'omloophubend', 'omloophubend', 'omloophubend');
  INSERT INTO requests_hub_fts (rowid, title, search_terms, description)
    VALUES (new.id * 8589934592 + 4294967295, 'omloophubend', 'omloophubend', 'omloophubend'),
      (new.id * 8589934592 + 8589934591, 'omloophubend', 'omloophubend', 'omloophubend');
END;

CREATE TRIGGER listings_hub_fts_insert AFTER INSERT ON listings BEGIN
  INSERT INTO listings_hub_fts (rowid, title) VALUES (new.hub_id * 8589934592 + 4294967295 - new.id, new.title);
  INSERT INTO listings_hub_fts (rowid, title, search_terms, description)
    VALUES (new.hub_id * 8589934592 + 8589934591 - new.id, new.title, new.search_terms, new.description);
END;
CREATE TRIGGER listings_hub_fts_update AFTER UPDATE OF title, description, category, hub_id ON listings BEGIN
  INSERT INTO listings_hub_fts (listings_hub_fts, rowid, title) VALUES ('delete', old.hub_id * 8589934592 + 4294967295 - old.id, old.title);
  INSERT INTO listings_hub_fts (listings_hub_fts, rowid, title, search_terms, description)
    VALUES ('delete', old.hub_id * 8589934592 + 8589934591 - old.id, old.title, old.search_terms, old.description);
  INSERT INTO listings_hub_fts (rowid, title) VALUES (new.hub_id * 8589934592 + 4294967295 - new.id, new.title);
  INSERT INTO listings_hub_fts (rowid, title, search_terms, description)
    VALUES (new.hub_id * 8589934592 + 8589934591 - new.id, new.title, new.search_terms, new.description);
END;

CREATE TRIGGER requests_hub_fts_insert AFTER INSERT ON requests BEGIN
  INSERT INTO requests_hub_fts (rowid, title) VALUES (new.hub_id * 8589934592 + 4294967295 - new.id, new.title);
  INSERT INTO requests_hub_fts (rowid, title, search_terms, description)
    VALUES (new.hub_id * 8589934592 + 8589934591 - new.id, new.title, new.search_terms, new.description);
END;
CREATE TRIGGER requests_hub_fts_update AFTER UPDATE OF title, description, category, hub_id ON requests BEGIN
  INSERT INTO requests_hub_fts (requests_hub_fts, rowid, title) VALUES ('delete', old.hub_id * 8589934592 + 4294967295 - old.id, old.title);
  INSERT INTO requests_hub_fts (requests_hub_fts, rowid, title, search_terms, description)
    VALUES ('delete', old.hub_id * 8589934592 + 8589934591 - old.id, old.title, old.search_terms, old.description);
  INSERT INTO requests_hub_fts (rowid, title) VALUES (new.hub_id * 8589934592 + 4294967295 - new.id, new.title);
  INSERT INTO requests_hub_fts (rowid, title, search_terms, description)
    VALUES (new.hub_id * 8589934592 + 8589934591 - new.id, new.title, new.search_terms, new.description);
END;
