-- Machines across hubs: trainings that travel between hubs, weekly opening windows, closures,
-- bookings that cannot overlap (one booking_slots row per machine and quarter hour, UNIQUE),
-- and calendar-feed tokens. Times are UTC ISO 8601; windows are local times of the hub.

ALTER TABLE hubs ADD COLUMN timezone TEXT NOT NULL DEFAULT 'Europe/Brussels';

CREATE TABLE trainings (
  id INTEGER PRIMARY KEY,
  hub_id INTEGER NOT NULL REFERENCES hubs (id),
  name TEXT NOT NULL,
  level INTEGER NOT NULL DEFAULT 1 CHECK (level BETWEEN 1 AND 9),
  description TEXT NOT NULL DEFAULT '',
  created_by INTEGER NOT NULL REFERENCES users (id),
  created_at TEXT NOT NULL,
  UNIQUE (hub_id, name, level)
);

-- A person completed a training; recorded once per person and training.
CREATE TABLE training_records (
  id INTEGER PRIMARY KEY,
  training_id INTEGER NOT NULL REFERENCES trainings (id),
  user_id INTEGER NOT NULL REFERENCES users (id),
  completed_on TEXT NOT NULL,
  recorded_by INTEGER NOT NULL REFERENCES users (id),
  created_at TEXT NOT NULL,
  UNIQUE (training_id, user_id)
);
CREATE INDEX training_records_user ON training_records (user_id);

-- The hub of training_id accepts accepted_training_id (another hub's) as equivalent to its own.
CREATE TABLE training_acceptance (
  training_id INTEGER NOT NULL REFERENCES trainings (id),
  accepted_training_id INTEGER NOT NULL REFERENCES trainings (id),
  created_by INTEGER NOT NULL REFERENCES users (id),
  created_at TEXT NOT NULL,
  PRIMARY KEY (training_id, accepted_training_id),
  CHECK (training_id <> accepted_training_id)
);
CREATE INDEX training_acceptance_accepted ON training_acceptance (accepted_training_id);

CREATE TABLE machines (
  id INTEGER PRIMARY KEY,
  hub_id INTEGER NOT NULL REFERENCES hubs (id),
  type TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  bed_x_mm INTEGER CHECK (bed_x_mm IS NULL OR bed_x_mm > 0),
  bed_y_mm INTEGER CHECK (bed_y_mm IS NULL OR bed_y_mm > 0),
  bed_z_mm INTEGER CHECK (bed_z_mm IS NULL OR bed_z_mm > 0),
  -- JSON arrays of category slugs or free text.
  materials_allowed TEXT NOT NULL DEFAULT '[]',
  materials_forbidden TEXT NOT NULL DEFAULT '[]',
  rules TEXT NOT NULL DEFAULT '',
  -- NULL is free.
  price_cents_per_hour INTEGER CHECK (price_cents_per_hour IS NULL OR price_cents_per_hour >= 0),
  required_training_id INTEGER REFERENCES trainings (id),
  slot_minutes INTEGER NOT NULL DEFAULT 60 CHECK (slot_minutes % 15 = 0 AND slot_minutes BETWEEN 15 AND 720),
  max_slots_per_booking INTEGER NOT NULL DEFAULT 4 CHECK (max_slots_per_booking BETWEEN 1 AND 48),
  horizon_days INTEGER NOT NULL DEFAULT 28 CHECK (horizon_days BETWEEN 1 AND 366),
  min_notice_minutes INTEGER NOT NULL DEFAULT 60 CHECK (min_notice_minutes >= 0),
  cancel_deadline_minutes INTEGER NOT NULL DEFAULT 120 CHECK (cancel_deadline_minutes >= 0),
  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_by INTEGER NOT NULL REFERENCES users (id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX machines_hub ON machines (hub_id, active);

-- Weekly opening windows in the hub's local time; weekday 1 = Monday … 7 = Sunday.
CREATE TABLE machine_windows (
  id INTEGER PRIMARY KEY,
  machine_id INTEGER NOT NULL REFERENCES machines (id),
  weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
  start_time TEXT NOT NULL,
  end_time TEXT NOT NULL,
  CHECK (start_time < end_time)
);
CREATE INDEX machine_windows_machine ON machine_windows (machine_id);

-- Whole local days on which a machine is closed, inclusive.
CREATE TABLE machine_closures (
  id INTEGER PRIMARY KEY,
  machine_id INTEGER NOT NULL REFERENCES machines (id),
  start_date TEXT NOT NULL,
  end_date TEXT NOT NULL,
  reason TEXT NOT NULL DEFAULT '',
  CHECK (start_date <= end_date)
);
CREATE INDEX machine_closures_machine ON machine_closures (machine_id, end_date);

CREATE TABLE bookings (
  id INTEGER PRIMARY KEY,
  ref TEXT NOT NULL UNIQUE,
  machine_id INTEGER NOT NULL REFERENCES machines (id),
  user_id INTEGER NOT NULL REFERENCES users (id),
  starts_at TEXT NOT NULL,
  ends_at TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'confirmed' CHECK (status IN ('confirmed', 'cancelled')),
  created_at TEXT NOT NULL,
  cancelled_at TEXT,
  cancelled_by INTEGER REFERENCES users (id),
  CHECK (starts_at < ends_at)
);
CREATE INDEX bookings_machine_start ON bookings (machine_id, starts_at);
CREATE INDEX bookings_user_start ON bookings (user_id, starts_at);

-- The database refuses overlap: a confirmed booking holds one row per quarter hour it covers,
-- inserted in the same batch as the booking and deleted in the same batch as its cancellation.
CREATE TABLE booking_slots (
  machine_id INTEGER NOT NULL REFERENCES machines (id),
  slot_start TEXT NOT NULL,
  booking_id INTEGER NOT NULL REFERENCES bookings (id),
  PRIMARY KEY (machine_id, slot_start)
) WITHOUT ROWID;
CREATE INDEX booking_slots_booking ON booking_slots (booking_id);

-- Secret calendar-feed tokens (SHA-256), one live token per person.
CREATE TABLE ical_tokens (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id),
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE INDEX ical_tokens_user ON ical_tokens (user_id);
