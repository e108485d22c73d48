-- Recurring streams: a hub offers the same material again and again ("about 15 kg of birch
-- plywood offcuts every week"). Every occurrence is a row made when the stream is created (a
-- stream must end), published as a real listing on its date by the scheduler, and reserved at
-- most once: the reservation's primary key is the occurrence's.

CREATE TABLE streams (
  id INTEGER PRIMARY KEY,
  hub_id INTEGER NOT NULL REFERENCES hubs (id),
  author_id INTEGER NOT NULL REFERENCES users (id),
  -- The listing every occurrence becomes.
  kind TEXT NOT NULL CHECK (kind IN ('material', 'offcut', 'reclaimed', 'machine_time')),
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  category TEXT NOT NULL,
  quantity_milli INTEGER NOT NULL CHECK (quantity_milli > 0),
  unit TEXT NOT NULL,
  length_mm REAL,
  width_mm REAL,
  thickness_mm REAL,
  condition TEXT NOT NULL,
  price_type TEXT NOT NULL CHECK (price_type IN ('free', 'swap', 'amount')),
  price_cents INTEGER CHECK (price_cents IS NULL OR price_cents >= 0),
  -- Every `every` weeks (on the start date's weekday) or months (on day_of_month, clamped to the
  -- month's last day), from start_date, until end_date or for occurrence_count occurrences.
  repeats TEXT NOT NULL CHECK (repeats IN ('weekly', 'monthly')),
  every INTEGER NOT NULL CHECK (every BETWEEN 1 AND 52),
  day_of_month INTEGER CHECK (day_of_month IS NULL OR day_of_month BETWEEN 1 AND 31),
  start_date TEXT NOT NULL,
  end_date TEXT,
  occurrence_count INTEGER CHECK (occurrence_count IS NULL OR occurrence_count BETWEEN 1 AND 104),
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'ended', 'withdrawn')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK ((end_date IS NULL) <> (occurrence_count IS NULL)),
  CHECK ((repeats = 'monthly') = (day_of_month IS NOT NULL))
);
CREATE INDEX streams_hub_status ON streams (hub_id, status, id);
CREATE INDEX streams_category_status ON streams (category, status, hub_id);

-- due_date is a calendar date in the hub's time zone; listing_id is set once, when published.
CREATE TABLE stream_occurrences (
  stream_id INTEGER NOT NULL REFERENCES streams (id),
  seq INTEGER NOT NULL CHECK (seq >= 1),
  due_date TEXT NOT NULL,
  listing_id INTEGER UNIQUE REFERENCES listings (id),
  published_at TEXT,
  PRIMARY KEY (stream_id, seq)
) WITHOUT ROWID;
CREATE INDEX stream_occurrences_unpublished ON stream_occurrences (due_date) WHERE listing_id IS NULL;

-- The listing an occurrence became points back at it; at most one listing per occurrence.
ALTER TABLE listings ADD COLUMN stream_id INTEGER REFERENCES streams (id);
ALTER TABLE listings ADD COLUMN stream_seq INTEGER;
CREATE UNIQUE INDEX listings_stream_occurrence ON listings (stream_id, stream_seq) WHERE stream_id IS NOT NULL;

-- A receiving hub's subscription: one active subscription per hub and stream.
CREATE TABLE stream_subscriptions (
  id INTEGER PRIMARY KEY,
  stream_id INTEGER NOT NULL REFERENCES streams (id),
  hub_id INTEGER NOT NULL REFERENCES hubs (id),
  created_by INTEGER NOT NULL REFERENCES users (id),
  requested INTEGER NOT NULL CHECK (requested BETWEEN 1 AND 52),
  state TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'cancelled')),
  -- Written by the subscribing batch, so its later statements find the row they just made.
  token TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  cancelled_at TEXT,
  cancelled_by INTEGER REFERENCES users (id)
);
CREATE UNIQUE INDEX stream_subscriptions_active ON stream_subscriptions (stream_id, hub_id) WHERE state = 'active';
CREATE INDEX stream_subscriptions_hub ON stream_subscriptions (hub_id, state, id);

-- An occurrence is reserved at most once: the primary key is the occurrence's own.
CREATE TABLE stream_reservations (
  stream_id INTEGER NOT NULL,
  seq INTEGER NOT NULL,
  subscription_id INTEGER NOT NULL REFERENCES stream_subscriptions (id),
  hub_id INTEGER NOT NULL REFERENCES hubs (id),
  -- The exchange opened for the subscriber when the occurrence was published.
  exchange_id INTEGER REFERENCES exchanges (id),
  created_at TEXT NOT NULL,
  PRIMARY KEY (stream_id, seq),
  FOREIGN KEY (stream_id, seq) REFERENCES stream_occurrences (stream_id, seq)
) WITHOUT ROWID;
CREATE INDEX stream_reservations_subscription ON stream_reservations (subscription_id, seq);
