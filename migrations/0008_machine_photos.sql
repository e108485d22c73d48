-- Photos of a machine, kept in R2 like listing photos; at most 8 per machine.
CREATE TABLE machine_photos (
  id INTEGER PRIMARY KEY,
  machine_id INTEGER NOT NULL REFERENCES machines (id),
  object_key TEXT NOT NULL UNIQUE,
  content_type TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  position INTEGER NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX machine_photos_machine ON machine_photos (machine_id, position);
