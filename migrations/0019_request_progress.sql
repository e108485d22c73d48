-- A claim can name the request of the claimant's hub it is for: the request's progress (claimed,
-- accepted, received from the ledger) is read through this link.
ALTER TABLE exchanges ADD COLUMN request_id INTEGER REFERENCES requests (id);
CREATE INDEX exchanges_request ON exchanges (request_id, id) WHERE request_id IS NOT NULL;
-- "Claimed by your hub" and "no new match for a listing my hub already exchanges": by hub and listing.
CREATE INDEX exchanges_to_hub_listing ON exchanges (to_hub_id, listing_id, state);
