-- A person asks a machine's hub for the training the machine requires; the hub's managers record
-- the training or decline, once. One pending request per person and training.
CREATE TABLE training_requests (
  id INTEGER PRIMARY KEY,
  training_id INTEGER NOT NULL REFERENCES trainings (id),
  machine_id INTEGER NOT NULL REFERENCES machines (id),
  hub_id INTEGER NOT NULL REFERENCES hubs (id),
  user_id INTEGER NOT NULL REFERENCES users (id),
  message TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'recorded', 'declined')),
  created_at TEXT NOT NULL,
  decided_at TEXT,
  decided_by INTEGER REFERENCES users (id)
);
-- A second pending request of the same person for the same training is refused by the database.
CREATE UNIQUE INDEX training_requests_one_pending ON training_requests (training_id, user_id)
  WHERE status = 'pending';
-- A hub's pending requests, oldest first (its managers' list and tasks).
CREATE INDEX training_requests_hub_pending ON training_requests (hub_id, id) WHERE status = 'pending';
CREATE INDEX training_requests_user ON training_requests (user_id, id);
