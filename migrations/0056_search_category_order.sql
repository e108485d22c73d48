-- Words with a category filter, read from one range of a third full-text index, ordered by
-- category (as `listings_hub_fts` is by hub, migration 0048). A range holds a category just below
-- a family with every category below it (hardwood and softwood are in solid wood's, birch plywood
-- in plywood's; a family's own rows in the family's): newest first across them, so a filter on
-- such a category reads one range, in id order. Its rowids are its category's place in the
-- category list (below; 0 for a category not in it) × 2^33 onwards, its titles alone first, then
-- its whole rows (title, category names, description), each 2^32 rowids, newest first
-- (rowid … + 2^32 − 1 − id), each ending with the end marker `omloophubend`.
--
-- Why: a search by words and a category (migration 0054) was one FTS5 query, the words AND the
-- category's token, and FTS5 proves an AND by walking both lists side by side. When the words are
-- common in other categories and rare in this one, it walks them all to find none: at a million
-- listings `q=birch&category=solid-wood` walked every "birch" of birch plywood (200,000 rows, in
-- its names, 100,000 in its titles) beside solid wood's 200,000 tokens, 27 ms for its best band
-- alone, 0.24 × the bare route. In the category's range the same words are a seek: under 1 ms.
-- The cost: a third copy of the listings' words (at a million listings the database grows by
-- about a quarter, 1.8 → 2.3 GB) and two more index rows written with each listing.
--
-- The category list is migration 0054's, character for character (src/modules/search/search.keys.ts
-- `CATEGORIES`, `categoryRange`); the CASE names the categories below a category below a family,
-- as 0054's does (the test checks every category). Listings only; requests are few.
CREATE VIRTUAL TABLE listings_cat_fts USING fts5 (
  title, search_terms, description, filter_keys, content = '',
  tokenize = 'unicode61 remove_diacritics 2', prefix = '3 4 5 6 7 8 9 10 11 12'
);
INSERT INTO listings_cat_fts (listings_cat_fts, rank) VALUES ('automerge', 2);

-- Each category's end markers (its titles' range and its whole rows' range), and those of place 0.
INSERT INTO listings_cat_fts (rowid, title, search_terms, description, filter_keys)
  SELECT column1, 'omloophubend', 'omloophubend', 'omloophubend', 'omloophubend' FROM (VALUES
  (0 * 8589934592 + 4294967295), (0 * 8589934592 + 8589934591),
  (1 * 8589934592 + 4294967295), (1 * 8589934592 + 8589934591),
  (6 * 8589934592 + 4294967295), (6 * 8589934592 + 8589934591),
  (14 * 8589934592 + 4294967295), (14 * 8589934592 + 8589934591),
  (28 * 8589934592 + 4294967295), (28 * 8589934592 + 8589934591),
  (32 * 8589934592 + 4294967295), (32 * 8589934592 + 8589934591),
  (36 * 8589934592 + 4294967295), (36 * 8589934592 + 8589934591),
  (47 * 8589934592 + 4294967295), (47 * 8589934592 + 8589934591),
  (56 * 8589934592 + 4294967295), (56 * 8589934592 + 8589934591),
  (65 * 8589934592 + 4294967295), (65 * 8589934592 + 8589934591),
  (73 * 8589934592 + 4294967295), (73 * 8589934592 + 8589934591),
  (82 * 8589934592 + 4294967295), (82 * 8589934592 + 8589934591),
  (90 * 8589934592 + 4294967295), (90 * 8589934592 + 8589934591),
  (94 * 8589934592 + 4294967295), (94 * 8589934592 + 8589934591),
  (98 * 8589934592 + 4294967295), (98 * 8589934592 + 8589934591),
  (103 * 8589934592 + 4294967295), (103 * 8589934592 + 8589934591),
  (107 * 8589934592 + 4294967295), (107 * 8589934592 + 8589934591),
  (121 * 8589934592 + 4294967295), (121 * 8589934592 + 8589934591),
  (126 * 8589934592 + 4294967295), (126 * 8589934592 + 8589934591),
  (131 * 8589934592 + 4294967295), (131 * 8589934592 + 8589934591),
  (138 * 8589934592 + 4294967295), (138 * 8589934592 + 8589934591),
  (144 * 8589934592 + 4294967295), (144 * 8589934592 + 8589934591),
  (160 * 8589934592 + 4294967295), (160 * 8589934592 + 8589934591),
  (170 * 8589934592 + 4294967295), (170 * 8589934592 + 8589934591),
  (177 * 8589934592 + 4294967295), (177 * 8589934592 + 8589934591),
  (183 * 8589934592 + 4294967295), (183 * 8589934592 + 8589934591),
  (192 * 8589934592 + 4294967295), (192 * 8589934592 + 8589934591),
  (199 * 8589934592 + 4294967295), (199 * 8589934592 + 8589934591),
  (204 * 8589934592 + 4294967295), (204 * 8589934592 + 8589934591),
  (221 * 8589934592 + 4294967295), (221 * 8589934592 + 8589934591),
  (229 * 8589934592 + 4294967295), (229 * 8589934592 + 8589934591),
  (235 * 8589934592 + 4294967295), (235 * 8589934592 + 8589934591),
  (247 * 8589934592 + 4294967295), (247 * 8589934592 + 8589934591),
  (257 * 8589934592 + 4294967295), (257 * 8589934592 + 8589934591),
  (263 * 8589934592 + 4294967295), (263 * 8589934592 + 8589934591),
  (275 * 8589934592 + 4294967295), (275 * 8589934592 + 8589934591),
  (286 * 8589934592 + 4294967295), (286 * 8589934592 + 8589934591),
  (293 * 8589934592 + 4294967295), (293 * 8589934592 + 8589934591),
  (299 * 8589934592 + 4294967295), (299 * 8589934592 + 8589934591),
  (312 * 8589934592 + 4294967295), (312 * 8589934592 + 8589934591),
  (326 * 8589934592 + 4294967295), (326 * 8589934592 + 8589934591),
  (338 * 8589934592 + 4294967295), (338 * 8589934592 + 8589934591),
  (350 * 8589934592 + 4294967295), (350 * 8589934592 + 8589934591));

INSERT INTO listings_cat_fts (rowid, title, filter_keys)
  SELECT instr(',wood,plywood,birch-plywood,mdf,osb,solid-wood,hardwood,softwood,pallets,plastics,acrylic,pla,abs,petg,pet,polycarbonate,hdpe,foam,metals,steel,stainless-steel,aluminium,copper,brass,textiles,cotton,wool,synthetic-fabric,leather,glass,paper-board,cardboard,paper,electronics,components,cables,stone,machine-time,laser-cutting,cnc-milling,3d-printing,other,', ',' || CASE category WHEN 'birch-plywood' THEN 'plywood' WHEN 'hardwood' THEN 'solid-wood' WHEN 'softwood' THEN 'solid-wood' ELSE category END || ',') * 8589934592 + 4294967295 - id, title, filter_keys FROM listings;
INSERT INTO listings_cat_fts (rowid, title, search_terms, description, filter_keys)
  SELECT instr(',wood,plywood,birch-plywood,mdf,osb,solid-wood,hardwood,softwood,pallets,plastics,acrylic,pla,abs,petg,pet,polycarbonate,hdpe,foam,metals,steel,stainless-steel,aluminium,copper,brass,textiles,cotton,wool,synthetic-fabric,leather,glass,paper-board,cardboard,paper,electronics,components,cables,stone,machine-time,laser-cutting,cnc-milling,3d-printing,other,', ',' || CASE category WHEN 'birch-plywood' THEN 'plywood' WHEN 'hardwood' THEN 'solid-wood' WHEN 'softwood' THEN 'solid-wood' ELSE category END || ',') * 8589934592 + 8589934591 - id, title, search_terms, description, filter_keys FROM listings;
INSERT INTO listings_cat_fts (listings_cat_fts) VALUES ('optimize');
INSERT INTO listings_cat_fts (listings_cat_fts, rank) VALUES ('usermerge', 2);

CREATE TRIGGER listings_cat_fts_insert AFTER INSERT ON listings BEGIN
  INSERT INTO listings_cat_fts (rowid, title, filter_keys)
    VALUES (instr(',wood,plywood,birch-plywood,mdf,osb,solid-wood,hardwood,softwood,pallets,plastics,acrylic,pla,abs,petg,pet,polycarbonate,hdpe,foam,metals,steel,stainless-steel,aluminium,copper,brass,textiles,cotton,wool,synthetic-fabric,leather,glass,paper-board,cardboard,paper,electronics,components,cables,stone,machine-time,laser-cutting,cnc-milling,3d-printing,other,', ',' || CASE new.category WHEN 'birch-plywood' THEN 'plywood' WHEN 'hardwood' THEN 'solid-wood' WHEN 'softwood' THEN 'solid-wood' ELSE new.category END || ',') * 8589934592 + 4294967295 - new.id, new.title, new.filter_keys);
  INSERT INTO listings_cat_fts (rowid, title, search_terms, description, filter_keys)
    VALUES (instr(',wood,plywood,birch-plywood,mdf,osb,solid-wood,hardwood,softwood,pallets,plastics,acrylic,pla,abs,petg,pet,polycarbonate,hdpe,foam,metals,steel,stainless-steel,aluminium,copper,brass,textiles,cotton,wool,synthetic-fabric,leather,glass,paper-board,cardboard,paper,electronics,components,cables,stone,machine-time,laser-cutting,cnc-milling,3d-printing,other,', ',' || CASE new.category WHEN 'birch-plywood' THEN 'plywood' WHEN 'hardwood' THEN 'solid-wood' WHEN 'softwood' THEN 'solid-wood' ELSE new.category END || ',') * 8589934592 + 8589934591 - new.id, new.title, new.search_terms, new.description, new.filter_keys);
END;
CREATE TRIGGER listings_cat_fts_update
AFTER UPDATE OF title, description, category, kind, condition, price_type, length_mm, width_mm ON listings BEGIN
  INSERT INTO listings_cat_fts (listings_cat_fts, rowid, title, filter_keys)
    VALUES ('delete', instr(',wood,plywood,birch-plywood,mdf,osb,solid-wood,hardwood,softwood,pallets,plastics,acrylic,pla,abs,petg,pet,polycarbonate,hdpe,foam,metals,steel,stainless-steel,aluminium,copper,brass,textiles,cotton,wool,synthetic-fabric,leather,glass,paper-board,cardboard,paper,electronics,components,cables,stone,machine-time,laser-cutting,cnc-milling,3d-printing,other,', ',' || CASE old.category WHEN 'birch-plywood' THEN 'plywood' WHEN 'hardwood' THEN 'solid-wood' WHEN 'softwood' THEN 'solid-wood' ELSE old.category END || ',') * 8589934592 + 4294967295 - old.id, old.title, old.filter_keys);
  INSERT INTO listings_cat_fts (listings_cat_fts, rowid, title, search_terms, description, filter_keys)
    VALUES ('delete', instr(',wood,plywood,birch-plywood,mdf,osb,solid-wood,hardwood,softwood,pallets,plastics,acrylic,pla,abs,petg,pet,polycarbonate,hdpe,foam,metals,steel,stainless-steel,aluminium,copper,brass,textiles,cotton,wool,synthetic-fabric,leather,glass,paper-board,cardboard,paper,electronics,components,cables,stone,machine-time,laser-cutting,cnc-milling,3d-printing,other,', ',' || CASE old.category WHEN 'birch-plywood' THEN 'plywood' WHEN 'hardwood' THEN 'solid-wood' WHEN 'softwood' THEN 'solid-wood' ELSE old.category END || ',') * 8589934592 + 8589934591 - old.id, old.title, old.search_terms, old.description, old.filter_keys);
  INSERT INTO listings_cat_fts (rowid, title, filter_keys)
    VALUES (instr(',wood,plywood,birch-plywood,mdf,osb,solid-wood,hardwood,softwood,pallets,plastics,acrylic,pla,abs,petg,pet,polycarbonate,hdpe,foam,metals,steel,stainless-steel,aluminium,copper,brass,textiles,cotton,wool,synthetic-fabric,leather,glass,paper-board,cardboard,paper,electronics,components,cables,stone,machine-time,laser-cutting,cnc-milling,3d-printing,other,', ',' || CASE new.category WHEN 'birch-plywood' THEN 'plywood' WHEN 'hardwood' THEN 'solid-wood' WHEN 'softwood' THEN 'solid-wood' ELSE new.category END || ',') * 8589934592 + 4294967295 - new.id, new.title, new.filter_keys);
  INSERT INTO listings_cat_fts (rowid, title, search_terms, description, filter_keys)
    VALUES (instr(',wood,plywood,birch-plywood,mdf,osb,solid-wood,hardwood,softwood,pallets,plastics,acrylic,pla,abs,petg,pet,polycarbonate,hdpe,foam,metals,steel,stainless-steel,aluminium,copper,brass,textiles,cotton,wool,synthetic-fabric,leather,glass,paper-board,cardboard,paper,electronics,components,cables,stone,machine-time,laser-cutting,cnc-milling,3d-printing,other,', ',' || CASE new.category WHEN 'birch-plywood' THEN 'plywood' WHEN 'hardwood' THEN 'solid-wood' WHEN 'softwood' THEN 'solid-wood' ELSE new.category END || ',') * 8589934592 + 8589934591 - new.id, new.title, new.search_terms, new.description, new.filter_keys);
END;

-- Folded each night as the other four (migration 0053): the table's CHECK names the indexes, so
-- it is written anew with the fifth.
CREATE TABLE search_index_folds_new (
  name TEXT PRIMARY KEY CHECK (name IN ('listings_fts', 'listings_hub_fts', 'listings_cat_fts', 'requests_fts', 'requests_hub_fts')),
  folded_at TEXT,
  folding_since TEXT,
  segments_before INTEGER NOT NULL DEFAULT 0,
  steps INTEGER NOT NULL DEFAULT 0
);
INSERT INTO search_index_folds_new (name, folded_at, folding_since, segments_before, steps)
  SELECT name, folded_at, folding_since, segments_before, steps FROM search_index_folds ORDER BY rowid;
INSERT INTO search_index_folds_new (name) VALUES ('listings_cat_fts');
DROP TABLE search_index_folds;
ALTER TABLE search_index_folds_new RENAME TO search_index_folds;
