-- Matching at scale.
-- A listing's candidate requests: for each category of its family and each hub within reach, the
-- open requests whose fetch radius reaches it are one index range (radius as the last column).
DROP INDEX requests_category_status_hub;
CREATE INDEX requests_category_status_hub_radius ON requests (category, status, hub_id, fetch_radius_km);
-- The scheduled expiry reads only the listings whose availability ended since its last run.
CREATE INDEX listings_available_until ON listings (available_until) WHERE available_until IS NOT NULL;
-- A request's candidate listings: for each category of its family and each hub within reach, the
-- active listings still available on the day are one index range (open-ended availability sorts last).
DROP INDEX listings_category_status_hub;
CREATE INDEX listings_category_status_hub_until
  ON listings (category, status, hub_id, coalesce(available_until, '9999-12-31'));
