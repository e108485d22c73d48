-- The photo of an exchange outcome moves into a photo table shaped like listing and machine photos,
-- so one photos module stores, checks and serves all three.
CREATE TABLE outcome_photos (
  id INTEGER PRIMARY KEY,
  outcome_id INTEGER NOT NULL REFERENCES exchange_outcomes (id),
  object_key TEXT NOT NULL UNIQUE,
  content_type TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  position INTEGER NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX outcome_photos_outcome ON outcome_photos (outcome_id, position);

INSERT INTO outcome_photos (outcome_id, object_key, content_type, bytes, position, created_at)
SELECT id, photo_key, COALESCE(photo_type, 'application/octet-stream'), COALESCE(photo_bytes, 0), 0, created_at
FROM exchange_outcomes WHERE photo_key IS NOT NULL;

ALTER TABLE exchange_outcomes DROP COLUMN photo_key;
ALTER TABLE exchange_outcomes DROP COLUMN photo_type;
ALTER TABLE exchange_outcomes DROP COLUMN photo_bytes;
