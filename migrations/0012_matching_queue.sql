-- Listings waiting for their first matching pass: an import creates thousands of listings in one
-- statement, more than one request can match on the spot. They are queued in the same batch and
-- matched right after the import's response and by every scheduled pass until the queue is empty.
CREATE TABLE matching_queue (
  listing_id INTEGER PRIMARY KEY REFERENCES listings (id),
  queued_at TEXT NOT NULL
);
-- An import's listings, to queue them.
CREATE INDEX listings_import ON listings (import_id) WHERE import_id IS NOT NULL;
