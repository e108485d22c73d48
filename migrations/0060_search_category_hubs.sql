-- Hubs holding words of a category, found by a seek per hub: a second region of the
-- category-ordered index (migration 0056), its rows ordered by category range, then hub, then
-- (as a hub's range of the hub-ordered index, migration 0048) titles alone, then whole rows,
-- newest first. A rowid is 2^62 + range place × 2^53 + hub_id × 2^33 + (its titles: 2^32 − 1 − id;
-- its whole row: 2^33 − 1 − id); the range place is 0056's (the same CASE, `categoryRange`).
-- Hub ids below 2^20 (a million hubs): a hub above would share the next range's rowids.
-- Each range of the region ends with the end marker `omloophubend` (at its last rowid), so a
-- query that is an AND stops at the range's end.
--
-- Why: words with a category near a point first list the hubs holding rows with both (the
-- walk of `hubsHoldingWords`, a seek from each such hub to the next). On the hub-ordered index
-- the walk proves "the words AND the category's token" hub by hub: where the words are common in
-- other categories and the category common in other hubs, it leapfrogs over every hub holding
-- either (`q=birch&near=51.05,3.72&category=solid-wood` at a million listings and 2,007 hubs:
-- about 960 hubs for the 41 holding both, 9 ms of SQLite, 0.39–0.45 × the bare route). In the
-- category's range of this region every row holds the category, so the walk is one seek per hub
-- holding the words there (0.4 ms for the same 41 hubs).
-- The cost: the listings' words once more in the index (about a quarter more database at a
-- million listings) and two more index rows written with each listing. The same table as the
-- category-ordered rows (its own rowids): folded, backed up and checked as it is.

-- The end of each range of the region.
INSERT INTO listings_cat_fts (rowid, title, search_terms, description, filter_keys)
  SELECT column1, 'omloophubend', 'omloophubend', 'omloophubend', 'omloophubend' FROM (VALUES
  (4611686018427387904 + 0 * 9007199254740992 + 9007199254740991),
  (4611686018427387904 + 1 * 9007199254740992 + 9007199254740991),
  (4611686018427387904 + 6 * 9007199254740992 + 9007199254740991),
  (4611686018427387904 + 14 * 9007199254740992 + 9007199254740991),
  (4611686018427387904 + 28 * 9007199254740992 + 9007199254740991),
  (4611686018427387904 + 32 * 9007199254740992 + 9007199254740991),
  (4611686018427387904 + 36 * 9007199254740992 + 9007199254740991),
  (4611686018427387904 + 47 * 9007199254740992 + 9007199254740991),
  (4611686018427387904 + 56 * 9007199254740992 + 9007199254740991),
  (4611686018427387904 + 65 * 9007199254740992 + 9007199254740991),
  (4611686018427387904 + 73 * 9007199254740992 + 9007199254740991),
  (4611686018427387904 + 82 * 9007199254740992 + 9007199254740991),
  (4611686018427387904 + 90 * 9007199254740992 + 9007199254740991),
  (4611686018427387904 + 94 * 9007199254740992 + 9007199254740991),
  (4611686018427387904 + 98 * 9007199254740992 + 9007199254740991),
  (4611686018427387904 + 103 * 9007199254740992 + 9007199254740991),
  (4611686018427387904 + 107 * 9007199254740992 + 9007199254740991),
  (4611686018427387904 + 121 * 9007199254740992 + 9007199254740991),
  (4611686018427387904 + 126 * 9007199254740992 + 9007199254740991),
  (4611686018427387904 + 131 * 9007199254740992 + 9007199254740991),
  (4611686018427387904 + 138 * 9007199254740992 + 9007199254740991),
  (4611686018427387904 + 144 * 9007199254740992 + 9007199254740991),
  (4611686018427387904 + 160 * 9007199254740992 + 9007199254740991),
  (4611686018427387904 + 170 * 9007199254740992 + 9007199254740991),
  (4611686018427387904 + 177 * 9007199254740992 + 9007199254740991),
  (4611686018427387904 + 183 * 9007199254740992 + 9007199254740991),
  (4611686018427387904 + 192 * 9007199254740992 + 9007199254740991),
  (4611686018427387904 + 199 * 9007199254740992 + 9007199254740991),
  (4611686018427387904 + 204 * 9007199254740992 + 9007199254740991),
  (4611686018427387904 + 221 * 9007199254740992 + 9007199254740991),
  (4611686018427387904 + 229 * 9007199254740992 + 9007199254740991),
  (4611686018427387904 + 235 * 9007199254740992 + 9007199254740991),
  (4611686018427387904 + 247 * 9007199254740992 + 9007199254740991),
  (4611686018427387904 + 257 * 9007199254740992 + 9007199254740991),
  (4611686018427387904 + 263 * 9007199254740992 + 9007199254740991),
  (4611686018427387904 + 275 * 9007199254740992 + 9007199254740991),
  (4611686018427387904 + 286 * 9007199254740992 + 9007199254740991),
  (4611686018427387904 + 293 * 9007199254740992 + 9007199254740991),
  (4611686018427387904 + 299 * 9007199254740992 + 9007199254740991),
  (4611686018427387904 + 312 * 9007199254740992 + 9007199254740991),
  (4611686018427387904 + 326 * 9007199254740992 + 9007199254740991),
  (4611686018427387904 + 338 * 9007199254740992 + 9007199254740991),
  (4611686018427387904 + 350 * 9007199254740992 + 9007199254740991));

INSERT INTO listings_cat_fts (rowid, title, filter_keys)
  SELECT 4611686018427387904 + instr(',wood,plywood,birch-plywood,mdf,osb,solid-wood,hardwood,softwood,pallets,plastics,acrylic,pla,abs,petg,pet,polycarbonate,hdpe,foam,metals,steel,stainless-steel,aluminium,copper,brass,textiles,cotton,wool,synthetic-fabric,leather,glass,paper-board,cardboard,paper,electronics,components,cables,stone,machine-time,laser-cutting,cnc-milling,3d-printing,other,', ',' || CASE l.category WHEN 'birch-plywood' THEN 'plywood' WHEN 'hardwood' THEN 'solid-wood' WHEN 'softwood' THEN 'solid-wood' ELSE l.category END || ',') * 9007199254740992 + l.hub_id * 8589934592 + 4294967295 - l.id, l.title, l.filter_keys FROM listings l;
INSERT INTO listings_cat_fts (rowid, title, search_terms, description, filter_keys)
  SELECT 4611686018427387904 + instr(',wood,plywood,birch-plywood,mdf,osb,solid-wood,hardwood,softwood,pallets,plastics,acrylic,pla,abs,petg,pet,polycarbonate,hdpe,foam,metals,steel,stainless-steel,aluminium,copper,brass,textiles,cotton,wool,synthetic-fabric,leather,glass,paper-board,cardboard,paper,electronics,components,cables,stone,machine-time,laser-cutting,cnc-milling,3d-printing,other,', ',' || CASE l.category WHEN 'birch-plywood' THEN 'plywood' WHEN 'hardwood' THEN 'solid-wood' WHEN 'softwood' THEN 'solid-wood' ELSE l.category END || ',') * 9007199254740992 + l.hub_id * 8589934592 + 8589934591 - l.id, l.title, l.search_terms, l.description, l.filter_keys FROM listings l;
INSERT INTO listings_cat_fts (listings_cat_fts) VALUES ('optimize');
INSERT INTO listings_cat_fts (listings_cat_fts, rank) VALUES ('usermerge', 2);

CREATE TRIGGER listings_cat_hub_fts_insert AFTER INSERT ON listings BEGIN
  INSERT INTO listings_cat_fts (rowid, title, filter_keys)
    VALUES (4611686018427387904 + instr(',wood,plywood,birch-plywood,mdf,osb,solid-wood,hardwood,softwood,pallets,plastics,acrylic,pla,abs,petg,pet,polycarbonate,hdpe,foam,metals,steel,stainless-steel,aluminium,copper,brass,textiles,cotton,wool,synthetic-fabric,leather,glass,paper-board,cardboard,paper,electronics,components,cables,stone,machine-time,laser-cutting,cnc-milling,3d-printing,other,', ',' || CASE new.category WHEN 'birch-plywood' THEN 'plywood' WHEN 'hardwood' THEN 'solid-wood' WHEN 'softwood' THEN 'solid-wood' ELSE new.category END || ',') * 9007199254740992 + new.hub_id * 8589934592 + 4294967295 - new.id, new.title, new.filter_keys);
  INSERT INTO listings_cat_fts (rowid, title, search_terms, description, filter_keys)
    VALUES (4611686018427387904 + instr(',wood,plywood,birch-plywood,mdf,osb,solid-wood,hardwood,softwood,pallets,plastics,acrylic,pla,abs,petg,pet,polycarbonate,hdpe,foam,metals,steel,stainless-steel,aluminium,copper,brass,textiles,cotton,wool,synthetic-fabric,leather,glass,paper-board,cardboard,paper,electronics,components,cables,stone,machine-time,laser-cutting,cnc-milling,3d-printing,other,', ',' || CASE new.category WHEN 'birch-plywood' THEN 'plywood' WHEN 'hardwood' THEN 'solid-wood' WHEN 'softwood' THEN 'solid-wood' ELSE new.category END || ',') * 9007199254740992 + new.hub_id * 8589934592 + 8589934591 - new.id, new.title, new.search_terms, new.description, new.filter_keys);
END;
-- As the category-ordered rows' trigger, and a move to another hub.
CREATE TRIGGER listings_cat_hub_fts_update
AFTER UPDATE OF title, description, category, hub_id, kind, condition, price_type, length_mm, width_mm ON listings BEGIN
  INSERT INTO listings_cat_fts (listings_cat_fts, rowid, title, filter_keys)
    VALUES ('delete', 4611686018427387904 + instr(',wood,plywood,birch-plywood,mdf,osb,solid-wood,hardwood,softwood,pallets,plastics,acrylic,pla,abs,petg,pet,polycarbonate,hdpe,foam,metals,steel,stainless-steel,aluminium,copper,brass,textiles,cotton,wool,synthetic-fabric,leather,glass,paper-board,cardboard,paper,electronics,components,cables,stone,machine-time,laser-cutting,cnc-milling,3d-printing,other,', ',' || CASE old.category WHEN 'birch-plywood' THEN 'plywood' WHEN 'hardwood' THEN 'solid-wood' WHEN 'softwood' THEN 'solid-wood' ELSE old.category END || ',') * 9007199254740992 + old.hub_id * 8589934592 + 4294967295 - old.id, old.title, old.filter_keys);
  INSERT INTO listings_cat_fts (listings_cat_fts, rowid, title, search_terms, description, filter_keys)
    VALUES ('delete', 4611686018427387904 + instr(',wood,plywood,birch-plywood,mdf,osb,solid-wood,hardwood,softwood,pallets,plastics,acrylic,pla,abs,petg,pet,polycarbonate,hdpe,foam,metals,steel,stainless-steel,aluminium,copper,brass,textiles,cotton,wool,synthetic-fabric,leather,glass,paper-board,cardboard,paper,electronics,components,cables,stone,machine-time,laser-cutting,cnc-milling,3d-printing,other,', ',' || CASE old.category WHEN 'birch-plywood' THEN 'plywood' WHEN 'hardwood' THEN 'solid-wood' WHEN 'softwood' THEN 'solid-wood' ELSE old.category END || ',') * 9007199254740992 + old.hub_id * 8589934592 + 8589934591 - old.id, old.title, old.search_terms, old.description, old.filter_keys);
  INSERT INTO listings_cat_fts (rowid, title, filter_keys)
    VALUES (4611686018427387904 + instr(',wood,plywood,birch-plywood,mdf,osb,solid-wood,hardwood,softwood,pallets,plastics,acrylic,pla,abs,petg,pet,polycarbonate,hdpe,foam,metals,steel,stainless-steel,aluminium,copper,brass,textiles,cotton,wool,synthetic-fabric,leather,glass,paper-board,cardboard,paper,electronics,components,cables,stone,machine-time,laser-cutting,cnc-milling,3d-printing,other,', ',' || CASE new.category WHEN 'birch-plywood' THEN 'plywood' WHEN 'hardwood' THEN 'solid-wood' WHEN 'softwood' THEN 'solid-wood' ELSE new.category END || ',') * 9007199254740992 + new.hub_id * 8589934592 + 4294967295 - new.id, new.title, new.filter_keys);
  INSERT INTO listings_cat_fts (rowid, title, search_terms, description, filter_keys)
    VALUES (4611686018427387904 + instr(',wood,plywood,birch-plywood,mdf,osb,solid-wood,hardwood,softwood,pallets,plastics,acrylic,pla,abs,petg,pet,polycarbonate,hdpe,foam,metals,steel,stainless-steel,aluminium,copper,brass,textiles,cotton,wool,synthetic-fabric,leather,glass,paper-board,cardboard,paper,electronics,components,cables,stone,machine-time,laser-cutting,cnc-milling,3d-printing,other,', ',' || CASE new.category WHEN 'birch-plywood' THEN 'plywood' WHEN 'hardwood' THEN 'solid-wood' WHEN 'softwood' THEN 'solid-wood' ELSE new.category END || ',') * 9007199254740992 + new.hub_id * 8589934592 + 8589934591 - new.id, new.title, new.search_terms, new.description, new.filter_keys);
END;
