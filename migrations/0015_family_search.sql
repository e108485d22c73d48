-- Search by a whole category family ("wood"), newest first: one range of the family, read a
-- page at a time, instead of one range per category of the family merged and sorted.
CREATE INDEX listings_family_status_id ON listings (family, status, id);
CREATE INDEX requests_family_status_id ON requests (family, status, id);
