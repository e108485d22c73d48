-- A hub's city in capitals with accents ("LIÈGE") found by its other names too: SQLite's lower()
-- folds ASCII letters only, so "LIÈGE" became "liÈge", which city_names (migration 0058) does not
-- hold, and the hub was not found by "Luik". The triggers of 0058 again, with the capitals of
-- French and Dutch spellings (À Â Ä Ç È É Ê Ë Î Ï Ô Ö Ù Û Ü) lowered before the look-up, and every
-- hub's place indexed again.
DROP TRIGGER hubs_fts_insert;
DROP TRIGGER hubs_fts_update;

CREATE TRIGGER hubs_fts_insert AFTER INSERT ON hubs BEGIN
  INSERT INTO hubs_fts (rowid, name, place)
    VALUES (new.id, new.name, new.city || coalesce(' ' || (SELECT names FROM city_names WHERE spelling = lower(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(trim(new.city), 'À', 'à'), 'Â', 'â'), 'Ä', 'ä'), 'Ç', 'ç'), 'È', 'è'), 'É', 'é'), 'Ê', 'ê'), 'Ë', 'ë'), 'Î', 'î'), 'Ï', 'ï'), 'Ô', 'ô'), 'Ö', 'ö'), 'Ù', 'ù'), 'Û', 'û'), 'Ü', 'ü'))), ''));
END;

CREATE TRIGGER hubs_fts_update AFTER UPDATE OF name, city ON hubs BEGIN
  UPDATE hubs_fts
    SET name = new.name,
      place = new.city || coalesce(' ' || (SELECT names FROM city_names WHERE spelling = lower(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(trim(new.city), 'À', 'à'), 'Â', 'â'), 'Ä', 'ä'), 'Ç', 'ç'), 'È', 'è'), 'É', 'é'), 'Ê', 'ê'), 'Ë', 'ë'), 'Î', 'î'), 'Ï', 'ï'), 'Ô', 'ô'), 'Ö', 'ö'), 'Ù', 'ù'), 'Û', 'û'), 'Ü', 'ü'))), '')
    WHERE rowid = new.id;
END;

UPDATE hubs_fts SET place = (SELECT h.city || coalesce(' ' || (SELECT names FROM city_names WHERE spelling = lower(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(replace(trim(h.city), 'À', 'à'), 'Â', 'â'), 'Ä', 'ä'), 'Ç', 'ç'), 'È', 'è'), 'É', 'é'), 'Ê', 'ê'), 'Ë', 'ë'), 'Î', 'î'), 'Ï', 'ï'), 'Ô', 'ô'), 'Ö', 'ö'), 'Ù', 'ù'), 'Û', 'û'), 'Ü', 'ü'))), '') FROM hubs h WHERE h.id = hubs_fts.rowid);
