-- The full-text indexes folded into one segment each night (search.fold.ts, the scheduled job
-- `search.fold`). FTS5 writes every transaction's words as a new segment and merges segments of
-- the same level as it goes (`automerge`), so an index written over time holds several: at a
-- million listings the bench's seed left 10 in `listings_fts` and 8 in `listings_hub_fts`. A
-- search by words and a place looks each word up in each segment for every hub it reads, so each
-- segment costs every hub: one segment made `q=birch&near=…` 0.25 → 0.38 × the bare route.
-- Between folds, every scheduled run tidies each index: a merge step over the levels holding two
-- segments or more (`usermerge` 2; FTS5's default is four), so a day's writes stay in a few.
-- One row per index: when its last fold ended (NULL: never), and since when one is under way
-- (a fold goes on across runs, a bounded number of merge steps each).
CREATE TABLE search_index_folds (
  name TEXT PRIMARY KEY CHECK (name IN ('listings_fts', 'listings_hub_fts', 'requests_fts', 'requests_hub_fts')),
  folded_at TEXT,
  folding_since TEXT,
  -- Segments when the last fold began, and the merge steps it took (for the log and the README's figures).
  segments_before INTEGER NOT NULL DEFAULT 0,
  steps INTEGER NOT NULL DEFAULT 0
);
INSERT INTO search_index_folds (name) VALUES ('listings_fts'), ('listings_hub_fts'), ('requests_fts'), ('requests_hub_fts');
INSERT INTO listings_fts (listings_fts, rank) VALUES ('usermerge', 2);
INSERT INTO listings_hub_fts (listings_hub_fts, rank) VALUES ('usermerge', 2);
INSERT INTO requests_fts (requests_fts, rank) VALUES ('usermerge', 2);
INSERT INTO requests_hub_fts (requests_hub_fts, rank) VALUES ('usermerge', 2);
