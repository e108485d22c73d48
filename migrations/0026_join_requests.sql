-- A person asks to join a hub; its managers accept or decline once.
CREATE TABLE join_requests (
  id INTEGER PRIMARY KEY,
  hub_id INTEGER NOT NULL REFERENCES hubs (id),
  user_id INTEGER NOT NULL REFERENCES users (id),
  message TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined')),
  created_at TEXT NOT NULL,
  decided_at TEXT,
  decided_by INTEGER REFERENCES users (id)
);
-- One pending request per person and hub: a second one is refused by the database.
CREATE UNIQUE INDEX join_requests_one_pending ON join_requests (hub_id, user_id) WHERE status = 'pending';
-- A hub's pending requests, oldest first (the managers' list and their tasks).
CREATE INDEX join_requests_hub_pending ON join_requests (hub_id, id) WHERE status = 'pending';
CREATE INDEX join_requests_user ON join_requests (user_id, id);
