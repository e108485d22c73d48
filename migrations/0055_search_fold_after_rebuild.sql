-- Migration 0054 rebuilt the four full-text indexes, and a rebuild leaves an index in several
-- segments (9 in `listings_fts` at the bench's million listings, 6 after a day of tidying): each
-- costs every search a look-up per word. The nightly fold (the scheduled job `search.fold`) takes
-- up an index folded less than 20 hours ago only at its next fold hour; marked as never folded,
-- the four are folded by the next scheduled run.
UPDATE search_index_folds SET folded_at = NULL WHERE folding_since IS NULL;
