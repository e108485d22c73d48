-- "My part fits" near a point: only listings with a length and a width can fit a part, and many
-- listings have none. `sized` marks them, and its index (sized, status, hub_id, id) lets a search
-- by place list the hubs holding any (`hubsHolding`) and read each hub's sized listings newest
-- first, instead of walking every listing of every hub in reach (at a million listings without
-- sizes: 34,888 rows a page, 5 statements, and a page that stops early).
ALTER TABLE listings ADD COLUMN sized INTEGER GENERATED ALWAYS AS (length_mm IS NOT NULL AND width_mm IS NOT NULL) VIRTUAL;
CREATE INDEX listings_sized_status_hub_id ON listings (sized, status, hub_id, id);
