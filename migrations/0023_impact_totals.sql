-- Kept totals of impact, per scope (a network, or 0 for Omloop's default scope), month, giving
-- hub, receiving hub and material family: the sums of the current impact rows. Written in the
-- same batch as each impact row (a superseded row is subtracted, its successor added), so a
-- dashboard view reads these few rows instead of the ledger. Backfilled from the rows kept so far.
CREATE TABLE impact_totals (
  scope_id INTEGER NOT NULL,
  month TEXT NOT NULL,
  from_hub_id INTEGER NOT NULL REFERENCES hubs (id),
  to_hub_id INTEGER NOT NULL REFERENCES hubs (id),
  family TEXT NOT NULL,
  exchanges INTEGER NOT NULL DEFAULT 0,
  mass_weighed_g INTEGER NOT NULL DEFAULT 0,
  mass_estimated_g INTEGER NOT NULL DEFAULT 0,
  mass_estimated_low_g INTEGER NOT NULL DEFAULT 0,
  mass_estimated_high_g INTEGER NOT NULL DEFAULT 0,
  mass_unknown INTEGER NOT NULL DEFAULT 0,
  machine_hours_milli INTEGER NOT NULL DEFAULT 0,
  gross_g INTEGER NOT NULL DEFAULT 0,
  gross_low_g INTEGER NOT NULL DEFAULT 0,
  gross_high_g INTEGER NOT NULL DEFAULT 0,
  attributed_g INTEGER NOT NULL DEFAULT 0,
  attributed_low_g INTEGER NOT NULL DEFAULT 0,
  attributed_high_g INTEGER NOT NULL DEFAULT 0,
  transport_g INTEGER NOT NULL DEFAULT 0,
  net_g INTEGER NOT NULL DEFAULT 0,
  net_low_g INTEGER NOT NULL DEFAULT 0,
  net_high_g INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (scope_id, month, from_hub_id, to_hub_id, family)
);

-- The newest impact row of a scope in one index step (the report's version reads it).
CREATE INDEX exchange_impacts_scope_id ON exchange_impacts (network_id, id);

INSERT INTO impact_totals (scope_id, month, from_hub_id, to_hub_id, family, exchanges, mass_weighed_g,
  mass_estimated_g, mass_estimated_low_g, mass_estimated_high_g, mass_unknown, machine_hours_milli,
  gross_g, gross_low_g, gross_high_g, attributed_g, attributed_low_g, attributed_high_g, transport_g,
  net_g, net_low_g, net_high_g)
SELECT coalesce(network_id, 0), substr(completed_at, 1, 7), from_hub_id, to_hub_id, family, count(*),
  sum(CASE WHEN mass_source = 'weighed' THEN mass_grams ELSE 0 END),
  sum(CASE WHEN mass_source = 'estimated' THEN mass_grams ELSE 0 END),
  sum(CASE WHEN mass_source = 'estimated' THEN mass_low_grams ELSE 0 END),
  sum(CASE WHEN mass_source = 'estimated' THEN mass_high_grams ELSE 0 END),
  sum(CASE WHEN mass_source = 'unknown' THEN 1 ELSE 0 END),
  sum(machine_hours_milli), sum(gross_g), sum(gross_low_g), sum(gross_high_g), sum(attributed_g),
  sum(attributed_low_g), sum(attributed_high_g), sum(transport_g), sum(net_g), sum(net_low_g), sum(net_high_g)
FROM exchange_impacts WHERE superseded_by IS NULL
GROUP BY coalesce(network_id, 0), substr(completed_at, 1, 7), from_hub_id, to_hub_id, family;
