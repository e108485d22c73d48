-- Which factors and methods the current impact rows of a scope were computed with, per month,
-- with how many rows: the dashboard names them without reading the rows. Kept in the same batch
-- as each impact row, like impact_totals; backfilled from the rows kept so far.
CREATE TABLE impact_uses (
  scope_id INTEGER NOT NULL,
  month TEXT NOT NULL,
  -- 0 when no factor was used (machine time, or a category without one).
  factor_id INTEGER NOT NULL,
  -- The method's four numbers as JSON.
  method TEXT NOT NULL,
  exchanges INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (scope_id, month, factor_id, method)
);

INSERT INTO impact_uses (scope_id, month, factor_id, method, exchanges)
SELECT coalesce(network_id, 0), substr(completed_at, 1, 7), coalesce(factor_id, 0),
  json_object('attribution', json_extract(method_json, '$.attribution'),
    'deadweight', json_extract(method_json, '$.deadweight'),
    'transport', json_extract(method_json, '$.transport'),
    'estimateRange', json_extract(method_json, '$.estimateRange')),
  count(*)
FROM exchange_impacts WHERE superseded_by IS NULL
GROUP BY 1, 2, 3, 4;
