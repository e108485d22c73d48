-- A listing's or a machine's photo is served at a URL naming its id and cached for a year as
-- immutable, so an id must never be given twice: without AUTOINCREMENT, SQLite gives a new row the
-- id of the highest one just deleted (removing photo 9 and adding one in the same edit made a new
-- photo 9, and browsers showed the old bytes). The tables are rebuilt with AUTOINCREMENT.
PRAGMA defer_foreign_keys = true;

CREATE TABLE listing_photos_new (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  listing_id INTEGER NOT NULL REFERENCES listings (id),
  object_key TEXT NOT NULL UNIQUE,
  content_type TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  position INTEGER NOT NULL,
  created_at TEXT NOT NULL
);
INSERT INTO listing_photos_new (id, listing_id, object_key, content_type, bytes, position, created_at)
SELECT id, listing_id, object_key, content_type, bytes, position, created_at FROM listing_photos;
DROP TABLE listing_photos;
ALTER TABLE listing_photos_new RENAME TO listing_photos;
CREATE INDEX listing_photos_listing ON listing_photos (listing_id, position);

CREATE TABLE machine_photos_new (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  machine_id INTEGER NOT NULL REFERENCES machines (id),
  object_key TEXT NOT NULL UNIQUE,
  content_type TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  position INTEGER NOT NULL,
  created_at TEXT NOT NULL
);
INSERT INTO machine_photos_new (id, machine_id, object_key, content_type, bytes, position, created_at)
SELECT id, machine_id, object_key, content_type, bytes, position, created_at FROM machine_photos;
DROP TABLE machine_photos;
ALTER TABLE machine_photos_new RENAME TO machine_photos;
CREATE INDEX machine_photos_machine ON machine_photos (machine_id, position);
