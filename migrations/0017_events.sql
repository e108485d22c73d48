-- The event outbox: a service that changes state records what happened in the same batch as the
-- change; subscribers (notifications, matching, request progress) run after the response and in
-- the scheduled pass. A row is done once every subscriber handled it.
CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 60),
  -- What the event is about (an exchange, a listing, a request …), as its kind says.
  subject_id INTEGER,
  -- Who acted; NULL for the scheduler. Nobody is told of their own act.
  actor_id INTEGER,
  payload TEXT NOT NULL CHECK (json_valid(payload)),
  created_at TEXT NOT NULL,
  -- A dispatcher's lease: another takes the event over once it is stale.
  claimed_at TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  done_at TEXT,
  failed_at TEXT
);
-- The dispatcher walks only what is left.
CREATE INDEX events_pending ON events (id) WHERE done_at IS NULL AND failed_at IS NULL;

-- Notification kinds are declared in code (one entry each): the tables stop listing them.
CREATE TABLE notifications_v3 (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id),
  kind TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 40),
  dedupe_key TEXT NOT NULL,
  payload TEXT NOT NULL CHECK (json_valid(payload)),
  created_at TEXT NOT NULL,
  read_at TEXT,
  emailed_at TEXT,
  UNIQUE (user_id, dedupe_key)
);
INSERT INTO notifications_v3 (id, user_id, kind, dedupe_key, payload, created_at, read_at, emailed_at)
  SELECT id, user_id, kind, dedupe_key, payload, created_at, read_at, emailed_at FROM notifications;
DROP TABLE notifications;
ALTER TABLE notifications_v3 RENAME TO notifications;
CREATE INDEX notifications_user_id ON notifications (user_id, id DESC);
CREATE INDEX notifications_user_unread ON notifications (user_id, read_at);
CREATE INDEX notifications_unemailed ON notifications (emailed_at, user_id) WHERE emailed_at IS NULL;

CREATE TABLE notification_preferences_v3 (
  user_id INTEGER NOT NULL REFERENCES users (id),
  kind TEXT NOT NULL CHECK (length(kind) BETWEEN 1 AND 40),
  mode TEXT NOT NULL CHECK (mode IN ('immediate', 'daily', 'off')),
  updated_at TEXT NOT NULL,
  PRIMARY KEY (user_id, kind)
);
INSERT INTO notification_preferences_v3 (user_id, kind, mode, updated_at)
  SELECT user_id, kind, mode, updated_at FROM notification_preferences;
DROP TABLE notification_preferences;
ALTER TABLE notification_preferences_v3 RENAME TO notification_preferences;
