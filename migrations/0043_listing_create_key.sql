-- Publishing a listing is one action: the listing and its photos in one batch, at most once per key.
-- create_key: the Idempotency-Key of the create (or one per request without it); a retry with the
-- same key finds the listing instead of making a second one (the unique index decides, not a read).
ALTER TABLE listings ADD COLUMN create_key TEXT;
CREATE UNIQUE INDEX listings_author_create_key ON listings (author_id, create_key);
-- photos_token: set by the statement that starts a change of a listing's photos; the photo
-- statements after it in the same batch apply only while it holds their change's token.
ALTER TABLE listings ADD COLUMN photos_token TEXT;
