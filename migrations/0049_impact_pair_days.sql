-- A view of any days reads one row per hub pair and category (and the network's fixed rows),
-- whatever the period: each pair keeps the sums of its current impact rows per day as one JSON
-- object, {"2026-05-14": [exchanges, mass_weighed_g, …, net_high_g]} (impact_rollups' kept
-- columns, in that order). Until now a period spanning several months read each month's kept rows
-- (about 260 a month at 20,000 exchanges) and the impact rows of the days of a month it covered
-- in part. The sums come from impact_rollups, which now keeps each impact row on its day too
-- (period 'd2026-05-14', added and subtracted in the impact row's batch like its month, year and
-- all-time rows); a trigger copies each day row's sums into its pair's object, so the figures are
-- exactly those the batch kept. A day whose rows were all superseded leaves the object, and a pair
-- with no day left leaves the table.
CREATE TABLE impact_pair_days (
  scope_id INTEGER NOT NULL,
  from_hub_id INTEGER NOT NULL REFERENCES hubs (id),
  to_hub_id INTEGER NOT NULL REFERENCES hubs (id),
  category TEXT NOT NULL,
  family TEXT NOT NULL,
  days TEXT NOT NULL DEFAULT '{}',
  PRIMARY KEY (scope_id, from_hub_id, to_hub_id, category)
);

CREATE TRIGGER impact_rollups_day_added AFTER INSERT ON impact_rollups
WHEN substr(NEW.period, 1, 1) = 'd'
BEGIN
  INSERT OR IGNORE INTO impact_pair_days (scope_id, from_hub_id, to_hub_id, category, family)
  VALUES (NEW.scope_id, NEW.from_hub_id, NEW.to_hub_id, NEW.category, NEW.family);
  UPDATE impact_pair_days SET days = json_set(days, '$."' || substr(NEW.period, 2) || '"',
    json_array(
      NEW.exchanges, NEW.mass_weighed_g, NEW.mass_estimated_g, NEW.mass_estimated_low_g,
      NEW.mass_estimated_high_g, NEW.mass_unknown, NEW.machine_hours_milli, NEW.gross_g,
      NEW.gross_low_g, NEW.gross_high_g, NEW.attributed_g, NEW.attributed_low_g,
      NEW.attributed_high_g, NEW.transport_g, NEW.net_g, NEW.net_low_g, NEW.net_high_g))
  WHERE scope_id = NEW.scope_id AND from_hub_id = NEW.from_hub_id AND to_hub_id = NEW.to_hub_id
    AND category = NEW.category;
END;

CREATE TRIGGER impact_rollups_day_changed AFTER UPDATE ON impact_rollups
WHEN substr(NEW.period, 1, 1) = 'd'
BEGIN
  UPDATE impact_pair_days SET days = CASE WHEN NEW.exchanges = 0
    THEN json_remove(days, '$."' || substr(NEW.period, 2) || '"')
    ELSE json_set(days, '$."' || substr(NEW.period, 2) || '"',
    json_array(
      NEW.exchanges, NEW.mass_weighed_g, NEW.mass_estimated_g, NEW.mass_estimated_low_g,
      NEW.mass_estimated_high_g, NEW.mass_unknown, NEW.machine_hours_milli, NEW.gross_g,
      NEW.gross_low_g, NEW.gross_high_g, NEW.attributed_g, NEW.attributed_low_g,
      NEW.attributed_high_g, NEW.transport_g, NEW.net_g, NEW.net_low_g, NEW.net_high_g)) END
  WHERE scope_id = NEW.scope_id AND from_hub_id = NEW.from_hub_id AND to_hub_id = NEW.to_hub_id
    AND category = NEW.category;
  DELETE FROM impact_pair_days
  WHERE scope_id = NEW.scope_id AND from_hub_id = NEW.from_hub_id AND to_hub_id = NEW.to_hub_id
    AND category = NEW.category AND days = '{}';
END;

-- The factors and methods used, per day, the same way: one row per factor and method, whose
-- object counts the current impact rows of each day ({"2026-05-14": 3}), copied from the day rows
-- of impact_uses.
CREATE TABLE impact_use_days (
  scope_id INTEGER NOT NULL,
  factor_id INTEGER NOT NULL,
  method TEXT NOT NULL,
  days TEXT NOT NULL DEFAULT '{}',
  PRIMARY KEY (scope_id, factor_id, method)
);

CREATE TRIGGER impact_uses_day_added AFTER INSERT ON impact_uses
WHEN substr(NEW.month, 1, 1) = 'd'
BEGIN
  INSERT OR IGNORE INTO impact_use_days (scope_id, factor_id, method)
  VALUES (NEW.scope_id, NEW.factor_id, NEW.method);
  UPDATE impact_use_days SET days = json_set(days, '$."' || substr(NEW.month, 2) || '"', NEW.exchanges)
  WHERE scope_id = NEW.scope_id AND factor_id = NEW.factor_id AND method = NEW.method;
END;

CREATE TRIGGER impact_uses_day_changed AFTER UPDATE ON impact_uses
WHEN substr(NEW.month, 1, 1) = 'd'
BEGIN
  UPDATE impact_use_days SET days = CASE WHEN NEW.exchanges = 0
    THEN json_remove(days, '$."' || substr(NEW.month, 2) || '"')
    ELSE json_set(days, '$."' || substr(NEW.month, 2) || '"', NEW.exchanges) END
  WHERE scope_id = NEW.scope_id AND factor_id = NEW.factor_id AND method = NEW.method;
  DELETE FROM impact_use_days
  WHERE scope_id = NEW.scope_id AND factor_id = NEW.factor_id AND method = NEW.method AND days = '{}';
END;

-- The day rows of every current impact row (the triggers above fill impact_pair_days and
-- impact_use_days).
INSERT INTO impact_rollups (scope_id, period, from_hub_id, to_hub_id, category, family,
  exchanges, mass_weighed_g, mass_estimated_g, mass_estimated_low_g, mass_estimated_high_g,
  mass_unknown, machine_hours_milli, gross_g, gross_low_g, gross_high_g, attributed_g,
  attributed_low_g, attributed_high_g, transport_g, net_g, net_low_g, net_high_g)
SELECT coalesce(network_id, 0), 'd' || substr(completed_at, 1, 10), from_hub_id, to_hub_id, category, family,
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
FROM exchange_impacts
WHERE superseded_by IS NULL
GROUP BY 1, 2, 3, 4, 5, 6;

-- The factors and methods used, kept per day too.
INSERT INTO impact_uses (scope_id, month, factor_id, method, exchanges)
SELECT coalesce(network_id, 0), 'd' || substr(completed_at, 1, 10), coalesce(factor_id, 0),
  json_object('attribution', json_extract(method_json, '$.attribution'),
    'deadweight', json_extract(method_json, '$.deadweight'), 'transport', json_extract(method_json, '$.transport'),
    'estimateRange', json_extract(method_json, '$.estimateRange')),
  count(*)
FROM exchange_impacts
WHERE superseded_by IS NULL
GROUP BY 1, 2, 3, 4;
