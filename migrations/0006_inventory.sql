-- Inventory at scale: moderation (reports, hiding by network coordinators) and bulk import of
-- listings through a staging table, so a failed import leaves no listing behind.

-- A hidden item is kept, with who hid it and why; search and matching leave it out.
ALTER TABLE listings ADD COLUMN hidden_at TEXT;
ALTER TABLE listings ADD COLUMN hidden_by INTEGER REFERENCES users (id);
ALTER TABLE listings ADD COLUMN hidden_reason TEXT;
ALTER TABLE requests ADD COLUMN hidden_at TEXT;
ALTER TABLE requests ADD COLUMN hidden_by INTEGER REFERENCES users (id);
ALTER TABLE requests ADD COLUMN hidden_reason TEXT;
-- The import that created a listing (NULL for listings made one by one).
ALTER TABLE listings ADD COLUMN import_id INTEGER;

-- One report per person per item; hub_id is the hub the item belongs to (for a message: the
-- hub its author wrote for), so coordinators find the reports of their networks' hubs.
CREATE TABLE reports (
  id INTEGER PRIMARY KEY,
  item_type TEXT NOT NULL CHECK (item_type IN ('listing', 'request', 'message')),
  item_id INTEGER NOT NULL,
  hub_id INTEGER NOT NULL REFERENCES hubs (id),
  reporter_id INTEGER NOT NULL REFERENCES users (id),
  reason TEXT NOT NULL CHECK (reason IN ('spam', 'offensive', 'misleading', 'unsafe', 'other')),
  body TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
  created_at TEXT NOT NULL,
  resolved_at TEXT,
  UNIQUE (item_type, item_id, reporter_id)
);
CREATE INDEX reports_hub_status ON reports (hub_id, status, id);
CREATE INDEX reports_item ON reports (item_type, item_id, status);

-- Every hide and restore, kept.
CREATE TABLE moderation_actions (
  id INTEGER PRIMARY KEY,
  item_type TEXT NOT NULL CHECK (item_type IN ('listing', 'request')),
  item_id INTEGER NOT NULL,
  action TEXT NOT NULL CHECK (action IN ('hide', 'restore')),
  actor_id INTEGER NOT NULL REFERENCES users (id),
  reason TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX moderation_actions_item ON moderation_actions (item_type, item_id, id);

-- Notifications gain the kind 'moderation' (SQLite cannot change a CHECK: the tables are rebuilt).
CREATE TABLE notifications_v2 (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id),
  kind TEXT NOT NULL CHECK (kind IN ('request_match', 'saved_search', 'moderation')),
  dedupe_key TEXT NOT NULL,
  payload TEXT NOT NULL CHECK (json_valid(payload)),
  created_at TEXT NOT NULL,
  read_at TEXT,
  emailed_at TEXT,
  UNIQUE (user_id, dedupe_key)
);
INSERT INTO notifications_v2 (id, user_id, kind, dedupe_key, payload, created_at, read_at, emailed_at)
  SELECT id, user_id, kind, dedupe_key, payload, created_at, read_at, emailed_at FROM notifications;
DROP TABLE notifications;
ALTER TABLE notifications_v2 RENAME TO notifications;
CREATE INDEX notifications_user_id ON notifications (user_id, id DESC);
CREATE INDEX notifications_user_unread ON notifications (user_id, read_at);
CREATE INDEX notifications_unemailed ON notifications (emailed_at, user_id) WHERE emailed_at IS NULL;

CREATE TABLE notification_preferences_v2 (
  user_id INTEGER NOT NULL REFERENCES users (id),
  kind TEXT NOT NULL CHECK (kind IN ('request_match', 'saved_search', 'moderation')),
  mode TEXT NOT NULL CHECK (mode IN ('immediate', 'daily', 'off')),
  updated_at TEXT NOT NULL,
  PRIMARY KEY (user_id, kind)
);
INSERT INTO notification_preferences_v2 (user_id, kind, mode, updated_at)
  SELECT user_id, kind, mode, updated_at FROM notification_preferences;
DROP TABLE notification_preferences;
ALTER TABLE notification_preferences_v2 RENAME TO notification_preferences;

-- A bulk import: rows are staged in chunks (rows_done counts them), then moved into listings
-- by ONE statement, so the listings appear all at once or not at all.
CREATE TABLE listing_imports (
  id INTEGER PRIMARY KEY,
  hub_id INTEGER NOT NULL REFERENCES hubs (id),
  created_by INTEGER NOT NULL REFERENCES users (id),
  status TEXT NOT NULL CHECK (status IN ('staging', 'completed', 'failed')),
  rows_total INTEGER NOT NULL CHECK (rows_total >= 0),
  rows_done INTEGER NOT NULL DEFAULT 0 CHECK (rows_done >= 0),
  rows_skipped INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  finished_at TEXT
);
CREATE INDEX listing_imports_hub ON listing_imports (hub_id, id DESC);

CREATE TABLE listing_import_rows (
  import_id INTEGER NOT NULL REFERENCES listing_imports (id),
  row_number INTEGER NOT NULL,
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL,
  category TEXT NOT NULL,
  quantity_milli INTEGER NOT NULL,
  unit TEXT NOT NULL,
  length_mm REAL,
  width_mm REAL,
  thickness_mm REAL,
  condition TEXT NOT NULL,
  price_type TEXT NOT NULL,
  price_cents INTEGER,
  available_from TEXT,
  available_until TEXT,
  PRIMARY KEY (import_id, row_number)
);

-- The column mapping a hub used last, offered again on its next import.
CREATE TABLE hub_import_mappings (
  hub_id INTEGER PRIMARY KEY REFERENCES hubs (id),
  mapping TEXT NOT NULL CHECK (json_valid(mapping)),
  updated_by INTEGER NOT NULL REFERENCES users (id),
  updated_at TEXT NOT NULL
);
