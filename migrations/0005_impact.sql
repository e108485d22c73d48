-- Networks of hubs, their coordinators and method, versioned impact factors, and the impact
-- computed once per completed exchange (and per network method), kept and never rewritten.
-- CO2e is stored as integer grams; factors as grams CO2e per tonne (= milligrams per kg).

CREATE TABLE networks (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  created_by INTEGER REFERENCES users (id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- A hub can be in several networks. A coordinator who does not manage the hub only invites it:
-- the hub counts once one of its managers accepts (status 'active').
CREATE TABLE network_hubs (
  network_id INTEGER NOT NULL REFERENCES networks (id),
  hub_id INTEGER NOT NULL REFERENCES hubs (id),
  status TEXT NOT NULL CHECK (status IN ('invited', 'active')),
  added_by INTEGER REFERENCES users (id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (network_id, hub_id)
);
CREATE INDEX network_hubs_hub ON network_hubs (hub_id, status);

CREATE TABLE network_coordinators (
  network_id INTEGER NOT NULL REFERENCES networks (id),
  user_id INTEGER NOT NULL REFERENCES users (id),
  added_by INTEGER REFERENCES users (id),
  created_at TEXT NOT NULL,
  PRIMARY KEY (network_id, user_id)
);
CREATE INDEX network_coordinators_user ON network_coordinators (user_id);

-- Per network method. Defaults: everything attributed to the exchange (1000 per mille), no
-- deadweight, transport subtracted, estimated masses counted with a +/- 25 % range.
-- Second Source (DK) publishes attribution 700 and deadweight 200.
CREATE TABLE network_methods (
  network_id INTEGER PRIMARY KEY REFERENCES networks (id),
  attribution_permille INTEGER NOT NULL DEFAULT 1000 CHECK (attribution_permille BETWEEN 0 AND 1000),
  deadweight_permille INTEGER NOT NULL DEFAULT 0 CHECK (deadweight_permille BETWEEN 0 AND 1000),
  transport INTEGER NOT NULL DEFAULT 1 CHECK (transport IN (0, 1)),
  estimate_range_permille INTEGER NOT NULL DEFAULT 250 CHECK (estimate_range_permille BETWEEN 0 AND 1000),
  updated_by INTEGER REFERENCES users (id),
  updated_at TEXT NOT NULL
);

-- kg CO2e avoided per kg reused, for a category slug or a whole family (see src/shared/taxonomy).
-- Versions are added, never overwritten; the one in force is the highest version whose
-- valid_from is not after the exchange's completion.
CREATE TABLE impact_factors (
  id INTEGER PRIMARY KEY,
  category TEXT NOT NULL,
  g_co2e_per_tonne INTEGER NOT NULL CHECK (g_co2e_per_tonne >= 0),
  label TEXT NOT NULL,
  source TEXT NOT NULL,
  source_url TEXT,
  year INTEGER NOT NULL,
  licence TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version > 0),
  valid_from TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  UNIQUE (category, version)
);

CREATE TRIGGER impact_factors_no_update BEFORE UPDATE ON impact_factors
BEGIN
  SELECT RAISE(ABORT, 'impact factors are versioned: add a new version instead');
END;

-- Grams CO2e per vehicle-km for the transport mode recorded at handover.
CREATE TABLE transport_factors (
  id INTEGER PRIMARY KEY,
  mode TEXT NOT NULL CHECK (mode IN ('on_foot', 'bike', 'cargo_bike', 'car', 'van')),
  g_co2e_per_km INTEGER NOT NULL CHECK (g_co2e_per_km >= 0),
  source TEXT NOT NULL,
  year INTEGER NOT NULL,
  licence TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version > 0),
  valid_from TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  UNIQUE (mode, version)
);

CREATE TRIGGER transport_factors_no_update BEFORE UPDATE ON transport_factors
BEGIN
  SELECT RAISE(ABORT, 'transport factors are versioned: add a new version instead');
END;

-- One row per completed exchange, method scope (network_id NULL = Omloop's default method,
-- used on public hub pages) and calculation. Rows are never changed except to point
-- superseded_by at the explicit recalculation that replaced them.
CREATE TABLE exchange_impacts (
  id INTEGER PRIMARY KEY,
  exchange_id INTEGER NOT NULL REFERENCES exchanges (id),
  network_id INTEGER REFERENCES networks (id),
  revision INTEGER NOT NULL CHECK (revision > 0),
  reason TEXT NOT NULL CHECK (reason IN ('completion', 'ledger_correction', 'recalculation')),
  from_hub_id INTEGER NOT NULL REFERENCES hubs (id),
  to_hub_id INTEGER NOT NULL REFERENCES hubs (id),
  completed_at TEXT NOT NULL,
  category TEXT NOT NULL,
  family TEXT NOT NULL,
  -- The ledger rows summed, and the last one, so a later correction is visible.
  flow_ids TEXT NOT NULL,
  last_flow_id INTEGER NOT NULL,
  mass_source TEXT NOT NULL CHECK (mass_source IN ('weighed', 'estimated', 'unknown', 'none')),
  mass_grams INTEGER NOT NULL,
  mass_low_grams INTEGER NOT NULL,
  mass_high_grams INTEGER NOT NULL,
  machine_hours_milli INTEGER NOT NULL DEFAULT 0,
  factor_id INTEGER REFERENCES impact_factors (id),
  transport_mode TEXT,
  transport_factor_id INTEGER REFERENCES transport_factors (id),
  distance_m INTEGER NOT NULL,
  gross_g INTEGER NOT NULL,
  gross_low_g INTEGER NOT NULL,
  gross_high_g INTEGER NOT NULL,
  attributed_g INTEGER NOT NULL,
  attributed_low_g INTEGER NOT NULL,
  attributed_high_g INTEGER NOT NULL,
  transport_g INTEGER NOT NULL,
  net_g INTEGER NOT NULL,
  net_low_g INTEGER NOT NULL,
  net_high_g INTEGER NOT NULL,
  method_json TEXT NOT NULL,
  requested_by INTEGER REFERENCES users (id),
  computed_at TEXT NOT NULL,
  superseded_by INTEGER REFERENCES exchange_impacts (id)
);
CREATE UNIQUE INDEX exchange_impacts_revision ON exchange_impacts (exchange_id, coalesce(network_id, 0), revision);
CREATE INDEX exchange_impacts_scope ON exchange_impacts (network_id, superseded_by, completed_at);
CREATE INDEX exchange_impacts_exchange ON exchange_impacts (exchange_id);

CREATE TRIGGER exchange_impacts_keep_history BEFORE UPDATE ON exchange_impacts
WHEN OLD.superseded_by IS NOT NULL OR NEW.superseded_by IS NULL
  OR NEW.gross_g IS NOT OLD.gross_g OR NEW.net_g IS NOT OLD.net_g OR NEW.mass_grams IS NOT OLD.mass_grams
  OR NEW.factor_id IS NOT OLD.factor_id OR NEW.method_json IS NOT OLD.method_json
BEGIN
  SELECT RAISE(ABORT, 'exchange impacts are kept: record a recalculation instead');
END;

CREATE TRIGGER exchange_impacts_no_delete BEFORE DELETE ON exchange_impacts
BEGIN
  SELECT RAISE(ABORT, 'exchange impacts are kept: record a recalculation instead');
END;

-- Reference data: UK DESNZ/DEFRA GHG conversion factors, "Material use - primary material
-- production" (Open Government Licence v3.0). The year is to be confirmed against the sheet.
INSERT INTO impact_factors (category, g_co2e_per_tonne, label, source, source_url, year, licence, version, valid_from, note, created_at) VALUES
  ('wood', 312610, 'Wood', 'UK DESNZ/DEFRA GHG conversion factors: Material use, primary material production', 'https://www.gov.uk/government/collections/government-conversion-factors-for-company-reporting', 2024, 'OGL-UK-3.0', 1, '2024-01-01', 'Year to confirm against the published sheet.', '2026-01-01T00:00:00.000Z'),
  ('paper-board', 821230, 'Board (used for paper & board in general)', 'UK DESNZ/DEFRA GHG conversion factors: Material use, primary material production', 'https://www.gov.uk/government/collections/government-conversion-factors-for-company-reporting', 2024, 'OGL-UK-3.0', 1, '2024-01-01', 'Board, the lower of board and paper. Year to confirm.', '2026-01-01T00:00:00.000Z'),
  ('cardboard', 821230, 'Board', 'UK DESNZ/DEFRA GHG conversion factors: Material use, primary material production', 'https://www.gov.uk/government/collections/government-conversion-factors-for-company-reporting', 2024, 'OGL-UK-3.0', 1, '2024-01-01', 'Year to confirm against the published sheet.', '2026-01-01T00:00:00.000Z'),
  ('paper', 919400, 'Paper', 'UK DESNZ/DEFRA GHG conversion factors: Material use, primary material production', 'https://www.gov.uk/government/collections/government-conversion-factors-for-company-reporting', 2024, 'OGL-UK-3.0', 1, '2024-01-01', 'Year to confirm against the published sheet.', '2026-01-01T00:00:00.000Z'),
  ('glass', 1402770, 'Glass', 'UK DESNZ/DEFRA GHG conversion factors: Material use, primary material production', 'https://www.gov.uk/government/collections/government-conversion-factors-for-company-reporting', 2024, 'OGL-UK-3.0', 1, '2024-01-01', 'Year to confirm against the published sheet.', '2026-01-01T00:00:00.000Z'),
  ('plastics', 3116000, 'Plastics: average plastics', 'UK DESNZ/DEFRA GHG conversion factors: Material use, primary material production', 'https://www.gov.uk/government/collections/government-conversion-factors-for-company-reporting', 2024, 'OGL-UK-3.0', 1, '2024-01-01', 'Lower end of the published 3,116-3,171 kg/t (conservative). Year to confirm.', '2026-01-01T00:00:00.000Z'),
  ('pet', 4032000, 'Plastics: PET', 'UK DESNZ/DEFRA GHG conversion factors: Material use, primary material production', 'https://www.gov.uk/government/collections/government-conversion-factors-for-company-reporting', 2024, 'OGL-UK-3.0', 1, '2024-01-01', 'Year to confirm against the published sheet.', '2026-01-01T00:00:00.000Z'),
  ('aluminium', 9113000, 'Aluminium cans and foil', 'UK DESNZ/DEFRA GHG conversion factors: Material use, primary material production', 'https://www.gov.uk/government/collections/government-conversion-factors-for-company-reporting', 2024, 'OGL-UK-3.0', 1, '2024-01-01', 'Lower end of the published 9,113-9,123 kg/t (conservative). Year to confirm.', '2026-01-01T00:00:00.000Z'),
  ('steel', 2862000, 'Steel cans', 'UK DESNZ/DEFRA GHG conversion factors: Material use, primary material production', 'https://www.gov.uk/government/collections/government-conversion-factors-for-company-reporting', 2024, 'OGL-UK-3.0', 1, '2024-01-01', 'Lower end of the published 2,862-3,101 kg/t (conservative). Year to confirm.', '2026-01-01T00:00:00.000Z'),
  ('textiles', 22310000, 'Clothing (textiles)', 'UK DESNZ/DEFRA GHG conversion factors: Material use, primary material production', 'https://www.gov.uk/government/collections/government-conversion-factors-for-company-reporting', 2024, 'OGL-UK-3.0', 1, '2024-01-01', 'Year to confirm against the published sheet.', '2026-01-01T00:00:00.000Z'),
  ('electronics', 5648000, 'Small electrical items', 'UK DESNZ/DEFRA GHG conversion factors: Material use, primary material production', 'https://www.gov.uk/government/collections/government-conversion-factors-for-company-reporting', 2024, 'OGL-UK-3.0', 1, '2024-01-01', 'Small electrical items, not IT (24,865 kg/t). Year to confirm.', '2026-01-01T00:00:00.000Z');

-- Human-powered modes emit nothing counted here; car and van from the DESNZ/DEFRA passenger
-- and delivery vehicle tables (average car, unknown fuel; average van up to 3.5 t), rounded.
INSERT INTO transport_factors (mode, g_co2e_per_km, source, year, licence, version, valid_from, note, created_at) VALUES
  ('on_foot', 0, 'Human-powered: no fuel burnt', 2024, 'n/a', 1, '2024-01-01', '', '2026-01-01T00:00:00.000Z'),
  ('bike', 0, 'Human-powered: no fuel burnt', 2024, 'n/a', 1, '2024-01-01', '', '2026-01-01T00:00:00.000Z'),
  ('cargo_bike', 0, 'Human-powered (electric assistance not counted)', 2024, 'n/a', 1, '2024-01-01', '', '2026-01-01T00:00:00.000Z'),
  ('car', 170, 'UK DESNZ/DEFRA GHG conversion factors: Passenger vehicles, average car, unknown fuel', 2024, 'OGL-UK-3.0', 1, '2024-01-01', 'Rounded to 10 g/km; exact value and year to confirm.', '2026-01-01T00:00:00.000Z'),
  ('van', 240, 'UK DESNZ/DEFRA GHG conversion factors: Delivery vehicles, average van up to 3.5 t', 2024, 'OGL-UK-3.0', 1, '2024-01-01', 'Rounded to 10 g/km; exact value and year to confirm.', '2026-01-01T00:00:00.000Z');
