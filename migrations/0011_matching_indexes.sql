-- Matching at scale: a listing's or request's candidates are read by category family, at each hub
-- within reach, as one index range per hub.
--
-- The family (the root of a category in src/shared/taxonomy.ts) as a generated column. The CASE
-- below must name every category under its family; test/integration/matching.family.test.ts checks
-- it against the taxonomy, so a category added there without a migration fails the tests.
ALTER TABLE listings ADD COLUMN family TEXT GENERATED ALWAYS AS (
  CASE
    WHEN category IN ('plywood', 'birch-plywood', 'mdf', 'osb', 'solid-wood', 'hardwood', 'softwood', 'pallets') THEN 'wood'
    WHEN category IN ('acrylic', 'pla', 'abs', 'petg', 'pet', 'polycarbonate', 'hdpe', 'foam') THEN 'plastics'
    WHEN category IN ('steel', 'stainless-steel', 'aluminium', 'copper', 'brass') THEN 'metals'
    WHEN category IN ('cotton', 'wool', 'synthetic-fabric', 'leather') THEN 'textiles'
    WHEN category IN ('cardboard', 'paper') THEN 'paper-board'
    WHEN category IN ('components', 'cables') THEN 'electronics'
    WHEN category IN ('laser-cutting', 'cnc-milling', '3d-printing') THEN 'machine-time'
    ELSE category
  END
) VIRTUAL;
ALTER TABLE requests ADD COLUMN family TEXT GENERATED ALWAYS AS (
  CASE
    WHEN category IN ('plywood', 'birch-plywood', 'mdf', 'osb', 'solid-wood', 'hardwood', 'softwood', 'pallets') THEN 'wood'
    WHEN category IN ('acrylic', 'pla', 'abs', 'petg', 'pet', 'polycarbonate', 'hdpe', 'foam') THEN 'plastics'
    WHEN category IN ('steel', 'stainless-steel', 'aluminium', 'copper', 'brass') THEN 'metals'
    WHEN category IN ('cotton', 'wool', 'synthetic-fabric', 'leather') THEN 'textiles'
    WHEN category IN ('cardboard', 'paper') THEN 'paper-board'
    WHEN category IN ('components', 'cables') THEN 'electronics'
    WHEN category IN ('laser-cutting', 'cnc-milling', '3d-printing') THEN 'machine-time'
    ELSE category
  END
) VIRTUAL;

-- A request's candidate listings: per hub within reach, the family's active listings still
-- available on the day (no end sorts last, as '9999-12-31').
DROP INDEX listings_category_status_hub;
CREATE INDEX listings_family_status_hub_until
  ON listings (family, status, hub_id, coalesce(available_until, '9999-12-31'));
-- A listing's candidate requests: per hub within reach, the family's open requests whose fetch
-- radius reaches it (radius as the last column).
DROP INDEX requests_category_status_hub;
CREATE INDEX requests_family_status_hub_radius ON requests (family, status, hub_id, fetch_radius_km);
-- The scheduled expiry reads only the listings whose availability ended since its last run.
CREATE INDEX listings_available_until ON listings (available_until) WHERE available_until IS NOT NULL;
