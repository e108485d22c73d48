-- A search by place filtered by a category, family, kind, condition or price reads it hub by hub
-- through an index of (column, status, hub_id, id):
-- * a rare one first lists the hubs holding it (`hubsHolding` in search.statements.ts), walking
--   the index from each hub to the next (a seek per hub), then reads only those hubs;
-- * each hub's rows of it are read newest first from their own range of the index (id last), not
--   by walking the hub's every listing and dropping the others.
-- Without these, nearest first with a category held by one hub read every listing of every hub
-- in reach: at a million listings and 2,000 hubs, 1,004,341 rows in 74 statements, 2 to 6 s.
CREATE INDEX listings_category_status_hub_id ON listings (category, status, hub_id, id);
CREATE INDEX listings_family_status_hub_id ON listings (family, status, hub_id, id);
CREATE INDEX listings_kind_status_hub_id ON listings (kind, status, hub_id, id);
CREATE INDEX listings_condition_status_hub_id ON listings (condition, status, hub_id, id);
CREATE INDEX listings_price_status_hub_id ON listings (price_type, status, hub_id, id);
CREATE INDEX requests_category_status_hub_id ON requests (category, status, hub_id, id);
CREATE INDEX requests_family_status_hub_id ON requests (family, status, hub_id, id);
