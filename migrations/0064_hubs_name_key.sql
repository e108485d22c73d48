-- The hubs directory found by words (GET /hubs?q=) reads a page of its matches, not every hub
-- holding the words sorted by name: each hub gets a key in the order of its name (whatever its
-- case), then id, and the full-text index of hubs (0058) is keyed by it instead of the hub's id,
-- so the index yields its matches in name order and stops at the page (on the bench's 2,007 hubs,
-- "city 12" read 444 rows for a page of 50). A picker's first matches are the first by name too.
--
-- name_key = position * 2^20 + id: the low 20 bits are the hub's id (0062 keeps ids below 2^20),
-- so a match leads to its hub by the primary key. Positions are numbered evenly over a bank of
-- 2^41 (about 2^30 apart for 2,000 hubs). A hub created or renamed takes the middle of the gap
-- between its neighbours by name (a seek of hubs_name each side); after the last one 2^20 more,
-- before the first 2^20 less. Positions live in one of two banks, [0, 2^41) and [2^41, 2^42):
-- when a gap holds no whole position, every hub is numbered again in the other bank, in one
-- statement, so no two hubs share a key while they move. That rewrites each hub's entry of the
-- index (about 30 hubs created between the same two neighbours, in name order or its reverse,
-- use a gap up); test/integration/hubs.find.test.ts walks both orders and both ends.
ALTER TABLE hubs ADD COLUMN name_key INTEGER;

UPDATE hubs SET name_key = r.n * (SELECT 2199023255552 / (count(*) + 1) FROM hubs) * 1048576 + hubs.id
  FROM (SELECT id, row_number() OVER (ORDER BY name COLLATE NOCASE, id) AS n FROM hubs) r
  WHERE r.id = hubs.id;

DROP TRIGGER hubs_fts_insert;
DROP TRIGGER hubs_fts_update;
DROP TRIGGER hubs_fts_delete;
DELETE FROM hubs_fts;
INSERT INTO hubs_fts (rowid, name, place) SELECT name_key, name, city || coalesce(' ' || (SELECT names FROM city_names WHERE spelling = lower(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(trim(city), 'À', 'à'), 'Â', 'â'), 'Ä', 'ä'), 'Ç', 'ç'), 'È', 'è'), 'É', 'é'), 'Ê', 'ê'), 'Ë', 'ë'), 'Î', 'î'), 'Ï', 'ï'), 'Ô', 'ô'), 'Ö', 'ö'), 'Ù', 'ù'), 'Û', 'û'), 'Ü', 'ü'))), '') FROM hubs;

-- A hub created or renamed loses its key (and its entry of the index); hubs_name_key_place gives
-- it one in its place by name.
CREATE TRIGGER hubs_name_key_insert AFTER INSERT ON hubs BEGIN
  UPDATE hubs SET name_key = NULL WHERE id = new.id;
END;

CREATE TRIGGER hubs_name_key_rename AFTER UPDATE OF name ON hubs WHEN old.name IS NOT new.name BEGIN
  DELETE FROM hubs_fts WHERE rowid = old.name_key;
  UPDATE hubs SET name_key = NULL WHERE id = new.id;
END;

-- Between the positions P and S of the hubs just before and after by name: the middle; after the
-- last, P + 2^20 (or half of what is left of the bank); before the first, S - 2^20 (or half of
-- what is left); the very first hub 2^20. A gap with no whole position left numbers every hub
-- again in the other bank first.
CREATE TRIGGER hubs_name_key_place AFTER UPDATE OF name_key ON hubs WHEN new.name_key IS NULL BEGIN
  UPDATE hubs SET name_key = ((1 - g.bank) * 2199023255552 + r.n * (SELECT 2199023255552 / (count(*) + 1) FROM hubs)) * 1048576 + hubs.id
    FROM (SELECT id, row_number() OVER (ORDER BY name COLLATE NOCASE, id) AS n FROM hubs) r,
      (SELECT coalesce(k.p, k.s, 0) >> 41 AS bank FROM (SELECT (SELECT p.name_key >> 20 FROM hubs p WHERE p.name COLLATE NOCASE <= new.name
        AND (p.name COLLATE NOCASE < new.name OR p.id < new.id) AND p.id <> new.id
        ORDER BY p.name COLLATE NOCASE DESC, p.id DESC LIMIT 1) AS p, (SELECT s.name_key >> 20 FROM hubs s WHERE s.name COLLATE NOCASE >= new.name
        AND (s.name COLLATE NOCASE > new.name OR s.id > new.id) AND s.id <> new.id
        ORDER BY s.name COLLATE NOCASE, s.id LIMIT 1) AS s) k
        WHERE CASE
          WHEN k.p IS NOT NULL AND k.s IS NOT NULL THEN k.s - k.p < 2
          WHEN k.p IS NOT NULL THEN ((k.p >> 41) + 1) * 2199023255552 - k.p < 2
          WHEN k.s IS NOT NULL THEN k.s - (k.s >> 41) * 2199023255552 < 2
          ELSE 0 END) g
    WHERE r.id = hubs.id;
  UPDATE hubs SET name_key = (SELECT CASE
      WHEN k.p IS NOT NULL AND k.s IS NOT NULL THEN k.p + (k.s - k.p) / 2
      WHEN k.p IS NOT NULL THEN k.p + min(1048576, (((k.p >> 41) + 1) * 2199023255552 - k.p) / 2)
      WHEN k.s IS NOT NULL THEN k.s - min(1048576, (k.s - (k.s >> 41) * 2199023255552) / 2)
      ELSE 1048576 END * 1048576 + new.id
    FROM (SELECT (SELECT p.name_key >> 20 FROM hubs p WHERE p.name COLLATE NOCASE <= new.name
        AND (p.name COLLATE NOCASE < new.name OR p.id < new.id) AND p.id <> new.id
        ORDER BY p.name COLLATE NOCASE DESC, p.id DESC LIMIT 1) AS p, (SELECT s.name_key >> 20 FROM hubs s WHERE s.name COLLATE NOCASE >= new.name
        AND (s.name COLLATE NOCASE > new.name OR s.id > new.id) AND s.id <> new.id
        ORDER BY s.name COLLATE NOCASE, s.id LIMIT 1) AS s) k)
    WHERE id = new.id AND name_key IS NULL;
END;

-- A hub's key set or moved: its entry of the index follows.
CREATE TRIGGER hubs_name_key_fts AFTER UPDATE OF name_key ON hubs WHEN new.name_key IS NOT NULL BEGIN
  DELETE FROM hubs_fts WHERE rowid = old.name_key;
  INSERT INTO hubs_fts (rowid, name, place) VALUES (new.name_key, new.name, new.city || coalesce(' ' || (SELECT names FROM city_names WHERE spelling = lower(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(trim(new.city), 'À', 'à'), 'Â', 'â'), 'Ä', 'ä'), 'Ç', 'ç'), 'È', 'è'), 'É', 'é'), 'Ê', 'ê'), 'Ë', 'ë'), 'Î', 'î'), 'Ï', 'ï'), 'Ô', 'ô'), 'Ö', 'ö'), 'Ù', 'ù'), 'Û', 'û'), 'Ü', 'ü'))), ''));
END;

CREATE TRIGGER hubs_fts_city AFTER UPDATE OF city ON hubs BEGIN
  UPDATE hubs_fts SET place = new.city || coalesce(' ' || (SELECT names FROM city_names WHERE spelling = lower(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(trim(new.city), 'À', 'à'), 'Â', 'â'), 'Ä', 'ä'), 'Ç', 'ç'), 'È', 'è'), 'É', 'é'), 'Ê', 'ê'), 'Ë', 'ë'), 'Î', 'î'), 'Ï', 'ï'), 'Ô', 'ô'), 'Ö', 'ö'), 'Ù', 'ù'), 'Û', 'û'), 'Ü', 'ü'))), '')
    WHERE rowid = (SELECT name_key FROM hubs WHERE id = new.id);
END;

CREATE TRIGGER hubs_fts_delete AFTER DELETE ON hubs BEGIN
  DELETE FROM hubs_fts WHERE rowid = old.name_key;
END;
