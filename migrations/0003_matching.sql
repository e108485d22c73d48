-- Matching: listings that could fill requests, notifications with per-kind preferences, an email
-- outbox and saved searches. Reasons are structured codes and numbers (JSON); the web app words them.

CREATE TABLE matches (
  id INTEGER PRIMARY KEY,
  listing_id INTEGER NOT NULL REFERENCES listings (id),
  request_id INTEGER NOT NULL REFERENCES requests (id),
  score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 100),
  reasons TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(reasons)),
  parts_fit INTEGER CHECK (parts_fit IS NULL OR parts_fit >= 0),
  distance_m INTEGER NOT NULL CHECK (distance_m >= 0),
  state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'dismissed', 'stale')),
  dismissed_by INTEGER REFERENCES users (id),
  dismissed_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (listing_id, request_id)
);
-- A request's matches, best first; the unique index above serves a listing's matches.
CREATE INDEX matches_request_state_score ON matches (request_id, state, score DESC);
-- The expiry pass walks only the open matches.
CREATE INDEX matches_state_listing ON matches (state, listing_id);

CREATE TABLE notifications (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id),
  kind TEXT NOT NULL CHECK (kind IN ('request_match', 'saved_search')),
  -- One notification per event, whoever computes it and however often.
  dedupe_key TEXT NOT NULL,
  payload TEXT NOT NULL CHECK (json_valid(payload)),
  created_at TEXT NOT NULL,
  read_at TEXT,
  emailed_at TEXT,
  UNIQUE (user_id, dedupe_key)
);
CREATE INDEX notifications_user_id ON notifications (user_id, id DESC);
CREATE INDEX notifications_user_unread ON notifications (user_id, read_at);
-- The digest pass: daily notifications not yet sent by email.
CREATE INDEX notifications_unemailed ON notifications (emailed_at, user_id) WHERE emailed_at IS NULL;

CREATE TABLE notification_preferences (
  user_id INTEGER NOT NULL REFERENCES users (id),
  kind TEXT NOT NULL CHECK (kind IN ('request_match', 'saved_search')),
  mode TEXT NOT NULL CHECK (mode IN ('immediate', 'daily', 'off')),
  updated_at TEXT NOT NULL,
  PRIMARY KEY (user_id, kind)
);

-- One digest per person per day, decided by the primary key.
CREATE TABLE notification_digests (
  user_id INTEGER NOT NULL REFERENCES users (id),
  day TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (user_id, day)
);

CREATE TABLE email_outbox (
  id INTEGER PRIMARY KEY,
  user_id INTEGER REFERENCES users (id),
  to_address TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  locale TEXT NOT NULL CHECK (locale IN ('nl', 'fr', 'en')),
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sending', 'sent', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  created_at TEXT NOT NULL,
  claimed_at TEXT,
  sent_at TEXT
);
CREATE INDEX email_outbox_status_id ON email_outbox (status, id);
CREATE INDEX email_outbox_user_id ON email_outbox (user_id, id DESC);

CREATE TABLE saved_searches (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id),
  name TEXT NOT NULL,
  query TEXT NOT NULL CHECK (json_valid(query)),
  -- The category family of query.category ('' for any), so a new listing reads only its family.
  family TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_notified_at TEXT
);
CREATE INDEX saved_searches_user ON saved_searches (user_id, id);
CREATE INDEX saved_searches_family ON saved_searches (family, id);

-- Where the scheduled rebuild left off, so one pass can span several cron invocations.
CREATE TABLE matching_cursor (
  name TEXT PRIMARY KEY,
  last_id INTEGER NOT NULL,
  updated_at TEXT NOT NULL
);

-- Candidate reads: a category family's active listings / open requests at the hubs within reach.
CREATE INDEX listings_category_status_hub ON listings (category, status, hub_id);
CREATE INDEX requests_category_status_hub ON requests (category, status, hub_id);
