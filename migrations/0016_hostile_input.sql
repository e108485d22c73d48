-- Logins are counted per (email, address) pair first: one index range per pair. Old attempts
-- are pruned by time.
CREATE INDEX login_attempts_email_ip ON login_attempts (email, ip, attempted_at);
CREATE INDEX login_attempts_time ON login_attempts (attempted_at);

-- An Idempotency-Key is held by a lease: an unfinished request keeps its key until leased_until,
-- then a retry with the same body takes it over (lease_token names the holder). Keys claimed
-- before this have no lease and can be taken over at once if they never finished.
ALTER TABLE idempotency_keys ADD COLUMN lease_token TEXT;
ALTER TABLE idempotency_keys ADD COLUMN leased_until TEXT;

-- Web addresses people give are http(s) only; one stored earlier with another scheme
-- (javascript:, data: …) is dropped rather than kept as a link.
UPDATE hubs SET website = NULL
WHERE website IS NOT NULL AND website NOT LIKE 'http://%' AND website NOT LIKE 'https://%';
UPDATE exchange_outcomes SET link = NULL
WHERE link IS NOT NULL AND link NOT LIKE 'http://%' AND link NOT LIKE 'https://%';
