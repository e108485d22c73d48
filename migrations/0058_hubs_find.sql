-- Hubs found by the words of their name and their city as a person types (GET /hub-summaries?q=,
-- GET /hubs?q=): a full-text index of each hub's name and place, so a picker or the directory
-- reads the hubs that match, not the hubs table whole (2,000 hubs and more).
--
-- A hub's place is its city as typed and, for the cities Dutch, French and English name
-- differently (src/shared/places.ts), its other names: a hub in "Gent" is found by "Gand" and
-- "Ghent". city_names holds those names by each spelling in lower case, with and without accents
-- (test/integration/hubs.find.test.ts checks it against places.ts). It is the code's data, not the
-- network's: a backup leaves it out, and a restore finds it there before any hub comes back.
CREATE TABLE city_names (
  spelling TEXT PRIMARY KEY,
  names TEXT NOT NULL
) WITHOUT ROWID;

INSERT INTO city_names (spelling, names) VALUES
  ('''s-gravenhage', 'Den Haag La Haye The Hague'),
  ('aachen', 'Aken Aix-la-Chapelle Aachen'),
  ('aalst', 'Aalst Alost'),
  ('aix-la-chapelle', 'Aken Aix-la-Chapelle Aachen'),
  ('aken', 'Aken Aix-la-Chapelle Aachen'),
  ('alost', 'Aalst Alost'),
  ('antwerp', 'Antwerpen Anvers Antwerp'),
  ('antwerpen', 'Antwerpen Anvers Antwerp'),
  ('anvers', 'Antwerpen Anvers Antwerp'),
  ('bergen', 'Bergen Mons'),
  ('bruges', 'Brugge Bruges'),
  ('brugge', 'Brugge Bruges'),
  ('brussel', 'Brussel Bruxelles Brussels'),
  ('brussels', 'Brussel Bruxelles Brussels'),
  ('bruxelles', 'Brussel Bruxelles Brussels'),
  ('bruxelles-ville', 'Brussel Bruxelles Brussels'),
  ('cologne', 'Keulen Cologne'),
  ('courtrai', 'Kortrijk Courtrai'),
  ('den haag', 'Den Haag La Haye The Hague'),
  ('doornik', 'Doornik Tournai'),
  ('gand', 'Gent Gand Ghent'),
  ('gent', 'Gent Gand Ghent'),
  ('ghent', 'Gent Gand Ghent'),
  ('hasselt', 'Hasselt'),
  ('ieper', 'Ieper Ypres'),
  ('keulen', 'Keulen Cologne'),
  ('kortrijk', 'Kortrijk Courtrai'),
  ('la haye', 'Den Haag La Haye The Hague'),
  ('leuven', 'Leuven Louvain'),
  ('liege', 'Luik Liège'),
  ('lille', 'Rijsel Lille'),
  ('liège', 'Luik Liège'),
  ('louvain', 'Leuven Louvain'),
  ('luik', 'Luik Liège'),
  ('luxembourg', 'Luxemburg Luxembourg'),
  ('luxemburg', 'Luxemburg Luxembourg'),
  ('malines', 'Mechelen Malines'),
  ('mechelen', 'Mechelen Malines'),
  ('mons', 'Bergen Mons'),
  ('namen', 'Namen Namur'),
  ('namur', 'Namen Namur'),
  ('nijvel', 'Nijvel Nivelles'),
  ('nivelles', 'Nijvel Nivelles'),
  ('oostende', 'Oostende Ostende Ostend'),
  ('ostend', 'Oostende Ostende Ostend'),
  ('ostende', 'Oostende Ostende Ostend'),
  ('parijs', 'Parijs Paris'),
  ('paris', 'Parijs Paris'),
  ('rijsel', 'Rijsel Lille'),
  ('saint-nicolas', 'Sint-Niklaas Saint-Nicolas'),
  ('sint-niklaas', 'Sint-Niklaas Saint-Nicolas'),
  ('the hague', 'Den Haag La Haye The Hague'),
  ('tongeren', 'Tongeren Tongres'),
  ('tongres', 'Tongeren Tongres'),
  ('tournai', 'Doornik Tournai'),
  ('ypres', 'Ieper Ypres');

-- Accents fold ("liege" finds Liège); prefixes of two and three letters are indexed for typing.
CREATE VIRTUAL TABLE hubs_fts USING fts5 (name, place, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');

CREATE TRIGGER hubs_fts_insert AFTER INSERT ON hubs BEGIN
  INSERT INTO hubs_fts (rowid, name, place)
    VALUES (new.id, new.name, new.city || coalesce(' ' || (SELECT names FROM city_names WHERE spelling = lower(trim(new.city))), ''));
END;

CREATE TRIGGER hubs_fts_update AFTER UPDATE OF name, city ON hubs BEGIN
  UPDATE hubs_fts
    SET name = new.name,
      place = new.city || coalesce(' ' || (SELECT names FROM city_names WHERE spelling = lower(trim(new.city))), '')
    WHERE rowid = new.id;
END;

CREATE TRIGGER hubs_fts_delete AFTER DELETE ON hubs BEGIN
  DELETE FROM hubs_fts WHERE rowid = old.id;
END;

INSERT INTO hubs_fts (rowid, name, place)
  SELECT id, name, city || coalesce(' ' || (SELECT names FROM city_names WHERE spelling = lower(trim(city))), '')
  FROM hubs;
