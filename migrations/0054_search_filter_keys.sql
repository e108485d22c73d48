-- Words with a filter, read through the full-text indexes alone: each row's categories (its own
-- and those above it), kind, condition, price and "has both sizes" as one-character tokens in a
-- fifth column, `filter_keys`, so a search by words and a filter is one FTS5 query (`birch AND
-- <machine time>`) whose matches all meet the filter, instead of every match of the words read
-- and dropped by the filter one row at a time (at a million listings,
-- `q=birch&kind=machine_time` read 560,004 rows for one page; `q=birch&category=solid-wood` near
-- a point 414,663 rows in 11 statements).
-- The filter stays in each query's WHERE too: the tokens only choose the rows to read.
--
-- A category filter takes a category with every one below it (a family too): a row holds the
-- token of its category and of each category above it (the CASE below names those with a parent
-- below the top, as src/shared/taxonomy.ts does; the test checks every category), so any
-- category filter is one token.
-- A token is one character of Unicode's private use area: the place of the value in a list
-- below (`instr`, 1-based; 0 for a value not in the list) above a base per column. One character
-- long, so FTS5 keeps no prefix entries for it (its prefix indexes start at 3 characters), and
-- a person's query never holds one (`toFtsQuery` keeps letters and digits only). A value not in
-- a list shares its column's base character with every other such value: found, never missed.
-- src/modules/search/search.keys.ts writes the same tokens from the same lists; its test checks
-- every category, kind, condition and price against rows written here.
--   a category or one above it U+E400 + place in the category list, kind U+E800 +,
--   condition U+E900 +, price U+EA00 +, both sizes U+EB01.
-- Queries name the column (`{filter_keys} : …`), and the hub-ordered index's end markers hold
-- `omloophubend` in it too, so an AND with a filter still stops at the end of a hub's range.
ALTER TABLE listings ADD COLUMN filter_keys TEXT GENERATED ALWAYS AS (
  char(58368 + instr(',wood,plywood,birch-plywood,mdf,osb,solid-wood,hardwood,softwood,pallets,plastics,acrylic,pla,abs,petg,pet,polycarbonate,hdpe,foam,metals,steel,stainless-steel,aluminium,copper,brass,textiles,cotton,wool,synthetic-fabric,leather,glass,paper-board,cardboard,paper,electronics,components,cables,stone,machine-time,laser-cutting,cnc-milling,3d-printing,other,', ',' || category || ','))
  || CASE category
    WHEN 'birch-plywood' THEN ' ' || char(58368 + instr(',wood,plywood,birch-plywood,mdf,osb,solid-wood,hardwood,softwood,pallets,plastics,acrylic,pla,abs,petg,pet,polycarbonate,hdpe,foam,metals,steel,stainless-steel,aluminium,copper,brass,textiles,cotton,wool,synthetic-fabric,leather,glass,paper-board,cardboard,paper,electronics,components,cables,stone,machine-time,laser-cutting,cnc-milling,3d-printing,other,', ',plywood,'))
    WHEN 'hardwood' THEN ' ' || char(58368 + instr(',wood,plywood,birch-plywood,mdf,osb,solid-wood,hardwood,softwood,pallets,plastics,acrylic,pla,abs,petg,pet,polycarbonate,hdpe,foam,metals,steel,stainless-steel,aluminium,copper,brass,textiles,cotton,wool,synthetic-fabric,leather,glass,paper-board,cardboard,paper,electronics,components,cables,stone,machine-time,laser-cutting,cnc-milling,3d-printing,other,', ',solid-wood,'))
    WHEN 'softwood' THEN ' ' || char(58368 + instr(',wood,plywood,birch-plywood,mdf,osb,solid-wood,hardwood,softwood,pallets,plastics,acrylic,pla,abs,petg,pet,polycarbonate,hdpe,foam,metals,steel,stainless-steel,aluminium,copper,brass,textiles,cotton,wool,synthetic-fabric,leather,glass,paper-board,cardboard,paper,electronics,components,cables,stone,machine-time,laser-cutting,cnc-milling,3d-printing,other,', ',solid-wood,'))
    ELSE '' END
  || CASE WHEN family <> category THEN ' ' || char(58368 + instr(',wood,plywood,birch-plywood,mdf,osb,solid-wood,hardwood,softwood,pallets,plastics,acrylic,pla,abs,petg,pet,polycarbonate,hdpe,foam,metals,steel,stainless-steel,aluminium,copper,brass,textiles,cotton,wool,synthetic-fabric,leather,glass,paper-board,cardboard,paper,electronics,components,cables,stone,machine-time,laser-cutting,cnc-milling,3d-printing,other,', ',' || family || ',')) ELSE '' END
  || ' ' || char(59392 + instr(',material,offcut,reclaimed,machine_time,', ',' || kind || ','))
  || ' ' || char(59648 + instr(',new,as_new,good,used,for_parts,', ',' || condition || ','))
  || ' ' || char(59904 + instr(',free,swap,amount,', ',' || price_type || ','))
  || CASE WHEN sized THEN ' ' || char(60161) ELSE '' END
) VIRTUAL;
ALTER TABLE requests ADD COLUMN filter_keys TEXT GENERATED ALWAYS AS (
  char(58368 + instr(',wood,plywood,birch-plywood,mdf,osb,solid-wood,hardwood,softwood,pallets,plastics,acrylic,pla,abs,petg,pet,polycarbonate,hdpe,foam,metals,steel,stainless-steel,aluminium,copper,brass,textiles,cotton,wool,synthetic-fabric,leather,glass,paper-board,cardboard,paper,electronics,components,cables,stone,machine-time,laser-cutting,cnc-milling,3d-printing,other,', ',' || category || ','))
  || CASE category
    WHEN 'birch-plywood' THEN ' ' || char(58368 + instr(',wood,plywood,birch-plywood,mdf,osb,solid-wood,hardwood,softwood,pallets,plastics,acrylic,pla,abs,petg,pet,polycarbonate,hdpe,foam,metals,steel,stainless-steel,aluminium,copper,brass,textiles,cotton,wool,synthetic-fabric,leather,glass,paper-board,cardboard,paper,electronics,components,cables,stone,machine-time,laser-cutting,cnc-milling,3d-printing,other,', ',plywood,'))
    WHEN 'hardwood' THEN ' ' || char(58368 + instr(',wood,plywood,birch-plywood,mdf,osb,solid-wood,hardwood,softwood,pallets,plastics,acrylic,pla,abs,petg,pet,polycarbonate,hdpe,foam,metals,steel,stainless-steel,aluminium,copper,brass,textiles,cotton,wool,synthetic-fabric,leather,glass,paper-board,cardboard,paper,electronics,components,cables,stone,machine-time,laser-cutting,cnc-milling,3d-printing,other,', ',solid-wood,'))
    WHEN 'softwood' THEN ' ' || char(58368 + instr(',wood,plywood,birch-plywood,mdf,osb,solid-wood,hardwood,softwood,pallets,plastics,acrylic,pla,abs,petg,pet,polycarbonate,hdpe,foam,metals,steel,stainless-steel,aluminium,copper,brass,textiles,cotton,wool,synthetic-fabric,leather,glass,paper-board,cardboard,paper,electronics,components,cables,stone,machine-time,laser-cutting,cnc-milling,3d-printing,other,', ',solid-wood,'))
    ELSE '' END
  || CASE WHEN family <> category THEN ' ' || char(58368 + instr(',wood,plywood,birch-plywood,mdf,osb,solid-wood,hardwood,softwood,pallets,plastics,acrylic,pla,abs,petg,pet,polycarbonate,hdpe,foam,metals,steel,stainless-steel,aluminium,copper,brass,textiles,cotton,wool,synthetic-fabric,leather,glass,paper-board,cardboard,paper,electronics,components,cables,stone,machine-time,laser-cutting,cnc-milling,3d-printing,other,', ',' || family || ',')) ELSE '' END
) VIRTUAL;

-- The network-wide indexes (newest first across the network): rebuilt from their tables.
DROP TRIGGER listings_fts_insert;
DROP TRIGGER listings_fts_update;
DROP TABLE listings_fts;
CREATE VIRTUAL TABLE listings_fts USING fts5 (
  title, search_terms, description, hub_key, filter_keys, content = 'listings', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2', prefix = '3 4 5 6 7 8 9 10 11 12'
);
CREATE TRIGGER listings_fts_insert AFTER INSERT ON listings BEGIN
  INSERT INTO listings_fts (rowid, title, search_terms, description, hub_key, filter_keys)
    VALUES (new.id, new.title, new.search_terms, new.description, new.hub_key, new.filter_keys);
END;
CREATE TRIGGER listings_fts_update
AFTER UPDATE OF title, description, category, hub_id, kind, condition, price_type, length_mm, width_mm ON listings BEGIN
  INSERT INTO listings_fts (listings_fts, rowid, title, search_terms, description, hub_key, filter_keys)
    VALUES ('delete', old.id, old.title, old.search_terms, old.description, old.hub_key, old.filter_keys);
  INSERT INTO listings_fts (rowid, title, search_terms, description, hub_key, filter_keys)
    VALUES (new.id, new.title, new.search_terms, new.description, new.hub_key, new.filter_keys);
END;
INSERT INTO listings_fts (listings_fts) VALUES ('rebuild');
INSERT INTO listings_fts (listings_fts, rank) VALUES ('usermerge', 2);

DROP TRIGGER requests_fts_insert;
DROP TRIGGER requests_fts_update;
DROP TABLE requests_fts;
CREATE VIRTUAL TABLE requests_fts USING fts5 (
  title, search_terms, description, hub_key, filter_keys, content = 'requests', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2', prefix = '3 4 5 6 7 8 9 10 11 12'
);
CREATE TRIGGER requests_fts_insert AFTER INSERT ON requests BEGIN
  INSERT INTO requests_fts (rowid, title, search_terms, description, hub_key, filter_keys)
    VALUES (new.id, new.title, new.search_terms, new.description, new.hub_key, new.filter_keys);
END;
CREATE TRIGGER requests_fts_update AFTER UPDATE OF title, description, category, hub_id ON requests BEGIN
  INSERT INTO requests_fts (requests_fts, rowid, title, search_terms, description, hub_key, filter_keys)
    VALUES ('delete', old.id, old.title, old.search_terms, old.description, old.hub_key, old.filter_keys);
  INSERT INTO requests_fts (rowid, title, search_terms, description, hub_key, filter_keys)
    VALUES (new.id, new.title, new.search_terms, new.description, new.hub_key, new.filter_keys);
END;
INSERT INTO requests_fts (requests_fts) VALUES ('rebuild');
INSERT INTO requests_fts (requests_fts, rank) VALUES ('usermerge', 2);

-- The hub-ordered indexes (migration 0048): the same rows (rowids, end markers), each with the
-- filter's tokens, the titles' rows too (the best band reads those alone).
DROP TRIGGER hubs_hub_fts_ends;
DROP TRIGGER listings_hub_fts_insert;
DROP TRIGGER listings_hub_fts_update;
DROP TRIGGER requests_hub_fts_insert;
DROP TRIGGER requests_hub_fts_update;
DROP TABLE listings_hub_fts;
DROP TABLE requests_hub_fts;
CREATE VIRTUAL TABLE listings_hub_fts USING fts5 (
  title, search_terms, description, filter_keys, content = '',
  tokenize = 'unicode61 remove_diacritics 2', prefix = '3 4 5 6 7 8 9 10 11 12'
);
CREATE VIRTUAL TABLE requests_hub_fts USING fts5 (
  title, search_terms, description, filter_keys, content = '',
  tokenize = 'unicode61 remove_diacritics 2', prefix = '3 4 5 6 7 8 9 10 11 12'
);
INSERT INTO listings_hub_fts (listings_hub_fts, rank) VALUES ('automerge', 2);
INSERT INTO requests_hub_fts (requests_hub_fts, rank) VALUES ('automerge', 2);

INSERT INTO listings_hub_fts (rowid, title, search_terms, description, filter_keys)
  SELECT id * 8589934592 + 4294967295, 'omloophubend', 'omloophubend', 'omloophubend', 'omloophubend' FROM hubs
  UNION ALL
  SELECT id * 8589934592 + 8589934591, 'omloophubend', 'omloophubend', 'omloophubend', 'omloophubend' FROM hubs;
INSERT INTO listings_hub_fts (rowid, title, filter_keys)
  SELECT hub_id * 8589934592 + 4294967295 - id, title, filter_keys FROM listings;
INSERT INTO listings_hub_fts (rowid, title, search_terms, description, filter_keys)
  SELECT hub_id * 8589934592 + 8589934591 - id, title, search_terms, description, filter_keys FROM listings;
INSERT INTO listings_hub_fts (listings_hub_fts) VALUES ('optimize');
INSERT INTO listings_hub_fts (listings_hub_fts, rank) VALUES ('usermerge', 2);

INSERT INTO requests_hub_fts (rowid, title, search_terms, description, filter_keys)
  SELECT id * 8589934592 + 4294967295, 'omloophubend', 'omloophubend', 'omloophubend', 'omloophubend' FROM hubs
  UNION ALL
  SELECT id * 8589934592 + 8589934591, 'omloophubend', 'omloophubend', 'omloophubend', 'omloophubend' FROM hubs;
INSERT INTO requests_hub_fts (rowid, title, filter_keys)
  SELECT hub_id * 8589934592 + 4294967295 - id, title, filter_keys FROM requests;
INSERT INTO requests_hub_fts (rowid, title, search_terms, description, filter_keys)
  SELECT hub_id * 8589934592 + 8589934591 - id, title, search_terms, description, filter_keys FROM requests;
INSERT INTO requests_hub_fts (requests_hub_fts) VALUES ('optimize');
INSERT INTO requests_hub_fts (requests_hub_fts, rank) VALUES ('usermerge', 2);

CREATE TRIGGER hubs_hub_fts_ends AFTER INSERT ON hubs BEGIN
  INSERT INTO listings_hub_fts (rowid, title, search_terms, description, filter_keys)
    VALUES (new.id * 8589934592 + 4294967295, 'omloophubend', 'omloophubend', 'omloophubend', 'omloophubend'),
      (new.id * 8589934592 + 8589934591, 'omloophubend', 'omloophubend', 'omloophubend', 'omloophubend');
  INSERT INTO requests_hub_fts (rowid, title, search_terms, description, filter_keys)
    VALUES (new.id * 8589934592 + 4294967295, 'omloophubend', 'omloophubend', 'omloophubend', 'omloophubend'),
      (new.id * 8589934592 + 8589934591, 'omloophubend', 'omloophubend', 'omloophubend', 'omloophubend');
END;

CREATE TRIGGER listings_hub_fts_insert AFTER INSERT ON listings BEGIN
  INSERT INTO listings_hub_fts (rowid, title, filter_keys)
    VALUES (new.hub_id * 8589934592 + 4294967295 - new.id, new.title, new.filter_keys);
  INSERT INTO listings_hub_fts (rowid, title, search_terms, description, filter_keys)
    VALUES (new.hub_id * 8589934592 + 8589934591 - new.id, new.title, new.search_terms, new.description, new.filter_keys);
END;
CREATE TRIGGER listings_hub_fts_update
AFTER UPDATE OF title, description, category, hub_id, kind, condition, price_type, length_mm, width_mm ON listings BEGIN
  INSERT INTO listings_hub_fts (listings_hub_fts, rowid, title, filter_keys)
    VALUES ('delete', old.hub_id * 8589934592 + 4294967295 - old.id, old.title, old.filter_keys);
  INSERT INTO listings_hub_fts (listings_hub_fts, rowid, title, search_terms, description, filter_keys)
    VALUES ('delete', old.hub_id * 8589934592 + 8589934591 - old.id, old.title, old.search_terms, old.description, old.filter_keys);
  INSERT INTO listings_hub_fts (rowid, title, filter_keys)
    VALUES (new.hub_id * 8589934592 + 4294967295 - new.id, new.title, new.filter_keys);
  INSERT INTO listings_hub_fts (rowid, title, search_terms, description, filter_keys)
    VALUES (new.hub_id * 8589934592 + 8589934591 - new.id, new.title, new.search_terms, new.description, new.filter_keys);
END;

CREATE TRIGGER requests_hub_fts_insert AFTER INSERT ON requests BEGIN
  INSERT INTO requests_hub_fts (rowid, title, filter_keys)
    VALUES (new.hub_id * 8589934592 + 4294967295 - new.id, new.title, new.filter_keys);
  INSERT INTO requests_hub_fts (rowid, title, search_terms, description, filter_keys)
    VALUES (new.hub_id * 8589934592 + 8589934591 - new.id, new.title, new.search_terms, new.description, new.filter_keys);
END;
CREATE TRIGGER requests_hub_fts_update AFTER UPDATE OF title, description, category, hub_id ON requests BEGIN
  INSERT INTO requests_hub_fts (requests_hub_fts, rowid, title, filter_keys)
    VALUES ('delete', old.hub_id * 8589934592 + 4294967295 - old.id, old.title, old.filter_keys);
  INSERT INTO requests_hub_fts (requests_hub_fts, rowid, title, search_terms, description, filter_keys)
    VALUES ('delete', old.hub_id * 8589934592 + 8589934591 - old.id, old.title, old.search_terms, old.description, old.filter_keys);
  INSERT INTO requests_hub_fts (rowid, title, filter_keys)
    VALUES (new.hub_id * 8589934592 + 4294967295 - new.id, new.title, new.filter_keys);
  INSERT INTO requests_hub_fts (rowid, title, search_terms, description, filter_keys)
    VALUES (new.hub_id * 8589934592 + 8589934591 - new.id, new.title, new.search_terms, new.description, new.filter_keys);
END;
