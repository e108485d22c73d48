-- Exchanges: a claim on a listing, its acceptance (which reserves stock), the handover and the
-- ledger of completed flows. Quantities are integers of thousandths of their unit.

-- Units promised to accepted exchanges or already handed over; what remains to claim is
-- quantity_milli - quantity_reserved_milli. Conditional writes keep 0 <= reserved <= quantity;
-- the trigger below refuses any write that would break it anyway.
ALTER TABLE listings ADD COLUMN quantity_reserved_milli INTEGER NOT NULL DEFAULT 0;

CREATE TRIGGER listings_reserved_in_range BEFORE UPDATE OF quantity_milli, quantity_reserved_milli ON listings
WHEN NEW.quantity_reserved_milli < 0 OR NEW.quantity_reserved_milli > NEW.quantity_milli
BEGIN
  SELECT RAISE(ABORT, 'listing reservation out of range');
END;

CREATE TABLE exchanges (
  id INTEGER PRIMARY KEY,
  listing_id INTEGER NOT NULL REFERENCES listings (id),
  from_hub_id INTEGER NOT NULL REFERENCES hubs (id),
  to_hub_id INTEGER NOT NULL REFERENCES hubs (id),
  claimed_by INTEGER NOT NULL REFERENCES users (id),
  state TEXT NOT NULL CHECK (state IN (
    'claimed', 'accepted', 'declined', 'cancelled', 'expired', 'handed_over', 'disputed', 'completed'
  )),
  -- Copied from the listing when claimed, so later edits of the listing do not rewrite history.
  category TEXT NOT NULL,
  unit TEXT NOT NULL,
  quantity_milli INTEGER NOT NULL CHECK (quantity_milli > 0),
  proposed_pickup_at TEXT,
  expires_at TEXT NOT NULL,
  accepted_at TEXT,
  handover_quantity_milli INTEGER CHECK (handover_quantity_milli IS NULL OR
    (handover_quantity_milli > 0 AND handover_quantity_milli <= quantity_milli)),
  handover_mass_grams INTEGER CHECK (handover_mass_grams IS NULL OR handover_mass_grams > 0),
  transport_mode TEXT CHECK (transport_mode IS NULL OR
    transport_mode IN ('on_foot', 'bike', 'cargo_bike', 'car', 'van')),
  handover_by INTEGER REFERENCES users (id),
  handover_hub_id INTEGER REFERENCES hubs (id),
  handed_over_at TEXT,
  confirm_by TEXT,
  dispute_reason TEXT,
  completed_at TEXT,
  -- Written by the first statement of every transition batch; the batch's other statements
  -- apply only where it holds this request's token, i.e. only when the transition applied.
  action_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (from_hub_id <> to_hub_id)
);
CREATE INDEX exchanges_from_hub ON exchanges (from_hub_id, state, id);
CREATE INDEX exchanges_to_hub ON exchanges (to_hub_id, state, id);
CREATE INDEX exchanges_listing ON exchanges (listing_id, state);
CREATE INDEX exchanges_state_expiry ON exchanges (state, expires_at);
CREATE INDEX exchanges_state_confirm ON exchanges (state, confirm_by);

-- The audit timeline: every state change, who made it (NULL for the scheduler) and when.
CREATE TABLE exchange_events (
  id INTEGER PRIMARY KEY,
  exchange_id INTEGER NOT NULL REFERENCES exchanges (id),
  actor_id INTEGER REFERENCES users (id),
  action TEXT NOT NULL,
  from_state TEXT,
  to_state TEXT NOT NULL,
  note TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX exchange_events_exchange ON exchange_events (exchange_id, id);

CREATE TABLE exchange_messages (
  id INTEGER PRIMARY KEY,
  exchange_id INTEGER NOT NULL REFERENCES exchanges (id),
  author_id INTEGER NOT NULL REFERENCES users (id),
  hub_id INTEGER NOT NULL REFERENCES hubs (id),
  body TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX exchange_messages_exchange ON exchange_messages (exchange_id, id);

-- What the receiving hub made of the material.
CREATE TABLE exchange_outcomes (
  id INTEGER PRIMARY KEY,
  exchange_id INTEGER NOT NULL REFERENCES exchanges (id),
  author_id INTEGER NOT NULL REFERENCES users (id),
  body TEXT NOT NULL,
  link TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX exchange_outcomes_exchange ON exchange_outcomes (exchange_id, id);

-- The ledger of material that moved. Append-only: a correction is a new row reversing an
-- earlier one (negated quantity and mass) with a reason.
CREATE TABLE flows (
  id INTEGER PRIMARY KEY,
  exchange_id INTEGER NOT NULL REFERENCES exchanges (id),
  from_hub_id INTEGER NOT NULL REFERENCES hubs (id),
  to_hub_id INTEGER NOT NULL REFERENCES hubs (id),
  category TEXT NOT NULL,
  quantity_milli INTEGER NOT NULL,
  unit TEXT NOT NULL,
  mass_grams INTEGER,
  mass_source TEXT NOT NULL CHECK (mass_source IN ('weighed', 'estimated', 'unknown')),
  completed_at TEXT NOT NULL,
  reverses_flow_id INTEGER REFERENCES flows (id),
  reason TEXT,
  created_by INTEGER REFERENCES users (id),
  created_at TEXT NOT NULL,
  CHECK ((reverses_flow_id IS NULL AND reason IS NULL AND quantity_milli > 0) OR
    (reverses_flow_id IS NOT NULL AND length(trim(reason)) > 0 AND quantity_milli < 0))
);
-- One ledger row per completed exchange, and at most one reversal per row.
CREATE UNIQUE INDEX flows_exchange_once ON flows (exchange_id) WHERE reverses_flow_id IS NULL;
CREATE UNIQUE INDEX flows_reversed_once ON flows (reverses_flow_id) WHERE reverses_flow_id IS NOT NULL;
CREATE INDEX flows_from_hub ON flows (from_hub_id, id);
CREATE INDEX flows_to_hub ON flows (to_hub_id, id);
CREATE INDEX flows_completed ON flows (completed_at, id);

CREATE TRIGGER flows_no_update BEFORE UPDATE ON flows
BEGIN
  SELECT RAISE(ABORT, 'flows are append-only: add a reversing row instead');
END;
CREATE TRIGGER flows_no_delete BEFORE DELETE ON flows
BEGIN
  SELECT RAISE(ABORT, 'flows are append-only: add a reversing row instead');
END;

-- Idempotency-Key: the first request with a key claims it (a conditional insert), later ones
-- with the same key get the stored response, or 422 when their body differs.
CREATE TABLE idempotency_keys (
  user_id INTEGER NOT NULL REFERENCES users (id),
  idem_key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  status_code INTEGER,
  response_json TEXT,
  created_at TEXT NOT NULL,
  PRIMARY KEY (user_id, idem_key)
);
