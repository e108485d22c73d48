-- Core schema: accounts, hubs and membership, listings, requests, photos, search.
-- Quantities are integers in thousandths of their unit (quantity_milli); prices in euro cents.

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  password_salt TEXT NOT NULL,
  password_iterations INTEGER NOT NULL,
  locale TEXT NOT NULL DEFAULT 'nl' CHECK (locale IN ('nl', 'fr', 'en')),
  created_at TEXT NOT NULL
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE login_attempts (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL COLLATE NOCASE,
  ip TEXT NOT NULL,
  attempted_at TEXT NOT NULL
);
CREATE INDEX login_attempts_email ON login_attempts (email, attempted_at);
CREATE INDEX login_attempts_ip ON login_attempts (ip, attempted_at);

CREATE TABLE hubs (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  city TEXT NOT NULL,
  country TEXT NOT NULL,
  kind TEXT NOT NULL,
  lat REAL NOT NULL CHECK (lat BETWEEN -90 AND 90),
  lon REAL NOT NULL CHECK (lon BETWEEN -180 AND 180),
  description TEXT NOT NULL DEFAULT '',
  website TEXT,
  created_by INTEGER REFERENCES users (id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE memberships (
  hub_id INTEGER NOT NULL REFERENCES hubs (id),
  user_id INTEGER NOT NULL REFERENCES users (id),
  role TEXT NOT NULL CHECK (role IN ('member', 'manager')),
  created_at TEXT NOT NULL,
  PRIMARY KEY (hub_id, user_id)
);
CREATE INDEX memberships_user ON memberships (user_id);

CREATE TABLE invites (
  id INTEGER PRIMARY KEY,
  hub_id INTEGER NOT NULL REFERENCES hubs (id),
  token_hash TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL CHECK (role IN ('member', 'manager')),
  created_by INTEGER NOT NULL REFERENCES users (id),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  accepted_by INTEGER REFERENCES users (id),
  accepted_at TEXT,
  revoked_at TEXT
);
CREATE INDEX invites_hub ON invites (hub_id);

CREATE TABLE listings (
  id INTEGER PRIMARY KEY,
  hub_id INTEGER NOT NULL REFERENCES hubs (id),
  author_id INTEGER NOT NULL REFERENCES users (id),
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
  available_from TEXT,
  available_until TEXT,
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'withdrawn')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX listings_status_id ON listings (status, id);
CREATE INDEX listings_hub_status_id ON listings (hub_id, status, id);
CREATE INDEX listings_category_status_id ON listings (category, status, id);

CREATE TABLE listing_photos (
  id INTEGER PRIMARY KEY,
  listing_id INTEGER NOT NULL REFERENCES listings (id),
  object_key TEXT NOT NULL UNIQUE,
  content_type TEXT NOT NULL,
  bytes INTEGER NOT NULL,
  position INTEGER NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX listing_photos_listing ON listing_photos (listing_id, position);

CREATE TABLE requests (
  id INTEGER PRIMARY KEY,
  hub_id INTEGER NOT NULL REFERENCES hubs (id),
  author_id INTEGER NOT NULL REFERENCES users (id),
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  category TEXT NOT NULL,
  quantity_milli INTEGER NOT NULL CHECK (quantity_milli > 0),
  unit TEXT NOT NULL,
  min_length_mm REAL,
  min_width_mm REAL,
  min_thickness_mm REAL,
  needed_by TEXT,
  fetch_radius_km INTEGER NOT NULL CHECK (fetch_radius_km > 0),
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'fulfilled', 'withdrawn')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX requests_status_id ON requests (status, id);
CREATE INDEX requests_hub_status_id ON requests (hub_id, status, id);
CREATE INDEX requests_category_status_id ON requests (category, status, id);

-- Full-text search over listings and requests, kept in step by triggers.
CREATE VIRTUAL TABLE listings_fts USING fts5 (
  title, description, content = 'listings', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER listings_fts_insert AFTER INSERT ON listings BEGIN
  INSERT INTO listings_fts (rowid, title, description) VALUES (new.id, new.title, new.description);
END;
CREATE TRIGGER listings_fts_update AFTER UPDATE OF title, description ON listings BEGIN
  INSERT INTO listings_fts (listings_fts, rowid, title, description)
    VALUES ('delete', old.id, old.title, old.description);
  INSERT INTO listings_fts (rowid, title, description) VALUES (new.id, new.title, new.description);
END;

CREATE VIRTUAL TABLE requests_fts USING fts5 (
  title, description, content = 'requests', content_rowid = 'id',
  tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER requests_fts_insert AFTER INSERT ON requests BEGIN
  INSERT INTO requests_fts (rowid, title, description) VALUES (new.id, new.title, new.description);
END;
CREATE TRIGGER requests_fts_update AFTER UPDATE OF title, description ON requests BEGIN
  INSERT INTO requests_fts (requests_fts, rowid, title, description)
    VALUES ('delete', old.id, old.title, old.description);
  INSERT INTO requests_fts (rowid, title, description) VALUES (new.id, new.title, new.description);
END;
