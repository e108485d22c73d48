-- Kept totals at three lengths of period, so that a dashboard view reads rows in proportion to
-- what it shows, not to the months it covers: per scope (a network, or 0 for Omloop's default
-- scope), period ('YYYY-MM' a month, 'yYYYY' a year, 'all' every period), giving hub, receiving
-- hub and category (with its family). Replaces impact_totals (month, hub pair, family): the
-- category in the key lets the per-category view read these rows instead of the impact rows.
-- Written in the same batch as each impact row, like impact_totals was; backfilled below.
CREATE TABLE impact_rollups (
  scope_id INTEGER NOT NULL,
  period TEXT NOT NULL,
  from_hub_id INTEGER NOT NULL REFERENCES hubs (id),
  to_hub_id INTEGER NOT NULL REFERENCES hubs (id),
  category TEXT NOT NULL,
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
  PRIMARY KEY (scope_id, period, from_hub_id, to_hub_id, category)
);

INSERT INTO impact_rollups (scope_id, period, from_hub_id, to_hub_id, category, family,
  exchanges, mass_weighed_g, mass_estimated_g, mass_estimated_low_g, mass_estimated_high_g,
  mass_unknown, machine_hours_milli, gross_g, gross_low_g, gross_high_g, attributed_g,
  attributed_low_g, attributed_high_g, transport_g, net_g, net_low_g, net_high_g)
SELECT coalesce(network_id, 0),
  CASE g.k WHEN 0 THEN substr(completed_at, 1, 7) WHEN 1 THEN 'y' || substr(completed_at, 1, 4) ELSE 'all' END,
  from_hub_id, to_hub_id, category, family,
  count(*),
  sum(CASE WHEN mass_source = 'weighed' THEN mass_grams ELSE 0 END),
  sum(CASE WHEN mass_source = 'estimated' THEN mass_grams ELSE 0 END),
  sum(CASE WHEN mass_source = 'estimated' THEN mass_low_grams ELSE 0 END),
  sum(CASE WHEN mass_source = 'estimated' THEN mass_high_grams ELSE 0 END),
  sum(CASE WHEN mass_source = 'unknown' THEN 1 ELSE 0 END),
  sum(machine_hours_milli),
  sum(gross_g),
  sum(gross_low_g),
  sum(gross_high_g),
  sum(attributed_g),
  sum(attributed_low_g),
  sum(attributed_high_g),
  sum(transport_g),
  sum(net_g),
  sum(net_low_g),
  sum(net_high_g)
FROM exchange_impacts, (SELECT 0 AS k UNION ALL SELECT 1 UNION ALL SELECT 2) g
WHERE superseded_by IS NULL
GROUP BY 1, 2, 3, 4, 5, 6;

DROP TABLE impact_totals;

-- The factors and methods used, kept per year and over every period too (per month until now).
INSERT INTO impact_uses (scope_id, month, factor_id, method, exchanges)
SELECT scope_id, 'y' || substr(month, 1, 4), factor_id, method, sum(exchanges)
FROM impact_uses WHERE length(month) = 7 GROUP BY 1, 2, 3, 4;
INSERT INTO impact_uses (scope_id, month, factor_id, method, exchanges)
SELECT scope_id, 'all', factor_id, method, sum(exchanges)
FROM impact_uses WHERE length(month) = 7 GROUP BY 1, 2, 3, 4;

-- A network's month over all its hub pairs: the monthly view reads one row per month. Its sums
-- count the rows touching an active hub of the network, and hubs_active the network's active
-- hubs that took part that month (a count that cannot be added up from other rows, so it is
-- kept). Refreshed from impact_rollups for the months an impact row touches (in that row's
-- batch), and for every month when the network's hubs change (triggers below).
CREATE TABLE impact_months (
  scope_id INTEGER NOT NULL REFERENCES networks (id),
  month TEXT NOT NULL,
  hubs_active INTEGER NOT NULL DEFAULT 0,
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
  PRIMARY KEY (scope_id, month)
);

-- What impact_months holds, computed from impact_rollups. A filter on scope_id and a plain month
-- is pushed into the grouping, so one month reads that month's rows only (and one network_hubs
-- row per hub it tests).
CREATE VIEW impact_month_sums AS
SELECT r.scope_id, r.period AS month,
  (SELECT count(*) FROM (
     SELECT x.from_hub_id AS hub_id FROM impact_rollups x
     WHERE x.scope_id = r.scope_id AND x.period = r.period AND x.exchanges <> 0
     UNION
     SELECT x.to_hub_id FROM impact_rollups x
     WHERE x.scope_id = r.scope_id AND x.period = r.period AND x.exchanges <> 0) u
   WHERE EXISTS (SELECT 1 FROM network_hubs nh WHERE nh.network_id = r.scope_id AND nh.hub_id = u.hub_id AND nh.status = 'active')) AS hubs_active,
  sum(r.exchanges) AS exchanges,
  sum(r.mass_weighed_g) AS mass_weighed_g,
  sum(r.mass_estimated_g) AS mass_estimated_g,
  sum(r.mass_estimated_low_g) AS mass_estimated_low_g,
  sum(r.mass_estimated_high_g) AS mass_estimated_high_g,
  sum(r.mass_unknown) AS mass_unknown,
  sum(r.machine_hours_milli) AS machine_hours_milli,
  sum(r.gross_g) AS gross_g,
  sum(r.gross_low_g) AS gross_low_g,
  sum(r.gross_high_g) AS gross_high_g,
  sum(r.attributed_g) AS attributed_g,
  sum(r.attributed_low_g) AS attributed_low_g,
  sum(r.attributed_high_g) AS attributed_high_g,
  sum(r.transport_g) AS transport_g,
  sum(r.net_g) AS net_g,
  sum(r.net_low_g) AS net_low_g,
  sum(r.net_high_g) AS net_high_g
FROM impact_rollups r
WHERE r.scope_id <> 0 AND length(r.period) = 7
  AND (EXISTS (SELECT 1 FROM network_hubs nh WHERE nh.network_id = r.scope_id AND nh.hub_id = r.from_hub_id AND nh.status = 'active')
    OR EXISTS (SELECT 1 FROM network_hubs nh WHERE nh.network_id = r.scope_id AND nh.hub_id = r.to_hub_id AND nh.status = 'active'))
GROUP BY r.scope_id, r.period;

INSERT INTO impact_months (scope_id, month, hubs_active, exchanges, mass_weighed_g, mass_estimated_g, mass_estimated_low_g, mass_estimated_high_g, mass_unknown, machine_hours_milli, gross_g, gross_low_g, gross_high_g, attributed_g, attributed_low_g, attributed_high_g, transport_g, net_g, net_low_g, net_high_g)
SELECT scope_id, month, hubs_active, exchanges, mass_weighed_g, mass_estimated_g, mass_estimated_low_g, mass_estimated_high_g, mass_unknown, machine_hours_milli, gross_g, gross_low_g, gross_high_g, attributed_g, attributed_low_g, attributed_high_g, transport_g, net_g, net_low_g, net_high_g FROM impact_month_sums;

CREATE TRIGGER network_hubs_added_months AFTER INSERT ON network_hubs
BEGIN
  DELETE FROM impact_months WHERE scope_id = NEW.network_id;
  INSERT INTO impact_months (scope_id, month, hubs_active, exchanges, mass_weighed_g, mass_estimated_g, mass_estimated_low_g, mass_estimated_high_g, mass_unknown, machine_hours_milli, gross_g, gross_low_g, gross_high_g, attributed_g, attributed_low_g, attributed_high_g, transport_g, net_g, net_low_g, net_high_g)
  SELECT scope_id, month, hubs_active, exchanges, mass_weighed_g, mass_estimated_g, mass_estimated_low_g, mass_estimated_high_g, mass_unknown, machine_hours_milli, gross_g, gross_low_g, gross_high_g, attributed_g, attributed_low_g, attributed_high_g, transport_g, net_g, net_low_g, net_high_g FROM impact_month_sums WHERE scope_id = NEW.network_id;
END;

CREATE TRIGGER network_hubs_status_months AFTER UPDATE OF status ON network_hubs
BEGIN
  DELETE FROM impact_months WHERE scope_id = NEW.network_id;
  INSERT INTO impact_months (scope_id, month, hubs_active, exchanges, mass_weighed_g, mass_estimated_g, mass_estimated_low_g, mass_estimated_high_g, mass_unknown, machine_hours_milli, gross_g, gross_low_g, gross_high_g, attributed_g, attributed_low_g, attributed_high_g, transport_g, net_g, net_low_g, net_high_g)
  SELECT scope_id, month, hubs_active, exchanges, mass_weighed_g, mass_estimated_g, mass_estimated_low_g, mass_estimated_high_g, mass_unknown, machine_hours_milli, gross_g, gross_low_g, gross_high_g, attributed_g, attributed_low_g, attributed_high_g, transport_g, net_g, net_low_g, net_high_g FROM impact_month_sums WHERE scope_id = NEW.network_id;
END;

CREATE TRIGGER network_hubs_removed_months AFTER DELETE ON network_hubs
BEGIN
  DELETE FROM impact_months WHERE scope_id = OLD.network_id;
  INSERT INTO impact_months (scope_id, month, hubs_active, exchanges, mass_weighed_g, mass_estimated_g, mass_estimated_low_g, mass_estimated_high_g, mass_unknown, machine_hours_milli, gross_g, gross_low_g, gross_high_g, attributed_g, attributed_low_g, attributed_high_g, transport_g, net_g, net_low_g, net_high_g)
  SELECT scope_id, month, hubs_active, exchanges, mass_weighed_g, mass_estimated_g, mass_estimated_low_g, mass_estimated_high_g, mass_unknown, machine_hours_milli, gross_g, gross_low_g, gross_high_g, attributed_g, attributed_low_g, attributed_high_g, transport_g, net_g, net_low_g, net_high_g FROM impact_month_sums WHERE scope_id = OLD.network_id;
END;
