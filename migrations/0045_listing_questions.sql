-- Ask before claiming: a member of another hub asks the listing's hub a question. A thread is one
-- (listing, asking hub); its messages come from either side.
CREATE TABLE listing_questions (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  listing_id INTEGER NOT NULL REFERENCES listings (id),
  asking_hub_id INTEGER NOT NULL REFERENCES hubs (id),
  author_id INTEGER NOT NULL REFERENCES users (id),
  -- The hub the author wrote for: the asking hub, or the listing's hub (an answer).
  author_hub_id INTEGER NOT NULL REFERENCES hubs (id),
  body TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX listing_questions_thread ON listing_questions (listing_id, asking_hub_id, id);

-- One row per thread, kept in the batch of each message: whether it waits for the listing's hub
-- (the newest message is from the asking hub). The listing hub's task list reads only these.
CREATE TABLE listing_question_threads (
  listing_id INTEGER NOT NULL REFERENCES listings (id),
  asking_hub_id INTEGER NOT NULL REFERENCES hubs (id),
  listing_hub_id INTEGER NOT NULL REFERENCES hubs (id),
  awaiting_answer INTEGER NOT NULL CHECK (awaiting_answer IN (0, 1)),
  last_at TEXT NOT NULL,
  PRIMARY KEY (listing_id, asking_hub_id)
) WITHOUT ROWID;
CREATE INDEX listing_question_threads_waiting ON listing_question_threads (listing_hub_id, last_at)
  WHERE awaiting_answer = 1;
